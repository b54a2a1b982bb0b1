/// Conductances of silent neurons decay into the subnormal range, where x86 arithmetic takes microcode
/// assists; the metabolic LIF flushes them to zero, SimdMath.Exp computes no subnormal for arguments it
/// maps to 0, and an inert metabolic state can be left out. None of this may change a spike or a membrane
/// potential: each test compares bits against an independent float32 computation or the full model. The COBA
/// (LifConductance) and exp-current populations flush their synaptic variables the same way.
module Theory.Tests.Kernel.SubnormalTests

open System
open System.Runtime.Intrinsics
open Expecto
open Theory.Spiking
open Theory.Experiments.Metabolic

let private bits (a: float32[]) = a |> Array.map BitConverter.SingleToInt32Bits

/// The metabolic LIF's Euler update of V and the conductance decay for a neuron without input and with an
/// inert M (A_max = 0), written out in float32 in the kernel's operation order, without any flushing.
let private referenceSilent (p: LifParameters) (dt: float) (steps: int) (v0: float32) (ge0: float32) (gi0: float32) =
    let invGl, dtOverTau, eL = float32 (1.0 / p.LeakConductance), float32 (dt / p.Tau), float32 p.RestingPotential
    let eE, eI = 0.0f, -0.080f
    let de, di = float32 (1.0 - dt / 0.005), float32 (1.0 - dt / 0.010)
    let mutable v, ge, gi = v0, ge0, gi0
    for _ in 1 .. steps do
        let ie = ge * invGl * (eE - v)
        let ii = gi * invGl * (eI - v)
        v <- v + dtOverTau * (ie + ii - (v - eL) + 0.0f * 0.0f)
        ge <- ge * de
        gi <- gi * di
    v, ge, gi

[<Tests>]
let tests =
    testList "Kernel.Subnormal" [
        test "metabolic LIF without input: conductances end at exactly 0 (not subnormal), V bit-identical to unflushed float32 arithmetic" {
            let p = LifParameters.VogelsAbbott2005
            let dt = 1e-4
            for integrateM in [ true; false ] do
                let net = Network(dt, 3UL)
                let pop = net.Add(MetabolicLif("silent", 40, p, MetabolicLifParameters.NoMetabolicDrive))
                pop.IntegrateInertMetabolicState <- integrateM
                pop.Set("v", fun i -> -0.070 + 0.015 * float i / 40.0)
                pop.Set("g_exc", fun i -> 1e-9 * float (i + 1) / 40.0)
                pop.Set("g_inh", fun i -> 2e-9 * float (40 - i) / 40.0)
                let v0, ge0, gi0 = Array.copy (pop.Variable "v"), Array.copy (pop.Variable "g_exc"), Array.copy (pop.Variable "g_inh")
                let s = net.MonitorSpikes pop
                // 0.2 s: conductances still normal; 1.5 s: every one has passed 2^-126 and reached 0
                net.Run 0.2
                let at (steps: int) = Array.init 40 (fun i -> referenceSilent p dt steps v0[i] ge0[i] gi0[i])
                let r = at 2000
                Expect.equal (bits (pop.Variable "v")[.. 39]) (r |> Array.map (fun (v, _, _) -> BitConverter.SingleToInt32Bits v)) "V after 0.2 s"
                Expect.equal (bits (pop.Variable "g_exc")[.. 39]) (r |> Array.map (fun (_, g, _) -> BitConverter.SingleToInt32Bits g)) "g_exc after 0.2 s (normal numbers, unchanged)"
                net.Run 1.3
                let r = at 15000
                Expect.equal (bits (pop.Variable "v")[.. 39]) (r |> Array.map (fun (v, _, _) -> BitConverter.SingleToInt32Bits v)) "V after 1.5 s"
                let subnormal (x: float32) = x <> 0.0f && abs x < 1.17549435e-38f
                Expect.isTrue (r |> Array.forall (fun (_, ge, gi) -> subnormal ge || subnormal gi || (ge = 0.0f && gi = 0.0f))) "the unflushed reference is subnormal (or zero) by then"
                Expect.isTrue (r |> Array.exists (fun (_, ge, _) -> subnormal ge)) "some reference g_exc is subnormal"
                Expect.isTrue ((pop.Variable "g_exc")[.. 39] |> Array.forall ((=) 0.0f)) "kernel g_exc flushed to 0"
                Expect.isTrue ((pop.Variable "g_inh")[.. 39] |> Array.forall ((=) 0.0f)) "kernel g_inh flushed to 0"
                Expect.equal s.Count 0 "no spikes"
        }
        test "COBA (LifConductance, Euler) and exp-current LIF without input: synaptic variables end at exactly 0, COBA V bit-identical to unflushed float32" {
            let p = LifParameters.VogelsAbbott2005
            let dt = 1e-4
            let net = Network(dt, 5UL)
            let coba = net.Add(LifConductance.Coba("coba", 40))
            let cur = net.Add(LifExpCurrent("cur", 40, LifParameters.Brunel2000, 0.005, 0.005))
            coba.Set("v", fun i -> -0.070 + 0.015 * float i / 40.0)
            coba.Set("g_exc", fun i -> 1e-9 * float (i + 1) / 40.0)
            coba.Set("g_inh", fun i -> 2e-9 * float (40 - i) / 40.0)
            cur.Set("i_exc", fun i -> 1e-12 * float (i + 1))
            cur.Set("i_inh", fun i -> -1e-12 * float (i + 1))
            let v0, ge0, gi0 = Array.copy (coba.Variable "v"), Array.copy (coba.Variable "g_exc"), Array.copy (coba.Variable "g_inh")
            let s1, s2 = net.MonitorSpikes coba, net.MonitorSpikes cur
            net.Run 1.5
            // the kernel's Euler step: V ← V + dt/C (g_L (E_L − V) + g_e (E_e − V) + g_i (E_i − V)), g ← g (1 − dt/τ)
            let k0, gL, eL = float32 (dt / p.Capacitance), float32 p.LeakConductance, float32 p.RestingPotential
            let de, di = float32 (1.0 - dt / 0.005), float32 (1.0 - dt / 0.010)
            let mutable sawSubnormal = false
            for i in 0 .. 39 do
                let mutable v, ge, gi = v0[i], ge0[i], gi0[i]
                for _ in 1 .. 15000 do
                    let drive = gL * (eL - v) + ge * (0.0f - v) + gi * (-0.080f - v)
                    v <- v + k0 * drive
                    ge <- ge * de
                    gi <- gi * di
                if ge <> 0.0f && abs ge < 1.17549435e-38f then sawSubnormal <- true
                Expect.equal (BitConverter.SingleToInt32Bits ((coba.Variable "v")[i])) (BitConverter.SingleToInt32Bits v) (sprintf "COBA V of neuron %d" i)
            Expect.isTrue sawSubnormal "the unflushed reference conductances are subnormal by 1.5 s"
            for name, pop in [ "g_exc", coba :> Population; "g_inh", coba; "i_exc", cur; "i_inh", cur ] do
                Expect.isTrue ((pop.Variable name)[.. 39] |> Array.forall ((=) 0.0f)) (name + " flushed to 0")
            Expect.equal (s1.Count + s2.Count) 0 "no spikes"
        }
        test "an inert M left out (IntegrateInertMetabolicState = false): same raster and V bits, M stays put; ignored where M acts" {
            let run (drive: MetabolicLifParameters) (integrateM: bool) =
                let cfg = MetabolicNetworkSimulation(N = 1000, Duration = 0.6, Connectivity = 0.2, ExcWeight = 0.5, Metabolic = drive)
                let c = cfg.Build()
                c.Neurons.IntegrateInertMetabolicState <- integrateM
                let m0 = Array.copy (c.Neurons.Variable "m")
                let s = c.Net.MonitorSpikes c.Neurons
                c.Net.Run cfg.Duration
                s.Steps, s.Indices, bits (c.Neurons.Variable "v"), bits (c.Neurons.Variable "m"), bits m0
            let st, ix, v, m, m0 = run MetabolicLifParameters.NoMetabolicDrive true
            let st', ix', v', m', m0' = run MetabolicLifParameters.NoMetabolicDrive false
            Expect.isGreaterThan st.Length 1000 "the network fires"
            Expect.equal st' st "spike steps"
            Expect.equal ix' ix "spike neurons"
            Expect.equal v' v "V bits"
            Expect.equal m' m0' "M left at its initial value"
            Expect.notEqual m m0 "integrated, M moves"
            let _, _, vc, mc, _ = run MetabolicLifParameters.ChintaluriVogels2023 true
            let _, _, vc', mc', _ = run MetabolicLifParameters.ChintaluriVogels2023 false
            Expect.equal vc' vc "with the metabolic current the flag is ignored: V"
            Expect.equal mc' mc "… and M"
        }
        test "SimdMath.Exp: every argument in [−87.34, 88.72] gives the bits of the scalar float32 algorithm; below, exactly 0" {
            // Cody–Waite reduction and the degree-8 Taylor polynomial written out in scalar float32, the old clamp included
            let scalar (x: float32) =
                let xc = min (max x -87.33654f) 88.72283f
                let n = min (MathF.Floor(xc * 1.44269504088896341f + 0.5f)) 127.0f
                let r = xc - n * 0.693359375f - n * -2.12194440e-4f
                let mutable q = 1.0f / 40320.0f
                for c in [ 1.0f / 5040.0f; 1.0f / 720.0f; 1.0f / 120.0f; 1.0f / 24.0f; 1.0f / 6.0f; 0.5f; 1.0f; 1.0f ] do q <- q * r + c
                q * BitConverter.Int32BitsToSingle((int n + 127) <<< 23)
            let n = 1 <<< 20
            let xs = Array.init n (fun i -> -87.33654f + (88.72283f - -87.33654f) * float32 i / float32 n)
            let xs = Array.append xs [| -87.33654f; 88.72282f; 0.0f; -0.0f |]
            let xs = Array.append xs (Array.create (8 - xs.Length % 8) 1.0f)
            let ys = Array.zeroCreate<float32> xs.Length
            for k in 0 .. 8 .. xs.Length - 8 do
                SimdMath.Exp(Vector256.Create<float32>(ReadOnlySpan<float32>(xs, k, 8))).CopyTo(Span(ys, k, 8))
            for i in 0 .. xs.Length - 1 do
                if xs[i] < 88.72283f && BitConverter.SingleToInt32Bits ys[i] <> BitConverter.SingleToInt32Bits (scalar xs[i]) then
                    failtestf "x = %.9g: vector %.9g, scalar %.9g" xs[i] ys[i] (scalar xs[i])
            let below = [| -87.3366f; -90.0f; -102.0f; -1000.0f; Single.MinValue; -87.34f; -88.0f; -100.0f |]
            let yb = Array.zeroCreate<float32> 8
            SimdMath.Exp(Vector256.Create<float32>(below)).CopyTo(Span(yb))
            Expect.equal yb (Array.zeroCreate 8) "e^x = 0 below −87.3365"
        }
    ]
