// Christodoulou, Vogels & Agnes (2022) — transient amplification in the Schur basis.
//   G. Christodoulou, T. P. Vogels, E. J. Agnes, "Regimes and mechanisms of transient
//   amplification in abstract and biological neural networks", PLoS Comput Biol 18:e1010365
//   (2022), Figs. 2–4 (linear regime); B. K. Murphy & K. D. Miller, Neuron 61:635 (2009).
//
//   τ dx/dt = −x + Wx, A = (W − I)/τ, x(t) = e^{At}x₀. W = U (D + F) Uᵀ (here U = I, the
//   Schur form itself, as in the paper's analyses): D block-diagonal with real eigenvalues and
//   pairs a ± ib, a ~ U[−0.5, 0.5], b ~ U[−r/2, r/2] (imaginary diameter r); F strictly upper,
//   entries U[−1, 1] scaled to ‖F‖_F. Maximal amplification max_t ‖e^{At}‖₂
//   (`TransientAmplification.MaxAmplification`).
//
// Panels: A  max_t ‖e^{At}‖₂ against the imaginary diameter r (‖F‖_F = 75): shrinking the
//            imaginary spread increases amplification (paper Fig. 3);
//         B  max_t ‖e^{At}‖₂ against the feedforward norm ‖F‖_F (r = 20);
//         C  example trajectories ‖x(t)‖ from the most amplified initial condition (top
//            eigenvector of the observability Gramian) for r = 2, 20, 80, on a log axis (they differ
//            by orders of magnitude).
// Parameters: N = 200 (40 in quick mode), 6 real eigenvalues, τ = 20 ms; 5 seeds (2 in quick mode).
// A and B are log axes, so the spread over seeds is shown in log space: the geometric mean
// g = exp(mean ln a) with a ×/÷ e^s bar, s the sample s.d. of ln a (an arithmetic mean ± s.d. bar runs
// below zero on a log axis when s.d. > mean). Every network is a point of one sweep on every core
// (out/sweeps/, resumable). Output: paper-figures/out/Christodoulou2022_Schur.{html,png,pdf,csv};
// CSV columns panel,series,x,y,x_unit,y_unit (x: r, ‖F‖_F or t in ms; y: amplification — series
// geometric_mean, band_low = g·e^{−s}, band_high = g·e^{s} — or ‖x‖).
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.Amplification
open Theory.Experiments.Sweeps

// The sweep fills the cores with whole networks; MathNet's own parallel loops over N ≤ 200 products only add
// synchronisation (4× the CPU time of one thread here) and do not change any result.
MathNet.Numerics.Control.UseSingleThread()

let tau = 0.02
let n = if Figure.quick then 40 else 200
let seeds = if Figure.quick then [ 1; 2 ] else [ 1 .. 5 ]
/// The paper's preset at this size; the feedforward norm is scaled with √(N(N−1)/2) so that the
/// per-entry weight, hence the amplification regime, is the same at N = 40 as at N = 200.
let ffScale = sqrt (float (n * (n - 1)) / float (200 * 199))
let spec = SchurNetworkSpec(n, 6, -0.5, 0.5, 20.0, 75.0, false, 1UL)

let diameters = if Figure.quick then [ 0.0; 10.0; 40.0; 80.0 ] else [ 0.0; 2.0; 5.0; 10.0; 20.0; 40.0; 60.0; 80.0; 120.0 ]
let ffNorms = if Figure.quick then [ 0.0; 25.0; 75.0; 150.0 ] else [ 0.0; 10.0; 25.0; 50.0; 75.0; 100.0; 150.0; 200.0 ]
let exampleDiameters = [ 2.0; 20.0; 80.0 ]
let times = [| for k in 0 .. 200 -> 0.2 * float k / 200.0 |]
/// Panel A varies r at ‖F‖_F = 75, panel B varies ‖F‖_F at r = 20: the two panels share the networks (20, 75).
let panelAFf, panelBR = 75.0, 20.0
let specA r = (spec.WithFeedforwardNorm(panelAFf * ffScale)).WithImaginaryDiameter r
let specB f = (spec.WithImaginaryDiameter panelBR).WithFeedforwardNorm(f * ffScale)

// Every network is one point of a sweep on every core, resumable from out/sweeps/: the optimal-IC
// trajectories of panel C (kind 0, the longest) first, then one point per (r, seed) of panel A (kind 1)
// and per (‖F‖_F, seed) of panel B (kind 2). Panel B's ‖F‖_F = 75 networks are panel A's r = 20 networks
// (the same spec and seeds): they are computed once, as points of panel A.
let ffPoints = ffNorms |> List.filter (fun f -> not (f = panelAFf && List.contains panelBR diameters))
let result =
    let points =
        Sweep.Table [
            for r in exampleDiameters -> [ "kind", 0.0; "r", r ]
            for r in diameters do
                for seed in seeds -> [ "kind", 1.0; "r", r; "seed", float seed ]
            for f in ffPoints do
                for seed in seeds -> [ "kind", 2.0; "ff", f; "seed", float seed ] ]
    let run (q: SweepPoint) =
        match q["kind"] with
        | 0.0 ->
            let w = SchurConstruction.Build(specA q["r"])
            let x0 = (TransientAmplification.OptimalInitialConditions(w, tau)).Directions.Column 0
            let x = TransientAmplification.Trajectory(w, x0, times, tau)
            SweepRow().AddSeries("norm", [| for k in 0 .. times.Length - 1 -> x.Column(k).L2Norm() |])
        | kind ->
            let s = if kind = 1.0 then specA q["r"] else specB q["ff"]
            SweepRow().Add("amplification", (TransientAmplification.MaxAmplification(SchurConstruction.Build(s.WithSeed(uint64 q["seed"])), tau)).Value)
    let folder = Figure.sweepFolder "Christodoulou2022_Schur" (sprintf "%O %g %A %A %A %A %A" spec ffScale seeds diameters ffPoints exampleDiameters times)
    Sweep.Run(points, run, folder, tag = "Christodoulou2022_Schur")

/// Geometric mean g and the sample s.d. s of the natural log over the seeds (in seed order) of the points from
/// `first` on (every amplification is ≥ 1, the value at t = 0, so the logs are finite).
let amp first =
    let v = seeds |> List.mapi (fun k _ -> log ((result.Row(first + k)).Number "amplification"))
    let m = List.average v
    exp m, sqrt (v |> List.sumBy (fun x -> (x - m) ** 2.0) |> fun ss -> ss / float (max 1 (v.Length - 1)))
let nA = exampleDiameters.Length
let byR = diameters |> List.mapi (fun i _ -> amp (nA + i * seeds.Length))
let byF =
    ffNorms |> List.map (fun f ->
        match List.tryFindIndex ((=) f) ffPoints with
        | Some i -> amp (nA + diameters.Length * seeds.Length + i * seeds.Length)
        | None -> amp (nA + (List.findIndex ((=) panelBR) diameters) * seeds.Length))
let examples = [ for k, r in List.indexed exampleDiameters -> r, (result.Row k).Series "norm" ]

let ms = Array.map (fun t -> 1e3 * t)
/// Geometric means with asymmetric bars from g·e^{−s} to g·e^{s} (symmetric on the log axis).
let errLine xs (ys: (float * float) list) name =
    Chart.Line(xs, ys |> List.map fst, Name = name, ShowMarkers = true)
    |> Chart.withYErrorStyle (Symmetric = false, Array = (ys |> List.map (fun (g, s) -> g * (exp s - 1.0))),
                              Arrayminus = (ys |> List.map (fun (g, s) -> g * (1.0 - exp -s))))
let logY = LayoutObjects.LinearAxis.init (AxisType = StyleParam.AxisType.Log, Title = Title.init "max<sub>t</sub> ‖e<sup>At</sup>‖<sub>2</sub>")
let panelA =
    errLine diameters byR "‖F‖<sub>F</sub> = 75"
    |> Chart.withXAxisStyle "imaginary diameter r"
    |> Chart.withYAxis logY
let panelB =
    errLine ffNorms byF "r = 20"
    |> Chart.withXAxisStyle "feedforward norm ‖F‖<sub>F</sub> (N = 200 scale)"
    |> Chart.withYAxis logY
let panelC =
    [ for r, nx in examples -> Chart.Line(ms times, nx, Name = sprintf "optimal IC, r = %g" r) ]
    |> Chart.combine
    |> Chart.withXAxisStyle "t (ms)"
    |> Chart.withYAxis (LayoutObjects.LinearAxis.init (AxisType = StyleParam.AxisType.Log, Title = Title.init "‖x(t)‖ (‖x₀‖ = 1)"))

let chart =
    Chart.Grid(1, 3, SubPlotTitles = [ "A  amplification vs imaginary spread"; "B  amplification vs feedforward norm"; "C  optimal-IC trajectories" ])
        [ panelA; panelB; panelC ]
    |> Chart.withTitle (sprintf "Christodoulou et al. (2022): Schur-basis networks, N = %d, τ = 20 ms, geometric mean ×/÷ e<sup>s.d. of ln</sup> over %d seeds" n seeds.Length)

let data =
    Figure.long [ "C", "ms", "1"; "*", "1", "1" ] [
        for panel, xs, ys in [ "A", diameters, byR; "B", ffNorms, byF ] do
            yield panel, "geometric_mean", Seq.ofList xs, ys |> Seq.map fst
            yield panel, "band_low", Seq.ofList xs, ys |> Seq.map (fun (g, s) -> g * exp -s)
            yield panel, "band_high", Seq.ofList xs, ys |> Seq.map (fun (g, s) -> g * exp s)
        for r, nx in examples -> "C", sprintf "r=%g" r, Seq.ofArray (ms times), Seq.ofArray nx ]

Figure.save "Christodoulou2022_Schur" (1500, 480) chart data
