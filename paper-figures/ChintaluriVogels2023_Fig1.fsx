// Chintaluri & Vogels (2023) PNAS 120:e2306525120 — Fig. 1 (mitochondrial steady states and
// spike compensation). Paper code: ccluri/metabolic_spiking, fig1.py (panels with
// steady_state.py and mitosfns.run_sim).
//
//   Reduced mitochondrial model (Nazaret et al. 2009) at constant ATP demand b
//   (k_ANT = b/1000 per s): steady ATP, normalized ψ = (ΔΨ − 125 mV)/(65 mV), NAD⁺ and
//   R∞ = (ATP·ψ + (1 − ATP)(1 − ψ))³ against b (geometric 1…1000). Spike compensation: regular
//   trains at 2, 5 and 10 Hz with quantum q = 0.1 (spike cost q·Q(t), τ_rise = 5 ms,
//   τ_Q = 100 ms, f_MCU = 1e-3): mean ROS over the last 3/4 of 10 s, against b, with the
//   values stored with the paper's code (10 Hz) for comparison.
// Panels: A steady states vs demand; B ROS with and without spikes vs demand.
// Output: paper-figures/out/ChintaluriVogels2023_Fig1.{html,png,pdf,csv}; CSV panel,series,x,y,x_unit,y_unit.
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.Metabolic

let m = Mitochondrion.ChintaluriVogels2023
let demands = MitochondrialSteadyStates.GeometricDemands(1.0, 1000.0, if Figure.quick then 30 else 100)
let ss = MitochondrialSteadyStates.Sweep(m, demands)
let steady =
    [ "ATP", ss |> Array.map (fun s -> s.State.Atp)
      "ψ", ss |> Array.map (fun s -> s.Psi)
      "NAD⁺", ss |> Array.map (fun s -> s.State.Nad)
      "ROS R∞", ss |> Array.map (fun s -> s.Ros) ]

// spike compensation: every run lasts the paper's 10 s in both modes. The mean over the last 3/4
// of a shorter run still holds the relaxation from the spike-free fixed point onto the spiking
// cycle (≈ 1 s at low demand: at b = 1, 10 Hz, 0.3 s gave 0.597 against 0.519 for 10 s), which
// is what made the quick figure sit above the full one at low demand. A 10 s run costs < 1 s,
// so quick mode keeps the duration and drops rates instead.
let duration = 10.0
let swDemands = MitochondrialSteadyStates.GeometricDemands(1.0, 1000.0, 20)
let rates = if Figure.quick then [ 10.0 ] else [ 2.0; 5.0; 10.0 ]
let sweeps = [ for r in rates -> r, SpikeCompensation.Sweep(r, demands = swDemands, duration = duration) ]
// ccluri/metabolic_spiking spike_compensation/10_0.1_0.001_ros_100.npz (bls = geomspace(1, 1000, 20))
let paperBls = MitochondrialSteadyStates.GeometricDemands(1.0, 1000.0, 20)
let paperRos10 =
    [| 0.5193722335303476; 0.4579656238199154; 0.39361539310828664; 0.32973438248478293; 0.26867065913078525
       0.21175276970428844; 0.16235747182275267; 0.1255208324652242; 0.10071424996511753; 0.0848357736066857
       0.07580877604434332; 0.07897089656571749; 0.12211637584182994; 0.20837105877246617; 0.33255079401855764
       0.4825137385715792; 0.6383453239688158; 0.773676629058974; 0.8658890289034632; 0.9182607845393289 |]

let logX title = LayoutObjects.LinearAxis.init (AxisType = StyleParam.AxisType.Log, Title = Title.init title)
let panelA =
    [ for name, ys in steady -> Chart.Line(demands, ys, Name = name) ]
    |> Chart.combine |> Chart.withXAxis (logX "ATP demand b (k_ANT = b·10⁻³ s⁻¹)") |> Chart.withYAxisStyle "steady state (normalized)"
let panelB =
    [ yield Chart.Line(demands, ss |> Array.map (fun s -> s.Ros), Name = "no spikes (R∞)", LineColor = Color.fromString "black")
      for r, sw in sweeps -> Chart.Line(sw |> Array.map (fun p -> p.Demand), sw |> Array.map (fun p -> p.RosWithSpikes), Name = sprintf "%g Hz" r, ShowMarkers = true)
      yield Chart.Point(paperBls, paperRos10, Name = "paper code, 10 Hz", MarkerSymbol = StyleParam.MarkerSymbol.Cross) ]
    |> Chart.combine |> Chart.withXAxis (logX "ATP demand b") |> Chart.withYAxisStyle "mean ROS"

let chart =
    Chart.Grid(1, 2, SubPlotTitles = [ "A  mitochondrial steady states"; "B  spike compensation (q = 0.1)" ]) [ panelA; panelB ]
    |> Chart.withTitle "Chintaluri & Vogels (2023) Fig. 1: ATP, ψ, NAD⁺ and ROS against ATP demand; spikes lower ROS at low demand"

let data =
    Figure.long [ ("*", "1", "1") ] [
        for name, ys in steady -> "A", name, demands :> seq<_>, ys :> seq<_>
        yield "B", "no spikes", demands :> seq<_>, ss |> Seq.map (fun s -> s.Ros)
        for r, sw in sweeps -> "B", sprintf "%gHz" r, sw |> Seq.map (fun p -> p.Demand), sw |> Seq.map (fun p -> p.RosWithSpikes)
        yield "B", "paper 10Hz", paperBls :> seq<_>, paperRos10 :> seq<_> ]

Figure.save "ChintaluriVogels2023_Fig1" (1300, 500) chart data
