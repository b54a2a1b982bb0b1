// Chintaluri & Vogels (2023) PNAS 120:e2306525120 — Fig. 5 (cortical network with metabolic
// spiking homeostasis: sustained avalanches without input). Paper code: ccluri/metabolic_spiking,
// nw_va.py (single_run) and fig3_nw.py (the code's "Figure3_nw"; the PNAS paper's Fig. 5).
//
//   N = 10 000 metabolic conductance LIF neurons (80 % E, p = 0.02, w_e = 0.3 g_L, w_i = 5 g_L,
//   A_max = 25 mV, τ_A = 300 ms, K ~ N(200, 50) mV), 3 Hz Poisson input for the first half of
//   10 s and none after, seed 20. Metabolic current A_max·M with M∞ = 2/(1 + e^{−8(frac − 1)}) − 1,
//   frac = 2K/(K + I_e − I_i) = 2/(1 + x), x = ⟨ATP_syn⟩ relative to the budget K.
//   Avalanches in 1 ms bins, the paper's analysis (avalan_props.py): sizes and durations (ms) + 1,
//   α = 1 + n/Σ ln(x/0.5) (powerlaw 1.4.6, discrete, x_min = 1). The paper prints α_D = 1.41,
//   α_S = 1.29 (one realization); 20 seeds of ours give 1.413 ± 0.003 and 1.288 ± 0.003 (docs/MODELS.md).
// Panels: A I_metabolic against x; B population activity; C raster around the input switch-off;
//         D excitatory / inhibitory current of neuron 0; E its net, metabolic and synaptic currents
//         (5 ms running mean); F rate, G ISI, H CV of ISI histograms (input / no input halves);
//         I M across neurons at t = T/2 and T (the paper histograms M at the spikes);
//         J P(D), K P(S) of the input-free half (log-binned, +1 values) with the fitted power law;
//         L avalanche size against duration.
// Quick mode (THEORY_QUICK=1): N = 1000, p = 0.2, 2 s. Full mode: the paper's network (≈ 15 s).
// Legend: every entry drawn differently (single-curve panels A–C are named by their titles, not the legend).
// Output: paper-figures/out/ChintaluriVogels2023_Fig5.{html,png,pdf,csv}; CSV panel,series,x,y,x_unit,y_unit.
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.Metabolic
open Theory.Numerics
open Theory.Experiments.Metabolic

let cfg =
    if Figure.quick then MetabolicNetworkSimulation(N = 1000, Duration = 2.0, Connectivity = 0.2)
    else MetabolicNetworkSimulation()
let circuit = cfg.Build()
let net, pop = circuit.Net, circuit.Neurons
let spikes = net.MonitorSpikes pop
let traced = [| 0 |]
let mon name = net.MonitorState(pop, name, traced)
let vMon, geMon, giMon, mMon = mon "v", mon "g_exc", mon "g_inh", mon "m"
let mAll = net.MonitorState(pop, "m", Array.init cfg.N id, cfg.Duration / 2.0)
net.Run cfg.Duration
printfn "network: %.1f s simulated in %.1f s" cfg.Duration net.LastRunSeconds

let T, half = cfg.Duration, cfg.Duration / 2.0
let times, idx = spikes.Times, spikes.Indices
let ms x = 1e3 * x
let lif = Theory.Spiking.LifParameters.VogelsAbbott2005
let metabolic = Theory.Spiking.MetabolicLifParameters.ChintaluriVogels2023
let nA (mV: float) = mV / 100.0 // the code's axis: mV across the 100 MΩ leak resistance, in nA

// A: the metabolic current against x = ⟨ATP_syn⟩/K
let xs = Array.init 100 (fun i -> 10.0 ** (-1.0 + 2.0 * float i / 99.0))
let minf x = 2.0 / (1.0 + exp (-8.0 * (2.0 / (1.0 + x) - 1.0))) - 1.0
let iMet = xs |> Array.map (fun x -> nA (1e3 * metabolic.DriveAmplitude * minf x))

// B: population activity in 1 ms bins (Hz per neuron)
let counts = Avalanches.Bin(times, T, 1e-3)
let popT = Array.init counts.Length (fun b -> ms (float (b + 1) * 1e-3))
let popRate = counts |> Array.map (fun c -> float c / float cfg.N / 1e-3)

// C: raster in a window of 0.1 T around the switch-off (as the paper's 0.475…0.575 T)
let w0, w1 = 0.475 * T, 0.575 * T
let shownN = min cfg.N 1000
let shown = Array.zip times idx |> Array.filter (fun (t, i) -> t >= w0 && t < w1 && i < shownN)

// D, E: currents of neuron 0 (mV units of the code: (g/g_L)(E − V)), then in nA
let tTr = vMon.Times |> Array.map ms
let v, ge, gi, mTr = vMon.Values.[0], geMon.Values.[0], giMon.Values.[0], mMon.Values.[0]
let gL = lif.LeakConductance
let ie = Array.init v.Length (fun k -> nA (1e3 * ge.[k] / gL * (0.0 - v.[k])))
let ii = Array.init v.Length (fun k -> nA (1e3 * gi.[k] / gL * (-0.080 - v.[k])))
let im = mTr |> Array.map (fun m -> nA (1e3 * metabolic.DriveAmplitude * m))
let running (n: int) (a: float[]) = Array.init a.Length (fun k -> let lo = max 0 (k - n + 1) in Array.average a.[lo .. k])
let steps5ms = int (round (0.005 / cfg.Dt))
let syn = Array.map2 (+) ie ii
let netI = Array.map2 (+) syn im
let inWindow = tTr |> Array.map (fun t -> t >= ms w0 && t < ms w1)
let sel (a: float[]) = Array.zip tTr a |> Array.filter (fun (t, _) -> t >= ms w0 && t < ms w1) |> fun p -> Array.map fst p, Array.map snd p

// F–H: per-neuron rates, ISIs, CVs in each half
let perNeuron (lo: float) (hi: float) =
    let trains = Array.init cfg.N (fun _ -> ResizeArray<float>())
    for t, i in Array.zip times idx do if t >= lo && t < hi then trains.[i].Add t
    let rates = trains |> Array.map (fun tr -> float tr.Count / (hi - lo))
    let isis = trains |> Array.collect (fun tr -> Array.pairwise (tr.ToArray()) |> Array.map (fun (a, b) -> ms (b - a)))
    let cvs =
        trains |> Array.choose (fun tr ->
            let d = Array.pairwise (tr.ToArray()) |> Array.map (fun (a, b) -> b - a)
            if d.Length < 2 then None
            else let m = Array.average d in Some (sqrt (d |> Array.averageBy (fun x -> (x - m) ** 2.0)) / m))
    rates, isis, cvs
let rIn, isiIn, cvIn = perNeuron 0.0 half
let rOut, isiOut, cvOut = perNeuron half T
let hist (edges: float[]) (v: float[]) =
    let c = Array.zeroCreate (edges.Length - 1)
    // values outside [first edge, last edge) are not counted (e.g. an M below −2)
    for x in v do
        if x >= edges.[0] && x < edges.[edges.Length - 1] then
            let k = Array.findIndexBack (fun e -> e <= x) edges
            c.[k] <- c.[k] + 1.0
    let n = max 1.0 (Array.sum c)
    edges.[.. edges.Length - 2], c |> Array.map (fun x -> 100.0 * x / n)
let rateEdges = Array.init 41 float
let isiEdges = Array.init 30 (fun k -> 10.0 ** (3.1 * float k / 29.0))
let cvEdges = Array.init 30 (fun k -> 3.0 * float k / 29.0)
let mEdges = Array.init 31 (fun k -> -2.0 + 0.1 * float k)
let mSamples = mAll.Values |> Array.map (fun s -> s) // [neuron][sample]
let mAt k = mSamples |> Array.map (fun s -> s.[min k (s.Length - 1)])
let mMid, mEnd = mAt 0, mAt 1

// J–L: avalanches of the input-free half, the paper's analysis
let second = times |> Array.filter (fun t -> t >= half) |> Array.map (fun t -> t - half)
let av = Avalanches.FromSpikes(second, half, 1e-3)
let ok = av.Sizes.Length >= 2 && (Array.distinct av.Sizes).Length > 1 && (Array.distinct av.DurationBins).Length > 1
let fitS, fitD = if ok then (let f = Avalanches.PaperFits av in f.Size, f.Duration) else Unchecked.defaultof<_>, Unchecked.defaultof<_>
printfn "input-free half: %d avalanches, σ = %.3f%s" av.Sizes.Length av.BranchingRatio
    (if ok then sprintf ", α_S = %.3f, α_D = %.3f (paper's analysis; paper: 1.29, 1.41)" fitS.Alpha fitD.Alpha else "")
let logPdf (v: float[]) =
    if v.Length = 0 then [||], [||]
    else
        let top = Array.max v
        let edges = Array.unfold (fun e -> if e > top * 1.5 then None else Some (e, e * 1.5)) 1.0
        let edges = Array.append edges [| edges.[edges.Length - 1] * 1.5 |]
        Array.pairwise edges
        |> Array.choose (fun (a, b) ->
            let c = v |> Array.filter (fun x -> x >= a && x < b) |> Array.length
            let width = float (int (ceil b) - int (ceil a)) // integers in [a, b)
            if c = 0 || width <= 0.0 then None else Some (sqrt (a * b), float c / float v.Length / width))
        |> fun p -> Array.map fst p, Array.map snd p
let shiftedS = av.Sizes |> Array.map (fun s -> float s + 1.0)
let shiftedD = av.DurationBins |> Array.map (fun d -> float d + 1.0)
let pdS, pdD = logPdf shiftedS, logPdf shiftedD
let line (f: PowerLawFit) (v: float[]) =
    if not ok || v.Length = 0 then [||], [||]
    else
        let z = PowerLaw.HurwitzZeta(f.Alpha, 1.0)
        let g = [| 2.0; Array.max v |]
        g, g |> Array.map (fun x -> x ** -f.Alpha / z)

let logX t = LayoutObjects.LinearAxis.init (AxisType = StyleParam.AxisType.Log, Title = Title.init t)
let logY t = LayoutObjects.LinearAxis.init (AxisType = StyleParam.AxisType.Log, Title = Title.init t)
let gold, black = Color.fromString "#e6ab02", Color.fromString "black"
let panelA =
    Chart.Line(xs, iMet, Name = "I_metabolic", ShowLegend = false, LineColor = Color.fromString "#d95f02")
    |> Chart.withXAxis (logX "x = ⟨ATP_syn⟩/K") |> Chart.withYAxisStyle "I_metabolic (nA)"
let panelB =
    Chart.Line(popT, popRate, Name = "population activity", ShowLegend = false, LineColor = Color.fromString "gray")
    |> Chart.withXAxisStyle "t (ms) — input on for t < T/2" |> Chart.withYAxisStyle "pop. act. (Hz)"
let panelC =
    Chart.Point(shown |> Array.map (fst >> ms), shown |> Array.map (snd >> float), Name = "spikes", ShowLegend = false, MarkerColor = black, Marker = TraceObjects.Marker.init (Size = 2))
    |> Chart.withXAxisStyle "t (ms)" |> Chart.withYAxisStyle "neuron"
let panelD =
    [ Chart.Line(sel ie |> fst, sel ie |> snd, Name = "excitatory", LineColor = Color.fromString "#f04e4d")
      Chart.Line(sel ii |> fst, sel ii |> snd, Name = "inhibitory", LineColor = Color.fromString "#3465a4") ]
    |> Chart.combine |> Chart.withXAxisStyle "t (ms)" |> Chart.withYAxisStyle "current (nA)"
let panelE =
    [ Chart.Line(sel (running steps5ms netI) |> fst, sel (running steps5ms netI) |> snd, Name = "net", LineColor = Color.fromString "gray")
      Chart.Line(sel (running steps5ms im) |> fst, sel (running steps5ms im) |> snd, Name = "metabolic", LineColor = Color.fromString "#d95f02")
      Chart.Line(sel (running steps5ms syn) |> fst, sel (running steps5ms syn) |> snd, Name = "synaptic", LineColor = Color.fromString "#7D26CD") ]
    |> Chart.combine |> Chart.withXAxisStyle "t (ms)" |> Chart.withYAxisStyle "current (nA, 5 ms mean)"
/// The two halves' histograms, gold and black in every panel F–I; the legend lists them once (from panel F).
let histPanel edges a b xt legend =
    let x1, y1 = hist edges a
    let x2, y2 = hist edges b
    [ Chart.Line(x1, y1, Name = "histogram, input on (t < T/2; I: M at T/2)", LineColor = gold, ShowLegend = legend)
      Chart.Line(x2, y2, Name = "histogram, no input (t ≥ T/2; I: M at T)", LineColor = black, ShowLegend = legend) ]
    |> Chart.combine |> Chart.withXAxisStyle xt |> Chart.withYAxisStyle "%"
let panelF = histPanel rateEdges rIn rOut "rate (Hz)" true
let panelG = histPanel isiEdges isiIn isiOut "ISI (ms)" false |> Chart.withXAxis (logX "ISI (ms)")
let panelH = histPanel cvEdges cvIn cvOut "CV ISI" false
let panelI = histPanel mEdges mMid mEnd "M at T/2 (gold), T (black)" false
// the two fits are told apart by colour and dash (D: solid green, S: dashed magenta; neither colour is used by
// another legend entry) and by their legend names
let pdfPanel (px: float[], py: float[]) (lx: float[], ly: float[]) (f: PowerLawFit) what xt (colour: Color) dash =
    [ Chart.Point(px, py, Name = what, MarkerColor = black, ShowLegend = false)
      Chart.Line(lx, ly, Name = (if ok then sprintf "fit to P(%s): α_%s = %.2f" what what f.Alpha else sprintf "P(%s): no fit" what),
                 LineColor = colour, LineDash = dash) ]
    |> Chart.combine |> Chart.withXAxis (logX xt) |> Chart.withYAxis (logY ("P(" + what + ")"))
let panelJ = pdfPanel pdD (line fitD shiftedD) fitD "D" "duration + 1 (ms)" (Color.fromString "#1b9e77") StyleParam.DrawingStyle.Solid
let panelK = pdfPanel pdS (line fitS shiftedS) fitS "S" "size + 1" (Color.fromString "#e7298a") StyleParam.DrawingStyle.Dash
let panelL =
    Chart.Point(av.DurationBins |> Array.map float, av.Sizes |> Array.map float, Name = "avalanches", MarkerColor = black, ShowLegend = false)
    |> Chart.withXAxis (logX "duration (ms)") |> Chart.withYAxis (logY "size")

let chart =
    Chart.Grid(3, 4, SubPlotTitles = [ "A  metabolic current"; "B  population activity"; "C  raster"; "D  synaptic currents (neuron 0)"
                                       "E  net / metabolic / synaptic"; "F  rates"; "G  ISI"; "H  CV ISI"
                                       "I  M across neurons"; "J  P(D)"; "K  P(S)"; "L  size vs duration" ])
        [ panelA; panelB; panelC; panelD; panelE; panelF; panelG; panelH; panelI; panelJ; panelK; panelL ]
    |> Chart.withTitle (sprintf "Chintaluri & Vogels (2023) Fig. 5: N = %d, activity without input %.2f Hz, σ = %.3f%s"
                            cfg.N (float second.Length / float cfg.N / half) av.BranchingRatio
                            (if ok then sprintf ", α_D = %.2f, α_S = %.2f (paper 1.41, 1.29)" fitD.Alpha fitS.Alpha else ""))

let data =
    Figure.long [ "A", "1", "nA"; "B", "ms", "Hz"; "C", "ms", "1"; "D", "ms", "nA"; "E", "ms", "nA"; "F", "Hz", "%"; "G", "ms", "%"; "H", "1", "%"; "I", "1", "%"; "J", "ms", "1"; "K", "1", "1"; "L", "ms", "1" ] [
        yield "A", "I_metabolic_nA", xs :> seq<_>, iMet :> seq<_>
        yield "B", "population_Hz", popT :> seq<_>, popRate :> seq<_>
        yield "C", "raster", shown |> Seq.map (fst >> ms), shown |> Seq.map (snd >> float)
        yield "D", "I_exc_nA", tTr :> seq<_>, ie :> seq<_>
        yield "D", "I_inh_nA", tTr :> seq<_>, ii :> seq<_>
        yield "E", "I_metabolic_nA", tTr :> seq<_>, im :> seq<_>
        for name, edges, a, b in [ "F_rate", rateEdges, rIn, rOut; "G_isi", isiEdges, isiIn, isiOut; "H_cv", cvEdges, cvIn, cvOut; "I_M", mEdges, mMid, mEnd ] do
            let x1, y1 = hist edges a
            let x2, y2 = hist edges b
            yield name.Substring(0, 1), name + "_input", x1 :> seq<_>, y1 :> seq<_>
            yield name.Substring(0, 1), name + "_no_input", x2 :> seq<_>, y2 :> seq<_>
        yield "J", "P_D", fst pdD :> seq<_>, snd pdD :> seq<_>
        yield "J", "fit_D", fst (line fitD shiftedD) :> seq<_>, snd (line fitD shiftedD) :> seq<_>
        yield "K", "P_S", fst pdS :> seq<_>, snd pdS :> seq<_>
        yield "K", "fit_S", fst (line fitS shiftedS) :> seq<_>, snd (line fitS shiftedS) :> seq<_>
        yield "L", "size_vs_duration", av.DurationBins |> Seq.map float, av.Sizes |> Seq.map float ]

Figure.save "ChintaluriVogels2023_Fig5" (1600, 1100) chart data
