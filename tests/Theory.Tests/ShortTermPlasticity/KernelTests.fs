/// The kernel's Tsodyks–Markram and inhibitory-STDP projections against independent
/// event-by-event computations, the single-synapse experiment against the analytic steady
/// states, and the developmental circuit against its rate model (short versions here, long
/// ones in the crosscheck list).
module Theory.Tests.ShortTermPlasticity.KernelTests

open System
open System.IO
open Expecto
open Theory.ShortTermPlasticity
open Theory.Spiking
open Theory.Experiments.ShortTermPlasticity
open Theory.Tests.Util

let schedule = DevelopmentalSchedule.JiaVogelsCosta2022

/// Agreement within k standard errors of the simulation, plus the O(ν dt) relative difference
/// between the kernel's per-step Bernoulli trains (p = ν dt, as in the paper's Brian2 code) and
/// the Poisson process of the analytics (dt = 0.1 ms: 0.5 % at 50 Hz).
let withinSe (k: float) (r: SingleSynapseResult) what =
    let tol = k * r.StandardError + (if r.Poisson then r.Rate * 1e-4 * abs r.Analytic else 0.0)
    if not (abs (r.SimulatedEfficacy - r.Analytic) < tol) then
        failtestf "%s: simulated %.5f ± %.5f vs analytic %.5f (z = %.2f, tolerance %.5f)" what r.SimulatedEfficacy r.StandardError r.Analytic r.ZScore tol

/// Per-spike efficacies recomputed event by event (analytic Train) on the spike times the kernel
/// produced, per presynaptic neuron.
let replayMean (p: TsodyksMarkramParameters) (times: float[]) (ids: int[]) (n: int) =
    Array.init n (fun i ->
        let t = Array.zip times ids |> Array.filter (fun (_, j) -> j = i) |> Array.map fst
        if t.Length = 0 then nan else TsodyksMarkram.Train(p, t) |> Array.average)

let circuit = DevelopmentalCircuit.JiaVogelsCosta2022

/// The circuit with the receiver clamped at V_r during τ_ref (the variant this project used before
/// issue #14; the paper's V integrates through it).
let clamped =
    let m = circuit.Membrane
    circuit.With(membrane = ConductanceLifRate.Membrane(m.Capacitance, m.LeakConductance, m.RestingPotential, m.Threshold, m.Reset, m.Refractory,
                                                          IntegratesThroughRefractory = false))

/// Free receiver rate (Hz) and its standard error at stage 1 of the paper's neuron in Brian2
/// (reference/gen_jia_receiver_brian2.py, 100 s after 1 s, seed 1; variant "integrate" or "clamp").
let brian2Receiver variant (rate: float) =
    File.ReadAllLines(Path.Combine(repoRoot, "tests", "Theory.Tests", "ShortTermPlasticity", "reference", "jia_receiver_brian2.csv"))
    |> Array.skip 1 |> Array.map (fun l -> l.Split ',')
    |> Array.find (fun a -> a.[0] = variant && float a.[1] = rate) |> fun a -> float a.[5], float a.[6]

/// Batch-means standard error (10 batches) of a chunk series after `from` seconds.
let batchSe (times: float[]) (xs: float[]) from =
    let w = Array.zip times xs |> Array.filter (fun (t, _) -> t > from + 1e-12) |> Array.map snd
    let per = w.Length / 10
    let means = Array.init 10 (fun b -> w.[b * per .. (b + 1) * per - 1] |> Array.average)
    let mu = Array.average means
    sqrt ((means |> Array.sumBy (fun x -> (x - mu) ** 2.0)) / 9.0 / 10.0)

/// |kernel − model| < k SE + rel × model: the run's sampling error plus the rate model's stated
/// accuracy (the effective-time-constant and quasi-static approximations, ≤ 2 %).
let withinSeAndModel k se rel (model: float) (sim: float) what =
    let tol = k * se + rel * abs model
    if not (abs (sim - model) < tol) then failtestf "%s: kernel %.4g ± %.2g vs model %.4g (tolerance %.3g)" what sim se model tol

[<Tests>]
let tests =
    testList "ShortTermPlasticity.Kernel" [
        test "TM projection state equals the event-by-event analytic update on the same spikes (every convention)" {
            for c in [ TsodyksMarkramConvention.ReleaseThenFacilitate; TsodyksMarkramConvention.TsodyksPawelzikMarkram1998
                       TsodyksMarkramConvention.FacilitateThenReleaseRestingAtU ] do
                let p = TsodyksMarkramParameters(0.3, 0.25, 0.4, 0.15, 2.0, c)
                let net = Network(1e-4, 3UL)
                let pre = net.Add(SpikeSource.Poisson("pre", 20, 30.0, net.NewRandom()))
                let post = net.Add(new LifDelta("post", 2, LifParameters.Brunel2000))
                let tm = net.Add(new TsodyksMarkramProjection(net, pre, post, Connectivity.FixedProbability 1.0, 0.0,
                                                               p.U, p.TauD, p.TauF, p.F, p.Amplitude, p.RestingU, p.FacilitatesBeforeRelease))
                let mon = net.MonitorSpikes pre
                net.Run 2.0
                let expected = replayMean p mon.Times mon.Indices 20
                let got = tm.Plasticity.MeanEfficacy()
                for i in 0 .. 19 do closeRel 1e-9 expected.[i] got.[i] (sprintf "%A neuron %d" c i)
        }
        test "per-synapse TM state: heterogeneous parameters follow the event-by-event update of each synapse" {
            let net = Network(1e-4, 4UL)
            let pre = net.Add(SpikeSource.Poisson("pre", 6, 25.0, net.NewRandom()))
            let post = net.Add(new LifDelta("post", 3, LifParameters.Brunel2000))
            let par i j = TsodyksMarkramParameters(0.1 + 0.1 * float i, 0.1 + 0.1 * float j, 0.05 + 0.2 * float j, 0.05 * float (j + 1), 1.0 + float i)
            let settings i j = let p = par i j in TsodyksMarkramSettings(p.U, p.TauD, p.TauF, p.F, p.Amplitude, p.RestingU, false)
            let pr = net.Add(new TsodyksMarkramSynapseProjection(net, pre, post, Connectivity.FixedProbability 1.0, 0.0, Func<_, _, _> settings))
            let mon = net.MonitorSpikes pre
            net.Run 1.5
            let src, dst = pr.Sources, pr.Destinations
            let times i = Array.zip mon.Times mon.Indices |> Array.filter (fun (_, j) -> j = i) |> Array.map fst
            let got = pr.MeanEfficacy()
            for i in 0 .. 5 do
                let t = times i
                let all = [| for k in 0 .. src.Length - 1 do if src.[k] = i then yield! TsodyksMarkram.Train(par i dst.[k], t) |]
                closeRel 1e-9 (Array.average all) got.[i] (sprintf "neuron %d" i)
        }
        test "the plastic projections do not allocate in the step loop" {
            let net = Network(1e-4, 2UL)
            let e = net.Add(SpikeSource.Poisson("e", 200, 20.0, net.NewRandom()))
            let i = net.Add(SpikeSource.Poisson("i", 50, 20.0, net.NewRandom()))
            let post = net.Add(LifConductance.Coba("post", 20))
            let p = TsodyksMarkramParameters.JiaVogelsCosta2022Facilitating
            net.Add(new TsodyksMarkramProjection(net, e, post, Connectivity.FixedProbability 0.5, 1e-9, p.U, p.TauD, p.TauF, p.F, p.Amplitude, target = "exc")) |> ignore
            net.Add(new TsodyksMarkramSynapseProjection(net, e, post, Connectivity.FixedProbability 0.5, 1e-9,
                                                        Func<_, _, _>(fun _ _ -> TsodyksMarkramSettings(p.U, p.TauD, p.TauF, p.F, p.Amplitude, p.U, false)), target = "exc")) |> ignore
            net.Add(new InhibitoryStdpProjection(net, i, post, Connectivity.FixedProbability 0.5, 1.0, 1e-3, 5.0, 100.0, scale = 1e-9,
                                                 tm = TsodyksMarkramSettings(0.4, 0.3, 0.08, 0.06, 2.5, 0.4, false), target = "inh")) |> ignore
            net.AddPoissonInput(post, 100, 50.0, 3e-9, "exc") |> ignore
            net.Run 0.05
            let allocated (t: float) =
                let before = GC.GetAllocatedBytesForCurrentThread()
                net.Run t
                GC.GetAllocatedBytesForCurrentThread() - before
            // one-off allocations (tiered JIT, on-stack replacement under load: 5.7 kB seen once in CI) are not the loop's:
            // the least of three measurements; a loop that allocates per step allocates in each of them
            let extra = [ for _ in 1 .. 3 -> let short = allocated 0.01 in allocated 0.5 - short ] |> List.min
            Expect.isLessThan extra 4096L (sprintf "5000 more steps allocated %d bytes (least of three)" extra)
        }
        test "TM projection delivers w·A·r into the target conductance" {
            let p = TsodyksMarkramParameters.JiaVogelsCosta2022Depressing
            let net = Network(1e-4, 1UL)
            let pre = net.Add(SpikeSource.Regular("pre", 1, 10.0))   // first spike at step 999
            let post = net.Add(LifConductance.Coba("post", 1))
            net.Add(new TsodyksMarkramProjection(net, pre, post, Connectivity.OneToOne(), 3e-9,
                                                 p.U, p.TauD, p.TauF, p.F, p.Amplitude, p.RestingU, false, target = "exc")) |> ignore
            net.Run 0.1
            closeRel 1e-6 3e-9 (post.Get "g_exc").[0] "g after one rested release (A U = 1)"
        }
        test "iSTDP weights equal an independent replay of the Vogels 2011 rule on the recorded spikes" {
            let net = Network(1e-4, 5UL)
            let pre = net.Add(SpikeSource.Poisson("pre", 4, 40.0, net.NewRandom()))
            let post = net.Add(new LifDelta("post", 3, LifParameters.Brunel2000))
            net.AddPoissonInput(post, 1000, 30.0, 1e-3) |> ignore
            let eta, rho, tau = 0.01, 5.0, 0.02
            let pr = net.Add(new InhibitoryStdpProjection(net, pre, post, Connectivity.FixedProbability 1.0, 0.5, eta, rho, 10.0, tau, scale = 1e-6))
            let mp, mq = net.MonitorSpikes pre, net.MonitorSpikes post
            net.Run 1.0
            Expect.isGreaterThan mq.Count 20 "the postsynaptic neurons fire"
            // replay: events in step order, presynaptic updates before postsynaptic ones in a step
            let alpha = 2.0 * rho * tau
            let src, dst = pr.Sources, pr.Destinations
            let w = Array.create src.Length 0.5
            let trace (times: float[]) (t: float) = times |> Array.sumBy (fun s -> if s <= t + 1e-9 then exp (-(t - s) / tau) else 0.0)
            let preT i = Array.zip mp.Times mp.Indices |> Array.filter (fun (_, j) -> j = i) |> Array.map fst
            let postT j = Array.zip mq.Times mq.Indices |> Array.filter (fun (_, k) -> k = j) |> Array.map fst
            let events =
                [ for (t, i) in Array.zip mp.Steps mp.Indices -> t, 0, i
                  for (t, j) in Array.zip mq.Steps mq.Indices -> t, 1, j ] |> List.sort
            for (step, kind, n) in events do
                let t = float step * 1e-4
                for k in 0 .. src.Length - 1 do
                    if kind = 0 && src.[k] = n then
                        let xPost = trace (postT dst.[k] |> Array.filter (fun s -> s < t - 1e-9)) t
                        w.[k] <- Math.Clamp(w.[k] + eta * (xPost - alpha), 0.0, 10.0)
                    elif kind = 1 && dst.[k] = n then
                        let xPre = trace (preT src.[k]) t
                        w.[k] <- Math.Clamp(w.[k] + eta * xPre, 0.0, 10.0)
            let got = pr.PlasticWeights
            for k in 0 .. w.Length - 1 do closeAbs 2e-5 w.[k] got.[k] (sprintf "synapse %d" k)
        }
        test "single synapse on the kernel: mean efficacy within 4 standard errors of the analytic steady state (short)" {
            for stage in [ 0.0; 1.0 ] do
                let p = schedule.At stage
                withinSe 4.0 (SingleSynapseSimulation(p, 20.0, true, 100, 6.0, 1.0, 11UL).Run()) (sprintf "Poisson, stage %g" stage)
                let r = SingleSynapseSimulation(p, 20.0, false, 10, 6.0, 2.0).Run()
                closeRel 1e-4 r.RegularAnalytic r.SimulatedEfficacy (sprintf "regular, stage %g" stage)
        }
        test "circuit without inhibition: kernel rate within 4 SE + 2 % of the rate model late in development (short)" {
            let r = DevelopmentalCircuitSimulation(Stage = 1.0, ChannelRate = 20.0, Duration = 11.0, Eta = Nullable 0.0).Run()
            let model = circuit.ReceiverRate(1.0, circuit.Uniform 20.0, 0.0)
            withinSeAndModel 4.0 (r.RateStandardError 1.0) 0.02 model (r.MeanRate 1.0) "free receiver rate"
        }
        test "free receiver at stage 1 equals the paper's neuron in Brian2 (V integrates through τ_ref; 20 and 10 Hz; clamped variant too)" {
            // Brian2 (reference/gen_jia_receiver_brian2.py): 98.7 Hz at 20 Hz input, 40 Hz at 10 Hz;
            // the clamped receiver fires ≈ 30 % less at 20 Hz and fails the first comparison
            for variant, c in [ "integrate", circuit; "clamp", clamped ] do
                for rate in [ 20.0; 10.0 ] do
                    let b, bse = brian2Receiver variant rate
                    let r = DevelopmentalCircuitSimulation(Stage = 1.0, ChannelRate = rate, Duration = 21.0, Eta = Nullable 0.0, Seed = 3UL, Circuit = c).Run()
                    let k, kse = r.MeanRate 1.0, r.RateStandardError 1.0
                    let z = (k - b) / sqrt (kse * kse + bse * bse)
                    if abs z > 4.0 then failtestf "%s, %g Hz: kernel %.2f ± %.2f Hz vs Brian2 %.2f ± %.2f Hz (z = %.1f)" variant rate k kse b bse z
        }
        test "the kernel's integrate-through refractoriness: V follows its equation during τ_ref, the threshold is blocked" {
            // constant current only (no noise): V(t) = V∞ + (V_r − V∞) e^{−t/τ} from the reset at
            // every step, so the ISI is the free passage time when it exceeds τ_ref and τ_ref otherwise
            for through in [ false; true ] do
                let p = LifParameters.VogelsAbbott2005.With(refractoryPeriod = 0.005)
                let net = Network(1e-5, 1UL)
                let n = net.Add(new LifConductance("n", 2, p, 0.0, -0.08, 0.005, 0.01, Integrator = ConductanceIntegrator.ExponentialEuler,
                                                   RefractoryVoltage = (if through then RefractoryVoltage.Integrate else RefractoryVoltage.Clamp)))
                // V∞ − E_L = I/g_L: 40 mV (free passage 20 ms ln(40/30) = 5.75 ms > τ_ref) and 200 mV (20 ms ln(200/190) = 1.03 ms < τ_ref)
                let currents = [| 0.4e-9; 2.0e-9 |]
                net.AddCurrent(n, (fun _ -> 1.0), currents) |> ignore
                let mon = net.MonitorSpikes n
                net.Run 0.2
                for i in 0 .. 1 do
                    let t = Array.zip mon.Times mon.Indices |> Array.filter (fun (_, j) -> j = i) |> Array.map fst
                    let isi = (t.[t.Length - 1] - t.[1]) / float (t.Length - 2)
                    let free = 0.02 * log ((currents.[i] / 10e-9) / (currents.[i] / 10e-9 - 0.010))
                    let expected = if through then max 0.005 free else 0.005 + free
                    // spikes fall on the 10 µs grid: ISI within one step
                    closeAbs 1.5e-5 expected isi (sprintf "through = %b, I = %g A" through currents.[i])
        }
        test "rate model with integrate-through refractoriness: an OU neuron sampled every dt fires at the integrate-through Siegert rate" {
            // the OU of the discrete-monitoring test below, but V integrates during τ_ref (exact OU
            // update at dt = 0.1 ms): the integrate-through formula within 4 SE, the clamped one far off
            let m = circuit.Membrane
            let tau, mu, sd, dt, steps = 0.01, -0.049, 0.003, 1e-4, 20_000_000
            let a, amp = exp (-dt / tau), sd * sqrt (1.0 - exp (-2.0 * dt / tau))
            let rng = Random(21)
            let normal () = sqrt (-2.0 * log (1.0 - rng.NextDouble())) * cos (2.0 * Math.PI * rng.NextDouble())
            let refr = int (round (m.Refractory / dt))
            let mutable v, spikes, hold = m.Reset, 0, 0
            for _ in 1 .. steps do
                v <- mu + (v - mu) * a + amp * normal ()
                if hold > 0 then hold <- hold - 1
                elif v > m.Threshold then spikes <- spikes + 1; v <- m.Reset; hold <- refr - 1
            let t = float steps * dt
            let sim, se = float spikes / t, sqrt (float spikes) / t
            let shift = ConductanceLifRate.DiscreteMonitoringBeta * sd * sqrt (2.0 * dt / tau)
            let through = ConductanceLifRate.SiegertIntegrateThrough(tau, m.Refractory, m.Threshold + shift, m.Reset, mu, sqrt 2.0 * sd)
            let clampedRate = ConductanceLifRate.Siegert(tau, m.Refractory, m.Threshold + shift, m.Reset, mu, sqrt 2.0 * sd)
            if abs (sim - through) > 4.0 * se then failtestf "simulated %.3f ± %.3f Hz vs integrate-through Siegert %.3f Hz" sim se through
            Expect.isGreaterThan (sim - clampedRate) (8.0 * se) (sprintf "clamped formula %.3f Hz far below" clampedRate)
            // τ_ref → 0 and σ → 0 limits
            closeRel 1e-9 (ConductanceLifRate.Siegert(tau, 0.0, m.Threshold, m.Reset, mu, 0.004)) (ConductanceLifRate.SiegertIntegrateThrough(tau, 0.0, m.Threshold, m.Reset, mu, 0.004)) "τ_ref = 0"
            closeRel 1e-12 (1.0 / (tau * log (0.02 / 0.01))) (ConductanceLifRate.SiegertIntegrateThrough(tau, 0.004, -0.05, -0.06, -0.04, 0.0)) "deterministic, passage > τ_ref"
            closeRel 1e-12 250.0 (ConductanceLifRate.SiegertIntegrateThrough(tau, 0.004, -0.05, -0.06, 0.2, 0.0)) "deterministic, passage < τ_ref"
        }
        test "circuit with iSTDP at stage 0.5: kernel w_isp and rate within 4 SE + 2 % of the rate model's fixed point (short, η = 1e-2)" {
            let fp = circuit.With(eta = 1e-2).FixedPoint(0.5, circuit.Uniform 20.0)
            let r = DevelopmentalCircuitSimulation(Stage = 0.5, ChannelRate = 20.0, Duration = 40.0, Eta = Nullable 1e-2, InitialWInh = 0.0).Run()
            withinSeAndModel 4.0 (batchSe r.Times r.WInh 20.0) 0.02 fp.WInh (r.MeanWInh 20.0) "w_isp"
            withinSeAndModel 4.0 (r.RateStandardError 20.0) 0.02 fp.Rate (r.MeanRate 20.0) "rate"
        }
        test "memory trace on the kernel: efficacy per spike around a burst follows the exact Poisson time course (SE per bin)" {
            for stage in [ 0.0; 1.0 ] do
                let r = MemoryTraceSimulation(schedule.At stage, Synapses = 2000, Trials = 2, Seed = 9UL).Run()
                let z = r.ZScores
                let rms = sqrt (z |> Array.averageBy (fun x -> x * x))
                // 150 bins: max |z| > 4.5 has probability ≈ 1e-3 for Gaussian errors; the per-step
                // Bernoulli trains differ from Poisson by O(ν dt) = 0.5 % at 50 Hz, below the SE
                Expect.isLessThan (z |> Array.map abs |> Array.max) 4.5 (sprintf "stage %g: max |z|" stage)
                Expect.isTrue (rms > 0.75 && rms < 1.25) (sprintf "stage %g: rms z = %.2f" stage rms)
                let after = [| for i in 0 .. r.Times.Length - 1 do if r.Times.[i] > 0.8 && r.Times.[i] < 1.0 then yield r.Simulated.[i] |] |> Array.average
                if stage = 1.0 then Expect.isGreaterThan after 1.2 "facilitating: positive trace 0.1–0.3 s after the burst"
                else Expect.isLessThan after 0.8 "depressing: negative trace after the burst"
        }
        test "synthetic paper-protocol input rates: mean and variance of the design, 2 Hz quanta, independent channels" {
            let g = SyntheticInputRates.JiaVogelsCosta2022
            let v = g.Generate(2400.0, Xoshiro256 1UL)
            // closed forms of the rectified OU: E(Y − θ)₊ = φ(θ) − θ(1 − Φ(θ)), E(Y − θ)₊² = (1 + θ²)(1 − Φ(θ)) − θφ(θ)
            let th = g.Threshold
            let phi = exp (-th * th / 2.0) / sqrt (2.0 * Math.PI)
            let tail = 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(th / sqrt 2.0)
            let g1, g2 = phi - th * tail, (1.0 + th * th) * tail - th * phi
            let mean = g.BaselineRate + g.Gain * g1
            let var = g.Gain * g.Gain * (g2 - g1 * g1) + g.Quantum * mean
            let m = Array.average v
            let sd = sqrt (v |> Array.averageBy (fun x -> (x - m) ** 2.0))
            // standard error of the mean of a process with correlation time ≈ τ_c: sd √(2τ_c/T)
            let se = sd * sqrt (2.0 * g.CorrelationTime / 2400.0)
            if abs (m - mean) > 4.0 * se then failtestf "mean %.3f vs %.3f (SE %.3f)" m mean se
            closeRel 0.05 (sqrt var) sd "SD (design 13.6 Hz)"
            closeRel 0.01 9.3 mean "design mean = the recordings' 9.3 Hz"
            closeRel 0.01 13.6 (sqrt var) "design SD = the recordings' 13.6 Hz"
            Expect.isTrue (v |> Array.forall (fun x -> x >= 0.0 && x % 2.0 = 0.0)) "non-negative multiples of 2 Hz"
            let ch = g.Channels(2, 600.0, 3UL)
            let a = Array.init 120000 (fun k -> ch.[0].Invoke(float k * 0.005))
            let b = Array.init 120000 (fun k -> ch.[1].Invoke(float k * 0.005))
            let ma, mb = Array.average a, Array.average b
            let r = (Array.map2 (fun x y -> (x - ma) * (y - mb)) a b |> Array.average) / sqrt ((a |> Array.averageBy (fun x -> (x - ma) ** 2.0)) * (b |> Array.averageBy (fun x -> (x - mb) ** 2.0)))
            Expect.isLessThan (abs r) (4.0 * sqrt (2.0 * g.CorrelationTime / 600.0)) "channels uncorrelated"
            Expect.equal (ch.[0].Invoke 0.0) (ch.[0].Invoke 600.0) "cyclic"
        }
        test "Schreiber reliability: 1 for identical trains, 2√π σλ/(2√π σλ + 1) for independent Poisson trains at rate λ" {
            let rng = Random(5)
            let poissonTrain rate duration =
                let times = ResizeArray<float>()
                let mutable t = -log (1.0 - rng.NextDouble()) / rate
                while t < duration do times.Add t; t <- t - log (1.0 - rng.NextDouble()) / rate
                times.ToArray()
            let a = poissonTrain 20.0 10.0
            closeRel 1e-12 1.0 (SpikeTimingReliability.Reliability([| a; Array.copy a |], 10.0, 0.005)) "identical trains"
            let trains = Array.init 20 (fun _ -> poissonTrain 20.0 20.0)
            let x = 2.0 * sqrt Math.PI * 0.005 * 20.0
            // pair cosines fluctuate by ≈ 1/√(spikes) each; 190 pairs of 400-spike trains: a few 1e-3
            closeAbs 0.01 (x / (x + 1.0)) (SpikeTimingReliability.Reliability(trains, 20.0, 0.005)) "Poisson trains"
        }
        test "spike timing on the kernel: reliability grows from early to late development, as the rate model's (short)" {
            let early = SpikeTimingReliability(0.0, Trials = 4, Duration = 3.0).Run()
            let late = SpikeTimingReliability(1.0, Trials = 4, Duration = 3.0).Run()
            Expect.isGreaterThan late.Reliability (1.5 * early.Reliability) "kernel: more precise late"
            Expect.isGreaterThan late.ModelReliability early.ModelReliability "rate model: more precise late"
        }
        test "depression keeps the unbalanced circuit bounded: early rate far below late rate, in kernel and model" {
            let early = DevelopmentalCircuitSimulation(Stage = 0.0, ChannelRate = 40.0, Duration = 4.0, Eta = Nullable 0.0).Run()
            let late = DevelopmentalCircuitSimulation(Stage = 1.0, ChannelRate = 40.0, Duration = 4.0, Eta = Nullable 0.0).Run()
            let me, ml = circuit.ReceiverRate(0.0, circuit.Uniform 40.0, 0.0), circuit.ReceiverRate(1.0, circuit.Uniform 40.0, 0.0)
            Expect.isLessThan (early.MeanRate 0.5) 20.0 "early kernel rate bounded"
            Expect.isGreaterThan (late.MeanRate 0.5) (4.0 * early.MeanRate 0.5) "late kernel rate runs high"
            Expect.isLessThan me 20.0 "early model rate"; Expect.isGreaterThan ml (4.0 * me) "late model rate"
        }
        test "developmental gate: the stage advances every chunk below 5 Hz and never above" {
            let quiet = DevelopmentalCircuitSimulation(Stage = 0.0, ChannelRate = 0.5, Duration = 2.0, Eta = Nullable 0.0, FollowSchedule = true, StageStep = 0.1).Run()
            closeAbs 1e-12 0.3 quiet.Stages.[3] "stage after three open gates (recorded before the fourth)"
            let loud = DevelopmentalCircuitSimulation(Stage = 0.5, ChannelRate = 20.0, Duration = 2.0, Eta = Nullable 0.0, FollowSchedule = true, StageStep = 0.1).Run()
            Expect.isTrue (loud.Stages |> Array.forall ((=) 0.5)) (sprintf "stage frozen while the rate is %A Hz" loud.Rates)
        }
        test "rate model: fixed point at the target rate, stable, w* grows along development" {
            let meanField = circuit.With(spikeCorrelations = false, weightDiffusion = false)
            let fps = [ 0.0; 0.5; 1.0 ] |> List.map (fun s -> meanField.FixedPoint(s, circuit.Uniform 20.0))
            for fp in fps do
                closeRel 1e-6 5.0 fp.Rate "rate at the mean-field fixed point"
                Expect.isTrue fp.Stable "stable"
            Expect.isTrue (fps |> List.pairwise |> List.forall (fun (a, b) -> b.WInh > a.WInh)) "w* increases with stage"
            // below target without inhibition: the fixed point is the bound w = 0
            let low = meanField.FixedPoint(0.0, circuit.Uniform 5.0)
            Expect.equal low.WInh 0.0 "w* = 0 when excitation alone stays below target"
            // the weight ODE converges to w*
            let fp = fps.[2]
            let tc = meanField.With(eta = 1e-2).WeightTimeCourse(1.0, circuit.Uniform 20.0, 0.0, 60.0, 0.05)
            closeRel 0.01 fp.WInh tc.[tc.Length - 1].[1] "w(60 s) from the ODE"
        }
        test "co-tuning rate model: with equal constant channel rates every channel's weight is the shared-weight fixed point" {
            // per-channel drifts on constant traces (exact Poisson STP time courses) against the
            // scalar model (stationary PoissonExact efficacies, DevelopmentalCircuit.FixedPoint)
            let c = circuit.With(eta = 1e-2, weightDiffusion = false)
            for stage in [ 0.5; 1.0 ] do
                let ct = CircuitCoTuning(c, stage, Array.init 8 (fun _ -> Array.create 400 20.0), 0.005, burnIn = 1.0, stride = 50)
                let fp = ct.FixedPoint()
                let scalar = c.FixedPoint(stage, c.Uniform 20.0)
                for ch in 0 .. 7 do closeRel 1e-6 scalar.WInh fp.WInh.[ch] (sprintf "stage %g channel %d" stage ch)
                closeRel 1e-9 scalar.Rate fp.Rate (sprintf "rate, stage %g" stage)
        }
        test "co-tuning rate model: a channel with a larger rate gains more inhibition; the drifts vanish at the fixed point" {
            // constant but unequal rates: ⟨ν_c 2τ(ν_post − ρ₀)⟩ = 2τ ν_c (ν_post − ρ₀) vanishes for all c
            // only at ν_post = ρ₀ − c_I,c/2τ; c_I,c ∝ w_c, so the weights settle where c_I,c is equal
            let c = circuit.With(eta = 1e-2, weightDiffusion = false)
            let rates = [| 10.0; 10.0; 10.0; 10.0; 20.0; 20.0; 20.0; 20.0 |]
            let ct = CircuitCoTuning(c, 1.0, rates |> Array.map (fun r -> Array.create 400 r), 0.005, burnIn = 1.0, stride = 50)
            let fp = ct.FixedPoint()
            Expect.isLessThan fp.Residual 1e-9 "drifts vanish"
            let d = ct.Drift fp.WInh
            Expect.isLessThan (d |> Array.map abs |> Array.max) 1e-9 "drift at the returned weights"
        }
        test "co-tuning and scalar fixed points: a finite w_max above w* does not stop the bracket (issue #14)" {
            // 50 Hz on every channel at stage 1: w* = 2.6586 (unbounded). With w_max = 3 the old
            // bracket doubled 1 → 2 → 4 > w_max and threw although w* < w_max; now the search stops
            // at w_max. The bounded answers equal the unbounded ones, and w_max = 2 < w* still throws.
            let c = circuit.With(eta = 1e-2, weightDiffusion = false)
            let traces = Array.init 8 (fun _ -> Array.create 400 50.0)
            let free = CircuitCoTuning(c, 1.0, traces, 0.005, burnIn = 1.0, stride = 50).FixedPoint()
            let bounded = CircuitCoTuning(c.With(wMax = 3.0), 1.0, traces, 0.005, burnIn = 1.0, stride = 50).FixedPoint()
            Expect.isLessThan free.WInh.[0] 3.0 "w* below the bound"
            Expect.isGreaterThan free.WInh.[0] 2.0 "w* above the last power of two"
            for ch in 0 .. 7 do closeRel 1e-9 free.WInh.[ch] bounded.WInh.[ch] (sprintf "channel %d" ch)
            let scalarFree = c.FixedPoint(1.0, c.Uniform 50.0)
            let scalarBounded = c.With(wMax = 3.0).FixedPoint(1.0, c.Uniform 50.0)
            closeRel 1e-12 scalarFree.WInh scalarBounded.WInh "scalar model, w_max = 3"
            closeRel 1e-6 scalarFree.WInh bounded.WInh.[0] "co-tuning on equal constant rates = scalar model"
            Expect.throwsT<System.InvalidOperationException> (fun () ->
                CircuitCoTuning(c.With(wMax = 2.0), 1.0, traces, 0.005, burnIn = 1.0, stride = 50).FixedPoint() |> ignore) "w_max = 2 < w*"
            throwsArg "channelRates" (fun () -> c.With(wMax = 2.0).FixedPoint(1.0, c.Uniform 50.0) |> ignore)
        }
        test "co-tuning rate model: channels held at w = 0 by a negative drift do not count in the residual" {
            // (1) 5 Hz on every channel at stage 0: excitation alone gives 1.35 Hz < ρ₀, so every
            // channel sits at the w = 0 bound with drift 2τ ν (ν_post − ρ₀) η < 0 (the KKT point).
            // The old residual took max |drift| over all channels (0.0073 /s here) and Newton
            // iterated to its cap. (2) Fluctuating synthetic inputs (40 s, every 50th sample), stage
            // 1: channel 6 ends at the bound, the others balance (old residual 8.5e-4 /s).
            let c = circuit.With(eta = 1e-2, weightDiffusion = false)
            let check (ct: CircuitCoTuning) what =
                let fp = ct.FixedPoint()
                Expect.isLessThan fp.Residual 1e-9 (what + ": KKT residual")
                let d = ct.Drift fp.WInh
                for ch in 0 .. 7 do
                    if fp.WInh.[ch] = 0.0 then Expect.isLessThanOrEqual d.[ch] 0.0 (sprintf "%s: channel %d at the bound pushes outwards" what ch)
                    else Expect.isLessThan (abs d.[ch]) 1e-9 (sprintf "%s: channel %d balanced" what ch)
                fp
            let low = check (CircuitCoTuning(c, 0.0, Array.init 8 (fun _ -> Array.create 400 5.0), 0.005, burnIn = 1.0, stride = 50)) "5 Hz"
            Expect.isTrue (low.WInh |> Array.forall ((=) 0.0)) "every channel at w = 0"
            let g = SyntheticInputRates.JiaVogelsCosta2022
            let traces = Array.init 8 (fun ch -> g.Generate(40.0, Xoshiro256(11UL, uint64 ch + 1UL)))
            let syn = check (CircuitCoTuning(c, 1.0, traces, 0.005, stride = 50)) "synthetic"
            Expect.isTrue (syn.WInh |> Array.exists ((=) 0.0) && syn.WInh |> Array.exists (fun w -> w > 0.0)) (sprintf "some channels at the bound, some not: %A" syn.WInh)
        }
        test "rate model: spike correlations put the rate above ρ₀, weight diffusion against w ≥ 0 below it; the latter scales with η" {
            let drift (c: DevelopmentalCircuit) s = c.FixedPoint(s, circuit.Uniform 20.0)
            // correlations only: ν_post − ρ₀ = −c_I/(2τ) at the fixed point, c_I from Correlation
            let corr = circuit.With(weightDiffusion = false)
            for s in [ 0.5; 1.0 ] do
                let fp = drift corr s
                let ci = corr.Correlation(s, circuit.Uniform 20.0, fp.WInh, 0)
                Expect.isLessThan ci 0.0 "inhibitory synapses delay the next post spike"
                closeRel 1e-6 (5.0 - ci / (2.0 * corr.TauStdp)) fp.Rate (sprintf "rate at the fixed point, stage %g" s)
            // diffusion: the mean weight is D/|v| of the stationary exponential distribution
            for eta in [ 1e-3; 1e-2 ] do
                let c = circuit.With(eta = eta)
                let fp = drift c 0.0
                let v = c.WeightDrift(0.0, circuit.Uniform 20.0, fp.WInh)
                let d = c.WeightDiffusionCoefficient(0.0, circuit.Uniform 20.0, fp.WInh)
                closeRel 1e-6 (d / -v) fp.WInh (sprintf "w̄ = D/|v| at eta %g" eta)
            // small η: the shift is linear in η (diffusion alone)
            let shift eta = 5.0 - (drift (circuit.With(eta = eta, spikeCorrelations = false)) 0.0).Rate
            closeRel 0.02 10.0 (shift 1e-4 / shift 1e-5) "rate shift below ρ₀ ∝ η"
            // with diffusion the bound is never the fixed point: below target the weights still spread
            Expect.isGreaterThan (circuit.FixedPoint(0.0, circuit.Uniform 5.0).WInh) 0.0 "w̄ > 0"
        }
        test "discrete-monitoring correction: an OU neuron sampled every dt fires at the Siegert rate with θ raised by β σ√dt" {
            // τ dV/dt = μ − V + noise, threshold tested at step ends; exact OU update (isolates the
            // monitoring error) at dt = 1 ms, forward Euler (the kernel's scheme) at dt = 0.25 ms
            let m = circuit.Membrane
            let tau, mu, sd = 0.02, -0.0525, 0.0025
            closeAbs 1e-12 0.5825971579390106 ConductanceLifRate.DiscreteMonitoringBeta "β = −ζ(1/2)/√(2π)"
            for exact, dt, steps in [ true, 1e-3, 2_000_000; false, 2.5e-4, 8_000_000 ] do
                let a = if exact then exp (-dt / tau) else 1.0 - dt / tau
                let amp = if exact then sd * sqrt (1.0 - exp (-2.0 * dt / tau)) else sd * sqrt (2.0 * dt / tau)
                let rng = Random(12)
                let normal () = sqrt (-2.0 * log (1.0 - rng.NextDouble())) * cos (2.0 * Math.PI * rng.NextDouble())
                let refr = int (round (m.Refractory / dt))
                let mutable v, spikes, hold = m.Reset, 0, 0
                for _ in 1 .. steps do
                    if hold > 0 then hold <- hold - 1
                    else
                        v <- mu + (v - mu) * a + amp * normal ()
                        if v > m.Threshold then spikes <- spikes + 1; v <- m.Reset; hold <- refr
                let t = float steps * dt
                let sim, se = float spikes / t, sqrt (float spikes) / t
                let shift = ConductanceLifRate.DiscreteMonitoringBeta * sd * sqrt (2.0 * dt / tau)
                let corrected = ConductanceLifRate.Siegert(tau, m.Refractory, m.Threshold + shift, m.Reset, mu, sqrt 2.0 * sd)
                let continuous = ConductanceLifRate.Siegert(tau, m.Refractory, m.Threshold, m.Reset, mu, sqrt 2.0 * sd)
                if abs (sim - corrected) > 4.0 * se then failtestf "dt %g: simulated %.3f ± %.3f Hz vs corrected Siegert %.3f Hz" dt sim se corrected
                Expect.isGreaterThan (continuous - sim) (8.0 * se) (sprintf "dt %g: the uncorrected rate is far off" dt)
        }
    ]

[<Tests>]
let crosscheck =
    testList "crosscheck.ShortTermPlasticity" [
        test "single synapse across rates and developmental stages: Poisson within 4 SE, regular within 1e-4" {
            for stage in [ 0.0; 0.25; 0.5; 0.75; 1.0 ] do
                let p = schedule.At stage
                for rate in [ 2.0; 5.0; 10.0; 20.0; 50.0 ] do
                    withinSe 4.0 (SingleSynapseSimulation(p, rate, true, 200, 30.0, 3.0, 17UL).Run()) (sprintf "Poisson %g Hz stage %g" rate stage)
                    let r = SingleSynapseSimulation(p, rate, false, 10, 20.0, 10.0).Run()
                    closeRel 1e-4 r.RegularAnalytic r.SimulatedEfficacy (sprintf "regular %g Hz stage %g" rate stage)
        }
        test "circuit with iSTDP at stages 0, 0.5 and 1: kernel rate and w_isp within 4 SE + 2 % of the rate model's fixed point (η = 1e-2)" {
            // the rate model at the simulation's η: the spread of the weights against w ≥ 0 scales
            // with η. At stage 0 w* is small and the mean weight over 200 s varies by ≈ 11 % from seed
            // to seed (slow spread of the individual weights), so four seeds are averaged there.
            let model = circuit.With(eta = 1e-2)
            for stage, seeds in [ 0.0, [ 1UL .. 4UL ]; 0.5, [ 1UL ]; 1.0, [ 1UL ] ] do
                let fp = model.FixedPoint(stage, circuit.Uniform 20.0)
                let runs = seeds |> List.map (fun seed ->
                    DevelopmentalCircuitSimulation(Stage = stage, ChannelRate = 20.0, Duration = 240.0, Eta = Nullable 1e-2, InitialWInh = 0.0, Seed = seed).Run())
                // SE of the seed average: batch means within each run, combined over the independent seeds
                let se (f: DevelopmentalCircuitResult -> float) = sqrt (runs |> List.sumBy (fun r -> f r ** 2.0)) / float runs.Length
                withinSeAndModel 4.0 (se (fun r -> r.RateStandardError 40.0)) 0.02 fp.Rate (runs |> List.averageBy (fun r -> r.MeanRate 40.0)) (sprintf "rate, stage %g" stage)
                withinSeAndModel 4.0 (se (fun r -> batchSe r.Times r.WInh 40.0)) 0.02 fp.WInh (runs |> List.averageBy (fun r -> r.MeanWInh 40.0)) (sprintf "w_isp, stage %g" stage)
        }
        test "co-tuning under synthetic paper-protocol inputs (stage 1, η = 1e-2): kernel per-channel w_isp follow the rate model and the receptive field" {
            // measured (docs/MODELS.md, issue #14): kernel 0.39 … 3.14, model 0.25 … 3.85 (every 10th
            // sample; 3.97 with every 20th: the model's own sampling error is ≈ 3 %); the model
            // exaggerates the profile by ≈ 20 % (no weight spread, quasi-static membrane), so the
            // check is on the shape: Pearson r of kernel vs model and vs the excitatory weights, the
            // strongest channel's weight within 30 % (the measured model error, 23 %, not a
            // statistical bound), and the mean rate below ρ₀ in both
            let pearson (a: float[]) (b: float[]) =
                let ma, mb = Array.average a, Array.average b
                (Array.map2 (fun x y -> (x - ma) * (y - mb)) a b |> Array.sum)
                / sqrt ((a |> Array.sumBy (fun x -> (x - ma) ** 2.0)) * (b |> Array.sumBy (fun y -> (y - mb) ** 2.0)))
            let g = SyntheticInputRates.JiaVogelsCosta2022
            let traces = Array.init 8 (fun c -> g.Generate(200.0, Xoshiro256(11UL, uint64 c + 1UL)))
            let fp = CircuitCoTuning(circuit.With(eta = 1e-2, weightDiffusion = false), 1.0, traces, 0.005, stride = 10).FixedPoint()
            let r = DevelopmentalCircuitSimulation(Stage = 1.0, Duration = 400.0, Eta = Nullable 1e-2, InitialWInh = 0.0, Seed = 5UL,
                                                   ChannelRatesOfTime = g.Channels(8, 200.0, 11UL)).Run()
            let k = r.MeanChannelWInh 100.0
            Expect.isGreaterThan (pearson k fp.WInh) 0.97 (sprintf "kernel %A vs model %A" k fp.WInh)
            Expect.isGreaterThan (pearson k circuit.ExcWeights) 0.95 "kernel weights follow the receptive field"
            closeRel 0.30 k.[4] fp.WInh.[4] "strongest channel"
            Expect.isLessThan fp.Rate 5.0 "model rate below ρ₀ under fluctuating inputs"
            Expect.isLessThan (r.MeanRate 100.0) 5.0 "kernel rate below ρ₀"
        }
        test "circuit without inhibition at stages 0, 0.5 and 1: kernel rate within 4 SE + 2 % of the rate model (600 s)" {
            for stage in [ 0.0; 0.5; 1.0 ] do
                let r = DevelopmentalCircuitSimulation(Stage = stage, ChannelRate = 20.0, Duration = 600.0, Eta = Nullable 0.0, Seed = 7UL).Run()
                let model = circuit.ReceiverRate(stage, circuit.Uniform 20.0, 0.0)
                let sim, se = r.MeanRate 1.0, r.RateStandardError 1.0
                if abs (sim - model) > 4.0 * se + 0.02 * model then failtestf "stage %g: kernel %.3f ± %.3f Hz vs model %.3f Hz" stage sim se model
        }
    ]
