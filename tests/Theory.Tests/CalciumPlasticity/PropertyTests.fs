/// FsCheck properties, bad input and the command line of the calcium module.
module Theory.Tests.CalciumPlasticity.Properties

open System
open System.IO
open Expecto
open FsCheck
open FsCheck.FSharp
open Theory.CalciumPlasticity
open Theory.Experiments.CalciumPlasticity
open Theory.Spiking
open Theory.Tests.Util

let unit01 = Gen.choose (0, 1000) |> Gen.map (fun k -> float k / 1000.0)
let rates = Gen.choose (1, 40) |> Gen.map float
let badPositive = Gen.elements [ nan; infinity; -infinity; 0.0; -1e-3; -5.0 ] |> Arb.fromGen

let cli (args: string[]) =
    let out = new StringWriter()
    let err = new StringWriter()
    let o, e = Console.Out, Console.Error
    Console.SetOut out; Console.SetError err
    try
        let rc = Theory.Cli.Commands.Run args
        rc, out.ToString(), err.ToString()
    finally
        Console.SetOut o; Console.SetError e

[<Tests>]
let tests =
    testList "CalciumPlasticity.Properties" [
        testPropertyFixed "drift of the linear rule is positive below rho-bar and negative above" <|
            Prop.forAll (Gen.zip3 unit01 unit01 unit01 |> Arb.fromGen) (fun (aD, aP0, rho) ->
                let aP = aP0 * aD // theta_p > theta_d: alpha_p <= alpha_d
                let p = GraupnerBrunelParameters.DP.With(bistable = false)
                let a = p.Drift(rho, aD, aP)
                let g = p.GammaP * aP + p.GammaD * aD
                if g > 0.0 then
                    let rhoBar = p.GammaP * aP / g
                    if rho < rhoBar - 1e-9 then Expect.isGreaterThan a 0.0 "below rho-bar"
                    elif rho > rhoBar + 1e-9 then Expect.isLessThan a 0.0 "above rho-bar")

        testPropertyFixed "drift sign follows the thresholds: no time above theta_p means depression only" <|
            Prop.forAll (Gen.zip3 rates rates unit01 |> Arb.fromGen) (fun (pre, post, rho) ->
                // theta_p above any reachable calcium at these rates for most of the time: raise it far
                let p = GraupnerBrunelParameters.DP.With(bistable = false, thetaP = 1e6)
                let d = EfficacyDrift(p, PoissonActivity(pre, post))
                closeAbs 0.0 0.0 d.AlphaP "alpha_p"
                Expect.isTrue (d.Drift(rho) <= 0.0) "depression only"
                // and theta_d above every transient: no plasticity at all
                let q = p.With(thetaD = 1e6)
                let e = EfficacyDrift(q, PoissonActivity(pre, post))
                closeAbs 0.0 0.0 (e.Drift rho) "no drift")

        testPropertyFixed "alpha_p <= alpha_d for theta_p >= theta_d, both in [0, 1], for every pair protocol" <|
            Prop.forAll (Gen.zip3 (Gen.choose (-500, 500)) (Gen.choose (1, 50)) (Gen.elements [ "DP"; "DPD"; "cortical-slices"; "nonlinear-2016" ]) |> Arb.fromGen)
                (fun (dtms, f, name) ->
                    let p = GraupnerBrunelParameters.Preset name
                    let dt = Math.Clamp(float dtms * 1e-3, -0.5 / float f, 0.5 / float f)
                    let r = PeriodicCalcium.Fractions(p, SpikeMotif.Pair(dt, float f))
                    Expect.isTrue (r.AlphaP <= r.AlphaD + 1e-15 && r.AlphaD <= 1.0 && r.AlphaP >= 0.0) $"{r}")

        testPropertyFixed "kernel efficacies stay in [0, 1] for any rates, initial state and noise" <|
            Prop.forAll (Gen.zip3 rates unit01 (Gen.choose (0, 20)) |> Arb.fromGen) (fun (rate, rho0, sigma) ->
                let p = GraupnerBrunelParameters.DP.With(sigma = float sigma, tau = 1.0)
                let net = Network(1e-4, uint64 (rate * 7.0))
                let pre = net.Add(SpikeSource.Poisson("pre", 20, rate, net.NewRandom()))
                let post = net.Add(SpikeSource.Poisson("post", 20, rate, net.NewRandom()))
                let proj = net.Add(CalciumSynapseProjection(net, pre, post, Connectivity.OneToOne(), KernelSynapseSimulation.Rule p, 0.0, 1.0, (fun _ _ -> rho0)))
                net.Run 0.3
                proj.Synchronize()
                Expect.isTrue (proj.Rho |> Array.forall (fun x -> x >= 0.0 && x <= 1.0)) "rho in [0,1]"
                Expect.isTrue (proj.Weights |> Array.forall (fun x -> x >= 0.0 && x <= 1.0 + 1e-6)) "weights in [w0, w1]")

        testPropertyFixed "bad parameters are rejected naming the field" <| Prop.forAll badPositive (fun x ->
            let p = GraupnerBrunelParameters.DP
            throwsArg "TauCa" (fun () -> p.With(tauCa = x).Validate() |> ignore)
            throwsArg "Tau" (fun () -> StdpCurve.Pair(p.With(tau = x), 0.01) |> ignore)
            throwsArg "ThetaD" (fun () -> CalciumShotNoise(p.With(thetaD = x), PoissonActivity(1.0, 1.0)) |> ignore)
            throwsArg "frequency" (fun () -> StdpCurve.Pair(p, 0.01, x) |> ignore))

        test "bad activity, protocol and preset are rejected by name" {
            let p = GraupnerBrunelParameters.DP
            throwsArg "Correlation" (fun () -> CalciumShotNoise(p, PoissonActivity(10.0, 1.0, 0.9)) |> ignore)
            throwsArg "Correlation" (fun () -> PoissonActivity(10.0, 10.0, 1.5).Validate() |> ignore)
            throwsArg "PreRate" (fun () -> PoissonActivity(-1.0, 10.0).Validate() |> ignore)
            throwsArg "deltaT" (fun () -> SpikeMotif.Pair(2.0, 1.0) |> ignore)
            throwsArg "pairs" (fun () -> StdpCurve.Pair(p, 0.01, 1.0, 0) |> ignore)
            throwsArg "name" (fun () -> GraupnerBrunelParameters.Preset "nope" |> ignore)
            throwsArg "Lag" (fun () -> CalciumShotNoise(GraupnerBrunelParameters.Nonlinear2016, PoissonActivity(1.0, 1.0, 0.5, 0.05)).Cdf 1.0 |> ignore)
            throwsArg "Eta" (fun () -> CalciumShotNoise(GraupnerBrunelParameters.Nonlinear2016, PoissonActivity(1.0, 1.0)).Cumulant 3 |> ignore)
            // the variance is exact at any lag (NonlinearCalciumVariance; tested in NonlinearLagTests), only the law needs Lag = D
            let lagged = PoissonActivity(1.0, 1.0, 0.5, 0.05)
            Expect.equal (CalciumShotNoise(GraupnerBrunelParameters.Nonlinear2016, lagged).Variance)
                (NonlinearCalciumVariance.Of(GraupnerBrunelParameters.Nonlinear2016, lagged)) "variance at Lag != D"
            throwsArg "initialRho" (fun () ->
                let net = Network(1e-4, 1UL)
                let a = net.Add(SpikeSource.Poisson("a", 2, 1.0, net.NewRandom()))
                CalciumSynapseProjection(net, a, a, Connectivity.OneToOne(), KernelSynapseSimulation.Rule p, 0.0, 1.0, (fun _ _ -> 1.5)) |> ignore)
        }

        test "CLI: calcium stdp writes the curve, calcium drift prints key=value, bad input exits 2" {
            let file = Path.Combine(Path.GetTempPath(), $"calcium-stdp-{Guid.NewGuid()}.csv")
            let rc, _, _ = cli [| "calcium"; "stdp"; "--preset"; "DP"; "--pairs"; "60"; "--freq"; "1"; "--dt-from"; "-0.1"; "--dt-to"; "0.1"; "--points"; "21"; "--out"; file |]
            Expect.equal rc 0 "exit code"
            let lines = File.ReadAllLines file
            File.Delete file
            Expect.equal lines.Length 22 "header + 21 rows"
            Expect.stringStarts lines[0] "dt_s,alpha_d,alpha_p" "header"
            let row = lines[12].Split ',' |> Array.map float
            closeRel 1e-12 (StdpCurve.Pair(GraupnerBrunelParameters.DP, row[0])).Change row[7] "change column"
            let rc, out, _ = cli [| "calcium"; "drift"; "--preset"; "DP"; "--pre"; "10"; "--post"; "10"; "--corr"; "0.1" |]
            Expect.equal rc 0 "drift exit code"
            let kv = out.Trim().Split ' ' |> Array.map (fun s -> let i = s.IndexOf '=' in s[.. i - 1], float s[i + 1 ..]) |> Map.ofArray
            let d = EfficacyDrift(GraupnerBrunelParameters.DP, PoissonActivity(10.0, 10.0, 0.1))
            for k in [ "alpha_d"; "alpha_p"; "drift"; "diffusion" ] do Expect.isTrue (kv.ContainsKey k) k
            closeRel 1e-15 d.AlphaD kv["alpha_d"] "alpha_d"
            closeRel 1e-15 (d.Drift 0.5) kv["drift"] "drift"
            // nonlinear calcium: shared spikes default to Lag = D, the case its distribution covers
            let rc, out, _ = cli [| "calcium"; "drift"; "--preset"; "nonlinear-2016"; "--pre"; "10"; "--post"; "10"; "--corr"; "0.1" |]
            Expect.equal rc 0 "nonlinear drift exit code"
            let kv = out.Trim().Split ' ' |> Array.map (fun s -> let i = s.IndexOf '=' in s[.. i - 1], float s[i + 1 ..]) |> Map.ofArray
            let nl = GraupnerBrunelParameters.Nonlinear2016
            let d = EfficacyDrift(nl, PoissonActivity(10.0, 10.0, 0.1, nl.Delay))
            closeRel 1e-15 d.AlphaP kv["alpha_p"] "nonlinear alpha_p"
            closeRel 1e-15 d.Diffusion kv["diffusion"] "nonlinear diffusion"
            let rc, _, err = cli [| "calcium"; "drift"; "--preset"; "nonlinear-2016"; "--corr"; "0.1"; "--lag"; "0" |]
            Expect.equal rc 2 "nonlinear with Lag != D exits 2"
            Expect.stringContains err "--lag" "message names --lag"
            let rc, _, err = cli [| "calcium"; "drift"; "--preset"; "DP"; "--pre"; "10"; "--post"; "1"; "--corr"; "0.9" |]
            Expect.equal rc 2 "bad correlation exits 2"
            Expect.stringContains err "--corr" "message names the option"
            let rc, _, err = cli [| "calcium"; "stdp"; "--preset"; "XYZ" |]
            Expect.equal rc 2 "bad preset exits 2"
            Expect.stringContains err "presets are" "lists the presets"
        }
    ]
