// Graupner & Brunel (2012) Fig. 4B — frequency dependence of spike-pair plasticity with the
// cortical-slice parameter set (fit to Sjöström, Turrigiano & Nelson 2001): 75 pairs with
// Δt = +10 ms and Δt = −10 ms against pairing frequency; and the full STDP curves at 1, 20, 30,
// 40 and 50 Hz (Δt limited to ±T/2).
//   Graupner M., Brunel N. (2012) PNAS 109:3991, Fig. 4B; Sjöström P.J. et al. (2001) Neuron 32:1149.
// Closed form: exact time fractions of the periodic calcium trace, then ρ̄, τ_eff and the
// UP/DOWN transition probabilities (β = 0.5, b = 5.40988).
// Output: paper-figures/out/GraupnerBrunel2012_Fig4B.{html,png,pdf,csv}; CSV panel,series,x,y,x_unit,y_unit:
// panel A x = frequency (Hz), panel B x = Δt (ms); y = weight after/before.
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.CalciumPlasticity

let p = GraupnerBrunelParameters.CorticalSlices
let freqs = [| for i in 0 .. 100 -> 0.5 + 0.495 * float i |]
let vsFreq dt = StdpCurve.FrequencyDependence(p, dt, freqs) |> Array.map (fun x -> x.Change)
let plus, minus = vsFreq 0.01, vsFreq -0.01
let curveFreqs = [ 1.0; 20.0; 30.0; 40.0; 50.0 ]
let curves =
    [ for f in curveFreqs ->
          let half = 0.5 / f
          let c = StdpCurve.Curve(p, max -0.1 -half, min 0.1 half, 401, f, 75)
          f, c |> Array.map (fun x -> 1e3 * x.DeltaT), c |> Array.map (fun x -> x.Change) ]

let panelA =
    [ Chart.Line(freqs, plus, Name = "Δt = +10 ms"); Chart.Line(freqs, minus, Name = "Δt = −10 ms") ]
    |> Chart.combine |> Chart.withXAxisStyle "pairing frequency (Hz)" |> Chart.withYAxisStyle "change of synaptic strength"
let panelB =
    [ for f, xs, ys in curves -> Chart.Line(xs, ys, Name = sprintf "%.0f Hz" f) ]
    |> Chart.combine |> Chart.withXAxisStyle "Δt (ms)" |> Chart.withYAxisStyle "change of synaptic strength"

let chart =
    Chart.Grid(1, 2, SubPlotTitles = [ "A  75 pairs vs frequency"; "B  STDP curves at several frequencies" ]) [ panelA; panelB ]
    |> Chart.withTitle "Graupner & Brunel (2012) Fig. 4B: cortical slices (Sjöström 2001), frequency dependence"

let data =
    Figure.long [ "A", "Hz", "1"; "B", "ms", "1" ] [
        yield "A", "dt=+10ms", Seq.ofArray freqs, Seq.ofArray plus
        yield "A", "dt=-10ms", Seq.ofArray freqs, Seq.ofArray minus
        for f, xs, ys in curves -> "B", sprintf "%.0fHz" f, Seq.ofArray xs, Seq.ofArray ys ]

Figure.save "GraupnerBrunel2012_Fig4B" (1300, 500) chart data
