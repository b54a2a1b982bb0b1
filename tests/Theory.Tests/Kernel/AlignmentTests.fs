/// The state arrays and input rings of a population start on a 64-byte (cache-line) boundary, so that the
/// 16-lane loops of an AVX-512 core never split a vector access over two lines (AlignedArray). Alignment
/// changes speed only: the raster checksums of the other kernel tests pin the results.
module Theory.Tests.Kernel.AlignmentTests

#nowarn "9"

open Expecto
open Theory.Spiking

let private offset (a: float32[]) = int (NativeInterop.NativePtr.toNativeInt &&a.[0] % 64n)

[<Tests>]
let tests =
    // sequenced: the pinned heap is shared, and a concurrent pinned allocation between AlignedArray's probe and
    // its array would only cost a retry, but this test asserts the outcome
    testSequenced <| testList "Kernel.Alignment" [
        test "LIF state arrays and currents start on a 64-byte boundary (sizes 100 … 64 000; at least half in this long-lived process)" {
            // AlignedArray gives up after a few attempts in a fragmented pinned heap (the test host has run many
            // collections by now; 30–40 of 40 were seen), so the test asks for half, not all: an allocator that ignored
            // alignment would land on the boundary one time in eight
            let offsets =
                [ for n in [ 100; 1000; 4000; 12_500; 64_000 ] do
                    let net = Network(1e-4, 1UL)
                    let pops: Population list =
                        [ net.Add(LifConductance.Coba(sprintf "coba%d" n, n))
                          net.Add(LifDelta(sprintf "delta%d" n, n, LifParameters.Brunel2000)) ]
                    for p in pops do
                        for v in p.VariableNames -> sprintf "%s.%s" p.Name v, offset (p.Variable v)
                        yield sprintf "%s.current" p.Name, offset p.Current ]
            let aligned = offsets |> List.filter (fun (_, o) -> o = 0) |> List.length
            printfn "alignment: %d of %d arrays on a 64-byte boundary; off: %A" aligned offsets.Length (offsets |> List.filter (fun (_, o) -> o <> 0))
            Expect.isGreaterThanOrEqual (float aligned) (0.5 * float offsets.Length) "arrays on a 64-byte boundary"
        }
    ]
