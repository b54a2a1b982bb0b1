// Christodoulou, Vogels & Agnes (2022) — Fig. 7E–G: stability-optimised E/I circuits against γ.
//   G. Christodoulou, T. P. Vogels, E. J. Agnes, PLoS Comput Biol 18:e1010365 (2022), Fig. 7E–G
//   (code: figure7_E_and_F.m, figure7_G.m, initialnet_gamma.m, create_inh_soc_gamma.m); SOC:
//   G. Hennequin, T. P. Vogels, W. Gerstner, Neuron 82:1394 (2014).
//
//   For each inhibitory dominance γ: a random E/I network (N/2 E, N/2 I, p = 0.1, R = 10), stability-optimised
//   on its inhibitory weights with the mean inhibition kept γ times the excitation (rate 5, target abscissa
//   0.5, `StabilityOptimisedCircuit.Optimise`), rescaled to ‖W‖_F = 100·√(N(N−1)/(200·199))
//   (`SocGammaSweep.Run`). Then
//   E  m_k = max_{t ≤ 5τ} ‖e^{At}vₖ‖ for every optimal initial condition vₖ (`DirectionAmplification`);
//   F  ‖D‖_F = √Σ|λ|² and ‖F‖_F of the real Schur form W = U(D + F)Uᵀ (`SchurParts.Of`);
//   G  % of conditions with peak > 2 and the effective rank of their principal components (% of N),
//      linear and tanh (`AmplifiedDimensionality`, `NonlinearDimensionality`).
//   The numbers depend on `StabilityOptimisedCircuit` (issue #15 defect 1: the diagonal is zeroed at
//   every step in the paper's code); re-run this script after that fix is merged.
//
// Panels: E  m_k against the condition index k (energies descending), one curve per γ (mean over seeds);
//         F  ‖D‖_F and ‖F‖_F against γ;  G  % amplified and effective rank against γ.
// Parameters: γ ∈ {3, 5, 10, 20, 30, 40} (the paper's), N = 100, seeds 1–3 (quick: N = 40, seed 1; the paper:
// N = 200, 10 seeds for E/F, 1 for G), at most 1000 SOC steps; each (γ, seed) is one point of a sweep on every
// core (out/sweeps/, resumable). Circuits that end unstable (max Re λ ≥ 1 after the rescaling) are left out.
// Output: paper-figures/out/Christodoulou2022_Fig7.{html,png,pdf,csv}; CSV columns panel,series,x,y,x_unit,y_unit.
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.Experiments.Amplification
open Theory.Experiments.Sweeps

MathNet.Numerics.Control.UseSingleThread()

let n = if Figure.quick then 40 else 100
let seeds = if Figure.quick then [ 1 ] else [ 1; 2; 3 ]
let samples = if Figure.quick then 200 else 500
let gammas = SocGammaSweep.PaperGammas |> List.ofSeq

let result =
    let run (q: SweepPoint) =
        let p = SocGammaSweep.Run(n, q["gamma"], uint64 q["seed"], 1000, true, samples)
        let row = SweepRow().Add("abscissa", p.Abscissa).Add("iterations", float p.Iterations).Add("converged", (if p.Converged then 1.0 else 0.0))
                            .Add("spectral_norm", p.Parts.SpectralNorm).Add("feedforward_norm", p.Parts.FeedforwardNorm)
        // the three analyses are null when the rescaled circuit is unstable
        if isNull p.Directions || isNull p.Linear || isNull p.Nonlinear then row
        else
            row.AddSeries("peaks", p.Directions.PeakNorms).Add("amplified_percent_1_5", p.Directions.AmplifiedPercent)
               .Add("lin_fraction", p.Linear.AmplifiedFraction).Add("lin_erank", p.Linear.EffectiveRank)
               .Add("nl_fraction", p.Nonlinear.AmplifiedFraction).Add("nl_erank", p.Nonlinear.EffectiveRank)
    let folder = Figure.sweepFolder "Christodoulou2022_Fig7" (sprintf "%d %A %d %A" n seeds samples gammas)
    Sweep.Run(Sweep.Grid [ "gamma", Array.ofList gammas; "seed", seeds |> List.map float |> Array.ofList ], run, folder, tag = "Christodoulou2022_Fig7")

let rowsOf i = [ for s in 0 .. seeds.Length - 1 -> result.Row(i * seeds.Length + s) ]
let stableRows i = rowsOf i |> List.filter (fun r -> r.Number "abscissa" < 1.0)
let meanOf name rows = match rows with [] -> nan | _ -> rows |> List.averageBy (fun (r: SweepRow) -> r.Number name)
let perGamma =
    [ for i, g in List.indexed gammas ->
          let st = stableRows i
          let peaks = match st with [] -> [||] | _ -> let arrs = st |> List.map (fun r -> r.Series "peaks") in Array.init n (fun k -> arrs |> List.averageBy (fun a -> a.[k]))
          g, st.Length, meanOf "spectral_norm" (rowsOf i), meanOf "feedforward_norm" (rowsOf i), peaks,
          100.0 * meanOf "lin_fraction" st, 100.0 * meanOf "nl_fraction" st,
          100.0 / float n * meanOf "lin_erank" st, 100.0 / float n * meanOf "nl_erank" st ]
for g, ns, sn, fn, peaks, lf, nf, lr, nr in perGamma do
    printfn "gamma = %2g: stable %d/%d  ||D||_F = %7.3f ||F||_F = %7.3f  m1 = %8.4f  amplified lin %5.1f %% tanh %5.1f %%  erank lin %5.1f %% tanh %5.1f %%"
        g ns seeds.Length sn fn (if peaks.Length > 0 then peaks.[0] else nan) lf nf lr nr

let ks = [ for k in 1 .. n -> float k ]
let panelE =
    [ for g, _, _, _, peaks, _, _, _, _ in perGamma do
          if peaks.Length > 0 then yield Chart.Line(ks, peaks, Name = sprintf "γ = %g" g) ]
    |> Chart.combine |> Chart.withXAxisStyle "condition k" |> Chart.withYAxisStyle "max<sub>t≤5τ</sub> ‖e<sup>At</sup>v<sub>k</sub>‖"
let gx = perGamma |> List.map (fun (g, _, _, _, _, _, _, _, _) -> g)
let pick f = perGamma |> List.map f
let panelF =
    [ Chart.Line(gx, pick (fun (_, _, s, _, _, _, _, _, _) -> s), Name = "spectrum ‖D‖<sub>F</sub>", ShowMarkers = true)
      Chart.Line(gx, pick (fun (_, _, _, f, _, _, _, _, _) -> f), Name = "feedforward ‖F‖<sub>F</sub>", ShowMarkers = true) ]
    |> Chart.combine |> Chart.withXAxisStyle "γ" |> Chart.withYAxisStyle "Frobenius norm"
let panelG =
    [ Chart.Line(gx, pick (fun (_, _, _, _, _, a, _, _, _) -> a), Name = "% amplified, linear", ShowMarkers = true)
      Chart.Line(gx, pick (fun (_, _, _, _, _, _, a, _, _) -> a), Name = "% amplified, tanh", ShowMarkers = true)
      Chart.Line(gx, pick (fun (_, _, _, _, _, _, _, r, _) -> r), Name = "erank %, linear", ShowMarkers = true, LineDash = StyleParam.DrawingStyle.Dash)
      Chart.Line(gx, pick (fun (_, _, _, _, _, _, _, _, r) -> r), Name = "erank %, tanh", ShowMarkers = true, LineDash = StyleParam.DrawingStyle.Dash) ]
    |> Chart.combine |> Chart.withXAxisStyle "γ" |> Chart.withYAxisStyle "% of N"
let chart =
    Chart.Grid(1, 3, SubPlotTitles = [ "E  amplification per condition"; "F  spectrum vs feedforward norm"; "G  amplified conditions and dimension" ])
        [ panelE; panelF; panelG ]
    |> Chart.withTitle (sprintf "Christodoulou et al. (2022) Fig. 7E–G: SOC circuits against γ (N = %d, %d seed(s))" n seeds.Length)

let data =
    Figure.long [ "G", "1", "%"; "*", "1", "1" ] [
        for g, _, _, _, peaks, _, _, _, _ in perGamma do
            if peaks.Length > 0 then yield "E", sprintf "gamma=%g" g, ks |> Seq.ofList, peaks |> Seq.ofArray
        yield "F", "spectral_norm", gx, pick (fun (_, _, s, _, _, _, _, _, _) -> s)
        yield "F", "feedforward_norm", gx, pick (fun (_, _, _, f, _, _, _, _, _) -> f)
        yield "G", "linear_percent", gx, pick (fun (_, _, _, _, _, a, _, _, _) -> a)
        yield "G", "nonlinear_percent", gx, pick (fun (_, _, _, _, _, _, a, _, _) -> a)
        yield "G", "linear_erank_percent", gx, pick (fun (_, _, _, _, _, _, _, r, _) -> r)
        yield "G", "nonlinear_erank_percent", gx, pick (fun (_, _, _, _, _, _, _, _, r) -> r) ]

Figure.save "Christodoulou2022_Fig7" (1600, 480) chart data
