/// The remaining analyses of Chintaluri & Vogels 2023 (issue #15): firing-mode classification, the RET/FET metabolic
/// cell (Fig. 2) with the rotenone ROS generator, the single-spike perturbation, the reaction-rate clamp and the K-ATP
/// LIF cell, each against an independent numpy implementation written from the paper's equations
/// (Metabolic/reference/gen_metabolic_analyses.py → metabolic_analyses_reference.csv).
module Theory.Tests.Metabolic.MetabolicAnalysesTests

open System
open System.IO
open Expecto
open Theory.Metabolic
open Theory.Tests.Util

/// (kind, case, key) → values (one float, or a ';'-separated list).
let reference =
    lazy (
        File.ReadAllLines(Path.Combine(repoRoot, "tests", "Theory.Tests", "Metabolic", "reference", "metabolic_analyses_reference.csv"))
        |> Array.skip 1
        |> Array.filter (fun l -> l.Trim() <> "")
        |> Array.map (fun l ->
            let f = l.Split(',', 4)
            let vals = if f.[3] = "" then [||] else f.[3].Split(';') |> Array.map (fun s -> Double.Parse(s, Globalization.CultureInfo.InvariantCulture))
            (f.[0], f.[1], f.[2]), vals)
        |> dict)

let values kind case key = reference.Force().[(kind, case, key)]
let value kind case key = (values kind case key).[0]

/// NaN-aware relative closeness.
let closeOrNaN tol (e: float) (a: float) what =
    if Double.IsNaN e then Expect.isTrue (Double.IsNaN a) $"{what}: expected NaN, got {a}"
    elif abs e < 1e-12 then closeAbs 1e-12 e a what // e.g. the CV of a periodic train: rounding only
    else closeRel tol e a what

/// A float as Python's repr writes the short grid values (0.0, 0.25, 1.0).
let py (x: float) = if x = Math.Floor x then sprintf "%.1f" x else string x

let trains = [ "regular25"; "bursts4"; "continuous"; "silent"; "single"; "early_only"; "mixed"; "fet_adapting"; "fet_regular"; "fet_one" ]

let checkRet (kind: string) case (c: RetFiringSummary) =
    Expect.equal (int c.Mode) (int (value kind case "mode")) $"{case}: RET mode"
    closeOrNaN 1e-9 (value kind case "isi") c.IsiDuration $"{case}: ISI"
    closeOrNaN 1e-9 (value kind case "ibi") c.IbiDuration $"{case}: IBI"
    Expect.equal c.SpikesPerBurst (int (value kind case "per")) $"{case}: spikes per burst"
    closeOrNaN 1e-9 (value kind case "cv") c.Cv $"{case}: CV"
    closeOrNaN 1e-12 (value kind case "rate") c.RateHz $"{case}: rate"

let checkFet (kind: string) case (c: FetFiringSummary) =
    Expect.equal (int c.Mode) (int (value kind case "mode")) $"{case}: FET mode"
    closeOrNaN 1e-9 (value kind case "mn") c.IsiMin $"{case}: ISI min"
    closeOrNaN 1e-9 (value kind case "mx") c.IsiMax $"{case}: ISI max"
    closeOrNaN 1e-6 (value kind case "cv") c.Cv $"{case}: CV"
    closeOrNaN 1e-9 (value kind case "rate") c.RateHz $"{case}: rate"

/// (case, parameters, demand) of the reference cells.
let cells =
    let ret = MetabolicCellParameters.Ret2023
    let fet = MetabolicCellParameters.Fet2023
    [ "ret_b30_q0.06_r6", ret, 30.0
      "ret_b30_q0.012_r2", ret.With(quantum = 0.012, refractory = 0.002), 30.0
      "ret_b30_q0.06_r6_rotenone", ret.With(generator = RosGenerator.Rotenone), 30.0
      "ret_b20_q0.01_r6_rotenone", ret.With(quantum = 0.01, generator = RosGenerator.Rotenone), 20.0
      "fet_b80_q0.06", fet, 80.0
      "fet_b80_q0.15", fet.With(quantum = 0.15), 80.0
      "fet_b150_q0.2", fet.With(quantum = 0.2), 150.0
      "fet_b80_q0.06_rotenone", fet.With(generator = RosGenerator.Rotenone), 80.0 ]

let lifCases =
    let p = KatpLifParameters.ChintaluriVogels2023
    let pulse a b amp = CurrentPulse(a * 1e-3, b * 1e-3, amp)
    [ "fig1", 1.0, 0.0, 0.5, [| pulse 150.0 155.0 150.0 |], p.With(gNaP = 1.25, refractoryMs = 10.0, spikeCostParameter = 1.0)
      "figS2", 1.0, 0.0, 0.5, [| pulse 150.0 155.0 150.0; pulse 170.0 175.0 150.0 |], p.With(gNaP = 0.25, refractoryMs = 6.0, spikeCostParameter = 1.0)
      "katp_lowatp", 0.2, 0.1, 0.5, [| pulse 150.0 155.0 150.0; pulse 300.0 400.0 40.0 |], p.With(gKatp = 2.0)
      "katp_highatp", 0.9, 0.1, 0.5, [| pulse 150.0 155.0 150.0; pulse 300.0 400.0 40.0 |], p.With(gKatp = 2.0)
      "cat_ros", 0.5, 0.4, 0.4, [| pulse 100.0 300.0 35.0 |],
      p.With(gCaT = 2.0, gKatp = 0.5, spikeCostParameter = 10.0, rosSteady = 0.4, deltaGka = 0.2, deltaGbk = 0.1) ]

[<Tests>]
let tests =
    testList "Metabolic.Analyses" [
        testCase "RET and FET classification of synthetic trains match the reference rules" <| fun () ->
            for case in trains do
                let s = values "train" case "spikes"
                checkRet "ret_class" case (FiringModes.ClassifyRet(s, 0.006, 2.5))
                checkFet "fet_class" case (FiringModes.ClassifyFet s)

        testCase "classification names each mode at least once (the reference covers all)" <| fun () ->
            let modes = trains |> List.map (fun c -> FiringModes.ClassifyRet(values "train" c "spikes", 0.006, 2.5).Mode) |> set
            Expect.equal modes (set [ RetFiringMode.Bursting; RetFiringMode.Silent; RetFiringMode.Regular; RetFiringMode.Continuous ]) "RET modes"
            let fmodes = trains |> List.map (fun c -> FiringModes.ClassifyFet(values "train" c "spikes").Mode) |> set
            Expect.equal fmodes (set [ FetFiringMode.Regular; FetFiringMode.Silent; FetFiringMode.Adapting ]) "FET modes"

        testCase "FET interval: 10 ms ln 7.5 at 2 nA; none at or below rheobase (1.6 nA)" <| fun () ->
            let p = MetabolicCellParameters.Fet2023
            closeRel 1e-14 (0.010 * log 7.5) (MetabolicCell.LifInterval(p, 2e-9)) "ISI_LIF(2 nA)"
            closeRel 1e-14 (0.010 * log 27.0) (MetabolicCell.LifInterval(p, 1.7e-9)) "ISI_LIF(1.7 nA): (17 − 70 + 80)/(17 − 70 + 54) = 27"
            Expect.equal (MetabolicCell.LifInterval(p, 1.6e-9)) Double.PositiveInfinity "no spiking at R I = V_th − E_L"

        testCase "RET/FET cell spike times, mean ROS and modes match the numpy reference (incl. rotenone)" <| fun () ->
            for case, p, b in cells do
                let run = MetabolicCell.Simulate(p, b)
                let e = values "cell" case "spikes"
                Expect.equal run.SpikeTimes.Length e.Length $"{case}: spike count"
                Array.iteri (fun k t -> closeAbs 1e-12 t run.SpikeTimes.[k] $"{case}: spike {k}") e
                closeRel 1e-9 (value "cell" case "meanros") run.MeanRos $"{case}: mean ROS"
                if p.Trigger = MetabolicTrigger.Ret then checkRet "cell_ret_class" case (FiringModes.ClassifyRet(run.SpikeTimes, p.Refractory, 2.5))
                else checkFet "cell_fet_class" case (FiringModes.ClassifyFet run.SpikeTimes)

        testCase "authors' refractory timing: minimum RET ISI is 6.03 ms for τ_ref = 6 ms, FET ISI is 20.17 ms at 2 nA" <| fun () ->
            let isis (s: float[]) = Array.pairwise s |> Array.map (fun (a, b) -> b - a)
            let ret = MetabolicCell.Simulate(MetabolicCellParameters.Ret2023.With(quantum = 0.012), 30.0, 1.0)
            closeAbs 1e-9 0.00603 (Array.min (isis ret.SpikeTimes)) "min RET ISI"
            let fet = MetabolicCell.Simulate(MetabolicCellParameters.Fet2023, 80.0)
            // the timer reaches 20.15 ≥ 20.149 ms after 2015 steps, releases the cell on the next step, which fires on
            // the step after: 2017 steps = 20.17 ms
            closeAbs 1e-9 0.02017 (Array.min (isis fet.SpikeTimes)) "min FET ISI"

        testCase "rotenone lowers RET ROS and silences part of the RET bursts at b = 30" <| fun () ->
            let c = values "cell" "ret_b30_q0.06_r6" "spikes"
            let r = values "cell" "ret_b30_q0.06_r6_rotenone" "spikes"
            Expect.isLessThan r.Length c.Length "fewer spikes with rotenone (reference)"
            Expect.isLessThan (RosGenerators.Steady(RosGenerator.Rotenone, 0.9, 0.9)) (RosGenerators.Steady(RosGenerator.Control, 0.9, 0.9)) "RET corner"
            closeRel 1e-15 ((0.9 * 0.9 / 1.25 + 0.1 * 0.1 / 0.8) ** 3.0) (RosGenerators.Steady(RosGenerator.Rotenone, 0.9, 0.9)) "rotenone R∞"
            closeRel 1e-15 ((0.2 * 0.3 + 0.8 * 0.7) ** 3.0 + 0.1) (RosGenerators.Steady(RosGenerator.MiniSog, 0.2, 0.3)) "miniSOG R∞"
            closeRel 1e-14 (((0.2 * 0.3 + 0.8 * 0.7) / 1.15) ** 3.0) (RosGenerators.Steady(RosGenerator.Aox, 0.2, 0.3)) "AOX R∞"

        testCase "single-spike perturbation matches the numpy reference" <| fun () ->
            for b, case in [ 30.0, "b30_q0.2"; 150.0, "b150_q0.2" ] do
                let r = SpikePerturbation.Run(b, 0.2, recordEvery = 1)
                closeRel 1e-10 (value "perturb" case "atp0") r.AtpStart $"{case}: ATP₀"
                closeRel 1e-9 (value "perturb" case "atpmin") r.AtpMin $"{case}: ATP min"
                closeAbs 1e-12 (value "perturb" case "atpmintime") r.AtpMinTime $"{case}: time of ATP min"
                closeRel 1e-10 (value "perturb" case "ros0") r.RosStart $"{case}: ROS₀"
                closeRel 1e-9 (value "perturb" case "rosmax") r.RosMax $"{case}: ROS max"
                closeRel 1e-9 (value "perturb" case "rosmin") r.RosMin $"{case}: ROS min"
                for i in [ 16000; 20000; 35000 ] do
                    let e = values "perturb" case $"sample{i}"
                    let got = [| r.Atp.[i]; r.Psi.[i]; r.Nad.[i]; r.Pyr.[i]; r.Ros.[i] |]
                    Array.iteri2 (fun k ev gv -> closeRel 1e-9 ev gv $"{case}: sample {i} var {k}") e got

        testCase "reaction-rate clamp maps match the numpy reference at b = 30 and 150" <| fun () ->
            let ag = [| 0.0; 0.25; 0.5; 0.85; 1.0 |]
            let pg = [| 0.0; 0.3; 0.65; 1.0 |]
            for b in [ 30.0; 150.0 ] do
                let case = $"b{int b}"
                let m = ReactionRateClamp.Map(b, ag, pg)
                closeRel 1e-10 (value "clamp" case "nad") m.Nad $"{case}: steady NAD"
                for i in 0 .. ag.Length - 1 do
                    for j in 0 .. pg.Length - 1 do
                        let e = values "clamp" case $"{py ag.[i]}_{py pg.[j]}"
                        let got = [| m.DAtpDt.[i, j]; m.DPsiDt.[i, j]; m.VAnt.[i, j]; m.VAtp.[i, j]; m.VResp.[i, j] |]
                        Array.iteri2 (fun k ev gv ->
                            let what = $"{case} ATP {ag.[i]} ψ {pg.[j]} quantity {k}"
                            if abs ev < 1e-12 then closeAbs 1e-13 ev gv what else closeRel 1e-8 ev gv what) e got

        testCase "K-ATP LIF cell matches the numpy reference (pulses, K-ATP at low/high ATP, Ca_T with adaptation)" <| fun () ->
            for case, atp, ros, dur, pulses, p in lifCases do
                let r = KatpLifCell.Simulate(p, atp, ros, dur, pulses, recordEvery = 1)
                let e = values "lif" case "spikes"
                Expect.equal r.SpikeTimes.Length e.Length $"{case}: spike count"
                Array.iteri (fun k t -> closeAbs 1e-12 t r.SpikeTimes.[k] $"{case}: spike {k}") e
                closeRel 1e-9 (value "lif" case "vend") (1e3 * r.V.[r.V.Length - 1]) $"{case}: final V"
                closeRel 1e-9 (value "lif" case "dend") r.KatpGate.[r.KatpGate.Length - 1] $"{case}: final d"
                let bins = r.V |> Array.mapi (fun i v -> int (Math.Floor(float i * 0.01 / 50.0)), 1e3 * v) |> Array.groupBy fst |> Array.map (fun (_, g) -> g |> Array.map snd |> Array.max)
                let ev = values "lif" case "vmax50"
                Expect.equal bins.Length ev.Length $"{case}: bins"
                Array.iteri2 (fun k a b -> closeRel 1e-9 a b $"{case}: peak V in bin {k}") ev bins

        testCase "K-ATP current silences the cell at low ATP but not at high ATP (reference)" <| fun () ->
            Expect.isLessThan (values "lif" "katp_lowatp" "spikes").Length (values "lif" "katp_highatp" "spikes").Length "fewer spikes at low ATP"
            closeRel 1e-14 (1.0 / (1.0 + exp (25.0 * (0.2 - 0.5))) * (1.0 - 1.0 / (1.0 + exp (0.5 * 10.0)))) (KatpLifCell.KatpGateSteady(-68.0, 0.2)) "d∞(−68 mV, 0.2)"

        testCase "bad input names the parameter" <| fun () ->
            throwsArg "duration" (fun () -> FiringModes.ClassifyRet([| 0.6 |], 0.006, 0.4) |> ignore)
            throwsArg "refractory" (fun () -> FiringModes.ClassifyRet([| 0.6 |], 0.0, 2.5) |> ignore)
            throwsArg "spikeTimes" (fun () -> FiringModes.ClassifyFet([| nan |]) |> ignore)
            throwsArg "demand" (fun () -> MetabolicCell.Simulate(MetabolicCellParameters.Ret2023, 0.0) |> ignore)
            throwsArg "rosFrom" (fun () -> MetabolicCell.Simulate(MetabolicCellParameters.Ret2023, 30.0, 0.1, rosFrom = 0.2) |> ignore)
            throwsArg "ClampOff" (fun () -> MetabolicCell.Simulate(MetabolicCellParameters.Fet2023.With(clampOff = 0.1), 80.0) |> ignore)
            throwsArg "spikeTime" (fun () -> SpikePerturbation.Run(30.0, 0.2, spikeTime = 0.6) |> ignore)
            throwsArg "quantum" (fun () -> SpikePerturbation.Run(30.0, -0.1) |> ignore)
            throwsArg "atp" (fun () -> KatpLifCell.Simulate(KatpLifParameters.ChintaluriVogels2023, 1.5, 0.1, 0.1) |> ignore)
            throwsArg "pulses" (fun () -> KatpLifCell.Simulate(KatpLifParameters.ChintaluriVogels2023, 0.5, 0.1, 0.1, [| CurrentPulse(0.2, 0.1, 1.0) |]) |> ignore)
            throwsArg "atpGrid" (fun () -> ReactionRateClamp.Map(30.0, [| 1.2 |]) |> ignore)
    ]

[<Tests>]
let mapTests =
    testList "Metabolic.Analyses.Maps" [
        testCase "firing map cells (sweep) equal the reference cells' classification and mean ROS" <| fun () ->
            let ret = Theory.Experiments.Metabolic.MetabolicFiringMap(MetabolicCellParameters.Ret2023, [| 30.0 |], [| 0.06 |]).Run()
            let c = ret.[0]
            Expect.equal c.Mode (int (value "cell_ret_class" "ret_b30_q0.06_r6" "mode")) "RET mode"
            Expect.equal c.SpikesPerBurst (int (value "cell_ret_class" "ret_b30_q0.06_r6" "per")) "RET spikes per burst"
            closeRel 1e-9 (value "cell_ret_class" "ret_b30_q0.06_r6" "ibi") c.Ibi "RET IBI"
            closeRel 1e-9 (value "cell" "ret_b30_q0.06_r6" "meanros") c.MeanRos "RET mean ROS"
            let fet = Theory.Experiments.Metabolic.MetabolicFiringMap(MetabolicCellParameters.Fet2023, [| 80.0 |], [| 0.06; 0.15 |]).Run()
            for cell, case in Array.zip fet [| "fet_b80_q0.06"; "fet_b80_q0.15" |] do
                Expect.equal cell.Mode (int (value "cell_fet_class" case "mode")) $"{case}: FET mode"
                closeOrNaN 1e-9 (value "cell_fet_class" case "mx") cell.Ibi $"{case}: ISI max"
                closeRel 1e-9 (value "cell" case "meanros") cell.MeanRos $"{case}: mean ROS"

        testCase "paper grids: q = 10^-2.5 … 10^-0.6, RET b = 15 … 40, FET b = 60 … 160" <| fun () ->
            let q = Theory.Experiments.Metabolic.MetabolicFiringMap.PaperQuanta()
            closeRel 1e-15 (10.0 ** -2.5) q.[0] "q₀"; closeRel 1e-14 (10.0 ** -0.6) q.[9] "q₉"
            closeRel 1e-14 (10.0 ** (-2.5 + 1.9 * 4.0 / 9.0)) q.[4] "q₄"
            let r = Theory.Experiments.Metabolic.MetabolicFiringMap.PaperRetDemands()
            Expect.equal (r.[0], r.[9]) (15.0, 40.0) "RET ends"
            let f = Theory.Experiments.Metabolic.MetabolicFiringMap.PaperFetDemands()
            Expect.equal (f.[0], f.[9]) (60.0, 160.0) "FET ends"
    ]

/// The authors' stored maps (reference/authors_mode_maps.csv): (map, q index, b index) → (q, b, mode, mean ROS).
let authorsMaps =
    lazy (
        File.ReadAllLines(Path.Combine(repoRoot, "tests", "Theory.Tests", "Metabolic", "reference", "authors_mode_maps.csv"))
        |> Array.filter (fun l -> not (l.StartsWith "#") && not (l.StartsWith "map,") && l.Trim() <> "")
        |> Array.map (fun l ->
            let f = l.Split(',')
            let d (s: string) = Double.Parse(s, Globalization.CultureInfo.InvariantCulture)
            (f.[0], int f.[1], int f.[2]), (d f.[3], d f.[4], int f.[5], d f.[6]))
        |> dict)

/// Our cell against the authors' stored one: the same mode; mean ROS within 2e-4 (the model differences documented in
/// MetabolicCell: fixed-point start, translocator factor without the one-step lag, kernel from Q(0); measured ≤ 8.6e-5 over all 200 cells).
let checkAuthorsCell (map: string) qi bi =
    let q, b, mode, ros = authorsMaps.Force().[(map, qi, bi)]
    let p = if map = "ret" then MetabolicCellParameters.Ret2023 else MetabolicCellParameters.Fet2023
    let c = Theory.Experiments.Metabolic.MetabolicFiringMap.Evaluate(p, b, q)
    Expect.equal c.Mode mode $"{map} (q = {q}, b = {b}): mode"
    closeRel 2e-4 ros c.MeanRos $"{map} (q = {q}, b = {b}): mean ROS"

[<Tests>]
let authorsMapTests =
    testList "Metabolic.Analyses.AuthorsMaps" [
        testCase "cells at the mode boundaries of the authors' RET and FET maps (Fig. 2)" <| fun () ->
            for qi, bi in [ 0, 0; 0, 2; 3, 7; 3, 8; 0, 9 ] do checkAuthorsCell "ret" qi bi
            for qi, bi in [ 4, 3; 4, 4; 4, 7; 4, 8 ] do checkAuthorsCell "fet" qi bi
    ]

[<Tests>]
let authorsMapCrosscheck =
    testList "crosscheck.Metabolic.Analyses.AuthorsMaps" [
        testCase "all 200 cells of the authors' RET and FET maps (Fig. 2): modes and mean ROS" <| fun () ->
            for map in [ "ret"; "fet" ] do
                for qi in 0 .. 9 do
                    for bi in 0 .. 9 do checkAuthorsCell map qi bi
    ]

/// The authors' stored RET maps for other (τ_ref, τ_rise) pairs (reference/authors_ret_maps_refractory_rise.csv):
/// map → (q, b, mode, mean ROS, spikes after 500 ms = fr · 2000 ms).
let authorsRetMaps =
    lazy (
        File.ReadAllLines(Path.Combine(repoRoot, "tests", "Theory.Tests", "Metabolic", "reference", "authors_ret_maps_refractory_rise.csv"))
        |> Array.filter (fun l -> not (l.StartsWith "#") && not (l.StartsWith "map,") && l.Trim() <> "")
        |> Array.map (fun l ->
            let f = l.Split(',')
            let d (s: string) = Double.Parse(s, Globalization.CultureInfo.InvariantCulture)
            f.[0], (d f.[3], d f.[4], int f.[5], d f.[6], Math.Round(d f.[7] * 2000.0))))

let retMapParameters =
    dict [ "ret_r2_rise3", MetabolicCellParameters.Ret2023.With(refractory = 0.002, tauRise = 0.003)
           "ret_r10_rise7", MetabolicCellParameters.Ret2023.With(refractory = 0.010, tauRise = 0.007)
           "ret_r6_rise5", MetabolicCellParameters.Ret2023 ]

/// Our RET cell against a stored one: mode, the spike count after 500 ms exactly (the authors' refractory timing),
/// mean ROS within 2e-4.
let checkAuthorsRetCell map (q: float, b: float, mode: int, ros: float, count: float) =
    let c = Theory.Experiments.Metabolic.MetabolicFiringMap.Evaluate(retMapParameters.[map], b, q)
    Expect.equal c.Mode mode $"{map} (q = {q}, b = {b}): mode"
    Expect.equal (Math.Round(c.RateHz * 2.0)) count $"{map} (q = {q}, b = {b}): spikes after 500 ms"
    closeRel 2e-4 ros c.MeanRos $"{map} (q = {q}, b = {b}): mean ROS"

[<Tests>]
let authorsRetMapTests =
    testList "Metabolic.Analyses.AuthorsRetMaps" [
        testCase "a bursting and a regular cell of the τ_ref = 2 ms / τ_rise = 3 ms and 10 ms / 7 ms maps: modes, spike counts, ROS" <| fun () ->
            let all = authorsRetMaps.Force()
            for map in [ "ret_r2_rise3"; "ret_r10_rise7" ] do
                let cells = all |> Array.filter (fun (m, _) -> m = map) |> Array.map snd
                // q index 3, b index 3 (bursting in both) and q index 9, b index 0 (regular)
                checkAuthorsRetCell map cells.[3 * 10 + 3]
                checkAuthorsRetCell map cells.[9 * 10 + 0]
    ]

[<Tests>]
let authorsRetMapCrosscheck =
    testList "crosscheck.Metabolic.Analyses.AuthorsRetMaps" [
        // Measured: all 300 modes agree; the spike count after 500 ms differs in 6 cells: 4 of the (2, 3) and (10, 7) maps
        // (ours/theirs 465/464, 135/136, 21/18, 182/181: the documented model differences decide a threshold crossing;
        // there the mean ROS differs by up to 5.3 %) and 2 of the (6, 5) map (by one spike); elsewhere ROS within 2e-4.
        testCase "all 300 cells of the authors' RET maps for (τ_ref, τ_rise) = (2, 3), (10, 7), (6, 5) ms: modes, spike counts, ROS" <| fun () ->
            let cells = authorsRetMaps.Force()
            let mutable countMismatch = 0
            for map, (q, b, mode, ros, count) in cells do
                let c = Theory.Experiments.Metabolic.MetabolicFiringMap.Evaluate(retMapParameters.[map], b, q)
                let n = Math.Round(c.RateHz * 2.0)
                Expect.equal c.Mode mode $"{map} (q = {q}, b = {b}): mode"
                Expect.isLessThanOrEqual (abs (n - count)) 3.0 $"{map} (q = {q}, b = {b}): spikes after 500 ms, {n} vs {count}"
                if n = count then closeRel 2e-4 ros c.MeanRos $"{map} (q = {q}, b = {b}): mean ROS"
                else countMismatch <- countMismatch + 1
            Expect.isLessThanOrEqual countMismatch 8 "cells whose spike count differs from the authors' (measured 6 of 300)"
    ]
