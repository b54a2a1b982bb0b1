/// erfcx, Dawson and G(x) = ∫₀ˣ erfcx against the committed 50-digit mpmath table
/// (Numerics/reference/gen_numerics_reference.py → numerics_reference.csv).
module Theory.Tests.Numerics.SpecialFunctionsTests

open System
open System.Globalization
open System.IO
open Expecto
open FsCheck
open Theory.Numerics
open Theory.Tests.Util

let private table =
    lazy (
        File.ReadAllLines(Path.Combine(repoRoot, "tests", "Theory.Tests", "Numerics", "reference", "numerics_reference.csv"))
        |> Array.skip 1
        |> Array.map (fun l ->
            let p = l.Split ','
            p.[0], Double.Parse(p.[1], CultureInfo.InvariantCulture), Double.Parse(p.[2], CultureInfo.InvariantCulture)))

/// Worst relative error of f over the rows of one function (infinite reference → expect +∞).
let private worst name (f: float -> float) =
    table.Value
    |> Array.filter (fun (n, _, _) -> n = name)
    |> Array.map (fun (_, x, want) ->
        let got = f x
        if Double.IsInfinity want then (if Double.IsPositiveInfinity got then 0.0 else infinity), x
        elif want = 0.0 then abs got, x
        else abs (got - want) / abs want, x)
    |> Array.maxBy fst

let private check name f tol =
    let err, x = worst name f
    printfn "%s: worst relative error %.3g at x = %.17g" name err x
    if not (err <= tol) then failtestf "%s: worst relative error %.3g at x = %.17g (tolerance %.1g)" name err x tol

[<Tests>]
let tests =
    testList "Numerics.SpecialFunctions" [
        test "erfcx matches 50-digit table on the whole real line (incl. ±extremes)" {
            check "erfcx" Erfcx.Value 2e-15 }
        test "Dawson matches 50-digit table" { check "dawson" Dawson.Value 2e-15 }
        test "G = ∫₀ˣ erfcx matches 50-digit table" { check "G" ErfcxIntegral.Value 2e-15 }
        test "erfcx limits: +∞ → 0, −27 → +∞, never NaN" {
            Expect.equal (Erfcx.Value infinity) 0.0 "erfcx(+inf)"
            Expect.isTrue (Double.IsPositiveInfinity(Erfcx.Value -27.0)) "overflow to +inf"
            Expect.equal (Dawson.Value infinity) 0.0 "F(+inf)"
            Expect.equal (Dawson.Value -infinity) -0.0 "F(-inf)" }
        test "NaN and negative arguments are rejected naming the parameter" {
            throwsArg "x" (fun () -> Erfcx.Value nan |> ignore)
            throwsArg "x" (fun () -> Dawson.Value nan |> ignore)
            throwsArg "x" (fun () -> ErfcxIntegral.Value -1.0 |> ignore)
            throwsArg "b" (fun () -> ErfcxIntegral.Between(2.0, 1.0) |> ignore) }
        test "Between(a,b) = G(b) − G(a) and is accurate on narrow intervals" {
            closeRel 1e-13 (ErfcxIntegral.Value 3.0 - ErfcxIntegral.Value 1.0) (ErfcxIntegral.Between(1.0, 3.0)) "wide"
            // d/dx G = erfcx: midpoint rule on a tiny interval
            let a, b = 1.0e6, 1.0e6 + 1e-3
            let w = b - a // the width actually represented
            closeRel 1e-14 (w * Erfcx.Value(a + 0.5 * w)) (ErfcxIntegral.Between(a, b)) "narrow far" }
        testPropertyFixed "A&S 7.1.13 bounds: 2/(x+√(x²+2)) < √π erfcx(x) ≤ 2/(x+√(x²+4/π))" <| fun (x: NormalFloat) ->
            let x = abs x.Get % 1e6
            let v = sqrt Math.PI * Erfcx.Value x
            v > 2.0 / (x + sqrt (x * x + 2.0)) * (1.0 - 1e-15) && v <= 2.0 / (x + sqrt (x * x + 4.0 / Math.PI)) * (1.0 + 1e-15)
    ]
