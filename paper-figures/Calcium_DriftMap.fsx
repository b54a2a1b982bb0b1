// Drift of the synaptic efficacy over (pre rate, post rate): A(ρ) at ρ = ½ and the fixed point ρ̄
// of the calcium rule under Poisson activity, uncorrelated and with shared spikes (c = 0.3, post
// 10 ms after pre). Parameter set DP of Graupner & Brunel (2012), with its cubic term.
// A(ρ) = [−ρ(1 − ρ)(ρ* − ρ) + γ_p α_p (1 − ρ) − γ_d α_d ρ]/τ, α from the shot-noise distribution.
// Output: paper-figures/out/Calcium_DriftMap.{html,png,pdf,csv}; CSV panel,series,x,y,x_unit,y_unit with one
// series per post rate: x = pre rate (Hz), y = drift (1/s) at ρ = ½.
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.CalciumPlasticity

let p = GraupnerBrunelParameters.DP
let n = if Figure.quick then 8 else 24
let rates = [| for i in 0 .. n - 1 -> 1.0 + 39.0 * float i / float (n - 1) |]
let map corr lag =
    Array.init n (fun j -> Array.init n (fun i ->
        let pre, post = rates[i], rates[j]
        let c = min corr (sqrt (min pre post / max pre post))
        EfficacyDrift(p, PoissonActivity(pre, post, c, lag)).Drift 0.5))
let uncorrelated, correlated = map 0.0 0.0, map 0.3 0.01

let heat (z: float[][]) showScale =
    Chart.Heatmap(zData = z, X = rates, Y = rates, ColorScale = StyleParam.Colorscale.RdBu, ReverseScale = true,
                  ShowScale = showScale, ZSmooth = StyleParam.SmoothAlg.Best)
    |> Chart.withXAxisStyle "ν_pre (Hz)" |> Chart.withYAxisStyle "ν_post (Hz)"

let chart =
    Chart.Grid(1, 2, SubPlotTitles = [ "A  drift at ρ = ½, uncorrelated"; "B  shared spikes c = 0.3, post +10 ms" ])
        [ heat uncorrelated false; heat correlated true ]
    |> Chart.withTitle "Efficacy drift A(½) (1/s) over pre/post rates, DP set (red: potentiation, blue: depression)"

let data =
    Figure.long [ ("*", "Hz", "1/s") ] [
        for j in 0 .. n - 1 -> "A", sprintf "post=%.2fHz" rates[j], Seq.ofArray rates, Seq.ofArray uncorrelated[j]
        for j in 0 .. n - 1 -> "B", sprintf "post=%.2fHz" rates[j], Seq.ofArray rates, Seq.ofArray correlated[j] ]

Figure.save "Calcium_DriftMap" (1300, 560) chart data
