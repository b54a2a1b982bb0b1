// Christodoulou, Vogels & Agnes (2022) — Fig. 3: the paper's own measures against the imaginary diameter.
//   G. Christodoulou, T. P. Vogels, E. J. Agnes, PLoS Comput Biol 18:e1010365 (2022), Fig. 3A–B
//   (code: figure3_A_and_B.m, eigvecs_overlaps.m, max_norm_analytical.m, MaximiseIC.m).
//
//   W = D + F in the Schur basis (N = 200, 6 real eigenvalues, real parts U[−0.5, 0.5], imaginary
//   parts U[−r/2, r/2], ‖F‖_F = 75; `SchurConstruction.Build`), τ dx/dt = −x + Wx.
//   Optimal initial conditions vₖ: eigenvectors of Q, (W − I)ᵀQ + Q(W − I) = −2I
//   (`InitialConditionOptimisation.Maximise`, MaximiseIC flag = true).
//   m_k = max_{t ≤ 5τ} ‖e^{At}vₖ‖ on t_j = jτ/200 (`DirectionAmplification.Compute`).
//   Overlap angles φ_ij = arccos Re⟨vᵢ, vⱼ⟩ between unit eigenvectors of W, folded to [0°, 90°]
//   (`EigenvectorOverlaps`).
//
// Panels: A  % of eigenvector pairs with φ ≤ 45° against r;
//         B  % of optimal initial conditions with m_k > 1.5 against r;
//         C  log₁₀ m₁ (the most amplified direction) against r.
// Parameters: r ∈ {0, 0.01, 0.1, 1, 10, 100, 1000, 10000} (the paper's), N = 200 (40 in quick mode, with ‖F‖_F
// scaled by √(N(N−1)/(200·199))), seed 1 (the paper: one network per r); each (r, seed) network is one point
// of a sweep on every core (out/sweeps/, resumable). Mean over seeds.
// Output: paper-figures/out/Christodoulou2022_Fig3.{html,png,pdf,csv}; CSV columns panel,series,x,y,x_unit,y_unit (x = r).
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.Amplification
open Theory.Experiments.Sweeps

MathNet.Numerics.Control.UseSingleThread()

let n = if Figure.quick then 40 else 200
let seeds = [ 1 ] // the paper: TIMES = 1
let ffScale = sqrt (float (n * (n - 1)) / float (200 * 199))
let diameters = [ 0.0; 0.01; 0.1; 1.0; 10.0; 100.0; 1000.0; 10000.0 ]

let result =
    let run (q: SweepPoint) =
        let w = SchurConstruction.Build(SchurNetworkSpec(n, 6, -0.5, 0.5, q["r"], 75.0 * ffScale, false, uint64 q["seed"]))
        let d = DirectionAmplification.Compute w
        SweepRow().Add("overlap_percent", EigenvectorOverlaps.PercentBelow(w, 45.0))
                  .Add("amplified_percent", d.AmplifiedPercent).Add("top_peak", d.TopDirection)
    let folder = Figure.sweepFolder "Christodoulou2022_Fig3" (sprintf "%d %A %A %g" n seeds diameters ffScale)
    Sweep.Run(Sweep.Grid [ "r", Array.ofList diameters; "seed", seeds |> List.map float |> Array.ofList ], run, folder, tag = "Christodoulou2022_Fig3")

let mean name i =
    [ for s in 0 .. seeds.Length - 1 -> (result.Row(i * seeds.Length + s)).Number name ] |> List.average
let overlap = [ for i in 0 .. diameters.Length - 1 -> mean "overlap_percent" i ]
let amplified = [ for i in 0 .. diameters.Length - 1 -> mean "amplified_percent" i ]
let logTop = [ for i in 0 .. diameters.Length - 1 -> log10 (mean "top_peak" i) ]
for r, (o, (a, l)) in List.zip diameters (List.zip overlap (List.zip amplified logTop)) do
    printfn "r = %-7g  overlaps <= 45: %6.2f %%  amplified: %6.2f %%  log10 m1 = %.4f" r o a l

// the paper plots against the index of r (categorical axis)
let labels = diameters |> List.map (sprintf "%g")
let panel (ys: float list) title =
    Chart.Line(labels, ys, ShowMarkers = true, Name = title)
    |> Chart.withXAxis (LayoutObjects.LinearAxis.init (AxisType = StyleParam.AxisType.Category, Title = Title.init "imaginary diameter r"))
    |> Chart.withYAxisStyle title
let chart =
    Chart.Grid(1, 3, SubPlotTitles = [ "A  eigenvector overlaps"; "B  amplified directions"; "C  most amplified direction" ])
        [ panel overlap "% of angles ≤ 45°"; panel amplified "% of directions with peak > 1.5"; panel logTop "log<sub>10</sub> max<sub>t≤5τ</sub> ‖e<sup>At</sup>v<sub>1</sub>‖" ]
    |> Chart.withTitle (sprintf "Christodoulou et al. (2022) Fig. 3: N = %d, ‖F‖<sub>F</sub> = %.3g, mean of %d seed(s)" n (75.0 * ffScale) seeds.Length)

let data =
    Figure.long [ "C", "1", "1"; "*", "1", "%" ] [
        "A", "overlap_percent_le45", diameters, overlap
        "B", "amplified_percent_gt1.5", diameters, amplified
        "C", "log10_top_peak", diameters, logTop ]

Figure.save "Christodoulou2022_Fig3" (1500, 480) chart data
