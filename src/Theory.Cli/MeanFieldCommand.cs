using System.CommandLine;
using System.Globalization;
using System.Text;
using Theory.MeanField;

namespace Theory.Cli;

/// <summary>`theory meanfield siegert|brunel ...`: analytic mean-field evaluations.</summary>
public static class MeanFieldCommand
{
    static readonly string[] Required = ["mu_V", "sigma_V", "tau_s", "theta_V", "vreset_V", "tref_s"];

    /// <summary>Builds the System.CommandLine command `theory meanfield` (siegert, brunel), with its options and action.</summary>
    /// <param name="cli">The application: output writers, shared options and error handling.</param>
    public static Command Build(Cli cli)
    {
        var csv = Opt.Text("--csv", "input CSV with columns mu_V, sigma_V, tau_s, theta_V, vreset_V, tref_s (SI units) and optionally tau_m_s (20 ms when absent); other columns are kept; at most 64 MiB", required: true);
        var outFile = Opt.Text("--out", "output CSV: the input's columns plus rate_Hz (written complete or not at all); - for stdout", required: true);
        var siegert = cli.Command("siegert", "stationary LIF rate (Siegert; Brunel 2000 eq. 21) for every row of a CSV file",
            pr => SiegertCsv(cli, pr.GetValue(csv)!, pr.GetValue(outFile)!), "check the row's parameters (a rate below 1e-300 Hz or an extreme threshold).", csv, outFile);

        var a = BrunelNetwork.ModelA;
        var model = Opt.Choice("--model", "Brunel (2000) model A (one population) or B (separate E and I populations)", "A", "A", "B");
        var g = Opt.Real("--g", "model A: relative inhibitory strength g", "", 0, 1000, a.G);
        var ratio = Opt.Real("--nu-ext-ratio", "external drive nu_ext / nu_thr", "", 0, 100, 2.0);
        var j = Opt.Real("--J", "excitatory efficacy J", "V", 0, 0.02, a.J, minOpen: true);
        var delay = Opt.Real("--delay", "transmission delay D", "s", 0, 0.1, a.Delay);
        var ce = Opt.Real("--ce", "excitatory in-degree C_E", "", 1, 1e6, a.CE);
        var gamma = Opt.Real("--gamma", "C_I / C_E", "", 0, 10, a.Gamma, minOpen: true);
        var fmax = Opt.Real("--max-frequency", "upper bound of the eigenvalue search (≥ 4/D: the delay modes sit near multiples of 1/D, and 1000 Hz misses the second at D = 1.5 ms)", "Hz", 0, 1e5, 3000, minOpen: true);
        var gE = Opt.Real("--g-e", "model B: relative inhibition onto E (required for B)", "", 0, 1000);
        var gI = Opt.Real("--g-i", "model B: relative inhibition onto I (required for B)", "", 0, 1000);
        var tauE = Opt.Real("--tau-e", "model B: membrane time constant of E", "s", 0, 1, a.Neuron.TauM, minOpen: true);
        var tauI = Opt.Real("--tau-i", "model B: membrane time constant of I", "s", 0, 1, a.Neuron.TauM, minOpen: true);
        var trefE = Opt.Real("--tref-e", "model B: refractory period of E", "s", 0, 0.1, a.Neuron.TauRef);
        var trefI = Opt.Real("--tref-i", "model B: refractory period of I", "s", 0, 0.1, a.Neuron.TauRef);
        var o = new BrunelOptions(model, g, ratio, j, delay, ce, gamma, fmax, gE, gI, tauE, tauI, trefE, trefI);
        var brunel = cli.Command("brunel",
            "Brunel (2000) every stationary state with its linear stability, one key=value line each (model A: state rate_Hz mu_V sigma_V stable regime eigenvalue_re_per_s eigenvalue_im_per_s frequency_Hz eigenvalue_found; model B: E and I rates and inputs)",
            pr => Brunel(cli, pr, o), "a smaller --max-frequency, or other --g / --nu-ext-ratio.",
            model, g, ratio, j, delay, ce, gamma, fmax, gE, gI, tauE, tauI, trefE, trefI);
        return cli.Command("meanfield", "analytic mean-field evaluations: Siegert rates, Brunel (2000) states and stability", null, null, siegert, brunel);
    }

    sealed record BrunelOptions(Option<string> Model, Option<double> G, Option<double> Ratio, Option<double> J, Option<double> Delay,
        Option<double> CE, Option<double> Gamma, Option<double> Fmax, Option<double> GE, Option<double> GI,
        Option<double> TauE, Option<double> TauI, Option<double> TrefE, Option<double> TrefI);

    static int SiegertCsv(Cli cli, string input, string output)
    {
        if (output != "-") AtomicOutput.CheckFileTarget(output, "--out");
        var text = AtomicOutput.ReadInput(input, "--csv");
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        if (lines.Length > 0 && lines[^1].Length == 0) lines = lines[..^1];
        if (lines.Length == 0 || lines[0].Trim().Length == 0) throw new ArgumentException($"--csv = '{input}': empty file (a header is required).", "--csv");
        var header = lines[0].Split(',').Select(h => h.Trim()).ToArray();
        int Col(string name)
        {
            int i = Array.IndexOf(header, name);
            if (i < 0) throw new ArgumentException($"--csv = '{input}': line 1: missing column '{name}' (required: {string.Join(",", Required)}).", "--csv");
            return i;
        }
        var idx = Required.Select(Col).ToArray();
        int tauMCol = Array.IndexOf(header, "tau_m_s");
        var sb = new StringBuilder(lines[0]).Append(",rate_Hz\n");
        int rows = 0;
        for (int li = 1; li < lines.Length; li++)
        {
            if (string.IsNullOrWhiteSpace(lines[li])) continue;
            int lineNo = li + 1;
            var cells = lines[li].Split(',');
            if (cells.Length != header.Length)
                throw new ArgumentException($"--csv = '{input}': line {lineNo}: {cells.Length} fields, the header has {header.Length}.", "--csv");
            double Num(int col)
            {
                var s = cells[col].Trim();
                if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
                    throw new ArgumentException($"--csv = '{input}': line {lineNo}: column '{header[col]}' = '{s}' is not a finite number.", "--csv");
                return v;
            }
            double mu = Num(idx[0]), sigma = Num(idx[1]), tauS = Num(idx[2]), theta = Num(idx[3]), vr = Num(idx[4]), tref = Num(idx[5]);
            double tauM = tauMCol >= 0 ? Num(tauMCol) : 0.020;
            double rate;
            try { rate = Siegert.Rate(mu, sigma, new LifNeuron(tauM, theta, vr, tref), tauS); }
            catch (ArgumentException e) { throw new ArgumentException($"--csv = '{input}': line {lineNo}: {e.Message}", "--csv", e); }
            if (!double.IsFinite(rate))
                throw new ArithmeticException($"--csv = '{input}': line {lineNo}: the Siegert rate is {(double.IsNaN(rate) ? "not a number" : "infinite")} "
                    + $"at mu_V = {Opt.Num(mu)}, sigma_V = {Opt.Num(sigma)}, theta_V = {Opt.Num(theta)} (a limitation of the library at this extreme)");
            sb.Append(lines[li]).Append(',').Append(Fmt.Num(rate, "rate_Hz")).Append('\n');
            rows++;
        }
        if (cli.WriteTable(output, sb.ToString(), "--out"))
            cli.Out.WriteLine($"rows={rows} out={output}");
        return 0;
    }

    static int Brunel(Cli cli, ParseResult pr, BrunelOptions o)
    {
        if (pr.GetValue(o.Model) == "B") return BrunelModelB(cli, pr, o);
        foreach (var b in new[] { o.GE, o.GI, o.TauE, o.TauI, o.TrefE, o.TrefI })
            if (pr.Given(b)) throw new ArgumentException($"{b.Name} is a model B option: add --model B (model A takes --g).", b.Name);
        var net = BrunelNetwork.ModelA.With(ce: pr.GetValue(o.CE), gamma: pr.GetValue(o.Gamma), j: pr.GetValue(o.J), g: pr.GetValue(o.G),
            delay: pr.GetValue(o.Delay), nuExtRatio: pr.GetValue(o.Ratio));
        double fmax = pr.GetValue(o.Fmax);
        cli.Maps(("CE", "--ce"), ("Gamma", "--gamma"), ("J", "--J"), ("G", "--g"), ("Delay", "--delay"), ("NuExt", "--nu-ext-ratio"), ("maxFrequency", "--max-frequency"));
        var states = net.StationaryStates();
        var sb = new StringBuilder();
        if (states.Length == 0) sb.Append("states=0\n");
        for (int i = 0; i < states.Length; i++)
        {
            var st = states[i];
            var s = BrunelStability.Analyze(net, st, fmax);
            sb.Append(Fmt.Line(("state", i + 1), ("rate_Hz", st.Rate), ("mu_V", st.Mu), ("sigma_V", st.Sigma), ("stable", s.Stable), ("regime", s.Regime),
                ("eigenvalue_re_per_s", Fmt.NumOrNa(s.DominantEigenvalue.Real, "eigenvalue_re_per_s")),
                ("eigenvalue_im_per_s", Fmt.NumOrNa(s.DominantEigenvalue.Imaginary, "eigenvalue_im_per_s")),
                ("frequency_Hz", Fmt.NumOrNa(s.OscillationFrequency, "frequency_Hz")), ("eigenvalue_found", s.EigenvalueFound))).Append('\n');
        }
        cli.Out.Write(sb.ToString());
        return 0;
    }

    /// <summary>Brunel (2000) model B (<see cref="MultiPopulationNetwork.BrunelModelB"/>): every stationary state
    /// (<see cref="TwoPopulationStationary"/>) with its linear stability (<see cref="MultiPopulationStability"/>).</summary>
    static int BrunelModelB(Cli cli, ParseResult pr, BrunelOptions o)
    {
        if (pr.Given(o.G))
            throw new ArgumentException("--g is not a model B option: give --g-e and --g-i (relative inhibition onto E and onto I).", "--g");
        if (!pr.Given(o.GE)) throw new ArgumentException("--g-e is required for model B (relative inhibition onto E, >= 0).", "--g-e");
        if (!pr.Given(o.GI)) throw new ArgumentException("--g-i is required for model B (relative inhibition onto I, >= 0).", "--g-i");
        var a = BrunelNetwork.ModelA;
        double ce = pr.GetValue(o.CE), gamma = pr.GetValue(o.Gamma), j = pr.GetValue(o.J), gE = pr.GetValue(o.GE), gI = pr.GetValue(o.GI);
        double ratio = pr.GetValue(o.Ratio), delay = pr.GetValue(o.Delay), fmax = pr.GetValue(o.Fmax);
        cli.Maps(("TauM", "--tau-e/--tau-i"), ("TauRef", "--tref-e/--tref-i"), ("maxFrequency", "--max-frequency"), ("delay", "--delay"));
        var e = a.Neuron.With(tauM: pr.GetValue(o.TauE), tauRef: pr.GetValue(o.TrefE)).Validated();
        var i = a.Neuron.With(tauM: pr.GetValue(o.TauI), tauRef: pr.GetValue(o.TrefI)).Validated();
        double nuThr = e.Theta / (ce * j * e.TauM);
        var net = MultiPopulationNetwork.BrunelModelB(ce, gamma, j, gE, gI, ratio * nuThr, e, i);
        var states = TwoPopulationStationary.Solve(net);
        var sb = new StringBuilder();
        if (states.Length == 0) sb.Append("states=0\n");
        for (int k = 0; k < states.Length; k++)
        {
            var inp = net.Inputs(states[k]);
            var s = MultiPopulationStability.Analyze(net, states[k], delay, fmax);
            sb.Append(Fmt.Line(("state", k + 1), ("rate_E_Hz", states[k][0]), ("rate_I_Hz", states[k][1]),
                ("mu_E_V", inp.Mu[0]), ("sigma_E_V", inp.Sigma[0]), ("mu_I_V", inp.Mu[1]), ("sigma_I_V", inp.Sigma[1]),
                ("stable", s.Stable), ("regime", s.Regime),
                ("eigenvalue_re_per_s", Fmt.NumOrNa(s.DominantEigenvalue.Real, "eigenvalue_re_per_s")),
                ("eigenvalue_im_per_s", Fmt.NumOrNa(s.DominantEigenvalue.Imaginary, "eigenvalue_im_per_s")),
                ("frequency_Hz", Fmt.NumOrNa(s.OscillationFrequency, "frequency_Hz")), ("eigenvalue_found", s.EigenvalueFound))).Append('\n');
        }
        cli.Out.Write(sb.ToString());
        return 0;
    }
}
