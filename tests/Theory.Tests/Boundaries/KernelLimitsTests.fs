/// Issue #13, kernel sizes and memory: sizes up to 2³¹ − 1 are range errors (never an
/// OverflowException), projections too large for one array or for the memory available are
/// refused before anything is allocated, with the estimate and the limit in the message, and
/// long runs do not reserve recording buffers in proportion to their length.
module Theory.Tests.Boundaries.KernelLimitsTests

open System
open Expecto
open Theory.Spiking
open Theory.Tests.Util

let private throwsArgWith (param: string) (fragments: string list) (f: unit -> unit) =
    try
        f ()
        failtestf "expected ArgumentException naming '%s', nothing was thrown" param
    with
    | :? ArgumentException as e when e.Message.Contains param ->
        for s in fragments do
            if not (e.Message.Contains s) then failtestf "message lacks '%s': %s" s e.Message
    | e -> failtestf "expected ArgumentException naming '%s', got %s: %s" param (e.GetType().Name) e.Message

[<Tests>]
let tests =
    testList "Boundaries.Kernel" [
        test "population sizes beyond the limit (2³¹ − 8 … 2³¹ − 1, 2³⁰ + 1) are range errors naming size" {
            for n in [ Int32.MaxValue; Int32.MaxValue - 7; Int32.MaxValue - 56; KernelLimits.MaxPopulationSize + 1 ] do
                throwsArgWith "size" [ string n; "valid range" ] (fun () -> LifDelta("x", n, LifParameters.Brunel2000) |> ignore)
                throwsArgWith "size" [ string n ] (fun () -> LifConductance.Coba("x", n) |> ignore)
                throwsArgWith "size" [ string n ] (fun () -> SpikeSource.Regular("x", n, 5.0) |> ignore) }
        test "a population that does not fit the memory budget is refused with the estimate" {
            use _ = KernelLimits.LimitMemory(10_000_000L)
            throwsArgWith "size" [ "MB"; "available" ] (fun () -> LifDelta("x", 1_000_000, LifParameters.Brunel2000) |> ignore) }
        test "FixedProbability and FixedInDegree beyond one array are refused before allocation" {
            let net = Network(1e-4, 1UL)
            let a = net.Add(LifDelta("a", 60_000, LifParameters.Brunel2000))
            let before = GC.GetTotalAllocatedBytes true
            throwsArgWith "p" [ "synapses"; string KernelLimits.MaxSynapsesPerProjection ] (fun () ->
                net.Connect(a, a, Connectivity.FixedProbability 1.0, 1e-4) |> ignore)
            throwsArgWith "inDegree" [ "synapses" ] (fun () ->
                net.Connect(a, a, Connectivity.FixedInDegree 40_000, 1e-4) |> ignore)
            let allocated = float (GC.GetTotalAllocatedBytes true - before)
            Expect.isLessThan allocated 50e6 "nothing large was allocated" }
        test "a projection beyond the memory budget is refused with synapses × bytes and the limit" {
            use _ = KernelLimits.LimitMemory(100_000_000L)
            let net = Network(1e-4, 1UL)
            let a = net.Add(LifDelta("a", 20_000, LifParameters.Brunel2000))
            let before = GC.GetTotalAllocatedBytes true
            throwsArgWith "p" [ "synapses ×"; "bytes"; "100 MB" ] (fun () ->
                net.Connect(a, a, Connectivity.FixedProbability 0.1, 1e-4) |> ignore)
            throwsArgWith "inDegree" [ "synapses ×"; "100 MB" ] (fun () ->
                net.Connect(a, a, Connectivity.FixedInDegree 1000, 1e-4) |> ignore)
            Expect.isLessThan (float (GC.GetTotalAllocatedBytes true - before)) 20e6 "refused before allocation"
            // within the budget the same rule builds
            let p = net.Connect(a, a, Connectivity.FixedProbability 0.01, 1e-4)
            Expect.isGreaterThan p.Count 3_000_000L "built within the budget" }
        test "a long run (2000 s) does not reserve spike buffers up front" {
            let net = Network(1e-4, 1UL)
            let src = net.Add(SpikeSource.Regular("src", 100_000, 200.0))
            let m = net.MonitorSpikes src
            let r = net.MonitorRate src
            // stop after the first window: the reservation is what is measured
            net.StopIfRateAbove(src, 1.0, 0.01)
            let before = GC.GetTotalAllocatedBytes true
            try net.Run 2000.0 with :? SimulationDivergedException -> ()
            let allocated = float (GC.GetTotalAllocatedBytes true - before)
            // before the cap: 50 Hz × 1e5 neurons × 2e7 steps × 1e-4 s × 8 bytes = 8 GB reserved
            Expect.isLessThan allocated 400e6 (sprintf "allocated %.0f bytes" allocated)
            Expect.isGreaterThan m.Count 0 "spikes were recorded"
            Expect.isGreaterThan r.Counts.Length 0 "counts were recorded" }
        test "memory budget scope validates its argument and restores on dispose" {
            throwsArg "bytes" (fun () -> KernelLimits.LimitMemory 0L |> ignore)
            let outer = KernelLimits.AvailableMemoryBytes
            let scope = KernelLimits.LimitMemory 1000L
            Expect.equal KernelLimits.AvailableMemoryBytes 1000L "inside"
            scope.Dispose()
            Expect.equal KernelLimits.AvailableMemoryBytes outer "restored" }
    ]
