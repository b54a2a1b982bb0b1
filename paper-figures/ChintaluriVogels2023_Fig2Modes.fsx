// Chintaluri & Vogels (2023) PNAS 120:e2306525120 — Fig. 2 (FET column and the firing-mode maps) and Fig. S2
// (CV, ISI/IBI and mean-ROS maps). Paper code: ccluri/metabolic_spiking, fig2.py (fet_run_sim, plot_summary),
// ret_intrinsic_summary.py (mega_run, process_spikes), fet_intrinsic_summary.py (mega_run_fet, process_spikes_fet).
//
//   Metabolic cell (MetabolicCell): mitochondrion at baseline demand b, spike cost q·Q(t) (τ_rise = 5 ms, τ_Q = 100 ms,
//   f_MCU = 1e-3), ROS gate dR/dt = (R∞(ATP, ψ) − R)/τ_R(b), MS = R·(ATP − 0.71218258).
//   RET: spike when MS > θ_RET = 0.025, τ_ref = 6 ms. FET: 2 nA clamp from 700 to 1000 ms fires at the LIF interval
//   τ_m ln((R I + E_L − V_r)/(R I + E_L − V_th)) = 10 ms · ln 7.5 = 20.15 ms (R = 10 MΩ, E_L = −70, V_r = −80,
//   V_th = −54 mV); the refractory timer does not run out while MS < θ_FET = −0.05. Authors' timing (float timer).
//   Maps: 2.5 s per cell; RET classified on spikes after 500 ms (Bursting / Continuous / Regular / Silent, an ISI within
//   10 % of τ_ref counts as intra-burst), FET on spikes after 100 ms (Regular if CV ≤ 1e-8, else Adapting; Silent);
//   mean ROS after 200 ms. Grids: q = 10^(−2.5…−0.6), RET b = 15…40, FET b = 60…160.
// Panels: A ROS, B ATP, C MS of the FET cases (b = 80, q = 0.06 and 0.15) with spikes and θ_FET;
//         D RET mode, E RET CV, F RET IBI (ms), G RET mean ROS; H FET mode, I FET ISI_max (ms), J FET mean ROS.
// Quick mode (THEORY_QUICK=1): 4 × 4 grids (every third value of the paper's); full: the paper's 10 × 10 grids.
// Output: paper-figures/out/ChintaluriVogels2023_Fig2Modes.{html,png,pdf,csv}; CSV panel,series,x,y,x_unit,y_unit
// (maps: series = q, x = b, y = value).
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.Metabolic
open Theory.Experiments.Metabolic

let sub (xs: float[]) = if Figure.quick then [| xs.[0]; xs.[3]; xs.[6]; xs.[9] |] else xs
let quanta = sub (MetabolicFiringMap.PaperQuanta())
let retB = sub (MetabolicFiringMap.PaperRetDemands())
let fetB = sub (MetabolicFiringMap.PaperFetDemands())
let sw = System.Diagnostics.Stopwatch.StartNew()
let retMap =
    let m = MetabolicFiringMap(MetabolicCellParameters.Ret2023, retB, quanta)
    m.Run(Figure.sweepFolder "ChintaluriVogels2023_Fig2Modes-ret" (sprintf "%O" m))
let fetMap =
    let m = MetabolicFiringMap(MetabolicCellParameters.Fet2023, fetB, quanta)
    m.Run(Figure.sweepFolder "ChintaluriVogels2023_Fig2Modes-fet" (sprintf "%O" m))
printfn "maps: %.1f s" sw.Elapsed.TotalSeconds
let count (cells: FiringMapCell[]) = cells |> Array.countBy (fun c -> c.Mode) |> Array.sortBy fst
printfn "RET modes (0 bursting, 1 silent, 2 regular, 3 continuous): %A" (count retMap)
printfn "FET modes (2 regular, 3 silent, 4 adapting): %A" (count fetMap)

let fetCases = [ "b=80, q=0.06", 0.06; "b=80, q=0.15", 0.15 ]
let runs = [ for name, q in fetCases -> name, MetabolicCell.Simulate(MetabolicCellParameters.Fet2023.With(quantum = q), 80.0, recordEvery = 10) ]
for name, r in runs do printfn "FET %s: %d spikes in the 300 ms clamp (unthrottled: 15), mean ROS %.4f" name r.SpikeTimes.Length r.MeanRos

let ms x = 1e3 * x
let atSpikes (r: MetabolicCellRun) (ys: float[]) =
    let h = r.Time.[1] - r.Time.[0]
    r.SpikeTimes |> Array.map (fun t -> ys.[max 0 (min (ys.Length - 1) (int (round ((t - r.Time.[0]) / h))))])
let window (r: MetabolicCellRun) = r.Time |> Array.map (fun t -> t >= 0.6 && t <= 1.3)
let trace sel label extra =
    [ for (name, r), col in List.zip runs [ "#d62728"; "#ff7f0e" ] ->
        let w = window r
        let pick (a: float[]) = Array.zip a w |> Array.filter snd |> Array.map fst
        [ Chart.Line(pick r.Time |> Array.map ms, pick (sel r), Name = name, ShowLegend = (label = "ROS"), LineColor = Color.fromString col)
          Chart.Point(r.SpikeTimes |> Array.map ms, atSpikes r (sel r), ShowLegend = false, MarkerColor = Color.fromString "black") ]
        |> Chart.combine ] @ extra
    |> Chart.combine |> Chart.withXAxisStyle "t (ms)" |> Chart.withYAxisStyle label
let theta = MetabolicCellParameters.Fet2023.ThetaFet
let panelA = trace (fun r -> r.Ros) "ROS" []
let panelB = trace (fun r -> r.Atp) "ATP" []
let panelC = trace (fun r -> r.Signal) "MS" [ Chart.Line([ 600.0; 1300.0 ], [ theta; theta ], Name = "θ_FET", LineDash = StyleParam.DrawingStyle.Dash, LineColor = Color.fromString "gray") ]

let grid (bs: float[]) (cells: FiringMapCell[]) f =
    [ for q in quanta -> [ for b in bs -> let c = cells |> Array.find (fun c -> c.Demand = b && c.Quantum = q) in let v = f c in if System.Double.IsFinite v then v else nan ] ]
let heat (bs: float[]) cells name f fmt =
    let z = grid bs cells f
    let labels = z |> List.map (fun row -> row |> List.map (fun v -> if System.Double.IsNaN v then "" else sprintf fmt v) |> Array.ofList) |> Array.ofList
    Chart.Heatmap(z, X = (bs |> Array.map (sprintf "%.0f")), Y = (quanta |> Array.map (fun q -> sprintf "%.3f" q)), Name = name, ShowScale = false)
    |> GenericChart.mapTrace (fun t -> t.SetProperty("text", labels); t.SetProperty("texttemplate", "%{text}"); t)
    |> Chart.withXAxisStyle "demand b" |> Chart.withYAxisStyle "q"
let retName = [| "burst"; "silent"; "regular"; "contin." |]
let fetName = [| ""; ""; "regular"; "silent"; "adapting" |]
let modeHeat bs cells (names: string[]) =
    let z = grid bs cells (fun c -> float c.Mode)
    let labels = z |> List.map (fun row -> row |> List.map (fun v -> names.[int v]) |> Array.ofList) |> Array.ofList
    Chart.Heatmap(z, X = (bs |> Array.map (sprintf "%.0f")), Y = (quanta |> Array.map (fun q -> sprintf "%.3f" q)), ShowScale = false, ColorScale = StyleParam.Colorscale.Viridis)
    |> GenericChart.mapTrace (fun t -> t.SetProperty("text", labels); t.SetProperty("texttemplate", "%{text}"); t)
    |> Chart.withXAxisStyle "demand b" |> Chart.withYAxisStyle "q"
let maps =
    [ "D  RET mode", modeHeat retB retMap retName
      "E  RET CV", heat retB retMap "CV" (fun c -> c.Cv) "%.2f"
      "F  RET IBI (ms)", heat retB retMap "IBI" (fun c -> ms c.Ibi) "%.0f"
      "G  RET mean ROS", heat retB retMap "ROS" (fun c -> c.MeanRos) "%.3f"
      "H  FET mode", modeHeat fetB fetMap fetName
      "I  FET ISI max (ms)", heat fetB fetMap "ISI" (fun c -> ms c.Ibi) "%.1f"
      "J  FET mean ROS", heat fetB fetMap "ROS" (fun c -> c.MeanRos) "%.3f" ]
let chart =
    Chart.Grid(4, 3, SubPlotTitles = ([ "A  FET: ROS"; "B  FET: ATP"; "C  FET: MS" ] @ (maps |> List.map fst)))
        ([ panelA; panelB; panelC ] @ (maps |> List.map snd) @ [ Chart.Point([ 0.0 ], [ 0.0 ], ShowLegend = false, Opacity = 0.0) ])
    |> Chart.withTitle "Chintaluri & Vogels (2023) Fig. 2 / S2: FET cell under current clamp; RET and FET firing-mode, CV, IBI and ROS maps"

let data =
    Figure.long [ "*_ms", "1", "ms"; "RET_rate_hz", "1", "Hz"; "A", "ms", "1"; "B", "ms", "1"; "C", "ms", "1"; "spikes", "ms", "1"; "*", "1", "1" ] [
        for name, r in runs do
            yield "A", name, r.Time |> Seq.map ms, r.Ros :> seq<_>
            yield "B", name, r.Time |> Seq.map ms, r.Atp :> seq<_>
            yield "C", name, r.Time |> Seq.map ms, r.Signal :> seq<_>
            yield "spikes", name, r.SpikeTimes |> Seq.map ms, r.SpikeTimes |> Seq.map (fun _ -> 1.0)
        for panel, bs, cells, f in [ "D_mode", retB, retMap, (fun (c: FiringMapCell) -> float c.Mode); "E_cv", retB, retMap, (fun c -> c.Cv)
                                     "F_ibi_ms", retB, retMap, (fun c -> ms c.Ibi); "F_isi_ms", retB, retMap, (fun c -> ms c.Isi)
                                     "F_per_burst", retB, retMap, (fun c -> float c.SpikesPerBurst); "G_ros", retB, retMap, (fun c -> c.MeanRos)
                                     "RET_rate_hz", retB, retMap, (fun c -> c.RateHz)
                                     "H_mode", fetB, fetMap, (fun c -> float c.Mode); "I_isimax_ms", fetB, fetMap, (fun c -> ms c.Ibi)
                                     "J_ros", fetB, fetMap, (fun c -> c.MeanRos); "FET_cv", fetB, fetMap, (fun c -> c.Cv) ] do
            for q in quanta do
                let row = cells |> Array.filter (fun c -> c.Quantum = q) |> Array.sortBy (fun c -> c.Demand)
                yield panel, sprintf "q=%.5f" q, row |> Seq.map (fun c -> c.Demand), row |> Seq.map f ]

Figure.save "ChintaluriVogels2023_Fig2Modes" (1500, 1400) chart data
