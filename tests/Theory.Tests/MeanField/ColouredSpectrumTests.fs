/// Self-consistent coloured-noise spike-train spectrum (Dummer, Wieland & Lindner 2014, Gaussian approximation) and the
/// finite-size population spectrum built on it (issue #17 item 4): the single-neuron sampler against the closed-form
/// white-noise LIF spectrum (Lindner, Schimansky-Geier & Longtin 2002) and transfer function (Furutsu–Novikov), the
/// iteration's zero-coupling limit, the population formula against BrunelFiniteSize; crosscheck: band-by-band against the
/// kernel's Welch spectra at the AI points of FiniteSizeSpectrumComparison.
module Theory.Tests.MeanField.ColouredSpectrum

open System
open System.Numerics
open Expecto
open Theory.MeanField
open Theory.Experiments.MeanField
open Theory.Tests.Util

let net (g: float) (r: float) = BrunelNetwork.ModelA.With(g = Nullable g, nuExtRatio = Nullable r)
let lowest (n: BrunelNetwork) = n.StationaryStates()[0]

/// 2 trials × 2^19 steps of 0.05 ms (2 × 26 s), 0.41 s segments, 20 Hz bands to 500 Hz: a few seconds.
let quick = ColouredNoiseSampling(Trials = 2, StepsLog2 = 19, BandWidth = 20.0, MaxFrequency = 500.0)

[<Tests>]
let tests =
    testList "MeanField.ColouredSpectrum" [
        test "white input: sampled rate, spectrum and susceptibility of the LIF match Siegert, LifSpikeTrainSpectrum and LifTransferFunction within their s.e." {
            let n = net 5.0 2.0
            let st = lowest n
            let white = st.Sigma * st.Sigma * n.Neuron.TauM
            let s = ColouredNoiseLif.Sample(n.Neuron, st.Mu, (fun _ -> white), 7UL, quick)
            // rate: Var(count/T) = S(0)/T = ν CV²/T
            let cv2 = LifSpikeTrainSpectrum.CvSquared(n.Neuron, st.Mu, st.Sigma)
            let time = float quick.Trials * float ((1 <<< quick.StepsLog2) - (1 <<< quick.SegmentLog2)) * quick.Dt
            let rateSe = sqrt (st.Rate * cv2 / time)
            printfn "rate %.3f Hz vs Siegert %.3f ± %.3f; CV %.3f vs %.3f; %d segments" s.Rate st.Rate rateSe s.Cv (sqrt cv2) s.Segments
            Expect.isLessThan (abs (s.Rate - st.Rate) / rateSe) 4.0 "rate within 4 s.e. of Siegert"
            let mutable z2 = 0.0
            let mutable z2chi = 0.0
            for i in 0 .. s.Frequencies.Length - 1 do
                let f = s.Frequencies[i]
                let th = LifSpikeTrainSpectrum.Power(n.Neuron, st.Mu, st.Sigma, f)
                let r = LifTransferFunction.Evaluate(n.Neuron, st.Mu, st.Sigma, Complex(0.0, 2.0 * Math.PI * f)).MeanGain
                let z = (s.Power[i] - th) / s.PowerSe[i]
                // the real and imaginary parts of χ̂ each carry about half the variance
                let zc = (s.Susceptibility[i] - r).Magnitude / s.SusceptibilitySe[i]
                z2 <- z2 + z * z
                z2chi <- z2chi + 2.0 * zc * zc
                printfn "  %5.1f Hz: S %7.3f ± %5.3f (closed form %7.3f, z %5.1f)  chi %A ± %.0f (white %A)" f s.Power[i] s.PowerSe[i] th z s.Susceptibility[i] s.SusceptibilitySe[i] r
            let k = float s.Frequencies.Length
            // χ²_k(0.999) ≈ k + 3.1√(2k) + 5 for k = 25 (52.6) and 2k = 50 (86.7)
            Expect.isLessThan z2 52.6 (sprintf "Σz² of S_x over %g bands" k)
            Expect.isLessThan z2chi 86.7 (sprintf "Σ2z² of χ over %g bands" k)
        }
        test "zero coupling: every generation is the white-noise sample of its seed, bit for bit" {
            let n = net 5.0 2.0
            let st = lowest n
            let white = st.Sigma * st.Sigma * n.Neuron.TauM
            let drive = SparseNetworkDrive(st.Mu, white, 0.0, 0.0)
            let small = ColouredNoiseSampling(Trials = 2, StepsLog2 = 16, SegmentLog2 = 12)
            let gens = SelfConsistentSpectrum.Iterate(n.Neuron, drive, st.Rate, 3, 11UL, small)
            for gn in gens do
                let direct = ColouredNoiseLif.Sample(n.Neuron, st.Mu, (fun _ -> white), 11UL + uint64 gn.Index, small)
                Expect.equal gn.Mu st.Mu "mean input does not depend on the rate"
                Expect.equal gn.Output.Rate direct.Rate "rate"
                Expect.sequenceEqual gn.Output.Power direct.Power "spectrum"
                Expect.sequenceEqual gn.Output.Susceptibility direct.Susceptibility "susceptibility"
        }
        test "the same seed gives the same spectrum (trials reduced in order)" {
            let n = net 5.0 2.0
            let st = lowest n
            let small = ColouredNoiseSampling(Trials = 3, StepsLog2 = 16, SegmentLog2 = 12)
            let spec f = st.Sigma * st.Sigma * n.Neuron.TauM * (1.0 + 0.5 / (1.0 + (f / 30.0) ** 2.0))
            let a = ColouredNoiseLif.Sample(n.Neuron, st.Mu, spec, 3UL, small)
            let b = ColouredNoiseLif.Sample(n.Neuron, st.Mu, spec, 3UL, small)
            Expect.sequenceEqual a.Power b.Power "identical"
            let c = ColouredNoiseLif.Sample(n.Neuron, st.Mu, spec, 4UL, small)
            Expect.notEqual a.Power[3] c.Power[3] "another seed, another estimate"
        }
        test "coloured input with more low-frequency power than white raises S_x(0) (CV) over the white value" {
            // Lindner 2004 / Dummer et al. 2014: slow input fluctuations make the train more variable at low f
            let n = net 5.0 2.0
            let st = lowest n
            let white = st.Sigma * st.Sigma * n.Neuron.TauM
            let o = ColouredNoiseSampling(Trials = 2, StepsLog2 = 19, BandWidth = 20.0, MaxFrequency = 100.0)
            let w = ColouredNoiseLif.Sample(n.Neuron, st.Mu, (fun _ -> white), 5UL, o)
            let c = ColouredNoiseLif.Sample(n.Neuron, st.Mu, (fun f -> white * (1.0 + 2.0 / (1.0 + (f / 10.0) ** 2.0))), 5UL, o)
            printfn "0-20 Hz: white %.2f ± %.2f, low-pass coloured %.2f ± %.2f" w.Power[0] w.PowerSe[0] c.Power[0] c.PowerSe[0]
            Expect.isGreaterThan ((c.Power[0] - w.Power[0]) / sqrt (c.PowerSe[0] ** 2.0 + w.PowerSe[0] ** 2.0)) 5.0 "more low-frequency power"
        }
        test "ColouredFiniteSize with the white LIF S₀ and no susceptibility is BrunelFiniteSize (1e-10)" {
            for (g, r) in [ 5.0, 2.0; 8.0, 2.0; 4.0, 2.0 ] do
                let n = net g r
                let st = lowest n
                let w = BrunelFiniteSize.Create(n, st, 10000, 2500)
                let c = ColouredFiniteSize(n, st, 10000, 2500, (fun f -> LifSpikeTrainSpectrum.Power(n.Neuron, st.Mu, st.Sigma, f)))
                for f in [ 0.7; 12.0; 123.0; 260.0; 499.0; 1400.0 ] do
                    closeRel 1e-10 (w.Spectrum f) (c.Spectrum f) (sprintf "(%g, %g) P_E(%g Hz)" g r f)
                    closeRel 1e-10 (w.BinnedSpectrum(f % 500.0, 1e-3)) (c.BinnedSpectrum(f % 500.0, 1e-3)) (sprintf "(%g, %g) binned at %g Hz" g r f)
                // and the white R_μ passed explicitly as the susceptibility gives the same
                let chi f = LifTransferFunction.Evaluate(n.Neuron, st.Mu, st.Sigma, Complex(0.0, 2.0 * Math.PI * f)).MeanGain
                let c2 = ColouredFiniteSize(n, st, 10000, 2500, (fun f -> LifSpikeTrainSpectrum.Power(n.Neuron, st.Mu, st.Sigma, f)), Func<float, Complex> chi)
                closeRel 1e-12 (c.Spectrum 130.0) (c2.Spectrum 130.0) "explicit white susceptibility"
        }
        test "bad input: ArgumentException naming the parameter" {
            let n = net 5.0 2.0
            let st = lowest n
            throwsArg "Trials" (fun () -> ColouredNoiseSampling(Trials = 0).Validated() |> ignore)
            throwsArg "Dt" (fun () -> ColouredNoiseSampling(Dt = 0.0).Validated() |> ignore)
            throwsArg "MaxFrequency" (fun () -> ColouredNoiseSampling(Dt = 1e-3, MaxFrequency = 600.0).Validated() |> ignore)
            throwsArg "inputSpectrum" (fun () -> ColouredNoiseLif.Sample(n.Neuron, st.Mu, (fun _ -> -1.0), 1UL, quick) |> ignore)
            throwsArg "inputSpectrum" (fun () -> ColouredNoiseLif.Sample(n.Neuron, st.Mu, (fun _ -> nan), 1UL, quick) |> ignore)
            throwsArg "generations" (fun () -> SelfConsistentSpectrum.Iterate(n.Neuron, SparseNetworkDrive.ForBrunel n, st.Rate, 0, 1UL) |> ignore)
            throwsArg "initialRate" (fun () -> SelfConsistentSpectrum.Iterate(n.Neuron, SparseNetworkDrive.ForBrunel n, -1.0, 2, 1UL) |> ignore)
            throwsArg "nE" (fun () -> ColouredFiniteSize(n, st, 0, 2500, (fun _ -> 1.0)) |> ignore)
        }
        test "SparseNetworkDrive.ForBrunel reproduces Brunel's μ(ν) and σ(ν)" {
            let n = net 5.0 2.0
            let d = SparseNetworkDrive.ForBrunel n
            for nu in [ 1.0; 20.0; 37.9 ] do
                closeRel 1e-13 (n.Mu nu) (d.Mean nu) "μ"
                closeRel 1e-13 (n.Sigma nu) (d.WhiteSigma(nu, n.Neuron.TauM)) "σ"
        }
    ]

/// The AI points of FiniteSizeSpectrumComparison's crosscheck (ν_ext/ν_thr = 2).
let aiPoints = [ 5.0, 2.0; 8.0, 2.0; 4.0, 2.0; 6.0, 2.0 ]

/// What the comparison asserts (docs/MODELS.md, finite-size spectrum, item 4): the self-consistent neuron fires with a CV
/// nearer the kernel's than the white-noise LIF; with the coloured S₀ the 0–60 Hz bands agree better (smaller Σz²) than with
/// the white-noise S₀; above 200 Hz the coloured S₀ changes the prediction by < 10 % (S₀ → ν₀ there), so the 200–500 Hz
/// deficit of the theory (kernel/theory up to 2–2.5) is not a spike-train-spectrum effect. The resonance bands are printed, not
/// asserted: neither coloured variant brings them within the statistical tolerance.
[<Tests>]
let crosscheck =
    testList "crosscheck.MeanField.ColouredSpectrum" [
        for (g, r) in aiPoints do
            test (sprintf "(%g, %g), seed 1: 8 generations × 8 trials × 52 s; kernel 10 s; 20 Hz bands vs white, coloured S₀, coloured S₀ + χ" g r) {
                let c = ColouredSpectrumComparison.Run(g, r, 1UL, 10.0, generations = 8)
                printf "%s" (ColouredSpectrumComparison.Table c)
                let n = net g r
                let st = lowest n
                let whiteCv = sqrt (LifSpikeTrainSpectrum.CvSquared(n.Neuron, st.Mu, st.Sigma))
                let scCv = c.Generations[c.Generations.Length - 1].Output.Cv
                Expect.isLessThan (abs (scCv - c.KernelCv)) (abs (whiteCv - c.KernelCv))
                    (sprintf "self-consistent CV %.3f nearer the kernel's %.3f than the white LIF's %.3f" scCv c.KernelCv whiteCv)
                let low = c.Bands |> Array.filter (fun b -> b.High <= 60.0)
                let z2 pick = low |> Array.sumBy (fun b -> let z = b.Z(pick b) in z * z)
                Expect.isLessThan (z2 (fun b -> b.Coloured)) (z2 (fun b -> b.White)) "0–60 Hz: Σz² coloured S₀ < white S₀"
                for b in c.Bands |> Array.filter (fun b -> b.Low >= 200.0) do
                    closeRel 0.10 b.White b.Coloured (sprintf "%g–%g Hz: coloured S₀ ≈ white S₀ prediction" b.Low b.High)
            }
    ]
