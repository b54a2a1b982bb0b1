namespace Theory.MeanField;

/// <summary>
/// Two-population (E, I) balanced network after van Vreeswijk &amp; Sompolinsky (1996 Science 274:1724;
/// 1998 Neural Comput 10:1321): K inputs per neuron from each population and K external inputs,
/// efficacies J_ab = j_ab/√K (j's given as magnitudes, V), external rate ν_X.
/// Mean input μ_a = τ √K (j_aE ν_E − j_aI ν_I + j_aX ν_X); as K → ∞ it stays O(1) only if the
/// bracket vanishes (vV–S 1998 eqs. 4.3–4.4, "balance"):
/// <code>
///   j_EE ν_E − j_EI ν_I + j_EX ν_X = 0,   j_IE ν_E − j_II ν_I + j_IX ν_X = 0
///   ⇒ ν_E = ν_X (j_EX j_II − j_IX j_EI)/D,  ν_I = ν_X (j_EX j_IE − j_IX j_EE)/D,  D = j_EI j_IE − j_EE j_II.
/// </code>
/// Existence (positive rates, vV–S 1998 eq. 4.9 in this notation): D &gt; 0 with j_EX/j_IX &gt; j_EI/j_II
/// (and then automatically j_EX/j_IX &gt; j_EE/j_IE), or D &lt; 0 with both reversed (unstable in vV–S).
/// </summary>
/// <param name="JEE">j_EE, V·√K units (J_EE = j_EE/√K).</param>
/// <param name="JEI">|j_EI|, V.</param>
/// <param name="JIE">j_IE, V.</param>
/// <param name="JII">|j_II|, V.</param>
/// <param name="JEX">j_EX, V.</param>
/// <param name="JIX">j_IX, V.</param>
/// <param name="NuX">External rate ν_X, Hz.</param>
/// <param name="Neuron">LIF parameters (both populations).</param>
public sealed record BalancedNetwork(double JEE, double JEI, double JIE, double JII, double JEX, double JIX, double NuX, LifNeuron Neuron)
{
    /// <summary>Illustrative parameters (this library's, not from a paper) satisfying the existence
    /// conditions: j_EE = j_IE = 5 mV, j_EI = 12 mV, j_II = 10 mV, j_EX = 8 mV, j_IX = 5 mV, ν_X = 5 Hz;
    /// balanced rates ν_E = 10 Hz, ν_I = 7.5 Hz; Brunel (2000) LIF neuron.</summary>
    public static BalancedNetwork Example { get; } = new(0.005, 0.012, 0.005, 0.010, 0.008, 0.005, 5.0, LifNeuron.Brunel2000);

    /// <summary>A copy with the given fields replaced (F#-friendly counterpart of C# <c>with</c>).</summary>
    public BalancedNetwork With(double? jEE = null, double? jEI = null, double? jIE = null, double? jII = null,
                                double? jEX = null, double? jIX = null, double? nuX = null, LifNeuron? neuron = null)
        => new(jEE ?? this.JEE, jEI ?? this.JEI, jIE ?? this.JIE, jII ?? this.JII, jEX ?? this.JEX, jIX ?? this.JIX,
               nuX ?? this.NuX, neuron ?? this.Neuron);

    /// <summary>Checks every efficacy and ν_X are positive and the neuron is valid; returns this network.</summary>
    /// <exception cref="ArgumentException">A non-positive efficacy or ν_X, or an invalid neuron.</exception>
    public BalancedNetwork Validated()
    {
        Guard.Positive(JEE); Guard.Positive(JEI); Guard.Positive(JIE); Guard.Positive(JII);
        Guard.Positive(JEX); Guard.Positive(JIX); Guard.Positive(NuX); Guard.NotNull(Neuron).Validated();
        return this;
    }

    /// <summary>The network at finite K as a <see cref="MultiPopulationNetwork"/> (J = j/√K, C = K).</summary>
    public MultiPopulationNetwork AtK(double k)
    {
        Validated();
        Guard.Positive(k);
        double s = 1 / Math.Sqrt(k);
        return new MultiPopulationNetwork(new[,] { { k, k }, { k, k } },
            new[,] { { JEE * s, -JEI * s }, { JIE * s, -JII * s } },
            new[] { k, k }, new[] { JEX * s, JIX * s }, new[] { NuX, NuX }, new[] { Neuron, Neuron });
    }
}

/// <summary>Large-K balance solution and its existence.</summary>
/// <param name="RateE">ν_E, Hz.</param>
/// <param name="RateI">ν_I, Hz.</param>
/// <param name="Exists">Both rates positive (vV–S existence conditions).</param>
/// <param name="StableOrdering">D = j_EI j_IE − j_EE j_II &gt; 0 (the ordering vV–S require).</param>
public sealed record BalancedRates(double RateE, double RateI, bool Exists, bool StableOrdering);

/// <summary>van Vreeswijk–Sompolinsky balanced state: linear large-K rates and finite-K Siegert solutions.</summary>
public static class BalancedState
{
    /// <summary>K → ∞ balance rates (see <see cref="BalancedNetwork"/>).</summary>
    public static BalancedRates LargeK(BalancedNetwork net)
    {
        Guard.NotNull(net).Validated();
        double d = net.JEI * net.JIE - net.JEE * net.JII;
        if (d == 0) throw new ArgumentException("net: j_EI j_IE = j_EE j_II makes the balance equations singular.", nameof(net));
        double e = net.NuX * (net.JEX * net.JII - net.JIX * net.JEI) / d;
        double i = net.NuX * (net.JEX * net.JIE - net.JIX * net.JEE) / d;
        return new BalancedRates(e, i, e > 0 && i > 0, d > 0);
    }

    /// <summary>Finite-K self-consistent (E, I) rates (Hz) at each K (ascending), by continuation in K from
    /// the first value, the large-K rates as the first guess.</summary>
    public static double[][] FiniteK(BalancedNetwork net, double[] ks)
    {
        Guard.NotNull(net).Validated();
        Guard.AllFinite(ks);
        var lin = LargeK(net);
        if (!lin.Exists) throw new ArgumentException($"net: no balanced state (large-K rates {lin.RateE}, {lin.RateI} Hz).", nameof(net));
        return MultiPopulationNetwork.Continue(net.AtK, ks, new[] { lin.RateE, lin.RateI });
    }
}
