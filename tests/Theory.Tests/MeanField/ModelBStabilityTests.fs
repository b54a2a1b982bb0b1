/// Linear stability of Brunel (2000) model B (MultiPopulationStability): reduction to model A with identical
/// E and I parameters, the zero-frequency coupling against finite differences of the Siegert self-consistency,
/// saddles at a three-state point, a case where the 2×2 structure changes the verdict, bad input.
module Theory.Tests.MeanField.ModelBStabilityTests

open System
open System.Numerics
open Expecto
open Theory.MeanField
open Theory.Tests.Util

let private n0 = LifNeuron.Brunel2000
let private D = 0.0015
/// Model B with J = 0.1 mV, C_E = 1000, γ = 0.25, ν_ext = ratio · θ/(J C_E τ_E); I membrane τ = tauI.
let modelB (gE: float) (gI: float) (ratio: float) (tauI: float) =
    MultiPopulationNetwork.BrunelModelB(1000.0, 0.25, 1e-4, gE, gI, ratio * 10.0, n0, n0.With(tauM = tauI))
let private modelA (g: float) (ratio: float) = BrunelNetwork.ModelA.With(g = g, nuExtRatio = ratio)

/// ∂φ_a/∂ν_b by central differences of ν ↦ Siegert(μ_a(ν), σ_a(ν)) (no transfer function involved).
let jacobianFD (net: MultiPopulationNetwork) (rates: float[]) =
    let p = rates.Length
    Array2D.init p p (fun a b ->
        let h = 1e-5 * rates.[b]
        let phi (nu: float[]) = let inp = net.Inputs nu in Siegert.Rate(inp.Mu.[a], inp.Sigma.[a], net.Neurons.[a])
        let up = Array.copy rates in up.[b] <- up.[b] + h
        let dn = Array.copy rates in dn.[b] <- dn.[b] - h
        (phi up - phi dn) / (2.0 * h))

/// Independent root search: damped Newton on the public Characteristic from a grid of starts in
/// 0 < Re s < 600 /s, 0 < Im s/2π < 1 kHz; distinct roots with Re s > 0, 0 < Im s < 2π·1 kHz (upper half plane).
let newtonRoots (net: MultiPopulationNetwork) (rates: float[]) =
    let c (s: Complex) = MultiPopulationStability.Characteristic(net, rates, D, s)
    let roots = ResizeArray<Complex>()
    for re in [ 20.0; 150.0; 400.0 ] do
        for f in [ 10.0 .. 30.0 .. 1000.0 ] do
            let mutable x = Complex(re, 2.0 * Math.PI * f)
            let mutable ok = true
            let mutable it = 0
            while ok && it < 60 do
                let h = 1e-4 * max 1.0 x.Magnitude
                let d = (c (x + Complex(h, 0.0)) - c (x - Complex(h, 0.0))) / Complex(2.0 * h, 0.0)
                let mutable step = c x / d
                if step.Magnitude > 200.0 then step <- step * (200.0 / step.Magnitude)
                x <- x - step
                if not (x.Real > -20.0 && x.Real < 3000.0 && abs x.Imaginary < 2.0 * Math.PI * 1500.0) then ok <- false
                it <- it + 1
            if ok && (c x).Magnitude < 1e-8 && x.Real > 0.0 && x.Imaginary > 1.0 && x.Imaginary < 2.0 * Math.PI * 1000.0
               && not (roots |> Seq.exists (fun r -> (r - x).Magnitude < 1e-4 * x.Magnitude)) then
                roots.Add x
    roots |> Seq.sortByDescending (fun r -> r.Real) |> Array.ofSeq

[<Tests>]
let tests =
    testList "MeanField.ModelBStability" [
        test "identical E and I: det(I − M(s)) = model A's c(s) at complex s (1e-10)" {
            let mutable worst = 0.0
            for (g, q) in [ 6.0, 4.0; 4.5, 0.9; 3.0, 2.0; 5.0, 2.0; 3.0, 0.5 ] do
                let a, b = modelA g q, modelB g g q 0.02
                for st in a.StationaryStates() do
                    for s in [ Complex(0.0, 0.0); Complex(13.0, 800.0); Complex(-30.0, 2.0 * Math.PI * 190.0); Complex(250.0, 4150.0); Complex(40.0, 0.0) ] do
                        let ca = BrunelStability.Characteristic(a, st, s)
                        let cb = MultiPopulationStability.Characteristic(b, [| st.Rate; st.Rate |], D, s)
                        let err = (ca - cb).Magnitude / max 1.0 ca.Magnitude
                        worst <- max worst err
                        Expect.isLessThan err 1e-10 (sprintf "(%g, %g), ν = %g Hz, s = %A: %A vs %A" g q st.Rate s ca cb)
            printfn "reduction: worst |c_B − c_A|/max(1, |c_A|) = %.2e" worst }
        test "P = 3 (E split into two identical halves): rank-1 M, det(I − M) = model A's c (general elimination path)" {
            for (g, q) in [ 6.0, 4.0; 4.5, 0.9; 3.0, 2.0 ] do
                let a = modelA g q
                let j = 1e-4
                let net = MultiPopulationNetwork(Array2D.init 3 3 (fun _ b -> if b < 2 then 500.0 else 250.0),
                                                 Array2D.init 3 3 (fun _ b -> if b < 2 then j else -g * j),
                                                 Array.create 3 1000.0, Array.create 3 j, Array.create 3 a.NuExt, Array.create 3 n0)
                for st in a.StationaryStates() do
                    let rates = Array.create 3 st.Rate
                    for s in [ Complex(0.0, 0.0); Complex(13.0, 800.0); Complex(250.0, 4150.0) ] do
                        let ca = BrunelStability.Characteristic(a, st, s)
                        let c3 = MultiPopulationStability.Characteristic(net, rates, D, s)
                        Expect.isLessThan (ca - c3).Magnitude (1e-10 * max 1.0 ca.Magnitude) (sprintf "(%g, %g), s = %A: %A vs %A" g q s ca c3)
                    let ra, r3 = BrunelStability.Analyze(a, st), MultiPopulationStability.Analyze(net, rates, D)
                    Expect.equal r3.Regime ra.Regime (sprintf "regime at (%g, %g)" g q)
                    Expect.isLessThan (r3.DominantEigenvalue - ra.DominantEigenvalue).Magnitude (1e-6 * max 1.0 ra.DominantEigenvalue.Magnitude) "dominant eigenvalue" }
        test "identical E and I: same regime and dominant eigenvalue as model A at the Fig. 8 points and 32 random points" {
            let compare g q =
                let a, b = modelA g q, modelB g g q 0.02
                [ for st in a.StationaryStates() do
                    let ra = BrunelStability.Analyze(a, st)
                    let rb = MultiPopulationStability.Analyze(b, [| st.Rate; st.Rate |], D)
                    Expect.equal rb.Regime ra.Regime (sprintf "regime at (%g, %g), ν = %g Hz" g q st.Rate)
                    Expect.equal rb.Stable ra.Stable (sprintf "stable at (%g, %g)" g q)
                    Expect.equal rb.EigenvalueFound ra.EigenvalueFound (sprintf "found at (%g, %g)" g q)
                    Expect.isLessThan (rb.DominantEigenvalue - ra.DominantEigenvalue).Magnitude (1e-6 * max 1.0 ra.DominantEigenvalue.Magnitude)
                        (sprintf "dominant eigenvalue at (%g, %g): %A vs %A" g q rb.DominantEigenvalue ra.DominantEigenvalue)
                    yield ra.Regime ]
            let fig8 = [ for (g, q) in [ 6.0, 4.0; 4.5, 0.9; 3.0, 2.0; 5.0, 2.0 ] -> compare g q |> List.last ]
            Expect.equal fig8 [ "SI-fast"; "SI-slow"; "SR"; "AI" ] "Fig. 8 regimes"
            let rng = Random(20261125)
            let seen = Collections.Generic.HashSet<string>()
            for _ in 1 .. 32 do
                for r in compare (8.0 * rng.NextDouble()) (0.1 + 3.9 * rng.NextDouble()) do seen.Add r |> ignore
            printfn "random points: regimes %A" (List.ofSeq seen)
            Expect.isTrue (seen.Count >= 3) "several regimes sampled" }
        test "s = 0: M(0) = ∂φ_a/∂ν_b of the Siegert self-consistency (central differences, 1e-6)" {
            for (gE, gI, q, tauI) in [ 5.0, 4.0, 2.0, 0.01; 6.0, 5.5, 3.0, 0.02; 6.0, 5.75, 2.0, 0.02; 3.0, 3.5, 0.5, 0.02; 8.0, 5.0, 3.0, 0.01 ] do
                let net = modelB gE gI q tauI
                for st in TwoPopulationStationary.Solve net do
                    let m = MultiPopulationStability.Coupling(net, st, D, Complex.Zero)
                    let j = jacobianFD net st
                    let scale = max 1.0 (Seq.max [ for a in 0 .. 1 do for b in 0 .. 1 -> abs j.[a, b] ])
                    for a in 0 .. 1 do
                        for b in 0 .. 1 do
                            Expect.isLessThan (abs m.[a, b].Imaginary) 1e-12 "M(0) real"
                            Expect.isLessThan (abs (m.[a, b].Real - j.[a, b])) (1e-6 * scale)
                                (sprintf "M(0)[%d,%d] at (%g, %g, %g, %g), ν = %A: %g vs FD %g" a b gE gI q tauI st m.[a, b].Real j.[a, b])
                    let detFD = (1.0 - j.[0, 0]) * (1.0 - j.[1, 1]) - j.[0, 1] * j.[1, 0]
                    let c0 = MultiPopulationStability.Characteristic(net, st, D, Complex.Zero)
                    Expect.isLessThan (abs (c0.Real - detFD)) (1e-6 * scale * scale) (sprintf "det(I − M(0)) at ν = %A" st) }
        test "three stationary states (g_E = 3, g_I = 3.5, ν_ext = 0.5 ν_thr): the middle one is a saddle, the others not" {
            let net = modelB 3.0 3.5 0.5 0.02
            let st = TwoPopulationStationary.Solve net
            Expect.equal st.Length 3 "three states"
            let c0 = st |> Array.map (fun s -> MultiPopulationStability.Characteristic(net, s, D, Complex.Zero).Real)
            let fd = st |> Array.map (fun s -> let j = jacobianFD net s in (1.0 - j.[0, 0]) * (1.0 - j.[1, 1]) - j.[0, 1] * j.[1, 0])
            printfn "det(I − M(0)) = %A (finite differences %A)" c0 fd
            Expect.isLessThan fd.[1] 0.0 "middle: det(I − ∂φ/∂ν) < 0 (finite differences)"
            Expect.isGreaterThan fd.[0] 0.0 "low state"
            Expect.isGreaterThan fd.[2] 0.0 "high state"
            let r = st |> Array.map (fun s -> MultiPopulationStability.Analyze(net, s, D))
            Expect.equal r.[1].Regime "saddle" "middle state"
            Expect.isGreaterThan r.[1].DominantEigenvalue.Real 0.0 "real positive eigenvalue"
            closeAbs 1e-8 0.0 (MultiPopulationStability.Characteristic(net, st.[1], D, r.[1].DominantEigenvalue).Magnitude) "c at the real root"
            Expect.notEqual r.[0].Regime "saddle" "low state"
            Expect.notEqual r.[2].Regime "saddle" "high state" }
        test "the units of LifTransferFunction.Evaluate (Hz/V, Hz/V², per-population τ) give the same det(I − M(s)), τ_I = 10 ms" {
            let net = modelB 5.0 4.0 2.0 0.01
            let st = (TwoPopulationStationary.Solve net).[0]
            let inp = net.Inputs st
            for s in [ Complex(0.0, 700.0); Complex(-40.0, 2000.0); Complex(400.0, 740.0); Complex(5.0, 0.0) ] do
                let m = Array2D.init 2 2 (fun a b ->
                    let r = LifTransferFunction.Evaluate(net.Neurons.[a], inp.Mu.[a], inp.Sigma.[a], s)
                    let t = net.Neurons.[a].TauM
                    Complex.Exp(-s * D) * (r.MeanGain * t * net.C.[a, b] * net.J.[a, b] + r.VarianceGain * t * net.C.[a, b] * net.J.[a, b] ** 2.0))
                let det = (Complex.One - m.[0, 0]) * (Complex.One - m.[1, 1]) - m.[0, 1] * m.[1, 0]
                let c = MultiPopulationStability.Characteristic(net, st, D, s)
                Expect.isLessThan (det - c).Magnitude (1e-10 * max 1.0 c.Magnitude) (sprintf "s = %A" s) }
        test "2×2 structure: g_E = 5, g_I = 4, τ_I = 10 ms is SI-fast where model A (g = 5) is AI; count = Newton roots" {
            let a = modelA 5.0 2.0
            let ra = BrunelStability.Analyze(a, a.StationaryStates().[0])
            Expect.equal ra.Regime "AI" "model A at (5, 2)"
            let net = modelB 5.0 4.0 2.0 0.01
            let st = TwoPopulationStationary.Solve net
            Expect.equal st.Length 1 "one state"
            let r = MultiPopulationStability.Analyze(net, st.[0], D)
            let roots = newtonRoots net st.[0]
            let count = MultiPopulationStability.CountUnstableEigenvalues(net, st.[0], D)
            printfn "model B (5, 4, 2, τ_I = 10 ms): ν = %A Hz, %s, dominant %A (%.1f Hz); count %d; Newton roots %A"
                st.[0] r.Regime r.DominantEigenvalue r.OscillationFrequency count roots
            Expect.equal r.Regime "SI-fast" "model B regime"
            Expect.isTrue r.EigenvalueFound "eigenvalue found"
            Expect.equal count (2 * roots.Length) "argument-principle count = Newton roots (with conjugates)"
            Expect.isLessThan (r.DominantEigenvalue - roots.[0]).Magnitude (1e-6 * roots.[0].Magnitude) "dominant = Newton's largest Re s"
            // the same count with an independent rectangle: nothing right of the dominant root, its pair left of it
            let re = r.DominantEigenvalue.Real
            Expect.equal (MultiPopulationStability.CountUnstableEigenvalues(net, st.[0], D, minGrowth = re + 1.0)) 0 "nothing to the right"
            Expect.equal (MultiPopulationStability.CountUnstableEigenvalues(net, st.[0], D, minGrowth = re - 1.0)) 2 "one pair at the root" }
        test "2×2 structure: stable and unstable model-B states agree with the full-rectangle count (τ_I = 20 ms near g_I = g_E)" {
            // (6, 5.75, 2) and (5, 4.9, 2) are stable; (6, 5.5, 3) and (5, 4.5, 2) SI-fast although model A at g_E is AI
            for (gE, gI, q, want) in [ 6.0, 5.75, 2.0, "AI"; 5.0, 4.9, 2.0, "AI"; 6.0, 5.5, 3.0, "SI-fast"; 5.0, 4.5, 2.0, "SI-fast" ] do
                let net = modelB gE gI q 0.02
                let st = (TwoPopulationStationary.Solve net).[0]
                let r = MultiPopulationStability.Analyze(net, st, D)
                let count = MultiPopulationStability.CountUnstableEigenvalues(net, st, D)
                let roots = newtonRoots net st
                printfn "(%g, %g, %g): ν = %A, %s %A, count %d, Newton %d" gE gI q st r.Regime r.DominantEigenvalue count roots.Length
                Expect.equal r.Regime want (sprintf "(%g, %g, %g)" gE gI q)
                Expect.equal count (2 * roots.Length) (sprintf "count = Newton roots at (%g, %g, %g)" gE gI q)
                Expect.equal (modelA gE q |> fun a -> BrunelStability.Analyze(a, a.StationaryStates().[0]).Regime) "AI" "model A at g_E" }
        test "regime label: SR iff the recurrent mean input onto E is excitatory (g_E γ < 1), independent of g_I" {
            Expect.equal (MultiPopulationStability.OscillatoryRegime(modelB 3.0 6.0 2.0 0.02, D, 200.0)) "SR" "g_E γ = 0.75"
            Expect.equal (MultiPopulationStability.OscillatoryRegime(modelB 6.0 3.0 2.0 0.02, D, 200.0)) "SI-fast" "g_E γ = 1.5, 200 Hz"
            Expect.equal (MultiPopulationStability.OscillatoryRegime(modelB 6.0 3.0 2.0 0.02, D, 30.0)) "SI-slow" "30 Hz < 1/(8D)"
            Expect.equal (MultiPopulationStability.OscillatoryRegime(modelB 4.0 4.0 2.0 0.02, D, 200.0)) "SI-fast" "g_E γ = 1: balanced, not SR"
            Expect.equal (MultiPopulationStability.OscillatoryRegime(modelB 6.0 6.0 2.0 0.02, 0.0, 90.0)) "SI-slow" "D = 0: split at 100 Hz" }
        test "random valid input (48 points, seed 5): every state analysed, finite results, never NaN" {
            let rng = Random(5)
            let mutable states = 0
            for _ in 1 .. 48 do
                let gE, gI, q = 8.0 * rng.NextDouble(), 8.0 * rng.NextDouble(), 0.3 + 3.7 * rng.NextDouble()
                let tauI = 0.005 + 0.025 * rng.NextDouble()
                let net = modelB gE gI q tauI
                for st in TwoPopulationStationary.Solve net do
                    states <- states + 1
                    let r = MultiPopulationStability.Analyze(net, st, D, findDampedRoots = false)
                    let ok (x: float) = not (Double.IsNaN x || Double.IsInfinity x)
                    Expect.isTrue (ok r.DominantEigenvalue.Real && ok r.DominantEigenvalue.Imaginary && ok r.OscillationFrequency)
                        (sprintf "(%g, %g, %g, %g) ν = %A: %A" gE gI q tauI st r)
                    let c = MultiPopulationStability.Characteristic(net, st, D, Complex(10.0, 900.0))
                    Expect.isTrue (ok c.Real && ok c.Imaginary) "c finite"
            printfn "random input: %d states analysed" states
            Expect.isGreaterThan states 40 "states found" }
        test "bad input is rejected naming the parameter" {
            let net = modelB 5.0 4.0 2.0 0.01
            let st = (TwoPopulationStationary.Solve net).[0]
            throwsArg "rates" (fun () -> MultiPopulationStability.Analyze(net, [| st.[0] |], D) |> ignore)
            throwsArg "rates[1] = -1" (fun () -> MultiPopulationStability.Analyze(net, [| st.[0]; -1.0 |], D) |> ignore)
            throwsArg "rates[0] = NaN" (fun () -> MultiPopulationStability.Analyze(net, [| nan; st.[1] |], D) |> ignore)
            throwsArg "not stationary" (fun () -> MultiPopulationStability.Analyze(net, [| st.[1]; st.[0] |], D) |> ignore)
            throwsArg "delay" (fun () -> MultiPopulationStability.Analyze(net, st, -1e-3) |> ignore)
            throwsArg "maxFrequency" (fun () -> MultiPopulationStability.Analyze(net, st, D, maxFrequency = 0.0) |> ignore)
            throwsArg "starts" (fun () -> MultiPopulationStability.Analyze(net, st, D, starts = 0) |> ignore)
            throwsArg "excitatoryPopulation" (fun () -> MultiPopulationStability.Analyze(net, st, D, excitatoryPopulation = 2) |> ignore)
            throwsArg "minGrowth" (fun () -> MultiPopulationStability.CountUnstableEigenvalues(net, st, D, minGrowth = -60.0) |> ignore)
            throwsArg "s" (fun () -> MultiPopulationStability.Characteristic(net, st, D, Complex(-60.0, 0.0)) |> ignore)
            throwsArg "net" (fun () -> MultiPopulationStability.Analyze(Unchecked.defaultof<_>, st, D) |> ignore) }
    ]
