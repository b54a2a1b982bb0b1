/// The dFB neuron with the ROS-sensitive A-type K⁺ current (fig3_dfb.py).
module Theory.Tests.Metabolic.DfbNeuronTests

open Expecto
open Theory.Metabolic
open Theory.Tests.Util

let p = DfbParameters.ChintaluriVogels2023

[<Tests>]
let tests =
    testList "Metabolic.Dfb" [
        test "sleep loss (non-inactivating A-current, f = 0.7) raises the firing under a 20 pA step (Kempf et al. 2019 direction)" {
            let awake = DfbNeuron.CurrentClamp(p, DfbParameters.AwakeFraction)
            let sleepy = DfbNeuron.CurrentClamp(p, DfbParameters.SleepDeprivedFraction)
            let na, ns = awake.SpikesIn(0.1, 1.1), sleepy.SpikesIn(0.1, 1.1)
            Expect.isGreaterThan na 5 "awake neuron fires during the step"
            Expect.isGreaterThan (float ns) (1.2 * float na) (sprintf "sleep-deprived %d vs awake %d spikes" ns na)
            Expect.equal (awake.SpikesIn(0.0, 0.1)) 0 "silent at −20 pA hold"
        }
        test "f-I: more current, more spikes (0, 10, 20, 40 pA) in both states" {
            for f in [ 0.0; 0.7 ] do
                let counts = [ 0.0; 10e-12; 20e-12; 40e-12 ] |> List.map (fun i -> (DfbNeuron.CurrentClamp(p, f, clamp = i, duration = 1.1)).SpikesIn(0.1, 1.1))
                Expect.isTrue (counts |> List.pairwise |> List.forall (fun (a, b) -> b > a)) (sprintf "f = %g: %A" f counts)
        }
        test "the recorded A-current obeys I_A = 0 at E_K and the trace is in volts" {
            let r = DfbNeuron.CurrentClamp(p, 0.7, duration = 0.3)
            Expect.isTrue (r.V |> Array.forall (fun v -> v > -0.1 && v < 0.06)) "V within [−100, 60] mV"
            for v, ia in Array.zip r.V r.IA do
                if v < -0.0601 then Expect.isLessThanOrEqual ia 0.0 "outward only above E_K"
        }
        test "miniSOG raises and AOX lowers ROS" {
            closeAbs 1e-15 (Ros.Steady(0.8, 0.9) + 0.1) (DfbNeuron.MiniSogSteady(0.8, 0.9)) "miniSOG"
            let s = 0.8 * 0.9 + 0.2 * 0.1
            closeRel 1e-14 ((s / 1.15) ** 3.0) (DfbNeuron.AoxSteady(0.8, 0.9)) "AOX"
        }
        test "A-current voltage clamp against the closed-form gate relaxations (two exponential phases)" {
            // hold −60 mV for 0.5 ms from a = 0, b = c = 1, then +30 mV: x(t) = x∞ + (x0 − x∞) e^{−t/τ}
            let dt = 1e-8
            for f in [ 0.0; 0.7 ] do
                let r = DfbNeuron.AVoltageClamp(p, f, dt = dt, duration = 0.02)
                let g1, g2 = DfbNeuron.AGates(p, -60.0), DfbNeuron.AGates(p, 30.0)
                let relax (g: float[]) j x0 tMs = g.[j] + (x0 - g.[j]) * exp (-tMs / g.[j + 1])
                let exact tMs =
                    let a1, b1, c1 = relax g1 0 0.0 0.5, relax g1 2 1.0 0.5, relax g1 4 1.0 0.5
                    let s = tMs - 0.5
                    let a, b, c = relax g2 0 a1 s, relax g2 2 b1 s, relax g2 4 c1 s
                    p.GkaNs * a ** 4.0 * c * ((1.0 - f) * b + f) * (30.0 - p.EkMv) * 1e-12
                for tMs in [ 1.0; 2.0; 5.0; 10.0; 19.0 ] do
                    let k = int (round (tMs * 1e-3 / dt))
                    closeRel 2e-3 (exact tMs) r.IA.[k] (sprintf "f = %g, t = %g ms" f tMs)
            // the sleep-deprived current decays to the fraction f of its inactivating part only
            let awake, sd = DfbNeuron.AVoltageClamp(p, 0.0), DfbNeuron.AVoltageClamp(p, 0.7)
            Expect.isGreaterThan sd.IA.[sd.IA.Length - 1] (5.0 * awake.IA.[awake.IA.Length - 1]) "non-inactivating tail"
        }
        test "bad input is rejected with the parameter named" {
            throwsArg "fraction" (fun () -> DfbNeuron.AVoltageClamp(p, -0.1) |> ignore)
            throwsArg "fraction" (fun () -> DfbNeuron.CurrentClamp(p, 1.5) |> ignore)
            throwsArg "dt" (fun () -> DfbNeuron.CurrentClamp(p, 0.0, dt = 1e-3) |> ignore)
            throwsArg "clamp" (fun () -> DfbNeuron.CurrentClamp(p, 0.0, clamp = nan) |> ignore)
        }
    ]
