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

/// Saves a chart (house style, plotly.js embedded) as outDir/name.html and returns it.
let keep (name: string) (chart: GenericChart) =
    Directory.CreateDirectory outDir |> ignore
    chart
    |> Chart.withTemplate ChartTemplates.lightMirrored
    |> Chart.withDisplayOptions (DisplayOptions.init (PlotlyJSReference = PlotlyJSReference.Full))
    |> Chart.saveHtml (Path.Combine(outDir, name + ".html"))
    chart
