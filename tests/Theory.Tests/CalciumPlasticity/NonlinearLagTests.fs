/// Nonlinear calcium with shared spikes at δ = Lag − D ≠ 0 (not Markov in (c_pre, c)): exact
/// mean and variance from the Poisson U-statistic form (NonlinearCalciumVariance), against the
/// generator equations where both apply (δ = 0, uncorrelated), against the linear cumulant κ₂
/// (η = 0, any δ), and against event-driven Monte Carlo at δ ≠ 0.
module Theory.Tests.CalciumPlasticity.NonlinearLag

open Expecto
open Theory.CalciumPlasticity
open Theory.Experiments.CalciumPlasticity
open Theory.Tests.Util

let nl = GraupnerBrunelParameters.Nonlinear2016

[<Tests>]
let tests =
    testList "CalciumPlasticity.NonlinearLag" [
        test "variance equals the generator-equation variance where (c_pre, c) is Markov" {
            let d = nl.Delay
            for pre, post, corr in [ 10.0, 10.0, 0.0; 30.0, 10.0, 0.0; 2.0, 30.0, 0.0; 10.0, 10.0, 0.3; 30.0, 30.0, 0.5; 20.0, 5.0, 0.5 ] do
                let a = PoissonActivity(pre, post, corr, d)
                let generator = CalciumShotNoise(nl, a).Variance
                closeRel 1e-12 generator (NonlinearCalciumVariance.Of(nl, a)) $"variance {pre}/{post} c={corr}"
                closeRel 1e-12 (CalciumShotNoise(nl, a).Mean) (NonlinearCalciumVariance.Mean(nl, a)) $"mean {pre}/{post} c={corr}"
        }
        test "eta = 0: variance equals the linear cumulant kappa_2 of the jump measure at any lag" {
            let lin = nl.With(eta = 0.0)
            for lag in [ -0.03; -0.005; 0.0; 0.004; 0.01; 0.025; 0.06 ] do
                let a = PoissonActivity(20.0, 15.0, 0.6, lag)
                closeRel 1e-12 (CalciumShotNoise(lin, a).Cumulant 2) (NonlinearCalciumVariance.Of(lin, a)) $"kappa2 lag={lag}"
        }
        test "mean and variance at lag != D agree with event-driven Monte Carlo within 4 SE" {
            // 20 Hz pre and post, every pre spike followed by a post spike (p = 1), offsets
            // δ = −30, −10, +5, +20 ms; 100 000 s in 40 batches, seeds 900 + i
            for i, delta in List.indexed [ -0.03; -0.01; 0.005; 0.02 ] do
                let a = PoissonActivity(20.0, 20.0, 1.0, nl.Delay + delta)
                let r = ShotNoiseSimulation(nl, a, 100000.0, 40, uint64 (900 + i)).Run()
                closeRel 1e-12 (NonlinearCalciumVariance.Of(nl, a)) r.Variance.Theory "theory column"
                printfn "NonlinearLag MC δ = %+.3f s: mean %.6f ± %.6f (theory %.6f), variance %.6f ± %.6f (theory %.6f)"
                    delta r.Mean.Simulated r.Mean.StandardError r.Mean.Theory r.Variance.Simulated r.Variance.StandardError r.Variance.Theory
                for name, e in [ "mean", r.Mean; "variance", r.Variance ] do
                    if not (e.ZScore < 4.0) then
                        failtestf "δ = %g s %s: simulated %.6g ± %.2g, theory %.6g (z = %.2f)" delta name e.Simulated e.StandardError e.Theory e.ZScore
                // the test can see a 2 % error
                Expect.isLessThan (4.0 * r.Variance.StandardError / r.Variance.Theory) 0.02 $"δ = {delta}: 4 SE < 2 percent of the variance"
        }
        test "the offset matters: variance differs between delta = -10 ms and +10 ms" {
            let v lag = NonlinearCalciumVariance.Of(nl, PoissonActivity(20.0, 20.0, 1.0, nl.Delay + lag))
            Expect.isGreaterThan (v 0.01 / v -0.01) 1.05 "pre-before-post boosts the variance"
        }
    ]
