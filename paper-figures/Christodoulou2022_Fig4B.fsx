// Christodoulou, Vogels & Agnes (2022) — Fig. 4B: amplification and dimensionality, linear and nonlinear.
//   G. Christodoulou, T. P. Vogels, E. J. Agnes, PLoS Comput Biol 18:e1010365 (2022), Fig. 4B
//   (code: figure4_B.m → dim_analysis.m; the authors' README maps figure4_B.m to "Figure 4B", and the
//   paper's Fig. 5 is the weak/short/long regimes, see Christodoulou2022_Fig5A.fsx);
//   effective rank: O. Roy & M. Vetterli, EUSIPCO (2007).
//
//   W = D + F in the Schur basis (6 real eigenvalues, real parts U[−0.5, 0.5], imaginary diameter r,
//   ‖F‖_F = 75). Every optimal initial condition vₖ (eigenvectors of Q, (W − I)ᵀQ + Q(W − I) = −2I) is
//   evolved for 50τ, linear (x(t) = e^{(W−I)t/τ}vₖ, `TransientAmplification.AmplifiedDimensionality`) and
//   nonlinear (τ dx/dt = −x + f(Wx), r = f(x), f = tanh with r₀ = 1, r_max = 5, RK4,
//   `NonlinearDimensionality.Analyse`); a condition is amplified when its peak norm exceeds 2; the first
//   principal components of the amplified responses form a matrix whose effective rank
//   erank = exp(−Σ p_k ln p_k), p_k = σ_k/Σσ_j, is the dimension they share. As in dim_analysis.m both
//   numbers are shown as percentages of N.
//
// Panels: A  % of amplified conditions against r, linear and nonlinear;
//         B  effective rank of their principal components (% of N) against r, linear and nonlinear.
// Parameters: r ∈ {0, 10, …, 100} (the paper's), N = 100 (40 in quick mode, r ∈ {0, 20, 50, 100}; the paper: 200),
// ‖F‖_F = 75·√(N(N−1)/(200·199)), 500 samples per trajectory (200 in quick mode), seed 1 (the paper: one
// network per r); each r is one point of a sweep on every core (out/sweeps/, resumable).
// Output: paper-figures/out/Christodoulou2022_Fig4B.{html,png,pdf,csv}; CSV columns panel,series,x,y,x_unit,y_unit (x = r).
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.Amplification
open Theory.Experiments.Sweeps

MathNet.Numerics.Control.UseSingleThread()

let n = if Figure.quick then 40 else 100
let samples = if Figure.quick then 200 else 500
let ffScale = sqrt (float (n * (n - 1)) / float (200 * 199))
let diameters = if Figure.quick then [ 0.0; 20.0; 50.0; 100.0 ] else [ for k in 0 .. 10 -> 10.0 * float k ]

let result =
    let run (q: SweepPoint) =
        let w = SchurConstruction.Build(SchurNetworkSpec(n, 6, -0.5, 0.5, q["r"], 75.0 * ffScale, false, 1UL))
        let lin = TransientAmplification.AmplifiedDimensionality(w, 1.0, 2.0, 50.0, samples)
        let nl = NonlinearDimensionality.Analyse(w, RateNonlinearity.Christodoulou2022, 2.0, 50.0, samples)
        SweepRow().Add("lin_fraction", lin.AmplifiedFraction).Add("lin_erank", lin.EffectiveRank)
                  .Add("nl_fraction", nl.AmplifiedFraction).Add("nl_erank", nl.EffectiveRank)
    let folder = Figure.sweepFolder "Christodoulou2022_Fig4B" (sprintf "%d %d %g %A" n samples ffScale diameters)
    Sweep.Run(Sweep.Grid [ "r", Array.ofList diameters ], run, folder, tag = "Christodoulou2022_Fig4B")

let col name scale = [ for i in 0 .. diameters.Length - 1 -> scale * (result.Row i).Number name ]
let linFrac, nlFrac = col "lin_fraction" 100.0, col "nl_fraction" 100.0
let linRank, nlRank = col "lin_erank" (100.0 / float n), col "nl_erank" (100.0 / float n)
for i, r in List.indexed diameters do
    printfn "r = %5g  amplified: linear %6.2f %%, tanh %6.2f %%   erank: linear %6.2f %%, tanh %6.2f %%" r linFrac.[i] nlFrac.[i] linRank.[i] nlRank.[i]

let line (ys: float list) name dash =
    Chart.Line(diameters, ys, Name = name, ShowMarkers = true, LineDash = dash)
let panelA =
    [ line linFrac "linear" StyleParam.DrawingStyle.Solid; line nlFrac "nonlinear (tanh)" StyleParam.DrawingStyle.Dash ]
    |> Chart.combine |> Chart.withXAxisStyle "imaginary diameter r" |> Chart.withYAxisStyle "% amplified (peak > 2)"
let panelB =
    [ line linRank "linear" StyleParam.DrawingStyle.Solid; line nlRank "nonlinear (tanh)" StyleParam.DrawingStyle.Dash ]
    |> Chart.combine |> Chart.withXAxisStyle "imaginary diameter r" |> Chart.withYAxisStyle "effective rank of PCs (% of N)"
let chart =
    Chart.Grid(1, 2, SubPlotTitles = [ "A  amplified conditions"; "B  dimension of the amplified responses" ]) [ panelA; panelB ]
    |> Chart.withTitle (sprintf "Christodoulou et al. (2022) Fig. 4B: linear and nonlinear (N = %d, ‖F‖<sub>F</sub> = %.3g)" n (75.0 * ffScale))

let data =
    Figure.long [ ("*", "1", "%") ] [
        "A", "linear_percent", diameters, linFrac
        "A", "nonlinear_percent", diameters, nlFrac
        "B", "linear_erank_percent", diameters, linRank
        "B", "nonlinear_erank_percent", diameters, nlRank ]

Figure.save "Christodoulou2022_Fig4B" (1200, 480) chart data
