/// The threaded step loop: the same seed gives bit-identical spikes and state on 1, 2, 3 and 4
/// threads (3 and 4 oversubscribe a 2-core machine on purpose), for a delta-synapse network
/// (Brunel), the COBA benchmark, a plastic network (Tsodyks–Markram, inhibitory STDP, calcium
/// rule) and a metabolic network; and the thread count's bad input.
module Theory.Tests.Kernel.ThreadingTests

open System
open Expecto
open Theory.Spiking
open Theory.Experiments.Networks
open Theory.Experiments.Metabolic
open Theory.Tests.Util

let threadCounts = [ 1; 2; 3; 4 ]

/// Everything a run leaves behind, as exact bit patterns.
type Outcome =
    { Steps: int[]; Indices: int[]; State: (string * int[]) list }

let bits (xs: float[]) = xs |> Array.map (fun x -> BitConverter.SingleToInt32Bits(float32 x))
let bits64 (xs: float[]) = xs |> Array.map (fun x -> int (BitConverter.DoubleToInt64Bits x >>> 16))

/// Runs `make threads` for every thread count and asserts every outcome equals the 1-thread one.
let sameOnEveryThreadCount (what: string) (make: int -> Outcome) =
    // every network here is threaded whatever this machine's core-to-core latency (the default
    // threshold would run the smaller ones on one thread, which would prove nothing)
    use _ = KernelThreads.UseMinCost 3000.0
    let reference = make 1
    Expect.isGreaterThan reference.Steps.Length 100 (what + ": the network is active (a silent run would prove nothing)")
    for t in threadCounts |> List.tail do
        let o = make t
        Expect.equal o.Steps.Length reference.Steps.Length (sprintf "%s: spike count, %d threads vs 1" what t)
        Expect.isTrue (o.Steps = reference.Steps && o.Indices = reference.Indices) (sprintf "%s: spike trains, %d threads vs 1" what t)
        for (name, values), (_, expected) in List.zip o.State reference.State do
            Expect.isTrue (values = expected) (sprintf "%s: %s bit for bit, %d threads vs 1" what name t)

/// Threads a run of three Poisson-driven groups of `size` neurons used when `threads` were asked for.
let threeGroups (threads: int) (size: int) =
    let net = Network(1e-4, 1UL, threads)
    for name in [ "a"; "b"; "c" ] do
        let p = net.Add(LifDelta(name, size, LifParameters.Brunel2000))
        net.AddPoissonInput(p, 100, 10.0, 1e-4) |> ignore
    net.Run 0.01
    net.LastRunThreads

let brunel (threads: int) =
    let net = Network(1e-4, 11UL, threads)
    let p = LifParameters.Brunel2000
    let e = net.Add(LifDelta("E", 4000, p))
    let i = net.Add(LifDelta("I", 1000, p))
    let init = net.NewRandom()
    for pop in [ e; i ] do
        pop.SetUniform("v", 0.0, 0.02, init)
        net.Connect(e, pop, Connectivity.FixedInDegree 400, 2e-4, 1.5e-3) |> ignore
        net.Connect(i, pop, Connectivity.FixedInDegree 100, -1e-3, 1.5e-3) |> ignore
        net.AddPoissonInput(pop, 400, 50.0, 2e-4) |> ignore
    // per-synapse delays and weights across block boundaries
    let het = net.Connect(e, i, Connectivity.FixedProbability 0.01, 1e-4)
    het.SetDelays(fun pre post -> 1e-4 * float ((pre + post) % 20))
    het.SetWeights(fun pre post -> 1e-5 * float ((pre * 7 + post) % 13))
    net.AddCurrent(e, (fun t -> 1e-11 * sin (100.0 * t)), Array.init 4000 (fun k -> float (k % 3))) |> ignore
    let se = net.MonitorSpikes(e)
    let si = net.MonitorSpikes(i)
    let sm = net.MonitorState(e, "v", [| 0; 1023; 1024; 2500; 3999 |], 5e-4)
    net.Run 0.1
    net.Run 0.05 // a second run continues the same trajectory
    { Steps = Array.append se.Steps si.Steps
      Indices = Array.append se.Indices si.Indices
      State =
        [ "V_E", bits (e.Get "v"); "V_I", bits (i.Get "v")
          "monitored v", sm.Values |> Array.concat |> bits ] }

let coba (threads: int) =
    use _ = KernelThreads.Use threads
    let cfg = CobaSimulation(N = 4000, Duration = 0.2, Seed = 3UL)
    let built = cfg.Build()
    let net, pop = built.Net, built.Neurons
    Expect.equal net.Threads threads "the network takes the scope's thread count"
    let s = net.MonitorSpikes pop
    net.Run cfg.Duration
    // 4000 neurons = 4 blocks of 1024: the run really used min(threads, 4) threads
    Expect.equal net.LastRunThreads (min threads 4) "threads used"
    { Steps = s.Steps; Indices = s.Indices
      State = [ for v in [ "v"; "g_exc"; "g_inh" ] -> v, bits (pop.Get v) ] }

let plastic (threads: int) =
    let net = Network(1e-4, 5UL, threads)
    let lif = LifParameters.VogelsAbbott2005
    let e = net.Add(LifConductance("E", 2600, lif, 0.0, -0.080, 0.005, 0.010))
    let i = net.Add(LifConductance("I", 1100, lif, 0.0, -0.080, 0.005, 0.010))
    let src = net.Add(SpikeSource.Poisson("src", 2200, (fun t -> 8.0 + 4.0 * sin (30.0 * t)), net.NewRandom()))
    let gL = lif.LeakConductance
    net.Connect(src, e, Connectivity.FixedProbability 0.05, 1.2 * gL, 0.0, "exc") |> ignore
    net.Connect(src, i, Connectivity.FixedProbability 0.05, 1.2 * gL, 0.0, "exc") |> ignore
    let tm = net.Add(TsodyksMarkramProjection(net, e, i, Connectivity.FixedProbability 0.03, 0.8 * gL, 0.2, 0.2, 0.6, target = "exc", delay = 1e-3))
    let tms =
        net.Add(TsodyksMarkramSynapseProjection(net, e, e, Connectivity.FixedProbability 0.01, 0.4 * gL,
                    (fun pre post -> TsodyksMarkramSettings(0.1 + 0.01 * float ((pre + post) % 30), 0.1, 0.3, 0.1, 1.0, 0.1, false)),
                    target = "exc"))
    let istdp =
        net.Add(InhibitoryStdpProjection(net, i, e, Connectivity.FixedProbability 0.03, 1.0, 0.05, 5.0, 10.0,
                    scale = 2.0 * gL, tm = TsodyksMarkramSettings(0.3, 0.2, 0.05, 0.3, 1.0, 0.3, false), target = "inh"))
    // Graupner & Brunel (2012) cortical-slice-like values with a fast τ so that ρ moves in 0.3 s
    let rule = CalciumSynapseRule(0.0226, 0.56, 1.24, 1.0, 1.3, 200.0, 320.0, 1.0, 0.5, 2.0, 4.6e-3, Eta = 1.0)
    let ca = net.Add(CalciumSynapseProjection(net, e, e, Connectivity.FixedProbability 0.01, rule, 0.0, 1.0 * gL,
                                              (fun _ _ -> 0.5), target = "exc"))
    let se = net.MonitorSpikes e
    let si = net.MonitorSpikes i
    net.Run 0.3
    ca.Synchronize()
    { Steps = Array.append se.Steps si.Steps
      Indices = Array.append se.Indices si.Indices
      State =
        [ "V_E", bits (e.Get "v"); "g_inh E", bits (e.Get "g_inh")
          "TM efficacy", bits64 (tm.Plasticity.MeanEfficacy())
          "TM synapse u", bits64 tms.U; "TM synapse efficacy", bits64 (tms.MeanEfficacy())
          "iSTDP weights", bits istdp.PlasticWeights
          "calcium rho", bits ca.Rho; "calcium c", bits ca.Calcium ] }

let metabolic (threads: int) =
    use _ = KernelThreads.Use threads
    let cfg = MetabolicNetworkSimulation(N = 3000, Duration = 0.4, Connectivity = 0.05)
    let built = cfg.Build()
    let net, pop = built.Net, built.Neurons
    let s = net.MonitorSpikes pop
    net.Run cfg.Duration
    { Steps = s.Steps; Indices = s.Indices
      State = [ for v in [ "v"; "m"; "g_exc"; "g_inh" ] -> v, bits (pop.Get v) ] }

/// Conductance LIF whose V integrates through τ_ref (the Jia et al. receiver's variant), recurrent,
/// Poisson-driven, white-noise current: 3000 neurons = 3 blocks.
let integrateThrough (threads: int) =
    let net = Network(1e-4, 9UL, threads)
    let lif = LifParameters.VogelsAbbott2005.With(refractoryPeriod = 0.004)
    let e = net.Add(LifConductance("E", 3000, lif, 0.0, -0.080, 0.005, 0.010, RefractoryVoltage = RefractoryVoltage.Integrate))
    net.Connect(e, e, Connectivity.FixedProbability 0.01, 2e-10, target = "exc") |> ignore
    net.AddPoissonInput(e, 200, 20.0, 1e-9, "exc") |> ignore
    let noise = net.NewRandom()
    net.AddCurrent(e, (fun _ -> 5e-11 * noise.NextNormal())) |> ignore
    let s = net.MonitorSpikes e
    net.Run 0.2
    { Steps = s.Steps; Indices = s.Indices
      State = [ for v in [ "v"; "g_exc" ] -> v, bits (e.Get v) ] }

[<Tests>]
let tests =
    testList "Kernel.Threads" [
        test "conductance LIF integrating through τ_ref: bit-identical spikes and V on 1–4 threads" {
            sameOnEveryThreadCount "integrate-through" integrateThrough
        }
        test "Brunel (delta synapses, per-synapse delays, currents, state monitor): bit-identical on 1–4 threads" {
            sameOnEveryThreadCount "Brunel" brunel
        }
        test "COBA 4000: bit-identical spikes and conductances on 1–4 threads" {
            sameOnEveryThreadCount "COBA" coba
        }
        test "plastic network (TM, heterogeneous TM, iSTDP with TM, calcium rule with noise): bit-identical on 1–4 threads" {
            sameOnEveryThreadCount "plastic" plastic
        }
        test "metabolic network: bit-identical spikes, M and conductances on 1–4 threads" {
            sameOnEveryThreadCount "metabolic" metabolic
        }
        test "COBA 4000 × 0.5 s (no random numbers in the loop): the raster of the single-threaded kernel of 2026-11-25, on 1 and 2 threads" {
            // FNV-1a over (step, neuron) of every spike, computed with the kernel before the threaded
            // step loop (commit 767558a): the block machinery changes nothing where no stream moved
            for threads in [ 1; 2 ] do
                use _ = KernelThreads.Use threads
                let cfg = CobaSimulation(N = 4000, Duration = 0.5, Seed = 7UL)
                let built = cfg.Build()
                let net, pop = built.Net, built.Neurons
                let s = net.MonitorSpikes pop
                net.Run cfg.Duration
                let mutable h = 14695981039346656037UL
                for st, i in Array.zip s.Steps s.Indices do
                    h <- (h ^^^ uint64 st) * 1099511628211UL
                    h <- (h ^^^ uint64 i) * 1099511628211UL
                Expect.equal s.Count 32097 (sprintf "spike count, %d threads" threads)
                Expect.equal h 937982087363111970UL (sprintf "raster checksum, %d threads" threads)
        }
        test "metabolic network (N = 1000, 0.6 s, with and without the metabolic current): raster, final M and V of the 8-lane kernel of ab419bd, on 1 and 2 threads" {
            // FNV-1a over (step, neuron) of every spike and over the bits of M and V at the end, computed with the kernel
            // before MetabolicLif took 16 lanes at a time where AVX-512 is present (main at ab419bd): 125 vectors per step,
            // 62 pairs on the 16-lane path and one on the 8-lane tail, must give the same bits as 125 8-lane vectors
            for drive, count, hs, hmv in [ MetabolicLifParameters.ChintaluriVogels2023, 4229, 11822335660882798660UL, 4659581421876992108UL
                                           MetabolicLifParameters.NoMetabolicDrive, 5272, 1450262628557864280UL, 15187403667426678348UL ] do
                for threads in [ 1; 2 ] do
                    use _ = KernelThreads.Use threads
                    let cfg = MetabolicNetworkSimulation(N = 1000, Duration = 0.6, Connectivity = 0.2, ExcWeight = 0.5, Metabolic = drive)
                    let c = cfg.Build()
                    let s = c.Net.MonitorSpikes c.Neurons
                    c.Net.Run cfg.Duration
                    let mutable h = 14695981039346656037UL
                    for st, i in Array.zip s.Steps s.Indices do
                        h <- (h ^^^ uint64 st) * 1099511628211UL
                        h <- (h ^^^ uint64 i) * 1099511628211UL
                    let mutable hm = 14695981039346656037UL
                    for x in Array.append (c.Neurons.Variable "m") (c.Neurons.Variable "v") do
                        hm <- (hm ^^^ uint64 (BitConverter.SingleToUInt32Bits x)) * 1099511628211UL
                    let what = sprintf "A_max = %g, %d threads" drive.DriveAmplitude threads
                    Expect.equal s.Count count ("spike count, " + what)
                    Expect.equal h hs ("raster checksum, " + what)
                    Expect.equal hm hmv ("M and V checksum, " + what)
        }
        test "fused consume-and-integrate (delta clamp/accumulate, exp-current, conductance, metabolic LIF) equals the two separate passes, bit for bit" {
            // a state monitor on a population makes the loop take the unfused path (it must see
            // the state between the two passes); a monitor on one neuron changes nothing else
            let cobaRun (unfused: bool) =
                use _ = KernelThreads.Use 2
                let cfg = CobaSimulation(N = 3000, Duration = 0.3, Seed = 9UL)
                let built = cfg.Build()
                let net, pop = built.Net, built.Neurons
                if unfused then net.MonitorState(pop, "v", [| 0 |]) |> ignore
                let s = net.MonitorSpikes pop
                net.Run cfg.Duration
                s.Steps, s.Indices, bits (pop.Get "v")
            let metabolicRun (unfused: bool) =
                use _ = KernelThreads.Use 2
                let cfg = MetabolicNetworkSimulation(N = 2000, Duration = 0.3, Connectivity = 0.05)
                let built = cfg.Build()
                let net, pop = built.Net, built.Neurons
                if unfused then net.MonitorState(pop, "m", [| 0 |]) |> ignore
                let s = net.MonitorSpikes pop
                net.Run cfg.Duration
                s.Steps, s.Indices, bits (pop.Get "m")
            let deltaRun (mode: RefractoryInput) (unfused: bool) =
                let net = Network(1e-4, 4UL, 2)
                let p = LifParameters.Brunel2000
                let e = net.Add(LifDelta("E", 2500, p, RefractoryInput = mode))
                let x = net.Add(LifExpCurrent("X", 1500, p, 0.002, 0.005))
                e.SetUniform("v", 0.0, 0.02, net.NewRandom())
                net.Connect(e, e, Connectivity.FixedInDegree 250, 2e-4, 1.5e-3) |> ignore
                net.Connect(e, x, Connectivity.FixedInDegree 200, 4e-11, 1e-3, "exc") |> ignore
                net.AddPoissonInput(e, 250, 80.0, 2e-4) |> ignore
                net.AddPoissonInput(x, 200, 50.0, 5e-11, "exc") |> ignore
                net.AddPoissonInput(x, 200, 20.0, -5e-11, "inh") |> ignore
                if unfused then
                    net.MonitorState(e, "v", [| 0 |]) |> ignore
                    net.MonitorState(x, "v", [| 0 |]) |> ignore
                let se, sx = net.MonitorSpikes e, net.MonitorSpikes x
                net.Run 0.2
                Array.append se.Steps sx.Steps, Array.append se.Indices sx.Indices, Array.append (bits (e.Get "v")) (bits (x.Get "i_exc"))
            for mode in [ RefractoryInput.Clamp; RefractoryInput.Accumulate ] do
                let (s1, i1, v1), (s2, i2, v2) = deltaRun mode false, deltaRun mode true
                Expect.isGreaterThan s1.Length 100 "delta/exp-current network is active"
                Expect.isTrue (s1 = s2 && i1 = i2 && v1 = v2) (sprintf "delta (%A) and exp-current LIF: fused = unfused" mode)
            let (s1, i1, v1), (s2, i2, v2) = cobaRun false, cobaRun true
            Expect.isGreaterThan s1.Length 100 "COBA is active"
            Expect.isTrue (s1 = s2 && i1 = i2 && v1 = v2) "COBA: fused = unfused"
            let (s1, i1, m1), (s2, i2, m2) = metabolicRun false, metabolicRun true
            Expect.isGreaterThan s1.Length 100 "metabolic network is active"
            Expect.isTrue (s1 = s2 && i1 = i2 && m1 = m2) "metabolic: fused = unfused"
        }
        test "Poisson spike source by geometric skipping: counts per neuron and per step match Bernoulli(p) (mean within 4 s.e., Fano factor 1 − p within 4 s.e.)" {
            let n, steps, rate = 5000, 2000, 37.0
            let net = Network(1e-4, 21UL, 2)
            // the rate changes mid-run: the pending gap is drawn anew
            let src = net.Add(SpikeSource.Poisson("src", n, (fun t -> if t < 0.1 then rate else 2.0 * rate), net.NewRandom()))
            let m = net.MonitorSpikes src
            net.Run(float steps * 1e-4)
            let counts = Array.zeroCreate<float> n
            for i in m.Indices do counts.[i] <- counts.[i] + 1.0
            let p1, p2 = rate * 1e-4, 2.0 * rate * 1e-4
            let mean = Array.average counts
            let expected = 1000.0 * p1 + 1000.0 * p2
            let var = 1000.0 * p1 * (1.0 - p1) + 1000.0 * p2 * (1.0 - p2)
            Expect.isLessThan (abs (mean - expected)) (4.0 * sqrt (var / float n)) (sprintf "mean count %.4f vs %.4f" mean expected)
            let sampleVar = (counts |> Array.sumBy (fun c -> (c - mean) ** 2.0)) / float (n - 1)
            // var of the sample variance ≈ 2σ⁴/(n−1) for near-Poisson counts of mean ≫ 1
            Expect.isLessThan (abs (sampleVar - var)) (4.0 * sqrt (2.0 * var * var / float (n - 1))) (sprintf "count variance %.4f vs %.4f" sampleVar var)
            let perStep = Array.zeroCreate<float> steps
            for st in m.Steps do perStep.[st] <- perStep.[st] + 1.0
            let first = perStep.[0 .. 999] |> Array.average
            Expect.isLessThan (abs (first - float n * p1)) (4.0 * sqrt (float n * p1 / 1000.0)) "spikes per step, first half"
        }
        test "a diverging network stops with the same error on 1 and 3 threads" {
            let run (threads: int) =
                let net = Network(1e-4, 1UL, threads)
                let a = net.Add(LifDelta("a", 3000, LifParameters.Brunel2000))
                net.Connect(a, a, Connectivity.FixedInDegree 100, 1e9) |> ignore
                net.AddPoissonInput(a, 100, 100.0, 1e-3) |> ignore
                try
                    net.Run 0.05
                    failtest "the run should diverge"
                    ""
                with :? SimulationDivergedException as ex -> ex.Message
            Expect.equal (run 3) (run 1) "same error message (population, time, neuron, value)"
        }
        test "a small network runs on one thread whatever it is told (a step costs less than a hand-over)" {
            // three populations (three units) of 400 neurons: estimated cost 2400 < 3000
            use _ = KernelThreads.UseMinCost 3000.0
            Expect.equal (threeGroups 4 400) 1 "one thread for 3 × 400 neurons"
            Expect.equal (threeGroups 4 1000) 3 "three threads for 3 × 1000 neurons (three units)"
        }
        test "the one-thread threshold: 100 × the measured core-to-core round trip, at least 3000; scoped and environment overrides; bad values named" {
            let rt = KernelThreads.MinCostForThreads
            Expect.isGreaterThanOrEqual rt 3000.0 "at least 3000"
            Expect.isTrue (not (Double.IsNaN rt)) "a number"
            do
                use _ = KernelThreads.UseMinCost 0.0
                Expect.equal KernelThreads.MinCostForThreads 0.0 "scoped 0"
                // with threshold 0 even the small network of the previous test is threaded
                Expect.equal (threeGroups 3 400) 3 "threaded when told to at threshold 0"
            Expect.equal KernelThreads.MinCostForThreads rt "restored after the scope"
            throwsArg "cost" (fun () -> KernelThreads.UseMinCost -1.0 |> ignore)
            throwsArg "cost" (fun () -> KernelThreads.UseMinCost nan |> ignore)
        }
        test "thread count: < 1 or > 1024, or THEORY_THREADS not a number, is an ArgumentException naming it" {
            throwsArg "threads" (fun () -> Network(1e-4, 1UL, 0) |> ignore)
            throwsArg "threads" (fun () -> Network(1e-4, 1UL, -3) |> ignore)
            throwsArg "threads" (fun () -> Network(1e-4, 1UL, 5000) |> ignore)
            throwsArg "threads" (fun () -> KernelThreads.Use 0 |> ignore)
            throwsArg "THEORY_THREADS" (fun () -> KernelThreads.Parse("two", "THEORY_THREADS") |> ignore)
            use _ = KernelThreads.Use 3
            Expect.equal (Network().Threads) 3 "scope sets the default"
        }
    ]
