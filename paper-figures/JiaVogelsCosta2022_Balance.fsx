// Jia, Vogels & Costa (2022) — E/I balance over development and response types (cf. their
// Figs. 2–4). D. W. Jia, T. P. Vogels, R. P. Costa (2022) Commun. Biol. 5:873; github.com/djia/dev-stp.
//
//   One conductance LIF receiver (C 200 pF, g_L 10 nS, θ −50 mV, τ_ref 4 ms, white noise 45 pA)
//   driven by 8 channels × (100 excitatory + 25 inhibitory) Poisson inputs; excitatory synapses
//   with the developing Tsodyks–Markram parameters, inhibitory ones depressing and learning with
//   the Vogels et al. (2011) rule: pre spike w += η(x_post − 2ρ₀τ), post spike w += η x_pre,
//   ρ₀ = 5 Hz, τ = 20 ms. Rate model: effective-time-constant Siegert rate with exact Poisson STP
//   means and the discrete-time (dt = 0.1 ms) threshold correction; weight ODE
//   dw/dt = ην_I [2τ(ν_post − ρ₀) + c_I] with the spike-correlation term c_I.
//   Departures (docs/MODELS.md): stationary 10 Hz inputs instead of the paper's recorded rates
//   (a fourth kernel run uses the synthetic paper-protocol rates, SyntheticInputRates: mean 9.3 Hz,
//   SD 13.6 Hz, 5 ms bins, independent channels); η = 10⁻² (paper 10⁻³) and a stage step of 0.02
//   per 0.5 s (paper 1/3599) to fit a short run.
//
// Panels: A  receiver rate over time: with the developmental shift (stage advances only while the
//            rate is below 5 Hz, as in the paper's code), facilitating from the start (no shift),
//            depressing throughout, and with the shift under the synthetic paper-protocol inputs;
//            kernel (lines) and rate model (dashed);
//         B  mean inhibitory weight w_isp over time, kernel and rate model;
//         C  developmental stage over time under the balance gate (kernel, rate model);
//         D  response to a step of the input rate 2 → 30 Hz (inhibition fixed at the balanced
//            weight for 10 Hz): phasic early, sustained late; kernel PSTH (points), rate model (lines).
// The nine independent runs (kernel and rate model) are one sweep on every core (out/sweeps/, resumable).
// Output: paper-figures/out/JiaVogelsCosta2022_Balance.{html,png,pdf,csv}; CSV panel,series,x,y,x_unit,y_unit
// (x in s; y in Hz, dimensionless w_isp or stage).
#load "_Figure.fsx"
open System
open _Figure
open Plotly.NET
open Theory.ShortTermPlasticity
open Theory.Experiments.ShortTermPlasticity
open Theory.Experiments.Sweeps

let circuit = DevelopmentalCircuit.JiaVogelsCosta2022.With(eta = 1e-2)
let nu = 10.0
let rates = circuit.Uniform nu
let duration = if Figure.quick then 15.0 else 150.0
let stageStep = if Figure.quick then 0.05 else 0.02
let eta = Nullable 1e-2

let sim stage follow =
    DevelopmentalCircuitSimulation(Stage = stage, ChannelRate = nu, Duration = duration, Eta = eta, InitialWInh = 0.0,
                                   FollowSchedule = follow, StageStep = stageStep, Seed = 5UL).Run()
let paperInputsRun () =
    DevelopmentalCircuitSimulation(Stage = 0.0, Duration = duration, Eta = eta, InitialWInh = 0.0, FollowSchedule = true, StageStep = stageStep, Seed = 5UL,
                                   ChannelRatesOfTime = SyntheticInputRates.JiaVogelsCosta2022.Channels(8, duration, 11UL)).Run()

/// Rate model with the same gate, chunk by chunk (0.5 s), weight ODE at dt = 0.05 s. The model's
/// rate approaches ρ₀ only asymptotically (no fluctuations), so its gate opens below 5.1 Hz.
let model stage0 follow =
    let mutable stage, w, counter = stage0, 0.0, 0
    [ for k in 1 .. int (duration / 0.5) do
          let tc = circuit.WeightTimeCourse(stage, rates, w, 0.5, 0.05)
          let rate = tc |> Array.take (tc.Length - 1) |> Array.averageBy (fun r -> r.[2])
          w <- tc.[tc.Length - 1].[1]
          let row = float k * 0.5, rate, w, stage
          if follow then
              if rate < 5.1 then (if counter > 0 then counter <- counter - 1) else counter <- counter + int (Math.Round(rate / 5.0))
              if counter = 0 && stage < 1.0 then stage <- min 1.0 (stage + stageStep)
          yield row ]

// step responses: 10 trials of 0.5 s at 2 Hz then 1 s at 30 Hz, PSTH in 20 ms bins
let trials, before, after = (if Figure.quick then 6 else 30), 0.5, 1.0
let period = before + after
let stepResponse stage =
    let w = circuit.FixedPoint(stage, circuit.Uniform 10.0).WInh
    let r =
        DevelopmentalCircuitSimulation(Stage = stage, Duration = float trials * period, Eta = Nullable 0.0, InitialWInh = w, Seed = 9UL,
                                       RateOfTime = Func<float, float>(fun t -> if t % period < before then 2.0 else 30.0)).Run()
    let bin = 0.02
    let nb = int (Math.Round(period / bin))
    let counts = Array.zeroCreate nb
    for t in r.SpikeTimes do
        let b = int ((t % period) / bin)
        if b < nb then counts.[b] <- counts.[b] + 1
    let centres = [ for b in 0 .. nb - 1 -> (float b + 0.5) * bin - before ]
    let psth = [ for c in counts -> float c / (float trials * bin) ]
    let modelRows = circuit.StepResponse(stage, 2.0, 30.0, w, after, 0.005)
    centres, psth, modelRows |> Array.map (fun r -> r.[0]) |> List.ofArray, modelRows |> Array.map (fun r -> r.[2]) |> List.ofArray

// The nine independent runs are one sweep on every core (longest first), resumable from out/sweeps/:
// kind 0 a kernel run of panels A–C (job 0–2: sim stage follow; job 3: paper-protocol inputs),
// kind 1 a step response of panel D, kind 2 a rate-model run of panels A–C.
let jobs : seq<seq<string * float>> =
    [ [ "kind", 0.0; "stage", 0.0; "follow", 1.0 ]; [ "kind", 0.0; "stage", 1.0; "follow", 0.0 ]; [ "kind", 0.0; "stage", 0.0; "follow", 0.0 ]
      [ "kind", 0.0; "stage", 0.0; "follow", 1.0; "paper_inputs", 1.0 ]
      [ "kind", 1.0; "stage", 0.0 ]; [ "kind", 1.0; "stage", 1.0 ]
      [ "kind", 2.0; "stage", 0.0; "follow", 1.0 ]; [ "kind", 2.0; "stage", 1.0; "follow", 0.0 ]; [ "kind", 2.0; "stage", 0.0; "follow", 0.0 ] ]
let run (q: SweepPoint) =
    match q["kind"] with
    | 0.0 ->
        let r = if q.Get("paper_inputs", 0.0) = 1.0 then paperInputsRun () else sim q["stage"] (q["follow"] = 1.0)
        SweepRow().AddSeries("times", r.Times).AddSeries("rates", r.Rates).AddSeries("w_inh", r.WInh).AddSeries("stages", r.Stages)
            .AddSeries("spike_times", r.SpikeTimes)
    | 1.0 ->
        let c, p, mt, mr = stepResponse q["stage"]
        SweepRow().AddSeries("centres", c).AddSeries("psth", p).AddSeries("model_t", mt).AddSeries("model_rate", mr)
    | _ ->
        let m = model q["stage"] (q["follow"] = 1.0)
        SweepRow().AddSeries("t", [ for t, _, _, _ in m -> t ]).AddSeries("rate", [ for _, r, _, _ in m -> r ])
            .AddSeries("w", [ for _, _, w, _ in m -> w ]).AddSeries("stage", [ for _, _, _, s in m -> s ])
let result =
    let folder = Figure.sweepFolder "JiaVogelsCosta2022_Balance" (sprintf "%O %g %g %g %O %d %g %g" circuit nu duration stageStep eta trials before after)
    Sweep.Run(Sweep.Table jobs, run, folder, tag = "JiaVogelsCosta2022_Balance")
let kernelRun id =
    let row = result.Row id
    DevelopmentalCircuitResult(row.Series "times", row.Series "rates", row.Series "w_inh", row.Series "stages", row.Series "spike_times")
let stepRun id =
    let row = result.Row id
    List.ofArray (row.Series "centres"), List.ofArray (row.Series "psth"), List.ofArray (row.Series "model_t"), List.ofArray (row.Series "model_rate")
let modelRun id =
    let row = result.Row id
    let t, r, w, s = row.Series "t", row.Series "rate", row.Series "w", row.Series "stage"
    List.init t.Length (fun k -> t[k], r[k], w[k], s[k])
let shift, facilitating, depressing, paperInputs = kernelRun 0, kernelRun 1, kernelRun 2, kernelRun 3
let stepEarly, stepLate = stepRun 4, stepRun 5
let mShift, mFac, mDep = modelRun 6, modelRun 7, modelRun 8

let colours = [ "with shift", "#1b9e77"; "facilitating, no shift", "#d95f02"; "depressing, no shift", "#7570b3"; "with shift, paper-protocol inputs", "#e7298a" ]
let col name = colours |> List.find (fst >> (=) name) |> snd |> Color.fromString
let kernelRuns = [ "with shift", shift; "facilitating, no shift", facilitating; "depressing, no shift", depressing; "with shift, paper-protocol inputs", paperInputs ]
let modelRuns = [ "with shift", mShift; "facilitating, no shift", mFac; "depressing, no shift", mDep ]
let pick f rows = rows |> List.map f
let t4 (t, _, _, _) = t
let r4 (_, r, _, _) = r
let w4 (_, _, w, _) = w
let s4 (_, _, _, s) = s

let panelA =
    [ for name, r in kernelRuns -> Chart.Line(r.Times, r.Rates, Name = name + " (kernel)", LineColor = col name)
      for name, m in modelRuns -> Chart.Line(pick t4 m, pick r4 m, Name = name + " (model)", LineColor = col name, LineDash = StyleParam.DrawingStyle.Dash, ShowLegend = false) ]
    |> Chart.combine |> Chart.withXAxisStyle "t (s)" |> Chart.withYAxisStyle "receiver rate (Hz)"
let panelB =
    [ for name, r in kernelRuns -> Chart.Line(r.Times, r.WInh, Name = name, LineColor = col name, ShowLegend = false)
      for name, m in modelRuns -> Chart.Line(pick t4 m, pick w4 m, LineColor = col name, LineDash = StyleParam.DrawingStyle.Dash, ShowLegend = false) ]
    |> Chart.combine |> Chart.withXAxisStyle "t (s)" |> Chart.withYAxisStyle "inhibitory weight w_isp"
let panelC =
    [ Chart.Line(shift.Times, shift.Stages, Name = "stage (kernel)", LineColor = col "with shift", ShowLegend = false)
      Chart.Line(paperInputs.Times, paperInputs.Stages, LineColor = col "with shift, paper-protocol inputs", ShowLegend = false)
      Chart.Line(pick t4 mShift, pick s4 mShift, LineColor = col "with shift", LineDash = StyleParam.DrawingStyle.Dash, ShowLegend = false) ]
    |> Chart.combine |> Chart.withXAxisStyle "t (s)" |> Chart.withYAxisStyle "developmental stage"
let panelD =
    [ for (c, p, mt, mr), name, colour in [ stepEarly, "early (depressing)", "#7570b3"; stepLate, "late (facilitating)", "#d95f02" ] do
          yield Chart.Point(c, p, Name = name + " PSTH", MarkerColor = Color.fromString colour)
          // dashed like the model lines of A (a solid line of these colours is a kernel run of A in the legend)
          yield Chart.Line(mt, mr, Name = name + " model", LineColor = Color.fromString colour, LineDash = StyleParam.DrawingStyle.Dash) ]
    |> Chart.combine |> Chart.withXAxisStyle "time from step (s)" |> Chart.withYAxisStyle "receiver rate (Hz)"

let chart =
    Chart.Grid(2, 2, SubPlotTitles = [ "A  receiver rate"; "B  inhibitory weight"; "C  stage under the balance gate"; "D  step response: phasic vs tonic" ])
        [ panelA; panelB; panelC; panelD ]
    |> Chart.withTitle "Jia, Vogels & Costa (2022): depression-to-facilitation shift, inhibitory plasticity and E/I balance"

let data =
    Figure.long [ "A", "s", "Hz"; "D", "s", "Hz"; "*", "s", "1" ] [
        for name, r in kernelRuns do
            yield "A", "kernel " + name, Seq.ofArray r.Times, Seq.ofArray r.Rates
            yield "B", "kernel " + name, Seq.ofArray r.Times, Seq.ofArray r.WInh
        for name, m in modelRuns do
            yield "A", "model " + name, Seq.ofList (pick t4 m), Seq.ofList (pick r4 m)
            yield "B", "model " + name, Seq.ofList (pick t4 m), Seq.ofList (pick w4 m)
        yield "C", "kernel stage", Seq.ofArray shift.Times, Seq.ofArray shift.Stages
        yield "C", "kernel stage, paper-protocol inputs", Seq.ofArray paperInputs.Times, Seq.ofArray paperInputs.Stages
        yield "C", "model stage", Seq.ofList (pick t4 mShift), Seq.ofList (pick s4 mShift)
        for (c, p, mt, mr), name in [ stepEarly, "early"; stepLate, "late" ] do
            yield "D", "kernel PSTH " + name, Seq.ofList c, Seq.ofList p
            yield "D", "model " + name, Seq.ofList mt, Seq.ofList mr ]

Figure.save "JiaVogelsCosta2022_Balance" (1400, 900) chart data
let half = duration / 2.0
for name, r in kernelRuns do
    printfn "%-34s kernel: rate %.2f ± %.2f Hz, w_isp %.3f (after %.0f s); final stage %.2f" name (r.MeanRate half) (r.RateStandardError half) (r.MeanWInh half) half r.Stages.[r.Stages.Length - 1]
for stage in [ 0.0; 1.0 ] do
    let fp = circuit.FixedPoint(stage, rates)
    printfn "model fixed point, stage %.0f: w* = %.3f, rate %.2f Hz, free rate %.1f Hz, lambda = %.3f /s" stage fp.WInh fp.Rate fp.RateWithoutInhibition fp.Eigenvalue
