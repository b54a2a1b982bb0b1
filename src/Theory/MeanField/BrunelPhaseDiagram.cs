namespace Theory.MeanField;

/// <summary>Phase diagram of Brunel (2000) model A on a (g, ν_ext/ν_thr) grid (Fig. 2).</summary>
/// <param name="G">g values (rows).</param>
/// <param name="NuExtRatio">ν_ext/ν_thr values (columns).</param>
/// <param name="Regime">Regime[i, j] at (G[i], NuExtRatio[j]): "AI", "SR", "SI-fast", "SI-slow", "saddle", or "quiescent" (only root below 1e-300 Hz).</param>
/// <param name="Rate">Stationary rate of the classified state, Hz.</param>
/// <param name="Frequency">Oscillation frequency of the dominant eigenvalue, Hz (0 when real or none).</param>
public sealed record PhaseDiagram(double[] G, double[] NuExtRatio, string[,] Regime, double[,] Rate, double[,] Frequency)
{
    /// <summary>Grid cells where the regime changes along ν_ext/ν_thr: (g, ratio below, ratio above,
    /// regime below, regime above, frequency on the unstable side in Hz) — the instability lines.</summary>
    public PhaseBoundary[] Boundaries()
    {
        var list = new List<PhaseBoundary>();
        for (int i = 0; i < G.Length; i++)
            for (int j = 0; j + 1 < NuExtRatio.Length; j++)
                if (Regime[i, j] != Regime[i, j + 1])
                    list.Add(new(G[i], NuExtRatio[j], NuExtRatio[j + 1], Regime[i, j], Regime[i, j + 1],
                              Math.Max(Frequency[i, j], Frequency[i, j + 1])));
        return list.ToArray();
    }
}

/// <summary>One grid cell of a <see cref="PhaseDiagram"/> where the regime changes along ν_ext/ν_thr.</summary>
/// <param name="G">g of the row.</param>
/// <param name="RatioBelow">ν_ext/ν_thr of the grid point below the change.</param>
/// <param name="RatioAbove">ν_ext/ν_thr of the grid point above the change.</param>
/// <param name="Below">Regime below.</param>
/// <param name="Above">Regime above.</param>
/// <param name="Frequency">Oscillation frequency on the unstable side, Hz.</param>
public sealed record PhaseBoundary(double G, double RatioBelow, double RatioAbove, string Below, string Above, double Frequency);

/// <summary>
/// Computes <see cref="PhaseDiagram"/>: at every grid point all stationary states
/// (<see cref="BrunelStationary"/>), and the stability (<see cref="BrunelStability"/>) of the state
/// reported — the lowest-rate state that is not a saddle (complex roots counted with the argument principle up to
/// <c>maxFrequency</c>, default max(1 kHz, 4/D), <see cref="BrunelStability.DefaultMaxFrequency(BrunelNetwork)"/>; the damped roots of stable states are not searched). Rows run in parallel.
/// </summary>
public static class BrunelPhaseDiagram
{
    /// <summary>Classifies every grid point (g[i], nuExtRatio[j]); rows in parallel.</summary>
    /// <param name="network">Base network; g and ν_ext/ν_thr are replaced at each grid point.</param>
    /// <param name="g">Relative inhibition strengths g (finite).</param>
    /// <param name="nuExtRatio">External rates as multiples of ν_thr = θ/(J C_E τ) (finite).</param>
    /// <param name="maxFrequency">Highest oscillation frequency searched for unstable roots, Hz (default
    /// <see cref="BrunelStability.DefaultMaxFrequency(BrunelNetwork)"/>, max(1000, 4/D)).</param>
    /// <param name="starts">Number of Newton start points of the characteristic-root search (<see cref="BrunelStability.Analyze"/>), 1 … 10000 (default 8).</param>
    public static PhaseDiagram Compute(BrunelNetwork network, double[] g, double[] nuExtRatio, double? maxFrequency = null, int starts = 8)
    {
        Guard.NotNull(network).Validated();
        Guard.AllFinite(g);
        Guard.AllFinite(nuExtRatio);
        int ng = g.Length, nr = nuExtRatio.Length;
        var regime = new string[ng, nr];
        var rate = new double[ng, nr];
        var freq = new double[ng, nr];
        Parallel.For(0, ng, i =>
        {
            for (int j = 0; j < nr; j++)
            {
                var net = network.With(g: g[i], nuExtRatio: nuExtRatio[j]);
                regime[i, j] = "quiescent";
                foreach (var st in net.StationaryStates())
                {
                    var s = BrunelStability.Analyze(net, st, maxFrequency, starts, findDampedRoots: false);
                    regime[i, j] = s.Regime; rate[i, j] = st.Rate; freq[i, j] = s.OscillationFrequency;
                    if (s.Regime != "saddle") break;
                }
            }
        });
        return new PhaseDiagram((double[])g.Clone(), (double[])nuExtRatio.Clone(), regime, rate, freq);
    }
}
