/// Finite-PSP transfer with several jump sizes (ShotNoiseMultiTransfer) and the finite-PSP stability of multi-population
/// networks (MultiPopulationFinitePsp), issue #17 item 6, against independent references: the two-class
/// ShotNoiseTransfer (same grid: identical numbers), the merge of two classes with the same jump, the diffusion transfer
/// function (LifTransferFunction) in the limit J → 0, and model A's finite-PSP rate and characteristic (BrunelFinitePsp,
/// BrunelFinitePspStability) as model B with identical populations.
module Theory.Tests.MeanField.ShotNoiseMulti

open System
open System.Numerics
open Expecto
open Theory.MeanField
open Theory.Tests.Util

let private n = LifNeuron.Brunel2000
let private tw = 2.0 * Math.PI
let private points = [ Complex.Zero; Complex(0.0, 0.03); Complex(0.0, tw * 150.0); Complex(40.0, tw * 700.0); Complex(-30.0, tw * 20.0) ]
let private relc (a: Complex) (b: Complex) = (a - b).Magnitude / b.Magnitude

[<Tests>]
let tests =
    testList "MeanField.ShotNoiseMulti" [
        test "one E and one I class: the numbers of ShotNoiseTransfer (same grid, 1e-14)" {
            // (5, 1) input of model A; J_I = 0.537 mV is 42.96 grid steps (m = 8): the split I jump of both codes
            let le, li, je, ji = 17827.0, 1956.75, 1e-4, 5.37e-4
            for s in points do
                let a = ShotNoiseTransfer.Response(n, le, je, li, ji, s)
                let b = ShotNoiseMultiTransfer.Response(n, [| ShotNoiseInput(le, je); ShotNoiseInput(li, -ji) |], s)
                closeRel 1e-14 a.Rate b.Rate (sprintf "rate at %A" s)
                Expect.isLessThan (relc b.Gains.[0] a.ExcitatoryGain) 1e-14 (sprintf "H_E at %A" s)
                Expect.isLessThan (relc b.Gains.[1] a.InhibitoryGain) 1e-14 (sprintf "H_I at %A" s)
                if s <> Complex.Zero then Expect.isLessThan (relc b.IsiTransform a.IsiTransform) 1e-14 (sprintf "F̃ at %A" s)
        }
        test "two classes with the same jump: equal gains, equal to one class with the summed rate (1e-11)" {
            let le, li, je, ji = 17827.0, 1956.75, 1e-4, 5e-4
            for s in points do
                let one = ShotNoiseMultiTransfer.Response(n, [| ShotNoiseInput(le, je); ShotNoiseInput(li, -ji) |], s)
                let two = ShotNoiseMultiTransfer.Response(n, [| ShotNoiseInput(7827.0, je); ShotNoiseInput(li, -ji); ShotNoiseInput(10000.0, je) |], s)
                closeRel 1e-11 one.Rate two.Rate "rate"
                Expect.isLessThan (relc two.Gains.[0] one.Gains.[0]) 1e-11 (sprintf "first E class at %A" s)
                Expect.isLessThan (relc two.Gains.[2] one.Gains.[0]) 1e-11 (sprintf "second E class at %A" s)
                Expect.isLessThan (relc two.Gains.[1] one.Gains.[1]) 1e-11 (sprintf "I class at %A" s)
        }
        test "diffusion limit with three jump sizes (J, 2.3J, −4J): H_k/r₀ → χ_μ τJ_k/σ + χ_σ² τJ_k²/σ², error first order in J" {
            // λ₂ = λ₁; μ = τ(λ₁J + 2.3λ₂J − 4λ₃J) = 15 mV, σ² = τ(λ₁ + 5.29λ₂ + 16λ₃)J² = (5 mV)²; 2.3J is a split jump
            let mu, sigma = 0.015, 0.005
            let s = Complex(0.0, tw * 20.0)
            let d = LifTransferFunction.Evaluate(n, mu, sigma, s)
            let err j =
                let a, b = mu / (n.TauM * j), sigma * sigma / (n.TauM * j * j)
                let l3 = (b - 6.29 * a / 3.3) / (16.0 + 4.0 * 6.29 / 3.3)
                let l1 = (a + 4.0 * l3) / 3.3
                let jumps = [| j; 2.3 * j; -4.0 * j |]
                let r = ShotNoiseMultiTransfer.Response(n, [| ShotNoiseInput(l1, j); ShotNoiseInput(l1, 2.3 * j); ShotNoiseInput(l3, -4.0 * j) |], s)
                jumps |> Array.mapi (fun k jk ->
                    let diff = (d.MeanGain * n.TauM * jk + d.VarianceGain * n.TauM * jk * jk) / d.Rate
                    relc (r.Gains.[k] / r.Rate) diff)
            let e1, e2 = err 4e-5, err 1e-5
            printfn "three classes, 20 Hz, μ = 15 mV, σ = 5 mV: relative errors J = 0.04 mV %A, J = 0.01 mV %A" e1 e2
            for k in 0 .. 2 do
                Expect.isLessThan e2.[k] 0.02 (sprintf "class %d within 2 %% at J = 0.01 mV" k)
                Expect.isTrue (e1.[k] / e2.[k] > 2.0 && e1.[k] / e2.[k] < 8.0) (sprintf "class %d first order in J: ratio %.2f for J/4" k (e1.[k] / e2.[k]))
        }
        test "model B with identical E and I populations: model A's finite-PSP fixed point (1e-8) and characteristic (1e-10)" {
            // model A at (5, 1): one population receiving C_E(ν_ext + ν) events of J and γC_Eν of −gJ; as model B the external
            // and recurrent E events are separate classes and the I population is a copy, so det(I − M) = 1 − (M_EE + M_EI)
            let a = BrunelNetwork.ModelA.With(g = 5.0, nuExtRatio = 1.0)
            let siegert = a.StationaryStates().[0].Rate
            let rateA = BrunelFinitePsp.StationaryRate(a, siegert, 8)
            let b = MultiPopulationNetwork.BrunelModelB(a.CE, a.Gamma, a.J, a.G, a.G, a.NuExt, a.Neuron, a.Neuron)
            let r = MultiPopulationFinitePsp.StationaryRates(b, [| siegert; siegert |])
            printfn "(5, 1): Siegert %.6f Hz, finite PSP (model A, Brent) %.9f Hz, model B Newton %.9f %.9f Hz" siegert rateA r.[0] r.[1]
            // the fixed point of model A's two-class transfer (rate extrapolated from m = 8, 16 as here) …
            let two = ShotNoiseTransfer.Response(a.Neuron, a.CE * (a.NuExt + r.[0]), a.J, a.Gamma * a.CE * r.[0], a.G * a.J, Complex.Zero)
            closeRel 1e-8 r.[0] two.Rate "model A's two-class rate at the model-B fixed point"
            closeRel 1e-12 r.[0] r.[1] "E and I rates equal"
            // … and BrunelFinitePsp's, which extrapolates the mean first-passage time instead of the rate: O(h²) apart
            closeRel 1e-3 rateA r.[0] "BrunelFinitePsp rate"
            for s in points |> List.filter (fun s -> s.Real > -20.0) do
                let ca = BrunelFinitePspStability.Characteristic(a, r.[0], s)
                let cb = MultiPopulationFinitePsp.Characteristic(b, r, [| a.Delay |], s)
                Expect.isLessThan (relc cb ca) 1e-10 (sprintf "c(%A)" s)
        }
        test "bad input: ArgumentException naming inputs, s, rates, delays" {
            throwsArg "inputs" (fun () -> ShotNoiseMultiTransfer.Response(n, [| ShotNoiseInput(100.0, -1e-4) |], Complex.Zero) |> ignore)
            throwsArg "inputs" (fun () -> ShotNoiseMultiTransfer.Response(n, [| ShotNoiseInput(100.0, 1e-4); ShotNoiseInput(-1.0, 1e-4) |], Complex.Zero) |> ignore)
            throwsArg "inputs" (fun () -> ShotNoiseMultiTransfer.Rate(n, [| ShotNoiseInput(100.0, 0.0) |]) |> ignore)
            throwsArg "s" (fun () -> ShotNoiseMultiTransfer.Response(n, [| ShotNoiseInput(100.0, 1e-4) |], Complex(-100.0, 0.0)) |> ignore)
            let b = MultiPopulationNetwork.BrunelModelB(1000.0, 0.25, 1e-4, 5.0, 5.0, 10.0, n, n)
            throwsArg "rates" (fun () -> MultiPopulationFinitePsp.Characteristic(b, [| 1.0 |], [| 1e-3 |], Complex.One) |> ignore)
            throwsArg "rates" (fun () -> MultiPopulationFinitePsp.Characteristic(b, [| 1.0; 1.0 |], [| 1e-3 |], Complex.One) |> ignore)
            throwsArg "delays" (fun () -> MultiPopulationFinitePsp.Characteristic(b, [| 1.0; 1.0 |], Array.empty<float>, Complex.One) |> ignore)
        }
    ]

/// Item 6 for the balanced network of BalancedScaling (D = 0.5 ms in 4 groups over [0.25, 0.75] ms, the simulation's
/// delays), each population receiving three jump sizes j_aE/√K, j_aI/√K, j_aX/√K. Measured (docs/MODELS.md, item 6): at
/// K = 400 the diffusion theory has an unstable pair (+89 /s, 294 Hz) and the finite-PSP theory none (argument-principle
/// count 0 in |f| < 2 kHz, 0 < Re s < 3000 /s; its Nyquist curve crosses the real axis at 346 Hz at Re c = +0.165 where the
/// diffusion one crosses at 283 Hz at −0.120; m = 4 and 8 agree to 1e-4); at K = 800 both are unstable (finite PSP
/// +384 /s at 398 Hz, diffusion +473 /s at 371 Hz).
[<Tests>]
let crosscheck =
    testList "crosscheck.MeanField.ShotNoiseMulti" [
        test "balanced network: finite PSPs stabilise K = 400 (diffusion unstable) but not K = 800" {
            let net = Theory.Experiments.MeanField.BalancedScaling.Network
            let ds = Array.init 4 (fun k -> 0.5e-3 * (0.5 + float k / 3.0))
            let at k =
                let m = net.AtK k
                let sieg = Theory.Experiments.MeanField.BalancedScaling.FiniteK(net, k)
                m, sieg, MultiPopulationFinitePsp.StationaryRates(m, sieg, 4)
            let m4, s4, f4 = at 400.0
            Expect.equal (MultiPopulationStability.CountUnstableEigenvalues(m4, s4, ds, 2000.0, 3000.0)) 2 "K = 400 diffusion: one unstable pair"
            Expect.equal (MultiPopulationFinitePsp.CountEigenvalues(m4, f4, ds, 2000.0, 3000.0, 0.0, 4)) 0 "K = 400 finite PSP: none"
            let m8, s8, f8 = at 800.0
            let z = MultiPopulationFinitePsp.Eigenvalue(m8, f8, ds, Complex(473.0, tw * 371.0), 4)
            Expect.isTrue z.HasValue "K = 800 finite PSP: Newton from the diffusion root converges"
            let z = z.Value
            printfn "K = 800 finite-PSP root %.1f/s at %.1f Hz (rates %.4f, %.4f Hz; Siegert %.4f, %.4f)" z.Real (z.Imaginary / tw) f8.[0] f8.[1] s8.[0] s8.[1]
            Expect.isGreaterThan z.Real 200.0 "K = 800 finite PSP: growing"
            // independent check of the zero: det(I − M) from the coupling matrix at m = 8
            let c = MultiPopulationFinitePsp.Coupling(m8, MultiPopulationFinitePsp.StationaryRates(m8, f8, 8), ds, z, 8)
            let det = (Complex.One - c.[0, 0]) * (Complex.One - c.[1, 1]) - c.[0, 1] * c.[1, 0]
            Expect.isLessThan det.Magnitude 0.02 "K = 800: still a zero on the finer grid (|c| < 0.02)"
        }
    ]
