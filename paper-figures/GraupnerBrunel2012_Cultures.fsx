// Graupner & Brunel (2012) — hippocampal cultures: the model's response to the spike pairs, triplets
// and quadruplets of Wang, Gerkin, Nauen & Bi (2005), all repeated 60 times at 1 Hz, with the
// parameter set fitted to those experiments ("hippocampal-cultures", SI Table S1: τ_Ca = 11.9536 ms,
// C_pre = 0.58156, C_post = 1.76444, θ_d = 1, θ_p = 1.3, γ_d = 61.141, γ_p = 113.6545, σ = 2.5654,
// τ = 33.7596 s, D = 10 ms, β = 0.5, b = 36.0263).
//   Graupner M., Brunel N. (2012) PNAS 109:3991; Wang H.-X., Gerkin R.C., Nauen D.W., Bi G.-Q.
//   (2005) Nat. Neurosci. 8:187.
// A  triplets (WangProtocols.Triplet): pre–post–pre and post–pre–post with the intervals between
//    consecutive spikes (5, 5), (10, 10), (15, 5), (5, 15) ms — CSV x = 1 … 4 in that order.
// B  quadruplets (WangProtocols.Quadruplet): a post–pre (−5 ms) and a pre–post (+5 ms) pair whose
//    centres are |T| apart, T > 0 post–pre first; the change against T.
// C  pairs: the STDP curve of the same set (60 pairs at 1 Hz).
// Lines and bars: closed form (exact α_d, α_p of the periodic calcium trace, SI Eqs. S5–S10).
// Points: StdpProtocolSimulation — 4000 synapses (THEORY_QUICK=1: 500), exact calcium from c = 0,
// exact Ornstein–Uhlenbeck segments of ρ, ± 1 SE; one sweep.
// The experimental points of Wang et al. (2005) are not drawn: the authors' repository
// (mgraupe/CalciumBasedPlasticityModel) has no data for them and the numbers were not found in any
// reachable source. The pattern definitions follow the modelling literature's description of the
// protocols (Pfister & Gerstner 2006); see WangProtocols.
// Output: paper-figures/out/GraupnerBrunel2012_Cultures.{html,png,pdf,csv}; CSV panel,series,x,y,x_unit,y_unit.
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.CalciumPlasticity
open Theory.Experiments.CalciumPlasticity
open Theory.Experiments.Sweeps

let p = GraupnerBrunelParameters.HippocampalCultures
let reps, freq = WangProtocols.Repetitions, WangProtocols.Frequency
let ms x = 1e3 * x
let intervals = [| 0.005, 0.005; 0.010, 0.010; 0.015, 0.005; 0.005, 0.015 |]
let labels = intervals |> Array.map (fun (a, b) -> sprintf "(%.0f, %.0f)" (ms a) (ms b))
let orders = [ "pre–post–pre", TripletOrder.PrePostPre; "post–pre–post", TripletOrder.PostPrePost ]
let outcome (m: SpikeMotif) = (StdpCurve.Motif(p, m.PreTimes, m.PostTimes, freq, reps)).Change

// closed forms
let triplets = [ for name, o in orders -> name, intervals |> Array.map (fun (a, b) -> outcome (WangProtocols.Triplet(o, a, b))) ]
let quadT = Array.append [| for k in 0 .. 189 -> -0.1 + 0.0005 * float k |] [| for k in 0 .. 189 -> 0.0055 + 0.0005 * float k |]
let quad = quadT |> Array.map (fun t -> outcome (WangProtocols.Quadruplet t))
let pairs = StdpCurve.Curve(p, -0.1, 0.1, 801, freq, reps)

// simulated protocols: kind 0/1 = triplet order, x = pattern index; kind 2 = quadruplet, x = T; kind 3 = pair, x = Δt
let synapses = if Figure.quick then 500 else 4000
let motifOf kind (x: float) =
    match kind with
    | 0 | 1 -> let a, b = intervals[int x] in WangProtocols.Triplet(snd orders[kind], a, b)
    | 2 -> WangProtocols.Quadruplet x
    | _ -> null
let points =
    Sweep.Table [
        for k in 0 .. 1 do for i in 0 .. 3 -> [ "kind", float k; "x", float i ]
        for t in [ -0.05; -0.02; -0.01; 0.01; 0.02; 0.05 ] -> [ "kind", 2.0; "x", t ]
        for dt in [ -0.01; -0.005; 0.005; 0.01 ] -> [ "kind", 3.0; "x", dt ] ]
let sims =
    let run (pt: SweepPoint) =
        let kind, x = int pt["kind"], pt["x"]
        let r = StdpProtocolSimulation(p, (if kind = 3 then x else 0.0), freq, reps, Synapses = synapses, Seed = uint64 (pt.Id + 1), Motif = motifOf kind x).Run()
        SweepRow().Add("simulated", r.Simulated).Add("standard_error", r.StandardError).Add("analytic", r.Analytic)
    let folder = Figure.sweepFolder "GraupnerBrunel2012_Cultures" (sprintf "%O %d" p synapses)
    let result = Sweep.Run(points, run, folder, tag = "GraupnerBrunel2012_Cultures")
    [ for pt in points ->
          let row = result.Row pt.Id
          int pt["kind"], pt["x"], row.Number "simulated", row.Number "standard_error", row.Number "analytic" ]
for kind, x, s, se, a in sims do
    let what =
        match kind with
        | 0 | 1 -> sprintf "%s %s ms" (fst orders[kind]) labels[int x]
        | 2 -> sprintf "quadruplet T = %+.0f ms" (ms x)
        | _ -> sprintf "pair Δt = %+.0f ms" (ms x)
    printfn "%-28s simulated %.3f ± %.3f, closed form %.3f (%+.1f SE)" what s se a ((s - a) / se)

let simOf kind = sims |> List.filter (fun (k, _, _, _, _) -> k = kind)
let colours = [ "steelblue"; "darkorange" ]
let short = [ "1-2-1"; "2-1-2" ]
let category k i = sprintf "%s %s" short[k] labels[i]
let panelA =
    [ for k, (name, values) in List.indexed triplets do
          yield Chart.Column(values, Keys = Array.init 4 (category k), Name = name + " closed form", MarkerColor = Color.fromString colours[k])
          let s = simOf k
          yield Chart.Point(s |> List.map (fun (_, x, _, _, _) -> category k (int x)), s |> List.map (fun (_, _, y, _, _) -> y),
                            Name = (if k = 0 then "simulation ± SE" else "simulation ± SE (post–pre–post)"), ShowLegend = (k = 0),
                            MarkerColor = Color.fromString "black")
                |> Chart.withYErrorStyle (Array = (s |> List.map (fun (_, _, _, e, _) -> e))) ]
    |> Chart.combine
    |> Chart.withXAxisStyle ("order and intervals between consecutive spikes (ms)", CategoryOrder = StyleParam.CategoryOrder.Array,
                             CategoryArray = [ for i in 0 .. 3 do for k in 0 .. 1 -> category k i ])
    |> Chart.withYAxisStyle ("change of synaptic strength", MinMax = (0.8, 1.35))
let lineWithPoints (xs: float[]) (ys: float[]) kind xTitle first =
    let s = simOf kind
    // the quadruplet curve has no points for |T| ≤ 5 ms: one line per branch, one legend entry
    let neg = Array.zip xs ys |> Array.filter (fun (x, _) -> not first || x < 0.0)
    let pos = Array.zip xs ys |> Array.filter (fun (x, _) -> first && x >= 0.0)
    [ Chart.Line(Array.map fst neg, Array.map snd neg, Name = (if first then "closed form" else "closed form, pairs"),
                 LineColor = Color.fromString (if first then "black" else "dimgray"), ShowLegend = true)
      Chart.Line(Array.map fst pos, Array.map snd pos, Name = (if first then "closed form" else "closed form, pairs"), LineColor = Color.fromString "black", ShowLegend = false)
      Chart.Point(s |> List.map (fun (_, x, _, _, _) -> ms x), s |> List.map (fun (_, _, y, _, _) -> y),
                  Name = (if first then "simulation ± SE (quadruplets)" else "simulation ± SE (pairs)"), MarkerColor = Color.fromString "crimson",
                  MarkerSymbol = (if first then StyleParam.MarkerSymbol.Square else StyleParam.MarkerSymbol.TriangleUp))
      |> Chart.withYErrorStyle (Array = (s |> List.map (fun (_, _, _, e, _) -> e))) ]
    |> Chart.combine
    |> Chart.withXAxisStyle xTitle
    |> Chart.withYAxisStyle "change of synaptic strength"
let panelB = lineWithPoints (quadT |> Array.map ms) quad 2 "T (ms)" true
let panelC = lineWithPoints (pairs |> Array.map (fun x -> ms x.DeltaT)) (pairs |> Array.map (fun x -> x.Change)) 3 "Δt = t_post − t_pre (ms)" false

let chart =
    Chart.Grid(3, 1, SubPlotTitles = [ "A  triplets, 60 at 1 Hz"; "B  quadruplets (±5 ms pairs, centres T apart), 60 at 1 Hz"; "C  pairs, 60 at 1 Hz" ]) [ panelA; panelB; panelC ]
    |> Chart.withTitle "Graupner & Brunel (2012): hippocampal cultures (Wang et al. 2005 protocols)"
    |> Chart.withLayout (Layout.init (BarMode = StyleParam.BarMode.Overlay))

let data =
    Figure.long [ ("A", "1", "1"); ("*", "ms", "1") ] [
        for name, values in triplets do
            yield "A", name + " closed form", Seq.init 4 (fun i -> float (i + 1)), Seq.ofArray values
        for k in 0 .. 1 do
            let s = simOf k
            yield "A", fst orders[k] + " simulation", s |> Seq.map (fun (_, x, _, _, _) -> x + 1.0), s |> Seq.map (fun (_, _, y, _, _) -> y)
            yield "A", fst orders[k] + " simulation SE", s |> Seq.map (fun (_, x, _, _, _) -> x + 1.0), s |> Seq.map (fun (_, _, _, e, _) -> e)
        yield "B", "closed form", Seq.map ms quadT, Seq.ofArray quad
        yield "C", "closed form", pairs |> Seq.map (fun x -> ms x.DeltaT), pairs |> Seq.map (fun x -> x.Change)
        for kind, panel in [ 2, "B"; 3, "C" ] do
            let s = simOf kind
            yield panel, "simulation", s |> Seq.map (fun (_, x, _, _, _) -> ms x), s |> Seq.map (fun (_, _, y, _, _) -> y)
            yield panel, "simulation SE", s |> Seq.map (fun (_, x, _, _, _) -> ms x), s |> Seq.map (fun (_, _, _, e, _) -> e) ]

Figure.save "GraupnerBrunel2012_Cultures" (800, 1200) chart data
