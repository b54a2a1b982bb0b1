/// Graupner, Wallisch & Ostojic (2016), linear-calcium fit (preset linear-2016): regular against
/// irregular (Poisson) spike pairs. Readout of the paper: mean efficacy after T = 10 s of pairs
/// from rho0 = 0.5, rho_bar + (0.5 - rho_bar) e^{-T/tau_eff}.
/// Reference values: the authors' results files (mgraupe/CalciumBasedPlasticityModel,
/// Graupner2016JNeurosci/simResults/regularSpikePairs_vs_deltaT_differentFreqs_linearCaModel.npy,
/// irregularSpikePairs_vs_deltaT_differentFreqs_linearCaModel.npy and
/// irregularSpikePairs_vs_rate_differentDeltaTs_linearCaModel.npy), a few numbers copied here.
module Theory.Tests.CalciumPlasticity.IrregularPairs

open Expecto
open Theory.CalciumPlasticity
open Theory.Experiments.CalciumPlasticity
open Theory.Tests.Util

let p = GraupnerBrunelParameters.Linear2016
let freqs = [| 1.0; 5.0; 10.0; 20.0; 30.0; 50.0 |]

/// Mean efficacy after 10 s of regular pairs at f (10 f pairs).
let regular dt f = (StdpCurve.Pair(p, dt, f, int (10.0 * f))).Outcome.MeanFromHalf

/// Mean efficacy after 10 s of Poisson pairs: pre Poisson at f, a fraction pp of post spikes
/// at pre + dt, the rest independent Poisson at (1 - pp) f.
let irregular dt f pp = (SynapticChange.Of(p, CalciumShotNoise(p, PoissonActivity(f, f, pp, dt)).Fractions(), 10.0)).MeanFromHalf

[<Tests>]
let tests =
    testList "CalciumPlasticity.IrregularPairs" [
        test "regular pairs, linear-2016: the authors' results at 1, 5, 10, 20 Hz to 1e-9" {
            let authors =
                [ -0.02, [| 0.47904788121273745; 0.40359962832980023; 0.3174745279421729; 0.28978403478797937 |]
                  0.0, [| 0.4694272839460779; 0.36470818591676235; 0.2642808569974875; 0.23326946270702503 |]
                  0.02, [| 0.48650048884339275; 0.4402401582822081; 0.40612812868980636; 0.42314676009331614 |] ]
            for dt, values in authors do
                values |> Array.iteri (fun i v -> closeAbs 1e-9 v (regular dt freqs[i]) $"regular dt={dt} f={freqs[i]}")
        }

        test "irregular pairs, linear-2016: the authors' semi-analytic results within 5e-3" {
            // the authors integrate the calcium density on a grid of 0.005 (poissonPairs_timeAboveThreshold)
            // and differ from the library by up to 3.7e-3 (20 Hz, uncorrelated); Monte Carlo below
            // sides with the library there
            let authors =
                [ -0.02, [| 0.4796493938750267; 0.4350177004215107; 0.46363175008543783; 0.5975307945123667; 0.6823356034505724; 0.760382041551522 |]
                  0.0, [| 0.47245420928619064; 0.4349148135028855; 0.4867656298343503; 0.6216059373386584; 0.6949938609112999; 0.7604486679304068 |]
                  0.02, [| 0.48875129355573843; 0.48698777052447084; 0.538738260804639; 0.6425665206163128; 0.7002177061420706; 0.7591837855945778 |] ]
            for dt, values in authors do
                values |> Array.iteri (fun i v -> closeAbs 5e-3 v (irregular dt freqs[i] 1.0) $"irregular dt={dt} f={freqs[i]}")
            // against rate, (dt, p) = (-10 ms, 0.4) ... (+10 ms, 0.4) at 10 and 20 Hz
            let cases = [| -0.01, 0.4; -0.01, 0.2; 0.0, 0.0; 0.01, 0.2; 0.01, 0.4 |]
            let at10 = [| 0.4612808488155617; 0.45719422154640466; 0.45240916844360957; 0.49080247979109926; 0.5231442242532713 |]
            let at20 = [| 0.592127128837498; 0.5851886894664774; 0.5767054374207365; 0.6004361026888599; 0.622402925082035 |]
            cases |> Array.iteri (fun i (dt, pp) ->
                closeAbs 5e-3 at10[i] (irregular dt 10.0 pp) $"vs rate dt={dt} p={pp} 10 Hz"
                closeAbs 5e-3 at20[i] (irregular dt 20.0 pp) $"vs rate dt={dt} p={pp} 20 Hz")
        }

        test "irregular pairs: time fractions of the theory against Monte Carlo of the same Poisson pairs (4 SE)" {
            for i, (dt, f) in List.indexed [ 0.0, 10.0; 0.02, 20.0; -0.02, 5.0 ] do
                let r = ShotNoiseSimulation(p, PoissonActivity(f, f, 1.0, dt), 4000.0, 20, uint64 (40 + i)).Run()
                for name, e in [ "alpha_d", r.AlphaD; "alpha_p", r.AlphaP ] do
                    if not (e.ZScore <= 4.0) then
                        failtestf "%s dt=%g f=%g: simulated %.6g ± %.2g vs theory %.6g" name dt f e.Simulated e.StandardError e.Theory
                // alpha_d is resolved to 5 % (alpha_p needs coincidences and is ~1 % of the time at 5 Hz)
                Expect.isLessThan (4.0 * r.AlphaD.StandardError) (0.05 * r.AlphaD.Theory) $"alpha_d dt={dt} f={f}: resolution 5 %%"
        }

        test "uncorrelated Poisson at 20 Hz: Monte Carlo resolves the library against the authors' value (0.57299 vs 0.57671)" {
            let r = ShotNoiseSimulation(p, PoissonActivity(20.0, 20.0), 40000.0, 40, 77UL).Run()
            let readout ad ap = (SynapticChange.Of(p, TimeFractions(ad, ap), 10.0)).MeanFromHalf
            let m = readout r.AlphaD.Simulated r.AlphaP.Simulated
            // standard error of the readout from those of alpha_d and alpha_p (linearised, correlation ignored: an upper bound)
            let h = 1e-7
            let gd = (readout (r.AlphaD.Simulated + h) r.AlphaP.Simulated - m) / h
            let gp = (readout r.AlphaD.Simulated (r.AlphaP.Simulated + h) - m) / h
            let se = abs gd * r.AlphaD.StandardError + abs gp * r.AlphaP.StandardError
            Expect.isLessThan (4.0 * se) 3.7e-3 "the run resolves the difference"
            closeAbs (4.0 * se) (irregular 0.0 20.0 0.0) m "Monte Carlo against the library"
        }

        test "timing against rate (the paper's comparison): at 20 Hz regular pairs depend on dt far more than irregular ones" {
            // spread of the mean efficacy over dt in [-40, 40] ms (measured: regular 0.453, irregular 0.089)
            let spread g = let v = [ for k in -8 .. 8 -> g (0.005 * float k) ] in List.max v - List.min v
            let reg, irr = spread (fun dt -> regular dt 20.0), spread (fun dt -> irregular dt 20.0 1.0)
            Expect.isGreaterThan reg (3.0 * irr) $"regular spread {reg} vs irregular {irr}"
            // irregular pairs: going from 1 to 20 Hz at dt = 0 (0.149) moves the mean more than any dt at 20 Hz
            Expect.isGreaterThan (irregular 0.0 20.0 1.0 - irregular 0.0 1.0 1.0) (1.5 * irr) "rate effect vs timing effect"
        }
    ]
