// Jia, Vogels & Costa (2022) — short-term efficacy across development (cf. their Fig. 1).
//   D. W. Jia, T. P. Vogels, R. P. Costa (2022) Developmental depression-to-facilitation shift
//   controls excitation-inhibition balance. Commun. Biol. 5:873. Code: github.com/djia/dev-stp.
//
//   Tsodyks–Markram synapse in the convention of the paper's code: du/dt = (U − u)/τ_F,
//   dx/dt = (1 − x)/τ_D; at a spike r = u x, x ← x − r, u ← u + f(1 − u); efficacy A r, A = 1/U.
//   Development: U, τ_D, τ_F, f move geometrically from the early (depressing) fit
//   (U 0.3917, τ_D 313.4 ms, τ_F 79.8 ms, f 0.0625) to the late (facilitating) one
//   (U 0.1973, τ_D 84.5 ms, τ_F 295.9 ms, f 0.1168): p(s) = p_early^{1−s} p_late^{s}.
//
// Panels: A  steady-state efficacy per spike E(ν) at five stages: analytic Poisson mean (exact
//            moment hierarchy, lines), regular train (dotted), kernel simulation of 200
//            independent synapses driven by Poisson trains (points ± standard error);
//         B  efficacy per second ν E(ν) (analytic Poisson, kernel points);
//         C  memory trace: efficacy per spike of 5 Hz Poisson trains before, during and after a
//            200 ms burst at 50 Hz, relative to the 5 Hz steady state, at stages 0, 0.5, 1: exact
//            Poisson time course (moment hierarchy in time, lines) and kernel (2000 independent
//            synapses × 2 trials, 20 ms bins, points ± SE; MemoryTraceSimulation). Depressing
//            synapses transmit less after the burst (recovery with τ_D), facilitating ones more
//            (a trace decaying with τ_F).
// The memory traces and the synapse simulations are one sweep on every core (out/sweeps/, resumable).
// Output: paper-figures/out/JiaVogelsCosta2022_Efficacy.{html,png,pdf,csv}; CSV panel,series,x,y,x_unit,y_unit
// (x in Hz or s; y dimensionless or Hz).
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.ShortTermPlasticity
open Theory.Experiments.ShortTermPlasticity
open Theory.Experiments.Sweeps

let schedule = DevelopmentalSchedule.JiaVogelsCosta2022
let stages = [ 0.0; 0.25; 0.5; 0.75; 1.0 ]
let ratesFine = [ for i in 0 .. 120 -> 10.0 ** (-0.3 + 2.3 * float i / 120.0) ]   // 0.5 … 100 Hz
let ratesSim = if Figure.quick then [ 5.0; 20.0; 50.0 ] else [ 1.0; 2.0; 5.0; 10.0; 20.0; 50.0; 100.0 ]
let duration = if Figure.quick then 4.0 else 30.0

let analytic train =
    [ for s in stages -> s, [ for r in ratesFine -> (TsodyksMarkram.SteadyState(schedule.At s, r, train)).Efficacy ] ]
let poisson, regular = analytic SpikeTrain.PoissonExact, analytic SpikeTrain.Regular
let memoryStages = [ 0.0; 0.5; 1.0 ]
let memorySynapses = if Figure.quick then 1000 else 4000
let memoryTrace s = MemoryTraceSimulation(schedule.At s, Synapses = memorySynapses, Trials = 2, Seed = 5UL)

// One sweep on every core, resumable from out/sweeps/: the three memory-trace runs (kind 0, each with its
// exact Poisson time course) first, as they take longest, then every (stage, rate) synapse simulation (kind 1).
let result =
    let points =
        Sweep.Table [
            for s in memoryStages -> [ "kind", 0.0; "stage", s ]
            for s in stages do
                for r in ratesSim -> [ "kind", 1.0; "stage", s; "rate", r ] ]
    let run (p: SweepPoint) =
        if p["kind"] = 0.0 then
            let m = memoryTrace p["stage"]
            let baseline = TsodyksMarkram.PoissonExact(schedule.At p["stage"], m.BackgroundRate).Efficacy
            let tc = TsodyksMarkram.PoissonExactTimeCourse(schedule.At p["stage"], (fun t -> m.RateAt(t + 1e-9)), m.Period, 1e-3)
            let r = m.Run()
            SweepRow().AddSeries("exact_t", tc |> Array.map (fun r -> r.[0])).AddSeries("exact", tc |> Array.map (fun r -> r.[3] / baseline))
                .AddSeries("times", r.Times).AddSeries("simulated", r.Simulated).AddSeries("standard_error", r.StandardError)
                .AddSeries("analytic", r.Analytic).Add("baseline", r.Baseline)
        else
            let r = SingleSynapseSimulation(schedule.At p["stage"], p["rate"], true, 200, duration, min 3.0 (duration / 4.0), 3UL).Run()
            SweepRow().Add("efficacy", r.SimulatedEfficacy).Add("standard_error", r.StandardError).Add("spikes", float r.Spikes)
                .Add("regular", r.RegularAnalytic).Add("poisson_independent", r.PoissonIndependent).Add("poisson_exact", r.PoissonExact)
    let folder = Figure.sweepFolder "JiaVogelsCosta2022_Efficacy" (sprintf "%O %A %A %g %A %d" schedule stages ratesSim duration memoryStages memorySynapses)
    Sweep.Run(points, run, folder, tag = "JiaVogelsCosta2022_Efficacy")
let simulated =
    [ for k, s in List.indexed stages ->
          s, [ for j, r in List.indexed ratesSim ->
                   let row = result.Row(memoryStages.Length + k * ratesSim.Length + j)
                   SingleSynapseResult(r, true, row.Number "efficacy", row.Number "standard_error", int64 (row.Number "spikes"),
                                       row.Number "regular", row.Number "poisson_independent", row.Number "poisson_exact") ] ]
let memoryCurves = [ for k, s in List.indexed memoryStages -> s, (result.Row k).Series "exact_t", (result.Row k).Series "exact" ]
let memoryRuns =
    [ for k, s in List.indexed memoryStages ->
          let row = result.Row k
          s, MemoryTraceResult(row.Series "times", row.Series "simulated", row.Series "standard_error", row.Series "analytic", row.Number "baseline") ]

let colour s = Color.fromString (sprintf "hsl(%d, 70%%, 40%%)" (int (240.0 * (1.0 - s))))
let logX title = LayoutObjects.LinearAxis.init (AxisType = StyleParam.AxisType.Log, Title = Title.init title)

let panelA =
    [ for (s, ys), (_, yr), (_, sims) in List.zip3 poisson regular simulated do
          yield Chart.Line(ratesFine, ys, Name = sprintf "stage %.2f" s, LineColor = colour s)
          yield Chart.Line(ratesFine, yr, Name = sprintf "stage %.2f, regular" s, LineColor = colour s, LineDash = StyleParam.DrawingStyle.Dot, ShowLegend = false)
          yield Chart.Point(ratesSim, sims |> List.map (fun r -> r.SimulatedEfficacy), Name = sprintf "stage %.2f, kernel" s,
                            MarkerColor = colour s, ShowLegend = false)
                |> Chart.withYErrorStyle (Array = (sims |> List.map (fun r -> r.StandardError))) ]
    |> Chart.combine |> Chart.withXAxis (logX "presynaptic rate ν (Hz)") |> Chart.withYAxisStyle "efficacy per spike A⟨r⟩"
let panelB =
    [ for (s, ys), (_, sims) in List.zip poisson simulated do
          yield Chart.Line(ratesFine, List.map2 (*) ratesFine ys, Name = sprintf "ν E, stage %.2f" s, LineColor = colour s, ShowLegend = false)
          yield Chart.Point(ratesSim, sims |> List.map (fun r -> r.Rate * r.SimulatedEfficacy), MarkerColor = colour s, ShowLegend = false) ]
    |> Chart.combine |> Chart.withXAxis (logX "presynaptic rate ν (Hz)") |> Chart.withYAxisStyle "efficacy per second ν E (Hz)"
let panelC =
    [ for (s, t, ys), (_, r) in List.zip memoryCurves memoryRuns do
          // the stage's colour is named once in the legend (from A); C's lines and points are told by the title
          yield Chart.Line(t, ys, Name = sprintf "exact Poisson, stage %.1f" s, LineColor = colour s, ShowLegend = false)
          yield Chart.Point(r.Times, r.Simulated, Name = sprintf "kernel, stage %.1f" s, MarkerColor = colour s, ShowLegend = false)
                |> Chart.withYErrorStyle (Array = r.StandardError) ]
    |> Chart.combine |> Chart.withXAxisStyle "time (s); 50 Hz burst at 0.5–0.7 s" |> Chart.withYAxisStyle "efficacy per spike / 5 Hz steady state"

let chart =
    Chart.Grid(1, 3, SubPlotTitles = [ "A  efficacy per spike (lines: Poisson, dotted: regular, points: kernel ± SE)"; "B  efficacy per second (line: Poisson, points: kernel)"; "C  memory trace of a burst (line: exact Poisson, points: kernel ± SE)" ])
        [ panelA; panelB; panelC ]
    |> Chart.withTitle "Jia, Vogels & Costa (2022): Tsodyks–Markram efficacy across the depression-to-facilitation shift"

let data =
    Figure.long [ "B", "Hz", "Hz"; "A", "Hz", "1"; "C", "s", "1" ] [
        for s, ys in poisson -> "A", sprintf "poisson_analytic_stage_%.2f" s, Seq.ofList ratesFine, Seq.ofList ys
        for s, ys in regular -> "A", sprintf "regular_analytic_stage_%.2f" s, Seq.ofList ratesFine, Seq.ofList ys
        for s, sims in simulated -> "A", sprintf "kernel_stage_%.2f" s, ratesSim, sims |> Seq.map (fun r -> r.SimulatedEfficacy)
        for s, sims in simulated -> "A", sprintf "kernel_se_stage_%.2f" s, ratesSim, sims |> Seq.map (fun r -> r.StandardError)
        for s, ys in poisson -> "B", sprintf "per_second_stage_%.2f" s, ratesFine, Seq.map2 (*) ratesFine ys
        for s, t, ys in memoryCurves -> "C", sprintf "exact_stage_%.1f" s, Seq.ofArray t, Seq.ofArray ys
        for s, r in memoryRuns -> "C", sprintf "kernel_stage_%.1f" s, Seq.ofArray r.Times, Seq.ofArray r.Simulated
        for s, r in memoryRuns -> "C", sprintf "kernel_se_stage_%.1f" s, Seq.ofArray r.Times, Seq.ofArray r.StandardError ]

Figure.save "JiaVogelsCosta2022_Efficacy" (1500, 480) chart data
for s, sims in simulated do
    for r in sims do
        printfn "stage %.2f  %5.1f Hz  kernel %.4f ± %.4f  analytic %.4f  z = %+.2f" s r.Rate r.SimulatedEfficacy r.StandardError r.Analytic r.ZScore
for s, r in memoryRuns do
    let z = r.ZScores
    printfn "memory trace stage %.1f: rms z %.2f, max |z| %.2f over %d bins" s (sqrt (z |> Array.averageBy (fun x -> x * x))) (z |> Array.map abs |> Array.max) z.Length
