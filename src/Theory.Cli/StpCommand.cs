using System.Globalization;
using Theory.ShortTermPlasticity;

namespace Theory.Cli;

/// <summary>
/// `theory stp efficacy ...`: steady state of a Tsodyks–Markram synapse as key=value pairs, or a
/// CSV table over the rates listed in a file.
/// </summary>
public static class StpCommand
{
    public const string Help = """
        theory stp efficacy --U 0.5 --tau-d 0.2 --tau-f 0.05 --rate 20 [--f U] [--amplitude 1]
                            [--convention paper|tpm98|facilitate-first] [--poisson [--exact]]
                            [--stage S]   (Jia, Vogels & Costa 2022 schedule at S in [0,1]; replaces U, tau, f, A)
                            [--rates FILE] (one rate per line or comma-separated, Hz: prints a CSV table)
        Prints: rate_hz u x released efficacy efficacy_per_s crossover_rate_hz (SI units)
        """;

    static readonly Dictionary<string, string> OptionOf = new()
    {
        ["U"] = "U", ["tauD"] = "tau-d", ["tauF"] = "tau-f", ["f"] = "f", ["amplitude"] = "amplitude",
    };

    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] != "efficacy")
            throw new ArgumentException($"stp needs a subcommand: efficacy.\n{Help}", "subcommand");
        var o = new Options(args[1..]);
        TsodyksMarkramParameters p;
        string? stage = o.String("stage");
        var convention = o.String("convention", "paper") switch
        {
            "paper" => TsodyksMarkramConvention.ReleaseThenFacilitate,
            "tpm98" => TsodyksMarkramConvention.TsodyksPawelzikMarkram1998,
            "facilitate-first" => TsodyksMarkramConvention.FacilitateThenReleaseRestingAtU,
            var c => throw new ArgumentException($"--convention = '{c}' is unknown: use paper, tpm98 or facilitate-first.", "convention"),
        };
        if (stage != null)
        {
            foreach (var k in new[] { "U", "tau-d", "tau-f", "f", "amplitude" })
                if (o.String(k) != null) throw new ArgumentException($"--{k} cannot be combined with --stage (the stage sets U, tau-d, tau-f, f and the amplitude).", k);
            double s = o.Double("stage", 0);
            p = DevelopmentalSchedule.JiaVogelsCosta2022.At(s).With(convention: convention);
        }
        else
        {
            double u = o.Double("U", double.NaN);
            if (double.IsNaN(u)) throw new ArgumentException("--U is required (or --stage).", "U");
            double? f = o.String("f") is null ? null : o.Double("f", u);
            try
            {
                p = new TsodyksMarkramParameters(u, o.Double("tau-d", double.NaN), o.Double("tau-f", double.NaN), f,
                    o.Double("amplitude", 1.0), convention);
            }
            catch (ArgumentException e) when (e.ParamName is { } n && OptionOf.ContainsKey(n))
            {
                throw new ArgumentException($"--{OptionOf[n]}: {e.Message.Replace($" (Parameter '{n}')", "")}", OptionOf[n]);
            }
        }
        bool poisson = o.Flag("poisson"), exact = o.Flag("exact");
        if (exact && !poisson) throw new ArgumentException("--exact applies to --poisson only.", "exact");
        var train = poisson ? (exact ? SpikeTrain.PoissonExact : SpikeTrain.Poisson) : SpikeTrain.Regular;
        string? ratesFile = o.String("rates");
        double rate = o.Double("rate", double.NaN);
        o.RejectUnknown();
        double crossover = TsodyksMarkram.CrossoverRate(p, train);
        if (ratesFile != null)
        {
            if (!File.Exists(ratesFile)) throw new ArgumentException($"--rates = '{ratesFile}': no such file.", "rates");
            var rates = File.ReadAllText(ratesFile)
                .Split([',', '\n', '\r', ' ', '\t', ';'], StringSplitOptions.RemoveEmptyEntries)
                .Where(t => !t.StartsWith('#') && !char.IsLetter(t[0]))
                .Select(t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
                    : throw new ArgumentException($"--rates: '{t}' is not a number.", "rates")).ToArray();
            Console.WriteLine("rate_hz,u,x,released,efficacy,efficacy_per_s");
            foreach (var ss in TsodyksMarkram.FrequencyResponse(p, rates, train))
                Console.WriteLine(string.Join(',', new[] { ss.Rate, ss.U, ss.X, ss.Released, ss.Efficacy, ss.EfficacyPerSecond }.Select(Options.Num)));
            return 0;
        }
        if (double.IsNaN(rate)) throw new ArgumentException("--rate is required (or --rates FILE).", "rate");
        var st = TsodyksMarkram.SteadyState(p, rate, train);
        Console.WriteLine(SimulateCommand.Line(("rate_hz", st.Rate), ("U", p.U), ("tau_d", p.TauD), ("tau_f", p.TauF), ("f", p.F),
            ("amplitude", p.Amplitude), ("train", train.ToString().ToLowerInvariant()), ("u", st.U), ("x", st.X),
            ("released", st.Released), ("efficacy", st.Efficacy), ("efficacy_per_s", st.EfficacyPerSecond),
            ("crossover_rate_hz", crossover)));
        return 0;
    }
}
