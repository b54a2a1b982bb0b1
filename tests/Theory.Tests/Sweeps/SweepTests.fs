/// Sweeps (issue #12): spec parsing and bad input, local runs against direct calls, failed points,
/// resume after a real kill, independence of the parallelism, and a SLURM round trip on a real
/// one-node cluster (when THEORY_SLURM=1, which .ci/run sets after .ci/slurm-up.sh).
module Theory.Tests.Sweeps.SweepTests

open System
open System.Diagnostics
open System.IO
open System.Threading
open Expecto
open Theory.Tests.Util
open Theory.Experiments.Sweeps
open Theory.Experiments.Networks
open Theory.Experiments.Metabolic
open Theory.Experiments.MeanField

let cliDll = Path.Combine(repoRoot, "src", "Theory.Cli", "bin", "Release", "net10.0", "Theory.Cli.dll")

/// A fresh temporary folder.
let tempDir () =
    let d = Path.Combine(Path.GetTempPath(), "theory-sweep-test-" + Guid.NewGuid().ToString("N").[.. 11])
    Directory.CreateDirectory d |> ignore
    d

/// Runs `theory args` in `cwd` with extra environment; returns exit code, stdout, stderr.
let theoryIn (cwd: string) (env: (string * string) list) (args: string list) =
    let psi = ProcessStartInfo("dotnet", WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false)
    psi.ArgumentList.Add cliDll
    for a in args do psi.ArgumentList.Add a
    for k, v in env do psi.Environment[k] <- v
    use p = Process.Start psi
    let out = p.StandardOutput.ReadToEndAsync()
    let err = p.StandardError.ReadToEndAsync()
    p.WaitForExit()
    p.ExitCode, out.Result, err.Result

let writeSpec (dir: string) (name: string) (json: string) =
    let f = Path.Combine(dir, name)
    File.WriteAllText(f, json)
    f

/// Small Brunel networks (≈ 1.3 s per point on one core): 3 g × 2 seeds.
let brunelSpec (results: string) (chunks: int) =
    sprintf """{"experiment":"brunel","grid":{"g":[4,5,6]},"fixed":{"t":0.6,"warmup":0.1,"n_e":4000,"n_i":1000,"c_e":400,"c_i":100},"seeds":[1,2],"chunks":%d,"results":"%s"}""" chunks results

let brunelDirect (g: float) (seed: uint64) =
    BrunelSimulation(G = g, NuExtRatio = 2.0, Duration = 0.6, Warmup = 0.1, Seed = seed, NE = 4000, NI = 1000, CE = 400, CI = 100).Run()

let siegertJson = """{"experiment":"siegert","grid":{"mu":{"from":0.01,"to":0.02,"count":3},"sigma":[0.002,0.004]},"fixed":{"tau_ref":0.003},"chunks":2,"results":"out"}"""

let specTests =
    testList "Sweeps.Spec" [
        test "a grid is the Cartesian product in spec order (first key slowest), seeds innermost, chunks round-robin" {
            let spec = SweepSpec.Parse("""{"experiment":"brunel","grid":{"g":[4,5],"nu_ext_ratio":{"from":1,"to":2,"step":0.5}},"fixed":{"t":0.3},"seeds":[7,8],"chunks":3,"results":"r"}""", "/tmp")
            Expect.equal spec.Points.Count 12 "2 g × 3 ratios × 2 seeds"
            let p = spec.Points[5]
            Expect.equal (p.Id, p["g"], p["nu_ext_ratio"], p["t"], p["seed"]) (5, 4.0, 2.0, 0.3, 8.0) "point 5 = (g 4, ratio 2, seed 8)"
            Expect.equal (List.ofSeq spec.Points[0].Names) [ "g"; "nu_ext_ratio"; "t"; "seed" ] "column order: grid, fixed, seed"
            Expect.equal [ for q in spec.Chunk 1 -> q.Id ] [ 1; 4; 7; 10 ] "chunk 1 of 3"
            Expect.equal spec.Results "/tmp/r" "results relative to the spec's folder"
            let again = SweepSpec.Parse(spec.ToJson(), "/elsewhere")
            Expect.equal again.Hash spec.Hash "the JSON form round-trips to the same table"
            let other = SweepSpec.Parse("""{"experiment":"brunel","grid":{"g":[4,5.5],"nu_ext_ratio":{"from":1,"to":2,"step":0.5}},"fixed":{"t":0.3},"seeds":[7,8],"chunks":3,"results":"r"}""", "/tmp")
            Expect.notEqual other.Hash spec.Hash "another value, another hash"
        }

        test "bad specs fail with one ArgumentException naming the key, the value and the range" {
            let parse json = fun () -> SweepSpec.Parse(json, "/tmp") |> ignore
            throwsArg "grid.foo" (parse """{"experiment":"siegert","grid":{"foo":[1]}}""")
            throwsArg "grid.mu is empty" (parse """{"experiment":"siegert","grid":{"mu":[]}}""")
            throwsArg "grid.mu is empty" (parse """{"experiment":"siegert","grid":{"mu":{"from":0.02,"to":0.01,"step":0.001}}}""")
            throwsArg "count" (parse """{"experiment":"siegert","grid":{"mu":{"from":0.01,"to":0.02,"count":0}}}""")
            throwsArg "the valid range of mu is [-1, 1]" (parse """{"experiment":"siegert","grid":{"mu":[5]}}""")
            throwsArg "fixed.n_e = 2000.5" (parse """{"experiment":"brunel","grid":{"g":[5]},"fixed":{"n_e":2000.5}}""")
            throwsArg "chunks = 3" (parse """{"experiment":"siegert","grid":{"mu":[0.01,0.02]},"chunks":3}""")
            throwsArg "'nope' is unknown" (parse """{"experiment":"nope","grid":{"mu":[0.01]}}""")
            throwsArg "'gird' is not a spec field" (parse """{"experiment":"siegert","gird":{"mu":[0.01]}}""")
            throwsArg "seeds[0]" (parse """{"experiment":"brunel","grid":{"g":[5]},"seeds":[-1]}""")
            throwsArg "set twice" (parse """{"experiment":"brunel","grid":{"g":[5]},"fixed":{"g":4}}""")
            throwsArg "not valid JSON" (parse """{"experiment":"siegert", """)
        }

        test "the CLI turns bad input into one line naming the cause, exit code 2, and writes nothing" {
            let dir = tempDir ()
            for json, cause in [ """{"experiment":"siegert","grid":{"foo":[1]},"results":"out"}""", "grid.foo"
                                 """{"experiment":"siegert","grid":{"mu":[]},"results":"out"}""", "grid.mu is empty"
                                 """{"experiment":"siegert","grid":{"mu":[1e400]},"results":"out"}""", "grid.mu[0]" ] do
                let f = writeSpec dir "bad.json" json
                for cmd in [ "run"; "status"; "collect" ] do
                    let code, _, err = theoryIn dir [] [ "sweep"; cmd; f ]
                    Expect.equal code 2 (sprintf "%s %s: exit code" cmd json)
                    Expect.equal (err.Trim().Split('\n').Length) 1 (sprintf "one line: %s" err)
                    Expect.stringContains err cause "names the cause"
            let code, _, err = theoryIn dir [] [ "sweep"; "run"; Path.Combine(dir, "missing.json") ]
            Expect.equal code 2 "missing spec"
            Expect.stringContains err "does not exist" "names the missing file"
            Expect.isFalse (Directory.Exists(Path.Combine(dir, "out"))) "no results folder was created"
        }

        test "submit without sbatch on PATH: one line naming the cause, exit code 2, nothing written" {
            let dir = tempDir ()
            let f = writeSpec dir "s.json" siegertJson
            let dotnetDir = Path.GetDirectoryName(Process.GetCurrentProcess().MainModule.FileName)
            let code, _, err = theoryIn dir [ "PATH", dotnetDir ] [ "sweep"; "submit"; f; "--slurm"; "--partition"; "debug" ]
            Expect.equal code 2 "exit code"
            Expect.equal (err.Trim().Split('\n').Length) 1 (sprintf "one line: %s" err)
            Expect.stringContains err "sbatch not found" "names sbatch"
            Expect.isFalse (Directory.Exists(Path.Combine(dir, "out"))) "no results folder, no job script"
        }

        test "collect refuses a folder or a device as --out, before writing" {
            let dir = tempDir ()
            let f = writeSpec dir "s.json" siegertJson
            let code, _, _ = theoryIn dir [] [ "sweep"; "run"; f ]
            Expect.equal code 0 "run"
            for target in [ dir; "/dev/null" ] do
                let c, _, err = theoryIn dir [] [ "sweep"; "collect"; f; "--out"; target ]
                Expect.equal c 4 (sprintf "--out %s: a folder or device is refused as an I/O failure" target)
                Expect.stringContains err "--out = " "names the option"
            Expect.isTrue (File.Exists "/dev/null" && not (AtomicFile.IsRegularFile "/dev/null")) "/dev/null is still a device"
        }

        test "a spec built in F# runs locally and writes the SLURM job of the same points (no sbatch needed)" {
            let dir = tempDir ()
            let spec = SweepSpec("siegert", [ "mu", [| 0.012; 0.018 |]; "sigma", [| 0.003 |] ], [ "tau_m", 0.01 ], [], 2, Path.Combine(dir, "r"))
            let r = Sweep.Local spec
            for p in spec.Points do
                Expect.equal (r.Row(p.Id).Number "rate_hz") (Theory.MeanField.Siegert.Rate(p["mu"], 0.003, 0.01, 0.02, 0.01, 0.002)) (sprintf "point %d" p.Id)
            let script = SlurmJob.Write(spec, SlurmOptions(Partition = "short", Time = "00:10:00", Memory = "1G", CpusPerTask = 2))
            let lines = File.ReadAllLines script
            for expected in [ "#SBATCH --array=0-1"; "#SBATCH --partition=short"; "#SBATCH --time=00:10:00"; "#SBATCH --mem=1G"; "#SBATCH --cpus-per-task=2" ] do
                Expect.contains lines expected expected
            Expect.stringContains (File.ReadAllText script) "sweep run '" "runs the spec copy"
            let copy = SweepSpec.Load(Path.Combine(dir, "r", "slurm", "spec.json"))
            Expect.equal copy.Hash spec.Hash "the job's spec copy has the same points"
            Expect.equal copy.Results spec.Results "and the same (absolute) results folder"
            throwsArg "partition" (fun () -> SlurmJob.Write(spec, SlurmOptions(Partition = "a b")) |> ignore)
        }

        test "Plan fills the cores without oversubscribing" {
            Expect.equal (Sweep.Plan(100, 8)) (SweepPlan(8, 1)) "many points: one thread each"
            Expect.equal (Sweep.Plan(2, 8)) (SweepPlan(2, 4)) "two points share 8 cores"
            Expect.equal (Sweep.Plan(3, 8)) (SweepPlan(3, 2)) "3 × 2 ≤ 8"
            Expect.equal (Sweep.Plan(10, 8, workers = 2)) (SweepPlan(2, 4)) "workers given"
            Expect.equal (Sweep.Plan(10, 8, threads = 4)) (SweepPlan(2, 4)) "threads given"
            Expect.equal (Sweep.Plan(1, 2)) (SweepPlan(1, 2)) "one point gets every core"
            throwsArg "workers" (fun () -> Sweep.Plan(10, 8, workers = 0) |> ignore)
        }
    ]

let localTests =
    testList "Sweeps.Local" [
        test "a siegert sweep equals direct Siegert.Rate calls bit for bit, in the frame and the CSV" {
            let dir = tempDir ()
            let spec = SweepSpec.Parse(siegertJson, dir)
            let r = Sweep.Local spec
            Expect.equal (r.Done, r.Failed, r.Pending, r.Computed) (6, 0, 0, 6) "all computed"
            let frame = r.Frame
            let rates = frame.GetColumn<float> "rate_hz"
            let lines = r.ToCsv().Split('\n')
            Expect.equal lines[0] "id,mu,sigma,tau_ref,rate_hz,error" "header"
            for p in spec.Points do
                let direct = Theory.MeanField.Siegert.Rate(p["mu"], p["sigma"], 0.02, 0.02, 0.01, 0.003)
                Expect.equal rates[p.Id] direct (sprintf "point %d" p.Id)
                Expect.equal (lines[p.Id + 1].Split(',')[4]) (direct.ToString("R", Globalization.CultureInfo.InvariantCulture)) "CSV round trip"
            Expect.isGreaterThan rates[5] 10.0 "a real rate (μ at threshold, σ = 4 mV)"
        }

        test "a failing point records its exception and the sweep goes on; finished points are not recomputed" {
            let dir = tempDir ()
            let points = Sweep.Grid [ "x", [| 1.0 .. 6.0 |] ]
            let calls = ref 0
            let f (p: SweepPoint) =
                Interlocked.Increment calls |> ignore
                if p["x"] = 3.0 then invalidOp "x = 3 is cursed"
                SweepRow().Add("square", p["x"] * p["x"]).Add("parity", (if int p["x"] % 2 = 0 then "even" else "odd"))
            let r = Sweep.Run(points, f, dir, SweepOptions(Workers = 2))
            Expect.equal (r.Done, r.Failed, calls.Value) (5, 1, 6) "5 done, 1 failed, 6 evaluations"
            Expect.equal r.Records[2].Error "System.InvalidOperationException: x = 3 is cursed" "type and message recorded"
            let frame = r.Frame
            Expect.equal (frame.GetColumn<string> "error").[2] "System.InvalidOperationException: x = 3 is cursed" "error column"
            Expect.equal (frame.GetColumn<string> "error").[3] "" "empty error for a good point"
            Expect.equal (frame.GetColumn<float> "square").[5] 36.0 "the sweep went on after the failure"
            Expect.equal (frame.GetColumn<string> "parity").[5] "even" "text column"
            let again = Sweep.Run(points, f, dir)
            Expect.equal (again.Computed, again.Skipped, calls.Value) (0, 6, 6) "resume: nothing recomputed"
            Expect.equal (again.ToCsv()) (r.ToCsv()) "same table"
            throwsArg "holds another sweep" (fun () -> Sweep.Run(Sweep.Grid [ "x", [| 1.0; 2.0 |] ], f, dir) |> ignore)
        }

        test "a truncated record and a leftover .tmp are not trusted: the point is recomputed" {
            let dir = tempDir ()
            let points = Sweep.Grid [ "x", [| 1.0; 2.0; 3.0 |] ]
            let f (p: SweepPoint) = SweepRow().Add("y", Math.Sqrt p["x"]).Add("nan", nan)
            let first = Sweep.Run(points, f, dir)
            let store = SweepStore dir
            let good = File.ReadAllText(store.PointPath 1)
            File.WriteAllText(store.PointPath 1, good.Substring(0, good.Length / 2))
            File.WriteAllText(store.PointPath 2 + ".tmp", "{\"id\":")
            let again = Sweep.Run(points, f, dir)
            Expect.equal (again.Computed, again.Skipped) (1, 2) "only the truncated point is recomputed"
            Expect.isFalse (File.Exists(store.PointPath 2 + ".tmp")) "leftover .tmp removed"
            Expect.equal (again.ToCsv()) (first.ToCsv()) "same table (NaN survives the round trip)"
            Expect.stringContains (first.ToCsv()) ",NaN," "NaN written as NaN"
        }

        test "brunel points equal BrunelSimulation.Run with the same seed, whatever the workers and threads" {
            let runs =
                [ for workers, threads in [ 1, 2; 2, 1 ] ->
                    let dir = tempDir ()
                    let spec = SweepSpec.Parse(brunelSpec "out" 2, dir)
                    Sweep.Local(spec, SweepOptions(Workers = workers, ThreadsPerPoint = threads)) ]
            Expect.equal (runs[0].ToCsv()) (runs[1].ToCsv()) "1 worker × 2 threads = 2 workers × 1 thread, byte for byte"
            let frame = runs[0].Frame
            for id, g, seed in [ 0, 4.0, 1UL; 5, 6.0, 2UL ] do
                let d = brunelDirect g seed
                Expect.equal (frame.GetColumn<float> "rate_hz").[id] d.RateHz (sprintf "rate of point %d" id)
                Expect.equal (frame.GetColumn<float> "cv").[id] d.MeanCv (sprintf "CV of point %d" id)
                Expect.equal (frame.GetColumn<float> "spikes").[id] (float d.Spikes) (sprintf "spikes of point %d" id)
            Expect.isTrue ((frame.GetColumn<float> "rate_hz").[0] > (frame.GetColumn<float> "rate_hz").[4]) "more inhibition, lower rate"
        }

        test "resume after a real kill: finished points are kept untouched and the table equals an uninterrupted run" {
            let dir = tempDir ()
            let f = writeSpec dir "b.json" (brunelSpec "killed" 1)
            let psi = ProcessStartInfo("dotnet", WorkingDirectory = dir, UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true)
            for a in [ cliDll; "sweep"; "run"; f; "--workers"; "1"; "--threads"; "1" ] do psi.ArgumentList.Add a
            let points = Path.Combine(dir, "killed", "points")
            let finished () = if Directory.Exists points then Directory.GetFiles(points, "point-*.json") else [||]
            use p = Process.Start psi
            p.OutputDataReceived.Add ignore; p.ErrorDataReceived.Add ignore
            p.BeginOutputReadLine(); p.BeginErrorReadLine()
            let sw = Stopwatch.StartNew()
            while finished().Length < 2 && not p.HasExited && sw.Elapsed.TotalSeconds < 120.0 do Thread.Sleep 20
            p.Kill true
            p.WaitForExit()
            let kept = finished () |> Array.map (fun file -> file, File.ReadAllText file, File.GetLastWriteTimeUtc file)
            Expect.isGreaterThanOrEqual kept.Length 2 "at least two points finished before the kill"
            Expect.isLessThan kept.Length 6 "killed before the end"
            let code, out, err = theoryIn dir [] [ "sweep"; "run"; f; "--workers"; "1" ]
            Expect.equal code 0 (sprintf "resumed run (stderr: %s)" err)
            let kv = Theory.Tests.Kernel.CliAndDocs.parseLine out
            Expect.equal (int kv["skipped"]) kept.Length "skipped what was finished"
            Expect.equal (int kv["computed"]) (6 - kept.Length) "computed only the rest"
            for file, text, time in kept do
                Expect.equal (File.ReadAllText file) text (sprintf "%s unchanged" file)
                Expect.equal (File.GetLastWriteTimeUtc file) time (sprintf "%s not rewritten" file)
            let resumed = File.ReadAllText(Path.Combine(dir, "killed", "results.csv"))
            let whole = Sweep.Local(SweepSpec.Parse(brunelSpec "whole" 1, dir))
            Expect.equal resumed (whole.ToCsv()) "killed + resumed = uninterrupted, byte for byte"
        }

        test "MetabolicNetworkSweep on the sweep runner equals the cell-by-cell sequential run" {
            let cfg = MetabolicNetworkSimulation(N = 400, Duration = 0.6, Connectivity = 0.2)
            let sweep = MetabolicNetworkSweep(cfg, [| 0.3; 0.6 |], [| 4.0; 6.0 |])
            let dir = tempDir ()
            let cells = sweep.Run(folder = dir)
            Expect.equal cells.Length 4 "2 × 2 cells"
            for c in cells do
                let direct = MetabolicNetworkSweep.Summarize(MetabolicNetworkSimulation(N = 400, Duration = 0.6, Connectivity = 0.2, ExcWeight = c.ExcWeight, InhWeight = c.InhWeight))
                Expect.equal c direct (sprintf "cell (%g, %g)" c.ExcWeight c.InhWeight)
            Expect.equal [ for c in cells -> c.ExcWeight, c.InhWeight ] [ 0.3, 4.0; 0.3, 6.0; 0.6, 4.0; 0.6, 6.0 ] "row-major in w_e"
            let again = sweep.Run(folder = dir)
            Expect.equal again cells "resumed from the folder"
        }
    ]

/// The experiment classes that now run their networks as sweeps give the numbers of the sequential loop.
let portTests =
    testList "Sweeps.Ports" [
        test "BrunelPhaseComparison.CompareAll (parallel, resumable) equals Compare point by point" {
            let dir = tempDir ()
            let seeds = [| 1UL; 2UL |]
            let all = BrunelPhaseComparison.CompareAll([ PhasePoint(5.0, 2.0); PhasePoint(6.0, 4.0) ], seeds, 0.2, 0.05, folder = dir)
            for row, (g, r) in Array.zip all [| 5.0, 2.0; 6.0, 4.0 |] do
                let direct = BrunelPhaseComparison.Compare(g, r, seeds, 0.2, 0.05)
                Expect.equal (row.Rate, row.RateSem, row.Cv, row.Peak, row.Synchrony, row.Regime)
                             (direct.Rate, direct.RateSem, direct.Cv, direct.Peak, direct.Synchrony, direct.Regime) (sprintf "(g, ratio) = (%g, %g)" g r)
                Expect.equal row.Theory direct.Theory "same theory point"
                Expect.equal [ for x in row.Runs -> x.Spikes ] [ for x in direct.Runs -> x.Spikes ] "same spike counts per seed"
            Expect.isGreaterThan all[0].Rate 1.0 "an active network"
            let again = BrunelPhaseComparison.CompareAll([ PhasePoint(5.0, 2.0); PhasePoint(6.0, 4.0) ], seeds, 0.2, 0.05, folder = dir)
            Expect.equal [ for r in again -> r.Rate ] [ for r in all -> r.Rate ] "resumed from the folder"
        }

        test "BalancedScaling.Run on the sweep runner equals BalancedSimulation.Run per (K, seed)" {
            let rows = BalancedScaling.Run(BalancedScaling.Network, [| 100; 200 |], [| 1UL; 2UL |], 0.3, 0.1)
            for row in rows do
                for run in row.Runs do
                    let direct = BalancedSimulation(BalancedScaling.Network, row.K, 0.3, 0.1, run.Config.Seed, 4, 0.5e-3, DelayGroups = 4).Run()
                    Expect.equal (run.RateE, run.RateI, run.CvE, run.SynchronyE, run.SynchronyI, run.PeakI)
                                 (direct.RateE, direct.RateI, direct.CvE, direct.SynchronyE, direct.SynchronyI, direct.PeakI)
                                 (sprintf "K = %d, seed %d" row.K run.Config.Seed)
                Expect.equal row.RateE (row.Runs |> Array.averageBy (fun r -> r.RateE)) "row mean over seeds"
            Expect.equal [ for r in rows -> r.K ] [ 100; 200 ] "rows in K order"
        }
    ]

/// Polls `theory sweep status` until nothing is pending and the job left the queue.
let waitForJob (dir: string) (spec: string) (timeout: TimeSpan) =
    let sw = Stopwatch.StartNew()
    let mutable last = ""
    let mutable fin = false
    while not fin && sw.Elapsed < timeout do
        let _, out, _ = theoryIn dir [] [ "sweep"; "status"; spec ]
        last <- out
        fin <- out.Contains "pending=0" && out.Contains "queue=\"\""
        if not fin then Thread.Sleep 500
    fin, last

let slurmTests =
    testList "Sweeps.Slurm" [
        (if Environment.GetEnvironmentVariable "THEORY_SLURM" = "1" then testCase else ptestCase)
            "SLURM round trip (sbatch --array, two tasks) equals the local run bit for bit [needs THEORY_SLURM=1: .ci/run, or eval \"$(.ci/slurm-up.sh)\"]" <| fun () ->
            let dir = tempDir ()
            let f = writeSpec dir "b.json" (brunelSpec "cluster" 2)
            let code, out, err = theoryIn dir [] [ "sweep"; "submit"; f; "--slurm"; "--cpus-per-task"; "1"; "--time"; "00:10:00" ]
            Expect.equal code 0 (sprintf "submit (stdout %s, stderr %s)" out err)
            let script = File.ReadAllText(Path.Combine(dir, "cluster", "slurm", "job.sbatch"))
            Expect.stringContains script "#SBATCH --array=0-1" "two array tasks"
            Expect.stringContains script "--task \"$SLURM_ARRAY_TASK_ID\"" "each runs its chunk"
            let fin, last = waitForJob dir f (TimeSpan.FromMinutes 5.0)
            Expect.isTrue fin (sprintf "job finished within 5 min (last status: %s)" last)
            for task in [ 0; 1 ] do
                let log = File.ReadAllText(Path.Combine(dir, "cluster", "slurm", sprintf "task-%d.out" task))
                Expect.stringContains log (sprintf "task=%d points=3 computed=3" task) (sprintf "array task %d ran its 3 points" task)
            let c2, _, err2 = theoryIn dir [] [ "sweep"; "collect"; f; "--out"; Path.Combine(dir, "cluster.csv") ]
            Expect.equal c2 0 (sprintf "collect (%s)" err2)
            let local = Sweep.Local(SweepSpec.Parse(brunelSpec "local" 1, dir))
            Expect.equal (File.ReadAllText(Path.Combine(dir, "cluster.csv"))) (local.ToCsv()) "SLURM CSV = local CSV, byte for byte"
            let cluster = Sweep.Collect(SweepSpec.Load f)
            Expect.isTrue (cluster.Frame.Equals local.Frame) "and the same Deedle frame"
    ]

[<Tests>]
let tests = testList "Sweeps" [ specTests; localTests; portTests; slurmTests ]
