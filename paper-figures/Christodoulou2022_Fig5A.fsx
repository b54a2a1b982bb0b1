// Christodoulou, Vogels & Agnes (2022) — Fig. 5A: weak, short and long transients.
//   G. Christodoulou, T. P. Vogels, E. J. Agnes, PLoS Comput Biol 18:e1010365 (2022), Fig. 5A
//   (code: figure5_A.m, ffd_random_and_parts.m, initialise_rate_dynamics_hetero_n.m).
//
//   One Schur-basis network W = D + F (N = 200, 6 real eigenvalues, real parts U[−0.5, 0.5], imaginary
//   diameter r = 100, uniform feedforward). The spectrum D and the feedforward part F are rescaled
//   separately, M = x·D/‖D‖_F + y·F/‖F‖_F, then shifted by −(α − 0.5)I when α = max Re λ > 0.5
//   (`SchurParts.Rescaled`): (x, y) = (700, 100) weak, (500, 500) short, (100, 700) long transient.
//   Rates: τ dx/dt = −x + f(Mx), r = f(x), f(u) = tanh(u) for u < 0, 4 tanh(u/4) for u ≥ 0 (r₀ = 1,
//   r_max = 5), τ = 200 ms, 10 s, x(0) the top eigenvector of the energy Gramian (`TransientRegimes`).
//   Δt = time with ‖r(t)‖ ≥ 1; the caption's classes: weak Δt ≤ 500 ms, short 500–2000 ms, long ≥ 2000 ms.
//
// Panels: A  ‖r(t)‖ for the three regimes (dotted: ‖r‖ = 1);
//         B  Δt per regime against the caption's bounds (500 ms, 2000 ms).
// Parameters: N = 200 in both modes (three simulations, RK4 with ⌈2 max|λ(M − I)|⌉ ≥ 50 steps per τ),
// seed 1; the three regimes are one sweep (out/sweeps/, resumable).
// Output: paper-figures/out/Christodoulou2022_Fig5A.{html,png,pdf,csv}; CSV columns panel,series,x,y,x_unit,y_unit
// (A: x = t in ms, y = ‖r‖; B: x = regime index 0–2, y = Δt in ms).
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.Amplification
open Theory.Experiments.Amplification
open Theory.Experiments.Sweeps

MathNet.Numerics.Control.UseSingleThread()

let experiment = TransientRegimes()
let regimes = AmplificationRegime.All |> List.ofSeq

let result =
    let run (q: SweepPoint) =
        let r = experiment.Run(regimes.[int q["regime"]])
        SweepRow().Add("dt", r.DurationAboveOne).Add("peak", r.Response.PeakNorm)
                  .AddSeries("t", r.Response.SampleTimes)
                  .AddSeries("norm", [| for k in 0 .. r.Response.Samples.RowCount - 1 -> r.Response.Samples.Row(k).L2Norm() |])
    let folder = Figure.sweepFolder "Christodoulou2022_Fig5A" (sprintf "%O" experiment)
    Sweep.Run(Sweep.Grid [ "regime", [| 0.0; 1.0; 2.0 |] ], run, folder, tag = "Christodoulou2022_Fig5A")

let rows = [ for i, reg in List.indexed regimes -> reg, result.Row i ]
for reg, row in rows do
    let dt = row.Number "dt"
    printfn "%-16s (spectrum %g, ffd %g): peak ||r|| = %.4f, dt(||r|| >= 1) = %.1f ms -> %s" reg.Name reg.SpectralNorm reg.FeedforwardNorm (row.Number "peak") (1e3 * dt) (AmplificationRegime.Classify dt)

let panelA =
    [ for reg, row in rows do yield Chart.Line(row.Series "t" |> Array.map ((*) 1e3), row.Series "norm", Name = reg.Name)
      yield Chart.Line([ 0.0; 1e4 ], [ 1.0; 1.0 ], Name = "‖r‖ = 1", LineDash = StyleParam.DrawingStyle.Dot, LineColor = Color.fromString "grey") ]
    |> Chart.combine |> Chart.withXAxisStyle "t (ms)" |> Chart.withYAxisStyle "‖r(t)‖"
let panelB =
    [ Chart.Column(values = (rows |> List.map (fun (_, row) -> 1e3 * row.Number "dt")), Keys = (rows |> List.map (fun (reg, _) -> reg.Name)), Name = "Δt")
      Chart.Line([ "weak"; "long transient" ], [ 500.0; 500.0 ], Name = "500 ms", LineDash = StyleParam.DrawingStyle.Dash)
      Chart.Line([ "weak"; "long transient" ], [ 2000.0; 2000.0 ], Name = "2000 ms", LineDash = StyleParam.DrawingStyle.Dash) ]
    |> Chart.combine |> Chart.withYAxisStyle "Δt with ‖r‖ ≥ 1 (ms)"
let chart =
    Chart.Grid(1, 2, SubPlotTitles = [ "A  nonlinear responses"; "B  duration of the transient" ]) [ panelA; panelB ]
    |> Chart.withTitle "Christodoulou et al. (2022) Fig. 5A: spectrum and feedforward norms set the regime (N = 200, r = 100)"

let data =
    Figure.long [ "A", "ms", "1"; "B", "1", "ms" ] [
        for reg, row in rows do yield "A", reg.Name, row.Series "t" |> Seq.map ((*) 1e3), row.Series "norm" |> Seq.ofArray
        yield "B", "dt_ms", Seq.ofList [ 0.0; 1.0; 2.0 ], rows |> Seq.map (fun (_, row) -> 1e3 * row.Number "dt") ]

Figure.save "Christodoulou2022_Fig5A" (1300, 480) chart data
