/// Poisson pre/post activity: exact calcium moments and time fractions against Monte Carlo of the
/// same process and against a numerical Laplace inversion (Python/mpmath reference).
module Theory.Tests.CalciumPlasticity.ShotNoise

open Expecto
open Theory.CalciumPlasticity
open Theory.Experiments.CalciumPlasticity
open Theory.Tests.Util

let dp = GraupnerBrunelParameters.DP

/// |simulated - theory| within 4 standard errors (fixed seeds; false-failure rate ~6e-5 per check).
let within4 (e: Estimate) what =
    if not (e.ZScore <= 4.0) then
        failtestf "%s: simulated %.6g ± %.2g vs theory %.6g (z = %.2f > 4)" what e.Simulated e.StandardError e.Theory e.ZScore

/// The grid of the short default check; the crosscheck list runs a larger one for longer.
let shortGrid = [ 10.0, 10.0, 0.0, 0.0; 20.0, 5.0, 0.0, 0.0; 10.0, 10.0, 0.5, 0.0; 10.0, 10.0, 0.5, 0.02 ]

let check duration seed (pre, post, corr, lag) =
    let a = PoissonActivity(pre, post, corr, lag)
    let r = ShotNoiseSimulation(dp, a, duration, 20, seed).Run()
    let tag = $"pre={pre} post={post} corr={corr} lag={lag}"
    within4 r.Mean $"mean {tag}"
    within4 r.Variance $"variance {tag}"
    within4 r.AlphaD $"alpha_d {tag}"
    within4 r.AlphaP $"alpha_p {tag}"
    within4 r.DriftAtHalf $"drift at rho = 1/2 {tag}"
    r

[<Tests>]
let tests =
    testList "CalciumPlasticity.ShotNoise" [
        test "Campbell: mean tau(nu_pre C_pre + nu_post C_post), variance tau/2 (nu_pre C_pre^2 + nu_post C_post^2)" {
            let s = CalciumShotNoise(dp, PoissonActivity(7.0, 3.0))
            closeRel 1e-14 (0.02 * (7.0 + 3.0 * 2.0)) s.Mean "mean"
            closeRel 1e-14 (0.01 * (7.0 + 3.0 * 4.0)) s.Variance "variance"
            closeRel 1e-14 (0.02 / 3.0 * (7.0 + 3.0 * 8.0)) (s.Cumulant 3) "third cumulant"
        }

        test "shared events: variance is the integral of the squared cluster kernel" {
            let a = PoissonActivity(10.0, 10.0, 0.5, 0.02)
            let s = CalciumShotNoise(dp, a)
            let nc = 5.0
            let d = 0.02 - 0.0137
            let e = exp (-d / 0.02)
            // independent parts + shared cluster h(v) = C_pre e^{-v/tau} (v < d), (C_pre e^{-d/tau} + C_post) e^{-(v-d)/tau}
            let cluster = nc * (0.01 * (1.0 - e * e) + 0.01 * (e + 2.0) ** 2.0)
            closeRel 1e-12 (0.01 * 5.0 * (1.0 + 4.0) + cluster) s.Variance "variance"
            closeRel 1e-14 (0.02 * (10.0 + 20.0)) s.Mean "mean (correlations do not move it)"
        }

        test "time fractions agree with numerical Laplace inversion, six linear parameter sets (Python reference)" {
            let rows = Stdp.reference |> Array.filter (fun (k, _, _) -> k = "shot")
            Expect.isGreaterThan rows.Length 15 "reference rows"
            Expect.equal (rows |> Array.map (fun (_, n, _) -> n) |> Array.distinct |> Array.length) 6 "DP, DPD, P, cortical and both hippocampal sets"
            for (_, name, v) in rows do
                let s = CalciumShotNoise(GraupnerBrunelParameters.Preset name, PoissonActivity(v[0], v[1], v[2], v[3]))
                let f = s.Fractions()
                // theta_d = C_pre = 1 is a kink of F where the inversion loses ~1e-5
                closeAbs 2e-5 v[4] f.AlphaD $"alpha_d {v}"
                closeAbs 2e-6 v[5] f.AlphaP $"alpha_p {v}"
        }

        test "distribution: mean recomputed from F equals the exact mean; density integrates to 1; F(x) ~ x^a near 0" {
            for a in [ PoissonActivity(10.0, 10.0); PoissonActivity(3.0, 20.0, 0.35, 0.01) ] do
                let s = CalciumShotNoise(dp, a)
                closeRel 2e-5 s.Mean (s.MeanFromDistribution()) $"mean from F {a}"
                // p = dF/dx: midpoint rule on [0.5, 20] against 1 - F(0.5) (p is singular at 0)
                let h = 1e-4
                let total = Seq.sum (seq { for k in 0 .. 194999 -> s.Density(0.5 + (float k + 0.5) * h) * h })
                closeAbs 1e-4 (1.0 - s.Cdf 0.5) total "density integral"
            let s = CalciumShotNoise(dp, PoissonActivity(10.0, 10.0))
            // below the smallest jump F = K x^{tau (nu_pre + nu_post)} exactly: F(0.5)/F(0.25) = 2^0.4
            closeRel 1e-6 (2.0 ** 0.4) (s.Cdf 0.5 / s.Cdf 0.25) "power law below C_pre"
        }

        test "Monte Carlo of the same process: moments, time fractions and drift within 4 SE, resolving 1.2 % (short grid)" {
            // 25 000 s per point (about 5e5 calcium events, ~1 s): 4 SE is below 1.2 % of the mean,
            // the variance, alpha_d and alpha_p, so an error of a few percent in any of them fails.
            // (The former 60 s runs had 4 SE = 9-20 % of the value.)
            shortGrid |> List.iteri (fun i g ->
                let r = check 25000.0 (uint64 (11 + i)) g
                for name, e in [ "mean", r.Mean; "variance", r.Variance; "alpha_d", r.AlphaD; "alpha_p", r.AlphaP ] do
                    Expect.isLessThan (4.0 * e.StandardError) (0.012 * abs e.Theory) $"{name} {g}: resolution 4 SE < 1.2 %%")
        }

        test "nonlinear calcium: exact variance against Monte Carlo (uncorrelated; shared spikes with Lag = D)" {
            let p = GraupnerBrunelParameters.Nonlinear2016
            for (a, seed) in [ PoissonActivity(8.0, 8.0), 5UL; PoissonActivity(8.0, 8.0, 0.5, p.Delay), 6UL ] do
                let r = ShotNoiseSimulation(p, a, 100.0, 20, seed).Run()
                within4 r.Mean $"nonlinear mean {a}"
                within4 r.Variance $"nonlinear variance {a}"
            // eta = 0 reduces to Campbell
            for a in [ PoissonActivity(8.0, 3.0); PoissonActivity(8.0, 8.0, 0.5, p.Delay) ] do
                let lin = CalciumShotNoise(p.With(eta = 0.0), a)
                let tiny = CalciumShotNoise(p.With(eta = 1e-12), a)
                closeRel 1e-9 lin.Variance tiny.Variance $"generator variance at eta -> 0 equals Campbell {a}"
                closeRel 1e-9 lin.Mean tiny.Mean $"generator mean at eta -> 0 {a}"
        }

        test "nonlinear calcium: exact mean against Monte Carlo (uncorrelated and shared spikes)" {
            let p = GraupnerBrunelParameters.Nonlinear2016
            for (a, seed) in [ PoissonActivity(5.0, 5.0), 3UL; PoissonActivity(5.0, 5.0, 0.5, 0.015), 4UL ] do
                let th = CalciumShotNoise(p, a).Mean
                let r = ShotNoiseSimulation(p, a, 100.0, 20, seed).Run()
                within4 (Estimate(r.Mean.Simulated, r.Mean.StandardError, th)) $"nonlinear mean {a}"
                // the boost adds eta tau^2 nu_pre nu_post C_pre (+ the shared part) to the linear mean
                Expect.isGreaterThan th (p.TauCa * (5.0 * p.CPre + 5.0 * p.CPost)) "boost raises the mean"
        }

        test "drift/diffusion: closed forms from the fractions" {
            let d = EfficacyDrift(dp, PoissonActivity(10.0, 10.0))
            let aD, aP = d.AlphaD, d.AlphaP
            closeRel 1e-12 ((-0.3 * 0.7 * 0.2 + 321.808 * aP * 0.7 - 200.0 * aD * 0.3) / 150.0) (d.Drift 0.3) "A(0.3)"
            closeRel 1e-12 (2.8284 ** 2.0 * (aD + aP) / 150.0) d.Diffusion "B"
            closeRel 1e-12 (321.808 * aP / (321.808 * aP + 200.0 * aD)) d.RhoBar "rho-bar"
        }
    ]

[<Tests>]
let crosscheck =
    testList "crosscheck.CalciumPlasticity.ShotNoise" [
        test "Monte Carlo over a grid of rates and correlations, 400 s each" {
            let grid =
                [ for pre in [ 2.0; 10.0; 30.0 ] do
                    for post in [ 2.0; 10.0; 30.0 ] do
                        for corr in [ 0.0; 0.3 ] do
                            if corr * sqrt (pre * post) <= min pre post then yield pre, post, corr, 0.01 ]
            grid |> List.iteri (fun i g ->
                let r = check 400.0 (uint64 (100 + i)) g
                printfn "calcium grid %A: alpha_d %.5f±%.5f (theory %.5f) alpha_p %.5f±%.5f (theory %.5f)"
                    g r.AlphaD.Simulated r.AlphaD.StandardError r.AlphaD.Theory r.AlphaP.Simulated r.AlphaP.StandardError r.AlphaP.Theory)
        }
    ]
