// Shared by every paper-figure script (`#load "_Figure.fsx"`); files starting with `_` are not
// run as figures. It references this repository's built Release assemblies (build first:
// `dotnet fsi build.fsx build`) and the pinned Plotly.NET / Deedle / MathNet packages, and
// provides `Figure.save`, which writes into paper-figures/out/ (or $THEORY_FIGURE_OUT):
//   <name>.html  the interactive chart, plotly.js embedded (opens offline)
//   <name>.png   bitmap rendered by headless Chromium (width·scale × height·scale pixels)
//   <name>.pdf   one vector page of the figure's size, printed by headless Chromium
//   <name>.csv   the plotted data, with units: panel,series,x,y,x_unit,y_unit (`Figure.long`)
// THEORY_QUICK=1 asks a script for short simulations (`Figure.quick`); the tests use it.
#r "nuget: Plotly.NET, 6.0.0"
#r "nuget: Deedle, 8.1.0"
#r "nuget: MathNet.Numerics, 5.0.0"
#r "../src/Theory.Experiments/bin/Release/net10.0/Theory.dll"
#r "../src/Theory.Experiments/bin/Release/net10.0/Theory.Spiking.dll"
#r "../src/Theory.Experiments/bin/Release/net10.0/Theory.Experiments.dll"

open System
open System.Globalization
open System.IO
open Deedle
open Plotly.NET
open Theory.Experiments.Publishing

module Figure =
    /// THEORY_QUICK=1: shorten simulations (figure tests, smoke runs). Output shape is unchanged.
    let quick = Environment.GetEnvironmentVariable "THEORY_QUICK" = "1"

    /// Output folder: $THEORY_FIGURE_OUT if set, else paper-figures/out/.
    let outDir =
        match Environment.GetEnvironmentVariable "THEORY_FIGURE_OUT" with
        | null | "" -> Path.Combine(__SOURCE_DIRECTORY__, "out")
        | d -> Path.GetFullPath d

    /// Results folder of a sweep this figure runs (Theory.Experiments.Sweeps): out/sweeps/<name>-<hash>/, the
    /// hash taken over `config` (a description of everything the points depend on, e.g. a record's
    /// ToString()), the quick switch and the build of the libraries. A killed figure run resumes from it; a
    /// changed configuration or changed code gets a fresh folder instead of stale results.
    let sweepFolder (name: string) (config: string) =
        Theory.Experiments.Sweeps.Sweep.Folder(Path.Combine(outDir, "sweeps"), name, sprintf "%s quick=%b" config quick)

    /// Device pixels per CSS pixel of the PNG (2 = print quality).
    let pngScale = 2.0

    /// The house template: Plotly.NET's lightMirrored with exponent notation (10⁴, 10⁻⁴) on every axis instead of
    /// SI prefixes ("10k", "100µ"), which read wrongly on log axes of rates, energies and norms.
    let template =
        let exponent = LayoutObjects.LinearAxis.init (ExponentFormat = StyleParam.ExponentFormat.Power)
        ChartTemplates.lightMirrored
        |> Template.mapLayoutTemplate (fun l ->
            l
            |> Layout.updateLinearAxisById (StyleParam.SubPlotId.XAxis 1, exponent)
            |> Layout.updateLinearAxisById (StyleParam.SubPlotId.YAxis 1, exponent))

    /// The house style: white paper background, mirrored axes, exponent notation, readable fonts.
    let style (chart: GenericChart) =
        chart
        |> Chart.withTemplate template
        |> Chart.withConfig (Config.init (Responsive = false))

    /// A data frame of named columns, each name carrying its unit as "quantity (unit)" ("rate (Hz)", "g (1)") — checked
    /// here; equal lengths not required: shorter columns are padded with missing values, written as empty CSV fields.
    let columns (cols: (string * float seq) list) : Frame<int, string> =
        for k, _ in cols do
            if not (Text.RegularExpressions.Regex.IsMatch(k, "\\([^()]+\\)$")) then
                failwithf "Figure.columns: column '%s' has no unit: name it \"quantity (unit)\", \"(1)\" if dimensionless" k
        cols |> List.map (fun (k, v) -> k, Series.ofValues v) |> Frame.ofColumns

    /// The units of a long frame's rows, looked up for (panel, series) in `units`, a list of (key, x unit, y unit):
    /// the first key "panel/series" that matches wins, then the first "panel", then "*" (every panel); '*' in a key
    /// matches any text ("F_*", "*/raster", "A/kernel_*"). Units are the symbols of the axis titles ("ms", "mV",
    /// "Hz", "1/s", "nA"); "1" for a dimensionless quantity (ratio, count, index, model level in its own units).
    let unitsOf (units: (string * string * string) list) (panel: string) (series: string) =
        let matches (key: string) (name: string) =
            Text.RegularExpressions.Regex.IsMatch(name, "^" + Text.RegularExpressions.Regex.Escape(key).Replace("\\*", ".*") + "$")
        let find (pred: string -> bool) = units |> List.tryFind (fun (k, _, _) -> pred k)
        let hit =
            find (fun k -> k.Contains "/" && (let i = k.IndexOf '/' in matches (k.Substring(0, i)) panel && matches (k.Substring(i + 1)) series))
            |> Option.orElse (find (fun k -> not (k.Contains "/") && k <> "*" && matches k panel))
            |> Option.orElse (find ((=) "*"))
        match hit with
        | Some(_, xu, yu) when xu <> "" && yu <> "" -> xu, yu
        | Some(k, _, _) -> failwithf "Figure.long: units key '%s' has an empty unit (use \"1\" for a dimensionless quantity)" k
        | None -> failwithf "Figure.long: no units for panel '%s', series '%s': add (\"%s\", x unit, y unit) or (\"%s/%s\", ...)" panel series panel panel series

    /// A long ("tidy") frame panel,series,x,y,x_unit,y_unit for figures whose panels plot different quantities:
    /// each entry of `series` is (panel, series, xs, ys); the units of every row come from `units` (see `unitsOf`),
    /// so every CSV beside a figure says what its numbers measure.
    let long (units: (string * string * string) list) (series: (string * string * float seq * float seq) list) : Frame<int, string> =
        let rows =
            [ for (panel, name, xs, ys) in series do
                  let xs, ys = Seq.toArray xs, Seq.toArray ys
                  if xs.Length <> ys.Length then
                      failwithf "Figure.long: series '%s/%s' has %d x values but %d y values" panel name xs.Length ys.Length
                  let xu, yu = unitsOf units panel name
                  for i in 0 .. xs.Length - 1 -> panel, name, xs[i], ys[i], xu, yu ]
        Frame.ofColumns [
            "panel", rows |> List.map (fun (p, _, _, _, _, _) -> box p) |> Series.ofValues
            "series", rows |> List.map (fun (_, s, _, _, _, _) -> box s) |> Series.ofValues
            "x", rows |> List.map (fun (_, _, x, _, _, _) -> box x) |> Series.ofValues
            "y", rows |> List.map (fun (_, _, _, y, _, _) -> box y) |> Series.ofValues
            "x_unit", rows |> List.map (fun (_, _, _, _, u, _) -> box u) |> Series.ofValues
            "y_unit", rows |> List.map (fun (_, _, _, _, _, u) -> box u) |> Series.ofValues ]

    /// Histogram as a probability density on [0, xMax) with `bins` equal bins: (bin centres,
    /// counts / (n · width)); samples outside the range are dropped but still count in n.
    let densityHistogram (xMax: float) (bins: int) (samples: float[]) =
        let w = xMax / float bins
        let counts = Array.zeroCreate bins
        for x in samples do
            let k = int (x / w)
            if x >= 0.0 && k < bins then counts[k] <- counts[k] + 1.0
        [| for k in 0 .. bins - 1 -> (float k + 0.5) * w |], counts |> Array.map (fun c -> c / (float samples.Length * w))

    /// Writes name.html (plotly.js embedded), name.png, name.pdf and name.csv into `outDir` (the data must carry
    /// units: x_unit,y_unit columns as `long` writes them, or every column named "quantity (unit)");
    /// (width, height) is the figure size in CSS pixels. Fails naming the step and the file.
    let save (name: string) (width: int, height: int) (chart: GenericChart) (data: Frame<'R, 'C>) =
        let cols = data.ColumnKeys |> Seq.map string |> List.ofSeq
        let withUnits = (List.contains "x_unit" cols && List.contains "y_unit" cols)
                        || cols |> List.forall (fun c -> Text.RegularExpressions.Regex.IsMatch(c, "\\([^()]+\\)$"))
        if not withUnits then
            failwithf "Figure.save: the CSV of %s has no units (columns %A): use Figure.long or Figure.columns" name cols
        Directory.CreateDirectory outDir |> ignore
        let file ext = Path.Combine(outDir, name + ext)
        let html, png, pdf, csv = file ".html", file ".png", file ".pdf", file ".csv"
        let sw = Diagnostics.Stopwatch.StartNew()
        chart
        |> style
        |> Chart.withSize (width, height)
        |> Chart.withDisplayOptions (DisplayOptions.init (PlotlyJSReference = PlotlyJSReference.Full))
        |> Chart.saveHtml html
        let text = File.ReadAllText html
        if text.Contains "<script src=\"http" || not (text.Contains "plotly.js v") then
            failwithf "Figure.save: %s does not embed plotly.js (PlotlyJSReference.Full); it would not open offline" html
        // UTF-8 declared where browsers look for it (else negative tick labels read "âˆ'100"); beside, then renamed
        File.WriteAllText(html + ".tmp", ChromiumExport.WithUtf8Declaration text, Text.UTF8Encoding(false))
        File.Move(html + ".tmp", html, true)
        ChromiumExport.Png(html, png, width, height, scale = pngScale)
        ChromiumExport.Pdf(html, pdf, width, height)
        data.SaveCsv(csv, includeRowKeys = false, culture = CultureInfo.InvariantCulture)
        printfn "%s: %s.{html,png,pdf,csv} in %s (%.1f s)" name name outDir sw.Elapsed.TotalSeconds
