// Graupner & Brunel (2012) Fig. 2 — the diversity of STDP curves of the calcium-based rule:
// change of the mean synaptic weight after 60 pre/post pairs at 1 Hz against Δt = t_post − t_pre,
// for the six parameter sets of Fig. 2 (DP, DPD, DPD′, P, D, D′; SI Table S1).
//   Graupner M., Brunel N. (2012) Calcium-based plasticity model explains sensitivity of synaptic
//   changes to spike pattern, rate, and dendritic location. PNAS 109:3991–3996, Fig. 2.
//
// Lines: the closed form (exact α_d, α_p of the periodic calcium trace; ρ̄ = Γ_p/(Γ_p + Γ_d),
// τ_eff = τ/(Γ_p + Γ_d); UP/DOWN transition probabilities; β = 0.5, b = 5), as in the paper.
// Points (DP panel): StdpProtocolSimulation — 4000 synapses (THEORY_QUICK=1: 500), exact
// calcium from c = 0, exact Ornstein–Uhlenbeck segments for ρ, ± 1 SE.
// Output: paper-figures/out/GraupnerBrunel2012_Fig2.{html,png,pdf,csv}; CSV panel,series,x,y,x_unit,y_unit with
// x = Δt (ms), y = weight after/before.
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.CalciumPlasticity
open Theory.Experiments.CalciumPlasticity
open Theory.Experiments.Sweeps

let sets =
    [ "DP", GraupnerBrunelParameters.DP; "DPD", GraupnerBrunelParameters.DPD
      "DPD′", GraupnerBrunelParameters.DPDPrime; "P", GraupnerBrunelParameters.P
      "D", GraupnerBrunelParameters.D; "D′", GraupnerBrunelParameters.DPrime ]

let ms x = 1e3 * x
let curves =
    [ for name, p in sets ->
          let c = StdpCurve.Curve(p, -0.1, 0.1, 801)
          name, c |> Array.map (fun x -> ms x.DeltaT), c |> Array.map (fun x -> x.Change) ]

let synapses = if Figure.quick then 500 else 4000
let simDts = [ -0.08; -0.04; -0.02; -0.01; 0.0; 0.01; 0.02; 0.04; 0.08 ]
/// What the DP panel plots of each simulated protocol.
type Measured = { DeltaT: float; Simulated: float; StandardError: float; Analytic: float }
// the nine protocols are one sweep on every core (seed i + 1 for Δt number i, as before), resumable from out/sweeps/
let sims =
    let run (p: SweepPoint) =
        let r = StdpProtocolSimulation(GraupnerBrunelParameters.DP, p["dt"], Synapses = synapses, Seed = uint64 (p.Id + 1)).Run()
        SweepRow().Add("simulated", r.Simulated).Add("standard_error", r.StandardError).Add("analytic", r.Analytic)
    let folder = Figure.sweepFolder "GraupnerBrunel2012_Fig2" (sprintf "%O %A %d" GraupnerBrunelParameters.DP simDts synapses)
    let result = Sweep.Run(Sweep.Grid [ "dt", Array.ofList simDts ], run, folder, tag = "GraupnerBrunel2012_Fig2")
    [ for i, dt in List.indexed simDts ->
          let row = result.Row i
          { DeltaT = dt; Simulated = row.Number "simulated"; StandardError = row.Number "standard_error"; Analytic = row.Number "analytic" } ]
for s in sims do printfn "DP Δt = %+5.0f ms: simulated %.3f ± %.3f, closed form %.3f" (ms s.DeltaT) s.Simulated s.StandardError s.Analytic

let panels =
    [ for i, (name, xs, ys) in List.indexed curves ->
          [ yield Chart.Line(xs, ys, Name = "closed form", ShowLegend = (i = 0), LineColor = Color.fromString "black")
            if name = "DP" then
                yield Chart.Point(sims |> List.map (fun s -> ms s.DeltaT), sims |> List.map (fun s -> s.Simulated),
                                  Name = "simulation ± SE", MarkerColor = Color.fromString "crimson")
                      |> Chart.withYErrorStyle (Array = (sims |> List.map (fun s -> s.StandardError))) ]
          |> Chart.combine
          |> Chart.withXAxisStyle "Δt (ms)"
          |> Chart.withYAxisStyle "change of synaptic strength" ]

let chart =
    Chart.Grid(3, 2, SubPlotTitles = (curves |> List.map (fun (n, _, _) -> n))) panels
    |> Chart.withTitle "Graupner & Brunel (2012) Fig. 2: STDP curves, 60 pairs at 1 Hz"

let data =
    Figure.long [ ("*", "ms", "1") ] [
        for name, xs, ys in curves -> name, "closed form", Seq.ofArray xs, Seq.ofArray ys
        yield "DP", "simulation", sims |> Seq.map (fun s -> ms s.DeltaT), sims |> Seq.map (fun s -> s.Simulated)
        yield "DP", "simulation SE", sims |> Seq.map (fun s -> ms s.DeltaT), sims |> Seq.map (fun s -> s.StandardError) ]

Figure.save "GraupnerBrunel2012_Fig2" (1000, 1000) chart data
