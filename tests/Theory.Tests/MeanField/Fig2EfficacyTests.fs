/// Brunel (2000) Fig. 2 at two synaptic efficacies. With J = 0.1 mV (the spec) the analytic SR/AI line sits at
/// g ≈ 3.2–3.4 and SI-slow is a thin, broken band; with J = 0.2 mV the line is at g ≈ 3.82–3.87 and SI-slow covers
/// g = 4.25–8 for ν_ext/ν_thr ≈ 0.76–0.95 — the two features of the published figure (SR for g ≲ 4; SI slow for
/// g ≳ 4.5 below ν_thr) that 0.1 mV lacks (docs/MODELS.md, "Differences from Brunel (2000) Fig. 2").
/// Default suite: the analytic lines, and the kernel at (3.6, 2) with both efficacies (0.6 s each).
/// `crosscheck.MeanField.Fig2Efficacy`: N_E-dependence of χ² at (3.6, 2) and (6, 0.85) with J = 0.2 mV and at Fig. 8D's
/// (4.5, 0.9) with J = 0.1 mV (about 1.5 min).
module Theory.Tests.MeanField.Fig2Efficacy

open Expecto
open Theory.Experiments.MeanField
open Theory.Experiments.Networks

let private regime j g q = BrunelTheory.At(g, q, j).Regime

/// Bisection to 0.002 between two points of different analytic regime along x (f x = regime).
let private boundary (f: float -> string) (lo: float) (hi: float) =
    let rlo = f lo
    Expect.notEqual (f hi) rlo (sprintf "regimes differ at %g and %g" lo hi)
    let mutable a, b = lo, hi
    while b - a > 0.002 do
        let m = 0.5 * (a + b)
        if f m = rlo then a <- m else b <- m
    0.5 * (a + b)

let private sim j g q ne duration =
    BrunelSimulation(G = g, NuExtRatio = q, Duration = duration, Warmup = 0.2, Seed = 1UL, NE = ne, NI = ne / 4, J = j)

let private show = Theory.Tests.MeanField.SrBoundary.show
let private ratio = Theory.Tests.MeanField.SrBoundary.ratioWithSem

/// Linearly unstable slow mode at (g, q) with efficacy j, yet the kernel's χ² scales as 1/N_E at fixed C_E:
/// χ²(5000)/χ²(20 000) is consistent with 4 (from below, within 3 s.e.) and excludes an N-independent oscillation.
let private finiteSizeSlowMode j g q =
    let p = BrunelTheory.At(g, q, j)
    printfn "theory: %s, rate %.3f Hz, %.1f Hz" p.Regime p.Rate p.Frequency
    Expect.equal p.Regime "SI-slow" "analytic"
    let large = SrBoundarySweep.Run(sim j g q 20000 3.2, SrStart.Uniform)
    let small = SrBoundarySweep.Run(sim j g q 5000 3.2, SrStart.Uniform)
    show "N_E = 20000" large
    show "N_E =  5000" small
    let r, se = ratio small large
    printfn "χ²(5000)/χ²(20000) = %.2f ± %.2f (4 = finite size, 1 = macroscopic oscillation)" r se
    Expect.isGreaterThan (r + 3.0 * se) 4.0 "consistent with 1/N_E from below"
    Expect.isGreaterThan (r - 3.0 * se) 2.0 "excludes an N-independent oscillation"

[<Tests>]
let short =
    testList "MeanField.Fig2Efficacy" [
        test "SR/AI line: g in [3.75, 4] with J = 0.2 mV (paper: SR for g ≲ 4), g in [3.1, 3.5] with J = 0.1 mV" {
            for q in [ 1.0; 2.0; 4.0 ] do
                let g2 = boundary (fun g -> regime 2e-4 g q) 3.5 4.2
                let g1 = boundary (fun g -> regime 1e-4 g q) 3.0 3.8
                printfn "nu_ext/nu_thr = %g: SR/AI at g = %.3f (J = 0.2 mV), %.3f (J = 0.1 mV)" q g2 g1
                Expect.isTrue (g2 >= 3.75 && g2 <= 4.0) (sprintf "J = 0.2 mV line at %g" g2)
                Expect.isTrue (g1 >= 3.1 && g1 <= 3.5) (sprintf "J = 0.1 mV line at %g" g1)
        }
        test "SI-slow below ν_thr across g = 4.5–8 with J = 0.2 mV (paper's Fig. 2), 15–45 Hz; not at g = 6–7 with 0.1 mV" {
            for g in [ 4.5; 5.0; 6.0; 7.0; 8.0 ] do
                let p = BrunelTheory.At(g, 0.85, 2e-4)
                Expect.equal p.Regime "SI-slow" (sprintf "(%g, 0.85), J = 0.2 mV" g)
                Expect.isTrue (p.Frequency > 15.0 && p.Frequency < 45.0) (sprintf "frequency %g Hz at g = %g" p.Frequency g)
                Expect.equal (regime 2e-4 g 1.0) "AI" (sprintf "(%g, 1.0), J = 0.2 mV" g)
                let top = boundary (fun q -> regime 2e-4 g q) 0.85 1.0
                let bottom = boundary (fun q -> regime 2e-4 g q) 0.6 0.85
                printfn "g = %g: SI-slow for %.3f < nu_ext/nu_thr < %.3f, %.1f Hz at 0.85" g bottom top p.Frequency
                Expect.isGreaterThan (top - bottom) 0.1 (sprintf "band width at g = %g" g)
            for g in [ 6.0; 7.0 ] do
                for q in [ 0.8; 0.85; 0.9; 0.95 ] do
                    Expect.notEqual (regime 1e-4 g q) "SI-slow" (sprintf "(%g, %g), J = 0.1 mV" g q)
        }
        test "kernel at (3.6, 2): synchronous regular with J = 0.2 mV, asynchronous with J = 0.1 mV, as the analysis says" {
            Expect.equal (regime 2e-4 3.6 2.0) "SR" "analytic, J = 0.2 mV"
            Expect.equal (regime 1e-4 3.6 2.0) "AI" "analytic, J = 0.1 mV"
            let sr = SrBoundarySweep.Run(sim 2e-4 3.6 2.0 10000 0.6, SrStart.Uniform)
            let ai = SrBoundarySweep.Run(sim 1e-4 3.6 2.0 10000 0.6, SrStart.Uniform)
            show "J = 0.2 mV" sr
            show "J = 0.1 mV" ai
            Expect.isGreaterThan (sr.Synchrony - 3.0 * sr.SynchronySem) 0.05 "J = 0.2 mV: χ² of a limit cycle"
            Expect.isLessThan sr.Cv 0.3 "J = 0.2 mV: regular firing"
            Expect.isLessThan (ai.Synchrony + 3.0 * ai.SynchronySem) 0.03 "J = 0.1 mV: χ² at the finite-size level"
        }
    ]

[<Tests>]
let long =
    testList "crosscheck.MeanField.Fig2Efficacy" [
        test "J = 0.2 mV, (3.6, 2): χ² independent of N_E (a macroscopic SR limit cycle)" {
            let large = SrBoundarySweep.Run(sim 2e-4 3.6 2.0 10000 1.2, SrStart.Uniform)
            let small = SrBoundarySweep.Run(sim 2e-4 3.6 2.0 2500 1.2, SrStart.Uniform)
            show "N_E = 10000" large
            show "N_E =  2500" small
            let q, se = ratio small large
            printfn "χ²(2500)/χ²(10000) = %.2f ± %.2f" q se
            // finite-size fluctuations at fixed C_E would give 4
            Expect.isLessThan (q - 3.0 * se) 2.0 "ratio far from the 1/N_E value 4"
            Expect.isGreaterThan large.Synchrony 0.05 "synchronous at N_E = 10 000"
        }
        test "J = 0.2 mV, (6, 0.85): linearly unstable slow mode, but the kernel's χ² scales as 1/N_E (no macroscopic SI-slow)" {
            finiteSizeSlowMode 2e-4 6.0 0.85 }
        test "J = 0.1 mV, (4.5, 0.9) — Fig. 8D's SI-slow state: the kernel's χ² is mostly finite-size (∝ 1/N_E)" {
            finiteSizeSlowMode 1e-4 4.5 0.9 }
    ]
