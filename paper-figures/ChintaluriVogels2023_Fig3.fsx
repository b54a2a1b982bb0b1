// Chintaluri & Vogels (2023) PNAS 120:e2306525120 — Fig. 3 (dFB neuron; network with metabolic
// spiking homeostasis). Paper code: ccluri/metabolic_spiking, fig3_dfb.py, nw_va.py, fig3_nw.py,
// avalan_props.py.
//
//   dFB neuron: τ_m dV/dt = E_L − V + R_m(I − I_Na − I_KDR − I_A), I_A = Ḡ_A a⁴ c ((1 − f) b + f)(V − E_K);
//   f = 0 awake, f = 0.7 after sleep loss (ROS-oxidized Hyperkinetic: the A-current stops
//   inactivating). 20 pA step from 100 to 1100 ms on a −20 pA hold.
//   Network: N = 10 000 metabolic conductance LIF neurons (80 % E, p = 0.02, w_e = 0.3 g_L,
//   w_i = 5 g_L, A_max = 25 mV, τ_A = 300 ms, K ~ N(200, 50) mV), 3 Hz Poisson input for the
//   first half of 10 s and none after. Avalanches of the input-free half in 1 ms bins; discrete
//   power-law fits (Clauset et al. 2009, x_min by KS) of sizes and durations; branching ratio.
// Panels: A dFB V(t) awake; B dFB V(t) sleep-deprived; C raster (input on → off);
//         D avalanche size CCDF with fit; E duration CCDF with fit.
// Output: paper-figures/out/ChintaluriVogels2023_Fig3.{html,png,pdf,csv}; CSV panel,series,x,y,x_unit,y_unit.
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.Metabolic
open Theory.Numerics
open Theory.Experiments.Metabolic

let dfb = DfbParameters.ChintaluriVogels2023
let awake = DfbNeuron.CurrentClamp(dfb, DfbParameters.AwakeFraction, recordEvery = 20)
let sleepy = DfbNeuron.CurrentClamp(dfb, DfbParameters.SleepDeprivedFraction, recordEvery = 20)

let cfg =
    if Figure.quick then MetabolicNetworkSimulation(N = 1000, Duration = 2.0, Connectivity = 0.2)
    else MetabolicNetworkSimulation()
let net = cfg.Run()
let av = net.Avalanches
printfn "network: %.2f Hz with input, %.2f Hz without; %d avalanches, branching ratio %.3f"
    net.RateWithInputHz net.RateWithoutInputHz av.Sizes.Length av.BranchingRatio

let ccdf (xs: float[]) =
    let s = Array.sort xs
    let n = float s.Length
    s |> Array.mapi (fun i x -> x, (n - float i) / n) |> Array.distinctBy fst
let fitLine (f: PowerLawFit) (xs: float[]) =
    if isNull (box f) then [||], [||]
    else
        let frac = float f.TailCount / float f.SampleCount
        let grid = xs |> Array.filter (fun x -> x >= f.XMin) |> Array.distinct |> Array.sort
        grid, grid |> Array.map (fun x -> frac * f.Survival x)
let sizes = av.Sizes |> Array.map float
let durs = av.DurationBins |> Array.map float
let cs, cd = ccdf sizes, ccdf durs
let fsx, fsy = fitLine net.SizeFit sizes
let fdx, fdy = fitLine net.DurationFit durs
let label (f: PowerLawFit) what =
    if isNull (box f) then what + ": too few avalanches"
    else let ci = f.ConfidenceInterval 0.95 in sprintf "%s: α = %.2f [%.2f, %.2f], x_min = %g" what f.Alpha ci.[0] ci.[1] f.XMin

let ms x = 1e3 * x
let mV x = 1e3 * x
let vTrace (r: DfbRun) name = Chart.Line(r.Time |> Array.map ms, r.V |> Array.map mV, Name = name) |> Chart.withXAxisStyle "t (ms)" |> Chart.withYAxisStyle "V (mV)"
let shown = Array.zip net.SpikeTimes net.SpikeIndices |> Array.filter (fun (_, i) -> i < 500)
let raster =
    Chart.Point(shown |> Array.map (fst >> ms), shown |> Array.map (snd >> float), Name = "spikes (neurons 0–499)", MarkerColor = Color.fromString "black", Marker = TraceObjects.Marker.init (Size = 2))
    |> Chart.withXAxisStyle "t (ms)" |> Chart.withYAxisStyle "neuron"
let logAxes (c: GenericChart) xt yt =
    c
    |> Chart.withXAxis (LayoutObjects.LinearAxis.init (AxisType = StyleParam.AxisType.Log, Title = Title.init xt))
    |> Chart.withYAxis (LayoutObjects.LinearAxis.init (AxisType = StyleParam.AxisType.Log, Title = Title.init yt))
let panelD =
    [ Chart.Point(cs |> Array.map fst, cs |> Array.map snd, Name = "sizes P(S ≥ s)"); Chart.Line(fsx, fsy, Name = label net.SizeFit "size") ]
    |> Chart.combine |> fun c -> logAxes c "size s (spikes)" "P(S ≥ s)"
let panelE =
    [ Chart.Point(cd |> Array.map fst, cd |> Array.map snd, Name = "durations P(T ≥ t)"); Chart.Line(fdx, fdy, Name = label net.DurationFit "duration") ]
    |> Chart.combine |> fun c -> logAxes c "duration (1 ms bins)" "P(T ≥ t)"

let chart =
    Chart.Grid(2, 3, SubPlotTitles = [ "A  dFB awake (f = 0)"; "B  dFB sleep-deprived (f = 0.7)"; "C  network raster"; "D  avalanche sizes"; "E  avalanche durations"; "" ])
        [ vTrace awake "awake"; vTrace sleepy "sleep-deprived"; raster; panelD; panelE; Chart.Invisible() |> GenericChart.mapTrace (fun t -> t.SetProperty("showlegend", false); t) ]
    |> Chart.withTitle (sprintf "Chintaluri & Vogels (2023) Fig. 3: dFB firing %d → %d spikes/s under 20 pA; network (N = %d) σ = %.2f without input"
                            (awake.SpikesIn(0.1, 1.1)) (sleepy.SpikesIn(0.1, 1.1)) cfg.N av.BranchingRatio)

let data =
    Figure.long [ "A", "ms", "mV"; "B", "ms", "mV"; "C", "ms", "1"; "D", "1", "1"; "E", "ms", "1" ] [
        yield "A", "awake", awake.Time |> Seq.map ms, awake.V |> Seq.map mV
        yield "B", "sleep_deprived", sleepy.Time |> Seq.map ms, sleepy.V |> Seq.map mV
        yield "C", "raster", shown |> Seq.map (fst >> ms), shown |> Seq.map (snd >> float)
        yield "D", "size_ccdf", cs |> Seq.map fst, cs |> Seq.map snd
        yield "D", "size_fit", fsx :> seq<_>, fsy :> seq<_>
        yield "E", "duration_ccdf", cd |> Seq.map fst, cd |> Seq.map snd
        yield "E", "duration_fit", fdx :> seq<_>, fdy :> seq<_> ]

Figure.save "ChintaluriVogels2023_Fig3" (1500, 850) chart data
