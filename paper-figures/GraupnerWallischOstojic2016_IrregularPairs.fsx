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
// simulated α. |Δt| ≤ 50 ms: at larger lags the shot-noise grid needs more than its 2e7 cells.
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
let panelA =
    [ for k, (name, xs, ys) in List.indexed panelAData -> line paletteA[(k / 2) % paletteA.Length] name xs ys ] @ [ mcPoints 0 ]
    |> Chart.combine |> Chart.withXAxisStyle "Δt (ms)" |> Chart.withYAxisStyle "mean efficacy after 10 s"
let panelB =
    [ for k, (name, xs, ys) in List.indexed panelBData -> line paletteB[k % paletteB.Length] name xs ys ] @ [ mcPoints 1 ]
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
            label, "Monte Carlo", m |> Seq.map (fun (_, x, _) -> x), m |> Seq.map (fun (_, _, y) -> y) ]

Figure.save "GraupnerWallischOstojic2016_IrregularPairs" (1400, 550) chart data
