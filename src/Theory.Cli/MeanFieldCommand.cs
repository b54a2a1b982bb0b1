using System.Globalization;
using Theory.MeanField;

namespace Theory.Cli;

/// <summary>`theory meanfield siegert|brunel ...`: analytic mean-field evaluations (see <see cref="Help"/>).</summary>
public static class MeanFieldCommand
{
    public const string Help = """
usage:
  theory meanfield siegert --csv IN --out OUT
      Stationary LIF rate (Siegert; Brunel 2000 eq. 21) for every row of IN.
      Required columns (SI units): mu_V, sigma_V, tau_s, theta_V, vreset_V, tref_s.
        tau_s    synaptic time constant (s) for the Fourcaud-Brunel (2002) threshold shift;
                 0 = white noise.
        tau_m_s  optional column: membrane time constant (s); 20 ms when absent.
      Other columns are kept. OUT = IN's columns plus rate_Hz (round-trip precision).
      A malformed row is reported with its line number and nothing is written.
  theory meanfield brunel --g 5 --nu-ext-ratio 2 [--model A] [--J 0.0001] [--delay 0.0015]
                          [--ce 1000] [--gamma 0.25] [--max-frequency 1000]
      Brunel (2000) model A: every stationary state as one line of key=value pairs
      (state, rate_Hz, mu_V, sigma_V, stable, regime, eigenvalue_re_per_s, eigenvalue_im_per_s,
      frequency_Hz, eigenvalue_found). J in V, delay in s, max-frequency (Hz) bounds the eigenvalue search.
  theory meanfield brunel --model B --g-e 5 --g-i 5 --nu-ext-ratio 2 [--J 0.0001] [--ce 1000] [--gamma 0.25]
                          [--tau-e 0.02] [--tau-i 0.02] [--tref-e 0.002] [--tref-i 0.002]
                          [--delay 0.0015] [--max-frequency 1000]
      Brunel (2000) model B: separate E and I populations, J_EE = J_IE = J, J_EI = -g_E J, J_II = -g_I J,
      C_E external inputs at nu_ext = ratio * theta/(J C_E tau_E); own membrane time constant and refractory
      period per population (theta = 20 mV, V_r = 10 mV). Every stationary state as one line
      (state, rate_E_Hz, rate_I_Hz, mu_E_V, sigma_E_V, mu_I_V, sigma_I_V, stable, regime, eigenvalue_re_per_s,
      eigenvalue_im_per_s, frequency_Hz, eigenvalue_found): linear stability with one delay for every
      projection (det(I - M(s)) = 0); regime SR if g_E * gamma < 1, else SI-fast/SI-slow as for model A.
""";

    static readonly string[] Required = ["mu_V", "sigma_V", "tau_s", "theta_V", "vreset_V", "tref_s"];

    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Help);
            return args.Length == 0 ? 2 : 0;
        }
        var o = new Options(args[1..]);
        return args[0] switch
        {
            "siegert" => SiegertCsv(o),
            "brunel" => Brunel(o),
            _ => throw new ArgumentException($"unknown meanfield subcommand '{args[0]}' (siegert, brunel).", "subcommand"),
        };
    }

    static int SiegertCsv(Options o)
    {
        string input = o.String("csv") ?? throw new ArgumentException("--csv IN is required.", "csv");
        string output = o.String("out") ?? throw new ArgumentException("--out OUT is required.", "out");
        o.RejectUnknown();
        if (!File.Exists(input)) throw new ArgumentException($"--csv '{input}': file not found.", "csv");
        var lines = File.ReadAllLines(input);
        if (lines.Length == 0) throw new ArgumentException($"--csv '{input}': empty file (a header is required).", "csv");
        var header = lines[0].Split(',').Select(h => h.Trim()).ToArray();
        int Col(string name)
        {
            int i = Array.IndexOf(header, name);
            if (i < 0) throw new ArgumentException($"{input}: line 1: missing column '{name}' (required: {string.Join(",", Required)}).", "csv");
            return i;
        }
        var idx = Required.Select(Col).ToArray();
        int tauMCol = Array.IndexOf(header, "tau_m_s");
        var outLines = new List<string>(lines.Length) { lines[0] + ",rate_Hz" };
        for (int li = 1; li < lines.Length; li++)
        {
            if (string.IsNullOrWhiteSpace(lines[li])) continue;
            int lineNo = li + 1;
            var cells = lines[li].Split(',');
            if (cells.Length != header.Length)
                throw new ArgumentException($"{input}: line {lineNo}: {cells.Length} fields, the header has {header.Length}.", "csv");
            double Num(int col)
            {
                var s = cells[col].Trim();
                if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
                    throw new ArgumentException($"{input}: line {lineNo}: column '{header[col]}' = '{s}' is not a finite number.", "csv");
                return v;
            }
            double mu = Num(idx[0]), sigma = Num(idx[1]), tauS = Num(idx[2]), theta = Num(idx[3]), vr = Num(idx[4]), tref = Num(idx[5]);
            double tauM = tauMCol >= 0 ? Num(tauMCol) : 0.020;
            double rate;
            try { rate = Siegert.Rate(mu, sigma, new LifNeuron(tauM, theta, vr, tref), tauS); }
            catch (ArgumentException e) { throw new ArgumentException($"{input}: line {lineNo}: {e.Message}", "csv", e); }
            outLines.Add(lines[li] + "," + Options.Num(rate));
        }
        var full = Path.GetFullPath(output);
        var tmp = Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        File.WriteAllLines(tmp, outLines);
        File.Move(tmp, full, overwrite: true);
        Console.WriteLine($"rows={outLines.Count - 1} out={output}");
        return 0;
    }

    static int Brunel(Options o)
    {
        string model = o.String("model", "A");
        if (model == "B") return BrunelModelB(o);
        if (model != "A")
            throw new ArgumentException($"--model = '{model}' is invalid: it must be A or B.", "model");
        var baseNet = BrunelNetwork.ModelA;
        var net = baseNet.With(CE: o.Double("ce", baseNet.CE), Gamma: o.Double("gamma", baseNet.Gamma),
                               J: o.Double("J", baseNet.J), G: o.Double("g", baseNet.G),
                               Delay: o.Double("delay", baseNet.Delay), NuExtRatio: o.Double("nu-ext-ratio", 2.0));
        double fmax = o.Double("max-frequency", 1000);
        o.RejectUnknown();
        var states = net.StationaryStates();
        if (states.Length == 0) Console.WriteLine("states=0");
        for (int i = 0; i < states.Length; i++)
        {
            var st = states[i];
            var s = BrunelStability.Analyze(net, st, fmax);
            Console.WriteLine(string.Join(" ",
                $"state={i + 1}", $"rate_Hz={Options.Num(st.Rate)}", $"mu_V={Options.Num(st.Mu)}", $"sigma_V={Options.Num(st.Sigma)}",
                $"stable={(s.Stable ? "true" : "false")}", $"regime={s.Regime}",
                $"eigenvalue_re_per_s={Options.Num(s.DominantEigenvalue.Real)}", $"eigenvalue_im_per_s={Options.Num(s.DominantEigenvalue.Imaginary)}",
                $"frequency_Hz={Options.Num(s.OscillationFrequency)}", $"eigenvalue_found={(s.EigenvalueFound ? "true" : "false")}"));
        }
        return 0;
    }

    /// <summary>Brunel (2000) model B (<see cref="MultiPopulationNetwork.BrunelModelB"/>): every stationary state
    /// (<see cref="TwoPopulationStationary"/>) with its linear stability (<see cref="MultiPopulationStability"/>).</summary>
    static int BrunelModelB(Options o)
    {
        if (o.String("g") is not null)
            throw new ArgumentException("--g is not a model B option: give --g-e and --g-i (relative inhibition onto E and onto I).", "g");
        var a = BrunelNetwork.ModelA;
        double ce = o.Double("ce", a.CE), gamma = o.Double("gamma", a.Gamma), j = o.Double("J", a.J);
        double gE = o.Double("g-e", double.NaN), gI = o.Double("g-i", double.NaN);
        if (double.IsNaN(gE)) throw new ArgumentException("--g-e is required for model B (relative inhibition onto E, >= 0).", "g-e");
        if (double.IsNaN(gI)) throw new ArgumentException("--g-i is required for model B (relative inhibition onto I, >= 0).", "g-i");
        double ratio = o.Double("nu-ext-ratio", 2.0);
        double delay = o.Double("delay", a.Delay), fmax = o.Double("max-frequency", 1000);
        var e = a.Neuron.With(TauM: o.Double("tau-e", a.Neuron.TauM), TauRef: o.Double("tref-e", a.Neuron.TauRef)).Validated();
        var i = a.Neuron.With(TauM: o.Double("tau-i", a.Neuron.TauM), TauRef: o.Double("tref-i", a.Neuron.TauRef)).Validated();
        o.RejectUnknown();
        foreach (var (key, v, positive) in new[] { ("ce", ce, true), ("gamma", gamma, true), ("J", j, true),
                                                   ("g-e", gE, false), ("g-i", gI, false), ("nu-ext-ratio", ratio, false),
                                                   ("delay", delay, false), ("max-frequency", fmax, true) })
            if (!double.IsFinite(v) || (positive ? v <= 0 : v < 0))
                throw new ArgumentException($"--{key} = {Options.Num(v)} is invalid: it must be {(positive ? "> 0" : ">= 0")}.", key);
        double nuThr = e.Theta / (ce * j * e.TauM);
        var net = MultiPopulationNetwork.BrunelModelB(ce, gamma, j, gE, gI, ratio * nuThr, e, i);
        var states = TwoPopulationStationary.Solve(net);
        if (states.Length == 0) Console.WriteLine("states=0");
        for (int k = 0; k < states.Length; k++)
        {
            var inp = net.Inputs(states[k]);
            var s = MultiPopulationStability.Analyze(net, states[k], delay, fmax);
            Console.WriteLine(string.Join(" ",
                $"state={k + 1}", $"rate_E_Hz={Options.Num(states[k][0])}", $"rate_I_Hz={Options.Num(states[k][1])}",
                $"mu_E_V={Options.Num(inp.Mu[0])}", $"sigma_E_V={Options.Num(inp.Sigma[0])}",
                $"mu_I_V={Options.Num(inp.Mu[1])}", $"sigma_I_V={Options.Num(inp.Sigma[1])}",
                $"stable={(s.Stable ? "true" : "false")}", $"regime={s.Regime}",
                $"eigenvalue_re_per_s={Options.Num(s.DominantEigenvalue.Real)}", $"eigenvalue_im_per_s={Options.Num(s.DominantEigenvalue.Imaginary)}",
                $"frequency_Hz={Options.Num(s.OscillationFrequency)}", $"eigenvalue_found={(s.EigenvalueFound ? "true" : "false")}"));
        }
        return 0;
    }
}
