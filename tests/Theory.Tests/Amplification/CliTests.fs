module Theory.Tests.Amplification.CliTests

open System
open System.IO
open Expecto
open MathNet.Numerics.LinearAlgebra
open Theory.Tests.Util

/// Runs `theory args` in-process, capturing stdout and stderr.
let run (args: string[]) =
    let out, err = new StringWriter(), new StringWriter()
    let o, e = Console.Out, Console.Error
    Console.SetOut out
    Console.SetError err
    try
        let rc = Theory.Cli.Commands.Run args
        rc, out.ToString(), err.ToString()
    finally
        Console.SetOut o
        Console.SetError e

let keyValues (text: string) =
    text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
    |> Array.choose (fun l -> match l.Trim().Split('=', 2) with [| k; v |] -> Some(k, v) | _ -> None)
    |> Map.ofArray

let readCsv (path: string) =
    let rows = File.ReadAllLines path |> Array.filter (fun l -> l <> "") |> Array.map (fun l -> l.Split ',' |> Array.map (fun s -> Double.Parse(s, Globalization.CultureInfo.InvariantCulture)))
    Matrix<float>.Build.DenseOfRowArrays rows

let tempDir () = Directory.CreateTempSubdirectory("theory-amp-")

[<Tests>]
let tests =
    testSequenced <| testList "Amplification.Cli" [
        testCase "theory amplification --matrix pair.csv --tau 0.02 prints the measures" <| fun () ->
            let d = tempDir ()
            try
                let f = Path.Combine(d.FullName, "W.csv")
                File.WriteAllText(f, "0,10\n0,0\n")
                let rc, out, err = run [| "amplification"; "--matrix"; f; "--tau"; "0.02" |]
                Expect.equal rc 0 ("exit code; stderr: " + err)
                let kv = keyValues out
                closeAbs 1e-9 (-50.0) (float kv.["spectral_abscissa"]) "spectral abscissa"
                closeAbs 1e-9 200.0 (float kv.["numerical_abscissa"]) "numerical abscissa (w/2 − 1)/τ"
                closeRel 1e-10 3.7159552280300234 (float kv.["max_amplification"]) "peak"
                closeRel 1e-5 (0.979795897 * 0.02) (float kv.["max_amplification_time"]) "time"
                // Q = [[1, w/2], [w/2, 1 + w²/2]] for the pair: top eigenvalue 26 + √650
                closeRel 1e-10 (26.0 + sqrt 650.0) (float kv.["max_evoked_energy"]) "top evoked energy"
                Expect.isTrue (kv.ContainsKey "eigenvector_effective_rank" && kv.ContainsKey "weight_effective_rank") "effective ranks"
            finally d.Delete true

        testCase "theory schur --matrix W.csv --out DIR writes U.csv and T.csv that reconstruct W" <| fun () ->
            let d = tempDir ()
            try
                let f = Path.Combine(d.FullName, "W.csv")
                let rng = Random 4
                let w = Matrix<float>.Build.Dense(7, 7, fun _ _ -> rng.NextDouble() - 0.5)
                File.WriteAllLines(f, [| for i in 0 .. 6 -> String.Join(",", [| for j in 0 .. 6 -> w.[i, j].ToString("R", Globalization.CultureInfo.InvariantCulture) |]) |])
                let outDir = Path.Combine(d.FullName, "out")
                let rc, out, err = run [| "schur"; "--matrix"; f; "--out"; outDir |]
                Expect.equal rc 0 ("exit code; stderr: " + err)
                let u, t = readCsv (Path.Combine(outDir, "U.csv")), readCsv (Path.Combine(outDir, "T.csv"))
                let recon = (w - u * t * u.Transpose()).FrobeniusNorm() / w.FrobeniusNorm()
                Expect.isLessThan recon 1e-14 "round trip with 'R' precision"
                Expect.stringContains out "backward_error=" "reports the backward error"
            finally d.Delete true

        testCase "theory bench schur --n 60 --reps 1 reports a median and a tiny backward error" <| fun () ->
            let rc, out, err = run [| "bench"; "schur"; "--n"; "60"; "--reps"; "1"; "--warmup"; "0" |]
            Expect.equal rc 0 ("exit code; stderr: " + err)
            let kv = keyValues out
            Expect.isGreaterThan (float kv.["median_s"]) 0.0 "median"
            Expect.isLessThan (float kv.["backward_error_rel_fro"]) 1e-13 "backward error"

        testCase "malformed or non-square CSV: exit 2, the line named, nothing written" <| fun () ->
            let d = tempDir ()
            try
                let cases =
                    [ "1,2\n3,x\n", "line 2"
                      "1,2\n3\n", "line 2"
                      "1,2,3\n4,5,6\n", "square"
                      "1,2\n3,NaN\n", "line 2"
                      "", "no matrix" ]
                for text, expected in cases do
                    let f = Path.Combine(d.FullName, "bad.csv")
                    File.WriteAllText(f, text)
                    let outDir = Path.Combine(d.FullName, "never")
                    let rc, _, err = run [| "schur"; "--matrix"; f; "--out"; outDir |]
                    Expect.equal rc 2 (sprintf "exit 2 for %A" text)
                    Expect.stringContains err expected (sprintf "message for %A" text)
                    Expect.isFalse (Directory.Exists outDir) "nothing written"
                    let rc2, _, err2 = run [| "amplification"; "--matrix"; f |]
                    Expect.equal rc2 2 "amplification exit 2"
                    Expect.stringContains err2 expected "amplification message"
                let rc, _, err = run [| "amplification"; "--matrix"; Path.Combine(d.FullName, "missing.csv") |]
                Expect.equal rc 2 "missing file"
                Expect.stringContains err "not found" "missing file message"
                let good = Path.Combine(d.FullName, "ok.csv")
                File.WriteAllText(good, "0\n")
                let rc, _, err = run [| "amplification"; "--matrix"; good; "--tau"; "-1" |]
                Expect.equal rc 2 "negative tau"
                Expect.stringContains err "tau" "names tau"
            finally d.Delete true
    ]
