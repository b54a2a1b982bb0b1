/// The `theory simulate`/`bench` commands and the README's F# example, run as a user would.
module Theory.Tests.Kernel.CliAndDocs

open System
open System.Diagnostics
open System.IO
open Expecto
open Theory.Tests.Util

/// Runs a process in folder `dir`; returns exit code, stdout, stderr.
let runProcessIn (dir: string) (exe: string) (args: string list) =
    let psi = ProcessStartInfo(exe, WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false)
    for a in args do psi.ArgumentList.Add a
    use p = Process.Start psi
    let out = p.StandardOutput.ReadToEndAsync()
    let err = p.StandardError.ReadToEndAsync()
    p.WaitForExit()
    p.ExitCode, out.Result, err.Result

/// Runs a process in the repository root; returns exit code, stdout, stderr.
let runProcess (exe: string) (args: string list) = runProcessIn repoRoot exe args

let theory args = runProcess "dotnet" (Path.Combine(repoRoot, "src", "Theory.Cli", "bin", "Release", "net10.0", "Theory.Cli.dll") :: args)

/// key=value pairs of one output line.
let parseLine (line: string) =
    line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)
    |> Array.map (fun kv -> let i = kv.IndexOf '=' in kv.[.. i - 1], kv.[i + 1 ..])
    |> Map.ofArray

[<Tests>]
let tests =
    testList "Kernel.Cli" [
        test "simulate coba prints the key=value line and writes spikes.csv and rate.csv" {
            let dir = Path.Combine(Path.GetTempPath(), "theory-cli-" + string (Guid.NewGuid()))
            let code, out, err = theory [ "simulate"; "coba"; "--n"; "1000"; "--t"; "0.3"; "--seed"; "2"; "--out"; dir ]
            Expect.equal code 0 (sprintf "exit code (stderr: %s)" err)
            let kv = parseLine out
            for key in [ "rate_hz"; "cv"; "spikes"; "synapses"; "run_s" ] do
                Expect.isTrue (kv.ContainsKey key) (sprintf "output has %s: %s" key out)
            let spikes = File.ReadAllLines(Path.Combine(dir, "spikes.csv"))
            Expect.equal spikes.[0] "time_s,neuron" "spikes header"
            Expect.equal (int64 (spikes.Length - 1)) (int64 kv.["spikes"]) "one row per spike"
            let rate = File.ReadAllLines(Path.Combine(dir, "rate.csv"))
            Expect.equal rate.Length 301 "300 bins of 1 ms + header"
            let meanRate = rate.[1..] |> Array.averageBy (fun l -> float (l.Split(',').[1]))
            closeRel 1e-9 (float kv.["rate_hz"]) meanRate "binned rate averages to rate_hz"
            Directory.Delete(dir, true)
        }

        test "simulate brunel reports rate, cv and peak; bad options fail with exit code 2 naming them" {
            let code, out, _ = theory [ "simulate"; "brunel"; "--g"; "5"; "--nu-ext-ratio"; "2"; "--t"; "0.25"; "--warmup"; "0.05" ]
            Expect.equal code 0 "exit code"
            let kv = parseLine out
            for key in [ "rate_hz"; "cv"; "peak_hz"; "spikes"; "synapses"; "run_s" ] do
                Expect.isTrue (kv.ContainsKey key) (sprintf "output has %s" key)
            Expect.equal kv.["synapses"] "15625000" "12 500 × 1250 synapses"
            let code2, _, err2 = theory [ "simulate"; "coba"; "--n"; "-5" ]
            Expect.equal code2 2 "bad size → exit 2"
            Expect.stringContains err2 "--n = -5" "names the option and value"
            let code3, _, err3 = theory [ "simulate"; "coba"; "--nn"; "5" ]
            Expect.equal code3 2 "unknown option → exit 2"
            Expect.stringContains err3 "--nn" "names the unknown option"
        }

        test "the README's F# examples run and print a plausible rate" {
            let readme = File.ReadAllText(Path.Combine(repoRoot, "README.md"))
            let blocks =
                [ let mutable start = readme.IndexOf "```fsharp"
                  while start >= 0 do
                      let stop = readme.IndexOf("```", start + 9)
                      yield readme.Substring(start + 9, stop - start - 9)
                      start <- readme.IndexOf("```fsharp", stop + 3) ]
                // the two ten-line examples (not the sweep example further down)
                |> List.filter (fun b -> b.Contains "excitatory rate")
            Expect.equal blocks.Length 2 "the F# surface example and the kernel example"
            blocks |> List.iteri (fun k body ->
                let lines = body.Trim().Split('\n')
                Expect.isLessThanOrEqual (lines |> Array.filter (fun l -> not (l.StartsWith "#r")) |> Array.length) 12 "about ten lines"
                let dir = Path.Combine(repoRoot, "tests", "Theory.Tests", "bin", sprintf "readme-example-%d" k)
                Directory.CreateDirectory dir |> ignore
                let script = Path.Combine(dir, "example.fsx")
                File.WriteAllText(script, body.Replace("#r \"src/", "#r \"" + repoRoot.Replace("\\", "/") + "/src/"))
                let code, out, err = runProcessIn dir "dotnet" [ "fsi"; "--quiet"; script ]
                Expect.equal code 0 (sprintf "dotnet fsi exit code of example %d (stderr: %s)" k err)
                // (dotnet fsi may print NuGet restore warnings before the script's own output)
                let first = out.Split('\n') |> Array.tryFind (fun l -> l.StartsWith "excitatory rate = ") |> Option.defaultValue out
                Expect.stringStarts first "excitatory rate = " "prints the rate"
                let r = float (first.Split('=').[1].Trim().Split(' ').[0])
                // g = 5, ν_ext = 2 ν_thr: the mean-field rate is 37.95 Hz (Brunel 2000); 0.4 s of one seed
                Expect.isTrue (r > 25.0 && r < 50.0) (sprintf "rate %g Hz near the AI/SI state's ~38 Hz" r)
                if k = 0 then
                    let mf = float (first.Split("mean field").[1].Trim().Split(' ').[0])
                    // printed to 0.1 Hz: within half the last digit of 37.95 Hz (the rounding of %.1f)
                    closeAbs (0.05 + 1e-9) 37.95 mf "the mean-field rate printed (Brunel 2000 model A, 38 Hz)"
                    Expect.stringContains out "Sigma" "the frame is printed"
                    Expect.isTrue (File.Exists(Path.Combine(dir, "raster.html"))) "the chart is saved")
        }
    ]
