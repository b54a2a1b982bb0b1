namespace Theory.Cli;

/// <summary>`theory bench coba|brunel`: the reference networks with warm-up and repetitions;
/// prints the median wall time of the simulation loop alone (network construction excluded),
/// as the peers' `run_s` does.</summary>
public static class KernelBench
{
    public static int Coba(Options o)
    {
        var cfg = SimulateCommand.Coba(o) with { };
        int reps = o.Int("reps", 5), warmup = o.Int("warmup-runs", 1);
        o.RejectUnknown();
        var r = Repeat(reps, warmup, seed => cfg with { Seed = cfg.Seed + (ulong)seed }, c => c.Run(), x => x.RunSeconds);
        Console.WriteLine(SimulateCommand.Line(("bench", "coba"), ("n", cfg.N), ("t", cfg.Duration), ("reps", reps),
            ("median_run_s", r.Median), ("min_run_s", r.Min), ("max_run_s", r.Max),
            ("rate_hz", r.Last.RateHz), ("synapses", r.Last.Synapses), ("bytes_per_synapse", r.Last.BytesPerSynapse)));
        return 0;
    }

    public static int Brunel(Options o)
    {
        var cfg = SimulateCommand.Brunel(o);
        int reps = o.Int("reps", 3), warmup = o.Int("warmup-runs", 1);
        o.RejectUnknown();
        var r = Repeat(reps, warmup, seed => cfg with { Seed = cfg.Seed + (ulong)seed }, c => c.Run(), x => x.RunSeconds);
        Console.WriteLine(SimulateCommand.Line(("bench", "brunel"), ("g", cfg.G), ("nu_ext_ratio", cfg.NuExtRatio), ("t", cfg.Duration),
            ("reps", reps), ("median_run_s", r.Median), ("min_run_s", r.Min), ("max_run_s", r.Max),
            ("rate_hz", r.Last.RateHz), ("synapses", r.Last.Synapses)));
        return 0;
    }

    static (double Median, double Min, double Max, TResult Last) Repeat<TConfig, TResult>(
        int reps, int warmup, Func<int, TConfig> config, Func<TConfig, TResult> run, Func<TResult, double> seconds)
    {
        if (reps < 1) throw new ArgumentException($"--reps = {reps} is invalid: it must be >= 1.", "reps");
        for (int w = 0; w < warmup; w++) run(config(-1 - w));
        var times = new List<double>();
        TResult last = default!;
        for (int k = 0; k < reps; k++)
        {
            last = run(config(k));
            times.Add(seconds(last));
            Console.Error.WriteLine($"  rep {k + 1}/{reps}: {seconds(last):0.000} s");
        }
        times.Sort();
        double median = times.Count % 2 == 1 ? times[times.Count / 2] : 0.5 * (times[times.Count / 2 - 1] + times[times.Count / 2]);
        return (median, times[0], times[^1], last);
    }
}
