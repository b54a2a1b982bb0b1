// Chintaluri & Vogels (2023) PNAS 120:e2306525120 — Fig. S4 (the network over excitatory and
// inhibitory weights, with and without the metabolic current). Paper code: ccluri/metabolic_spiking,
// nw_va.py (big_sweep) and fig3_nw_supp.py.
//
//   The network of Fig. 5 at w_e = 0.1…1 and w_i = 1…10 (units of g_L), seed 20, with the metabolic
//   current (A_max = 25 mV) and without it (Vogels & Abbott 2005: A_max = 0, refractory 5 ms). Per half
//   (3 Hz input on / off): mean rate, mean ISI, mean CV of the ISIs (avalan_props.firing_prop_summary),
//   branching ratio and the duration exponent α_D by the paper's analysis (+1, powerlaw estimator,
//   x_min = 1). The code also maps the mean MS at the spikes, which our monitors do not record.
// Panels (rows: with metabolic current, Vogels & Abbott 2005): rate with input, rate without input,
//         CV without input, α_D without input, branching ratio without input (empty cells: silent).
// Quick mode (THEORY_QUICK=1): N = 1000 with p = 0.2 (the same in-degree, 200), 2 s, a 3 × 3 grid
// (w_e ∈ {0.2, 0.5, 0.8}, w_i ∈ {2, 5, 8}). Full mode: the paper's 10 × 10 grid at N = 10 000, 10 s —
// 200 network runs, about an hour on one core; run as a sweep on every core (resumable: out/sweeps/).
// Output: paper-figures/out/ChintaluriVogels2023_FigS4.{html,png,pdf,csv}; CSV panel,series,x,y,x_unit,y_unit
// (series = w_e, x = w_i, y = value).
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.Spiking
open Theory.Experiments.Metabolic

let config (drive: MetabolicLifParameters) =
    if Figure.quick then MetabolicNetworkSimulation(N = 1000, Duration = 2.0, Connectivity = 0.2, Metabolic = drive)
    else MetabolicNetworkSimulation(Metabolic = drive)
let wes = if Figure.quick then [| 0.2; 0.5; 0.8 |] else Array.init 10 (fun i -> 0.1 * float (i + 1))
let wis = if Figure.quick then [| 2.0; 5.0; 8.0 |] else Array.init 10 (fun i -> float (i + 1))
let cases =
    [ "metabolic", "metabolic", config MetabolicLifParameters.ChintaluriVogels2023
      "Vogels-Abbott 2005", "vogels-abbott", config MetabolicLifParameters.NoMetabolicDrive ]
let sw = System.Diagnostics.Stopwatch.StartNew()
// Each grid is a sweep on every core (Theory.Experiments.Sweeps); every finished network is stored under
// out/sweeps/, so a killed run resumes where it stopped.
let results =
    [ for name, tag, cfg in cases ->
        let folder = Figure.sweepFolder ("ChintaluriVogels2023_FigS4-" + tag) (sprintf "%O %A %A" cfg wes wis)
        name, MetabolicNetworkSweep(cfg, wes, wis).Run((fun k n -> if k % 10 = 0 || k = n then printfn "%s: %d/%d (%.0f s)" name k n sw.Elapsed.TotalSeconds), folder) ]

let quantities : (string * (MetabolicSweepCell -> float)) list =
    [ "rate, input (Hz)", fun c -> c.WithInput.RateHz
      "rate, no input (Hz)", fun c -> c.WithoutInput.RateHz
      "CV ISI, no input", fun c -> c.WithoutInput.MeanCv
      "α_D, no input", fun c -> c.WithoutInput.DurationAlpha
      "branching, no input", fun c -> c.WithoutInput.BranchingRatio ]
let grid (cells: MetabolicSweepCell[]) (f: MetabolicSweepCell -> float) =
    [ for we in wes ->
        [ for wi in wis ->
            let c = cells |> Array.find (fun c -> c.ExcWeight = we && c.InhWeight = wi)
            let v = f c
            if System.Double.IsFinite v then v else nan ] ]
let heat (name: string) (cells: MetabolicSweepCell[]) (qn: string, f) =
    let z = grid cells f
    // cell values written on the map (the maps have independent colour scales and no colour bars)
    let labels = z |> List.map (fun row -> row |> List.map (fun v -> if System.Double.IsNaN v then "" else sprintf "%.2f" v) |> Array.ofList) |> Array.ofList
    Chart.Heatmap(z, X = wis, Y = wes, Name = qn, ShowScale = false)
    |> GenericChart.mapTrace (fun t -> t.SetProperty("text", labels); t.SetProperty("texttemplate", "%{text}"); t)
    |> Chart.withXAxisStyle "w_i (g_L)" |> Chart.withYAxisStyle "w_e (g_L)"
let titles = [ for name, _ in results do for qn, _ in quantities -> sprintf "%s: %s" name qn ]
let chart =
    Chart.Grid(2, quantities.Length, SubPlotTitles = titles)
        [ for name, cells in results do for q in quantities -> heat name cells q ]
    |> Chart.withTitle "Chintaluri & Vogels (2023) Fig. S4: with the metabolic current activity survives the input's end over most of the (w_e, w_i) plane"

for name, cells in results do
    let c = cells |> Array.tryFind (fun c -> abs (c.ExcWeight - 0.3) < 1e-9 && c.InhWeight = 5.0)
    c |> Option.iter (fun c -> printfn "%s at (0.3, 5): %.2f / %.2f Hz, α_D %.3f, σ %.3f (paper sweep: 5.86 / 4.33 Hz, 1.380, 1.073)" name c.WithInput.RateHz c.WithoutInput.RateHz c.WithoutInput.DurationAlpha c.WithoutInput.BranchingRatio)

let data =
    Figure.long [ "*(Hz)", "g_L", "Hz"; "*", "g_L", "1" ] [
        for name, cells in results do
            for qn, f in quantities do
                for we in wes do
                    let row = cells |> Array.filter (fun c -> c.ExcWeight = we)
                    yield name + ": " + qn, sprintf "w_e=%g" we, row |> Seq.map (fun c -> c.InhWeight), row |> Seq.map f ]

Figure.save "ChintaluriVogels2023_FigS4" (2000, 800) chart data
