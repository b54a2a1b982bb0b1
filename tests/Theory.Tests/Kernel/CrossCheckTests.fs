/// The kernel against Brian2 2.5.1 (cpp_standalone) on the two reference networks of
/// shared/specs/kernel.md. The Brian2 values are stored in reference/*.csv with the command,
/// seeds and version that produced them (bench/brian2_reference.sh regenerates them), so this
/// suite does not need Brian2. Default suite: shortened runs; `crosscheck`: full length, 3 seeds.
module Theory.Tests.Kernel.CrossCheck

open System
open System.IO
open Expecto
open Theory.Experiments.Networks
open Theory.Tests.Util

/// Rows of a reference CSV (comment lines start with '#'), as column → value maps.
let readReference (file: string) =
    let lines =
        File.ReadAllLines(Path.Combine(repoRoot, "tests", "Theory.Tests", "Kernel", "reference", file))
        |> Array.filter (fun l -> l.Trim() <> "" && not (l.StartsWith "#"))
    let header = lines.[0].Split ','
    lines.[1..]
    |> Array.map (fun l ->
        let cells = l.Split ','
        Array.zip header (cells |> Array.map (fun c -> Double.Parse(c, Globalization.CultureInfo.InvariantCulture))) |> Map.ofArray)

let mean (xs: float[]) = Array.average xs
/// Standard error of the mean over independent runs (seeds).
let sem (xs: float[]) =
    let m = mean xs
    sqrt ((xs |> Array.sumBy (fun x -> (x - m) ** 2.0)) / float (xs.Length - 1) / float xs.Length)

let brunelReference g ratio =
    readReference "brian2_brunel.csv"
    |> Array.filter (fun r -> abs (r.["g"] - g) < 1e-9 && abs (r.["nu_ext_over_nu_thr"] - ratio) < 1e-9)

/// The issue's agreement criteria: rate within 5 %, mean CV within 0.1, dominant frequency
/// within 15 % (checked only in oscillating states: synchronous states with a clear peak).
let checkBrunel (g, ratio, checkPeak) (results: BrunelResult[]) =
    let reference = brunelReference g ratio
    Expect.isGreaterThan reference.Length 0 (sprintf "Brian2 reference rows for (%g, %g)" g ratio)
    let refRate = reference |> Array.map (fun r -> r.["rate_E_Hz"]) |> mean
    let refCv = reference |> Array.map (fun r -> r.["mean_cv_isi"]) |> mean
    let refPeak = reference |> Array.map (fun r -> r.["pop_rate_peak_Hz"]) |> mean
    let rate = results |> Array.map (fun r -> r.RateHz) |> mean
    let cv = results |> Array.map (fun r -> r.MeanCv) |> mean
    let peak = results |> Array.map (fun r -> r.PeakHz) |> mean
    printfn "brunel (%g, %g): rate %.2f vs %.2f Hz (%.1f %%), CV %.3f vs %.3f, peak %.0f vs %.0f Hz"
        g ratio rate refRate (100.0 * (rate - refRate) / refRate) cv refCv peak refPeak
    closeRel 0.05 refRate rate (sprintf "rate at (g, ν_ext/ν_thr) = (%g, %g)" g ratio)
    closeAbs 0.1 refCv cv (sprintf "mean ISI CV at (%g, %g)" g ratio)
    if checkPeak then closeRel 0.15 refPeak peak (sprintf "dominant frequency at (%g, %g)" g ratio)

/// (g, ν_ext/ν_thr, check the peak frequency, duration and seeds for the default suite).
/// The regular SR state (CV ≈ 0) is stable enough for one short run; the irregular states
/// fluctuate by a few % from seed to seed over 1 s (SI slow: 4.98–5.48 Hz for seeds 1–3), so
/// the default suite averages two seeds there.
let brunelStates =
    [ (3.0, 2.0, true, 0.5, [| 1UL |]); (6.0, 4.0, true, 1.2, [| 1UL; 2UL |])
      (5.0, 2.0, false, 1.0, [| 1UL; 2UL |]); (4.5, 0.9, true, 1.2, [| 1UL; 2UL |]) ]

let cobaCheck seeds duration =
    let reference = readReference "brian2_coba.csv"
    let runs = seeds |> Array.map (fun s -> CobaSimulation(N = 4000, Duration = duration, Seed = s).Run())
    for (name, refCol, get) in [ "rate (Hz)", "rate_hz", (fun (r: CobaResult) -> r.RateHz); "mean ISI CV", "cv", (fun r -> r.MeanCv) ] do
        let ours = runs |> Array.map get
        let theirs = reference |> Array.map (fun r -> r.[refCol])
        let diff = mean ours - mean theirs
        // three combined standard errors of the seed-to-seed means
        let tol = 3.0 * sqrt (sem ours ** 2.0 + sem theirs ** 2.0)
        printfn "coba %s: kernel %.4f ± %.4f (n=%d), Brian2 %.4f ± %.4f (n=%d), tolerance %.4f"
            name (mean ours) (sem ours) ours.Length (mean theirs) (sem theirs) theirs.Length tol
        Expect.isLessThanOrEqual (abs diff) tol (sprintf "COBA %s: kernel %.4f vs Brian2 %.4f" name (mean ours) (mean theirs))
    let synapses = runs |> Array.map (fun r -> float r.Synapses)
    // every ordered pair with p = 0.02: 320 000 ± 4 sd of the binomial count
    Expect.isLessThan (abs (mean synapses - 320000.0)) (4.0 * sqrt (320000.0 * 0.98)) "synapse count"
    Expect.isLessThanOrEqual (runs.[0].BytesPerSynapse) 4.2 "static synapse ≤ 4.2 bytes (targets, row starts, block splits)"

[<Tests>]
let short =
    testList "Kernel.CrossCheck" [
        test "COBA 4000: rate and CV agree with Brian2 within 3 standard errors (5 seeds × 2 s)" {
            cobaCheck [| 1UL .. 5UL |] 2.0
        }
        for (g, ratio, peak, t, seeds) in brunelStates do
            test (sprintf "Brunel model A (g=%g, ν_ext/ν_thr=%g), %d × %g s: rate 5 %%, CV 0.1, frequency 15 %% of Brian2" g ratio seeds.Length t) {
                let rs = seeds |> Array.map (fun s -> BrunelSimulation(G = g, NuExtRatio = ratio, Duration = t, Warmup = 0.2, Seed = s).Run())
                checkBrunel (g, ratio, peak) rs
            }
    ]

[<Tests>]
let long =
    testList "crosscheck.Kernel" [
        test "COBA 4000, 10 seeds × 2 s" { cobaCheck [| 1UL .. 10UL |] 2.0 }
        for (g, ratio, peak, _, _) in brunelStates @ [ (8.0, 2.0, false, 0.0, [||]); (6.0, 2.0, false, 0.0, [||]) ] do
            test (sprintf "Brunel model A (g=%g, ν_ext/ν_thr=%g), 3 seeds × 1.2 s" g ratio) {
                let rs = [| 1UL .. 3UL |] |> Array.map (fun s -> BrunelSimulation(G = g, NuExtRatio = ratio, Duration = 1.2, Seed = s).Run())
                checkBrunel (g, ratio, peak) rs
            }
    ]
