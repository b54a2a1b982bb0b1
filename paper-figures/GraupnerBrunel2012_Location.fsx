// Graupner & Brunel (2012) — dendritic location ("…spike pattern, rate, and dendritic location"):
// the same synapse placed farther from the soma sees an attenuated back-propagating action
// potential, so its postsynaptic calcium amplitude is C_post → a·C_post (a = 1 proximal, a < 1
// distal); C_pre, thresholds and rates are those of the cortical-slice set (fit to Sjöström,
// Turrigiano & Nelson 2001). Sjöström & Häusser (2006, Neuron 51:227) found LTD at distal L5
// synapses for pre→post pairs that give LTP proximally, and LTP rescued by cooperative input.
//   Graupner M., Brunel N. (2012) PNAS 109:3991; Sjöström P.J., Häusser M. (2006) Neuron 51:227.
// A: 75 pairs against pairing frequency at Δt = ±10 ms, proximal (a = 1) and distal (a = 0.5, 0.3).
// B: change against a at 20, 30, 40 and 50 Hz (Δt = +10 ms); the LTP/LTD crossovers
//    (DendriticLocation.Crossovers) are printed.
// C: 50 Hz, Δt = +10 ms, change against a for C_pre × 1, 1.5, 2 (cooperative input rescues LTP).
// Lines: closed form (exact α_d, α_p of the periodic calcium trace; ρ̄, τ_eff and UP/DOWN
// probabilities, SI Eqs. S5–S10; β = 0.5, b = 5.40988). Points (panel A, distal a = 0.3 and
// proximal): StdpProtocolSimulation — 4000 synapses (THEORY_QUICK=1: 500), exact calcium from c = 0,
// exact Ornstein–Uhlenbeck segments of ρ, ± 1 SE, as one sweep.
// No experimental points: the authors' repository (mgraupe/CalciumBasedPlasticityModel,
// experimental_data/) holds no Sjöström & Häusser (2006) data, and their values were not found.
// Output: paper-figures/out/GraupnerBrunel2012_Location.{html,png,pdf,csv}; CSV panel,series,x,y,x_unit,y_unit:
// panel A x = frequency (Hz), panels B and C x = bAP factor a (1); y = weight after/before.
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.CalciumPlasticity
open Theory.Experiments.CalciumPlasticity
open Theory.Experiments.Sweeps

let p = GraupnerBrunelParameters.CorticalSlices
let freqs = [| for i in 0 .. 99 -> 0.5 + 0.5 * float i |]
let factors = [ 1.0; 0.5; 0.3 ]
let vsFreq a dt = freqs |> Array.map (fun f -> (DendriticLocation.Pair(p, a, dt, f)).Change)
let panelACurves = [ for a in factors do for dt in [ 0.01; -0.01 ] -> a, dt, vsFreq a dt ]
let scanFreqs = [ 20.0; 30.0; 40.0; 50.0 ]
let scan q f = DendriticLocation.Scan(p, 0.01, f, 0.0, 1.0, 201, preFactor = q)
let panelB = [ for f in scanFreqs -> f, scan 1.0 f ]
let panelC = [ for q in [ 1.0; 1.5; 2.0 ] -> q, scan q 50.0 ]
for f in scanFreqs do
    for dt in [ 0.01; -0.01 ] do
        printfn "%2.0f Hz, Δt = %+3.0f ms: LTP/LTD crossovers at a = %A" f (1e3 * dt) (DendriticLocation.Crossovers(p, dt, f))

let synapses = if Figure.quick then 500 else 4000
let simFreqs = [| 1.0; 10.0; 20.0; 30.0; 40.0; 50.0 |]
type Measured = { A: float; Freq: float; Simulated: float; StandardError: float; Analytic: float }
// 2 factors × 6 frequencies at Δt = +10 ms as one sweep (seed = point id + 1), resumable from out/sweeps/
let sims =
    let run (pt: SweepPoint) =
        let a, f = pt["a"], pt["freq"]
        let r = StdpProtocolSimulation(DendriticLocation.At(p, a), 0.01, f, 75, Synapses = synapses, Seed = uint64 (pt.Id + 1)).Run()
        SweepRow().Add("simulated", r.Simulated).Add("standard_error", r.StandardError).Add("analytic", r.Analytic)
    let folder = Figure.sweepFolder "GraupnerBrunel2012_Location" (sprintf "%O %A %d" p simFreqs synapses)
    let points = Sweep.Grid [ "a", [| 1.0; 0.3 |]; "freq", simFreqs ]
    let result = Sweep.Run(points, run, folder, tag = "GraupnerBrunel2012_Location")
    [ for pt in points ->
          let row = result.Row pt.Id
          { A = pt["a"]; Freq = pt["freq"]; Simulated = row.Number "simulated"
            StandardError = row.Number "standard_error"; Analytic = row.Number "analytic" } ]
for s in sims do
    printfn "a = %.1f, %2.0f Hz: simulated %.3f ± %.3f, closed form %.3f" s.A s.Freq s.Simulated s.StandardError s.Analytic

let colour a = Color.fromString (match a with 1.0 -> "black" | 0.5 -> "royalblue" | _ -> "crimson")
let chartA =
    [ for a, dt, ys in panelACurves ->
          Chart.Line(freqs, ys, Name = sprintf "a = %.1f, Δt = %+.0f ms" a (1e3 * dt), LineColor = colour a,
                     LineDash = (if dt > 0.0 then StyleParam.DrawingStyle.Solid else StyleParam.DrawingStyle.Dash))
      for a in [ 1.0; 0.3 ] ->
          let mine = sims |> List.filter (fun s -> s.A = a)
          Chart.Point(mine |> List.map (fun s -> s.Freq), mine |> List.map (fun s -> s.Simulated),
                      Name = sprintf "simulation ± SE, a = %.1f, +10 ms" a, MarkerColor = colour a)
          |> Chart.withYErrorStyle (Array = (mine |> List.map (fun s -> s.StandardError))) ]
    |> Chart.combine |> Chart.withXAxisStyle "pairing frequency (Hz)" |> Chart.withYAxisStyle "change of synaptic strength"
let scanChart (series: (string * string * LocationPoint[]) list) =
    [ for name, c, xs in series ->
          Chart.Line(xs |> Array.map (fun x -> x.BapFactor), xs |> Array.map (fun x -> x.Change), Name = name, LineColor = Color.fromString c) ]
    |> Chart.combine |> Chart.withXAxisStyle "bAP calcium factor a (C_post → a·C_post)" |> Chart.withYAxisStyle "change of synaptic strength"
// explicit colours, none shared with panel A, so that every legend entry is drawn differently
let chartB = scanChart [ for (f, xs), c in List.zip panelB [ "#2ca02c"; "#17becf"; "#9467bd"; "#ff7f0e" ] -> sprintf "%.0f Hz, +10 ms" f, c, xs ]
let chartC = scanChart [ for (q, xs), c in List.zip panelC [ "#8c564b"; "#e377c2"; "#7f7f7f" ] -> sprintf "50 Hz, C_pre × %.1f" q, c, xs ]

let chart =
    Chart.Grid(1, 3, SubPlotTitles = [ "A  75 pairs vs frequency"; "B  vs bAP attenuation"; "C  cooperative input (C_pre ×)" ])
        [ chartA; chartB; chartC ]
    |> Chart.withTitle "Graupner & Brunel (2012): dendritic location as bAP attenuation (cortical-slice set)"

let data =
    Figure.long [ "A", "Hz", "1"; "B", "1", "1"; "C", "1", "1" ] [
        for a, dt, ys in panelACurves do
            yield "A", sprintf "a=%.1f dt=%+.0fms" a (1e3 * dt), Seq.ofArray freqs, Seq.ofArray ys
        for a in [ 1.0; 0.3 ] do
            let mine = sims |> List.filter (fun s -> s.A = a)
            yield "A", sprintf "simulation a=%.1f dt=+10ms" a, mine |> Seq.map (fun s -> s.Freq), mine |> Seq.map (fun s -> s.Simulated)
            yield "A", sprintf "simulation SE a=%.1f dt=+10ms" a, mine |> Seq.map (fun s -> s.Freq), mine |> Seq.map (fun s -> s.StandardError)
        for f, xs in panelB do
            yield "B", sprintf "%.0fHz dt=+10ms" f, xs |> Seq.map (fun x -> x.BapFactor), xs |> Seq.map (fun x -> x.Change)
        for q, xs in panelC do
            yield "C", sprintf "50Hz cpre x%.1f" q, xs |> Seq.map (fun x -> x.BapFactor), xs |> Seq.map (fun x -> x.Change) ]

Figure.save "GraupnerBrunel2012_Location" (1600, 520) chart data
