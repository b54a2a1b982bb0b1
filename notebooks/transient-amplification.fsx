(**
# Transient amplification in the Schur basis

A stable linear network can still make a brief input grow before it decays, if its connectivity
is **non-normal** (W Wᵀ ≠ Wᵀ W). This notebook goes through the measures of `Theory.Amplification`
— the feedforward pair, Schur-basis networks, optimal initial conditions, E/I circuits — after
G. Christodoulou, T. P. Vogels & E. J. Agnes, *PLoS Comput Biol* 18:e1010365 (2022),
B. K. Murphy & K. D. Miller, *Neuron* 61:635 (2009) and G. Hennequin, T. P. Vogels &
W. Gerstner, *Neuron* 82:1394 (2014), and ends with the spiking check on the kernel.

It is generated from `notebooks/transient-amplification.fsx`: edit the script, then run
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
open MathNet.Numerics.LinearAlgebra
open Plotly.NET
open Theory.Amplification
open _Notebook
let tau = 0.020 // s
let ms t = 1e3 * t

(**
## The feedforward pair

τ dx/dt = −x + Wx with W = [[0, w], [0, 0]]: unit 2 drives unit 1 and nothing feeds back. Both
eigenvalues of W are 0, so every mode decays as e^{−t/τ}, yet from x(0) = e₂

$$x_1(t) = w \frac{t}{\tau} e^{-t/\tau}, \qquad \|x(t)\| = e^{-t/\tau}\sqrt{1 + w^2 t^2/\tau^2},$$

which for w = 10 peaks at 3.697 near t = τ. The largest growth over all unit initial
conditions, max_t ‖e^{At}‖₂ with A = (W − I)/τ, is 3.716; it exceeds 1 exactly when the
numerical abscissa ω(A) = (w/2 − 1)/τ is positive.
*)
let pair = Matrix<double>.Build.DenseOfArray(array2D [ [ 0.0; 10.0 ]; [ 0.0; 0.0 ] ])
let peakPair = TransientAmplification.MaxAmplification(pair, tau)
printfn "max_t ‖e^{At}‖ = %.4f at t = %.2f ms; ω(A) = %.1f /s" peakPair.Value (ms peakPair.Time) (TransientAmplification.NumericalAbscissa(pair, tau))
let times = [| for k in 0 .. 200 -> 0.15 * float k / 200.0 |]
let trPair = TransientAmplification.Trajectory(pair, Vector<double>.Build.DenseOfArray [| 0.0; 1.0 |], times, tau)
let closedForm t = exp (-t / tau) * sqrt (1.0 + 100.0 * t * t / (tau * tau))
[ Chart.Line(times |> Array.map ms, [| for k in 0 .. times.Length - 1 -> trPair.Column(k).L2Norm() |], Name = "‖e^{At}e₂‖ (Padé)")
  Chart.Point(times |> Array.map ms |> Array.take 201 |> Array.indexed |> Array.filter (fun (i, _) -> i % 10 = 0) |> Array.map snd,
              times |> Array.indexed |> Array.filter (fun (i, _) -> i % 10 = 0) |> Array.map (snd >> closedForm), Name = "closed form") ]
|> Chart.combine
|> Chart.withXAxisStyle "t (ms)"
|> Chart.withYAxisStyle "‖x(t)‖"
|> keep "pair"

(**
## Schur-basis networks: imaginary spread against feedforward strength

Every real W is U T Uᵀ with U orthogonal and T quasi-upper-triangular: eigenvalues on the
diagonal (2×2 blocks [[a, b], [−b, a]] for a ± ib), feedforward couplings between Schur modes
above it. `SchurConstruction` builds W from chosen eigenvalues (real parts U[−0.5, 0.5],
imaginary parts U[−r/2, r/2]) and a random strictly upper part F of chosen norm. The paper's
first result: for a fixed ‖F‖, **shrinking the imaginary spread r increases amplification**, and
amplification grows steeply with ‖F‖.
*)
let n = if quick then 40 else 100
let ffScale = sqrt (float (n * (n - 1)) / float (200 * 199)) // per-entry weights as at N = 200
let schur r f = SchurConstruction.Build(SchurNetworkSpec(n, 6, -0.5, 0.5, r, f * ffScale, false, 1UL))
let diameters = [ 0.0; 5.0; 10.0; 20.0; 40.0; 80.0 ]
let ampByR = diameters |> List.map (fun r -> (TransientAmplification.MaxAmplification(schur r 75.0, tau)).Value)
for r, a in List.zip diameters ampByR do printfn "r = %5.1f: max_t ‖e^{At}‖ = %.2f" r a
Chart.Line(diameters, ampByR, ShowMarkers = true, Name = "‖F‖ = 75")
|> Chart.withXAxisStyle "imaginary diameter r"
|> Chart.withYAxis (LayoutObjects.LinearAxis.init (AxisType = StyleParam.AxisType.Log, Title = Title.init "max‖e^{At}‖"))
|> keep "schur-spread"

(**
## Optimal initial conditions and the amplification–dimensionality trade-off

The energy evoked by an initial condition, E(x₀) = (2/τ)∫‖x(t)‖²dt = x₀ᵀQx₀, is a quadratic form:
Q solves the Lyapunov equation AᵀQ + QA = −(2/τ)I (the observability Gramian). Its eigenvectors
are the **optimal initial conditions**, its eigenvalues their energies — a whole spectrum of
amplified directions (Hennequin et al. 2014). The paper asks how many of them are amplified
(peak ‖x‖ > 2) and into how many dimensions their trajectories spread: the effective rank of the
first principal components of the amplified trajectories stays below their number.
*)
let w = schur 20.0 100.0
let oic = TransientAmplification.OptimalInitialConditions(w, tau)
printfn "top energies: %s" (oic.Energies |> Array.take 5 |> Array.map (sprintf "%.1f") |> String.concat ", ")
let dim = TransientAmplification.AmplifiedDimensionality(w, tau, 2.0, 50.0, (if quick then 200 else 500))
printfn "%d of %d optimal conditions amplified; their trajectories span an effective rank of %.2f" dim.Amplified n dim.EffectiveRank
[ for c in 0 .. 3 ->
      let tr = TransientAmplification.Trajectory(w, oic.Directions.Column c, times, tau)
      Chart.Line(times |> Array.map ms, [| for k in 0 .. times.Length - 1 -> tr.Column(k).L2Norm() |], Name = sprintf "optimal IC %d" (c + 1)) ]
|> Chart.combine
|> Chart.withXAxisStyle "t (ms)"
|> Chart.withYAxisStyle "‖x(t)‖"
|> keep "optimal-ics"

(**
## E/I networks: global inhibition

A Dale matrix has excitatory (positive) and inhibitory (negative) columns. A random one with
strong weights is unstable; the stability-optimised circuit (SOC, Hennequin et al. 2014) lowers
the smoothed spectral abscissa by gradient descent on the inhibitory weights alone. Such circuits
amplify through the strength of their inhibition. The paper's Fig. 8 protocol: a SOC with
inhibition γ = 40 times the excitation, rescaled to ‖W‖_F = 100; scaling its inhibitory columns
down by up to 1/40 removes the amplification. (Weakening the inhibition of an ordinary γ = 3 SOC
instead destabilises it: its inhibition is what holds it stable.)
*)
let spec = DaleNetworkSpec(40, 0.1, 10.0, 40.0, 1UL)
// no autapses: the diagonal is zeroed every step as in the paper's code (issue #15), which takes more steps
let soc = StabilityOptimisedCircuit.Optimise(DaleNetwork.Build spec, spec.NE, targetAbscissa = 0.5, rate = 5.0, gamma = 40.0, maxIterations = 5000)
if not soc.Converged then failwithf "the γ = 40 SOC did not reach α ≤ 0.5 in 5000 steps (α = %g)" (Array.last soc.AbscissaHistory)
printfn "γ = 40 SOC: α ≤ 0.5 after %d steps, zero diagonal: %b" (soc.AbscissaHistory.Length - 1) (Seq.forall (fun i -> soc.W[i, i] = 0.0) [ 0 .. soc.W.RowCount - 1 ])
let w40 = DaleNetwork.NormaliseFrobenius(soc.W, 100.0)
let scales = [ 1.0 / 40.0; 0.1; 0.25; 0.5; 1.0 ]
let ampByInh = scales |> List.map (fun s -> (TransientAmplification.MaxAmplification(DaleNetwork.ScaleBlocks(w40, spec.NE, ie = s, ii = s), tau)).Value)
for s, a in List.zip scales ampByInh do printfn "inhibition × %.3f: max_t ‖e^{At}‖ = %.2f" s a
Chart.Line(scales, ampByInh, ShowMarkers = true)
|> Chart.withXAxisStyle "inhibitory scale (I→E, I→I)"
|> Chart.withYAxisStyle "max‖e^{At}‖"
|> keep "ei-inhibition"

(**
## The paper's own measures (issue #15)

Christodoulou et al. (2022) measure amplification per optimal initial condition vₖ (the
eigenvectors of the energy Gramian Q, (W − I)ᵀQ + Q(W − I) = −2I, their code's `MaximiseIC` with
flag = true): m_k = max_{t ≤ 5τ} ‖e^{At}vₖ‖ on a grid of τ/200, and a direction counts as amplified
when m_k > 1.5 (Fig. 3). Their second measure is geometric: the angles between the eigenvectors of
W, folded into [0°, 90°]; a normal matrix has all of them at 90°, and the paper reports the share
below 45°. Shrinking the imaginary diameter r (N = 40 here, ‖F‖_F scaled from 75 at N = 200):
*)
let ffScale40 = sqrt (40.0 * 39.0 / (200.0 * 199.0))
let fig3 =
    [ for r in [ 0.0; 1.0; 10.0; 100.0 ] ->
          let w = SchurConstruction.Build(SchurNetworkSpec(40, 6, -0.5, 0.5, r, 75.0 * ffScale40, false, 1UL))
          let d = DirectionAmplification.Compute w
          r, EigenvectorOverlaps.PercentBelow w, d.AmplifiedPercent, d.TopDirection ]
for r, o, a, m in fig3 do printfn "r = %5g: angles ≤ 45°: %5.1f %%, directions with m_k > 1.5: %5.1f %%, m₁ = %.3f" r o a m

(**
`MaximiseIC`'s other mode (flag = false) reads the dynamics out only through the plane of the most
oscillatory eigenmode: C = [Re v; Im v] for the unit eigenvector v of the eigenvalue with the largest
|Im λ|, so CᵀC = Re(v vᴴ) and (W − I)ᵀQ + Q(W − I) = −2CᵀC. Its top direction is the initial
condition that most excites that mode:
*)
let w20 = SchurConstruction.Build(SchurNetworkSpec(40, 6, -0.5, 0.5, 20.0, 75.0 * ffScale40, false, 1UL))
for mode in [ InitialConditionObjective.Energy; InitialConditionObjective.OscillatoryMode ] do
    let ic = InitialConditionOptimisation.Maximise(w20, mode)
    printfn "%-16s top energies %s" (string mode) (ic.AbsEigenvalues |> Array.take 3 |> Array.map (sprintf "%.4g") |> String.concat ", ")

(**
## Weak, short and long transients (Fig. 5A)

Splitting the Schur form into its spectrum D and feedforward part F and rescaling them separately,
M = x·D/‖D‖_F + y·F/‖F‖_F (then shifting so that max Re λ ≤ 0.5), gives the paper's three regimes of
the nonlinear network (tanh, r₀ = 1, r_max = 5, τ = 200 ms), named by how long ‖r(t)‖ stays ≥ 1:
(700, 100) weak, (500, 500) short, (100, 700) long. N = 200 as in the paper (a few seconds):
*)
let regimes = Theory.Experiments.Amplification.TransientRegimes()
let regimeRuns = [ for reg in AmplificationRegime.All -> regimes.Run reg ]
for r in regimeRuns do
    printfn "%-16s Δt(‖r‖ ≥ 1) = %6.0f ms → %s (peak ‖r‖ = %.2f)" r.Regime.Name (1e3 * r.DurationAboveOne) r.MeasuredClass r.Response.PeakNorm
[ for r in regimeRuns ->
      Chart.Line(r.Response.SampleTimes |> Array.map ((*) 1e3), [| for k in 0 .. r.Response.Samples.RowCount - 1 -> r.Response.Samples.Row(k).L2Norm() |], Name = r.Regime.Name) ]
|> Chart.combine
|> Chart.withXAxisStyle "t (ms)"
|> Chart.withYAxisStyle "‖r(t)‖"
|> keep "regimes"

(**
## Dimensionality, linear and nonlinear (Fig. 4B)

The paper's dimensionality analysis (their Fig. 4B; code `figure4_B.m` → `dim_analysis.m`) runs
every optimal initial condition for 50τ, linearly and through the tanh nonlinearity; the amplified
ones (peak > 2) contribute their first principal component, and the effective rank of those
components is the dimension the amplified responses share. In the nonlinear network the rates
saturate below (r ≥ −1), so fewer conditions pass the threshold:
*)
let lin20 = TransientAmplification.AmplifiedDimensionality(w20, 1.0, 2.0, 50.0, 200)
let nl20 = NonlinearDimensionality.Analyse(w20, RateNonlinearity.Christodoulou2022, 2.0, 50.0, 200)
printfn "linear: %.0f %% amplified, erank %.2f;  tanh: %.0f %% amplified, erank %.2f"
    (100.0 * lin20.AmplifiedFraction) lin20.EffectiveRank (100.0 * nl20.AmplifiedFraction) nl20.EffectiveRank

(**
The Fig. 7 γ sweep (stability-optimised E/I circuits for γ = 3 … 40, the same measures) is
`Theory.Experiments.Amplification.SocGammaSweep.Run` and the script
`paper-figures/Christodoulou2022_Fig7.fsx`.
*)

(**
## The spiking check

`Theory.Experiments.Amplification.SpikingAmplification` maps each unit of a 20-unit SOC onto 200
LIF neurons with exponential synaptic currents (τ_s = 20 ms) in an asynchronous irregular
baseline. Unit j projects onto unit i through K = 100 random synapses per neuron of weight
J_ij = W_ij/(g τ_s K), g the neurons' gain dr/dI measured in a calibration run (kicks of the
synaptic current in uncoupled populations that receive surrogate Poisson input with the same
statistics as the recurrent input); a bias cancels the mean recurrent current, and the rate-model
τ is the mean delay of the calibration response. An initial condition is applied as a kick
±δh e^{−t/τ_s} of the synaptic currents, and x̂ = (r⁺ − r⁻)/2 is averaged over trials and seeds.
A run takes minutes (the test suite's `crosscheck.Amplification` list), so it is not repeated
here; the call is

```fsharp
let r = Theory.Experiments.Amplification.SpikingAmplification.Soc20().Run()
printfn "peak ratio %.2f ± %.2f, time-to-peak ratio %.2f ± %.2f" r.PeakRatio r.PeakRatioSE r.TimeToPeakRatio r.TimeToPeakRatioSE
```

and its measured agreement is listed in `docs/MODELS.md` (Transient amplification).
*)
let spikingExample = Theory.Experiments.Amplification.SpikingAmplification.Soc20()
printfn "SOC-20: linear amplification of the optimal initial condition %.2f (τ = 20 ms)"
    ((TransientAmplification.Trajectory(spikingExample.W, spikingExample.X0, times, tau)).EnumerateColumns() |> Seq.map (fun c -> c.L2Norm()) |> Seq.max)
