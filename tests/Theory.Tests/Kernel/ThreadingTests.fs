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
    let reference = make 1
    Expect.isGreaterThan reference.Steps.Length 100 (what + ": the network is active (a silent run would prove nothing)")
    for t in threadCounts |> List.tail do
        let o = make t
        Expect.equal o.Steps.Length reference.Steps.Length (sprintf "%s: spike count, %d threads vs 1" what t)
        Expect.isTrue (o.Steps = reference.Steps && o.Indices = reference.Indices) (sprintf "%s: spike trains, %d threads vs 1" what t)
        for (name, values), (_, expected) in List.zip o.State reference.State do
            Expect.isTrue (values = expected) (sprintf "%s: %s bit for bit, %d threads vs 1" what name t)

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
    let struct (net, pop) = cfg.Build()
    Expect.equal net.Threads threads "the network takes the scope's thread count"
    let s = net.MonitorSpikes pop
    net.Run cfg.Duration
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
    let struct (net, pop, _) = cfg.Build()
    let s = net.MonitorSpikes pop
    net.Run cfg.Duration
    { Steps = s.Steps; Indices = s.Indices
      State = [ for v in [ "v"; "m"; "g_exc"; "g_inh" ] -> v, bits (pop.Get v) ] }

[<Tests>]
let tests =
    testList "Kernel.Threads" [
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
