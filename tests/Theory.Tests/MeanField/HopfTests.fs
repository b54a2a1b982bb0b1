/// Issue #17 items 3, 2, 5: the character of model B's Hopf bifurcation (hysteresis sweep in g_I on the kernel), the
/// SI-slow state of model A at (4.5, 0.9) against network size, and the linear stability of the balanced network with
/// distributed delays (MultiPopulationStability with delay groups). Default suite: the delay-group characteristic
/// against an independent composition from the single-delay coupling matrices, and the window measurement against the
/// closed form for a sinusoidal rate. `crosscheck.MeanField.Hopf`: the kernel runs (docs/MODELS.md, "Issue #17 items 3, 2, 5").
module Theory.Tests.MeanField.Hopf

open System
open System.Numerics
open Expecto
open Theory.MeanField
open Theory.Experiments.MeanField
open Theory.Tests.Util

/// The balanced network of BalancedScaling at K = 1600 and its finite-K Siegert rates (a stationary state).
let private balanced () =
    let net = BalancedScaling.Network
    net.AtK 1600.0, BalancedScaling.FiniteK(net, 1600.0)

let private points = [ Complex(0.0, 2.0 * Math.PI * 150.0); Complex(40.0, 2.0 * Math.PI * 700.0); Complex(-20.0, 2.0 * Math.PI * 1100.0) ]

[<Tests>]
let tests =
    testList "MeanField.Hopf" [
        test "delay groups: equal delays give the single-delay characteristic (1e-13)" {
            let m, r = balanced ()
            for s in points do
                let one = MultiPopulationStability.Characteristic(m, r, 0.5e-3, s)
                let three = MultiPopulationStability.Characteristic(m, r, [| 0.5e-3; 0.5e-3; 0.5e-3 |], s)
                Expect.isLessThan ((three - one).Magnitude / one.Magnitude) 1e-13 (sprintf "c(%A)" s)
        }

        test "delay groups: c(s) = det(I − ½[M(s; D₁) + M(s; D₂)]) from the single-delay coupling matrices (1e-12)" {
            // independent composition: the single-delay coupling M(s; D) = e^{−sD} M₀(s) is averaged over the groups here
            let m, r = balanced ()
            for s in points do
                let a = MultiPopulationStability.Coupling(m, r, 0.25e-3, s)
                let b = MultiPopulationStability.Coupling(m, r, 0.75e-3, s)
                let avg i j = 0.5 * (a.[i, j] + b.[i, j])
                let expected = (Complex.One - avg 0 0) * (Complex.One - avg 1 1) - avg 0 1 * avg 1 0
                let got = MultiPopulationStability.Characteristic(m, r, [| 0.25e-3; 0.75e-3 |], s)
                Expect.isLessThan ((got - expected).Magnitude / expected.Magnitude) 1e-12 (sprintf "c(%A)" s)
        }

        test "delay groups: bad delays throw ArgumentException naming delays" {
            let m, r = balanced ()
            throwsArg "delays" (fun () -> MultiPopulationStability.Characteristic(m, r, Array.empty<float>, Complex.One) |> ignore)
            throwsArg "delays" (fun () -> MultiPopulationStability.Analyze(m, r, [| 1e-3; -1e-4 |]) |> ignore)
            throwsArg "delays" (fun () -> MultiPopulationStability.CountUnstableEigenvalues(m, r, [| nan |]) |> ignore)
        }

        test "window measurement: χ² and peak of a sinusoidal rate equal the closed form" {
            // A(t) = ν(1 + a sin 2πft) per 0.1 ms step; 1 ms bins average it, shrinking the amplitude by sinc(πfΔ):
            // χ² = Var(A)Δ/ν = ν a² sinc²(πfΔ) Δ / 2.
            let dt, nu, a, f, dE = 1e-4, 50.0, 0.5, 40.0, 1e-3
            let steps = 12000
            let rateE = Array.init steps (fun k -> nu * (1.0 + a * sin (2.0 * Math.PI * f * (float k + 0.5) * dt)))
            let rateI = Array.create steps 20.0
            let w = ModelBHysteresis.Measure(6.3, rateE, rateI, dt, 0.2, 1.2)
            let x = Math.PI * f * dE
            let sinc = sin x / x
            closeRel 1e-3 (nu * a * a * sinc * sinc * dE / 2.0) w.SynchronyE "χ²_E"
            closeRel 1e-9 nu w.RateE "rate E"
            closeAbs 1e-12 0.0 w.SynchronyI "χ²_I of a constant rate"
            closeAbs 1.0 f w.PeakE "peak (1 Hz resolution)"
            Expect.equal w.GI 6.3 "g_I"
        }

        test "sweep: bad input throws ArgumentException naming the parameter" {
            throwsArg "gIs" (fun () -> ModelBHysteresis.Sweep(6.0, Array.empty, 2.0, 0.02, 0.5, 0.1) |> ignore)
            throwsArg "transient" (fun () -> ModelBHysteresis.Sweep(6.0, [| 6.2 |], 2.0, 0.02, 0.5, 0.5) |> ignore)
            throwsArg "nE" (fun () -> ModelBHysteresis.Sweep(6.0, [| 6.2 |], 2.0, 0.02, 0.5, 0.1, 100) |> ignore)
        }
    ]
