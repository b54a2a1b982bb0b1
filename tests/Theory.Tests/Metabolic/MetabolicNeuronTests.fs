/// The metabolically regulated spiking neuron (Fig. 2, RET case) and the kernel's MetabolicLif.
module Theory.Tests.Metabolic.MetabolicNeuronTests

open System
open Expecto
open Theory.Metabolic
open Theory.Spiking
open Theory.Experiments.Metabolic
open Theory.Tests.Util

let p = MetabolicSpikingParameters.ChintaluriVogels2023

/// Forward-Euler reference of one MetabolicLif neuron in double precision, written from the
/// equations of nw_va.py (no kernel code): returns spike steps and the final (v, M).
let referenceNeuron (m: MetabolicLifParameters) (k: float) (v0: float) (geIn: int -> float) steps dt =
    let lif = LifParameters.VogelsAbbott2005
    let gL = lif.LeakConductance
    let mutable v, mm, ge, gi = v0, 0.0, 0.0, 0.0
    let mutable until = 0
    let spikes = ResizeArray()
    for n in 0 .. steps - 1 do
        let ie = ge / gL * (0.0 - v)
        let ii = gi / gL * (-0.080 - v)
        let frac = 2.0 * k / (k + ie - ii)
        let minf = 2.0 / (1.0 + exp (-m.Steepness * (frac - 1.0))) - 1.0
        let tauAf = m.TauAMax * exp (-((frac - 1.0) ** 2.0) / m.Width) + m.TauA
        let mNew = mm + dt * (minf - mm) / tauAf
        let active = n >= until
        if active then v <- v + dt / lif.Tau * (ie + ii - (v - lif.RestingPotential) + m.DriveAmplitude * mm)
        mm <- mNew
        ge <- ge * (1.0 - dt / 0.005)
        gi <- gi * (1.0 - dt / 0.010)
        ge <- ge + geIn n
        if active && v > lif.Threshold then
            spikes.Add n
            v <- lif.Reset
            mm <- mm - m.SpikeDecrement
            until <- n + int (Math.Round((m.RefractoryBase - m.RefractorySlope * mm) / dt))
    spikes.ToArray(), v, mm


/// The reference table of gen_metabolic_neuron.py (independent numpy implementation of the paper's
/// ret_run_sim with its floating-point refractory timer): one row per (refractory, rise, demand, quantum).
type NeuronRef = { Refrac: float; Rise: float; Demand: float; Quantum: float; Spikes: int; Late: int; MinIsi: int; First: int }

let neuronReference () =
    let path = IO.Path.Combine(repoRoot, "tests", "Theory.Tests", "Metabolic", "reference", "metabolic_neuron_reference.csv")
    IO.File.ReadAllLines path
    |> Array.filter (fun l -> not (l.StartsWith "#") && not (l.StartsWith "refrac") && l.Trim() <> "")
    |> Array.map (fun l ->
        let c = l.Split ','
        let f i = Double.Parse(c.[i], Globalization.CultureInfo.InvariantCulture)
        { Refrac = f 0; Rise = f 1; Demand = f 2; Quantum = f 3; Spikes = int c.[4]; Late = int c.[5]; MinIsi = int c.[7]; First = int c.[8] })

/// Our simulation of one reference row: (spikes, late spikes, min ISI in steps or −1, first spike step or −1).
let simulateRow (r: NeuronRef) =
    let prm = MetabolicSpikingParameters(Refractory = r.Refrac / 1000.0, Cost = SpikeCost.ChintaluriVogels2023.With(quantum = r.Quantum, tauRise = r.Rise / 1000.0))
    let run = MetabolicSpikingNeuron.Simulate(prm, r.Demand, 1.2)
    let steps = run.SpikeTimes |> Array.map (fun t -> int (Math.Round(t / 1e-5)))
    let late = steps |> Array.filter (fun s -> s >= 20000) |> Array.length
    let minIsi = if steps.Length > 1 then steps |> Array.pairwise |> Array.map (fun (a, b) -> b - a) |> Array.min else -1
    steps.Length, late, minIsi, (if steps.Length > 0 then steps.[0] else -1)

/// Every row: spike counts within one spike, the first spike step within one step and, where the
/// refractory period binds, the same minimum ISI in steps.
let checkRows (rows: NeuronRef[]) =
    let mutable exact = 0
    for r in rows do
        let n, late, minIsi, first = simulateRow r
        let what = sprintf "refractory %g ms, rise %g ms, demand %g, q %g" r.Refrac r.Rise r.Demand r.Quantum
        Expect.isLessThanOrEqual (abs (n - r.Spikes)) 1 (sprintf "%s: spikes %d vs reference %d" what n r.Spikes)
        Expect.isLessThanOrEqual (abs (late - r.Late)) 1 (sprintf "%s: spikes after 0.2 s %d vs reference %d" what late r.Late)
        Expect.isLessThanOrEqual (abs (first - r.First)) 1 (sprintf "%s: first spike step %d vs reference %d" what first r.First)
        let refSteps = int (MetabolicSpikingNeuron.RefractorySteps(r.Refrac / 1000.0, 1e-5))
        if r.MinIsi = refSteps then Expect.equal minIsi r.MinIsi (sprintf "%s: minimum ISI (refractory-bound) in steps" what)
        if n = r.Spikes then exact <- exact + 1
    exact

[<Tests>]
let tests =
    testList "Metabolic.Neuron" [
        test "onset demand: the quiescent MS crosses θ_RET there; simulation fires below and stays silent above" {
            let bc = MetabolicSpikingNeuron.OnsetDemand(p)
            closeAbs 1e-9 p.Threshold (MetabolicSpikingNeuron.QuiescentSignal(p, bc)) "MS*(b_c) = θ"
            Expect.isTrue (bc > 30.0 && bc < 50.0) (sprintf "b_c = %g" bc)
            let below = MetabolicSpikingNeuron.Simulate(p, 0.85 * bc, 1.0)
            let above = MetabolicSpikingNeuron.Simulate(p, 1.15 * bc, 1.0)
            Expect.isGreaterThan below.SpikeTimes.Length 3 "fires below b_c"
            Expect.equal above.SpikeTimes.Length 0 "silent above b_c"
        }
        test "issue #15: the refractory period counts steps as the authors' floating-point timer (2.02 / 6.03 / 10.03 ms at dt = 0.01 ms)" {
            // `elapsed += 0.01` from 0 in double: 200 additions reach 2, but 600 stay below 6 and 1000 below 10
            // (values from running that loop in Python; the old ceil(τ/dt) + 1 gave 201 / 601 / 1001 steps)
            Expect.equal (MetabolicSpikingNeuron.RefractorySteps(0.002, 1e-5)) 202L "2 ms"
            Expect.equal (MetabolicSpikingNeuron.RefractorySteps(0.006, 1e-5)) 603L "6 ms"
            Expect.equal (MetabolicSpikingNeuron.RefractorySteps(0.010, 1e-5)) 1003L "10 ms"
            // a bursting cell: its shortest interval is the refractory bound, 6.03 ms
            let run = MetabolicSpikingNeuron.Simulate(p.With(quantum = 0.01), 5.0, 0.3)
            let isi = run.SpikeTimes |> Array.pairwise |> Array.map (fun (a, b) -> int (Math.Round((b - a) / 1e-5))) |> Array.min
            Expect.equal isi 603 "minimum ISI = 603 steps"
            throwsArg "refractory" (fun () -> MetabolicSpikingNeuron.RefractorySteps(0.0, 1e-5) |> ignore)
        }
        test "issue #15: rates, first spikes and minimum ISIs = independent numpy reference (refractory 2 ms, rise 3 ms; 3 demands × 10 quanta)" {
            let rows = neuronReference () |> Array.filter (fun r -> r.Refrac = 2.0 && r.Rise = 3.0 && (r.Demand = 4.0 || r.Demand = 12.0 || r.Demand = 25.0))
            Expect.equal rows.Length 30 "reference rows"
            let exact = checkRows rows
            Expect.isGreaterThanOrEqual exact 27 (sprintf "%d of 30 spike counts exact" exact)
        }
        test "rate falls with demand; ISIs respect the refractory period; spiking lowers the mean ROS" {
            let rates = MetabolicSpikingNeuron.RateCurve(p, [| 5.0; 20.0; 30.0 |], duration = 1.5, transient = 0.5)
            Expect.isTrue (rates.[0] > rates.[1] && rates.[1] > rates.[2] && rates.[2] > 0.0) (sprintf "rates %A" rates)
            let run = MetabolicSpikingNeuron.Simulate(p, 5.0, 1.0)
            for a, b in Array.pairwise run.SpikeTimes do Expect.isGreaterThanOrEqual (b - a + 1e-9) p.Refractory "ISI ≥ τ_ref"
            let quiet = MitochondrialSteadyStates.Solve(Mitochondrion.ChintaluriVogels2023, 5.0)
            Expect.isLessThan run.MeanRos quiet.Ros "ROS with metabolic spikes < quiescent ROS"
        }
        test "MetabolicLif (kernel, float32 SIMD) = double-precision reference of nw_va.py equations" {
            let m = MetabolicLifParameters.ChintaluriVogels2023
            let dt = 1e-4
            let steps = 20000
            // 8 neurons with different budgets; the first 4 receive a 40 Hz Poisson train of 3 g_L kicks
            let ks = [| 0.05; 0.1; 0.2; 0.3; 0.15; 0.25; 0.35; 0.4 |]
            let net = Network(dt, 1UL)
            let pop = net.Add(MetabolicLif("m", ks.Length, LifParameters.VogelsAbbott2005, m))
            pop.Set("k", fun i -> ks.[i])
            pop.Set("v", fun _ -> -0.060)
            let src = net.Add(SpikeSource.Poisson("src", 1, 40.0, net.NewRandom()))
            net.Connect(src, pop, Connectivity.Explicit([| 0; 0; 0; 0 |], [| 0; 1; 2; 3 |]), 3.0 * LifParameters.VogelsAbbott2005.LeakConductance, 0.0, "exc") |> ignore
            let mon = net.MonitorSpikes(pop)
            let srcMon = net.MonitorSpikes(src)
            net.Run(float steps * dt)
            let srcSteps = Collections.Generic.HashSet(srcMon.Steps)
            let finalM = pop.Get "m"
            let all = Array.zip mon.Steps mon.Indices
            for i in 0 .. ks.Length - 1 do
                let input n = if i < 4 && srcSteps.Contains n then 3.0 * LifParameters.VogelsAbbott2005.LeakConductance else 0.0
                let refSpikes, v, mm = referenceNeuron m ks.[i] -0.060 input steps dt
                let got = all |> Array.filter (fun (_, j) -> j = i) |> Array.map fst
                Expect.equal got.Length refSpikes.Length (sprintf "neuron %d (K = %g): spike count" i ks.[i])
                Array.iter2 (fun a b -> Expect.isLessThanOrEqual (abs (a - b)) 1 (sprintf "neuron %d spike step" i)) got refSpikes
                closeAbs 2e-4 mm finalM.[i] (sprintf "neuron %d final M" i)
            Expect.isGreaterThan all.Length 10 "some spikes"
        }
        test "single-neuron experiment: simulated firing agrees with the fixed-point onset on both sides" {
            let r = MetabolicNeuronExperiment([| 20.0; 45.0 |], Duration = 1.0, Transient = 0.3).Run()
            Expect.isTrue r.AgreesWithOnset (sprintf "rates %A, b_c = %g" r.RatesHz r.OnsetDemand)
            Expect.isGreaterThan r.QuiescentSignal.[0] r.Threshold "MS* above θ at b = 20"
            Expect.isLessThan r.QuiescentSignal.[1] r.Threshold "MS* below θ at b = 45"
        }
        test "bad input is rejected with the parameter named" {
            throwsArg "low" (fun () -> MetabolicSpikingNeuron.OnsetDemand(p, low = 100.0) |> ignore)
            throwsArg "transient" (fun () -> MetabolicSpikingNeuron.RateCurve(p, [| 5.0 |], 1.0, 2.0) |> ignore)
            throwsArg "RefractorySlope" (fun () -> MetabolicLif("m", 4, LifParameters.VogelsAbbott2005, MetabolicLifParameters.ChintaluriVogels2023.With(refractorySlope = 0.01)) |> ignore)
            throwsArg "budget" (fun () -> MetabolicLif("m", 4, LifParameters.VogelsAbbott2005, MetabolicLifParameters.ChintaluriVogels2023, budget = 0.0) |> ignore)
            throwsArg "N" (fun () -> MetabolicNetworkSimulation(N = 1).Build() |> ignore)
        }
    ]

[<Tests>]
let network =
    testList "Metabolic.Network" [
        test "short metabolic network (N = 1000, 1 s): activity outlives the input; without metabolic drive it dies" {
            let cfg = MetabolicNetworkSimulation(N = 1000, Duration = 1.0, Connectivity = 0.2)
            let r = cfg.Run()
            Expect.isGreaterThan r.RateWithoutInputHz 0.5 "metabolic network keeps firing without input"
            let r0 = MetabolicNetworkSimulation(N = 1000, Duration = 1.0, Connectivity = 0.2, Metabolic = MetabolicLifParameters.NoMetabolicDrive).Run()
            Expect.isLessThan r0.RateWithoutInputHz (0.2 * r.RateWithoutInputHz) "control network falls silent"
        }
        test "firing summary of hand-made trains: rate, mean ISI, CV (population SD/mean) as the paper's firing_prop_summary" {
            // neuron 0: 0.1, 0.3, 0.4 s (ISIs 0.2, 0.1); neuron 1: 0.25 s; neuron 2 silent; window [0, 1)
            let times = [| 0.1; 0.25; 0.3; 0.4; 1.5 |]
            let idx = [| 0; 1; 0; 0; 2 |]
            let f = FiringSummary.Of(times, idx, 3, 0.0, 1.0)
            closeRel 1e-14 (4.0 / 3.0) f.RateHz "mean rate over neurons"
            closeRel 1e-14 0.15 f.MeanIsi "mean ISI"
            closeRel 1e-14 (0.05 / 0.15) f.MeanCv "CV of neuron 0 (the only one with ISIs)"
            Expect.equal f.AvalancheCount 4 "each spike its own 1 ms avalanche"
            throwsArg "to" (fun () -> FiringSummary.Of(times, idx, 3, 1.0, 1.0) |> ignore)
            throwsArg "indices" (fun () -> FiringSummary.Of(times, [| 0; 1; 0; 3; 2 |], 3, 0.0, 1.0) |> ignore)
            throwsArg "indices" (fun () -> FiringSummary.Of(times, [| 0; -1; 0; 0; 2 |], 3, 0.0, 1.0) |> ignore)
            throwsArg "indices" (fun () -> FiringSummary.Of(times, [| 0; 1 |], 3, 0.0, 1.0) |> ignore)
        }
        test "firing summary of interleaved random trains equals per-neuron lists summed in time order, bit for bit" {
            // 50 neurons, 20 000 spikes in random order of neurons, times increasing; window [0.3, 1.7) of [0, 2)
            let rng = Random 5
            let n, m = 50, 20_000
            let times = Array.init m (fun k -> 2.0 * float k / float m + 1e-6 * rng.NextDouble())
            let idx = Array.init m (fun _ -> rng.Next n)
            let from, upto = 0.3, 1.7
            // reference: the trains as lists in the order of the spikes, ISIs summed neuron by neuron
            let inWin = [| for k in 0 .. m - 1 do if times[k] >= from && times[k] < upto then yield k |]
            let trains = Array.init n (fun i -> [| for k in inWin do if idx[k] = i then yield times[k] |])
            let mutable isiSum, isiN, cvSum, cvN = 0.0, 0L, 0.0, 0
            for tr in trains do
                if tr.Length >= 2 then
                    let mutable s, s2 = 0.0, 0.0
                    for j in 1 .. tr.Length - 1 do
                        let d = tr[j] - tr[j - 1]
                        s <- s + d
                        s2 <- s2 + d * d
                    let k = float (tr.Length - 1)
                    isiSum <- isiSum + s
                    isiN <- isiN + int64 (tr.Length - 1)
                    cvSum <- cvSum + sqrt (max 0.0 (s2 / k - (s / k) * (s / k))) / (s / k)
                    cvN <- cvN + 1
            let f = FiringSummary.Of(times, idx, n, from, upto)
            Expect.equal f.RateHz (float inWin.Length / (float n * (upto - from))) "rate"
            Expect.equal f.MeanIsi (isiSum / float isiN) "mean ISI, bit for bit"
            Expect.equal f.MeanCv (cvSum / float cvN) "mean CV, bit for bit"
            let av = Theory.Metabolic.Avalanches.FromSpikes(inWin |> Array.map (fun k -> times[k] - from), upto - from, 1e-3)
            Expect.equal f.AvalancheCount av.Sizes.Length "avalanches of the window"
            Expect.equal f.BranchingRatio av.BranchingRatio "branching ratio"
        }
        test "ensemble of two short networks: per-seed paper fits follow Eq. 3.7 on the shifted values; ensemble mean and SE by hand" {
            let e = MetabolicNetworkEnsemble(MetabolicNetworkSimulation(N = 1000, Duration = 2.0, Connectivity = 0.2), [| 3UL; 4UL |]).Run()
            for r in e.Realizations do
                let sim = MetabolicNetworkSimulation(N = 1000, Duration = 2.0, Connectivity = 0.2, Seed = r.Seed).Run(fitXMinByKs = false, bootstraps = 0)
                let sizes = sim.Avalanches.Sizes |> Array.map (fun s -> float s + 1.0)
                closeRel 1e-12 (1.0 + float sizes.Length / (sizes |> Array.sumBy (fun s -> log (s / 0.5)))) r.PaperSizeFit.Alpha (sprintf "seed %d: α_S" r.Seed)
                let durs = sim.Avalanches.DurationBins |> Array.map (fun d -> float d + 1.0)
                closeRel 1e-12 (1.0 + float durs.Length / (durs |> Array.sumBy (fun d -> log (d / 0.5)))) r.PaperDurationFit.Alpha (sprintf "seed %d: α_D" r.Seed)
            let a = e.Realizations |> Array.map (fun r -> r.PaperSizeFit.Alpha)
            closeRel 1e-14 (Array.average a) e.PaperSizeAlpha.Mean "mean"
            closeRel 1e-12 (abs (a.[0] - a.[1]) / sqrt 2.0 / sqrt 2.0) e.PaperSizeAlpha.StandardError "SE of two values = |a − b|/2"
        }
    ]

[<Tests>]
let crosscheckNeuron =
    testList "crosscheck.Metabolic.Neuron" [
        test "the whole reference grid (10 demands × 10 quanta × each refractory/rise pair) = independent numpy reference" {
            let rows = neuronReference ()
            Expect.isGreaterThanOrEqual rows.Length 200 "reference rows"
            let exact = checkRows rows
            Expect.isGreaterThanOrEqual exact (rows.Length * 9 / 10) (sprintf "%d of %d spike counts exact" exact rows.Length)
        }
    ]

[<Tests>]
let crosscheckNetwork =
    testList "crosscheck.Metabolic.Network" [
        test "paper-size metabolic network (N = 10 000, 10 s): sustained near-critical avalanches without input; control dies" {
            let r = MetabolicNetworkSimulation().Run()
            Expect.isGreaterThan r.RateWithoutInputHz 1.0 "sustained activity without input"
            Expect.isTrue (r.Avalanches.BranchingRatio > 0.9 && r.Avalanches.BranchingRatio < 1.2) (sprintf "σ = %g" r.Avalanches.BranchingRatio)
            Expect.isNotNull (box r.SizeFit) "size fit"
            let ci = r.SizeFit.ConfidenceInterval 0.95
            Expect.isTrue (ci.[0] > 1.0 && ci.[1] < 2.5) (sprintf "size exponent CI %A" ci)
            let c = MetabolicNetworkSimulation(Metabolic = MetabolicLifParameters.NoMetabolicDrive).Run()
            Expect.isLessThan c.RateWithoutInputHz (0.1 * r.RateWithoutInputHz) "Vogels–Abbott control without metabolic drive"
        }
        test "10 seeds (20…29) of the paper's network with the paper's analysis against the paper's single realizations" {
            // The paper gives one realization per number: Fig. 5 prints α_S, α_D truncated to 2 decimals
            // (read-off interval [v, v + 0.01)); the sweep summary has α_D, σ and the rates of another one.
            // A single realization should lie within 3 SD of our ensemble (SD across seeds).
            let e = MetabolicNetworkEnsemble(MetabolicNetworkSimulation(), [| 20UL .. 29UL |]).Run()
            let within (s: EnsembleStatistic) (lo: float) (hi: float) what =
                let d = max 0.0 (max (lo - s.Mean) (s.Mean - hi))
                Expect.isLessThanOrEqual d (3.0 * s.StandardDeviation) (sprintf "%s: ensemble %.4f ± %.4f (SD) vs paper [%g, %g]" what s.Mean s.StandardDeviation lo hi)
            within e.PaperSizeAlpha ChintaluriVogels2023Network.FigureSizeAlpha (ChintaluriVogels2023Network.FigureSizeAlpha + 0.01) "α_S (Fig. 5)"
            within e.PaperDurationAlpha ChintaluriVogels2023Network.FigureDurationAlpha (ChintaluriVogels2023Network.FigureDurationAlpha + 0.01) "α_D (Fig. 5)"
            within e.PaperDurationAlpha ChintaluriVogels2023Network.SweepDurationAlpha ChintaluriVogels2023Network.SweepDurationAlpha "α_D (sweep)"
            within e.BranchingRatio ChintaluriVogels2023Network.SweepBranchingRatio ChintaluriVogels2023Network.SweepBranchingRatio "σ (sweep)"
            within e.RateWithInputHz ChintaluriVogels2023Network.SweepRateWithInputHz ChintaluriVogels2023Network.SweepRateWithInputHz "rate with input"
            within e.RateWithoutInputHz ChintaluriVogels2023Network.SweepRateWithoutInputHz ChintaluriVogels2023Network.SweepRateWithoutInputHz "rate without input"
            // Clauset Sec. 5: no seed's sizes are better described by an exponential
            for r in e.Realizations do
                Expect.isTrue (r.SizeComparison.[Theory.Numerics.TailModel.Exponential].Test.FavoursFirst 0.01) (sprintf "seed %d: power law over exponential" r.Seed)
        }
    ]
