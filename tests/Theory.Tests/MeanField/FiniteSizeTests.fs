/// Finite-size population-rate spectrum of the asynchronous state of Brunel (2000) model A (BrunelFiniteSize) and the
/// white-noise LIF spike-train spectrum (LifSpikeTrainSpectrum, Lindner, Schimansky-Geier & Longtin 2002): closed-form
/// limits, independent formulas (Siegert, the CV² double integral, the refractory sum rule, BrunelStability.Characteristic),
/// the divergence at the Hopf line; against the kernel: Welch spectra of N_E = 10 000 networks in AI states.
module Theory.Tests.MeanField.FiniteSize

open System
open System.Numerics
open Expecto
open MathNet.Numerics
open Theory.MeanField
open Theory.Experiments.MeanField
open Theory.Tests.Util

let net (g: float) (r: float) = BrunelNetwork.ModelA.With(g = Nullable g, nuExtRatio = Nullable r)
let lowest (n: BrunelNetwork) = n.StationaryStates()[0]

/// CV² of the white-noise LIF (Brunel 2000 eq. 22 form; Tuckwell 1988):
/// CV² = 2π(ν₀τ)² ∫_{y_r}^{y_θ} e^{x²} ∫_{−∞}^{x} e^{y²}(1 + erf y)² dy dx, with e^{y²}(1 + erf y)² = erfcx(−y)² e^{−y²}.
let cv2Quadrature (n: BrunelNetwork) (st: StationaryState) =
    let neuron = n.Neuron
    let yt, yr = (neuron.Theta - st.Mu) / st.Sigma, (neuron.VReset - st.Mu) / st.Sigma
    let erfcx (x: float) = Theory.Numerics.Erfcx.Value x
    let inner x = Integrate.DoubleExponential((fun y -> (erfcx (-y)) ** 2.0 * exp (-y * y)), -40.0, x)
    let outer = Integrate.GaussKronrod((fun x -> exp (x * x) * inner x), yr, yt, 1e-11, 15, 31)
    2.0 * Math.PI * (st.Rate * neuron.TauM) ** 2.0 * outer

/// ν_ext/ν_thr of the AI/SI-fast line at g by bisection on the linear stability (to 1e-6).
let hopfRatio g lo hi =
    let stable r = let n = net g r in BrunelStability.Analyze(n, lowest n, findDampedRoots = false).Stable
    let mutable lo, hi = lo, hi
    while hi - lo > 1e-6 do
        let mid = 0.5 * (lo + hi)
        if stable mid then lo <- mid else hi <- mid
    lo, hi

[<Tests>]
let analytic =
    testList "MeanField.FiniteSize" [
        test "1 − c_E − c_I equals BrunelStability.Characteristic to 1e-10 (stable and unstable states, Re s ≷ 0, |λ| < 1e-3)" {
            for (g, r) in [ 5.0, 2.0; 6.0, 4.0; 8.0, 0.9; 3.0, 2.0 ] do
                let n = net g r
                let st = lowest n
                for s in [ Complex(0.0, 0.0); Complex(0.01, 0.02); Complex(-20.0, 800.0); Complex(30.0, 1100.0); Complex(0.0, 2.0 * Math.PI * 2000.0) ] do
                    let w = BrunelFiniteSize.LoopWeights(n, st, s)
                    let ce, ci = w.E, w.I
                    let c = BrunelStability.Characteristic(n, st, s)
                    let err = (1.0 - ce - ci - c).Magnitude
                    Expect.isLessThan err (1e-10 * max 1.0 c.Magnitude) (sprintf "(%g, %g) at s = %O: |1 − L − c| = %g" g r s err)
        }
        test "spectrum = ν₀[|1 − c_I|²/N_E + |c_I|²/N_I]/|c(s)|² with c_I from LifTransferFunction.Evaluate (Poisson S₀)" {
            // c_I = e^{−sD}(−R_μ g C_I J τ + R_σ² g² C_I J² τ) written out from the public transfer function
            for (g, r) in [ 5.0, 2.0; 8.0, 2.0 ] do
                let n = net g r
                let st = lowest n
                let m = BrunelFiniteSize.Create(n, st, 10000, 2500, SingleNeuronSpectrum.Poisson)
                let ci0 = n.Gamma * n.CE
                for f in [ 3.0; 60.0; 140.0; 450.0 ] do
                    let s = Complex(0.0, 2.0 * Math.PI * f)
                    let resp = LifTransferFunction.Evaluate(n.Neuron, st.Mu, st.Sigma, s)
                    let ci = Complex.Exp(-s * n.Delay) * (-resp.MeanGain * n.G * ci0 * n.J * n.Neuron.TauM + resp.VarianceGain * n.G * n.G * ci0 * n.J * n.J * n.Neuron.TauM)
                    let c = BrunelStability.Characteristic(n, st, s)
                    let expected = st.Rate * ((1.0 - ci).Magnitude ** 2.0 / 10000.0 + ci.Magnitude ** 2.0 / 2500.0) / c.Magnitude ** 2.0
                    closeRel 1e-8 expected (m.Spectrum f) (sprintf "P_E(%g Hz) at (%g, %g)" f g r)
        }
        test "uncoupled limit: near-silent state (6, 0.8), |c| < 0.05 — χ²_lin·N_E = 1 (Poisson and LIF S₀), P_E ≈ ν₀/N_E" {
            let n = net 6.0 0.8
            let st = lowest n
            Expect.isLessThan st.Rate 0.01 "rate of the low state"
            for noise in [ SingleNeuronSpectrum.Poisson; SingleNeuronSpectrum.WhiteNoiseLif ] do
                let m = BrunelFiniteSize.Create(n, st, 10000, 2500, noise)
                let chi2n = m.Synchrony(1e-3) * 10000.0
                printfn "(6, 0.8) %A: rate %.4g Hz, χ²_lin·N_E = %.6f" noise st.Rate chi2n
                closeAbs 1e-3 1.0 chi2n (sprintf "χ²_lin·N_E, %A" noise)
                for f in [ 10.0; 200.0; 700.0 ] do
                    let w = m.LoopWeightsAt f
                    let ce, ci = w.E, w.I
                    let c = ce.Magnitude + ci.Magnitude
                    Expect.isLessThan c 0.05 "loop weights small"
                    // |P N_E/S₀ − 1| ≤ ((1 + c)² + c² N_E/N_I)/(1 − c)² − 1
                    let bound = ((1.0 + c) ** 2.0 + 4.0 * c * c) / (1.0 - c) ** 2.0 - 1.0
                    closeAbs bound 1.0 (m.Spectrum f * 10000.0 / m.SingleNeuron f) (sprintf "P_E N_E/S₀ at %g Hz" f)
        }
        test "LIF S₀: CV² = S₀(0)/ν₀ equals the double-integral CV formula to 1e-8 at (5, 2), (8, 2), (4, 2)" {
            for (g, r) in [ 5.0, 2.0; 8.0, 2.0; 4.0, 2.0 ] do
                let n = net g r
                let st = lowest n
                let q = cv2Quadrature n st
                let s = LifSpikeTrainSpectrum.CvSquared(n.Neuron, st.Mu, st.Sigma)
                printfn "(%g, %g): CV² quadrature %.12f, spectrum %.12f" g r q s
                closeRel 1e-8 q s (sprintf "CV² at (%g, %g)" g r)
                // continuity at the switch to the small-λ circle mean (λ = 1e-3 ↔ f = 1e-3/(2πτ))
                let f0 = 1e-3 / (2.0 * Math.PI * n.Neuron.TauM)
                let below = LifSpikeTrainSpectrum.Power(n.Neuron, st.Mu, st.Sigma, 0.999 * f0)
                let above = LifSpikeTrainSpectrum.Power(n.Neuron, st.Mu, st.Sigma, 1.001 * f0)
                closeRel 1e-6 below above "S₀ continuous across the small-λ switch"
        }
        test "LIF S₀: refractory sum rule ∫(S₀ − ν₀)df = −ν₀² (two-sided; no spike within τ_rp after a spike), S₀ → ν₀" {
            for (g, r) in [ 5.0, 2.0; 6.0, 0.9; 4.0, 2.0 ] do
                let n = net g r
                let st = lowest n
                let s0 f = LifSpikeTrainSpectrum.Power(n.Neuron, st.Mu, st.Sigma, f) - st.Rate
                let integral = 2.0 * Integrate.GaussKronrod(Func<_, _>(s0), 0.0, 5000.0, 1e-11, 15, 31)
                printfn "(%g, %g): ∫(S₀ − ν₀) = %.9f, −ν₀² = %.9f" g r integral (-st.Rate * st.Rate)
                closeRel 1e-7 (-st.Rate * st.Rate) integral (sprintf "sum rule at (%g, %g)" g r)
                closeAbs 1e-6 0.0 (s0 5000.0 / st.Rate) "S₀(5 kHz)/ν₀ − 1"
        }
        test "LIF ISI transform: F̃(0) = 1, −F̃'(0) = 1/ν₀ (Siegert)" {
            let n = net 5.0 2.0
            let st = lowest n
            let h = 0.5
            let f s = LifSpikeTrainSpectrum.IsiTransform(n.Neuron, st.Mu, st.Sigma, Complex(s, 0.0)).Real
            closeAbs 1e-12 1.0 (f 0.0) "F̃(0)"
            // fourth-order central difference of F̃ at s = 0 along the real axis
            let d = (8.0 * (f h - f (-h)) - (f (2.0 * h) - f (-2.0 * h))) / (12.0 * h)
            closeRel 1e-7 (1.0 / Siegert.Rate(st.Mu, st.Sigma, n.Neuron)) (-d) "mean ISI"
        }
        test "high frequency: c_I e^{sD} → ν₀g²γC_EJ²τ/σ² (χ_σ² → 1), deviation ∝ f^{−1/2} (the R_μ ∝ (iω)^{−1/2} tail)" {
            let n = net 5.0 2.0
            let st = lowest n
            let m = BrunelFiniteSize.Create(n, st, 10000, 2500)
            let cInf = st.Rate * n.G * n.G * n.Gamma * n.CE * n.J * n.J * n.Neuron.TauM / (st.Sigma * st.Sigma)
            let dev f =
                let ci = (m.LoopWeightsAt f).I
                (ci * Complex.Exp(Complex(0.0, 2.0 * Math.PI * f * n.Delay)) - cInf).Magnitude
            let d1, d2 = dev 1e5, dev 1.6e6
            printfn "c_I(∞) = %.6f; |c_I e^{sD} − c_I(∞)| = %.5f at 100 kHz, %.5f at 1.6 MHz (ratio %.3f, f^{-1/2} law: 4)" cInf d1 d2 (d1 / d2)
            closeRel 0.05 4.0 (d1 / d2) "f^{−1/2} decay"
            // so the spectrum has no ν₀/N_E floor in the diffusion model: |L| → (1 + g²γ)·cInf/(g²γ) ≈ 0.93
            closeRel 1e-3 st.Rate (m.SingleNeuron 1e5) "S₀ → ν₀"
        }
        test "χ²_lin diverges ∝ 1/distance towards the Hopf line at g = 6; the peak moves to the Hopf frequency" {
            let lo, hi = hopfRatio 6.0 3.0 3.5
            let line = BrunelStability.Analyze(net 6.0 hi, lowest (net 6.0 hi))
            printfn "g = 6: Hopf line at ν_ext/ν_thr = %.6f, %.2f Hz" lo line.OscillationFrequency
            let preds =
                [ for d in [ 0.1; 0.01; 0.001 ] ->
                    let n = net 6.0 (lo - d)
                    let p = BrunelFiniteSize.Predict(n, lowest n, 10000, 2500)
                    printfn "  distance %g: χ²_lin = %.5f, χ²·distance = %.6f, peak %.2f Hz" d p.Synchrony (p.Synchrony * d) p.PeakFrequency
                    d, p ]
            for k in 1 .. preds.Length - 1 do
                Expect.isGreaterThan (snd preds[k]).Synchrony (5.0 * (snd preds[k - 1]).Synchrony) "χ²_lin grows as the line approaches"
            let (d1, p1), (d2, p2) = preds[1], preds[2]
            closeRel 0.02 (p1.Synchrony * d1) (p2.Synchrony * d2) "χ²·distance constant (variance ∝ 1/|Re λ| ∝ 1/distance)"
            closeRel 0.01 line.OscillationFrequency p2.PeakFrequency "peak at the Hopf frequency"
        }
        test "unstable states are rejected with the reason; Predict returns NaN and says why" {
            let n = net 6.0 4.0
            let st = lowest n
            throwsArg "state" (fun () -> BrunelFiniteSize.Create(n, st, 10000, 2500) |> ignore)
            let p = BrunelFiniteSize.Predict(n, st, 10000, 2500)
            Expect.isFalse p.Stable "stable flag"
            Expect.isTrue (Double.IsNaN p.Synchrony) "NaN synchrony"
            Expect.stringContains p.Reason "not linearly stable" "reason"
            throwsArg "nE" (fun () -> BrunelFiniteSize.Predict(net 5.0 2.0, lowest (net 5.0 2.0), 0, 2500) |> ignore)
        }
        test "finite-size classifier rules" {
            // (5, 2) measured χ² 0.0104 against χ²_lin 0.0124: AI; without a prediction the absolute rule says SI-fast
            Expect.equal (SimulatedRegime.Classify(37.7, 0.39, 0.0104, 123.0, 1.5e-3, 0.0124)) "AI" "below 2 χ²_lin"
            Expect.equal (SimulatedRegime.Classify(37.7, 0.39, 0.0104, 123.0, 1.5e-3)) "SI-fast" "absolute rule"
            Expect.equal (SimulatedRegime.Classify(37.7, 0.39, 0.0300, 123.0, 1.5e-3, 0.0124)) "SI-fast" "above 2 χ²_lin"
            Expect.equal (SimulatedRegime.Classify(5.0, 0.39, 0.008, 123.0, 1.5e-3, 0.001)) "AI" "below the absolute level"
            Expect.equal (SimulatedRegime.Classify(300.0, 0.01, 0.2, 375.0, 1.5e-3, 0.02)) "SR" "regular limit cycle"
            Expect.isTrue (SimulatedRegime.IsSynchronous(0.0249, 0.0124)) "just above 2×"
            Expect.isFalse (SimulatedRegime.IsSynchronous(0.0248, 0.0124)) "at 2×"
        }
    ]

/// The AI points of Fig. 2 at ν_ext/ν_thr = 2 (Brunel's Fig. 8C state first).
let aiPoints = [ 5.0, 2.0; 6.0, 2.0; 8.0, 2.0; 4.0, 2.0 ]

let compare g r duration =
    let c = FiniteSizeSpectrumComparison.Run(g, r, 1UL, duration)
    printf "%s" (FiniteSizeSpectrumComparison.Table c)
    c

/// What the comparison can assert: the simulated χ² stays below the classifier's 2 χ²_lin (the premise of the rule:
/// AI runs are not called synchronous), and the simulated resonance — the centre of the largest 20 Hz band, as single
/// 4 Hz periodogram bins scatter by ±16 % (40 segments) over the flat top — lies at the predicted peak (15 %, the
/// issue's frequency criterion). The band-by-band spectrum is printed with its z-scores; it does NOT agree within the
/// statistical tolerance (docs/MODELS.md: the resonance is 2–6× too high in the theory, 200–500 Hz 2× too low,
/// and at (4, 2) the low-frequency part 5× too high because the network's neurons fire more regularly than the
/// white-noise LIF).
let checkAi (c: FiniteSizeComparison) =
    Expect.isLessThan c.Synchrony (SimulatedRegime.FiniteSizeFactor * c.Prediction.Synchrony) "simulated χ² below 2 χ²_lin"
    closeRel 0.15 c.Prediction.PeakFrequency c.BandPeak "resonance peak (centre of the largest 20 Hz band) vs the predicted peak"

[<Tests>]
let short =
    testList "MeanField.CrossCheck.FiniteSize" [
        test "LIF S₀ vs 1000 unconnected kernel neurons with the (4, 2) Poisson input, seed 1 × 8 s: 50 Hz bands, Σz² < χ²₁₀(0.999)" {
            // The population rate of N independent neurons has the spectrum S₀/N exactly. The kernel neurons receive
            // Poisson input with finite PSPs and dt = 0.1 ms, which lowers their rate by ≈ 4 % (docs/MODELS.md, finite-PSP
            // bias); the prediction is scaled by the measured rate ratio (S₀ ∝ ν₀), the shape is not fitted.
            let n = net 4.0 2.0
            let st = lowest n
            let res = PoissonDrivenLif.ForBrunel(n, st.Rate, n = 1000, duration = 8.2).Run()
            let k = res.Rate / st.Rate
            let s0 f = k * LifSpikeTrainSpectrum.BinnedPower(n.Neuron, st.Mu, st.Sigma, f, 1e-3) / 1000.0
            let w = FiniteSizeSpectrumComparison.Bands(res.PopulationRate, 1e-3, 250, 50.0, s0)
            printfn "unconnected (4, 2) input: rate %.3f Hz (Siegert %.3f), CV %.3f (theory %.3f), %d segments" res.Rate st.Rate res.Cv
                (sqrt (LifSpikeTrainSpectrum.CvSquared(n.Neuron, st.Mu, st.Sigma))) w.Segments
            for b in w.Bands do
                printfn "  %3.0f-%3.0f Hz: sim %.5f ± %.5f, S₀/N %.5f (Poisson %.5f), z %.1f" b.Low b.High b.Simulated b.SimulatedSe b.Predicted (res.Rate / 1000.0) b.Z
            let chi2 = w.Bands |> Array.sumBy (fun b -> b.Z * b.Z)
            Expect.isLessThan chi2 29.6 (sprintf "Σz² = %.1f over %d bands" chi2 w.Bands.Length)
            // and Poisson S₀ is excluded at low frequency (regular firing, CV ≈ 0.48)
            let low = w.Bands[0]
            Expect.isGreaterThan ((res.Rate / 1000.0 - low.Simulated) / low.SimulatedSe) 10.0 "Poisson level rejected in 0–50 Hz"
        }
        test "(5, 2), seed 1 × 2 s: simulated χ² below 2 χ²_lin, resonance at the predicted peak; the comparison row says AI" {
            let c = compare 5.0 2.0 2.0
            checkAi c
            let row = BrunelPhaseComparison.Compare(5.0, 2.0, [| 1UL |], 1.2)
            printf "%s" (BrunelPhaseComparison.Table [ row ])
            Expect.equal row.Regime "AI" "simulated regime of Brunel's Fig. 8C state"
        }
    ]

[<Tests>]
let long =
    testList "crosscheck.MeanField.FiniteSize" [
        for (g, r) in aiPoints do
            test (sprintf "(%g, %g), seed 1 × 10 s: Welch spectrum in 20 Hz bands vs the finite-size prediction; χ² below 2 χ²_lin" g r) {
                checkAi (compare g r 10.0)
            }
        test "J = 0.2 mV, (4.2, 2), 3 seeds × 1 s: analytic AI, simulated label" {
            let row = BrunelPhaseComparison.Compare(4.2, 2.0, [| 1UL; 2UL; 3UL |], 1.2, j = 2e-4)
            printf "%s" (BrunelPhaseComparison.Table [ row ])
            printfn "χ² %.5f, χ²_lin %.5f, ratio %.3f ± %.3f (rel. s.e.)" row.Synchrony row.PredictedSynchrony row.SynchronyRatio row.SynchronyRelativeError
            Expect.equal row.Theory.Regime "AI" "analytic regime at J = 0.2 mV"
            Expect.equal row.Regime "AI" "simulated regime"
        }
    ]
