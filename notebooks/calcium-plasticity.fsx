(**
# Calcium-based plasticity: from spike pairs to weight distributions

This notebook walks through the calcium-based synaptic plasticity rule of Graupner & Brunel
(2012, PNAS 109:3991) with `Theory.CalciumPlasticity`: the STDP curve computed exactly for
deterministic pair protocols, its frequency dependence, the calcium under Poisson pre/post
activity (a shot-noise process), the resulting drift of the synaptic efficacy, and the
mean-field weight distribution — each checked against a simulation.

It is generated from `notebooks/calcium-plasticity.fsx`: edit the script, then run
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
open Theory.CalciumPlasticity
open Theory.Experiments.CalciumPlasticity
open _Notebook

(**
## The rule

Each synapse has a calcium concentration c and an efficacy ρ ∈ [0, 1]:

$$\frac{dc}{dt} = -\frac{c}{\tau_\mathrm{Ca}} + C_\mathrm{pre}\sum_i \delta(t - t_i - D) + C_\mathrm{post}\sum_j \delta(t - t_j)$$

$$\tau\frac{d\rho}{dt} = -\rho(1-\rho)(\rho^*-\rho) + \gamma_p(1-\rho)\,\Theta[c-\theta_p] - \gamma_d\,\rho\,\Theta[c-\theta_d] + \text{noise}$$

Depression acts while c is above θ_d, potentiation while it is above θ_p. Over a protocol, only
the fractions of time α_d, α_p spent above the thresholds matter: the efficacy relaxes to
ρ̄ = Γ_p/(Γ_p + Γ_d) with time constant τ_eff = τ/(Γ_p + Γ_d), Γ_x = γ_x α_x. Every parameter
set of the paper (SI Table S1) is a named preset.
*)
let dp = GraupnerBrunelParameters.DP
printfn "DP set: τ_Ca = %g ms, C_pre = %g, C_post = %g, θ_d = %g, θ_p = %g, γ_d = %g, γ_p = %g, D = %g ms"
    (1e3 * dp.TauCa) dp.CPre dp.CPost dp.ThetaD dp.ThetaP dp.GammaD dp.GammaP (1e3 * dp.Delay)

(**
## The STDP curve, exactly

For a pair repeated periodically the calcium trace is periodic; its value after each event
follows from a 2×2 affine fixed point, and the time above θ in each gap is τ_Ca ln(c⁺/θ).
We compare the closed form with a direct simulation of 60 pairs on a population of synapses
(exact calcium, exact Ornstein–Uhlenbeck segments for ρ).
*)
let curve = StdpCurve.Curve(dp, -0.1, 0.1, 401)
let synapses = if quick then 400 else 3000
let sims = [ for i, dt in List.indexed [ -0.05; -0.02; 0.0; 0.01; 0.03 ] ->
                 StdpProtocolSimulation(dp, dt, Synapses = synapses, Seed = uint64 (i + 1)).Run() ]
for s in sims do
    printfn "Δt = %+4.0f ms: simulation %.3f ± %.3f, closed form %.3f" (1e3 * s.DeltaT) s.Simulated s.StandardError s.Analytic
[ Chart.Line(curve |> Array.map (fun x -> 1e3 * x.DeltaT), curve |> Array.map (fun x -> x.Change), Name = "closed form")
  Chart.Point(sims |> List.map (fun s -> 1e3 * s.DeltaT), sims |> List.map (fun s -> s.Simulated), Name = "simulation") ]
|> Chart.combine
|> Chart.withXAxisStyle "Δt = t_post − t_pre (ms)"
|> Chart.withYAxisStyle "change of synaptic strength"
|> keep "calcium-stdp-dp"

(**
## Frequency dependence (cortical slices, Sjöström et al. 2001)

With the cortical parameter set, pairs with Δt = −10 ms depress at low frequency and
potentiate above 20–30 Hz, where the calcium of successive pairs summates.
*)
let freqs = [| 1.0 .. 1.0 .. 50.0 |]
let cortical = GraupnerBrunelParameters.CorticalSlices
[ for dt in [ 0.01; -0.01 ] ->
      let r = StdpCurve.FrequencyDependence(cortical, dt, freqs)
      Chart.Line(freqs, r |> Array.map (fun x -> x.Change), Name = sprintf "Δt = %+.0f ms" (1e3 * dt)) ]
|> Chart.combine
|> Chart.withXAxisStyle "pairing frequency (Hz)"
|> Chart.withYAxisStyle "change of synaptic strength"
|> keep "calcium-frequency"

(**
## Dendritic location: an attenuated back-propagating spike

The "dendritic location" of the 2012 paper's title: far from the soma the back-propagating
action potential is attenuated, so the synapse sees a smaller postsynaptic transient,
C_post → a·C_post, with everything else unchanged (`DendriticLocation`). Sjöström & Häusser
(2006) found LTD at distal layer-5 synapses for pre→post pairs that give LTP proximally, and LTP
back with stronger (cooperative) input. With the cortical set at 50 Hz the outcome turns from
LTP to LTD below a ≈ 0.426 (`DendriticLocation.Crossovers`, equal to 1e-9 to an independent
Python computation), and a larger C_pre (cooperative input) restores LTP.
*)
for f in [ 30.0; 50.0 ] do
    printfn "%2.0f Hz, Δt = +10 ms: LTP/LTD crossover at bAP factor a = %A" f (DendriticLocation.Crossovers(cortical, 0.01, f))
[ for a in [ 1.0; 0.5; 0.3 ] ->
      let r = freqs |> Array.map (fun f -> (DendriticLocation.Pair(cortical, a, 0.01, f)).Change)
      Chart.Line(freqs, r, Name = sprintf "a = %.1f, Δt = +10 ms" a) ]
|> Chart.combine
|> Chart.withXAxisStyle "pairing frequency (Hz)"
|> Chart.withYAxisStyle "change of synaptic strength"
|> keep "calcium-location"

(**
## Post bursts and repetitions (hippocampal slices, Fig. 3)

With the hippocampal-slice set, 200 single pairs at 5 Hz only depress, but one pre spike with a
burst of two post spikes 11.5 ms apart potentiates when the pre spike leads — after 100 motifs,
not yet after 30. In the paper's figure (and the authors' code) Δt runs from the pre spike to the
**second** post spike of the burst; measured to the first post spike the curve shifts by the
11.5 ms burst interval, and at +20 ms one convention gives potentiation (1.676) where the other
gives depression (0.707). Both are available (`BurstReference`); the second is the default, and
on the command line `theory calcium burst --preset hippocampal-slices` (`--dt-ref first` for the other).
*)
let hippo = GraupnerBrunelParameters.HippocampalSlices
let hPairs = StdpCurve.Curve(hippo, -0.1, 0.1, 401, 5.0, 200)
let burst reps reference = StdpCurve.BurstCurve(hippo, -0.1, 0.1, 401, 5.0, reps, 0.0115, reference)
for dt in [ -0.01; 0.02 ] do
    printfn "Δt = %+3.0f ms, 100 motifs: to the 2nd post spike %.3f, to the 1st %.3f" (1e3 * dt)
        (StdpCurve.Burst(hippo, dt)).Change (StdpCurve.Burst(hippo, dt, reference = BurstReference.FirstPost)).Change
let ms (c: StdpPoint[]) = c |> Array.map (fun x -> 1e3 * x.DeltaT), c |> Array.map (fun x -> x.Change)
[ Chart.Line(fst (ms hPairs), snd (ms hPairs), Name = "200 pairs")
  Chart.Line(fst (ms (burst 100 BurstReference.SecondPost)), snd (ms (burst 100 BurstReference.SecondPost)), Name = "100 bursts, Δt to 2nd post")
  Chart.Line(fst (ms (burst 30 BurstReference.SecondPost)), snd (ms (burst 30 BurstReference.SecondPost)), Name = "30 bursts, Δt to 2nd post")
  Chart.Line(fst (ms (burst 100 BurstReference.FirstPost)), snd (ms (burst 100 BurstReference.FirstPost)), Name = "100 bursts, Δt to 1st post",
             LineDash = StyleParam.DrawingStyle.Dash) ]
|> Chart.combine
|> Chart.withXAxisStyle "Δt = t_post − t_pre (ms)"
|> Chart.withYAxisStyle "change of synaptic strength"
|> keep "calcium-bursts"

(**
## Triplets and quadruplets (hippocampal cultures, Wang et al. 2005)

The culture set was fitted to the triplet and quadruplet experiments of Wang, Gerkin, Nauen & Bi
(2005), each pattern repeated 60 times at 1 Hz (`WangProtocols`). With 5 ms between consecutive
spikes post–pre–post potentiates (1.252) while pre–post–pre does not (0.928), the asymmetry those
experiments found; quadruplets (a post–pre and a pre–post pair, centres T apart) potentiate most
when the pairs are close. The experimental values are not drawn: none were found in a reachable
source. `paper-figures/GraupnerBrunel2012_Cultures.fsx` adds simulated protocols (within 2.3 SE of
the closed form at all 18 points).
*)
let cultures = GraupnerBrunelParameters.HippocampalCultures
let wang (m: SpikeMotif) =
    (StdpCurve.Motif(cultures, m.PreTimes, m.PostTimes, WangProtocols.Frequency, WangProtocols.Repetitions)).Change
for a, b in [ 0.005, 0.005; 0.01, 0.01; 0.015, 0.005; 0.005, 0.015 ] do
    printfn "(%2.0f, %2.0f) ms: pre-post-pre %.3f, post-pre-post %.3f" (1e3 * a) (1e3 * b)
        (wang (WangProtocols.Triplet(TripletOrder.PrePostPre, a, b))) (wang (WangProtocols.Triplet(TripletOrder.PostPrePost, a, b)))
let quadT = [| for k in 0 .. 189 -> -0.1 + 0.0005 * float k |]
[ Chart.Line(quadT |> Array.map (fun t -> 1e3 * t), quadT |> Array.map (fun t -> wang (WangProtocols.Quadruplet t)), Name = "T < 0: pre–post first")
  Chart.Line(quadT |> Array.map (fun t -> -1e3 * t), quadT |> Array.map (fun t -> wang (WangProtocols.Quadruplet -t)), Name = "T > 0: post–pre first") ]
|> Chart.combine
|> Chart.withXAxisStyle "T (ms)"
|> Chart.withYAxisStyle "change of synaptic strength"
|> keep "calcium-quadruplets"

(**
## Timing against rate: regular and irregular pairs (Graupner, Wallisch & Ostojic 2016)

With the 2016 linear-calcium fit (`linear-2016`) and the paper's readout (mean efficacy after 10 s
from ρ₀ = 0.5), regular pairs at 20 Hz depend strongly on Δt, but irregular pairs — Poisson pre
spikes each followed by a post spike at Δt — barely do: their time fractions come from the
stationary shot-noise law of the calcium (`CalciumShotNoise` with `PoissonActivity(ν, ν, 1, Δt)`),
and the firing rate moves the outcome more than the timing.

The stars are kernel points: `KernelPairSimulation` runs 2000 synapses of the spiking kernel
(`CalciumSynapseProjection`, dt = 0.1 ms, so D = 9.5 ms on the grid) driven by spike trains that
realise the protocol (`CalciumSynapseDriver`: Poisson pre spikes, each followed by a post spike at
Δt), 20 τ_Ca of warm-up, then 10 s from ρ₀ = 0.5. Their time fractions match the shot-noise law
within the standard error; their mean efficacy lies 0.002–0.004 below the paper's readout, which
uses the mean time fractions and neglects their fluctuation during the 10 s (an independent
event-driven simulation in the tests shows the same offset).
*)
let lin = GraupnerBrunelParameters.Linear2016
let after10s (f: TimeFractions) = (SynapticChange.Of(lin, f, 10.0)).MeanFromHalf
let gwoDts = [| for k in -25 .. 25 -> 0.001 * float k |]
[ for rate in [ 5.0; 20.0 ] do
      yield Chart.Line(gwoDts |> Array.map (fun dt -> 1e3 * dt),
                       gwoDts |> Array.map (fun dt -> after10s (PeriodicCalcium.Fractions(lin, SpikeMotif.Pair(dt, rate)))),
                       Name = sprintf "regular, %g Hz" rate, LineDash = StyleParam.DrawingStyle.Dash)
      yield Chart.Line(gwoDts |> Array.map (fun dt -> 1e3 * dt),
                       gwoDts |> Array.map (fun dt -> after10s (CalciumShotNoise(lin, PoissonActivity(rate, rate, 1.0, dt)).Fractions())),
                       Name = sprintf "irregular, %g Hz" rate)
  let kernelPoints =
      [ for dt in [ -0.02; 0.0; 0.01; 0.02 ] ->
            let r = KernelPairSimulation(lin, 20.0, dt, Synapses = (if quick then 300 else 2000), Seed = 7UL).Run()
            printfn "kernel, 20 Hz, Δt = %+3.0f ms: %.4f ± %.4f (readout at the grid's D %.4f); α_d %.4f (theory %.4f), α_p %.4f (%.4f)"
                (1e3 * dt) r.MeanEfficacy.Simulated r.MeanEfficacy.StandardError r.MeanEfficacy.Theory
                r.AlphaD.Simulated r.AlphaD.Theory r.AlphaP.Simulated r.AlphaP.Theory
            1e3 * dt, r.MeanEfficacy.Simulated, r.MeanEfficacy.StandardError ]
  yield Chart.Point(kernelPoints |> List.map (fun (x, _, _) -> x), kernelPoints |> List.map (fun (_, y, _) -> y),
                    Name = "irregular, 20 Hz, kernel ± SE", MarkerSymbol = StyleParam.MarkerSymbol.Star)
        |> Chart.withYErrorStyle (Array = (kernelPoints |> List.map (fun (_, _, e) -> e))) ]
|> Chart.combine
|> Chart.withXAxisStyle "Δt (ms)"
|> Chart.withYAxisStyle "mean efficacy after 10 s"
|> keep "calcium-irregular-pairs"

(**
## Poisson activity: calcium as shot noise

With Poisson pre/post trains the calcium is a shot-noise process. Its cumulants follow from
Campbell's theorem, κ_n = (τ_Ca/n) Σ r_i A_i^n, and its distribution from the flux balance
x p(x) = τ_Ca Σ r_i [F(x) − F(x − A_i)]; correlations (shared spikes, post `Lag` after pre) enter
as a signed jump measure. We check the time fractions against an event-driven Monte Carlo.
*)
let act = PoissonActivity(10.0, 10.0, 0.3, 0.01)
let theory = CalciumShotNoise(dp, act)
let mc = ShotNoiseSimulation(dp, act, (if quick then 40.0 else 200.0), 20, 3UL).Run()
printfn "mean c: theory %.4f, MC %.4f ± %.4f" theory.Mean mc.Mean.Simulated mc.Mean.StandardError
printfn "α_d: theory %.4f, MC %.4f ± %.4f;  α_p: theory %.4f, MC %.4f ± %.4f"
    mc.AlphaD.Theory mc.AlphaD.Simulated mc.AlphaD.StandardError mc.AlphaP.Theory mc.AlphaP.Simulated mc.AlphaP.StandardError
let cs = [| for i in 1 .. 400 -> 0.01 * float i |]
Chart.Line(cs, cs |> Array.map theory.Density, Name = "P(c), 10/10 Hz, c = 0.3")
|> Chart.withXAxisStyle "calcium" |> Chart.withYAxisStyle "density"
|> keep "calcium-density"

(**
## Nonlinear calcium: coincidences boost the transient

In the Graupner, Wallisch & Ostojic (2016) fit a postsynaptic spike adds C_post + η c_pre(t⁻), so
a pre→post coincidence evokes twice the summed transients (η = 3.669). The calcium is then no
longer a sum of independent shots, but (c_pre, c) is still a Markov process. Its stationary law
is computed on a grid in (ln c, c_pre/c) from the chain of states right after each event
(`NonlinearCalciumDistribution`; the shared post spike must coincide with the pre calcium
arrival, `Lag = D`). Correlations now raise the time above θ_p several-fold.
*)
let nl = GraupnerBrunelParameters.Nonlinear2016
let nlAct = PoissonActivity(10.0, 10.0, 0.3, nl.Delay)
let nlTheory = CalciumShotNoise(nl, nlAct)
let nlMc = ShotNoiseSimulation(nl, nlAct, (if quick then 100.0 else 1000.0), 20, 5UL).Run()
printfn "nonlinear, 10/10 Hz, c = 0.3: α_d theory %.4f, MC %.4f ± %.4f;  α_p theory %.4f, MC %.4f ± %.4f"
    nlMc.AlphaD.Theory nlMc.AlphaD.Simulated nlMc.AlphaD.StandardError nlMc.AlphaP.Theory nlMc.AlphaP.Simulated nlMc.AlphaP.StandardError
let nlCs = [| for i in 1 .. 300 -> 0.03 * float i |]
[ for c in [ 0.0; 0.3; 0.6 ] ->
      let s = CalciumShotNoise(nl, PoissonActivity(10.0, 10.0, c, nl.Delay))
      Chart.Line(nlCs, nlCs |> Array.map s.Density, Name = sprintf "P(c), nonlinear, c = %.1f" c) ]
|> Chart.combine
|> Chart.withXAxisStyle "calcium" |> Chart.withYAxisStyle "density"
|> keep "calcium-nonlinear-density"

(**
When the shared post spike does not coincide with the pre calcium arrival (δ = Lag − D ≠ 0) the
pair (c_pre, c) is no longer Markov — a spike is pending — and the grid law above does not apply.
The first two moments stay exact at any δ: c is a Poisson U-statistic,
c = Σ_s C_pre e^{s/τ}(1 + η N(s, 0]) + C_post Σ_j e^{t_j/τ}, whose mean and variance follow from the
Mecke formulas (`NonlinearCalciumVariance`; equal to the generator equations at δ = 0 to 1e-12,
and to 100 000 s of Monte Carlo within 1.3 SE at δ = −30…+20 ms in the tests; the short runs below
scatter by up to 2 SE). The time above threshold at δ ≠ 0 is still
only simulated.
*)
for dms in [ -20.0; 0.0; 20.0 ] do
    let a = PoissonActivity(10.0, 10.0, 1.0, nl.Delay + 1e-3 * dms)
    let mc = ShotNoiseSimulation(nl, a, (if quick then 200.0 else 2000.0), 20, 11UL).Run()
    printfn "δ = %+3.0f ms: mean %.4f (MC %.4f ± %.4f), variance %.4f (MC %.4f ± %.4f), MC α_p %.4f ± %.4f"
        dms (NonlinearCalciumVariance.Mean(nl, a)) mc.Mean.Simulated mc.Mean.StandardError
        (NonlinearCalciumVariance.Of(nl, a)) mc.Variance.Simulated mc.Variance.StandardError mc.AlphaP.Simulated mc.AlphaP.StandardError

(**
## Drift of the efficacy and the weight distribution

The efficacy drifts with A(ρ) = [−ρ(1−ρ)(ρ*−ρ) + γ_p α_p(1−ρ) − γ_d α_d ρ]/τ and diffuses with
B = σ²(α_d + α_p)/τ; the stationary density of a population of synapses is
P(ρ) ∝ exp(2Φ(ρ)/B), Φ′ = A. At 10 Hz the DP set has a single stable state; at very low
rates it is bistable and strong synapses keep their state.
*)
let busy = EfficacyDrift(dp, PoissonActivity(10.0, 10.0))
let quiet = EfficacyDrift(dp, PoissonActivity(0.01, 0.01))
for name, d in [ "10 Hz", busy; "0.01 Hz", quiet ] do
    printfn "%s: fixed points %s" name (d.FixedPoints() |> Array.map (fun f -> sprintf "%.3f (%s)" f.Rho (if f.Stable then "stable" else "unstable")) |> String.concat ", ")
let dens = WeightFokkerPlanck(busy).Stationary 201
Chart.Line(dens.Rho, dens.Density, Name = "stationary P(ρ), 10/10 Hz")
|> Chart.withXAxisStyle "ρ" |> Chart.withYAxisStyle "density"
|> keep "calcium-weight-density"

(**
The papers keep only the rule's explicit noise in B. The calcium fluctuations themselves also
move ρ: at second order in τ_Ca/τ_eff they add a diffusion B_ca(ρ) = 2∫Cov(g(c₀), g(c_t))dt and a
drift A_ca(ρ) = ∫Cov(g(c₀), ∂_ρ g(c_t))dt, with g the calcium-dependent part of the rule. For the DP
set they are ~1 % of B; for the nonlinear set (σ = 1, γ_p = 894) they are as large as B, and
kernel synapses follow the corrected density.
*)
let nlDrift = EfficacyDrift(nl, PoissonActivity(30.0, 30.0))
printfn "nonlinear, 30/30 Hz: B = %.3g, B_ca(½) = %.3g, A_ca(½) = %.3g" nlDrift.Diffusion (nlDrift.CalciumDiffusion 0.5) (nlDrift.CalciumDriftCorrection 0.5)
let nlPlain, nlFull = WeightFokkerPlanck(nlDrift).Stationary 401, WeightFokkerPlanck(nlDrift, true).Stationary 401
let kernelNl = KernelSynapseSimulation(nl, 30.0, 30.0, (if quick then 8.0 else 30.0), (if quick then 200 else 1000), 0.63, 7UL, CalciumCorrections = true).Run()
printfn "kernel synapses: KS to the corrected density %.3f (1%% critical %.3f)" kernelNl.KsDistance kernelNl.KsCritical
let kBins = 40
let kCounts = Array.zeroCreate kBins
for x in kernelNl.FinalRho do kCounts[min (kBins - 1) (int (x * float kBins))] <- kCounts[min (kBins - 1) (int (x * float kBins))] + 1.0
[ Chart.Line(nlPlain.Rho, nlPlain.Density, Name = "explicit noise only")
  Chart.Line(nlFull.Rho, nlFull.Density, Name = "with calcium-fluctuation terms")
  Chart.Point([| for k in 0 .. kBins - 1 -> (float k + 0.5) / float kBins |],
              kCounts |> Array.map (fun c -> c * float kBins / float kernelNl.FinalRho.Length), Name = "kernel synapses") ]
|> Chart.combine
|> Chart.withXAxisStyle "ρ" |> Chart.withYAxisStyle "density"
|> keep "calcium-nonlinear-weights"

(**
## A plastic recurrent network

Finally the rule runs on the spiking kernel: `CalciumSynapseProjection` updates each E→E
synapse of a sparse E/I network event by event. Half of the synapses start UP, half DOWN; the
means of both groups follow the Fokker–Planck time course at the measured rate. The small
residual offset comes from the network's spike trains being more regular than Poisson (their
measured time above threshold is a few per cent lower than the Poisson theory's).
*)
let netRun = CalciumRecurrentNetwork(dp, (if quick then 3.0 else 20.0), 5).Run()
printfn "rate %.2f Hz; KS distance to the mean-field density %.3f; α_d %.4f (Poisson %.4f)"
    netRun.RateE netRun.KsMeanField netRun.AlphaD.Simulated netRun.AlphaD.Theory
[ Chart.Point(netRun.Times, netRun.MeanUp, Name = "UP, network"); Chart.Line(netRun.Times, netRun.TheoryUp, Name = "UP, Fokker–Planck")
  Chart.Point(netRun.Times, netRun.MeanDown, Name = "DOWN, network"); Chart.Line(netRun.Times, netRun.TheoryDown, Name = "DOWN, Fokker–Planck") ]
|> Chart.combine
|> Chart.withXAxisStyle "t (s)" |> Chart.withYAxisStyle "mean ρ"
|> keep "calcium-network"
