/// Siegert rate (Brunel 2000 eq. 21) against 50-digit quadrature (MeanField/reference/gen_siegert.py),
/// the spec check values, the Fourcaud–Brunel shift and FsCheck properties.
module Theory.Tests.MeanField.SiegertTests

open System
open System.Globalization
open System.IO
open Expecto
open FsCheck
open Theory.MeanField
open Theory.Tests.Util

let private inv (s: string) = Double.Parse(s, CultureInfo.InvariantCulture)

/// rows: neuron, mu, sigma, ln ν (reference)
let private rows =
    lazy (
        File.ReadAllLines(Path.Combine(repoRoot, "tests", "Theory.Tests", "MeanField", "reference", "siegert_reference.csv"))
        |> Array.skip 1
        |> Array.map (fun l ->
            let p = l.Split ','
            LifNeuron(inv p.[2], inv p.[3], inv p.[4], inv p.[5]), inv p.[0], inv p.[1], inv p.[6]))

let brunel = LifNeuron.Brunel2000

[<Tests>]
let tests =
    testList "MeanField.Siegert" [
        test "rate within 1e-10 relative of 50-digit quadrature wherever ν is a normal double" {
            let mutable worst, n = 0.0, 0
            for (nrn, mu, sigma, lnRef) in rows.Value do
                if lnRef > -708.0 then
                    let got = Siegert.Rate(mu, sigma, nrn)
                    let err = abs (got - exp lnRef) / exp lnRef
                    n <- n + 1
                    if err > worst then worst <- err
                    if not (err <= 1e-10) then failtestf "mu=%g sigma=%g: %.17g vs %.17g (rel %.3g)" mu sigma got (exp lnRef) err
            printfn "Siegert: %d table points, worst relative error %.3g" n worst }
        test "log rate correct at every depth (ln ν down to −4.8e6); rate exact 0 below double range" {
            for (nrn, mu, sigma, lnRef) in rows.Value do
                let got = Siegert.LogRate(mu, sigma, nrn)
                let tol = 1e-10 * max 1.0 (abs lnRef * 1e-3)
                if not (abs (got - lnRef) <= tol) then failtestf "mu=%g sigma=%g: ln ν %.17g vs %.17g" mu sigma got lnRef
                let r = Siegert.Rate(mu, sigma, nrn)
                if lnRef < -745.2 then Expect.equal r 0.0 "underflow gives exact 0"
                Expect.isFalse (Double.IsNaN r) "never NaN" }
        test "spec check values (τ=20 ms, θ=20 mV, V_r=10 mV, τ_rp=2 ms)" {
            closeRel 1e-12 9.4607998057591 (Siegert.Rate(0.015, 0.005, brunel)) "mu=15 sigma=5"
            closeRel 1e-12 0.122025522338211 (Siegert.Rate(0.015, 0.002, brunel)) "mu=15 sigma=2"
            closeRel 1e-12 24.6071592157598 (Siegert.Rate(0.015, 0.010, brunel)) "mu=15 sigma=10"
            closeRel 1e-12 3.8697924079086e-14 (Siegert.Rate(-0.010, 0.005, brunel)) "mu=-10 sigma=5"
            Expect.equal (Siegert.Rate(-0.010, 0.0005, brunel)) 0.0 "mu=-10 sigma=0.5 underflows to 0"
            // 5.866122487631174e-1561 Hz by mpmath (spec: 5.87e-1561)
            closeAbs 1e-9 (log 5.866122487631174 - 1561.0 * log 10.0) (Siegert.LogRate(-0.010, 0.0005, brunel)) "ln of 5.87e-1561" }
        test "array evaluation equals scalar evaluation" {
            let mu = [| -0.01; 0.015; 0.03 |]
            let sg = [| 0.005; 0.002; 0.001 |]
            let r = Siegert.Rates(mu, sg, brunel)
            for i in 0 .. 2 do Expect.equal r.[i] (Siegert.Rate(mu.[i], sg.[i], brunel)) "same" }
        test "Fourcaud–Brunel: colored-noise rate = white-noise rate with θ, V_r + σ α/2 √(τs/τm)" {
            let shifted = SynapticFiltering.ShiftedNeuron(brunel, 0.005, 0.002)
            closeAbs 1e-15 (0.020 + 0.005 * 1.0326265761156 * sqrt 0.1) shifted.Theta "theta shift"
            closeRel 1e-15 (Siegert.Rate(0.015, 0.005, shifted)) (Siegert.Rate(0.015, 0.005, brunel, tauS = 0.002)) "rate"
            Expect.isLessThan (Siegert.Rate(0.015, 0.005, brunel, tauS = 0.002)) (Siegert.Rate(0.015, 0.005, brunel)) "filtering lowers the rate"
            closeRel 1e-12 2.0652531522312172 SynapticFiltering.Alpha "alpha = sqrt2 |zeta(1/2)|" }
        test "bad inputs are rejected naming the parameter" {
            throwsArg "sigma" (fun () -> Siegert.Rate(0.01, 0.0, brunel) |> ignore)
            throwsArg "sigma" (fun () -> Siegert.Rate(0.01, -1e-3, brunel) |> ignore)
            throwsArg "mu" (fun () -> Siegert.Rate(nan, 1e-3, brunel) |> ignore)
            throwsArg "tauS" (fun () -> Siegert.Rate(0.01, 1e-3, brunel, tauS = -1.0) |> ignore)
            throwsArg "VReset" (fun () -> Siegert.Rate(0.01, 1e-3, brunel.With(vReset = 0.03)) |> ignore)
            throwsArg "TauM" (fun () -> Siegert.Rate(0.01, 1e-3, brunel.With(tauM = 0.0)) |> ignore)
            throwsArg "TauRef" (fun () -> Siegert.Rate(0.01, 1e-3, brunel.With(tauRef = -0.001)) |> ignore)
            throwsArg "sigma" (fun () -> Siegert.Rates([| 0.01 |], [| 0.01; 0.02 |], brunel) |> ignore) }
        testList "properties" [
            let cfg = (propertyConfig 300)
            let muOf (x: float) = -0.2 + 0.3 * (abs x % 1.0)           // [-200, 100] mV
            let sigmaOf (x: float) = 1e-4 * 500.0 ** (abs x % 1.0)     // [0.1, 50] mV
            testPropertyWithConfig cfg "ν finite, ≥ 0, ≤ 1/τ_rp for finite input" <| fun (NormalFloat a) (NormalFloat b) ->
                let r = Siegert.Rate(muOf a, sigmaOf b, brunel)
                Double.IsFinite r && r >= 0.0 && r <= 1.0 / brunel.TauRef
            testPropertyWithConfig cfg "σ ≤ 0 is rejected with an ArgumentException naming sigma" <| fun (NormalFloat a) (NormalFloat b) ->
                let s = -(abs b % 0.05)
                try
                    Siegert.Rate(muOf a, s, brunel) |> ignore
                    false
                with :? System.ArgumentException as e -> e.Message.Contains "sigma"
            testPropertyWithConfig cfg "ν non-decreasing in μ" <| fun (NormalFloat a) (NormalFloat b) (NormalFloat c) ->
                let m1, m2 = muOf a, muOf c
                let s = sigmaOf b
                let lo, hi = min m1 m2, max m1 m2
                Siegert.Rate(lo, s, brunel) <= Siegert.Rate(hi, s, brunel) * (1.0 + 1e-13)
            testPropertyWithConfig cfg "ν non-decreasing in σ below threshold (μ ≤ V_r)" <| fun (NormalFloat a) (NormalFloat b) (NormalFloat c) ->
                let mu = -0.2 + 0.21 * (abs a % 1.0)
                let s1, s2 = sigmaOf b, sigmaOf c
                let lo, hi = min s1 s2, max s1 s2
                Siegert.LogRate(mu, lo, brunel) <= Siegert.LogRate(mu, hi, brunel) + 1e-12
        ]
    ]
