module Theory.Tests.Amplification.ExpmLyapunovTests

open System
open System.IO
open Expecto
open MathNet.Numerics.LinearAlgebra
open Theory.Numerics
open Theory.Tests.Util
open Theory.Tests.Amplification.Generators

let relFro (expected: Matrix<float>) (actual: Matrix<float>) =
    (expected - actual).FrobeniusNorm() / max 1e-300 (expected.FrobeniusNorm())

/// Σ_{k ≤ 60} A^k/k!, accurate for ‖A‖ ≲ 1.
let taylor (a: Matrix<float>) =
    let n = a.RowCount
    let mutable term = Matrix<float>.Build.DenseIdentity n
    let mutable sum = term.Clone()
    for k in 1 .. 60 do
        term <- term * a / float k
        sum <- sum + term
    sum

/// The scipy table: case → (A, expm(A)), A rebuilt from the generating formula.
let scipyCases () =
    let path = Path.Combine(repoRoot, "tests", "Theory.Tests", "Amplification", "data", "expm_scipy.csv")
    File.ReadAllLines path
    |> Array.filter (fun l -> not (l.StartsWith "#") && not (l.StartsWith "case"))
    |> Array.map (fun l -> l.Split ',')
    |> Array.groupBy (fun c -> int c.[0])
    |> Array.map (fun (case, rows) ->
        let c0 = rows.[0]
        let n, s, b = int c0.[1], float c0.[2], float c0.[3]
        let a =
            Matrix<float>.Build.Dense(n, n, fun i j ->
                s * sin (float (7 * i + 3 * j + case)) + (if j > i then b * cos (float (i + 2 * j + case)) else 0.0))
        let e = Matrix<float>.Build.Dense(n, n)
        for r in rows do e.[int r.[4], int r.[5]] <- Double.Parse(r.[6], Globalization.CultureInfo.InvariantCulture)
        case, a, e)

[<Tests>]
let tests =
    testList "Amplification.Expm" [
        testCase "matches the committed scipy.linalg.expm table (6 matrices, norms 0.1–300)" <| fun () ->
            let cases = scipyCases ()
            Expect.equal cases.Length 6 "six cases"
            for case, a, e in cases do
                let err = relFro e (MatrixExponential.Expm a)
                if err > 1e-12 then failtestf "case %d: relative Frobenius error %g vs scipy" case err

        testCase "rotation generator: e^{θJ} = [[cos θ, −sin θ], [sin θ, cos θ]]" <| fun () ->
            for th in [ 0.001; 0.7; 3.0; 20.0; 100.0 ] do
                let e = MatrixExponential.Expm(matrixOf [ [ 0.0; -th ]; [ th; 0.0 ] ])
                let exact = matrixOf [ [ cos th; -(sin th) ]; [ sin th; cos th ] ]
                let err = (e - exact).FrobeniusNorm()
                if err > 1e-14 * max 1.0 th then failtestf "θ = %g: error %g" th err

        testCase "nilpotent: e^N = I + N + N²/2 + N³/6 exactly for 4×4 strictly upper N" <| fun () ->
            for s in [ 0.1; 3.0; 100.0 ] do
                let nm = Matrix<float>.Build.Dense(4, 4, fun i j -> if j > i then s * float (i + 2 * j) else 0.0)
                let exact = Matrix<float>.Build.DenseIdentity 4 + nm + nm * nm / 2.0 + nm * nm * nm / 6.0
                let err = relFro exact (MatrixExponential.Expm nm)
                if err > 1e-13 then failtestf "scale %g: error %g" s err

        testPropertyWithConfig (propertyConfig 60) "Taylor series reference for ‖A‖ ≤ 1 (all Padé degrees)" <| fun (seed: int) (sizeRaw: int) ->
            let n = 1 + abs (sizeRaw % 12)
            let g = make 0 n seed
            let scale = [| 0.005; 0.1; 0.5; 1.0 |].[abs (seed % 4)]
            let a = if g.L1Norm() = 0.0 then g else g * (scale / g.L1Norm())
            let err = relFro (taylor a) (MatrixExponential.Expm a)
            if err > 1e-14 then failtestf "n=%d ‖A‖₁=%g: error %g" n scale err

        testPropertyWithConfig (propertyConfig 60) "e^A e^{−A} = I and e^{A}v = expm·v (action)" <| fun (seed: int) (sizeRaw: int) ->
            let n = 1 + abs (sizeRaw % 15)
            let a = make 0 n seed * 0.7
            let e, ei = MatrixExponential.Expm a, MatrixExponential.Expm(-a)
            let err = (e * ei - Matrix<float>.Build.DenseIdentity n).FrobeniusNorm() / (e.FrobeniusNorm() * ei.FrobeniusNorm())
            if err > 1e-14 then failtestf "inverse: %g" err
            let v = Vector<float>.Build.Dense(n, fun i -> float (i + 1))
            let t = 1.3
            let ev = MatrixExponential.ExpmTimesVector(a, v, t)
            let reference = MatrixExponential.Expm(a * t) * v
            let rel = (ev - reference).L2Norm() / reference.L2Norm()
            if rel > 1e-12 then failtestf "action: %g" rel

        testCase "bad input is rejected naming the parameter" <| fun () ->
            throwsArg "a" (fun () -> MatrixExponential.Expm(Matrix<float>.Build.Dense(2, 3)) |> ignore)
            throwsArg "a" (fun () -> MatrixExponential.Expm(matrixOf [ [ nan ] ]) |> ignore)
            throwsArg "v" (fun () -> MatrixExponential.ExpmTimesVector(matrixOf [ [ 1.0 ] ], vectorOf [ 1.0; 2.0 ]) |> ignore)
            throwsArg "t" (fun () -> MatrixExponential.ExpmTimesVector(matrixOf [ [ 1.0 ] ], vectorOf [ 1.0 ], nan) |> ignore)
    ]

[<Tests>]
let lyapunovTests =
    testList "Amplification.Lyapunov" [
        testPropertyWithConfig (propertyConfig 60) "residual of AᵀX + XA + Q = 0 and of AX + XAᵀ + Q = 0 (stable A, n ≤ 30)" <| fun (seed: int) (sizeRaw: int) ->
            let n = 1 + abs (sizeRaw % 30)
            let g = make 0 n seed
            // shift to make A stable: A = G − (ρ(G) + 0.5) I
            let rho = (RealSchur.Decompose g).Eigenvalues |> Array.map (fun z -> z.Real) |> Array.max
            let a = g - Matrix<float>.Build.DenseIdentity n * (rho + 0.5)
            let q = make 0 n (seed + 1)
            let q = q * q.Transpose()
            let x = Lyapunov.SolveObservability(a, q)
            let res = (a.Transpose() * x + x * a + q).FrobeniusNorm()
            let scale = 2.0 * a.FrobeniusNorm() * x.FrobeniusNorm() + q.FrobeniusNorm()
            if res > 1e-13 * scale * float n then failtestf "observability residual %g (scale %g)" res scale
            let y = Lyapunov.SolveControllability(a, q)
            let res2 = (a * y + y * a.Transpose() + q).FrobeniusNorm()
            if res2 > 1e-13 * scale * float n then failtestf "controllability residual %g" res2
            Expect.isLessThan ((x - x.Transpose()).FrobeniusNorm()) (1e-14 * x.FrobeniusNorm() + 1e-300) "X symmetric for symmetric Q"

        testPropertyWithConfig (propertyConfig 80) "shifted identity: both solutions of A = W − sI from one Schur form of W equal the general solver and have a small residual" <| fun (seed: int) (sizeRaw: int) (kindRaw: int) ->
            // the kinds: Gaussian (mostly complex pairs), repeated complex pairs, upper triangular (all real),
            // Jordan blocks (defective), and the SOC's own case, a Dale network (N even)
            let n = 1 + abs (sizeRaw % 40)
            let kind = abs (kindRaw % 5)
            let w =
                match kind with
                | 0 -> make 0 n seed
                | 1 -> make 1 n seed
                | 2 -> make 3 n seed
                | 3 -> make 4 n seed
                | _ -> Theory.Amplification.DaleNetwork.Build(Theory.Amplification.DaleNetworkSpec(2 * max 2 (n / 2), 0.1, 10.0, 3.0, uint64 (abs seed)))
            let m = w.RowCount
            let schur = RealSchur.Decompose w
            let alpha = schur.Eigenvalues |> Array.map (fun z -> z.Real) |> Array.max
            let s = max (1.5 * alpha) (alpha + 0.2) // the SOC's shift
            let eye = Matrix<float>.Build.DenseIdentity m
            let a = w - eye * s
            let sol = Lyapunov.SolveShiftedIdentity(schur, s, 2.0)
            let x, p = sol.Observability, sol.Controllability
            // against the general Bartels–Stewart solver on A itself (two further Schur decompositions)
            let xRef, pRef = Lyapunov.SolveObservability(a, 2.0 * eye), Lyapunov.SolveControllability(a, 2.0 * eye)
            let ex, ep = relFro xRef x, relFro pRef p
            // Two backward-stable solvers agree to about κ·u, κ the Lyapunov condition number. κ ≥ 2‖A‖_F‖X‖_F/‖Q‖_F
            // (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., §16.2); a nearly nilpotent Dale W
            // (eigenvalues ~1e-4, spectral radius of the weights 10) has ‖X‖ ~ 1e16 and κ beyond 1/u.
            // ‖A‖_F·max(‖X‖_F, ‖P‖_F), shared by κ (‖Q‖_F = 2√m) and by the residual scale below
            let ax = a.FrobeniusNorm() * max (x.FrobeniusNorm()) (p.FrobeniusNorm())
            let kappa = 2.0 * ax / (2.0 * sqrt (float m))
            let floorTol = if kind = 3 then 1e-10 else 1e-12 // Jordan blocks: the solution's condition number is large
            let tol = max floorTol (10.0 * float m * kappa * pown 2.0 -53) // u = 2⁻⁵³
            if ex > tol || ep > tol then failtestf "%s n=%d: relative difference to the general solver X %g, P %g (κ ≥ %g, tolerance %g)" (["gaussian"; "repeated complex"; "triangular"; "Jordan"; "Dale"].[kind]) m ex ep kappa tol
            let scale = 2.0 * ax + 2.0 * sqrt (float m)
            let rx = (a.Transpose() * x + x * a + 2.0 * eye).FrobeniusNorm()
            let rp = (a * p + p * a.Transpose() + 2.0 * eye).FrobeniusNorm()
            if rx > 1e-14 * scale * float m || rp > 1e-14 * scale * float m then failtestf "n=%d: residuals %g, %g (scale %g)" m rx rp scale
            Expect.equal ((x - x.Transpose()).FrobeniusNorm()) 0.0 "X exactly symmetric"
            Expect.equal ((p - p.Transpose()).FrobeniusNorm()) 0.0 "P exactly symmetric"

        testCase "shifted identity: a 1×1 and a 2×2 case by hand, and bad input" <| fun () ->
            // W = [w]: (w − s)x·2 + c = 0 ⇒ x = c / (2(s − w))
            let one = Lyapunov.SolveShiftedIdentity(RealSchur.Decompose(matrixOf [ [ 0.3 ] ]), 1.3, 2.0)
            let x, p = one.Observability, one.Controllability
            closeRel 1e-15 1.0 x.[0, 0] "x = 2 / (2·1)"
            closeRel 1e-15 1.0 p.[0, 0] "p = x for n = 1"
            // W = [[a, b], [−b, a]] (normal): A = (a − s)I + bJ, X = c/(2(s − a)) I for both forms
            let two = Lyapunov.SolveShiftedIdentity(RealSchur.Decompose(matrixOf [ [ -0.5; 3.0 ]; [ -3.0; -0.5 ] ]), 0.5, 4.0)
            let x2, p2 = two.Observability, two.Controllability
            for (i, j) in [ (0, 0); (1, 1) ] do
                closeRel 1e-14 2.0 x2.[i, j] "X = 4/(2·1) I"
                closeRel 1e-14 2.0 p2.[i, j] "P = 4/(2·1) I"
            closeAbs 1e-14 0.0 x2.[0, 1] "X off-diagonal 0"
            throwsArg "shift" (fun () -> Lyapunov.SolveShiftedIdentity(RealSchur.Decompose(matrixOf [ [ 0.3 ] ]), nan, 2.0) |> ignore)
            throwsArg "c" (fun () -> Lyapunov.SolveShiftedIdentity(RealSchur.Decompose(matrixOf [ [ 0.3 ] ]), 1.0, infinity) |> ignore)
            throwsArg "schurOfW" (fun () -> Lyapunov.SolveShiftedIdentity(RealSchur.Decompose(matrixOf [ [ 1.0; 0.0 ]; [ 0.0; -1.0 ] ]), 0.0, 1.0) |> ignore)
            throwsArg "schurOfW" (fun () -> Lyapunov.SolveShiftedIdentity(Unchecked.defaultof<SchurForm>, 0.0, 1.0) |> ignore)

        testCase "singular equation (λᵢ + λⱼ = 0) is rejected naming a" <| fun () ->
            throwsArg "a" (fun () -> Lyapunov.SolveObservability(matrixOf [ [ 1.0; 0.0 ]; [ 0.0; -1.0 ] ], Matrix<float>.Build.DenseIdentity 2) |> ignore)
            throwsArg "q" (fun () -> Lyapunov.SolveObservability(matrixOf [ [ -1.0 ] ], Matrix<float>.Build.DenseIdentity 2) |> ignore)
    ]
