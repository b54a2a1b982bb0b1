/// Single-neuron checks of the kernel's integrators against closed forms.
module Theory.Tests.Kernel.SingleNeuron

open System
open Expecto
open Theory.Spiking
open Theory.Tests.Util

let dt = 1e-4

/// Noiseless LIF period with constant drive V∞ = E_L + R I > θ:
/// T = τ_ref + τ ln((V∞ − V_r)/(V∞ − θ)).
let lifPeriod (p: LifParameters) vinf =
    p.RefractoryPeriod + p.Tau * log ((vinf - p.Reset) / (vinf - p.Threshold))

[<Tests>]
let tests =
    testList "Kernel.SingleNeuron" [
        test "LifDelta relaxes exactly to V∞ = E_L + R I" {
            let p = LifParameters.Brunel2000.With(threshold = 1.0)
            let net = Network(dt, 1UL)
            let pop = net.Add(LifDelta("n", 3, p))
            let current = 0.010 / p.Resistance // V∞ = 10 mV
            pop.Current.[0] <- float32 current
            pop.Current.[1] <- float32 current
            pop.Current.[2] <- float32 current
            pop.Set("v", fun i -> float i * 0.01)
            let mon = net.MonitorState(pop, "v", [| 0; 1; 2 |])
            net.Run 0.05
            let v = mon.Values
            for i in 0..2 do
                for k in [ 0; 99; 499 ] do
                    let t = mon.Times.[k]
                    let exact = 0.010 + (float i * 0.01 - 0.010) * exp (-t / p.Tau)
                    // float32 state: rounding accumulates to a few 1e-7 relative over hundreds of steps
                    closeAbs 2e-7 exact v.[i].[k] (sprintf "V_%d(%g)" i t)
        }

        test "current and thresholds written between runs take effect (the update's run-start specialisation)" {
            // The update skips the current term when Current is zero for the whole run and broadcasts
            // the threshold when it is uniform, both decided at the start of every run: a current set
            // after a run without one, and a threshold made heterogeneous after a uniform run, must act
            // in the next run. References: V∞ = E_L + R I relaxation, and the closed-form LIF period.
            let p = LifParameters.Brunel2000
            let net = Network(dt, 1UL)
            let pop = net.Add(LifDelta("n", 20, p))
            let mon = net.MonitorState(pop, "v", [| 0 |])
            net.Run 0.01 // no current, uniform threshold: V stays at E_L = 0
            Expect.equal (pop.Get "v").[0] 0.0 "V at rest without current"
            let vinf = 0.025
            Array.fill pop.Current 0 20 (float32 (vinf / p.Resistance))
            let th = pop.Variable "threshold"
            for i in 10..19 do th.[i] <- 1.0f // neurons 10–19 never reach θ
            let spikes = net.MonitorSpikes pop
            net.Run 0.5
            let t0 = 0.01
            let vExact = vinf * (1.0 - exp (-(0.02 - t0) / p.Tau))
            let k = mon.Times |> Array.findIndex (fun t -> abs (t - 0.02) < dt / 2.0)
            closeAbs 2e-7 vExact mon.Values.[0].[k] "V_0 10 ms after the current was set"
            let first = spikes.Times |> Array.tryHead
            // first spike: V from 0 to θ under V∞: t = t0 + τ ln(V∞/(V∞ − θ)), to within one step
            let tFirst = t0 + p.Tau * log (vinf / (vinf - p.Threshold))
            Expect.isSome first "neurons 0–9 fire once the current is on"
            closeAbs (1.5 * dt) tFirst first.Value "first spike time"
            Expect.isTrue (spikes.Indices |> Array.forall (fun i -> i < 10)) "neurons with θ = 1 V never fire"
            let n0 = spikes.Indices |> Array.filter ((=) 0) |> Array.length
            let expected = (0.5 - (tFirst - t0)) / lifPeriod p vinf + 1.0
            closeAbs 1.01 expected (float n0) "spike count of neuron 0 at the closed-form period"
        }

        test "LifConductance: current and thresholds written between runs take effect" {
            // Euler update with I: after the current is set, V relaxes towards E_L + I/g_L with the
            // Euler factor (1 − dt g_L/C) per step (g_e = g_i = 0); then a lower threshold for half
            // the neurons makes exactly those fire.
            let p = LifParameters.VogelsAbbott2005
            let net = Network(dt, 1UL)
            let pop = net.Add(LifConductance("c", 16, p, 0.0, -0.080, 0.005, 0.010))
            net.Run 0.005
            Expect.equal (pop.Get "v").[3] (float (float32 p.RestingPotential)) "V at rest without current (float32 E_L)"
            let i = 0.005 * p.LeakConductance // V∞ = E_L + 5 mV, below θ = E_L + 10 mV
            Array.fill pop.Current 0 16 (float32 i)
            net.Run 0.01
            let a = 1.0 - dt * p.LeakConductance / p.Capacitance
            let vExact = p.RestingPotential + 0.005 * (1.0 - a ** 100.0)
            closeAbs 1e-6 vExact (pop.Get "v").[3] "V after 100 Euler steps with the current"
            let th = pop.Variable "threshold"
            for k in 0..7 do th.[k] <- float32 (p.RestingPotential + 0.004)
            let spikes = net.MonitorSpikes pop
            net.Run 0.05
            Expect.isNonEmpty spikes.Indices "neurons 0–7 (θ below V∞) fire"
            Expect.isTrue (spikes.Indices |> Array.forall (fun k -> k < 8)) "neurons 8–15 (θ above V∞) never fire"
        }

        test "a progress callback that writes the current or the threshold is an error, not a silently ignored write" {
            // The run reads Current only if it is non-zero at the start (or an Input writes it) and
            // broadcasts a uniform threshold: a write from the progress callback would be ignored, so
            // the run stops at the callback's return and names the array.
            let p = LifParameters.Brunel2000
            let net2 = Network(dt, 1UL)
            let pop2 = net2.Add(LifDelta("n", 20, p))
            let msg =
                try net2.Run(0.01, fun _ -> (pop2.Variable "threshold").[5] <- 0.03f); "" with :? System.InvalidOperationException as ex -> ex.Message
            Expect.stringContains msg "threshold" "the error names the threshold"
            let msgI =
                let net3 = Network(dt, 1UL)
                let pop3 = net3.Add(LifDelta("n", 20, p))
                try net3.Run(0.01, fun _ -> pop3.Current.[3] <- 1e-9f); "" with :? System.InvalidOperationException as ex -> ex.Message
            Expect.stringContains msgI "Current" "the error names Current"
            // a callback that only reads is fine, and a current set before the run may be changed by it
            let net4 = Network(dt, 1UL)
            let pop4 = net4.Add(LifDelta("n", 20, p))
            Array.fill pop4.Current 0 20 1e-12f
            net4.Run(0.01, fun _ -> pop4.Current.[0] <- 2e-12f)
        }

        test "LifDelta with constant suprathreshold drive fires at the closed-form period" {
            let p = LifParameters.Brunel2000
            for vinfMv in [ 21.0; 25.0; 40.0 ] do
                let net = Network(dt, 1UL)
                let pop = net.Add(LifDelta("n", 1, p))
                pop.Current.[0] <- float32 (vinfMv * 1e-3 / p.Resistance)
                pop.Set("v", fun _ -> p.Reset)
                let spikes = net.MonitorSpikes pop
                net.Run 2.0
                let t = spikes.Times
                let isi = Array.pairwise t |> Array.map (fun (a, b) -> b - a)
                let mean = Array.average isi
                // spikes are emitted at step granularity: each ISI is the period rounded up to a step
                closeAbs (1.01 * dt) (lifPeriod p (vinfMv * 1e-3)) mean (sprintf "ISI at V∞ = %g mV" vinfMv)
        }

        test "LifExpCurrent PSP matches the exact bi-exponential" {
            let p = LifParameters.Brunel2000.With(threshold = 1.0)
            let tauS = 0.005
            let net = Network(dt, 1UL)
            let src = net.Add(LifDelta("src", 1, LifParameters.Brunel2000))
            let pop = net.Add(LifExpCurrent("n", 1, p, tauS, 0.010))
            src.Set("v", fun _ -> 0.03) // fires once, in the first step
            let w = 1e-9
            net.Connect(src, pop, Connectivity.OneToOne(), w, 0.0, "exc") |> ignore
            let sp = net.MonitorSpikes src
            let mon = net.MonitorState(pop, "v", [| 0 |])
            net.Run 0.02
            let first = sp.Times.[0]
            // input arrives at the end of the spike step; V responds from the next step
            let r = p.Resistance
            let psp t = r * w * tauS / (tauS - p.Tau) * (exp (-t / tauS) - exp (-t / p.Tau))
            let v = mon.Values.[0]
            let times = mon.Times
            let nextSpike = if sp.Count > 1 then sp.Times.[1] else infinity
            for k in 0 .. times.Length - 1 do
                let s = times.[k] - (first + dt)
                if s >= 0.0 && times.[k] <= nextSpike then
                    closeAbs (1e-5 * psp 0.004) (psp s) v.[k] (sprintf "PSP at %g s" s)
        }

        test "LifConductance Euler equals a double-precision Euler of the same equations" {
            let p = LifParameters.VogelsAbbott2005
            let net = Network(dt, 1UL)
            let pop = net.Add(LifConductance.Coba("n", 1))
            let ge0, gi0 = 40e-9, 100e-9
            pop.Set("g_exc", fun _ -> ge0)
            pop.Set("g_inh", fun _ -> gi0)
            pop.Set("v", fun _ -> -0.060)
            let mon = net.MonitorState(pop, "v", [| 0 |])
            net.Run 0.03
            let mutable v, ge, gi = -0.060, ge0, gi0
            let reference = ResizeArray()
            for _ in 1..300 do
                let dv = dt / p.Capacitance * (p.LeakConductance * (p.RestingPotential - v) + ge * (0.0 - v) + gi * (-0.080 - v))
                v <- v + dv
                ge <- ge * (1.0 - dt / 0.005)
                gi <- gi * (1.0 - dt / 0.010)
                reference.Add v
            let sim = mon.Values.[0]
            for k in 0..299 do
                closeAbs 2e-7 reference.[k] sim.[k] (sprintf "V at step %d" k)
        }

        test "LifConductance exponential Euler converges to the fine-step solution" {
            let run (scheme: ConductanceIntegrator) step =
                let net = Network(step, 1UL)
                let subthreshold = LifParameters.VogelsAbbott2005.With(threshold = 0.5)
                let pop = net.Add(LifConductance("n", 1, subthreshold, 0.0, -0.080, 0.005, 0.010, Integrator = scheme))
                pop.Set("g_exc", fun _ -> 40e-9)
                pop.Set("v", fun _ -> -0.060)
                let mon = net.MonitorState(pop, "v", [| 0 |], 0.001)
                net.Run 0.02
                mon.Values.[0]
            let fine = run ConductanceIntegrator.ExponentialEuler 1e-6
            let err scheme step = Array.map2 (fun a b -> abs (a - b)) fine (run scheme step) |> Array.max
            for scheme in [ ConductanceIntegrator.ExponentialEuler; ConductanceIntegrator.Euler ] do
                let e1, e2, e3 = err scheme 2e-4, err scheme 1e-4, err scheme 5e-5
                // both schemes are first order: halving dt halves the error
                Expect.isTrue (e1 / e2 > 1.6 && e1 / e2 < 2.5 && e2 / e3 > 1.6 && e2 / e3 < 2.5)
                    (sprintf "%A: errors %g, %g, %g V at dt = 0.2, 0.1, 0.05 ms are not first order" scheme e1 e2 e3)
                Expect.isLessThan e2 1e-3 (sprintf "%A within 1 mV at dt = 0.1 ms" scheme)
        }

        test "refractory neurons are clamped for τ_ref; Clamp discards input, Accumulate keeps it" {
            for mode in [ RefractoryInput.Clamp; RefractoryInput.Accumulate ] do
                let p = LifParameters.Brunel2000
                let net = Network(dt, 1UL)
                let pop = net.Add(LifDelta("n", 1, p, RefractoryInput = mode))
                pop.Set("v", fun _ -> 0.0205) // fires in the first step
                let drive = net.Add(LifDelta("drive", 1, p))
                drive.Current.[0] <- float32 (1.0 / p.Resistance)
                net.Connect(drive, pop, Connectivity.OneToOne(), 1e-3, 0.0005) |> ignore
                let sp = net.MonitorSpikes pop
                let mon = net.MonitorState(pop, "v", [| 0 |])
                net.Run 0.0019 // stays inside τ_ref = 2 ms
                Expect.equal sp.Count 1 "one spike"
                let last = mon.Values.[0] |> Array.last
                let expected = if mode = RefractoryInput.Clamp then p.Reset else p.Reset + 1e-3
                closeAbs 1e-9 expected last (sprintf "V at the end of τ_ref (%A)" mode)
        }
    ]
