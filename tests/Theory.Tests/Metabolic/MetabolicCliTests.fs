/// `theory metabolic steady` and `spike-compensation` through the command dispatcher.
module Theory.Tests.Metabolic.MetabolicCliTests

open System
open System.IO
open Expecto
open Theory.Metabolic
open Theory.Tests.Util

/// Runs the built CLI as a process (console redirection inside the parallel test run is not safe).
let capture (args: string[]) = Theory.Tests.Kernel.CliAndDocs.theory (List.ofArray args)

[<Tests>]
let tests =
    testList "Metabolic.Cli" [
        test "steady prints key=value lines equal to the library's steady state" {
            let rc, out, _ = capture [| "metabolic"; "steady"; "--demand"; "30" |]
            Expect.equal rc 0 "exit code"
            let kv =
                out.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                |> Array.map (fun l -> let i = l.IndexOf '=' in l.Substring(0, i), l.Substring(i + 1).Trim())
                |> dict
            let s = MitochondrialSteadyStates.Solve(Mitochondrion.ChintaluriVogels2023, 30.0)
            closeRel 0.0 s.State.Atp (float kv.["atp"]) "atp (round trip)"
            closeRel 0.0 s.Psi (float kv.["psi"]) "psi"
            closeRel 0.0 s.State.Nad (float kv.["nad"]) "nad"
            closeRel 0.0 s.Ros (float kv.["ros"]) "ros"
            Expect.equal kv.["stable"] "true" "stable"
        }
        test "issue #15: steady at leak 0.01 prints the physical (unstable) fixed point with stable=false and a note on stderr; leak 0.3 a physical state" {
            let rc, out, err = capture [| "metabolic"; "steady"; "--demand"; "10"; "--leak"; "0.01" |]
            Expect.equal rc 0 "exit code"
            Expect.stringContains out "stable=false" "unstable"
            Expect.stringContains err "unstable" "note on stderr"
            let rc3, out3, _ = capture [| "metabolic"; "steady"; "--demand"; "10"; "--leak"; "0.3" |]
            Expect.equal rc3 0 "exit code at leak 0.3"
            for l in out3.Split('\n', StringSplitOptions.RemoveEmptyEntries) do
                let i = l.IndexOf '='
                let k, v = l.Substring(0, i), l.Substring(i + 1).Trim()
                if k = "nad" || k = "atp" || k = "akg" || k = "oaa" || k = "delta_psi_v" then
                    Expect.isGreaterThanOrEqual (float v) 0.0 (sprintf "%s = %s ≥ 0" k v)
        }
        test "spike-compensation prints a CSV row per demand (short run)" {
            let rc, out, _ = capture [| "metabolic"; "spike-compensation"; "--rate"; "10"; "--quantum"; "0.1"; "--points"; "2"; "--duration"; "0.2" |]
            Expect.equal rc 0 "exit code"
            let lines = out.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            Expect.equal lines.Length 3 "header + 2 rows"
            Expect.stringStarts lines.[0] "demand,ros_without_spikes,ros_with_spikes" "header"
            let row = lines.[2].Split ',' |> Array.map float
            closeRel 1e-12 1000.0 row.[0] "last demand"
            let direct = SpikeCompensation.Run(Mitochondrion.ChintaluriVogels2023, 1000.0, 10.0, duration = 0.2)
            closeRel 0.0 direct.RosWithSpikes row.[2] "ROS with spikes"
        }
        test "bad options are rejected with exit code 2 and the option named" {
            for args, name in [ [| "metabolic"; "steady"; "--demand"; "-3" |], "demand"
                                [| "metabolic"; "steady"; "--bogus"; "1" |], "bogus"
                                [| "metabolic"; "spike-compensation"; "--quantum"; "-1" |], "quantum"
                                [| "metabolic"; "spike-compensation"; "--ros"; "weird" |], "ros"
                                [| "metabolic"; "nothing" |], "subcommand" ] do
                let rc, _, err = capture args
                Expect.equal rc 2 (sprintf "%A exit code" args)
                Expect.stringContains err name (sprintf "%A names %s" args name)
        }
    ]
