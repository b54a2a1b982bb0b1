/// The kernel's Tsodyks–Markram and inhibitory-STDP projections against independent
/// event-by-event computations, the single-synapse experiment against the analytic steady
/// states, and the developmental circuit against its rate model (short versions here, long
/// ones in the crosscheck list).
module Theory.Tests.ShortTermPlasticity.KernelTests

open System
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
            let short, long = allocated 0.01, allocated 0.5
            Expect.isLessThan (long - short) 4096L (sprintf "5000 more steps allocated %d bytes" (long - short))
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
        test "circuit without inhibition: kernel rate within 10 % of the rate model late in development (short)" {
            let r = DevelopmentalCircuitSimulation(Stage = 1.0, ChannelRate = 20.0, Duration = 6.0, Eta = Nullable 0.0).Run()
            let model = circuit.ReceiverRate(1.0, circuit.Uniform 20.0, 0.0)
            closeRel 0.10 model (r.MeanRate 1.0) "free receiver rate"
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
            let fps = [ 0.0; 0.5; 1.0 ] |> List.map (fun s -> circuit.FixedPoint(s, circuit.Uniform 20.0))
            for fp in fps do
                closeRel 1e-6 5.0 fp.Rate "rate at the fixed point"
                Expect.isTrue fp.Stable "stable"
            Expect.isTrue (fps |> List.pairwise |> List.forall (fun (a, b) -> b.WInh > a.WInh)) "w* increases with stage"
            // below target without inhibition: the fixed point is the bound w = 0
            let low = circuit.FixedPoint(0.0, circuit.Uniform 5.0)
            Expect.equal low.WInh 0.0 "w* = 0 when excitation alone stays below target"
            // the weight ODE converges to w*
            let fp = fps.[2]
            let tc = circuit.With(eta = 1e-2).WeightTimeCourse(1.0, circuit.Uniform 20.0, 0.0, 60.0, 0.05)
            closeRel 0.01 fp.WInh tc.[tc.Length - 1].[1] "w(60 s) from the ODE"
        }
        test "rate model step response: phasic early (onset peak, low plateau), sustained late" {
            let early = circuit.StepResponse(0.0, 2.0, 30.0, 0.0, 1.0)
            let late = circuit.StepResponse(1.0, 2.0, 30.0, circuit.FixedPoint(1.0, circuit.Uniform 10.0).WInh, 1.0)
            let peak (r: float[][]) = r |> Array.map (fun x -> x.[2]) |> Array.max
            let plateau (r: float[][]) = r.[r.Length - 1].[2]
            Expect.isGreaterThan (peak early) (3.0 * plateau early) "early: phasic"
            Expect.isGreaterThan (plateau late) (0.9 * peak late) "late: tonic plateau"
        }
        test "Siegert: deterministic limit and monotone in the mean" {
            let m = circuit.Membrane
            let tau = m.Capacitance / m.LeakConductance
            let mu = -0.045
            let det = 1.0 / (m.Refractory + tau * log ((mu - m.Reset) / (mu - m.Threshold)))
            closeRel 1e-12 det (ConductanceLifRate.Siegert(tau, m.Refractory, m.Threshold, m.Reset, mu, 0.0)) "sigma = 0"
            closeRel 2e-3 det (ConductanceLifRate.Siegert(tau, m.Refractory, m.Threshold, m.Reset, mu, 1e-5)) "small sigma"
            let rs = [ -0.07 .. 0.002 .. -0.04 ] |> List.map (fun mu -> ConductanceLifRate.Siegert(tau, m.Refractory, m.Threshold, m.Reset, mu, 0.003))
            Expect.isTrue (rs |> List.pairwise |> List.forall (fun (a, b) -> b >= a)) "monotone"
            throwsArg "threshold" (fun () -> ConductanceLifRate.Siegert(tau, 0.0, -0.06, -0.05, mu, 0.001) |> ignore)
        }
        test "bad input to the kernel projections and the circuit is rejected naming the parameter" {
            let net = Network(1e-4, 1UL)
            let pre = net.Add(SpikeSource.Poisson("pre", 2, 5.0, net.NewRandom()))
            let post = net.Add(LifConductance.Coba("post", 2))
            throwsArg "u" (fun () -> TsodyksMarkramProjection(net, pre, post, Connectivity.OneToOne(), 1e-9, 0.0, 0.1, 0.1, target = "exc") |> ignore)
            throwsArg "tauD" (fun () -> TsodyksMarkramProjection(net, pre, post, Connectivity.OneToOne(), 1e-9, 0.5, -0.1, 0.1, target = "exc") |> ignore)
            throwsArg "wMax" (fun () -> InhibitoryStdpProjection(net, pre, post, Connectivity.OneToOne(), 0.0, 1e-3, 5.0, -1.0, target = "inh") |> ignore)
            throwsArg "eta" (fun () -> InhibitoryStdpProjection(net, pre, post, Connectivity.OneToOne(), 0.0, -1e-3, 5.0, 1.0, target = "inh") |> ignore)
            throwsArg "initialWeight" (fun () -> InhibitoryStdpProjection(net, pre, post, Connectivity.OneToOne(), 2.0, 1e-3, 5.0, 1.0, target = "inh") |> ignore)
            throwsArg "rate" (fun () -> SpikeSource.Poisson("x", 2, -1.0, net.NewRandom()) |> ignore)
            throwsArg "channelRates" (fun () -> circuit.ReceiverRate(0.0, [| 1.0 |], 0.0) |> ignore)
            throwsArg "stage" (fun () -> circuit.FixedPoint(1.5, circuit.Uniform 10.0) |> ignore)
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
        test "circuit with iSTDP at stages 0.5 and 1: kernel rate and w_isp within 10 % of the rate model's fixed point" {
            for stage in [ 0.5; 1.0 ] do
                let fp = circuit.FixedPoint(stage, circuit.Uniform 20.0)
                let r = DevelopmentalCircuitSimulation(Stage = stage, ChannelRate = 20.0, Duration = 120.0, Eta = Nullable 1e-2, InitialWInh = 0.0).Run()
                closeRel 0.10 fp.Rate (r.MeanRate 40.0) (sprintf "rate, stage %g" stage)
                closeRel 0.10 fp.WInh (r.MeanWInh 40.0) (sprintf "w_isp, stage %g" stage)
        }
    ]
