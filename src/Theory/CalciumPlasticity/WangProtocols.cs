namespace Theory.CalciumPlasticity;

/// <summary>Order of the three spikes of a Wang et al. (2005) triplet.</summary>
public enum TripletOrder
{
    /// <summary>pre–post–pre ("1-2-1"): pre at 0, post at the first interval, pre after the second.</summary>
    PrePostPre,
    /// <summary>post–pre–post ("2-1-2"): post at 0, pre at the first interval, post after the second.</summary>
    PostPrePost,
}

/// <summary>
/// The spike patterns of the hippocampal-culture experiments of Wang, Gerkin, Nauen &amp; Bi (2005,
/// Nat. Neurosci. 8:187) to which Graupner &amp; Brunel (2012) fitted their "hippocampal cultures"
/// parameter set (<see cref="GraupnerBrunelParameters.HippocampalCultures"/>): triplets and
/// quadruplets repeated 60 times at 1 Hz. Spike times are those of the spikes at the soma; the
/// presynaptic calcium transient arrives D later (<see cref="SpikeMotif"/>).
/// <para>Triplet (t₁, t₂): two intervals between consecutive spikes, e.g. pre–post–pre (5, 5) ms is
/// pre at 0, post at 5 ms, pre at 10 ms.</para>
/// <para>Quadruplet T: a post–pre pair (Δt = −Δ) and a pre–post pair (Δt = +Δ), Δ = 5 ms, whose
/// centres are |T| apart; T &gt; 0 puts the post–pre pair first (post–pre–pre–post), T &lt; 0 the
/// pre–post pair first (pre–post–post–pre). |T| must exceed Δ so that the pairs do not interleave.
/// These definitions follow the description of the protocols in the modelling literature (Pfister
/// &amp; Gerstner 2006, J. Neurosci. 26:9673); the original paper's methods could not be read here.</para>
/// </summary>
public static class WangProtocols
{
    /// <summary>Repetitions of every Wang et al. (2005) pattern.</summary>
    public const int Repetitions = 60;

    /// <summary>Repetition frequency of every pattern (Hz).</summary>
    public const double Frequency = 1.0;

    /// <summary>A triplet with intervals <paramref name="first"/> and <paramref name="second"/> (s, each in
    /// (0, 0.2]) between consecutive spikes, repeated at <paramref name="frequency"/> (Hz).</summary>
    public static SpikeMotif Triplet(TripletOrder order, double first, double second, double frequency = Frequency)
    {
        Guard.InRange(first, 1e-9, 0.2);
        Guard.InRange(second, 1e-9, 0.2);
        Guard.Positive(frequency);
        if (first + second >= 1.0 / frequency)
            throw new ArgumentException($"first + second = {first + second} s is invalid: it must be below the period 1/frequency = {1.0 / frequency} s.", nameof(second));
        return order switch
        {
            TripletOrder.PrePostPre => SpikeMotif.Of([0.0, first + second], [first], frequency),
            TripletOrder.PostPrePost => SpikeMotif.Of([first], [0.0, first + second], frequency),
            _ => throw new ArgumentException($"order = {order} is invalid: it must be PrePostPre or PostPrePost.", nameof(order)),
        };
    }

    /// <summary>A quadruplet whose two pairs (Δt = ∓<paramref name="pairInterval"/>) have centres
    /// |<paramref name="t"/>| apart (s; T &gt; 0: post–pre first, T &lt; 0: pre–post first; |T| in
    /// (pairInterval, 0.3]), repeated at <paramref name="frequency"/> (Hz).</summary>
    public static SpikeMotif Quadruplet(double t, double pairInterval = 0.005, double frequency = Frequency)
    {
        Guard.InRange(pairInterval, 1e-9, 0.05);
        Guard.Positive(frequency);
        Guard.Finite(t);
        if (!(Math.Abs(t) > pairInterval && Math.Abs(t) <= 0.3))
            throw new ArgumentException($"t = {t} s is invalid: |t| must be in ({pairInterval}, 0.3] s (the pair interval, so that the pairs do not interleave).", nameof(t));
        if (Math.Abs(t) + pairInterval >= 1.0 / frequency)
            throw new ArgumentException($"t = {t} s is invalid: |t| + pairInterval must be below the period 1/frequency = {1.0 / frequency} s.", nameof(t));
        double a = Math.Abs(t);
        return t > 0
            ? SpikeMotif.Of([pairInterval, a], [0.0, a + pairInterval], frequency)   // post pre … pre post
            : SpikeMotif.Of([0.0, a + pairInterval], [pairInterval, a], frequency);  // pre post … post pre
    }
}
