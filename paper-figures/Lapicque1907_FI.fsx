// Lapicque (1907) — the leaky integrate-and-fire neuron, noiseless f–I curve.
//   Lapicque L. (1907) Recherches quantitatives sur l'excitation électrique des nerfs traitée
//   comme une polarisation. J. Physiol. Pathol. Gén. 9:620–635. Modern form: Brunel & van
//   Rossum (2007) Biol. Cybern. 97:337–339; Gerstner et al. (2014) Neuronal Dynamics, §1.3.
//
//   τ dV/dt = −V + μ  (V relative to rest; μ = R·I the asymptotic voltage), spike and reset to
//   V_r when V reaches θ, then τ_ref clamped. For μ > θ the firing rate is
//       ν(μ) = 1 / (τ_ref + τ ln((μ − V_r)/(μ − θ))),   ν = 0 for μ ≤ θ.
//
// Panels: A  ν(μ), closed form vs forward-Euler integration at dt = 0.1 ms and 0.01 ms;
//         B  relative error of the Euler rates (first order in dt);
//         C  membrane potential at three drives (Euler, dt = 0.01 ms).
// Parameters: τ = 20 ms, θ = 20 mV, V_r = 10 mV, τ_ref = 2 ms (Brunel 2000).
// Output: paper-figures/out/Lapicque1907_FI.{html,png,pdf,csv}; CSV columns panel,series,x,y,x_unit,y_unit
// (x in mV or ms, y in Hz, 1 or mV).
#load "_Figure.fsx"
open _Figure
open Plotly.NET

let tau, theta, vReset, tauRef = 0.020, 0.020, 0.010, 0.002 // s, V, V, s

/// Closed-form rate (Hz) of the noiseless LIF at asymptotic voltage mu (V).
let rateClosed mu =
    if mu <= theta then 0.0 else 1.0 / (tauRef + tau * log ((mu - vReset) / (mu - theta)))

/// Forward-Euler integration for `duration` seconds from V = V_r; returns spike times (s) and
/// the voltage sampled every `sampleEvery` steps (for the traces).
let simulate dt duration mu sampleEvery =
    let steps = int (round (duration / dt))
    let refSteps = int (round (tauRef / dt))
    let spikes = ResizeArray<float>()
    let trace = ResizeArray<float * float>()
    let mutable v, refLeft = vReset, 0
    for k in 0 .. steps - 1 do
        if refLeft > 0 then refLeft <- refLeft - 1
        else
            v <- v + dt / tau * (mu - v)
            if v >= theta then
                spikes.Add(float (k + 1) * dt)
                v <- vReset
                refLeft <- refSteps
        if sampleEvery > 0 && k % sampleEvery = 0 then trace.Add(float k * dt, v)
    spikes.ToArray(), trace.ToArray()

/// Rate from the mean inter-spike interval (no start-up transient); 0 with fewer than two spikes.
let rateEuler dt duration mu =
    let s, _ = simulate dt duration mu 0
    if s.Length < 2 then 0.0 else float (s.Length - 1) / (s[s.Length - 1] - s[0])

let duration = if Figure.quick then 0.3 else 2.0
let musFine = [ for i in 0 .. 400 -> 0.0 + 0.1e-3 * float i ]           // 0 … 40 mV
let musSim = [ for i in 0 .. (if Figure.quick then 10 else 40) -> 0.015 + 0.025 * float i / (if Figure.quick then 10.0 else 40.0) ]
let dts = [ 1e-4, "Euler, dt = 0.1 ms"; 1e-5, "Euler, dt = 0.01 ms" ]

let closed = musFine |> List.map rateClosed
let euler = [ for dt, label in dts -> label, musSim |> List.map (rateEuler dt duration) ]
let relErr =
    [ for label, rates in euler ->
          let pts = List.zip musSim rates |> List.filter (fun (mu, _) -> mu > theta + 0.5e-3)
          label, pts |> List.map fst, pts |> List.map (fun (mu, r) -> abs (r - rateClosed mu) / rateClosed mu) ]
let traceMus = [ 0.022; 0.030; 0.040 ]
let traces = [ for mu in traceMus -> mu, snd (simulate 1e-5 0.1 mu 10) ]

let mV x = 1e3 * x
let ms x = 1e3 * x

let panelA =
    [ yield Chart.Line(musFine |> List.map mV, closed, Name = "closed form", LineColor = Color.fromString "black")
      for (label, rates), symbol in List.zip euler [ StyleParam.MarkerSymbol.Circle; StyleParam.MarkerSymbol.Cross ] ->
          Chart.Point(musSim |> List.map mV, rates, Name = label, MarkerSymbol = symbol) ]
    |> Chart.combine
    |> Chart.withXAxisStyle "μ = R·I (mV)"
    |> Chart.withYAxisStyle "rate ν (Hz)"
let panelB =
    [ for label, mus, errs in relErr -> Chart.Line(mus |> List.map mV, errs, Name = label + " error", ShowMarkers = true) ]
    |> Chart.combine
    |> Chart.withXAxisStyle "μ = R·I (mV)"
    |> Chart.withYAxis (LayoutObjects.LinearAxis.init (AxisType = StyleParam.AxisType.Log, Title = Title.init "|ν<sub>Euler</sub> − ν| / ν"))
let panelC =
    [ for mu, tr in traces ->
          Chart.Line(tr |> Array.map (fst >> ms), tr |> Array.map (snd >> mV), Name = sprintf "V(t), μ = %.0f mV" (mV mu)) ]
    |> Chart.combine
    |> Chart.withXAxisStyle "t (ms)"
    |> Chart.withYAxisStyle "V (mV)"

let chart =
    Chart.Grid(1, 3, SubPlotTitles = [ "A  f–I curve"; "B  Euler error (∝ dt)"; "C  membrane potential" ])
        [ panelA; panelB; panelC ]
    |> Chart.withTitle "Lapicque (1907): noiseless leaky integrate-and-fire, τ = 20 ms, θ = 20 mV, V<sub>r</sub> = 10 mV, τ<sub>ref</sub> = 2 ms"

let data =
    Figure.long [ "A", "mV", "Hz"; "B", "mV", "1"; "C", "ms", "mV" ] [
        yield "A", "closed form", musFine |> Seq.map mV, closed
        for label, rates in euler -> "A", label, musSim |> Seq.map mV, rates
        for label, mus, errs in relErr -> "B", label, mus |> Seq.map mV, errs
        for mu, tr in traces -> "C", sprintf "mu=%.0fmV" (mV mu), tr |> Seq.map (fst >> ms), tr |> Seq.map (snd >> mV) ]

Figure.save "Lapicque1907_FI" (1500, 480) chart data
