namespace Theory.CalciumPlasticity;

/// <summary>One point of a location scan: the scale factors of the two calcium amplitudes and the
/// outcome of the pair protocol at that synapse.</summary>
/// <param name="BapFactor">Scale of the postsynaptic (back-propagating action potential) calcium
/// amplitude, C_post → BapFactor·C_post (1 = the fitted, proximal synapse).</param>
/// <param name="PreFactor">Scale of the presynaptic calcium amplitude, C_pre → PreFactor·C_pre.</param>
/// <param name="Point">The protocol (Δt, frequency) and its outcome.</param>
public sealed record LocationPoint(double BapFactor, double PreFactor, StdpPoint Point)
{
    /// <summary>Ratio of mean weight after/before.</summary>
    public double Change => Point.Change;
}

/// <summary>
/// Dependence of pair plasticity on the dendritic location of the synapse (Graupner &amp; Brunel
/// 2012, PNAS 109:3991, the "dendritic location" of the title, discussing Sjöström &amp; Häusser
/// 2006, Neuron 51:227: at distal synapses of layer-5 pyramidal cells pre→post pairs at high
/// frequency give LTD, proximal ones LTP). In the calcium model the location enters only through
/// the calcium amplitudes: the back-propagating action potential attenuates with distance from
/// the soma, so a distal synapse sees a smaller postsynaptic transient,
/// <code>  C_post(x) = a(x) C_post,  0 ≤ a(x) ≤ 1,</code>
/// while C_pre (local NMDA/VDCC influx) is unchanged; cooperative input (stronger extracellular
/// stimulation) or dendritic depolarisation can be represented by a larger C_pre or a.
/// Everything else (thresholds, rates, τ_Ca, D) is that of the fitted proximal set. Outcomes are
/// the exact periodic time fractions (<see cref="PeriodicCalcium"/>) and the closed form of
/// <see cref="SynapticChange"/>, as in <see cref="StdpCurve"/>.
/// </summary>
public static class DendriticLocation
{
    /// <summary>The parameter set of a synapse whose postsynaptic calcium amplitude is scaled by
    /// <paramref name="bapFactor"/> ∈ [0, 100] and presynaptic one by <paramref name="preFactor"/>
    /// ∈ [0, 100].</summary>
    public static GraupnerBrunelParameters At(GraupnerBrunelParameters p, double bapFactor, double preFactor = 1.0)
    {
        Guard.InRange(bapFactor, 0.0, 100.0);
        Guard.InRange(preFactor, 0.0, 100.0);
        return p.With(cPost: bapFactor * p.CPost, cPre: preFactor * p.CPre);
    }

    /// <summary>Outcome of <paramref name="pairs"/> pairs (Δt = t_post − t_pre, s) at
    /// <paramref name="frequency"/> (Hz) for a synapse with the given amplitude scales; Δt is
    /// clipped to ±T/2 as in <see cref="StdpCurve.FrequencyDependence"/>.</summary>
    public static LocationPoint Pair(GraupnerBrunelParameters p, double bapFactor, double deltaT, double frequency,
        int pairs = 75, double preFactor = 1.0)
    {
        Guard.Finite(deltaT);
        Guard.Positive(frequency);
        double half = 0.5 / frequency;
        var q = At(p, bapFactor, preFactor);
        return new LocationPoint(bapFactor, preFactor, StdpCurve.Pair(q, Math.Clamp(deltaT, -half, half), frequency, pairs));
    }

    /// <summary>Outcome against the bAP scale factor at fixed Δt (s) and frequency (Hz):
    /// <paramref name="points"/> factors equally spaced on [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public static LocationPoint[] Scan(GraupnerBrunelParameters p, double deltaT, double frequency, double from = 0.0,
        double to = 1.0, int points = 101, int pairs = 75, double preFactor = 1.0)
    {
        Guard.InRange(from, 0.0, 100.0);
        Guard.InRange(to, 0.0, 100.0);
        Guard.InRange(points, 2, 1_000_000);
        if (!(to > from)) throw new ArgumentException($"to = {to} is invalid: it must be > from = {from}.", nameof(to));
        return Enumerable.Range(0, points)
            .Select(i => Pair(p, from + (to - from) * i / (points - 1), deltaT, frequency, pairs, preFactor))
            .ToArray();
    }

    /// <summary>The bAP scale factors in [0, 1] at which the outcome crosses "no change" (change = 1)
    /// at fixed Δt (s) and frequency (Hz): sign changes of change − 1 on a grid of 2001 factors,
    /// each refined by bisection to 1e-12. Below the smallest crossing of a pre→post protocol that
    /// potentiates proximally the synapse depresses: the distal LTD of Sjöström &amp; Häusser (2006).</summary>
    public static double[] Crossovers(GraupnerBrunelParameters p, double deltaT, double frequency, int pairs = 75,
        double preFactor = 1.0)
    {
        double G(double a) => Pair(p, a, deltaT, frequency, pairs, preFactor).Change - 1.0;
        const int n = 2000;
        var roots = new List<double>();
        double a0 = 0.0, g0 = G(0.0);
        for (int i = 1; i <= n; i++)
        {
            double a1 = (double)i / n, g1 = G(a1);
            if (g0 * g1 < 0)
            {
                double lo = a0, hi = a1, glo = g0;
                while (hi - lo > 1e-12)
                {
                    double mid = 0.5 * (lo + hi), gm = G(mid);
                    if (gm * glo <= 0) hi = mid; else { lo = mid; glo = gm; }
                }
                roots.Add(0.5 * (lo + hi));
            }
            a0 = a1; g0 = g1;
        }
        return roots.ToArray();
    }
}
