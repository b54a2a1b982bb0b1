/// Sweeps of figure scripts (issue #12): series cells round-trip bit for bit through the stored
/// records, mixed point tables, and the runs the scripts moved onto the sweep runner
/// (memory trace, developmental circuit, spike-timing reliability, Schur amplification) equal the
/// sequential calls bit for bit, in parallel and after a resume.
module Theory.Tests.Sweeps.FigureSweepTests

open System
open System.IO
open System.Threading
open Expecto
open Theory.Tests.Util
open Theory.Tests.Sweeps.SweepTests
open Theory.Experiments.Sweeps
open Theory.ShortTermPlasticity
open Theory.Experiments.ShortTermPlasticity
open Theory.Amplification

let bits (xs: float[]) = xs |> Array.map BitConverter.DoubleToInt64Bits

/// Asserts two arrays are equal bit for bit (NaN payloads and −0 included).
let sameBits (expected: float[]) (actual: float[]) (what: string) =
    Expect.equal actual.Length expected.Length (what + ": length")
    Expect.sequenceEqual (bits actual) (bits expected) (what + ": bit for bit")

let seriesTests =
    testList "Sweeps.Series" [
        test "a series survives the record on disk bit for bit: −0, subnormals, extremes, NaN, ±∞ and 20 000 random bit patterns" {
            let special = [| 0.0; -0.0; Double.Epsilon; -Double.Epsilon; 2.2250738585072009e-308; Double.MaxValue; Double.MinValue
                             0.1; 1.0 / 3.0; -1e-300; 6.02214076e23; nan; infinity; -infinity; 1.0 + 2.220446049250313e-16 |]
            let rng = Random 7
            let random = Array.init 20_000 (fun _ -> BitConverter.Int64BitsToDouble(rng.NextInt64()))
                         |> Array.map (fun x -> if Double.IsNaN x then nan else x) // one NaN pattern: "NaN" names no payload
            let dir = tempDir ()
            let points = Sweep.Grid [ "k", [| 0.0; 1.0; 2.0 |] ]
            let values k = match k with 0 -> special | 1 -> random | _ -> [||]
            let f (p: SweepPoint) = SweepRow().AddSeries("x", values (int p["k"])).Add("n", float (values (int p["k"])).Length)
            let first = Sweep.Run(points, f, dir)
            Expect.equal (first.Computed, first.Done) (3, 3) "computed"
            let again = Sweep.Run(points, (fun _ -> failwith "must not run: every record exists"), dir)
            Expect.equal (again.Computed, again.Skipped) (0, 3) "read back from the folder"
            for k in 0 .. 2 do
                sameBits (values k) ((again.Row k).Series "x") (sprintf "series %d from the records" k)
                Expect.equal ((again.Row k).Number "n") (float (values k).Length) "a number beside it"
            Expect.equal (SweepSeries.Encode [ 1.5; -0.0; 1e-7 ]) "1.5 -0 1E-07" "round-trip text, single spaces"
            Expect.equal (SweepSeries.Decode("", "x")) [||] "empty text, empty series"
        }

        test "bad series input fails with an ArgumentException naming the column and the item" {
            throwsArg "item 1 = 'abc'" (fun () -> SweepSeries.Decode("1 abc 3", "rates") |> ignore)
            throwsArg "rates" (fun () -> SweepSeries.Decode("1  3", "rates") |> ignore)
            throwsArg "holds a number, not a series" (fun () -> SweepRow().Add("y", 2.0).Series "y" |> ignore)
            throwsArg "'z' is not in this row" (fun () -> SweepRow().AddSeries("y", [ 1.0 ]).Series "z" |> ignore)
            throwsArg "already in this row" (fun () -> SweepRow().AddSeries("y", [ 1.0 ]).AddSeries("y", [ 2.0 ]) |> ignore)
        }

        test "Sweep.Table: ids in order, rows with different parameters in one sweep, one merged table" {
            let table = Sweep.Table [ [ "kind", 0.0; "pre", 30.0 ]; [ "kind", 1.0; "c", 0.3 ]; [ "kind", 1.0; "c", 0.5 ] ]
            Expect.equal [ for p in table -> p.Id ] [ 0; 1; 2 ] "ids"
            Expect.equal (table[1].ToString()) "kind=1 c=0.3" "second row"
            let dir = tempDir ()
            let r = Sweep.Run(table, (fun p -> if p["kind"] = 0.0 then SweepRow().Add("y", p["pre"] * 2.0) else SweepRow().Add("z", p["c"] + 1.0)), dir)
            Expect.equal (r.ToCsv()) "id,kind,pre,c,y,z,error\n0,0,30,,60,,\n1,1,,0.3,,1.3,\n2,1,,0.5,,1.5,\n" "union of the columns"
            throwsArg "appears twice" (fun () -> Sweep.Table [ [ "a", 1.0; "a", 2.0 ] ] |> ignore)
            throwsArg "must be finite" (fun () -> Sweep.Table [ [ "a", nan ] ] |> ignore)
        }
    ]

/// The memory-trace synapses of JiaVogelsCosta2022_Efficacy at three stages (200 synapses).
let memoryTrace (s: float) = MemoryTraceSimulation(DevelopmentalSchedule.JiaVogelsCosta2022.At s, Synapses = 200, Trials = 2, Seed = 5UL)

let memoryRow (r: MemoryTraceResult) =
    SweepRow().AddSeries("times", r.Times).AddSeries("simulated", r.Simulated).AddSeries("standard_error", r.StandardError)
        .AddSeries("analytic", r.Analytic).Add("baseline", r.Baseline)

let portTests =
    testList "Sweeps.FigurePorts" [
        test "memory traces (Efficacy panel C) as a parallel sweep equal the sequential runs bit for bit; a resume recomputes only what is missing" {
            let stages = [| 0.0; 0.5; 1.0 |]
            let direct = stages |> Array.map (fun s -> (memoryTrace s).Run())
            let dir = tempDir ()
            let calls = ref 0
            let run (p: SweepPoint) =
                Interlocked.Increment calls |> ignore
                memoryRow ((memoryTrace p["stage"]).Run())
            let swept = Sweep.Run(Sweep.Grid [ "stage", stages ], run, dir, SweepOptions(Workers = 2, ThreadsPerPoint = 1))
            for k, d in Array.indexed direct do
                let row = swept.Row k
                for name, expected in [ "times", d.Times; "simulated", d.Simulated; "standard_error", d.StandardError; "analytic", d.Analytic ] do
                    sameBits expected (row.Series name) (sprintf "stage %g %s" stages[k] name)
                Expect.equal (row.Number "baseline") d.Baseline "baseline"
            // depression leaves a dip after the burst at stage 0, facilitation a rise at stage 1 (bins 0.72–0.9 s)
            let after (r: MemoryTraceResult) = Array.average r.Simulated[36 .. 44]
            Expect.isLessThan (after direct[0]) 0.95 "stage 0: efficacy below the steady state after the burst"
            Expect.isGreaterThan (after direct[2]) 1.05 "stage 1: efficacy above the steady state after the burst"
            File.Delete((SweepStore dir).PointPath 1)
            let again = Sweep.Run(Sweep.Grid [ "stage", stages ], run, dir)
            Expect.equal (again.Computed, again.Skipped, calls.Value) (1, 2, 4) "only the deleted point ran again"
            Expect.equal (again.ToCsv()) (swept.ToCsv()) "same table after the resume"
        }

        test "developmental-circuit runs (Balance panels A–C) round-trip through the sweep bit for bit" {
            let sim stage follow =
                DevelopmentalCircuitSimulation(Stage = stage, ChannelRate = 10.0, Duration = 3.0, Eta = Nullable 1e-2, InitialWInh = 0.0,
                                               FollowSchedule = follow, StageStep = 0.05, Seed = 5UL,
                                               Circuit = DevelopmentalCircuit.JiaVogelsCosta2022.With(eta = 1e-2))
            let jobs = [| 0.0, true; 1.0, false |]
            let direct = jobs |> Array.map (fun (s, f) -> (sim s f).Run())
            let run (p: SweepPoint) =
                let r = (sim p["stage"] (p["follow"] = 1.0)).Run()
                SweepRow().AddSeries("times", r.Times).AddSeries("rates", r.Rates).AddSeries("w_inh", r.WInh).AddSeries("stages", r.Stages)
                    .AddSeries("spike_times", r.SpikeTimes)
            let swept = Sweep.Run(Sweep.Table [ for s, f in jobs -> [ "stage", s; "follow", (if f then 1.0 else 0.0) ] ], run, tempDir ())
            for k, d in Array.indexed direct do
                let row = swept.Row k
                for name, expected in [ "times", d.Times; "rates", d.Rates; "w_inh", d.WInh; "stages", d.Stages; "spike_times", d.SpikeTimes ] do
                    sameBits expected (row.Series name) (sprintf "job %d %s" k name)
            Expect.equal direct[0].Times.Length 6 "six 0.5 s chunks"
            Expect.isGreaterThan direct[1].SpikeTimes.Length 10 "the facilitating circuit fires"
        }

        test "spike-timing reliability (Precision) per stage as a sweep equals SpikeTimingReliability.Run bit for bit" {
            let cfg s = SpikeTimingReliability(s, Trials = 3, Duration = 1.0)
            let stages = [| 0.0; 1.0 |]
            let direct = stages |> Array.map (fun s -> (cfg s).Run())
            let run (p: SweepPoint) =
                let r = (cfg p["stage"]).Run()
                let row = SweepRow().Add("reliability", r.Reliability).Add("model_reliability", r.ModelReliability).Add("w_inh", r.WInh)
                r.Trains |> Array.iteri (fun k t -> row.AddSeries(sprintf "train_%d" k, t) |> ignore)
                row
            let swept = Sweep.Run(Sweep.Grid [ "stage", stages ], run, tempDir (), SweepOptions(Workers = 2))
            for k, d in Array.indexed direct do
                let row = swept.Row k
                Expect.equal (BitConverter.DoubleToInt64Bits(row.Number "reliability")) (BitConverter.DoubleToInt64Bits d.Reliability) "R"
                Expect.equal (BitConverter.DoubleToInt64Bits(row.Number "model_reliability")) (BitConverter.DoubleToInt64Bits d.ModelReliability) "model R"
                for t in 0 .. 2 do sameBits d.Trains[t] (row.Series(sprintf "train_%d" t)) (sprintf "stage %g trial %d" stages[k] t)
            Expect.isGreaterThan direct[1].Reliability direct[0].Reliability "late (facilitating) spike timing is more reliable"
        }

        test "Schur amplification per (r, seed) as a parallel sweep equals the sequential loop bit for bit" {
            let spec = SchurNetworkSpec(30, 4, -0.5, 0.5, 20.0, 20.0, false, 1UL)
            let table = Sweep.Table [ for r in [ 2.0; 40.0 ] do for seed in [ 1; 2; 3 ] -> [ "r", r; "seed", float seed ] ]
            let amp (p: SweepPoint) = (TransientAmplification.MaxAmplification(SchurConstruction.Build((spec.WithImaginaryDiameter p["r"]).WithSeed(uint64 p["seed"])), 0.02)).Value
            let sequential = table |> Array.map amp
            let swept = Sweep.Run(table, (fun p -> SweepRow().Add("amplification", amp p)), tempDir (), SweepOptions(Workers = 2))
            sameBits sequential [| for p in table -> (swept.Row p.Id).Number "amplification" |] "amplification"
            Expect.isGreaterThan (Array.average sequential[0 .. 2]) (Array.average sequential[3 .. 5]) "a smaller imaginary spread amplifies more"
        }
    ]

[<Tests>]
let tests = testList "Sweeps.Figures" [ seriesTests; portTests ]
