// Graupner, Wallisch & Ostojic (2016), nonlinear-calcium model (Figs. 1, 3 with the nonlinear fit):
// irregular (Poisson) against regular spike pairs at 10 and 20 Hz, every pre spike followed by a
// post spike Δt later (p = 1).
//   Graupner M., Wallisch P., Ostojic S. (2016) J. Neurosci. 36:11238.
// Model: preset nonlinear-2016 (factor 2, η = 3.669; τ_Ca = 18.93 ms, C_pre = 0.865,
// C_post = 2.308, θ_d = 1, θ_p = 4.998, γ_d = 111.8, γ_p = 894.2, τ = 707 s, D = 10 ms, σ = 1).
// A: mean efficacy after 10 s from ρ₀ = 0.5 (ρ̄ + (ρ₀ − ρ̄)e^{−T/τ_eff}): regular pairs exact
//    (periodic trace, lines); irregular pairs from event-driven Monte Carlo (ShotNoiseSimulation,
//    4000 s, THEORY_QUICK=1: 400 s; points ± SE of the readout from the batch SE of α), and the
//    exact grid law of NonlinearCalciumDistribution where it applies (Δt = D, diamonds). For
//    Δt ≠ D the time above threshold has no exact form here (the calcium is not Markov). Crosses:
//    the authors' Monte Carlo (results file of their repository, see below). Stars: kernel points —
//    KernelPairSimulation, 4000 synapses of the spiking kernel (THEORY_QUICK=1: 500;
//    CalciumSynapseProjection with the η boost, dt = 0.1 ms) driven by CalciumSynapseDriver trains
//    (pre Poisson at ν, every pre spike followed by a post spike at Δt; at Δt = D the post spike
//    falls in the step of the calcium arrival, arrival first), warm-up 20 τ_Ca, then 10 s from
//    ρ₀ = 0.5; mean ρ(T) ± SE over the synapses, as one sweep.
// B: mean and standard deviation of the calcium of irregular pairs against Δt: exact for any Δt
//    (NonlinearCalciumVariance, Poisson U-statistics; lines) against the same Monte Carlo (points).
// Output: paper-figures/out/GraupnerWallischOstojic2016_NonlinearIrregular.{html,png,pdf,csv};
// CSV panel,series,x,y,x_unit,y_unit with x = Δt (ms); A y = mean efficacy, B y = calcium (1).
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.CalciumPlasticity
open Theory.Experiments.CalciumPlasticity
open Theory.Experiments.Sweeps

let p = GraupnerBrunelParameters.Nonlinear2016
let duration = 10.0
let readout (f: TimeFractions) = (SynapticChange.Of(p, f, duration)).MeanFromHalf
let rates = [ 10.0; 20.0 ]
let dts = [| for k in -50 .. 50 -> 0.001 * float k |]
let regular = [ for r in rates -> r, dts |> Array.map (fun dt -> readout (PeriodicCalcium.Fractions(p, SpikeMotif.Pair(dt, r)))) ]
let act r dt = PoissonActivity(r, r, 1.0, dt)
let moments = [ for r in rates -> r, dts |> Array.map (fun dt -> NonlinearCalciumVariance.Mean(p, act r dt)),
                                     dts |> Array.map (fun dt -> sqrt (NonlinearCalciumVariance.Of(p, act r dt))) ]
let atD = [ for r in rates -> r, readout (CalciumShotNoise(p, act r p.Delay).Fractions()) ]

// The authors' own Monte Carlo of the same protocol (10 000 pre spikes, seed 7), read from
// mgraupe/CalciumBasedPlasticityModel Graupner2016JNeurosci/simResults/
// irregularSpikePairs_vs_deltaT_differentFreqs_nonlinearCaModel.npy at Δt = −40 … +40 ms (their
// "10 ms" row has Δt − D = −5e-18, which adds to a pre time as 0: a coincident pair, pre first).
let authorsDts = [| -0.04; -0.02; -0.01; 0.0; 0.01; 0.02; 0.03; 0.04 |]
let authors =
    [ 10.0, [| 0.3852198; 0.3828755; 0.3868731; 0.4050555; 0.6305289; 0.4966998; 0.4678649; 0.4416314 |]
      20.0, [| 0.4688899; 0.4793284; 0.4968461; 0.5270067; 0.7397265; 0.6486327; 0.6108895; 0.5763363 |] ]
let mcDuration = if Figure.quick then 400.0 else 4000.0
let mcDts = [| -0.04; -0.02; -0.01; 0.0; 0.01; 0.02; 0.03; 0.04 |]
type Mc = { Rate: float; Dt: float; Mean: float; MeanSe: float; Sd: float; Efficacy: float; EfficacySe: float }
let mc =
    let run (pt: SweepPoint) =
        let r = ShotNoiseSimulation(p, act pt["rate"] pt["dt"], mcDuration, 20, uint64 (pt.Id + 1)).Run()
        SweepRow().Add("alpha_d", r.AlphaD.Simulated).Add("alpha_p", r.AlphaP.Simulated)
                  .Add("alpha_d_se", r.AlphaD.StandardError).Add("alpha_p_se", r.AlphaP.StandardError)
                  .Add("mean", r.Mean.Simulated).Add("mean_se", r.Mean.StandardError).Add("variance", r.Variance.Simulated)
    let folder = Figure.sweepFolder "GraupnerWallischOstojic2016_NonlinearIrregular" (sprintf "%O %g" p mcDuration)
    let points = Sweep.Grid [ "rate", Array.ofList rates; "dt", mcDts ]
    let result = Sweep.Run(points, run, folder, tag = "GraupnerWallischOstojic2016_NonlinearIrregular")
    [ for pt in points ->
          let row = result.Row pt.Id
          let ad, ap = row.Number "alpha_d", row.Number "alpha_p"
          let e = readout (TimeFractions(ad, ap))
          // SE of the readout by propagating the α SEs (finite differences)
          let h = 1e-6
          let dd = (readout (TimeFractions(min 1.0 (ad + h), ap)) - e) / h
          let dp = (readout (TimeFractions(ad, min 1.0 (ap + h))) - e) / h
          let se = sqrt ((dd * row.Number "alpha_d_se") ** 2.0 + (dp * row.Number "alpha_p_se") ** 2.0)
          { Rate = pt["rate"]; Dt = pt["dt"]; Mean = row.Number "mean"; MeanSe = row.Number "mean_se"
            Sd = sqrt (row.Number "variance"); Efficacy = e; EfficacySe = se } ]
for m in mc do
    printfn "%g Hz Δt = %+3.0f ms: mean c %.4f ± %.4f (exact %.4f), sd %.4f (exact %.4f), efficacy %.4f ± %.4f"
        m.Rate (1e3 * m.Dt) m.Mean m.MeanSe (NonlinearCalciumVariance.Mean(p, act m.Rate m.Dt))
        m.Sd (sqrt (NonlinearCalciumVariance.Of(p, act m.Rate m.Dt))) m.Efficacy m.EfficacySe
for r, e in atD do printfn "%g Hz Δt = D: exact irregular efficacy %.4f" r e

// Kernel points: the Monte Carlo's rates and Δt on 4000 kernel synapses each, one sweep
let kernelSynapses = if Figure.quick then 500 else 4000
type KernelPoint = { KRate: float; KDt: float; KMean: float; KSe: float }
let kernel =
    let run (pt: SweepPoint) =
        let r = KernelPairSimulation(p, pt["rate"], pt["dt"], Synapses = kernelSynapses, Seed = uint64 (pt.Id + 1)).Run()
        SweepRow().Add("mean", r.MeanEfficacy.Simulated).Add("mean_se", r.MeanEfficacy.StandardError)
                  .Add("alpha_d", r.AlphaD.Simulated).Add("alpha_p", r.AlphaP.Simulated)
    let folder = Figure.sweepFolder "GraupnerWallischOstojic2016_NonlinearIrregular_kernel" (sprintf "%O %d" p kernelSynapses)
    let points = Sweep.Grid [ "rate", Array.ofList rates; "dt", mcDts ]
    let result = Sweep.Run(points, run, folder, tag = "GraupnerWallischOstojic2016_NonlinearIrregular kernel")
    [ for pt in points ->
          let row = result.Row pt.Id
          { KRate = pt["rate"]; KDt = pt["dt"]; KMean = row.Number "mean"; KSe = row.Number "mean_se" } ]
for k in kernel do
    let m = mc |> List.find (fun x -> x.Rate = k.KRate && x.Dt = k.KDt)
    let exact = if k.KDt = p.Delay then atD |> List.find (fun (r, _) -> r = k.KRate) |> snd |> sprintf ", exact %.4f" else ""
    printfn "kernel %g Hz Δt = %+3.0f ms: %.4f ± %.4f (Monte Carlo readout %.4f ± %.4f%s)" k.KRate (1e3 * k.KDt) k.KMean k.KSe m.Efficacy m.EfficacySe exact

let colour r = Color.fromString (if r = 10.0 then "#1f77b4" else "#d62728")
let ms = Array.map (fun dt -> 1e3 * dt)
let panelA =
    [ for r, ys in regular -> Chart.Line(ms dts, ys, Name = sprintf "regular %g Hz (exact)" r, LineColor = colour r, LineDash = StyleParam.DrawingStyle.Dash)
      for r in rates ->
          let m = mc |> List.filter (fun x -> x.Rate = r)
          Chart.Point(m |> List.map (fun x -> 1e3 * x.Dt), m |> List.map (fun x -> x.Efficacy), Name = sprintf "irregular %g Hz (Monte Carlo ± SE)" r,
                      MarkerColor = colour r, MarkerSymbol = StyleParam.MarkerSymbol.Circle)
          |> Chart.withYErrorStyle (Array = (m |> List.map (fun x -> x.EfficacySe)))
      for r, e in atD ->
          Chart.Point([ 1e3 * p.Delay ], [ e ], Name = sprintf "irregular %g Hz, Δt = D (exact)" r, MarkerColor = colour r,
                      MarkerSymbol = StyleParam.MarkerSymbol.Diamond)
      for r, ys in authors ->
          Chart.Point(ms authorsDts, ys, Name = sprintf "irregular %g Hz (authors' Monte Carlo)" r, MarkerColor = colour r,
                      MarkerSymbol = StyleParam.MarkerSymbol.X)
      for r in rates ->
          let k = kernel |> List.filter (fun x -> x.KRate = r)
          Chart.Point(k |> List.map (fun x -> 1e3 * x.KDt), k |> List.map (fun x -> x.KMean), Name = sprintf "irregular %g Hz (kernel ± SE)" r,
                      MarkerColor = colour r, MarkerSymbol = StyleParam.MarkerSymbol.Star)
          |> Chart.withYErrorStyle (Array = (k |> List.map (fun x -> x.KSe))) ]
    |> Chart.combine |> Chart.withXAxisStyle "Δt (ms)" |> Chart.withYAxisStyle "mean efficacy after 10 s"
let panelB =
    [ for r, mean, sd in moments do
          yield Chart.Line(ms dts, mean, Name = sprintf "mean c, %g Hz (exact)" r, LineColor = colour r)
          yield Chart.Line(ms dts, sd, Name = sprintf "sd c, %g Hz (exact)" r, LineColor = colour r, LineDash = StyleParam.DrawingStyle.Dot)
      for r in rates do
          let m = mc |> List.filter (fun x -> x.Rate = r)
          yield Chart.Point(m |> List.map (fun x -> 1e3 * x.Dt), m |> List.map (fun x -> x.Mean), Name = sprintf "mean c, %g Hz (Monte Carlo)" r,
                            MarkerColor = colour r, MarkerSymbol = StyleParam.MarkerSymbol.Square)
          yield Chart.Point(m |> List.map (fun x -> 1e3 * x.Dt), m |> List.map (fun x -> x.Sd), Name = sprintf "sd c, %g Hz (Monte Carlo)" r,
                            MarkerColor = colour r, MarkerSymbol = StyleParam.MarkerSymbol.TriangleUp) ]
    |> Chart.combine |> Chart.withXAxisStyle "Δt (ms)" |> Chart.withYAxisStyle "calcium (θ_d = 1)"

let chart =
    Chart.Grid(1, 2, SubPlotTitles = [ "A  regular vs irregular pairs (p = 1)"; "B  calcium mean and sd, irregular pairs" ]) [ panelA; panelB ]
    |> Chart.withTitle "Graupner, Wallisch & Ostojic (2016): nonlinear calcium, irregular vs regular pairs"

let data =
    Figure.long [ "A", "ms", "1"; "B", "ms", "1" ] [
        for r, ys in regular -> "A", sprintf "regular %gHz" r, Seq.ofArray (ms dts), Seq.ofArray ys
        for r in rates do
            let m = mc |> List.filter (fun x -> x.Rate = r)
            yield "A", sprintf "irregular MC %gHz" r, m |> Seq.map (fun x -> 1e3 * x.Dt), m |> Seq.map (fun x -> x.Efficacy)
            yield "A", sprintf "irregular MC SE %gHz" r, m |> Seq.map (fun x -> 1e3 * x.Dt), m |> Seq.map (fun x -> x.EfficacySe)
            yield "B", sprintf "mean MC %gHz" r, m |> Seq.map (fun x -> 1e3 * x.Dt), m |> Seq.map (fun x -> x.Mean)
            yield "B", sprintf "sd MC %gHz" r, m |> Seq.map (fun x -> 1e3 * x.Dt), m |> Seq.map (fun x -> x.Sd)
        for r, e in atD -> "A", sprintf "irregular exact at D %gHz" r, Seq.singleton (1e3 * p.Delay), Seq.singleton e
        for r, ys in authors -> "A", sprintf "irregular authors MC %gHz" r, Seq.ofArray (ms authorsDts), Seq.ofArray ys
        for r in rates do
            let k = kernel |> List.filter (fun x -> x.KRate = r)
            yield "A", sprintf "irregular kernel %gHz" r, k |> Seq.map (fun x -> 1e3 * x.KDt), k |> Seq.map (fun x -> x.KMean)
            yield "A", sprintf "irregular kernel SE %gHz" r, k |> Seq.map (fun x -> 1e3 * x.KDt), k |> Seq.map (fun x -> x.KSe)
        for r, mean, sd in moments do
            yield "B", sprintf "mean exact %gHz" r, Seq.ofArray (ms dts), Seq.ofArray mean
            yield "B", sprintf "sd exact %gHz" r, Seq.ofArray (ms dts), Seq.ofArray sd ]

Figure.save "GraupnerWallischOstojic2016_NonlinearIrregular" (1400, 550) chart data
