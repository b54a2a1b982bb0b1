(**
# The spiking kernel: a short tour

This notebook builds a network of leaky integrate-and-fire (LIF) neurons with `Theory.Spiking`,
runs it, plots its population rate and spike raster, and checks the kernel against a closed form:
the f–I curve of a noiseless LIF neuron.

It is generated from `notebooks/spiking-kernel.fsx`: edit the script, then run
`dotnet fsi build.fsx notebooks` to regenerate this `.ipynb`. Build the repository first
(`dotnet fsi build.fsx build`): the notebook uses the assemblies built beside it.

The outputs in the `.ipynb` twin are those of one **full-mode** run of this script (`dotnet fsi
build.fsx notebooks`; `THEORY_QUICK=1` is not set): the printed text as written, and each chart
both as a PNG (what GitHub shows) and as an interactive Plotly chart (JupyterLab, VS Code;
plotly.js is loaded once from its CDN). Re-running the cells replaces them.
*)
#load "_Notebook.fsx"

open System
open System.IO
open Plotly.NET
open Theory.Spiking
open _Notebook

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

(**
## One network run gives the whole f–I curve

`Theory.Spiking` is a time-driven kernel (dt = 0.1 ms). A `Network` holds populations, inputs
and monitors; `LifDelta` is the LIF population with delta synapses, here with the Brunel (2000)
membrane. We give each of 61 uncoupled neurons its own constant current I_i, so that
μ_i = R·I_i runs from 15 to 45 mV, start them all at V_r, and record their spikes.
*)
let membrane = LifParameters.Brunel2000
let n = 61
let muOf i = 0.015 + 0.030 * float i / float (n - 1) // V
let duration = if quick then 0.5 else 2.0 // s

let single = Network(dt = 1e-4, seed = 1UL)
let neurons = single.Add(LifDelta("fI", n, membrane))
neurons.Set("v", fun _ -> membrane.Reset)
single.AddCurrent(neurons, (fun _ -> 1.0), Array.init n (fun i -> muOf i / membrane.Resistance)) |> ignore // A
let fiSpikes = single.MonitorSpikes neurons
single.Run duration

(**
The rate of each neuron is the inverse of its mean inter-spike interval. The kernel integrates the
membrane exactly between steps, so the only error is that a spike is registered at the end of
the step in which V crosses θ: the period T = 1/ν becomes at most one step longer, a relative
error of at most ν·dt (1 % at 100 Hz). We check that bound for every neuron.
*)
let dt = single.Dt
let fiKernel =
    fiSpikes.Trains()
    |> Array.map (fun t -> if t.Length < 2 then 0.0 else float (t.Length - 1) / (t[t.Length - 1] - t[0]))
let errors =
    [ for i in 0 .. n - 1 do
          let exact = lifRate (muOf i)
          if exact > 0.0 then muOf i, abs (fiKernel[i] - exact) / exact, exact * dt ]
for mu, err, bound in errors do
    if err > bound * 1.01 + 1e-4 then
        failwithf "at μ = %.1f mV the kernel's rate is %.3g off the closed form, more than one step per period (%.3g)" (1e3 * mu) err bound
printfn "kernel vs closed form: relative error ≤ %.2g (bound ν·dt ≤ %.2g) over %d suprathreshold neurons"
    (errors |> List.map (fun (_, e, _) -> e) |> List.max) (errors |> List.map (fun (_, _, b) -> b) |> List.max) errors.Length

let mus = [ for i in 0 .. 300 -> 0.015 + 1e-4 * float i ] // 15 … 45 mV
let fiChart =
    [ Chart.Line(mus |> List.map (fun m -> 1e3 * m), mus |> List.map lifRate, Name = "closed form", LineColor = Color.fromString "black")
      Chart.Point(Array.init n (muOf >> (*) 1e3), fiKernel, Name = "Theory.Spiking, dt = 0.1 ms") ]
    |> Chart.combine
    |> Chart.withXAxisStyle "μ = R·I (mV)"
    |> Chart.withYAxisStyle "rate ν (Hz)"
    |> Chart.withTitle "Noiseless LIF: kernel vs closed form"
    |> keep "fI-kernel-vs-closed-form"
fiChart

(**
## A recurrent network: sparse excitation and inhibition

Now the network of Brunel (2000), built by hand at a quarter of the paper's size: N_E = 2000
excitatory and N_I = 500 inhibitory neurons, each receiving C_E = 200 excitatory inputs of
weight J = 0.5 mV and C_I = 50 inhibitory inputs of weight −gJ, with delay D = 1.5 ms, plus
C_E external Poisson inputs at ν_ext = 2 ν_thr (ν_thr = θ/(J C_E τ) is the external rate that
alone brings the mean input to threshold). J·C_E is the paper's 100 mV, so the mean input is
the same; with g = 5 inhibition dominates and the network settles in the asynchronous
irregular state. (`Theory.Experiments.Networks.BrunelSimulation` is this network at full size.)
*)
let nE, nI, cE, cI = 2000, 500, 200, 50
let J, g, delay = 0.5e-3, 5.0, 1.5e-3 // V, 1, s
let nuThr = membrane.Threshold / (J * float cE * membrane.Tau)
let simTime, warmup = (if quick then 0.25, 0.05 else 1.0, 0.2)

let net = Network(dt = 1e-4, seed = 42UL)
let exc = net.Add(LifDelta("E", nE, membrane))
let inh = net.Add(LifDelta("I", nI, membrane))
let rng = net.NewRandom()
for pop in [ exc; inh ] do
    pop.SetUniform("v", membrane.Reset, membrane.Threshold, rng)
    net.Connect(exc, pop, Connectivity.FixedInDegree cE, J, delay) |> ignore
    net.Connect(inh, pop, Connectivity.FixedInDegree cI, -g * J, delay) |> ignore
    net.AddPoissonInput(pop, cE, 2.0 * nuThr, J) |> ignore
let spikes = net.MonitorSpikes(exc, from = warmup)
let rate = net.MonitorRate exc
net.Run simTime
printfn "E rate %.1f Hz over %.2f s (simulated in %.1f s)" (float spikes.Count / (float nE * (simTime - warmup))) (simTime - warmup) net.LastRunSeconds

(**
The raster of the first 100 excitatory neurons and the population rate in 1 ms bins: spikes
are irregular and the population activity fluctuates around a stationary mean.
*)
let shown =
    Array.zip spikes.Times spikes.Indices |> Array.filter (fun (_, i) -> i < 100)
let binned = rate.Binned(1e-3, warmup)
let networkChart =
    Chart.Grid(2, 1, SubPlotTitles = [ "raster (100 excitatory neurons)"; "population rate, 1 ms bins" ])
        [ Chart.Point(shown |> Array.map (fst >> (*) 1e3), shown |> Array.map (snd >> float), MarkerColor = Color.fromString "black", ShowLegend = false)
          |> Chart.withMarkerStyle (Size = 3)
          |> Chart.withXAxisStyle ("", MinMax = (1e3 * warmup, 1e3 * simTime))
          |> Chart.withYAxisStyle "neuron"
          Chart.Line(binned |> Array.mapi (fun k _ -> 1e3 * (warmup + (float k + 0.5) * 1e-3)), binned, LineColor = Color.fromString "black", ShowLegend = false)
          |> Chart.withXAxisStyle ("t (ms)", MinMax = (1e3 * warmup, 1e3 * simTime))
          |> Chart.withYAxisStyle "rate (Hz)" ]
    |> Chart.withSize (900, 600)
    |> keep "brunel-network"
networkChart

(**
## Where to go next

- `Theory.Experiments.Networks.BrunelSimulation` runs the full-size network and measures rate,
  CV and the dominant frequency; `paper-figures/Brunel2000_Fig8.fsx` draws its four states.
- Compare the measured rate with the mean-field (Siegert) prediction of `Theory.MeanField`.
*)
