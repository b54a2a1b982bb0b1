/// Issue #13, library half: the extreme ends of the analytic functions documented as never NaN,
/// each against an independent reference (closed-form limits, 50-digit mpmath quadrature from
/// MeanField/reference/gen_siegert_limits.py, or a second method), with continuity checked across
/// every switch-over of the evaluation.
module Theory.Tests.Boundaries.LibraryLimitsTests

open System
open Expecto
open MathNet.Numerics.LinearAlgebra
open Theory.MeanField
open Theory.ShortTermPlasticity
open Theory.Numerics
open Theory.Amplification
open Theory.Tests.Util

let private brunel = LifNeuron.Brunel2000

/// the noiseless LIF rate 1/(τ_rp + τ ln((μ − V_r)/(μ − θ))) above threshold
let private deterministic (n: LifNeuron) (mu: float) =
    1.0 / (n.TauRef + n.TauM * log ((mu - n.VReset) / (mu - n.Theta)))

/// (μ, σ, θ, V_r, ln ν) from gen_siegert_limits.py (50-digit quadrature; τ = 20 ms, τ_rp = 2 ms)
let private mpmathLimits =
    [ 0.025, 0.001, 0.02, 0.01, 3.7380683820134477941
      0.025, 1e-06, 0.02, 0.01, 3.7308585513367091247
      0.025, 1e-12, 0.02, 0.01, 3.7308585439207259001
      0.025, 1e-100, 0.02, 0.01, 3.7308585439207259001
      0.025, 1e-200, 0.02, 0.01, 3.7308585439207259001
      0.025, 1e-310, 0.02, 0.01, 3.7308585439207259001
      0.02, 1e-06, 0.02, 0.01, 1.580646842931999843
      0.02, 1e-20, 0.02, 0.01, 0.16185358178704876973
      0.02, 1e-200, 0.02, 0.01, -2.2126463884880833855
      0.02, 1e-310, 0.02, 0.01, -2.6536333860977102763
      0.020000010000000002, 1e-08, 0.02, 0.01, 1.2909820384328250681
      0.01999999, 1e-08, 0.02, 0.01, 0.97101131875534865127
      0.020000030000000002, 1e-08, 0.02, 0.01, 1.3632733285767235629
      0.01999997, 1e-08, 0.02, 0.01, -4.6315336421363519734
      // the crossover μ ≈ θ at σ = 1e-200 (θ = 0 so that μ = θ ± kσ is representable)
      1e-200, 1e-200, 0.0, -0.01, -2.2101328313516321037
      -1e-200, 1e-200, 0.0, -0.01, -2.2214430000286051301
      3e-200, 1e-200, 0.0, -0.01, -2.2080269886867942808
      -3e-200, 1e-200, 0.0, -0.01, -4.7141441474089279549 ]

let private schurCheck (a: Matrix<float>) (f: SchurForm) (what: string) =
    let n = a.RowCount
    let eps = 2.220446049250313e-16
    // measured on A/2^e so that the norms themselves neither overflow nor underflow
    let amax = a.Enumerate() |> Seq.map abs |> Seq.max
    let e = if amax = 0.0 then 0 else Math.ILogB amax
    let down (m: Matrix<float>) = m.Map(fun x -> Math.ScaleB(x, -e))
    let orth = (f.U.TransposeThisAndMultiply f.U - Matrix<float>.Build.DenseIdentity n).FrobeniusNorm()
    if not (orth <= 20.0 * float n * eps) then failtestf "%s: ‖UᵀU − I‖_F = %g > 20nε" what orth
    let back = (down a - f.U * down f.T * f.U.Transpose()).FrobeniusNorm()
    let an = (down a).FrobeniusNorm()
    // T rounded into the subnormal range (‖A‖ ≲ 2^-1022) adds an absolute n²·2^-1074 (in A's units)
    let underflow = float (n * n) * Math.ScaleB(1.0, -1074 - e)
    if not (back <= 20.0 * float n * eps * max an 1e-300 + underflow) then failtestf "%s: ‖A − UTUᵀ‖_F/‖A‖_F = %g > 20nε" what (back / an)
    for x in f.T.Enumerate() do if not (Double.IsFinite x) then failtestf "%s: T has %g" what x
    for x in f.U.Enumerate() do if not (Double.IsFinite x) then failtestf "%s: U has %g" what x

let private dense (rows: float list list) = Matrix<float>.Build.DenseOfRows(rows |> List.map List.toSeq)

let private randomMatrix (seed: int) (n: int) =
    let rng = Random(seed)
    Matrix<float>.Build.Dense(n, n, fun _ _ -> rng.NextDouble() * 2.0 - 1.0)

let private companion (coeffs: float[]) =
    // monic polynomial x^n + c_{n−1}x^{n−1} + … + c_0
    let n = coeffs.Length
    Matrix<float>.Build.Dense(n, n, fun i j -> if i = 0 then -coeffs.[n - 1 - j] elif i = j + 1 then 1.0 else 0.0)

let private jordan (lam: float) (n: int) =
    Matrix<float>.Build.Dense(n, n, fun i j -> if i = j then lam elif j = i + 1 then 1.0 else 0.0)

let private cyclic (n: int) = Matrix<float>.Build.Dense(n, n, fun i j -> if (i + 1) % n = j then 1.0 else 0.0)

[<Tests>]
let tests =
    testList "Boundaries.Library" [
        testList "Siegert" [
            test "σ → 0 above threshold: the deterministic LIF rate 1/(τ_rp + τ ln((μ−V_r)/(μ−θ)))" {
                for mu in [ 0.0201; 0.025; 0.1; 1e3; 1e300 ] do
                    for s in [ 1e-12; 1e-100; 1e-200; 1e-310; 5e-324 ] do
                        closeRel 2e-14 (deterministic brunel mu) (Siegert.Rate(mu, s, brunel)) (sprintf "μ=%g σ=%g" mu s)
                        closeAbs 2e-14 (log (deterministic brunel mu)) (Siegert.LogRate(mu, s, brunel)) (sprintf "ln ν μ=%g σ=%g" mu s) }
            test "σ → 0 below threshold and θ → ∞: exactly 0 (ln ν = −y_θ², −∞ beyond the double range)" {
                for mu in [ 0.0199999; 0.015; -1e300 ] do
                    for s in [ 1e-20; 1e-200; 1e-310; 5e-324 ] do
                        Expect.equal (Siegert.Rate(mu, s, brunel)) 0.0 (sprintf "μ=%g σ=%g" mu s)
                        let l = Siegert.LogRate(mu, s, brunel)
                        let y = (brunel.Theta - mu) / s
                        if Double.IsFinite(y * y) then closeRel 1e-15 (-(y * y)) l "ln ν = −y_θ²"
                        else Expect.equal l Double.NegativeInfinity "ln ν below −1.8e308"
                for th in [ 1e10; 1e300; 1.7e308 ] do
                    Expect.equal (Siegert.Rate(0.015, 0.005, brunel.With(theta = th))) 0.0 (sprintf "θ=%g" th)
                    Expect.isFalse (Double.IsNaN(Siegert.LogRate(0.015, 0.005, brunel.With(theta = th)))) "ln ν not NaN"
                // the issue's cases
                Expect.equal (Siegert.Rate(0.015, 1e-200, brunel)) 0.0 "Siegert.Rate(0.015, 1e-200, Brunel2000)"
                Expect.equal (Siegert.Rate(0.015, 0.005, brunel.With(theta = 1e300))) 0.0 "θ = 1e300"
                // Fourcaud–Brunel shift beyond the double range: threshold at infinity
                Expect.equal (Siegert.Rate(0.015, 0.005, brunel, 1e300)) 0.0 "τ_s = 1e300" }
            test "crossover μ ≈ θ at σ → 0 and overflowing V_r against 50-digit quadrature" {
                for (mu, s, th, vr, lnRef) in mpmathLimits do
                    let n = brunel.With(theta = th, vReset = vr)
                    closeRel 1e-12 (exp lnRef) (Siegert.Rate(mu, s, n)) (sprintf "μ=%.17g σ=%g θ=%g V_r=%g" mu s th vr)
                    closeAbs 1e-12 lnRef (Siegert.LogRate(mu, s, n)) (sprintf "ln ν μ=%.17g σ=%g" mu s) }
            test "continuity across every switch of the evaluation (relative step 1e-9 → change < 1e-8)" {
                // across the switch at x the step f(x+δ) − f(x−δ) must equal the smooth change
                // predicted by the neighbouring steps on either side (f(x+2δ) − f(x+δ) and
                // f(x−δ) − f(x−2δ), each of length δ, on one side of the switch), to 1e-10 of f
                let cont (what: string) (f: float -> float) (x: float) =
                    let d = 1e-7
                    let v k = f (x * (1.0 + float k * d))
                    let m2, m1, p1, p2 = v -2, v -1, v 1, v 2
                    for y in [ m2; m1; p1; p2 ] do if not (Double.IsFinite y) then failtestf "%s: %g" what y
                    let jump = abs ((p1 - m1) - ((p2 - p1) + (m1 - m2))) / max (abs p1) 1e-300
                    if not (jump < 1e-10) then failtestf "%s: %.17g | %.17g (jump %.3g)" what m1 p1 jump
                // b = (μ − V_r)/σ crosses 1e300 (G from ln b beyond), above and at threshold
                cont "b = 1e300 above θ" (fun s -> Siegert.Rate(0.025, s, brunel)) (0.015 / 1e300)
                cont "b = 1e300 at θ" (fun s -> Siegert.Rate(0.02, s, brunel)) (0.01 / 1e300)
                // a = (μ − θ)/σ crosses 1e8 while b > 1e300
                cont "a = 1e8" (fun s -> Siegert.Rate(0.02 + 1e-290, s, brunel)) (1e-298)
                // y_θ crosses 1e10 (rate 0 on both sides; ln ν continuous)
                cont "y_θ = 1e10 (ln ν)" (fun s -> Siegert.LogRate(0.015, s, brunel)) (0.005 / 1e10)
                // the narrow-interval quadrature w·max(y_θ, 1) = 1/4 below threshold, for y_θ < 1 and y_θ > 1
                for yth in [ 0.3; 3.0 ] do
                    let sigma = 0.005
                    let w = 0.25 / max yth 1.0
                    let n = brunel.With(theta = 0.0, vReset = -w * sigma, tauRef = 0.0)
                    cont (sprintf "narrow y_θ=%g" yth) (fun vr -> Siegert.Rate(-yth * sigma, sigma, n.With(vReset = vr))) n.VReset
                // FarBelow and the yR<0/yR≥0 split at y_r = 0
                cont "y_r = 0" (fun mu -> Siegert.Rate(mu, 0.002, brunel)) 0.01 }
            test "never NaN on a grid over the whole valid domain" {
                let vals = [ -1e308; -1e300; -1.0; -0.01; 0.0; 1e-310; 0.01; 0.02; 0.025; 1.0; 1e300; 1e308 ]
                for mu in vals do
                    for s in [ 5e-324; 1e-300; 1e-10; 0.005; 1.0; 1e300; 1e308 ] do
                        for (th, vr) in [ 0.02, 0.01; 1e308, -1e308; 1e-300, 0.0; 0.02, 0.02 - 1e-17 ] do
                            for tr in [ 0.0; 0.002 ] do
                                let n = LifNeuron(0.02, th, vr, tr)
                                let r = Siegert.Rate(mu, s, n)
                                if Double.IsNaN r || r < 0.0 then failtestf "ν = %g at μ=%g σ=%g θ=%g V_r=%g" r mu s th vr
                                if tr > 0.0 && not (r <= 1.0 / tr * (1.0 + 1e-15)) then failtestf "ν = %g > 1/τ_rp" r
                                let l = Siegert.LogRate(mu, s, n)
                                if Double.IsNaN l then failtestf "ln ν NaN at μ=%g σ=%g" mu s }
        ]
        testList "TsodyksMarkram" [
            test "τ_F = 1e300 at 1e12 Hz: closed-form limits (u_rel → 1, x⁻ = 1 − e^{−Δ/τ_D}; Poisson x = 1/(1 + ντ_D))" {
                let p = TsodyksMarkramParameters(0.5, 1.0, 1e300)
                let r = TsodyksMarkram.SteadyState(p, 1e12)
                closeRel 1e-15 1.0 r.U "regular u_rel"
                closeRel 1e-12 9.999999999995e-13 r.X "regular x⁻ = −expm1(−1e-12) = 1e-12 − 5e-25"
                let q = TsodyksMarkram.SteadyState(p, 1e12, SpikeTrain.Poisson)
                closeRel 1e-15 1.0 q.U "Poisson ⟨u⟩"
                closeRel 1e-15 (1.0 / (1.0 + 1e12)) q.X "Poisson ⟨x⟩"
                let e = TsodyksMarkram.SteadyState(p, 1e12, SpikeTrain.PoissonExact)
                // u is deterministic here (≡ 1), so the exact means equal the mean-field ones
                closeRel 1e-9 q.Released e.Released "PoissonExact = Poisson when u is deterministic" }
            test "regular fixed point equals the event-driven map iterated to convergence (U, τ over 600 decades)" {
                let rng = Random(13)
                for _ in 1 .. 300 do
                    let pick (xs: 'a[]) : 'a = xs.[rng.Next xs.Length]
                    let u = pick [| 1e-300; 1e-12; 0.05; 0.5; 1.0 |]
                    let tD = pick [| 1e-300; 1e-3; 0.3; 10.0; 1e300 |]
                    let tF = pick [| 1e-300; 1e-3; 0.3; 10.0; 1e300 |]
                    let rate = pick [| 1e-300; 0.1; 20.0; 1e4; 1e12; 1e300 |]
                    let conv = pick [| TsodyksMarkramConvention.ReleaseThenFacilitate; TsodyksMarkramConvention.TsodyksPawelzikMarkram1998; TsodyksMarkramConvention.FacilitateThenReleaseRestingAtU |]
                    let p = TsodyksMarkramParameters(u, tD, tF, convention = conv)
                    let st = TsodyksMarkram.SteadyState(p, rate)
                    for v in [ st.U; st.X; st.Released ] do
                        if not (v >= 0.0 && v <= 1.0) then failtestf "U=%g τD=%g τF=%g ν=%g: %A" u tD tF rate st
                    // iterate only where the map contracts fast enough to converge in 10⁵ spikes
                    let dt = 1.0 / rate
                    let slow = dt / tD < 0.02 || dt / tF < 0.02
                    if not slow then
                        let mutable s = TsodyksMarkramState.Rested p
                        let mutable last = 0.0
                        for _ in 1 .. 2000 do
                            let hit = TsodyksMarkram.Spike(p, s)
                            last <- hit.Released
                            s <- TsodyksMarkram.Relax(p, hit.After, dt)
                        closeRel 1e-9 last st.Released (sprintf "U=%g τD=%g τF=%g ν=%g %A" u tD tF rate conv) }
            test "no NaN and bounded means on an extreme grid, all trains and conventions; crossover rate not NaN" {
                for tF in [ 1e-300; 1e-3; 1.0; 1e12; 1e300 ] do
                    for tD in [ 1e-300; 1.0; 1e300 ] do
                        for u in [ 1e-300; 0.5; 1.0 ] do
                            for f in [ 0.0; 1e-300; 0.3; 1.0 ] do
                                for conv in [ TsodyksMarkramConvention.ReleaseThenFacilitate; TsodyksMarkramConvention.TsodyksPawelzikMarkram1998 ] do
                                    let p = TsodyksMarkramParameters(u, tD, tF, f, convention = conv)
                                    for rate in [ 5e-324; 1e-300; 1.0; 1e12; 1e300; 1.7e308 ] do
                                        // the exact Poisson hierarchy costs up to 512³ flops: on a sub-grid
                                        let exact = f = 0.3 && (rate = 1.0 || rate = 1e12 || rate = 1e300) && tD <> 1.0
                                        for tr in (if exact then [ SpikeTrain.Regular; SpikeTrain.Poisson; SpikeTrain.PoissonExact ] else [ SpikeTrain.Regular; SpikeTrain.Poisson ]) do
                                            let s = TsodyksMarkram.SteadyState(p, rate, tr)
                                            for v in [ s.U; s.X; s.Released; s.Efficacy; s.EfficacyPerSecond ] do
                                                if not (Double.IsFinite v) then failtestf "τF=%g τD=%g U=%g f=%g ν=%g %A %A: %A" tF tD u f rate tr conv s
                                            for v in [ s.U; s.X; s.Released ] do
                                                if not (v >= 0.0 && v <= 1.0 + 1e-12) then failtestf "out of [0,1]: τF=%g τD=%g U=%g f=%g ν=%g %A: %A" tF tD u f rate tr s
                                    let c = TsodyksMarkram.CrossoverRate(TsodyksMarkramParameters(u, 0.1, tF, f, convention = conv))
                                    if Double.IsNaN c || c < 0.0 then failtestf "crossover %g at τF=%g U=%g f=%g" c tF u f }
        ]
        testList "RealSchur" [
            test "scaling by 2^±1000: U identical and T scaled exactly (bit for bit)" {
                for seed in 1 .. 12 do
                    for n in [ 1; 2; 3; 7; 16 ] do
                        let a = randomMatrix seed n
                        let f0 = RealSchur.Decompose a
                        schurCheck a f0 (sprintf "seed %d n %d" seed n)
                        for k in [ -1000; -1; 1; 1000 ] do
                            let f = RealSchur.Decompose(a * Math.ScaleB(1.0, k))
                            Expect.isTrue (f.U.Equals f0.U) (sprintf "U invariant, k=%d" k)
                            Expect.isTrue ((f.T * Math.ScaleB(1.0, -k)).Equals f0.T) (sprintf "T scales exactly, k=%d" k) }
            test "the issue's case: a matrix that works at scale 1 also at 1e-300 and 1e300 (no 'did not converge')" {
                for seed in 1 .. 10 do
                    let a = randomMatrix seed 20 * 1e-8
                    for sc in [ 1.0; 1e-300; 1e300; 1e-310 ] do
                        let m = a * sc
                        schurCheck m (RealSchur.Decompose m) (sprintf "seed %d × %g" seed sc) }
            test "structured: Jordan blocks, companion, permutation, zero, 1×1, triangular, huge/tiny entries" {
                for n in [ 2; 5; 12 ] do
                    for lam in [ 0.0; 1.0; -3e200; 1e-200 ] do
                        let j = jordan lam n
                        let f = RealSchur.Decompose j
                        schurCheck j f (sprintf "Jordan λ=%g n=%d" lam n)
                        // upper triangular: isolated by the permutation step, so exact
                        Expect.isTrue (f.T.Equals j) "triangular input is its own Schur form"
                    let p = cyclic n
                    let f = RealSchur.Decompose p
                    schurCheck p f (sprintf "cyclic permutation n=%d" n)
                    for z in f.Eigenvalues do closeAbs 1e-13 1.0 z.Magnitude "eigenvalues on the unit circle"
                    let c = companion (Array.init n (fun k -> float (k + 1)))
                    schurCheck c (RealSchur.Decompose c) (sprintf "companion n=%d" n)
                    let cs = c * 1e-300
                    schurCheck cs (RealSchur.Decompose cs) (sprintf "companion × 1e-300 n=%d" n)
                let z = Matrix<float>.Build.Dense(4, 4)
                let fz = RealSchur.Decompose z
                Expect.isTrue (fz.T.Equals z) "zero matrix: T = 0"
                Expect.isTrue (fz.U.Equals(Matrix<float>.Build.DenseIdentity 4)) "zero matrix: U = I"
                for x in [ 5e-324; -1e-300; 7.0; 1.7e308 ] do
                    let one = dense [ [ x ] ]
                    let f1 = RealSchur.Decompose one
                    Expect.equal f1.T.[0, 0] x "1×1"
                    Expect.equal f1.U.[0, 0] 1.0 "1×1 U"
                let mixed = dense [ [ 1e300; 1e-300; 0.0 ]; [ 1e-300; 1.0; 1e200 ]; [ 3e-310; -1e250; 2.0 ] ]
                schurCheck mixed (RealSchur.Decompose mixed) "huge and tiny entries"
                let nearMax = dense [ [ 1e307; -1e307 ]; [ 1e307; 1e307 ] ]
                schurCheck nearMax (RealSchur.Decompose nearMax) "entries near the double range" }
            test "a Frobenius norm beyond the double range is an ArgumentException naming a" {
                let big = Matrix<float>.Build.Dense(4, 4, 1.5e308)
                throwsArg "a" (fun () -> RealSchur.Decompose big |> ignore)
                let sorted = RealSchur.Sort(RealSchur.Decompose(randomMatrix 3 6 * 1e300), fun z -> z.Real)
                schurCheck (sorted.Reconstruct() * 1.0) sorted "sort of a 1e300 matrix"
                Expect.isTrue (sorted.Eigenvalues |> Array.forall (fun z -> Double.IsFinite z.Real && Double.IsFinite z.Imaginary)) "finite eigenvalues" }
        ]
        testList "Amplification" [
            test "entries of 1e200 and τ = 1e-300: a finite result or an ArgumentException naming tau" {
                let w = dense [ [ 0.5; 2.0 ]; [ -1.0; 0.3 ] ]
                let peak1 = TransientAmplification.MaxAmplification(w)
                // a stable W scaled up stays stable; the peak is scale-free in time units of τ
                let ws = dense [ [ -1e200; 2e200 ]; [ -1e200; -1e200 ] ]
                let pk = TransientAmplification.MaxAmplification(ws)
                Expect.isTrue (Double.IsFinite pk.Value && Double.IsFinite pk.Time) (sprintf "1e200 stable: %A" pk)
                Expect.isTrue (Double.IsFinite(TransientAmplification.NumericalAbscissa ws)) "numerical abscissa"
                Expect.isTrue (Double.IsFinite(TransientAmplification.SpectralAbscissa ws)) "spectral abscissa"
                Expect.isTrue (Double.IsFinite(TransientAmplification.EigenvectorEffectiveRank ws)) "eigenvector effective rank"
                closeRel 1e-12 (TransientAmplification.EigenvectorEffectiveRank(ws * 1e-200)) (TransientAmplification.EigenvectorEffectiveRank ws) "effective rank is scale-free"
                // τ = 1e-300: A = (W − I)/τ ~ 1e300 is representable; the peak value does not depend on τ
                let pt = TransientAmplification.MaxAmplification(w, 1e-300)
                closeRel 1e-6 peak1.Value pt.Value "peak value independent of τ"
                throwsArg "tau" (fun () -> TransientAmplification.MaxAmplification(ws, 1e-300) |> ignore)
                throwsArg "tau" (fun () -> TransientAmplification.SpectralAbscissa(ws, 1e-300) |> ignore) }
        ]
    ]
