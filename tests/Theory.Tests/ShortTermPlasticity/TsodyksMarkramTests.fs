/// Tsodyks–Markram analytics: closed forms against event-by-event iteration and Monte Carlo,
/// the spec's check values, properties, bad input, the developmental schedule and the CLI.
module Theory.Tests.ShortTermPlasticity.TsodyksMarkramTests

open System
open System.IO
open Expecto
open FsCheck
open FsCheck.FSharp
open Theory.ShortTermPlasticity
open Theory.Tests.Util

let tpm = TsodyksMarkramParameters.TsodyksPawelzikMarkram1998Facilitating
let dep = TsodyksMarkramParameters.JiaVogelsCosta2022Depressing
let fac = TsodyksMarkramParameters.JiaVogelsCosta2022Facilitating
let conventions =
    [ TsodyksMarkramConvention.ReleaseThenFacilitate
      TsodyksMarkramConvention.TsodyksPawelzikMarkram1998
      TsodyksMarkramConvention.FacilitateThenReleaseRestingAtU ]

/// Values of reference/tm_crossovers.csv (mpmath, reference/gen_tm_crossovers.py).
let crossoverReference name =
    File.ReadAllLines(Path.Combine(repoRoot, "tests", "Theory.Tests", "ShortTermPlasticity", "reference", "tm_crossovers.csv"))
    |> Array.skip 1 |> Array.map (fun l -> l.Split ',') |> Array.find (fun a -> a.[0] = name) |> fun a -> float a.[1]

/// Event-by-event Poisson train (exponential gaps, fixed seed): mean x⁻ and mean released
/// fraction with their batch-means standard errors (40 batches, spikes are correlated).
let monteCarloPoisson (p: TsodyksMarkramParameters) (rate: float) (spikes: int) (seed: int) =
    let rng = Random seed
    let mutable s = TsodyksMarkramState.Rested p
    let burn = 2000
    let batches = 40
    let per = spikes / batches
    let bx = Array.zeroCreate batches
    let br = Array.zeroCreate batches
    for k in 0 .. burn + per * batches - 1 do
        let gap = -log (1.0 - rng.NextDouble()) / rate
        let before = TsodyksMarkram.Relax(p, s, gap)
        let hit = TsodyksMarkram.Spike(p, before)
        if k >= burn then
            let b = (k - burn) / per
            bx.[b] <- bx.[b] + before.X / float per
            br.[b] <- br.[b] + hit.Released / float per
        s <- hit.After
    let stat (a: float[]) =
        let m = Array.average a
        m, sqrt (Array.sumBy (fun v -> (v - m) ** 2.0) a / float (batches - 1) / float batches)
    stat bx, stat br

let genParams =
    gen {
        let! u = Gen.choose (1, 1000) |> Gen.map (fun k -> float k / 1000.0)
        let! td = Gen.choose (1, 2000) |> Gen.map (fun k -> float k * 1e-3)
        let! tf = Gen.choose (1, 2000) |> Gen.map (fun k -> float k * 1e-3)
        let! f = Gen.choose (0, 1000) |> Gen.map (fun k -> float k / 1000.0)
        let! c = Gen.elements conventions
        return TsodyksMarkramParameters(u, td, tf, f, 1.0, c)
    }

let genTrain =
    Gen.listOfLength 60 (Gen.choose (0, 100000) |> Gen.map (fun k -> float k * 1e-5))
    |> Gen.map (fun gaps -> gaps |> List.scan (+) 0.0 |> Array.ofList)

let genRate = Gen.choose (1, 20000) |> Gen.map (fun k -> float k * 0.01)

/// Runs the CLI in-process and returns (exit code, stdout).
let cli (args: string list) =
    let out = new StringWriter()
    let old = Console.Out
    Console.SetOut out
    let code = try Theory.Cli.Commands.Run(Array.ofList args) finally Console.SetOut old
    code, out.ToString()

[<Tests>]
let tests =
    testList "ShortTermPlasticity.TsodyksMarkram" [
        test "spec check values: regular train u+ and x- (TPM98, U=0.2, tauF=0.5, tauD=0.3, 20 Hz)" {
            let r = TsodyksMarkram.Regular(tpm, 20.0)
            closeRel 1e-13 0.724296355003062 r.U "u+_ss"
            closeRel 1e-13 0.200252920642821 r.X "x-_ss"
            closeRel 1e-13 (0.724296355003062 * 0.200252920642821) r.Efficacy "efficacy per spike"
            closeRel 1e-13 (20.0 * r.Efficacy) r.EfficacyPerSecond "efficacy per second"
        }
        test "spec check values: Poisson <u+> = 0.7333.. exactly; independence gives <x-> = 0.18519" {
            let r = TsodyksMarkram.Poisson(tpm, 20.0)
            closeRel 1e-14 (0.2 * 11.0 / 3.0) r.U "<u+>"
            closeRel 1e-14 (1.0 / (1.0 + 0.2 * 11.0 / 3.0 * 20.0 * 0.3)) r.X "<x-> independence"
            closeAbs 5e-6 0.18519 r.X "spec value"
        }
        test "Poisson exact moment hierarchy against event-by-event Monte Carlo; the independence error is reported" {
            let exact = TsodyksMarkram.PoissonExact(tpm, 20.0)
            let indep = TsodyksMarkram.Poisson(tpm, 20.0)
            let (mx, sx), (mr, sr) = monteCarloPoisson tpm 20.0 200000 7
            Expect.isLessThan (abs (exact.X - mx)) (4.0 * sx) (sprintf "exact <x-> %.5f vs MC %.5f ± %.5f" exact.X mx sx)
            Expect.isLessThan (abs (exact.Released - mr)) (4.0 * sr) (sprintf "exact <r> %.5f vs MC %.5f ± %.5f" exact.Released mr sr)
            // the spec's ≈ 4 % error of the independence approximation on <x->, ≈ 1 % on <r>
            let errX = (exact.X - indep.X) / exact.X
            Expect.isTrue (errX > 0.03 && errX < 0.06) (sprintf "independence error on <x-> = %.4f (exact %.5f)" errX exact.X)
            Expect.isGreaterThan (abs (indep.X - mx)) (10.0 * sx) "the independence approximation is measurably off"
            closeRel 1e-12 exact.U indep.U "<u> is exact in both"
        }
        test "Poisson exact equals the independence result when tau_F is tiny (u is then deterministic)" {
            let p = TsodyksMarkramParameters(0.4, 0.2, 1e-6, convention = TsodyksMarkramConvention.TsodyksPawelzikMarkram1998)
            let a, b = TsodyksMarkram.PoissonExact(p, 15.0), TsodyksMarkram.Poisson(p, 15.0)
            closeRel 1e-4 b.X a.X "<x->"; closeRel 1e-4 b.Efficacy a.Efficacy "efficacy" // correlations are O(f nu tauF)
        }
        test "Poisson exact mean satisfies the resource balance (1 - <x>)/tauD = rate <r>" {
            for p in [ tpm; dep; fac ] do
                for rate in [ 1.0; 7.0; 30.0; 120.0 ] do
                    let e = TsodyksMarkram.PoissonExact(p, rate)
                    closeRel 1e-9 ((1.0 - e.X) / p.TauD) (rate * e.Released) "resource balance"
        }
        test "regular closed form equals event-by-event iteration to convergence, every convention" {
            for c in conventions do
                for p in [ tpm.With(convention = c); dep.With(convention = c); fac.With(convention = c) ] do
                    for rate in [ 0.5; 5.0; 20.0; 80.0 ] do
                        let e = TsodyksMarkram.Train(p, Array.init 3000 (fun k -> float k / rate))
                        let ss = TsodyksMarkram.Regular(p, rate)
                        closeRel 1e-10 ss.Efficacy e.[e.Length - 1] (sprintf "%A at %g Hz" c rate)
        }
        test "the paper's convention: a rested synapse releases U, efficacy A U = 1" {
            let e = TsodyksMarkram.Train(dep, [| 0.0 |])
            closeRel 1e-14 1.0 e.[0] "first efficacy"
            // second spike after 10 ms, by hand: u- = U, x- = 1 - U(1)·e^{-0.01/τD}·..., release first
            let eD, eF = exp (-0.01 / dep.TauD), exp (-0.01 / dep.TauF)
            let u2 = dep.U + (dep.U + dep.F * (1.0 - dep.U) - dep.U) * eF
            let x2 = 1.0 - dep.U * eD
            let e2 = TsodyksMarkram.Train(dep, [| 0.0; 0.01 |])
            closeRel 1e-13 (u2 * x2 / dep.U) e2.[1] "second efficacy"
        }
        test "crossover rate: E(nu_c) = E(0+); depressing synapse has none; facilitating one crosses" {
            closeAbs 0.0 0.0 (TsodyksMarkram.CrossoverRate dep) "depressing"
            for train, name in [ SpikeTrain.Regular, "regular"; SpikeTrain.Poisson, "poisson_independence"; SpikeTrain.PoissonExact, "poisson_exact" ] do
                let nc = TsodyksMarkram.CrossoverRate(fac, train)
                // 48.60, 42.44, 41.60 Hz from the paper's equations in mpmath (reference/gen_tm_crossovers.py)
                closeRel 1e-8 (crossoverReference ("crossover_rate_" + name + "_hz")) nc (sprintf "%A crossover rate" train)
                closeRel 1e-8 1.0 (TsodyksMarkram.RelativeEfficacy(fac, nc, train)) "E(nu_c)/E(0)"
                Expect.isGreaterThan (TsodyksMarkram.RelativeEfficacy(fac, 0.5 * nc, train)) 1.0 "facilitating below"
                Expect.isLessThan (TsodyksMarkram.RelativeEfficacy(fac, 2.0 * nc, train)) 1.0 "depressing above"
        }
        test "developmental schedule: ends are the paper's fits, interpolation is geometric, A = 1/U" {
            let s = DevelopmentalSchedule.JiaVogelsCosta2022
            closeRel 1e-14 0.3917 (s.At 0.0).U "U early"; closeRel 1e-14 0.1973 (s.At 1.0).U "U late"
            closeRel 1e-14 0.0845 (s.At 1.0).TauD "tauD late"; closeRel 1e-14 0.0798 (s.At 0.0).TauF "tauF early"
            let m = s.At 0.5
            closeRel 1e-14 (sqrt (0.3134 * 0.0845)) m.TauD "geometric midpoint tauD"
            closeRel 1e-14 (sqrt (0.0625 * 0.1168)) m.F "geometric midpoint f"
            closeRel 1e-14 (1.0 / m.U) m.Amplitude "A = 1/U"
            // the paper's run.py: np.logspace(log10(0.0798), log10(0.2959), 3600)[k] (numpy 1.24)
            closeRel 1e-13 0.07982906273602636 (s.AtStep 1).TauF "step 1 = numpy logspace[1]"
            closeRel 1e-13 0.15369261421288336 (s.AtStep 1800).TauF "step 1800 = numpy logspace[1800]"
            closeRel 1e-13 0.29589999999999994 (s.AtStep 3599).TauF "step 3599 = numpy logspace[3599]"
            let sc = s.CrossoverStage 10.0
            closeRel 1e-8 (crossoverReference "crossover_stage_10hz_regular") sc "crossover stage at 10 Hz (mpmath, reference/gen_tm_crossovers.py)"
            closeRel 1e-8 (crossoverReference "crossover_stage_20hz_regular") (s.CrossoverStage 20.0) "crossover stage at 20 Hz (mpmath)"
            closeRel 1e-9 1.0 (TsodyksMarkram.RelativeEfficacy(s.At sc, 10.0)) "E = E(0) at the crossover stage"
            // stage trend: later stages are less depressing at 20 Hz
            let rel = [ 0.0 .. 0.1 .. 1.0 ] |> List.map (fun st -> TsodyksMarkram.RelativeEfficacy(s.At st, 20.0))
            Expect.isTrue (List.pairwise rel |> List.forall (fun (a, b) -> b > a)) (sprintf "monotone over development: %A" rel)
        }
        testPropertyFixed "0 <= u, x <= 1 and 0 <= efficacy <= A after any train" <| Prop.forAll (Arb.fromGen (Gen.zip genParams genTrain)) (fun (p, t) ->
            let mutable s = TsodyksMarkramState.Rested p
            let mutable last = 0.0
            for time in t do
                let before = TsodyksMarkram.Relax(p, s, time - last)
                let hit = TsodyksMarkram.Spike(p, before)
                for v in [ before.U; before.X; hit.After.U; hit.After.X; hit.Released ] do
                    if not (v >= 0.0 && v <= 1.0) then failtestf "state out of [0,1]: %g (%A)" v p
                if not (hit.Efficacy <= p.Amplitude) then failtestf "efficacy %g > A" hit.Efficacy
                s <- hit.After; last <- time)
        testPropertyFixed "steady states are bounded and u rises, x- falls with rate (regular and Poisson)" <| Prop.forAll (Arb.fromGen (Gen.zip genParams (Gen.zip genRate genRate))) (fun (p, (r1, r2)) ->
            let lo, hi = min r1 r2, max r1 r2 + 0.01
            for train in [ SpikeTrain.Regular; SpikeTrain.Poisson ] do
                let a, b = TsodyksMarkram.SteadyState(p, lo, train), TsodyksMarkram.SteadyState(p, hi, train)
                for v in [ a.U; a.X; a.Released; b.U; b.X; b.Released ] do
                    if not (v >= 0.0 && v <= 1.0) then failtestf "out of [0,1]: %g" v
                if b.U < a.U - 1e-12 then failtestf "u fell with rate: %g -> %g" a.U b.U
                if b.X > a.X + 1e-12 then failtestf "x- rose with rate: %g -> %g" a.X b.X
                // resource balance of the independence closed form: A ν⟨r⟩ = A (1 − ⟨x⁻⟩)/τ_D
                if train = SpikeTrain.Poisson && abs (b.EfficacyPerSecond - p.Amplitude * (1.0 - b.X) / p.TauD) > 1e-9 * (abs b.EfficacyPerSecond + 1e-12) then
                    failtestf "efficacy per second %g vs A(1 − x)/tauD = %g" b.EfficacyPerSecond (p.Amplitude * (1.0 - b.X) / p.TauD))
        test "mean-field time course relaxes to the Poisson independence steady state, and starts rested" {
            for p in [ tpm; dep; fac ] do
                let tc = TsodyksMarkram.MeanFieldTimeCourse(p, (fun _ -> 15.0), 20.0 * max p.TauD p.TauF, 1e-3)
                let last = tc.[tc.Length - 1]
                let ss = TsodyksMarkram.Poisson(p, 15.0)
                closeRel 1e-9 ss.X last.[2] "<x>"; closeRel 1e-9 ss.Efficacy last.[3] "efficacy"
                closeRel 1e-14 (p.Amplitude * p.RestedRelease) tc.[0].[3] "rested efficacy at t = 0"
        }
        test "exact Poisson time course: stationary at a constant rate, relaxes from rest to PoissonExact, and matches Monte Carlo after a step" {
            for p in [ tpm; dep; fac ] do
                let ss = TsodyksMarkram.PoissonExact(p, 15.0)
                let flat = TsodyksMarkram.PoissonExactTimeCourse(p, (fun _ -> 15.0), 0.5, 1e-4)
                for r in flat do closeRel 1e-8 ss.Efficacy r.[3] "stays at the stationary mean"
                let tc = TsodyksMarkram.PoissonExactTimeCourse(p, (fun t -> if t > 0.0 then 15.0 else 0.0), 20.0 * max p.TauD p.TauF, 1e-4)
                closeRel 1e-14 (p.Amplitude * p.RestedRelease) tc.[0].[3] "rested at t = 0"
                closeRel 1e-7 ss.Efficacy tc.[tc.Length - 1].[3] "relaxed to PoissonExact"
            // Monte Carlo of independent trains from rest, efficacy of spikes in [0.2, 0.25) s after a 30 Hz onset
            let p = fac
            let rng = Random(3)
            let mutable sum, sumSq, n = 0.0, 0.0, 0
            for _ in 1 .. 40000 do
                let times = ResizeArray<float>()
                let mutable t = -log (1.0 - rng.NextDouble()) / 30.0
                while t < 0.25 do times.Add t; t <- t - log (1.0 - rng.NextDouble()) / 30.0
                let e = TsodyksMarkram.Train(p, times.ToArray())
                for k in 0 .. e.Length - 1 do
                    if times.[k] >= 0.2 then sum <- sum + e.[k]; sumSq <- sumSq + e.[k] * e.[k]; n <- n + 1
            let mc = sum / float n
            let se = sqrt ((sumSq / float n - mc * mc) / float n)
            let tc = TsodyksMarkram.PoissonExactTimeCourse(p, (fun t -> if t > 0.0 then 30.0 else 0.0), 0.25, 1e-4)
            let exact = tc |> Array.filter (fun r -> r.[0] >= 0.2 && r.[0] < 0.25) |> Array.averageBy (fun r -> r.[3])
            if abs (mc - exact) > 4.0 * se then failtestf "Monte Carlo %.5f ± %.5f vs exact time course %.5f" mc se exact
        }
        test "bad parameters are rejected naming them" {
            throwsArg "U" (fun () -> TsodyksMarkramParameters(0.0, 0.1, 0.1) |> ignore)
            throwsArg "U" (fun () -> TsodyksMarkramParameters(1.5, 0.1, 0.1) |> ignore)
            throwsArg "U" (fun () -> TsodyksMarkramParameters(nan, 0.1, 0.1) |> ignore)
            throwsArg "tauD" (fun () -> TsodyksMarkramParameters(0.5, 0.0, 0.1) |> ignore)
            throwsArg "tauF" (fun () -> TsodyksMarkramParameters(0.5, 0.1, -1.0) |> ignore)
            throwsArg "tauF" (fun () -> TsodyksMarkramParameters(0.5, 0.1, infinity) |> ignore)
            throwsArg "f" (fun () -> TsodyksMarkramParameters(0.5, 0.1, 0.1, 1.2) |> ignore)
            throwsArg "amplitude" (fun () -> TsodyksMarkramParameters(0.5, 0.1, 0.1, amplitude = 0.0) |> ignore)
            throwsArg "rate" (fun () -> TsodyksMarkram.Regular(dep, 0.0) |> ignore)
            throwsArg "rate" (fun () -> TsodyksMarkram.PoissonExact(dep, nan) |> ignore)
            throwsArg "interval" (fun () -> TsodyksMarkram.Relax(dep, TsodyksMarkramState.Rested dep, -1.0) |> ignore)
            throwsArg "x" (fun () -> TsodyksMarkram.Spike(dep, TsodyksMarkramState(0.5, 1.5)) |> ignore)
            throwsArg "spikeTimes" (fun () -> TsodyksMarkram.Train(dep, [| 1.0; 0.5 |]) |> ignore)
            throwsArg "stage" (fun () -> DevelopmentalSchedule.JiaVogelsCosta2022.At 1.1 |> ignore)
        }
        test "CLI: theory stp efficacy prints the steady state as key=value" {
            let code, out = cli [ "stp"; "efficacy"; "--U"; "0.2"; "--tau-d"; "0.3"; "--tau-f"; "0.5"; "--rate"; "20"; "--convention"; "tpm98" ]
            Expect.equal code 0 "exit code"
            let kv = Theory.Tests.Kernel.CliAndDocs.parseLine out
            closeRel 1e-14 0.724296355003062 (float kv.["u"]) "u"
            closeRel 1e-14 0.200252920642821 (float kv.["x"]) "x"
            let code, out = cli [ "stp"; "efficacy"; "--U"; "0.2"; "--tau-d"; "0.3"; "--tau-f"; "0.5"; "--rate"; "20"; "--convention"; "tpm98"; "--poisson" ]
            Expect.equal code 0 "exit code"
            closeRel 1e-14 (0.2 * 11.0 / 3.0) (float (Theory.Tests.Kernel.CliAndDocs.parseLine out).["u"]) "Poisson u"
            let code, out = cli [ "stp"; "efficacy"; "--stage"; "0.3"; "--rate"; "20"; "--poisson" ]
            Expect.equal code 0 "exit code"
            closeRel 1e-14 (TsodyksMarkram.Poisson(DevelopmentalSchedule.JiaVogelsCosta2022.At 0.3, 20.0).Efficacy)
                (float (Theory.Tests.Kernel.CliAndDocs.parseLine out).["efficacy"]) "stage efficacy"
            let file = Path.GetTempFileName()
            File.WriteAllText(file, "1\n10\n40\n")
            let code, out = cli [ "stp"; "efficacy"; "--U"; "0.5"; "--tau-d"; "0.2"; "--tau-f"; "0.05"; "--rates"; file ]
            Expect.equal code 0 "exit code"
            let lines = out.Trim().Split('\n')
            Expect.equal lines.Length 4 "header + 3 rows"
            closeRel 1e-14 (TsodyksMarkram.Regular(TsodyksMarkramParameters(0.5, 0.2, 0.05), 40.0).Efficacy) (float (lines.[3].Split(',').[4])) "table efficacy"
            let code, _ = cli [ "stp"; "efficacy"; "--U"; "1.5"; "--tau-d"; "0.2"; "--tau-f"; "0.05"; "--rate"; "5" ]
            Expect.equal code 2 "bad U exits with 2"
            let code, _ = cli [ "stp"; "efficacy"; "--stage"; "0.3"; "--U"; "0.5"; "--rate"; "5" ]
            Expect.equal code 2 "--U with --stage exits with 2"
            let err = new StringWriter()
            let code = Theory.Cli.Cli.Run([| "stp"; "efficacy"; "--U"; "0.5"; "--tau-d"; "-1"; "--tau-f"; "0.05"; "--rate"; "5" |], new StringWriter(), err)
            Expect.equal code 2 "bad tau-d exits with 2"
            Expect.stringContains (err.ToString()) "--tau-d = -1" "names the option"
        }
    ]
