/// Issue #12 (figures < 15 min): the faster kernels behind the Christodoulou (2022) figures must give the
/// numbers of the plain algorithms they replace. The batched RK4 (NonlinearBatch: all conditions of
/// NonlinearDimensionality in SIMD lanes, zero weights skipped) is compared bit for bit with the one-condition
/// RK4 loop written out here from the equations (the loop the library ran before); the banded power iteration
/// of the MaxAmplification grid (N > 48) is checked against the closed form of decoupled feedforward pairs.
module Theory.Tests.Amplification.FastKernelTests

open System
open Expecto
open MathNet.Numerics.LinearAlgebra
open Theory.Amplification
open Theory.Tests.Util
open Theory.Tests.Amplification.AmplificationTests

/// τ dx/dt = −x + f(Wx) by classical RK4 with Δ = 1/spt (τ = 1), one condition, plain scalar loops in the order
/// u = 0; u += W_ij x_j (j ascending); returns ‖f(x(t_k))‖₂ for k = 0 … total and the samples f(x) every stride-th step.
let referenceRk4 (w: Matrix<float>) (x0: float[]) (spt: int) (total: int) (samples: int) =
    let n = x0.Length
    let f (u: float) = if u < 0.0 then 1.0 * Math.Tanh(u / 1.0) else 4.0 * Math.Tanh(u / 4.0)
    let h = 1.0 / float spt
    let stride = max 1 (total / samples)
    let rhs (s: float[]) =
        Array.init n (fun i ->
            let mutable u = 0.0
            for j in 0 .. n - 1 do u <- u + w.[i, j] * s.[j]
            -s.[i] + f u)
    let x = Array.copy x0
    let norms = ResizeArray<float>()
    let stored = ResizeArray<float[]>()
    let record k =
        let mutable sum = 0.0
        for i in 0 .. n - 1 do
            let r = f x.[i]
            sum <- sum + r * r
        norms.Add(sqrt sum)
        if k % stride = 0 && k / stride < total / stride + 1 then stored.Add(Array.map f x)
    record 0
    for k in 1 .. total do
        let k1 = rhs x
        let k2 = rhs (Array.init n (fun i -> x.[i] + 0.5 * h * k1.[i]))
        let k3 = rhs (Array.init n (fun i -> x.[i] + 0.5 * h * k2.[i]))
        let k4 = rhs (Array.init n (fun i -> x.[i] + h * k3.[i]))
        for i in 0 .. n - 1 do x.[i] <- x.[i] + h / 6.0 * (k1.[i] + 2.0 * k2.[i] + 2.0 * k3.[i] + k4.[i])
        record k
    norms.ToArray(), stored.ToArray()

/// A stable test network with exact zeros (a Schur-form network: quasi-upper-triangular; N − real eigenvalues even).
let network n seed = SchurConstruction.Build(SchurNetworkSpec(n, (if n % 2 = 1 then 3 else 4), -0.5, 0.5, 20.0, 6.0 * sqrt (float (n * (n - 1)) / 2.0) / 10.0, false, seed))

let bitsEqual (expected: float) (actual: float) what =
    if BitConverter.DoubleToInt64Bits expected <> BitConverter.DoubleToInt64Bits actual then
        failtestf "%s: %.17g (reference) vs %.17g: not bit-identical" what expected actual

[<Tests>]
let tests =
    testList "Amplification.FastKernels" [
        testCase "batched tanh RK4: every condition bit-identical to the scalar one-condition loop (N = 37 and 70, uneven SIMD blocks)" <| fun () ->
            for n, seed in [ 37, 2UL; 70, 5UL ] do
                let w = network n seed
                let spt, dur, samples = 20, 3.0, 12
                let total = int (round (dur * float spt))
                let a = NonlinearDimensionality.Analyse(w, RateNonlinearity.Christodoulou2022, 1.2, dur, samples, spt)
                let dirs = (InitialConditionOptimisation.Maximise w).Directions
                for c in [ 0; 1; n / 2; n - 2; n - 1 ] do
                    let norms, stored = referenceRk4 w (dirs.Column(c).ToArray()) spt total samples
                    bitsEqual (Array.max norms) a.PeakNorms.[c] (sprintf "N = %d, peak of condition %d" n c)
                    let r = NonlinearResponse.Simulate(w, dirs.Column c, RateNonlinearity.Christodoulou2022, 1.0, dur, samples, spt)
                    Expect.equal r.RateNorms.Length norms.Length "steps"
                    for k in 0 .. norms.Length - 1 do bitsEqual norms.[k] r.RateNorms.[k] (sprintf "N = %d, ‖r(t_%d)‖ of condition %d" n k c)
                    Expect.equal r.Samples.RowCount stored.Length "samples"
                    for k in 0 .. stored.Length - 1 do
                        for i in 0 .. n - 1 do bitsEqual stored.[k].[i] r.Samples.[k, i] (sprintf "N = %d, sample %d unit %d of condition %d" n k i c)

        testCase "MaxAmplification with N = 60 (power-iteration grid): 30 decoupled pairs give the closed-form peak of the strongest" <| fun () ->
            let ws = [| for k in 0 .. 29 -> 2.5 + 0.25 * float k |]
            let w = Matrix<float>.Build.Dense(60, 60)
            for k in 0 .. 29 do w.[2 * k, 2 * k + 1] <- ws.[k]
            let _, gStar = maximise (pairNorm ws.[29]) 0.0 5.0
            let p = TransientAmplification.MaxAmplification(w, tau)
            closeRel 1e-12 gStar p.Value "peak of ‖e^{At}‖₂ = that of the w = 9.75 pair"

        testCase "MaxAmplification and Expm on per-thread work arrays: repeated calls and a fresh thread give the same bits" <| fun () ->
            // N = 120: n×n arrays of 115 kB, the large-object size the work arrays are for
            let w = SchurConstruction.Build(SchurNetworkSpec(120, 4, -0.5, 0.5, 20.0, 40.0, false, 3UL))
            let a = (w - Matrix<float>.Build.DenseIdentity 120) / tau
            let once () = TransientAmplification.MaxAmplification(w, tau), Theory.Numerics.MatrixExponential.Expm(a * 0.01)
            let p1, e1 = once ()
            let p2, e2 = once ()
            let mutable fresh = Unchecked.defaultof<_>
            let t = Threading.Thread(fun () -> fresh <- once ())
            t.Start(); t.Join()
            let p3, e3 = fresh
            for p, what in [ p2, "second call"; p3, "fresh thread" ] do
                bitsEqual p1.Value p.Value (what + ": peak")
                bitsEqual p1.Time p.Time (what + ": time")
            for e, what in [ e2, "second call"; e3, "fresh thread" ] do
                for i in 0 .. 119 do
                    for j in 0 .. 119 do bitsEqual e1.[i, j] e.[i, j] (sprintf "%s: e^{0.01A}[%d, %d]" what i j)
    ]
