using Deedle;
using MathNet.Numerics.LinearAlgebra;
using Theory.Amplification;

namespace Theory.Experiments.Amplification;

/// <summary>Simulated (fine-step RK4) against analytic (e^{At}x₀) linear rate trajectories.</summary>
/// <param name="Times">Sample times (s).</param>
/// <param name="Simulated">n × times states from <see cref="RateDynamics.Simulate"/>.</param>
/// <param name="Analytic">n × times states e^{At}x₀ (Padé 13 propagator, exact stepping).</param>
/// <param name="MaxRelativeError">max_k ‖x_sim(t_k) − x(t_k)‖₂ / max_k ‖x(t_k)‖₂.</param>
/// <param name="PeakNormSimulated">max_k ‖x_sim(t_k)‖₂.</param>
/// <param name="PeakNormAnalytic">max_k ‖x(t_k)‖₂.</param>
public sealed record LinearRateDynamicsResult(
    double[] Times, Matrix<double> Simulated, Matrix<double> Analytic,
    double MaxRelativeError, double PeakNormSimulated, double PeakNormAnalytic)
{
    /// <summary>One row per sample: t (s), ‖x‖ simulated and analytic, then x_i simulated
    /// ("sim_i") and analytic ("exact_i") for every unit.</summary>
    public Frame<int, string> ToFrame()
    {
        var keys = Enumerable.Range(0, Times.Length).ToArray();
        var b = new FrameBuilder.Columns<int, string>();
        b.Add("t", new Series<int, double>(keys, Times));
        b.Add("norm_sim", new Series<int, double>(keys, keys.Select(k => Simulated.Column(k).L2Norm()).ToArray()));
        b.Add("norm_exact", new Series<int, double>(keys, keys.Select(k => Analytic.Column(k).L2Norm()).ToArray()));
        for (int i = 0; i < Simulated.RowCount; i++)
        {
            b.Add($"sim_{i}", new Series<int, double>(keys, Simulated.Row(i).ToArray()));
            b.Add($"exact_{i}", new Series<int, double>(keys, Analytic.Row(i).ToArray()));
        }
        return b.Frame;
    }
}

/// <summary>
/// Linear rate dynamics τ dx/dt = −x + Wx integrated with a fine fixed step and compared with
/// the analytic solution x(t) = e^{(W−I)t/τ}x₀ (Christodoulou, Vogels &amp; Agnes 2022, Methods;
/// Murphy &amp; Miller 2009 for the feedforward pair). The two agree to the integrator's
/// O((dt/τ)⁴) error, i.e. to ~1e-12 relative at dt = τ/1000.
/// </summary>
/// <param name="W">Connectivity W (n × n).</param>
/// <param name="X0">Initial state x₀ (length n).</param>
/// <param name="Tau">Time constant τ, s (default 0.02).</param>
/// <param name="Duration">Simulated time, s (default 0.1).</param>
/// <param name="Dt">RK4 step, s (default 2e-5).</param>
/// <param name="SaveEvery">Steps between saved samples (default 50).</param>
public sealed record LinearRateDynamics(Matrix<double> W, Vector<double> X0, double Tau = 0.02,
    double Duration = 0.1, double Dt = 2e-5, int SaveEvery = 50)
{
    /// <summary>The 2×2 feedforward pair W = [[0, 10], [0, 0]], x₀ = e₂ (peak ‖x‖ = 3.697 at
    /// t ≈ 0.99τ; Murphy &amp; Miller 2009, Fig. 1).</summary>
    public static LinearRateDynamics FeedforwardPair { get; } =
        new(Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 10 }, { 0, 0 } }),
            Vector<double>.Build.DenseOfArray(new double[] { 0, 1 }));

    /// <summary>A 40-unit Schur-basis network (seeded) started from its most amplified initial
    /// condition (top eigenvector of the observability Gramian).</summary>
    public static LinearRateDynamics SchurNetwork(ulong seed = 1)
    {
        var spec = new SchurNetworkSpec(40, 4, -0.5, 0.5, 4, 10, true, seed);
        var w = SchurConstruction.Build(spec);
        var x0 = TransientAmplification.OptimalInitialConditions(w, 0.02).Directions.Column(0);
        return new LinearRateDynamics(w, x0);
    }

    /// <summary>Copy with another duration (s).</summary>
    public LinearRateDynamics WithDuration(double duration) => this with { Duration = duration };

    /// <summary>Integrates the trajectory with fixed-step RK4 and evaluates the analytic one at the same times.</summary>
    /// <returns>Both trajectories and their difference.</returns>
    public LinearRateDynamicsResult Run()
    {
        if (!(Duration > 0) || !double.IsFinite(Duration))
            throw new ArgumentException($"Duration = {Duration} s is invalid: it must be finite and > 0.", nameof(Duration));
        if (SaveEvery < 1)
            throw new ArgumentException($"SaveEvery = {SaveEvery} is invalid: it must be >= 1.", nameof(SaveEvery));
        var sim = RateDynamics.Simulate(W, X0, Duration, Dt, Tau, RateNonlinearity.Linear, SaveEvery);
        var times = sim.Times;
        // exact stepping with the propagator over one saving interval
        var a = TransientAmplification.Generator(W, Tau);
        int n = W.RowCount;
        var analytic = Matrix<double>.Build.Dense(n, times.Length);
        analytic.SetColumn(0, X0);
        var cur = X0.Clone();
        double prevT = 0;
        Matrix<double>? step = null;
        double stepLen = double.NaN;
        for (int k = 1; k < times.Length; k++)
        {
            double h = times[k] - prevT;
            if (step is null || Math.Abs(h - stepLen) > 1e-12 * h)
            {
                step = Theory.Numerics.MatrixExponential.Expm(a * h);
                stepLen = h;
            }
            cur = step * cur;
            analytic.SetColumn(k, cur);
            prevT = times[k];
        }
        double peakA = 0, peakS = 0, maxErr = 0;
        for (int k = 0; k < times.Length; k++)
        {
            peakA = Math.Max(peakA, analytic.Column(k).L2Norm());
            peakS = Math.Max(peakS, sim.States.Column(k).L2Norm());
            maxErr = Math.Max(maxErr, (analytic.Column(k) - sim.States.Column(k)).L2Norm());
        }
        return new LinearRateDynamicsResult(times, sim.States, analytic, maxErr / peakA, peakS, peakA);
    }
}
