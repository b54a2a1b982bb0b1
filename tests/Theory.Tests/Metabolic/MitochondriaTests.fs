/// The reduced mitochondrial model of Chintaluri & Vogels 2023: steady states against an
/// independent integration, the paper code's recorded potentials, flux balances, conservation.
module Theory.Tests.Metabolic.MitochondriaTests

open System
open Expecto
open MathNet.Numerics.LinearAlgebra
open Theory.Metabolic
open Theory.Tests.Util

let model = Mitochondrion.ChintaluriVogels2023
let par = model.Parameters

/// Independent integration: MathNet's fixed-step RK4 (h = 0.005, inside its stability limit for
/// the fastest mode λ ≈ −150 per unit τ) on the public derivative, in segments of Δτ = 100, for
/// 30 e-folds of the slowest mode (λ from the steady state's Jacobian).
let integrate demand (slowest: float) =
    let f = Func<float, Vector<float>, Vector<float>>(fun _ y -> Vector<float>.Build.Dense(model.Derivatives(y.ToArray(), demand)))
    let mutable y = Vector<float>.Build.Dense(MitochondrialState.Initial.ToArray())
    let segments = int (ceil (30.0 / slowest / 100.0))
    for _ in 1 .. segments do
        let path = MathNet.Numerics.OdeSolvers.RungeKutta.FourthOrder(y, 0.0, 100.0, 20001, f)
        y <- path.[path.Length - 1]
    y.ToArray()

[<Tests>]
let tests =
    testList "Metabolic.Mitochondria" [
        test "Newton steady state = RK4 integration to convergence (MathNet) at demands 1, 30, 300, 1000" {
            for d in [ 1.0; 30.0; 300.0; 1000.0 ] do
                let st = MitochondrialSteadyStates.Solve(model, d)
                let ss = st.State.ToArray()
                let ode = integrate d (-st.LeadingEigenvalue / par.TimeScale)
                Array.iteri2 (fun i a b -> closeRel 1e-8 b a (sprintf "demand %g, variable %d" d i)) ss ode
        }
        test "forward-Euler simulation (the paper's scheme, dt = 0.01 ms) relaxes onto the Newton fixed point" {
            for d in [ 10.0; 100.0 ] do
                let ss = MitochondrialSteadyStates.Solve(model, d)
                let s0 = ss.State
                let start = MitochondrialState(s0.Pyr, s0.Acc, s0.Cit, s0.Akg, s0.Oaa, s0.Nad, 0.95 * s0.Atp, 0.98 * s0.DeltaPsi)
                let sim = MitochondrionSimulation(model, d, SpikeCost.ChintaluriVogels2023.With(quantum = 0.0), initial = start)
                // 30 time constants of the slowest mode
                let steps = int (30.0 / -ss.LeadingEigenvalue / sim.Dt)
                for _ in 1 .. steps do sim.Advance()
                let st = sim.State
                closeRel 1e-6 s0.Atp st.Atp (sprintf "ATP, demand %g" d)
                closeRel 1e-6 s0.DeltaPsi st.DeltaPsi (sprintf "ΔΨ, demand %g" d)
                closeRel 1e-6 s0.Nad st.Nad (sprintf "NAD, demand %g" d)
                closeRel 1e-5 ss.Ros sim.RosLevel (sprintf "ROS, demand %g" d)
        }
        test "the reference demand 53.87 (k_ANT = 0.05387/s) reproduces the normalizing steady state of Nazaret et al." {
            // the scales pyr_s...oaa_s, NAD_s/N_t = 0.94/1.07, ATP_s/A_t = 3.23/4.16, ΔΨ_s = 150 mV, given to 2-3 digits
            let s = (MitochondrialSteadyStates.Solve(model, 53.87)).State
            let expected = [| 1.0; 1.0; 1.0; 1.0; 1.0; 0.94 / 1.07; 3.23 / 4.16; 1.0 |]
            Array.iteri2 (fun i e a -> closeRel 6e-3 e a (sprintf "variable %d" i)) expected (s.ToArray())
        }
        test "ΔΨ at steady state matches the values recorded in mitochondria.py's header" {
            // (k_ANT /s, ΔΨ V, digits given): PSI_max/PSI_min comments of mitochondria.py
            for kant, psi, tol in [ 0.001, 0.1865, 1e-4; 0.005, 0.1833, 1e-4; 0.2, 0.132, 1e-3; 0.5, 0.1288, 1e-4; 1.0, 0.1273, 1e-4 ] do
                let s = MitochondrialSteadyStates.Solve(model, kant * par.AtpRange)
                closeAbs tol psi s.DeltaPsiVolts (sprintf "k_ANT = %g" kant)
        }
        test "flux balances hold at the steady state to 1e-10" {
            for d in [ 2.0; 53.87; 700.0 ] do
                let f = (MitochondrialSteadyStates.Solve(model, d)).Fluxes
                closeAbs 1e-10 0.0 (f.V1 - f.V2 - f.V8) (sprintf "carbon in = PDH + OAA efflux, demand %g" d)
                closeAbs 1e-10 0.0 (f.V7 - f.V8) (sprintf "carboxylation = OAA efflux, demand %g" d)
                closeAbs 1e-10 0.0 (f.Synthase + f.V5 - f.Ant - f.V7) (sprintf "ATP balance, demand %g" d)
                closeAbs 1e-10 0.0 (10.0 * f.Resp - f.Leak - 3.0 * f.Synthase - f.Ant) (sprintf "proton balance, demand %g" d)
                closeAbs 1e-10 0.0 (f.Resp - f.V2 - f.V4 - 2.0 * f.V5) (sprintf "NADH balance, demand %g" d)
        }
        test "adenine and NAD totals are conserved to 1e-10 along a spiking trajectory (ADP, NADH integrated from the fluxes)" {
            let sim = MitochondrionSimulation(model, 20.0, dt = 1e-5)
            let s0 = sim.State
            let mutable atp, adp, nad, nadh = s0.Atp, s0.Adp, s0.Nad, s0.Nadh
            let e6 = par.PyrScale / par.TotalAdenine
            let e5 = par.PyrScale / par.TotalNad
            let dtau = par.TimeScale * sim.Dt
            for i in 0 .. 19999 do
                if i % 2000 = 0 then sim.Spike()
                // fluxes at the state before the step, with this step's load (as the simulation uses)
                let st = sim.State
                sim.Advance()
                let f = model.Fluxes(st, 20.0, sim.Cost.McuFactor * sim.Load,
                                     Mitochondrion.AntFactor(st.Atp, sim.Start.State.Atp - sim.Load))
                let datp = (f.Synthase - f.Ant + f.V5 - f.V7) * e6
                let dnad = (f.Resp - f.V2 - f.V4 - 2.0 * f.V5) * e5
                atp <- atp + datp * dtau; adp <- adp - datp * dtau
                nad <- nad + dnad * dtau; nadh <- nadh - dnad * dtau
                let s = sim.State
                closeAbs 1e-10 1.0 (atp + adp) "A_t conserved (explicit ADP)"
                closeAbs 1e-10 1.0 (nad + nadh) "N_t conserved (explicit NADH)"
                closeAbs 1e-10 s.Atp atp "ATP from fluxes = simulation"
                closeAbs 1e-10 s.Nad nad "NAD from fluxes = simulation"
                closeAbs 1e-10 par.TotalAdenine (s.AtpConcentration par + s.AdpConcentration par) "[ATP] + [ADP] = A_t"
        }
        test "steady states are stable and ATP, ψ fall monotonically with demand over 1…1000" {
            let sw = MitochondrialSteadyStates.Sweep(model, MitochondrialSteadyStates.GeometricDemands(1.0, 1000.0, 25))
            for s in sw do Expect.isTrue s.Stable (sprintf "demand %g: leading eigenvalue %g" s.Demand s.LeadingEigenvalue)
            for a, b in Array.pairwise sw do
                Expect.isLessThan b.State.Atp a.State.Atp (sprintf "ATP falls from %g to %g" a.Demand b.Demand)
                Expect.isLessThan b.DeltaPsiVolts a.DeltaPsiVolts (sprintf "ΔΨ falls from %g to %g" a.Demand b.Demand)
        }
        test "steady ROS is U-shaped in demand: RET at low demand, FET at high, minimum near the reference demand" {
            let ds = MitochondrialSteadyStates.GeometricDemands(1.0, 1000.0, 61)
            let sw = MitochondrialSteadyStates.Sweep(model, ds)
            let imin = sw |> Array.mapi (fun i s -> i, s.Ros) |> Array.minBy snd |> fst
            Expect.isGreaterThan sw.[0].Ros 0.7 "ROS at demand 1"
            Expect.isGreaterThan sw.[60].Ros 0.6 "ROS at demand 1000"
            Expect.isLessThan sw.[imin].Ros 0.1 "minimal ROS"
            Expect.isTrue (ds.[imin] > 30.0 && ds.[imin] < 100.0) (sprintf "minimum at demand %g" ds.[imin])
            // each steady ROS equals R∞(ATP, ψ) computed by hand
            for s in sw do
                let a, p = s.State.Atp, s.Psi
                closeRel 1e-14 ((a * p + (1.0 - a) * (1.0 - p)) ** 3.0) s.Ros "R∞"
        }
        test "bad input is rejected with the parameter named" {
            throwsArg "demand" (fun () -> MitochondrialSteadyStates.Solve(model, 0.0) |> ignore)
            throwsArg "demand" (fun () -> MitochondrialSteadyStates.Solve(model, nan) |> ignore)
            throwsArg "leakIncrement" (fun () -> MitochondrialSteadyStates.Solve(model, 10.0, -1.0) |> ignore)
            throwsArg "x" (fun () -> model.Derivatives([| 1.0 |], 10.0) |> ignore)
            throwsArg "AtpRange" (fun () -> Mitochondrion(MitochondriaParameters.ChintaluriVogels2023.With(atpRange = 0.0)) |> ignore)
            throwsArg "KLeak" (fun () -> Mitochondrion(MitochondriaParameters.ChintaluriVogels2023.With(kLeak = -1.0)) |> ignore)
            throwsArg "dt" (fun () -> MitochondrionSimulation(model, 10.0, dt = 0.0) |> ignore)
        }
        test "issue #15: steady states = independent scipy transcription (BDF relaxation + fsolve) at 21 demands and with extra leak" {
            // reference/gen_mito_steady.py: the model's equations written again in numpy, not the C# derivative
            let path = IO.Path.Combine(repoRoot, "tests", "Theory.Tests", "Metabolic", "reference", "mito_steady_reference.csv")
            let rows =
                IO.File.ReadAllLines path
                |> Array.filter (fun l -> not (l.StartsWith "#") && not (l.StartsWith "demand") && l.Trim() <> "")
                |> Array.map (fun l -> l.Split ',' |> Array.map (fun c -> Double.Parse(c, Globalization.CultureInfo.InvariantCulture)))
            Expect.equal rows.Length 23 "21 demands + 2 leaks"
            for r in rows do
                let d, leak = r.[0], r.[1]
                let st = MitochondrialSteadyStates.Solve(model, d, leak)
                let x = st.State.ToArray()
                for i in 0 .. 7 do closeRel 1e-9 r.[2 + i] x.[i] (sprintf "demand %g, leak %g: variable %d" d leak i)
                closeRel 1e-9 r.[10] st.Ros (sprintf "demand %g, leak %g: ROS" d leak)
                closeAbs (1e-6 * abs r.[11] + 1e-6) r.[11] st.LeadingEigenvalue (sprintf "demand %g, leak %g: leading eigenvalue" d leak)
        }
        test "issue #15: only physical fixed points — demand 10, leak 0.5 gives the physical state (once NAD −0.034, αKG −224); none → InvalidOperationException" {
            let st = MitochondrialSteadyStates.Solve(model, 10.0, 0.5)
            Expect.isTrue (MitochondrialSteadyStates.IsPhysical(ReadOnlySpan(st.State.ToArray()))) (sprintf "physical: %A" st.State)
            Expect.isTrue st.Stable (sprintf "stable (λ = %g /s)" st.LeadingEigenvalue)
            Expect.isFalse (MitochondrialSteadyStates.IsPhysical(ReadOnlySpan([| 1.0; 1.0; 1.0; -224.0; 1.0; -0.034; 0.5; 1.0 |]))) "negative αKG and NAD"
            Expect.isFalse (MitochondrialSteadyStates.IsPhysical(ReadOnlySpan([| 1.0; 1.0; 1.0; 1.0; 1.0; 0.5; 0.5; -0.1 |]))) "negative ΔΨ"
            // respiration 1000× weaker: pyruvate grows without bound (≈ 0.98 per unit τ in a scipy BDF integration to
            // τ = 1e5, NAD⁺ and ATP → 0), so there is no physical fixed point: a clear exception, not a state
            let weak = Mitochondrion(MitochondriaParameters(KResp = 0.0024905e-3))
            Expect.throwsT<InvalidOperationException> (fun () -> MitochondrialSteadyStates.Solve(weak, 10.0) |> ignore) "no physical fixed point"
        }
    ]

[<Tests>]
let rosTests =
    testList "Metabolic.Ros" [
        test "R∞ and τ_R by hand" {
            closeAbs 1e-15 1.0 (Ros.Steady(1.0, 1.0)) "ATP=1, ψ=1"
            closeAbs 1e-15 1.0 (Ros.Steady(0.0, 0.0)) "ATP=0, ψ=0"
            closeAbs 1e-15 0.125 (Ros.Steady(0.5, 0.3)) "ATP=1/2"
            closeAbs 1e-15 0.0 (Ros.Steady(1.0, 0.0)) "ATP=1, ψ=0"
            closeRel 1e-15 (Ros.Steady(0.75, 0.8)) (Ros.SteadyFromRatio(3.0, 0.8)) "ATP/ADP = 3"
            // at ln b = 4.25 both exponentials are e^{1.4}: τ = 0.01 ms + 1200 ms/(2 e^{1.4})
            closeRel 1e-13 (1e-5 + 1.2 / (2.0 * exp 1.4)) (Ros.TimeConstant(RosParameters.Default, exp 4.25)) "τ_R midpoint"
            closeRel 1e-13 (1e-5 + 12.0 / (2.0 * exp 1.4)) (Ros.TimeConstant(RosParameters.Slow, exp 4.25)) "τ_R slow"
            closeAbs 0.0 0.05 (Ros.TimeConstant(RosParameters.Constant, 3.0)) "constant"
        }
        test "spike-cost kernel peaks at 1 at its analytic peak time" {
            let c = SpikeCost.ChintaluriVogels2023
            closeAbs 1e-14 1.0 (c.Kernel c.PeakTime) "Q(t*)"
            Expect.isLessThan (c.Kernel(c.PeakTime - 1e-4)) 1.0 "before"
            Expect.isLessThan (c.Kernel(c.PeakTime + 1e-4)) 1.0 "after"
            Expect.equal (c.Kernel -1e-3) 0.0 "causal"
            Expect.equal (c.Kernel 1.0) 0.0 "truncated at 1 s"
        }
    ]
