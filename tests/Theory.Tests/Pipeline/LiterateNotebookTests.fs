/// The literate-script → Polyglot notebook converter on small fixtures: cell splitting,
/// markdown vs code, JSON shape and metadata, determinism, and round trips.
module Theory.Tests.Pipeline.LiterateNotebookTests

open System
open System.Text.Json
open Expecto
open FsCheck
open FsCheck.FSharp
open Theory.Experiments.Publishing
open Theory.Tests.Util

let md s = NotebookCell.Markdown s
let code s = NotebookCell.Code s
let parse (s: string) = LiterateNotebook.Parse s |> List.ofArray

let fixture =
    String.concat "\n" [
        "(**"
        "# A tour"
        ""
        "Some *prose* with μ and θ."
        "*)"
        "#r \"../src/Theory.Experiments/bin/Release/net10.0/Theory.dll\""
        "let x = 1"
        ""
        "(** ## Second *)"
        ""
        "let y = x + 1"
        "(** *)"
        "printfn \"%d\" y"
        "" ]

/// The cell sources of a notebook's JSON, with their types.
let cellsOfJson (json: string) =
    use doc = JsonDocument.Parse json
    [ for c in doc.RootElement.GetProperty("cells").EnumerateArray() ->
          let src = c.GetProperty("source").EnumerateArray() |> Seq.map (fun l -> l.GetString()) |> String.concat ""
          match c.GetProperty("cell_type").GetString() with
          | "markdown" -> md src
          | "code" -> code src
          | t -> failtestf "unexpected cell_type %s" t ]

/// Lines that cannot open or close a markdown block, with no trailing blanks.
let lineGen =
    Gen.elements [ "let a = 1"; "# Title"; "text with μ, θ and \"quotes\""; "  indented"; "x * y"; "(* comment *) 1"
                   "printfn \"%d\" 3"; "- item"; "\ttab"; "back\\slash"; "" ]
let sourceGen =
    gen {
        let! n = Gen.choose (1, 5)
        let! lines = Gen.listOfLength n lineGen
        let lines = lines |> List.map (fun l -> l.TrimEnd())
        // no leading/trailing blank lines, no common indentation in markdown: what Parse yields
        let trimmed = lines |> List.skipWhile String.IsNullOrWhiteSpace |> List.rev |> List.skipWhile String.IsNullOrWhiteSpace |> List.rev
        return if trimmed.IsEmpty then [ "let z = 0" ] else trimmed
    }
let cellsGen =
    gen {
        let! n = Gen.choose (0, 6)
        return! Gen.listOfLength n (gen {
            let! isMd = Gen.elements [ true; false ]
            let! lines = sourceGen
            let lines = if isMd && lines[0].StartsWith " " then lines[0].TrimStart() :: lines.Tail else lines
            let lines = if isMd && lines |> List.forall (fun l -> l = "" || l.StartsWith " ") then "Title" :: lines else lines
            return if isMd then md (String.concat "\n" lines) else code (String.concat "\n" lines) })
    }

let config = { FsCheckConfig.defaultConfig with maxTest = 200; arbitrary = [] }

[<Tests>]
let tests =
    testList "Pipeline.LiterateNotebook" [
        testCase "splits markdown blocks and code into cells" <| fun () ->
            Expect.equal (parse fixture)
                [ md "# A tour\n\nSome *prose* with μ and θ."
                  code "#r \"../src/Theory.Experiments/bin/Release/net10.0/Theory.dll\"\nlet x = 1"
                  md "## Second"
                  code "let y = x + 1"
                  code "printfn \"%d\" y" ]
                "cells of the fixture"

        testCase "an empty script has no cells; blank code between blocks is dropped" <| fun () ->
            Expect.isEmpty (parse "") "empty script"
            Expect.equal (parse "(** a *)\n\n\n(** b *)\n") [ md "a"; md "b" ] "two markdown cells"

        testCase "(*** and ordinary comments stay code; CRLF and BOM are normalised" <| fun () ->
            Expect.equal (parse "(*** hide ***)\nlet a = 1 (* c *)") [ code "(*** hide ***)\nlet a = 1 (* c *)" ] "(*** is code"
            Expect.equal (parse "\uFEFF(**\r\n  # T\r\n    x\r\n*)\r\nlet a = 1\r\n") [ md "# T\n  x"; code "let a = 1" ] "CRLF, BOM, dedent"

        testCase "an unclosed markdown block fails naming its line" <| fun () ->
            let e = Expect.throwsC (fun () -> LiterateNotebook.Parse "let a = 1\n(** never closed\nmore" |> ignore) id
            Expect.isTrue (e :? ArgumentException) "ArgumentException"
            Expect.stringContains e.Message "line 2" "message names the line"

        testCase "ipynb: nbformat 4, .NET Interactive F# metadata, no outputs" <| fun () ->
            let json = LiterateNotebook.ToIpynb fixture
            use doc = JsonDocument.Parse json
            let root = doc.RootElement
            Expect.equal (root.GetProperty("nbformat").GetInt32()) 4 "nbformat"
            let meta = root.GetProperty "metadata"
            Expect.equal (meta.GetProperty("kernelspec").GetProperty("name").GetString()) ".net-fsharp" "kernelspec"
            Expect.equal (meta.GetProperty("language_info").GetProperty("name").GetString()) "polyglot-notebook" "language_info"
            Expect.equal (meta.GetProperty("polyglot_notebook").GetProperty("kernelInfo").GetProperty("defaultKernelName").GetString()) "fsharp" "default kernel"
            for c in root.GetProperty("cells").EnumerateArray() do
                if c.GetProperty("cell_type").GetString() = "code" then
                    Expect.equal (c.GetProperty("metadata").GetProperty("dotnet_interactive").GetProperty("language").GetString()) "fsharp" "dotnet_interactive language"
                    Expect.equal (c.GetProperty("metadata").GetProperty("polyglot_notebook").GetProperty("kernelName").GetString()) "fsharp" "polyglot kernelName"
                    Expect.equal (c.GetProperty("outputs").GetArrayLength()) 0 "no outputs"
                    Expect.equal (c.GetProperty("execution_count").ValueKind) JsonValueKind.Null "execution_count"
            Expect.equal (cellsOfJson json) (parse fixture) "JSON cells = parsed cells"

        testCase "ipynb text: LF only, one-space indent, sorted keys, unescaped non-ASCII, final newline" <| fun () ->
            let json = LiterateNotebook.ToIpynb fixture
            Expect.isFalse (json.Contains "\r") "no CR"
            Expect.isTrue (json.EndsWith "}\n") "final newline"
            Expect.isTrue (json.StartsWith "{\n \"cells\": [\n  {\n   \"cell_type\"") "one-space indentation, cells first"
            Expect.stringContains json "μ and θ" "non-ASCII kept as is"
            let keys = [ "\"cells\""; "\"metadata\": {\n  \"kernelspec\""; "\"nbformat\": 4"; "\"nbformat_minor\": 4" ]
            let positions = keys |> List.map (fun k -> json.LastIndexOf k)
            Expect.isTrue (positions |> List.forall (fun p -> p >= 0)) "top-level keys present"
            Expect.equal positions (List.sort positions) "top-level keys sorted"

        testCase "deterministic: the same script gives the same bytes" <| fun () ->
            Expect.equal (LiterateNotebook.ToIpynb fixture) (LiterateNotebook.ToIpynb(fixture.Replace("\n", "\r\n"))) "LF vs CRLF script"
            Expect.equal (LiterateNotebook.ToIpynb fixture) (LiterateNotebook.ToIpynb fixture) "twice"

        testCase "twin check: missing, current, stale" <| fun () ->
            let dir = IO.Directory.CreateTempSubdirectory("theory-nb-")
            try
                let script = IO.Path.Combine(dir.FullName, "topic.fsx")
                IO.File.WriteAllText(script, fixture)
                Expect.equal (LiterateNotebook.CheckTwin script) TwinState.Missing "before writing"
                let twin = LiterateNotebook.WriteTwin script
                Expect.equal twin (IO.Path.Combine(dir.FullName, "topic.ipynb")) "twin path"
                Expect.equal (LiterateNotebook.CheckTwin script) TwinState.Current "after writing"
                IO.File.AppendAllText(script, "let more = 2\n")
                Expect.equal (LiterateNotebook.CheckTwin script) TwinState.Stale "after editing the script"
            finally dir.Delete true

        testCase "theory notebook ipynb [--check]: writes the twin; exit 2 naming a stale one" <| fun () ->
            // the CLI as a user runs it: exit codes and messages of the real process
            let cli = IO.Path.Combine(repoRoot, "src", "Theory.Cli", "bin", "Release", "net10.0", "Theory.Cli.dll")
            if not (IO.File.Exists cli) then failtestf "%s is missing: build the solution in Release first" cli
            let theory (args: string list) =
                let psi = Diagnostics.ProcessStartInfo("dotnet", UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true)
                for a in cli :: args do psi.ArgumentList.Add a
                use p = Diagnostics.Process.Start psi
                let out = p.StandardOutput.ReadToEndAsync()
                let err = p.StandardError.ReadToEnd()
                p.WaitForExit()
                p.ExitCode, out.Result + err
            let dir = IO.Directory.CreateTempSubdirectory("theory-nb-")
            try
                let script = IO.Path.Combine(dir.FullName, "topic.fsx")
                IO.File.WriteAllText(script, fixture)
                let rc, out = theory [ "notebook"; "ipynb"; script; "--check" ]
                Expect.equal rc 2 "check before writing"
                Expect.stringContains out "topic.ipynb is missing" "message names the missing twin"
                Expect.equal (fst (theory [ "notebook"; "ipynb"; script ])) 0 "write"
                Expect.equal (IO.File.ReadAllText(IO.Path.Combine(dir.FullName, "topic.ipynb"))) (LiterateNotebook.ToIpynb fixture) "written twin"
                Expect.equal (fst (theory [ "notebook"; "ipynb"; script; "--check" ])) 0 "check current"
                IO.File.AppendAllText(script, "let more = 2\n")
                let rc, out = theory [ "notebook"; "ipynb"; script; "--check" ]
                Expect.equal rc 2 "check stale"
                Expect.stringContains out "topic.ipynb is out of date" "message names the stale twin"
                let rc, out = theory [ "notebook"; "ipynb"; IO.Path.Combine(dir.FullName, "nope.fsx") ]
                Expect.equal rc 2 "missing script"
                Expect.stringContains out "nope.fsx" "message names the missing script"
            finally dir.Delete true

        testPropertyWithConfig config "round trip: Parse (ToScript cells) = cells" <| Prop.forAll (Arb.fromGen cellsGen) (fun cells ->
            parse (LiterateNotebook.ToScript cells) = cells)

        testPropertyWithConfig config "round trip: the ipynb cells are the script's cells" <| Prop.forAll (Arb.fromGen cellsGen) (fun cells ->
            cellsOfJson (LiterateNotebook.ToIpynb cells) = cells)
    ]
