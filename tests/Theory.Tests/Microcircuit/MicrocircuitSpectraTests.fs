/// Population-rate spectra of the microcircuit against the finite-size linear-response prediction (issue #16; Bos,
/// Diesmann & Helias 2016, PLoS Comput Biol 12:e1005132, Fig. 1E): default suite the scale-0.1 network against its own
/// prediction, crosscheck the full network. Tolerances from the standard error of the segment average (Welch, 0.5 s
/// segments) plus a stated model error; the bands where linear response fails are asserted as such (docs/MODELS.md).
module Theory.Tests.Microcircuit.MicrocircuitSpectraTests

open System
open Expecto
open Theory.MeanField
open Theory.Experiments.MeanField
open Theory.Experiments.Networks

let private names = MicrocircuitParameters.Names |> Seq.toArray
let private band (r: MicrocircuitSpectrumRow) lo = r.Bands |> Array.find (fun b -> b.Low = lo)

/// |sim − pred| ≤ 3 s.e. + modelError · pred in the band starting at `lo` Hz, for every population.
let private expectBand (rows: MicrocircuitSpectrumRow[]) lo modelError =
    for r in rows do
        let b = band r lo
        let tol = 3.0 * b.SimulatedSe + modelError * b.Predicted
        if not (abs (b.Simulated - b.Predicted) <= tol) then
            failtestf "%s %g-%g Hz: simulated %.4g ± %.3g, predicted %.4g Hz^2/Hz (ratio %.2f, z %.1f), |error| > %.3g"
                r.Population b.Low b.High b.Simulated b.SimulatedSe b.Predicted b.Ratio b.Z tol

let private median (xs: float[]) = let s = Array.sort xs in 0.5 * (s.[(s.Length - 1) / 2] + s.[s.Length / 2])

[<Tests>]
let tests =
    testList "Microcircuit.Spectra" [
        test "scale 0.1, 2 s: low-frequency band agrees; the predicted 48 Hz instability is the simulated peak; linear response overshoots it" {
            let r = MicrocircuitSimulation(0.1, 2.0, 0.3, 1UL, BlockLength = 0.1, RecordSpikes = false).Run()
            let c = MicrocircuitSpectra.Compare(r, 0.5)
            printfn "%s" (MicrocircuitSpectra.Table c)
            Expect.equal c.Segments 4 "4 segments of 0.5 s"
            // 1–20 Hz: the density there is ≈ ν CV² |[(1 − M(0))⁻¹]|² / N, each factor known to ≈ 25–30 % at this
            // scale (the rates' model error, MicrocircuitTests); 50 % model error plus 3 s.e. of the 4-segment mean
            expectBand c.Rows 1.0 0.5
            // the theory's stationary state is linearly unstable at this scale (w/√s weights): a complex pair with
            // Re λ ≈ +15 /s at ≈ 48 Hz; the simulated spectra peak there (median over populations), within the
            // display smoothing (±2 bins = ±4 Hz) + one bin (2 Hz) + Re λ/2π (2.3 Hz) ≈ 8 Hz
            let st = NetworkPrediction.Analyze(MicrocircuitPopulationModel.From r.Model, c.Rates)
            Expect.isFalse st.Stability.Stable "predicted unstable at scale 0.1"
            let f0 = abs st.Stability.DominantEigenvalue.Imaginary / (2.0 * Math.PI)
            Expect.isTrue (f0 > 40.0 && f0 < 56.0) (sprintf "eigenfrequency %.1f Hz" f0)
            let peak = median (c.Rows |> Array.map (fun x -> x.PeakSimulatedHz))
            Expect.isLessThanOrEqual (abs (peak - f0)) 8.0 (sprintf "median simulated peak %.1f Hz vs predicted %.1f Hz" peak f0)
            // where linear response fails: near the instability the linear theory has (1 − M)⁻¹ → ∞ and overshoots the
            // saturated simulated oscillation; measured sim/pred = 0.13–0.42 in 20–60 Hz (docs/MODELS.md)
            for x in c.Rows do
                let b = band x 20.0
                Expect.isLessThan b.Ratio 0.5 (sprintf "%s 20-60 Hz: sim/pred %.2f (linear theory overshoots)" x.Population b.Ratio) }
        test "Bos et al.'s variant, scale 0.1, 2 s: damped ≈ 38 Hz mode; low band agrees; the peak band bracketed by the two linear responses" {
            let r = MicrocircuitSimulation(0.1, 2.0, 0.3, 1UL, BlockLength = 0.1, RecordSpikes = false, Bos2016 = true).Run()
            let both = MicrocircuitSpectra.Compare(r, 0.5)
            let only = MicrocircuitSpectra.Compare(r, 0.5, response = LinearResponse.MeanOnly)
            printfn "%s" (MicrocircuitSpectra.Table both)
            // the downscaled variant is predicted stable (unlike Potjans & Diesmann's at this scale), least damped pair
            // Re λ ≈ −16 /s at ≈ 38 Hz; the simulated spectra peak there (median; tolerance as above)
            let st = NetworkPrediction.Analyze(MicrocircuitPopulationModel.From r.Model, both.Rates)
            Expect.isTrue st.Stability.Stable "predicted stable at scale 0.1"
            let f0 = abs st.Stability.DominantEigenvalue.Imaginary / (2.0 * Math.PI)
            Expect.isTrue (f0 > 34.0 && f0 < 42.0) (sprintf "eigenfrequency %.1f Hz" f0)
            let peak = median (both.Rows |> Array.map (fun x -> x.PeakSimulatedHz))
            Expect.isLessThanOrEqual (abs (peak - f0)) 8.0 (sprintf "median simulated peak %.1f Hz vs predicted %.1f Hz" peak f0)
            expectBand both.Rows 1.0 0.5
            // 20–60 Hz (the peak band): with the σ² modulation the theory overshoots (measured sim/pred 0.12–0.38 in 4 s),
            // with the mean input only (Bos et al.'s effective connectivity) it undershoots (0.98–9.2): median over populations
            let ratios (c: MicrocircuitSpectrumComparison) = c.Rows |> Array.map (fun x -> (band x 20.0).Ratio)
            Expect.isLessThan (median (ratios both)) 0.6 "σ² and μ modulation: theory above the simulation"
            Expect.isGreaterThan (median (ratios only)) 1.5 "μ modulation only: theory below the simulation" }
    ]

[<Tests>]
let crosscheck =
    testList "crosscheck.Microcircuit.Spectra" [
        test "full network, 5 s: the ≈ 82 Hz peak at the predicted frequency; low-frequency band of L4E, L5E, L6E; γ amplitude underestimated" {
            let r = MicrocircuitSimulation(1.0, 5.0, 0.3, 1UL, Nullable 2, BlockLength = 0.1, RecordSpikes = false).Run()
            let c = MicrocircuitSpectra.Compare(r, 0.5)
            printfn "%s" (MicrocircuitSpectra.Table c)
            printfn "build %.0f s, run %.0f s, peak RSS %.2f GB" r.BuildSeconds r.RunSeconds (float r.PeakWorkingSetBytes / 1e9)
            Expect.equal c.Segments 10 "10 segments of 0.5 s"
            // peak (30–150 Hz): measured 82 Hz simulated in every population (Bos et al. 2016: ≈ 83 Hz), 86 Hz predicted;
            // tolerance: display smoothing ±4 Hz + 2 bins (4 Hz)
            for x in c.Rows do
                Expect.isLessThanOrEqual (abs (x.PeakSimulatedHz - x.PeakPredictedHz)) 8.0
                    (sprintf "%s: peak simulated %.0f Hz, predicted %.0f Hz" x.Population x.PeakSimulatedHz x.PeakPredictedHz)
            // 1–20 Hz of the populations whose rates the theory gets within 6 % (L4E, L5E, L6E: measured ratio 1.07, 0.89,
            // 1.25): 3 s.e. + 50 % (the density ∝ ν CV² |(1 − M(0))⁻¹|²; CVs of 0.5–0.6 vs the renewal prediction)
            expectBand (c.Rows |> Array.filter (fun x -> List.contains x.Population [ "L4E"; "L5E"; "L6E" ])) 1.0 0.5
            // where linear response fails: the γ peak's power is 4.6–9 × the prediction (60–100 Hz band)
            for x in c.Rows do
                let b = band x 60.0
                Expect.isGreaterThan b.Ratio 3.0 (sprintf "%s 60-100 Hz: sim/pred %.2f (theory underestimates the γ peak)" x.Population b.Ratio) }
        test "Bos et al.'s variant, full network, 5 s: the 64 Hz low-γ peak where predicted; its power bracketed by the two linear responses" {
            let r = MicrocircuitSimulation(1.0, 5.0, 0.3, 1UL, Nullable 2, BlockLength = 0.1, RecordSpikes = false, Bos2016 = true).Run()
            let both = MicrocircuitSpectra.Compare(r, 0.5)
            let only = MicrocircuitSpectra.Compare(r, 0.5, response = LinearResponse.MeanOnly)
            printfn "%s" (MicrocircuitSpectra.Table both)
            printfn "%s" (MicrocircuitSpectra.Table only)
            printfn "build %.0f s, run %.0f s, peak RSS %.2f GB" r.BuildSeconds r.RunSeconds (float r.PeakWorkingSetBytes / 1e9)
            // peak (30–150 Hz): measured 64–66 Hz simulated, 64 Hz predicted (Bos et al. 2016: ≈ 63 Hz); ±4 Hz (one
            // smoothing half-width) — the adaptions move the low-γ peak from 82 Hz down to Bos et al.'s
            for x in both.Rows do
                Expect.isLessThanOrEqual (abs (x.PeakSimulatedHz - x.PeakPredictedHz)) 4.0
                    (sprintf "%s: peak simulated %.0f Hz, predicted %.0f Hz" x.Population x.PeakSimulatedHz x.PeakPredictedHz)
            // 1–20 Hz: 3 s.e. + 50 % in the six populations below L2/3 (measured ratios 0.87–1.29; L2/3 2.1–2.6, as in
            // Potjans & Diesmann's circuit: slow fluctuations the renewal S0 lacks)
            expectBand (both.Rows |> Array.filter (fun x -> not (x.Population.StartsWith "L23"))) 1.0 0.5
            // 60–100 Hz (the low-γ peak), every population: μ and σ² modulation overshoot (measured sim/pred 0.39–0.61),
            // μ only undershoots (2.3–6.8); in the original circuit the full theory undershoots 4.6–9.1× (test above)
            for x in both.Rows do
                let b = band x 60.0
                Expect.isTrue (b.Ratio > 0.25 && b.Ratio < 0.8) (sprintf "%s 60-100 Hz, μ and σ²: sim/pred %.2f" x.Population b.Ratio)
            for x in only.Rows do
                let b = band x 60.0
                Expect.isGreaterThan b.Ratio 1.8 (sprintf "%s 60-100 Hz, μ only: sim/pred %.2f" x.Population b.Ratio) }
    ]
