using System.Globalization;
using System.Text;
using Theory.Experiments.Networks;
using Theory.Spiking;

namespace Theory.Cli;

/// <summary>
/// `theory simulate brunel|coba [options]`: runs a reference network and prints one line of
/// key=value pairs; `--out DIR` also writes spikes.csv and rate.csv.
/// </summary>
public static class SimulateCommand
{
    public const string Help = """
        theory simulate brunel [--g 5] [--nu-ext-ratio 2] [--t 1.2] [--warmup 0.2] [--seed 1]
                               [--refractory clamp|accumulate] [--threads N] [--out DIR]
        theory simulate coba   [--n 4000] [--t 1] [--seed 1] [--integrator euler|exponential] [--threads N] [--out DIR]
        --threads: threads of the kernel (default THEORY_THREADS, else every core); the result
        is the same on any number.
        Prints: rate_hz cv peak_hz (brunel) spikes synapses run_s (loop wall time) ...
        """;

    public static int Run(string[] args)
    {
        if (args.Length == 0) throw new ArgumentException("simulate needs a network name: brunel or coba.", "network");
        var o = new Options(args[1..]);
        var threadsText = o.String("threads");
        if (o.Flag("threads") && threadsText is null)
            throw new ArgumentException($"--threads needs a value: a whole number in [1, {KernelThreads.MaxThreads}].", "threads");
        using var scope = threadsText is null ? null : KernelThreads.Use(KernelThreads.Parse(threadsText, "--threads"));
        switch (args[0])
        {
            case "brunel":
            {
                var cfg = Brunel(o);
                string? outDir = o.String("out");
                o.RejectUnknown();
                var p = new Progress("brunel");
                var r = cfg.Run(p.Report);
                Console.WriteLine(Line(("network", "brunel"), ("g", cfg.G), ("nu_ext_ratio", cfg.NuExtRatio), ("t", cfg.Duration),
                    ("seed", cfg.Seed), ("rate_hz", r.RateHz), ("cv", r.MeanCv), ("peak_hz", r.PeakHz),
                    ("rate_var_1ms", r.RateVariance), ("spikes", r.Spikes), ("synapses", r.Synapses), ("threads", KernelThreads.Default), ("run_s", r.RunSeconds)));
                if (outDir != null) Write(outDir, r.SpikeTimes, r.SpikeIndices, r.PopulationRate, 1e-3, cfg.Warmup);
                return 0;
            }
            case "coba":
            {
                var cfg = Coba(o);
                string? outDir = o.String("out");
                o.RejectUnknown();
                var p = new Progress("coba");
                var r = cfg.Run(p.Report);
                Console.WriteLine(Line(("network", "coba"), ("n", cfg.N), ("t", cfg.Duration), ("seed", cfg.Seed),
                    ("integrator", cfg.Integrator.ToString().ToLowerInvariant()), ("rate_hz", r.RateHz), ("cv", r.MeanCv),
                    ("spikes", r.Spikes), ("synapses", r.Synapses), ("bytes_per_synapse", r.BytesPerSynapse), ("threads", KernelThreads.Default), ("run_s", r.RunSeconds)));
                if (outDir != null)
                {
                    var rate = Binned(r.SpikeTimes, cfg.N, cfg.Duration, 1e-3);
                    Write(outDir, r.SpikeTimes, r.SpikeIndices, rate, 1e-3, 0);
                }
                return 0;
            }
            default:
                throw new ArgumentException($"network = '{args[0]}' is unknown: use brunel or coba.", "network");
        }
    }

    internal static BrunelSimulation Brunel(Options o)
    {
        var refractory = o.String("refractory", "clamp") switch
        {
            "accumulate" => RefractoryInput.Accumulate,
            "clamp" => RefractoryInput.Clamp,
            var s => throw new ArgumentException($"--refractory = '{s}' is invalid: use accumulate or clamp.", "refractory"),
        };
        return new BrunelSimulation(G: o.Double("g", 5), NuExtRatio: o.Double("nu-ext-ratio", 2), Duration: o.Double("t", 1.2),
            Warmup: o.Double("warmup", 0.2), Seed: o.ULong("seed", 1), RefractoryInput: refractory);
    }

    internal static CobaSimulation Coba(Options o)
    {
        var integrator = o.String("integrator", "euler") switch
        {
            "euler" => ConductanceIntegrator.Euler,
            "exponential" => ConductanceIntegrator.ExponentialEuler,
            var s => throw new ArgumentException($"--integrator = '{s}' is invalid: use euler or exponential.", "integrator"),
        };
        return new CobaSimulation(N: o.Int("n", 4000), Duration: o.Double("t", 1.0), Seed: o.ULong("seed", 1), Integrator: integrator);
    }

    static double[] Binned(double[] times, int n, double duration, double bin)
    {
        var r = new double[(int)Math.Floor(duration / bin + 1e-9)];
        foreach (var t in times) { int b = (int)(t / bin); if (b < r.Length) r[b] += 1.0 / (n * bin); }
        return r;
    }

    internal static string Line(params (string Key, object Value)[] pairs) =>
        string.Join(' ', pairs.Select(p => p.Key + "=" + p.Value switch
        {
            double d => Options.Num(d),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var v => v.ToString(),
        }));

    static void Write(string dir, double[] times, int[] ids, double[] rate, double bin, double offset)
    {
        Directory.CreateDirectory(dir);
        var s = new StringBuilder("time_s,neuron\n");
        for (int k = 0; k < times.Length; k++) s.Append(Options.Num(times[k])).Append(',').Append(ids[k]).Append('\n');
        AtomicWrite(Path.Combine(dir, "spikes.csv"), s.ToString());
        var r = new StringBuilder("time_s,rate_hz\n");
        for (int k = 0; k < rate.Length; k++) r.Append(Options.Num(offset + k * bin)).Append(',').Append(Options.Num(rate[k])).Append('\n');
        AtomicWrite(Path.Combine(dir, "rate.csv"), r.ToString());
    }

    /// <summary>Writes to a temporary file then renames, so an interrupted run never leaves a
    /// half-written file in place of a good one.</summary>
    internal static void AtomicWrite(string path, string content)
    {
        string tmp = path + ".tmp";
        File.WriteAllText(tmp, content);
        File.Move(tmp, path, overwrite: true);
    }
}
