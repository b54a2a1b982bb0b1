module Theory.Tests.Amplification.SchurTests

open System
open System.Numerics
open Expecto
open MathNet.Numerics.LinearAlgebra
open Theory.Numerics
open Theory.Tests.Util
open Theory.Tests.Amplification.Generators

let config = (propertyConfig 150)

let sizeOf (raw: int) = 1 + (abs (raw % 40))
let kindOf (raw: int) = abs (raw % kinds)

/// ‖A − UTUᵀ‖_F, ‖UᵀU − I‖_F and the structural issues of T.
let checkSchur (a: Matrix<float>) (f: SchurForm) (what: string) =
    let n = a.RowCount
    let orth = (f.U.TransposeThisAndMultiply f.U - Matrix<float>.Build.DenseIdentity n).FrobeniusNorm()
    if orth > 1e-13 * float n + 1e-14 then failtestf "%s: ‖UᵀU − I‖ = %g" what orth
    let err = (a - f.Reconstruct()).FrobeniusNorm()
    let tol = 1e-12 * a.FrobeniusNorm() * float n
    if err > tol then failtestf "%s: ‖A − UTUᵀ‖ = %g > %g" what err tol
    match quasiTriangularIssues f.T with
    | [] -> ()
    | issues -> failtestf "%s: %s" what (String.Join("; ", issues))

/// Greedy matching of two eigenvalue multisets within tol.
let sameSpectrum (tol: float) (ours: Complex[]) (reference: Complex[]) (what: string) =
    let used = Array.create reference.Length false
    for z in ours do
        let best =
            reference |> Array.mapi (fun k r -> k, (if used.[k] then infinity else Complex.Abs(z - r)))
            |> Array.minBy snd
        if snd best > tol then failtestf "%s: eigenvalue %A has no partner within %g (nearest %g)" what z tol (snd best)
        used.[fst best] <- true

[<Tests>]
let tests =
    testList "Amplification.Schur" [
        testPropertyWithConfig config "U orthogonal, T quasi-triangular standardised, A = UTUᵀ (sizes 1..40, 9 kinds)" <| fun (seed: int) (sizeRaw: int) (kindRaw: int) ->
            let n, kind = sizeOf sizeRaw, kindOf kindRaw
            let a = make kind n seed
            checkSchur a (RealSchur.Decompose a) (sprintf "%s n=%d seed=%d" (kindName kind) n seed)

        testPropertyWithConfig config "eigenvalues agree with MathNet's Evd" <| fun (seed: int) (sizeRaw: int) (kindRaw: int) ->
            let n, kind = sizeOf sizeRaw, kindOf kindRaw
            let a = make kind n seed
            let ours = (RealSchur.Decompose a).Eigenvalues
            let reference = a.Evd().EigenValues.ToArray()
            let scale = max 1e-300 (a.L2Norm())
            // defective (Jordan size ≤ 3) eigenvalues are only ε^{1/3}-conditioned
            let tol = if kind = 4 then 1e-4 * scale else 1e-9 * scale
            sameSpectrum tol ours reference (sprintf "%s n=%d seed=%d" (kindName kind) n seed)

        testPropertyWithConfig config "sorting by real part keeps A = UTUᵀ and orders Re λ" <| fun (seed: int) (sizeRaw: int) (kindRaw: int) ->
            let n, kind = sizeOf sizeRaw, kindOf kindRaw
            let a = make kind n seed
            let f = RealSchur.Decompose a
            let s = RealSchur.Sort(f, fun z -> z.Real)
            let what = sprintf "%s n=%d seed=%d" (kindName kind) n seed
            checkSchur a s what
            let re = s.Eigenvalues |> Array.map (fun z -> z.Real)
            let tol = 1e-8 * max 1e-300 (a.L2Norm()) + (if kind = 4 then 1e-4 * a.L2Norm() else 0.0)
            for k in 0 .. re.Length - 2 do
                if re.[k + 1] > re.[k] + tol then failtestf "%s: Re λ not decreasing at %d: %g < %g" what k re.[k] re.[k + 1]
            sameSpectrum (tol + 1e-9 * a.L2Norm()) s.Eigenvalues f.Eigenvalues what

        testCase "SelectToTop moves the chosen eigenvalues first; leading U columns span their invariant subspace" <| fun () ->
            let a = make 0 30 7
            let f = RealSchur.Decompose a
            let pick (z: Complex) = z.Real > 0.0
            let s = RealSchur.SelectToTop(f, Func<Complex, bool> pick)
            checkSchur a s "select"
            let ev = s.Eigenvalues
            let k = ev |> Array.filter pick |> Array.length
            Expect.isGreaterThan k 0 "some eigenvalues are selected"
            Expect.isTrue (ev |> Array.take k |> Array.forall pick) "selected ones come first"
            let uk = s.U.SubMatrix(0, 30, 0, k)
            // invariant subspace: A U_k = U_k T_kk
            let res = (a * uk - uk * s.T.SubMatrix(0, k, 0, k)).FrobeniusNorm()
            Expect.isLessThan res (1e-12 * a.FrobeniusNorm() * 30.0) "A U_k = U_k T_kk"

        testCase "1×1, zero and already-triangular matrices are returned exactly" <| fun () ->
            let one = matrixOf [ [ 3.5 ] ]
            let f = RealSchur.Decompose one
            Expect.equal f.T.[0, 0] 3.5 "1×1"
            Expect.equal f.U.[0, 0] 1.0 "U = 1"
            let z = Matrix<float>.Build.Dense(5, 5)
            let fz = RealSchur.Decompose z
            Expect.equal (fz.T.FrobeniusNorm()) 0.0 "zero T"
            let t = make 3 6 1
            let ft = RealSchur.Decompose t
            Expect.isLessThan ((ft.T - t).FrobeniusNorm()) 1e-15 "triangular input is its own Schur form"

        testCase "standardised 2×2 block of a rotation generator: [[0, θ], [−θ, 0]]-form, eigenvalues ±iθ" <| fun () ->
            let a = matrixOf [ [ 1.0; -5.0 ]; [ 2.0; 1.0 ] ]
            let f = RealSchur.Decompose a
            checkSchur a f "2×2"
            closeRel 1e-14 1.0 f.T.[0, 0] "Re λ"
            closeRel 1e-14 (sqrt 10.0) (abs f.Eigenvalues.[0].Imaginary) "Im λ = √10"

        testCase "bad input is rejected naming the parameter" <| fun () ->
            throwsArg "a" (fun () -> RealSchur.Decompose(Matrix<float>.Build.Dense(2, 3)) |> ignore)
            let m = Matrix<float>.Build.Dense(3, 3)
            m.[1, 2] <- nan
            throwsArg "a" (fun () -> RealSchur.Decompose m |> ignore)
            m.[1, 2] <- infinity
            throwsArg "a" (fun () -> RealSchur.Decompose m |> ignore)
    ]
