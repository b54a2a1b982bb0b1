/// The kernel's vectorized float32 exponential (SimdMath.Exp) against double-precision Math.Exp
/// on a dense grid and at the ends of its range.
module Theory.Tests.Kernel.SimdMathTests

open System
open System.Runtime.Intrinsics
open Expecto
open Theory.Spiking

let exp8 (xs: float32[]) =
    let out = Array.zeroCreate<float32> xs.Length
    for k in 0 .. 8 .. xs.Length - 8 do
        let y = SimdMath.Exp(Vector256.Create<float32>(ReadOnlySpan<float32>(xs, k, 8)))
        y.CopyTo(Span(out, k, 8))
    out

let exp16 (xs: float32[]) =
    let out = Array.zeroCreate<float32> xs.Length
    for k in 0 .. 16 .. xs.Length - 16 do
        let y = SimdMath.Exp(Vector512.Create<float32>(ReadOnlySpan<float32>(xs, k, 16)))
        y.CopyTo(Span(out, k, 16))
    out

let minNormal = 1.1754943508222875e-38

[<Tests>]
let tests =
    testList "Kernel.SimdMath" [
        test "exp: relative error ≤ 3e-7 (≈ 2.5 ulp) against Math.Exp over [−87.3, 88.7]" {
            // 2^21 points spread over the whole normal range, plus the reduction's seams n·ln 2 ± ε
            let n = 1 <<< 21
            let lo, hi = -87.3, 88.72
            let grid = Array.init n (fun i -> float32 (lo + (hi - lo) * float i / float (n - 1)))
            let seams = [| for k in -125 .. 127 do for d in [ -1e-4; 0.0; 1e-4 ] -> float32 (float k * Math.Log 2.0 * 1.0 + d) |]
            let xs = Array.append grid seams
            let xs = Array.append xs (Array.zeroCreate (8 - xs.Length % 8))
            let ys = exp8 xs
            let mutable worst = 0.0
            for i in 0 .. xs.Length - 1 do
                let exact = Math.Exp(float xs.[i])
                if exact >= minNormal && exact < float Single.MaxValue then
                    worst <- max worst (abs (float ys.[i] - exact) / exact)
            Expect.isLessThan worst 3e-7 (sprintf "worst relative error %.3g" worst)
        }
        test "exp: exact at 0, +∞ above 88.72, 0 below −87.34, NaN stays NaN, monotone on a fine grid" {
            let ys = exp8 [| 0f; 100f; Single.PositiveInfinity; -100f; Single.NegativeInfinity; Single.NaN; 1f; -1f |]
            Expect.equal ys.[0] 1f "e^0"
            Expect.equal ys.[1] Single.PositiveInfinity "e^100"
            Expect.equal ys.[2] Single.PositiveInfinity "e^∞"
            Expect.equal ys.[3] 0f "e^−100"
            Expect.equal ys.[4] 0f "e^−∞"
            Expect.isTrue (Single.IsNaN ys.[5]) "e^NaN"
            Expect.floatClose Accuracy.medium (float ys.[6]) (Math.E) "e^1"
            let xs = Array.init 80_000 (fun i -> -2f + float32 i * 5e-5f)
            let ys = exp8 xs
            for i in 1 .. ys.Length - 1 do
                if ys.[i] < ys.[i - 1] then failtestf "not monotone at x = %g: %g < %g" xs.[i] ys.[i] ys.[i - 1]
        }
        test "exp: the 16-lane version gives the bits of the 8-lane one on every lane (finite, limits, ±∞, NaN, subnormal)" {
            // the 16-lane MetabolicLif pass relies on it (Simd.Wide); 2^20 arguments over [−100, 100] plus the special values
            let specials = [| 0.0f; -0.0f; 88.72283f; 88.7228f; -87.33654f; -87.3365f; 1e-45f; -1e-45f; Single.PositiveInfinity
                              Single.NegativeInfinity; Single.NaN; 200.0f; -200.0f; 88.03f; 1.0f; -1.0f |]
            let xs = Array.append specials (Array.init (1 <<< 20) (fun i -> -100.0f + 200.0f * float32 i / float32 (1 <<< 20)))
            let a, b = exp8 xs, exp16 xs
            for i in 0 .. xs.Length - 1 do
                if BitConverter.SingleToInt32Bits a[i] <> BitConverter.SingleToInt32Bits b[i] then
                    failtestf "x = %g: 8 lanes %g, 16 lanes %g" xs[i] a[i] b[i]
        }
    ]
