/// Power-law MLE (Clauset, Shalizi & Newman 2009): Hurwitz zeta, estimators, x_min selection,
/// bootstrap goodness of fit; recovery of known exponents by FsCheck with a fixed replay seed.
module Theory.Tests.Metabolic.PowerLawTests

open System
open Expecto
open FsCheck
open Theory.Numerics
open Theory.Tests.Util

/// Fixed replay: the generated cases (exponents, sizes, seeds) are the same every run.
let config = { FsCheckConfig.defaultConfig with maxTest = 40; replay = Some (12345UL, 6789UL, None) }

/// A generated int seed as the library's UInt64 seed, drawing the same stream as the int seed did: System.Random(s)
/// seeds with |s| (Int32.MinValue with Int32.MaxValue), and seeds up to 2³¹ − 1 pass to it unchanged.
let seedOf (s: int) = if s = Int32.MinValue then uint64 Int32.MaxValue else uint64 (abs s)

[<Tests>]
let tests =
    testList "Metabolic.PowerLaw" [
        test "Hurwitz zeta against closed forms" {
            closeRel 1e-14 (Math.PI ** 2.0 / 6.0) (PowerLaw.HurwitzZeta(2.0, 1.0)) "ζ(2)"
            closeRel 1e-14 1.2020569031595942 (PowerLaw.HurwitzZeta(3.0, 1.0)) "ζ(3) (Apéry)"
            closeRel 1e-13 (Math.PI ** 4.0 / 90.0 - 1.0 - 1.0 / 16.0) (PowerLaw.HurwitzZeta(4.0, 3.0)) "ζ(4, 3) (reference loses 2 digits to cancellation)"
            closeRel 1e-13 (7.0 * 1.2020569031595942) (PowerLaw.HurwitzZeta(3.0, 0.5)) "ζ(3, 1/2) = 7ζ(3)"
            closeRel 1e-13 2.6123753486854883 (PowerLaw.HurwitzZeta(1.5, 1.0)) "ζ(3/2)"
            // large q: ζ(s, q) ~ q^{1-s}/(s-1) + q^{-s}/2 + s q^{-s-1}/12
            let q = 1e6
            closeRel 1e-15 (q ** -1.5 / 1.5 + q ** -2.5 / 2.0 + 2.5 * q ** -3.5 / 12.0) (PowerLaw.HurwitzZeta(2.5, q)) "ζ(2.5, 1e6)"
        }
        test "continuous MLE at fixed x_min is 1 + n/Σ ln(x/x_min) with σ = (α−1)/√n" {
            let x = [| 1.0; 2.0; 4.0; 8.0; 3.0 |]
            let f = PowerLaw.Fit(x, PowerLawKind.Continuous, 1.0)
            let a = 1.0 + 5.0 / (log 2.0 + log 4.0 + log 8.0 + log 3.0)
            closeRel 1e-14 a f.Alpha "α̂"
            closeRel 1e-14 ((a - 1.0) / sqrt 5.0) f.StandardError "σ"
        }
        test "discrete MLE maximizes the likelihood and its σ is the inverse Fisher information" {
            let x = PowerLaw.Sample(PowerLawKind.Discrete, 2.3, 1.0, 2000, 7UL)
            let f = PowerLaw.Fit(x, PowerLawKind.Discrete, 1.0)
            let ll a = -(float x.Length) * log (PowerLaw.HurwitzZeta(a, 1.0)) - a * (x |> Array.sumBy log)
            Expect.isGreaterThan (ll f.Alpha) (ll (f.Alpha + 1e-3)) "above"
            Expect.isGreaterThan (ll f.Alpha) (ll (f.Alpha - 1e-3)) "below"
            // Fisher information = Var(ln X) under the law, summed to convergence by hand
            let z = PowerLaw.HurwitzZeta(f.Alpha, 1.0)
            let ks = [| 1.0 .. 2e6 |]
            let m1 = ks |> Array.sumBy (fun k -> log k * k ** -f.Alpha) |> fun s -> s / z
            let m2 = ks |> Array.sumBy (fun k -> (log k) ** 2.0 * k ** -f.Alpha) |> fun s -> s / z
            closeRel 2e-3 (1.0 / sqrt (2000.0 * (m2 - m1 * m1))) f.StandardError "σ"
        }
        testPropertyWithConfig config "continuous fit recovers α inside its 99.99% interval (α ∈ [1.5, 3.5], n ∈ [200, 5000])" <| fun (a: int) (nn: int) (seed: int) ->
            let alpha = 1.5 + float (abs a % 2001) / 1000.0
            let n = 200 + abs nn % 4801
            let x = PowerLaw.Sample(PowerLawKind.Continuous, alpha, 1.0, n, seedOf seed)
            let ci = (PowerLaw.Fit(x, PowerLawKind.Continuous, 1.0)).ConfidenceInterval(0.9999)
            ci.[0] <= alpha && alpha <= ci.[1]
        testPropertyWithConfig config "discrete fit recovers α inside its 99.99% interval (α ∈ [1.5, 3.5], x_min ∈ {1,2,5}, n ∈ [200, 3000])" <| fun (a: int) (nn: int) (m: int) (seed: int) ->
            let alpha = 1.5 + float (abs a % 2001) / 1000.0
            let n = 200 + abs nn % 2801
            let xmin = [| 1.0; 2.0; 5.0 |].[abs m % 3]
            let x = PowerLaw.Sample(PowerLawKind.Discrete, alpha, xmin, n, seedOf seed)
            let ci = (PowerLaw.Fit(x, PowerLawKind.Discrete, xmin)).ConfidenceInterval(0.9999)
            ci.[0] <= alpha && alpha <= ci.[1]
        test "95% intervals cover the true exponent 95% of the time (400 fits, continuous and discrete)" {
            for kind in [ PowerLawKind.Continuous; PowerLawKind.Discrete ] do
                let hits =
                    [ 1 .. 400 ] |> List.filter (fun s ->
                        let x = PowerLaw.Sample(kind, 2.5, 1.0, 500, uint64 s)
                        let ci = (PowerLaw.Fit(x, kind, 1.0)).ConfidenceInterval(0.95)
                        ci.[0] <= 2.5 && 2.5 <= ci.[1]) |> List.length
                // binomial(400, 0.95): sd 1.09%; 3.5 sd band
                let cov = float hits / 400.0
                Expect.isTrue (abs (cov - 0.95) < 0.038) (sprintf "%A coverage %.3f" kind cov)
        }
        test "x_min selection finds the onset of a power-law tail above an exponential body" {
            // body: 3000 points uniform on [1, 5); tail: 1500 points of a power law α = 2.5 from 5
            let rng = Random 3
            let body = Array.init 3000 (fun _ -> 1.0 + 4.0 * rng.NextDouble())
            let tail = PowerLaw.Sample(PowerLawKind.Continuous, 2.5, 5.0, 1500, 4UL)
            let f = PowerLaw.Fit(Array.append body tail, PowerLawKind.Continuous)
            Expect.isTrue (f.XMin >= 4.8 && f.XMin <= 6.0) (sprintf "x_min = %g" f.XMin)
            let ci = f.ConfidenceInterval(0.999)
            Expect.isTrue (ci.[0] <= 2.5 && 2.5 <= ci.[1]) (sprintf "α = %g ± %g" f.Alpha f.StandardError)
        }
        test "bootstrap p-value: a power law passes, a log-normal fitted from x_min = 1 fails" {
            let pl = PowerLaw.Sample(PowerLawKind.Continuous, 2.2, 1.0, 1000, 11UL)
            let gp = PowerLaw.GoodnessOfFit(pl, PowerLaw.Fit(pl, PowerLawKind.Continuous, 1.0), 100, 5UL, fixedXMin = true)
            Expect.isGreaterThan gp.PValue 0.1 "power law"
            let rng = Random 12
            let ln = Array.init 1000 (fun _ -> exp (1.0 + 0.6 * MathNet.Numerics.Distributions.Normal.Sample(rng, 0.0, 1.0))) |> Array.map (fun v -> max v 1.0)
            let gl = PowerLaw.GoodnessOfFit(ln, PowerLaw.Fit(ln, PowerLawKind.Continuous, 1.0), 100, 5UL, fixedXMin = true)
            Expect.isLessThan gl.PValue 0.05 "log-normal"
        }
        test "bad input is rejected with the parameter named" {
            throwsArg "data" (fun () -> PowerLaw.Fit([| 1.0; -2.0; 3.0 |]) |> ignore)
            throwsArg "data" (fun () -> PowerLaw.Fit([| 1.0; nan; 3.0 |]) |> ignore)
            throwsArg "data" (fun () -> PowerLaw.Fit([| 1.0; 2.5; 3.0 |], PowerLawKind.Discrete, 1.0) |> ignore)
            throwsArg "data" (fun () -> PowerLaw.Fit([| 1.0; 1.0 |]) |> ignore)
            throwsArg "xmin" (fun () -> PowerLaw.Fit([| 1.0; 2.0; 3.0 |], PowerLawKind.Discrete, 1.5) |> ignore)
            throwsArg "s" (fun () -> PowerLaw.HurwitzZeta(1.0, 1.0) |> ignore)
            throwsArg "q" (fun () -> PowerLaw.HurwitzZeta(2.0, 0.0) |> ignore)
            throwsArg "alpha" (fun () -> PowerLaw.Sample(PowerLawKind.Continuous, 1.0, 1.0, 10, 1UL) |> ignore)
            throwsArg "level" (fun () -> (PowerLaw.Fit([| 1.0; 2.0; 3.0 |], PowerLawKind.Continuous, 1.0)).ConfidenceInterval(1.5) |> ignore)
        }
    ]
