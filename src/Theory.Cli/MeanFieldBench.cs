using System.CommandLine;
using System.Diagnostics;
using Theory.MeanField;

namespace Theory.Cli;

/// <summary>Mean-field micro benchmarks: `theory bench siegert`, `theory bench phase-diagram`.</summary>
public static class MeanFieldBench
{
    /// <summary>Builds the System.CommandLine commands `theory bench siegert` and `theory bench phase-diagram`, with their options and action.</summary>
    /// <param name="cli">The application: output writers, shared options and error handling.</param>
    public static Command[] Build(Cli cli)
    {
        var n = Opt.Whole("--n", "points", "", 1, 10_000_000, 1_000_000);
        var reps = Opt.Whole("--reps", "measured repetitions", "", 1, 1000, 7);
        var grid = Opt.Whole("--n", "grid points along each axis", "", 2, 1000, 200);
        var fmax = Opt.Real("--max-frequency", "upper bound of the eigenvalue search", "Hz", 0, 1e5, 1000, minOpen: true);
        var starts = Opt.Whole("--starts", "initial guesses of the stationary-state search per point", "", 1, 100, 3);
        return
        [
            cli.Command("siegert", "single-thread Siegert evaluations per second over mu in [-20, 40] mV, sigma in [0.1, 50] mV",
                pr => Siegert(cli, pr.GetValue(n), pr.GetValue(reps)), null, n, reps),
            cli.Command("phase-diagram", "Brunel (2000) Fig. 2 phase diagram on an n x n grid: wall and CPU seconds, regime counts",
                pr => PhaseDiagram(cli, pr.GetValue(grid), pr.GetValue(fmax), pr.GetValue(starts)),
                "a smaller --max-frequency or --n.", grid, fmax, starts),
        ];
    }

    /// <summary>Single-thread Siegert evaluations per second over μ ∈ [−20, 40] mV, σ ∈ [0.1, 50] mV
    /// (log-uniform), array API.</summary>
    static int Siegert(Cli cli, int n, int reps)
    {
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
            times.Add(Math.Max(sw.Elapsed.TotalSeconds, 1e-9));
            check += rates.Sum();
        }
        times.Sort();
        double med = times[times.Count / 2];
        cli.Out.WriteLine(Fmt.Line(("bench", "siegert"), ("n", n), ("reps", reps), ("median_s", med), ("evals_per_s", n / med), ("checksum", check)));
        return 0;
    }

    /// <summary>Brunel (2000) Fig. 2 phase diagram: n × n grid over g ∈ [0, 8], ν_ext/ν_thr ∈ [0, 4] (the paper's axes;
    /// ratio starts at 0.05), all stationary states and their stability (the SR instabilities lie near twice the rate,
    /// above 500 Hz, hence the default f_max = 1000 Hz).</summary>
    static int PhaseDiagram(Cli cli, int n, double fmax, int starts)
    {
        var g = Enumerable.Range(0, n).Select(i => 8.0 * i / (n - 1)).ToArray();
        var q = Enumerable.Range(0, n).Select(i => 0.05 + 3.95 * i / (n - 1)).ToArray();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var pd = BrunelPhaseDiagram.Compute(BrunelNetwork.ModelA, g, q, fmax, starts);
        double t = sw.Elapsed.TotalSeconds;
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        var counts = string.Join(" ", pd.Regime.Cast<string>().GroupBy(s => s).OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => $"{x.Key}={x.Count()}"));
        cli.Out.WriteLine(Fmt.Line(("bench", "phase-diagram"), ("n", n), ("threads", Environment.ProcessorCount), ("seconds", t), ("cpu_seconds", cpu)) + " " + counts);
        return 0;
    }
}
