// Graupner, Wallisch & Ostojic (2016) Figs. 1, 3 and 5 (linear-calcium model) — plasticity under
// irregular (Poisson) against regular spike pairs: A, mean efficacy after 10 s of pairs against
// Δt at 1, 5, 10 and 20 Hz, regular (dashed) and irregular (solid); B, irregular pairs against
// rate for (Δt, p) = (−10 ms, 0.4), (−10 ms, 0.2), (0, 0), (+10 ms, 0.2), (+10 ms, 0.4), p the
// fraction of post spikes paired with a pre spike (the rest independent Poisson).
//   Graupner M., Wallisch P., Ostojic S. (2016) Natural firing patterns imply low sensitivity of
//   synaptic plasticity to spike timing compared with firing rate. J. Neurosci. 36:11238.
// Model: preset linear-2016 (the paper's linear-calcium fit to Sjöström et al. 2001, values of the
// authors' parameter_fit_solutions.py "linearCaModel": τ_Ca = 22.27 ms, C_pre = 0.845,
// C_post = 1.621, θ_d = 1, θ_p = 2.009, γ_d = 137.76, γ_p = 597.09, τ = 520.8 s, D = 9.54 ms,
// σ = 1). Readout as in the paper: ρ̄ + (ρ₀ − ρ̄) e^{−T/τ_eff}, ρ₀ = 0.5, T = 10 s.
// Regular pairs: exact α of the periodic trace (|Δt| ≤ T/2). Irregular pairs: α from the
// stationary shot-noise law of the calcium (CalciumShotNoise: pre Poisson at ν, shared post spikes
// at rate pν with lag Δt, independent post spikes at (1 − p)ν). Points: event-driven Monte Carlo
// of the same Poisson pairs (ShotNoiseSimulation, 2000 s, THEORY_QUICK=1: 200 s), readout from the
// simulated α. Kernel points (stars, ± SE over synapses): KernelPairSimulation — 4000 synapses of the
// spiking kernel (THEORY_QUICK=1: 500; CalciumSynapseProjection, dt = 0.1 ms, D on the grid 9.5 ms)
// driven by CalciumSynapseDriver trains that realise the protocol (pre Poisson at ν, with
// probability p a post spike Δt after each pre spike, independent post spikes at (1 − p)ν; regular:
// pairs every 1/ν), warm-up 20 τ_Ca, then 10 s from ρ₀ = 0.5; mean ρ(T) over the synapses, as one
// sweep: A at 10 Hz irregular (p = 1) and regular, B (+10 ms, p = 0.4) against rate. The kernel's
// irregular points lie 0.002–0.004 below the readout formula: the formula uses the mean α and
// neglects their fluctuation over the 10 s (an independent event-driven simulation,
// tests/.../reference/gen_kernel_pairs.py, gives the same offset).
// |Δt| ≤ 50 ms: at larger lags the shot-noise grid needs more than its 2e7 cells.
// The natural-firing-pattern analysis of the paper (recorded spike trains) is not reproduced.
// Output: paper-figures/out/GraupnerWallischOstojic2016_IrregularPairs.{html,png,pdf,csv};
// CSV panel,series,x,y,x_unit,y_unit with x = Δt (ms) in A and rate (Hz) in B, y = mean efficacy.
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.CalciumPlasticity
open Theory.Experiments.CalciumPlasticity
open Theory.Experiments.Sweeps

let p = GraupnerBrunelParameters.Linear2016
let duration = 10.0
let readout (f: TimeFractions) = (SynapticChange.Of(p, f, duration)).MeanFromHalf
let regular dt rate = readout (PeriodicCalcium.Fractions(p, SpikeMotif.Pair(dt, rate)))
let irregular dt rate pp = readout (CalciumShotNoise(p, PoissonActivity(rate, rate, pp, dt)).Fractions())

let rates = [ 1.0; 5.0; 10.0; 20.0 ]
let dts = [| for k in -50 .. 50 -> 0.001 * float k |]
let panelAData =
    [ for r in rates do
          let half = 0.5 / r
          let reg = dts |> Array.filter (fun dt -> abs dt <= half)
          yield sprintf "regular %g Hz" r, reg |> Array.map (fun dt -> 1e3 * dt), reg |> Array.map (fun dt -> regular dt r)
          yield sprintf "irregular %g Hz" r, dts |> Array.map (fun dt -> 1e3 * dt), dts |> Array.map (fun dt -> irregular dt r 1.0) ]
let cases = [ -0.01, 0.4; -0.01, 0.2; 0.0, 0.0; 0.01, 0.2; 0.01, 0.4 ]
let rateAxis = [| for k in 1 .. 60 -> float k |]
let panelBData =
    [ for dt, pp in cases ->
          sprintf "Δt = %+.0f ms, p = %.1f" (1e3 * dt) pp, rateAxis, rateAxis |> Array.map (fun r -> irregular dt r pp) ]

// Monte Carlo points: A at 10 Hz (p = 1) over Δt, B for (+10 ms, 0.4) over rate; one sweep
let mcDuration = if Figure.quick then 200.0 else 2000.0
let points =
    Sweep.Table [
        for dt in [ -0.04; -0.02; 0.0; 0.01; 0.02; 0.04 ] -> [ "panel", 0.0; "dt", dt; "rate", 10.0; "p", 1.0 ]
        for r in [ 2.0; 10.0; 20.0; 40.0 ] -> [ "panel", 1.0; "dt", 0.01; "rate", r; "p", 0.4 ] ]
let mc =
    let run (pt: SweepPoint) =
        let r = ShotNoiseSimulation(p, PoissonActivity(pt["rate"], pt["rate"], pt["p"], pt["dt"]), mcDuration, 20, uint64 (pt.Id + 1)).Run()
        SweepRow().Add("alpha_d", r.AlphaD.Simulated).Add("alpha_p", r.AlphaP.Simulated)
                  .Add("alpha_d_se", r.AlphaD.StandardError).Add("alpha_p_se", r.AlphaP.StandardError)
    let folder = Figure.sweepFolder "GraupnerWallischOstojic2016_IrregularPairs" (sprintf "%O %g" p mcDuration)
    let result = Sweep.Run(points, run, folder, tag = "GraupnerWallischOstojic2016_IrregularPairs")
    [ for pt in points ->
          let row = result.Row pt.Id
          let mean = readout (TimeFractions(row.Number "alpha_d", row.Number "alpha_p"))
          printfn "MC %s Δt = %+3.0f ms, %g Hz, p = %g: α_d %.5f ± %.5f, α_p %.5f ± %.5f, mean efficacy %.4f (theory %.4f)"
              (if pt["panel"] = 0.0 then "A" else "B") (1e3 * pt["dt"]) pt["rate"] pt["p"]
              (row.Number "alpha_d") (row.Number "alpha_d_se") (row.Number "alpha_p") (row.Number "alpha_p_se")
              mean (irregular pt["dt"] pt["rate"] pt["p"])
          int pt["panel"], (if pt["panel"] = 0.0 then 1e3 * pt["dt"] else pt["rate"]), mean ]

// Kernel points: 4000 kernel synapses each (10 s after the warm-up), one sweep
let kernelSynapses = if Figure.quick then 500 else 4000
let kernelPoints =
    Sweep.Table [
        for dt in [ -0.04; -0.02; 0.0; 0.01; 0.02; 0.04 ] -> [ "panel", 0.0; "regular", 0.0; "dt", dt; "rate", 10.0; "p", 1.0 ]
        for dt in [ -0.02; 0.01; 0.02 ] -> [ "panel", 0.0; "regular", 1.0; "dt", dt; "rate", 10.0; "p", 1.0 ]
        for r in [ 2.0; 10.0; 20.0; 40.0 ] -> [ "panel", 1.0; "regular", 0.0; "dt", 0.01; "rate", r; "p", 0.4 ] ]
type KernelPoint = { Panel: int; Regular: bool; X: float; Mean: float; Se: float }
let kernel =
    let run (pt: SweepPoint) =
        let r = KernelPairSimulation(p, pt["rate"], pt["dt"], pt["p"], (pt["regular"] = 1.0), Synapses = kernelSynapses,
                                     Seed = uint64 (pt.Id + 1)).Run()
        SweepRow().Add("mean", r.MeanEfficacy.Simulated).Add("mean_se", r.MeanEfficacy.StandardError)
                  .Add("theory_grid", r.MeanEfficacy.Theory).Add("alpha_d", r.AlphaD.Simulated).Add("alpha_p", r.AlphaP.Simulated)
    let folder = Figure.sweepFolder "GraupnerWallischOstojic2016_IrregularPairs_kernel" (sprintf "%O %d" p kernelSynapses)
    let result = Sweep.Run(kernelPoints, run, folder, tag = "GraupnerWallischOstojic2016_IrregularPairs kernel")
    [ for pt in kernelPoints ->
          let row = result.Row pt.Id
          let reg = pt["regular"] = 1.0
          let curve = if reg then regular pt["dt"] pt["rate"] else irregular pt["dt"] pt["rate"] pt["p"]
          let m, se, grid = row.Number "mean", row.Number "mean_se", row.Number "theory_grid"
          printfn "kernel %s %s Δt = %+3.0f ms, %g Hz, p = %g: %.4f ± %.4f; readout at the grid's D %.4f (z = %.1f), curve %.4f"
              (if pt["panel"] = 0.0 then "A" else "B") (if reg then "regular" else "irregular") (1e3 * pt["dt"]) pt["rate"] pt["p"]
              m se grid ((m - grid) / se) curve
          { Panel = int pt["panel"]; Regular = reg; X = (if pt["panel"] = 0.0 then 1e3 * pt["dt"] else pt["rate"]); Mean = m; Se = se } ]

// Legend: in A one colour per rate (dashed regular, solid irregular pairs), in B five other colours, so no two
// entries are drawn alike (plotly's default colours repeat after ten traces).
let paletteA = [| "#1f77b4"; "#ff7f0e"; "#2ca02c"; "#d62728" |]
let paletteB = [| "#9467bd"; "#8c564b"; "#e377c2"; "#7f7f7f"; "#17becf"; "#bcbd22" |]
let line (colour: string) name (xs: float[]) (ys: float[]) =
    let dash = if (name: string).StartsWith "regular" then StyleParam.DrawingStyle.Dash else StyleParam.DrawingStyle.Solid
    Chart.Line(xs, ys, Name = name, LineDash = dash, LineColor = Color.fromString colour)
let mcPoints panel =
    let m = mc |> List.filter (fun (k, _, _) -> k = panel)
    Chart.Point(m |> List.map (fun (_, x, _) -> x), m |> List.map (fun (_, _, y) -> y), Name = "Monte Carlo",
                MarkerColor = Color.fromString "black", ShowLegend = (panel = 0))
let kernelChart panel reg =
    let m = kernel |> List.filter (fun k -> k.Panel = panel && k.Regular = reg)
    let name = if reg then "kernel, regular ± SE" else "kernel, irregular ± SE"
    Chart.Point(m |> List.map (fun k -> k.X), m |> List.map (fun k -> k.Mean), Name = name,
                MarkerColor = Color.fromString (if reg then "#ff9896" else "#2f4f4f"),
                MarkerSymbol = (if reg then StyleParam.MarkerSymbol.Square else StyleParam.MarkerSymbol.Star), ShowLegend = (panel = 0))
    |> Chart.withYErrorStyle (Array = (m |> List.map (fun k -> k.Se)))
let panelA =
    [ for k, (name, xs, ys) in List.indexed panelAData -> line paletteA[(k / 2) % paletteA.Length] name xs ys ]
    @ [ mcPoints 0; kernelChart 0 false; kernelChart 0 true ]
    |> Chart.combine |> Chart.withXAxisStyle "Δt (ms)" |> Chart.withYAxisStyle "mean efficacy after 10 s"
let panelB =
    [ for k, (name, xs, ys) in List.indexed panelBData -> line paletteB[k % paletteB.Length] name xs ys ] @ [ mcPoints 1; kernelChart 1 false ]
    |> Chart.combine |> Chart.withXAxisStyle "rate of pre and post spikes (Hz)" |> Chart.withYAxisStyle "mean efficacy after 10 s"

let chart =
    Chart.Grid(1, 2, SubPlotTitles = [ "A  regular vs irregular pairs"; "B  irregular pairs vs rate" ]) [ panelA; panelB ]
    |> Chart.withTitle "Graupner, Wallisch & Ostojic (2016): timing vs rate, linear calcium"

let data =
    Figure.long [ "A", "ms", "1"; "B", "Hz", "1" ] [
        for name, xs, ys in panelAData -> "A", name, Seq.ofArray xs, Seq.ofArray ys
        for name, xs, ys in panelBData -> "B", name, Seq.ofArray xs, Seq.ofArray ys
        for panel, label in [ 0, "A"; 1, "B" ] ->
            let m = mc |> List.filter (fun (k, _, _) -> k = panel)
            label, "Monte Carlo", m |> Seq.map (fun (_, x, _) -> x), m |> Seq.map (fun (_, _, y) -> y)
        for panel, label in [ 0, "A"; 1, "B" ] do
            for reg in [ false; true ] do
                let m = kernel |> List.filter (fun k -> k.Panel = panel && k.Regular = reg)
                if not m.IsEmpty then
                    let kind = if reg then "regular" else "irregular"
                    yield label, sprintf "kernel %s" kind, m |> Seq.map (fun k -> k.X), m |> Seq.map (fun k -> k.Mean)
                    yield label, sprintf "kernel %s SE" kind, m |> Seq.map (fun k -> k.X), m |> Seq.map (fun k -> k.Se) ]

Figure.save "GraupnerWallischOstojic2016_IrregularPairs" (1400, 550) chart data
