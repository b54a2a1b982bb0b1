// Brunel (2000) Fig. 2 — phase diagram of model A (γ = 0.25, D = 1.5 ms, τ = 20 ms, θ = 20 mV, V_r = 10 mV,
// τ_rp = 2 ms) in the (g, ν_ext/ν_thr) plane: analytic regions, and simulated points where the network is simulated.
//   A (default, the published figure): C_E = 4000, J = 0.2 mV — the network of the paper's Fig. 1 (ν_thr = 1.25 Hz), for
//      which the paper draws Fig. 2 (it prints no parameters of its own and calls it the network "with higher
//      connectivity"; as read by two independent transcriptions of the paper, docs/MODELS.md "Brunel (2000) Fig. 2: which
//      parameters"). It gives the regimes the paper assigns to its four Fig. 8 states — (3, 2) SR, (6, 4) SI-fast,
//      (5, 2) AI, (4.5, 0.9) SI-slow — with SR for every g < 4, the fast modes stabilising at g = 4.10–4.18, a wide SI-slow
//      band (ν_ext/ν_thr ≈ 0.74–0.94 at g = 4.5, 0.74–1.06 at g = 6, 0.73–1.09 at g = 8) and AI/SI-fast at 3.38 (g = 6),
//      2.54 (g = 8). Analytic only (a sparse C_E = 4000 network needs N_E ≫ 40 000). The earlier inference C_E = 4000,
//      J = 0.1 mV (SR/AI at 3.92–3.94, slow band 0.82–0.99) gives the same four labels; see MODELS.md.
//   B: C_E = 1000, J = 0.1 mV — the network of Fig. 8 as the spec and Brian2's example simulate it (N_E = 10 000, ε = 0.1):
//      SR/AI at g = 3.19–3.41, only a thin SI-slow band; the ten standard points simulated.
//   C: C_E = 1000, J = 0.2 mV — SR line at g ≈ 3.82–3.87 and a wide SI-slow band, but (6, 4) falls in AI; six points.
//   At fixed ν_ext/ν_thr the diagram depends on J and on C_E J separately (σ_ext² = Jθ·ν_ext/ν_thr, recurrent
//   coupling ∝ C_E J), so A and B differ only in the strength of the recurrent coupling.
//   Brunel N. (2000) Dynamics of sparsely connected networks of excitatory and inhibitory spiking
//   neurons. J. Comput. Neurosci. 8:183–208, Fig. 2 (and §3–4, Fig. 8).
//
// Analytic (Theory.MeanField.BrunelPhaseDiagram): on every grid point the lowest-rate stationary state
// ν₀ = φ(μ(ν₀), σ(ν₀)) (eqs. 4–5, 21) that is not a saddle, and the eigenvalues of
// 1 = e^{−λD}[C_E J τ(1−gγ)R_μ(λ) + J²C_E τ(1+g²γ)R_σ²(λ)], unstable roots counted with the argument principle
// up to max(1 kHz, 4/D) = 2.67 kHz (the fast modes sit near multiples of 1/D; BrunelStability.DefaultMaxFrequency): stable → AI; Hopf with gγ < 1 → SR, otherwise SI-fast
// (f ≥ 1/(8D)) or SI-slow. Drawn as coloured squares, one per grid point. The lines of A are checked against an
// independent mpmath solution of c(iω) = 0 (tests/Theory.Tests/MeanField/reference/gen_fig2.py).
// Simulated (Theory.Experiments.MeanField.BrunelPhaseComparison, N_E = 10 000, kernel, dt = 0.1 ms, same J as the
// panel): circles coloured by the regime the simulation shows (SimulatedRegime), the analytic label in the hover text.
// Full run: panel B the ten standard points, panel C six points across its lines, 1 seed × 1.2 s;
// THEORY_QUICK=1: the four Fig. 8 states in B and two points in C, 0.3 s, coarse grid.
// Output: paper-figures/out/Brunel2000_Fig2.{html,png,pdf,csv}; CSV columns panel,series,x,y,x_unit,y_unit
// (panel "A theory"/"B theory"/"B simulation"/"C theory"/"C simulation", series = regime, x = g, y = ν_ext/ν_thr).
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.MeanField
open Theory.Experiments.MeanField

let gGrid = if Figure.quick then [| 0.0 .. 1.0 .. 8.0 |] else [| 0.0 .. 0.2 .. 8.0 |]
let rGrid = if Figure.quick then [| 0.5; 0.85; 1.0; 1.5; 2.0; 2.5; 3.0; 3.5; 4.0 |] else [| 0.1 .. 0.1 .. 4.0 |]
let duration, warmup = (if Figure.quick then 0.3, 0.1 else 1.2, 0.2)

/// One panel: in-degree C_E, efficacy J (V) and the simulated points (none: analytic only).
type Panel = { Name: string; CE: float; J: float; Points: (float * float) list }

let panels =
    [ { Name = "A"; CE = 4000.0; J = 2e-4; Points = [] }
      { Name = "B"; CE = 1000.0; J = 1e-4
        Points =
            if Figure.quick then [ 3.0, 2.0; 6.0, 4.0; 5.0, 2.0; 4.5, 0.9 ]
            else BrunelPhaseComparison.StandardPoints |> Array.map (fun p -> p.G, p.NuExtRatio) |> List.ofArray }
      { Name = "C"; CE = 1000.0; J = 2e-4
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
          let net = BrunelNetwork.ModelA.With(ce = p.CE, j = p.J)
          let diagram = BrunelPhaseDiagram.Compute(net.With(nuExt = 2.0 * net.NuThreshold), gGrid, rGrid)
          // the simulated points are one sweep on every core, resumable from out/sweeps/
          let rows =
              if p.Points.IsEmpty then []
              else
                  let folder = Figure.sweepFolder ("Brunel2000_Fig2-" + p.Name) (sprintf "%A %g %g %g" p.Points p.J duration warmup)
                  BrunelPhaseComparison.CompareAll([ for (g, r) in p.Points -> PhasePoint(g, r) ], [| 1UL |], duration, warmup, j = p.J, folder = folder)
                  |> List.ofArray
          printfn "panel %s, C_E = %g, J = %g mV" p.Name p.CE (p.J * 1e3)
          if not rows.IsEmpty then printf "%s" (BrunelPhaseComparison.Table rows)
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
                      Chart.Point([ for r in rs -> r.Theory.G ], [ for r in rs -> r.Theory.NuExtRatio ], Name = sprintf "simulation: %s" reg, MultiText = text, ShowLegend = (p.Name = "B"))
                      |> Chart.withMarkerStyle (Size = 14, Color = Color.fromString (colour reg), Outline = Line.init (Color = Color.fromString "black", Width = 2.0)) ]
    Chart.combine (theory @ sims)
    |> Chart.withXAxisStyle ("g", MinMax = (-0.1, 8.2))
    |> Chart.withYAxisStyle ("ν<sub>ext</sub>/ν<sub>thr</sub>", MinMax = (0.0, 4.1))

let chart =
    Chart.Grid(1, 3, SubPlotTitles = [ "A  C<sub>E</sub> = 4000, J = 0.2 mV (published figure)"; "B  C<sub>E</sub> = 1000, J = 0.1 mV (simulated network)"; "C  C<sub>E</sub> = 1000, J = 0.2 mV" ])
        [ for r in results -> panelChart r ]
    |> Chart.withTitle "Brunel (2000) Fig. 2: analytic phase diagram (squares) and N<sub>E</sub> = 10 000 simulations (circles, coloured by the simulated regime; B, C)"

let data =
    Figure.long [ ("*", "1", "1") ] [
        for p, cells, rows in results do
            for reg, pts in cells -> p.Name + " theory", reg, Array.map fst pts, Array.map snd pts
            for r in rows -> p.Name + " simulation", r.Regime, [ r.Theory.G ], [ r.Theory.NuExtRatio ] ]

Figure.save "Brunel2000_Fig2" (2100, 650) chart data
