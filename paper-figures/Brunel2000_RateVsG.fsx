// Brunel (2000) model A — stationary rate against g for ν_ext/ν_thr ∈ {1, 2, 4}: the mean-field rate
// (lines) next to N_E = 10 000 simulations (points). Compare Brunel (2000) Fig. 3 (rates from the
// self-consistent solution) and §4 (simulations).
//   Brunel N. (2000) J. Comput. Neurosci. 8:183–208.
//
// Analytic: lowest stationary solution of ν₀ = φ(μ(ν₀), σ(ν₀)) (Siegert, eqs. 4–5 and 21;
// Theory.MeanField.BrunelStationary), dashed where that state is not AI (linearly unstable: SI-fast,
// SI-slow, SR). Simulated: Theory.Experiments.MeanField.BrunelPhaseComparison, excitatory rate,
// 1 seed × 1.0 s (warm-up 0.2 s), points coloured like the curves; the hover text gives the simulated regime.
// Dotted (ν_ext/ν_thr = 1 only): the stationary rate with the finite-PSP (shot-noise) single-neuron transfer instead
// of the diffusion approximation (Theory.MeanField.BrunelFinitePsp; docs/MODELS.md, "Simulation against theory").
// Full run: g ∈ {3.5, 4, 5, 6, 7, 8}; THEORY_QUICK=1: g ∈ {5, 8}, 0.3 s.
// Output: paper-figures/out/Brunel2000_RateVsG.{html,png,pdf,csv} (panel "theory"/"finite-PSP theory"/"simulation", series =
// ν_ext/ν_thr, x = g, y = rate in Hz).
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.Experiments.MeanField

let ratios = [ 1.0; 2.0; 4.0 ]
let colours = [ "#1f77b4"; "#2ca02c"; "#d62728" ]
let gCurve = if Figure.quick then [| 3.5 .. 0.25 .. 8.0 |] else [| 3.5 .. 0.05 .. 8.0 |]
let gSim, duration, warmup = if Figure.quick then [ 5.0; 8.0 ], 0.3, 0.1 else [ 3.5; 4.0; 5.0; 6.0; 7.0; 8.0 ], 1.0, 0.2

let gShot = if Figure.quick then [| 5.0; 8.0 |] else [| 4.5 .. 0.5 .. 8.0 |]
let shotCurve =
    [| for g in gShot ->
           let t = BrunelTheory.At(g, 1.0)
           g, Theory.MeanField.BrunelFinitePsp.StationaryRate(BrunelTheory.Network(g, 1.0), t.Rate) |]

let curves =
    [ for r in ratios ->
          r, [| for g in gCurve -> let t = BrunelTheory.At(g, r) in g, t.Rate, t.Regime |] ]
// every simulated (ratio, g) point in one sweep on every core, resumable from out/sweeps/
let simRows =
    BrunelPhaseComparison.CompareAll([ for r in ratios do for g in gSim -> PhasePoint(g, r) ], [| 1UL |], duration, warmup,
                                     folder = Figure.sweepFolder "Brunel2000_RateVsG" (sprintf "%A %A %g %g" ratios gSim duration warmup))
let sims = [ for k, r in List.indexed ratios -> r, List.ofArray simRows[k * gSim.Length .. (k + 1) * gSim.Length - 1] ]
for _, rows in sims do printf "%s" (BrunelPhaseComparison.Table rows)

let traces =
    [ for (r, pts), c in List.zip curves colours do
          let stable = pts |> Array.map (fun (g, v, reg) -> g, (if reg = "AI" then v else nan))
          let unstable = pts |> Array.map (fun (g, v, reg) -> g, (if reg <> "AI" then v else nan))
          yield Chart.Line(Array.map fst stable, Array.map snd stable, Name = sprintf "theory ν<sub>ext</sub>/ν<sub>thr</sub> = %g (AI)" r, LineColor = Color.fromString c)
          // a legend entry only for a curve that is drawn: a run of two or more unstable points is a dashed line,
          // isolated unstable points (between stable ones) are open markers, and none gives no entry at all
          let finite = unstable |> Array.map (fun (_, v) -> not (System.Double.IsNaN v))
          let run = finite |> Array.pairwise |> Array.exists (fun (a, b) -> a && b)
          if run then
              yield Chart.Line(Array.map fst unstable, Array.map snd unstable, Name = sprintf "theory %g (linearly unstable)" r, LineColor = Color.fromString c, LineDash = StyleParam.DrawingStyle.Dash)
          elif Array.exists id finite then
              yield Chart.Point(Array.map fst unstable, Array.map snd unstable, Name = sprintf "theory %g (linearly unstable)" r)
                    |> Chart.withMarkerStyle (Color = Color.fromString c, Symbol = StyleParam.MarkerSymbol.Diamond, Size = 8)
      yield Chart.Line(Array.map fst shotCurve, Array.map snd shotCurve, Name = "finite-PSP theory 1", LineColor = Color.fromString colours[0],
                       LineDash = StyleParam.DrawingStyle.Dot)
      for (r, rows), c in List.zip sims colours do
          yield
              Chart.Point([ for x in rows -> x.Theory.G ], [ for x in rows -> x.Rate ], Name = sprintf "simulation %g" r,
                          MultiText = [ for x in rows -> sprintf "sim %s, CV %.2f, theory %s %.1f Hz" x.Regime x.Cv x.Theory.Regime x.Theory.Rate ])
              |> Chart.withMarkerStyle (Size = 11, Color = Color.fromString c, Outline = Line.init (Color = Color.fromString "black", Width = 1.0)) ]

let chart =
    Chart.combine traces
    |> Chart.withXAxisStyle "g"
    |> Chart.withYAxisStyle ("rate (Hz)", AxisType = StyleParam.AxisType.Log)
    |> Chart.withTitle "Brunel (2000) model A: stationary rate against g (lines: mean field; points: N<sub>E</sub> = 10 000 simulations)"

let data =
    Figure.long [ ("*", "1", "Hz") ] [
        for r, pts in curves -> "theory", string r, Array.map (fun (g, _, _) -> g) pts, Array.map (fun (_, v, _) -> v) pts
        yield "finite-PSP theory", "1", Array.map fst shotCurve, Array.map snd shotCurve
        for r, rows in sims -> "simulation", string r, [ for x in rows -> x.Theory.G ], [ for x in rows -> x.Rate ] ]

Figure.save "Brunel2000_RateVsG" (1000, 600) chart data
