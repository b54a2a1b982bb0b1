using Theory.Experiments.Sweeps;
using Theory.Metabolic;
using Theory.Numerics;

namespace Theory.Experiments.Metabolic;

/// <summary>
/// What Chintaluri &amp; Vogels 2023 report for their network (N = 10 000, w_e = 0.3, w_i = 5, A_max = 25 mV,
/// τ_A = 300 ms, K ~ N(200, 50) mV, p = 0.02, 3 Hz input for the first 5 of 10 s, one realization each):
/// <list type="bullet">
/// <item>Fig. 5 (network figure, panels of <c>fig3_nw.py</c>; the code's "Figure3_nw"): α_D = 1.41 and α_S = 1.29,
/// printed as <c>str(alpha)[:4]</c>, i.e. truncated: α_D ∈ [1.41, 1.42), α_S ∈ [1.29, 1.30);</item>
/// <item>the stored summary of the (w_e, w_i) sweep, <c>netsim_results/20/20_25_300_200_50.npz</c>, entry
/// (w_e = 0.3, w_i = 5), another realization of the same network: α_D = 1.380 (second half), branching factor
/// 1.073, mean rates 5.862 Hz (with input) and 4.334 Hz (without).</item>
/// </list>
/// All exponents come from the paper's analysis (<see cref="Avalanches.PaperFits"/>).
/// </summary>
public static class ChintaluriVogels2023Network
{
    /// <summary>Fig. 5, duration exponent as printed (truncated to two decimals).</summary>
    public const double FigureDurationAlpha = 1.41;
    /// <summary>Fig. 5, size exponent as printed (truncated to two decimals).</summary>
    public const double FigureSizeAlpha = 1.29;
    /// <summary>Sweep summary at (0.3, 5): duration exponent of the input-free half.</summary>
    public const double SweepDurationAlpha = 1.37953;
    /// <summary>Sweep summary at (0.3, 5): branching factor of the input-free half.</summary>
    public const double SweepBranchingRatio = 1.07271;
    /// <summary>Sweep summary at (0.3, 5): mean rate with input (Hz).</summary>
    public const double SweepRateWithInputHz = 5.862;
    /// <summary>Sweep summary at (0.3, 5): mean rate without input (Hz).</summary>
    public const double SweepRateWithoutInputHz = 4.334;
}

/// <summary>One realization of the network, analysed: rates, branching ratio, avalanche count, exponents by the
/// exact discrete MLE at x_min = 1 and by the paper's analysis, and the model comparisons (x_min = 1).</summary>
/// <param name="Seed">The realization's seed.</param>
/// <param name="RateWithInputHz">Mean rate with input (first half), Hz.</param>
/// <param name="RateWithoutInputHz">Mean rate without input (second half), Hz.</param>
/// <param name="BranchingRatio">Branching ratio σ of the second half.</param>
/// <param name="AvalancheCount">Number of avalanches in the second half.</param>
/// <param name="SizeFit">Discrete MLE power-law fit of the sizes at x_min = 1.</param>
/// <param name="DurationFit">Discrete MLE power-law fit of the durations at x_min = 1.</param>
/// <param name="PaperSizeFit">Size exponent by the paper's analysis.</param>
/// <param name="PaperDurationFit">Duration exponent by the paper's analysis.</param>
/// <param name="SizeComparison">Model comparison of the sizes (x_min = 1).</param>
/// <param name="DurationComparison">Model comparison of the durations (x_min = 1).</param>
/// <param name="RunSeconds">Wall time of the simulation, s.</param>
public sealed record MetabolicNetworkRealization(ulong Seed, double RateWithInputHz, double RateWithoutInputHz, double BranchingRatio,
    int AvalancheCount, PowerLawFit SizeFit, PowerLawFit DurationFit, PowerLawFit PaperSizeFit, PowerLawFit PaperDurationFit,
    PowerLawComparison SizeComparison, PowerLawComparison DurationComparison, double RunSeconds);

/// <summary>Mean, standard deviation and standard error of the mean over realizations.</summary>
/// <param name="Mean">Mean over realizations.</param>
/// <param name="StandardDeviation">Sample standard deviation over realizations (n − 1 in the denominator).</param>
/// <param name="StandardError">Standard error of the mean.</param>
/// <param name="Count">Number of realizations (≥ 2).</param>
public sealed record EnsembleStatistic(double Mean, double StandardDeviation, double StandardError, int Count)
{
    /// <summary>From the values of the realizations (at least 2).</summary>
    public static EnsembleStatistic Of(IReadOnlyList<double> v)
    {
        Guard.NotNull(v);
        if (v.Count < 2) throw new ArgumentException($"v.Count = {v.Count} is invalid: at least 2 values are needed.", nameof(v));
        double m = v.Average();
        double sd = Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / (v.Count - 1));
        return new(m, sd, sd / Math.Sqrt(v.Count), v.Count);
    }
}

/// <summary>
/// Several realizations (seeds) of <see cref="MetabolicNetworkSimulation"/>: avalanche exponents of the input-free
/// half with their spread across seeds, for comparison with the single realizations of the paper
/// (<see cref="ChintaluriVogels2023Network"/>).
/// </summary>
/// <param name="Config">The network; its seed is replaced by each of <paramref name="Seeds"/>.</param>
/// <param name="Seeds">One seed per realization.</param>
public sealed record MetabolicNetworkEnsemble(MetabolicNetworkSimulation Config, ulong[] Seeds)
{
    /// <summary>Runs every seed and analyses it: the seeds are the points of a <see cref="Sweep"/> on every core (each
    /// network has its own seed, so the realizations are those of a sequential loop); <paramref name="done"/> is called
    /// (serialized) as each finishes, with the count so far. Realizations come back in seed order.</summary>
    public MetabolicNetworkEnsembleResult Run(Action<int, MetabolicNetworkRealization>? done = null, SweepOptions? options = null)
    {
        Guard.NotNull(Config); Guard.NotNull(Seeds);
        if (Seeds.Length < 2) throw new ArgumentException($"Seeds.Length = {Seeds.Length} is invalid: at least 2 seeds are needed.", nameof(Seeds));
        var found = new MetabolicNetworkRealization[Seeds.Length];
        var points = Seeds.Select((s, id) => new SweepPoint(id, [new KeyValuePair<string, double>("seed", s)])).ToArray();
        var o = (options ?? new SweepOptions()) with { Progress = done is null ? null : (rec, k, _) => { if (rec.Ok) done(k, found[rec.Id]); } };
        // the fits are objects, not table cells: the sweep runs the seeds in parallel and the realizations are kept here
        var result = Sweep.Run(points, p =>
        {
            var real = Realize(Seeds[p.Id]);
            found[p.Id] = real;
            return new SweepRow().Add("rate_with_input_hz", real.RateWithInputHz).Add("branching", real.BranchingRatio);
        }, folder: null, o, "metabolic-network-ensemble " + Config);
        foreach (var rec in result.Records)
            if (rec is not { Ok: true }) throw new InvalidOperationException($"MetabolicNetworkEnsemble: seed {rec?.Point} failed: {rec?.Error}");
        return new(this, found);
    }

    MetabolicNetworkRealization Realize(ulong seed)
    {
        var r = (Config with { Seed = seed }).Run(fitXMinByKs: false, bootstraps: 0);
        var av = r.Avalanches;
        var paper = Avalanches.PaperFits(av);
        var cmp = Avalanches.CompareModels(av);
        return new MetabolicNetworkRealization(seed, r.RateWithInputHz, r.RateWithoutInputHz, av.BranchingRatio, av.Sizes.Length,
            PowerLaw.Fit(av.Sizes.Select(v => (double)v).ToArray(), PowerLawKind.Discrete, 1.0),
            PowerLaw.Fit(av.DurationBins.Select(v => (double)v).ToArray(), PowerLawKind.Discrete, 1.0), paper.Size, paper.Duration, cmp.Size, cmp.Duration, r.RunSeconds);
    }
}

/// <summary>The realizations and their ensemble statistics.</summary>
/// <param name="Ensemble">The ensemble run.</param>
/// <param name="Realizations">One analysed realization per seed.</param>
public sealed record MetabolicNetworkEnsembleResult(MetabolicNetworkEnsemble Ensemble, MetabolicNetworkRealization[] Realizations)
{
    EnsembleStatistic Of(Func<MetabolicNetworkRealization, double> f) => EnsembleStatistic.Of(Realizations.Select(f).ToArray());
    /// <summary>Paper's analysis: size exponent.</summary>
    public EnsembleStatistic PaperSizeAlpha => Of(r => r.PaperSizeFit.Alpha);
    /// <summary>Paper's analysis: duration exponent.</summary>
    public EnsembleStatistic PaperDurationAlpha => Of(r => r.PaperDurationFit.Alpha);
    /// <summary>Exact discrete MLE, raw values, x_min = 1: size exponent.</summary>
    public EnsembleStatistic SizeAlpha => Of(r => r.SizeFit.Alpha);
    /// <summary>Exact discrete MLE, raw values, x_min = 1: duration exponent.</summary>
    public EnsembleStatistic DurationAlpha => Of(r => r.DurationFit.Alpha);
    /// <summary>Branching ratio.</summary>
    public EnsembleStatistic BranchingRatio => Of(r => r.BranchingRatio);
    /// <summary>Rate with input (Hz).</summary>
    public EnsembleStatistic RateWithInputHz => Of(r => r.RateWithInputHz);
    /// <summary>Rate without input (Hz).</summary>
    public EnsembleStatistic RateWithoutInputHz => Of(r => r.RateWithoutInputHz);
}
