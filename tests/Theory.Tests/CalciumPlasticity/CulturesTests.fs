/// The hippocampal-culture protocols of Wang et al. (2005) — triplets and quadruplets at 1 Hz —
/// under the Graupner & Brunel (2012) "hippocampal-cultures" set: spike patterns, closed form
/// against an independent Python table, and a simulated protocol against the closed form.
module Theory.Tests.CalciumPlasticity.Cultures

open System
open System.IO
open Expecto
open Theory.CalciumPlasticity
open Theory.Experiments.CalciumPlasticity
open Theory.Tests.Util

/// Rows of reference/cultures_table.csv (reference/make_cultures_table.py: the patterns written
/// from their description, event-driven calcium with exact crossings, SI Eqs. S5–S10).
let rows =
    let inv = Globalization.CultureInfo.InvariantCulture
    File.ReadAllLines(Path.Combine(repoRoot, "tests", "Theory.Tests", "CalciumPlasticity", "reference", "cultures_table.csv"))
    |> Array.skip 1
    |> Array.map (fun l ->
        let f = l.Split ','
        let num (s: string) = Double.Parse(s, inv)
        f[0], f[1], num f[2], num f[3], num f[4], num f[5], num f[6])

let motifOf (kind: string, order: string, x1: float, x2: float) =
    match kind, order with
    | "triplet", "pre-post-pre" -> WangProtocols.Triplet(TripletOrder.PrePostPre, x1, x2)
    | "triplet", "post-pre-post" -> WangProtocols.Triplet(TripletOrder.PostPrePost, x1, x2)
    | "quadruplet", _ -> WangProtocols.Quadruplet(x1, x2)
    | _ -> failwithf "unknown row %s %s" kind order

[<Tests>]
let tests =
    let p = GraupnerBrunelParameters.HippocampalCultures
    testList "CalciumPlasticity.Cultures" [
        test "triplets and quadruplets: time above threshold and change equal the Python table" {
            Expect.equal rows.Length 18 "eight triplets and ten quadruplets"
            for kind, order, x1, x2, ad, ap, change in rows do
                let tag = $"{kind} {order} {x1} {x2}"
                let fr = PeriodicCalcium.Fractions(p, motifOf (kind, order, x1, x2))
                closeAbs 1e-12 ad fr.AlphaD $"{tag} alpha_d"
                closeAbs 1e-12 ap fr.AlphaP $"{tag} alpha_p"
                let outcome = SynapticChange.Of(p, fr, float WangProtocols.Repetitions / WangProtocols.Frequency)
                closeAbs 1e-10 change outcome.Change $"{tag} change"
        }

        test "the patterns: spike times of a triplet and of both quadruplet orders" {
            let t = WangProtocols.Triplet(TripletOrder.PrePostPre, 0.005, 0.015)
            Expect.sequenceEqual t.PreTimes [| 0.0; 0.02 |] "pre-post-pre: pres at 0 and 20 ms"
            Expect.sequenceEqual t.PostTimes [| 0.005 |] "pre-post-pre: post at 5 ms"
            let q = WangProtocols.Quadruplet(0.05)
            Expect.sequenceEqual q.PostTimes [| 0.0; 0.055 |] "T > 0: post first, last post 55 ms"
            Expect.sequenceEqual q.PreTimes [| 0.005; 0.05 |] "T > 0: pres at 5 and 50 ms"
            // the pair centres are |T| apart in both orders
            for tt in [ -0.05; 0.05 ] do
                let m = WangProtocols.Quadruplet(tt)
                let all = Array.append m.PreTimes m.PostTimes |> Array.sort
                closeAbs 1e-15 (abs tt) (0.5 * (all[2] + all[3]) - 0.5 * (all[0] + all[1])) $"centres at T = {tt}"
            closeAbs 0.0 1.0 q.Period "1 Hz"
        }

        test "bad patterns: ArgumentException naming the parameter and the range" {
            throwsArg "t = 0.004" (fun () -> WangProtocols.Quadruplet(0.004) |> ignore)
            throwsArg "(0.005, 0.3]" (fun () -> WangProtocols.Quadruplet(0.004) |> ignore)
            throwsArg "first" (fun () -> WangProtocols.Triplet(TripletOrder.PrePostPre, -0.005, 0.005) |> ignore)
            throwsArg "t" (fun () -> WangProtocols.Quadruplet(Double.NaN) |> ignore)
            throwsArg "second" (fun () -> WangProtocols.Triplet(TripletOrder.PostPrePost, 0.2, 0.2, 4.0) |> ignore)
        }

        test "post-pre-post (5, 5) ms simulated on 2000 synapses agrees with the closed form (short)" {
            let m = WangProtocols.Triplet(TripletOrder.PostPrePost, 0.005, 0.005)
            let r = StdpProtocolSimulation(p, 0.005, WangProtocols.Frequency, WangProtocols.Repetitions, Synapses = 2000, Seed = 7UL, Motif = m).Run()
            // as the pair test in Stdp: the simulation starts from c = 0 and includes the final
            // decay, the closed form uses the periodic steady state (τ_Ca = 12 ms ≪ 1 s period)
            closeAbs (4.0 * r.StandardError + 0.01) r.Analytic r.Simulated "change"
            Expect.isGreaterThan r.Analytic 1.2 "LTP (closed form 1.252)"
        }
    ]
