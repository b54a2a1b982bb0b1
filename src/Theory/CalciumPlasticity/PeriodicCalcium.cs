namespace Theory.CalciumPlasticity;

/// <summary>
/// A stimulation motif repeated with a period: presynaptic spike times (the calcium transient
/// arrives D later) and postsynaptic spike times within one period, in s.
/// </summary>
/// <param name="PreTimes">Presynaptic spike times in [0, Period) (s).</param>
/// <param name="PostTimes">Postsynaptic spike times in [0, Period) (s).</param>
/// <param name="Period">Repetition period T = 1/f (s).</param>
public sealed record SpikeMotif(double[] PreTimes, double[] PostTimes, double Period)
{
    /// <summary>One pre/post pair with Δt = t_post − t_pre (s), repeated at
    /// <paramref name="frequency"/> (Hz); |Δt| must be below the period.</summary>
    public static SpikeMotif Pair(double deltaT, double frequency)
    {
        Guard.Positive(frequency);
        double period = 1.0 / frequency;
        Guard.InRange(deltaT, -period, period);
        return deltaT >= 0 ? new([0.0], [deltaT], period) : new([-deltaT], [0.0], period);
    }

    /// <summary>One presynaptic spike and a postsynaptic burst of two spikes
    /// <paramref name="burstIsi"/> apart (s), repeated at <paramref name="frequency"/> (Hz)
    /// (Graupner &amp; Brunel 2012, Fig. 3, after Wittenberg &amp; Wang 2006). Δt = t_post − t_pre (s)
    /// is measured to the post spike named by <paramref name="reference"/>: to the second by
    /// default, as in the paper's Fig. 3 (the authors' code, mgraupe/CalciumBasedPlasticityModel,
    /// switches from post-post-pre to post-pre-post at Δt − D = 0 and to pre-post-post at
    /// Δt − D = burstIsi), so the posts sit at Δt − isi and Δt; with
    /// <see cref="BurstReference.FirstPost"/> they sit at Δt and Δt + isi.</summary>
    public static SpikeMotif Burst(double deltaT, double frequency, double burstIsi = 0.0115,
        BurstReference reference = BurstReference.SecondPost)
    {
        Guard.Positive(frequency);
        double period = 1.0 / frequency;
        if (!(burstIsi > 0 && burstIsi < period))
            throw new ArgumentException($"burstIsi = {burstIsi} s is invalid: it must be in (0, {period}) s, below the period 1/frequency.", nameof(burstIsi));
        Guard.InRange(deltaT, -period, period);
        double first = reference switch
        {
            BurstReference.SecondPost => deltaT - burstIsi,
            BurstReference.FirstPost => deltaT,
            _ => throw new ArgumentException($"reference = {reference} is invalid: it must be SecondPost or FirstPost.", nameof(reference)),
        };
        return new([0.0], [first, first + burstIsi], period);
    }

    /// <summary>Triplets (Froemke &amp; Dan 2002; Wang et al. 2005): pre-post-post with one pre
    /// spike at 0 and posts at Δt₁ and Δt₁ + Δt₂, or post-pre-post etc.; any ordering is expressed
    /// by giving the spike times relative to the first spike of the motif.</summary>
    public static SpikeMotif Of(double[] preTimes, double[] postTimes, double frequency)
    {
        Guard.Positive(frequency);
        return new SpikeMotif(preTimes, postTimes, 1.0 / frequency);
    }

    internal void Validate()
    {
        Guard.Positive(Period);
        if (PreTimes is null || PostTimes is null)
            throw new ArgumentException("PreTimes and PostTimes must not be null.", nameof(PreTimes));
        foreach (var t in PreTimes) Guard.Finite(t, nameof(PreTimes));
        foreach (var t in PostTimes) Guard.Finite(t, nameof(PostTimes));
    }
}

/// <summary>The post spike of a burst to which a burst protocol's Δt = t_post − t_pre is measured.</summary>
public enum BurstReference
{
    /// <summary>Δt to the second (last) post spike: Graupner &amp; Brunel 2012, Fig. 3, and the
    /// authors' code. The default.</summary>
    SecondPost,
    /// <summary>Δt to the first post spike of the burst (this project's convention before issue #14).</summary>
    FirstPost,
}

/// <summary>Time fractions of a calcium trace above the depression and potentiation thresholds.</summary>
/// <param name="AlphaD">α_d, fraction of time with c &gt; θ_d.</param>
/// <param name="AlphaP">α_p, fraction of time with c &gt; θ_p.</param>
public sealed record TimeFractions(double AlphaD, double AlphaP);

/// <summary>
/// Exact calcium trace of a periodically repeated spike motif (Graupner &amp; Brunel 2012, SI
/// "time spent above threshold"; Graupner et al. 2016 for the nonlinear boost). The state
/// (c_pre, c) decays by e^{−s/τ_Ca} between events; a presynaptic arrival adds C_pre to both,
/// a postsynaptic spike adds C_post + η c_pre(t⁻) to c. Over a period the map is affine,
/// x ↦ M x + b, so the periodic (steady) state is x* = (I − M)⁻¹ b, solved exactly; between
/// events c(t) = c⁺ e^{−s/τ_Ca}, so the time above θ in a gap of length L is
/// min(L, max(0, τ_Ca ln(c⁺/θ))). Coincident pre arrival and post spike: pre first.
/// </summary>
public static class PeriodicCalcium
{
    /// <summary>α_d and α_p of the periodic steady state of <paramref name="motif"/>.</summary>
    public static TimeFractions Fractions(GraupnerBrunelParameters p, SpikeMotif motif)
    {
        Guard.NotNull(p); Guard.NotNull(motif);
        p.Validate(); motif.Validate();
        var (times, isPre) = Events(p, motif);
        int n = times.Length;
        double T = motif.Period;
        if (n == 0) return new TimeFractions(0, 0);
        // Affine period map from just before the first event to just before it one period later.
        double m00 = 1, m01 = 0, m10 = 0, m11 = 1, b0 = 0, b1 = 0;
        for (int k = 0; k < n; k++)
        {
            Jump(p, isPre[k], ref m00, ref m01, ref m10, ref m11, ref b0, ref b1);
            double gap = (k + 1 < n ? times[k + 1] : times[0] + T) - times[k];
            double e = Math.Exp(-gap / p.TauCa);
            m00 *= e; m01 *= e; m10 *= e; m11 *= e; b0 *= e; b1 *= e;
        }
        double a00 = 1 - m00, a01 = -m01, a10 = -m10, a11 = 1 - m11;
        double det = a00 * a11 - a01 * a10;
        double x0 = (a11 * b0 - a01 * b1) / det, x1 = (a00 * b1 - a10 * b0) / det;
        double aboveD = 0, aboveP = 0;
        for (int k = 0; k < n; k++)
        {
            if (isPre[k]) { x0 += p.CPre; x1 += p.CPre; }
            else x1 += p.CPost + p.Eta * x0;
            double gap = (k + 1 < n ? times[k + 1] : times[0] + T) - times[k];
            aboveD += TimeAbove(x1, p.ThetaD, gap, p.TauCa);
            aboveP += TimeAbove(x1, p.ThetaP, gap, p.TauCa);
            double e = Math.Exp(-gap / p.TauCa);
            x0 *= e; x1 *= e;
        }
        return new TimeFractions(Math.Min(1, aboveD / T), Math.Min(1, aboveP / T));
    }

    /// <summary>Time (s) that c(t) = c⁺ e^{−s/τ} spends above θ during a gap of length L (s).</summary>
    public static double TimeAbove(double cPlus, double theta, double gap, double tauCa)
    {
        if (!(cPlus > theta)) return 0;
        return Math.Min(gap, tauCa * Math.Log(cPlus / theta));
    }

    static void Jump(GraupnerBrunelParameters p, bool pre,
        ref double m00, ref double m01, ref double m10, ref double m11, ref double b0, ref double b1)
    {
        if (pre) { b0 += p.CPre; b1 += p.CPre; return; }
        // c += C_post + η c_pre: row 1 += η row 0.
        m10 += p.Eta * m00; m11 += p.Eta * m01; b1 += p.CPost + p.Eta * b0;
    }

    /// <summary>Calcium events of one period, sorted in [0, T), pre arrivals before posts at ties.</summary>
    internal static (double[] Times, bool[] IsPre) Events(GraupnerBrunelParameters p, SpikeMotif motif)
    {
        double T = motif.Period;
        var list = new List<(double t, int order)>();
        foreach (var t in motif.PreTimes) list.Add((Wrap(t + p.Delay, T), 0));
        foreach (var t in motif.PostTimes) list.Add((Wrap(t, T), 1));
        list.Sort((x, y) => x.t != y.t ? x.t.CompareTo(y.t) : x.order.CompareTo(y.order));
        return (list.Select(e => e.t).ToArray(), list.Select(e => e.order == 0).ToArray());
    }

    static double Wrap(double t, double T)
    {
        double r = t - Math.Floor(t / T) * T;
        return r >= T ? 0 : r;
    }
}
