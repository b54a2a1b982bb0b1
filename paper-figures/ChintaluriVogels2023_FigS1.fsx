// Chintaluri & Vogels (2023) PNAS 120:e2306525120 — Fig. S1 (a single spike's perturbation of the mitochondrion and
// the reaction-rate clamp). Paper code: ccluri/metabolic_spiking, fig1_supp.py (substrate_pert,
// figure_reaction_rate_nullclines), mitosfns.spike_quanta, tutorials/steady_state.compute_clamp_vals.
//
//   Single spike (SpikePerturbation): from the fixed point of demand b, one spike at 150 ms costs q·Q(t − 150 ms)
//   (q = 0.2, τ_rise = 5 ms, τ_Q = 100 ms): ATP_c = ATP₀ − qQ sets the translocator factor 1 + 10 erf(10(ATP − ATP_c)),
//   f_MCU·qQ adds to the proton leak; ROS dR/dt = (R∞ − R)/τ_R(b), R∞ = (ATP ψ + (1 − ATP)(1 − ψ))³. b = 30 and 150.
//   Reaction-rate clamp (ReactionRateClamp): ATP and ψ clamped on 0…1, NAD⁺ at its steady state of b, the other
//   substrates at their reference scale; dATP/dt = 0 and dΔψ/dt = 0 contours (nullclines) and the fluxes v_ANT,
//   v_ATP, v_resp (µM/s).
// Panels: A b = 30, B b = 150: ATP, ψ, NAD⁺, pyruvate after the spike; C ROS after the spike (both b);
//         D, E nullclines at b = 30, 150 (dATP/dt = 0 and dΔψ/dt = 0) with the fixed point; F v_resp at b = 30.
// Quick and full mode are the same (≈ 2 s of simulation; full mode uses a 0.025 grid for the contours).
// Output: paper-figures/out/ChintaluriVogels2023_FigS1.{html,png,pdf,csv}; CSV panel,series,x,y,x_unit,y_unit.
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.Metabolic

let ms x = 1e3 * x
let pert = [ for b in [ 30.0; 150.0 ] -> b, SpikePerturbation.Run(b, 0.2, recordEvery = 20) ]
for b, r in pert do
    printfn "b = %.0f: ATP %.4f → min %.4f at %.1f ms; ROS %.4f → [%.4f, %.4f]" b r.AtpStart r.AtpMin (ms r.AtpMinTime) r.RosStart r.RosMin r.RosMax
let substrates (r: SpikePerturbationRun) =
    [ "ATP", r.Atp, "#1f77b4"; "ψ", r.Psi, "#ff7f0e"; "NAD⁺", r.Nad, "#2ca02c"; "pyruvate", r.Pyr, "#d62728" ]
    |> List.map (fun (n, y, c) -> Chart.Line(r.Time |> Array.map ms, y, Name = n, ShowLegend = (r.Demand = 30.0), LineColor = Color.fromString c))
    |> Chart.combine |> Chart.withXAxisStyle "t (ms)" |> Chart.withYAxisStyle "normalised level"
let panelC =
    [ for b, r in pert -> Chart.Line(r.Time |> Array.map ms, r.Ros, Name = sprintf "ROS, b = %.0f" b) ]
    |> Chart.combine |> Chart.withXAxisStyle "t (ms)" |> Chart.withYAxisStyle "ROS"

let grid = if Figure.quick then ReactionRateClamp.PaperGrid() else Array.init 41 (fun k -> 0.025 * float k)
let maps = [ for b in [ 30.0; 150.0 ] -> b, ReactionRateClamp.Map(b, grid, grid) ]
let m = Mitochondrion.ChintaluriVogels2023
let toRows (a: float[,]) = [ for j in 0 .. grid.Length - 1 -> [ for i in 0 .. grid.Length - 1 -> a.[i, j] ] ] // z[ψ][ATP]
let nullclines (b: float, map: ReactionRateMap) =
    let fp = MitochondrialSteadyStates.Solve(m, b)
    [ Chart.Contour(toRows map.DAtpDt, X = grid, Y = grid, Name = "dATP/dt = 0", ShowScale = false)
      |> GenericChart.mapTrace (fun t -> t.SetProperty("contours", {| start = 0.0; ``end`` = 0.0; size = 1.0; coloring = "lines" |}); t.SetProperty("line", {| color = "#2ca02c"; width = 2 |}); t.SetProperty("colorscale", [ [ box 0.0; box "#2ca02c" ]; [ box 1.0; box "#2ca02c" ] ]); t)
      Chart.Contour(toRows map.DPsiDt, X = grid, Y = grid, Name = "dΔψ/dt = 0", ShowScale = false)
      |> GenericChart.mapTrace (fun t -> t.SetProperty("contours", {| start = 0.0; ``end`` = 0.0; size = 1.0; coloring = "lines" |}); t.SetProperty("line", {| color = "#9467bd"; width = 2; dash = "dash" |}); t.SetProperty("colorscale", [ [ box 0.0; box "#9467bd" ]; [ box 1.0; box "#9467bd" ] ]); t)
      Chart.Point([ fp.State.Atp ], [ fp.Psi ], Name = "fixed point", ShowLegend = (b = 30.0), MarkerColor = Color.fromString "black") ]
    |> Chart.combine |> Chart.withXAxisStyle "ATP" |> Chart.withYAxisStyle "ψ"
let panelF =
    let _, map30 = maps.[0]
    Chart.Heatmap(toRows map30.VResp |> List.map (List.map (fun v -> v * 1e6)), X = grid, Y = grid, Name = "v_resp (µM/s)", ShowScale = false)
    |> Chart.withXAxisStyle "ATP" |> Chart.withYAxisStyle "ψ"

let chart =
    Chart.Grid(2, 3, SubPlotTitles = [ "A  one spike, b = 30"; "B  one spike, b = 150"; "C  ROS after the spike";
                                      "D  nullclines, b = 30 (green dATP/dt = 0, dashed dΔψ/dt = 0)"; "E  nullclines, b = 150"; "F  v_resp (µM/s), b = 30 (0 … 350, red high)" ])
        [ substrates (snd pert.[0]); substrates (snd pert.[1]); panelC; nullclines maps.[0]; nullclines maps.[1]; panelF ]
    |> Chart.withTitle "Chintaluri & Vogels (2023) Fig. S1: a spike's perturbation of the mitochondrion; reaction-rate clamp nullclines"

let data =
    Figure.long [ "spike_*", "ms", "1"; "clamp_*_v_*", "1", "µM/s"; "clamp_*", "1", "1/s" ] [
        for b, r in pert do
            for n, y in [ "ATP", r.Atp; "psi", r.Psi; "NAD", r.Nad; "pyruvate", r.Pyr; "ROS", r.Ros ] do
                yield sprintf "spike_b%.0f" b, n, r.Time |> Seq.map ms, y :> seq<_>
        for b, map in maps do
            for n, a in [ "dATPdt", map.DAtpDt; "dPsidt", map.DPsiDt; "v_ant_uM_s", map.VAnt; "v_atp_uM_s", map.VAtp; "v_resp_uM_s", map.VResp ] do
                let scale = if n.StartsWith "v_" then 1e6 else 1.0
                for j in 0 .. grid.Length - 1 do
                    yield sprintf "clamp_b%.0f_%s" b n, sprintf "psi=%.3f" grid.[j], grid :> seq<_>, Seq.init grid.Length (fun i -> scale * a.[i, j]) ]

Figure.save "ChintaluriVogels2023_FigS1" (1500, 900) chart data
