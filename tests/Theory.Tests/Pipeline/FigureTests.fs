/// The figure pipeline end to end: one real paper-figure script run with `dotnet fsi` in quick
/// mode, and every artifact it writes checked (HTML embeds plotly.js, PNG size and content,
/// PDF pages, CSV columns and values); plus the argument checks of the Chromium exporter.
module Theory.Tests.Pipeline.FigureTests

open System
open System.Globalization
open System.IO
open Expecto
open Theory.Experiments.Publishing
open Theory.Tests.Util
open Theory.Tests.Pipeline.Artifacts

/// Lapicque1907_FI.fsx saves a 1500 × 480 CSS-pixel figure; _Figure.fsx renders PNGs at scale 2.
let figureName, cssWidth, cssHeight, pngScale = "Lapicque1907_FI", 1500, 480, 2

/// Splits one CSV line at the commas outside double quotes.
let csvFields (line: string) =
    Text.RegularExpressions.Regex.Split(line, ",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)") |> Array.map (fun f -> f.Trim('"'))

/// Every figure CSV says what its numbers measure: either the long format of `Figure.long`, whose header ends in
/// x_unit,y_unit and whose every row has both units, or columns each named "quantity (unit)".
let checkCsvUnits (figureName: string) (lines: string[]) =
    let header = csvFields lines[0]
    if Array.contains "x_unit" header || Array.contains "y_unit" header then
        Expect.sequenceEqual header [| "panel"; "series"; "x"; "y"; "x_unit"; "y_unit" |] $"{figureName}.csv long-format header"
        for l in lines[1..] do
            let f = csvFields l
            Expect.equal f.Length 6 $"{figureName}.csv row '{l}' has 6 fields"
            Expect.isTrue (f[4].Trim() <> "" && f[5].Trim() <> "") $"{figureName}.csv row '{l}' has an x and a y unit"
    else
        for c in header do
            Expect.isTrue (Text.RegularExpressions.Regex.IsMatch(c, "\\([^()]+\\)$"))
                $"{figureName}.csv column '{c}' names its unit as 'quantity (unit)' (header: {lines[0]})"

/// Checks every figure's artifacts must pass: offline HTML, a drawn PNG of the given size (if
/// known), a one-page PDF, a CSV with a header and data rows.
let checkCommon (outDir: string) (figureName: string) (pngDims: (int * int) option) =
    let file ext = Path.Combine(outDir, figureName + ext)
    for ext in [ ".html"; ".png"; ".pdf"; ".csv" ] do
        Expect.isTrue (File.Exists(file ext)) $"{figureName}{ext} was not written to {outDir}"

    // HTML: plotly.js inline, no script loaded from the network, so it opens offline.
    let html = File.ReadAllText(file ".html")
    Expect.isGreaterThan html.Length 1_000_000 $"{figureName}.html size (plotly.js must be embedded, > 1 MB)"
    Expect.stringContains html "plotly.js v" $"{figureName}.html carries the plotly.js bundle"
    let external = Text.RegularExpressions.Regex.Matches(html, "<script[^>]*\\ssrc\\s*=", Text.RegularExpressions.RegexOptions.IgnoreCase)
    Expect.equal external.Count 0 $"no <script src=...> in {figureName}.html"
    Expect.stringContains html "Plotly.newPlot" $"{figureName}.html draws the chart"
    // legend: every visible entry named, no two drawn alike (issue #18)
    let legend = Legends.problems html
    Expect.isEmpty legend $"""{figureName}.html legend: {String.Join("; ", legend)}"""

    // PNG: signature, requested size × scale, and a drawn picture (not a blank page).
    let png = File.ReadAllBytes(file ".png")
    Expect.sequenceEqual png[0..7] pngSignature $"{figureName}.png signature"
    let dims =
        match pngDims with
        | Some d -> d
        | None ->
            // the size given to Figure.save is the plotly layout's width and height
            let m = Text.RegularExpressions.Regex.Match(html, "var layout = \\{\"width\":(\\d+),\"height\":(\\d+)")
            Expect.isTrue m.Success $"{figureName}.html has a layout with width and height"
            int m.Groups[1].Value * pngScale, int m.Groups[2].Value * pngScale
    Expect.equal (pngSize png) dims $"{figureName}.png IHDR width × height (CSS size × {pngScale})"
    let rows = pngPixels png
    let mutable nonWhite, n = 0L, 0L
    let colours = Collections.Generic.HashSet<int>()
    for r in rows do
        for x in 0 .. r.Length / 3 - 1 do
            let c = (int r[3 * x] <<< 16) ||| (int r[3 * x + 1] <<< 8) ||| int r[3 * x + 2]
            n <- n + 1L
            if c <> 0xFFFFFF then nonWhite <- nonWhite + 1L
            if colours.Count < 5000 then colours.Add c |> ignore
    let inked = float nonWhite / float n
    Expect.isGreaterThan inked 0.01 $"fraction of non-white pixels ({inked:F4}): {figureName}.png looks blank"
    Expect.isLessThan inked 0.9 $"fraction of non-white pixels ({inked:F4}): {figureName}.png looks like an error page"
    Expect.isGreaterThan colours.Count 20 $"distinct colours in {figureName}.png (lines, text, markers)"

    // PDF: a PDF document with exactly the one figure page.
    let pdf = File.ReadAllBytes(file ".pdf")
    Expect.equal (Text.Encoding.ASCII.GetString(pdf, 0, 5)) "%PDF-" $"{figureName}.pdf header"
    Expect.equal (pdfPageCount pdf) 1 $"{figureName}.pdf pages"
    let lines = File.ReadAllLines(file ".csv")
    Expect.isGreaterThan lines.Length 1 $"{figureName}.csv has a header and data rows"
    checkCsvUnits figureName lines

let private checkLapicque (outDir: string) =
    checkCommon outDir figureName (Some(cssWidth * pngScale, cssHeight * pngScale))
    // CSV: the long format and, as a check on the science, Euler vs closed form.
    let lines = File.ReadAllLines(Path.Combine(outDir, figureName + ".csv"))
    Expect.equal lines[0] "panel,series,x,y,x_unit,y_unit" "CSV header"
    let rows =
        lines[1..]
        |> Array.map (fun l ->
            let f = csvFields l
            Expect.equal f.Length 6 $"CSV row '{l}' has 6 fields"
            f[0], f[1], Double.Parse(f[2], CultureInfo.InvariantCulture), Double.Parse(f[3], CultureInfo.InvariantCulture))
    // the units of the three panels, as on their axis titles
    for l in lines[1..] do
        let f = csvFields l
        let expected = match f[0] with "A" -> ("mV", "Hz") | "B" -> ("mV", "1") | _ -> ("ms", "mV")
        Expect.equal (f[4], f[5]) expected $"units of row '{l}'"
    for panel in [ "A"; "B"; "C" ] do
        Expect.isTrue (rows |> Array.exists (fun (p, _, _, _) -> p = panel)) $"CSV has rows of panel {panel}"
    Expect.isGreaterThan rows.Length 400 "CSV rows"
    let closed mu =
        let tau, theta, vr, tref = 20.0, 20.0, 10.0, 2.0 // ms, mV
        if mu <= theta then 0.0 else 1000.0 / (tref + tau * log ((mu - vr) / (mu - theta)))
    let fine = rows |> Array.filter (fun (p, s, x, _) -> p = "A" && s.Contains "0.01 ms" && x > 21.0)
    Expect.isNonEmpty fine "CSV has the dt = 0.01 ms Euler rates above threshold"
    for _, _, mu, rate in fine do
        closeRel 0.01 (closed mu) rate $"Euler rate at mu = {mu} mV vs the closed form"

/// F# warning FS0020 (a value implicitly ignored) in a figure script usually means a dropped `yield`:
/// in `Brunel2000_RateVsG.fsx` a bare tuple after a `for … ->` left the finite-PSP curve out of the CSV.
let private checkNoIgnoredValues (script: string) (output: string) =
    let lines = output.Split('\n') |> Array.filter (fun l -> l.Contains "warning FS0020")
    Expect.isEmpty lines $"{script}: no value implicitly ignored (FS0020)"

[<Tests>]
let tests =
    testList "Pipeline.Figures" [
        testCase "Lapicque1907_FI.fsx writes offline HTML, PNG, PDF and CSV (quick mode)" <| fun () ->
            requireReleaseBuild ()
            use tmp = new TempDir()
            let script = Path.Combine("paper-figures", figureName + ".fsx")
            let run = runFsi script [ "THEORY_QUICK", "1"; "THEORY_FIGURE_OUT", tmp.Path ] 300.0
            if run.ExitCode <> 0 then
                failtestf "dotnet fsi %s exited with %d:\n%s" script run.ExitCode (tail 30 run.Output)
            printfn "Pipeline.Figures: %s ran in %.1f s" script run.Seconds
            checkNoIgnoredValues script run.Output
            checkLapicque tmp.Path

        testCase "every other paper-figures/*.fsx runs in quick mode and writes valid artifacts" <| fun () ->
            requireReleaseBuild ()
            let others =
                Directory.GetFiles(Path.Combine(repoRoot, "paper-figures"), "*.fsx")
                |> Array.filter (fun f -> let n = Path.GetFileName f in not (n.StartsWith "_") && n <> figureName + ".fsx")
                |> Array.sort
            for s in others do
                use tmp = new TempDir()
                let rel = Path.GetRelativePath(repoRoot, s)
                let run = runFsi rel [ "THEORY_QUICK", "1"; "THEORY_FIGURE_OUT", tmp.Path ] 300.0
                if run.ExitCode <> 0 then
                    failtestf "dotnet fsi %s exited with %d:\n%s" rel run.ExitCode (tail 30 run.Output)
                printfn "Pipeline.Figures: %s ran in %.1f s" rel run.Seconds
                checkNoIgnoredValues rel run.Output
                checkCommon tmp.Path (Path.GetFileNameWithoutExtension s) None

        testCase "the CSV-units check has teeth: a header without units fails, the long format with units passes" <| fun () ->
            checkCsvUnits "ok" [| "panel,series,x,y,x_unit,y_unit"; "A,\"a, b\",1,2,ms,mV" |]
            checkCsvUnits "ok" [| "rate (Hz),g (1)"; "1,2" |]
            Expect.throwsC (fun () -> checkCsvUnits "old" [| "panel,series,x,y"; "A,s,1,2" |]) ignore
            Expect.throwsC (fun () -> checkCsvUnits "empty" [| "panel,series,x,y,x_unit,y_unit"; "A,s,1,2,,mV" |]) ignore
            Expect.throwsC (fun () -> checkCsvUnits "named" [| "rate (Hz),g"; "1,2" |]) ignore

        testCase "the legend check has teeth: two entries drawn alike and an unnamed entry are reported" <| fun () ->
            let page (traces: string) = "<script>\n    var data = [" + traces + "];\n    var layout = {\"width\":10};\n    var config = {};\n</script>"
            let orange name = "{\"type\":\"scatter\",\"name\":\"" + name + "\",\"mode\":\"lines\",\"line\":{\"color\":\"#d95f02\"}}"
            let alike = Legends.problems (page (orange "I_metabolic" + "," + orange "metabolic"))
            Expect.equal alike.Length 1 "one clash"
            Expect.stringContains alike[0] "'I_metabolic', 'metabolic'" "the clash names both entries"
            let dashed = orange "metabolic" + "," + "{\"type\":\"scatter\",\"name\":\"fit\",\"mode\":\"lines\",\"line\":{\"color\":\"#d95f02\",\"dash\":\"dash\"}}"
            Expect.isEmpty (Legends.problems (page dashed)) "a dashed line of the same colour is drawn differently"
            let unnamed = Legends.problems (page (orange "a" + ",{\"type\":\"scatter\",\"mode\":\"markers\"}"))
            Expect.exists unnamed (fun p -> p.Contains "unnamed") "an unnamed entry is reported"
            let hidden = orange "a" + ",{\"type\":\"scatter\",\"name\":\"b\",\"showlegend\":false,\"mode\":\"lines\",\"line\":{\"color\":\"#d95f02\"}}"
            Expect.isEmpty (Legends.problems (page hidden)) "an entry hidden from the legend does not count"
            // plotly.js's colourway: two traces without colours get different default colours
            let defaults = "{\"type\":\"scatter\",\"name\":\"a\",\"mode\":\"lines\"},{\"type\":\"scatter\",\"name\":\"b\",\"mode\":\"lines\"}"
            Expect.isEmpty (Legends.problems (page defaults)) "default colours differ"

        testCase "the blank-page check has teeth: a white page decodes as all white" <| fun () ->
            use tmp = new TempDir()
            let html, png = Path.Combine(tmp.Path, "blank.html"), Path.Combine(tmp.Path, "blank.png")
            File.WriteAllText(html, "<!DOCTYPE html><html><head></head><body></body></html>")
            ChromiumExport.Png(html, png, 64, 48, scale = 1.0)
            let bytes = File.ReadAllBytes png
            Expect.equal (pngSize bytes) (64, 48) "PNG IHDR width × height"
            let rows = pngPixels bytes
            Expect.equal rows.Length 48 "decoded rows"
            Expect.isTrue (rows |> Array.forall (Array.forall (fun b -> b = 255uy))) "every pixel of a blank page is white"

        testCase "UTF-8 is declared in the first 1024 bytes, where the HTML standard's prescan looks" <| fun () ->
            // Plotly.NET puts <meta charset> after the embedded plotly.js (≈ 3.6 MB in); a render of the cultures figure
            // (2026-12-07) then showed every U+2212 minus of a tick label as "âˆ'" (the page read as windows-1252).
            let padding = "<script>/*" + String('x', 2048) + "*/</script>"
            let page = "<!DOCTYPE html><html><head>" + padding + "<meta charset=\"UTF-8\"></head><body></body></html>"
            let fixedPage = ChromiumExport.WithUtf8Declaration page
            Expect.isLessThan (fixedPage.IndexOf "<meta charset") 1024 "declared in the first 1024 bytes"
            Expect.isGreaterThan (fixedPage.IndexOf "<meta charset") (fixedPage.IndexOf "<head>") "inside the head"
            Expect.equal (fixedPage.Replace("<meta charset=\"utf-8\">", "")) page "nothing else changes"
            Expect.equal (ChromiumExport.WithUtf8Declaration fixedPage) fixedPage "idempotent"
            let early = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body></body></html>"
            Expect.equal (ChromiumExport.WithUtf8Declaration early) early "an early declaration is kept as it is"
            let headless = "<p>" + padding + "</p>"
            Expect.isTrue ((ChromiumExport.WithUtf8Declaration headless).StartsWith "<meta charset") "no head: declared first"

        testCase "ChromiumExport rejects a missing HTML file, naming it" <| fun () ->
            use tmp = new TempDir()
            let missing = Path.Combine(tmp.Path, "nothing.html")
            let e = Expect.throwsC (fun () -> ChromiumExport.Png(missing, Path.Combine(tmp.Path, "x.png"), 100, 100)) id
            Expect.stringContains e.Message "nothing.html" "message names the file"

        testCase "a missing Chromium is an error saying how to install it" <| fun () ->
            let e = Expect.throwsC (fun () -> ChromiumExport.FindChromium(null, "/nonexistent-dir") |> ignore) id
            Expect.isTrue (e :? FileNotFoundException) "FileNotFoundException"
            Expect.stringContains e.Message "apt-get install chromium" "message gives the fix"
            let e = Expect.throwsC (fun () -> ChromiumExport.FindChromium("/nonexistent/chromium", null) |> ignore) id
            Expect.stringContains e.Message ChromiumExport.ChromiumVariable "message names the variable"

        testCase "a failing or hanging Chromium is an error naming the file" <| fun () ->
            use tmp = new TempDir()
            let html = Path.Combine(tmp.Path, "page.html")
            File.WriteAllText(html, "<html><head></head><body>x</body></html>")
            let e = Expect.throwsC (fun () -> ChromiumExport.Pdf(html, Path.Combine(tmp.Path, "page.pdf"), 100, 100, chromium = "/bin/false")) id
            Expect.stringContains e.Message "failed to export" "failure reported"
            Expect.stringContains e.Message "page.html" "message names the page"
            let hang = Path.Combine(tmp.Path, "hang.sh")
            File.WriteAllText(hang, "#!/bin/sh\nsleep 60\n")
            File.SetUnixFileMode(hang, UnixFileMode.UserRead ||| UnixFileMode.UserWrite ||| UnixFileMode.UserExecute)
            let sw = Diagnostics.Stopwatch.StartNew()
            let e = Expect.throwsC (fun () -> ChromiumExport.Png(html, Path.Combine(tmp.Path, "page.png"), 100, 100, timeoutSeconds = 1.0, chromium = hang)) id
            Expect.isTrue (e :? TimeoutException) $"TimeoutException, got {e.GetType().Name}: {e.Message}"
            Expect.isLessThan sw.Elapsed.TotalSeconds 30.0 "the hung process was killed at the timeout"
            Expect.stringContains e.Message (sprintf "(%d attempts)" ChromiumExport.Attempts) "every attempt timed out"

        testCase "a Chromium that hangs once is started again and the export succeeds" <| fun () ->
            use tmp = new TempDir()
            let html = Path.Combine(tmp.Path, "page.html")
            File.WriteAllText(html, "<html><head></head><body>x</body></html>")
            // first start: hangs; second start: writes the screenshot and exits 0
            let once = Path.Combine(tmp.Path, "hang-once.sh")
            File.WriteAllText(once,
                "#!/bin/sh\nc=\"" + Path.Combine(tmp.Path, "started") + "\"\n"
                + "if [ -f \"$c\" ]; then for a in \"$@\"; do case \"$a\" in --screenshot=*) printf png > \"${a#--screenshot=}\";; esac; done; exit 0; fi\n"
                + "touch \"$c\"; sleep 60\n")
            File.SetUnixFileMode(once, UnixFileMode.UserRead ||| UnixFileMode.UserWrite ||| UnixFileMode.UserExecute)
            let png = Path.Combine(tmp.Path, "page.png")
            ChromiumExport.Png(html, png, 100, 100, timeoutSeconds = 1.0, chromium = once)
            Expect.equal (File.ReadAllText png) "png" "the second start wrote the file"

        testCase "ChromiumExport rejects bad sizes and scales by name" <| fun () ->
            throwsArg "width" (fun () -> ChromiumExport.Png("a.html", "a.png", 0, 100))
            throwsArg "height" (fun () -> ChromiumExport.Pdf("a.html", "a.pdf", 100, 20000))
            throwsArg "scale" (fun () -> ChromiumExport.Png("a.html", "a.png", 100, 100, scale = 100.0))
    ]
