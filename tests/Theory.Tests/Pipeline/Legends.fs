/// The legend of a saved Plotly figure, read from its HTML (the `var data = [...]` and `var layout = {...}` that
/// Plotly.NET writes): a reader tells the entries apart only if no two visible entries are drawn alike — same
/// trace type, mode, line colour and dash, marker colour and symbol — and none is unnamed (plotly.js would show
/// "trace 3"). Traces that do not appear in a legend by default (heatmaps, contours) are left out, and so is the
/// legend of a figure with a single trace (plotly.js hides it).
module Theory.Tests.Pipeline.Legends

open System
open System.Text.Json
open System.Text.RegularExpressions

/// One visible legend entry: its name and how it is drawn.
type LegendEntry = { Name: string; Style: string }

/// plotly.js's default colourway; a trace without a colour gets colourway[index mod 10].
let private colourway = [| "#1f77b4"; "#ff7f0e"; "#2ca02c"; "#d62728"; "#9467bd"; "#8c564b"; "#e377c2"; "#7f7f7f"; "#bcbd22"; "#17becf" |]

let private str (e: JsonElement) (path: string list) =
    let rec go (e: JsonElement) path =
        match path with
        | [] -> (match e.ValueKind with JsonValueKind.String -> Some(e.GetString()) | JsonValueKind.Number -> Some(e.GetRawText()) | _ -> None)
        | p :: rest ->
            match e.ValueKind with
            | JsonValueKind.Object ->
                (match e.TryGetProperty(p: string) with
                 | true, v -> go v rest
                 | _ -> None)
            | _ -> None
    go e path

let private normColour (c: string) =
    let c = c.Trim().ToLowerInvariant().Replace(" ", "")
    match c with
    | "grey" | "gray" | "#808080" -> "gray"
    | "black" | "#000" | "#000000" -> "black"
    | c -> c

/// The visible legend entries of the figure in `html` (empty when plotly.js would show no legend).
let entries (html: string) : LegendEntry list =
    let m = Regex.Match(html, @"var data = (\[.*?\]);\s*var layout = (\{.*?\});\s*var config", RegexOptions.Singleline)
    if not m.Success then failwith "no 'var data = [...]; var layout = {...}; var config' in the HTML"
    use data = JsonDocument.Parse(m.Groups[1].Value)
    use layout = JsonDocument.Parse(m.Groups[2].Value)
    let traces = data.RootElement.EnumerateArray() |> Seq.toArray
    let legendOff =
        match layout.RootElement.TryGetProperty "showlegend" with
        | true, v -> v.ValueKind = JsonValueKind.False
        | _ -> false
    let shown (t: JsonElement) =
        let ty = str t [ "type" ] |> Option.defaultValue "scatter"
        match t.TryGetProperty "showlegend" with
        | true, v when v.ValueKind = JsonValueKind.False -> false
        | true, v when v.ValueKind = JsonValueKind.True -> true
        | _ -> not (List.contains ty [ "heatmap"; "contour"; "heatmapgl"; "surface"; "histogram2d"; "histogram2dcontour" ])
    if legendOff || traces.Length < 2 then []
    else
        [ for i, t in Array.indexed traces do
              if shown t then
                  let ty = str t [ "type" ] |> Option.defaultValue "scatter"
                  let mode = str t [ "mode" ] |> Option.defaultValue "lines+markers"
                  let dflt = colourway[i % colourway.Length]
                  let lineColour = str t [ "line"; "color" ] |> Option.orElse (str t [ "marker"; "color" ]) |> Option.defaultValue dflt
                  let markerColour = str t [ "marker"; "color" ] |> Option.orElse (str t [ "line"; "color" ]) |> Option.defaultValue dflt
                  let dash = str t [ "line"; "dash" ] |> Option.defaultValue "solid"
                  let symbol = str t [ "marker"; "symbol" ] |> Option.defaultValue "circle"
                  let style =
                      if ty = "scatter" || ty = "scattergl" then
                          [ if mode.Contains "lines" then sprintf "line %s %s" (normColour lineColour) dash
                            if mode.Contains "markers" then sprintf "marker %s %s" (normColour markerColour) symbol
                            if mode.Contains "text" then "text" ]
                          |> String.concat ", "
                          |> sprintf "%s (%s)" ty
                      else sprintf "%s (%s)" ty (normColour markerColour)
                  { Name = str t [ "name" ] |> Option.defaultValue ""; Style = style } ]

/// What a reader cannot tell apart: unnamed visible entries, and visible entries drawn alike (one line each).
let problems (html: string) : string list =
    let es = entries html
    [ for e in es do
          if String.IsNullOrWhiteSpace e.Name then yield $"an unnamed legend entry drawn as {e.Style}"
      for style, group in es |> List.groupBy (fun e -> e.Style) do
          if group.Length > 1 then
              let names = group |> List.map (fun e -> $"'{e.Name}'") |> String.concat ", "
              yield $"legend entries {names} are all drawn as {style}" ]
