using Theory.MeanField;
using P = Theory.Experiments.Networks.MicrocircuitParameters;

namespace Theory.Experiments.Networks;

/// <summary>Self-consistent mean-field state of the microcircuit.</summary>
/// <param name="Rates">Stationary rate per population, Hz.</param>
/// <param name="Mu">Mean input μ_a (V above E_L).</param>
/// <param name="Sigma">Input noise amplitude σ_a (V).</param>
public sealed record MicrocircuitState(double[] Rates, double[] Mu, double[] Sigma);

/// <summary>
/// Multi-population Siegert theory of the microcircuit with the Fourcaud–Brunel correction for
/// exponential synapses (Fourcaud &amp; Brunel 2002, Neural Comput 14:2057, eq. 4.10), as used for this
/// network by Bos, Diesmann &amp; Helias (2016, PLoS Comput Biol 12:e1005132, eqs. 1–3).
/// <para>From currents to the diffusion approximation: an exponential current of amplitude w and time
/// constant τ_s carries the charge w τ_s; for τ_s ≪ τ_m it moves V by J = w τ_s / C_m, the jump of the
/// equivalent delta synapse (87.8 pA → J = 0.1756 mV; the PSP peak of the filtered current is 0.150 mV).
/// With Poisson inputs (Campbell's theorem), in V relative to E_L:</para>
/// <code>
///   μ_a  = τ_m [ Σ_b K_ab J_ab ν_b + K_ext,a J_ext ν_bg ] + R I_DC,a,        R = τ_m / C_m,
///   σ_a² = τ_m [ Σ_b K_ab J_ab² (1 + δ²) ν_b + K_ext,a J_ext² ν_bg ],      δ = 0.1,
///   ν_a  = φ(μ_a, σ_a; θ + Δ_a, V_r + Δ_a),   Δ_a = σ_a (α/2) √(τ_s/τ_m),   α = √2 |ζ(1/2)|,
/// </code>
/// with K_ab the mean in-degree, E[w²] = w̄²(1 + δ²) for the normally distributed recurrent weights
/// (the external weight is fixed), θ = 15 mV, V_r = 0 mV above E_L, τ_ref = 2 ms and φ the Siegert
/// formula (Brunel 2000 eq. 21). Delays do not enter the stationary state. With DC background
/// (<see cref="MicrocircuitModel.DcBackground"/>) the external term of μ is the same (now the current
/// K_ext ν_bg w τ_s through R) and the external term of σ² is absent.
/// </summary>
public static class MicrocircuitPrediction
{
    /// <summary>The LIF neuron of the microcircuit in the mean-field convention (potentials above E_L).</summary>
    public static LifNeuron Neuron { get; } = new(P.Membrane.Tau, P.Membrane.Threshold - P.Membrane.RestingPotential,
                                                   P.Membrane.Reset - P.Membrane.RestingPotential, P.Membrane.RefractoryPeriod);

    /// <summary>NEST's published full-scale rates (<see cref="MicrocircuitPublished"/>), the default initial guess.</summary>
    static double[] Guess => MicrocircuitPublished.NestFullScaleRates.ToArray();

    /// <summary>(μ_a, σ_a) in V at rates <paramref name="rates"/> (Hz).</summary>
    public static PopulationInputs Inputs(MicrocircuitModel model, double[] rates)
    {
        Guard.NotNull(model); Guard.NotNull(rates);
        int n = P.Populations;
        if (rates.Length != n) throw new ArgumentException($"rates has {rates.Length} entries: it must have {n}.", nameof(rates));
        double tm = P.Membrane.Tau, c = P.Membrane.Capacitance, ts = P.TauSyn, second = 1 + P.WeightRelativeSd * P.WeightRelativeSd;
        var mu = new double[n];
        var sg = new double[n];
        for (int a = 0; a < n; a++)
        {
            double jx = model.ExternalWeight * ts / c;
            double m = model.ExternalInDegrees[a] * jx * P.BackgroundRate;
            double v = model.DcBackground ? 0 : model.ExternalInDegrees[a] * jx * jx * P.BackgroundRate;
            for (int b = 0; b < n; b++)
            {
                double k = model.InDegree(a, b), j = model.Weights[a, b] * ts / c;
                m += k * j * rates[b];
                v += k * j * j * second * rates[b];
            }
            mu[a] = tm * m + P.Membrane.Resistance * model.Dc[a];
            sg[a] = Math.Sqrt(tm * v);
        }
        return new PopulationInputs(mu, sg);
    }

    static double[] Residual(MicrocircuitModel model, double[] x)
    {
        var nu = x.Select(v => Math.Exp(v)).ToArray();
        var (mu, sg) = Inputs(model, nu);
        var r = new double[x.Length];
        for (int a = 0; a < r.Length; a++) r[a] = Siegert.LogRate(mu[a], sg[a], Neuron, P.TauSyn) - x[a];
        return r;
    }

    /// <summary>The self-consistent rates by damped Newton iteration on x = ln ν (central-difference
    /// Jacobian, MathNet LU, backtracking on |F|), from <paramref name="initialRates"/> (Hz; default
    /// NEST's published full-scale rates). Throws ArithmeticException without convergence.</summary>
    public static MicrocircuitState Solve(MicrocircuitModel model, double[]? initialRates = null, double accuracy = 1e-12)
    {
        Guard.NotNull(model);
        var guess = initialRates ?? Guess;
        if (guess.Length != P.Populations)
            throw new ArgumentException($"initialRates has {guess.Length} entries: it must have {P.Populations}.", nameof(initialRates));
        foreach (var g in guess) Guard.Positive(g, nameof(initialRates));
        int n = P.Populations;
        var x = guess.Select(g => Math.Log(g)).ToArray();
        var f = Residual(model, x);
        static double Norm(double[] v) => Math.Sqrt(v.Sum(e => e * e));
        for (int it = 0; it < 200 && Norm(f) > accuracy; it++)
        {
            var jac = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, n);
            for (int b = 0; b < n; b++)
            {
                const double h = 1e-6;
                var xp = (double[])x.Clone(); xp[b] += h;
                var xm = (double[])x.Clone(); xm[b] -= h;
                var fp = Residual(model, xp); var fm = Residual(model, xm);
                for (int a = 0; a < n; a++) jac[a, b] = (fp[a] - fm[a]) / (2 * h);
            }
            var step = jac.Solve(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(f)).ToArray();
            double len = Norm(step);
            if (!double.IsFinite(len)) break;
            if (len > 1) for (int a = 0; a < n; a++) step[a] /= len;
            double t = 1;
            double[] xn = x, fn = f;
            for (int back = 0; back < 40; back++, t *= 0.5)
            {
                xn = x.Select((v, a) => v - t * step[a]).ToArray();
                fn = Residual(model, xn);
                if (Norm(fn) < (1 - 1e-4 * t) * Norm(f)) break;
            }
            x = xn; f = fn;
        }
        if (!(Norm(f) <= accuracy * 10))
            throw new ArithmeticException($"MicrocircuitPrediction.Solve: no convergence (|F| = {Norm(f)}).");
        var rates = x.Select(v => Math.Exp(v)).ToArray();
        var (mu, sg) = Inputs(model, rates);
        return new MicrocircuitState(rates, mu, sg);
    }
}
