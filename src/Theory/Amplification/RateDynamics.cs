using MathNet.Numerics.LinearAlgebra;

namespace Theory.Amplification;

/// <summary>
/// Input–output function f of the rate dynamics τ dx/dt = −x + f(Wx), x the deviation from
/// baseline. <see cref="Linear"/>: f(u) = u. <see cref="Rectified"/>: f(u) = max(u, −r₀) (rates
/// cannot fall below zero). <see cref="Christodoulou2022"/>: f(u) = r₀ tanh(u/r₀) for u &lt; 0,
/// (r_max − r₀) tanh(u/(r_max − r₀)) for u ≥ 0, r₀ = 1, r_max = 5 (paper code,
/// initialise_rate_dynamics_hetero_n.m, after Rajan, Abbott &amp; Sompolinsky 2010).
/// </summary>
/// <param name="Kind">"linear", "rectified" or "tanh".</param>
/// <param name="R0">Baseline rate r₀: the largest downward deviation (rectified, tanh), in the units of x (&gt; 0).</param>
/// <param name="RMax">Maximum rate r_max of the tanh nonlinearity (&gt; r₀); +∞ for the rectified one.</param>
public sealed record RateNonlinearity(string Kind, double R0, double RMax)
{
    /// <summary>f(u) = u (linear dynamics).</summary>
    public static RateNonlinearity Linear { get; } = new("linear", 1, 5);
    /// <summary>The saturating tanh of Christodoulou et al. (2022), r₀ = 1, r_max = 5.</summary>
    public static RateNonlinearity Christodoulou2022 { get; } = new("tanh", 1, 5);
    /// <summary>f(u) = max(u, −r₀): rates cannot fall below zero.</summary>
    /// <param name="r0">Baseline rate r₀ (&gt; 0; default 1).</param>
    /// <exception cref="ArgumentException"><paramref name="r0"/> not positive.</exception>
    public static RateNonlinearity Rectified(double r0 = 1.0) => new("rectified", Guard.Positive(r0, nameof(r0)), double.PositiveInfinity);

    /// <summary>Evaluates f(u).</summary>
    /// <param name="u">Input u = (Wx)_i, deviation from baseline.</param>
    /// <exception cref="ArgumentException"><see cref="Kind"/> is not linear, rectified or tanh.</exception>
    public double Apply(double u) => Kind switch
    {
        "linear" => u,
        "rectified" => Math.Max(u, -R0),
        "tanh" => u < 0 ? R0 * Math.Tanh(u / R0) : (RMax - R0) * Math.Tanh(u / (RMax - R0)),
        _ => throw new ArgumentException($"Kind = '{Kind}' is invalid: use linear, rectified or tanh.", nameof(Kind)),
    };

    /// <summary><see cref="Kind"/> as 0 (linear), 1 (rectified) or 2 (tanh), resolved once for <see cref="Apply(int, double[], double[])"/>.</summary>
    internal int Resolve() => Kind switch
    {
        "linear" => 0,
        "rectified" => 1,
        "tanh" => 2,
        _ => throw new ArgumentException($"Kind = '{Kind}' is invalid: use linear, rectified or tanh.", nameof(Kind)),
    };

    /// <summary>r[k] = f(u[k]) for every k with the kind resolved by <see cref="Resolve"/>: the same
    /// expressions as <see cref="Apply(double)"/>, hence the same numbers, without a string switch per value.</summary>
    internal void Apply(int kind, double[] u, double[] r)
    {
        switch (kind)
        {
            case 0:
                Array.Copy(u, r, u.Length);
                break;
            case 1:
                for (int k = 0; k < u.Length; k++) r[k] = Math.Max(u[k], -R0);
                break;
            default:
                double up = RMax - R0;
                for (int k = 0; k < u.Length; k++) { double v = u[k]; r[k] = v < 0 ? R0 * Math.Tanh(v / R0) : up * Math.Tanh(v / up); }
                break;
        }
    }
}

/// <summary>Samples of a simulated rate trajectory: times (s) and states (n × times).</summary>
/// <param name="Times">Sample times, s.</param>
/// <param name="States">States x(t), one row per neuron and one column per sample time.</param>
public sealed record RateTrajectory(double[] Times, Matrix<double> States);

/// <summary>Fixed-step classical Runge–Kutta (RK4) integration of τ dx/dt = −x + f(Wx).</summary>
public static class RateDynamics
{
    /// <param name="w">Connectivity (n×n).</param>
    /// <param name="x0">Initial deviation from baseline.</param>
    /// <param name="duration">Simulated time (s), &gt; 0.</param>
    /// <param name="dt">Integration step (s), 0 &lt; dt ≤ duration.</param>
    /// <param name="tau">Rate time constant (s).</param>
    /// <param name="f">Nonlinearity (default linear).</param>
    /// <param name="saveEvery">Store every k-th step (k ≥ 1).</param>
    public static RateTrajectory Simulate(Matrix<double> w, Vector<double> x0, double duration, double dt,
        double tau = 0.02, RateNonlinearity? f = null, int saveEvery = 1)
    {
        Numerics.RealSchur.CheckSquareFinite(w, nameof(w));
        TransientAmplification.CheckVector(x0, w.RowCount, nameof(x0));
        Guard.Positive(duration, nameof(duration));
        Guard.Positive(tau, nameof(tau));
        Guard.InRange(dt, double.Epsilon, duration, nameof(dt));
        Guard.Positive(saveEvery, nameof(saveEvery));
        f ??= RateNonlinearity.Linear;
        int steps = (int)Math.Round(duration / dt);
        int n = w.RowCount;
        var times = new List<double> { 0 };
        var states = new List<Vector<double>> { x0.Clone() };
        var x = x0.Clone();
        var fn = f;
        Vector<double> Rhs(Vector<double> y)
        {
            var u = w * y;
            var r = Vector<double>.Build.Dense(n);
            for (int i = 0; i < n; i++) r[i] = (-y[i] + fn.Apply(u[i])) / tau;
            return r;
        }
        for (int k = 1; k <= steps; k++)
        {
            var k1 = Rhs(x);
            var k2 = Rhs(x + k1 * (dt / 2));
            var k3 = Rhs(x + k2 * (dt / 2));
            var k4 = Rhs(x + k3 * dt);
            x = x + (k1 + 2 * k2 + 2 * k3 + k4) * (dt / 6);
            for (int i = 0; i < n; i++)
                if (!double.IsFinite(x[i]))
                    throw new ArithmeticException($"rate dynamics diverged at t = {k * dt} s (unit {i}).");
            if (k % saveEvery == 0) { times.Add(k * dt); states.Add(x.Clone()); }
        }
        return new RateTrajectory(times.ToArray(), Matrix<double>.Build.DenseOfColumnVectors(states));
    }
}
