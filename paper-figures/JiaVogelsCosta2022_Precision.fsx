// Jia, Vogels & Costa (2022) — spike-timing precision across development (cf. their claim that
// the depression-to-facilitation shift makes spike timing more precise).
//   D. W. Jia, T. P. Vogels, R. P. Costa (2022) Commun. Biol. 5:873; github.com/djia/dev-stp.
//
//   The circuit of JiaVogelsCosta2022_Balance.fsx at fixed stages, inhibitory weight fixed at the
//   rate model's fixed point for the mean input rate (η = 0), driven repeatedly by the same frozen
//   synthetic paper-protocol channel rates (SyntheticInputRates: mean 9.3 Hz, SD 13.6 Hz, 5 ms bins)
//   with fresh input spikes and noise per trial. Precision: Schreiber et al. (2003) reliability R
//   (Gaussian σ = 5 ms; mean pairwise cosine of the smoothed trains).
//   Rate model: mean-field STP time course per channel, quasi-static Siegert rate λ(t), trials as
//   inhomogeneous Poisson processes: R ≈ ∫(G∗λ)² / (∫(G∗λ)² + ∫G² ∫λ).
//
// Panels: A  reliability R against developmental stage: kernel (points), rate model (line);
//         B  receiver rasters over the same 2 s of signal, early (stage 0) and late (stage 1).
// The stages are one sweep on every core (out/sweeps/, resumable).
// Output: paper-figures/out/JiaVogelsCosta2022_Precision.{html,png,pdf,csv}; CSV panel,series,x,y,x_unit,y_unit
// (A: x stage, y R; B: x time in s, y trial index).
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.ShortTermPlasticity
open Theory.Experiments.ShortTermPlasticity
open Theory.Experiments.Sweeps

let stages = if Figure.quick then [ 0.0; 0.5; 1.0 ] else [ 0.0; 0.25; 0.5; 0.75; 1.0 ]
let trials, duration = (if Figure.quick then 6 else 20), (if Figure.quick then 4.0 else 10.0)
// every stage is one point of a sweep on every core, resumable from out/sweeps/
let runs =
    let run (q: SweepPoint) =
        let r = SpikeTimingReliability(q["stage"], Trials = trials, Duration = duration).Run()
        let row = SweepRow().Add("reliability", r.Reliability).Add("model_reliability", r.ModelReliability).Add("w_inh", r.WInh)
        r.Trains |> Array.iteri (fun k t -> row.AddSeries(sprintf "train_%d" k, t) |> ignore)
        row
    let folder = Figure.sweepFolder "JiaVogelsCosta2022_Precision" (sprintf "%O %A %d %g" DevelopmentalCircuit.JiaVogelsCosta2022 stages trials duration)
    let result = Sweep.Run(Sweep.Grid [ "stage", Array.ofList stages ], run, folder, tag = "JiaVogelsCosta2022_Precision")
    [ for k, s in List.indexed stages ->
          let row = result.Row k
          s, SpikeTimingResult(Array.init trials (fun i -> row.Series(sprintf "train_%d" i)), row.Number "reliability", row.Number "w_inh",
                               ModelReliability = row.Number "model_reliability") ]

let panelA =
    [ Chart.Point(stages, runs |> List.map (fun (_, r) -> r.Reliability), Name = "kernel", MarkerColor = Color.fromString "#1b9e77")
      Chart.Line(stages, runs |> List.map (fun (_, r) -> r.ModelReliability), Name = "rate model (quasi-static Poisson)", LineColor = Color.fromString "#444444") ]
    |> Chart.combine |> Chart.withXAxisStyle "developmental stage" |> Chart.withYAxisStyle "reliability R (σ = 5 ms)"
let raster (s: float) colour offset =
    let r = runs |> List.find (fst >> (=) s) |> snd
    let pts = [ for k in 0 .. r.Trains.Length - 1 do for t in r.Trains.[k] do if t < 2.0 then yield t, float (k + offset) ]
    Chart.Point(pts |> List.map fst, pts |> List.map snd, Name = sprintf "stage %.0f" s, MarkerColor = Color.fromString colour)
let panelB =
    [ raster 0.0 "#7570b3" 0; raster 1.0 "#d95f02" (trials + 2) ]
    |> Chart.combine |> Chart.withXAxisStyle "time (s)" |> Chart.withYAxisStyle "trial (early below, late above)"

let chart =
    Chart.Grid(1, 2, SubPlotTitles = [ "A  spike-timing reliability across development"; "B  rasters, frozen input" ]) [ panelA; panelB ]
    |> Chart.withTitle "Jia, Vogels & Costa (2022): spike timing becomes more precise with the depression-to-facilitation shift"

let data =
    Figure.long [ "A", "1", "1"; "B", "s", "1" ] [
        yield "A", "kernel", Seq.ofList stages, runs |> Seq.map (fun (_, r) -> r.Reliability)
        yield "A", "rate model", Seq.ofList stages, runs |> Seq.map (fun (_, r) -> r.ModelReliability)
        for s in [ 0.0; 1.0 ] do
            let r = runs |> List.find (fst >> (=) s) |> snd
            let pts = [ for k in 0 .. r.Trains.Length - 1 do for t in r.Trains.[k] do if t < 2.0 then yield t, float k ]
            yield "B", sprintf "raster stage %.0f" s, pts |> Seq.map fst, pts |> Seq.map snd ]

Figure.save "JiaVogelsCosta2022_Precision" (1300, 480) chart data
for s, r in runs do
    printfn "stage %.2f: R = %.3f (rate model %.3f), receiver %.2f Hz, w_isp %.3f, %d trials × %.0f s" s r.Reliability r.ModelReliability (r.MeanRate duration) r.WInh trials duration
