// Nonlinear calcium under Poisson pre/post activity (Graupner, Wallisch & Ostojic 2016: a post
// spike adds C_post + η c_pre(t⁻), η = 3.669 so that a coincident pair evokes twice the summed
// transients; preset Nonlinear2016: τ_Ca = 18.9 ms, C_pre = 0.865, C_post = 2.308, θ_d = 1,
// θ_p = 5.0). Shared spikes at rate c√(ν_pre ν_post) whose post spike coincides with the pre
// calcium arrival (Lag = D).
// Lines: NonlinearCalciumDistribution (stationary law of the Markov process (c_pre, c) by the
// embedded-chain fixed point on a (ln c, c_pre/c) grid; no Monte Carlo). Dotted: the same
// activity with linear calcium (η = 0). Points/histograms: ShotNoiseSimulation (event-driven
// Monte Carlo, 400 s per point, THEORY_QUICK=1: 40 s), ± 1 SE.
// Output: paper-figures/out/Calcium_NonlinearShotNoise.{html,png,pdf,csv}; CSV panel,series,x,y,x_unit,y_unit:
// panel A x = c, y = density; panel B x = correlation, y = time fraction.
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.CalciumPlasticity
open Theory.Experiments.CalciumPlasticity
open Theory.Experiments.Sweeps

let p = GraupnerBrunelParameters.Nonlinear2016
let lin = p.With(eta = 0.0)
let simT = if Figure.quick then 40.0 else 400.0
let act pre post c = PoissonActivity(pre, post, c, p.Delay)
let cases =
    [ "5/5 Hz", act 5.0 5.0 0.0; "10/10 Hz", act 10.0 10.0 0.0
      "10/10 Hz, c = 0.5", act 10.0 10.0 0.5; "30/30 Hz", act 30.0 30.0 0.0 ]
let xMax = 12.0
let xs = [| for i in 1 .. 480 -> xMax * float i / 480.0 |]
let densities = [ for name, a in cases -> name, (let s = CalciumShotNoise(p, a) in xs |> Array.map s.Density) ]
let linear = [ for name, a in cases do if name = "30/30 Hz" then yield name, (let s = CalciumShotNoise(lin, a) in xs |> Array.map s.Density) ]
let bins = 96
let hist = Figure.densityHistogram xMax bins
let histograms =
    [ for (name, a), i in List.zip cases [ 1 .. cases.Length ] ->
          let r = ShotNoiseSimulation(p, a, simT, 20, uint64 i, 200000).Run()
          name, hist r.Samples ]

let corrs = [| for i in 0 .. 20 -> float i / 20.0 |]
let fractions = corrs |> Array.map (fun c -> CalciumShotNoise(p, act 10.0 10.0 c).Fractions())
let linFractions = corrs |> Array.map (fun c -> CalciumShotNoise(lin, act 10.0 10.0 c).Fractions())
let simCorrs = [ 0.0; 0.25; 0.5; 0.75; 1.0 ]
/// The Monte Carlo estimates of α_d and α_p at one correlation.
type Fractions = { AlphaD: Estimate; AlphaP: Estimate }
// the five correlations are one sweep on every core, resumable from out/sweeps/
let sims =
    let run (q: SweepPoint) =
        let r = ShotNoiseSimulation(p, act 10.0 10.0 q["c"], simT, 20, 77UL).Run()
        SweepRow().Add("alpha_d", r.AlphaD.Simulated).Add("alpha_d_se", r.AlphaD.StandardError).Add("alpha_d_theory", r.AlphaD.Theory)
            .Add("alpha_p", r.AlphaP.Simulated).Add("alpha_p_se", r.AlphaP.StandardError).Add("alpha_p_theory", r.AlphaP.Theory)
    let folder = Figure.sweepFolder "Calcium_NonlinearShotNoise" (sprintf "%O %A %g" p simCorrs simT)
    let result = Sweep.Run(Sweep.Grid [ "c", Array.ofList simCorrs ], run, folder, tag = "Calcium_NonlinearShotNoise")
    [ for i, c in List.indexed simCorrs ->
          let row = result.Row i
          let est name = Estimate(row.Number name, row.Number(name + "_se"), row.Number(name + "_theory"))
          c, { AlphaD = est "alpha_d"; AlphaP = est "alpha_p" } ]
for c, r in sims do
    printfn "c = %.2f: alpha_d %.4f ± %.4f (theory %.4f), alpha_p %.4f ± %.4f (theory %.4f)"
        c r.AlphaD.Simulated r.AlphaD.StandardError r.AlphaD.Theory r.AlphaP.Simulated r.AlphaP.StandardError r.AlphaP.Theory

// Legend: each condition of A has its own colour (theory line, MC histogram markers, dotted η = 0 line in that
// colour); B uses two other colours, red for α_d and teal for α_p (dotted: η = 0, markers: MC), so no two legend
// entries are drawn alike.
let caseColour name =
    let k = cases |> List.findIndex (fun (n, _) -> n = name)
    Color.fromString [| "#1f77b4"; "#ff7f0e"; "#2ca02c"; "#9467bd" |].[k]
let colourD, colourP = Color.fromString "#d62728", Color.fromString "#17becf"
let panelA =
    [ for (name, d), (_, (hx, hy)) in List.zip densities histograms do
          yield Chart.Line(xs, d, Name = name, LineColor = caseColour name)
          yield Chart.Point(hx, hy, Name = name + " (MC histogram)", MarkerColor = caseColour name)
      for name, l in linear -> Chart.Line(xs, l, Name = name + ", η = 0 (linear)", LineDash = StyleParam.DrawingStyle.Dot, LineColor = caseColour name) ]
    |> Chart.combine |> Chart.withXAxisStyle "calcium c"
    |> Chart.withYAxis (LayoutObjects.LinearAxis.init (Range = StyleParam.Range.MinMax(0.0, 1.2), Title = Title.init "density P(c)"))
let panelB =
    [ Chart.Line(corrs, fractions |> Array.map (fun f -> f.AlphaD), Name = "α_d", LineColor = colourD)
      Chart.Line(corrs, fractions |> Array.map (fun f -> f.AlphaP), Name = "α_p", LineColor = colourP)
      Chart.Line(corrs, linFractions |> Array.map (fun f -> f.AlphaD), Name = "α_d, η = 0", LineDash = StyleParam.DrawingStyle.Dot, LineColor = colourD)
      Chart.Line(corrs, linFractions |> Array.map (fun f -> f.AlphaP), Name = "α_p, η = 0", LineDash = StyleParam.DrawingStyle.Dot, LineColor = colourP)
      Chart.Point(simCorrs, sims |> List.map (fun (_, r) -> r.AlphaD.Simulated), Name = "α_d MC", MarkerColor = colourD)
      |> Chart.withYErrorStyle (Array = (sims |> List.map (fun (_, r) -> r.AlphaD.StandardError)))
      Chart.Point(simCorrs, sims |> List.map (fun (_, r) -> r.AlphaP.Simulated), Name = "α_p MC", MarkerColor = colourP)
      |> Chart.withYErrorStyle (Array = (sims |> List.map (fun (_, r) -> r.AlphaP.StandardError))) ]
    |> Chart.combine |> Chart.withXAxisStyle "correlation c (10/10 Hz, Lag = D)" |> Chart.withYAxisStyle "fraction of time above threshold"

let chart =
    Chart.Grid(1, 2, SubPlotTitles = [ "A  stationary density of nonlinear calcium"; "B  time above θ_d, θ_p vs correlation" ]) [ panelA; panelB ]
    |> Chart.withTitle "Nonlinear calcium shot noise (Nonlinear2016 set): theory lines, Monte Carlo histograms/points"

let data =
    Figure.long [ ("*", "1", "1") ] [
        for name, d in densities -> "A", name, Seq.ofArray xs, Seq.ofArray d
        for name, d in linear -> "A", name + " eta=0", Seq.ofArray xs, Seq.ofArray d
        for name, (hx, hy) in histograms -> "A", name + " MC", Seq.ofArray hx, Seq.ofArray hy
        yield "B", "alpha_d", Seq.ofArray corrs, fractions |> Seq.map (fun f -> f.AlphaD)
        yield "B", "alpha_p", Seq.ofArray corrs, fractions |> Seq.map (fun f -> f.AlphaP)
        yield "B", "alpha_d eta=0", Seq.ofArray corrs, linFractions |> Seq.map (fun f -> f.AlphaD)
        yield "B", "alpha_p eta=0", Seq.ofArray corrs, linFractions |> Seq.map (fun f -> f.AlphaP)
        yield "B", "alpha_d MC", Seq.ofList simCorrs, sims |> Seq.map (fun (_, r) -> r.AlphaD.Simulated)
        yield "B", "alpha_p MC", Seq.ofList simCorrs, sims |> Seq.map (fun (_, r) -> r.AlphaP.Simulated) ]

Figure.save "Calcium_NonlinearShotNoise" (1400, 560) chart data
