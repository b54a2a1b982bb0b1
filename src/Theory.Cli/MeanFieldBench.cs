using System.Diagnostics;
using Theory.MeanField;

namespace Theory.Cli;

/// <summary>Mean-field micro benchmarks: `theory bench siegert`, `theory bench phase-diagram`.</summary>
public static class MeanFieldBench
{
    /// <summary>Single-thread Siegert evaluations per second over μ ∈ [−20, 40] mV, σ ∈ [0.1, 50] mV
    /// (log-uniform), array API. Options: --n (points, default 1e6), --reps (default 7).</summary>
    public static int Siegert(Options o)
    {
        int n = o.Int("n", 1_000_000), reps = o.Int("reps", 7);
        o.RejectUnknown();
        var rng = new Random(1);
        var mu = new double[n];
        var sigma = new double[n];
        for (int i = 0; i < n; i++)
        {
            mu[i] = -0.02 + 0.06 * rng.NextDouble();
            sigma[i] = 1e-4 * Math.Pow(500, rng.NextDouble());
        }
        var neuron = LifNeuron.Brunel2000;
        Theory.MeanField.Siegert.Rates(mu, sigma, neuron);
        var times = new List<double>();
        double check = 0;
        for (int r = 0; r < reps; r++)
        {
            var sw = Stopwatch.StartNew();
            var rates = Theory.MeanField.Siegert.Rates(mu, sigma, neuron);
            times.Add(sw.Elapsed.TotalSeconds);
            check += rates.Sum();
        }
        times.Sort();
        double med = times[times.Count / 2];
        Console.WriteLine($"bench=siegert n={n} reps={reps} median_s={Options.Num(med)} evals_per_s={Options.Num(n / med)} checksum={Options.Num(check)}");
        return 0;
    }

    /// <summary>Brunel (2000) Fig. 2 phase diagram: --n × --n grid (default 200) over g ∈ [0, 8],
    /// ν_ext/ν_thr ∈ [0, 4] (the paper's axes; ratio starts at 0.05), all stationary states and their stability
    /// (--max-frequency, default 1000 Hz: the SR instabilities lie near twice the rate, above 500 Hz).</summary>
    public static int PhaseDiagram(Options o)
    {
        int n = o.Int("n", 200);
        double fmax = o.Double("max-frequency", 1000);
        int starts = o.Int("starts", 3);
        o.RejectUnknown();
        var g = Enumerable.Range(0, n).Select(i => 8.0 * i / (n - 1)).ToArray();
        var q = Enumerable.Range(0, n).Select(i => 0.05 + 3.95 * i / (n - 1)).ToArray();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var pd = BrunelPhaseDiagram.Compute(BrunelNetwork.ModelA, g, q, fmax, starts);
        double t = sw.Elapsed.TotalSeconds;
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        var counts = string.Join(" ", pd.Regime.Cast<string>().GroupBy(s => s).OrderBy(x => x.Key).Select(x => $"{x.Key}={x.Count()}"));
        Console.WriteLine($"bench=phase-diagram n={n} threads={Environment.ProcessorCount} seconds={Options.Num(t)} cpu_seconds={Options.Num(cpu)} {counts}");
        return 0;
    }
}
