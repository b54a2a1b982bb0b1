/// The SR/AI boundary of Brunel (2000) model A at ν_ext/ν_thr = 2 (SrBoundarySweep): is 3.3 < g < 4 (linearly
/// stable by BrunelStability, SR in Brunel's Fig. 2) bistable, or does the simulated network lose the asynchronous
/// state there? Measured: neither — the network stays asynchronous at the Siegert rate from any start, and the χ²
/// above SimulatedRegime.SynchronyThreshold there is a finite-size effect (∝ 1/N_E at fixed C_E), not a limit cycle.
/// Default suite: g = 4 at N_E = 2500 and 10 000 (1 s each) and the early growth at g = 3 vs 3.6;
/// `crosscheck.MeanField.SrBoundary`: the sweep g ∈ {3.0 … 4.5} from both starts and the hysteresis sweep, 1.2 s
/// (about 3 min), and the boundary between g = 3.25 and 3.3 (analytic line 3.27) swept up from the limit cycle (about 1 min).
module Theory.Tests.MeanField.SrBoundary

open Expecto
open Theory.Experiments.MeanField
open Theory.Experiments.Networks

let sim g ne duration =
    BrunelSimulation(G = g, NuExtRatio = 2.0, Duration = duration, Warmup = 0.2, Seed = 1UL, NE = ne, NI = ne / 4)

let show (tag: string) (w: SrWindow) =
    printfn "%s g = %.2f: rate %.2f ± %.2f Hz, CV %.3f, χ² %.5f ± %.5f, peak %.0f Hz, %s"
        tag w.G w.RateHz w.RateSem w.Cv w.Synchrony w.SynchronySem w.PeakHz w.Regime

/// Rate within 3 standard errors (0.05 s blocks) of the Siegert self-consistent rate, or 2 % if larger.
let checkSiegert (w: SrWindow) =
    let t = BrunelTheory.At(w.G, 2.0)
    let tol = max 0.02 (3.0 * w.RateSem / t.Rate)
    Expect.isLessThanOrEqual (abs (w.RateHz - t.Rate) / t.Rate) tol
        (sprintf "rate %.2f Hz at g = %g vs Siegert %.2f Hz (tolerance %.3f)" w.RateHz w.G t.Rate tol)

/// χ²(N_E = 2500)/χ²(N_E = 10 000): 4 for finite-size fluctuations at fixed C_E, 1 for a macroscopic oscillation.
let ratioWithSem (small: SrWindow) (large: SrWindow) =
    let q = small.Synchrony / large.Synchrony
    q, q * sqrt ((small.SynchronySem / small.Synchrony) ** 2.0 + (large.SynchronySem / large.Synchrony) ** 2.0)

[<Tests>]
let short =
    testList "MeanField.SrBoundary" [
        test "stationary density integrates to 1 − ν₀τ_rp" {
            let t = BrunelTheory.At(4.0, 2.0)
            let m = Theory.Spiking.LifParameters.Brunel2000
            let d = SrBoundarySweep.StationaryDensity(t.Mu, t.Sigma, t.Rate, m, 8001)
            let v, p = d.V, d.P
            let mass = Array.init (v.Length - 1) (fun k -> 0.5 * (p[k] + p[k + 1]) * (v[k + 1] - v[k])) |> Array.sum
            Theory.Tests.Util.closeRel 1e-5 (1.0 - t.Rate * m.RefractoryPeriod) mass "∫P(V)dV (Brunel 2000 eq. 22 normalisation)"
        }
        test "g = 4, ν_ext/ν_thr = 2: asynchronous at the Siegert rate, χ² ∝ 1/N_E (not an SR limit cycle)" {
            Expect.equal (BrunelTheory.At(4.0, 2.0).Regime) "AI" "analytic regime at (4, 2)"
            let large = SrBoundarySweep.Run(sim 4.0 10000 1.0, SrStart.Stationary)
            let small = SrBoundarySweep.Run(sim 4.0 2500 1.0, SrStart.Stationary)
            show "N_E = 10000" large
            show "N_E =  2500" small
            checkSiegert large
            checkSiegert small
            let q, se = ratioWithSem small large
            printfn "χ²(2500)/χ²(10000) = %.2f ± %.2f" q se
            // A synchronous limit cycle has an N-independent χ² (ratio 1); finite-size fluctuations give 4.
            Expect.isGreaterThan (q - 3.0 * se) 1.0 "χ² ratio excludes an N-independent oscillation"
            Expect.isLessThan (abs (q - 4.0)) (3.0 * se) "χ² ratio consistent with 1/N_E"
        }
        test "start at the stationary density: perturbations grow at g = 3 (linearly unstable), not at g = 3.6" {
            let growth g =
                let chi = SrBoundarySweep.EarlyGrowth(sim g 10000 1.0, SrStart.Stationary, 0.05, 0.005).Chi2
                printfn "g = %.1f: χ² in 5 ms windows %s" g (chi |> Array.map (sprintf "%.4f") |> String.concat " ")
                chi
            let unstable = growth 3.0
            let stable = growth 3.6
            Expect.isGreaterThan (Array.last unstable) 0.05 "g = 3: χ² grows to O(0.1) within 50 ms"
            Expect.isLessThan (Array.max stable[2..]) 0.02 "g = 3.6: χ² stays at the finite-size level"
        }
    ]

[<Tests>]
let long =
    testList "crosscheck.MeanField.SrBoundary" [
        test "g ∈ {3.0 … 4.5} at ν_ext/ν_thr = 2 from the default and the stationary starts, and the hysteresis sweep" {
            let gs = [| 3.0; 3.2; 3.4; 3.6; 3.8; 4.0; 4.2; 4.5 |]
            let runs =
                [ for g in gs ->
                    let u = SrBoundarySweep.Run(sim g 10000 1.2, SrStart.Uniform)
                    let s = SrBoundarySweep.Run(sim g 10000 1.2, SrStart.Stationary)
                    show "uniform   " u
                    show "stationary" s
                    g, u, s ]
            let down = SrBoundarySweep.Hysteresis(sim 5.0 10000 1.2, Array.append [| 5.0 |] (Array.rev gs), 0.7, 0.2)
            for w in down do show "sweep down" w
            for g, u, s in runs do
                let t = BrunelTheory.At(g, 2.0)
                if t.Regime = "SR" then
                    // Linearly unstable: the limit cycle from both starts.
                    Expect.isGreaterThan u.Synchrony 0.1 (sprintf "g = %g uniform start synchronous" g)
                    Expect.isGreaterThan s.Synchrony 0.1 (sprintf "g = %g stationary start synchronous" g)
                else
                    checkSiegert u
                    checkSiegert s
                    // Same state from both starts: no bistability.
                    let se = sqrt (u.SynchronySem ** 2.0 + s.SynchronySem ** 2.0)
                    Expect.isLessThan (abs (u.Synchrony - s.Synchrony)) (3.0 * se)
                        (sprintf "g = %g: χ² %.5f (uniform) vs %.5f (stationary)" g u.Synchrony s.Synchrony)
                    Expect.isLessThan u.Synchrony 0.05 (sprintf "g = %g: χ² far below the SR limit cycle's" g)
                let w = down |> Array.find (fun w -> w.G = g)
                let se = sqrt (w.SynchronySem ** 2.0 + s.SynchronySem ** 2.0)
                Expect.isLessThan (abs (w.Synchrony - s.Synchrony)) (3.0 * se)
                    (sprintf "g = %g: swept-down χ² %.5f vs independent run %.5f (no hysteresis)" g w.Synchrony s.Synchrony)
        }
        test "ν_ext/ν_thr = 2: the simulated SR/AI boundary lies between g = 3.25 and 3.3, at the linear line" {
            let line = BrunelTheory.At(3.25, 2.0), BrunelTheory.At(3.3, 2.0)
            Expect.equal (fst line).Regime "SR" "analytic (3.25, 2)"
            Expect.equal (snd line).Regime "AI" "analytic (3.3, 2)"
            // Up from the limit cycle at g = 3.2: synchronous at 3.25, asynchronous (no hysteresis) at 3.3.
            let up = SrBoundarySweep.Hysteresis(sim 3.2 10000 1.2, [| 3.2; 3.25; 3.3 |], 0.5, 0.2, SrStart.Uniform)
            for w in up do show "sweep up  " w
            let stat = SrBoundarySweep.Run(sim 3.3 10000 0.7, SrStart.Stationary)
            show "stationary" stat
            Expect.isGreaterThan (up[1].Synchrony - 3.0 * up[1].SynchronySem) 0.03 "g = 3.25 synchronous"
            Expect.isLessThan (up[2].Synchrony + 3.0 * up[2].SynchronySem) 0.015 "g = 3.3 asynchronous after the limit cycle"
            Expect.isLessThan (stat.Synchrony + 3.0 * stat.SynchronySem) 0.015 "g = 3.3 asynchronous from the stationary start"
            checkSiegert up[2]
        }
    ]
