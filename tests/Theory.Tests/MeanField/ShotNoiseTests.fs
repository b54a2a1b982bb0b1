/// Finite-PSP (shot-noise) LIF rate (ShotNoiseLif) against three independent references: the exact count of jumps
/// without leak, the Siegert rate in the diffusion limit, and unconnected kernel neurons driven by Poisson input.
module Theory.Tests.MeanField.ShotNoiseTests

open Expecto
open Theory.MeanField
open Theory.Experiments.MeanField
open Theory.Tests.Util

/// E and I rates (Hz) giving mean μ and noise σ (Brunel's convention σ² = τΣλJ²) with jumps J_E = j, J_I = 4j.
let private ratesFor (tau: float) mu (sigma: float) j =
    let li = (sigma * sigma / tau - mu * j / tau) / (20.0 * j * j)
    let le = mu / (tau * j) + 4.0 * li
    le, li

[<Tests>]
let tests =
    testList "MeanField.ShotNoise" [
        test "no leak, excitation only: T(V_r) = ⌈(θ − V_r)/J⌉/λ exactly" {
            let n = LifNeuron.Brunel2000.With(tauM = 1e9)
            // (θ − V_r)/J = 10/0.3 = 33.3 → 34 jumps; λ = 1000/s; ν = 1/(τ_rp + 34 ms)
            closeRel 1e-6 (1.0 / (0.002 + 0.034)) (ShotNoiseLif.Rate(n, 1000.0, 3e-4, 0.0, 0.0)) "rate"
            closeRel 1e-6 (1.0 / (0.002 + 0.050)) (ShotNoiseLif.Rate(n, 1000.0, 2e-4, 0.0, 0.0)) "rate, (θ − V_r)/J = 50 exactly" }
        test "diffusion limit: J → 0 at fixed μ, σ tends to the Siegert rate, error ∝ J" {
            let n = LifNeuron.Brunel2000
            let mu, sigma = 0.015, 0.005
            let siegert = Siegert.Rate(mu, sigma, n)
            let err j =
                let le, li = ratesFor n.TauM mu sigma j
                (ShotNoiseLif.Rate(n, le, j, li, 4.0 * j) - siegert) / siegert
            let e1, e2 = err 4e-5, err 1e-5
            printfn "shot noise vs Siegert (μ = 15 mV, σ = 5 mV, %.4f Hz): J = 0.04 mV %.3e, J = 0.01 mV %.3e" siegert e1 e2
            Expect.isLessThan (abs e2) 0.01 "within 1 % at J = 0.01 mV"
            Expect.isTrue (abs e1 / abs e2 > 2.5 && abs e1 / abs e2 < 6.0) (sprintf "first order in J: ratio %.2f for J/4" (e1 / e2)) }
        test "grid convergence at the (6, 0.9) input: Richardson values from m = 16 and m = 32 agree to 1 %" {
            let n = LifNeuron.Brunel2000
            let r16 = ShotNoiseLif.Rate(n, 11166.5, 1e-4, 541.6, 6e-4, pointsPerJump = 16)
            let r32 = ShotNoiseLif.Rate(n, 11166.5, 1e-4, 541.6, 6e-4, pointsPerJump = 32)
            closeRel 0.01 r32 r16 "m = 16 vs 32" }
        test "bad input rejected" {
            let n = LifNeuron.Brunel2000
            Expect.throwsT<System.ArgumentException> (fun () -> ShotNoiseLif.Rate(n, 1000.0, -1e-4, 0.0, 0.0) |> ignore) "negative J_E"
            Expect.throwsT<System.ArgumentException> (fun () -> ShotNoiseLif.Rate(n, 0.0, 1e-4, 10.0, 1e-4) |> ignore) "no excitation"
            Expect.throwsT<System.ArgumentException> (fun () -> ShotNoiseLif.Rate(n, 1000.0, 1e-4, 0.0, 0.0, pointsPerJump = 1) |> ignore) "grid" }
        test "unconnected kernel neurons with the input of model A at (5, 1) (dt = 0.01 ms, 2000 × 1 s): finite-PSP rate within 3 s.e., Siegert not" {
            let net = BrunelTheory.Network(5.0, 1.0)
            let nu0 = net.StationaryStates().[0].Rate
            let shot = BrunelFinitePsp.Transfer(net, nu0)
            let sim = PoissonDrivenLif.ForBrunel(net, nu0, n = 2000, duration = 1.2, dt = 1e-5, seed = 7UL).Run()
            printfn "(5, 1) input at ν0 = %.4f Hz: simulated %.4f ± %.4f Hz, finite-PSP %.4f Hz, Siegert %.4f Hz [%.1f s]" nu0 sim.Rate sim.RateSem shot nu0 sim.RunSeconds
            Expect.isLessThan (abs (sim.Rate - shot)) (3.0 * sim.RateSem) "finite-PSP rate within 3 s.e."
            Expect.isGreaterThan (abs (sim.Rate - nu0)) (3.0 * sim.RateSem) "Siegert (diffusion approximation) outside 3 s.e." }
        test "time step: unconnected neurons at dt = 0.1 ms with the (6, 0.9) input (10 000 × 2 s) match the finite-PSP rate with threshold θ e^{dt/τ} within 3 s.e. + 1.5 % (the approximation's own error)" {
            let net = BrunelTheory.Network(6.0, 0.9)
            let nu0 = net.StationaryStates().[0].Rate
            let cont = BrunelFinitePsp.Transfer(net, nu0)
            let atDt = BrunelFinitePsp.Transfer(net, nu0, timeStep = 1e-4)
            let sim = PoissonDrivenLif.ForBrunel(net, nu0, n = 10000, duration = 2.2, dt = 1e-4, seed = 3UL).Run()
            printfn "(6, 0.9) input, dt = 0.1 ms: simulated %.4f ± %.4f Hz, finite-PSP at dt %.4f Hz, continuous %.4f Hz, Siegert %.4f Hz [%.1f s]"
                sim.Rate sim.RateSem atDt cont nu0 sim.RunSeconds
            // θ e^{dt/τ} is an effective-threshold approximation of the discrete step, not exact: over
            // seeds 1–5 the kernel sits 0.8 % (before the threaded kernel: 1.3795 Hz) and 1.1 % (after:
            // 1.3745 Hz) below it, each ±0.25 %; so the comparison allows 3 s.e. plus 1.5 % of model error
            Expect.isLessThan (abs (sim.Rate - atDt)) (3.0 * sim.RateSem + 0.015 * atDt) "finite-PSP rate at θ e^{dt/τ} within 3 s.e. + 1.5 %"
            Expect.isGreaterThan (abs (sim.Rate - cont)) (3.0 * sim.RateSem) "the continuous-time rate is not (the step matters)" }
    ]
