using System.CommandLine;
using System.Text;
using Theory.Experiments.Networks;
using Theory.Spiking;

namespace Theory.Cli;

/// <summary>
/// `theory simulate brunel|coba [options]`: runs a reference network and prints one line of
/// key=value pairs; `--out DIR` also writes spikes.csv and rate.csv (the folder appears complete or not at all).
/// `cv` prints <c>n/a</c> when no neuron fired three spikes after the warm-up; `peak_hz` prints <c>n/a</c>
/// when there was no spike or the window is too short to resolve a frequency above 5 Hz.
/// </summary>
public static class SimulateCommand
{
    /// <summary>Longest simulated time of `simulate brunel` (s): 12 500 neurons, spike buffers of ≈ 4 MB per second.</summary>
    public const double MaxBrunelSeconds = 60;

    /// <summary>Largest COBA network and longest COBA run; their product is bounded by <see cref="MaxCobaNeuronSeconds"/>.</summary>
    public const int MaxCobaN = 1_000_000;

    /// <summary>Longest simulated time of `simulate coba` (s).</summary>
    public const double MaxCobaSeconds = 100;

    /// <summary>Bound on n·t of `simulate coba` (neuron-seconds): the spike record reserves ≈ 400 bytes per neuron-second.</summary>
    public const double MaxCobaNeuronSeconds = 5e6;

    internal sealed record BrunelOptions(Option<double> G, Option<double> Ratio, Option<double> T, Option<double> Warmup,
        Option<ulong> Seed, Option<string> Refractory)
    {
        public Option[] All => [G, Ratio, T, Warmup, Seed, Refractory];
    }

    internal static BrunelOptions BrunelOpts(double maxT) => new(
        Opt.Real("--g", "relative inhibitory strength g (J_I = -g J)", "", 0, 1e12, 5),
        Opt.Real("--nu-ext-ratio", "external drive nu_ext / nu_thr (nu_thr = 10 Hz)", "", 0, 100, 2),
        Opt.Real("--t", "simulated time including the warm-up", "s", 0, maxT, 1.2, minOpen: true),
        Opt.Real("--warmup", "initial time left out of the statistics, shorter than --t", "s", 0, maxT, 0.2),
        Opt.Seed(),
        Opt.Choice("--refractory", "input during the refractory period: clamp discards it (Brunel 2000), accumulate adds it", "clamp", "clamp", "accumulate"));

    internal static BrunelSimulation Brunel(ParseResult pr, BrunelOptions o)
    {
        double t = pr.GetValue(o.T), warmup = pr.GetValue(o.Warmup);
        if (warmup >= t)
            throw new ArgumentException($"--warmup = {Opt.Num(warmup)} is invalid: it must be shorter than --t = {Opt.Num(t)} s.", "--warmup");
        var refractory = pr.GetValue(o.Refractory) == "accumulate" ? RefractoryInput.Accumulate : RefractoryInput.Clamp;
        return new BrunelSimulation(G: pr.GetValue(o.G), NuExtRatio: pr.GetValue(o.Ratio), Duration: t, Warmup: warmup,
            Seed: pr.GetValue(o.Seed), RefractoryInput: refractory);
    }

    internal sealed record CobaOptions(Option<int> N, Option<double> T, Option<ulong> Seed, Option<string> Integrator)
    {
        public Option[] All => [N, T, Seed, Integrator];
    }

    internal static CobaOptions CobaOpts(int maxN, double maxT) => new(
        Opt.Whole("--n", "neurons (80 % excitatory, 80 inputs each)", "", 10, maxN, 4000),
        Opt.Real("--t", "simulated time", "s", 0, maxT, 1.0, minOpen: true),
        Opt.Seed(),
        Opt.Choice("--integrator", "conductance integration: forward Euler or exponential Euler", "euler", "euler", "exponential"));

    internal static CobaSimulation Coba(ParseResult pr, CobaOptions o) =>
        new(N: pr.GetValue(o.N), Duration: pr.GetValue(o.T), Seed: pr.GetValue(o.Seed),
            Integrator: pr.GetValue(o.Integrator) == "exponential" ? ConductanceIntegrator.ExponentialEuler : ConductanceIntegrator.Euler);

    /// <summary>Builds the System.CommandLine command `theory simulate` (brunel, coba), with its options and action.</summary>
    /// <param name="cli">The application: output writers, shared options and error handling.</param>
    public static Command Build(Cli cli)
    {
        var threads = Opt.Threads();
        var outDir = Opt.Text("--out", "folder for spikes.csv and rate.csv (written complete or not at all)", helpName: "dir");
        var b = BrunelOpts(MaxBrunelSeconds);
        var c = CobaOpts(MaxCobaN, MaxCobaSeconds);
        var brunel = cli.Command("brunel",
            "Brunel (2000) model A, 10 000 E + 2 500 I LIF neurons: rate_hz cv peak_hz rate_var_1ms spikes synapses run_s",
            pr => RunBrunel(cli, pr, b, threads, outDir),
            "a smaller --g or --nu-ext-ratio (the network ran away), or a shorter --t.",
            [.. b.All, threads, outDir]);
        var coba = cli.Command("coba",
            "Vogels-Abbott COBA benchmark network: rate_hz cv spikes synapses bytes_per_synapse run_s",
            pr => RunCoba(cli, pr, c, threads, outDir),
            "a smaller --n or a shorter --t.",
            [.. c.All, threads, outDir]);
        return cli.Command("simulate", "run a reference spiking network (brunel, coba) or any network (network NET) and print its statistics as key=value", null, null, brunel, coba, PredictCommand.BuildSimulate(cli));
    }

    static IDisposable? ThreadScope(ParseResult pr, Option<int> threads) =>
        pr.Given(threads) ? KernelThreads.Use(pr.GetValue(threads)) : null;

    static string? OutDir(ParseResult pr, Option<string> outDir)
    {
        var dir = pr.GetValue(outDir);
        if (dir == "-") throw new ArgumentException("--out = '-' is invalid here: simulate writes two tables (spikes.csv, rate.csv); give a folder.", "--out");
        if (dir is not null) AtomicOutput.CheckDirectoryTarget(dir, "--out");
        return dir;
    }

    static int RunBrunel(Cli cli, ParseResult pr, BrunelOptions o, Option<int> threads, Option<string> outDir)
    {
        var cfg = Brunel(pr, o);
        var dir = OutDir(pr, outDir);
        cli.Maps(("G", "--g"), ("NuExtRatio", "--nu-ext-ratio"), ("Duration", "--t"), ("Warmup", "--warmup"), ("rate", "--nu-ext-ratio"));
        using var scope = ThreadScope(pr, threads);
        var p = new Progress("brunel", cli.Err);
        var r = cfg.Run(p.Report);
        // the files first: a failure to write them must not follow a printed result
        if (dir != null) Write(dir, r.SpikeTimes, r.SpikeIndices, r.PopulationRate, 1e-3, cfg.Warmup);
        cli.Out.WriteLine(Fmt.Line(("network", "brunel"), ("g", cfg.G), ("nu_ext_ratio", cfg.NuExtRatio), ("t", cfg.Duration),
            ("seed", cfg.Seed), ("rate_hz", r.RateHz), ("cv", Fmt.NumOrNa(r.MeanCv, "cv")), ("peak_hz", r.Spikes == 0 ? "n/a" : Fmt.NumOrNa(r.PeakHz, "peak_hz")),
            ("rate_var_1ms", r.RateVariance), ("spikes", r.Spikes), ("synapses", r.Synapses), ("threads", KernelThreads.Default), ("run_s", r.RunSeconds)));
        return 0;
    }

    static int RunCoba(Cli cli, ParseResult pr, CobaOptions o, Option<int> threads, Option<string> outDir)
    {
        var cfg = Coba(pr, o);
        CheckNeuronSeconds(cfg.N, cfg.Duration);
        MemoryBudget.Check("--n", cfg.N.ToString(System.Globalization.CultureInfo.InvariantCulture), 80.0 * cfg.N, cfg.N, 400.0 * cfg.N * cfg.Duration);
        var dir = OutDir(pr, outDir);
        cli.Maps(("N", "--n"), ("Duration", "--t"));
        using var scope = ThreadScope(pr, threads);
        var p = new Progress("coba", cli.Err);
        var r = cfg.Run(p.Report);
        if (dir != null) Write(dir, r.SpikeTimes, r.SpikeIndices, Binned(r.SpikeTimes, cfg.N, cfg.Duration, 1e-3), 1e-3, 0);
        cli.Out.WriteLine(Fmt.Line(("network", "coba"), ("n", cfg.N), ("t", cfg.Duration), ("seed", cfg.Seed),
            ("integrator", cfg.Integrator == ConductanceIntegrator.Euler ? "euler" : "exponentialeuler"), ("rate_hz", r.RateHz),
            ("cv", Fmt.NumOrNa(r.MeanCv, "cv")), ("spikes", r.Spikes), ("synapses", r.Synapses), ("bytes_per_synapse", r.BytesPerSynapse),
            ("threads", KernelThreads.Default), ("run_s", r.RunSeconds)));
        return 0;
    }

    /// <summary>Refuses a COBA run whose spike record would not fit (≈ 400 bytes per neuron-second reserved).</summary>
    internal static void CheckNeuronSeconds(int n, double t)
    {
        if (n * t > MaxCobaNeuronSeconds)
            throw new ArgumentException(
                $"--n = {n} with --t = {Opt.Num(t)} s is too large: the spike record would reserve ≈ {400 * n * t / 1e9:0.#} GB; "
                + $"the limit is n·t ≤ {MaxCobaNeuronSeconds:0e0} neuron-seconds.", "--n");
    }

    static double[] Binned(double[] times, int n, double duration, double bin)
    {
        var r = new double[(int)Math.Floor(duration / bin + 1e-9)];
        foreach (var t in times) { int b = (int)(t / bin); if (b < r.Length) r[b] += 1.0 / (n * bin); }
        return r;
    }

    static void Write(string dir, double[] times, int[] ids, double[] rate, double bin, double offset)
    {
        var s = new StringBuilder("time_s,neuron\n");
        for (int k = 0; k < times.Length; k++) s.Append(Fmt.Num(times[k], "time_s")).Append(',').Append(ids[k]).Append('\n');
        var r = new StringBuilder("time_s,rate_hz\n");
        for (int k = 0; k < rate.Length; k++) r.Append(Fmt.Num(offset + k * bin, "time_s")).Append(',').Append(Fmt.Num(rate[k], "rate_hz")).Append('\n');
        AtomicOutput.WriteDirectory(dir, [("spikes.csv", s.ToString()), ("rate.csv", r.ToString())], "--out");
    }
}
