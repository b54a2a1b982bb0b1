/// Issue #13: generated calls of the public API with valid, extreme and invalid arguments —
/// Siegert, transfer function, Tsodyks–Markram, calcium, Schur, amplification, metabolic and the
/// kernel (constructors, Connect, inputs, Run at tiny sizes and durations). Every call either
/// returns finite numbers (or a documented sentinel: LogRate −∞ below the double range,
/// MaxAmplification (+∞, +∞) when unstable, CrossoverRate +∞ when facilitating up to maxRate,
/// a rate of +∞ only when τ_rp = 0 and the exact rate exceeds the double range), or throws an
/// ArgumentException whose message names its parameter; a diverging network may stop with
/// SimulationDivergedException. Every call finishes in bounded time. Fixed replay seed: a few
/// hundred cases in the default suite, 10 000 in crosscheck.
module Theory.Tests.Boundaries.ApiFuzzTests

open System
open System.Diagnostics
open System.Numerics
open Expecto
open FsCheck
open FsCheck.FSharp
open MathNet.Numerics.LinearAlgebra
open Theory.MeanField
open Theory.ShortTermPlasticity
open Theory.CalciumPlasticity
open Theory.Numerics
open Theory.Amplification
open Theory.Metabolic
open Theory.Spiking

/// One generated call: which API, and raw numbers its parameters are scaled from.
type Case = { Kind: int; X: float[]; N: int[] }

let kinds = 10

/// O(1) numbers (typical), magnitudes 10^[−323, 308] of either sign (extreme), and the values
/// that must be refused (NaN, ±∞) or sit exactly on an edge (0, −0, subnormal, ±max).
let rawDouble =
    Gen.frequency [
        6, Gen.choose (-2_000_000, 2_000_000) |> Gen.map (fun k -> float k * 1e-6)
        3, Gen.map2 (fun (e: int) (neg: bool) -> (if neg then -1.0 else 1.0) * Math.Pow(10.0, float e / 10.0))
                (Gen.choose (-3230, 3080)) (Gen.elements [ false; true ])
        1, Gen.elements [ 0.0; -0.0; nan; infinity; -infinity; Double.Epsilon; Double.MaxValue; -Double.MaxValue; 1e-300; 1e300 ]
    ]

let rawInt = Gen.frequency [ 8, Gen.choose (-3, 60); 1, Gen.elements [ Int32.MinValue; -1; 0; Int32.MaxValue; Int32.MaxValue - 7 ] ]

let caseGen =
    gen {
        let! k = Gen.frequency [ 3, Gen.choose (0, kinds - 1); 1, Gen.elements [ 0; 1; 3 ] ]
        let! x = Gen.arrayOfLength 12 rawDouble
        let! n = Gen.arrayOfLength 4 rawInt
        return { Kind = k; X = x; N = n }
    }

exception Broken of string

let private finite (what: string) (vs: float seq) =
    for v in vs do if not (Double.IsFinite v) then raise (Broken(sprintf "%s returned %g" what v))

/// Runs one case: Ok () when it behaved as documented, Error with the reason otherwise.
let run (c: Case) : Result<unit, string> =
    let x i = c.X.[i]
    let n i = c.N.[i]
    let neuron () = LifNeuron(0.02 * abs (x 2), 0.02 * x 3, 0.01 * x 4, 0.002 * abs (x 5))
    let sw = Stopwatch.StartNew()
    let outcome =
        try
            match c.Kind with
            | 0 ->
                let nrn = neuron ()
                let tauS = if n 0 % 3 = 0 then 0.005 * x 6 else 0.0
                let r = Siegert.Rate(0.02 * x 0, 0.005 * x 1, nrn, tauS)
                // +∞ only where the exact rate is beyond the double range (τ_rp below 1/1.8e308)
                if not (r = infinity && nrn.TauRef < 1e-300) then finite "Siegert.Rate" [ r ]
                if r < 0.0 then raise (Broken "negative rate")
            | 1 ->
                let nrn = neuron ()
                let l = Siegert.LogRate(0.02 * x 0, 0.005 * x 1, nrn)
                if not (l = -infinity || (l = infinity && nrn.TauRef < 1e-300)) then finite "Siegert.LogRate" [ l ]
            | 2 ->
                let r = LifTransferFunction.Evaluate(neuron (), 0.02 * x 0, 0.005 * x 1, Complex(10.0 * x 6, 100.0 * x 7))
                finite "LifTransferFunction.Evaluate" [ r.Rate; r.MeanGain.Real; r.MeanGain.Imaginary; r.VarianceGain.Real; r.VarianceGain.Imaginary ]
            | 3 ->
                let conv = enum<TsodyksMarkramConvention> (abs (n 0 % 3))
                let p = TsodyksMarkramParameters(abs (x 0) / 2.0, 0.3 * x 1, 0.5 * x 2, (if n 1 % 2 = 0 then Nullable() else Nullable(abs (x 3) / 2.0)), abs (x 4) + 0.5, conv)
                let train = enum<SpikeTrain> (abs (n 2 % 3))
                let s = TsodyksMarkram.SteadyState(p, 20.0 * x 5, train)
                finite "TsodyksMarkram.SteadyState" [ s.U; s.X; s.Released; s.Efficacy; s.EfficacyPerSecond ]
                for v in [ s.U; s.X; s.Released ] do if not (v >= 0.0 && v <= 1.0 + 1e-12) then raise (Broken(sprintf "mean %g outside [0, 1]" v))
            | 4 ->
                let p = TsodyksMarkramParameters(abs (x 0) / 2.0, 0.3 * x 1, 0.5 * x 2)
                let train = if n 0 % 2 = 0 then SpikeTrain.Regular else SpikeTrain.Poisson
                let r = TsodyksMarkram.CrossoverRate(p, train, 1e4 * abs (x 3))
                if r <> infinity then finite "TsodyksMarkram.CrossoverRate" [ r ]
            | 5 ->
                let p = GraupnerBrunelParameters.DP.With(tauCa = 0.02 * x 0, cPre = abs (x 1), cPost = 2.0 * abs (x 2), thetaD = x 3, thetaP = 1.3 * x 4,
                                                         eta = (if n 0 % 2 = 0 then 0.0 else abs (x 5)))
                let a = PoissonActivity(5.0 * abs (x 6), 5.0 * abs (x 7), (if n 1 % 2 = 0 then 0.0 else abs (x 8) / 4.0))
                let s = CalciumShotNoise(p, a)
                finite "CalciumShotNoise" [ s.Mean; s.Variance; s.FractionAbove p.ThetaD ]
            | 6 ->
                let size = 1 + abs (n 0 % 6)
                let scale = x 11
                let a = Matrix<float>.Build.Dense(size, size, fun i j -> scale * c.X.[(i * size + j) % 11])
                let f = RealSchur.Decompose a
                finite "RealSchur.Decompose U" (f.U.Enumerate())
                finite "RealSchur.Decompose T" (f.T.Enumerate())
            | 7 ->
                let size = 1 + abs (n 0 % 3)
                let w = Matrix<float>.Build.Dense(size, size, fun i j -> x ((i * size + j) % 9))
                let tau = 0.02 * x 10
                let pk = TransientAmplification.MaxAmplification(w, tau)
                if not (pk.Value = infinity && pk.Time = infinity && TransientAmplification.SpectralAbscissa(w, tau) >= 0.0) then
                    finite "MaxAmplification" [ pk.Value; pk.Time ]
                finite "NumericalAbscissa" [ TransientAmplification.NumericalAbscissa(w, tau) ]
            | 8 ->
                // each solve takes 0.05–2 s: only a slice of these cases runs it
                if n 0 % 4 = 0 then
                    let s = MitochondrialSteadyStates.Solve(Mitochondrion.ChintaluriVogels2023, 10.0 * abs (x 0), 1e-3 * x 1)
                    finite "MitochondrialSteadyStates.Solve" (s.State.ToArray())
                else
                    finite "Ros.Steady" [ Ros.Steady(abs (x 0), x 1) ]
            | _ ->
                let dt = if n 0 % 5 = 0 then 1e-4 * x 0 else 1e-4
                let net = Network(dt, uint64 (int64 (n 1) &&& 0x7fffffffL))
                let prm = LifParameters.Brunel2000.With(tau = 0.02 * x 1, threshold = 0.02 * x 2)
                let a = net.Add(LifDelta("a", n 2, prm))
                let rule =
                    match abs (n 3 % 3) with
                    | 0 -> Connectivity.FixedProbability(0.1 * x 3)
                    | 1 -> Connectivity.FixedInDegree(n 3 % 10)
                    | _ -> Connectivity.OneToOne()
                net.Connect(a, a, rule, 1e-4 * x 4, 1.5e-3 * x 5) |> ignore
                net.AddPoissonInput(a, n 3, 10.0 * x 6, 1e-4 * x 7) |> ignore
                let m = net.MonitorSpikes a
                // durations beyond 50 ms (but not beyond the valid range) are clamped: bounded time
                let d = 0.01 * x 8
                let d = if Double.IsFinite d && d > 0.05 && d < 1e4 then 0.05 else d
                (try net.Run d with :? SimulationDivergedException -> ())
                finite "LifDelta V" (a.Get "V")
                if m.Count < 0 then raise (Broken "negative spike count")
            Ok ()
        with
        | Broken why -> Error why
        | :? ArgumentException as e ->
            if String.IsNullOrEmpty e.ParamName then Error(sprintf "ArgumentException without a parameter name: %s" e.Message)
            elif not (e.Message.Contains e.ParamName) then Error(sprintf "ArgumentException does not name %s: %s" e.ParamName e.Message)
            else Ok ()
        | e ->
            let frame = (string e.StackTrace).Split('\n') |> Array.tryFind (fun l -> l.Contains "Theory.") |> Option.defaultValue ""
            Error(sprintf "%s: %s %s" (e.GetType().Name) e.Message (frame.Trim()))
    match outcome with
    | Ok () when sw.Elapsed.TotalSeconds > 60.0 -> Error(sprintf "took %.1f s" sw.Elapsed.TotalSeconds)
    | o -> o

let private property (c: Case) =
    match run c with
    | Ok () -> true
    | Error why -> failwithf "kind %d, X = %s, N = %A: %s" c.Kind (c.X |> Array.map (fun v -> v.ToString "R") |> String.concat "; ") c.N why

let private config count = { FsCheckConfig.defaultConfig with maxTest = count; replay = Some(20130313UL, 1UL, None) }

[<Tests>]
let tests =
    testList "Boundaries.ApiFuzz" [
        testPropertyWithConfig (config 300) "300 generated calls: finite or a named ArgumentException" <| Prop.forAll (Arb.fromGen caseGen) property
    ]

[<Tests>]
let crosscheck =
    testList "crosscheck.Boundaries.ApiFuzz" [
        testPropertyWithConfig { config 10_000 with replay = Some(20260313UL, 7UL, None) } "10 000 generated calls: finite or a named ArgumentException" <| Prop.forAll (Arb.fromGen caseGen) property
    ]
