// Chintaluri & Vogels (2023) PNAS 120:e2306525120 — Fig. 2 (metabolically regulated spiking,
// RET case). Paper code: ccluri/metabolic_spiking, fig2.py (ret_run_sim, TestBLCases).
//
//   Metabolic signal MS = ROS·(ATP − 0.71218258); a spike whenever MS > θ_RET = 0.025 and the
//   cell is not refractory; each spike costs q·Q(t) ATP (τ_rise = 5 ms, τ_Q = 100 ms) and adds
//   f_MCU·q·Q(t) to the proton leak. Cases of the paper: demand 30 with (q, τ_ref) =
//   (0.06, 6 ms), (0.012, 6 ms), (0.012, 2 ms). Rate against demand by simulation, with the
//   analytic onset b_c where the quiescent fixed point has MS* = θ_RET.
// Panels: A ROS, B ATP, C MS with spikes marked (first 800 ms); D rate vs demand, MS* vs demand.
// Output: paper-figures/out/ChintaluriVogels2023_Fig2.{html,png,pdf,csv}; CSV panel,series,x,y,x_unit,y_unit.
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.Metabolic

let baseP = MetabolicSpikingParameters.ChintaluriVogels2023
let cases =
    [ "q=0.06, 6 ms", baseP
      "q=0.012, 6 ms", baseP.With(quantum = 0.012)
      "q=0.012, 2 ms", baseP.With(quantum = 0.012, refractory = 0.002) ]
let tEnd = if Figure.quick then 0.3 else 0.8
let runs = [ for name, p in cases -> name, p, MetabolicSpikingNeuron.Simulate(p, 30.0, tEnd, recordEvery = 10) ]
let demands = if Figure.quick then [| 5.0; 20.0; 35.0; 45.0 |] else MitochondrialSteadyStates.GeometricDemands(2.0, 60.0, 16)
let rates = MetabolicSpikingNeuron.RateCurve(baseP, demands, (if Figure.quick then 0.6 else 2.0), (if Figure.quick then 0.1 else 0.5))
let bc = MetabolicSpikingNeuron.OnsetDemand(baseP)
let fine = MitochondrialSteadyStates.GeometricDemands(2.0, 60.0, 40)
let msStar = fine |> Array.map (fun b -> MetabolicSpikingNeuron.QuiescentSignal(baseP, b))

let ms x = 1e3 * x
/// Value of a trace at each spike (nearest recorded sample).
let atSpikes (r: MetabolicSpikingRun) (ys: float[]) =
    let h = r.Time.[1] - r.Time.[0]
    r.SpikeTimes |> Array.map (fun t -> ys.[max 0 (min (ys.Length - 1) (int (round ((t - r.Time.[0]) / h))))])
let trace (sel: MetabolicSpikingRun -> float[]) label =
    [ for (name, _, r), col in List.zip runs [ "#1f77b4"; "#2ca02c"; "#9467bd" ] ->
        [ Chart.Line(r.Time |> Array.map ms, sel r, Name = name, ShowLegend = (label = "ROS"), LineColor = Color.fromString col)
          Chart.Point(r.SpikeTimes |> Array.map ms, atSpikes r (sel r), ShowLegend = false, MarkerColor = Color.fromString "black") ]
        |> Chart.combine ]
    |> Chart.combine |> Chart.withXAxisStyle "t (ms)" |> Chart.withYAxisStyle label
let panelA = trace (fun r -> r.Ros) "ROS"
let panelB = trace (fun r -> r.Atp) "ATP"
let panelC =
    trace (fun r -> r.Signal) "MS"
    |> fun c -> [ c; Chart.Line([ 0.0; ms tEnd ], [ baseP.Threshold; baseP.Threshold ], Name = "θ_RET", LineDash = StyleParam.DrawingStyle.Dash, LineColor = Color.fromString "gray") ] |> Chart.combine
let panelD =
    [ Chart.Line(demands, rates, Name = "rate (simulation)", ShowMarkers = true)
      Chart.Line(fine, msStar |> Array.map (fun v -> 1000.0 * v), Name = "1000·MS* (fixed point)", LineColor = Color.fromString "black")
      Chart.Line([ bc; bc ], [ 0.0; Array.max rates ], Name = sprintf "b_c = %.1f" bc, LineDash = StyleParam.DrawingStyle.Dash) ]
    |> Chart.combine
    |> Chart.withXAxis (LayoutObjects.LinearAxis.init (AxisType = StyleParam.AxisType.Log, Title = Title.init "ATP demand b"))
    |> Chart.withYAxisStyle "rate (Hz)"

let chart =
    Chart.Grid(2, 2, SubPlotTitles = [ "A  ROS"; "B  ATP"; "C  metabolic signal"; "D  rate vs demand" ]) [ panelA; panelB; panelC; panelD ]
    |> Chart.withTitle "Chintaluri & Vogels (2023) Fig. 2: metabolic spikes triggered by surplus ATP with high ROS (demand 30)"

let data =
    Figure.long [ "D/rate_Hz", "1", "Hz"; "D", "1", "1"; "*", "ms", "1" ] [
        for name, _, r in runs do
            yield "A", name, r.Time |> Seq.map ms, r.Ros :> seq<_>
            yield "B", name, r.Time |> Seq.map ms, r.Atp :> seq<_>
            yield "C", name, r.Time |> Seq.map ms, r.Signal :> seq<_>
            yield "spikes", name, r.SpikeTimes |> Seq.map ms, r.SpikeTimes |> Seq.map (fun _ -> 1.0)
        yield "D", "rate_Hz", demands :> seq<_>, rates :> seq<_>
        yield "D", "MS_fixed_point", fine :> seq<_>, msStar :> seq<_>
        yield "D", "onset_demand", [ bc ], [ 0.0 ] ]

Figure.save "ChintaluriVogels2023_Fig2" (1200, 800) chart data
