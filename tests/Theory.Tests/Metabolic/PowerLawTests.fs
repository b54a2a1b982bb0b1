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

/// reference/powerlaw_samples.csv (gen_powerlaw_samples.py): samples from numpy/scipy, not from
/// PowerLaw.Sample, with the exponents maximised there: (set, kind, α, x_min, α̂ reference, values).
let independentSets =
    lazy (
        let path = IO.Path.Combine(repoRoot, "tests", "Theory.Tests", "Metabolic", "reference", "powerlaw_samples.csv")
        let inv = Globalization.CultureInfo.InvariantCulture
        IO.File.ReadAllLines path
        |> Array.filter (fun l -> not (l.StartsWith "#") && not (l.StartsWith "set,"))
        |> Array.map (fun l ->
            let c = l.Split ','
            let f (s: string) = Double.Parse(s, inv)
            int c.[0], c.[1], f c.[2], f c.[3], f c.[4], c.[5].Split ' ' |> Array.map f))

[<Tests>]
let independent =
    testList "Metabolic.PowerLaw.Independent" [
        test "issue #15: fixed-x_min MLE on numpy/scipy samples equals the reference α̂ (80 continuous, 80 discrete sets)" {
            for (set, kind, _, xmin, ref, x) in independentSets.Value do
                match kind with
                | "continuous" -> closeRel 1e-12 ref (PowerLaw.Fit(x, PowerLawKind.Continuous, xmin)).Alpha (sprintf "set %d" set)
                // golden section on a likelihood flat to O(δ²) at its maximum resolves α̂ to ~1e-8
                | "discrete" -> closeRel 1e-7 ref (PowerLaw.Fit(x, PowerLawKind.Discrete, xmin)).Alpha (sprintf "set %d" set)
                | _ -> ()
        }
        test "issue #15: bias-aware recovery on independent samples: mean α̂ of 40 sets against E α̂, spread against the reported σ" {
            // continuous, x_min known: Σ ln(x/x_min) ~ Gamma(n, α − 1), so E α̂ = 1 + (α − 1) n/(n − 1) and
            // SD α̂ = (α − 1) n/((n − 1)√(n − 2)); the mean of 40 sets within 3 SE of E α̂, the sample SD within
            // 3 of its own SEs (relative SE 1/√(2·39))
            let sets = independentSets.Value
            for alpha in [ 1.8; 2.6 ] do
                let fits = sets |> Array.filter (fun (_, k, a, _, _, _) -> k = "continuous" && a = alpha)
                             |> Array.map (fun (_, _, _, xmin, _, x) -> PowerLaw.Fit(x, PowerLawKind.Continuous, xmin))
                let n = float fits.[0].TailCount
                let k = float fits.Length
                let expected = 1.0 + (alpha - 1.0) * n / (n - 1.0)
                let sd = (alpha - 1.0) * n / ((n - 1.0) * sqrt (n - 2.0))
                let a = fits |> Array.map (fun f -> f.Alpha)
                let mean = Array.average a
                let sampleSd = sqrt ((a |> Array.sumBy (fun v -> (v - mean) ** 2.0)) / (k - 1.0))
                closeAbs (3.0 * sd / sqrt k) expected mean (sprintf "continuous α = %g: mean α̂" alpha)
                closeRel (3.0 / sqrt (2.0 * (k - 1.0))) sd sampleSd (sprintf "continuous α = %g: SD of α̂" alpha)
            // discrete: bias O((α − 1)/n) = 0.003–0.005 is below the 3-SE band (≈ 0.03); the reported σ (inverse Fisher
            // information) against the spread of the 40 estimates
            for alpha, xmin in [ (2.2, 1.0); (2.8, 3.0) ] do
                let fits = sets |> Array.filter (fun (_, k, a, m, _, _) -> k = "discrete" && a = alpha && m = xmin)
                             |> Array.map (fun (_, _, _, _, _, x) -> PowerLaw.Fit(x, PowerLawKind.Discrete, xmin))
                let k = float fits.Length
                let a = fits |> Array.map (fun f -> f.Alpha)
                let mean = Array.average a
                let sampleSd = sqrt ((a |> Array.sumBy (fun v -> (v - mean) ** 2.0)) / (k - 1.0))
                let sigma = fits |> Array.averageBy (fun f -> f.StandardError)
                closeAbs (3.0 * sigma / sqrt k) alpha mean (sprintf "discrete α = %g, x_min = %g: mean α̂" alpha xmin)
                closeRel (3.0 / sqrt (2.0 * (k - 1.0))) sigma sampleSd (sprintf "discrete α = %g, x_min = %g: SD of α̂ against σ" alpha xmin)
        }
        test "issue #15: PowerLaw.Sample and numpy draw the same law (two-sample KS, 10 000 points each, 0.1 % level)" {
            let sets = independentSets.Value
            let pooled kind alpha xmin =
                sets |> Array.filter (fun (_, k, a, m, _, _) -> k = kind && a = alpha && m = xmin) |> Array.collect (fun (_, _, _, _, _, x) -> x)
            let ks (a: float[]) (b: float[]) =
                let a, b = Array.sort a, Array.sort b
                let all = Array.append a b |> Array.distinct |> Array.sort
                let cdf (s: float[]) v = float (let i = Array.FindLastIndex(s, fun x -> x <= v) in i + 1) / float s.Length
                all |> Array.map (fun v -> abs (cdf a v - cdf b v)) |> Array.max
            let cases = [ ("continuous", PowerLawKind.Continuous, 1.8, 1.0); ("continuous", PowerLawKind.Continuous, 2.6, 1.0)
                          ("discrete", PowerLawKind.Discrete, 2.2, 1.0); ("discrete", PowerLawKind.Discrete, 2.8, 3.0) ]
            for kind, pk, alpha, xmin in cases do
                let theirs = pooled kind alpha xmin
                let ours = PowerLaw.Sample(pk, alpha, xmin, theirs.Length, 77UL)
                let n, m = float theirs.Length, float ours.Length
                // asymptotic critical value at 0.1 %: 1.949 √((n + m)/(n m)) (conservative for discrete data)
                let d = ks theirs ours
                Expect.isLessThan d (1.949 * sqrt ((n + m) / (n * m))) (sprintf "%s α = %g: D = %g" kind alpha d)
        }
        test "issue #15: x_min scan on a power-law tail above a uniform body (numpy) equals the scan done in numpy" {
            let _, _, alpha, xminRef, alphaRef, x = independentSets.Value |> Array.find (fun (_, k, _, _, _, _) -> k = "tail")
            let f = PowerLaw.Fit(x, PowerLawKind.Continuous)
            closeRel 1e-12 xminRef f.XMin "x_min"
            closeRel 1e-12 alphaRef f.Alpha "α̂"
            let ci = f.ConfidenceInterval(0.999)
            Expect.isTrue (ci.[0] <= alpha && alpha <= ci.[1]) (sprintf "true α = %g in the 99.9 %% interval [%g, %g]" alpha ci.[0] ci.[1])
        }
        test "issue #15: bootstrap with x_min refitted in every synthetic set passes the numpy power-law tail; the numpy log-normal fails at x_min = 1" {
            // Clauset et al. Sec. 4.1 with the x_min scan repeated on each synthetic set (fixedXMin = false);
            // 100 bootstraps resolve p to ±0.05. With the refit the 1000-point log-normal is NOT rejected
            // (p = 0.38: the scan retreats to a short tail that a power law fits, as Clauset et al. warn), so
            // the rejection is checked at the fixed x_min = 1 where the body's curvature is in the fit
            let sets = independentSets.Value
            let _, _, _, _, _, tail = sets |> Array.find (fun (_, k, _, _, _, _) -> k = "tail")
            let gt = PowerLaw.GoodnessOfFit(tail, PowerLaw.Fit(tail, PowerLawKind.Continuous), 100, 5UL)
            Expect.isGreaterThan gt.PValue 0.1 (sprintf "power-law tail, x_min refitted: p = %g" gt.PValue)
            let _, _, _, _, _, ln = sets |> Array.find (fun (_, k, _, _, _, _) -> k = "lognormal")
            let ln1 = ln |> Array.filter (fun v -> v >= 1.0)
            let gl = PowerLaw.GoodnessOfFit(ln1, PowerLaw.Fit(ln1, PowerLawKind.Continuous, 1.0), 100, 5UL, fixedXMin = true)
            Expect.isLessThan gl.PValue 0.05 (sprintf "log-normal, x_min = 1: p = %g" gl.PValue)
        }
    ]
