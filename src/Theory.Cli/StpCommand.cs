using System.CommandLine;
using System.Globalization;
using System.Text;
using Theory.ShortTermPlasticity;

namespace Theory.Cli;

/// <summary>
/// `theory stp efficacy ...`: steady state of a Tsodyks–Markram synapse as key=value pairs, or a
/// CSV table over the rates listed in a file. crossover_rate_hz prints <c>inf</c> when the synapse
/// facilitates up to 10 kHz.
/// </summary>
public static class StpCommand
{
    /// <summary>Largest rate accepted (Hz), and most rates in a --rates file.</summary>
    public const double MaxRate = 1e4;

    /// <summary>Most rates in a --rates file.</summary>
    public const int MaxRates = 100_000;

    /// <summary>Builds the System.CommandLine command `theory stp`, with its options and action.</summary>
    /// <param name="cli">The application: output writers, shared options and error handling.</param>
    public static Command Build(Cli cli)
    {
        var u = Opt.Real("--U", "release probability of a rested synapse (required unless --stage)", "", 1e-6, 1);
        var tauD = Opt.Real("--tau-d", "recovery time constant tau_D (required unless --stage)", "s", 1e-6, 1e4);
        var tauF = Opt.Real("--tau-f", "facilitation time constant tau_F (required unless --stage)", "s", 1e-6, 1e4);
        var f = Opt.Real("--f", "facilitation increment (default U)", "", 0, 1);
        var amplitude = Opt.Real("--amplitude", "absolute efficacy A", "", 1e-12, 1e12, 1.0);
        var convention = Opt.Choice("--convention", "update order: paper (release then facilitate), tpm98, facilitate-first", "paper", "paper", "tpm98", "facilitate-first");
        var poisson = Opt.Flag("--poisson", "Poisson instead of regular spike trains");
        var exact = Opt.Flag("--exact", "with --poisson: the exact Poisson average (no independence approximation)");
        var stage = Opt.Real("--stage", "Jia, Vogels & Costa 2022 developmental stage (replaces U, tau-d, tau-f, f and the amplitude)", "", 0, 1);
        var rates = Opt.Text("--rates", $"file of rates in Hz (one per line or comma-separated, at most {MaxRates}, 1 MiB): prints a CSV table");
        var rate = Opt.Real("--rate", "presynaptic rate (required unless --rates)", "Hz", 0, MaxRate, minOpen: true);
        var efficacy = cli.Command("efficacy",
            "steady state of a Tsodyks-Markram synapse: rate_hz U tau_d tau_f f amplitude train u x released efficacy efficacy_per_s crossover_rate_hz",
            pr => Efficacy(cli, pr, u, tauD, tauF, f, amplitude, convention, poisson, exact, stage, rates, rate),
            "other time constants or rates (the steady state did not resolve).",
            u, tauD, tauF, f, amplitude, convention, poisson, exact, stage, rates, rate);
        return cli.Command("stp", "short-term plasticity (Tsodyks-Markram) analytics", null, null, efficacy);
    }

    static int Efficacy(Cli cli, ParseResult pr, Option<double> uOpt, Option<double> tauDOpt, Option<double> tauFOpt, Option<double> fOpt,
        Option<double> ampOpt, Option<string> convOpt, Option<bool> poissonOpt, Option<bool> exactOpt, Option<double> stageOpt,
        Option<string> ratesOpt, Option<double> rateOpt)
    {
        cli.Maps(("U", "--U"), ("tauD", "--tau-d"), ("tauF", "--tau-f"), ("f", "--f"), ("amplitude", "--amplitude"), ("rate", "--rate"), ("stage", "--stage"));
        var convention = pr.GetValue(convOpt) switch
        {
            "tpm98" => TsodyksMarkramConvention.TsodyksPawelzikMarkram1998,
            "facilitate-first" => TsodyksMarkramConvention.FacilitateThenReleaseRestingAtU,
            _ => TsodyksMarkramConvention.ReleaseThenFacilitate,
        };
        TsodyksMarkramParameters p;
        if (pr.Given(stageOpt))
        {
            foreach (var o in new Option[] { uOpt, tauDOpt, tauFOpt, fOpt, ampOpt })
                if (pr.Given(o)) throw new ArgumentException($"{o.Name} cannot be combined with --stage (the stage sets U, tau-d, tau-f, f and the amplitude).", o.Name);
            p = DevelopmentalSchedule.JiaVogelsCosta2022.At(pr.GetValue(stageOpt)).With(convention: convention);
        }
        else
        {
            foreach (var o in new Option[] { uOpt, tauDOpt, tauFOpt })
                if (!pr.Given(o)) throw new ArgumentException($"{o.Name} is required (or --stage): {o.Description}.", o.Name);
            double u = pr.GetValue(uOpt);
            double? f = pr.Given(fOpt) ? pr.GetValue(fOpt) : null;
            p = new TsodyksMarkramParameters(u, pr.GetValue(tauDOpt), pr.GetValue(tauFOpt), f, pr.GetValue(ampOpt), convention);
        }
        bool poisson = pr.GetValue(poissonOpt), exact = pr.GetValue(exactOpt);
        if (exact && !poisson) throw new ArgumentException("--exact applies to --poisson only.", "--exact");
        var train = poisson ? (exact ? SpikeTrain.PoissonExact : SpikeTrain.Poisson) : SpikeTrain.Regular;
        string? ratesFile = pr.GetValue(ratesOpt);
        if (ratesFile != null)
        {
            if (pr.Given(rateOpt)) throw new ArgumentException("--rate cannot be combined with --rates (one rate or a table).", "--rate");
            var rates = ReadRates(ratesFile);
            var sb = new StringBuilder("rate_hz,u,x,released,efficacy,efficacy_per_s\n");
            string[] cols = ["rate_hz", "u", "x", "released", "efficacy", "efficacy_per_s"];
            foreach (var ss in TsodyksMarkram.FrequencyResponse(p, rates, train))
                sb.Append(Fmt.Row(cols, ss.Rate, ss.U, ss.X, ss.Released, ss.Efficacy, ss.EfficacyPerSecond)).Append('\n');
            cli.Out.Write(sb.ToString());
            return 0;
        }
        if (!pr.Given(rateOpt)) throw new ArgumentException($"--rate is required (or --rates FILE): {rateOpt.Description}.", "--rate");
        double rate = pr.GetValue(rateOpt);
        double crossover = TsodyksMarkram.CrossoverRate(p, train);
        var st = TsodyksMarkram.SteadyState(p, rate, train);
        cli.Out.WriteLine(Fmt.Line(("rate_hz", st.Rate), ("U", p.U), ("tau_d", p.TauD), ("tau_f", p.TauF), ("f", p.F),
            ("amplitude", p.Amplitude), ("train", train.ToString().ToLowerInvariant()), ("u", st.U), ("x", st.X),
            ("released", st.Released), ("efficacy", st.Efficacy), ("efficacy_per_s", st.EfficacyPerSecond),
            ("crossover_rate_hz", Fmt.NumOrNa(crossover, "crossover_rate_hz", infinity: true))));
        return 0;
    }

    static double[] ReadRates(string path)
    {
        var text = AtomicOutput.ReadInput(path, "--rates", 1 << 20);
        var tokens = text.Split([',', '\n', '\r', ' ', '\t', ';'], StringSplitOptions.RemoveEmptyEntries)
            .Where(t => !t.StartsWith('#') && !char.IsLetter(t[0])).ToArray();
        if (tokens.Length == 0) throw new ArgumentException($"--rates = '{path}' holds no rate.", "--rates");
        if (tokens.Length > MaxRates) throw new ArgumentException($"--rates = '{path}' holds {tokens.Length} rates: the limit is {MaxRates}.", "--rates");
        var rates = new double[tokens.Length];
        for (int i = 0; i < tokens.Length; i++)
            if (!double.TryParse(tokens[i], NumberStyles.Float, CultureInfo.InvariantCulture, out rates[i]) || !(rates[i] > 0 && rates[i] <= MaxRate))
                throw new ArgumentException($"--rates = '{path}': entry {i + 1} = '{tokens[i]}' is invalid: a rate in (0, {MaxRate:0}] Hz.", "--rates");
        return rates;
    }
}
