/// Connectivity, delays, inputs, monitors, determinism and failure modes of the kernel.
module Theory.Tests.Kernel.NetworkTests

open System
open Expecto
open Theory.Spiking
open Theory.Tests.Util

let dt = 1e-4
let quiet = LifParameters.Brunel2000.With(threshold = 10.0, tau = 1e6) // integrates, never fires

[<Tests>]
let tests =
    testList "Kernel.Network" [
        test "fixed in-degree: every target has exactly k distinct sources and no autapse" {
            let net = Network(dt, 3UL)
            let a = net.Add(LifDelta("a", 500, quiet))
            let pr = net.Connect(a, a, Connectivity.FixedInDegree 40, 1e-4)
            let src, dst = pr.Sources, pr.Destinations
            Expect.equal pr.Count (500L * 40L) "synapse count"
            Expect.isTrue (pr.InDegrees() |> Array.forall ((=) 40)) "in-degree 40 everywhere"
            let pairs = Array.zip src dst
            Expect.equal (pairs |> Array.distinct |> Array.length) pairs.Length "no repeated pair"
            Expect.isFalse (pairs |> Array.exists (fun (i, j) -> i = j)) "no autapse"
        }

        test "fixed probability: synapse count within 4 standard deviations of N² p" {
            let net = Network(dt, 5UL)
            let a = net.Add(LifDelta("a", 2000, quiet))
            let p = 0.02
            let pr = net.Connect(a, a, Connectivity.FixedProbability p, 1e-4)
            let mean = 2000.0 * 2000.0 * p
            let sd = sqrt (mean * (1.0 - p))
            Expect.isLessThan (abs (float pr.Count - mean)) (4.0 * sd) "count ~ Binomial(N², p)"
            Expect.isLessThanOrEqual pr.BytesPerSynapse 5.0 "static synapse costs at most 5 bytes"
        }

        test "explicit list keeps per-entry weights; one-to-one maps i to i" {
            let net = Network(dt, 1UL)
            let a = net.Add(LifDelta("a", 4, quiet))
            let b = net.Add(LifDelta("b", 3, quiet))
            let pr = net.Connect(a, b, Connectivity.Explicit([| 3; 0; 3 |], [| 1; 2; 0 |]), 0.0)
            pr.SetWeightsInListOrder [| 1e-3; 2e-3; 3e-3 |]
            let m = Array.zip3 pr.Sources pr.Destinations pr.Weights |> Array.sortBy (fun (i, j, _) -> i, j)
            Expect.sequenceEqual (m |> Array.map (fun (i, j, _) -> i, j)) [| (0, 2); (3, 0); (3, 1) |] "pairs"
            for (i, j, w), expected in Array.zip m [| 2e-3; 3e-3; 1e-3 |] do
                closeRel 1e-7 expected w (sprintf "weight of %d->%d" i j)
            let o = net.Connect(b, b, Connectivity.OneToOne(), 1e-4)
            Expect.sequenceEqual o.Destinations [| 0; 1; 2 |] "one-to-one"
        }

        test "a spike with delay d reaches its target exactly d steps later (homogeneous and per synapse)" {
            let net = Network(dt, 1UL)
            let src = net.Add(LifDelta("src", 1, LifParameters.Brunel2000))
            src.Set("v", fun _ -> 0.03) // spikes at step 0
            let dst = net.Add(LifDelta("dst", 3, quiet))
            net.Connect(src, dst, Connectivity.Explicit([| 0 |], [| 0 |]), 1e-3, 0.0015) |> ignore
            let het = net.Connect(src, dst, Connectivity.Explicit([| 0; 0 |], [| 1; 2 |]), 1e-3)
            het.SetDelays(fun _ post -> if post = 1 then 0.0007 else 0.0)
            let mon = net.MonitorState(dst, "v", [| 0; 1; 2 |])
            net.Run 0.003
            let firstNonZero (v: float[]) = v |> Array.findIndex (fun x -> x > 0.0)
            let v = mon.Values
            Expect.equal (firstNonZero v.[0]) 15 "D = 1.5 ms = 15 steps"
            Expect.equal (firstNonZero v.[1]) 7 "per-synapse delay 0.7 ms = 7 steps"
            Expect.equal (firstNonZero v.[2]) 0 "zero delay acts in the spike's own step"
            closeAbs 1e-9 1e-3 (Array.last v.[0]) "weight delivered once"
        }

        test "Poisson input: the summed events have Binomial mean and variance (z < 4)" {
            let net = Network(dt, 11UL)
            let n = 5000
            let pop = net.Add(LifDelta("p", n, quiet))
            let count, rate, w = 1000, 20.0, 1e-4
            net.AddPoissonInput(pop, count, rate, w) |> ignore
            let steps = 100
            net.Run(float steps * dt)
            let x = pop.Get "v" |> Array.map (fun v -> v / w)
            let p = rate * dt
            let mean = float (count * steps) * p
            let var = float (count * steps) * p * (1.0 - p)
            let m = Array.average x
            let s2 = x |> Array.sumBy (fun v -> (v - m) ** 2.0) |> fun s -> s / float (n - 1)
            let zMean = (m - mean) / sqrt (var / float n)
            let zVar = (s2 - var) / (var * sqrt (2.0 / float (n - 1)))
            Expect.isLessThan (abs zMean) 4.0 (sprintf "mean %g vs %g" m mean)
            Expect.isLessThan (abs zVar) 4.0 (sprintf "variance %g vs %g" s2 var)
        }

        test "time-varying current is added to the constant bias" {
            let p = LifParameters.Brunel2000.With(threshold = 1.0)
            let net = Network(dt, 1UL)
            let pop = net.Add(LifDelta("n", 1, p))
            pop.Current.[0] <- float32 (0.005 / p.Resistance)
            net.AddCurrent(pop, (fun t -> if t >= 0.01 then 0.005 / p.Resistance else 0.0)) |> ignore
            let mon = net.MonitorState(pop, "v", [| 0 |])
            net.Run 0.2
            closeAbs 1e-6 0.010 (Array.last mon.Values.[0]) "V∞ = 5 mV + 5 mV"
        }

        test "rate monitor and spike monitor agree; same seed gives bit-identical spikes" {
            let run seed =
                let net = Network(dt, seed)
                let pop = net.Add(LifDelta("p", 300, LifParameters.Brunel2000))
                pop.SetUniform("v", 0.0, 0.02, net.NewRandom())
                net.Connect(pop, pop, Connectivity.FixedInDegree 30, 2e-4, 0.0015) |> ignore
                net.AddPoissonInput(pop, 100, 250.0, 1e-4) |> ignore
                let sp = net.MonitorSpikes pop
                let rm = net.MonitorRate pop
                net.Run 0.2
                sp, rm
            let s1, r1 = run 7UL
            let s2, _ = run 7UL
            let s3, _ = run 8UL
            Expect.isGreaterThan s1.Count 100 "the network fires"
            Expect.equal (Array.sum r1.Counts) s1.Count "counts add up"
            Expect.sequenceEqual s1.Steps s2.Steps "same seed, same spike steps"
            Expect.sequenceEqual s1.Indices s2.Indices "same seed, same neurons"
            Expect.isFalse (s1.Indices = s3.Indices) "another seed, other spikes"
        }

        test "a diverging simulation stops with an error naming the population and the time" {
            let net = Network(dt, 1UL)
            let pop = net.Add(LifConductance.Coba("runaway", 10))
            pop.Set("g_exc", fun _ -> 1.0) // 1 S: Euler is violently unstable
            try
                net.Run 0.01
                failtest "expected SimulationDivergedException"
            with :? SimulationDivergedException as e ->
                Expect.stringContains e.Message "'runaway'" "names the population"
                Expect.stringContains e.Message "t = " "says when"
                Expect.equal e.Population "runaway" "population property"
        }

        test "a runaway rate stops the run when a guard is set" {
            let net = Network(dt, 1UL)
            let pop = net.Add(LifDelta("hot", 100, LifParameters.Brunel2000))
            for i in 0..99 do pop.Current.[i] <- float32 (0.1 / LifParameters.Brunel2000.Resistance)
            net.StopIfRateAbove(pop, 200.0, 0.05)
            Expect.throwsT<SimulationDivergedException> (fun () -> net.Run 1.0) "runaway stopped"
            Expect.isLessThan net.Time 0.051 "stopped at the first window"
        }
    
        test "the step loop does not allocate: bytes allocated do not grow with the number of steps" {
            let net = Network(dt, 2UL)
            let pop = net.Add(LifConductance.Coba("c", 800))
            pop.SetNormal("v", -0.055, 0.005, net.NewRandom())
            net.Connect(pop, pop, Connectivity.FixedProbability 0.05, 1e-9, 0.0, "exc") |> ignore
            net.Connect(pop, pop, Connectivity.FixedProbability 0.05, 1e-9, 0.002, "inh") |> ignore
            net.AddPoissonInput(pop, 100, 50.0, 2e-9, "exc") |> ignore
            net.Run 0.05 // warm-up: JIT, ring buffers
            let allocated (t: float) =
                let before = GC.GetAllocatedBytesForCurrentThread()
                net.Run t
                GC.GetAllocatedBytesForCurrentThread() - before
            let short, long = allocated 0.01, allocated 0.5
            Expect.isLessThan (long - short) 4096L (sprintf "5000 more steps allocated %d bytes" (long - short))
        }

        test "monitors convert to Deedle frames with the same numbers" {
            let net = Network(dt, 4UL)
            let pop = net.Add(LifDelta("p", 50, LifParameters.Brunel2000))
            pop.SetUniform("v", 0.0, 0.02, net.NewRandom())
            net.AddPoissonInput(pop, 100, 300.0, 2e-4) |> ignore
            let sp = net.MonitorSpikes pop
            let rm = net.MonitorRate pop
            let st = net.MonitorState(pop, "v", [| 3; 7 |], 0.001)
            net.Run 0.1
            let fs = Theory.Experiments.Frames.Spikes sp
            Expect.equal fs.RowCount sp.Count "one row per spike"
            Expect.sequenceEqual (fs.GetColumn<int>("neuron").Values) sp.Indices "neuron column"
            let fr = Theory.Experiments.Frames.Rate(rm, 0.01)
            Expect.equal fr.RowCount 10 "10 bins of 10 ms"
            closeRel 1e-12 (float sp.Count / (50.0 * 0.1)) (fr.GetColumn<float>("rate_hz").Values |> Seq.average) "mean rate"
            let fst = Theory.Experiments.Frames.State st
            Expect.sequenceEqual (fst.GetColumn<float>("v_7").Values) st.Values.[1] "state column"
        }
    ]
