/// Generic network prediction (issue #16): the description → population model → NetworkPrediction chain against the
/// bespoke Brunel model A (BrunelStationary/BrunelStability) and model B (TwoPopulationStationary/MultiPopulationStability)
/// analytics to 1e-9, the Fourcaud–Brunel and weight-moment reductions against closed forms computed here, a characteristic
/// with distinct delays against an independent evaluation from the public transfer function, the JSON format (round trip,
/// bit-identical simulations, errors naming the field), FromNetwork, and short cross-checks.
module Theory.Tests.Predict.PredictTests

open System
open System.Numerics
open Expecto
open Theory.MeanField
open Theory.Spiking
open Theory.Experiments.Networks
open Theory.Experiments.Predict
open Theory.Tests.Util

/// Bespoke model A with the description's SI numbers (J, g, ν_ext, delay taken from the description, not re-derived).
let private bespokeA (d: NetworkDescription) =
    let e = d.Populations.[0]
    let ee = d.Projections |> Array.find (fun p -> p.Pre = "E" && p.Post = "E")
    let ie = d.Projections |> Array.find (fun p -> p.Pre = "I" && p.Post = "E")
    let x = d.PoissonInputs |> Array.find (fun p -> p.Target = "E")
    let j = ee.WeightMean * 1e-3
    let neuron = LifNeuron(e.TauMMs * 1e-3, e.VThMv * 1e-3, e.VResetMv * 1e-3, e.TRefMs * 1e-3)
    BrunelNetwork(float ee.InDegree, float ie.InDegree / float ee.InDegree, j, -ie.WeightMean / ee.WeightMean, x.RateHz,
                  Math.Round(ee.DelayMeanMs / d.DtMs) * d.DtMs * 1e-3, neuron)

let private closeC (tol: float) (expected: Complex) (actual: Complex) what =
    let err = (actual - expected).Magnitude / max 1.0 expected.Magnitude
    if not (err <= tol) then failtestf "%s: expected %A, got %A (error %.3g > %.3g)" what expected actual err tol

/// Spikes (step, index) of every population for `duration` s.
let private spikesOf (net: Network, pops: Population[]) duration =
    let mons = pops |> Array.map (fun p -> net.MonitorSpikes p)
    net.Run duration
    mons |> Array.map (fun m -> Array.zip m.Steps m.Indices)

let private spikes (b: BuiltNetwork) duration = spikesOf (b.Net, b.Populations) duration

let private small () = BuiltInNetworks.BrunelA(ne = 1000, ni = 250, ce = 100, ci = 25)

[<Tests>]
let tests =
    testList "Predict" [
        test "model A as a two-population description = BrunelStationary + BrunelStability to 1e-9 (rates, eigenvalue, regime)" {
            // (g, ν_ext/ν_thr): AI, SR, SI-fast, SI-slow, and a low-rate quiescent-side point
            for (g, r) in [ (5.0, 2.0); (3.0, 2.0); (6.0, 4.0); (4.5, 0.9); (8.0, 1.0) ] do
                let d = BuiltInNetworks.BrunelA(g = g, nuExtRatio = r)
                let a = bespokeA d
                let ref = BrunelStationary.Solve a
                let gen = NetworkPrediction.Predict(d.ToPopulationModel())
                Expect.equal gen.Length ref.Length (sprintf "(%g, %g): number of states" g r)
                for (s, p) in Array.zip ref gen do
                    closeRel 1e-9 s.Rate p.Rates.[0] (sprintf "(%g, %g) rate E" g r)
                    closeRel 1e-9 s.Rate p.Rates.[1] (sprintf "(%g, %g) rate I" g r)
                    closeRel 1e-9 s.Mu p.Mu.[0] "mu"
                    closeRel 1e-9 s.Sigma p.Sigma.[0] "sigma"
                    let st = BrunelStability.Analyze(a, s)
                    printfn "A (%g, %g): %.10f Hz, bespoke %s %A, generic %s %A" g r s.Rate st.Regime st.DominantEigenvalue p.Stability.Regime p.Stability.DominantEigenvalue
                    Expect.equal p.Stability.Regime st.Regime "regime"
                    Expect.equal p.Stability.Stable st.Stable "stable"
                    closeC 1e-9 st.DominantEigenvalue p.Stability.DominantEigenvalue (sprintf "(%g, %g) dominant eigenvalue" g r)
                    // and the characteristic itself at a few complex frequencies
                    for s' in [ Complex(0.0, 2.0 * Math.PI * 50.0); Complex(30.0, 2.0 * Math.PI * 180.0); Complex(-10.0, 900.0) ] do
                        closeC 1e-9 (BrunelStability.Characteristic(a, s, s')) (NetworkPrediction.Characteristic(d.ToPopulationModel(), p.Rates, s')) "c(s)"
        }
        test "model B description = TwoPopulationStationary + MultiPopulationStability to 1e-9 (every state, eigenvalues, regimes)" {
            for (gE, gI, r, tauI) in [ (8.0, 6.0, 2.0, 15.0); (5.0, 4.5, 2.0, 10.0); (3.0, 3.5, 0.5, 20.0); (6.0, 4.0, 2.0, 15.0) ] do
                let d = BuiltInNetworks.BrunelB(gE = gE, gI = gI, nuExtRatio = r, tauIMs = tauI)
                let e = d.Populations.[0]
                let n = LifNeuron(e.TauMMs * 1e-3, e.VThMv * 1e-3, e.VResetMv * 1e-3, e.TRefMs * 1e-3)
                let x = d.PoissonInputs.[0]
                let net = MultiPopulationNetwork.BrunelModelB(1000.0, 0.25, 0.1 * 1e-3, gE, gI, x.RateHz, n, n.With(tauM = tauI * 1e-3))
                let ref = TwoPopulationStationary.Solve net
                let gen = NetworkPrediction.Predict(d.ToPopulationModel())
                Expect.equal gen.Length ref.Length (sprintf "B (%g, %g, %g, %g): number of states" gE gI r tauI)
                for (s, p) in Array.zip ref gen do
                    closeRel 1e-9 s.[0] p.Rates.[0] "rate E"
                    closeRel 1e-9 s.[1] p.Rates.[1] "rate I"
                    let st = MultiPopulationStability.Analyze(net, s, 0.0015)
                    printfn "B (%g, %g, %g, %g): %A bespoke %s %A generic %s %A" gE gI r tauI s st.Regime st.DominantEigenvalue p.Stability.Regime p.Stability.DominantEigenvalue
                    Expect.equal p.Stability.Regime st.Regime "regime"
                    closeC 1e-9 st.DominantEigenvalue p.Stability.DominantEigenvalue "dominant eigenvalue"
        }
        test "three populations with distinct delays: c(s) = det(I − M(s)) built here from LifTransferFunction.Evaluate, to 1e-10" {
            let d = BuiltInNetworks.ThreePopulations()
            let m = d.ToPopulationModel()
            let st = (NetworkPrediction.Predict m).[0]
            let n = LifNeuron.Brunel2000
            let tau = 0.02
            // input of population a: mu = tau (K_E J nu_ext + K_E J nu_E - 2 K_I g J nu_I), rows identical
            let k, ki, j, g = 400.0, 50.0, 1e-4, 6.0
            let nu, nuExt = st.Rates.[0], d.PoissonInputs.[0].RateHz
            closeRel 1e-12 (tau * (k * j * nuExt + k * j * nu - 2.0 * ki * g * j * nu)) st.Mu.[0] "mu"
            closeRel 1e-12 (sqrt (tau * (k * j * j * nuExt + k * j * j * nu + 2.0 * ki * g * g * j * j * nu))) st.Sigma.[0] "sigma"
            let delays = [| 1.5e-3; 0.8e-3; 3.0e-3 |]
            let weights = [| j; -g * j; -g * j |]
            let degrees = [| k; ki; ki |]
            for s in [ Complex(0.0, 2.0 * Math.PI * 80.0); Complex(20.0, 2.0 * Math.PI * 300.0); Complex(5.0, 1.0) ] do
                let resp = LifTransferFunction.Evaluate(n, st.Mu.[0], st.Sigma.[0], s)
                let mm =
                    Array2D.init 3 3 (fun a b ->
                        let rd = Complex.Exp(-s * Math.Round(delays.[b] / 1e-4) * 1e-4)
                        rd * (resp.MeanGain * tau * degrees.[b] * weights.[b] + resp.VarianceGain * tau * degrees.[b] * weights.[b] * weights.[b]))
                let det =
                    let a = Array2D.init 3 3 (fun i l -> (if i = l then Complex.One else Complex.Zero) - mm.[i, l])
                    a.[0, 0] * (a.[1, 1] * a.[2, 2] - a.[1, 2] * a.[2, 1]) - a.[0, 1] * (a.[1, 0] * a.[2, 2] - a.[1, 2] * a.[2, 0])
                    + a.[0, 2] * (a.[1, 0] * a.[2, 1] - a.[1, 1] * a.[2, 0])
                closeC 1e-10 det (NetworkPrediction.Characteristic(m, st.Rates, s)) (sprintf "c(%A)" s)
            Expect.equal st.Stability.Regime "AI" "predicted regime"
        }
        test "exp-current population: rate = Siegert with the Fourcaud–Brunel shift at mu, sigma from PSP areas w tau_s / C" {
            let p = PopulationDescription("X", 100, MembraneKind.ExpCurrent, 10.0, 250.0, -65.0, -50.0, -65.0, 2.0, 0.5, 0.5, 0.0, 0.0, 0.0, -65.0, -50.0)
            let d = NetworkDescription("fb", 0.1, [| p |], [||],
                                       [| PoissonDescription("X", 800, 20.0, 87.8, SynapseChannel.Exc); PoissonDescription("X", 200, 20.0, -150.0, SynapseChannel.Inh) |])
            let st = (NetworkPrediction.Predict(d.ToPopulationModel())).[0]
            let tau, c, ts = 10e-3, 250e-12, 0.5e-3
            let je, ji = 87.8e-12 * ts / c, -150e-12 * ts / c
            let mu = -65e-3 + tau * (800.0 * je * 20.0 + 200.0 * ji * 20.0)
            let sigma = sqrt (tau * (800.0 * je * je * 20.0 + 200.0 * ji * ji * 20.0))
            let expected = Siegert.Rate(mu, sigma, LifNeuron(tau, -50e-3, -65e-3, 2e-3), ts)
            printfn "exp-current: mu %.4f mV sigma %.4f mV, rate %.6f Hz (white noise %.6f Hz)" (mu * 1e3) (sigma * 1e3) expected (Siegert.Rate(mu, sigma, LifNeuron(tau, -50e-3, -65e-3, 2e-3)))
            Expect.isGreaterThan expected 1.0 "a firing state"
            closeRel 1e-9 expected st.Rates.[0] "rate"
            closeRel 1e-12 mu st.Mu.[0] "mu"
            closeRel 1e-12 sigma st.Sigma.[0] "sigma"
        }
        test "exp-current E/I network: c(s) = det(I − M) with M assembled here (shifted neuron, e^{−sd}/(1 + sτ_s)), to 1e-10" {
            let pop n size = PopulationDescription(n, size, MembraneKind.ExpCurrent, 10.0, 250.0, -65.0, -50.0, -65.0, 2.0, 0.5, 1.0, 0.0, 0.0, 0.0, -65.0, -50.0)
            let proj pre post k w d ch = ProjectionDescription(pre, post, ConnectionRule.FixedInDegree, k, 0.0, false, ch, w, 0.0, d, 0.0)
            let d =
                NetworkDescription("ei-exp", 0.1, [| pop "E" 800; pop "I" 200 |],
                    [| proj "E" "E" 80 87.8 1.5 SynapseChannel.Exc; proj "I" "E" 20 -351.2 0.8 SynapseChannel.Inh
                       proj "E" "I" 80 87.8 1.5 SynapseChannel.Exc; proj "I" "I" 20 -351.2 0.8 SynapseChannel.Inh |],
                    [| PoissonDescription("E", 800, 20.0, 87.8, SynapseChannel.Exc); PoissonDescription("I", 800, 20.0, 87.8, SynapseChannel.Exc) |])
            let m = d.ToPopulationModel()
            let st = (NetworkPrediction.Predict m).[0]
            let tau, c = 10e-3, 250e-12
            let te, ti = 0.5e-3, 1e-3
            let je, ji = 87.8e-12 * te / c, -351.2e-12 * ti / c
            let nu = st.Rates.[0]
            closeRel 1e-9 st.Rates.[0] st.Rates.[1] "identical rows"
            let mu = -65e-3 + tau * (800.0 * je * 20.0 + 80.0 * je * nu + 20.0 * ji * nu)
            let vE, vI = tau * (800.0 * je * je * 20.0 + 80.0 * je * je * nu), tau * 20.0 * ji * ji * nu
            let sigma = sqrt (vE + vI)
            closeRel 1e-12 mu st.Mu.[0] "mu"
            closeRel 1e-12 sigma st.Sigma.[0] "sigma"
            let tsEff = (vE * te + vI * ti) / (vE + vI)
            let shift = SynapticFiltering.Shift(sigma, tsEff, tau)
            let n = LifNeuron(tau, -50e-3 + shift, -65e-3 + shift, 2e-3)
            closeRel 1e-9 (Siegert.Rate(mu, sigma, n)) nu "rate = shifted Siegert"
            for s in [ Complex(0.0, 2.0 * Math.PI * 40.0); Complex(15.0, 2.0 * Math.PI * 250.0) ] do
                let r = LifTransferFunction.Evaluate(n, mu, sigma, s)
                let h d ts = Complex.Exp(-s * d) / (Complex.One + s * ts)
                let mE = h 1.5e-3 te * (r.MeanGain * tau * 80.0 * je + r.VarianceGain * tau * 80.0 * je * je)
                let mI = h 0.8e-3 ti * (r.MeanGain * tau * 20.0 * ji + r.VarianceGain * tau * 20.0 * ji * ji)
                let det = (Complex.One - mE) * (Complex.One - mI) - mI * mE
                closeC 1e-10 det (NetworkPrediction.Characteristic(m, st.Rates, s)) (sprintf "c(%A)" s)
        }
        test "distributed weights: truncated-normal moments vs trapezoidal quadrature of the density; delays: probabilities sum to 1, mean" {
            for (m, s) in [ (87.8, 8.78); (-351.2, 35.12); (1.0, 1.0); (-0.5, 2.0) ] do
                let wm = NetworkDescription.WeightMoments(m, s)
                let m1, m2 = wm.Mean, wm.MeanSquare
                let n = 400000
                let lo, hi = (if m > 0.0 then 0.0 else m - 12.0 * s), (if m > 0.0 then m + 12.0 * s else 0.0)
                let h = (hi - lo) / float n
                let pdf x = exp (-0.5 * ((x - m) / s) ** 2.0)
                let integ f = h * (Seq.sum (seq { for i in 0 .. n -> let x = lo + float i * h in (if i = 0 || i = n then 0.5 else 1.0) * f x * pdf x }))
                let z = integ (fun _ -> 1.0)
                closeRel 1e-8 (integ id / z) m1 (sprintf "<w> (%g, %g)" m s)
                closeRel 1e-8 (integ (fun x -> x * x) / z) m2 (sprintf "<w²> (%g, %g)" m s)
            let dd0 = NetworkDescription.DelayDistribution(1.5e-3, 0.75e-3, 1e-4)
            let ds, ps = dd0.Delays, dd0.Probabilities
            closeAbs 1e-12 1.0 (Array.sum ps) "sum p"
            Expect.isGreaterThanOrEqual ds.[0] 1e-4 "min delay dt"
            let mean = Array.fold2 (fun acc d p -> acc + d * p) 0.0 ds ps
            // mean of N(1.5, 0.75) conditioned on x ≥ 0.1 ms: 1.5 + 0.75 φ(α)/(1 − Φ(α)), α = (0.1 − 1.5)/0.75
            let alpha = (0.1 - 1.5) / 0.75
            let phi = exp (-0.5 * alpha * alpha) / sqrt (2.0 * Math.PI)
            let cdf = MathNet.Numerics.Distributions.Normal.CDF(0.0, 1.0, alpha)
            closeAbs 2e-6 ((1.5 + 0.75 * phi / (1.0 - cdf)) * 1e-3) mean "mean delay (rounding to steps moves it by < dt²/…)"
        }
        test "JSON: write → read → write is the same text; the read description builds a bit-identical simulation" {
            let d = small ()
            let json = NetworkJson.Write d
            let back = NetworkJson.Read json
            Expect.equal (NetworkJson.Write back) json "text round trip"
            let a = spikes (d.Build(7UL, 1)) 0.2
            let b = spikes (back.Build(7UL, 2)) 0.2
            Expect.isGreaterThan (a |> Array.sumBy Array.length) 100 "some spikes"
            Expect.equal b a "same spikes (seed 7; 1 vs 2 threads)"
            // distributed weights and delays travel too
            let dd = NetworkDescription(d.Name, d.DtMs, d.Populations, d.Projections |> Array.map (fun p -> ProjectionDescription(p.Pre, p.Post, p.Rule, p.InDegree, p.Probability, p.Autapses, p.Synapse, p.WeightMean, 0.1 * abs p.WeightMean, p.DelayMeanMs, 0.5)), d.PoissonInputs)
            let dd2 = NetworkJson.Read(NetworkJson.Write dd)
            Expect.equal (spikes (dd2.Build(3UL)) 0.2) (spikes (dd.Build(3UL)) 0.2) "distributed weights/delays: same spikes"
        }
        test "the brunel-a description builds BrunelSimulation's network: identical spikes for the same seed" {
            let d = BuiltInNetworks.BrunelA(ne = 2000, ni = 500, ce = 200, ci = 50)
            let sim = BrunelSimulation(NE = 2000, NI = 500, CE = 200, CI = 50, Duration = 0.3, Warmup = 0.1, Seed = 5UL)
            let c = sim.Build()
            let net, e, i = c.Net, c.E, c.I
            let a = spikesOf (net, [| e :> Population; i |]) 0.3
            let b = spikes (d.Build(5UL)) 0.3
            Expect.isGreaterThan (a.[0].Length) 100 "spikes"
            Expect.equal b a "same spikes"
        }
        test "bad JSON: ArgumentException naming the field path" {
            let json = NetworkJson.Write(small ())
            let bad (f: string -> string) field =
                throwsArg field (fun () -> NetworkJson.Read(f json) |> ignore)
            bad (fun s -> s.Replace("\"tau_m_ms\": 20", "\"tau_m_ms\": -1")) "populations[0].tau_m_ms"
            bad (fun s -> s.Replace("\"weight_unit\": \"mV\"", "\"weight_unit\": \"pA\"")) "projections[0].weight_unit"
            bad (fun s -> s.Replace("\"rule\": \"fixed_indegree\"", "\"rule\": \"fixed_degree\"")) "projections[0].rule"
            bad (fun s -> s.Replace("\"schema\": \"theory-network/1\"", "\"schema\": \"theory-network/9\"")) "schema"
            bad (fun s -> s.Replace("\"c_m_pF\"", "\"c_m_pf\"")) "populations[0].c_m_pF"
            bad (fun s -> s.Replace("\"size\": 1000,", "\"size\": 1000, \"foo\": 1,")) "populations[0].foo"
            bad (fun s -> s.Replace("\"pre\": \"I\"", "\"pre\": \"Q\"")) "projections[1].pre"
            bad (fun s -> s.Replace("\"indegree\": 100", "\"indegree\": 5000")) "projections[0].indegree"
            bad (fun s -> s.Replace("\"rate_hz\": ", "\"rate_hz\": \"x\", \"z\": ")) "poisson_inputs[0].rate_hz"
            bad (fun s -> s.Replace("\"dt_ms\": 0.1", "\"dt_ms\": 0")) "dt_ms"
            bad (fun _ -> "{ not json") "json"
        }
        test "FromNetwork reads a built network: rules, in-degrees, weights, delays, Poisson inputs; its model predicts the same rates" {
            let d = small ()
            let net = d.Build(1UL).Net
            let r = NetworkDescription.FromNetwork(net, "read")
            Expect.equal r.Populations.Length 2 "populations"
            let find (ds: NetworkDescription) pre post = ds.Projections |> Array.find (fun p -> p.Pre = pre && p.Post = post)
            for pre in [ "E"; "I" ] do
                for post in [ "E"; "I" ] do
                    let a, b = find d pre post, find r pre post
                    Expect.equal b.Rule ConnectionRule.FixedInDegree "rule"
                    Expect.equal b.InDegree a.InDegree "in-degree"
                    closeRel 1e-6 a.WeightMean b.WeightMean "weight (float32 in the kernel)"
                    Expect.equal b.WeightSd 0.0 "homogeneous"
                    closeRel 1e-12 a.DelayMeanMs b.DelayMeanMs "delay"
            Expect.equal r.PoissonInputs.Length 2 "Poisson inputs"
            let pa = (NetworkPrediction.Predict(d.ToPopulationModel())).[0].Rates
            let pb = (NetworkPrediction.Predict(r.ToPopulationModel())).[0].Rates
            closeRel 1e-5 pa.[0] pb.[0] "predicted rate from the read description"
            // fixed probability: p estimated from the synapse count
            let pop = PopulationDescription("P", 2000, MembraneKind.Delta, 20.0, 250.0, 0.0, 20.0, 10.0, 2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 10.0, 20.0)
            let fp = NetworkDescription("fp", 0.1, [| pop |], [| ProjectionDescription("P", "P", ConnectionRule.FixedProbability, 0, 0.05, false, SynapseChannel.V, 0.1, 0.0, 1.0, 0.0) |], [||])
            let net2 = fp.Build(2UL).Net
            let r2 = NetworkDescription.FromNetwork net2
            let pr = r2.Projections.[0]
            Expect.equal pr.Rule ConnectionRule.FixedProbability "rule"
            // binomial s.e. of p over N(N−1) pairs
            let se = sqrt (0.05 * 0.95 / (2000.0 * 1999.0))
            closeAbs (4.0 * se) 0.05 pr.Probability "p (4 s.e.)"
            Expect.isFalse pr.Autapses "no autapses"
        }
        test "CrossCheck (brunel-a at N = 5000, K = 400, 1 s, 1 seed): rates agree, columns and verdicts present" {
            let d = BuiltInNetworks.BrunelA(ne = 4000, ni = 1000, ce = 400, ci = 100)
            let r = CrossCheck.Run(d, 1.0, 1, threads = 1)
            for x in r.Rows do
                printfn "%s: predicted %.3f Hz, simulated %.3f ± %.3f Hz, CV %.3f / %.3f, %s, f %.0f / %.0f Hz, %s"
                    x.Population x.RatePredicted x.RateSimulated x.RateSe x.CvPredicted x.CvSimulated x.Regime x.FrequencyPredicted x.FrequencySimulated x.Verdict
                Expect.equal x.Verdict "agree" x.Population
                Expect.isGreaterThan x.RateSe 0.0 "s.e. from time blocks"
            Expect.sequenceEqual (r.Frame.ColumnKeys |> Seq.toList)
                [ "population"; "rate_predicted_hz"; "rate_simulated_hz"; "rate_se_hz"; "cv_predicted"; "cv_simulated"; "regime";
                  "frequency_predicted_hz"; "frequency_simulated_hz"; "tolerance_hz"; "verdict" ] "frame columns"
        }
        test "CLI: predict, simulate network, crosscheck print key=value lines; a bad file exits 2 naming the field" {
            let dir = IO.Directory.CreateTempSubdirectory("theory-predict-").FullName
            let path = IO.Path.Combine(dir, "net.json")
            NetworkJson.Save(small (), path)
            let run args =
                use o = new IO.StringWriter()
                use e = new IO.StringWriter()
                let rc = Theory.Cli.Cli.Run(List.toArray args, o, e)
                rc, o.ToString(), e.ToString()
            let rc, out, err = run [ "crosscheck"; path; "--duration"; "0.4"; "--seeds"; "2"; "--threads"; "1" ]
            Expect.equal rc 0 err
            let lines = out.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            Expect.equal lines.Length 2 "one line per population"
            for l in lines do
                for key in [ "population="; "rate_predicted_hz="; "rate_simulated_hz="; "rate_se_hz="; "cv_predicted="; "cv_simulated="; "verdict=" ] do
                    Expect.stringContains l key key
            // the printed prediction is the library's
            let pred = (NetworkPrediction.Predict((small ()).ToPopulationModel())).[0].Rates.[0]
            Expect.stringContains lines.[0] (sprintf "rate_predicted_hz=%s" (pred.ToString("R", Globalization.CultureInfo.InvariantCulture))) "rate"
            let rc, out, err = run [ "predict"; "brunel-b" ]
            Expect.equal rc 0 err
            Expect.stringContains out "population=I" "predict output"
            let rc, out, err = run [ "simulate"; "network"; path; "--t"; "0.3"; "--seed"; "2" ]
            Expect.equal rc 0 err
            Expect.stringContains out "rate_hz=" "simulate output"
            IO.File.WriteAllText(path, (NetworkJson.Write(small ())).Replace("\"v_th_mV\": 20", "\"v_th_mV\": \"20\""))
            let rc, _, err = run [ "predict"; path ]
            Expect.equal rc 2 "exit code"
            Expect.stringContains err "populations[0].v_th_mV" "names the field"
            Expect.equal (err.Trim().Split('\n').Length) 1 "one line"
            let rc, _, err = run [ "crosscheck"; "no-such-network" ]
            Expect.equal rc 2 err
            // the microcircuit is a built-in description now (BuiltInNetworks.Microcircuit): predict reads it
            let rc, out, err = run [ "predict"; "microcircuit" ]
            Expect.equal rc 0 err
            Expect.stringContains out "population=L23E rate_predicted_hz=0.7562" "generic prediction of the full microcircuit"
        }
        test "warnings: large PSPs, conductance approximation, unstable state" {
            let big = BuiltInNetworks.BrunelA(jMv = 2.0, ce = 100, ci = 25, ne = 1000, ni = 250)
            let w = (NetworkPrediction.Predict(big.ToPopulationModel())) |> Array.collect (fun s -> s.Warnings)
            Expect.exists w (fun s -> s.Contains "diffusion approximation unreliable") "PSP 2 mV > 1 mV"
            let c = (NetworkPrediction.Predict(BuiltInNetworks.Coba().ToPopulationModel())) |> Array.collect (fun s -> s.Warnings)
            Expect.exists c (fun s -> s.Contains "effective-membrane") "conductance"
            let si = (NetworkPrediction.Predict(BuiltInNetworks.BrunelA(g = 6.0, nuExtRatio = 4.0).ToPopulationModel())).[0]
            Expect.isFalse si.Stability.Stable "SI-fast point"
            Expect.exists si.Warnings (fun s -> s.Contains "unstable") "unstable warning"
            let ok = (NetworkPrediction.Predict(BuiltInNetworks.BrunelA().ToPopulationModel())).[0]
            Expect.isEmpty ok.Warnings "model A at (5, 2): no warning"
        }
    ]

[<Tests>]
let crosscheck =
    testList "crosscheck Predict" [
        test "brunel-a (N = 12 500) and three-pop, 2 seeds × 2 s: every population agrees" {
            for d in [ BuiltInNetworks.BrunelA(); BuiltInNetworks.ThreePopulations(); BuiltInNetworks.BrunelB() ] do
                let r = CrossCheck.Run(d, 2.0, 2)
                for x in r.Rows do
                    printfn "%s %s: predicted %.3f Hz, simulated %.3f ± %.3f Hz (tol %.3f), CV %.3f / %.3f, %s"
                        d.Name x.Population x.RatePredicted x.RateSimulated x.RateSe x.Tolerance x.CvPredicted x.CvSimulated x.Verdict
                    Expect.equal x.Verdict "agree" (d.Name + " " + x.Population)
        }
        test "theory crosscheck microcircuit (full scale, 0.5 s after a 0.2 s warm-up): eight lines, every verdict agree" {
            use o = new IO.StringWriter()
            use e = new IO.StringWriter()
            let rc = Theory.Cli.Cli.Run([| "crosscheck"; "microcircuit"; "--duration"; "0.7"; "--warmup"; "0.2" |], o, e)
            Expect.equal rc 0 (e.ToString())
            let lines = o.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            Expect.equal lines.Length 8 "one line per population"
            for l, pop in Array.zip lines [| "L23E"; "L23I"; "L4E"; "L4I"; "L5E"; "L5I"; "L6E"; "L6I" |] do
                for key in [ "population=" + pop; "rate_published_hz="; "rate_predicted_hz="; "rate_simulated_hz="; "rate_se_hz="; "verdict=agree" ] do
                    Expect.stringContains l key key
        }
    ]
