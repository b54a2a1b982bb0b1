(**
# The spiking kernel: a short tour

This notebook builds a network of leaky integrate-and-fire (LIF) neurons with `Theory.Spiking`,
runs it, plots its population rate and spike raster, and checks the kernel against a closed form:
the f–I curve of a noiseless LIF neuron.

It is generated from `notebooks/spiking-kernel.fsx`: edit the script, then run
`dotnet fsi build.fsx notebooks` to regenerate this `.ipynb`. Build the repository first
(`dotnet fsi build.fsx build`): the notebook uses the assemblies built beside it.
*)
#r "nuget: Plotly.NET, 6.0.0"
#r "../src/Theory.Experiments/bin/Release/net10.0/Theory.dll"
#r "../src/Theory.Experiments/bin/Release/net10.0/Theory.Spiking.dll"
#r "../src/Theory.Experiments/bin/Release/net10.0/Theory.Experiments.dll"

open System
open System.IO
open Plotly.NET

/// THEORY_QUICK=1 (the tests) shortens the simulations.
let quick = Environment.GetEnvironmentVariable "THEORY_QUICK" = "1"
/// Charts are saved as HTML here (and displayed as the cell's value in a Polyglot kernel).
let outDir =
    match Environment.GetEnvironmentVariable "THEORY_NOTEBOOK_OUT" with
    | null | "" -> Path.Combine(__SOURCE_DIRECTORY__, "out")
    | d -> d
let keep (name: string) (chart: GenericChart) =
    Directory.CreateDirectory outDir |> ignore
    chart
    |> Chart.withTemplate ChartTemplates.lightMirrored
    |> Chart.withDisplayOptions (DisplayOptions.init (PlotlyJSReference = PlotlyJSReference.Full))
    |> Chart.saveHtml (Path.Combine(outDir, name + ".html"))
    chart

(**
## The closed form

Between spikes a LIF neuron with membrane time constant τ relaxes towards its asymptotic voltage
μ = R·I: τ dV/dt = −V + μ (V measured from rest). It spikes when V reaches θ, is reset to V_r and
stays refractory for τ_ref. With constant input and no noise, the time from reset to threshold is
τ ln((μ − V_r)/(μ − θ)), hence the rate

$$\nu(\mu) = \frac{1}{\tau_\mathrm{ref} + \tau \ln\frac{\mu - V_r}{\mu - \theta}} \quad (\mu > \theta), \qquad \nu = 0 \text{ otherwise.}$$

Parameters of Brunel (2000): τ = 20 ms, θ = 20 mV, V_r = 10 mV, τ_ref = 2 ms.
*)
let tau, theta, vReset, tauRef = 0.020, 0.020, 0.010, 0.002 // s, V, V, s

let lifRate mu =
    if mu <= theta then 0.0 else 1.0 / (tauRef + tau * log ((mu - vReset) / (mu - theta)))

let mus = [ for i in 0 .. 300 -> 1e-4 * float i ] // 0 … 30 mV
let fiClosed =
    Chart.Line(mus |> List.map (fun m -> 1e3 * m), mus |> List.map lifRate, Name = "closed form")
    |> Chart.withXAxisStyle "μ (mV)"
    |> Chart.withYAxisStyle "ν (Hz)"
    |> keep "fI-closed-form"
fiClosed
