// Potjans & Diesmann (2014) — the cell-type specific cortical microcircuit: rates per population
// (published, mean-field prediction, simulated ± s.e.) and a raster of the spontaneous activity.
//   Potjans T.C., Diesmann M. (2014) The cell-type specific cortical microcircuit: relating structure
//   and activity in a full-scale spiking network model. Cereb. Cortex 24:785–806, Fig. 6 (rates, raster).
//
//   A  raster: 100 ms of every 20th neuron (quick: every 2nd) of each population, L2/3 at the top (the paper's Fig. 6A layout)
//   B  rate per population: published full-scale rate (NEST example's full_mean_rates; bar "published"
//      with the spread of the published full-scale simulations as error bar, Theory.Experiments.Networks.
//      MicrocircuitPublished), Siegert prediction with the Fourcaud–Brunel shift (MicrocircuitPrediction),
//      simulated ± 3 s.e. over 0.1 s blocks.
//   C, D  population-rate spectra (excitatory, inhibitory populations), as Bos, Diesmann & Helias (2016) PLoS Comput
//      Biol 12:e1005132 Fig. 1E: simulated (Welch, Hann, 0.5 s segments of the per-step (0.1 ms) population rate,
//      smoothed over ±2 bins for display) and the finite-size linear-response prediction (MicrocircuitSpectra):
//      S_a(f) = Σ_b |[(I − M(2πif))⁻¹]_ab|² S0_b(f)/N_b with the LIF spike-train spectrum S0, the exponential synaptic
//      filter and the kernel's delay distribution; two-sided densities in Hz²/Hz.
//
// Model (MicrocircuitParameters, paper Tables 4–5): 8 populations of LIF neurons with exponential
// current synapses, τ_m = 10 ms, C_m = 250 pF, E_L = V_reset = −65 mV, V_th = −50 mV, τ_ref = 2 ms,
// τ_s = 0.5 ms; w = 87.8 ± 8.8 pA (L4E→L2/3E doubled, inhibitory g = −4), delays 1.5 ± 0.75 ms (exc.)
// and 0.8 ± 0.4 ms (inh.), K_ext Poisson inputs at 8 Hz; synapse numbers K = ln(1−C)/ln(1−1/(N_pre N_post)).
// Prediction: μ_a = τ_m Σ_b K_ab J_ab ν_b + ext., σ_a² = τ_m Σ_b K_ab J_ab² (1 + 0.1²) ν_b + ext.,
// J = w τ_s / C_m, ν_a = Siegert(μ_a, σ_a) with θ, V_r shifted by σ_a (α/2)√(τ_s/τ_m).
// Full mode: the full network (77 169 neurons, 2.99·10⁸ synapses, ≈ 3.6 GB), 0.3 s warm-up + 5 s;
// THEORY_QUICK=1: scale 0.1 (van Albada et al. 2015 downscaling with DC compensation), 0.3 s + 2 s.
// Output: paper-figures/out/PotjansDiesmann2014_Microcircuit.{html,png,pdf,csv}; CSV columns
// panel,series,x,y: panel A series = population (x = t in ms, y = row), panel B series "published",
// "published_spread", "predicted", "simulated", "simulated_se" (x = population index 0–7, y in Hz).
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.Experiments.Networks

type P = MicrocircuitParameters
let scale, duration = (if Figure.quick then 0.1, 2.0 else 1.0, 5.0)
let warmup = 0.3
let r = MicrocircuitSimulation(scale, duration, warmup, 1UL, BlockLength = 0.1).Run()
let pred = MicrocircuitPrediction.Solve(r.Model).Rates
printfn "scale %g: %d neurons, %d synapses, build %.1f s, run %.1f s (%d threads), peak RSS %.2f GB"
    scale r.Model.TotalNeurons r.Synapses r.BuildSeconds r.RunSeconds r.Threads (float r.PeakWorkingSetBytes / 1e9)
for row in MicrocircuitCrossCheck.Compare [| r |] do printfn "%s" (MicrocircuitCrossCheck.FormatLine row)

let names = P.Names |> Seq.toArray
let every = if Figure.quick then 2 else 20
let t0 = warmup + duration - 0.1
// rows stacked from L6I (bottom) to L2/3E (top)
let offsets =
    let shown = r.Model.Sizes |> Array.map (fun n -> (n + every - 1) / every)
    Array.init 8 (fun a -> Array.sum shown.[a + 1 ..])
let raster a =
    Array.zip r.SpikeTimes.[a] r.SpikeIndices.[a]
    |> Array.filter (fun (t, i) -> t >= t0 && i % every = 0)
    |> Array.map (fun (t, i) -> 1e3 * t, float (offsets.[a] + i / every))

let colour a = Color.fromString (if a % 2 = 0 then "black" else "gray")
let rasterChart =
    [ for a in 0 .. 7 ->
          let pts = raster a
          Chart.Point(Array.map fst pts, Array.map snd pts, MarkerColor = colour a, Name = names.[a], ShowLegend = false)
          |> Chart.withMarkerStyle (Size = 2) ]
    |> Chart.combine
    |> Chart.withXAxisStyle "t (ms)"
    |> Chart.withYAxisStyle (sprintf "neuron (every %d-th)" every)

let xs = [| 0.0 .. 7.0 |]
let published = Array.init 8 MicrocircuitPublished.Rate
let spread = Array.init 8 MicrocircuitPublished.Spread
let rateChart =
    [ Chart.Column(values = published, Keys = names, Name = "published (NEST, full scale)", MarkerColor = Color.fromString "lightgray")
      |> Chart.withYErrorStyle (Array = spread)
      Chart.Column(values = r.RatesHz, Keys = names, Name = sprintf "simulated (scale %g) ± 3 s.e." scale, MarkerColor = Color.fromString "steelblue")
      |> Chart.withYErrorStyle (Array = Array.map ((*) 3.0) r.RateSeHz)
      Chart.Point(names, pred, Name = "mean field (shifted Siegert)", MarkerColor = Color.fromString "firebrick")
      |> Chart.withMarkerStyle (Size = 10, Symbol = StyleParam.MarkerSymbol.Cross) ]
    |> Chart.combine
    |> Chart.withYAxisStyle "rate (Hz)"

let spectra = MicrocircuitSpectra.Compare(r, 0.5)
printfn "%s" (MicrocircuitSpectra.Table spectra)
let smooth (x: float[]) =
    Array.init x.Length (fun i ->
        let lo, hi = max 0 (i - 2), min (x.Length - 1) (i + 2)
        Array.average x.[lo .. hi])
// one colour per population (excitatory and inhibitory panels share the legend)
let palette = [| "black"; "dimgray"; "firebrick"; "darkorange"; "steelblue"; "purple"; "darkgreen"; "teal" |]
let spectrumChart (pops: int list) =
    [ for a in pops do
          let c = Color.fromString palette.[a]
          yield Chart.Line(spectra.Frequencies, smooth spectra.Simulated.[a], Name = names.[a] + " simulated", LineColor = c)
                |> Chart.withLineStyle (Width = 1.0)
          yield Chart.Line(spectra.Frequencies, spectra.Predicted.[a], Name = names.[a] + " predicted", LineColor = c)
                |> Chart.withLineStyle (Width = 2.0, Dash = StyleParam.DrawingStyle.Dash) ]
    |> Chart.combine
    |> Chart.withXAxisStyle "f (Hz)"
    |> Chart.withYAxisStyle ("power (Hz²/Hz)", AxisType = StyleParam.AxisType.Log)

let chart =
    Chart.Grid(2, 2, SubPlotTitles = [ "A  spontaneous activity"; "B  rate per population"; "C  rate spectra, excitatory"; "D  rate spectra, inhibitory" ])
        [ rasterChart; rateChart; spectrumChart [ 0; 2; 4; 6 ]; spectrumChart [ 1; 3; 5; 7 ] ]
    |> Chart.withTitle "Potjans & Diesmann (2014): cortical microcircuit, published vs predicted vs simulated rates and spectra"
    |> Chart.withMarginSize (Left = 60, Right = 20, Top = 90, Bottom = 60)

let data =
    Figure.long [ ("A", "ms", "1"); ("B", "1", "Hz"); ("C", "Hz", "Hz^2/Hz"); ("D", "Hz", "Hz^2/Hz") ] [
        for a in 0 .. 7 do
            let pts = raster a
            yield "A", names.[a], Array.map fst pts, Array.map snd pts
        yield "B", "published", xs, published
        yield "B", "published_spread", xs, spread
        yield "B", "predicted", xs, pred
        yield "B", "simulated", xs, r.RatesHz
        yield "B", "simulated_se", xs, r.RateSeHz
        for a in 0 .. 7 do
            let panel = if a % 2 = 0 then "C" else "D"
            yield panel, names.[a] + " simulated", spectra.Frequencies, spectra.Simulated.[a]
            yield panel, names.[a] + " predicted", spectra.Frequencies, spectra.Predicted.[a] ]

Figure.save "PotjansDiesmann2014_Microcircuit" (1500, 1100) chart data
