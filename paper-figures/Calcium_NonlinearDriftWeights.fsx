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
// The kernel runs and the map rows are one sweep on every core (Theory.Experiments.Sweeps), each finished
// point stored under out/sweeps/ so a killed run resumes.
// Output: paper-figures/out/Calcium_NonlinearDriftWeights.{html,png,pdf,csv}; CSV panel,series,x,y,x_unit,y_unit:
// panels A, B one series per post rate (x = pre rate, y = drift at ρ = ½, 1/s); panel C x = ρ,
// y = density.
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.CalciumPlasticity
open Theory.Experiments.CalciumPlasticity
open Theory.Experiments.Sweeps

let p = GraupnerBrunelParameters.Nonlinear2016
let n = if Figure.quick then 4 else 16
let rates = [| for i in 0 .. n - 1 -> 1.0 + 39.0 * float i / float (n - 1) |]
/// Drift at ρ = ½ for one cell of a map (ν_pre = rates[i], ν_post = rates[j]).
let drift corr i j =
    let pre, post = rates[i], rates[j]
    let c = min corr (sqrt (min pre post / max pre post))
    let f = NonlinearCalciumDistribution(p, PoissonActivity(pre, post, c, p.Delay), 0.02, 41).Fractions()
    p.Drift(0.5, f.AlphaD, f.AlphaP)

let heat (z: float[][]) showScale =
    Chart.Heatmap(zData = z, X = rates, Y = rates, ColorScale = StyleParam.Colorscale.RdBu, ReverseScale = true,
                  ShowScale = showScale, ZSmooth = StyleParam.SmoothAlg.Best,
                  ColorBar = ColorBar.init (X = 0.655, Len = 0.9))
    |> Chart.withXAxisStyle "ν_pre (Hz)" |> Chart.withYAxisStyle "ν_post (Hz)"

let duration, synapses = if Figure.quick then 8.0, 200 else 40.0, 1000
let pairs = [ 30.0, 30.0; 10.0, 30.0; 30.0, 10.0 ]
let bins = 50
let corrs = [ 0.0; 0.3 ]

// One sweep on every core, resumable from out/sweeps/: the three kernel runs (with their Fokker–Planck
// densities) first, as they take longest, then one point per row (ν_post) of each drift map.
let points =
    Sweep.Table [
        for pre, post in pairs -> [ "kind", 0.0; "pre", pre; "post", post ]
        for corr in corrs do
            for j in 0 .. n - 1 -> [ "kind", 1.0; "c", corr; "j", float j ] ]
let run (q: SweepPoint) =
    if q["kind"] = 0.0 then
        let pre, post = q["pre"], q["post"]
        let d = EfficacyDrift(p, PoissonActivity(pre, post))
        let fp = WeightFokkerPlanck(d, true)
        let st = fp.Stationary 401
        let st0 = WeightFokkerPlanck(d).Stationary 401
        let r = KernelSynapseSimulation(p, pre, post, duration, synapses, 0.5, 19UL, CalciumCorrections = true).Run()
        SweepRow().Add("ks", r.KsDistance).Add("ks_critical", r.KsCritical).Add("fp_mean", fp.Mean).Add("fp_variance", fp.Variance)
            .AddSeries("final_rho", r.FinalRho).AddSeries("fp_rho", st.Rho).AddSeries("fp_density", st.Density)
            .AddSeries("fp0_rho", st0.Rho).AddSeries("fp0_density", st0.Density)
    else
        let j = int q["j"]
        SweepRow().AddSeries("drift", Array.init n (fun i -> drift q["c"] i j))
let result =
    Sweep.Run(points, run, Figure.sweepFolder "Calcium_NonlinearDriftWeights" (sprintf "%O %A %A %A %g %d" p rates corrs pairs duration synapses),
              tag = "Calcium_NonlinearDriftWeights")
let map k = Array.init n (fun j -> result.Row(pairs.Length + k * n + j).Series "drift")
let uncorrelated, correlated = map 0, map 1

let weights =
    [ for k, (pre, post) in List.indexed pairs ->
          let row = result.Row k
          let finalRho = row.Series "final_rho"
          printfn "%g/%g Hz: KS %.4f (1%% critical %.4f), mean %.4f (FP %.4f), sd %.4f (FP %.4f)" pre post (row.Number "ks") (row.Number "ks_critical")
              (Array.average finalRho) (row.Number "fp_mean") (sqrt (Array.averageBy (fun x -> x * x) finalRho - Array.average finalRho ** 2.0)) (sqrt (row.Number "fp_variance"))
          let w = 1.0 / float bins
          let counts = Array.zeroCreate bins
          for x in finalRho do counts[min (bins - 1) (int (x / w))] <- counts[min (bins - 1) (int (x / w))] + 1.0
          let hx = [| for k in 0 .. bins - 1 -> (float k + 0.5) * w |]
          let hy = counts |> Array.map (fun c -> c / (float finalRho.Length * w))
          sprintf "%g/%g Hz" pre post, (row.Series "fp_rho", row.Series "fp_density"), (row.Series "fp0_rho", row.Series "fp0_density"), (hx, hy), row.Number "ks" ]

let panelC =
    [ for name, st, st0, (hx, hy), ks in weights do
          yield Chart.Line(fst st, snd st, Name = name + " Fokker–Planck")
          yield Chart.Line(fst st0, snd st0, Name = name + " FP, explicit noise only", LineDash = StyleParam.DrawingStyle.Dot)
          yield Chart.Point(hx, hy, Name = sprintf "%s kernel (KS %.3f)" name ks) ]
    |> Chart.combine |> Chart.withXAxisStyle "efficacy ρ" |> Chart.withYAxisStyle "density"

let chart =
    Chart.Grid(1, 3, SubPlotTitles = [ "A  drift A(½) (1/s), uncorrelated"; "B  shared spikes c = 0.3, Lag = D"; sprintf "C  efficacy density after %.0f s" duration ])
        [ heat uncorrelated false; heat correlated true; panelC ]
    |> Chart.withTitle "Nonlinear calcium (Nonlinear2016): drift map and mean-field weight distribution vs kernel synapses"

let data =
    Figure.long [ "A", "Hz", "1/s"; "B", "Hz", "1/s"; "C", "1", "1" ] [
        for j in 0 .. n - 1 -> "A", sprintf "post=%.2fHz" rates[j], Seq.ofArray rates, Seq.ofArray uncorrelated[j]
        for j in 0 .. n - 1 -> "B", sprintf "post=%.2fHz" rates[j], Seq.ofArray rates, Seq.ofArray correlated[j]
        for name, st, st0, (hx, hy), _ in weights do
            yield "C", name + " FP", Seq.ofArray (fst st), Seq.ofArray (snd st)
            yield "C", name + " FP explicit noise only", Seq.ofArray (fst st0), Seq.ofArray (snd st0)
            yield "C", name + " kernel", Seq.ofArray hx, Seq.ofArray hy ]

Figure.save "Calcium_NonlinearDriftWeights" (1800, 560) chart data
