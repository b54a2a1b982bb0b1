// Brunel (2000) Fig. 2 — phase diagram of model A (J = 0.1 mV, C_E = 1000, γ = 0.25, D = 1.5 ms) in the
// (g, ν_ext/ν_thr) plane, analytic regions with simulated points on top.
//   Brunel N. (2000) Dynamics of sparsely connected networks of excitatory and inhibitory spiking
//   neurons. J. Comput. Neurosci. 8:183–208, Fig. 2 (and §3–4).
//
// Analytic (Theory.MeanField.BrunelPhaseDiagram): on every grid point the lowest-rate stationary state
// ν₀ = φ(μ(ν₀), σ(ν₀)) (eqs. 4–5, 21) that is not a saddle, and the eigenvalues of
// 1 = e^{−λD}[C_E J τ(1−gγ)R_μ(λ) + J²C_E τ(1+g²γ)R_σ²(λ)], unstable roots counted with the argument principle
// up to 1 kHz (SR modes sit near twice the rate): stable → AI; Hopf with gγ < 1 → SR, otherwise SI-fast
// (f ≥ 1/(8D)) or SI-slow. Drawn as coloured squares, one per grid point.
// Simulated (Theory.Experiments.MeanField.BrunelPhaseComparison, N_E = 10 000, kernel, dt = 0.1 ms):
// circles coloured by the regime the simulation shows (SimulatedRegime: synchrony χ² = Var(A)Δ/ν̄ ≥ 0.01 →
// SR if CV < 0.3, else SI-fast/slow by the peak frequency; otherwise AI), the analytic label in the hover text.
// Full run: the ten standard points, 1 seed × 1.2 s; THEORY_QUICK=1: the four Fig. 8 states, 0.3 s, coarse grid.
// Output: paper-figures/out/Brunel2000_Fig2.{html,png,pdf,csv}; CSV columns panel,series,x,y
// (panel "theory"/"simulation", series = regime, x = g, y = ν_ext/ν_thr).
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.MeanField
open Theory.Experiments.MeanField

let gGrid = if Figure.quick then [| 0.0 .. 1.0 .. 8.0 |] else [| 0.0 .. 0.2 .. 8.0 |]
let rGrid = if Figure.quick then [| 0.5 .. 0.5 .. 4.0 |] else [| 0.1 .. 0.1 .. 4.0 |]
let diagram = BrunelPhaseDiagram.Compute(BrunelNetwork.ModelA, gGrid, rGrid)

let points, duration =
    if Figure.quick then [| 3.0, 2.0; 6.0, 4.0; 5.0, 2.0; 4.5, 0.9 |], 0.3
    else BrunelPhaseComparison.StandardPoints |> Array.map (fun struct (g, r) -> g, r), 1.2
let rows = [ for (g, r) in points -> BrunelPhaseComparison.Compare(g, r, [| 1UL |], duration, (if Figure.quick then 0.1 else 0.2)) ]
printf "%s" (BrunelPhaseComparison.Table rows)

let colour =
    function
    | "AI" -> "#2ca02c" | "SR" -> "#d62728" | "SI-fast" -> "#1f77b4" | "SI-slow" -> "#9467bd"
    | "saddle" -> "#ff7f0e" | _ -> "#7f7f7f"
let regimes = [ "AI"; "SR"; "SI-fast"; "SI-slow"; "saddle"; "quiescent" ]

let cells =
    [ for reg in regimes do
          let pts =
              [| for i in 0 .. gGrid.Length - 1 do
                     for j in 0 .. rGrid.Length - 1 do
                         if diagram.Regime[i, j] = reg then yield gGrid[i], rGrid[j] |]
          if pts.Length > 0 then yield reg, pts ]

let theoryTraces =
    [ for reg, pts in cells ->
          Chart.Point(Array.map fst pts, Array.map snd pts, Name = sprintf "theory: %s" reg, Opacity = 0.35)
          |> Chart.withMarkerStyle (Size = (if Figure.quick then 28 else 7), Color = Color.fromString (colour reg), Symbol = StyleParam.MarkerSymbol.Square) ]

let simTraces =
    [ for reg in regimes do
          let rs = rows |> List.filter (fun r -> r.Regime = reg)
          if not rs.IsEmpty then
              let text = [ for r in rs -> sprintf "sim %s (theory %s): %.1f Hz (theory %.1f), CV %.2f, peak %.0f Hz" r.Regime r.Theory.Regime r.Rate r.Theory.Rate r.Cv r.Peak ]
              yield
                  Chart.Point([ for r in rs -> r.Theory.G ], [ for r in rs -> r.Theory.NuExtRatio ], Name = sprintf "simulation: %s" reg, MultiText = text)
                  |> Chart.withMarkerStyle (Size = 16, Color = Color.fromString (colour reg), Outline = Line.init (Color = Color.fromString "black", Width = 2.0)) ]

let chart =
    Chart.combine (theoryTraces @ simTraces)
    |> Chart.withXAxisStyle ("g", MinMax = (-0.1, 8.2))
    |> Chart.withYAxisStyle ("ν<sub>ext</sub>/ν<sub>thr</sub>", MinMax = (0.0, 4.1))
    |> Chart.withTitle "Brunel (2000) Fig. 2: analytic phase diagram (squares) and N<sub>E</sub> = 10 000 simulations (circles, coloured by the simulated regime)"

let data =
    Figure.long [
        for reg, pts in cells -> "theory", reg, Array.map fst pts, Array.map snd pts
        for r in rows -> "simulation", r.Regime, [ r.Theory.G ], [ r.Theory.NuExtRatio ] ]

Figure.save "Brunel2000_Fig2" (1000, 700) chart data
