// Christodoulou, Vogels & Agnes (2022) — the amplification–dimensionality trade-off.
//   G. Christodoulou, T. P. Vogels, E. J. Agnes, PLoS Comput Biol 18:e1010365 (2022), Fig. 4B, linear
//   branch, as a function of the feedforward norm (code: figure4_B.m with its str_vector loop → dim_analysis.m;
//   the authors' README maps figure4_B.m to "Figure 4B"; the paper's Fig. 5 is the weak/short/long regimes,
//   see Christodoulou2022_Fig5A.fsx; the nonlinear branch and the r axis: Christodoulou2022_Fig4B.fsx);
//   effective rank: O. Roy & M. Vetterli, EUSIPCO (2007).
//
//   Every optimal initial condition (eigenvector of the observability Gramian Q,
//   AᵀQ + QA = −(2/τ)I) of a Schur-basis network is evolved with x(t) = e^{At}x₀; it is
//   "amplified" when max_t ‖x(t)‖ > 2. The first principal component of each amplified
//   trajectory is collected and the effective rank erank = exp(−Σ p_k ln p_k), p_k = σ_k/Σσ_j,
//   of the matrix of those components measures the dimension of the space the amplified
//   trajectories share (`TransientAmplification.AmplifiedDimensionality`).
//
// Panels: A  fraction of amplified optimal initial conditions against ‖F‖_F, for three
//            imaginary diameters r;
//         B  effective rank of the amplified subspace against the number of amplified
//            conditions (dashed: erank = number, i.e. orthogonal trajectories): the more
//            conditions a network amplifies, the further the shared subspace falls below them.
// Parameters: N = 100 (40 in quick mode; N = 200 takes > 7 min), 6 real eigenvalues, τ = 20 ms, threshold 2,
// trajectories over 50τ with 500 samples (200 in quick mode), one seed per point; the points are one sweep
// on every core (out/sweeps/, resumable).
// Output: paper-figures/out/Christodoulou2022_Dimensionality.{html,png,pdf,csv}; CSV columns
// panel,series,x,y,x_unit,y_unit.
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.Amplification
open Theory.Experiments.Sweeps

// The sweep fills the cores with whole networks; MathNet's own parallel loops over N ≤ 200 products only add
// synchronisation (4× the CPU time of one thread here) and do not change any result.
MathNet.Numerics.Control.UseSingleThread()

let tau = 0.02
let n = if Figure.quick then 40 else 100
let samples = if Figure.quick then 200 else 500
let ffScale = sqrt (float (n * (n - 1)) / float (200 * 199)) // same per-entry scale as N = 200
let diameters = [ 2.0; 20.0; 60.0 ]
let ffNorms = if Figure.quick then [ 25.0; 50.0; 75.0; 100.0; 150.0 ] else [ 25.0; 40.0; 50.0; 75.0; 100.0; 125.0; 150.0 ]

// every (r, ‖F‖_F) network is one point of a sweep on every core, resumable from out/sweeps/
let results =
    let run (q: SweepPoint) =
        let w = SchurConstruction.Build(SchurNetworkSpec(n, 6, -0.5, 0.5, q["r"], q["ff"] * ffScale, false, 1UL))
        let a = TransientAmplification.AmplifiedDimensionality(w, tau, 2.0, 50.0, samples)
        SweepRow().Add("fraction", a.AmplifiedFraction).Add("effective_rank", a.EffectiveRank).Add("amplified", float a.Amplified)
    let folder = Figure.sweepFolder "Christodoulou2022_Dimensionality" (sprintf "%d %d %g %A %A" n samples ffScale diameters ffNorms)
    let result = Sweep.Run(Sweep.Grid [ "r", Array.ofList diameters; "ff", Array.ofList ffNorms ], run, folder, tag = "Christodoulou2022_Dimensionality")
    [ for i, r in List.indexed diameters ->
          r,
          [ for j, f in List.indexed ffNorms ->
                let row = result.Row(i * ffNorms.Length + j)
                f, AmplifiedSubspace(row.Number "fraction", row.Number "effective_rank", int (row.Number "amplified")) ] ]

let panelA =
    [ for r, pts in results -> Chart.Line(pts |> List.map fst, pts |> List.map (fun (_, a) -> a.AmplifiedFraction), Name = sprintf "r = %g" r, ShowMarkers = true) ]
    |> Chart.combine
    |> Chart.withXAxisStyle "feedforward norm ‖F‖<sub>F</sub> (N = 200 scale)"
    |> Chart.withYAxisStyle "fraction amplified (peak ‖x‖ > 2)"
let maxAmp = results |> List.collect snd |> List.map (fun (_, a) -> float a.Amplified) |> List.max
let panelB =
    [ yield Chart.Line([ 0.0; maxAmp ], [ 0.0; maxAmp ], Name = "erank = number", LineDash = StyleParam.DrawingStyle.Dash, LineColor = Color.fromString "grey")
      for r, pts in results ->
          let pts = pts |> List.filter (fun (_, a) -> a.Amplified > 0)
          Chart.Point(pts |> List.map (fun (_, a) -> float a.Amplified), pts |> List.map (fun (_, a) -> a.EffectiveRank), Name = sprintf "r = %g" r) ]
    |> Chart.combine
    |> Chart.withXAxisStyle "amplified initial conditions"
    |> Chart.withYAxisStyle "effective rank of their first PCs"

let chart =
    Chart.Grid(1, 2, SubPlotTitles = [ "A  how many conditions are amplified"; "B  amplification–dimensionality trade-off" ])
        [ panelA; panelB ]
    |> Chart.withTitle (sprintf "Christodoulou et al. (2022): amplified optimal initial conditions share a low-dimensional subspace (N = %d)" n)

let data =
    Figure.long [ ("*", "1", "1") ] [
        for r, pts in results do
            yield "A", sprintf "r=%g" r, pts |> Seq.map fst, pts |> Seq.map (fun (_, a) -> a.AmplifiedFraction)
            yield "B", sprintf "r=%g" r, pts |> Seq.map (fun (_, a) -> float a.Amplified), pts |> Seq.map (fun (_, a) -> a.EffectiveRank) ]

Figure.save "Christodoulou2022_Dimensionality" (1200, 480) chart data
