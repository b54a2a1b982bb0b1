using System.Text;
using Theory.CalciumPlasticity;

namespace Theory.Cli;

/// <summary>
/// `theory calcium stdp|freq|drift [options]`: the calcium-based plasticity analytics
/// (Graupner &amp; Brunel 2012) from the command line.
/// </summary>
public static class CalciumCommand
{
    public const string Help = """
        theory calcium stdp  --preset NAME [--pairs 60] [--freq 1] [--dt-from -0.1] [--dt-to 0.1] [--points 201] [--out FILE.csv]
              change of efficacy against Δt = t_post − t_pre (s); CSV columns dt_s,alpha_d,alpha_p,rho_bar,tau_eff_s,up,down,change
        theory calcium freq  --preset NAME --dt 0.01 [--pairs 75] [--freqs 1,10,20,30,40,50] [--out FILE.csv]
              change of efficacy against pairing frequency (Hz) at fixed Δt
        theory calcium drift --preset NAME --pre 10 --post 10 [--corr 0] [--lag 0 | D for nonlinear-2016] [--rho 0.5]
              prints alpha_d alpha_p drift diffusion rho_bar tau_eff_s mean_ca var_ca as key=value
              (nonlinear calcium with --corr > 0 needs --lag equal to the delay D: the shared post
              spike coincides with the pre calcium arrival)
        presets: DP DPD DPDprime P D Dprime hippocampal-slices hippocampal-cultures cortical-slices nonlinear-2016
        """;

    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine(Help);
            return args.Length == 0 ? 2 : 0;
        }
        var o = new Options(args[1..]);
        var p = GraupnerBrunelParameters.Preset(o.String("preset") ?? throw new ArgumentException("--preset is required.", "preset"));
        switch (args[0])
        {
            case "stdp":
            {
                int pairs = o.Int("pairs", 60), points = o.Int("points", 201);
                double f = o.Double("freq", 1), from = o.Double("dt-from", -0.1), to = o.Double("dt-to", 0.1);
                string? outFile = o.String("out");
                o.RejectUnknown();
                Emit(StdpCurve.Curve(p, from, to, points, f, pairs), outFile, "dt_s", x => x.DeltaT);
                return 0;
            }
            case "freq":
            {
                int pairs = o.Int("pairs", 75);
                double dt = o.Double("dt", 0.01);
                var freqs = (o.String("freqs") ?? "1,10,20,30,40,50").Split(',')
                    .Select(s => double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v)
                        ? v : throw new ArgumentException($"--freqs entry '{s}' is not a number.", "freqs")).ToArray();
                string? outFile = o.String("out");
                o.RejectUnknown();
                Emit(StdpCurve.FrequencyDependence(p, dt, freqs, pairs), outFile, "freq_hz", x => x.Frequency);
                return 0;
            }
            case "drift":
            {
                // Nonlinear calcium: the shared post spike defaults to the pre calcium arrival (Lag = D),
                // the case its distribution is computed for.
                var act = new PoissonActivity(o.Double("pre", 10), o.Double("post", 10), o.Double("corr", 0),
                    o.Double("lag", p.Eta != 0 ? p.Delay : 0));
                double rho = o.Double("rho", 0.5);
                o.RejectUnknown();
                if (!(rho >= 0 && rho <= 1)) throw new ArgumentException($"--rho = {rho} is invalid: the valid range is [0, 1].", "rho");
                var d = new EfficacyDrift(p, act);
                var sb = new StringBuilder();
                void Kv(string k, double v) => sb.Append(sb.Length == 0 ? "" : " ").Append(k).Append('=').Append(Options.Num(v));
                Kv("alpha_d", d.AlphaD); Kv("alpha_p", d.AlphaP); Kv("drift", d.Drift(rho)); Kv("diffusion", d.Diffusion);
                if (d.GammaSum > 0) { Kv("rho_bar", d.RhoBar); Kv("tau_eff_s", d.TauEff); }
                Kv("mean_ca", d.Calcium.Mean); Kv("var_ca", d.Calcium.Variance);
                Console.WriteLine(sb.ToString());
                return 0;
            }
            default:
                throw new ArgumentException($"subcommand = '{args[0]}' is unknown: use stdp, freq or drift.", "subcommand");
        }
    }

    static void Emit(StdpPoint[] points, string? outFile, string xName, Func<StdpPoint, double> x)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{xName},alpha_d,alpha_p,rho_bar,tau_eff_s,up,down,change");
        foreach (var pt in points)
        {
            var r = pt.Outcome;
            sb.AppendLine(string.Join(",", new[] { x(pt), r.AlphaD, r.AlphaP, r.RhoBar, r.TauEff, r.Up, r.Down, r.Change }
                .Select(v => double.IsPositiveInfinity(v) ? "inf" : Options.Num(v))));
        }
        if (outFile is null) Console.Write(sb.ToString());
        else
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(outFile));
            if (dir != null) Directory.CreateDirectory(dir);
            File.WriteAllText(outFile, sb.ToString());
            Console.WriteLine($"wrote {points.Length} rows to {outFile}");
        }
    }
}
