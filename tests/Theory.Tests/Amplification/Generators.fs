/// Test matrices for the Schur/amplification tests: a kind × size × seed family covering
/// Gaussian, repeated complex eigenvalues, zero, already triangular, defective Jordan blocks,
/// integer, permutation (cyclic shift: unit-modulus eigenvalues, a QR stagnation case) and
/// badly scaled matrices.
module Theory.Tests.Amplification.Generators

open System
open MathNet.Numerics.LinearAlgebra
open Theory.Numerics

let kinds = 9

let kindName k =
    [| "gaussian"; "repeated complex"; "zero"; "upper triangular"; "Jordan blocks"; "integer"
       "cyclic permutation"; "scaled 1e8"; "scaled 1e-8" |].[k]

let gaussian (rng: Random) n =
    Matrix<float>.Build.Dense(n, n, fun _ _ ->
        let u1 = 1.0 - rng.NextDouble()
        let u2 = rng.NextDouble()
        sqrt (-2.0 * log u1) * cos (2.0 * Math.PI * u2))

/// Deterministic matrix of a given kind, size and seed.
let make (kind: int) (n: int) (seed: int) : Matrix<float> =
    let rng = Random(seed)
    match kind with
    | 0 -> gaussian rng n
    | 1 ->
        // U blockdiag([[a, b], [−b, a]] repeated) Uᵀ: the same complex pair n/2 times
        let t = Matrix<float>.Build.Dense(n, n)
        let a, b = rng.NextDouble() - 0.5, 0.5 + rng.NextDouble()
        for i in 0 .. 2 .. n - 2 do
            t.[i, i] <- a; t.[i + 1, i + 1] <- a; t.[i, i + 1] <- b; t.[i + 1, i] <- -b
        if n % 2 = 1 then t.[n - 1, n - 1] <- a
        let u = RandomOrthogonal.Haar(n, uint64 seed)
        u * t * u.Transpose()
    | 2 -> Matrix<float>.Build.Dense(n, n)
    | 3 -> Matrix<float>.Build.Dense(n, n, fun i j -> if j >= i then rng.NextDouble() - 0.5 else 0.0)
    | 4 ->
        // Jordan blocks (size ≤ 3) with eigenvalues from {−1, 0.5, 2}, rotated when seed is odd
        let j = Matrix<float>.Build.Dense(n, n)
        let mutable i = 0
        while i < n do
            let size = min (1 + rng.Next 3) (n - i)
            let lam = [| -1.0; 0.5; 2.0 |].[rng.Next 3]
            for k in i .. i + size - 1 do
                j.[k, k] <- lam
                if k + 1 < i + size then j.[k, k + 1] <- 1.0
            i <- i + size
        if seed % 2 = 0 then j
        else
            let u = RandomOrthogonal.Haar(n, uint64 seed)
            u * j * u.Transpose()
    | 5 -> Matrix<float>.Build.Dense(n, n, fun _ _ -> float (rng.Next(-2, 3)))
    | 6 -> Matrix<float>.Build.Dense(n, n, fun i j -> if i = (j + 1) % n then 1.0 else 0.0)
    | 7 -> 1e8 * gaussian rng n
    | _ -> 1e-8 * gaussian rng n

/// Largest |entry| below the first subdiagonal, and whether the quasi-triangular structure
/// (no two consecutive nonzero subdiagonals) and the 2×2 standardisation hold.
let quasiTriangularIssues (t: Matrix<float>) : string list =
    let n = t.RowCount
    [ for i in 0 .. n - 1 do
        for j in 0 .. i - 2 do
            if t.[i, j] <> 0.0 then yield sprintf "T[%d,%d] = %g below the subdiagonal" i j t.[i, j]
      for i in 1 .. n - 2 do
        if t.[i, i - 1] <> 0.0 && t.[i + 1, i] <> 0.0 then yield sprintf "consecutive subdiagonals at %d" i
      for i in 0 .. n - 2 do
        if t.[i + 1, i] <> 0.0 then
            if t.[i, i] <> t.[i + 1, i + 1] then yield sprintf "block %d: unequal diagonal %g %g" i t.[i, i] t.[i + 1, i + 1]
            if not (t.[i, i + 1] * t.[i + 1, i] < 0.0) then yield sprintf "block %d: b·c = %g not < 0" i (t.[i, i + 1] * t.[i + 1, i]) ]

let matrixOf (rows: float list list) =
    Matrix<float>.Build.DenseOfRowArrays(rows |> List.map List.toArray |> List.toArray)

let vectorOf (xs: float list) = Vector<float>.Build.DenseOfArray(List.toArray xs)
