/// Dendritic location (Graupner & Brunel 2012): pairs of the cortical-slice set with the bAP
/// calcium amplitude C_post scaled by a (distal attenuation) and C_pre by q, against an
/// independent event-driven computation of the paper's equations (reference/make_location_table.py).
module Theory.Tests.CalciumPlasticity.Location

open System
open System.IO
open Expecto
open Theory.CalciumPlasticity
open Theory.Tests.Util

type Row = { Kind: string; A: float; Q: float; Freq: float; Dt: float; AlphaD: float; AlphaP: float; Change: float }

let rows =
    let inv = Globalization.CultureInfo.InvariantCulture
    File.ReadAllLines(Path.Combine(repoRoot, "tests", "Theory.Tests", "CalciumPlasticity", "reference", "location_table.csv"))
    |> Array.skip 1
    |> Array.map (fun l ->
        let f = l.Split ','
        let num (s: string) = Double.Parse(s, inv)
        { Kind = f[0]; A = num f[1]; Q = num f[2]; Freq = num f[3]; Dt = num f[4]; AlphaD = num f[5]; AlphaP = num f[6]
          Change = num f[7] })

let p = GraupnerBrunelParameters.CorticalSlices

[<Tests>]
let tests =
    testList "CalciumPlasticity.Location" [
        test "scaled amplitudes: alpha_d, alpha_p and the change match the Python reference (all points)" {
            let pts = rows |> Array.filter (fun r -> r.Kind = "point")
            Expect.isGreaterThan pts.Length 100 "reference rows"
            for r in pts do
                let x = DendriticLocation.Pair(p, r.A, r.Dt, r.Freq, 75, r.Q)
                let tag = $"a={r.A} q={r.Q} f={r.Freq} dt={r.Dt}"
                closeAbs 1e-12 r.AlphaD x.Point.Outcome.AlphaD $"{tag} alpha_d"
                closeAbs 1e-12 r.AlphaP x.Point.Outcome.AlphaP $"{tag} alpha_p"
                closeAbs 1e-10 r.Change x.Change $"{tag} change"
        }
        test "LTP/LTD crossover attenuations match the Python reference (brentq)" {
            let cross = rows |> Array.filter (fun r -> r.Kind = "crossover")
            Expect.equal cross.Length 7 "crossover rows"
            for f in [ 20.0; 30.0; 40.0; 50.0 ] do
                for dt in [ -0.01; 0.01 ] do
                    let expected = cross |> Array.filter (fun r -> r.Freq = f && r.Dt = dt) |> Array.map (fun r -> r.A)
                    let got = DendriticLocation.Crossovers(p, dt, f)
                    Expect.equal got.Length expected.Length $"number of crossovers f={f} dt={dt}"
                    Array.iter2 (fun e g -> closeAbs 1e-9 e g $"crossover f={f} dt={dt}") expected got
        }
        test "distal synapse (a = 0.3) depresses where the proximal one potentiates (50 Hz, +10 ms)" {
            let proximal = (DendriticLocation.Pair(p, 1.0, 0.01, 50.0)).Change
            let distal = (DendriticLocation.Pair(p, 0.3, 0.01, 50.0)).Change
            closeAbs 1e-9 1.636808856446775 proximal "proximal"
            closeAbs 1e-9 0.5503803870761141 distal "distal"
            // cooperative input (C_pre x 1.5) rescues LTP at the distal synapse
            closeAbs 1e-9 1.416050512818596 (DendriticLocation.Pair(p, 0.3, 0.01, 50.0, 75, 1.5)).Change "rescued"
        }
        test "bad input names the parameter" {
            throwsArg "bapFactor" (fun () -> DendriticLocation.At(p, -0.1) |> ignore)
            throwsArg "preFactor" (fun () -> DendriticLocation.At(p, 1.0, nan) |> ignore)
            throwsArg "frequency" (fun () -> DendriticLocation.Pair(p, 1.0, 0.01, 0.0) |> ignore)
            throwsArg "to" (fun () -> DendriticLocation.Scan(p, 0.01, 50.0, 0.5, 0.5) |> ignore)
        }
    ]
