(**
# Short-term plasticity: the developmental depression-to-facilitation shift

Jia, Vogels & Costa (2022, Commun. Biol. 5:873) argue that cortical excitatory synapses, which
depress early in development and facilitate later, let a neuron stay stable while its inhibition
is still weak, and that inhibitory plasticity (Vogels et al. 2011) then balances it. This notebook
walks through `Theory.ShortTermPlasticity` (the Tsodyks–Markram analytics and the paper's
developmental schedule), checks them against event-by-event updates and the spiking kernel, and
runs the paper's circuit.

It is generated from `notebooks/short-term-plasticity.fsx`: edit the script, then run
`dotnet fsi build.fsx notebooks`. Build the repository first (`dotnet fsi build.fsx build`).

The outputs in the `.ipynb` twin are those of one **full-mode** run of this script (`dotnet fsi
build.fsx notebooks`; `THEORY_QUICK=1` is not set): the printed text as written, and each chart
both as a PNG (what GitHub shows) and as an interactive Plotly chart (JupyterLab, VS Code;
plotly.js is loaded once from its CDN). Re-running the cells replaces them.
*)
#load "_Notebook.fsx"

open System
open System.IO
open Plotly.NET
open Theory.ShortTermPlasticity
open Theory.Experiments.ShortTermPlasticity
open _Notebook

(**
## The Tsodyks–Markram synapse

Between presynaptic spikes the release variable u relaxes to its resting value and the resources
x recover: du/dt = (U − u)/τ_F, dx/dt = (1 − x)/τ_D. In the convention of the paper's code a spike
releases r = u x, then x ← x − r and u ← u + f(1 − u); the efficacy is A r with A = 1/U, so a
rested synapse has efficacy 1. (The TPM98 convention — u resting at 0, incremented before the
release — is `TsodyksMarkramConvention.TsodyksPawelzikMarkram1998`.)

For a regular train at rate ν the steady state is a fixed point of the spike-to-spike map:

$$u^- = \frac{U(1-e_F) + f e_F}{1-(1-f)e_F},\qquad x^- = \frac{1-e_D}{1-(1-u^-)e_D},\qquad E = A u^- x^-,$$

with e_F = e^{−1/(ντ_F)}, e_D = e^{−1/(ντ_D)}. Check it against 3000 spikes updated one by one:
*)
let early = TsodyksMarkramParameters.JiaVogelsCosta2022Depressing
let late = TsodyksMarkramParameters.JiaVogelsCosta2022Facilitating
for p, name in [ early, "early"; late, "late" ] do
    let closed = TsodyksMarkram.Regular(p, 20.0).Efficacy
    let iterated = TsodyksMarkram.Train(p, Array.init 3000 (fun k -> float k / 20.0)) |> Array.last
    printfn "%s synapse at 20 Hz: closed form %.12f, event by event %.12f" name closed iterated

(**
## Poisson trains and the independence approximation

For Poisson trains ⟨u⟩ is exact, ⟨u⁻⟩ = (U + fντ_F)/(1 + fντ_F), but ⟨x⁻⟩ needs ⟨u x⟩. Treating u and
x as independent gives ⟨x⁻⟩ = 1/(1 + ⟨u⟩ντ_D). The module also solves the stationary moment
hierarchy ⟨uᵏx⟩ exactly (`SpikeTrain.PoissonExact`). The spec's example (TPM98, U = 0.2,
τ_F = 0.5 s, τ_D = 0.3 s, 20 Hz):
*)
let tpm = TsodyksMarkramParameters.TsodyksPawelzikMarkram1998Facilitating
let indep, exact = TsodyksMarkram.Poisson(tpm, 20.0), TsodyksMarkram.PoissonExact(tpm, 20.0)
printfn "<u+> = %.6f (both exact)" indep.U
printfn "<x-> independence %.5f, exact %.5f: error %.1f %%" indep.X exact.X (100.0 * (indep.X - exact.X) / exact.X)
printfn "efficacy per spike independence %.5f, exact %.5f: error %.1f %%" indep.Efficacy exact.Efficacy (100.0 * (indep.Efficacy - exact.Efficacy) / exact.Efficacy)

(**
## Development as a parameter family

The paper moves U, τ_D, τ_F and f geometrically from the early to the late fit in 3600 steps:
p(s) = p_early^{1−s} p_late^{s}. Along the way the synapse turns from net depressing to net
facilitating; at 20 Hz this happens at the stage printed below. The curves are analytic (exact
Poisson means); the points are the spiking kernel, 200 synapses per point.
*)
let schedule = DevelopmentalSchedule.JiaVogelsCosta2022
printfn "crossover stage at 10 Hz: %.3f, at 20 Hz: %.3f" (schedule.CrossoverStage 10.0) (schedule.CrossoverStage 20.0)
printfn "crossover rate of the late synapse: %.1f Hz (regular), %.1f Hz (Poisson)"
    (TsodyksMarkram.CrossoverRate late) (TsodyksMarkram.CrossoverRate(late, SpikeTrain.Poisson))

let rates = [ for i in 0 .. 80 -> 10.0 ** (0.0 + 2.0 * float i / 80.0) ]
let simRates = if quick then [ 10.0 ] else [ 2.0; 10.0; 40.0 ]
let efficacyChart =
    [ for s in [ 0.0; 0.5; 1.0 ] do
          let p = schedule.At s
          yield Chart.Line(rates, [ for r in rates -> TsodyksMarkram.PoissonExact(p, r).Efficacy ], Name = sprintf "stage %.1f" s)
          let sims = [ for r in simRates -> SingleSynapseSimulation(p, r, true, 200, (if quick then 3.0 else 20.0), 1.0).Run() ]
          yield Chart.Point(simRates, [ for x in sims -> x.SimulatedEfficacy ], Name = sprintf "kernel, stage %.1f" s) ]
    |> Chart.combine
    |> Chart.withXAxis (LayoutObjects.LinearAxis.init (AxisType = StyleParam.AxisType.Log, Title = Title.init "rate (Hz)"))
    |> Chart.withYAxisStyle "efficacy per spike"
    |> keep "stp-efficacy"
efficacyChart

(**
## The circuit: stability before balance, then balance

One conductance-based LIF receiver gets 8 channels of 100 excitatory inputs (developing STP) and
25 inhibitory ones (depressing STP, Vogels 2011 plasticity towards ρ₀ = 5 Hz). Without inhibition
the early, depressing synapses keep the receiver near a few Hz even at strong input, while the
late, facilitating ones drive it far above target — the rate model and the kernel agree:
*)
let circuit = DevelopmentalCircuit.JiaVogelsCosta2022
for stage in [ 0.0; 1.0 ] do
    let model = circuit.ReceiverRate(stage, circuit.Uniform 20.0, 0.0)
    let kernel = DevelopmentalCircuitSimulation(Stage = stage, ChannelRate = 20.0, Duration = (if quick then 3.0 else 10.0), Eta = Nullable 0.0).Run()
    printfn "stage %.0f, no inhibition: model %.1f Hz, kernel %.1f ± %.1f Hz" stage model (kernel.MeanRate 0.5) (kernel.RateStandardError 0.5)

(**
### The receiver's refractory period (issue #14)

The paper's Brian2 receiver has `refractory = 4*ms` but no `(unless refractory)` on dV/dt: the
membrane keeps integrating from the reset during the 4 ms and only the threshold is blocked, so a
strongly driven neuron fires again right after τ_ref. The circuit here does the same
(`LifConductance.RefractoryVoltage = Integrate` in the kernel; `SiegertIntegrateThrough`, the
first-passage time averaged over where V is when τ_ref ends, in the rate model). Holding V at the
reset instead (the usual clamped LIF) costs 28 % of the free rate at stage 1. A Brian2 copy of the
paper's neuron (tests/Theory.Tests/ShortTermPlasticity/reference) gives the reference values:
*)
let brian2 =
    File.ReadAllLines(Path.Combine(__SOURCE_DIRECTORY__, "..", "tests", "Theory.Tests", "ShortTermPlasticity", "reference", "jia_receiver_brian2.csv"))
    |> Array.skip 1 |> Array.map (fun l -> l.Split ',')
let clampedCircuit =
    let m = circuit.Membrane
    circuit.With(membrane = ConductanceLifRate.Membrane(m.Capacitance, m.LeakConductance, m.RestingPotential, m.Threshold, m.Reset, m.Refractory,
                                                          IntegratesThroughRefractory = false))
for row in brian2 do
    let c = if row.[0] = "integrate" then circuit else clampedCircuit
    let rate = float row.[1]
    let kernel = DevelopmentalCircuitSimulation(Stage = 1.0, ChannelRate = rate, Duration = (if quick then 3.0 else 20.0), Eta = Nullable 0.0, Circuit = c).Run()
    printfn "%-9s %2.0f Hz inputs, stage 1, no inhibition: Brian2 %.2f ± %.2f Hz, kernel %.2f ± %.2f Hz, rate model %.2f Hz"
        row.[0] rate (float row.[5]) (float row.[6]) (kernel.MeanRate 0.5) (kernel.RateStandardError 0.5) (c.ReceiverRate(1.0, c.Uniform rate, 0.0))

(**
Inhibitory plasticity has a fixed point where the receiver fires near ρ₀ (slightly above it from
the pre–post correlation each inhibitory spike causes, below it where the weights pile up against
w ≥ 0); the rate model tests the threshold once per 0.1 ms step, as the kernel does. The weight
needed grows along development, and the fixed point is stable (λ < 0):
*)
for stage in [ 0.0; 0.25; 0.5; 0.75; 1.0 ] do
    let fp = circuit.FixedPoint(stage, circuit.Uniform 20.0)
    printfn "stage %.2f: w* = %.3f, rate %.2f Hz, free rate %.1f Hz, g_E %.2f nS, g_I %.2f nS, lambda = %.4f /s"
        stage fp.WInh fp.Rate fp.RateWithoutInhibition (fp.ExcConductance * 1e9) (fp.InhConductance * 1e9) fp.Eigenvalue

(**
The kernel, with learning sped up (η = 10⁻²), converges to the same weight:
*)
let run = DevelopmentalCircuitSimulation(Stage = 1.0, ChannelRate = 20.0, Duration = (if quick then 10.0 else 60.0), Eta = Nullable 1e-2, InitialWInh = 0.0).Run()
let ode = circuit.With(eta = 1e-2).WeightTimeCourse(1.0, circuit.Uniform 20.0, 0.0, (if quick then 10.0 else 60.0), 0.1)
[ Chart.Line(run.Times, run.WInh, Name = "kernel")
  Chart.Line(ode |> Array.map (fun r -> r.[0]), ode |> Array.map (fun r -> r.[1]), Name = "rate model") ]
|> Chart.combine
|> Chart.withXAxisStyle "t (s)"
|> Chart.withYAxisStyle "w_isp"
|> keep "stp-inhibitory-weight"

(**
### Co-tuning: one inhibitory weight per channel (issue #14)

With independent, fluctuating channel rates (the synthetic stand-in for the paper's recorded
inputs) each channel's inhibitory weights see a different covariance between their own input and
the receiver's rate: channels with strong excitation push the receiver more and collect more
inhibition. `CircuitCoTuning` is the rate model of this, one mean weight per channel; the kernel
records each channel's weights:
*)
let synthetic = SyntheticInputRates.JiaVogelsCosta2022
let tSignal = if quick then 40.0 else 200.0
let traces = Array.init 8 (fun c -> synthetic.Generate(tSignal, Theory.Spiking.Xoshiro256(11UL, uint64 c + 1UL)))
let coTuned = CircuitCoTuning(circuit.With(eta = 1e-2, weightDiffusion = false), 1.0, traces, 0.005, stride = (if quick then 40 else 20)).FixedPoint()
let coRun = DevelopmentalCircuitSimulation(Stage = 1.0, Duration = (if quick then 60.0 else 400.0), Eta = Nullable 1e-2, InitialWInh = 0.0, Seed = 5UL,
                                           ChannelRatesOfTime = synthetic.Channels(8, tSignal, 11UL)).Run()
let kernelW = coRun.MeanChannelWInh(if quick then 20.0 else 100.0)
printfn "rate model %.2f Hz, kernel %.2f Hz" coTuned.Rate (coRun.MeanRate(if quick then 20.0 else 100.0))
let channelsAxis = circuit.ExcWeights |> Array.map (fun w -> w * 1e9)
[ Chart.Point(channelsAxis, kernelW, Name = "kernel")
  Chart.Point(channelsAxis, coTuned.WInh, Name = "rate model") ]
|> Chart.combine
|> Chart.withXAxisStyle "excitatory weight of the channel (nS)"
|> Chart.withYAxisStyle "inhibitory weight w_isp of the channel"
|> keep "stp-co-tuning"

(**
Both follow the receptive field; the model exaggerates the profile by about 20 % (it has no spread
of the individual weights and takes the membrane as instantaneous).

## Phasic and tonic responses

A step of the input rate from 2 to 30 Hz, inhibition held at the balanced weight: early synapses
depress and the response is phasic; late synapses facilitate and the response is sustained.
*)
[ for stage in [ 0.0; 1.0 ] ->
      let w = circuit.FixedPoint(stage, circuit.Uniform 10.0).WInh
      let rows = circuit.StepResponse(stage, 2.0, 30.0, w, 1.0)
      Chart.Line(rows |> Array.map (fun r -> r.[0]), rows |> Array.map (fun r -> r.[2]), Name = sprintf "stage %.0f" stage) ]
|> Chart.combine
|> Chart.withXAxisStyle "time from step (s)"
|> Chart.withYAxisStyle "receiver rate (Hz)"
|> keep "stp-step-response"

(**
## Memory trace

After a 200 ms burst at 50 Hz on a 5 Hz background, depressing synapses transmit less (recovering
with τ_D) and facilitating ones more (a trace decaying with τ_F): the exact Poisson time course
(moment hierarchy in time) against 1000 independent kernel synapses.
*)
[ for stage in [ 0.0; 1.0 ] do
      let r = MemoryTraceSimulation(DevelopmentalSchedule.JiaVogelsCosta2022.At stage, Synapses = 1000, Trials = 2).Run()
      yield Chart.Line(r.Times, r.Analytic, Name = sprintf "exact, stage %.0f" stage)
      yield Chart.Point(r.Times, r.Simulated, Name = sprintf "kernel, stage %.0f" stage) ]
|> Chart.combine
|> Chart.withXAxisStyle "time (s); burst at 0.5–0.7 s"
|> Chart.withYAxisStyle "efficacy per spike / 5 Hz steady state"
|> keep "stp-memory-trace"
