/// Bad input to every public kernel API raises ArgumentException naming the parameter.
module Theory.Tests.Kernel.BadInput

open System
open Expecto
open FsCheck
open FsCheck.FSharp
open Theory.Spiking
open Theory.Tests.Util

let badDouble = Gen.elements [ nan; infinity; -infinity; 0.0; -1e-3; -5.0 ] |> Arb.fromGen
let badProbability = Gen.oneof [ Gen.elements [ nan; infinity ]; Gen.choose (1, 1000) |> Gen.map (fun k -> 1.0 + float k * 1e-3); Gen.choose (1, 1000) |> Gen.map (fun k -> -float k * 1e-3) ] |> Arb.fromGen
let badSize = Gen.choose (-1000, 0) |> Arb.fromGen

let okNet () = Network(1e-4, 1UL)

[<Tests>]
let tests =
    testList "Kernel.BadInput" [
        testPropertyFixed "dt <= 0 or not finite is rejected naming dt" <| Prop.forAll badDouble (fun dt ->
            throwsArg "dt" (fun () -> Network(dt, 1UL) |> ignore))

        testPropertyFixed "population sizes < 1 are rejected naming size" <| Prop.forAll badSize (fun n ->
            throwsArg "size" (fun () -> LifDelta("x", n, LifParameters.Brunel2000) |> ignore)
            throwsArg "size" (fun () -> LifConductance.Coba("x", n) |> ignore))

        testPropertyFixed "probabilities outside [0,1] are rejected naming p" <| Prop.forAll badProbability (fun p ->
            throwsArg "p" (fun () -> Connectivity.FixedProbability p |> ignore))

        testPropertyFixed "NaN or non-positive membrane parameters are rejected naming the field" <| Prop.forAll badDouble (fun x ->
            let p = LifParameters.Brunel2000
            throwsArg "Tau" (fun () -> LifDelta("x", 1, p.With(tau = x)) |> ignore)
            throwsArg "Capacitance" (fun () -> LifDelta("x", 1, p.With(capacitance = x)) |> ignore)
            if Double.IsNaN x || Double.IsInfinity x then
                throwsArg "Threshold" (fun () -> LifDelta("x", 1, p.With(threshold = x)) |> ignore)
                throwsArg "RestingPotential" (fun () -> LifDelta("x", 1, p.With(restingPotential = x)) |> ignore)
            if x < 0.0 || Double.IsNaN x then
                throwsArg "RefractoryPeriod" (fun () -> LifDelta("x", 1, p.With(refractoryPeriod = x)) |> ignore))

        testPropertyFixed "bad durations, delays, weights and rates are rejected by name" <| Prop.forAll badDouble (fun x ->
            let net = okNet ()
            let a = net.Add(LifDelta("a", 10, LifParameters.Brunel2000))
            throwsArg "duration" (fun () -> net.Run x)
            if x < 0.0 || Double.IsNaN x || Double.IsInfinity x then
                throwsArg "delay" (fun () -> net.Connect(a, a, Connectivity.OneToOne(), 1e-4, x) |> ignore)
                throwsArg "rate" (fun () -> net.AddPoissonInput(a, 10, x, 1e-4) |> ignore)
            if Double.IsNaN x || Double.IsInfinity x then
                throwsArg "weight" (fun () -> net.Connect(a, a, Connectivity.OneToOne(), x) |> ignore)
                throwsArg "weight" (fun () -> net.AddPoissonInput(a, 10, 5.0, x) |> ignore))

        testPropertyFixed "negative in-degrees and counts are rejected by name" <| Prop.forAll badSize (fun k ->
            if k < 0 then throwsArg "inDegree" (fun () -> Connectivity.FixedInDegree k |> ignore)
            let net = okNet ()
            let a = net.Add(LifDelta("a", 10, LifParameters.Brunel2000))
            throwsArg "count" (fun () -> net.AddPoissonInput(a, k, 5.0, 1e-4) |> ignore))

        test "structural errors name what is wrong" {
            let net = okNet ()
            let a = net.Add(LifDelta("a", 10, LifParameters.Brunel2000))
            let b = LifDelta("b", 10, LifParameters.Brunel2000)
            throwsArg "inDegree" (fun () -> net.Connect(a, a, Connectivity.FixedInDegree 10, 1e-4) |> ignore) // only 9 without autapse
            throwsArg "post" (fun () -> net.Connect(a, b, Connectivity.OneToOne(), 1e-4) |> ignore)
            throwsArg "target" (fun () -> net.Connect(a, a, Connectivity.OneToOne(), 1e-4, 0.0, "exc") |> ignore)
            let c = net.Add(LifConductance.Coba("c", 10))
            throwsArg "target" (fun () -> net.Connect(a, c, Connectivity.OneToOne(), 1e-9) |> ignore)
            throwsArg "pre" (fun () -> net.Connect(a, a, Connectivity.Explicit([| 10 |], [| 0 |]), 1e-4) |> ignore)
            throwsArg "name" (fun () -> net.MonitorState(a, "nope", [| 0 |]) |> ignore)
            throwsArg "neurons" (fun () -> net.MonitorState(a, "v", [| 10 |]) |> ignore)
            throwsArg "population" (fun () -> net.Add(LifDelta("a", 3, LifParameters.Brunel2000)) |> ignore)
            throwsArg "Reset" (fun () -> LifDelta("r", 1, LifParameters.Brunel2000.With(reset = 0.03)) |> ignore)
        }
    ]
