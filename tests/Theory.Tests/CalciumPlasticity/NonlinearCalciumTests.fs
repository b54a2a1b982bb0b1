/// Nonlinear (coincidence-boosted) calcium under Poisson activity: the stationary law of the
/// Markov process (c_pre, c) on a grid against the linear flux-balance solution (η = 0), the
/// exact generator moments, and event-driven Monte Carlo of the same process.
module Theory.Tests.CalciumPlasticity.NonlinearCalcium

open Expecto
open Theory.CalciumPlasticity
open Theory.Experiments.CalciumPlasticity
open Theory.Tests.Util

let nl = GraupnerBrunelParameters.Nonlinear2016

/// δ = Lag − D = 0: the shared post spike coincides with the pre calcium arrival.
let act pre post corr = PoissonActivity(pre, post, corr, nl.Delay)

let within4 (e: Estimate) what =
    if not (e.ZScore <= 4.0) then
        failtestf "%s: simulated %.6g ± %.2g vs theory %.6g (z = %.2f > 4)" what e.Simulated e.StandardError e.Theory e.ZScore

let mcCheck duration seed (pre, post, corr) =
    let r = ShotNoiseSimulation(nl, act pre post corr, duration, 20, seed).Run()
    let tag = $"pre={pre} post={post} corr={corr}"
    within4 r.AlphaD $"alpha_d {tag}"
    within4 r.AlphaP $"alpha_p {tag}"
    within4 r.DriftAtHalf $"drift at rho = 1/2 {tag}"
    within4 r.Mean $"mean {tag}"
    within4 r.Variance $"variance {tag}"
    r

[<Tests>]
let tests =
    testList "CalciumPlasticity.NonlinearCalcium" [
        test "eta = 0: the grid solution reduces to the linear flux-balance distribution" {
            for p in [ nl.With(eta = 0.0); GraupnerBrunelParameters.DP ] do
                for a in [ act 10.0 10.0 0.0; act 2.0 30.0 0.0; act 30.0 30.0 0.3 ] do
                    let a = PoissonActivity(a.PreRate, a.PostRate, a.Correlation, p.Delay)
                    let lin = CalciumShotNoise(p, a)
                    let grid = NonlinearCalciumDistribution(p, a)
                    let f, g = lin.Fractions(), grid.Fractions()
                    closeAbs 3e-5 f.AlphaD g.AlphaD $"alpha_d {a}"
                    closeAbs 3e-5 f.AlphaP g.AlphaP $"alpha_p {a}"
                    for x in [ 0.3; 1.7; 4.0 ] do closeAbs 3e-5 (lin.Cdf x) (grid.Cdf x) $"F({x}) {a}"
            // without post spikes the boost never acts: any eta gives the linear pre-only shot noise
            let preOnly = PoissonActivity(20.0, 0.0)
            closeAbs 3e-5 (CalciumShotNoise(nl.With(eta = 0.0), preOnly).Cdf 1.2) (NonlinearCalciumDistribution(nl, preOnly).Cdf 1.2) "pre only"
            closeAbs 0.0 1.0 (NonlinearCalciumDistribution(nl, PoissonActivity(0.0, 0.0)).Cdf 0.0) "silent: c = 0"
        }

        test "moments of the grid solution converge (second order) to the exact generator mean and variance" {
            for a in [ act 10.0 10.0 0.0; act 30.0 30.0 0.3 ] do
                let exact = CalciumShotNoise(nl, a)
                let coarse = NonlinearCalciumDistribution(nl, a, 0.02, 41)
                let fine = NonlinearCalciumDistribution(nl, a, 0.01, 81)
                let eM h = abs (h - exact.Mean) / exact.Mean
                let eV h = abs (h - exact.Variance) / exact.Variance
                Expect.isLessThan (eM fine.Mean) 2e-5 $"mean {a}: {fine.Mean} vs {exact.Mean}"
                Expect.isLessThan (eV fine.Variance) 1e-3 $"variance {a}: {fine.Variance} vs {exact.Variance}"
                Expect.isGreaterThan (eM coarse.Mean / eM fine.Mean) 3.0 $"mean error ratio on halving {a}"
                Expect.isGreaterThan (eV coarse.Variance / eV fine.Variance) 3.0 $"variance error ratio on halving {a}"
                Expect.isLessThan fine.MassClamped 1e-8 "mass above the grid"
        }

        test "time fractions converge with the grid (h, h/2, h/4 differences shrink ~4x)" {
            let a = act 30.0 30.0 0.3
            let v = [ 0.02, 41; 0.01, 81; 0.005, 161 ] |> List.map (fun (h, n) -> NonlinearCalciumDistribution(nl, a, h, n).Fractions())
            let d1, d2 = abs (v[0].AlphaP - v[1].AlphaP), abs (v[1].AlphaP - v[2].AlphaP)
            Expect.isGreaterThan (d1 / d2) 2.5 $"alpha_p differences {d1} {d2}"
            Expect.isLessThan d2 5e-5 "alpha_p at h = 0.01 within 5e-5 of h = 0.005"
            Expect.isLessThan (abs (v[1].AlphaD - v[2].AlphaD)) 5e-5 "alpha_d at h = 0.01 within 5e-5 of h = 0.005"
            // Richardson from (0.02, 0.01) lands closer to the h = 0.005 value than either grid
            let ex = NonlinearCalciumDistribution.Extrapolated(nl, a, 0.02, 41).Extrapolated
            closeAbs 2e-5 v[2].AlphaP ex.AlphaP "extrapolated alpha_p"
            closeAbs 2e-5 v[2].AlphaD ex.AlphaD "extrapolated alpha_d"
        }

        test "the boost raises the time above threshold; correlations raise it further" {
            let f0 = CalciumShotNoise(nl.With(eta = 0.0), act 10.0 10.0 0.0).Fractions()
            let f1 = CalciumShotNoise(nl, act 10.0 10.0 0.0).Fractions()
            let f2 = CalciumShotNoise(nl, act 10.0 10.0 0.3).Fractions()
            Expect.isGreaterThan f1.AlphaP (2.0 * f0.AlphaP) "eta raises alpha_p"
            Expect.isGreaterThan f2.AlphaP (2.0 * f1.AlphaP) "coincidences raise alpha_p"
        }

        test "Monte Carlo of the same process (short grid, 1000 s each): alpha_d, alpha_p, drift, moments within 4 SE" {
            [ 10.0, 10.0, 0.0; 30.0, 2.0, 0.0; 10.0, 30.0, 0.3 ] |> List.iteri (fun i g -> mcCheck 1000.0 (uint64 (41 + i)) g |> ignore)
        }

        test "shared spikes with Lag != D are rejected (naming Lag); eta = 0 keeps the linear method there" {
            throwsArg "Lag" (fun () -> NonlinearCalciumDistribution(nl, PoissonActivity(10.0, 10.0, 0.3, 0.0)) |> ignore)
            throwsArg "Lag" (fun () -> CalciumShotNoise(nl, PoissonActivity(10.0, 10.0, 0.3, 0.0)).Fractions() |> ignore)
            let lin = CalciumShotNoise(nl.With(eta = 0.0), PoissonActivity(10.0, 10.0, 0.3, 0.0)).Fractions()
            Expect.isGreaterThan lin.AlphaD 0.0 "linear calcium with delta != 0"
        }

        test "drift, diffusion and the Fokker–Planck weight density for the nonlinear preset" {
            let a = act 30.0 30.0 0.0
            let d = EfficacyDrift(nl, a)
            let f = NonlinearCalciumDistribution(nl, a).Fractions()
            closeRel 1e-12 f.AlphaD d.AlphaD "alpha_d"
            closeRel 1e-12 (nl.Drift(0.3, f.AlphaD, f.AlphaP)) (d.Drift 0.3) "A(0.3)"
            closeRel 1e-12 (nl.Sigma ** 2.0 * (f.AlphaD + f.AlphaP) / nl.Tau) d.Diffusion "B"
            let fp = WeightFokkerPlanck d
            closeAbs 1e-6 1.0 (fp.Cdf 1.0) "normalised"
            let stable = d.FixedPoints() |> Array.filter (fun x -> x.Stable)
            Expect.isGreaterThan stable.Length 0 "a stable state"
        }

        test "calcium-driven diffusion B_ca(1/2) against the batch-mean variance of the simulated drift (short)" {
            // Var(batch mean of g) x batch length -> 2 int Cov(g(0), g(t)) dt for batches >> tau_Ca;
            // its relative SE with nb batches is sqrt(2/(nb - 1))
            for (p, a, seed) in [ nl, PoissonActivity(30.0, 30.0), 61UL; nl, act 10.0 30.0 0.3, 62UL
                                  GraupnerBrunelParameters.DP, PoissonActivity(10.0, 10.0), 63UL ] do
                let theory = EfficacyDrift(p, a).CalciumDiffusion 0.5
                let T, nb = 1500.0, 300
                let sim = ShotNoiseSimulation(p, a, T, nb, seed).Run()
                let est = sim.DriftAtHalf.StandardError ** 2.0 * float nb * (T / float nb)
                within4 (Estimate(est, est * sqrt (2.0 / float (nb - 1)), theory)) $"B_ca(1/2) {a}"
        }

        test "kernel plastic synapses, nonlinear rule at 30/30 Hz (short): fractions, mean, KS to the Fokker–Planck density with calcium-fluctuation terms" {
            // start at the stationary mean (tau_eff = 3.1 s): after 8 s the spread has relaxed
            let m = WeightFokkerPlanck(EfficacyDrift(nl, PoissonActivity(30.0, 30.0)), true).Mean
            let r = KernelSynapseSimulation(nl, 30.0, 30.0, 8.0, 300, m, 5UL, CalciumCorrections = true).Run()
            Expect.isLessThan r.AlphaD.ZScore 4.0 $"alpha_d {r.AlphaD}"
            Expect.isLessThan r.AlphaP.ZScore 4.0 $"alpha_p {r.AlphaP}"
            Expect.isLessThan r.MeanRho.ZScore 4.0 $"mean rho {r.MeanRho}"
            Expect.isLessThan r.KsDistance r.KsCritical $"KS {r.KsDistance}"
        }
    ]

[<Tests>]
let crosscheck =
    testList "crosscheck.CalciumPlasticity.NonlinearCalcium" [
        test "Monte Carlo over (pre, post) in {2, 10, 30}^2 Hz x corr in {0, 0.3} (Lag = D), 8000 s each" {
            let grid =
                [ for pre in [ 2.0; 10.0; 30.0 ] do
                    for post in [ 2.0; 10.0; 30.0 ] do
                        for corr in [ 0.0; 0.3 ] do
                            if corr * sqrt (pre * post) <= min pre post then yield pre, post, corr ]
            grid |> List.iteri (fun i g ->
                let r = mcCheck 8000.0 (uint64 (300 + i)) g
                printfn "nonlinear calcium %A: alpha_d %.5f±%.5f (theory %.5f, z %.2f) alpha_p %.5f±%.5f (theory %.5f, z %.2f) drift z %.2f"
                    g r.AlphaD.Simulated r.AlphaD.StandardError r.AlphaD.Theory r.AlphaD.ZScore
                    r.AlphaP.Simulated r.AlphaP.StandardError r.AlphaP.Theory r.AlphaP.ZScore r.DriftAtHalf.ZScore)
        }

        test "kernel plastic synapses, nonlinear rule, 1000 synapses, 40 s, three rate pairs" {
            for (pre, post) in [ 30.0, 30.0; 10.0, 30.0; 30.0, 10.0 ] do
                let d = EfficacyDrift(nl, PoissonActivity(pre, post))
                let fp0 = WeightFokkerPlanck d
                // tau_eff is 3.1 s at 30/30 Hz and 7-8 s at 10/30 and 30/10 Hz: 40 s is > 5 tau_eff
                let r = KernelSynapseSimulation(nl, pre, post, 40.0, 1000, 0.5, 19UL, CalciumCorrections = true).Run()
                let r0 = KernelSynapseSimulation(nl, pre, post, 40.0, 1000, 0.5, 19UL).Run()
                let x = r.FinalRho
                let ms = Array.average x
                let sdSim = sqrt (Array.averageBy (fun y -> (y - ms) ** 2.0) x)
                let fp = WeightFokkerPlanck(d, true)
                printfn "nonlinear kernel %g/%g Hz: alpha_d z=%.2f alpha_p z=%.2f mean rho %.4f±%.4f (FP %.4f; explicit noise only %.4f) sd %.4f (FP %.4f; %.4f) KS %.4f (explicit noise only %.4f; 1%% critical %.4f)"
                    pre post r.AlphaD.ZScore r.AlphaP.ZScore r.MeanRho.Simulated r.MeanRho.StandardError r.MeanRho.Theory r0.MeanRho.Theory
                    sdSim (sqrt fp.Variance) (sqrt fp0.Variance) r.KsDistance r0.KsDistance r.KsCritical
                Expect.isLessThan r.AlphaD.ZScore 4.0 "alpha_d"
                Expect.isLessThan r.AlphaP.ZScore 4.0 "alpha_p"
                Expect.isLessThan r.MeanRho.ZScore 4.0 "mean"
                Expect.isLessThan r.KsDistance r.KsCritical "KS"
        }

        test "recurrent network with the nonlinear rule on E→E, 240 s: strong synapses decay as the measured-fraction mean field predicts" {
            let r = CalciumRecurrentNetwork(nl, 240.0, 6, Seed = 1UL).Run()
            let last = r.Times.Length - 1
            printfn "nonlinear network: rate %.2f Hz, KS to the Poisson mean field %.4f, alpha_d %.4f (Poisson %.4f), alpha_p %.5f (Poisson %.5f)"
                r.RateE r.KsMeanField r.AlphaD.Simulated r.AlphaD.Theory r.AlphaP.Simulated r.AlphaP.Theory
            for k in 0 .. last do
                printfn "  t = %.0f s: UP %.4f (FP %.4f, measured alpha %.4f), DOWN %.4f (FP %.4f, measured alpha %.4f)"
                    r.Times[k] r.MeanUp[k] r.TheoryUp[k] r.TheoryUpMeasured[k] r.MeanDown[k] r.TheoryDown[k] r.TheoryDownMeasured[k]
            // the run-average rate is used by the theory while the rate falls as the UP synapses
            // decay, so only the late, near-stationary checkpoint is compared
            closeAbs 0.01 r.TheoryUpMeasured[last] r.MeanUp[last] "UP group at 240 s"
            closeAbs 0.01 r.TheoryDownMeasured[last] r.MeanDown[last] "DOWN group at 240 s"
            Expect.isLessThan r.MeanUp[last] 0.15 "strong synapses are not preserved at these rates"
            Expect.isLessThan r.KsMeanField 0.1 "KS distance to the mean-field stationary density"
        }

        test "calcium-driven diffusion B_ca(1/2) against Monte Carlo, 8000 s, 800 batches" {
            [ nl, PoissonActivity(30.0, 30.0); nl, PoissonActivity(10.0, 10.0); nl, act 10.0 30.0 0.3; nl, act 30.0 10.0 0.3
              GraupnerBrunelParameters.DP, PoissonActivity(10.0, 10.0); GraupnerBrunelParameters.DP, PoissonActivity(30.0, 5.0) ]
            |> List.iteri (fun i (p, a) ->
                let theory = EfficacyDrift(p, a).CalciumDiffusion 0.5
                let T, nb = 8000.0, 800
                let sim = ShotNoiseSimulation(p, a, T, nb, uint64 (500 + i)).Run()
                let est = sim.DriftAtHalf.StandardError ** 2.0 * float nb * (T / float nb)
                let e = Estimate(est, est * sqrt (2.0 / float (nb - 1)), theory)
                printfn "B_ca(1/2) %A: MC %.4g ± %.2g, theory %.4g (z %.2f)" (a.PreRate, a.PostRate, a.Correlation) est e.StandardError theory e.ZScore
                within4 e $"B_ca {a}")
        }
    ]
