// Graupner & Brunel (2012) Fig. 3 — the number of postsynaptic spikes and of repetitions of the
// motif change the STDP curve qualitatively (hippocampal-slice parameter set, fit to Wittenberg &
// Wang 2006): A, 200 pre/post pairs at 5 Hz (depression only); B, 100 motifs of one pre spike and a
// post burst of two spikes 11.5 ms apart at 5 Hz (potentiation for pre before the burst);
// C, 30 such motifs (depression turns into little change).
//   Graupner M., Brunel N. (2012) PNAS 109:3991, Fig. 3; Wittenberg G.M., Wang S.S.-H. (2006)
//   J. Neurosci. 26:6610.
// Δt = t_post − t_pre is measured to the SECOND post spike of the burst, as in the paper's figure
// and the authors' code (mgraupe/CalciumBasedPlasticityModel: the cases post-post-pre,
// post-pre-post and pre-post-post switch at Δt − D = 0 and Δt − D = 11.5 ms). The dashed lines
// measure Δt to the first post spike instead (this project's convention before issue #14).
// Lines: closed form (exact α_d, α_p of the periodic calcium trace, Eq. 1; ρ̄ = Γ_p/(Γ_p + Γ_d),
// τ_eff = τ/(Γ_p + Γ_d), UP/DOWN probabilities, SI Eqs. S5–S10; β = 0.7, b = 5.28145; SI Table S1:
// τ_Ca = 48.8373 ms, C_pre = 1, C_post = 0.275865, θ_d = 1, θ_p = 1.3, γ_d = 313.0965,
// γ_p = 1645.59, σ = 9.1844, τ = 688.355 s, D = 18.8008 ms).
// Points: StdpProtocolSimulation — 4000 synapses (THEORY_QUICK=1: 500), exact calcium from c = 0,
// exact Ornstein–Uhlenbeck segments of ρ without the cubic term (as the closed form), ± 1 SE.
// The experimental points of Wittenberg & Wang (2006) are not drawn: the authors' repository holds
// no data for this figure (experimental_data/ has only the Sjöström and Henry sets of Figs. 4–5).
// Output: paper-figures/out/GraupnerBrunel2012_Fig3.{html,png,pdf,csv}; CSV panel,series,x,y,x_unit,y_unit with
// x = Δt (ms), y = weight after/before.
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.CalciumPlasticity
open Theory.Experiments.CalciumPlasticity
open Theory.Experiments.Sweeps

let p = GraupnerBrunelParameters.HippocampalSlices
let freq, isi = 5.0, 0.0115
let ms x = 1e3 * x
/// The three panels: (title, motif kind, repetitions).
let cases = [ "A  200 pairs", "pair", 200; "B  100 motifs, pre + post burst", "burst", 100; "C  30 motifs, pre + post burst", "burst", 30 ]

let curve kind reps reference =
    let c =
        if kind = "pair" then StdpCurve.Curve(p, -0.1, 0.1, 801, freq, reps)
        else StdpCurve.BurstCurve(p, -0.1, 0.1, 801, freq, reps, isi, reference)
    c |> Array.map (fun x -> ms x.DeltaT), c |> Array.map (fun x -> x.Change)

let curves =
    [ for title, kind, reps in cases ->
          title, curve kind reps BurstReference.SecondPost,
          (if kind = "burst" then Some(curve kind reps BurstReference.FirstPost) else None) ]

let synapses = if Figure.quick then 500 else 4000
let simDts = [| -0.06; -0.02; -0.01; 0.0; 0.01; 0.02; 0.04 |]
type Measured = { Case: int; DeltaT: float; Simulated: float; StandardError: float; Analytic: float }
// 3 panels × 7 Δt as one sweep (seed = point id + 1), resumable from out/sweeps/
let sims =
    let run (pt: SweepPoint) =
        let case, dt = int pt["case"], pt["dt"]
        let _, kind, reps = cases[case]
        let motif = if kind = "burst" then SpikeMotif.Burst(dt, freq, isi) else null
        let r = StdpProtocolSimulation(p, dt, freq, reps, Synapses = synapses, Seed = uint64 (pt.Id + 1), Motif = motif).Run()
        SweepRow().Add("simulated", r.Simulated).Add("standard_error", r.StandardError).Add("analytic", r.Analytic)
    let folder = Figure.sweepFolder "GraupnerBrunel2012_Fig3" (sprintf "%O %A %d" p simDts synapses)
    let points = Sweep.Grid [ "case", [| 0.0; 1.0; 2.0 |]; "dt", simDts ]
    let result = Sweep.Run(points, run, folder, tag = "GraupnerBrunel2012_Fig3")
    [ for pt in points ->
          let row = result.Row pt.Id
          { Case = int pt["case"]; DeltaT = pt["dt"]; Simulated = row.Number "simulated"
            StandardError = row.Number "standard_error"; Analytic = row.Number "analytic" } ]
for s in sims do
    printfn "%s Δt = %+4.0f ms: simulated %.3f ± %.3f, closed form %.3f"
        ((fun (t, _, _) -> t) cases[s.Case]) (ms s.DeltaT) s.Simulated s.StandardError s.Analytic

let panels =
    [ for i, (title, (xs, ys), first) in List.indexed curves ->
          let mine = sims |> List.filter (fun s -> s.Case = i)
          [ yield Chart.Line(xs, ys, Name = "closed form, Δt to 2nd post spike", ShowLegend = (i = 1), LineColor = Color.fromString "black")
            match first with
            | Some (fx, fy) ->
                yield Chart.Line(fx, fy, Name = "closed form, Δt to 1st post spike", ShowLegend = (i = 1),
                                 LineColor = Color.fromString "grey", LineDash = StyleParam.DrawingStyle.Dash)
            | None -> ()
            yield Chart.Point(mine |> List.map (fun s -> ms s.DeltaT), mine |> List.map (fun s -> s.Simulated),
                              Name = "simulation ± SE", ShowLegend = (i = 0), MarkerColor = Color.fromString "crimson")
                  |> Chart.withYErrorStyle (Array = (mine |> List.map (fun s -> s.StandardError))) ]
          |> Chart.combine
          |> Chart.withXAxisStyle "Δt (ms)"
          |> Chart.withYAxisStyle "change of synaptic strength" ]

let chart =
    Chart.Grid(3, 1, SubPlotTitles = (cases |> List.map (fun (t, _, _) -> t))) panels
    |> Chart.withTitle "Graupner & Brunel (2012) Fig. 3: hippocampal slices, 5 Hz"

let data =
    Figure.long [ ("*", "ms", "1") ] [
        for (title, (xs, ys), first) in curves do
            let panel = title.Substring(0, 1)
            yield panel, "closed form second post", Seq.ofArray xs, Seq.ofArray ys
            match first with
            | Some (fx, fy) -> yield panel, "closed form first post", Seq.ofArray fx, Seq.ofArray fy
            | None -> ()
        for i, (title, _, _) in List.indexed cases do
            let mine = sims |> List.filter (fun s -> s.Case = i)
            yield title.Substring(0, 1), "simulation", mine |> Seq.map (fun s -> ms s.DeltaT), mine |> Seq.map (fun s -> s.Simulated)
            yield title.Substring(0, 1), "simulation SE", mine |> Seq.map (fun s -> ms s.DeltaT), mine |> Seq.map (fun s -> s.StandardError) ]

Figure.save "GraupnerBrunel2012_Fig3" (800, 1200) chart data
