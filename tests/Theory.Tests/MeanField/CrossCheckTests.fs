/// Brunel (2000) model A simulated on the kernel (N_E = 10 000) against the mean-field theory
/// (Theory.MeanField): stationary rate, regime and oscillation frequency. The issue's criteria are
/// floors: AI rates within 10 % of the Siegert self-consistency, the SI-fast peak within 15 % of the
/// frequency on the Hopf line at the same g. Default suite: short runs at (8, 2), (6, 2), (6, 4) and (6, 0.9) (the
/// last at dt = 0.02 ms against the finite-PSP rate); `crosscheck.MeanField`: the ten points of
/// BrunelPhaseComparison.StandardPoints, 3 seeds × 1.2 s.
module Theory.Tests.MeanField.CrossCheck

open Expecto
open Theory.Experiments.MeanField
open Theory.Tests.Util

/// Rate check: 10 % of the analytic rate, or three standard errors over seeds if that is larger.
let checkRate (row: BrunelComparisonRow) =
    let t = row.Theory
    let tol = if System.Double.IsNaN row.RateSem then 0.10 else max 0.10 (3.0 * row.RateSem / t.Rate)
    closeRel tol t.Rate row.Rate (sprintf "AI rate at (g, ν_ext/ν_thr) = (%g, %g)" t.G t.NuExtRatio)

/// (6, 0.9): the network at dt = 0.01 ms against the finite-PSP self-consistency (BrunelFinitePsp), 10 % or 3 s.e.
let checkFinitePsp (row: BrunelComparisonRow) =
    let tol = if System.Double.IsNaN row.RateSem then 0.10 else max 0.10 (3.0 * row.RateSem / row.FinitePspRate)
    // one seed has no standard error: say so rather than print NaN
    let sem = if System.Double.IsNaN row.RateSem then "(1 seed)" else sprintf "± %.4f" row.RateSem
    printfn "(%g, %g) dt = %g ms: simulated %.4f %s Hz, finite-PSP %.4f Hz (%+.1f %%), Siegert %.4f Hz (%+.1f %%)"
        row.Theory.G row.Theory.NuExtRatio (1e3 * row.Runs[0].Config.Dt) row.Rate sem row.FinitePspRate (100.0 * row.FinitePspError)
        row.Theory.Rate (100.0 * row.RateError)
    closeRel tol row.FinitePspRate row.Rate (sprintf "rate at (%g, %g) vs the finite-PSP stationary rate" row.Theory.G row.Theory.NuExtRatio)

let withDt dt (s: Theory.Experiments.Networks.BrunelSimulation) =
    Theory.Experiments.Networks.BrunelSimulation(G = s.G, NuExtRatio = s.NuExtRatio, Duration = s.Duration, Warmup = s.Warmup, Seed = s.Seed, Dt = dt)
let fine = withDt 1e-5

let checkFrequency (row: BrunelComparisonRow) =
    let t = row.Theory
    closeRel 0.15 row.ReferenceFrequency row.Peak (sprintf "SI-fast peak at (%g, %g) vs the Hopf line (ν_ext/ν_thr = %.3f)" t.G t.NuExtRatio t.LineRatio)

[<Tests>]
let short =
    testList "MeanField.CrossCheck" [
        test "theory at the Fig. 8 states: rates of the spec, regimes AI / SI-fast / SI-slow / SR" {
            let ai = BrunelTheory.At(5.0, 2.0)
            closeRel 1e-9 37.9496970857634 ai.Rate "spec check value (5, 2)"
            Expect.equal ai.Regime "AI" "(5, 2)"
            let fast = BrunelTheory.At(6.0, 4.0)
            Expect.equal fast.Regime "SI-fast" "(6, 4)"
            Expect.isLessThan fast.LineRatio 4.0 "Hopf line below ν_ext/ν_thr = 4 at g = 6"
            Expect.isTrue (fast.LineFrequency > 100.0 && fast.LineFrequency < 250.0) (sprintf "line frequency %g Hz" fast.LineFrequency)
            Expect.equal (BrunelTheory.At(4.5, 0.9).Regime) "SI-slow" "(4.5, 0.9)"
            Expect.equal (BrunelTheory.At(3.0, 2.0).Regime) "SR" "(3, 2)"
        }
        test "simulated-regime rules" {
            Expect.equal (SimulatedRegime.Classify(300.0, 0.01, 0.2, 375.0, 1.5e-3)) "SR" "regular and synchronous"
            Expect.equal (SimulatedRegime.Classify(2.0, 0.1, 0.001, 40.0, 1.5e-3)) "AI" "regular-looking but asynchronous"
            Expect.equal (SimulatedRegime.Classify(60.0, 0.8, 0.04, 180.0, 1.5e-3)) "SI-fast" "fast"
            Expect.equal (SimulatedRegime.Classify(5.0, 0.5, 0.02, 25.0, 1.5e-3)) "SI-slow" "slow"
            Expect.equal (SimulatedRegime.Classify(20.0, 0.5, 0.005, 150.0, 1.5e-3)) "AI" "asynchronous"
            Expect.equal (SimulatedRegime.Classify(0.0, nan, nan, nan, 1.5e-3)) "quiescent" "silent"
        }
        test "AI (8, 2) and (6, 2), 1 × 0.6 s: simulated rate within 10 % of the analytic rate" {
            for (g, r) in [ 8.0, 2.0; 6.0, 2.0 ] do
                let row = BrunelPhaseComparison.Compare(g, r, [| 1UL |], 0.6)
                printf "%s" (BrunelPhaseComparison.Table [ row ])
                Expect.equal row.Theory.Regime "AI" "analytic regime"
                checkRate row
        }
        test "AI (6, 0.9), 1 × 1.2 s at dt = 0.02 ms: rate within 10 % of the finite-PSP stationary rate" {
            let row = BrunelPhaseComparison.Compare(6.0, 0.9, [| 1UL |], 1.2, configure = System.Func<_, _>(withDt 2e-5), finitePsp = true)
            checkFinitePsp row
        }
        test "SI-fast (6, 4), 1 × 0.6 s: peak within 15 % of the Hopf-line frequency, simulated regime SI-fast" {
            let row = BrunelPhaseComparison.Compare(6.0, 4.0, [| 1UL |], 0.6)
            printf "%s" (BrunelPhaseComparison.Table [ row ])
            checkFrequency row
            Expect.equal row.Regime "SI-fast" "simulated regime"
        }
    ]

/// Measured with this suite (3 seeds × 1.2 s): every AI point within 3 % of the Siegert rate except (6, 0.9),
/// 1.66 ± 0.05 Hz against 2.17 Hz (−23 %). There the diffusion approximation itself fails (docs/MODELS.md):
/// unconnected neurons given exactly the self-consistent Poisson input fire 29 % (dt = 0.01 ms) to 36 % (dt = 0.1 ms)
/// below Siegert, the finite-PSP (shot-noise) transfer reproduces them, and its self-consistent rate (1.82 Hz) is what
/// the network approaches as dt → 0. At (6, 0.9) the test therefore checks the network at dt = 0.1 ms against the
/// finite-PSP stationary rate for that step (threshold θe^{dt/τ}), at dt = 0.01 ms against the continuous-time one
/// (10 % or 3 s.e. each) and, separately, that the single neuron explains the Siegert error;
/// the plain-Siegert 10 % criterion is NOT met at this point and is reported as such.
/// Simulated regimes asserted in the long list: (5, 2) is Brunel's AI example (Fig. 8C); the others are synchronous.
let expectedSimulatedRegime =
    Map [ (5.0, 2.0), "AI"; (3.0, 2.0), "SR"; (6.0, 4.0), "SI-fast"; (8.0, 4.0), "SI-fast"; (8.0, 3.0), "SI-fast"; (4.5, 0.9), "SI-slow" ]

[<Tests>]
let long =
    testList "crosscheck.MeanField" [
        test "the standard points cover the four analytic regimes" {
            let regimes = BrunelPhaseComparison.StandardPoints |> Array.map (fun p -> BrunelTheory.At(p.G, p.NuExtRatio).Regime) |> set
            Expect.isTrue (Set.isSubset (set [ "AI"; "SR"; "SI-fast"; "SI-slow" ]) regimes) (sprintf "regimes %A" regimes)
        }
        for p in BrunelPhaseComparison.StandardPoints do
            let g, r = p.G, p.NuExtRatio
            test (sprintf "Brunel model A (g=%g, ν_ext/ν_thr=%g), 3 seeds × 1.2 s: AI rate 10 %%, SI-fast frequency 15 %%" g r) {
                let row = BrunelPhaseComparison.Compare(g, r, [| 1UL; 2UL; 3UL |], 1.2, finitePsp = ((g, r) = (6.0, 0.9)))
                printf "%s" (BrunelPhaseComparison.Table [ row ])
                match row.Theory.Regime with
                | "AI" when (g, r) = (6.0, 0.9) ->
                    printfn "(6, 0.9) at dt = 0.1 ms: Siegert error %+.1f %% (not asserted: diffusion approximation, see below)" (100.0 * row.RateError)
                    printfn "(6, 0.9) at dt = 0.1 ms: %.4f ± %.4f Hz, finite-PSP with threshold θe^{dt/τ}: %.4f Hz" row.Rate row.RateSem row.FinitePspRateAtDt
                    closeRel (max 0.10 (3.0 * row.RateSem / row.FinitePspRateAtDt)) row.FinitePspRateAtDt row.Rate "dt = 0.1 ms network vs finite-PSP rate at that dt"
                    let fineRow = BrunelPhaseComparison.Compare(g, r, [| 1UL; 2UL; 3UL |], 1.2, configure = System.Func<_, _>(fine), finitePsp = true)
                    printf "%s" (BrunelPhaseComparison.Table [ fineRow ])
                    checkFinitePsp fineRow
                    let net = BrunelTheory.Network(g, r)
                    let single = PoissonDrivenLif.ForBrunel(net, row.Theory.Rate, n = 5000, duration = 2.2, dt = 1e-5).Run()
                    let shot = Theory.MeanField.BrunelFinitePsp.Transfer(net, row.Theory.Rate)
                    printfn "unconnected neurons with the Siegert-self-consistent input: %.4f ± %.4f Hz (Siegert %.4f, finite-PSP %.4f)" single.Rate single.RateSem row.Theory.Rate shot
                    Expect.isLessThan single.Rate (0.9 * row.Theory.Rate) "the single neuron fires > 10 % below Siegert"
                | "AI" -> checkRate row
                | "SI-fast" -> checkFrequency row
                | _ -> ()
                // simulated labels with the finite-size-aware rule (SimulatedRegime): Brunel's AI example and the
                // synchronous points keep the labels of the absolute rule
                match Map.tryFind (g, r) expectedSimulatedRegime with
                | Some expected -> Expect.equal row.Regime expected (sprintf "simulated regime at (%g, %g)" g r)
                | None -> ()
            }
    ]

/// Balanced scaling (van Vreeswijk & Sompolinsky): J ∝ 1/√K, drive ∝ √K, N = 4K per population,
/// 4 delay groups in [0.25, 0.75] ms (BalancedScaling.Run defaults). The simulated rates should approach the large-K balance solution.
let balancedRows ks seeds duration =
    let rows = BalancedScaling.Run(BalancedScaling.Network, ks, seeds, duration)
    for r in rows do
        // the standard error needs two seeds; the quick run has one
        let pm (sem: float) = if System.Double.IsNaN sem then "(1 seed)" else sprintf "± %.2f" sem
        printfn "balanced K=%d: sim E %.2f %s, I %.2f %s Hz | Siegert %.2f, %.2f | large K %.2f, %.2f | error %.2f Hz (Siegert %.2f) | χ² E %.4f I %.4f"
            r.K r.RateE (pm r.RateESem) r.RateI (pm r.RateISem) r.SiegertE r.SiegertI r.LargeKE r.LargeKI r.Error r.SiegertError r.Runs[0].SynchronyE r.Runs[0].SynchronyI
    rows

[<Tests>]
let balancedShort =
    testList "MeanField.CrossCheck.Balanced" [
        test "K = 100 → 400, 1 × 0.5 s: the distance of the simulated rates from the balanced solution shrinks" {
            let rows = balancedRows [| 100; 400 |] [| 1UL |] 0.5
            Expect.isLessThan rows[1].Error rows[0].Error "error at K = 400 below K = 100"
        }
    ]

[<Tests>]
let balancedLong =
    testList "crosscheck.MeanField.Balanced" [
        test "K = 100, 400, 1600, 3 seeds × 1 s: error against the balanced solution decreases with K; K = 400 on the Siegert solution" {
            let rows = balancedRows [| 100; 400; 1600 |] [| 1UL; 2UL; 3UL |] 1.0
            for k in 1 .. rows.Length - 1 do
                Expect.isLessThan rows[k].Error rows[k - 1].Error (sprintf "error at K = %d below K = %d" rows[k].K rows[k - 1].K)
            // K = 400 is asynchronous (χ² < 0.01 in both populations): the finite-K Siegert solution must describe it.
            let r400 = rows |> Array.find (fun r -> r.K = 400)
            Expect.isLessThan (r400.Runs |> Array.averageBy (fun x -> max x.SynchronyE x.SynchronyI)) 0.01 "K = 400 asynchronous"
            closeRel (max 0.10 (3.0 * r400.RateESem / r400.SiegertE)) r400.SiegertE r400.RateE "K = 400: ν_E vs finite-K Siegert"
            closeRel (max 0.10 (3.0 * r400.RateISem / r400.SiegertI)) r400.SiegertI r400.RateI "K = 400: ν_I vs finite-K Siegert"
        }
    ]
