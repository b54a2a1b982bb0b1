using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace Theory.MeanField;

/// <summary>
/// Stationary rates and linear stability of a <see cref="MultiPopulationNetwork"/> with finite PSPs: population a receives
/// Poisson events of jump J_ab at rate C_ab ν_b from every population b and of jump J^X_a at rate C^X_a ν^X_a from outside,
/// each class a shot-noise input of <see cref="ShotNoiseMultiTransfer"/> (the finite-PSP counterpart of the diffusion
/// theory of <see cref="MultiPopulationNetwork"/>/<see cref="MultiPopulationStability"/>).
/// <para>Stationary: ν_a = r_a(ν), solved by Newton with the Jacobian ∂r_a/∂ν_b = C_ab H_ab(0) (H_ab the gain of
/// population a for the class of source b). Stability: a rate modulation ν_b1e^{st} modulates the event rate of class
/// (a, b) by C_ab ν_b1 e^{−sD_g} on the share 1/G of the synapses with delay D_g, so the eigenvalues solve
/// <code>  c(s) = det(I − M(s)) = 0,   M_ab(s) = (1/G) Σ_g e^{−sD_g} C_ab H_ab(s),</code>
/// which in the diffusion limit (J → 0 at fixed C J and C J²) is <see cref="MultiPopulationStability.Characteristic(MultiPopulationNetwork, double[], IReadOnlyList{double}, Complex)"/>
/// (H_ab → ν_a[χ_μ τJ_ab/σ_a + χ_σ² τJ_ab²/σ_a²]) and with one population, one E and one I class is
/// <see cref="BrunelFinitePspStability.Characteristic"/>. Like the latter, c does not tend to 1 as Re s → ∞ (a jump across
/// θ fires at once), so roots are counted only in bounded rectangles.</para>
/// </summary>
public static class MultiPopulationFinitePsp
{
    /// <summary>Input classes of population <paramref name="a"/> at rates <paramref name="rates"/> (Hz): one per source b
    /// with C_ab J_ab ≠ 0 (in the order of b), then the external one if C^X_a ν^X_a J^X_a ≠ 0; returns the classes and,
    /// for each source b, the index of its class (−1 if none).</summary>
    static (ShotNoiseInput[] Inputs, int[] Index) Classes(MultiPopulationNetwork net, int a, double[] rates)
    {
        var list = new List<ShotNoiseInput>();
        var index = new int[net.Populations];
        for (int b = 0; b < net.Populations; b++)
        {
            index[b] = -1;
            if (net.C[a, b] == 0 || net.J[a, b] == 0) continue;
            index[b] = list.Count;
            list.Add(new ShotNoiseInput(net.C[a, b] * rates[b], net.J[a, b]));
        }
        if (net.CExt[a] * net.NuExt[a] != 0 && net.JExt[a] != 0) list.Add(new ShotNoiseInput(net.CExt[a] * net.NuExt[a], net.JExt[a]));
        return (list.ToArray(), index);
    }

    static void CheckRates(MultiPopulationNetwork net, double[] rates)
    {
        Guard.NotNull(net).Validated();
        Guard.NotNull(rates);
        if (rates.Length != net.Populations)
            throw new ArgumentException($"rates has {rates.Length} entries: it must have {net.Populations} (one per population).", nameof(rates));
        for (int a = 0; a < rates.Length; a++)
            if (!double.IsFinite(rates[a]) || rates[a] < 0)
                throw new ArgumentException($"rates[{a}] = {rates[a]} is invalid: it must be finite and >= 0 (Hz).", nameof(rates));
    }

    /// <summary>Finite-PSP rates r_a(ν) (Hz) of every population at input rates <paramref name="rates"/> (Hz).</summary>
    public static double[] Rates(MultiPopulationNetwork net, double[] rates, int pointsPerJump = 8)
    {
        CheckRates(net, rates);
        return Enumerable.Range(0, net.Populations)
            .Select(a => ShotNoiseMultiTransfer.Rate(net.Neurons[a], Classes(net, a, rates).Inputs, pointsPerJump)).ToArray();
    }

    /// <summary>Self-consistent finite-PSP rates (Hz) from <paramref name="initialRates"/> (Hz, &gt; 0; e.g. the diffusion
    /// rates of <see cref="MultiPopulationNetwork.Solve"/>): Newton on ν with the Jacobian C_ab H_ab(0) − δ_ab, steps limited
    /// to a factor 2 per rate, until every |r_a − ν_a| ≤ <paramref name="accuracy"/>·ν_a. Throws ArithmeticException if it
    /// does not converge in <paramref name="maxIterations"/> steps.</summary>
    public static double[] StationaryRates(MultiPopulationNetwork net, double[] initialRates, int pointsPerJump = 8, double accuracy = 1e-9,
                                           int maxIterations = 50)
    {
        CheckRates(net, initialRates);
        Guard.InRange(accuracy, 1e-14, 0.1);
        int p = net.Populations;
        var nu = (double[])initialRates.Clone();
        for (int a = 0; a < p; a++)
            if (!(nu[a] > 0)) throw new ArgumentException($"initialRates[{a}] = {nu[a]} Hz is invalid: it must be > 0.", nameof(initialRates));
        for (int it = 0; it < maxIterations; it++)
        {
            var jac = Matrix<double>.Build.Dense(p, p);
            var f = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(p);
            bool done = true;
            for (int a = 0; a < p; a++)
            {
                var (inputs, index) = Classes(net, a, nu);
                var r = ShotNoiseMultiTransfer.Response(net.Neurons[a], inputs, Complex.Zero, pointsPerJump);
                f[a] = r.Rate - nu[a];
                done &= Math.Abs(f[a]) <= accuracy * nu[a];
                for (int b = 0; b < p; b++)
                    jac[a, b] = (index[b] >= 0 ? net.C[a, b] * r.Gains[index[b]].Real : 0) - (a == b ? 1 : 0);
            }
            if (done) return nu;
            var step = jac.Solve(-f);
            for (int a = 0; a < p; a++) nu[a] = Math.Clamp(nu[a] + step[a], 0.5 * nu[a], 2 * nu[a]);
        }
        throw new ArithmeticException($"MultiPopulationFinitePsp.StationaryRates: no convergence in {maxIterations} Newton steps (last rates [{string.Join(", ", nu)}] Hz).");
    }

    /// <summary>Coupling matrix M(s) with equally weighted delay groups <paramref name="delays"/> (s) at the rates
    /// <paramref name="rates"/> (Hz; a stationary state: |r_a − ν_a| ≤ 1e-6 ν_a, else ArgumentException).</summary>
    public static Complex[,] Coupling(MultiPopulationNetwork net, double[] rates, IReadOnlyList<double> delays, Complex s, int pointsPerJump = 8)
    {
        CheckRates(net, rates);
        Guard.NotNull(delays);
        if (delays.Count == 0) throw new ArgumentException("delays is empty: at least one delay is needed.", nameof(delays));
        foreach (var d in delays)
            if (!(d >= 0) || !double.IsFinite(d))
                throw new ArgumentException($"delays contains {d}: every delay must be finite and >= 0 (s).", nameof(delays));
        int p = net.Populations;
        Complex delayFactor = 0;
        foreach (var d in delays) delayFactor += Complex.Exp(-s * d);
        delayFactor /= delays.Count;
        var m = new Complex[p, p];
        for (int a = 0; a < p; a++)
        {
            var (inputs, index) = Classes(net, a, rates);
            var r = ShotNoiseMultiTransfer.Response(net.Neurons[a], inputs, s, pointsPerJump);
            if (!(Math.Abs(r.Rate - rates[a]) <= 1e-6 * Math.Max(r.Rate, rates[a]) + 1e-300))
                throw new ArgumentException($"rates[{a}] = {rates[a]} Hz is not stationary: the finite-PSP rate is {r.Rate} Hz (relative tolerance 1e-6).", nameof(rates));
            for (int b = 0; b < p; b++)
                if (index[b] >= 0) m[a, b] = delayFactor * net.C[a, b] * r.Gains[index[b]];
        }
        return m;
    }

    /// <summary>c(s) = det(I − M(s)) (arguments as in <see cref="Coupling"/>).</summary>
    public static Complex Characteristic(MultiPopulationNetwork net, double[] rates, IReadOnlyList<double> delays, Complex s, int pointsPerJump = 8)
    {
        var m = Coupling(net, rates, delays, s, pointsPerJump);
        int p = net.Populations;
        var a = Matrix<Complex>.Build.Dense(p, p, (i, j) => (i == j ? 1 : 0) - m[i, j]);
        return p == 2 ? (1 - m[0, 0]) * (1 - m[1, 1]) - m[0, 1] * m[1, 0] : a.Determinant();
    }

    /// <summary>Eigenvalue s (1/s) reached by damped Newton from <paramref name="start"/> (1/s), or null if Newton fails;
    /// returned in the upper half plane.</summary>
    public static Complex? Eigenvalue(MultiPopulationNetwork net, double[] rates, IReadOnlyList<double> delays, Complex start, int pointsPerJump = 8)
    {
        CheckRates(net, rates);
        double tau = net.Neurons.Max(n => n.TauM);
        var root = CharacteristicRoots.Newton(l => Characteristic(net, rates, delays, l / tau, pointsPerJump), start * tau, 1e4);
        return root is Complex z ? z / tau : null;
    }

    /// <summary>Number of zeros of c(s) in minGrowth &lt; Re s &lt; maxGrowth, |Im s| &lt; 2π·maxFrequency (1/s, Hz) by the
    /// argument principle (<see cref="BrunelStability.CountUnstableEigenvalues"/> for the method).</summary>
    public static int CountEigenvalues(MultiPopulationNetwork net, double[] rates, IReadOnlyList<double> delays, double maxFrequency,
                                       double maxGrowth, double minGrowth = 0, int pointsPerJump = 8)
    {
        CheckRates(net, rates);
        Guard.Positive(maxFrequency);
        double tau = net.Neurons.Min(n => n.TauM);
        Guard.InRange(minGrowth, -0.45 / tau, maxGrowth);
        return CharacteristicRoots.Count(s => Characteristic(net, rates, delays, s, pointsPerJump), maxFrequency, maxGrowth, minGrowth);
    }
}
