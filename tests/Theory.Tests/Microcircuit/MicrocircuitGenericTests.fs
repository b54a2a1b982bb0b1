/// The microcircuit through the generic path (issue #16): BuiltInNetworks.Microcircuit (rule fixed_total_number,
/// distributed weights and delays, DC of the scaled model) → ToPopulationModel → NetworkPrediction against the bespoke
/// MicrocircuitPrediction (itself checked against an independent 50-digit solution, MicrocircuitTests), the population
/// model against MicrocircuitPopulationModel input by input, and the JSON round trip (same text, bit-identical simulation).
module Theory.Tests.Microcircuit.MicrocircuitGenericTests

open System
open Expecto
open Theory.MeanField
open Theory.Experiments.Networks
open Theory.Experiments.Predict
open Theory.Tests.Util

let private spikes (b: BuiltNetwork) duration =
    let mons = b.Populations |> Array.map (fun p -> b.Net.MonitorSpikes p)
    b.Net.Run duration
    mons |> Array.map (fun m -> Array.zip m.Steps m.Indices)

[<Tests>]
let tests =
    testList "Microcircuit.Generic" [
        for scale in [ 1.0; 0.1 ] do
            test (sprintf "generic prediction of BuiltInNetworks.Microcircuit(%g) = MicrocircuitPrediction rates to 1e-9" scale) {
                let d = BuiltInNetworks.Microcircuit scale
                let states = NetworkPrediction.StationaryRates(d.ToPopulationModel())
                Expect.equal states.Length 1 "one stationary state"
                let nu = MicrocircuitPrediction.Solve(MicrocircuitModel.At scale).Rates
                for a in 0 .. 7 do
                    let err = abs (states.[0].[a] - nu.[a]) / nu.[a]
                    if not (err <= 1e-9) then
                        failtestf "%s: generic %.15g Hz, bespoke %.15g Hz, relative error %.3g > 1e-9" MicrocircuitParameters.Names.[a] states.[0].[a] nu.[a] err }
        test "the description's population model equals MicrocircuitPopulationModel input by input (scale 0.1)" {
            let m = MicrocircuitModel.At 0.1
            let g = (BuiltInNetworks.Microcircuit 0.1).ToPopulationModel()
            let s = MicrocircuitPopulationModel.From m
            Expect.equal g.Inputs.Length s.Inputs.Length "number of inputs"
            Expect.equal g.Inputs.Length (Seq.length (Seq.filter (fun k -> k > 0L) (Seq.cast<int64> m.Synapses)) + 8) "one per pair with K > 0, one external per population"
            let close what (x: float) (y: float) = if not (abs (x - y) <= 1e-12 * abs y) then failtestf "%s: %.17g vs %.17g" what x y
            for k in 0 .. g.Inputs.Length - 1 do
                let x, y = g.Inputs.[k], s.Inputs.[k]
                Expect.equal (x.Target, x.Source, x.Channel) (y.Target, y.Source, y.Channel) (sprintf "input %d" k)
                close (sprintf "input %d K" k) x.InDegree y.InDegree
                close (sprintf "input %d <w>" k) x.WeightMean y.WeightMean
                close (sprintf "input %d <w2>" k) x.WeightMeanSquare y.WeightMeanSquare
                Expect.sequenceEqual x.Delays y.Delays (sprintf "input %d delays" k)
                Expect.sequenceEqual x.DelayProbabilities y.DelayProbabilities (sprintf "input %d delay probabilities" k)
            for a in 0 .. 7 do close (sprintf "bias %d" a) g.Populations.[a].BiasCurrent m.Dc.[a]
            // K of L2/3E <- L4E at scale 0.1: round(0.01 · K_full)/N = synapses / ⌊0.1 · 20683⌋
            close "K(L23E<-L4E)" g.Inputs.[2].InDegree (float m.Synapses.[0, 2] / float (int (0.1 * 20683.0))) }
        test "JSON round trip of the microcircuit at scale 0.05: same text, bit-identical 0.2 s simulation" {
            let d = BuiltInNetworks.Microcircuit 0.05
            let text = NetworkJson.Write d
            Expect.stringContains text "\"rule\": \"fixed_total_number\"" "rule written"
            Expect.stringContains text "\"total_number\": " "count written"
            let back = NetworkJson.Read text
            Expect.equal (NetworkJson.Write back) text "file -> description -> file"
            let a = spikes (d.Build 5UL) 0.2
            let b = spikes (back.Build 5UL) 0.2
            Expect.isGreaterThan (a |> Array.sumBy Array.length) 100 "the network spikes"
            for p in 0 .. 7 do Expect.sequenceEqual b.[p] a.[p] (sprintf "spikes of %s" MicrocircuitParameters.Names.[p]) }
        test "fixed_total_number: K synapses with replacement, mean in-degree K/N_post; bad counts and autapses named" {
            let pop n = PopulationDescription(n, 50, MembraneKind.Delta, 20.0, 250.0, 0.0, 20.0, 10.0, 2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 10.0)
            let proj pre post total autapses =
                ProjectionDescription(pre, post, ConnectionRule.FixedTotalNumber, 0, 0.0, autapses, SynapseChannel.V, 0.1, 0.0, 1.0, 0.0, TotalNumber = total)
            let d = NetworkDescription("ftn", 0.1, [| pop "A"; pop "B" |], [| proj "A" "B" 1234L false; proj "B" "B" 4000L true |], [||])
            let b = d.Build 3UL
            let counts = b.Net.Projections |> Seq.map (fun p -> p.Count) |> Seq.toArray
            Expect.sequenceEqual counts [| 1234L; 4000L |] "synapses drawn"
            let m = d.ToPopulationModel()
            Expect.floatClose Accuracy.veryHigh m.Inputs.[0].InDegree (1234.0 / 50.0) "mean in-degree K/N_post"
            // 4000 pairs from 2500 with replacement: multapses are certain (birthday bound), so pairs < synapses
            let bb = b.Net.Projections |> Seq.item 1
            let pairs = Array.zip bb.Sources bb.Destinations |> Array.distinct |> Array.length
            Expect.isLessThan pairs 4000 "multapses occur"
            throwsArg "projections[0].total_number" (fun () -> (d with Projections = [| proj "A" "B" -1L false |]).Validated() |> ignore)
            throwsArg "projections[0].autapses" (fun () -> (d with Projections = [| proj "B" "B" 10L false |]).Validated() |> ignore)
            let json = (NetworkJson.Write d).Replace("\"total_number\": 1234", "\"total_number\": 1.5")
            throwsArg "projections[0].total_number" (fun () -> NetworkJson.Read json |> ignore) }
    ]
