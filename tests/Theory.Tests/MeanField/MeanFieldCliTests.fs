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
            Expect.equal (rate lines.[3]) (Siegert.Rate(0.015, 0.005, LifNeuron.Brunel2000.With(tauM = 0.01), tauS = 0.002)) "row c: tau_s and tau_m_s used"
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
        test "brunel --model B: identical E and I parameters reduce to model A (every state)" {
            let parse (out: string) =
                out.Trim().Split('\n') |> Array.map (fun l -> l.Trim().Split(' ') |> Array.map (fun s -> let p = s.Split('=') in p.[0], p.[1]) |> Map.ofArray)
            let num (m: Map<string, string>) k = Double.Parse(m.[k], CultureInfo.InvariantCulture)
            for (g, r) in [ 5.0, 2.0; 3.0, 0.5; 8.0, 0.9 ] do
                let args = [| "meanfield"; "brunel"; "--model"; "B"; "--g-e"; string g; "--g-i"; string g; "--nu-ext-ratio"; string r |]
                let rc, out, err = capture (fun () -> Theory.Cli.Commands.Run args)
                Expect.equal rc 0 ("exit code; stderr: " + err)
                let b = parse out
                let a = BrunelNetwork.ModelA.With(g = g, nuExtRatio = r).StationaryStates()
                Expect.equal b.Length a.Length (sprintf "number of states at (%g, %g)" g r)
                for (sb, sa) in Array.zip b a do
                    closeRel 1e-9 sa.Rate (num sb "rate_E_Hz") "rate_E = model A rate"
                    closeRel 1e-9 sa.Rate (num sb "rate_I_Hz") "rate_I = model A rate"
                    closeRel 1e-9 sa.Mu (num sb "mu_E_V") "mu_E"
                    closeRel 1e-9 sa.Sigma (num sb "sigma_I_V") "sigma_I"
                    // stability: same verdict, regime and dominant eigenvalue as model A (D = 1.5 ms, f_max = 1 kHz)
                    let r = BrunelStability.Analyze(BrunelNetwork.ModelA.With(g = g, nuExtRatio = r), sa)
                    Expect.equal sb.["stable"] (if r.Stable then "true" else "false") "stable"
                    Expect.equal sb.["regime"] r.Regime (sprintf "regime at (%g, ν = %g Hz)" g sa.Rate)
                    Expect.isLessThan (abs (num sb "eigenvalue_re_per_s" - r.DominantEigenvalue.Real)) 1e-6 "Re s"
                    Expect.isLessThan (abs (num sb "eigenvalue_im_per_s" - r.DominantEigenvalue.Imaginary)) 1e-6 "Im s" }
        test "brunel --model B: --delay and --max-frequency are used (D = 0 removes the SI-fast instability at (6, 4))" {
            let run (extra: string[]) =
                let rc, out, err = capture (fun () -> Theory.Cli.Commands.Run(Array.append [| "meanfield"; "brunel"; "--model"; "B"; "--g-e"; "6"; "--g-i"; "6"; "--nu-ext-ratio"; "4" |] extra))
                Expect.equal rc 0 ("exit code; stderr: " + err)
                out.Trim().Split(' ') |> Array.map (fun s -> let p = s.Split('=') in p.[0], p.[1]) |> Map.ofArray
            let n = BrunelNetwork.ModelA.With(g = 6.0, nuExtRatio = 4.0)
            let st = n.StationaryStates().[0]
            for d in [ 0.0015; 0.0 ] do
                let kv = run [| "--delay"; string d |]
                let a = BrunelStability.Analyze(n.With(delay = d), st)
                Expect.equal kv.["regime"] a.Regime (sprintf "regime at D = %g" d)
                Expect.equal kv.["stable"] (if a.Stable then "true" else "false") (sprintf "stable at D = %g" d)
            Expect.equal (run [||]).["regime"] "SI-fast" "default D = 1.5 ms"
            Expect.equal (run [| "--delay"; "0" |]).["stable"] "true" "D = 0: stable"
            // SI-fast root at 190 Hz: outside a 100 Hz search rectangle
            Expect.equal (run [| "--max-frequency"; "100" |]).["stable"] "true" "f_max = 100 Hz" }
        test "brunel --model B, g_E = 5, g_I = 4, τ_I = 10 ms: self-consistent under an independent evaluation of eqs. 4-5, 21" {
            let rc, out, err = capture (fun () -> Theory.Cli.Commands.Run [| "meanfield"; "brunel"; "--model"; "B"; "--g-e"; "5"; "--g-i"; "4"; "--tau-i"; "0.01"; "--nu-ext-ratio"; "2" |])
            Expect.equal rc 0 ("exit code; stderr: " + err)
            let lines = out.Trim().Split('\n')
            Expect.equal lines.Length 1 "one state"
            let pairs = lines.[0].Trim().Split(' ') |> Array.map (fun s -> let p = s.Split('=') in p.[0], p.[1])
            Expect.equal (Map.ofArray pairs).["regime"] "SI-fast" "regime (E-I loop unstable; model A at g = 5 is AI)"
            let kv = pairs |> Array.choose (fun (k, v) -> match Double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture) with
                                                          | true, x -> Some (k, x)
                                                          | _ -> None) |> Map.ofArray
            let nuE, nuI = kv.["rate_E_Hz"], kv.["rate_I_Hz"]
            // μ_a = τ_a (C_E J (ν_ext + ν_E) − γ C_E g_a J ν_I), σ_a² = τ_a J² C_E (ν_ext + ν_E + γ g_a² ν_I); ν_thr = θ/(J C_E τ_E)
            let ce, j, gamma = 1000.0, 1e-4, 0.25
            let nuExt = 2.0 * 0.02 / (j * ce * 0.02)
            let muSig tau ga = tau * ce * j * (nuExt + nuE - gamma * ga * nuI), j * sqrt (tau * ce * (nuExt + nuE + gamma * ga * ga * nuI))
            let muE, sgE = muSig 0.02 5.0
            let muI, sgI = muSig 0.01 4.0
            closeRel 1e-9 muE kv.["mu_E_V"] "mu_E"
            closeRel 1e-9 sgI kv.["sigma_I_V"] "sigma_I"
            closeRel 1e-9 nuE (Siegert.Rate(muE, sgE, LifNeuron.Brunel2000)) "ν_E = φ_E"
            closeRel 1e-9 nuI (Siegert.Rate(muI, sgI, LifNeuron.Brunel2000.With(tauM = 0.01))) "ν_I = φ_I"
            Expect.isTrue (abs (nuE - nuI) > 0.5) (sprintf "E and I rates differ (%g, %g Hz)" nuE nuI)
            // a direct Newton solve of the MultiPopulationNetwork from a distant guess finds the same state
            let net = MultiPopulationNetwork.BrunelModelB(ce, gamma, j, 5.0, 4.0, nuExt, LifNeuron.Brunel2000, LifNeuron.Brunel2000.With(tauM = 0.01))
            let direct = net.Solve([| 10.0; 10.0 |])
            closeRel 1e-8 direct.[0] nuE "direct solve ν_E"
            closeRel 1e-8 direct.[1] nuI "direct solve ν_I" }
        test "brunel --model B: bad options rejected with the option named" {
            let run (args: string[]) = capture (fun () -> Theory.Cli.Commands.Run(Array.append [| "meanfield"; "brunel" |] args))
            for args, needle in [ [| "--model"; "B"; "--g-e"; "5" |], "--g-i"
                                  [| "--model"; "B"; "--g-e"; "5"; "--g-i"; "5"; "--delay"; "-0.002" |], "--delay = -0.002"
                                  [| "--model"; "B"; "--g-e"; "5"; "--g-i"; "5"; "--max-frequency"; "0" |], "--max-frequency = 0"
                                  [| "--model"; "B"; "--g"; "5" |], "--g-e"
                                  [| "--model"; "B"; "--g-e"; "-1"; "--g-i"; "5" |], "--g-e = -1"
                                  [| "--model"; "B"; "--g-e"; "5"; "--g-i"; "5"; "--tau-i"; "0" |], "--tau-i = 0"
                                  [| "--model"; "B"; "--g-e"; "5"; "--g-i"; "5"; "--gi"; "5" |], "--gi"
                                  [| "--model"; "C" |], "A or B" ] do
                let rc, _, err = run args
                Expect.equal rc 2 (sprintf "exit code for %A" args)
                Expect.stringContains err needle (sprintf "message for %A" args) }
    ]
