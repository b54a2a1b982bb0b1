using Theory.Numerics;

namespace Theory.Metabolic;

/// <summary>Avalanches of a binned population spike count: sizes (spikes), durations (s), the
/// branching ratio and the bin width used.</summary>
/// <param name="BinWidth">Bin width, s.</param>
/// <param name="Counts">Population spike count of each bin.</param>
/// <param name="Sizes">Size of each avalanche: its number of spikes.</param>
/// <param name="Durations">Duration of each avalanche, s (whole bins).</param>
/// <param name="BranchingRatio">Branching ratio σ, the mean over non-empty bins t of n_{t+1}/n_t.</param>
public sealed record AvalancheStatistics(double BinWidth, int[] Counts, int[] Sizes, double[] Durations, double BranchingRatio)
{
    /// <summary>Durations in bins (integers ≥ 1).</summary>
    public int[] DurationBins => Durations.Select(d => (int)Math.Round(d / BinWidth)).ToArray();
}

/// <summary>Power-law fits of avalanche sizes and durations.</summary>
/// <param name="Size">Fit of the avalanche sizes (spikes; discrete).</param>
/// <param name="Duration">Fit of the avalanche durations (s).</param>
public sealed record AvalancheFits(PowerLawFit Size, PowerLawFit Duration);

/// <summary>Model comparisons (Clauset et al. 2009 Sec. 5) of avalanche sizes and durations.</summary>
/// <param name="Size">Comparison of the avalanche sizes.</param>
/// <param name="Duration">Comparison of the avalanche durations.</param>
public sealed record AvalancheComparisons(PowerLawComparison Size, PowerLawComparison Duration);

/// <summary>Crackling-noise check (Sethna et al. 2001; Friedman et al. 2012): the mean size at
/// duration T scales as ⟨S⟩(T) ∝ T^γ with γ = (α_T − 1)/(α_S − 1) predicted from the size and
/// duration exponents; <see cref="FittedGamma"/> is the log–log least-squares slope.</summary>
/// <param name="SizeExponent">Power-law exponent α_S of the sizes.</param>
/// <param name="DurationExponent">Power-law exponent α_T of the durations.</param>
/// <param name="PredictedGamma">γ = (α_T − 1)/(α_S − 1).</param>
/// <param name="FittedGamma">Log–log least-squares slope of ⟨S⟩(T).</param>
public sealed record CracklingNoise(double SizeExponent, double DurationExponent, double PredictedGamma, double FittedGamma);

/// <summary>
/// Neuronal avalanches (Beggs &amp; Plenz 2003) as the paper analyses them
/// (Chintaluri &amp; Vogels 2023, <c>avalan_props.py</c>: <c>process_data</c>, <c>calc_avalan</c>):
/// spikes are counted in bins (t_b, t_b + Δ] from t = 0; an avalanche is a maximal run of
/// non-empty bins; its size is its spike count and its duration the run length times Δ. The
/// branching ratio is σ = mean over non-empty bins t of n_{t+1}/n_t.
/// </summary>
public static class Avalanches
{
    /// <summary>Bins spike times (s) over [0, duration) with width Δ (s); the paper uses Δ = 1 ms.</summary>
    public static int[] Bin(double[] spikeTimes, double duration, double binWidth)
    {
        Guard.NotNull(spikeTimes); Guard.AllFinite(spikeTimes);
        Guard.Positive(duration); Guard.Positive(binWidth);
        int nb = (int)Math.Ceiling(duration / binWidth - 1e-9);
        var c = new int[nb];
        foreach (var t in spikeTimes)
        {
            if (t < 0 || t > duration) continue;
            // (t_b, t_b + Δ]: a spike exactly on a bin edge belongs to the earlier bin
            int b = (int)Math.Ceiling(t / binWidth - 1e-9) - 1;
            if (b < 0) b = 0;
            if (b < nb) c[b]++;
        }
        return c;
    }

    /// <summary>Avalanches of a binned count sequence.</summary>
    public static AvalancheStatistics FromCounts(int[] counts, double binWidth)
    {
        Guard.NotNull(counts); Guard.Positive(binWidth);
        for (int i = 0; i < counts.Length; i++)
            if (counts[i] < 0) throw new ArgumentException($"counts[{i}] = {counts[i]} is invalid: counts must be >= 0.", nameof(counts));
        var sizes = new List<int>();
        var durs = new List<double>();
        int run = 0, size = 0;
        double ratioSum = 0; int ratioN = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            if (counts[i] > 0)
            {
                run++; size += counts[i];
                if (i + 1 < counts.Length) { ratioSum += (double)counts[i + 1] / counts[i]; ratioN++; }
            }
            else if (run > 0) { sizes.Add(size); durs.Add(run * binWidth); run = 0; size = 0; }
        }
        if (run > 0) { sizes.Add(size); durs.Add(run * binWidth); }
        double sigma = ratioN > 0 ? ratioSum / ratioN : 0;
        return new(binWidth, counts, sizes.ToArray(), durs.ToArray(), sigma);
    }

    /// <summary>Avalanches of spike times (s) binned at Δ over [0, duration).</summary>
    public static AvalancheStatistics FromSpikes(double[] spikeTimes, double duration, double binWidth = 1e-3) =>
        FromCounts(Bin(spikeTimes, duration, binWidth), binWidth);

    /// <summary>Mean inter-event interval of the merged spike train (s), the binning of Beggs &amp; Plenz.</summary>
    public static double MeanInterEventInterval(double[] spikeTimes)
    {
        Guard.NotNull(spikeTimes);
        if (spikeTimes.Length < 2) throw new ArgumentException($"spikeTimes.Length = {spikeTimes.Length} is invalid: at least 2 spikes are needed.", nameof(spikeTimes));
        var s = (double[])spikeTimes.Clone(); Array.Sort(s);
        return (s[^1] - s[0]) / (s.Length - 1);
    }

    /// <summary>
    /// The paper's fits (Chintaluri &amp; Vogels 2023, <c>avalan_props.compute_powerlaw_fits</c>): 1 is added to
    /// every size and to every duration in ms, then <c>powerlaw.Fit(…, discrete=True, xmin=1)</c> (package
    /// v1.4.6) is applied, whose default estimate is α̂ = 1 + n/Σ ln(xᵢ/(x_min − ½)) (Clauset et al. 2009,
    /// Eq. 3.7; <see cref="PowerLaw.FitDiscreteApproximation"/>). Returns (size fit, duration fit); the fits
    /// refer to the shifted values. Durations are counted in ms, so Δ must be a whole number of ms.
    /// </summary>
    public static AvalancheFits PaperFits(AvalancheStatistics a)
    {
        Guard.NotNull(a);
        double binMs = a.BinWidth * 1e3;
        if (Math.Abs(binMs - Math.Round(binMs)) > 1e-9 || binMs < 1)
            throw new ArgumentException($"a.BinWidth = {a.BinWidth} s is invalid: the paper's analysis needs a whole number of milliseconds.", nameof(a));
        var s = a.Sizes.Select(v => v + 1.0).ToArray();
        var d = a.DurationBins.Select(v => v * Math.Round(binMs) + 1.0).ToArray();
        return new(PowerLaw.FitDiscreteApproximation(s, 1), PowerLaw.FitDiscreteApproximation(d, 1));
    }

    /// <summary>Clauset et al. 2009 Sec. 5 model comparison of the sizes and of the durations (bins), discrete,
    /// above x_min (default 1): power law against exponential, log-normal and truncated power law.</summary>
    public static AvalancheComparisons CompareModels(AvalancheStatistics a, double xmin = 1)
    {
        Guard.NotNull(a);
        return new(PowerLawComparison.Run(a.Sizes.Select(v => (double)v).ToArray(), PowerLawKind.Discrete, xmin),
                PowerLawComparison.Run(a.DurationBins.Select(v => (double)v).ToArray(), PowerLawKind.Discrete, xmin));
    }

    /// <summary>Size and duration exponents (discrete fits with x_min chosen by KS, or fixed) and
    /// the crackling-noise relation.</summary>
    public static CracklingNoise Crackling(AvalancheStatistics a, double? sizeXMin = null, double? durationXMin = null)
    {
        Guard.NotNull(a);
        var fs = PowerLaw.Fit(a.Sizes.Select(v => (double)v).ToArray(), PowerLawKind.Discrete, sizeXMin);
        var ft = PowerLaw.Fit(a.DurationBins.Select(v => (double)v).ToArray(), PowerLawKind.Discrete, durationXMin);
        double predicted = (ft.Alpha - 1) / (fs.Alpha - 1);
        var groups = a.DurationBins.Zip(a.Sizes).GroupBy(p => p.First).Where(g => g.Count() > 0).ToArray();
        if (groups.Length < 2)
            throw new ArgumentException("a is invalid: avalanches of at least two distinct durations are needed.", nameof(a));
        var lx = groups.Select(g => Math.Log(g.Key)).ToArray();
        var ly = groups.Select(g => Math.Log(g.Average(p => (double)p.Second))).ToArray();
        var (_, slope) = MathNet.Numerics.Fit.Line(lx, ly);
        return new(fs.Alpha, ft.Alpha, predicted, slope);
    }
}
