namespace Theory.Metabolic;

/// <summary>Firing modes of the RET (surplus-driven) metabolic neuron, numbered as the paper's code
/// (<c>ret_intrinsic_summary.process_spikes</c>: 0 Bursting, 1 Silent, 2 Regular, 3 Continuous).</summary>
public enum RetFiringMode
{
    /// <summary>Some ISIs at the refractory period and at least two that are not: runs of refractory-limited spikes separated by gaps.</summary>
    Bursting = 0,
    /// <summary>Fewer than two spikes after the transient (no ISI).</summary>
    Silent = 1,
    /// <summary>At least one ISI and none at the refractory period: tonic firing below the maximal rate.</summary>
    Regular = 2,
    /// <summary>ISIs at the refractory period and at most one that is not: firing at the maximal rate.</summary>
    Continuous = 3,
}

/// <summary>Firing modes of the FET (current-clamped) metabolic neuron, numbered as the paper's code
/// (<c>fet_intrinsic_summary.process_spikes_fet</c>: 2 Regular, 3 Silent, 4 Adapting).</summary>
public enum FetFiringMode
{
    /// <summary>An exactly periodic train after the transient (CV ≤ 1e-8).</summary>
    Regular = 2,
    /// <summary>Fewer than two spikes after the transient.</summary>
    Silent = 3,
    /// <summary>Spikes with varying ISIs after the transient (CV &gt; 1e-8).</summary>
    Adapting = 4,
}

/// <summary>Summary of a RET spike train: the mode; the intra-burst ISI (s; the minimum ISI when bursting,
/// the last ISI when regular, 0 when silent); the inter-burst interval (s; the maximum ISI when bursting,
/// the analysed span when continuous, the last ISI when regular); spikes per burst; CV of the ISIs
/// (NaN when silent); rate (Hz, spikes after the transient over the analysed span; 0 with fewer than 2 spikes).</summary>
/// <param name="Mode">The RET firing mode.</param>
/// <param name="IsiDuration">Intra-burst ISI, s (see the summary).</param>
/// <param name="IbiDuration">Inter-burst interval, s (see the summary).</param>
/// <param name="SpikesPerBurst">Spikes per burst.</param>
/// <param name="Cv">CV of the ISIs (NaN when silent).</param>
/// <param name="RateHz">Rate, Hz.</param>
public sealed record RetFiringSummary(RetFiringMode Mode, double IsiDuration, double IbiDuration, int SpikesPerBurst, double Cv, double RateHz);

/// <summary>Summary of a FET spike train: the mode, the minimum and maximum ISI (s; NaN when silent), the CV of
/// the ISIs (NaN when silent) and the rate 1/ISI_max (Hz; 0 when silent), as the paper's code.</summary>
/// <param name="Mode">The FET firing mode.</param>
/// <param name="IsiMin">Minimum ISI, s (NaN when silent).</param>
/// <param name="IsiMax">Maximum ISI, s (NaN when silent).</param>
/// <param name="Cv">CV of the ISIs (NaN when silent).</param>
/// <param name="RateHz">Rate 1/ISI_max, Hz (0 when silent).</param>
public sealed record FetFiringSummary(FetFiringMode Mode, double IsiMin, double IsiMax, double Cv, double RateHz);

/// <summary>
/// The firing-mode classification of Chintaluri &amp; Vogels 2023 (Fig. 2 maps and Fig. S2; code
/// <c>ret_intrinsic_summary.process_spikes</c> and <c>fet_intrinsic_summary.process_spikes_fet</c>).
/// CV = SD/mean of the ISIs with the population SD (Vogels et al. 2005, as the code's <c>np.std</c>).
/// <para>RET: spikes after the transient (strictly later); an ISI is "at the refractory period" when
/// |ISI − τ_ref| ≤ 0.1 τ_ref + 1e-8 ms (<c>np.isclose(isi, refrac, rtol=0.1)</c>). If any ISI is, the cell
/// bursts: Bursting when at least two ISIs are not at τ_ref (spikes per burst = the index distance of the
/// last two such ISIs), otherwise Continuous (spikes per burst = ⌊span/ISI_min⌋). Without such an ISI the
/// cell is Regular (≥ 1 ISI) or Silent.</para>
/// <para>FET: spikes after the transient (strictly later); Regular when CV ≤ 1e-8 (the code's
/// <c>np.isclose(cv, 0, rtol=0.1)</c>, whose absolute tolerance is 1e-8: only an exactly periodic train
/// counts as regular), otherwise Adapting; Silent with fewer than 2 spikes.</para>
/// </summary>
public static class FiringModes
{
    /// <summary>Classifies a RET spike train (times in s) of a run of the given duration (s) with refractory
    /// period τ_ref (s), ignoring spikes at or before the transient (s; the code's 500 ms).</summary>
    public static RetFiringSummary ClassifyRet(double[] spikeTimes, double refractory, double duration, double transient = 0.5)
    {
        Guard.NotNull(spikeTimes); Guard.AllFinite(spikeTimes);
        Guard.Positive(refractory);
        Guard.NonNegative(transient);
        if (!(duration > transient))
            throw new ArgumentException($"duration = {duration} is invalid: it must exceed transient = {transient}.", nameof(duration));
        var s = spikeTimes.Where(t => t > transient).ToArray();
        double span = duration - transient;
        var isi = Isis(s);
        if (isi.Length == 0) return new(RetFiringMode.Silent, 0, 0, 0, double.NaN, 0);
        double rate = s.Length / span;
        // np.isclose(a, b, rtol) = |a − b| ≤ 1e-8 + rtol |b|, in the code's ms
        var atRefractory = isi.Select(d => Math.Abs(d - refractory) * 1e3 <= 1e-8 + 0.1 * refractory * 1e3).ToArray();
        double cv = Cv(isi);
        if (atRefractory.Any(b => b))
        {
            var other = Enumerable.Range(0, isi.Length).Where(k => !atRefractory[k]).ToArray();
            double min = isi.Min();
            if (other.Length >= 2)
                return new(RetFiringMode.Bursting, min, isi.Max(), other[^1] - other[^2], cv, rate);
            return new(RetFiringMode.Continuous, min, span, (int)Math.Floor(span / min), cv, rate);
        }
        return new(RetFiringMode.Regular, isi[^1], isi[^1], 1, cv, rate);
    }

    /// <summary>Classifies a FET spike train (times in s), ignoring spikes at or before the transient (s; the code's 100 ms).</summary>
    public static FetFiringSummary ClassifyFet(double[] spikeTimes, double transient = 0.1)
    {
        Guard.NotNull(spikeTimes); Guard.AllFinite(spikeTimes);
        Guard.NonNegative(transient);
        var isi = Isis(spikeTimes.Where(t => t > transient).ToArray());
        if (isi.Length == 0) return new(FetFiringMode.Silent, double.NaN, double.NaN, double.NaN, 0);
        double cv = Cv(isi), max = isi.Max();
        return new(cv <= 1e-8 ? FetFiringMode.Regular : FetFiringMode.Adapting, isi.Min(), max, cv, 1 / max);
    }

    /// <summary>Coefficient of variation SD/mean of intervals (population SD; NaN for none).</summary>
    public static double Cv(double[] intervals)
    {
        Guard.NotNull(intervals);
        if (intervals.Length == 0) return double.NaN;
        double mean = intervals.Average();
        double ss = intervals.Sum(d => (d - mean) * (d - mean));
        return Math.Sqrt(ss / intervals.Length) / mean;
    }

    static double[] Isis(double[] s)
    {
        var isi = new double[Math.Max(0, s.Length - 1)];
        for (int k = 1; k < s.Length; k++) isi[k - 1] = s[k] - s[k - 1];
        return isi;
    }
}
