namespace Theory.Experiments.Networks;

/// <summary>
/// Published mean rates (Hz) of the full-scale microcircuit under Poisson background, in the order
/// L2/3E, L2/3I, L4E, L4I, L5E, L5I, L6E, L6I. A few numbers stored with their sources:
/// <list type="bullet">
/// <item>NEST: <c>full_mean_rates</c> in pynest/examples/Potjans_2014/network_params.py
/// (github.com/nest/nest-simulator, commit 009199371edaf9b6b2127e8c7f8697dc707cb348), "Mean rates of
/// the different populations in the non-scaled version of the microcircuit" — the full-scale
/// simulation the example uses for its DC compensation.</item>
/// <item>NetPyNE full scale: Romaro, Najman, Lytton, Roque &amp; Dura-Bernal (2021) Neural Comput 33:1993,
/// Table A.1, row "100 %" (Poisson input), an independent re-implementation on NEURON.</item>
/// <item>Potjans &amp; Diesmann (2014): the excitatory rates as quoted in the same Table A.1, row "NEST
/// trial" (0.86, 4.45, 7.59, 1.09 Hz for L2/3E, L4E, L5E, L6E; the paper's Fig. 6 shows the
/// distributions as box plots).</item>
/// </list>
/// The comparison with published rates allows the largest relative difference between these
/// independent full-scale simulations, <see cref="RelativeSpread"/> (L5E: NetPyNE 6.80 vs NEST 8.142 Hz,
/// 16.5 %), for every population: it is what different simulators, seeds and durations give for the
/// same model, and the per-population spread of two or three sources underestimates it (L6I: 7.523
/// and 7.60 Hz).
/// </summary>
public static class MicrocircuitPublished
{
    /// <summary>NEST example, <c>full_mean_rates</c> (Hz).</summary>
    public static IReadOnlyList<double> NestFullScaleRates { get; } = [0.971, 2.868, 4.746, 5.396, 8.142, 9.078, 0.991, 7.523];

    /// <summary>NetPyNE full scale, Romaro et al. (2021) Table A.1 (Hz).</summary>
    public static IReadOnlyList<double> NetPyNeFullScaleRates { get; } = [0.90, 2.80, 4.39, 5.70, 6.80, 8.22, 1.14, 7.60];

    /// <summary>Potjans &amp; Diesmann (2014), excitatory populations only, via Romaro et al. (2021) Table A.1 (Hz; NaN: not quoted).</summary>
    public static IReadOnlyList<double> PotjansDiesmannRates { get; } = [0.86, double.NaN, 4.45, double.NaN, 7.59, double.NaN, 1.09, double.NaN];

    static IEnumerable<double> Sources(int a) =>
        new[] { NestFullScaleRates[a], NetPyNeFullScaleRates[a], PotjansDiesmannRates[a] }.Where(double.IsFinite);

    /// <summary>The reference published rate of population <paramref name="a"/>: NEST's (Hz).</summary>
    public static double Rate(int a) => NestFullScaleRates[a];

    /// <summary>Largest relative spread of the published rates over the populations, max_a Spread(a)/Rate(a) (0.165, L5E).</summary>
    public static double RelativeSpread => Enumerable.Range(0, 8).Max(a => Spread(a) / Rate(a));

    /// <summary>Spread (Hz) of the published full-scale rates of population <paramref name="a"/>: max − min over the sources.</summary>
    public static double Spread(int a) => Sources(a).Max() - Sources(a).Min();
}
