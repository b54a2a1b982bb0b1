// Theory build entry point:  dotnet fsi build.fsx <target> [options]
//
//   build       compile the solution (Release)
//   test        the default test suite (unit, property, short cross-checks, figure and notebook
//               pipelines); prints `N passed, N failed`
//   crosscheck  the long validations (full-length simulations against the stored references)
//   figures     every paper-figures/*.fsx script (HTML + PNG + PDF + CSV in paper-figures/out/),
//               as many at once as there are cores (--jobs N), longest first;
//               `figures Brunel2000` only the scripts whose names contain that word
//   notebooks   run every notebooks/*.fsx once and regenerate its .ipynb twin with the outputs
//               (--check: quick run, fail if a committed twin's cells or output kinds are stale)
//   bench       benchmarks of the kernel and the analytics, with the Brian2 peers when present
//   pack        NuGet packages of the libraries into artifacts/
//
// Every target does its own set-up (NuGet restore, Debian packages it needs) and exits
// non-zero naming the step that failed.
open System
open System.Diagnostics
open System.IO

let root = __SOURCE_DIRECTORY__
let args = fsi.CommandLineArgs |> Array.skip 1
let target = if args.Length = 0 then "test" else args[0]
let options = if args.Length = 0 then [||] else args[1..]
let isCI = Environment.GetEnvironmentVariable "CI" = "true"

exception StepFailed of string * int

/// Runs a command in the repository root, echoing it; raises StepFailed with the step's name.
let run (step: string) (exe: string) (argLine: string) =
    printfn "==> [%s] %s %s" step exe argLine
    let psi = ProcessStartInfo(exe, argLine, WorkingDirectory = root, UseShellExecute = false)
    psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] <- "1"
    psi.Environment["DOTNET_NOLOGO"] <- "1"
    use p = Process.Start psi
    p.WaitForExit()
    if p.ExitCode <> 0 then raise (StepFailed(step, p.ExitCode))

let commandExists (name: string) =
    (Environment.GetEnvironmentVariable "PATH").Split(':')
    |> Array.exists (fun d -> File.Exists(Path.Combine(d, name)))

/// Headless Chromium for PNG/PDF export of the figures (Debian package `chromium`).
let ensureChromium () =
    if not (commandExists "chromium") then
        let sudo = if Environment.UserName = "root" then "" else "sudo "
        run "install chromium" "bash" $"-c \"{sudo}apt-get update -qq && {sudo}DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null\""

/// The tools of the live-kernel notebook test (Pipeline.Notebooks, `jupyter nbconvert --execute`):
/// Debian's jupyter-nbconvert, python3-nbformat and jupyter-client, and the .NET Interactive
/// kernel, the dotnet tool Microsoft.dotnet-interactive pinned in .config/dotnet-tools.json.
let ensureNotebookKernel () =
    if not (commandExists "jupyter-nbconvert") then
        let sudo = if Environment.UserName = "root" then "" else "sudo "
        run "install jupyter-nbconvert" "bash" $"-c \"{sudo}apt-get update -qq && {sudo}DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jupyter-nbconvert python3-nbformat jupyter-client >/dev/null\""
    run "restore dotnet-interactive (local tool)" "dotnet" "tool restore"

let build () = run "build" "dotnet" "build Theory.sln -c Release -nologo -clp:ErrorsOnly"

let testDll = "tests/Theory.Tests/bin/Release/net10.0/Theory.Tests.dll"
let theoryDll = "src/Theory.Cli/bin/Release/net10.0/Theory.Cli.dll"

let scripts (folder: string) =
    let d = Path.Combine(root, folder)
    if Directory.Exists d then
        Directory.GetFiles(d, "*.fsx")
        |> Array.filter (fun f -> not (Path.GetFileName(f).StartsWith "_"))
        |> Array.sort
    else [||]

/// Runs a step and prints how long it took.
let timed (step: string) (f: unit -> unit) =
    let sw = Stopwatch.StartNew()
    f ()
    printfn "    [%s] %.1f s" step sw.Elapsed.TotalSeconds

/// Runs a command in the repository root with its output captured: (exit code, output, seconds).
let runCaptured (exe: string) (argLine: string) =
    let psi = ProcessStartInfo(exe, argLine, WorkingDirectory = root, UseShellExecute = false,
                               RedirectStandardOutput = true, RedirectStandardError = true)
    psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] <- "1"
    psi.Environment["DOTNET_NOLOGO"] <- "1"
    let out = Text.StringBuilder()
    let add (e: DataReceivedEventArgs) = if not (isNull e.Data) then lock out (fun () -> out.AppendLine e.Data |> ignore)
    let sw = Stopwatch.StartNew()
    use p = new Process(StartInfo = psi)
    p.OutputDataReceived.Add add
    p.ErrorDataReceived.Add add
    p.Start() |> ignore
    p.BeginOutputReadLine()
    p.BeginErrorReadLine()
    p.WaitForExit()
    p.ExitCode, lock out (fun () -> out.ToString()), sw.Elapsed.TotalSeconds

/// The marker line before bash's `times` output in a figure script's captured output.
let cpuMark = "==> cpu times (user sys; children user sys)"

/// Splits bash `times` output (two lines after cpuMark: the shell's own, then its children's
/// "XmY.YYYs XmY.YYYs") off a script's output: (the rest, children's user + sys in seconds or NaN).
let splitCpu (output: string) =
    let lines = output.Replace("\r", "").Split('\n')
    let timesLine = Text.RegularExpressions.Regex(@"^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$")
    match Array.tryFindIndexBack ((=) cpuMark) lines with
    | Some i ->
        let after = lines[i + 1 ..]
        let isTimes (l: string) = timesLine.IsMatch l
        let cpu =
            match after |> Array.filter isTimes with
            | [| _; children |] ->
                let m = timesLine.Match children
                let g (k: int) = Double.Parse(m.Groups[k].Value, Globalization.CultureInfo.InvariantCulture)
                60.0 * g 1 + g 2 + 60.0 * g 3 + g 4
            | _ -> nan
        String.Join("\n", Array.append lines[.. i - 1] (after |> Array.filter (isTimes >> not))), cpu
    | None -> output, nan

/// The 1-, 5- and 15-minute load averages (/proc/loadavg), or "n/a".
let loadAverage () =
    try (File.ReadAllText "/proc/loadavg").Split(' ')[.. 2] |> String.concat " " with _ -> "n/a"

/// The CPU the times were measured on (/proc/cpuinfo: model name, family/model, AVX-512 or not), or "n/a":
/// the same VM has run on hosts whose speed differs by 1.5–2× (docs/BENCHMARKS.md).
let cpuDescription () =
    try
        let lines = File.ReadAllLines "/proc/cpuinfo"
        let field (k: string) =
            lines |> Array.tryPick (fun l -> let p = l.Split(':', 2) in if p.Length = 2 && p[0].Trim() = k then Some(p[1].Trim()) else None)
            |> Option.defaultValue "?"
        let avx512 = lines |> Array.exists (fun l -> l.StartsWith "flags" && l.Contains " avx512f")
        sprintf "%s (family %s, model %s), %d cores, %s" (field "model name") (field "cpu family") (field "model")
            Environment.ProcessorCount (if avx512 then "AVX-512" else "no AVX-512")
    with _ -> "n/a"

/// Scripts known to take a minute or more, longest first (full run of 2026-12-08), started first so that
/// the short ones fill the gaps at the end (the recorded times of the last run,
/// paper-figures/out/.figure-times, refine the order).
let heavyFirst =
    [ "ChintaluriVogels2023_FigS4"; "Christodoulou2022_Schur"; "PotjansDiesmann2014_Microcircuit"; "Christodoulou2022_Fig7"
      "Brunel2000_RateVsG"; "Calcium_DriftMap"; "GraupnerWallischOstojic2016_IrregularPairs"; "Christodoulou2022_Fig4B"
      "Brunel2000_Fig2"; "Christodoulou2022_EI"; "Christodoulou2022_Fig3"; "Christodoulou2022_Dimensionality"
      "ChintaluriVogels2023_Fig2Modes"; "Brunel2000_Fig8"; "Calcium_NonlinearDriftWeights" ]

/// Every paper-figures/<Author><Year>_Fig<N>.fsx (not _*.fsx helpers): HTML with plotly.js
/// embedded, PNG and PDF by headless Chromium, CSV of the plotted data, in paper-figures/out/.
/// `--jobs N` scripts run at once (default: the number of cores), longest first; each script's
/// output is printed when it ends; a failing script does not stop the others (exit 1 at the end).
let figures () =
    ensureChromium ()
    build ()
    // `figures Brunel2000` runs only the scripts whose names contain one of the words given
    let jobs =
        match Array.tryFindIndex ((=) "--jobs") options with
        | Some i when i + 1 < options.Length ->
            match Int32.TryParse options[i + 1] with
            | true, n when n >= 1 && n <= 64 -> n
            | _ -> raise (StepFailed($"figures: --jobs = '{options[i + 1]}' is invalid: use an integer in [1, 64]", 2))
        | Some _ -> raise (StepFailed("figures: --jobs needs a value (an integer in [1, 64])", 2))
        | None -> max 1 Environment.ProcessorCount
    let skip = match Array.tryFindIndex ((=) "--jobs") options with Some i -> set [ i; i + 1 ] | None -> Set.empty
    let wanted = options |> Array.indexed |> Array.filter (fun (i, o) -> not (skip.Contains i) && not (o.StartsWith "--")) |> Array.map snd
    let all =
        scripts "paper-figures"
        |> Array.filter (fun s -> wanted.Length = 0 || wanted |> Array.exists (fun w -> Path.GetFileName(s).Contains w))
    if all.Length = 0 then raise (StepFailed("figures: no paper-figures/*.fsx found" + (if wanted.Length > 0 then " matching " + String.Join(" ", wanted) else ""), 1))
    let timesFile = Path.Combine(root, "paper-figures", "out", ".figure-times")
    let recorded =
        if File.Exists timesFile then
            File.ReadAllLines timesFile
            |> Array.choose (fun l -> match l.Split '\t' with [| n; t |] -> (match Double.TryParse(t, Globalization.NumberStyles.Float, Globalization.CultureInfo.InvariantCulture) with | true, v -> Some(n, v) | _ -> None) | _ -> None)
            |> dict
        else dict []
    let cost (s: string) =
        let name = Path.GetFileNameWithoutExtension s
        match recorded.TryGetValue name with
        | true, t -> t
        | _ -> match List.tryFindIndex ((=) name) heavyFirst with Some i -> 1e6 - float i | None -> 0.0
    let ordered = all |> Array.sortBy (fun s -> -(cost s), s)
    let queue = Collections.Concurrent.ConcurrentQueue<string>(ordered)
    let results = Collections.Concurrent.ConcurrentDictionary<string, int * float>()
    let cpuTimes = Collections.Concurrent.ConcurrentDictionary<string, float>()
    let total = Stopwatch.StartNew()
    printfn "==> [figures] %d script(s), %d at a time; CPU: %s" all.Length jobs (cpuDescription ())
    let worker () =
        let mutable s = null
        while queue.TryDequeue(&s) do
            let name = Path.GetFileName s
            // bash's `times` prints the CPU time of the script and of everything it waited for
            // (Chromium exports included) on its last line: that is the load-independent cost
            let code, output, secs = runCaptured "bash" $"-c \"dotnet fsi --quiet \\\"$0\\\"; rc=$?; echo; echo '{cpuMark}'; times; exit $rc\" \"{s}\""
            let output, cpu = splitCpu output
            results[name] <- (code, secs)
            cpuTimes[name] <- cpu
            lock results (fun () ->
                let cpuText = if Double.IsNaN cpu then "" else sprintf ", %.1f s CPU" cpu
                printfn "==> [figure %s] %s in %.1f s wall%s" name (if code = 0 then "done" else $"FAILED (exit code {code})") secs cpuText
                for l in output.TrimEnd().Split('\n') do if l <> "" then printfn "    %s" l)
    [ for _ in 1 .. min jobs all.Length -> Threading.Thread(worker, 16 * 1024 * 1024) ]
    |> List.map (fun t -> t.Start(); t)
    |> List.iter (fun t -> t.Join())
    let ok = results |> Seq.filter (fun kv -> fst kv.Value = 0) |> Seq.map (fun kv -> Path.GetFileNameWithoutExtension kv.Key, snd kv.Value)
    let merged = Collections.Generic.Dictionary<string, float>(recorded)
    for n, t in ok do merged[n] <- t
    Directory.CreateDirectory(Path.GetDirectoryName timesFile) |> ignore
    let tmp = timesFile + ".tmp"
    File.WriteAllLines(tmp, [ for kv in merged -> sprintf "%s\t%s" kv.Key (kv.Value.ToString("R", Globalization.CultureInfo.InvariantCulture)) ])
    File.Move(tmp, timesFile, true)
    let cpuSum = cpuTimes.Values |> Seq.filter (fun c -> not (Double.IsNaN c)) |> Seq.sum
    printfn "    [figures] %d script(s) in %.1f s wall (%d at a time; sum of script times %.1f s wall, %.1f s CPU; load average at the end %s)" all.Length total.Elapsed.TotalSeconds jobs (results.Values |> Seq.sumBy snd) cpuSum (loadAverage ())
    let failed = results |> Seq.filter (fun kv -> fst kv.Value <> 0) |> Seq.map (fun kv -> kv.Key) |> Seq.sort |> List.ofSeq
    if not failed.IsEmpty then raise (StepFailed("figures: " + String.Join(", ", failed), 1))
    printfn "%d figure(s) written to %s" all.Length (Path.Combine(root, "paper-figures", "out"))

/// Runs every notebooks/<topic>.fsx once and writes its .ipynb twin with the outputs of that
/// run (printed text, charts as PNG + interactive HTML; `theory notebook ipynb`), or, with
/// check = true as in CI, runs it in quick mode and fails if the committed twin's cells or the
/// kinds of its outputs differ from what the script gives.
let notebooks (check: bool) =
    if not check then ensureChromium ()
    build ()
    let all = scripts "notebooks"
    if all.Length = 0 then raise (StepFailed("notebooks: no notebooks/*.fsx found", 1))
    let total = Stopwatch.StartNew()
    for s in all do
        let name = Path.GetFileName s
        let mode = if check then " --check" else ""
        timed ("notebook " + name) (fun () ->
            run ((if check then "check .ipynb twin of " else "run and write .ipynb twin of ") + name) "dotnet" $"{theoryDll} notebook ipynb \"{s}\"{mode}")
    printfn "    [notebooks] %d notebook(s) in %.1f s" all.Length total.Elapsed.TotalSeconds

let targets =
    dict [
        "build", (fun () -> build ())
        "test", (fun () ->
            ensureChromium ()
            ensureNotebookKernel ()
            build ()
            run "test" "dotnet" (String.Join(" ", Array.append [| testDll |] options)))
        "crosscheck", (fun () ->
            build ()
            run "crosscheck" "dotnet" (String.Join(" ", Array.append [| testDll; "--crosscheck" |] options)))
        "figures", figures
        "notebooks", (fun () -> notebooks (Array.contains "--check" options || isCI))
        "bench", (fun () ->
            build ()
            run "bench" "bash" (String.Join(" ", Array.append [| "bench/run.sh" |] options)))
        "pack", (fun () ->
            run "pack" "dotnet" "pack Theory.sln -c Release -o artifacts -nologo -clp:ErrorsOnly")
    ]

match targets.TryGetValue target with
| true, f ->
    try
        f ()
        printfn "build.fsx: target '%s' succeeded" target
    with StepFailed(step, code) ->
        eprintfn "build.fsx: step '%s' failed (exit code %d)" step code
        exit 1
| _ ->
    eprintfn "build.fsx: unknown target '%s'; targets: %s" target (String.Join(", ", targets.Keys))
    exit 2
