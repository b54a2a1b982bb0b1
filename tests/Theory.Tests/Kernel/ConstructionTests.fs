/// Construction of large networks (issue #12): the batched draws of Xoshiro256 equal one call per
/// number; the microcircuit's fixed-total-number rule and its whole build (grouped CSR fill, weights
/// and delays drawn into arrays, projections built concurrently) give exactly the synapses and
/// streams of the straightforward sequential construction it replaced, written out here
/// independently; the storage-order setters and Connect with a given stream.
module Theory.Tests.Kernel.ConstructionTests

open System
open Expecto
open Theory.Spiking
open Theory.Experiments.Networks
open Theory.Tests.Util

type P = MicrocircuitParameters

/// The sequential fixed-total-number rule: in-degrees, then each post neuron's sources in ascending
/// post order, counted once and replayed from a copy of the generator to fill each row directly.
let referenceFixedTotal (preSize: int) (postSize: int) (count: int) (rng: Xoshiro256) =
    let inDegree = Array.zeroCreate postSize
    for _ in 1 .. count do
        let j = rng.NextInt postSize
        inDegree.[j] <- inDegree.[j] + 1
    let fillRng = rng.Clone()
    let rowStart = Array.zeroCreate (preSize + 1)
    for j in 0 .. postSize - 1 do
        for _ in 1 .. inDegree.[j] do
            let i = rng.NextInt preSize
            rowStart.[i + 1] <- rowStart.[i + 1] + 1
    for i in 0 .. preSize - 1 do rowStart.[i + 1] <- rowStart.[i + 1] + rowStart.[i]
    let fill = Array.copy rowStart
    let targets = Array.zeroCreate count
    for j in 0 .. postSize - 1 do
        for _ in 1 .. inDegree.[j] do
            let i = fillRng.NextInt preSize
            targets.[fill.[i]] <- j
            fill.[i] <- fill.[i] + 1
    rowStart, targets

/// The sequential microcircuit build: per projection its stream, the reference rule, Connect (which
/// takes the next stream), then weights and delays through the per-synapse callbacks; Poisson input.
let referenceBuild (model: MicrocircuitModel) (seed: uint64) (dt: float) =
    let net = Network(dt, seed, Nullable 1)
    let pops = Array.init 8 (fun a -> net.Add(LifExpCurrent(P.Names.[a], model.Sizes.[a], P.Membrane, P.TauSyn, P.TauSyn)))
    let init = net.NewRandom()
    for p in pops do p.SetNormal("v", P.V0Mean, P.V0Sd, init)
    for a in 0 .. 7 do
        for b in 0 .. 7 do
            let k = model.Synapses.[a, b]
            if k > 0L then
                let rng = net.NewRandom()
                let rowStart, targets = referenceFixedTotal model.Sizes.[b] model.Sizes.[a] (int k) rng
                let exc = P.IsExcitatory b
                let w = model.Weights.[a, b]
                let sd = abs w * P.WeightRelativeSd
                let d = if exc then P.DelayExc else P.DelayInh
                let dsd = d * P.DelayRelativeSd
                let proj = net.Connect(pops.[b], pops.[a], Connectivity.Rows(Csr(rowStart, targets)), w, d, (if exc then "exc" else "inh"))
                proj.SetWeights(fun _ _ ->
                    let mutable x = w + sd * rng.NextNormal()
                    while (if exc then x < 0.0 else x > 0.0) do x <- w + sd * rng.NextNormal()
                    x)
                proj.SetDelays(fun _ _ ->
                    let mutable x = d + dsd * rng.NextNormal()
                    while x < dt do x <- d + dsd * rng.NextNormal()
                    x)
    for a in 0 .. 7 do
        net.AddPoissonInput(pops.[a], model.ExternalInDegrees.[a], P.BackgroundRate, model.ExternalWeight, "exc") |> ignore
        let dc = model.TotalDc a
        if dc <> 0.0 then net.AddCurrent(pops.[a], fun _ -> dc) |> ignore
    net, pops

let expectSameSynapses (a: Network) (b: Network) =
    Expect.equal b.Projections.Count a.Projections.Count "projection count"
    for p in 0 .. a.Projections.Count - 1 do
        let x, y = a.Projections.[p], b.Projections.[p]
        Expect.equal y.Name x.Name "projection order"
        Expect.isTrue (y.Sources = x.Sources) (sprintf "%s: sources" x.Name)
        Expect.isTrue (y.Destinations = x.Destinations) (sprintf "%s: targets" x.Name)
        Expect.isTrue (y.Weights = x.Weights) (sprintf "%s: weights (bit for bit)" x.Name)
        Expect.isTrue (y.SynapseDelaySteps = x.SynapseDelaySteps) (sprintf "%s: delays" x.Name)

/// Spike steps and indices of a short run, per population.
let raster (net: Network) (pops: LifExpCurrent[]) (t: float) =
    let mons = pops |> Array.map (fun p -> net.MonitorSpikes p)
    net.Run t
    mons |> Array.map (fun m -> m.Times, m.Indices)

[<Tests>]
let tests =
    testList "Kernel.Construction" [
        test "NextInts gives the numbers and the state of one NextInt per number (incl. rejected draws)" {
            // n = 1.5·2^30: 2^32 mod n = 2^30, so a quarter of the raw draws are rejected
            for n in [ 1; 7; 256; 20_000; 1_610_612_736; Int32.MaxValue ] do
                for len in [ 0; 1; 5; 1000 ] do
                    let a, b = Xoshiro256(11UL, 3UL), Xoshiro256(11UL, 3UL)
                    let batch = Array.zeroCreate len
                    a.NextInts(n, Span batch)
                    let single = Array.init len (fun _ -> b.NextInt n)
                    Expect.sequenceEqual batch single (sprintf "n = %d, %d numbers" n len)
                    Expect.equal (a.NextUInt64()) (b.NextUInt64()) (sprintf "n = %d: state afterwards" n)
            throwsArg "n" (fun () -> Xoshiro256(1UL).NextInts(0, Span(Array.zeroCreate 3))) }
        test "NextNormals gives the numbers and the state (spare included) of one NextNormal per number" {
            for before in [ 0; 1; 2 ] do
                for len in [ 0; 1; 2; 7; 4096 ] do
                    let a, b = Xoshiro256(5UL), Xoshiro256(5UL)
                    for _ in 1 .. before do
                        Expect.equal (BitConverter.DoubleToInt64Bits(a.NextNormal())) (BitConverter.DoubleToInt64Bits(b.NextNormal())) "warm-up"
                    let batch = Array.zeroCreate len
                    a.NextNormals(Span batch)
                    let single = Array.init len (fun _ -> b.NextNormal())
                    Expect.sequenceEqual (batch |> Array.map BitConverter.DoubleToInt64Bits) (single |> Array.map BitConverter.DoubleToInt64Bits)
                        (sprintf "%d before, %d numbers" before len)
                    for _ in 1 .. 3 do
                        Expect.equal (BitConverter.DoubleToInt64Bits(a.NextNormal())) (BitConverter.DoubleToInt64Bits(b.NextNormal())) "afterwards"
            // the batch is a standard normal sample: mean 0 ± 4 s.e., variance 1 ± 4 s.e. (√(2/n))
            let z = Array.zeroCreate 100_000
            Xoshiro256(9UL).NextNormals(Span z)
            closeAbs (4.0 / sqrt 1e5) 0.0 (Array.average z) "mean"
            closeAbs (4.0 * sqrt (2.0 / 1e5)) 1.0 (z |> Array.averageBy (fun x -> x * x)) "variance" }
        test "fixed total number: the grouped fill gives the rows of the direct sequential fill" {
            // pre sizes below, at and off multiples of the 256-row groups; multapses (count ≫ pre·post)
            for pre, post, count in [ 1, 1, 10; 1, 50, 100; 255, 30, 5_000; 256, 300, 40_000; 257, 2, 3_000
                                      700, 1_000, 0; 1_000, 10, 100_000; 3_001, 2_500, 200_000 ] do
                let csr = MicrocircuitNetwork.FixedTotalNumber(pre, post, int64 count, Xoshiro256(17UL))
                let rowStart, targets = referenceFixedTotal pre post count (Xoshiro256(17UL))
                Expect.sequenceEqual csr.RowStart rowStart (sprintf "%d × %d, %d: row starts" pre post count)
                Expect.isTrue (csr.Targets = targets) (sprintf "%d × %d, %d: targets" pre post count) }
        test "fixed total number: more than 2^24 targets take the direct fill, same rows" {
            let post = (1 <<< 24) + (1 <<< 22)
            let csr = MicrocircuitNetwork.FixedTotalNumber(300, post, 2_000L, Xoshiro256(4UL))
            let rowStart, targets = referenceFixedTotal 300 post 2_000 (Xoshiro256(4UL))
            Expect.sequenceEqual csr.RowStart rowStart "row starts"
            Expect.sequenceEqual csr.Targets targets "targets"
            Expect.isTrue (csr.Targets |> Array.exists (fun t -> t >= (1 <<< 24))) "about a fifth of the targets above 2^24 (else the test proves little)" }
        test "microcircuit build (s = 0.03): the synapses and spikes of the sequential build, on 1, 2 and 3 threads" {
            let model = MicrocircuitModel.At 0.03
            let refNet, refPops = referenceBuild model 7UL 1e-4
            let refRaster = raster refNet refPops 0.1
            Expect.isGreaterThan (refRaster |> Array.sumBy (fun (t, _) -> t.Length)) 50 "the network spikes"
            for threads in [ 1; 2; 3 ] do
                let c = MicrocircuitNetwork.Build(model, 7UL, Nullable threads, 1e-4)
                expectSameSynapses refNet c.Net
                let r = raster c.Net c.Populations 0.1
                for p in 0 .. 7 do
                    Expect.sequenceEqual (snd r.[p]) (snd refRaster.[p]) (sprintf "%d threads: spikes of %s" threads P.Names.[p])
                    Expect.sequenceEqual (fst r.[p]) (fst refRaster.[p]) (sprintf "%d threads: spike times of %s" threads P.Names.[p]) }
        test "Connect with a given stream: the synapses of the stream NewRandom would give, no stream taken" {
            let make () =
                let net = Network(1e-4, 3UL, Nullable 1)
                let a = net.Add(LifDelta("a", 200, LifParameters.Brunel2000))
                net, a
            let n1, a1 = make ()
            let p1 = n1.Connect(a1, a1, Connectivity.FixedInDegree 20, 1e-4, 1e-3)
            let after1 = n1.NewRandom().NextUInt64()
            let n2, a2 = make ()
            let given = n2.NewRandom()
            let p2 = n2.Connect(a2, a2, Connectivity.FixedInDegree 20, given, 1e-4, 1e-3)
            Expect.sequenceEqual p2.Destinations p1.Destinations "targets"
            Expect.sequenceEqual p2.Sources p1.Sources "sources"
            Expect.equal (n2.NewRandom().NextUInt64()) after1 "the network's next stream is the one after the given stream"
            throwsArg "random" (fun () -> n2.Connect(a2, a2, Connectivity.OneToOne(), (null: Xoshiro256), 1.0) |> ignore) }
        test "storage-order setters: the weights and delays of the per-synapse callbacks; bad input" {
            let net = Network(1e-4, 3UL, Nullable 1)
            let a = net.Add(LifDelta("a", 100, LifParameters.Brunel2000))
            let p = net.Connect(a, a, Connectivity.FixedInDegree 10, 1e-4, 1e-3)
            let n = int p.Count
            let src, dst = p.Sources, p.Destinations
            let weight i j = 1e-4 * float (i + 2 * j)
            let steps i j = (i + j) % 30
            p.SetWeights(fun i j -> weight i j)
            p.SetDelays(fun i j -> 1e-4 * float (steps i j))
            let byCallback, delaysByCallback = p.Weights, p.SynapseDelaySteps
            Expect.isTrue (byCallback |> Array.distinct |> Array.length > 10) "weights differ between synapses"
            p.SetWeightsInStorageOrder(Array.init n (fun k -> float32 (weight src.[k] dst.[k])))
            p.SetDelayStepsInStorageOrder(Array.init n (fun k -> uint16 (steps src.[k] dst.[k])))
            Expect.sequenceEqual p.Weights byCallback "weights"
            Expect.sequenceEqual p.SynapseDelaySteps delaysByCallback "delay steps"
            Expect.equal p.MaxDelaySteps (Array.max delaysByCallback) "the longest delay is seen"
            let q = p
            throwsArg "weights" (fun () -> q.SetWeightsInStorageOrder(Array.zeroCreate (n - 1)))
            throwsArg "weights" (fun () -> q.SetWeightsInStorageOrder(Array.init n (fun k -> if k = 5 then nanf else 1.0f)))
            throwsArg "steps" (fun () -> q.SetDelayStepsInStorageOrder(Array.zeroCreate (n + 1))) }
    ]
