module Theory.Tests.Amplification.AmplificationTests

open System
open System.Numerics
open Expecto
open MathNet.Numerics.LinearAlgebra
open Theory.Numerics
open Theory.Amplification
open Theory.Experiments.Amplification
open Theory.Tests.Util
open Theory.Tests.Amplification.Generators

let tau = 0.02

/// ‖e^{At}‖₂ for W = [[0, w], [0, 0]] at s = t/τ: e^{−s}(ws + √(w²s² + 4))/2.
let pairNorm (w: float) (s: float) = exp (-s) * (w * s + sqrt (w * w * s * s + 4.0)) / 2.0

/// Independent scalar maximisation (golden section on a bracketing grid).
let maximise (f: float -> float) (lo: float) (hi: float) =
    let grid = [| for k in 0 .. 2000 -> lo + (hi - lo) * float k / 2000.0 |]
    let k = grid |> Array.maxBy f |> fun x -> Array.IndexOf(grid, x)
    let mutable a = grid.[max 0 (k - 1)]
    let mutable b = grid.[min 2000 (k + 1)]
    let gr = (sqrt 5.0 - 1.0) / 2.0
    for _ in 1 .. 200 do
        let c, d = b - gr * (b - a), a + gr * (b - a)
        if f c >= f d then b <- d else a <- c
    let x = 0.5 * (a + b)
    x, f x

let pair w = matrixOf [ [ 0.0; w ]; [ 0.0; 0.0 ] ]

/// A stable normal matrix: U blockdiag(real λ, [[a, b], [−b, a]]) Uᵀ, Re λ < 1.
let normalStable (n: int) (seed: int) =
    let rng = Random(seed)
    let pairs = n / 2
    let cp = [| for _ in 1 .. pairs -> Complex(rng.NextDouble() * 1.8 - 1.0, 0.1 + 3.0 * rng.NextDouble()) |]
    let re = [| for _ in 1 .. n - 2 * pairs -> rng.NextDouble() * 1.8 - 1.0 |]
    SchurConstruction.Rotate(SchurConstruction.BlockDiagonal(re, cp), uint64 seed)

/// data/schur_trend_matrices.csv: the stored Schur networks of the trend tests; the test rebuilds the
/// network and checks it against the stored one before comparing with gen_schur_trends.py's values.
let schurTrendMatrix (name: string) (spec: SchurNetworkSpec) =
    let path = IO.Path.Combine(repoRoot, "tests", "Theory.Tests", "Amplification", "data", "schur_trend_matrices.csv")
    let line = IO.File.ReadAllLines path |> Array.find (fun l -> l.StartsWith(name + ","))
    let c = line.Split ','
    let n = int c.[1]
    let v = c.[2].Split ' ' |> Array.map (fun x -> Double.Parse(x, Globalization.CultureInfo.InvariantCulture))
    let stored = Matrix<float>.Build.Dense(n, n, fun i j -> v.[i * n + j])
    let w = SchurConstruction.Build spec
    Expect.isLessThan ((w - stored).FrobeniusNorm()) (1e-14 * stored.FrobeniusNorm()) (sprintf "%s: SchurConstruction.Build reproduces the stored network" name)
    w

/// data/schur_trends_reference.csv: case → (eigenvector erank, max‖e^{At}‖) from numpy/scipy.
let schurTrendReference () =
    let path = IO.Path.Combine(repoRoot, "tests", "Theory.Tests", "Amplification", "data", "schur_trends_reference.csv")
    IO.File.ReadAllLines path
    |> Array.filter (fun l -> not (l.StartsWith "#") && not (l.StartsWith "case,"))
    |> Array.map (fun l ->
        let c = l.Split ','
        let f (x: string) = Double.Parse(x, Globalization.CultureInfo.InvariantCulture)
        c.[0], (f c.[1], f c.[2]))
    |> dict

[<Tests>]
let tests =
    testList "Amplification.Measures" [
        testCase "2×2 feedforward pair, w = 10: ‖x(t)‖ from e₂ peaks at 3.697 at t ≈ 0.99τ; x₁(τ) = w/e" <| fun () ->
            let w = 10.0
            let sStar = (1.0 + sqrt (1.0 - 4.0 / (w * w))) / 2.0
            let exact = exp (-sStar) * sqrt (1.0 + w * w * sStar * sStar)
            closeAbs 5e-4 3.697 exact "closed form value (spec: 3.697)"
            closeAbs 0.005 0.99 sStar "closed form time (spec: ≈ 0.99τ)"
            let x = TransientAmplification.Trajectory(pair w, vectorOf [ 0.0; 1.0 ], [| sStar * tau; tau |], tau)
            closeRel 1e-13 exact (x.Column(0).L2Norm()) "‖x(t*)‖ from the propagator"
            closeRel 1e-13 (w / Math.E) x.[0, 1] "x₁(τ) = w/e"

        testCase "2×2 pair: max_t ‖e^{At}‖₂ equals the closed form e^{−s}(ws + √(w²s²+4))/2 maximised" <| fun () ->
            for w in [ 2.5; 4.0; 10.0; 75.0 ] do
                let sStar, gStar = maximise (pairNorm w) 0.0 5.0
                let p = TransientAmplification.MaxAmplification(pair w, tau)
                closeRel 1e-12 gStar p.Value (sprintf "peak value, w = %g" w)
                closeRel 1e-5 (sStar * tau) p.Time (sprintf "peak time, w = %g" w)
            // approaches w/e for large w
            closeRel 0.01 (75.0 / Math.E) (TransientAmplification.MaxAmplification(pair 75.0, tau)).Value "≈ w/e"

        testCase "2×2 pair: amplification > 1 iff w > 2; numerical abscissa (w/2 − 1)/τ" <| fun () ->
            for w in [ 0.0; 0.5; 1.5; 1.99; 2.0 ] do
                let p = TransientAmplification.MaxAmplification(pair w, tau)
                if p.Value > 1.0 + 1e-12 then failtestf "w = %g: amplification %.17g > 1" w p.Value
            for w in [ 2.05; 2.5; 3.0; 10.0 ] do
                let p = TransientAmplification.MaxAmplification(pair w, tau)
                if not (p.Value > 1.0) then failtestf "w = %g: no amplification found" w
            for w in [ 0.5; 2.0; 10.0 ] do
                closeAbs 1e-10 ((w / 2.0 - 1.0) / tau) (TransientAmplification.NumericalAbscissa(pair w, tau)) (sprintf "ω, w = %g" w)
                closeAbs 1e-12 (-1.0 / tau) (TransientAmplification.SpectralAbscissa(pair w, tau)) "α = −1/τ"

        testPropertyWithConfig (propertyConfig 40) "normal stable W: no transient amplification (peak 1 at t = 0)" <| fun (seed: int) (sizeRaw: int) ->
            let n = 1 + abs (sizeRaw % 20)
            let w = normalStable n seed
            let p = TransientAmplification.MaxAmplification(w, tau)
            closeAbs 1e-12 1.0 p.Value (sprintf "n=%d seed=%d peak" n seed)
            closeAbs 0.0 0.0 p.Time "peak time"

        testCase "unstable W reports an unbounded peak, not NaN" <| fun () ->
            let p = TransientAmplification.MaxAmplification(matrixOf [ [ 1.5 ] ], tau)
            Expect.isTrue (Double.IsPositiveInfinity p.Value) "∞"

        testCase "evoked energy of the pair: E(e₂) = 1 + w²/2, E(e₁) = 1; top optimal condition has the largest energy" <| fun () ->
            let w = 10.0
            closeRel 1e-12 (1.0 + w * w / 2.0) (TransientAmplification.EvokedEnergy(pair w, vectorOf [ 0.0; 1.0 ], tau)) "E(e₂)"
            closeRel 1e-12 1.0 (TransientAmplification.EvokedEnergy(pair w, vectorOf [ 1.0; 0.0 ], tau)) "E(e₁)"
            let oic = TransientAmplification.OptimalInitialConditions(pair w, tau)
            Expect.isGreaterThan oic.Energies.[0] oic.Energies.[1] "descending"
            // trace of Q = E(e₁) + E(e₂)
            closeRel 1e-12 (2.0 + w * w / 2.0) (oic.Energies.[0] + oic.Energies.[1]) "tr Q"
            // normal matrix: Q = (2/τ)·(−(A + Aᵀ))⁻¹ … for W = 0, Q = I
            let q0 = TransientAmplification.ObservabilityGramian(Matrix<float>.Build.Dense(3, 3), tau)
            Expect.isLessThan ((q0 - Matrix<float>.Build.DenseIdentity 3).FrobeniusNorm()) 1e-14 "W = 0 → Q = I"

        testCase "evoked energy equals (2/τ)∫‖x(t)‖² dt by quadrature on a random Schur network" <| fun () ->
            let w = SchurConstruction.Build(SchurNetworkSpec(10, 2, -0.5, 0.3, 2.0, 4.0, true, 5UL))
            let x0 = vectorOf [ for i in 0 .. 9 -> float (i % 3) - 0.7 ]
            let e = TransientAmplification.EvokedEnergy(w, x0, tau)
            // Simpson on [0, 60τ] with exact samples
            let m = 6000
            let h = 60.0 * tau / float m
            let x = TransientAmplification.Trajectory(w, x0, [| for k in 0 .. m -> float k * h |], tau)
            let f k = x.Column(k).DotProduct(x.Column(k))
            let simpson = h / 3.0 * (f 0 + f m + Seq.sum (seq { for k in 1 .. m - 1 -> (if k % 2 = 1 then 4.0 else 2.0) * f k }))
            closeRel 1e-8 e (2.0 / tau * simpson) "energy"

        testCase "effective rank: identity n, rank one 1, singular values (1, 1, 0) → 2; eigenvectors of a normal matrix → n" <| fun () ->
            closeRel 1e-14 7.0 (EffectiveRank.Of(Matrix<float>.Build.DenseIdentity 7)) "I₇"
            let r1 = Matrix<float>.Build.Dense(4, 5, fun i j -> float (i + 1) * float (j + 2))
            closeRel 1e-12 1.0 (EffectiveRank.Of r1) "rank one"
            closeRel 1e-14 2.0 (EffectiveRank.FromSingularValues [| 1.0; 1.0; 0.0 |]) "(1,1,0)"
            closeRel 1e-10 8.0 (TransientAmplification.EigenvectorEffectiveRank(normalStable 8 3)) "orthonormal eigenvectors"
            throwsArg "singularValues" (fun () -> EffectiveRank.FromSingularValues [| 1.0; -1.0 |] |> ignore)
            throwsArg "singularValues" (fun () -> EffectiveRank.FromSingularValues [| 0.0; 0.0 |] |> ignore)

        testCase "trajectory effective rank and the paper's amplified-subspace dimensionality" <| fun () ->
            let zero = Matrix<float>.Build.Dense(3, 3)
            closeRel 1e-12 1.0 (TransientAmplification.TrajectoryEffectiveRank(zero, vectorOf [ 1.0; 2.0; 3.0 ], 0.1, 50, tau)) "pure decay: rank one"
            let er = TransientAmplification.TrajectoryEffectiveRank(pair 10.0, vectorOf [ 0.0; 1.0 ], 0.1, 50, tau)
            // closed form: x(t_k) = e^{−s_k}(w s_k, 1), s_k = t_k/τ, t_k = k·0.1/50 (k = 1..50); singular values
            // are the square roots of the eigenvalues of the 2×2 Gram matrix Σ x xᵀ
            let g11, g12, g22 =
                [ for k in 1 .. 50 -> float k * 0.1 / 50.0 / tau ]
                |> List.fold (fun (a, b, c) sk -> let e = exp (-2.0 * sk) in a + e * 100.0 * sk * sk, b + e * 10.0 * sk, c + e) (0.0, 0.0, 0.0)
            let m, d = (g11 + g22) / 2.0, sqrt (((g11 - g22) / 2.0) ** 2.0 + g12 * g12)
            let s1, s2 = sqrt (m + d), sqrt (m - d)
            let p1, p2 = s1 / (s1 + s2), s2 / (s1 + s2)
            closeRel 1e-10 (exp (-(p1 * log p1 + p2 * log p2))) er "pair trajectory erank (closed form)"
            let s0 = TransientAmplification.AmplifiedDimensionality(zero, tau, samples = 50)
            Expect.equal s0.Amplified 0 "nothing amplified for W = 0"
            let s = TransientAmplification.AmplifiedDimensionality(pair 10.0, tau, samples = 200)
            closeAbs 0.0 0.5 s.AmplifiedFraction "one of two optimal conditions amplified (peak 3.7 > 2)"
            closeRel 1e-12 1.0 s.EffectiveRank "a single principal component"

        testCase "eigenvector effective rank drops with feedforward strength (paper Fig. 4A trend), values against numpy" <| fun () ->
            let er ffd = TransientAmplification.EigenvectorEffectiveRank(schurTrendMatrix (sprintf "erank_ffd%g" ffd) (SchurNetworkSpec(30, 2, -0.5, 0.5, 4.0, ffd, false, 2UL)))
            let weak, strong = er 1.0, er 30.0
            let reference = schurTrendReference ()
            closeRel 1e-8 (fst reference.["erank_ffd1"]) weak "erank, ffd 1 (numpy eig + SVD)"
            closeRel 1e-8 (fst reference.["erank_ffd30"]) strong "erank, ffd 30 (numpy eig + SVD)"
            Expect.isGreaterThan weak (5.0 * strong) (sprintf "erank %g (ffd 1) ≫ %g (ffd 30)" weak strong)

        testCase "shrinking the imaginary spread increases amplification (paper result 1), values against scipy" <| fun () ->
            let amp (r: float) = (TransientAmplification.MaxAmplification(schurTrendMatrix (sprintf "amp_r%g" r) (SchurNetworkSpec(30, 2, -0.5, 0.5, r, 15.0, false, 4UL)), tau)).Value
            let a0, a20 = amp 0.5, amp 40.0
            let reference = schurTrendReference ()
            closeRel 1e-9 (snd reference.["amp_r0.5"]) a0 "max‖e^{At}‖, r = 0.5 (scipy expm, dense grid + Brent)"
            closeRel 1e-9 (snd reference.["amp_r40"]) a20 "max‖e^{At}‖, r = 40 (scipy expm, dense grid + Brent)"
            Expect.isGreaterThan a0 (10.0 * a20) (sprintf "amp(r=0.5) = %g ≫ amp(r=40) = %g" a0 a20)

        testCase "Schur construction: spectrum as chosen, feedforward norm as chosen, seeded and rotation-invariant" <| fun () ->
            let spec = SchurNetworkSpec(12, 2, -0.5, 0.5, 6.0, 3.0, false, 9UL)
            let t = SchurConstruction.Build spec
            let rot = SchurConstruction.Build(spec.WithRotation true)
            Expect.equal (SchurConstruction.Build spec) t "same seed → identical"
            Expect.notEqual (SchurConstruction.Build(spec.WithSeed 10UL)) t "other seed differs"
            let ev = RealSchur.Eigenvalues t
            for z in ev do
                if z.Real < -0.5 || z.Real > 0.5 || abs z.Imaginary > 3.0 then failtestf "eigenvalue %A outside the chosen ranges" z
            // feedforward part (strictly upper, outside the 2×2 blocks)
            let mutable ff = 0.0
            for i in 0 .. 11 do
                for j in i + 1 .. 11 do
                    if not (j = i + 1 && t.[j, i] <> 0.0) then ff <- ff + t.[i, j] ** 2.0
            closeRel 1e-12 3.0 (sqrt ff) "feedforward Frobenius norm"
            SchurTests.sameSpectrum 1e-8 (RealSchur.Decompose rot).Eigenvalues ev "rotation keeps the spectrum"
            let u = RandomOrthogonal.Haar(12, 3UL)
            Expect.isLessThan ((u.TransposeThisAndMultiply u - Matrix<float>.Build.DenseIdentity 12).FrobeniusNorm()) 1e-14 "Haar U orthogonal"
            Expect.equal (RandomOrthogonal.Haar(12, 3UL)) u "Haar seeded"

        testCase "nonlinear regime: rectification bounds rates at −r₀; tanh saturates at r_max − r₀" <| fun () ->
            let w = pair 10.0
            let x0 = vectorOf [ 0.0; -3.0 ]
            let lin = RateDynamics.Simulate(w, x0, 0.1, 1e-4, tau)
            let rect = RateDynamics.Simulate(w, x0, 0.1, 1e-4, tau, RateNonlinearity.Rectified 1.0)
            let minLin = lin.States.Row(0).Minimum()
            Expect.isLessThan minLin -10.0 "linear x₁ dips far below −r₀"
            // x₁ relaxes to f(10 x₂) ≥ −1
            Expect.isGreaterThan (rect.States.Row(0).Minimum()) -1.0 "rectified x₁ ≥ −r₀"
            let tanhRun = RateDynamics.Simulate(w, vectorOf [ 0.0; 3.0 ], 0.1, 1e-4, tau, RateNonlinearity.Christodoulou2022)
            Expect.isLessThan (tanhRun.States.Row(0).Maximum()) 4.0 "tanh x₁ < r_max − r₀"

        testCase "experiment: fine-step RK4 linear dynamics agree with e^{At}x₀" <| fun () ->
            let r = LinearRateDynamics.FeedforwardPair.Run()
            Expect.isLessThan r.MaxRelativeError 1e-10 "feedforward pair"
            closeRel 1e-3 3.697 r.PeakNormAnalytic "peak ≈ 3.697 (sampled every 50 steps)"
            let frame = r.ToFrame()
            Expect.equal frame.RowCount r.Times.Length "one row per sample"
            Expect.sequenceEqual frame.ColumnKeys [ "t"; "norm_sim"; "norm_exact"; "sim_0"; "exact_0"; "sim_1"; "exact_1" ] "columns"
            let r2 = (LinearRateDynamics.SchurNetwork(1UL).WithDuration 0.06).Run()
            Expect.isLessThan r2.MaxRelativeError 1e-9 "40-unit Schur network"

        testCase "bad input is rejected naming the parameter" <| fun () ->
            throwsArg "w" (fun () -> TransientAmplification.MaxAmplification(Matrix<float>.Build.Dense(2, 3), tau) |> ignore)
            throwsArg "w" (fun () -> TransientAmplification.MaxAmplification(matrixOf [ [ nan ] ], tau) |> ignore)
            throwsArg "tau" (fun () -> TransientAmplification.MaxAmplification(pair 3.0, -0.02) |> ignore)
            throwsArg "tau" (fun () -> TransientAmplification.NumericalAbscissa(pair 3.0, 0.0) |> ignore)
            throwsArg "tau" (fun () -> TransientAmplification.SpectralAbscissa(pair 3.0, nan) |> ignore)
            throwsArg "x0" (fun () -> TransientAmplification.EvokedEnergy(pair 3.0, vectorOf [ 1.0 ], tau) |> ignore)
            throwsArg "w" (fun () -> TransientAmplification.ObservabilityGramian(matrixOf [ [ 2.0 ] ], tau) |> ignore)
            throwsArg "dt" (fun () -> RateDynamics.Simulate(pair 3.0, vectorOf [ 1.0; 0.0 ], 0.1, -1e-4, tau) |> ignore)
            throwsArg "spec.RealEigenvalues" (fun () -> SchurConstruction.Build(SchurNetworkSpec(5, 2, -0.5, 0.5, 1.0, 1.0, false, 1UL)) |> ignore)
    ]

/// Oscillatory non-normal chains of 2×2 rotation blocks (the formula of data/peak_scipy.py).
let rotationChain n (a: float) (omega: float) (r: float) (s: float) (d: float) =
    let w = Matrix<float>.Build.Dense(n, n)
    for k in 0 .. n / 2 - 1 do
        let ok = omega * (1.0 + r * float k)
        w.[2 * k, 2 * k] <- a
        w.[2 * k + 1, 2 * k + 1] <- a
        w.[2 * k, 2 * k + 1] <- -ok
        w.[2 * k + 1, 2 * k] <- ok
        if 2 * k + 3 < n then
            w.[2 * k + 2, 2 * k] <- s
            w.[2 * k + 3, 2 * k + 1] <- 0.5 * s
    for i in 0 .. n - 1 do
        for j in 0 .. n - 1 do w.[i, j] <- w.[i, j] + d * sin (float (3 * i + 5 * j + 1))
    w

/// The scipy table data/peak_scipy.csv: (case, n, W, τ, peak, t_peak).
let peakCases () =
    let path = IO.Path.Combine(repoRoot, "tests", "Theory.Tests", "Amplification", "data", "peak_scipy.csv")
    IO.File.ReadAllLines path
    |> Array.filter (fun l -> not (l.StartsWith "#") && not (l.StartsWith "case") && l.Trim() <> "")
    |> Array.map (fun l ->
        let c = l.Split ','
        let f i = Double.Parse(c.[i], Globalization.CultureInfo.InvariantCulture)
        int c.[0], int c.[1], rotationChain (int c.[1]) (f 2) (f 3) (f 4) (f 5) (f 6), f 7, f 8, f 9)

[<Tests>]
let peakReference =
    testList "Amplification.PeakReference" [
        testCase "issue #15: max‖e^{At}‖ on oscillatory chains (n = 6, 8, 24 and n = 52 > 48, the power-iteration path) = scipy dense grid + refinement" <| fun () ->
            // cases 1 and 2 are late peaks of a norm oscillating at 2 max|Im λ|: the old grid (step doubling every
            // 16 points, only the best grid point refined) returned 34.6030 at 2.0000 s and 322.2306 at 2.9637 s
            let cases = peakCases ()
            Expect.isGreaterThanOrEqual cases.Length 4 "reference cases"
            for (case, n, w, tau, peak, tPeak) in cases do
                let p = TransientAmplification.MaxAmplification(w, tau)
                closeRel 1e-9 peak p.Value (sprintf "case %d (n = %d): peak" case n)
                closeAbs (1e-5 * tPeak) tPeak p.Time (sprintf "case %d (n = %d): t_peak" case n)
    ]
