// Chintaluri & Vogels (2023) PNAS 120:e2306525120 — the toy integrate-and-fire cell with redox-gated channels
// (K-ATP LIF cell). Paper code: ccluri/metabolic_spiking, lifcell.py (LIFCell), fig1.py (single_spike: the spike of
// Fig. 1), fig2_supp.py (double_spike: Fig. S2, t_ref = ISI_min).
//
//   τ_m dV/dt = I_inj − g_L(V − E_L) − ḡ_NaP p r (V − 50) − ḡ_CaT q∞ t² s (V − 125) − ḡ_KATP d (V − E_K) − (g_KA + g_BK)(V − E_K)
//   (mV, ms; τ_m = 20, E_L = −68, E_K = −80), p∞ = 1/(1 + e^{−25(ROS − 0.15)}), r∞ = 1/(1 + e^{(−V − 56)/2}),
//   K-ATP gate d∞ = 1/(1 + e^{25(ATP − 0.5)}) · (1 − 1/(1 + e^{0.5(V + 78)})), τ_d = 250 ms: open at low ATP.
//   Spike at V ≥ −40 mV: V ← 20 mV, then V₂ − 2 mV and r ← 0; refractory timer as the code.
// Panels: A Fig. 1 spike (g_NaP = 1.25, t_ref = 10 ms, Q = 1, ATP = 1, 150 mV·ms⁻¹·τ pulse 150–155 ms);
//         B Fig. S2 double spike (g_NaP = 0.25, t_ref = 6 ms, pulses at 150 and 170 ms);
//         C K-ATP cell (ḡ_KATP = 2, ROS 0.1) at ATP 0.2 and 0.9: a 5 ms kick at 150 ms, a 40 mV step 300–400 ms;
//         D spikes during the step against ATP for ḡ_KATP = 0, 1, 2 (a sweep over ATP × ḡ_KATP).
// Traces keep every 0.01 ms step (the 20 mV peak lasts two steps). Quick mode (THEORY_QUICK=1): 6 ATP levels in D; full: 21.
// Output: paper-figures/out/ChintaluriVogels2023_KatpLif.{html,png,pdf,csv}; CSV panel,series,x,y,x_unit,y_unit.
#load "_Figure.fsx"
open _Figure
open Plotly.NET
open Theory.Metabolic
open Theory.Experiments.Sweeps

let p0 = KatpLifParameters.ChintaluriVogels2023
let pulse a b amp = CurrentPulse(a * 1e-3, b * 1e-3, amp)
let fig1 = KatpLifCell.Simulate(p0.With(gNaP = 1.25, refractoryMs = 10.0, spikeCostParameter = 1.0), 1.0, 0.0, 0.5, [| pulse 150.0 155.0 150.0 |], recordEvery = 1)
let figS2 = KatpLifCell.Simulate(p0.With(gNaP = 0.25, refractoryMs = 6.0, spikeCostParameter = 1.0), 1.0, 0.0, 0.5, [| pulse 150.0 155.0 150.0; pulse 170.0 175.0 150.0 |], recordEvery = 1)
let kick = [| pulse 150.0 155.0 150.0; pulse 300.0 400.0 40.0 |]
let katp = [ for a in [ 0.2; 0.9 ] -> a, KatpLifCell.Simulate(p0.With(gKatp = 2.0), a, 0.1, 0.5, kick, recordEvery = 1) ]
printfn "Fig. 1: %d spike(s) at %A ms; Fig. S2: %d spikes at %A ms" fig1.SpikeTimes.Length (fig1.SpikeTimes |> Array.map ((*) 1e3)) figS2.SpikeTimes.Length (figS2.SpikeTimes |> Array.map ((*) 1e3))
for a, r in katp do printfn "K-ATP (ḡ = 2) at ATP %.1f: %d spikes" a r.SpikeTimes.Length

let atps = if Figure.quick then [| 0.0; 0.2; 0.4; 0.5; 0.6; 1.0 |] else Array.init 21 (fun k -> 0.05 * float k)
let gs = [| 0.0; 1.0; 2.0 |]
let counts =
    let run (pt: SweepPoint) =
        let r = KatpLifCell.Simulate(p0.With(gKatp = pt["g"]), pt["atp"], 0.1, 0.5, kick, recordEvery = 0)
        SweepRow().Add("step_spikes", float (r.SpikeTimes |> Array.filter (fun t -> t >= 0.3 && t < 0.4) |> Array.length))
    let folder = Figure.sweepFolder "ChintaluriVogels2023_KatpLif" (sprintf "%O %A %A" p0 atps gs)
    let res = Sweep.Run(Sweep.Grid [ "g", gs; "atp", atps ], run, folder, tag = "ChintaluriVogels2023_KatpLif")
    [ for gi, g in Array.indexed gs -> g, [| for ai in 0 .. atps.Length - 1 -> (res.Row (gi * atps.Length + ai)).Number "step_spikes" |] ]
for g, c in counts do printfn "ḡ_KATP = %g: step spikes vs ATP %s" g (c |> Array.map (sprintf "%.0f") |> String.concat " ")

let vLine (r: KatpLifRun) name col = Chart.Line(r.Time |> Array.map ((*) 1e3), r.V |> Array.map ((*) 1e3), Name = name, LineColor = Color.fromString col)
let chart =
    Chart.Grid(2, 2, SubPlotTitles = [ "A  Fig. 1 spike"; "B  Fig. S2: two pulses, t_ref = 6 ms"; "C  K-ATP cell (ḡ = 2): ATP 0.2 vs 0.9"; "D  spikes in the 40 mV step vs ATP" ])
        [ vLine fig1 "Fig. 1" "black" |> Chart.withXAxisStyle "t (ms)" |> Chart.withYAxisStyle "V (mV)"
          vLine figS2 "Fig. S2" "gray" |> Chart.withXAxisStyle "t (ms)" |> Chart.withYAxisStyle "V (mV)"
          [ for (a, r), c in List.zip katp [ "#d62728"; "#1f77b4" ] -> vLine r (sprintf "ATP %.1f" a) c ] |> Chart.combine |> Chart.withXAxisStyle "t (ms)" |> Chart.withYAxisStyle "V (mV)"
          [ for g, c in counts -> Chart.Line(atps, c, Name = sprintf "ḡ_KATP = %g" g, ShowMarkers = true) ] |> Chart.combine |> Chart.withXAxisStyle "ATP" |> Chart.withYAxisStyle "spikes in 300–400 ms" ]
    |> Chart.withTitle "Chintaluri & Vogels (2023) LIF cell with redox-gated channels: the K-ATP current silences the cell at low ATP"

let data =
    Figure.long [ "D", "1", "1"; "*", "ms", "mV" ] [
        yield "A", "fig1", fig1.Time |> Seq.map ((*) 1e3), fig1.V |> Seq.map ((*) 1e3)
        yield "B", "figS2", figS2.Time |> Seq.map ((*) 1e3), figS2.V |> Seq.map ((*) 1e3)
        for a, r in katp do yield "C", sprintf "ATP=%.1f" a, r.Time |> Seq.map ((*) 1e3), r.V |> Seq.map ((*) 1e3)
        for g, c in counts do yield "D", sprintf "g_katp=%g" g, atps :> seq<_>, c :> seq<_> ]

Figure.save "ChintaluriVogels2023_KatpLif" (1200, 800) chart data
