// Drift and mean-field weight distribution for nonlinear calcium (preset Nonlinear2016 of
// Graupner, Wallisch & Ostojic 2016: η = 3.669, θ_d = 1, θ_p = 5.0, γ_d = 111.8, γ_p = 894.2,
// τ = 707 s, σ = 1, cubic term on).
// A: drift A(½) over (ν_pre, ν_post), uncorrelated; B: with shared spikes c = 0.3 (Lag = D).
// α_d, α_p from NonlinearCalciumDistribution (stationary law of (c_pre, c); grid step 0.02 in
// ln c, 41 nodes in c_pre/c for the map — within 2e-4 of the fine grid).
// C: stationary efficacy density against 1000 independent kernel synapses (KernelSynapseSimulation,
// CalciumSynapseProjection, dt = 0.1 ms) after 40 s from ρ = ½ (THEORY_QUICK=1: 200 synapses,
// 8 s), at 30/30, 10/30 and 30/10 Hz. Solid: Fokker–Planck with the second-order calcium-
// fluctuation drift and diffusion (EfficacyDrift.CalciumDriftCorrection/CalciumDiffusion);
// dotted: the papers' mean field (explicit noise only), too narrow for this set (σ = 1, γ_p = 894).
// Output: paper-figures/out/Calcium_NonlinearDriftWeights.{html,png,pdf,csv}; CSV panel,series,x,y:
// panels A, B one series per post rate (x = pre rate, y = drift at ρ = ½, 1/s); panel C x = ρ,
// y = density.
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.CalciumPlasticity
open Theory.Experiments.CalciumPlasticity

let p = GraupnerBrunelParameters.Nonlinear2016
let n = if Figure.quick then 4 else 16
let rates = [| for i in 0 .. n - 1 -> 1.0 + 39.0 * float i / float (n - 1) |]
let map corr =
    Array.init n (fun j -> Array.init n (fun i ->
        let pre, post = rates[i], rates[j]
        let c = min corr (sqrt (min pre post / max pre post))
        let f = NonlinearCalciumDistribution(p, PoissonActivity(pre, post, c, p.Delay), 0.02, 41).Fractions()
        p.Drift(0.5, f.AlphaD, f.AlphaP)))
let uncorrelated, correlated = map 0.0, map 0.3

let heat (z: float[][]) showScale =
    Chart.Heatmap(zData = z, X = rates, Y = rates, ColorScale = StyleParam.Colorscale.RdBu, ReverseScale = true,
                  ShowScale = showScale, ZSmooth = StyleParam.SmoothAlg.Best,
                  ColorBar = ColorBar.init (X = 0.655, Len = 0.9))
    |> Chart.withXAxisStyle "ν_pre (Hz)" |> Chart.withYAxisStyle "ν_post (Hz)"

let duration, synapses = if Figure.quick then 8.0, 200 else 40.0, 1000
let pairs = [ 30.0, 30.0; 10.0, 30.0; 30.0, 10.0 ]
let bins = 50
let weights =
    [ for pre, post in pairs ->
          let d = EfficacyDrift(p, PoissonActivity(pre, post))
          let fp = WeightFokkerPlanck(d, true)
          let st = fp.Stationary 401
          let st0 = WeightFokkerPlanck(d).Stationary 401
          let r = KernelSynapseSimulation(p, pre, post, duration, synapses, 0.5, 19UL, CalciumCorrections = true).Run()
          printfn "%g/%g Hz: KS %.4f (1%% critical %.4f), mean %.4f (FP %.4f), sd %.4f (FP %.4f)" pre post r.KsDistance r.KsCritical
              (Array.average r.FinalRho) fp.Mean (sqrt (Array.averageBy (fun x -> x * x) r.FinalRho - Array.average r.FinalRho ** 2.0)) (sqrt fp.Variance)
          let w = 1.0 / float bins
          let counts = Array.zeroCreate bins
          for x in r.FinalRho do counts[min (bins - 1) (int (x / w))] <- counts[min (bins - 1) (int (x / w))] + 1.0
          let hx = [| for k in 0 .. bins - 1 -> (float k + 0.5) * w |]
          let hy = counts |> Array.map (fun c -> c / (float r.FinalRho.Length * w))
          sprintf "%g/%g Hz" pre post, st, st0, (hx, hy), r.KsDistance ]

let panelC =
    [ for name, st, st0, (hx, hy), ks in weights do
          yield Chart.Line(st.Rho, st.Density, Name = name + " Fokker–Planck")
          yield Chart.Line(st0.Rho, st0.Density, Name = name + " FP, explicit noise only", LineDash = StyleParam.DrawingStyle.Dot)
          yield Chart.Point(hx, hy, Name = sprintf "%s kernel (KS %.3f)" name ks) ]
    |> Chart.combine |> Chart.withXAxisStyle "efficacy ρ" |> Chart.withYAxisStyle "density"

let chart =
    Chart.Grid(1, 3, SubPlotTitles = [ "A  drift A(½) (1/s), uncorrelated"; "B  shared spikes c = 0.3, Lag = D"; sprintf "C  efficacy density after %.0f s" duration ])
        [ heat uncorrelated false; heat correlated true; panelC ]
    |> Chart.withTitle "Nonlinear calcium (Nonlinear2016): drift map and mean-field weight distribution vs kernel synapses"

let data =
    Figure.long [
        for j in 0 .. n - 1 -> "A", sprintf "post=%.2fHz" rates[j], Seq.ofArray rates, Seq.ofArray uncorrelated[j]
        for j in 0 .. n - 1 -> "B", sprintf "post=%.2fHz" rates[j], Seq.ofArray rates, Seq.ofArray correlated[j]
        for name, st, st0, (hx, hy), _ in weights do
            yield "C", name + " FP", Seq.ofArray st.Rho, Seq.ofArray st.Density
            yield "C", name + " FP explicit noise only", Seq.ofArray st0.Rho, Seq.ofArray st0.Density
            yield "C", name + " kernel", Seq.ofArray hx, Seq.ofArray hy ]

Figure.save "Calcium_NonlinearDriftWeights" (1800, 560) chart data
