/// `theory meanfield ...` round trips through Theory.Cli.Commands.Run.
module Theory.Tests.MeanField.MeanFieldCliTests

open System
open System.Globalization
open System.IO
open Expecto
open Theory.MeanField
open Theory.Tests.Util

let private tmpDir () =
    let d = Path.Combine(Path.GetTempPath(), "theory-meanfield-" + Guid.NewGuid().ToString("N"))
    Directory.CreateDirectory d |> ignore
    d

let private capture (f: unit -> int) =
    let out, err = Console.Out, Console.Error
    use sw = new StringWriter()
    use ew = new StringWriter()
    Console.SetOut sw
    Console.SetError ew
    try
        let rc = f ()
        rc, sw.ToString(), ew.ToString()
    finally
        Console.SetOut out
        Console.SetError err

[<Tests>]
let tests =
    testSequenced <| testList "MeanField.Cli" [
        test "siegert CSV round trip: extra columns kept, rate_Hz at full precision, tau_m_s optional" {
            let d = tmpDir ()
            let inp, outp = Path.Combine(d, "in.csv"), Path.Combine(d, "out.csv")
            File.WriteAllLines(inp, [| "id,mu_V,sigma_V,tau_s,theta_V,vreset_V,tref_s,tau_m_s"
                                       "a,0.015,0.005,0,0.02,0.01,0.002,0.02"
                                       "b,-0.01,0.005,0,0.02,0.01,0.002,0.02"
                                       "c,0.015,0.005,0.002,0.02,0.01,0.002,0.01" |])
            let rc, _, err = capture (fun () -> Theory.Cli.Commands.Run [| "meanfield"; "siegert"; "--csv"; inp; "--out"; outp |])
            Expect.equal rc 0 ("exit code; stderr: " + err)
            let lines = File.ReadAllLines outp
            Expect.equal lines.[0] "id,mu_V,sigma_V,tau_s,theta_V,vreset_V,tref_s,tau_m_s,rate_Hz" "header"
            let rate (l: string) = Double.Parse(l.Split(',') |> Array.last, CultureInfo.InvariantCulture)
            Expect.equal (rate lines.[1]) (Siegert.Rate(0.015, 0.005, LifNeuron.Brunel2000)) "row a bit-exact"
            closeRel 1e-12 3.8697924079086e-14 (rate lines.[2]) "row b"
            Expect.equal (rate lines.[3]) (Siegert.Rate(0.015, 0.005, LifNeuron.Brunel2000.With(TauM = 0.01), tauS = 0.002)) "row c: tau_s and tau_m_s used"
            Expect.isTrue (lines.[1].StartsWith "a,0.015,") "extra column kept" }
        test "membrane τ defaults to 20 ms without a tau_m_s column" {
            let d = tmpDir ()
            let inp, outp = Path.Combine(d, "in.csv"), Path.Combine(d, "out.csv")
            File.WriteAllLines(inp, [| "mu_V,sigma_V,tau_s,theta_V,vreset_V,tref_s"; "0.015,0.002,0,0.02,0.01,0.002" |])
            let rc, _, _ = capture (fun () -> Theory.Cli.Commands.Run [| "meanfield"; "siegert"; "--csv"; inp; "--out"; outp |])
            Expect.equal rc 0 "exit code"
            closeRel 1e-12 0.122025522338211 (Double.Parse((File.ReadAllLines outp).[1].Split(',').[6], CultureInfo.InvariantCulture)) "rate" }
        test "malformed row: error names the line, nothing written" {
            let d = tmpDir ()
            let inp, outp = Path.Combine(d, "in.csv"), Path.Combine(d, "out.csv")
            File.WriteAllLines(inp, [| "mu_V,sigma_V,tau_s,theta_V,vreset_V,tref_s"
                                       "0.015,0.005,0,0.02,0.01,0.002"
                                       "0.015,abc,0,0.02,0.01,0.002" |])
            let rc, _, err = capture (fun () -> Theory.Cli.Commands.Run [| "meanfield"; "siegert"; "--csv"; inp; "--out"; outp |])
            Expect.equal rc 2 "exit code"
            Expect.stringContains err "line 3" "line number"
            Expect.isFalse (File.Exists outp) "no output"
            Expect.isEmpty (Directory.GetFiles(d) |> Array.filter (fun f -> f.EndsWith ".tmp")) "no temp file left"
            File.WriteAllLines(inp, [| "mu_V,sigma_V,tau_s,theta_V,vreset_V,tref_s"; "0.015,-0.005,0,0.02,0.01,0.002" |])
            let rc2, _, err2 = capture (fun () -> Theory.Cli.Commands.Run [| "meanfield"; "siegert"; "--csv"; inp; "--out"; outp |])
            Expect.equal rc2 2 "exit code (invalid sigma)"
            Expect.stringContains err2 "line 2" "line number"
            Expect.stringContains err2 "sigma" "parameter named"
            Expect.isFalse (File.Exists outp) "no output" }
        test "brunel: one key=value line per stationary state" {
            let rc, out, _ = capture (fun () -> Theory.Cli.Commands.Run [| "meanfield"; "brunel"; "--g"; "5"; "--nu-ext-ratio"; "2" |])
            Expect.equal rc 0 "exit code"
            let kv = out.Trim().Split(' ') |> Array.map (fun s -> let p = s.Split('=') in p.[0], p.[1]) |> Map.ofArray
            closeRel 1e-12 37.9496970857634 (Double.Parse(kv.["rate_Hz"], CultureInfo.InvariantCulture)) "rate"
            Expect.equal kv.["regime"] "AI" "regime"
            Expect.equal kv.["stable"] "true" "stable"
            let rc3, out3, _ = capture (fun () -> Theory.Cli.Commands.Run [| "meanfield"; "brunel"; "--g"; "3"; "--nu-ext-ratio"; "0.5" |])
            Expect.equal rc3 0 "exit code"
            Expect.equal (out3.Trim().Split('\n').Length) 3 "three states"
            let rc4, _, err4 = capture (fun () -> Theory.Cli.Commands.Run [| "meanfield"; "brunel"; "--gg"; "3" |])
            Expect.equal rc4 2 "unknown option rejected"
            Expect.stringContains err4 "--gg" "names the option" }
    ]
