namespace Theory.CalciumPlasticity;

/// <summary>One point of an STDP curve: the protocol's Δt (s), frequency (Hz) and outcome.</summary>
/// <param name="DeltaT">Spike-timing difference Δt = t_post − t_pre of the protocol, s.</param>
/// <param name="Frequency">Pairing frequency, Hz.</param>
/// <param name="Outcome">The resulting synaptic change.</param>
public sealed record StdpPoint(double DeltaT, double Frequency, SynapticChange Outcome)
{
    /// <summary>Ratio of mean weight after/before.</summary>
    public double Change => Outcome.Change;
}

/// <summary>
/// STDP curves of the calcium rule, exact for deterministic periodic protocols: α_d, α_p from
/// <see cref="PeriodicCalcium"/>, then the closed form of <see cref="SynapticChange"/> with
/// T = pairs/f (Graupner &amp; Brunel 2012, Figs. 2 and 4; 60 pairs at 1 Hz in Fig. 2, 75 pairs
/// in Fig. 4B).
/// </summary>
public static class StdpCurve
{
    /// <summary>Change of efficacy of <paramref name="pairs"/> pre/post pairs at
    /// <paramref name="frequency"/> (Hz) with Δt = t_post − t_pre (s).</summary>
    public static StdpPoint Pair(GraupnerBrunelParameters p, double deltaT, double frequency = 1.0, int pairs = 60)
    {
        Guard.Positive(pairs);
        var f = PeriodicCalcium.Fractions(p, SpikeMotif.Pair(deltaT, frequency));
        return new StdpPoint(deltaT, frequency, SynapticChange.Of(p, f, pairs / frequency));
    }

    /// <summary>The STDP curve over Δt ∈ [from, to] (s) at <paramref name="points"/> equally spaced
    /// values; Δt is clipped to ±T/2 as in the paper's Fig. 2.</summary>
    public static StdpPoint[] Curve(GraupnerBrunelParameters p, double from = -0.1, double to = 0.1, int points = 201,
        double frequency = 1.0, int pairs = 60)
    {
        Guard.Finite(from); Guard.Finite(to); Guard.Positive(frequency);
        Guard.InRange(points, 2, 10_000_000);
        if (!(to > from)) throw new ArgumentException($"to = {to} s is invalid: it must be > from = {from} s.", nameof(to));
        double half = 0.5 / frequency;
        return Enumerable.Range(0, points).Select(i =>
        {
            double dt = Math.Clamp(from + (to - from) * i / (points - 1), -half, half);
            return Pair(p, dt, frequency, pairs);
        }).ToArray();
    }

    /// <summary>Change of efficacy of <paramref name="repetitions"/> motifs of one pre spike and a
    /// post burst of two spikes <paramref name="burstIsi"/> apart (s) at <paramref name="frequency"/>
    /// (Hz), with Δt (s) measured to the post spike named by <paramref name="reference"/> (the second
    /// by default, as in Graupner &amp; Brunel 2012, Fig. 3; see <see cref="SpikeMotif.Burst"/>).</summary>
    public static StdpPoint Burst(GraupnerBrunelParameters p, double deltaT, double frequency = 5.0, int repetitions = 100,
        double burstIsi = 0.0115, BurstReference reference = BurstReference.SecondPost)
    {
        Guard.Positive(repetitions);
        var f = PeriodicCalcium.Fractions(p, SpikeMotif.Burst(deltaT, frequency, burstIsi, reference));
        return new StdpPoint(deltaT, frequency, SynapticChange.Of(p, f, repetitions / frequency));
    }

    /// <summary>The burst curve over Δt ∈ [from, to] (s) at <paramref name="points"/> equally spaced
    /// values (Graupner &amp; Brunel 2012, Fig. 3: 100 or 30 motifs at 5 Hz, isi 11.5 ms). Unlike
    /// <see cref="Curve"/> nothing is clipped: |from| and |to| must not exceed half the period.</summary>
    public static StdpPoint[] BurstCurve(GraupnerBrunelParameters p, double from = -0.1, double to = 0.1, int points = 201,
        double frequency = 5.0, int repetitions = 100, double burstIsi = 0.0115, BurstReference reference = BurstReference.SecondPost)
    {
        Guard.Positive(frequency);
        double half = 0.5 / frequency;
        Guard.InRange(from, -half, half);
        Guard.InRange(to, -half, half);
        Guard.InRange(points, 2, 10_000_000);
        if (!(to > from)) throw new ArgumentException($"to = {to} s is invalid: it must be > from = {from} s.", nameof(to));
        return Enumerable.Range(0, points)
            .Select(i => Burst(p, from + (to - from) * i / (points - 1), frequency, repetitions, burstIsi, reference))
            .ToArray();
    }

    /// <summary>Change against pairing frequency at fixed Δt (Sjöström et al. 2001; Fig. 4B).</summary>
    public static StdpPoint[] FrequencyDependence(GraupnerBrunelParameters p, double deltaT, double[] frequencies, int pairs = 75)
    {
        Guard.AllFinite(frequencies);
        return frequencies.Select(f =>
        {
            Guard.Positive(f, nameof(frequencies));
            double half = 0.5 / f;
            return Pair(p, Math.Clamp(deltaT, -half, half), f, pairs);
        }).ToArray();
    }

    /// <summary>A general motif (triplets, quadruplets, bursts) repeated <paramref name="repetitions"/>
    /// times: times in s, frequency in Hz.</summary>
    public static SynapticChange Motif(GraupnerBrunelParameters p, double[] preTimes, double[] postTimes,
        double frequency, int repetitions = 60)
    {
        Guard.Positive(repetitions);
        var m = SpikeMotif.Of(preTimes, postTimes, frequency);
        return SynapticChange.Of(p, PeriodicCalcium.Fractions(p, m), repetitions / frequency);
    }
}
