/// Generated command lines over every command and option of `theory` (Cli.Catalogue): valid values
/// (extremes included, sizes and durations capped so each case runs in well under a second),
/// garbage, missing values, repeats, unknown options, stray words. Fixed seed: a few hundred cases
/// in the default run, 10 000 in crosscheck. Each case must end with exit code 0, 2, 3 or 4, one line
/// on stderr when it fails, no NaN/Infinity in the results, no stack trace, and in bounded time.
module Theory.Tests.Cli.CliFuzzTests

open System
open System.Diagnostics
open System.Globalization
open System.IO
open Expecto
open FsCheck
open FsCheck.FSharp
open Theory.Cli
open Theory.Tests.Cli.CliBoundaryTests

/// Files the generated command lines point at: good and bad inputs, output targets of every kind.
type Fixtures =
    { Dir: string; Inputs: string list; Csvs: string list; Rates: string list; Specs: string list; Scripts: string list; Outs: string list; Nets: string list }

let fixtures =
    lazy (
        let d = Directory.CreateTempSubdirectory("theory-fuzz-").FullName
        let write name (text: string) = let p = Path.Combine(d, name) in File.WriteAllText(p, text); p
        let fifo = Path.Combine(d, "pipe")
        mkfifo fifo
        let sub = Path.Combine(d, "folder")
        Directory.CreateDirectory sub |> ignore
        let common = [ fifo; "/dev/zero"; "/dev/null"; sub; Path.Combine(d, "missing.csv"); "" ]
        { Dir = d
          Inputs = [ write "w1.csv" "0.5\n"; write "w2.csv" "0,10\n0,0\n"; write "w3.csv" "1,2,3\n4,5,6\n7,8,10\n"
                     write "big.csv" "1e200,1e200\n0,1e200\n"; write "huge.csv" "1e308,1e308\n-1e308,1e308\n"
                     write "bad.csv" "1,x\n2,3\n"; write "rect.csv" "1,2\n"; write "empty.csv" "" ] @ common
          Csvs = [ write "s1.csv" "mu_V,sigma_V,tau_s,theta_V,vreset_V,tref_s\n0.015,0.005,0,0.02,0.01,0.002\n-0.01,0.001,0.002,0.02,0.01,0.002\n"
                   write "s2.csv" "mu_V,sigma_V,tau_s,theta_V,vreset_V,tref_s\n0.015,1e-300,0,0.02,0.01,0.002\n0.015,0.005,0,1e300,0.01,0.002\n"
                   write "s3.csv" "mu_V,sigma_V\n1,2\n"; write "s4.csv" "mu_V,sigma_V,tau_s,theta_V,vreset_V,tref_s\n0.015,-1,0,0.02,0.01,0.002\n" ] @ common
          Rates = [ write "r1.txt" "1\n10\n40\n"; write "r2.txt" "0,1e4,1e-300\n"; write "r3.txt" "# rates\n-5\n"; write "r4.txt" "rate\nNaN\n" ] @ common
          Specs = [ write "spec.json" (sprintf """{"experiment":"siegert","grid":{"mu":[0.01,0.02],"sigma":[0.004]},"chunks":2,"results":"%s"}""" (Path.Combine(d, "results").Replace("\\", "/")))
                    write "badspec.json" """{"experiment":"siegert","grid":{"mu":[]},"results":"out"}"""; write "notjson.json" "{" ] @ common
          Nets = [ write "tiny.json" """{"schema":"theory-network/1","name":"tiny","dt_ms":0.1,"populations":[{"name":"E","size":80,"model":"delta","tau_m_ms":20,"c_m_pF":250,"e_l_mV":0,"v_th_mV":20,"v_reset_mV":10,"t_ref_ms":2,"v_init_low_mV":10,"v_init_high_mV":20},{"name":"I","size":20,"model":"delta","tau_m_ms":20,"c_m_pF":250,"e_l_mV":0,"v_th_mV":20,"v_reset_mV":10,"t_ref_ms":2,"v_init_low_mV":10,"v_init_high_mV":20}],"projections":[{"pre":"E","post":"E","rule":"fixed_indegree","indegree":8,"synapse":"v","weight_unit":"mV","weight_mean":0.1,"delay_mean_ms":1.5},{"pre":"I","post":"E","rule":"fixed_probability","probability":0.1,"synapse":"v","weight_unit":"mV","weight_mean":-0.5,"weight_sd":0.05,"delay_mean_ms":1.5,"delay_sd_ms":0.5}],"poisson_inputs":[{"target":"E","count":100,"rate_hz":40,"synapse":"v","weight_unit":"mV","weight":0.1},{"target":"I","count":100,"rate_hz":40,"synapse":"v","weight_unit":"mV","weight":0.1}]}"""
                   write "tinybad.json" ("""{"schema":"theory-network/1","name":"tiny","dt_ms":0.1,"populations":[{"name":"E","size":80,"model":"delta","tau_m_ms":20,"c_m_pF":250,"e_l_mV":0,"v_th_mV":20,"v_reset_mV":10,"t_ref_ms":2,"v_init_low_mV":10,"v_init_high_mV":20},{"name":"I","size":20,"model":"delta","tau_m_ms":20,"c_m_pF":250,"e_l_mV":0,"v_th_mV":20,"v_reset_mV":10,"t_ref_ms":2,"v_init_low_mV":10,"v_init_high_mV":20}],"projections":[{"pre":"E","post":"E","rule":"fixed_indegree","indegree":8,"synapse":"v","weight_unit":"mV","weight_mean":0.1,"delay_mean_ms":1.5},{"pre":"I","post":"E","rule":"fixed_probability","probability":0.1,"synapse":"v","weight_unit":"mV","weight_mean":-0.5,"weight_sd":0.05,"delay_mean_ms":1.5,"delay_sd_ms":0.5}],"poisson_inputs":[{"target":"E","count":100,"rate_hz":40,"synapse":"v","weight_unit":"mV","weight":0.1},{"target":"I","count":100,"rate_hz":40,"synapse":"v","weight_unit":"mV","weight":0.1}]}""".Replace("\"tau_m_ms\":20", "\"tau_m_ms\":-20"))
                   write "tinyunit.json" ("""{"schema":"theory-network/1","name":"tiny","dt_ms":0.1,"populations":[{"name":"E","size":80,"model":"delta","tau_m_ms":20,"c_m_pF":250,"e_l_mV":0,"v_th_mV":20,"v_reset_mV":10,"t_ref_ms":2,"v_init_low_mV":10,"v_init_high_mV":20},{"name":"I","size":20,"model":"delta","tau_m_ms":20,"c_m_pF":250,"e_l_mV":0,"v_th_mV":20,"v_reset_mV":10,"t_ref_ms":2,"v_init_low_mV":10,"v_init_high_mV":20}],"projections":[{"pre":"E","post":"E","rule":"fixed_indegree","indegree":8,"synapse":"v","weight_unit":"mV","weight_mean":0.1,"delay_mean_ms":1.5},{"pre":"I","post":"E","rule":"fixed_probability","probability":0.1,"synapse":"v","weight_unit":"mV","weight_mean":-0.5,"weight_sd":0.05,"delay_mean_ms":1.5,"delay_sd_ms":0.5}],"poisson_inputs":[{"target":"E","count":100,"rate_hz":40,"synapse":"v","weight_unit":"mV","weight":0.1},{"target":"I","count":100,"rate_hz":40,"synapse":"v","weight_unit":"mV","weight":0.1}]}""".Replace("\"weight_unit\":\"mV\"", "\"weight_unit\":\"nS\""))
                   write "notjson2.json" "{"; "nope"; Path.Combine(d, "missing.json"); sub; fifo; "/dev/null" ]
          Scripts = [ Path.Combine(d, "missing.fsx"); write "notes.txt" "x"; sub; fifo ]
          Outs = [ Path.Combine(d, "out.csv"); Path.Combine(d, "outdir"); "-"; "/dev/null"; sub; Path.Combine(d, "no", "such", "x.csv"); fifo; "/proc/theory-x.csv" ] })

/// Commands whose valid runs take seconds (a 12 500-neuron network, a grid of stationary states, long
/// integrations, real SLURM): generated only with a structural error, so they stop at parsing.
let expensive =
    set [ "simulate brunel"; "bench brunel"; "bench phase-diagram"; "bench coba"; "bench poisson"; "bench delivery"
          "metabolic spike-compensation"; "sweep submit"; "meanfield brunel" ]

/// Caps on valid values so that a valid case runs in well under a second (a capped option is always given).
let cap (command: string) (o: OptionInfo) =
    match command, o.Name with
    | _, "--threads" | _, "--workers" -> Some (1.0, 2.0)
    | "simulate coba", "--n" -> Some (10.0, 300.0)
    | "simulate coba", "--t" -> Some (0.001, 0.05)
    | "simulate network", "--t" -> Some (0.001, 0.2)
    | "simulate network", "--warmup" -> Some (0.0, 0.05)
    | "crosscheck", "--duration" -> Some (0.1, 0.3)
    | "crosscheck", "--warmup" -> Some (0.0, 0.1)
    | "crosscheck", "--seeds" -> Some (1.0, 2.0)
    | "predict", "--max-frequency" -> Some (10.0, 1000.0)
    | "bench schur", "--n" -> Some (1.0, 30.0)
    | "bench schur", "--reps" | "bench schur", "--warmup" | "bench siegert", "--reps" -> Some (0.0, 2.0)
    | "bench siegert", "--n" -> Some (1.0, 2000.0)
    | "calcium stdp", "--points" | "calcium burst", "--points" -> Some (2.0, 30.0)
    | "calcium drift", "--pre" | "calcium drift", "--post" -> Some (0.0, 20.0)
    | "calcium stdp", "--pairs" | "calcium freq", "--pairs" | "calcium burst", "--pairs" -> Some (1.0, 100.0)
    | _ -> None

let num (x: float) = x.ToString("R", CultureInfo.InvariantCulture)

/// A valid value of an option (its ends, its middle, a log-uniform point), within the caps.
let validValue (command: string) (o: OptionInfo) : Gen<string list> =
    let lo, hi =
        match cap command o with
        | Some (a, b) -> max a o.Min, min b o.Max
        | None -> o.Min, o.Max
    match o.Kind with
    | "real" ->
        Gen.oneof [ Gen.constant lo; Gen.constant hi; Gen.constant (0.5 * (lo + hi))
                    Gen.map (fun (u: float) -> lo + u * (hi - lo)) (Gen.choose (0, 1000) |> Gen.map (fun k -> float k / 1000.0))
                    (if lo > 0.0 then Gen.map (fun k -> lo * Math.Pow(hi / lo, float k / 100.0)) (Gen.choose (0, 100)) else Gen.constant hi) ]
        |> Gen.map (fun x -> [ num x ])
    | "whole" -> Gen.choose (int lo, int (min hi 2e9)) |> Gen.map (fun k -> [ string k ])
    | "seed" -> Gen.elements [ "0"; "1"; "42"; "18446744073709551615" ] |> Gen.map List.singleton
    | "choice" -> Gen.elements (List.ofSeq o.Choices) |> Gen.map List.singleton
    | "flag" -> Gen.constant []
    | _ ->
        let f = fixtures.Value
        let pool =
            match o.Name with
            | "--matrix" -> f.Inputs
            | "--csv" -> f.Csvs
            | "--rates" -> f.Rates
            | "--out" -> f.Outs
            | "--preset" -> [ "DP"; "DPD"; "cortical-slices"; "nonlinear-2016"; "hippocampal-slices"; "nope" ]
            | "--freqs" -> [ "1,10,20"; "1000"; "1e-300,5"; "0"; "1,,2"; "50" ]
            | _ -> [ "debug"; "01:00:00"; "4G"; "x" ]
        Gen.elements pool |> Gen.map List.singleton

let garbage = [ "NaN"; "Infinity"; "-Infinity"; "1e400"; "-1e400"; "abc"; ""; "0x10"; "1,5"; "-1"; "1e308"; "-1e308"; "4.5"; "1e-300"; "--"; "-x" ]

/// One generated command line: the command's words, options (valid, or broken in one of many ways).
let commandLine : Gen<string list * bool> =
    gen {
        let all = Cli.Catalogue() |> Seq.toList
        let! c = Gen.elements all
        let name = String.Join(" ", c.Path)
        let options = c.Options |> Seq.filter (fun o -> not (name = "sweep submit" && o.Name = "--slurm")) |> Seq.toList
        let! chosen = options |> List.map (fun o -> if o.Required || (cap name o).IsSome then Gen.constant (Some o) else Gen.frequency [ 2, Gen.constant (Some o); 3, Gen.constant None ]) |> Gen.sequenceToList
        let chosen = chosen |> List.choose id
        let! values = chosen |> List.map (validValue name) |> Gen.sequenceToList
        let pairs = List.zip chosen values
        let f = fixtures.Value
        let! positional =
            match c.Argument with
            | null -> Gen.constant []
            | "SPEC" -> Gen.elements f.Specs |> Gen.map List.singleton
            | "NET" -> Gen.elements f.Nets |> Gen.map List.singleton
            | _ -> Gen.elements f.Scripts |> Gen.map List.singleton
        let line = List.ofSeq c.Path @ positional @ (pairs |> List.collect (fun (o, v) -> o.Name :: v))
        let valueOptions = pairs |> List.filter (fun (o, _) -> o.Kind <> "flag")
        // structural errors always stop at parsing; value errors may not (a garbage word can be a valid path)
        let structural =
            [ yield Gen.constant (line @ [ "--bogus"; "1" ])
              yield Gen.constant (line @ [ "-x"; "1" ])
              yield Gen.constant (line @ [ "stray" ])
              yield Gen.constant (line @ [ "--" ])
              if not pairs.IsEmpty then
                  yield Gen.elements pairs |> Gen.map (fun (o, v) -> line @ (o.Name :: v))
              if not valueOptions.IsEmpty then
                  yield Gen.elements valueOptions |> Gen.map (fun (o, _) -> line @ [ o.Name ])
                  yield Gen.elements valueOptions |> Gen.map (fun (o, _) -> List.ofSeq c.Path @ positional @ [ o.Name; "--bogus" ]) ]
        let valueErrors =
            [ if not valueOptions.IsEmpty then
                  yield gen {
                      let! o, _ = Gen.elements valueOptions
                      let! g = Gen.elements garbage
                      // a garbage path stays inside the fixture folder (relative paths would land in the working directory)
                      let g = if o.Kind = "text" && List.contains o.Name [ "--matrix"; "--csv"; "--rates"; "--out" ] && g <> "" && not (g.StartsWith "-")
                              then Path.Combine(f.Dir, g) else g
                      return List.ofSeq c.Path @ positional @ (pairs |> List.collect (fun (p, v) -> if p = o then [ p.Name; g ] else p.Name :: v)) } ]
        if expensive.Contains name then
            let! l = Gen.oneof structural
            return l, true
        else
            let! l = Gen.frequency [ 5, Gen.constant line; 3, Gen.oneof structural; 3, (if valueErrors.IsEmpty then Gen.constant line else Gen.oneof valueErrors) ]
            return l, false
    }

/// Runs one case and checks the contract; returns its wall time.
let check (args: string list, mustFail: bool) =
    let sw = Stopwatch.StartNew()
    let (rc, out, err) as r = runWithin 60.0 args
    let name = String.Join(" ", args)
    Expect.isTrue (List.contains rc [ 0; 2; 3; 4 ]) (sprintf "theory %s: exit code %d (stderr: %s)" name rc err)
    if mustFail then Expect.equal rc 2 (sprintf "theory %s must fail at parsing (stderr: %s)" name err)
    if rc = 0 then
        for w in words out do Expect.isFalse (nonFinite w) (sprintf "stdout of theory %s has %s: %s" name w out)
        Expect.isFalse (err.Contains "   at ") (sprintf "no stack trace: %s" err)
    else clean args r
    Expect.isFalse (err.Contains "internal error") (sprintf "theory %s: %s" name err)
    if sw.Elapsed.TotalSeconds > 2.0 then eprintfn "slow CLI fuzz case (%.1f s): theory %s" sw.Elapsed.TotalSeconds name
    sw.Elapsed.TotalSeconds

let runCases (count: int) (seed: uint64) =
    let cases = Gen.sampleWithSeed (Rnd(seed, 0x9E3779B97F4A7C15UL)) 20 count commandLine
    let times = cases |> Array.map check
    let byCode = cases.Length
    Expect.equal times.Length byCode "every case ran"
    // bounded time: the valid cases are capped to run in well under a second (generous on a busy machine)
    let slow = Array.zip cases times |> Array.filter (fun (_, t) -> t > 10.0)
    Expect.isEmpty slow (sprintf "cases slower than 10 s: %A" slow)

[<Tests>]
let tests =
    testSequenced <| testList "Cli.Fuzz" [
        test "300 generated command lines over every command (seed 13)" { runCases 300 13UL }
    ]

[<Tests>]
let crosscheck =
    testSequenced <| testList "crosscheck.Cli.Fuzz" [
        test "10 000 generated command lines over every command (seed 1313)" { runCases 10_000 1313UL }
    ]
