/// The F# surface (src/Theory.FSharp): units convert exactly (a call in mV/ms gives the bits of the C# call in
/// V/s), results agree with closed forms and with the stored 50-digit Siegert references, struct tuples become
/// records, frames have one row per result and one column per field, charts carry their data in the stated units.
module Theory.Tests.FSharpSurfaceTests

open System
open System.IO
open Expecto
open MathNet.Numerics.LinearAlgebra
open Theory.FSharp
open Theory.Tests.Util

[<Tests>]
let tests =
    testList "FSharp.Surface" [
        test "units: mV and ms divide by 1000 exactly (the C# literal's bits)" {
            for x in [ 15.0; 20.0; 0.1; 1.5; 2.0; 10.0; 333.0 ] do
                Expect.equal (Units.volt (x * 1.0<mV>)) (x / 1000.0) "mV → V"
                Expect.equal (Units.sec (x * 1.0<ms>)) (x / 1000.0) "ms → s"
            Expect.equal (Units.volt 15.0<mV>) 0.015 "15 mV is the literal 0.015"
            Expect.equal (Units.sec 20.0<ms>) 0.02 "20 ms is the literal 0.02"
            Expect.equal (float (Units.toMilliseconds 0.25<s>)) 250.0 "s → ms"
        }

        test "Siegert.rate in mV equals the C# call in V bit for bit, and the 50-digit mpmath references" {
            let core = Theory.MeanField.LifNeuron.Brunel2000
            Expect.equal (float (Siegert.rate Lif.brunel2000 15.0<mV> 5.0<mV>)) (Theory.MeanField.Siegert.Rate(0.015, 0.005, core)) "same bits"
            Expect.equal (Lif.toCore Lif.brunel2000) core "Brunel's neuron"
            // siegert_reference.csv: mpmath at 50 digits (gen_siegert.py), independent of the C# code
            let rows =
                File.ReadAllLines(Path.Combine(repoRoot, "tests", "Theory.Tests", "MeanField", "reference", "siegert_reference.csv"))
                |> Array.skip 1
                |> Array.map (fun l -> l.Split ',')
                |> Array.filter (fun c -> float c[2] = 0.02 && float c[3] = 0.02 && float c[4] = 0.01 && float c[5] = 0.002)
                |> Array.filter (fun c -> let r = float c[7] in r > 1e-3 && r < 400.0)
            Expect.isGreaterThan rows.Length 10 "reference rows with Brunel's neuron"
            for c in rows do
                let mu, sigma = float c[0] * 1000.0 * 1.0<mV>, float c[1] * 1000.0 * 1.0<mV>
                // mV → V by the surface (mu·1000/1000 may differ from the CSV's double by one ulp), so compare at 1e-12
                closeRel 1e-12 (float c[7]) (float (Siegert.rate Lif.brunel2000 mu sigma)) (sprintf "ν(μ=%s, σ=%s)" c[0] c[1])
        }

        test "a neuron with an invalid field is an ArgumentException naming it" {
            throwsArg "VReset" (fun () -> Siegert.rate { Lif.brunel2000 with Reset = 25.0<mV> } 15.0<mV> 5.0<mV> |> ignore)
            throwsArg "TauM" (fun () -> Siegert.rate { Lif.brunel2000 with TauM = 0.0<ms> } 15.0<mV> 5.0<mV> |> ignore)
        }

        test "Brunel.stationary: the core's model A states, and self-consistent (ν = Siegert(μ(ν), σ(ν)))" {
            let states = Brunel.stationary Brunel.modelA
            let core = Theory.MeanField.BrunelStationary.Solve(Theory.MeanField.BrunelNetwork.ModelA)
            Expect.equal states.Length core.Length "number of states"
            for s, c in List.zip states (List.ofArray core) do
                closeRel 1e-12 c.Rate (float s.Rate) "rate"
                closeRel 1e-12 c.Mu (Units.volt s.Mu) "μ"
                // μ = C_E J τ (ν_ext + ν(1 − gγ)) with ν_ext = 2 ν_thr, ν_thr = θ/(C_E J τ) = 10 Hz
                let nu = float s.Rate
                closeRel 1e-12 (1000.0 * 1e-4 * 0.02 * (20.0 + nu * (1.0 - 5.0 * 0.25))) (Units.volt s.Mu) "μ from eq. 4"
                closeRel 1e-9 nu (float (Siegert.rate Lif.brunel2000 s.Mu s.Sigma)) "fixed point"
        }

        test "phaseDiagram: one point per (g, ratio), g fastest, regimes from the core" {
            let pts = Brunel.phaseDiagram Brunel.modelA [ 3.0; 5.0 ] [ 2.0; 4.0 ]
            Expect.equal [ for p in pts -> p.G, p.NuExtRatio ] [ 3.0, 2.0; 5.0, 2.0; 3.0, 4.0; 5.0, 4.0 ] "grid order"
            let pd = Theory.MeanField.BrunelPhaseDiagram.Compute(Theory.MeanField.BrunelNetwork.ModelA, [| 3.0; 5.0 |], [| 2.0; 4.0 |])
            Expect.equal [ for p in pts -> p.Regime ] [ pd.Regime[0, 0]; pd.Regime[1, 0]; pd.Regime[0, 1]; pd.Regime[1, 1] ] "regimes"
            Expect.equal (pts |> List.find (fun p -> p.G = 5.0 && p.NuExtRatio = 2.0)).Regime "AI" "g = 5, ν_ext = 2 ν_thr is asynchronous irregular (Brunel 2000 Fig. 8C)"
            Expect.equal (pts |> List.find (fun p -> p.G = 3.0 && p.NuExtRatio = 4.0)).Regime "SR" "g = 3 (excitation dominates) is synchronous regular"
            let f = Frame.ofResults pts
            Expect.equal (List.ofSeq f.ColumnKeys) [ "G"; "NuExtRatio"; "Regime"; "Rate"; "Frequency" ] "columns"
            Expect.equal f.RowCount 4 "rows"
        }

        test "Spikes.meanCv: a record, not a struct tuple; the closed form; None without three spikes" {
            // ISIs 1 and 2: mean 1.5, s.d. 0.5 → CV 1/3; ISIs 1, 1 → 0; the 2-spike train is not counted
            let r = Spikes.meanCv [ [| 0.0; 1.0; 3.0 |]; [| 0.0; 1.0; 2.0 |]; [| 0.0; 5.0 |] ]
            Expect.equal r.Neurons 2 "neurons counted"
            closeAbs 1e-15 (1.0 / 6.0) r.Mean.Value "mean of 1/3 and 0"
            Expect.equal (Spikes.meanCv [ [| 1.0 |] ]) { Mean = None; Neurons = 0 } "no neuron with three spikes"
        }

        test "Spikes.powerSpectrum finds a 50 Hz sine at 50 Hz" {
            let rate = [ for k in 0 .. 999 -> 10.0 + 5.0 * sin (2.0 * Math.PI * 50.0 * float k * 1e-3) ]
            let spec = Spikes.powerSpectrum 1.0<ms> rate
            let peak = spec |> List.filter (fun p -> p.Frequency > 5.0<Hz>) |> List.maxBy (fun p -> p.Power)
            closeAbs 1e-9 50.0 (float peak.Frequency) "peak"
        }

        test "ShortTerm.steadyState regular: the closed form u⁻ = U/(1 − (1−U)e_F), x⁻ = (1 − e_D)/(1 − (1 − u⁻)e_D)" {
            let syn = { U = 0.2; TauD = 200.0<ms>; TauF = 600.0<ms> }
            for rate in [ 0.5; 5.0; 20.0; 80.0 ] do
                let d = 1.0 / rate
                let eF, eD = exp (-d / 0.6), exp (-d / 0.2)
                let u = 0.2 / (1.0 - 0.8 * eF)
                let x = (1.0 - eD) / (1.0 - (1.0 - u) * eD)
                let s = ShortTerm.steadyState syn Theory.ShortTermPlasticity.SpikeTrain.Regular (rate * 1.0<Hz>)
                closeRel 1e-13 u s.U (sprintf "u⁻ at %g Hz" rate)
                closeRel 1e-13 x s.X (sprintf "x⁻ at %g Hz" rate)
                closeRel 1e-13 (u * x) s.Efficacy (sprintf "efficacy at %g Hz" rate)
                closeRel 1e-13 (rate * u * x) (float s.EfficacyPerSecond) (sprintf "per second at %g Hz" rate)
            let curve = ShortTerm.frequencyResponse (ShortTerm.toCore syn) Theory.ShortTermPlasticity.SpikeTrain.Regular [ 1.0<Hz>; 10.0<Hz> ]
            Expect.equal curve.Length 2 "one state per rate"
            // a facilitating synapse crosses over; a strongly depressing one (U = 0.9, τ_F short) never facilitates
            Expect.isSome (ShortTerm.crossoverRate ShortTerm.jiaFacilitating Theory.ShortTermPlasticity.SpikeTrain.Regular) "crossover exists"
            throwsArg "tauF" (fun () -> ShortTerm.steadyState { syn with TauF = 0.0<ms> } Theory.ShortTermPlasticity.SpikeTrain.Regular 1.0<Hz> |> ignore)
        }

        test "Calcium.stdpCurve: Δt in ms, the core's Pair at Δt/1000 s" {
            let p = Calcium.preset "DP"
            let pts = Calcium.stdpCurve p [ -20.0<ms>; 0.0<ms>; 10.0<ms> ]
            for pt in pts do
                let c = Theory.CalciumPlasticity.StdpCurve.Pair(p, Units.sec pt.DeltaT, 1.0, 60)
                Expect.equal pt.Change c.Change (sprintf "change at %g ms" (float pt.DeltaT))
                Expect.equal pt.AlphaD c.Outcome.AlphaD "α_d"
            Expect.isGreaterThan pts[2].Change 1.0 "DP potentiates at Δt = +10 ms (Graupner & Brunel 2012 Fig. 2)"
            let f = Calcium.frequencyDependence p 10.0<ms> [ 1.0<Hz>; 20.0<Hz> ]
            Expect.equal [ for x in f -> float x.Frequency ] [ 1.0; 20.0 ] "frequencies"
        }

        test "Amplification.envelope: the feedforward 2×2 closed form e^{−t/τ}(a + √(a² + 4))/2, a = w t/τ" {
            let w = 8.0
            let m = Matrix<float>.Build.DenseOfArray(array2D [ [ 0.0; 0.0 ]; [ w; 0.0 ] ])
            let pts = Amplification.envelope 20.0<ms> m [ 0.0<ms>; 5.0<ms>; 20.0<ms>; 60.0<ms> ]
            for p in pts do
                let tt = float p.Time / 20.0
                let a = w * tt
                closeRel 1e-12 (exp (-tt) * (a + sqrt (a * a + 4.0)) / 2.0) p.Norm (sprintf "‖e^{At}‖ at %g ms" (float p.Time))
            // the peak: d/dt of e^{−s}(ws + √(w²s² + 4))/2 = 0, found by a dense independent scan
            let peak = Amplification.peak 20.0<ms> m
            let best = [ for k in 0 .. 200000 -> let s = float k * 1e-5 in s, exp (-s) * (w * s + sqrt (w * w * s * s + 4.0)) / 2.0 ] |> List.maxBy snd
            closeRel 1e-9 (snd best) peak.Value "peak value"
            closeAbs 1e-3 (fst best * 20.0) (float peak.Time) "peak time (ms)"
            closeRel 1e-12 (-50.0) (float (Amplification.spectralAbscissa 20.0<ms> m)) "abscissa −1/τ"
        }

        test "Metabolic.steadyState: the core's state with units" {
            let s = Metabolic.steadyState 100.0
            let c = Theory.Metabolic.MitochondrialSteadyStates.Solve(Theory.Metabolic.Mitochondrion.ChintaluriVogels2023, 100.0)
            Expect.equal s.Atp c.State.Atp "ATP"
            closeRel 1e-15 (c.DeltaPsiVolts * 1000.0) (float s.DeltaPsi) "ΔΨ in mV"
            Expect.equal s.Stable c.Stable "stability"
            closeRel 1e-15 (s.Atp / (1.0 - s.Atp)) s.AtpAdpRatio "ATP/ADP = ATP/(1 − ATP)"
            Expect.equal (Metabolic.geometricDemands 1.0 100.0 3) [ 1.0; 10.0; 100.0 ] "demands"
        }

        test "Charts carry their data in the stated units" {
            let json = Charts.raster [ 0.0015; 0.25 ] [ 3; 7 ] |> Plotly.NET.GenericChart.toJson
            Expect.stringContains json "1.5" "1.5 ms"
            Expect.stringContains json "250" "250 ms"
            Expect.stringContains json "t (ms)" "axis title"
            let pd = Charts.phaseDiagram (Brunel.phaseDiagram Brunel.modelA [ 3.0; 5.0 ] [ 2.0; 4.0 ]) |> Plotly.NET.GenericChart.toJson
            Expect.stringContains pd "\"AI\"" "a legend entry per regime"
            Expect.stringContains pd "\"SR\"" "a legend entry per regime"
        }
    ]
