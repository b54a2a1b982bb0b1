// Theory build entry point:  dotnet fsi build.fsx <target> [options]
//
//   build       compile the solution (Release)
//   test        the default test suite (unit, property, short cross-checks, figure and notebook
//               pipelines); prints `N passed, N failed`
//   crosscheck  the long validations (full-length simulations against the stored references)
//   figures     every paper-figures/*.fsx script (HTML + PNG + PDF + CSV in paper-figures/out/);
//               `figures Brunel2000` only the scripts whose names contain that word
//   notebooks   execute every notebooks/*.fsx and regenerate its .ipynb twin
//               (--check: fail if a committed twin is stale instead of rewriting it)
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

/// Every paper-figures/<Author><Year>_Fig<N>.fsx (not _*.fsx helpers): HTML with plotly.js
/// embedded, PNG and PDF by headless Chromium, CSV of the plotted data, in paper-figures/out/.
let figures () =
    ensureChromium ()
    build ()
    // `figures Brunel2000` runs only the scripts whose names contain one of the words given
    let wanted = options |> Array.filter (fun o -> not (o.StartsWith "--"))
    let all =
        scripts "paper-figures"
        |> Array.filter (fun s -> wanted.Length = 0 || wanted |> Array.exists (fun w -> Path.GetFileName(s).Contains w))
    if all.Length = 0 then raise (StepFailed("figures: no paper-figures/*.fsx found" + (if wanted.Length > 0 then " matching " + String.Join(" ", wanted) else ""), 1))
    for s in all do
        let step = "figure " + Path.GetFileName s
        timed step (fun () -> run step "dotnet" $"fsi --quiet \"{s}\"")
    printfn "%d figure(s) written to %s" all.Length (Path.Combine(root, "paper-figures", "out"))

/// Executes every notebooks/<topic>.fsx whole, then writes its .ipynb twin (or, with
/// check = true, as in CI, fails if the committed twin differs from what the script gives).
let notebooks (check: bool) =
    build ()
    let all = scripts "notebooks"
    if all.Length = 0 then raise (StepFailed("notebooks: no notebooks/*.fsx found", 1))
    for s in all do
        let name = Path.GetFileName s
        timed ("notebook " + name) (fun () -> run ("notebook " + name) "dotnet" $"fsi --quiet \"{s}\"")
        let mode = if check then " --check" else ""
        run ((if check then "check .ipynb twin of " else "write .ipynb twin of ") + name) "dotnet" $"{theoryDll} notebook ipynb \"{s}\"{mode}"

let targets =
    dict [
        "build", (fun () -> build ())
        "test", (fun () ->
            ensureChromium ()
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
