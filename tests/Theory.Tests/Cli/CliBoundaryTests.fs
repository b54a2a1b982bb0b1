/// Issue #13, the command-line half: every malformed or extreme command line of the issue gets
/// exit code 2 (usage), 3 (numerical failure) or 4 (I/O), one line on stderr naming the cause,
/// never NaN or Infinity, a stack trace, a hang, or a clobbered file. Run in-process through
/// Theory.Cli.Cli.Run (its own writers: safe in the parallel test run).
module Theory.Tests.Cli.CliBoundaryTests

open System
open System.Diagnostics
open System.IO
open System.Threading.Tasks
open Expecto
open Theory.Cli

/// Runs `theory args` in-process; returns exit code, stdout, stderr.
let run (args: string list) =
    let o, e = new StringWriter(), new StringWriter()
    let rc = Cli.Run(Array.ofList args, o, e)
    rc, o.ToString(), e.ToString()

/// Runs with a time limit (inputs that could block: FIFOs, devices).
let runWithin (seconds: float) (args: string list) =
    let t = Task.Run(fun () -> run args)
    if not (t.Wait(TimeSpan.FromSeconds seconds)) then failtestf "theory %s did not finish within %g s" (String.Join(" ", args)) seconds
    t.Result

let lines (s: string) = s.Split('\n', StringSplitOptions.RemoveEmptyEntries)

/// The words of an output that could be a number (key=value lines, CSV cells, messages).
let words (s: string) =
    s.Split([| ' '; '='; ','; '\n'; '\r'; '\t'; '('; ')'; '['; ']'; ';'; ':'; '\'' |], StringSplitOptions.RemoveEmptyEntries)
    |> Array.map (fun w -> w.TrimEnd('.'))

/// A printed NaN or infinity (a file name that merely contains the letters is not one).
let nonFinite (w: string) = List.contains w [ "NaN"; "Infinity"; "-Infinity"; "∞"; "-∞"; "+Infinity" ]

/// What every result must satisfy: no NaN/Infinity in the results, no stack trace, and a failure is one line.
let clean (args: string list) (rc: int, out: string, err: string) =
    let given = String.Join(" ", args)
    let typed = words given |> Set.ofArray
    for w in words out do
        Expect.isFalse (nonFinite w) (sprintf "stdout of theory %s has %s: %s" given w out)
    for w in words err do
        if not (typed.Contains w) then Expect.isFalse (nonFinite w) (sprintf "stderr of theory %s has %s: %s" given w err)
    Expect.isFalse (err.Contains "   at ") (sprintf "no stack trace: %s" err)
    if rc <> 0 then
        Expect.equal (lines err).Length 1 (sprintf "theory %s: one line on stderr, got: %s" given err)
        Expect.stringStarts err "theory: " "the line starts with theory:"

/// Expects exit code `code` and a stderr line containing `needle`.
let fails code (needle: string) (args: string list) =
    let (rc, out, err) as r = run args
    Expect.equal rc code (sprintf "exit code of theory %s (stderr: %s)" (String.Join(" ", args)) err)
    Expect.stringContains err needle (sprintf "message of theory %s" (String.Join(" ", args)))
    clean args r
    out, err

let tempDir () = Directory.CreateTempSubdirectory("theory-cli-").FullName

let mkfifo (path: string) =
    use p = Process.Start(ProcessStartInfo("mkfifo", [ path ]))
    p.WaitForExit()
    Expect.equal p.ExitCode 0 "mkfifo"

let isDevice (path: string) = AtomicOutput.Kind path = PathKind.Other

[<Tests>]
let tests =
    testList "Cli.Boundaries" [
        test "a missing value is an error naming the option, never the default" {
            fails 2 "--seed needs a value" [ "simulate"; "brunel"; "--t"; "0.2"; "--warmup"; "0.1"; "--seed" ] |> ignore
            fails 2 "--n needs a value" [ "simulate"; "coba"; "--n"; "--t"; "0.05" ] |> ignore
            fails 2 "--tau needs a value" [ "amplification"; "--tau"; "--matrix"; "W.csv" ] |> ignore
            fails 2 "--out needs a value" [ "calcium"; "stdp"; "--preset"; "DP"; "--out" ] |> ignore
        }
        test "stray words, unknown options, a bare -- and a repeated option are errors" {
            fails 2 "'foo'" [ "simulate"; "brunel"; "foo" ] |> ignore
            fails 2 "'extra'" [ "meanfield"; "brunel"; "--g"; "5"; "extra" ] |> ignore
            fails 2 "unknown option '-x'" [ "simulate"; "brunel"; "-x"; "1" ] |> ignore
            fails 2 "unknown option '--gg'" [ "meanfield"; "brunel"; "--gg"; "3" ] |> ignore
            fails 2 "bare '--'" [ "simulate"; "brunel"; "--" ] |> ignore
            fails 2 "bare '--'" [ "stp"; "efficacy"; "--"; "--U"; "0.5" ] |> ignore
            fails 2 "--n is given more than once" [ "simulate"; "coba"; "--n"; "100"; "--n"; "200" ] |> ignore
            fails 2 "--poisson is given more than once" [ "stp"; "efficacy"; "--stage"; "0.3"; "--rate"; "5"; "--poisson"; "--poisson" ] |> ignore
            fails 2 "needs a subcommand" [ "simulate" ] |> ignore
            fails 2 "needs a subcommand" [] |> ignore
            fails 2 "'@/dev/zero'" [ "simulate"; "brunel"; "@/dev/zero" ] |> ignore   // no response files
        }
        test "a diverging network is a numerical failure (exit 3) saying where, with which options, and what to try" {
            let _, err = fails 3 "diverged" [ "simulate"; "brunel"; "--t"; "0.03"; "--warmup"; "0.01"; "--g"; "1e9" ]
            Expect.stringContains err "--g 1e9" "the options"
            Expect.stringContains err "population 'E'" "where"
            Expect.stringContains err "Try:" "what to try"
        }
        test "sizes, durations and repetitions above their limits are refused before any work (exit 2)" {
            for args, needle in
                [ [ "simulate"; "coba"; "--n"; "2147483647" ], "--n = 2147483647"
                  [ "simulate"; "coba"; "--n"; "1000000000" ], "--n = 1000000000"
                  [ "simulate"; "coba"; "--n"; "1000000"; "--t"; "100" ], "n·t"
                  [ "bench"; "coba"; "--n"; "1000000000" ], "--n = 1000000000"
                  [ "bench"; "brunel"; "--n"; "1000000000" ], "--n = 1000000000"
                  [ "simulate"; "brunel"; "--t"; "2000" ], "--t = 2000"
                  [ "simulate"; "brunel"; "--t"; "0.1"; "--warmup"; "0.2" ], "--warmup = 0.2"
                  [ "bench"; "siegert"; "--n"; "-1" ], "--n = -1"
                  [ "bench"; "siegert"; "--reps"; "100000000" ], "--reps = 100000000"
                  [ "bench"; "schur"; "--reps"; "1e9" ], "--reps = 1e9"
                  [ "bench"; "schur"; "--n"; "100000" ], "--n = 100000"
                  [ "bench"; "coba"; "--reps"; "100000" ], "--reps = 100000"
                  [ "bench"; "phase-diagram"; "--n"; "3"; "--starts"; "-1" ], "--starts = -1"
                  [ "metabolic"; "spike-compensation"; "--duration"; "1e308" ], "--duration = 1e308"
                  [ "metabolic"; "spike-compensation"; "--points"; "1e9" ], "--points = 1e9"
                  [ "calcium"; "stdp"; "--preset"; "DP"; "--points"; "100000000" ], "--points = 100000000"
                  [ "meanfield"; "brunel"; "--delay"; "1e308" ], "--delay = 1e308"
                  [ "metabolic"; "steady"; "--leak"; "1e308" ], "--leak = 1e308"
                  [ "stp"; "efficacy"; "--U"; "1e-300"; "--tau-d"; "0.2"; "--tau-f"; "0.1"; "--rate"; "10" ], "--U = 1e-300" ] do
                fails 2 needle args |> ignore
        }
        test "a network's memory is estimated before it is built and refused with the estimate (512 MB heap limit)" {
            let psi = ProcessStartInfo("dotnet", RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false)
            for a in [ Path.Combine(Theory.Tests.Util.repoRoot, "src", "Theory.Cli", "bin", "Release", "net10.0", "Theory.Cli.dll"); "bench"; "brunel"; "--n"; "200000" ] do
                psi.ArgumentList.Add a
            psi.Environment["DOTNET_GCHeapHardLimit"] <- "0x20000000"
            use p = Process.Start psi
            let err = p.StandardError.ReadToEndAsync()
            p.StandardOutput.ReadToEnd() |> ignore
            Expect.isTrue (p.WaitForExit 60000) "finishes at once"
            Expect.equal p.ExitCode 2 "refused"
            Expect.stringContains err.Result "--n = 200000 needs ≈ 2.1 GB" "the estimate"
        }
        test "messages name the option, not the library's parameter" {
            let _, e = fails 2 "--g = -1" [ "simulate"; "brunel"; "--g"; "-1" ]
            Expect.isFalse (e.Contains "G = -1") "not the record field"
            let _, e = fails 2 "--nu-ext-ratio = 1e9" [ "simulate"; "brunel"; "--nu-ext-ratio"; "1e9" ]
            Expect.isFalse (e.Contains "rate = ") "not the internal rate"
            let _, e = fails 2 "--freqs entry 2" [ "calcium"; "freq"; "--preset"; "DP"; "--freqs"; "1,-5" ]
            Expect.isFalse (e.Contains "frequencies[") "not the array parameter"
            fails 2 "--preset = 'nope'" [ "calcium"; "drift"; "--preset"; "nope" ] |> ignore
            fails 2 "--tau-d = -1" [ "stp"; "efficacy"; "--U"; "0.5"; "--tau-d"; "-1"; "--tau-f"; "0.05"; "--rate"; "5" ] |> ignore
        }
        test "calcium: a delta t beyond half the period is refused (it printed the clipped 0.5 s on every row)" {
            fails 2 "--dt-from = 5" [ "calcium"; "stdp"; "--preset"; "DP"; "--dt-from"; "5"; "--dt-to"; "10" ] |> ignore
            fails 2 "--dt-to = 0.2" [ "calcium"; "stdp"; "--preset"; "DP"; "--freq"; "5"; "--dt-from"; "0"; "--dt-to"; "0.2" ] |> ignore
            fails 2 "--dt-from = -0.3" [ "calcium"; "burst"; "--preset"; "DP"; "--dt-from"; "-0.3" ] |> ignore
            fails 2 "--burst-isi = 0.25" [ "calcium"; "burst"; "--preset"; "DP"; "--freq"; "5"; "--burst-isi"; "0.25"; "--dt-from"; "-0.05"; "--dt-to"; "0.05" ] |> ignore
            fails 2 "--dt-ref = 'third'" [ "calcium"; "burst"; "--preset"; "DP"; "--dt-ref"; "third" ] |> ignore
        }
        test "calcium burst: delta t to the second post spike by default, --dt-ref first for the first (Graupner & Brunel 2012 Fig. 3)" {
            let change (extra: string list) =
                let rc, out, err = run ([ "calcium"; "burst"; "--preset"; "hippocampal-slices"; "--dt-from"; "-0.01"; "--dt-to"; "0.02"; "--points"; "2" ] @ extra)
                Expect.equal rc 0 $"exit code ({err})"
                let rows = lines out
                Expect.equal rows[0] "dt_s,alpha_d,alpha_p,rho_bar,tau_eff_s,up,down,change" "the columns of calcium stdp"
                rows[1..] |> Array.map (fun r -> Double.Parse(r.Split(',')[7], Globalization.CultureInfo.InvariantCulture))
            // independent reference: tests/Theory.Tests/CalciumPlasticity/reference/stdp_table.csv
            // (the authors' code gives 0.830 and 1.676 for 100 motifs at 5 Hz)
            let second = change []
            Theory.Tests.Util.closeAbs 1e-9 0.8301017349741142 second[0] "second post, -10 ms"
            Theory.Tests.Util.closeAbs 1e-9 1.6756560797928208 second[1] "second post, +20 ms"
            let first = change [ "--dt-ref"; "first" ]
            Theory.Tests.Util.closeAbs 1e-9 1.1746921275259792 first[0] "first post, -10 ms"
            Theory.Tests.Util.closeAbs 1e-9 0.7067930010586283 first[1] "first post, +20 ms"
        }
        test "NaN, Infinity and garbage are invalid values (not 'required')" {
            for v in [ "NaN"; "Infinity"; "-Infinity"; "1e400"; "abc"; "0x10" ] do
                let _, e = fails 2 "--rate = " [ "stp"; "efficacy"; "--U"; "0.5"; "--tau-d"; "0.2"; "--tau-f"; "0.1"; "--rate"; v ]
                Expect.stringContains e v "echoes the value"
                Expect.isFalse (e.Contains "required") "not reported as missing"
            fails 2 "--g = NaN" [ "meanfield"; "brunel"; "--g"; "NaN" ] |> ignore
            fails 2 "--seed = '-1'" [ "simulate"; "coba"; "--seed"; "-1" ] |> ignore
            fails 2 "--n = 4.5" [ "simulate"; "coba"; "--n"; "4.5" ] |> ignore
        }
        test "simulate brunel --nu-ext-ratio 0: no spikes, cv=n/a and peak_hz=n/a, never NaN" {
            let args = [ "simulate"; "brunel"; "--nu-ext-ratio"; "0"; "--t"; "0.05"; "--warmup"; "0.01"; "--threads"; "1" ]
            let (rc, out, _) as r = run args
            Expect.equal rc 0 "exit code"
            clean args r
            Expect.stringContains out "cv=n/a" "cv does not exist"
            Expect.stringContains out "peak_hz=n/a" "no peak without spikes"
            Expect.stringContains out "spikes=0" "silent"
        }
        test "meanfield siegert at sigma = 1e-300 or theta = 1e300: a rate or exit 3 naming the line, never NaN" {
            let d = tempDir ()
            for row, line in [ "0.015,1e-300,0,0.02,0.01,0.002", "line 2"; "0.015,0.005,0,1e300,0.01,0.002", "line 2"; "0.025,1e-300,0,0.02,0.01,0.002", "line 2" ] do
                let inp, outp = Path.Combine(d, "in.csv"), Path.Combine(d, "out.csv")
                File.WriteAllLines(inp, [| "mu_V,sigma_V,tau_s,theta_V,vreset_V,tref_s"; row |])
                if File.Exists outp then File.Delete outp
                let args = [ "meanfield"; "siegert"; "--csv"; inp; "--out"; outp ]
                let (rc, _, err) as r = run args
                clean args r
                Expect.contains [ 0; 2; 3 ] rc (sprintf "exit code for %s (%s)" row err)
                if rc = 0 then
                    let v = (File.ReadAllLines outp).[1].Split(',') |> Array.last
                    Expect.isTrue (Double.IsFinite(Double.Parse(v, Globalization.CultureInfo.InvariantCulture))) "finite rate"
                else
                    Expect.stringContains err line "names the line"
                    Expect.isFalse (File.Exists outp) "nothing written"
        }
        test "schur on a matrix of 1e308 entries: an accurate form, exit 3, or exit 2 naming --matrix (beyond the double range), never NaN, nothing half-written" {
            let d = tempDir ()
            let f = Path.Combine(d, "W.csv")
            File.WriteAllText(f, "1e308,1e308\n-1e308,1e308\n")
            let outDir = Path.Combine(d, "out")
            let args = [ "schur"; "--matrix"; f; "--out"; outDir ]
            let (rc, out, _) as r = run args
            clean args r
            Expect.contains [ 0; 2; 3 ] rc "exit code"
            if rc = 2 then Expect.stringContains (let (_, _, e) = r in e) "--matrix" "names the option"
            if rc = 0 then
                let err = (lines out |> Array.find (fun l -> l.StartsWith "backward_error=")).Split('=').[1]
                Expect.isLessThan (float err) 1e-8 "accurate"
            else Expect.isFalse (Directory.Exists outDir) "no output folder"
        }
        test "amplification: 1e200 entries are out of range, 1e100 gives a result or exit 3; --tau 1e-300 is out of range" {
            let d = tempDir ()
            let f = Path.Combine(d, "W.csv")
            File.WriteAllText(f, "1e200,1e200\n0,1e200\n")
            fails 2 "outside the valid range" [ "amplification"; "--matrix"; f ] |> ignore
            File.WriteAllText(f, "1e100,1e100\n0,-1e100\n")
            let args = [ "amplification"; "--matrix"; f ]
            let (rc, _, _) as r = run args
            clean args r
            Expect.contains [ 0; 3 ] rc "exit code at the largest entries"
            File.WriteAllText(f, "0,10\n0,0\n")
            fails 2 "--tau = 1e-300" [ "amplification"; "--matrix"; f; "--tau"; "1e-300" ] |> ignore
            let args = [ "amplification"; "--matrix"; f; "--tau"; "1e-6" ]
            let (rc, _, _) as r = run args
            clean args r
            Expect.equal rc 0 "smallest tau"
        }
        test "stp efficacy at the extremes of its ranges prints numbers or inf, never NaN" {
            for u, td, tf, rate in [ "1e-6", "1e-6", "1e4", "1e4"; "1", "1e4", "1e-6", "1e-3"; "1e-6", "1e4", "1e4", "1e4"; "0.5", "0.2", "0.05", "1e-300" ] do
                for train in [ []; [ "--poisson" ]; [ "--poisson"; "--exact" ] ] do
                    let args = [ "stp"; "efficacy"; "--U"; u; "--tau-d"; td; "--tau-f"; tf; "--rate"; rate ] @ train
                    let (rc, _, _) as r = run args
                    clean args r
                    Expect.contains [ 0; 3 ] rc (sprintf "exit code of %A" args)
        }
        test "a FIFO, /dev/zero or a folder as an input is refused at once (exit 4), never read" {
            let d = tempDir ()
            let fifo = Path.Combine(d, "pipe")
            mkfifo fifo
            let good = Path.Combine(d, "W.csv")
            File.WriteAllText(good, "0\n")
            for input in [ fifo; "/dev/zero"; d ] do
                for args in [ [ "amplification"; "--matrix"; input ]
                              [ "schur"; "--matrix"; input; "--out"; Path.Combine(d, "s") ]
                              [ "meanfield"; "siegert"; "--csv"; input; "--out"; Path.Combine(d, "o.csv") ]
                              [ "stp"; "efficacy"; "--U"; "0.5"; "--tau-d"; "0.2"; "--tau-f"; "0.1"; "--rates"; input ]
                              [ "sweep"; "status"; input ] ] do
                    let (rc, _, err) as r = runWithin 20.0 args
                    clean args r
                    Expect.contains [ 2; 4 ] rc (sprintf "exit code of %A: %s" args err)
            let big = Path.Combine(d, "big.csv")
            do use s = File.Create big in s.SetLength(AtomicOutput.MaxInputBytes + 1L)
            fails 4 "limit" [ "amplification"; "--matrix"; big ] |> ignore
            fails 2 "not found" [ "amplification"; "--matrix"; Path.Combine(d, "missing.csv") ] |> ignore
        }
        test "--out: a folder, a device, a missing folder or an unwritable place is refused (exit 4), /dev/null stays a device" {
            let d = tempDir ()
            let w = Path.Combine(d, "W.csv")
            File.WriteAllText(w, "1,2\n3,4\n")
            let inp = Path.Combine(d, "in.csv")
            File.WriteAllLines(inp, [| "mu_V,sigma_V,tau_s,theta_V,vreset_V,tref_s"; "0.015,0.005,0,0.02,0.01,0.002" |])
            let fileCommands (target: string) =
                [ [ "calcium"; "stdp"; "--preset"; "DP"; "--points"; "3"; "--out"; target ]
                  [ "meanfield"; "siegert"; "--csv"; inp; "--out"; target ] ]
            let dirCommands (target: string) =
                [ [ "schur"; "--matrix"; w; "--out"; target ]
                  [ "simulate"; "coba"; "--n"; "100"; "--t"; "0.01"; "--out"; target ] ]
            for args in fileCommands d @ fileCommands "/dev/null" @ fileCommands (Path.Combine(d, "no", "such", "x.csv"))
                        @ fileCommands "/proc/theory-cannot-write.csv" do
                fails 4 "--out = " args |> ignore
            for args in dirCommands w @ dirCommands "/dev/null" @ dirCommands (Path.Combine(d, "no", "such", "dir")) do
                fails 4 "--out = " args |> ignore
            if File.Exists "/dev/null" then Expect.isTrue (isDevice "/dev/null") "/dev/null is still a device"
            Expect.isEmpty (Directory.GetFileSystemEntries(d) |> Array.filter (fun p -> p.EndsWith ".tmp" || p.EndsWith ".old")) "no temporary left"
        }
        test "--out never truncates a good file: a failing run leaves it, a good run replaces it whole; - writes to stdout" {
            let d = tempDir ()
            let target = Path.Combine(d, "curve.csv")
            File.WriteAllText(target, "previous good content\n")
            fails 2 "--points" [ "calcium"; "stdp"; "--preset"; "DP"; "--points"; "-3"; "--out"; target ] |> ignore
            fails 2 "--dt-to" [ "calcium"; "stdp"; "--preset"; "DP"; "--dt-from"; "0.1"; "--dt-to"; "-0.1"; "--out"; target ] |> ignore
            Expect.equal (File.ReadAllText target) "previous good content\n" "unchanged after failures"
            let rc, _, _ = run [ "calcium"; "stdp"; "--preset"; "DP"; "--points"; "3"; "--out"; target ]
            Expect.equal rc 0 "good run"
            Expect.equal (File.ReadAllLines target).Length 4 "header + 3 rows"
            let rc, out, _ = run [ "calcium"; "stdp"; "--preset"; "DP"; "--points"; "3"; "--out"; "-" ]
            Expect.equal rc 0 "stdout run"
            Expect.equal (File.ReadAllText target) out "the same table on stdout"
            let inp = Path.Combine(d, "in.csv")
            File.WriteAllLines(inp, [| "mu_V,sigma_V,tau_s,theta_V,vreset_V,tref_s"; "0.015,0.005,0,0.02,0.01,0.002" |])
            let rc, out, _ = run [ "meanfield"; "siegert"; "--csv"; inp; "--out"; "-" ]
            Expect.equal rc 0 "siegert to stdout"
            Expect.stringStarts out "mu_V,sigma_V,tau_s,theta_V,vreset_V,tref_s,rate_Hz" "CSV on stdout"
            Expect.isEmpty (Directory.GetFileSystemEntries(d) |> Array.filter (fun p -> Path.GetFileName(p).StartsWith ".")) "no temporary left"
        }
        test "a multi-file --out DIR appears complete: both files replaced together, other files kept, no temporary left" {
            let d = tempDir ()
            let w = Path.Combine(d, "W.csv")
            File.WriteAllText(w, "1,2\n3,4\n")
            let outDir = Path.Combine(d, "out")
            Directory.CreateDirectory outDir |> ignore
            File.WriteAllText(Path.Combine(outDir, "U.csv"), "old")
            File.WriteAllText(Path.Combine(outDir, "notes.txt"), "mine")
            let rc, _, err = run [ "schur"; "--matrix"; w; "--out"; outDir ]
            Expect.equal rc 0 err
            Expect.notEqual (File.ReadAllText(Path.Combine(outDir, "U.csv"))) "old" "U replaced"
            Expect.isTrue (File.Exists(Path.Combine(outDir, "T.csv"))) "T written"
            Expect.equal (File.ReadAllText(Path.Combine(outDir, "notes.txt"))) "mine" "other files kept"
            Expect.equal (Directory.GetFileSystemEntries d |> Array.length) 2 "only W.csv and out/ (no temporary folder)"
            let rc, _, err = run [ "simulate"; "coba"; "--n"; "100"; "--t"; "0.02"; "--threads"; "1"; "--out"; Path.Combine(d, "sim") ]
            Expect.equal rc 0 err
            Expect.isTrue (File.Exists(Path.Combine(d, "sim", "spikes.csv")) && File.Exists(Path.Combine(d, "sim", "rate.csv"))) "both files"
        }
        test "theory --help lists every command; each command's --help lists its options with ranges; --version" {
            let rc, out, _ = run [ "--help" ]
            Expect.equal rc 0 "exit code"
            for c in [ "simulate"; "bench"; "meanfield"; "amplification"; "schur"; "stp"; "calcium"; "metabolic"; "sweep"; "notebook"; "predict"; "crosscheck" ] do
                Expect.isTrue (lines out |> Array.exists (fun l -> l.TrimStart().StartsWith(c + " "))) (sprintf "%s listed on one line" c)
            for c in Cli.Catalogue() do
                let rc, out, err = run (List.ofSeq c.Path @ [ "--help" ])
                Expect.equal rc 0 (sprintf "%A --help: %s" c.Path err)
                for o in c.Options do
                    let line = lines out |> Array.tryFind (fun l -> l.TrimStart().StartsWith(o.Name + " ") || l.TrimStart().StartsWith(o.Name + ","))
                    Expect.isSome line (sprintf "%A --help lists %s" c.Path o.Name)
                    if o.Kind = "real" || o.Kind = "whole" then
                        Expect.stringContains line.Value "range" (sprintf "%A %s shows its range" c.Path o.Name)
            let readme = File.ReadAllText(Path.Combine(Theory.Tests.Util.repoRoot, "README.md"))
            let _, help, _ = run [ "--help" ]
            for l in lines help do
                Expect.stringContains readme ("    " + l.TrimEnd()) "README shows the current theory --help"
            for code in [ "| 2 |"; "| 3 |"; "| 4 |" ] do Expect.stringContains readme code "README documents the exit codes"
            let rc, out, _ = run [ "--version" ]
            Expect.equal rc 0 "--version"
            Expect.isNotEmpty (out.Trim()) "prints the version"
        }
    ]
