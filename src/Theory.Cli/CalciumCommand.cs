using System.CommandLine;
using System.Globalization;
using System.Text;
using Theory.CalciumPlasticity;

namespace Theory.Cli;

/// <summary>
/// `theory calcium stdp|burst|freq|drift [options]`: the calcium-based plasticity analytics
/// (Graupner &amp; Brunel 2012) from the command line. In the CSV tables a time scale that does
/// not exist (no time above either threshold) prints <c>inf</c>.
/// </summary>
public static class CalciumCommand
{
    /// <summary>Most pairings per protocol, and most points or frequencies per table.</summary>
    public const int MaxPairs = 1000, MaxPoints = 10_001, MaxFrequencies = 1000;

    /// <summary>Builds the System.CommandLine command `theory calcium` (stdp, freq, drift), with its options and action.</summary>
    /// <param name="cli">The application: output writers, shared options and error handling.</param>
    public static Command Build(Cli cli)
    {
        string presets = string.Join(", ", GraupnerBrunelParameters.Presets.Keys);
        Option<string> Preset() => Opt.Text("--preset", $"parameter set: {presets}", required: true, helpName: "name");
        Option<string> Out() => Opt.Text("--out", "CSV file (written complete or not at all); - or absent: stdout");

        var sPreset = Preset(); var sOut = Out();
        var pairs = Opt.Whole("--pairs", "pre-post pairings per protocol", "", 1, MaxPairs, 60);
        var points = Opt.Whole("--points", "points of the curve", "", 2, MaxPoints, 201);
        var freq = Opt.Real("--freq", "pairing frequency", "Hz", 0, 1000, 1, minOpen: true);
        var from = Opt.Real("--dt-from", "first delta t = t_post - t_pre", "s", -10, 10, -0.1);
        var to = Opt.Real("--dt-to", "last delta t, above --dt-from", "s", -10, 10, 0.1);
        var stdp = cli.Command("stdp", "change of efficacy against delta t = t_post - t_pre: CSV dt_s,alpha_d,alpha_p,rho_bar,tau_eff_s,up,down,change",
            pr => Stdp(cli, pr, sPreset, pairs, points, freq, from, to, sOut), null, sPreset, pairs, points, freq, from, to, sOut);

        var bPreset = Preset(); var bOut = Out();
        var bPairs = Opt.Whole("--pairs", "motifs (one pre spike, a post burst) per protocol", "", 1, MaxPairs, 100);
        var bPoints = Opt.Whole("--points", "points of the curve", "", 2, MaxPoints, 201);
        var bFreq = Opt.Real("--freq", "motif frequency", "Hz", 0, 1000, 5, minOpen: true);
        var bIsi = Opt.Real("--burst-isi", "interval between the two post spikes of the burst, below 1/--freq", "s", 0, 1, 0.0115, minOpen: true);
        var bFrom = Opt.Real("--dt-from", "first delta t = t_post - t_pre, |delta t| <= 1/(2 --freq)", "s", -10, 10, -0.1);
        var bTo = Opt.Real("--dt-to", "last delta t, above --dt-from, |delta t| <= 1/(2 --freq)", "s", -10, 10, 0.1);
        var bRef = Opt.Choice("--dt-ref", "post spike that delta t is measured to: second (Graupner & Brunel 2012 Fig. 3 and the authors' code) or first",
            "second", "second", "first");
        var burst = cli.Command("burst", "change of efficacy of pre spike + post burst motifs against delta t (to the second post spike by default): CSV dt_s,alpha_d,alpha_p,rho_bar,tau_eff_s,up,down,change",
            pr => Burst(cli, pr, bPreset, bPairs, bPoints, bFreq, bIsi, bFrom, bTo, bRef, bOut), null,
            bPreset, bPairs, bPoints, bFreq, bIsi, bFrom, bTo, bRef, bOut);

        var fPreset = Preset(); var fOut = Out();
        var fPairs = Opt.Whole("--pairs", "pre-post pairings per protocol", "", 1, MaxPairs, 75);
        var dt = Opt.Real("--dt", "delta t = t_post - t_pre", "s", -10, 10, 0.01);
        var freqs = Opt.Text("--freqs", $"comma-separated pairing frequencies in Hz, each in (0, 1000], at most {MaxFrequencies} [default: 1,10,20,30,40,50]", helpName: "list");
        var frequency = cli.Command("freq", "change of efficacy against pairing frequency at fixed delta t: CSV freq_hz,alpha_d,...",
            pr => Freq(cli, pr, fPreset, fPairs, dt, freqs, fOut), null, fPreset, fPairs, dt, freqs, fOut);

        var dPreset = Preset();
        var pre = Opt.Real("--pre", "presynaptic Poisson rate", "Hz", 0, 1000, 10);
        var post = Opt.Real("--post", "postsynaptic Poisson rate", "Hz", 0, 1000, 10);
        var corr = Opt.Real("--corr", "fraction of post spikes shared with pre", "", 0, 1, 0);
        var lag = Opt.Real("--lag", "lag of the shared post spike (default: the delay D for nonlinear-2016, else 0)", "s", -10, 10);
        var rho = Opt.Real("--rho", "efficacy at which the drift is evaluated", "", 0, 1, 0.5);
        var drift = cli.Command("drift", "drift and diffusion of the efficacy under Poisson activity: alpha_d alpha_p drift diffusion rho_bar tau_eff_s mean_ca var_ca",
            pr => Drift(cli, pr, dPreset, pre, post, corr, lag, rho), null, dPreset, pre, post, corr, lag, rho);
        return cli.Command("calcium", "calcium-based plasticity (Graupner & Brunel 2012): STDP curves, burst motifs, frequency dependence, drift", null, null, stdp, burst, frequency, drift);
    }

    static GraupnerBrunelParameters Preset(Cli cli, ParseResult pr, Option<string> o)
    {
        cli.Maps(("name", "--preset"));
        return GraupnerBrunelParameters.Preset(pr.GetValue(o)!);
    }

    static int Stdp(Cli cli, ParseResult pr, Option<string> preset, Option<int> pairs, Option<int> points, Option<double> freq,
        Option<double> from, Option<double> to, Option<string> outFile)
    {
        var p = Preset(cli, pr, preset);
        double a = pr.GetValue(from), b = pr.GetValue(to);
        if (!(b > a)) throw new ArgumentException($"--dt-to = {Opt.Num(b)} is invalid: it must be above --dt-from = {Opt.Num(a)} s.", "--dt-to");
        double f = pr.GetValue(freq);
        CheckRange(a, b, f);
        var output = CheckOut(pr.GetValue(outFile));
        cli.Maps(("frequency", "--freq"), ("pairs", "--pairs"), ("points", "--points"));
        Emit(cli, StdpCurve.Curve(p, a, b, pr.GetValue(points), f, pr.GetValue(pairs)), output, "dt_s", x => x.DeltaT);
        return 0;
    }

    /// <summary>Δt beyond half the period repeats the motif of another Δt (the library clips it to
    /// ±T/2, which printed one Δt on every row): reject it, naming the option.</summary>
    static void CheckRange(double from, double to, double frequency)
    {
        double half = 0.5 / frequency;
        if (!(Math.Abs(from) <= half))
            throw new ArgumentException($"--dt-from = {Opt.Num(from)} is invalid: |delta t| must be <= 1/(2 --freq) = {Opt.Num(half)} s.", "--dt-from");
        if (!(Math.Abs(to) <= half))
            throw new ArgumentException($"--dt-to = {Opt.Num(to)} is invalid: |delta t| must be <= 1/(2 --freq) = {Opt.Num(half)} s.", "--dt-to");
    }

    static int Burst(Cli cli, ParseResult pr, Option<string> preset, Option<int> pairs, Option<int> points, Option<double> freq,
        Option<double> isiOpt, Option<double> from, Option<double> to, Option<string> refOpt, Option<string> outFile)
    {
        var p = Preset(cli, pr, preset);
        double a = pr.GetValue(from), b = pr.GetValue(to), f = pr.GetValue(freq), isi = pr.GetValue(isiOpt);
        if (!(b > a)) throw new ArgumentException($"--dt-to = {Opt.Num(b)} is invalid: it must be above --dt-from = {Opt.Num(a)} s.", "--dt-to");
        CheckRange(a, b, f);
        if (!(isi < 1.0 / f))
            throw new ArgumentException($"--burst-isi = {Opt.Num(isi)} is invalid: it must be below the period 1/--freq = {Opt.Num(1.0 / f)} s.", "--burst-isi");
        var reference = pr.GetValue(refOpt) == "first" ? BurstReference.FirstPost : BurstReference.SecondPost;
        var output = CheckOut(pr.GetValue(outFile));
        cli.Maps(("frequency", "--freq"), ("repetitions", "--pairs"), ("points", "--points"), ("burstIsi", "--burst-isi"));
        Emit(cli, StdpCurve.BurstCurve(p, a, b, pr.GetValue(points), f, pr.GetValue(pairs), isi, reference), output, "dt_s", x => x.DeltaT);
        return 0;
    }

    static int Freq(Cli cli, ParseResult pr, Option<string> preset, Option<int> pairs, Option<double> dt, Option<string> freqsOpt, Option<string> outFile)
    {
        var p = Preset(cli, pr, preset);
        var entries = (pr.GetValue(freqsOpt) ?? "1,10,20,30,40,50").Split(',');
        if (entries.Length > MaxFrequencies)
            throw new ArgumentException($"--freqs has {entries.Length} entries: the limit is {MaxFrequencies}.", "--freqs");
        var freqs = new double[entries.Length];
        for (int i = 0; i < entries.Length; i++)
        {
            var s = entries[i].Trim();
            if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out freqs[i]) || !(freqs[i] > 0 && freqs[i] <= 1000))
                throw new ArgumentException($"--freqs entry {i + 1} = '{s}' is invalid: each frequency must be a number in (0, 1000] Hz.", "--freqs");
        }
        var output = CheckOut(pr.GetValue(outFile));
        cli.Maps(("frequencies", "--freqs"), ("pairs", "--pairs"), ("deltaT", "--dt"));
        Emit(cli, StdpCurve.FrequencyDependence(p, pr.GetValue(dt), freqs, pr.GetValue(pairs)), output, "freq_hz", x => x.Frequency);
        return 0;
    }

    static int Drift(Cli cli, ParseResult pr, Option<string> preset, Option<double> pre, Option<double> post, Option<double> corr,
        Option<double> lag, Option<double> rhoOpt)
    {
        var p = Preset(cli, pr, preset);
        // Nonlinear calcium: the shared post spike defaults to the pre calcium arrival (Lag = D),
        // the case its distribution is computed for.
        double lagValue = pr.Given(lag) ? pr.GetValue(lag) : p.Eta != 0 ? p.Delay : 0;
        cli.Maps(("PreRate", "--pre"), ("PostRate", "--post"), ("Correlation", "--corr"), ("Lag", "--lag"), ("rho", "--rho"));
        var act = new PoissonActivity(pr.GetValue(pre), pr.GetValue(post), pr.GetValue(corr), lagValue);
        double rho = pr.GetValue(rhoOpt);
        var d = new EfficacyDrift(p, act);
        var kv = new List<(string, object)> { ("alpha_d", d.AlphaD), ("alpha_p", d.AlphaP), ("drift", d.Drift(rho)), ("diffusion", d.Diffusion) };
        if (d.GammaSum > 0) { kv.Add(("rho_bar", d.RhoBar)); kv.Add(("tau_eff_s", Fmt.NumOrNa(d.TauEff, "tau_eff_s", infinity: true))); }
        kv.Add(("mean_ca", d.Calcium.Mean)); kv.Add(("var_ca", d.Calcium.Variance));
        cli.Out.WriteLine(Fmt.Line(kv.ToArray()));
        return 0;
    }

    static string? CheckOut(string? output)
    {
        if (output is not null && output != "-") AtomicOutput.CheckFileTarget(output, "--out");
        return output;
    }

    static void Emit(Cli cli, StdpPoint[] points, string? outFile, string xName, Func<StdpPoint, double> x)
    {
        var sb = new StringBuilder();
        sb.Append($"{xName},alpha_d,alpha_p,rho_bar,tau_eff_s,up,down,change\n");
        string[] cols = [xName, "alpha_d", "alpha_p", "rho_bar", "tau_eff_s", "up", "down", "change"];
        foreach (var pt in points)
        {
            var r = pt.Outcome;
            var values = new[] { x(pt), r.AlphaD, r.AlphaP, r.RhoBar, r.TauEff, r.Up, r.Down, r.Change };
            sb.Append(string.Join(",", values.Select((v, i) => Fmt.NumOrNa(v, cols[i], infinity: true)))).Append('\n');
        }
        if (cli.WriteTable(outFile, sb.ToString(), "--out"))
            cli.Out.WriteLine($"wrote {points.Length} rows to {outFile}");
    }
}
