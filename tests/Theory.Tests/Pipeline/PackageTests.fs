/// The packages as a lab installs them: `dotnet pack` of each packable project into a temporary folder (the build is
/// the one the suite already made, so nothing in src/*/bin changes), then consumed with an empty NuGet cache of its
/// own (so no package of an earlier run is used) from a fresh F# script (`#r "nuget: Theory.FSharp"` from that
/// folder), a fresh C# console project, and as the `theory` dotnet tool. Checks the metadata a feed shows: license,
/// readme, tags, repository commit, symbols; the tests are not packable. Runs alone (testSequenced).
module Theory.Tests.Pipeline.PackageTests

open System
open System.Diagnostics
open System.IO
open System.IO.Compression
open Expecto
open Theory.Tests.Util

let private runWith (cache: string option) (dir: string) (exe: string) (args: string list) =
    let psi = ProcessStartInfo(exe, WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false)
    for a in args do psi.ArgumentList.Add a
    cache |> Option.iter (fun c -> psi.Environment["NUGET_PACKAGES"] <- c)
    psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] <- "1"
    psi.Environment["DOTNET_NOLOGO"] <- "1"
    use p = Process.Start psi
    let out = p.StandardOutput.ReadToEndAsync()
    let err = p.StandardError.ReadToEndAsync()
    p.WaitForExit()
    p.ExitCode, out.Result, err.Result

let private ok what (code, out: string, err: string) =
    if code <> 0 then failtestf "%s failed (exit %d):\n%s\n%s" what code out err
    out

let private nuspec (nupkg: string) =
    use z = ZipFile.OpenRead nupkg
    let e = z.Entries |> Seq.find (fun e -> e.FullName.EndsWith ".nuspec")
    use r = new StreamReader(e.Open())
    r.ReadToEnd(), [ for e in z.Entries -> e.FullName ]

[<Tests>]
let tests =
    testSequenced <| testList "Pipeline.Packages" [
        test "pack, then consume from an F# script, a C# console project and as the theory tool" {
            let tmp = Directory.CreateTempSubdirectory("theory-pack-").FullName
            let run = runWith (Some(Path.Combine(tmp, "nuget-cache")))
            try
                let feed = Path.Combine(tmp, "feed")
                for proj in [ "src/Theory/Theory.csproj"; "src/Theory.Spiking/Theory.Spiking.csproj"; "src/Theory.Experiments/Theory.Experiments.csproj"
                              "src/Theory.FSharp/Theory.FSharp.fsproj"; "src/Theory.Cli/Theory.Cli.csproj" ] do
                    ok ("dotnet pack " + proj) (runWith None repoRoot "dotnet" [ "pack"; proj; "-c"; "Release"; "-o"; feed; "-nologo"; "-clp:ErrorsOnly" ]) |> ignore
                let version =
                    let f = Directory.GetFiles(feed, "Theory.FSharp.*.nupkg") |> Array.exactlyOne |> Path.GetFileNameWithoutExtension
                    f.Substring "Theory.FSharp.".Length
                let testsProject = IO.File.ReadAllText(Path.Combine(repoRoot, "tests", "Theory.Tests", "Theory.Tests.fsproj"))
                Expect.stringContains testsProject "<IsPackable>false</IsPackable>" "the tests are not packable"
                let ids = [ "Theory"; "Theory.Spiking"; "Theory.Experiments"; "Theory.FSharp"; "Theory.Cli" ]
                let files = Directory.GetFiles feed |> Array.map Path.GetFileName |> Set.ofArray
                for id in ids do
                    Expect.isTrue (files.Contains $"{id}.{version}.nupkg") $"{id} packed"
                    Expect.isTrue (files.Contains $"{id}.{version}.snupkg") $"{id} symbols"
                    let spec, entries = nuspec (Path.Combine(feed, $"{id}.{version}.nupkg"))
                    Expect.stringContains spec "<license type=\"expression\">MIT</license>" $"{id}: license"
                    Expect.stringContains spec "<readme>README.md</readme>" $"{id}: readme"
                    Expect.stringContains spec "<tags>" $"{id}: tags"
                    Expect.stringContains spec "<repository type=\"git\"" $"{id}: repository (Source Link)"
                    Expect.contains entries "README.md" $"{id}: README.md in the package"
                    Expect.contains entries "LICENSE" $"{id}: LICENSE in the package"
                Expect.isFalse (files |> Set.exists (fun f -> f.StartsWith "Theory.Tests")) "the tests are not packed"
                let toolSpec, _ = nuspec (Path.Combine(feed, $"Theory.Cli.{version}.nupkg"))
                Expect.stringContains toolSpec "DotnetTool" "Theory.Cli is a dotnet tool"

                // a fresh F# script
                let scriptDir = Directory.CreateDirectory(Path.Combine(tmp, "script")).FullName
                let script = Path.Combine(scriptDir, "use.fsx")
                File.WriteAllText(script,
                    $"#i \"nuget: {feed}\"\n#r \"nuget: Theory.FSharp, {version}\"\nopen Theory.FSharp\n"
                    + "printfn \"rate=%.6f\" (float (Siegert.rate Lif.brunel2000 15.0<mV> 5.0<mV>))\n")
                let out = ok "dotnet fsi (package consumer)" (run scriptDir "dotnet" [ "fsi"; "--quiet"; script ])
                let expected = Theory.MeanField.Siegert.Rate(0.015, 0.005, Theory.MeanField.LifNeuron.Brunel2000)
                Expect.stringContains out (sprintf "rate=%.6f" expected) "the script computes the Siegert rate through the package"

                // a fresh C# console project
                let app = Directory.CreateDirectory(Path.Combine(tmp, "app")).FullName
                File.WriteAllText(Path.Combine(app, "nuget.config"),
                    $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration><packageSources><add key=\"theory-local\" value=\"{feed}\" /></packageSources></configuration>\n")
                File.WriteAllText(Path.Combine(app, "app.csproj"),
                    "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework>"
                    + "<ImplicitUsings>enable</ImplicitUsings></PropertyGroup><ItemGroup>"
                    + $"<PackageReference Include=\"Theory\" Version=\"{version}\" /><PackageReference Include=\"Theory.Spiking\" Version=\"{version}\" />"
                    + "</ItemGroup></Project>\n")
                File.WriteAllText(Path.Combine(app, "Program.cs"),
                    "using Theory.MeanField; using Theory.Spiking;\n"
                    + "var net = new Network(1e-4, 1UL); var p = net.Add(new LifDelta(\"E\", 10, LifParameters.Brunel2000));\n"
                    + "net.Run(0.01);\n"
                    + "Console.WriteLine($\"rate={Siegert.Rate(0.015, 0.005, LifNeuron.Brunel2000):F6} neurons={p.Size}\");\n")
                let out = ok "dotnet run (console consumer)" (run app "dotnet" [ "run"; "-c"; "Release" ])
                Expect.stringContains out (sprintf "rate=%.6f neurons=10" expected) "the console app uses both packages"

                // the command-line tool
                let tools = Path.Combine(tmp, "tools")
                ok "dotnet tool install" (run tmp "dotnet" [ "tool"; "install"; "Theory.Cli"; "--tool-path"; tools; "--add-source"; feed; "--version"; version ]) |> ignore
                let out = ok "theory --version" (run tmp (Path.Combine(tools, "theory")) [ "--version" ])
                Expect.stringContains out "0.1.0" "the installed command is `theory`"
            finally
                try Directory.Delete(tmp, true) with _ -> ()
        }
    ]
