// Christodoulou, Vogels & Agnes (2022) — amplification in E/I (Dale) networks.
//   G. Christodoulou, T. P. Vogels, E. J. Agnes, PLoS Comput Biol 18:e1010365 (2022), Figs. 8
//   and 9; stability-optimised circuits (SOC): G. Hennequin, T. P. Vogels, W. Gerstner,
//   Neuron 82:1394 (2014).
//
//   W: N/2 excitatory and N/2 inhibitory columns, density p = 0.1, spectral radius R = 10,
//   stabilised by gradient descent on the inhibitory weights (smoothed spectral abscissa,
//   target 0.5; `StabilityOptimisedCircuit`), then rescaled to ‖W‖_F = 100 as in the paper.
//   Maximal amplification max_t ‖e^{At}‖₂, A = (W − I)/τ.
//
// Panels: A  (Fig. 8) a γ = 40 SOC: the inhibitory columns (I→E and I→I) scaled by s from
//            1/40 to 1 — amplification grows with the strength of global inhibition;
//         B  (Fig. 9) E→I block scaled by κ = W_IE/W_EE, re-optimised (γ = 3), ‖W‖_F = 100:
//            the imaginary diameter max Im λ − min Im λ grows with κ;
//         C  the amplification of the circuits of B (those still stable after the rescaling).
// Parameters: N = 100 (40 in quick mode), τ = 20 ms, seed 1, at most 5000 optimisation steps (no autapses: the
// diagonal is zeroed every step as create_inh_soc_gamma.m does, issue #15; the two starting circuits must converge,
// a κ point that does not is left out of B and C and named in the title). The two starting
// circuits, then every point of A–C, run as sweeps on every core (out/sweeps/, resumable).
// Output: paper-figures/out/Christodoulou2022_EI.{html,png,pdf,csv}; CSV columns panel,series,x,y,x_unit,y_unit.
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open MathNet.Numerics.LinearAlgebra
open Theory.Amplification
open Theory.Experiments.Sweeps

// The sweep fills the cores with whole networks; MathNet's own parallel loops over N ≤ 200 products only add
// synchronisation (4× the CPU time of one thread here) and do not change any result.
MathNet.Numerics.Control.UseSingleThread()

let tau = 0.02
let n = if Figure.quick then 40 else 100
let spec = DaleNetworkSpec(n, 0.1, 10.0, 3.0, 1UL)
let amp w = (TransientAmplification.MaxAmplification(w, tau)).Value

let scales = if Figure.quick then [ 1.0 / 40.0; 0.1; 0.3; 1.0 ] else [ for k in 0 .. 12 -> (1.0 / 40.0) * 40.0 ** (float k / 12.0) ]
let kappas = if Figure.quick then [ 0.5; 1.0; 2.0 ] else [ 0.25; 0.5; 0.75; 1.0; 1.5; 2.0; 3.0; 4.0 ]
let config = sprintf "%O %g %A %A" spec tau scales kappas
let toMatrix (a: float[]) = Matrix<float>.Build.DenseOfRowMajor(n, n, a)
let socOf (r: StabilityOptimisedCircuit.Result) what =
    if not r.Converged then failwithf "%s: the stability optimisation did not reach α ≤ 0.5 in %d steps (α = %g)" what (r.AbscissaHistory.Length - 1) (Array.last r.AbscissaHistory)
    r.W

// Two sweeps on every core, resumable from out/sweeps/. First the two optimised circuits everything else
// starts from: the γ = 40 SOC of A (kind 0) and the γ = 3 base of B, C (kind 1), stored as row-major W.
let circuits =
    let run (q: SweepPoint) =
        let w =
            if q["kind"] = 0.0 then
                let soc40 = StabilityOptimisedCircuit.Optimise(DaleNetwork.Build(spec.WithGamma 40.0), spec.NE, targetAbscissa = 0.5, rate = 5.0, gamma = 40.0, maxIterations = 5000)
                DaleNetwork.NormaliseFrobenius(socOf soc40 "γ = 40 SOC", 100.0)
            else socOf (StabilityOptimisedCircuit.Optimise(DaleNetwork.Build spec, spec.NE, targetAbscissa = 0.5, rate = 5.0, maxIterations = 5000)) "γ = 3 base"
        SweepRow().AddSeries("w", w.ToRowMajorArray())
    Sweep.Run(Sweep.Grid [ "kind", [| 0.0; 1.0 |] ], run, Figure.sweepFolder "Christodoulou2022_EI-circuits" config, tag = "Christodoulou2022_EI-circuits")
let w40 = toMatrix ((circuits.Row 0).Series "w")
let base0 = toMatrix ((circuits.Row 1).Series "w")

// Then every point of A (kind 2: inhibitory scale s) and of B, C (kind 3: κ, re-optimised; the longest, first).
let points =
    let run (q: SweepPoint) =
        if q["kind"] = 3.0 then
            let scaled = DaleNetwork.ScaleBlocks(base0, spec.NE, ei = q["kappa"])
            let soc = StabilityOptimisedCircuit.Optimise(scaled, spec.NE, targetAbscissa = 0.5, rate = 5.0, maxIterations = 5000)
            if soc.Converged then
                let w = DaleNetwork.NormaliseFrobenius(soc.W, 100.0)
                SweepRow().Add("converged", 1.0).Add("spread", DaleNetwork.ImaginarySpread w).Add("amplification", amp w)
                    .Add("final_abscissa", Array.last soc.AbscissaHistory)
            else
                // not stabilised within the step cap (κ = 4 without autapses: α = 0.765 after 5000 steps): kept as a
                // row with its final α, left out of panels B and C and named in the title and the printout
                SweepRow().Add("converged", 0.0).Add("spread", 0.0).Add("amplification", 0.0)
                    .Add("final_abscissa", Array.last soc.AbscissaHistory)
        else
            let w = DaleNetwork.ScaleBlocks(w40, spec.NE, ie = q["s"], ii = q["s"])
            SweepRow().Add("amplification", amp w).Add("abscissa", TransientAmplification.SpectralAbscissa(w, tau))
    let table = Sweep.Table [ for k in kappas -> [ "kind", 3.0; "kappa", k ]
                              for s in scales -> [ "kind", 2.0; "s", s ] ]
    Sweep.Run(table, run, Figure.sweepFolder "Christodoulou2022_EI" config, tag = "Christodoulou2022_EI")
// A — global inhibition
let byInh =
    [ for k, s in List.indexed scales ->
          let row = points.Row(kappas.Length + k)
          s, row.Number "amplification", row.Number "abscissa" ]
// B, C — E→I / E→E ratio
let byKappa, unstabilised =
    let rows = [ for k, kappa in List.indexed kappas -> kappa, points.Row k ]
    [ for kappa, row in rows do if row.Number "converged" = 1.0 then yield kappa, row.Number "spread", row.Number "amplification" ],
    [ for kappa, row in rows do if row.Number "converged" = 0.0 then yield kappa, row.Number "final_abscissa" ]
for kappa, alpha in unstabilised do
    printfn "κ = %g: the stability optimisation did not reach α ≤ 0.5 in 5000 steps (α = %.3f /s): left out of B and C" kappa alpha
/// Rescaling to ‖W‖_F = 100 can push a weakly stable circuit past α = 0 (amplification +∞):
/// such circuits are left out of panel C (and its CSV rows) rather than drawn at infinity.
let stableKappa = byKappa |> List.filter (fun (_, _, a) -> System.Double.IsFinite a)

let logX title = LayoutObjects.LinearAxis.init (AxisType = StyleParam.AxisType.Log, Title = Title.init title)
let panelA =
    Chart.Line(byInh |> List.map (fun (s, _, _) -> s), byInh |> List.map (fun (_, a, _) -> a), Name = "γ = 40 SOC", ShowMarkers = true)
    |> Chart.withXAxis (logX "inhibitory scale s (I→E, I→I)")
    |> Chart.withYAxisStyle "max<sub>t</sub> ‖e<sup>At</sup>‖<sub>2</sub>"
let panelB =
    Chart.Line(byKappa |> List.map (fun (k, _, _) -> k), byKappa |> List.map (fun (_, r, _) -> r), Name = "imaginary diameter", ShowMarkers = true)
    |> Chart.withXAxisStyle "κ = W<sub>IE</sub>/W<sub>EE</sub>"
    |> Chart.withYAxisStyle "max Im λ − min Im λ"
let panelC =
    Chart.Line(stableKappa |> List.map (fun (k, _, _) -> k), stableKappa |> List.map (fun (_, _, a) -> a), Name = "amplification (stable circuits)", ShowMarkers = true)
    |> Chart.withXAxisStyle "κ = W<sub>IE</sub>/W<sub>EE</sub>"
    |> Chart.withYAxisStyle "max<sub>t</sub> ‖e<sup>At</sup>‖<sub>2</sub>"

let chart =
    Chart.Grid(1, 3, SubPlotTitles = [ "A  amplification vs global inhibition"; "B  imaginary spread vs E→I/E→E"; "C  amplification vs E→I/E→E" ])
        [ panelA; panelB; panelC ]
    |> Chart.withTitle (
        sprintf "Christodoulou et al. (2022): E/I stability-optimised circuits, N = %d, ‖W‖<sub>F</sub> = 100%s" n
            (if unstabilised.IsEmpty then ""
             else "<br>not stabilised in 5000 steps (left out of B, C): "
                  + String.concat ", " [ for k, a in unstabilised -> sprintf "κ = %g (α = %.2f /s)" k a ]))

let data =
    Figure.long [ "A/spectral_abscissa_per_s", "1", "1/s"; "*", "1", "1" ] [
        "A", "amplification", byInh |> Seq.map (fun (s, _, _) -> s), byInh |> Seq.map (fun (_, a, _) -> a)
        "A", "spectral_abscissa_per_s", byInh |> Seq.map (fun (s, _, _) -> s), byInh |> Seq.map (fun (_, _, a) -> a)
        "B", "imaginary_diameter", byKappa |> Seq.map (fun (k, _, _) -> k), byKappa |> Seq.map (fun (_, r, _) -> r)
        "C", "amplification", stableKappa |> Seq.map (fun (k, _, _) -> k), stableKappa |> Seq.map (fun (_, _, a) -> a) ]

Figure.save "Christodoulou2022_EI" (1500, 480) chart data
