using System.CommandLine;
using Theory.Experiments.Predict;
using Theory.MeanField;
using Theory.Spiking;

namespace Theory.Cli;

/// <summary>
/// Any network, predicted and simulated (issue #16). NET is a JSON file (schema theory-network/1,
/// docs/network-schema.md) or the name of a built-in network (<see cref="BuiltInNetworks"/>):
/// <list type="bullet">
/// <item>`theory predict NET`: one line per stationary state and population (state, population, rate_predicted_hz,
/// cv_predicted, mu_mV, sigma_mV, regime, frequency_hz, stable), then one `state= warning=` line per warning.</item>
/// <item>`theory simulate network NET [--t s] [--warmup s] [--seed n] [--threads n]`: one line per population
/// (rate_hz, cv, peak_hz, spikes), then one summary line (synapses, run_s). `simulate` is a command group; this is
/// its `network` subcommand.</item>
/// <item>`theory crosscheck NET [--duration s] [--seeds n] [--threads n] [--warmup s]`: one line per population with
/// population, rate_predicted_hz, rate_simulated_hz, rate_se_hz, cv_predicted, cv_simulated, regime, verdict.</item>
/// </list>
/// A bad file exits 2 with one line naming the field (e.g. populations[0].tau_m_ms).
/// </summary>
public static class PredictCommand
{
    /// <summary>Longest simulated time per seed, s.</summary>
    public const double MaxSeconds = 100;

    /// <summary>Largest file read, bytes.</summary>
    public const long MaxFileBytes = 16 << 20;

    static Argument<string> Net() => new("NET")
    {
        Description = $"network: a JSON file (schema {NetworkJson.Schema}, docs/network-schema.md) or a built-in name ({string.Join(", ", BuiltInNetworks.Names)})",
        HelpName = "NET",
    };

    /// <summary>`theory crosscheck microcircuit`: the Potjans &amp; Diesmann (2014) microcircuit
    /// (<see cref="Theory.Experiments.Networks.MicrocircuitCrossCheck"/>, with published rates). `predict` and `simulate
    /// network` read the same name as the generic description (<see cref="BuiltInNetworks.Microcircuit"/>).</summary>
    public const string Microcircuit = "microcircuit";

    /// <summary>The description named by NET: a built-in name or a file.</summary>
    internal static NetworkDescription Load(string net)
    {
        if (BuiltInNetworks.Contains(net)) return BuiltInNetworks.Get(net);
        if (AtomicOutput.Kind(net) == PathKind.Missing)
            throw new ArgumentException($"NET = '{net}' is neither a file nor a built-in network ({string.Join(", ", BuiltInNetworks.Names)}).", "NET");
        string text = AtomicOutput.ReadInput(net, "NET", MaxFileBytes);
        try { return NetworkJson.Read(text); }
        catch (ArgumentException e)
        {
            string msg = e.ParamName is { } p ? e.Message.Replace($" (Parameter '{p}')", "") : e.Message;
            throw new ArgumentException($"NET = '{net}': {msg}", e.ParamName ?? "NET", e);
        }
    }

    /// <summary>`theory predict NET`.</summary>
    public static Command BuildPredict(Cli cli)
    {
        var net = Net();
        var fmax = Opt.Real("--max-frequency", "highest oscillation frequency searched for eigenvalues", "Hz", 10, 5000, 1000);
        return cli.Command("predict",
            "mean-field prediction of any network: rates, CV, stability, regime per stationary state and population",
            pr => RunPredict(cli, pr, net, fmax), "a different network (the self-consistency did not converge).", net, fmax);
    }

    /// <summary>`theory simulate network NET` (added to the `simulate` group).</summary>
    public static Command BuildSimulate(Cli cli)
    {
        var net = Net();
        var t = Opt.Real("--t", "simulated time including the warm-up", "s", 0, MaxSeconds, 1.0, minOpen: true);
        var warmup = Opt.Real("--warmup", "initial time left out of the statistics, shorter than --t", "s", 0, MaxSeconds, 0.2);
        var seed = Opt.Seed();
        var threads = Opt.Threads();
        return cli.Command("network",
            "simulate any network (NET: JSON file or built-in name): per population rate_hz cv peak_hz spikes, then synapses run_s",
            pr => RunSimulate(cli, pr, net, t, warmup, seed, threads), "a shorter --t or a smaller network.", net, t, warmup, seed, threads);
    }

    /// <summary>`theory crosscheck NET`.</summary>
    public static Command BuildCrossCheck(Cli cli)
    {
        var net = Net();
        var duration = Opt.Real("--duration", "simulated time per seed including the warm-up", "s", 0, MaxSeconds, 1.0, minOpen: true);
        var warmup = Opt.Real("--warmup", "initial time left out of the statistics; --duration must exceed it by 0.1 s", "s", 0, MaxSeconds, 0.2);
        var seeds = Opt.Whole("--seeds", "independent simulations (seeds 1..n); the s.e. is over seeds when n >= 2, else over 100 ms blocks", "", 1, 100, 1);
        var threads = Opt.Threads();
        return cli.Command("crosscheck",
            "predict and simulate any network and compare per population: rate_predicted_hz rate_simulated_hz rate_se_hz cv_predicted cv_simulated regime verdict",
            pr => RunCrossCheck(cli, pr, net, duration, warmup, seeds, threads), "a shorter --duration or a smaller network.", net, duration, warmup, seeds, threads);
    }

    /// <summary>Refuses a network whose build and spike record would not fit (<see cref="MemoryBudget"/>; the spike
    /// record reserves ≈ 400 B per neuron-second).</summary>
    static void CheckMemory(NetworkDescription d, double seconds)
    {
        var m = d.ToPopulationModel();
        double synapses = m.Inputs.Where(i => i.Source >= 0).Sum(i => i.InDegree * m.Populations[i.Target].Size);
        double neurons = d.Populations.Sum(p => (double)p.Size);
        MemoryBudget.Check("NET", d.Name, synapses, neurons, 400.0 * neurons * seconds);
    }

    static IDisposable? ThreadScope(ParseResult pr, Option<int> threads) =>
        pr.Given(threads) ? KernelThreads.Use(pr.GetValue(threads)) : null;

    static int RunPredict(Cli cli, ParseResult pr, Argument<string> netArg, Option<double> fmax)
    {
        var d = Load(pr.GetValue(netArg)!);
        var states = NetworkPrediction.Predict(d.ToPopulationModel(), pr.GetValue(fmax));
        if (states.Length == 0) throw new ArithmeticException("no stationary state found");
        for (int s = 0; s < states.Length; s++)
        {
            var st = states[s];
            for (int a = 0; a < d.Populations.Length; a++)
                cli.Out.WriteLine(Fmt.Line(("network", d.Name), ("state", s), ("population", d.Populations[a].Name), ("rate_predicted_hz", st.Rates[a]),
                    ("cv_predicted", Fmt.NumOrNa(st.Cv[a], "cv_predicted")), ("mu_mV", st.Mu[a] * 1e3), ("sigma_mV", st.Sigma[a] * 1e3),
                    ("regime", st.Stability.Regime), ("frequency_hz", st.Stability.OscillationFrequency), ("stable", st.Stability.Stable)));
            foreach (var w in st.Warnings)
                cli.Out.WriteLine(Fmt.Line(("network", d.Name), ("state", s), ("warning", "\"" + w.Replace("\"", "'") + "\"")));
        }
        return 0;
    }

    static int RunSimulate(Cli cli, ParseResult pr, Argument<string> netArg, Option<double> tOpt, Option<double> warmupOpt, Option<ulong> seedOpt, Option<int> threads)
    {
        double t = pr.GetValue(tOpt), warmup = pr.GetValue(warmupOpt);
        if (warmup >= t)
            throw new ArgumentException($"--warmup = {Opt.Num(warmup)} is invalid: it must be shorter than --t = {Opt.Num(t)} s.", "--warmup");
        var d = Load(pr.GetValue(netArg)!);
        CheckMemory(d, t);
        using var scope = ThreadScope(pr, threads);
        var (net, pops) = d.Build(pr.GetValue(seedOpt));
        var spikes = pops.Select(p => net.MonitorSpikes(p, from: warmup)).ToArray();
        var rates = pops.Select(p => net.MonitorRate(p)).ToArray();
        var progress = new Progress("network", cli.Err);
        net.Run(t, progress.Report);
        for (int a = 0; a < pops.Length; a++)
        {
            var binned = rates[a].Binned(1e-3, warmup);
            double peak = spikes[a].Count > 0 && binned.Length >= 16 ? Theory.Experiments.Statistics.SpikeStatistics.DominantFrequency(binned, 1e-3) : double.NaN;
            cli.Out.WriteLine(Fmt.Line(("network", d.Name), ("population", pops[a].Name), ("rate_hz", spikes[a].Count / (pops[a].Size * (t - warmup))),
                ("cv", Fmt.NumOrNa(Theory.Experiments.Statistics.SpikeStatistics.MeanCv(spikes[a].Trains()).Mean, "cv")),
                ("peak_hz", Fmt.NumOrNa(peak, "peak_hz")), ("spikes", spikes[a].Count)));
        }
        cli.Out.WriteLine(Fmt.Line(("network", d.Name), ("t", t), ("seed", pr.GetValue(seedOpt)), ("synapses", net.Projections.Sum(p => p.Count)),
            ("threads", KernelThreads.Default), ("run_s", net.LastRunSeconds)));
        return 0;
    }

    static int RunCrossCheck(Cli cli, ParseResult pr, Argument<string> netArg, Option<double> durationOpt, Option<double> warmupOpt, Option<int> seedsOpt, Option<int> threads)
    {
        double duration = pr.GetValue(durationOpt), warmup = pr.GetValue(warmupOpt);
        if (!(warmup + 0.1 <= duration))
            throw new ArgumentException($"--duration = {Opt.Num(duration)} is invalid: it must exceed --warmup = {Opt.Num(warmup)} s by at least 0.1 s.", "--duration");
        if (pr.GetValue(netArg) == Microcircuit)
            return RunMicrocircuit(cli, pr, duration, warmup, pr.GetValue(seedsOpt), threads);
        var d = Load(pr.GetValue(netArg)!);
        CheckMemory(d, duration);
        using var scope = ThreadScope(pr, threads);
        var r = CrossCheck.Run(d, duration, pr.GetValue(seedsOpt), null, warmup);
        foreach (var x in r.Rows)
            cli.Out.WriteLine(Fmt.Line(("network", d.Name), ("population", x.Population), ("rate_predicted_hz", x.RatePredicted),
                ("rate_simulated_hz", x.RateSimulated), ("rate_se_hz", Fmt.NumOrNa(x.RateSe, "rate_se_hz")),
                ("cv_predicted", Fmt.NumOrNa(x.CvPredicted, "cv_predicted")), ("cv_simulated", Fmt.NumOrNa(x.CvSimulated, "cv_simulated")),
                ("regime", x.Regime), ("tolerance_hz", x.Tolerance), ("verdict", x.Verdict)));
        return 0;
    }

    /// <summary>The microcircuit at full scale: 77 169 neurons, 298 880 940 synapses (≈ 3.3 GB while running), seeds 1 … n,
    /// each `--duration` s of which the first `--warmup` s are left out; one line per population with the rate published
    /// for the full-scale model (NEST's example), the shifted-Siegert prediction, the simulated rate ± s.e. over 0.1 s blocks
    /// (and seeds) and the verdict.</summary>
    static int RunMicrocircuit(Cli cli, ParseResult pr, double duration, double warmup, int seeds, Option<int> threads)
    {
        var model = Theory.Experiments.Networks.MicrocircuitModel.At(1);
        MemoryBudget.Check("NET", Microcircuit, model.TotalSynapses, model.TotalNeurons, 400.0 * model.TotalNeurons * duration);
        using var scope = ThreadScope(pr, threads);
        var rows = Theory.Experiments.Networks.MicrocircuitCrossCheck.Run(duration - warmup, seeds, KernelThreads.Default, 1, warmup);
        foreach (var x in rows)
            cli.Out.WriteLine(Fmt.Line(("network", Microcircuit), ("population", x.Population), ("rate_published_hz", x.RatePublishedHz),
                ("rate_predicted_hz", x.RatePredictedHz), ("rate_simulated_hz", x.RateSimulatedHz), ("rate_se_hz", Fmt.NumOrNa(x.RateSeHz, "rate_se_hz")),
                ("cv_simulated", Fmt.NumOrNa(x.Cv, "cv_simulated")), ("tolerance_predicted_hz", x.PredictedToleranceHz),
                ("tolerance_published_hz", x.PublishedToleranceHz), ("verdict", x.Verdict)));
        return 0;
    }
}
