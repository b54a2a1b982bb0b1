/// Finite-PSP (shot-noise) transfer function at complex frequency (ShotNoiseTransfer) against three independent
/// references — the mean-first-passage rate of ShotNoiseLif (a backward equation, solved separately), its numerical
/// derivative in the input rates (s = 0), and the diffusion transfer function (LifTransferFunction, mpmath-checked) in the
/// limit J → 0 — and the stability of the slow mode of Brunel's model A with it (issue #17 item 6).
module Theory.Tests.MeanField.FinitePspStability

open System
open System.Numerics
open Expecto
open Theory.MeanField
open Theory.Tests.Util

let private n = LifNeuron.Brunel2000
let private tw = 2.0 * Math.PI

/// E and I rates (Hz) giving mean μ and noise σ (σ² = τΣλJ²) with jumps J_E = j, J_I = 4j.
let private ratesFor (tau: float) mu (sigma: float) j =
    let li = (sigma * sigma / tau - mu * j / tau) / (20.0 * j * j)
    let le = mu / (tau * j) + 4.0 * li
    le, li

/// (5, 1) of model A at the Siegert rate 7.827 Hz: λ_E = C_E(ν_ext + ν), λ_I = γC_Eν, J = 0.1 mV, gJ = 0.5 mV.
let private le, li = 1000.0 * (10.0 + 7.827), 250.0 * 7.827

[<Tests>]
let tests =
    testList "MeanField.FinitePspStability" [
        test "stationary rate of the forward equation equals the MFPT rate of the same grid (1e-10)" {
            for m in [ 4; 8 ] do
                let r = ShotNoiseTransfer.OnGrid(n, le, 1e-4, li, 5e-4, Complex.Zero, m)
                let t = ShotNoiseLif.MeanFirstPassage(n, le, 1e-4, li, 5e-4, 0.0, m)
                closeRel 1e-10 (1.0 / (n.TauRef + t)) r.Rate (sprintf "m = %d" m) }
        test "H(0) equals the derivative of the MFPT rate in λ_E and λ_I (central differences, 1e-3)" {
            let r = ShotNoiseTransfer.Response(n, le, 1e-4, li, 5e-4, Complex.Zero)
            let de, di = 1e-3 * le, 1e-3 * li
            let fe = (ShotNoiseLif.Rate(n, le + de, 1e-4, li, 5e-4, 0.0, 8) - ShotNoiseLif.Rate(n, le - de, 1e-4, li, 5e-4, 0.0, 8)) / (2.0 * de)
            let fi = (ShotNoiseLif.Rate(n, le, 1e-4, li + di, 5e-4, 0.0, 8) - ShotNoiseLif.Rate(n, le, 1e-4, li - di, 5e-4, 0.0, 8)) / (2.0 * di)
            printfn "H_E(0) = %.6e (fd %.6e), H_I(0) = %.6e (fd %.6e)" r.ExcitatoryGain.Real fe r.InhibitoryGain.Real fi
            closeRel 1e-3 fe r.ExcitatoryGain.Real "∂r/∂λ_E"
            closeRel 1e-3 fi r.InhibitoryGain.Real "∂r/∂λ_I"
            Expect.equal r.ExcitatoryGain.Imaginary 0.0 "real at s = 0"
            // continuous through the small-|s| circle average
            let near = ShotNoiseTransfer.Response(n, le, 1e-4, li, 5e-4, Complex(0.0, 0.03))
            closeRel 1e-4 r.ExcitatoryGain.Real near.ExcitatoryGain.Real "s = 0.03i /s" }
        test "diffusion limit: H/r₀ tends to the diffusion gains (χ_μ τJ/σ + χ_σ² τJ²/σ²), error first order in J" {
            let mu, sigma = 0.015, 0.005
            let d = LifTransferFunction.Evaluate(n, mu, sigma, Complex(0.0, tw * 20.0))
            let err j =
                let le, li = ratesFor n.TauM mu sigma j
                let r = ShotNoiseTransfer.Response(n, le, j, li, 4.0 * j, Complex(0.0, tw * 20.0))
                let diffE = (d.MeanGain * n.TauM * j + d.VarianceGain * n.TauM * j * j) / d.Rate
                let diffI = (-d.MeanGain * n.TauM * 4.0 * j + d.VarianceGain * n.TauM * 16.0 * j * j) / d.Rate
                (r.ExcitatoryGain / r.Rate - diffE).Magnitude / diffE.Magnitude, (r.InhibitoryGain / r.Rate - diffI).Magnitude / diffI.Magnitude
            let e1, i1 = err 4e-5
            let e2, i2 = err 1e-5
            printfn "20 Hz, μ = 15 mV, σ = 5 mV: |ΔH_E|/|H_E| = %.3e (J = 0.04 mV), %.3e (0.01 mV); H_I %.3e, %.3e" e1 e2 i1 i2
            Expect.isLessThan e2 0.02 "H_E within 2 % at J = 0.01 mV"
            Expect.isLessThan i2 0.02 "H_I within 2 % at J = 0.01 mV"
            Expect.isTrue (e1 / e2 > 2.0 && e1 / e2 < 8.0) (sprintf "first order in J: ratio %.2f for J/4" (e1 / e2)) }
        test "bad input rejected" {
            throwsArg "s" (fun () -> ShotNoiseTransfer.Response(n, le, 1e-4, li, 5e-4, Complex(-100.0, 0.0)) |> ignore)
            throwsArg "s" (fun () -> ShotNoiseTransfer.Response(n, le, 1e-4, li, 5e-4, Complex(nan, 1.0)) |> ignore)
            throwsArg "rateE" (fun () -> ShotNoiseTransfer.Response(n, 0.0, 1e-4, li, 5e-4, Complex.One) |> ignore)
            throwsArg "pointsPerJump" (fun () -> ShotNoiseTransfer.Response(n, le, 1e-4, li, 5e-4, Complex.One, 1) |> ignore)
            throwsArg "mu0" (fun () -> ShotNoiseTransfer.Response(n, le, 1e-4, li, 5e-4, Complex.One, mu0 = 0.03) |> ignore) }
        test "model A (4.5, 0.9), J = 0.1 mV: finite PSPs do not damp the slow mode (Newton from the diffusion root stays unstable)" {
            let net = BrunelNetwork.ModelA.With(g = 4.5, nuExtRatio = 0.9)
            let st = net.StationaryStates() |> Array.head
            let fp = BrunelFinitePsp.StationaryRate(net, st.Rate)
            let diff = BrunelStability.Analyze(net, st)
            let root = BrunelFinitePspStability.Eigenvalue(net, fp, diff.DominantEigenvalue, 4)
            Expect.isTrue root.HasValue "Newton from the diffusion root converges"
            let z = root.Value
            printfn "Siegert %.3f Hz, root %.2f /s at %.2f Hz; finite-PSP %.3f Hz, root %.2f /s at %.2f Hz"
                st.Rate diff.DominantEigenvalue.Real (diff.DominantEigenvalue.Imaginary / tw) fp z.Real (z.Imaginary / tw)
            Expect.isGreaterThan z.Real 2.0 "growth rate of the finite-PSP slow mode (/s)"
            Expect.isLessThan z.Real diff.DominantEigenvalue.Real "less unstable than in the diffusion theory"
            // the root is converged in the grid: m = 8 (16) moves it by < 0.5 /s and 0.2 Hz
            let z8 = BrunelFinitePspStability.Eigenvalue(net, fp, z, 8).Value
            closeAbs 0.5 z8.Real z.Real "Re s, m = 4 vs 8"
            closeAbs (0.2 * tw) z8.Imaginary z.Imaginary "Im s, m = 4 vs 8" }
    ]

/// Root counts by the argument principle (each count is 100–300 evaluations of the finite-PSP c(s); minutes).
[<Tests>]
let long =
    testList "crosscheck.MeanField.FinitePspStability" [
        test "model A (4.5, 0.9), J = 0.1 mV: one unstable pair below 100 Hz with finite PSPs, as in diffusion" {
            let net = BrunelNetwork.ModelA.With(g = 4.5, nuExtRatio = 0.9)
            let st = net.StationaryStates() |> Array.head
            let fp = BrunelFinitePsp.StationaryRate(net, st.Rate)
            Expect.equal (BrunelStability.CountUnstableEigenvalues(net, st, 100.0, 300.0, 0.0)) 2 "diffusion"
            Expect.equal (BrunelFinitePspStability.CountEigenvalues(net, fp, 100.0, 300.0, 0.0, 4)) 2 "finite PSP" }
        test "model A (6, 0.9) and (5, 0.87), J = 0.1 mV: finite PSPs damp the slow mode more than diffusion does" {
            for g, q, diffUnstable in [ 6.0, 0.9, 0; 5.0, 0.87, 2 ] do
                let net = BrunelNetwork.ModelA.With(g = g, nuExtRatio = q)
                let st = net.StationaryStates() |> Array.head
                let fp = BrunelFinitePsp.StationaryRate(net, st.Rate)
                Expect.equal (BrunelStability.CountUnstableEigenvalues(net, st, 100.0, 300.0, 0.0)) diffUnstable (sprintf "diffusion, (%g, %g)" g q)
                Expect.equal (BrunelStability.CountUnstableEigenvalues(net, st, 100.0, 300.0, -20.0)) 2 (sprintf "diffusion, Re s > −20, (%g, %g)" g q)
                Expect.equal (BrunelFinitePspStability.CountEigenvalues(net, fp, 100.0, 300.0, 0.0, 4)) 0 (sprintf "finite PSP, (%g, %g)" g q)
        }
    ]
