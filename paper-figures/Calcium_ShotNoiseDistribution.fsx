// Calcium under Poisson pre/post activity (shot noise; Graupner, Wallisch & Ostojic 2016; the
// shot-noise view of Wang & Aljadeff): stationary density of c for several rates and
// correlations, and the time fractions above θ_d and θ_p against the correlation.
// Parameter set DP of Graupner & Brunel (2012) (τ_Ca = 20 ms, C_pre = 1, C_post = 2, D = 13.7 ms,
// θ_d = 1, θ_p = 1.3). Correlation: shared events at rate c√(ν_pre ν_post), post spike Lag after
// the pre spike.
// Lines: CalciumShotNoise (flux balance x p(x) = τ Σ r_i [F(x) − F(x − A_i)], signed jump measure
// for the shared events). Points/histograms: ShotNoiseSimulation (event-driven Monte Carlo,
// 200 s per point, THEORY_QUICK=1: 20 s), ± 1 SE.
// Output: paper-figures/out/Calcium_ShotNoiseDistribution.{html,png,pdf,csv}; CSV panel,series,x,y,x_unit,y_unit:
// panel A x = c, y = density; panel B x = correlation, y = time fraction.
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.CalciumPlasticity
open Theory.Experiments.CalciumPlasticity
open Theory.Experiments.Sweeps

let p = GraupnerBrunelParameters.DP
let simT = if Figure.quick then 20.0 else 200.0
let cases =
    [ "5/5 Hz", PoissonActivity(5.0, 5.0); "10/10 Hz", PoissonActivity(10.0, 10.0)
      "10/10 Hz, c = 0.5, lag 20 ms", PoissonActivity(10.0, 10.0, 0.5, 0.02); "30/30 Hz", PoissonActivity(30.0, 30.0) ]
let xs = [| for i in 1 .. 600 -> 6.0 * float i / 600.0 |]
let densities = [ for name, a in cases -> name, (let s = CalciumShotNoise(p, a) in xs |> Array.map s.Density) ]
let bins = 60
let hist = Figure.densityHistogram 6.0 bins
let histograms =
    [ for (name, a), i in List.zip cases [ 1 .. cases.Length ] ->
          let r = ShotNoiseSimulation(p, a, simT, 20, uint64 i, 200000).Run()
          name, hist r.Samples ]

let corrs = [| for i in 0 .. 40 -> float i / 40.0 |]
let lags = [ 0.0, "lag 0"; 0.02, "lag +20 ms" ]
let fractions =
    [ for lag, lname in lags ->
          let f = corrs |> Array.map (fun c -> CalciumShotNoise(p, PoissonActivity(10.0, 10.0, c, lag)).Fractions())
          lname, f |> Array.map (fun x -> x.AlphaD), f |> Array.map (fun x -> x.AlphaP) ]
let simCorrs = [ 0.0; 0.25; 0.5; 0.75; 1.0 ]
/// The Monte Carlo estimates of α_d and α_p at one (lag, correlation).
type Fractions = { AlphaD: Estimate; AlphaP: Estimate }
// the ten (lag, correlation) simulations are one sweep on every core, resumable from out/sweeps/
let simFractions =
    let run (q: SweepPoint) =
        let r = ShotNoiseSimulation(p, PoissonActivity(10.0, 10.0, q["c"], q["lag"]), simT, 20, 77UL).Run()
        SweepRow().Add("alpha_d", r.AlphaD.Simulated).Add("alpha_d_se", r.AlphaD.StandardError).Add("alpha_d_theory", r.AlphaD.Theory)
            .Add("alpha_p", r.AlphaP.Simulated).Add("alpha_p_se", r.AlphaP.StandardError).Add("alpha_p_theory", r.AlphaP.Theory)
    let points = Sweep.Grid [ "lag", [| for lag, _ in lags -> lag |]; "c", Array.ofList simCorrs ]
    let folder = Figure.sweepFolder "Calcium_ShotNoiseDistribution" (sprintf "%O %A %A %g" p lags simCorrs simT)
    let result = Sweep.Run(points, run, folder, tag = "Calcium_ShotNoiseDistribution")
    [ for k, (_, lname) in List.indexed lags ->
          lname, [ for j, c in List.indexed simCorrs ->
                       let row = result.Row(k * simCorrs.Length + j)
                       let est name = Estimate(row.Number name, row.Number(name + "_se"), row.Number(name + "_theory"))
                       c, { AlphaD = est "alpha_d"; AlphaP = est "alpha_p" } ] ]

// Legend: each condition of A has its own colour (theory line and MC histogram markers); B uses two other
// colours, red for α_d and teal for α_p, lag 0 solid lines / circles, lag +20 ms dashed lines / squares, so no two
// legend entries are drawn alike.
let caseColours = [ "#1f77b4"; "#ff7f0e"; "#2ca02c"; "#9467bd" ] |> List.map Color.fromString
let colourD, colourP = Color.fromString "#d62728", Color.fromString "#17becf"
let panelA =
    [ for ((name, d), (_, (hx, hy))), c in List.zip (List.zip densities histograms) caseColours do
          yield Chart.Line(xs, d, Name = name, LineColor = c)
          yield Chart.Point(hx, hy, Name = name + " (MC histogram)", MarkerColor = c) ]
    |> Chart.combine |> Chart.withXAxisStyle "calcium c" |> Chart.withYAxisStyle "density P(c)"
    |> Chart.withYAxis (LayoutObjects.LinearAxis.init (Range = StyleParam.Range.MinMax(0.0, 2.0), Title = Title.init "density P(c)"))
let panelB =
    [ for k, ((lname, ad, ap), (_, sims)) in List.indexed (List.zip fractions simFractions) do
          let dash = if k = 0 then StyleParam.DrawingStyle.Solid else StyleParam.DrawingStyle.Dash
          let symbol = if k = 0 then StyleParam.MarkerSymbol.Circle else StyleParam.MarkerSymbol.Square
          yield Chart.Line(corrs, ad, Name = "α_d, " + lname, LineColor = colourD, LineDash = dash)
          yield Chart.Line(corrs, ap, Name = "α_p, " + lname, LineColor = colourP, LineDash = dash)
          yield Chart.Point(sims |> List.map fst, sims |> List.map (fun (_, r) -> r.AlphaD.Simulated), Name = "α_d MC, " + lname, MarkerColor = colourD, MarkerSymbol = symbol)
                |> Chart.withYErrorStyle (Array = (sims |> List.map (fun (_, r) -> r.AlphaD.StandardError)))
          yield Chart.Point(sims |> List.map fst, sims |> List.map (fun (_, r) -> r.AlphaP.Simulated), Name = "α_p MC, " + lname, MarkerColor = colourP, MarkerSymbol = symbol)
                |> Chart.withYErrorStyle (Array = (sims |> List.map (fun (_, r) -> r.AlphaP.StandardError))) ]
    |> Chart.combine |> Chart.withXAxisStyle "correlation c (10/10 Hz)" |> Chart.withYAxisStyle "fraction of time above threshold"

let chart =
    Chart.Grid(1, 2, SubPlotTitles = [ "A  stationary calcium density"; "B  time above θ_d, θ_p vs correlation" ]) [ panelA; panelB ]
    |> Chart.withTitle "Calcium shot noise (DP set): theory lines, Monte Carlo histograms/points"

let data =
    Figure.long [ ("*", "1", "1") ] [
        for name, d in densities -> "A", name, Seq.ofArray xs, Seq.ofArray d
        for name, (hx, hy) in histograms -> "A", name + " MC", Seq.ofArray hx, Seq.ofArray hy
        for lname, ad, ap in fractions do
            yield "B", "alpha_d " + lname, Seq.ofArray corrs, Seq.ofArray ad
            yield "B", "alpha_p " + lname, Seq.ofArray corrs, Seq.ofArray ap
        for lname, sims in simFractions do
            yield "B", "alpha_d MC " + lname, sims |> Seq.map fst, sims |> Seq.map (fun (_, r) -> r.AlphaD.Simulated)
            yield "B", "alpha_p MC " + lname, sims |> Seq.map fst, sims |> Seq.map (fun (_, r) -> r.AlphaP.Simulated) ]

Figure.save "Calcium_ShotNoiseDistribution" (1400, 560) chart data
