/// Bos, Diesmann & Helias (2016) variant of the microcircuit (MicrocircuitModel.Bos2016) and the mean-input-only linear
/// response (LinearResponse.MeanOnly) with which they predict its spectra.
module Theory.Tests.Microcircuit.MicrocircuitBosTests

open System
open System.Numerics
open Expecto
open Theory.MeanField
open Theory.Experiments.Networks
open Theory.Experiments.Predict
open Theory.Tests.Util

let private names = MicrocircuitParameters.Names |> Seq.toArray

[<Tests>]
let tests =
    testList "Microcircuit.Bos2016" [
        test "the three adaptions of Layer et al. (2022) Table A1: K(4E<-4I) = 675, K_ext(4E) = 1780, delays 1.5 ± 1.5 / 0.75 ± 0.75 ms" {
            let pd, bos = MicrocircuitModel.At 1.0, MicrocircuitModel.Bos2016 1.0
            // Table A1: in-degree 795 (Potjans & Diesmann) → 675; synapses = in-degree · N(L4E) = 675 · 21 915
            Expect.equal bos.Synapses.[2, 3] 14792625L "synapses L4E <- L4I"
            Expect.floatClose Accuracy.veryHigh (bos.InDegree(2, 3)) 675.0 "in-degree L4E <- L4I"
            Expect.isTrue (abs (pd.InDegree(2, 3) - 795.0) < 0.5) (sprintf "Potjans & Diesmann's in-degree %.3f ≈ 795" (pd.InDegree(2, 3)))
            Expect.equal bos.ExternalInDegrees.[2] 1780 "K_ext L4E"
            for a in 0 .. 7 do
                if a <> 2 then Expect.equal bos.ExternalInDegrees.[a] pd.ExternalInDegrees.[a] (sprintf "K_ext %s unchanged" names.[a])
                for b in 0 .. 7 do
                    if (a, b) <> (2, 3) then Expect.equal bos.Synapses.[a, b] pd.Synapses.[a, b] (sprintf "synapses %s <- %s unchanged" names.[a] names.[b])
            Expect.equal (bos.DelayExc, bos.DelayExcSd, bos.DelayInh, bos.DelayInhSd) (1.5e-3, 1.5e-3, 0.75e-3, 0.75e-3) "Bos delays"
            Expect.equal (pd.DelayExc, pd.DelayExcSd, pd.DelayInh, pd.DelayInhSd) (1.5e-3, 0.75e-3, 0.8e-3, 0.4e-3) "Potjans & Diesmann delays"
            Expect.equal (bos.Variant, pd.Variant) ("Bos2016", "PD2014") "variant names" }

        test "the kernel realises the Bos delays: mean and s.d. of the built L4E <- L4I delays = the truncated, rounded normal (scale 0.05)" {
            let m = MicrocircuitModel.Bos2016 0.05
            let c = MicrocircuitNetwork.Build(m, 3UL, Nullable 1)
            let dt = 1e-4
            let d = NetworkDescription.DelayDistribution(m.DelayInh, m.DelayInhSd, dt)
            let mean = Array.fold2 (fun s x p -> s + x * p) 0.0 d.Delays d.Probabilities
            let var = Array.fold2 (fun s x p -> s + (x - mean) ** 2.0 * p) 0.0 d.Delays d.Probabilities
            // the projection onto L4E (population 2) from L4I (3): its delay steps
            let proj = c.Net.Projections |> Seq.find (fun p -> obj.ReferenceEquals(p.Pre, c.Populations.[3]) && obj.ReferenceEquals(p.Post, c.Populations.[2]))
            let xs = proj.SynapseDelaySteps |> Array.map (fun k -> float k * dt)
            let n = float xs.Length
            let sMean = Array.average xs
            let se = sqrt var / sqrt n
            Expect.isLessThan (abs (sMean - mean)) (4.0 * se) (sprintf "mean delay %.5g ms vs %.5g ms (se %.2g)" (sMean * 1e3) (mean * 1e3) (se * 1e3))
            // truncation at dt lifts the mean above 0.75 ms: E[x | x ≥ 0.1 ms] for N(0.75, 0.75²) ms
            Expect.isGreaterThan mean 0.9e-3 "truncation raises the mean delay"
            Expect.floatClose { absolute = 0.0; relative = 0.03 } (sqrt (Array.averageBy (fun x -> (x - sMean) ** 2.0) xs)) (sqrt var) "s.d. of the delays" }

        test "mean-input-only coupling = e^{-sD}-weighted K J τ ν χ_μ/σ from LifTransferFunction.Evaluate; the σ² part is the difference" {
            // Brunel model A (E and I populations, delta synapses, one delay): the E ← E entry M_EE(s) = e^{−sD} K J τ R_μ(s),
            // with R_μ = ν χ_μ/σ the rate response to μ (and R_σ² to σ²), evaluated on the neuron directly
            let d = BuiltInNetworks.BrunelA()
            let pm = d.ToPopulationModel()
            let nu = (NetworkPrediction.StationaryRates pm).[0]
            let st = NetworkPrediction.Analyze(pm, nu)
            let mu, sigma = st.Mu.[0], st.Sigma.[0]
            let p = pm.Populations.[0]
            let neuron = LifNeuron(p.TauM, p.Theta - p.RestingPotential, p.VReset - p.RestingPotential, p.TauRef)
            for f in [ 10.0; 80.0; 300.0 ] do
                let s = Complex(0.0, 2.0 * Math.PI * f)
                let r = LifTransferFunction.Evaluate(neuron, mu, sigma, s)
                let mutable kj, kj2 = 0.0, 0.0
                let mutable h = Complex.Zero
                for i in pm.Inputs do
                    if i.Source = 0 && i.Target = 0 then
                        kj <- kj + i.InDegree * i.WeightMean
                        kj2 <- kj2 + i.InDegree * i.WeightMeanSquare
                        h <- Complex.Exp(-s * i.Delays.[0])
                let only = (NetworkPrediction.Coupling(pm, nu, s, LinearResponse.MeanOnly)).[0, 0]
                let both = (NetworkPrediction.Coupling(pm, nu, s)).[0, 0]
                let expectedOnly = h * p.TauM * kj * r.MeanGain
                let expectedVar = h * p.TauM * kj2 * r.VarianceGain
                Expect.isLessThan (Complex.Abs(only - expectedOnly) / Complex.Abs expectedOnly) 1e-10 (sprintf "mean part at %g Hz" f)
                Expect.isLessThan (Complex.Abs(both - only - expectedVar) / Complex.Abs expectedVar) 1e-10 (sprintf "variance part at %g Hz" f)
            throwsArg "response" (fun () -> NetworkPrediction.Coupling(pm, nu, Complex.ImaginaryOne, enum<LinearResponse> 7) |> ignore) }

        test "generic prediction of microcircuit-bos2016 = MicrocircuitPrediction(Bos2016) to 1e-9; the adaptions lower L4E's rate" {
            let d = BuiltInNetworks.Get "microcircuit-bos2016"
            Expect.equal d.Name "microcircuit-bos2016" "name"
            let states = NetworkPrediction.StationaryRates(d.ToPopulationModel())
            Expect.equal states.Length 1 "one stationary state"
            let nu = MicrocircuitPrediction.Solve(MicrocircuitModel.Bos2016 1.0).Rates
            for a in 0 .. 7 do
                let err = abs (states.[0].[a] - nu.[a]) / nu.[a]
                if not (err <= 1e-9) then failtestf "%s: generic %.15g, bespoke %.15g (%.3g)" names.[a] states.[0].[a] nu.[a] err
            let pd = MicrocircuitPrediction.Solve(MicrocircuitModel.At 1.0).Rates
            // 15 % less inhibition from L4I is more than offset by 15 % less external drive: L4E goes down
            Expect.isLessThan nu.[2] pd.[2] "L4E rate below Potjans & Diesmann's" }

        test "Bos et al.'s prediction: low-γ peak at 62–64 Hz and high-γ at 255–290 Hz in every population (mean-input coupling)" {
            // Bos et al. (2016) Fig. 1E: the prediction peaks at ≈ 63 Hz (low γ) and, per population, 263–284 Hz (high γ)
            // (their published data as distributed with NNMT's Bos2016 example; Layer et al. 2022)
            let m = MicrocircuitModel.Bos2016 1.0
            let nu = MicrocircuitPrediction.Solve(m).Rates
            let pm = MicrocircuitPopulationModel.From m
            let fs = [| 40.0 .. 1.0 .. 400.0 |]
            let sp = fs |> Array.map (fun f -> NetworkPrediction.RateSpectrum(pm, nu, f, LinearResponse.MeanOnly))
            for a in 0 .. 7 do
                let peak lo hi = fs |> Array.indexed |> Array.filter (fun (_, f) -> f >= lo && f < hi) |> Array.maxBy (fun (i, _) -> sp.[i].[a]) |> snd
                let low, high = peak 40.0 120.0, peak 150.0 400.0
                Expect.isTrue (low >= 62.0 && low <= 64.0) (sprintf "%s low-γ peak %.0f Hz" names.[a] low)
                Expect.isTrue (high >= 255.0 && high <= 290.0) (sprintf "%s high-γ peak %.0f Hz" names.[a] high) }
    ]

/// The root search on the eight-population characteristic (CharacteristicRoots: seeds from the minima of |c(iω)|, then
/// argument-principle bisection): every unstable root the count reports is located.
[<Tests>]
let stability =
    testList "Microcircuit.Stability" [
        test "full Potjans & Diesmann circuit: the unstable low-γ root (+46 /s, 85 Hz) is located; an independent winding count agrees" {
            let m = MicrocircuitModel.At 1.0
            let nu = MicrocircuitPrediction.Solve(m).Rates
            let pm = MicrocircuitPopulationModel.From m
            let st = NetworkPrediction.Analyze(pm, nu)
            // before the bisection the search reported "0 + 1494i /s (238 Hz), not found": the deepest minima of |c(iω)| lie
            // at the high-frequency mode, where |c| is ~1e-3 of its size at 85 Hz
            Expect.isFalse st.Stability.Stable "unstable"
            Expect.isTrue st.Stability.EigenvalueFound "root located"
            let z = st.Stability.DominantEigenvalue
            Expect.isTrue (z.Real > 40.0 && z.Real < 52.0) (sprintf "growth rate %.2f /s" z.Real)
            Expect.isTrue (abs (z.Imaginary / (2.0 * Math.PI) - 85.0) < 1.0) (sprintf "frequency %.2f Hz" (z.Imaginary / (2.0 * Math.PI)))
            let c (s: Complex) = NetworkPrediction.Characteristic(pm, nu, s)
            Expect.isLessThan ((c z).Magnitude / (c (z + Complex(5.0, 20.0))).Magnitude) 1e-8 "c(root) ≈ 0 relative to its neighbourhood"
            // argument principle, fine uniform sampling (no refinement): one zero in 0 < Re s < 200 /s, 50–100 Hz; none in
            // 0 < Re s < 200 /s, 100–600 Hz (the high mode at ≈ 238 Hz is damped, −40 /s)
            let winding re0 re1 f0 f1 =
                let w0, w1 = 2.0 * Math.PI * f0, 2.0 * Math.PI * f1
                let corners = [| Complex(re0, w0); Complex(re1, w0); Complex(re1, w1); Complex(re0, w1); Complex(re0, w0) |]
                let mutable total = 0.0
                for e in 0 .. 3 do
                    let a, b = corners.[e], corners.[e + 1]
                    let k = 1500
                    let mutable prev = c a
                    for j in 1 .. k do
                        let x = c (a + (b - a) * Complex(float j / float k, 0.0))
                        total <- total + (x / prev).Phase
                        prev <- x
                total / (2.0 * Math.PI)
            Expect.floatClose { absolute = 0.05; relative = 0.0 } (winding 0.0 200.0 50.0 100.0) 1.0 "one zero at 50–100 Hz"
            Expect.floatClose { absolute = 0.05; relative = 0.0 } (winding 0.0 200.0 100.0 600.0) 0.0 "none at 100–600 Hz" }
    ]
