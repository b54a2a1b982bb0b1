using MathNet.Numerics.LinearAlgebra;
using Theory.Amplification;

namespace Theory.Experiments.Amplification;

/// <summary>One regime of <see cref="TransientRegimes"/>: the rescaled matrix, the nonlinear rate
/// response from its most amplified initial condition, Δt = time with ‖r(t)‖ ≥ 1 (s) and the
/// caption's class of that Δt.</summary>
/// <param name="Regime">The regime (target norms).</param>
/// <param name="W">The rescaled and shifted connectivity.</param>
/// <param name="Response">The tanh rate response from the most amplified initial condition.</param>
/// <param name="DurationAboveOne">Δt: total time with ‖r(t)‖ ≥ 1, s.</param>
/// <param name="MeasuredClass">The caption's class of Δt ("weak", "short transient", "long transient").</param>
public sealed record RegimeResponse(AmplificationRegime Regime, Matrix<double> W, RateResponse Response, double DurationAboveOne, string MeasuredClass);

/// <summary>
/// Christodoulou, Vogels &amp; Agnes (2022) Fig. 5A (code figure5_A.m): one Schur-basis network
/// (N = 200, 6 real eigenvalues, real parts U[−0.5, 0.5], imaginary diameter r = 100, uniform
/// feedforward), its spectrum D and feedforward part F rescaled separately to (‖D‖_F, ‖F‖_F) =
/// (700, 100) "weak", (500, 500) "short transient", (100, 700) "long transient", shifted so that
/// max Re λ ≤ 0.5 (<see cref="SchurParts.Rescaled"/>), and simulated with the tanh rate
/// nonlinearity (r₀ = 1, r_max = 5, τ = 200 ms, 50τ) from the top eigenvector of the energy
/// Gramian. For N ≠ 200 the norms are scaled by √(N/200) (spectrum: fixed eigenvalue size) and
/// √(N(N − 1)/(200·199)) (feedforward: fixed entry size).
/// </summary>
/// <param name="N">Network size (the paper: 200).</param>
/// <param name="ImaginaryDiameter">Imaginary diameter r of the base spectrum.</param>
/// <param name="Seed">Seed of the base network.</param>
/// <param name="Tau">Rate time constant τ, s (the paper: 0.2).</param>
/// <param name="DurationInTau">Simulated time in units of τ.</param>
/// <param name="Samples">Number of time samples of the response.</param>
public sealed record TransientRegimes(int N = 200, double ImaginaryDiameter = 100, ulong Seed = 1, double Tau = 0.2,
    double DurationInTau = 50, int Samples = 500)
{
    /// <summary>The base Schur-form network (its own norms do not matter: both parts are rescaled).</summary>
    public Matrix<double> BaseNetwork() =>
        SchurConstruction.Build(new SchurNetworkSpec(N, 6, -0.5, 0.5, ImaginaryDiameter, 75, false, Seed));

    /// <summary>The matrix of one regime at this N.</summary>
    public Matrix<double> Matrix(AmplificationRegime regime)
    {
        if (regime is null) throw new ArgumentException("regime is null.", nameof(regime));
        var parts = SchurParts.OfQuasiTriangular(BaseNetwork());
        return parts.Rescaled(regime.SpectralNorm * Math.Sqrt(N / 200.0), regime.FeedforwardNorm * Math.Sqrt(N * (N - 1) / (200.0 * 199.0)));
    }

    /// <summary>Simulates one regime.</summary>
    public RegimeResponse Run(AmplificationRegime regime)
    {
        if (N < 8 || N % 2 != 0) throw new ArgumentException($"N = {N} is invalid: it must be even and ≥ 8 (6 real eigenvalues and complex pairs).", nameof(N));
        var w = Matrix(regime);
        var x0 = InitialConditionOptimisation.Maximise(w).Directions.Column(0);
        var resp = NonlinearResponse.Simulate(w, x0, RateNonlinearity.Christodoulou2022, Tau, DurationInTau, Samples);
        double dt = resp.TimeAbove(1.0);
        return new RegimeResponse(regime, w, resp, dt, AmplificationRegime.Classify(dt));
    }
}
