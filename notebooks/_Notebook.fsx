// Shared by every notebook (`#load "_Notebook.fsx"` then `open _Notebook`); files starting
// with `_` are not notebooks themselves. It references this repository's built Release
// assemblies (build first: `dotnet fsi build.fsx build`) and the pinned packages, so a notebook
// always runs against the code beside it, from `dotnet fsi` or a Polyglot kernel started here.
#r "nuget: Plotly.NET, 6.0.0"
#r "nuget: MathNet.Numerics, 5.0.0"
#r "nuget: Deedle, 8.1.0"
#r "../src/Theory.Experiments/bin/Release/net10.0/Theory.dll"
#r "../src/Theory.Experiments/bin/Release/net10.0/Theory.Spiking.dll"
#r "../src/Theory.Experiments/bin/Release/net10.0/Theory.Experiments.dll"
#r "../src/Theory.FSharp/bin/Release/net10.0/Theory.FSharp.dll"

open System
open System.IO
open Plotly.NET

/// THEORY_QUICK=1 (the tests) shortens the simulations.
let quick = Environment.GetEnvironmentVariable "THEORY_QUICK" = "1"

/// Charts are saved as HTML here (and displayed as the cell's value in a Polyglot kernel).
let outDir =
    match Environment.GetEnvironmentVariable "THEORY_NOTEBOOK_OUT" with
    | null | "" -> Path.Combine(__SOURCE_DIRECTORY__, "out")
    | d -> d

/// The figure size in CSS pixels: the layout's, else Plotly's defaults (700 × 450).
let private chartSize (chart: GenericChart) =
    let layout = GenericChart.getLayout chart
    let get (name: string) fallback =
        match layout.TryGetTypedPropertyValue<int> name with
        | Some v when v > 0 -> v
        | _ -> fallback
    get "width" 700, get "height" 450

/// The interactive HTML of a chart (div + plotly.js loaded once per page from the CDN): the
/// same fragment the .ipynb twins carry (Theory.Experiments.Publishing.NotebookChartHtml).
let chartHtml (divId: string) (chart: GenericChart) =
    let w, h = chartSize chart
    let hasWidth = (GenericChart.getLayout chart).TryGetTypedPropertyValue<int> "width" |> Option.isSome
    Theory.Experiments.Publishing.NotebookChartHtml.Fragment(GenericChart.toJson chart, divId, (if hasWidth then w else 0), h)

/// Under a .NET Interactive (Polyglot) kernel, a chart that is a cell's value is shown as a plot:
/// an HTML formatter for GenericChart is registered through reflection, so that neither the
/// kernel's formatting assembly nor Plotly.NET.Interactive (which breaks with an FSharp.Core
/// mismatch) has to be referenced. Outside a kernel this does nothing.
let kernelFormatterRegistered =
    let formatting =
        AppDomain.CurrentDomain.GetAssemblies()
        |> Array.tryFind (fun a -> a.GetName().Name = "Microsoft.DotNet.Interactive.Formatting")
    match formatting with
    | None -> false
    | Some asm ->
        let formatter = asm.GetType("Microsoft.DotNet.Interactive.Formatting.Formatter", true)
        let register =
            formatter.GetMethods()
            |> Array.find (fun m ->
                m.Name = "Register" && not m.IsGenericMethodDefinition
                && (m.GetParameters() |> Array.map (fun p -> p.ParameterType)) = [| typeof<Type>; typeof<Action<obj, TextWriter>>; typeof<string> |])
        let prefer = formatter.GetMethod("SetPreferredMimeTypesFor", [| typeof<Type>; typeof<string[]> |])
        let counter = ref 0
        let write =
            Action<obj, TextWriter>(fun value writer ->
                counter.Value <- counter.Value + 1
                let id = sprintf "theory-chart-%s-%d" (Guid.NewGuid().ToString("N").Substring(0, 8)) counter.Value
                writer.Write(chartHtml id (value :?> GenericChart |> Chart.withTemplate ChartTemplates.lightMirrored)))
        // the union's cases are subclasses of GenericChart: register the base and every case
        let types =
            typeof<GenericChart> :: (typeof<GenericChart>.GetNestedTypes() |> Array.filter (fun t -> typeof<GenericChart>.IsAssignableFrom t) |> List.ofArray)
        for t in types do
            register.Invoke(null, [| box t; box write; box "text/html" |]) |> ignore
            if not (isNull prefer) then prefer.Invoke(null, [| box t; box [| "text/html" |] |]) |> ignore
        true

/// THEORY_NOTEBOOK_CAPTURE (set by `theory notebook ipynb`, LiterateNotebookCapture): the folder
/// where each kept chart is recorded for the notebook's .ipynb twin.
let private captureDir =
    match Environment.GetEnvironmentVariable "THEORY_NOTEBOOK_CAPTURE" with
    | null | "" -> None
    | d -> Some d

let mutable private captured = 0

/// Saves a chart (house style, plotly.js embedded) as outDir/name.html and returns it. During a
/// capture it also records the chart (figure JSON and page) and marks its place in the cell's
/// printed output, so that the .ipynb twin shows it where it was made.
let keep (name: string) (chart: GenericChart) =
    Directory.CreateDirectory outDir |> ignore
    let styled =
        chart
        |> Chart.withTemplate ChartTemplates.lightMirrored
        |> Chart.withDisplayOptions (DisplayOptions.init (PlotlyJSReference = PlotlyJSReference.Full))
    styled |> Chart.saveHtml (Path.Combine(outDir, name + ".html"))
    match captureDir with
    | None -> ()
    | Some dir ->
        let j = captured
        captured <- captured + 1
        let w, h = chartSize styled
        File.WriteAllText(Path.Combine(dir, sprintf "chart-%d.json" j), GenericChart.toJson styled)
        File.Copy(Path.Combine(outDir, name + ".html"), Path.Combine(dir, sprintf "chart-%d.html" j), true)
        Console.Out.Write(sprintf "\u001eCHART %d %d %d %s\u001e" j w h (name.Replace('\u001e', ' ')))
    chart
