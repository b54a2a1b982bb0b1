/// Issue #15: the remaining analyses of Christodoulou, Vogels & Agnes (2022) — MaximiseIC in both
/// modes, the Fig. 3 per-direction peaks, eigenvector-overlap angles, the Schur split and the
/// Fig. 5A regimes, and the nonlinear (tanh) branch of the dimensionality analysis — against
/// data/gen_analyses.py (numpy/scipy, written from the equations) and closed forms.
module Theory.Tests.Amplification.AnalysesTests

open System
open System.IO
open System.Globalization
open Expecto
open MathNet.Numerics.LinearAlgebra
open Theory.Amplification
open Theory.Tests.Util
open Theory.Tests.Amplification.Generators

/// kind → case → matrix of values (rows i, columns j) from analyses_reference.csv.
let reference =
    lazy (
        let path = Path.Combine(repoRoot, "tests", "Theory.Tests", "Amplification", "data", "analyses_reference.csv")
        File.ReadAllLines path
        |> Array.filter (fun l -> not (l.StartsWith "#") && not (l.StartsWith "kind"))
        |> Array.map (fun l -> l.Split ',')
        |> Array.groupBy (fun c -> c.[0], int c.[1])
        |> Array.map (fun (key, rows) ->
            let ni = 1 + (rows |> Array.map (fun r -> int r.[2]) |> Array.max)
            let nj = 1 + (rows |> Array.map (fun r -> int r.[3]) |> Array.max)
            let m = Matrix<float>.Build.Dense(ni, nj)
            for r in rows do m.[int r.[2], int r.[3]] <- Double.Parse(r.[4], CultureInfo.InvariantCulture)
            key, m)
        |> dict)

let ref' kind case = reference.Value.[(kind, case)]
let row kind case = (ref' kind case).Row(0).ToArray()
let scalar kind case = (ref' kind case).[0, 0]
let cases = [ 1; 2; 3 ]

let matrixClose (tol: float) (expected: Matrix<float>) (actual: Matrix<float>) what =
    let scale = expected.Enumerate() |> Seq.map abs |> Seq.max
    for i in 0 .. expected.RowCount - 1 do
        for j in 0 .. expected.ColumnCount - 1 do
            closeAbs (tol * scale) expected.[i, j] actual.[i, j] (sprintf "%s[%d,%d]" what i j)

[<Tests>]
let tests =
    testList "Amplification.Analyses" [
        testCase "MaximiseIC, both modes: Q, |eigenvalues| and directions match scipy's Lyapunov solve and numpy's eigh" <| fun () ->
            for c in cases do
                let w = ref' "W" c
                for objective, name in [ InitialConditionObjective.Energy, "energy"; InitialConditionObjective.OscillatoryMode, "oscillatory" ] do
                    let r = InitialConditionOptimisation.Maximise(w, objective)
                    matrixClose 1e-11 (ref' ("Q_" + name) c) r.Gramian (sprintf "Q (%s, case %d)" name c)
                    let ev = row ("eig_" + name) c
                    let top = ev.[0]
                    for k in 0 .. ev.Length - 1 do
                        closeAbs (1e-11 * top) ev.[k] r.AbsEigenvalues.[k] (sprintf "|eig %d| (%s, case %d)" k name c)
                    // directions whose eigenvalue is separated from its neighbours by > 1e-6 of the largest
                    let dirs = ref' ("dir_" + name) c
                    for k in 0 .. ev.Length - 1 do
                        let gap = min (if k > 0 then ev.[k - 1] - ev.[k] else infinity) (if k + 1 < ev.Length then ev.[k] - ev.[k + 1] else infinity)
                        if gap > 1e-6 * top then
                            for i in 0 .. w.RowCount - 1 do
                                closeAbs (1e-9 * top / gap) dirs.[i, k] r.Directions.[i, k] (sprintf "direction %d entry %d (%s, case %d)" k i name c)
                    if objective = InitialConditionObjective.OscillatoryMode then
                        // C^T C = Re v Re v^T + Im v Im v^T of a unit complex v: trace 1, rank ≤ 2
                        closeAbs 1e-12 1.0 (r.ReadOut.Trace()) (sprintf "tr CᵀC (case %d)" c)
                        let s = r.ReadOut.Svd().S
                        Expect.isLessThan s.[2] 1e-12 "CᵀC has rank ≤ 2"

        testCase "MaximiseIC energy mode equals the observability Gramian of TransientAmplification (any τ)" <| fun () ->
            let w = ref' "W" 2
            let q = (InitialConditionOptimisation.Maximise w).Gramian
            for tau in [ 0.02; 0.2 ] do
                matrixClose 1e-12 (TransientAmplification.ObservabilityGramian(w, tau)) q (sprintf "Q, τ = %g" tau)

        testCase "Fig. 3: per-direction peaks over t ≤ 5τ and % above 1.5 match scipy expm at every sample time" <| fun () ->
            for c in cases do
                let w = ref' "W" c
                let r = DirectionAmplification.Compute(w)
                let expected = row "peaks" c
                for k in 0 .. expected.Length - 1 do
                    closeRel 1e-10 expected.[k] r.PeakNorms.[k] (sprintf "peak of direction %d (case %d)" k c)
                closeRel 1e-10 expected.[0] r.TopDirection "m₁"
                closeAbs 1e-12 (scalar "percent_amplified" c) r.AmplifiedPercent (sprintf "%% amplified (case %d)" c)

        testCase "Fig. 3 on the feedforward pair: the top direction's peak is the closed-form max of ‖e^{At}‖₂" <| fun () ->
            // the top energy direction of [[0, w], [0, 0]] is not e₂; its peak is at most max_t ‖e^{At}‖₂ and
            // equals ‖e^{At}v₁‖ sampled on the grid, which the closed form for the whole orbit bounds
            let w = 10.0
            let m = matrixOf [ [ 0.0; w ]; [ 0.0; 0.0 ] ]
            let r = DirectionAmplification.Compute(m, matrixOf [ [ 0.0 ]; [ 1.0 ] ], 5.0, 200, 1.5)
            // x(s) from e₂: (w s e^{−s}, e^{−s}); peak at s* = (1 + √(1 − 4/w²))/2 lies between grid points
            let norm s = exp (-s) * sqrt (1.0 + w * w * s * s)
            let gridMax = [ for j in 1 .. 1000 -> norm (float j / 200.0) ] |> List.max
            closeRel 1e-12 gridMax r.TopDirection "peak of e₂ on the grid t_j = jτ/200"
            closeAbs 1e-12 100.0 r.AmplifiedPercent "the only direction is amplified"

        testCase "eigenvector-overlap angles and % ≤ 45° match numpy.linalg.eig with LAPACK's phase convention" <| fun () ->
            for c in cases do
                let w = ref' "W" c
                let a = EigenvectorOverlaps.Angles w |> Array.sort
                let expected = row "angles_sorted" c
                Expect.equal a.Length expected.Length "number of pairs"
                for k in 0 .. a.Length - 1 do
                    closeAbs 1e-7 expected.[k] a.[k] (sprintf "sorted angle %d (case %d)" k c)
                closeAbs 1e-12 (scalar "percent_below_45" c) (EigenvectorOverlaps.PercentBelow w) (sprintf "%% ≤ 45° (case %d)" c)

        testCase "overlap angles, closed forms: normal W gives 90° everywhere; [[a, c], [0, b]] gives arctan(|b − a|/|c|)" <| fun () ->
            let normal = SchurConstruction.Rotate(SchurConstruction.BlockDiagonal([| 0.3; -0.2 |], [| System.Numerics.Complex(0.1, 2.0) |]), 5UL)
            for phi in EigenvectorOverlaps.Angles normal do closeAbs 1e-6 90.0 phi "normal matrix"
            closeAbs 1e-12 0.0 (EigenvectorOverlaps.PercentBelow normal) "normal: no angle ≤ 45°"
            for a, b, c in [ 0.0, 1.0, 0.5; 0.2, -0.3, 4.0; 1.0, 0.0, -20.0 ] do
                let t = matrixOf [ [ a; c ]; [ 0.0; b ] ]
                // eigenvectors e₁ and (c, b − a)/‖·‖: cos φ = |c|/√(c² + (b − a)²)
                let expected = atan (abs (b - a) / abs c) * 180.0 / Math.PI
                closeAbs 1e-10 expected (EigenvectorOverlaps.Angles t).[0] (sprintf "a=%g b=%g c=%g" a b c)

        testCase "Schur split: ‖D‖_F² = Σ|λ|², ‖F‖_F² = ‖W‖_F² − Σλ² (real spectrum), D + F = T for built matrices" <| fun () ->
            // real spectrum: T is triangular in any Schur basis, so both norms are invariants of W
            let t = matrixOf [ [ 0.3; 2.0; -1.0; 0.5 ]; [ 0.0; -0.2; 3.0; 1.0 ]; [ 0.0; 0.0; 0.1; -4.0 ]; [ 0.0; 0.0; 0.0; -0.6 ] ]
            let w = SchurConstruction.Rotate(t, 11UL)
            let p = SchurParts.Of w
            let lam2 = 0.09 + 0.04 + 0.01 + 0.36
            closeRel 1e-12 (sqrt lam2) p.SpectralNorm "‖D‖_F"
            closeRel 1e-10 (sqrt (w.FrobeniusNorm() ** 2.0 - lam2)) p.FeedforwardNorm "‖F‖_F"
            closeRel 1e-12 (sqrt (4.0 + 1.0 + 0.25 + 9.0 + 1.0 + 16.0)) p.FeedforwardNorm "‖F‖_F of the given T"
            // a built quasi-triangular matrix: D is its block diagonal, F the rest, exactly
            let b = SchurConstruction.Build(SchurNetworkSpec(12, 2, -0.5, 0.5, 6.0, 10.0, false, 3UL))
            let q = SchurParts.OfQuasiTriangular b
            Expect.equal ((q.Spectrum + q.Feedforward - b).FrobeniusNorm()) 0.0 "D + F = T exactly"
            let ev = TransientAmplification.Eigenvalues b
            closeRel 1e-12 (sqrt (ev |> Array.sumBy (fun z -> z.Magnitude ** 2.0))) q.SpectralNorm "‖D‖_F = √Σ|λ|²"
            closeRel 1e-12 10.0 q.FeedforwardNorm "‖F‖_F = the built feedforward norm"

        testCase "Fig. 5A regimes: the rescaled matrix has ‖D‖_F = x, ‖F‖_F = y and spectral abscissa 0.5 after the shift" <| fun () ->
            let t = SchurConstruction.Build(SchurNetworkSpec(40, 6, -0.5, 0.5, 100.0, 75.0, false, 1UL))
            let p = SchurParts.OfQuasiTriangular t
            for reg in AmplificationRegime.All do
                let m = p.Rescaled(reg.SpectralNorm, reg.FeedforwardNorm)
                let q = SchurParts.OfQuasiTriangular m
                closeRel 1e-12 reg.FeedforwardNorm q.FeedforwardNorm (reg.Name + ": ‖F‖_F")
                let alpha0 = (TransientAmplification.Eigenvalues(p.Spectrum * (reg.SpectralNorm / p.SpectralNorm))) |> Array.map (fun z -> z.Real) |> Array.max
                let alpha = (TransientAmplification.Eigenvalues m) |> Array.map (fun z -> z.Real) |> Array.max
                let shift = max 0.0 (alpha0 - 0.5)
                closeAbs 1e-12 (min alpha0 0.5) alpha (reg.Name + ": abscissa min(α₀, 0.5)")
                let d = q.Spectrum + Matrix<float>.Build.DenseIdentity(40) * shift
                closeRel 1e-12 reg.SpectralNorm (d.FrobeniusNorm()) (reg.Name + ": ‖D‖_F before the shift")
                if reg.Name = "weak" then Expect.isGreaterThan shift 0.0 "the weak regime is shifted"
            Expect.equal (AmplificationRegime.Classify 0.5) "weak" "Δt = 500 ms is weak"
            Expect.equal (AmplificationRegime.Classify 1.0) "short transient" "Δt = 1 s"
            Expect.equal (AmplificationRegime.Classify 2.0) "long transient" "Δt = 2 s is long"

        testCase "rate response: RK4 on the feedforward pair matches the closed form; Δt above 1 matches bisection" <| fun () ->
            let w = 10.0
            let m = matrixOf [ [ 0.0; w ]; [ 0.0; 0.0 ] ]
            let tau = 0.2
            let r = NonlinearResponse.Simulate(m, vectorOf [ 0.0; 1.0 ], RateNonlinearity.Linear, tau, 10.0, 100, 400)
            let norm s = exp (-s) * sqrt (1.0 + w * w * s * s)
            for k in 0 .. 40 .. r.StepTimes.Length - 1 do
                closeRel 1e-9 (norm (r.StepTimes.[k] / tau)) r.RateNorms.[k] (sprintf "‖x‖ at step %d" k)
            // ‖x(s)‖ first dips below 1 (d‖x‖²/ds = −2 at s = 0), so ‖x‖ ≥ 1 on {0} ∪ [s₀, s₁]: both by bisection
            let bisect (lo0: float) (hi0: float) =
                let mutable lo, hi = lo0, hi0
                for _ in 1 .. 200 do
                    let mid = 0.5 * (lo + hi)
                    if (norm mid >= 1.0) = (norm lo0 >= 1.0) then lo <- mid else hi <- mid
                0.5 * (lo + hi)
            let s0 = bisect 1e-9 1.0
            let s1 = bisect 1.0 10.0
            // the crossings are linearly interpolated between grid points Δ = τ/400 = 0.5 ms; near s₀ the norm is
            // at a curved minimum, so allow 5 % of one step (measured: 7.4e-6 s, 1.5 % of a step)
            closeAbs (0.05 * tau / 400.0) ((s1 - s0) * tau) (r.TimeAbove 1.0) "Δt with ‖x‖ ≥ 1"

        testCase "nonlinear (tanh) dimensionality: peaks, fraction and effective rank match solve_ivp (DOP853)" <| fun () ->
            for c in cases do
                let w = ref' "W" c
                let r = NonlinearDimensionality.Analyse(w, RateNonlinearity.Christodoulou2022, 1.2, 20.0, 400, 200)
                let expected = row "nl_peaks" c
                for k in 0 .. expected.Length - 1 do
                    closeRel 1e-8 expected.[k] r.PeakNorms.[k] (sprintf "peak ‖r‖ of condition %d (case %d)" k c)
                closeAbs 1e-15 (scalar "nl_fraction" c) r.AmplifiedFraction (sprintf "fraction (case %d)" c)
                closeRel 1e-7 (scalar "nl_erank" c) r.EffectiveRank (sprintf "effective rank (case %d)" c)

        testCase "nonlinear dimensionality (parallel over conditions) is bit-identical to a sequential loop" <| fun () ->
            let w = ref' "W" 3
            let a = NonlinearDimensionality.Analyse(w, threshold = 1.2, durationInTau = 10.0, samples = 100, stepsPerTau = 100)
            let dirs = (InitialConditionOptimisation.Maximise w).Directions
            for k in 0 .. w.RowCount - 1 do
                let r = NonlinearResponse.Simulate(w, dirs.Column k, RateNonlinearity.Christodoulou2022, 1.0, 10.0, 100, 100)
                Expect.equal (BitConverter.DoubleToInt64Bits a.PeakNorms.[k]) (BitConverter.DoubleToInt64Bits r.PeakNorm) (sprintf "peak %d bits" k)

        testCase "TransientRegimes at N = 20: norms scaled from N = 200, abscissa ≤ 0.5, Δt is the time above 1" <| fun () ->
            let e = Theory.Experiments.Amplification.TransientRegimes(N = 20, DurationInTau = 5.0, Samples = 50)
            for reg in AmplificationRegime.All do
                let m = e.Matrix reg
                let p = SchurParts.OfQuasiTriangular m
                closeRel 1e-12 (reg.FeedforwardNorm * sqrt (20.0 * 19.0 / (200.0 * 199.0))) p.FeedforwardNorm (reg.Name + ": ‖F‖_F")
                let alpha = TransientAmplification.Eigenvalues m |> Array.map (fun z -> z.Real) |> Array.max
                Expect.isLessThanOrEqual alpha (0.5 + 1e-12) (reg.Name + ": abscissa")
            let r = e.Run AmplificationRegime.Weak
            closeAbs 1e-15 (r.Response.TimeAbove 1.0) r.DurationAboveOne "Δt"
            Expect.equal r.MeasuredClass (AmplificationRegime.Classify r.DurationAboveOne) "class of Δt"
            // the first stored sample is r(0) = f(v₁), v₁ the top energy direction
            let v1 = (InitialConditionOptimisation.Maximise r.W).Directions.Column 0
            for i in 0 .. 19 do
                closeAbs 1e-15 (RateNonlinearity.Christodoulou2022.Apply v1.[i]) r.Response.Samples.[0, i] (sprintf "r_%d(0)" i)

        testCase "SocGammaSweep point (N = 20, γ = 3): ‖W‖_F rescaled, Dale's law kept, Fig. 7E/F measures consistent" <| fun () ->
            let p = Theory.Experiments.Amplification.SocGammaSweep.Run(20, 3.0, 1UL, 200, false)
            closeRel 1e-12 (Theory.Experiments.Amplification.SocGammaSweep.FrobeniusNorm 20) (p.W.FrobeniusNorm()) "‖W‖_F"
            Expect.isTrue (DaleNetwork.RespectsDale(p.W, 10)) "Dale's law"
            let ev = TransientAmplification.Eigenvalues p.W
            closeRel 1e-10 (sqrt (ev |> Array.sumBy (fun z -> z.Magnitude ** 2.0))) p.Parts.SpectralNorm "‖D‖_F = √Σ|λ|²"
            // ‖T‖_F = ‖W‖_F, and the 2×2 blocks hold at least 2|λ|² each, so ‖D‖² + ‖F‖² ≤ ‖W‖²
            Expect.isLessThanOrEqual (p.Parts.SpectralNorm ** 2.0 + p.Parts.FeedforwardNorm ** 2.0) (p.W.FrobeniusNorm() ** 2.0 * (1.0 + 1e-12)) "‖D‖² + ‖F‖² ≤ ‖W‖²"
            if p.Abscissa < 1.0 then
                let d = DirectionAmplification.Compute p.W
                Expect.equal p.Directions.PeakNorms d.PeakNorms "Fig. 7E peaks"

        testCase "bad input: ArgumentException naming the parameter" <| fun () ->
            let w = ref' "W" 1
            throwsArg "w" (fun () -> InitialConditionOptimisation.Maximise(matrixOf [ [ 2.0; 0.0 ]; [ 0.0; 0.0 ] ]) |> ignore)
            throwsArg "horizonInTau" (fun () -> DirectionAmplification.Compute(w, horizonInTau = 0.0) |> ignore)
            throwsArg "stepsPerTau" (fun () -> DirectionAmplification.Compute(w, stepsPerTau = 0) |> ignore)
            throwsArg "threshold" (fun () -> DirectionAmplification.Compute(w, threshold = -1.0) |> ignore)
            throwsArg "degrees" (fun () -> EigenvectorOverlaps.PercentBelow(w, 91.0) |> ignore)
            throwsArg "w" (fun () -> EigenvectorOverlaps.PercentBelow(matrixOf [ [ 1.0 ] ]) |> ignore)
            throwsArg "t" (fun () -> SchurParts.OfQuasiTriangular(matrixOf [ [ 1.0; 0.0; 0.0 ]; [ 0.0; 1.0; 0.0 ]; [ 1.0; 0.0; 1.0 ] ]) |> ignore)
            throwsArg "spectralNorm" (fun () -> (SchurParts.Of w).Rescaled(-1.0, 1.0) |> ignore)
            throwsArg "feedforwardNorm" (fun () -> (SchurParts.Of(matrixOf [ [ 0.1; 0.0 ]; [ 0.0; 0.2 ] ])).Rescaled(1.0, 1.0) |> ignore)
            throwsArg "threshold" (fun () -> NonlinearDimensionality.Analyse(w, threshold = 0.0) |> ignore)
            throwsArg "samples" (fun () -> NonlinearDimensionality.Analyse(w, samples = 1) |> ignore)
            throwsArg "durationInTau" (fun () -> NonlinearResponse.Simulate(w, vectorOf (List.replicate 6 0.1), durationInTau = Double.NaN) |> ignore)
            throwsArg "x0" (fun () -> NonlinearResponse.Simulate(w, vectorOf [ 1.0 ]) |> ignore)
    ]
