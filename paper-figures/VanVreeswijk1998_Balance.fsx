// Balanced state (van Vreeswijk & Sompolinsky 1996, 1998): as the in-degree K grows with J_ab = j_ab/√K and
// external drive ∝ √K, the rates of an E/I network approach the solution of the linear balance equations.
//   van Vreeswijk C., Sompolinsky H. (1996) Science 274:1724–1726; (1998) Neural Comput. 10:1321–1371.
//
// Left: E and I rates against K — simulations (points, mean ± s.e. over seeds), the finite-K Siegert
// self-consistency ν_a = φ(μ_a, σ_a), μ_a = τ√K(j_aE ν_E − j_aI ν_I + j_aX ν_X), σ_a² = τ(j_aE²ν_E + j_aI²ν_I + j_aX²ν_X)
// (lines; Theory.Experiments.MeanField.BalancedScaling.FiniteK), and the K → ∞ balance solution
// j_aE ν_E − j_aI ν_I + j_aX ν_X = 0 (dotted; Theory.MeanField.BalancedState.LargeK).
// Right: distance √(Δν_E² + Δν_I²) of the simulated and Siegert rates from the balance solution against K (log–log).
// Network: BalancedScaling.Network (j_EE = 2, j_EI = 12, j_IE = 16, j_II = 30, j_EX = 10, j_IX = 8 mV, ν_X = 8 Hz),
// N = 4K LIF neurons (Brunel 2000 membrane, delta synapses) per population, fixed in-degree K from E, from I and
// external; delays in 4 groups over [0.25, 0.75] ms (BalancedScaling.Run defaults); dt = 0.1 ms.
// Full run: K ∈ {100, 200, 400, 800, 1600}, 3 seeds × 1 s; THEORY_QUICK=1: K ∈ {100, 400, 1600}, 1 seed × 0.3 s.
// Output: paper-figures/out/VanVreeswijk1998_Balance.{html,png,pdf,csv} (panel,series,x = K,y = Hz).
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.Experiments.MeanField

let net = BalancedScaling.Network
let ks, seeds, duration, warmup =
    if Figure.quick then [| 100; 400; 1600 |], [| 1UL |], 0.3, 0.1
    else [| 100; 200; 400; 800; 1600 |], [| 1UL; 2UL; 3UL |], 1.0, 0.2
// every (K, seed) network is one point of a sweep on every core, resumable from out/sweeps/
let rows =
    BalancedScaling.Run(net, ks, seeds, duration, warmup,
                        folder = Figure.sweepFolder "VanVreeswijk1998_Balance" (sprintf "%O %A %A %g %g" net ks seeds duration warmup))
// the s.e. over seeds is undefined with one seed (quick mode)
let sem (x: float) = if System.Double.IsNaN x then "n/a" else sprintf "%.2f" x
for r in rows do
    printfn "K = %4d: sim E %.2f ± %s, I %.2f ± %s Hz | Siegert %.2f, %.2f | large K %.2f, %.2f | error %.2f (Siegert %.2f) Hz | CV %.2f χ² E %.4f I %.4f"
        r.K r.RateE (sem r.RateESem) r.RateI (sem r.RateISem) r.SiegertE r.SiegertI r.LargeKE r.LargeKI r.Error r.SiegertError r.Runs[0].CvE r.Runs[0].SynchronyE r.Runs[0].SynchronyI

let kCurve = [| for e in 2.0 .. 0.05 .. 4.4 -> 10.0 ** e |]
let siegert = kCurve |> Array.map (fun k -> BalancedScaling.FiniteK(net, k))
let kx = rows |> Array.map (fun r -> float r.K)
let err (x: float) = if System.Double.IsNaN x then 0.0 else x
let cE, cI = "#d62728", "#1f77b4"

let left =
    [ Chart.Point(kx, rows |> Array.map (fun r -> r.RateE), Name = "E simulated")
      |> Chart.withMarkerStyle (Size = 10, Color = Color.fromString cE)
      |> Chart.withYErrorStyle (Array = (rows |> Array.map (fun r -> err r.RateESem)))
      Chart.Point(kx, rows |> Array.map (fun r -> r.RateI), Name = "I simulated")
      |> Chart.withMarkerStyle (Size = 10, Color = Color.fromString cI)
      |> Chart.withYErrorStyle (Array = (rows |> Array.map (fun r -> err r.RateISem)))
      Chart.Line(kCurve, siegert |> Array.map (fun v -> v[0]), Name = "E Siegert (finite K)", LineColor = Color.fromString cE)
      Chart.Line(kCurve, siegert |> Array.map (fun v -> v[1]), Name = "I Siegert (finite K)", LineColor = Color.fromString cI)
      Chart.Line([ kCurve[0]; Array.last kCurve ], [ rows[0].LargeKE; rows[0].LargeKE ], Name = "E balance (K → ∞)", LineColor = Color.fromString cE, LineDash = StyleParam.DrawingStyle.Dot)
      Chart.Line([ kCurve[0]; Array.last kCurve ], [ rows[0].LargeKI; rows[0].LargeKI ], Name = "I balance (K → ∞)", LineColor = Color.fromString cI, LineDash = StyleParam.DrawingStyle.Dot) ]
    |> Chart.combine
    |> Chart.withXAxisStyle ("K", AxisType = StyleParam.AxisType.Log)
    |> Chart.withYAxisStyle "rate (Hz)"

let siegertErr = siegert |> Array.map (fun v -> sqrt ((v[0] - rows[0].LargeKE) ** 2.0 + (v[1] - rows[0].LargeKI) ** 2.0))
let right =
    [ Chart.Point(kx, rows |> Array.map (fun r -> r.Error), Name = "simulation: |ν − ν<sub>∞</sub>|")
      |> Chart.withMarkerStyle (Size = 10, Color = Color.fromString "black")
      Chart.Line(kCurve, siegertErr, Name = "Siegert: |ν − ν<sub>∞</sub>|", LineColor = Color.fromString "gray")
      Chart.Line(kCurve, kCurve |> Array.map (fun k -> siegertErr[0] * sqrt (kCurve[0] / k)), Name = "∝ 1/√K", LineColor = Color.fromString "gray", LineDash = StyleParam.DrawingStyle.Dash) ]
    |> Chart.combine
    |> Chart.withXAxisStyle ("K", AxisType = StyleParam.AxisType.Log)
    |> Chart.withYAxisStyle ("distance from balance (Hz)", AxisType = StyleParam.AxisType.Log)

let chart =
    Chart.Grid(1, 2) [ left; right ]
    |> Chart.withTitle "Balanced state: rates approach the K → ∞ balance solution (J ∝ 1/√K, drive ∝ √K)"

let data =
    Figure.long [ ("*", "1", "Hz") ] [
        "rates", "E simulated", Seq.ofArray kx, rows |> Seq.map (fun r -> r.RateE)
        "rates", "I simulated", Seq.ofArray kx, rows |> Seq.map (fun r -> r.RateI)
        "rates", "E Siegert", Seq.ofArray kCurve, siegert |> Seq.map (fun v -> v[0])
        "rates", "I Siegert", Seq.ofArray kCurve, siegert |> Seq.map (fun v -> v[1])
        "error", "simulation", Seq.ofArray kx, rows |> Seq.map (fun r -> r.Error)
        "error", "Siegert", Seq.ofArray kCurve, Seq.ofArray siegertErr ]

Figure.save "VanVreeswijk1998_Balance" (1300, 550) chart data
