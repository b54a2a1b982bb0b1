(**
# Metabolically regulated spiking (Chintaluri & Vogels 2023)

A neuron whose mitochondria are under-used (low ATP demand) hyperpolarize and make reactive oxygen
species (ROS) by reverse electron transport. Chintaluri & Vogels (PNAS 120:e2306525120, 2023)
propose that such neurons fire *metabolic spikes*: spending ATP restores ADP, depolarizes the
mitochondrion and lowers ROS. This notebook walks through `Theory.Metabolic`:

1. the reduced mitochondrial model (Nazaret et al. 2009) and its steady states against ATP demand;
2. ROS as a function of the ATP/ADP ratio and of demand;
3. the spike-compensation sweep (spikes lower ROS at low demand);
4. the metabolic spiking neuron and the onset demand predicted from the fixed point;
5. avalanches and power-law fits (Clauset et al. 2009) on a critical branching process;
6. (section 7) the paper's remaining analyses: the FET cell under current clamp, firing-mode
   classification, a single spike's perturbation, the rotenone ROS generator and the K-ATP LIF cell.

Generated from `notebooks/metabolic-spiking.fsx`; build the repository first (`dotnet fsi build.fsx build`).

The outputs in the `.ipynb` twin are those of one **full-mode** run of this script (`dotnet fsi
build.fsx notebooks`; `THEORY_QUICK=1` is not set): the printed text as written, and each chart
both as a PNG (what GitHub shows) and as an interactive Plotly chart (JupyterLab, VS Code;
plotly.js is loaded once from its CDN). Re-running the cells replaces them.
*)
#load "_Notebook.fsx"

open System
open System.IO
open Plotly.NET
open Theory.Metabolic
open Theory.Numerics
open _Notebook
let logX title = LayoutObjects.LinearAxis.init (AxisType = StyleParam.AxisType.Log, Title = Title.init title)

(**
## 1. Steady states against ATP demand

The demand b sets the adenine translocator rate k_ANT = b/1000 per second. Newton's method on the
eight-variable ODE gives the fixed point; the Jacobian's leading eigenvalue tells its stability.
At b = 53.87 the model sits at the normalizing state of Nazaret et al. (every intermediate ≈ 1,
ΔΨ = 150 mV).
*)
let m = Mitochondrion.ChintaluriVogels2023
let reference = MitochondrialSteadyStates.Solve(m, 53.87)
printfn "b = 53.87: ATP = %.4f, ΔΨ = %.2f mV, ROS = %.4f, leading eigenvalue %.1f /s"
    reference.State.Atp (1e3 * reference.DeltaPsiVolts) reference.Ros reference.LeadingEigenvalue

let demands = MitochondrialSteadyStates.GeometricDemands(1.0, 1000.0, 60)
let sweep = MitochondrialSteadyStates.Sweep(m, demands)
[ Chart.Line(demands, sweep |> Array.map (fun s -> s.State.Atp), Name = "ATP")
  Chart.Line(demands, sweep |> Array.map (fun s -> s.Psi), Name = "ψ (normalized ΔΨ)")
  Chart.Line(demands, sweep |> Array.map (fun s -> s.State.Nad), Name = "NAD⁺")
  Chart.Line(demands, sweep |> Array.map (fun s -> s.Ros), Name = "ROS R∞") ]
|> Chart.combine |> Chart.withXAxis (logX "ATP demand b") |> keep "steady-states"

(**
## 2. ROS against the ATP/ADP ratio

R∞ = (ATP·ψ + (1 − ATP)(1 − ψ))³ is high when ATP and ψ are both high (RET, low demand) or both
low (FET, high demand). Along the steady-state curve, ROS against ATP/ADP is U-shaped.
*)
[ Chart.Line(sweep |> Array.map (fun s -> s.AtpAdpRatio), sweep |> Array.map (fun s -> s.Ros), Name = "steady states")
  Chart.Line([ for r in 0.05 .. 0.05 .. 30.0 -> r ], [ for r in 0.05 .. 0.05 .. 30.0 -> Ros.SteadyFromRatio(r, 0.9) ], Name = "ψ = 0.9 fixed") ]
|> Chart.combine |> Chart.withXAxis (logX "ATP/ADP") |> Chart.withYAxisStyle "ROS" |> keep "ros-ratio"

(**
## 3. Spike compensation

A regular 10 Hz train of spikes, each costing q = 0.1 through the kernel q·Q(t), lowers ROS at
low demand and raises it at high demand (the paper's Fig. 1).
*)
let few = MitochondrialSteadyStates.GeometricDemands(1.0, 1000.0, if quick then 4 else 10)
// 10 s in both modes: a shorter run's mean still holds the relaxation onto the spiking cycle
let comp = SpikeCompensation.Sweep(10.0, demands = few, duration = 10.0)
[ Chart.Line(few, comp |> Array.map (fun p -> p.RosWithoutSpikes), Name = "no spikes")
  Chart.Line(few, comp |> Array.map (fun p -> p.RosWithSpikes), Name = "10 Hz", ShowMarkers = true) ]
|> Chart.combine |> Chart.withXAxis (logX "ATP demand b") |> Chart.withYAxisStyle "mean ROS" |> keep "spike-compensation"

(**
## 4. The metabolic spiking neuron

The neuron fires when MS = ROS·(ATP − 0.712) exceeds θ_RET = 0.025. The quiescent state is only
self-consistent where its MS* ≤ θ: the onset demand b_c follows from the fixed points alone, and
the simulation agrees.
*)
let p = MetabolicSpikingParameters.ChintaluriVogels2023
let bc = MetabolicSpikingNeuron.OnsetDemand(p)
let probe = [| 10.0; 25.0; 0.9 * bc; 1.1 * bc |]
let rates = MetabolicSpikingNeuron.RateCurve(p, probe, (if quick then 0.6 else 2.0), 0.1)
printfn "onset demand b_c = %.2f" bc
for b, r in Array.zip probe rates do printfn "  b = %6.2f: %6.1f Hz (predicted %s)" b r (if b < bc then "firing" else "silent")
let run = MetabolicSpikingNeuron.Simulate(p, 30.0, 0.4, recordEvery = 10)
Chart.Line(run.Time |> Array.map ((*) 1e3), run.Signal, Name = "MS") |> Chart.withXAxisStyle "t (ms)" |> keep "metabolic-signal"

(**
## 5. Avalanches and power laws

A critical Galton–Watson process (Poisson offspring with mean 1) has avalanche sizes with
exponent 3/2 and durations with exponent 2. The discrete maximum-likelihood fitter with x_min
chosen by the KS distance recovers them; the branching ratio is the offspring mean.
*)
let rng = Random 5
let counts =
    let c = Array.zeroCreate (if quick then 100000 else 400000)
    let mutable n = 1
    for t in 0 .. c.Length - 1 do
        c.[t] <- n
        n <- if n = 0 then 1 else MathNet.Numerics.Distributions.Poisson.Sample(rng, float n)
    c
let av = Avalanches.FromCounts(counts, 1e-3)
let fit = PowerLaw.Fit(av.Sizes |> Array.map float, PowerLawKind.Discrete)
let ci = fit.ConfidenceInterval 0.95
printfn "%d avalanches, σ = %.3f, size exponent %.3f [%.3f, %.3f] from x_min = %g"
    av.Sizes.Length av.BranchingRatio fit.Alpha ci.[0] ci.[1] fit.XMin
let crackle = Avalanches.Crackling(av)
printfn "duration exponent %.3f; ⟨S⟩(T) ~ T^γ: fitted γ = %.3f, predicted (α−1)/(τ−1) = %.3f"
    crackle.DurationExponent crackle.FittedGamma crackle.PredictedGamma

(**
## 6. Power law or not? (Clauset, Shalizi & Newman 2009, Sec. 5)

A good power-law fit is not evidence against other heavy tails. The likelihood-ratio test compares
the power law with an exponential and a log-normal (Vuong's normalized test) and with a power law
with an exponential cutoff (nested: Wilks). R > 0 favours the power law; p says whether the sign
of R is significant. The Galton–Watson sizes above their x_min should not be rejected; a sample
drawn from a truncated power law should be.
*)
let tail = av.Sizes |> Array.map float
let showComparison name (c: PowerLawComparison) =
    printfn "%s: power law α = %.3f above x_min = %g" name c.PowerLaw.Parameters.[0] c.XMin
    for a in c.Alternatives do
        printfn "  vs %-18s R = %8.2f  p = %.3g%s" (string a.Model) a.Test.R a.Test.PValue (if a.Test.Nested then " (nested)" else "")
showComparison "Galton–Watson sizes" (PowerLawComparison.Run(tail, PowerLawKind.Discrete, fit.XMin))
let cut = TailModels.Sample(TailModel.TruncatedPowerLaw, PowerLawKind.Discrete, [| 1.5; 0.01 |], 1.0, 5000, 7UL)
showComparison "truncated power law (α = 1.5, 1/λ = 100)" (PowerLawComparison.Run(cut, PowerLawKind.Discrete, 1.0))

(**
## 7. FET cell, firing modes, a single spike, rotenone, K-ATP (issue #15)

**FET cell.** Under a 2 nA current clamp (700–1000 ms) the cell fires at the interval of a LIF,
τ_m ln((R I + E_L − V_r)/(R I + E_L − V_th)) = 10 ms · ln 7.5 ≈ 20.15 ms, but its refractory timer
does not run out while MS = ROS·(ATP − 0.712) is below θ_FET = −0.05: forward-electron-transport
ROS with low ATP holds spikes back, more so for costlier spikes (Fig. 2, right column).
*)
let fetP = MetabolicCellParameters.Fet2023
printfn "LIF interval at 2 nA: %.2f ms" (1e3 * MetabolicCell.LifInterval(fetP, 2e-9))
let fetRuns = [ for q in [ 0.06; 0.15 ] -> q, MetabolicCell.Simulate(fetP.With(quantum = q), 80.0, recordEvery = 10) ]
for q, r in fetRuns do
    let c = FiringModes.ClassifyFet r.SpikeTimes
    printfn "b = 80, q = %.2f: %d spikes in the clamp, %A, ISI %.1f…%.1f ms" q r.SpikeTimes.Length c.Mode (1e3 * c.IsiMin) (1e3 * c.IsiMax)
[ for q, r in fetRuns -> Chart.Line(r.Time |> Array.map ((*) 1e3), r.Signal, Name = sprintf "MS, q = %.2f" q) ]
|> Chart.combine |> Chart.withXAxisStyle "t (ms)" |> Chart.withYAxisStyle "MS" |> keep "fet-cell"

(**
**Firing modes.** The paper classifies RET trains after 500 ms: an ISI within 10 % of τ_ref is
intra-burst; bursts with ≥ 2 longer gaps are *bursting*, without them *continuous*, no short ISI
is *regular*, no ISI is *silent*. `MetabolicFiringMap` runs the 10 × 10 (demand × cost) maps as a
sweep; all 200 modes agree with the maps stored with the authors' code (see docs/MODELS.md).
A 2 × 3 corner of the RET map:
*)
let corner = Theory.Experiments.Metabolic.MetabolicFiringMap(MetabolicCellParameters.Ret2023, [| 15.0; 30.0; 40.0 |], [| 0.00316; 0.25 |]).Run()
for c in corner do
    printfn "b = %4.0f, q = %.4f: %-10A CV %.2f, %d spikes, mean ROS %.3f" c.Demand c.Quantum (enum<RetFiringMode> c.Mode) c.Cv c.Spikes c.MeanRos

(**
**One spike.** At low demand (b = 30) a spike's ATP use depolarizes the mitochondrion and RET ROS
falls; at high demand (b = 150) ATP drops further and FET ROS rises.
*)
let pert = [ for b in [ 30.0; 150.0 ] -> b, SpikePerturbation.Run(b, 0.2) ]
for b, r in pert do printfn "b = %.0f: ROS %.3f → [%.3f, %.3f], ATP min %.3f at %.1f ms" b r.RosStart r.RosMin r.RosMax r.AtpMin (1e3 * r.AtpMinTime)
[ for b, r in pert -> Chart.Line(r.Time |> Array.map ((*) 1e3), r.Ros, Name = sprintf "ROS, b = %.0f" b) ]
|> Chart.combine |> Chart.withXAxisStyle "t (ms)" |> keep "single-spike"

(**
**Rotenone** blocks complex I: R∞ = (ATP ψ/1.25 + (1 − ATP)(1 − ψ)/0.8)³, so RET ROS collapses and
the RET cell loses most of its metabolic spikes. **K-ATP**: in the toy LIF cell an ATP-sensitive
K⁺ current opens at low ATP and silences the cell.
*)
let retP = MetabolicCellParameters.Ret2023
for g in [ RosGenerator.Control; RosGenerator.Rotenone ] do
    let r = MetabolicCell.Simulate(retP.With(generator = g), 30.0)
    printfn "RET b = 30, %A: %d spikes in 2.5 s, mean ROS %.4f" g r.SpikeTimes.Length r.MeanRos
let kick = [| CurrentPulse(0.150, 0.155, 150.0); CurrentPulse(0.300, 0.400, 40.0) |]
for atp in [ 0.2; 0.9 ] do
    let r = KatpLifCell.Simulate(KatpLifParameters.ChintaluriVogels2023.With(gKatp = 2.0), atp, 0.1, 0.5, kick)
    printfn "K-ATP LIF (ḡ = 2), ATP %.1f: %d spikes" atp r.SpikeTimes.Length
