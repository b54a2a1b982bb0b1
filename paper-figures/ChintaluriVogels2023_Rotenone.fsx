// Chintaluri & Vogels (2023) PNAS 120:e2306525120 — the rotenone (complex I block, Parkinson's model) variant of the
// metabolic cell. Paper code: ccluri/metabolic_spiking, gates.py (rotenone_inf, get_parkinsons_rotenone; used in
// fig4.py with an SNc dopaminergic cell model, sncda.py, which the repository does not contain — so we apply the
// rotenone generator to the Fig. 2 cell instead).
//
//   ROS generators: control R∞ = (ATP ψ + (1 − ATP)(1 − ψ))³; rotenone R∞ = (ATP ψ/1.25 + (1 − ATP)(1 − ψ)/0.8)³
//   (RET ROS down, FET ROS up). Metabolic cell (MetabolicCell): MS = R·(ATP − 0.71218258); RET: spike when
//   MS > θ_RET = 0.025 (τ_ref = 6 ms, q = 0.06); FET: 2 nA clamp 700–1000 ms, spikes held back while MS < θ_FET = −0.05.
// Panels: A steady ROS R∞ at the fixed point vs demand (control, rotenone); B quiescent MS* = R∞(ATP* − ATP_ref) with
//         θ_RET, θ_FET; C RET rate (Hz, spikes after 0.5 s of a 2.5 s run) vs demand; D FET cell at b = 80: MS with spikes.
// Quick mode (THEORY_QUICK=1): 6 demands for C; full: 16 demands. The rate points run as a sweep.
// Output: paper-figures/out/ChintaluriVogels2023_Rotenone.{html,png,pdf,csv}; CSV panel,series,x,y,x_unit,y_unit.
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.Metabolic
open Theory.Experiments.Sweeps

let gens = [ "control", RosGenerator.Control; "rotenone", RosGenerator.Rotenone ]
let m = Mitochondrion.ChintaluriVogels2023
let fine = MitochondrialSteadyStates.GeometricDemands(1.0, 1000.0, 60)
let ss = MitochondrialSteadyStates.Sweep(m, fine)
let ret = MetabolicCellParameters.Ret2023
let rinf g = ss |> Array.map (fun s -> RosGenerators.Steady(g, s.State.Atp, s.Psi))
let msStar g = ss |> Array.map (fun s -> RosGenerators.Steady(g, s.State.Atp, s.Psi) * (s.State.Atp - ret.AtpReference))

let demands = if Figure.quick then [| 10.0; 20.0; 30.0; 40.0; 60.0; 100.0 |] else MitochondrialSteadyStates.GeometricDemands(5.0, 150.0, 16)
let rates =
    let run (pt: SweepPoint) =
        let g = if pt["g"] = 0.0 then RosGenerator.Control else RosGenerator.Rotenone
        let r = MetabolicCell.Simulate(ret.With(generator = g), pt["b"])
        SweepRow().Add("rate_hz", float (r.SpikeTimes |> Array.filter (fun t -> t > 0.5) |> Array.length) / 2.0).Add("mean_ros", r.MeanRos)
    let folder = Figure.sweepFolder "ChintaluriVogels2023_Rotenone" (sprintf "%O %A" ret demands)
    let res = Sweep.Run(Sweep.Grid [ "g", [| 0.0; 1.0 |]; "b", demands ], run, folder, tag = "ChintaluriVogels2023_Rotenone")
    [ for gi, (name, _) in List.indexed gens -> name, [| for bi in 0 .. demands.Length - 1 -> (res.Row (gi * demands.Length + bi)).Number "rate_hz" |] ]
for name, r in rates do printfn "RET rate, %s: %s Hz" name (r |> Array.map (sprintf "%.1f") |> String.concat " ")

let fet = [ for name, g in gens -> name, MetabolicCell.Simulate(MetabolicCellParameters.Fet2023.With(generator = g), 80.0, recordEvery = 10) ]
for name, r in fet do printfn "FET b = 80, %s: %d spikes, mean ROS %.4f" name r.SpikeTimes.Length r.MeanRos

let logX title = Chart.withXAxis (LayoutObjects.LinearAxis.init (AxisType = StyleParam.AxisType.Log, Title = Title.init title))
let cols = [ "black"; "#d62728" ]
let panelA = [ for (name, g), c in List.zip gens cols -> Chart.Line(fine, rinf g, Name = name, LineColor = Color.fromString c) ] |> Chart.combine |> logX "demand b" |> Chart.withYAxisStyle "R∞ at the fixed point"
let panelB =
    [ for (name, g), c in List.zip gens cols -> Chart.Line(fine, msStar g, Name = name, ShowLegend = false, LineColor = Color.fromString c) ]
    @ [ Chart.Line([ 1.0; 1000.0 ], [ ret.ThetaRet; ret.ThetaRet ], Name = "θ_RET", LineDash = StyleParam.DrawingStyle.Dash, LineColor = Color.fromString "gray")
        Chart.Line([ 1.0; 1000.0 ], [ -0.05; -0.05 ], Name = "θ_FET", LineDash = StyleParam.DrawingStyle.Dot, LineColor = Color.fromString "gray") ]
    |> Chart.combine |> logX "demand b" |> Chart.withYAxisStyle "MS*"
let panelC = [ for (name, r), c in List.zip rates cols -> Chart.Line(demands, r, Name = name, ShowLegend = false, ShowMarkers = true, LineColor = Color.fromString c) ] |> Chart.combine |> logX "demand b" |> Chart.withYAxisStyle "RET rate (Hz)"
let panelD =
    [ for (name, r), c in List.zip fet cols ->
        let w = r.Time |> Array.map (fun t -> t >= 0.6 && t <= 1.3)
        let pick (a: float[]) = Array.zip a w |> Array.filter snd |> Array.map fst
        [ Chart.Line(pick r.Time |> Array.map ((*) 1e3), pick r.Signal, Name = name, ShowLegend = false, LineColor = Color.fromString c)
          Chart.Point(r.SpikeTimes |> Array.map ((*) 1e3), r.SpikeTimes |> Array.map (fun _ -> if name = "control" then 0.01 else 0.02), ShowLegend = false, MarkerColor = Color.fromString c) ] |> Chart.combine ]
    |> Chart.combine |> Chart.withXAxisStyle "t (ms)" |> Chart.withYAxisStyle "MS (dots above: spikes)"
let chart =
    Chart.Grid(2, 2, SubPlotTitles = [ "A  R∞ at the fixed point"; "B  quiescent MS*"; "C  RET rate (q = 0.06, τ_ref = 6 ms)"; "D  FET cell, b = 80, q = 0.06" ])
        [ panelA; panelB; panelC; panelD ]
    |> Chart.withTitle "Chintaluri & Vogels (2023), rotenone ROS generator: RET ROS collapses, RET firing falls; FET ROS rises"

let data =
    Figure.long [ "C", "1", "Hz"; "D*", "ms", "1"; "*", "1", "1" ] [
        for name, g in gens do
            yield "A", name, fine :> seq<_>, rinf g :> seq<_>
            yield "B", name, fine :> seq<_>, msStar g :> seq<_>
        for name, r in rates do yield "C", name, demands :> seq<_>, r :> seq<_>
        for name, r in fet do
            yield "D", name, r.Time |> Seq.map ((*) 1e3), r.Signal :> seq<_>
            yield "D_spikes", name, r.SpikeTimes |> Seq.map ((*) 1e3), r.SpikeTimes |> Seq.map (fun _ -> 1.0) ]

Figure.save "ChintaluriVogels2023_Rotenone" (1200, 800) chart data
