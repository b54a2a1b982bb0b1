/// Brunel (2000) Fig. 2: which parameters reproduce the published diagram, and the lines of the default figure
/// (C_E = 4000, J = 0.2 mV — Fig. 1's network — paper-figures/Brunel2000_Fig2.fsx panel A; C_E = 4000, J = 0.1 mV, the
/// earlier inference; the C_E = 1000 SR lines) against an independent mpmath solution of the
/// Hopf condition c(iω) = 0 (MeanField/reference/gen_fig2.py → fig2_lines.csv). The C# side finds the lines by
/// bisecting the regime label (argument-principle root count), the script by 2-D Newton on c(iω) with mpmath's
/// parabolic cylinder functions and quadrature for the Siegert rate: different methods for the same lines.
module Theory.Tests.MeanField.Fig2Parameters

open System
open System.Globalization
open System.IO
open Expecto
open Theory.MeanField
open Theory.Tests.Util

let private inv (s: string) = Double.Parse(s, CultureInfo.InvariantCulture)
let private refFile name = Path.Combine(repoRoot, "tests", "Theory.Tests", "MeanField", "reference", name)

/// Model A with in-degree ce and efficacy j (V) at (g, ν_ext/ν_thr).
let private net (ce: float) (j: float) (g: float) (q: float) = BrunelNetwork.ModelA.With(ce = ce, j = j).With(g = g, nuExtRatio = q)

/// Regime, rate and frequency of the lowest-rate state that is not a saddle ("quiescent" if none).
let private analyse (ce: float) (j: float) (g: float) (q: float) =
    let n = net ce j g q
    n.StationaryStates()
    |> Array.tryPick (fun st ->
        let a = BrunelStability.Analyze(n, st)
        if a.Regime = "saddle" then None else Some(a.Regime, st.Rate, a.OscillationFrequency))
    |> Option.defaultValue ("quiescent", 0.0, 0.0)

let private regime ce j g q = let r, _, _ = analyse ce j g q in r

/// Boundary between the regimes at lo and hi, bisected to `tol`.
let private bisect (f: float -> string) lo hi tol =
    let rlo = f lo
    Expect.notEqual (f hi) rlo (sprintf "regimes differ at %g and %g" lo hi)
    let mutable a, b = lo, hi
    while b - a > tol do
        let m = 0.5 * (a + b)
        if f m = rlo then a <- m else b <- m
    0.5 * (a + b), a, b

[<Tests>]
let tests =
    testList "MeanField.Fig2Parameters" [
        test "C_E = 4000, J = 0.2 mV (Fig. 1's network, ν_thr = 1.25 Hz): the Fig. 8 labels and the published features" {
            // Brunel (2000) Fig. 8: A (3, 2) synchronous regular, B (6, 4) fast oscillation, C (5, 2) stationary, D (4.5, 0.9) slow
            let fig8 = [ (3.0, 2.0), "SR"; (6.0, 4.0), "SI-fast"; (5.0, 2.0), "AI"; (4.5, 0.9), "SI-slow" ]
            for (g, q), want in fig8 do
                let r, nu, f = analyse 4000.0 2e-4 g q
                printfn "C_E = 4000, J = 0.2 mV, (%g, %g): %s, %.2f Hz, %.0f Hz" g q r nu f
                Expect.equal r want (sprintf "(%g, %g)" g q)
            closeRel 1e-12 1.25 (BrunelNetwork.ModelA.With(ce = 4000.0, j = 2e-4).NuThreshold) "ν_thr = θ/(C_E J τ)"
            // SR for every g < 4 (a 1.33-1.39 kHz delay mode: a 1 kHz search showed g = 3.5-4 as AI) ...
            for g in [ 3.5; 3.7; 3.9 ] do
                for q in [ 1.0; 2.0; 4.0 ] do Expect.equal (regime 4000.0 2e-4 g q) "SR" (sprintf "(%g, %g)" g q)
            // ... and a wide SI-slow band below ν_ext/ν_thr ≈ 1 for g = 4.5-8
            for g in [ 4.5; 6.0; 8.0 ] do
                let top, _, _ = bisect (fun q -> regime 4000.0 2e-4 g q) 0.85 1.3 0.002
                let bottom, _, _ = bisect (fun q -> regime 4000.0 2e-4 g q) 0.6 0.85 0.002
                printfn "g = %g: SI-slow for %.3f < ν_ext/ν_thr < %.3f" g bottom top
                Expect.isGreaterThan (top - bottom) 0.15 (sprintf "band width at g = %g" g)
                Expect.isLessThan top 1.1 (sprintf "band top at g = %g" g)
        }
        test "C_E = 4000, J = 0.1 mV gives the paper's labels of the four Fig. 8 states; C_E = 1000 with 0.1 or 0.2 mV does not" {
            // Brunel (2000) Fig. 8: A (3, 2) synchronous regular, B (6, 4) fast oscillation, C (5, 2) stationary, D (4.5, 0.9) slow
            let fig8 = [ (3.0, 2.0), "SR"; (6.0, 4.0), "SI-fast"; (5.0, 2.0), "AI"; (4.5, 0.9), "SI-slow" ]
            for (g, q), want in fig8 do
                let r, nu, f = analyse 4000.0 1e-4 g q
                printfn "C_E = 4000, J = 0.1 mV, (%g, %g): %s, %.2f Hz, %.0f Hz" g q r nu f
                Expect.equal r want (sprintf "(%g, %g)" g q)
            // the alternatives each miss one feature: (6, 4) is AI with J = 0.2 mV; no SI-slow at g = 6 with 0.1 mV, C_E = 1000
            Expect.equal (regime 1000.0 2e-4 6.0 4.0) "AI" "C_E = 1000, J = 0.2 mV: (6, 4)"
            for q in [ 0.82; 0.85; 0.88; 0.91; 0.94 ] do
                Expect.notEqual (regime 1000.0 1e-4 6.0 q) "SI-slow" (sprintf "C_E = 1000, J = 0.1 mV: (6, %g)" q)
        }
        test "published features at C_E = 4000, J = 0.1 mV: SR/AI line within [3.85, 4.0]; SI-slow band ≥ 0.1 wide below ν_thr for g = 4.5–8" {
            // the features as the spec reads the figure: SR for g ≲ 4; SI slow for g ≳ 4.5 below ν_ext/ν_thr ≈ 1
            for q in [ 1.0; 2.0; 4.0 ] do
                let g, _, _ = bisect (fun g -> regime 4000.0 1e-4 g q) 3.5 4.5 0.002
                Expect.isTrue (g >= 3.85 && g <= 4.0) (sprintf "SR/AI at g = %g (ν_ext/ν_thr = %g)" g q)
            for g in [ 4.5; 6.0; 8.0 ] do
                let top, _, _ = bisect (fun q -> regime 4000.0 1e-4 g q) 0.88 1.2 0.002
                let bottom, _, _ = bisect (fun q -> regime 4000.0 1e-4 g q) 0.6 0.88 0.002
                printfn "g = %g: SI-slow for %.3f < ν_ext/ν_thr < %.3f" g bottom top
                Expect.isGreaterThan (top - bottom) 0.1 (sprintf "band width at g = %g" g)
                Expect.isLessThan top 1.0 (sprintf "band below ν_thr at g = %g" g)
        }
        test "lines of the default figure (and the C_E = 1000 SR lines) agree with the mpmath Hopf points to 0.002, frequencies to 2 %" {
            // two rows with the same key are two branches (delay modes near 1/D and 2/D): the line is the larger g
            let rows =
                File.ReadAllLines(refFile "fig2_lines.csv") |> Array.skip 1 |> Array.map (fun l -> l.Split ',')
                |> Array.groupBy (fun p -> p.[0], p.[1], p.[2], p.[3])
                |> Array.map (fun (_, ps) -> ps |> Array.maxBy (fun p -> inv p.[4]))
            Expect.equal rows.Length 24 "24 lines (25 rows, one line with two branches)"
            for p in rows do
                let ce, j, line, fixedV, value, freq = inv p.[0], inv p.[1] * 1e-3, p.[2], inv p.[3], inv p.[4], inv p.[5]
                let f = if line = "SR/AI" then (fun g -> regime ce j g fixedV) else (fun q -> regime ce j fixedV q)
                let mid, a, b = bisect f (value - 0.03) (value + 0.03) 0.0002
                // frequency on the unstable side of the line, next to it
                let unstable = [ a; b ] |> List.find (fun x -> f x <> "AI" && f x <> "quiescent")
                let _, _, fc =
                    if line = "SR/AI" then analyse ce j unstable fixedV else analyse ce j fixedV unstable
                printfn "C_E = %g, J = %g mV, %s at %g: C# %.4f (%.1f Hz), mpmath %.4f (%.1f Hz)" ce (j * 1e3) line fixedV mid fc value freq
                closeAbs 0.002 value mid (sprintf "%s line, C_E = %g, J = %g, at %g" line ce j fixedV)
                closeRel 0.02 freq fc (sprintf "%s frequency, C_E = %g, J = %g, at %g" line ce j fixedV)
        }
    ]
