// Brunel (2000) Fig. 8 — the four canonical states of a sparse network of excitatory and
// inhibitory LIF neurons (model A), each a raster of 50 excitatory neurons over a population rate.
//   Brunel N. (2000) Dynamics of sparsely connected networks of excitatory and inhibitory
//   spiking neurons. J. Comput. Neurosci. 8:183–208, Fig. 8.
//
//   A  SR       synchronous regular:  almost fully synchronised, regular high-rate firing   g = 3,   ν_ext/ν_thr = 2
//   B  SI fast  fast global oscillation, irregular firing below the global frequency     g = 6,   ν_ext/ν_thr = 4
//   C  AI       asynchronous irregular: stationary global activity                         g = 5,   ν_ext/ν_thr = 2
//   D  SI slow  slow global oscillation, irregular firing at very low rates                g = 4.5, ν_ext/ν_thr = 0.9
//
// Network (Theory.Experiments.Networks.BrunelSimulation, the paper's values): N_E = 10000,
// N_I = 2500, C_E = 1000, C_I = 250, J = 0.1 mV, D = 1.5 ms, τ = 20 ms, θ = 20 mV, V_r = 10 mV,
// τ_rp = 2 ms, input during the refractory period discarded (as in the paper), dt = 0.1 ms.
// Shown: the last 200 ms of a 1.2 s run (THEORY_QUICK=1: of a 0.25 s run); rate of the whole
// excitatory population in 1 ms bins.
// Panel C (AI) also shows the finite-size prediction ν₀ ± √Var(A) of the stable asynchronous state
// (Theory.MeanField.BrunelFiniteSize: linear response to the spike-train noise of N_E + N_I neurons, 1 ms bins).
// Output: paper-figures/out/Brunel2000_Fig8.{html,png,pdf,csv}; CSV columns panel,series,x,y,x_unit,y_unit:
// series "raster" (x = t in ms, y = neuron index), "rate" (x = t in ms, y = rate in Hz) and, for panel C,
// "rate_lin_low"/"rate_lin_high" (ν₀ ∓ √Var(A) in Hz at the window edges).
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.Spiking
open Theory.Experiments.Networks

let states =
    [ "A", "SR", 3.0, 2.0
      "B", "SI fast", 6.0, 4.0
      "C", "AI", 5.0, 2.0
      "D", "SI slow", 4.5, 0.9 ]

let duration, warmup = (if Figure.quick then 0.25, 0.05 else 1.2, 0.2)
let window = 0.2 // s shown
let shown = 50   // neurons in the raster
let binWidth = 1e-3 // s, the bins of BrunelResult.PopulationRate

let results =
    [ for panel, name, g, nu in states ->
          let r =
              BrunelSimulation(G = g, NuExtRatio = nu, Duration = duration, Warmup = warmup,
                               RefractoryInput = RefractoryInput.Clamp).Run()
          printfn "%s %-7s g = %.1f, ν_ext/ν_thr = %.1f: rate %.1f Hz, CV %.2f, peak %.0f Hz (%.1f s)"
              panel name g nu r.RateHz r.MeanCv r.PeakHz r.RunSeconds
          panel, name, g, nu, r ]

/// ν₀ ± √Var(A_1ms) of the analytic AI state (N_E = 10 000, N_I = 2500); None if the state is not stable.
let linearBand g nu =
    let net = Theory.Experiments.MeanField.BrunelTheory.Network(g, nu)
    let st = net.StationaryStates()[0]
    let p = Theory.MeanField.BrunelFiniteSize.Predict(net, st, 10000, 2500, binWidth)
    if p.Stable then
        printfn "finite-size prediction at (%g, %g): ν₀ = %.2f Hz, sd(A) = %.2f Hz (χ²_lin = %.4f), peak %.0f Hz" g nu st.Rate (sqrt p.Variance) p.Synchrony p.PeakFrequency
        Some(st.Rate - sqrt p.Variance, st.Rate + sqrt p.Variance)
    else None

let ms x = 1e3 * x
let t0 = duration - window

let raster (r: BrunelResult) =
    Array.zip r.SpikeTimes r.SpikeIndices
    |> Array.filter (fun (t, i) -> i < shown && t >= t0)
    |> Array.map (fun (t, i) -> ms t, float i)

let rate (r: BrunelResult) =
    r.PopulationRate
    |> Array.mapi (fun k v -> ms (warmup + (float k + 0.5) * binWidth), v)
    |> Array.filter (fun (t, _) -> t >= ms t0)

let rasters =
    [ for _, _, _, _, r in results ->
          let pts = raster r
          Chart.Point(Array.map fst pts, Array.map snd pts, MarkerColor = Color.fromString "black", ShowLegend = false)
          |> Chart.withMarkerStyle (Size = 3)
          |> Chart.withXAxisStyle ("", MinMax = (ms t0, ms duration))
          |> Chart.withYAxisStyle ("neuron", MinMax = (-1.0, float shown)) ]
let bands = [ for panel, name, g, nu, _ in results -> panel, (if name = "AI" then linearBand g nu else None) ]

let rates =
    [ for (_, _, _, _, r), (_, band) in List.zip results bands ->
          let pts = rate r
          let trace = Chart.Line(Array.map fst pts, Array.map snd pts, LineColor = Color.fromString "black", ShowLegend = false)
          let lines =
              match band with
              | Some(lo, hi) ->
                  // one legend entry for the pair of dashed lines: ν₀ ± the finite-size s.d. (BrunelFiniteSize)
                  [ for k, y in List.indexed [ lo; hi ] ->
                        Chart.Line([ ms t0; ms duration ], [ y; y ], LineColor = Color.fromString "firebrick", ShowLegend = (k = 0),
                                   Name = "theory: ν₀ ± s.d. of A(t) (finite-size linear response)")
                        |> Chart.withLineStyle (Dash = StyleParam.DrawingStyle.Dash) ]
              | None -> []
          Chart.combine (trace :: lines)
          |> Chart.withXAxisStyle ("t (ms)", MinMax = (ms t0, ms duration))
          |> Chart.withYAxisStyle "rate (Hz)" ]

let titles =
    [ for panel, name, g, nu, r in results -> sprintf "%s  %s: g = %g, ν<sub>ext</sub>/ν<sub>thr</sub> = %g (%.0f Hz)" panel name g nu r.RateHz ]

let chart =
    Chart.Grid(2, 4, SubPlotTitles = titles @ [ ""; ""; ""; "" ], YGap = 0.15) (rasters @ rates)
    |> Chart.withTitle "Brunel (2000) Fig. 8: synchronous regular, fast/slow synchronous irregular and asynchronous irregular states"
    |> Chart.withMarginSize (Left = 60, Right = 20, Top = 90, Bottom = 60)

let data =
    Figure.long [ "*/raster", "ms", "1"; "*", "ms", "Hz" ] [
        for panel, _, _, _, r in results do
            let pts = raster r
            yield panel, "raster", Array.map fst pts, Array.map snd pts
            let pts = rate r
            yield panel, "rate", Array.map fst pts, Array.map snd pts
        for panel, band in bands do
            match band with
            | Some(lo, hi) ->
                yield panel, "rate_lin_low", [| ms t0; ms duration |], [| lo; lo |]
                yield panel, "rate_lin_high", [| ms t0; ms duration |], [| hi; hi |]
            | None -> () ]

Figure.save "Brunel2000_Fig8" (1600, 650) chart data
