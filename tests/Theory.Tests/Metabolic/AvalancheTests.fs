/// Avalanche detection and branching ratio (avalan_props.py conventions), checked by hand and
/// against a Galton–Watson branching process with known offspring mean.
module Theory.Tests.Metabolic.AvalancheTests

open System
open Expecto
open Theory.Metabolic
open Theory.Numerics
open Theory.Tests.Util

/// Driven Galton–Watson process: each active unit has Poisson(m) offspring in the next bin; when
/// the activity dies out, one empty bin, then one new seed.
let galtonWatson (m: float) (bins: int) (seed: int) =
    let rng = Random seed
    let c = Array.zeroCreate bins
    let mutable n = 1
    for t in 0 .. bins - 1 do
        c.[t] <- n
        n <- if n = 0 then 1 else MathNet.Numerics.Distributions.Poisson.Sample(rng, m * float n)
    c

[<Tests>]
let tests =
    testList "Metabolic.Avalanches" [
        test "sizes, durations and branching ratio by hand" {
            let a = Avalanches.FromCounts([| 0; 1; 2; 0; 0; 3; 0; 1 |], 1e-3)
            Expect.equal a.Sizes [| 3; 3; 1 |] "sizes"
            Expect.equal a.DurationBins [| 2; 1; 1 |] "durations"
            closeRel 1e-15 2e-3 a.Durations.[0] "duration in s"
            // non-empty bins with a successor: 1→2, 2→0, 3→0 (the last bin has none)
            closeRel 1e-15 (2.0 / 3.0) a.BranchingRatio "σ"
        }
        test "binning uses (t_b, t_b + Δ]" {
            let c = Avalanches.Bin([| 0.0005; 0.001; 0.0010001; 0.0025 |], 0.004, 1e-3)
            Expect.equal c [| 2; 1; 1; 0 |] "counts"
        }
        test "branching ratio of a Galton–Watson process equals its offspring mean (σ = 0.8, 1.0)" {
            for m in [ 0.8; 1.0 ] do
                let a = Avalanches.FromCounts(galtonWatson m 200000 (int (m * 10.0)), 1e-3)
                // ratios n_{t+1}/n_t have mean m; sd ≤ sqrt(m) per ratio, > 40000 ratios: 5 sd ≈ 0.025
                closeAbs 0.025 m a.BranchingRatio (sprintf "σ for m = %g (%d avalanches)" m a.Sizes.Length)
        }
        test "critical branching: size exponent 3/2, duration exponent 2, crackling γ = 2" {
            let a = Avalanches.FromCounts(galtonWatson 1.0 400000 5, 1e-3)
            // x_min chosen by KS; the duration law approaches T^-2 only asymptotically
            let c = Avalanches.Crackling(a)
            closeAbs 0.03 1.5 c.SizeExponent "τ (sizes)"
            closeAbs 0.08 2.0 c.DurationExponent "α (durations)"
            closeAbs 0.12 2.0 c.FittedGamma "γ fitted"
            closeAbs 0.12 2.0 c.PredictedGamma "γ = (α − 1)/(τ − 1)"
        }
        test "bad input is rejected with the parameter named" {
            throwsArg "binWidth" (fun () -> Avalanches.FromCounts([| 1 |], 0.0) |> ignore)
            throwsArg "counts" (fun () -> Avalanches.FromCounts([| 1; -1 |], 1e-3) |> ignore)
            throwsArg "spikeTimes" (fun () -> Avalanches.Bin([| nan |], 1.0, 1e-3) |> ignore)
            throwsArg "spikeTimes" (fun () -> Avalanches.MeanInterEventInterval([| 1.0 |]) |> ignore)
        }
    ]
