// Chintaluri & Vogels (2023) PNAS 120:e2306525120 — Fig. 4 (fruit-fly dorsal fan-shaped body
// neuron with a ROS-sensitive A-type K⁺ current). Paper code: ccluri/metabolic_spiking, fig3_dfb.py
// (the code's "Figure3_dfb"; the PNAS paper's Fig. 4, panels c–f; a, b are schematics).
//
//   ROS: R∞ = (ATP ψ + (1 − ATP)(1 − ψ))³ at the mitochondrial steady state of demand b; miniSOG
//   R∞ + 0.1, AOX R∞/1.15³ (gates.minisog_inf, aox_inf), drawn solid inside the window of
//   fig3_dfb.ros_ss (b = geomspace(1, 1000, 100)[49…71]) and dash-dotted outside. The code draws
//   the AOX curve shifted down by 0.05 for legibility; we draw the values.
//   dFB neuron: τ_m dV/dt = E_L − V + R_m(I − I_Na − I_KDR − I_A), I_A = Ḡ_A a⁴ c ((1 − f) b + f)(V − E_K);
//   f = 0 inactivating (awake), f = 0.7 non-inactivating (sleep loss oxidizes Hyperkinetic).
// Panels: A ROS against demand (control, miniSOG, AOX); B A-current under a step −60 → +30 mV,
//         normalized to the larger peak; C, D current clamp 20 pA (−20 pA hold) for f = 0, 0.7;
//         E, F A-type and non-A-type (K_DR) currents from 150 to 400 ms, stacked, normalized to the
//         largest total (the code also draws the Na⁺ h gate, not recorded here).
// Quick and full mode are the same (≈ 2 s of simulation).
// Output: paper-figures/out/ChintaluriVogels2023_Fig4.{html,png,pdf,csv}; CSV panel,series,x,y,x_unit,y_unit.
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.Metabolic

let m = Mitochondrion.ChintaluriVogels2023
let bls = MitochondrialSteadyStates.GeometricDemands(1.0, 1000.0, 100)
let ss = MitochondrialSteadyStates.Sweep(m, bls)
let control = ss |> Array.map (fun s -> Ros.Steady(s.State.Atp, s.Psi))
let minisog = ss |> Array.map (fun s -> DfbNeuron.MiniSogSteady(s.State.Atp, s.Psi))
let aox = ss |> Array.map (fun s -> DfbNeuron.AoxSteady(s.State.Atp, s.Psi))
let inside = [| 49 .. 71 |]

let p = DfbParameters.ChintaluriVogels2023
let vcAwake = DfbNeuron.AVoltageClamp(p, DfbParameters.AwakeFraction)
let vcSleep = DfbNeuron.AVoltageClamp(p, DfbParameters.SleepDeprivedFraction)
let vcMax = max (Array.max vcAwake.IA) (Array.max vcSleep.IA)
let awake = DfbNeuron.CurrentClamp(p, DfbParameters.AwakeFraction, recordEvery = 10)
let sleepy = DfbNeuron.CurrentClamp(p, DfbParameters.SleepDeprivedFraction, recordEvery = 10)
printfn "20 pA for 1 s: %d spikes (f = 0), %d spikes (f = 0.7)" (awake.SpikesIn(0.1, 1.1)) (sleepy.SpikesIn(0.1, 1.1))

let ms x = 1e3 * x
// every legend entry drawn differently: f = 0.7 is purple (black is the control of A); the stacked K currents of
// E and F are named once in the legend (from E)
let orange, black, purple = Color.fromString "#ff8c00", Color.fromString "black", Color.fromString "#6a3d9a"
let logX t = LayoutObjects.LinearAxis.init (AxisType = StyleParam.AxisType.Log, Title = Title.init t)
let panelA =
    [ Chart.Line(bls, control, Name = "control (outside window)", LineColor = black, LineDash = StyleParam.DrawingStyle.DashDot)
      Chart.Line(inside |> Array.map (fun i -> bls.[i]), inside |> Array.map (fun i -> control.[i]), Name = "control", LineColor = black)
      Chart.Line(inside |> Array.map (fun i -> bls.[i]), inside |> Array.map (fun i -> minisog.[i]), Name = "miniSOG", LineColor = Color.fromString "#3b8bd8")
      Chart.Line(inside |> Array.map (fun i -> bls.[i]), inside |> Array.map (fun i -> aox.[i]), Name = "AOX", LineColor = Color.fromString "#e8484f") ]
    |> Chart.combine |> Chart.withXAxis (logX "non-spiking cost b (k_ANT = b·10⁻³ s⁻¹)") |> Chart.withYAxisStyle "ROS level"
let panelB =
    [ Chart.Line(vcAwake.Time |> Array.map ms, vcAwake.IA |> Array.map (fun i -> i / vcMax), Name = "inactivating (f = 0)", LineColor = orange)
      Chart.Line(vcSleep.Time |> Array.map ms, vcSleep.IA |> Array.map (fun i -> i / vcMax), Name = "non-inactivating (f = 0.7)", LineColor = purple) ]
    |> Chart.combine |> Chart.withXAxisStyle "t (ms), step −60 → +30 mV at 0.5 ms" |> Chart.withYAxisStyle "norm. A-current"
let vPanel (r: DfbRun) col name =
    Chart.Line(r.Time |> Array.map ms, r.V |> Array.map ms, Name = name, LineColor = col, ShowLegend = false)
    |> Chart.withXAxisStyle "t (ms)" |> Chart.withYAxisStyle "V (mV)"
let zoom (r: DfbRun) =
    let k = r.Time |> Array.mapi (fun i t -> i, t) |> Array.filter (fun (_, t) -> t >= 0.15 && t <= 0.4) |> Array.map fst
    let total = k |> Array.map (fun i -> r.IA.[i] + r.IKdr.[i])
    let mx = Array.max total
    let t = k |> Array.map (fun i -> ms r.Time.[i])
    t, k |> Array.map (fun i -> r.IKdr.[i] / mx), total |> Array.map (fun v -> v / mx)
let kPanel (r: DfbRun) (legend: bool) =
    let t, kdr, tot = zoom r
    [ Chart.Area(t, kdr, Name = "non A-type (K_DR), normalised", LineColor = Color.fromString "#d4bde9", ShowLegend = legend)
      Chart.Line(t, tot, Name = "A-type (stacked on K_DR)", LineColor = Color.fromString "#9d65d0", Fill = StyleParam.Fill.ToNext_y, ShowLegend = legend) ]
    |> Chart.combine |> Chart.withXAxisStyle "t (ms)" |> Chart.withYAxisStyle "norm. K current"

let chart =
    Chart.Grid(3, 2, SubPlotTitles = [ "A  ROS vs non-spiking cost"; "B  A-type K⁺ channel (voltage step)"
                                       sprintf "C  current clamp 20 pA, f = 0: %d spikes" (awake.SpikesIn(0.1, 1.1))
                                       sprintf "D  current clamp 20 pA, f = 0.7: %d spikes" (sleepy.SpikesIn(0.1, 1.1))
                                       "E  K currents, f = 0 (dark: A-type, light: K_DR)"; "F  K currents, f = 0.7" ])
        [ panelA; panelB; vPanel awake orange "f = 0"; vPanel sleepy purple "f = 0.7"; kPanel awake true; kPanel sleepy false ]
    |> Chart.withTitle "Chintaluri & Vogels (2023) Fig. 4: a non-inactivating (ROS-oxidized) A-current makes the dFB neuron fire more"

let data =
    Figure.long [ "A", "1", "1"; "C", "ms", "mV"; "D", "ms", "mV"; "*", "ms", "1" ] [
        yield "A", "control", bls :> seq<_>, control :> seq<_>
        yield "A", "miniSOG", bls :> seq<_>, minisog :> seq<_>
        yield "A", "AOX", bls :> seq<_>, aox :> seq<_>
        yield "B", "inactivating", vcAwake.Time |> Seq.map ms, vcAwake.IA |> Seq.map (fun i -> i / vcMax)
        yield "B", "non_inactivating", vcSleep.Time |> Seq.map ms, vcSleep.IA |> Seq.map (fun i -> i / vcMax)
        yield "C", "V_f0", awake.Time |> Seq.map ms, awake.V |> Seq.map ms
        yield "D", "V_f0.7", sleepy.Time |> Seq.map ms, sleepy.V |> Seq.map ms
        for name, r in [ "E", awake; "F", sleepy ] do
            let t, kdr, tot = zoom r
            yield name, "K_DR_norm", t :> seq<_>, kdr :> seq<_>
            yield name, "total_norm", t :> seq<_>, tot :> seq<_> ]

Figure.save "ChintaluriVogels2023_Fig4" (1200, 1100) chart data
