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

let config = { propertyConfig 200 with arbitrary = [] }

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

        testCase "ipynb without a run: nbformat 4, .NET Interactive F# metadata, no outputs" <| fun () ->
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

        testCase "theory notebook ipynb [--check]: runs the script, writes the twin with its printed output; exit 2 naming a stale one" <| fun () ->
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
            let runnable = "(**\n# A tour\n*)\nlet x = 6 * 7\nprintfn \"x = %d\" x\n\n(** ## Quiet *)\nlet y = x + 1\n"
            let dir = IO.Directory.CreateTempSubdirectory("theory-nb-")
            try
                let script = IO.Path.Combine(dir.FullName, "topic.fsx")
                IO.File.WriteAllText(script, runnable)
                let rc, out = theory [ "notebook"; "ipynb"; script; "--check" ]
                Expect.equal rc 2 "check before writing"
                Expect.stringContains out "topic.ipynb is missing" "message names the missing twin"
                Expect.equal (fst (theory [ "notebook"; "ipynb"; script ])) 0 "write"
                let twin = IO.File.ReadAllText(IO.Path.Combine(dir.FullName, "topic.ipynb"))
                use doc = JsonDocument.Parse twin
                let codeCells = [ for c in doc.RootElement.GetProperty("cells").EnumerateArray() do if c.GetProperty("cell_type").GetString() = "code" then yield c ]
                Expect.equal codeCells.Length 2 "two code cells"
                Expect.equal (codeCells[0].GetProperty("execution_count").GetInt32()) 1 "execution count of the first code cell"
                Expect.equal (codeCells[1].GetProperty("execution_count").GetInt32()) 2 "execution count of the second code cell"
                let out0 = codeCells[0].GetProperty("outputs")
                Expect.equal (out0.GetArrayLength()) 1 "one output in the printing cell"
                Expect.equal (out0[0].GetProperty("output_type").GetString()) "stream" "a stream"
                let printed = (out0[0].GetProperty "text")[0]
                Expect.equal (printed.GetString()) "x = 42\n" "the printed text"
                Expect.equal (codeCells[1].GetProperty("outputs").GetArrayLength()) 0 "no output in the quiet cell"
                Expect.equal (fst (theory [ "notebook"; "ipynb"; script; "--check" ])) 0 "check current"
                // the same sources but the printed output removed from the twin: stale (kinds differ)
                IO.File.WriteAllText(IO.Path.Combine(dir.FullName, "topic.ipynb"), LiterateNotebook.ToIpynb runnable)
                let rc, out = theory [ "notebook"; "ipynb"; script; "--check" ]
                Expect.equal rc 2 "check of a twin without the outputs"
                Expect.stringContains out "a run gives [stream:stdout]" "message says which outputs a run gives"
                IO.File.AppendAllText(script, "let more = 2\n")
                let rc, out = theory [ "notebook"; "ipynb"; script; "--check" ]
                Expect.equal rc 2 "check stale"
                Expect.stringContains out "topic.ipynb is out of date" "message names the stale twin"
                IO.File.AppendAllText(script, "(failwith \"boom\" : unit)\n")
                let rc, out = theory [ "notebook"; "ipynb"; script ]
                Expect.equal rc 2 "a failing script"
                Expect.stringContains out "boom" "message shows the script's error"
                let rc, out = theory [ "notebook"; "ipynb"; IO.Path.Combine(dir.FullName, "nope.fsx") ]
                Expect.equal rc 2 "missing script"
                Expect.stringContains out "nope.fsx" "message names the missing script"
                Expect.isEmpty (IO.Directory.GetFiles(dir.FullName, "_capture-*")) "the instrumented copies are deleted"
            finally dir.Delete true

        testCase "capture: instrumented script prints one marker per code cell before its code" <| fun () ->
            let inst = LiterateNotebookCapture.Instrument fixture
            Expect.equal inst
                ("System.Console.Out.Write \"\\u001eCELL 0\\u001e\"\n#r \"../src/Theory.Experiments/bin/Release/net10.0/Theory.dll\"\nlet x = 1\n\n"
                 + "System.Console.Out.Write \"\\u001eCELL 1\\u001e\"\nlet y = x + 1\n\n"
                 + "System.Console.Out.Write \"\\u001eCELL 2\\u001e\"\nprintfn \"%d\" y\n\n") "instrumented text"

        testCase "capture: the output is cut at the markers, text and charts in the order they came" <| fun () ->
            let rs = "\u001e"
            let stdout = $"{rs}CELL 0{rs}{rs}CELL 1{rs}a\nb\n{rs}CHART 0 600 400 my chart{rs}after\n{rs}CELL 2{rs}"
            let chart j w h name = ChartOutput(name, "{}", w, h, null)
            let outs = LiterateNotebookCapture.Split(stdout, 3, Func<_, _, _, _, _>(chart))
            Expect.equal outs[0].Count 0 "cell 0 printed nothing"
            Expect.equal (List.ofSeq outs[1]) [ StreamOutput "a\nb\n" :> NotebookOutput; ChartOutput("my chart", "{}", 600, 400, null) :> NotebookOutput; StreamOutput "after\n" :> NotebookOutput ] "cell 1"
            Expect.equal outs[2].Count 0 "cell 2"
            Expect.throwsT<InvalidOperationException> (fun () -> LiterateNotebookCapture.Split($"{rs}CELL 0{rs}", 2, Func<_, _, _, _, _>(chart)) |> ignore) "a run that stops early"
            Expect.throwsT<InvalidOperationException> (fun () -> LiterateNotebookCapture.Split($"{rs}CELL 1{rs}", 2, Func<_, _, _, _, _>(chart)) |> ignore) "a skipped cell"
            Expect.throwsT<InvalidOperationException> (fun () -> LiterateNotebookCapture.Split($"{rs}CELL 0{rs}{rs}CHART x{rs}", 1, Func<_, _, _, _, _>(chart)) |> ignore) "a malformed chart marker"

        testCase "ipynb with outputs: execution counts, stream and display_data (PNG, HTML, text) as nbformat writes them" <| fun () ->
            let ro (xs: NotebookOutput list) = List.toArray xs :> Collections.Generic.IReadOnlyList<NotebookOutput>
            let outs =
                [| ro [ StreamOutput "2\n" ]; ro []; ro [ ChartOutput("c", "{\"data\":[],\"layout\":{\"title\":\"</script>\"}}", 700, 450, "iVBORw0KGgo=") ] |]
            let json = LiterateNotebook.ToIpynb(LiterateNotebook.Parse fixture, outs, "t-x")
            use doc = JsonDocument.Parse json
            let code = [ for c in doc.RootElement.GetProperty("cells").EnumerateArray() do if c.GetProperty("cell_type").GetString() = "code" then yield c ]
            Expect.equal [ for c in code -> c.GetProperty("execution_count").GetInt32() ] [ 1; 2; 3 ] "execution counts"
            let s = code[0].GetProperty("outputs")[0]
            let text0 = (s.GetProperty "text")[0]
            Expect.equal (s.GetProperty("name").GetString(), s.GetProperty("output_type").GetString(), text0.GetString()) ("stdout", "stream", "2\n") "stream"
            let d = code[2].GetProperty("outputs")[0]
            Expect.equal (d.GetProperty("output_type").GetString()) "display_data" "display_data"
            let data = d.GetProperty("data")
            Expect.equal [ for p in data.EnumerateObject() -> p.Name ] [ "image/png"; "text/html"; "text/plain" ] "mime types, sorted"
            Expect.equal (data.GetProperty("image/png").GetString()) "iVBORw0KGgo=" "PNG base64"
            let html = data.GetProperty("text/html").EnumerateArray() |> Seq.map (fun l -> l.GetString()) |> String.concat ""
            Expect.stringContains html "<div id=\"t-x-0\"" "div id from the prefix"
            Expect.isFalse (html.Contains "</script>\"") "a </ in the figure cannot close the script"
            Expect.stringContains html "<\\/script>" "it is escaped"
            Expect.stringContains html (NotebookChartHtml.PlotlyJsCdn + ".js") "plotly.js from the CDN"
            Expect.throwsT<ArgumentException> (fun () -> LiterateNotebook.ToIpynb(LiterateNotebook.Parse fixture, outs[0..1], "t") |> ignore) "one list per code cell"

        testCase "chart HTML: bad id or size is an ArgumentException naming it" <| fun () ->
            let msg = try NotebookChartHtml.Fragment("{}", "a b", 100, 100) |> ignore; "" with :? ArgumentException as e -> e.Message
            Expect.stringContains msg "divId = 'a b'" "the message names the id and its value"
            for w, h in [ 15, 100; 100, 15; 100, 10001 ] do
                Expect.throwsT<ArgumentException> (fun () -> NotebookChartHtml.Fragment("{}", "ok", w, h) |> ignore) $"{w} x {h}"
            Expect.stringContains (NotebookChartHtml.Fragment("{}", "ok", 0, 450)) "width:100%" "width 0 is the full width"

        testPropertyWithConfig config "round trip: Parse (ToScript cells) = cells" <| Prop.forAll (Arb.fromGen cellsGen) (fun cells ->
            parse (LiterateNotebook.ToScript cells) = cells)

        testPropertyWithConfig config "round trip: the ipynb cells are the script's cells" <| Prop.forAll (Arb.fromGen cellsGen) (fun cells ->
            cellsOfJson (LiterateNotebook.ToIpynb cells) = cells)
    ]
