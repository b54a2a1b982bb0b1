// Brunel (2000) Fig. 2 — phase diagram of model A (C_E = 1000, γ = 0.25, D = 1.5 ms) in the
// (g, ν_ext/ν_thr) plane, analytic regions with simulated points on top, at two synaptic efficacies:
//   A: J = 0.1 mV (the spec's value, and the J of Brian2's Fig. 8 example);
//   B: J = 0.2 mV. At fixed C_E a larger J means more noise at the same normalized drive (σ_ext² = Jθ·ν_ext/ν_thr),
//      and at 0.2 mV the diagram shows the features of the published figure that panel A lacks: the SR/AI line at
//      g ≈ 3.82–3.87 and SI-slow across g = 4.25–8 for ν_ext/ν_thr ≈ 0.76–0.95 (docs/MODELS.md, "Differences from
//      Brunel (2000) Fig. 2"; the kernel confirms the SR line but shows the slow band as finite-size noise only).
//   Brunel N. (2000) Dynamics of sparsely connected networks of excitatory and inhibitory spiking
//   neurons. J. Comput. Neurosci. 8:183–208, Fig. 2 (and §3–4).
//
// Analytic (Theory.MeanField.BrunelPhaseDiagram): on every grid point the lowest-rate stationary state
// ν₀ = φ(μ(ν₀), σ(ν₀)) (eqs. 4–5, 21) that is not a saddle, and the eigenvalues of
// 1 = e^{−λD}[C_E J τ(1−gγ)R_μ(λ) + J²C_E τ(1+g²γ)R_σ²(λ)], unstable roots counted with the argument principle
// up to 1 kHz (SR modes sit near twice the rate): stable → AI; Hopf with gγ < 1 → SR, otherwise SI-fast
// (f ≥ 1/(8D)) or SI-slow. Drawn as coloured squares, one per grid point.
// Simulated (Theory.Experiments.MeanField.BrunelPhaseComparison, N_E = 10 000, kernel, dt = 0.1 ms, same J as the
// panel): circles coloured by the regime the simulation shows (SimulatedRegime), the analytic label in the hover text.
// Full run: panel A the ten standard points, panel B six points across its lines, 1 seed × 1.2 s;
// THEORY_QUICK=1: the four Fig. 8 states in A and two points in B, 0.3 s, coarse grid.
// Output: paper-figures/out/Brunel2000_Fig2.{html,png,pdf,csv}; CSV columns panel,series,x,y,x_unit,y_unit
// (panel "A theory"/"A simulation"/"B theory"/"B simulation", series = regime, x = g, y = ν_ext/ν_thr).
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.MeanField
open Theory.Experiments.MeanField

let gGrid = if Figure.quick then [| 0.0 .. 1.0 .. 8.0 |] else [| 0.0 .. 0.2 .. 8.0 |]
let rGrid = if Figure.quick then [| 0.5; 0.85; 1.0; 1.5; 2.0; 2.5; 3.0; 3.5; 4.0 |] else [| 0.1 .. 0.1 .. 4.0 |]
let duration, warmup = (if Figure.quick then 0.3, 0.1 else 1.2, 0.2)

/// One panel: efficacy J (V) and the simulated points.
type Panel = { Name: string; J: float; Points: (float * float) list }

let panels =
    [ { Name = "A"; J = 1e-4
        Points =
            if Figure.quick then [ 3.0, 2.0; 6.0, 4.0; 5.0, 2.0; 4.5, 0.9 ]
            else BrunelPhaseComparison.StandardPoints |> Array.map (fun p -> p.G, p.NuExtRatio) |> List.ofArray }
      { Name = "B"; J = 2e-4
        Points =
            if Figure.quick then [ 3.6, 2.0; 6.0, 0.85 ]
            else [ 3.6, 2.0; 4.5, 2.0; 6.0, 0.85; 8.0, 0.85; 6.0, 1.5; 8.0, 3.8 ] } ]

let colour =
    function
    | "AI" -> "#2ca02c" | "SR" -> "#d62728" | "SI-fast" -> "#1f77b4" | "SI-slow" -> "#9467bd"
    | "saddle" -> "#ff7f0e" | _ -> "#7f7f7f"
let regimes = [ "AI"; "SR"; "SI-fast"; "SI-slow"; "saddle"; "quiescent" ]

let results =
    [ for p in panels ->
          let net = BrunelNetwork.ModelA.With(j = p.J)
          let diagram = BrunelPhaseDiagram.Compute(net.With(nuExt = 2.0 * net.NuThreshold), gGrid, rGrid)
          // the simulated points are one sweep on every core, resumable from out/sweeps/
          let folder = Figure.sweepFolder ("Brunel2000_Fig2-" + p.Name) (sprintf "%A %g %g %g" p.Points p.J duration warmup)
          let rows =
              BrunelPhaseComparison.CompareAll([ for (g, r) in p.Points -> PhasePoint(g, r) ], [| 1UL |], duration, warmup, j = p.J, folder = folder)
              |> List.ofArray
          printfn "panel %s, J = %g mV" p.Name (p.J * 1e3)
          printf "%s" (BrunelPhaseComparison.Table rows)
          let cells =
              [ for reg in regimes do
                    let pts =
                        [| for i in 0 .. gGrid.Length - 1 do
                               for k in 0 .. rGrid.Length - 1 do
                                   if diagram.Regime[i, k] = reg then yield gGrid[i], rGrid[k] |]
                    if pts.Length > 0 then yield reg, pts ]
          p, cells, rows ]

let panelChart (p: Panel, cells: (string * (float * float)[]) list, rows: BrunelComparisonRow list) =
    let first = p.Name = "A"
    let theory =
        [ for reg, pts in cells ->
              Chart.Point(Array.map fst pts, Array.map snd pts, Name = sprintf "theory: %s" reg, Opacity = 0.35, ShowLegend = first)
              |> Chart.withMarkerStyle (Size = (if Figure.quick then 22 else 6), Color = Color.fromString (colour reg), Symbol = StyleParam.MarkerSymbol.Square) ]
    let sims =
        [ for reg in regimes do
              let rs = rows |> List.filter (fun r -> r.Regime = reg)
              if not rs.IsEmpty then
                  let text = [ for r in rs -> sprintf "sim %s (theory %s): %.1f Hz (theory %.1f), CV %.2f, peak %.0f Hz" r.Regime r.Theory.Regime r.Rate r.Theory.Rate r.Cv r.Peak ]
                  yield
                      Chart.Point([ for r in rs -> r.Theory.G ], [ for r in rs -> r.Theory.NuExtRatio ], Name = sprintf "simulation: %s" reg, MultiText = text, ShowLegend = first)
                      |> Chart.withMarkerStyle (Size = 14, Color = Color.fromString (colour reg), Outline = Line.init (Color = Color.fromString "black", Width = 2.0)) ]
    Chart.combine (theory @ sims)
    |> Chart.withXAxisStyle ("g", MinMax = (-0.1, 8.2))
    |> Chart.withYAxisStyle ("ν<sub>ext</sub>/ν<sub>thr</sub>", MinMax = (0.0, 4.1))

let chart =
    Chart.Grid(1, 2, SubPlotTitles = [ "A  J = 0.1 mV (spec; Brian2 Fig. 8 example)"; "B  J = 0.2 mV (SR line at g ≈ 3.85, wide SI-slow band)" ])
        [ for r in results -> panelChart r ]
    |> Chart.withTitle "Brunel (2000) Fig. 2: analytic phase diagram (squares) and N<sub>E</sub> = 10 000 simulations (circles, coloured by the simulated regime)"

let data =
    Figure.long [ "*", "1", "1" ] [
        for p, cells, rows in results do
            for reg, pts in cells -> p.Name + " theory", reg, Array.map fst pts, Array.map snd pts
            for r in rows -> p.Name + " simulation", r.Regime, [ r.Theory.G ], [ r.Theory.NuExtRatio ] ]

Figure.save "Brunel2000_Fig2" (1500, 650) chart data
