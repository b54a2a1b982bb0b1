using MathNet.Numerics.LinearAlgebra;
using Theory.Numerics;

namespace Theory.Amplification;

/// <summary>A rate response r(t) = f(x(t)) of τ dx/dt = −x + f(Wx).</summary>
/// <param name="StepTimes">Integration grid t_k = kτ/stepsPerTau (s), k = 0 … K.</param>
/// <param name="RateNorms">‖r(t_k)‖₂ on that grid.</param>
/// <param name="SampleTimes">Times (s) of the stored samples (every stride-th step, from t = 0).</param>
/// <param name="Samples">Stored rates, one row per sample time, one column per unit.</param>
public sealed record RateResponse(double[] StepTimes, double[] RateNorms, double[] SampleTimes, Matrix<double> Samples)
{
    /// <summary>max_k ‖r(t_k)‖₂.</summary>
    public double PeakNorm => RateNorms.Max();

    /// <summary>Total time (s) with ‖r(t)‖ ≥ <paramref name="level"/>, ‖r‖ linearly interpolated
    /// between grid points (the Δt of Christodoulou et al. 2022 Fig. 5A with level 1).</summary>
    public double TimeAbove(double level = 1.0)
    {
        double total = 0;
        for (int k = 1; k < RateNorms.Length; k++)
        {
            double a = RateNorms[k - 1] - level, b = RateNorms[k] - level, h = StepTimes[k] - StepTimes[k - 1];
            if (a >= 0 && b >= 0) total += h;
            else if (a >= 0 || b >= 0) total += h * Math.Max(a, b) / Math.Abs(a - b);
        }
        return total;
    }
}

/// <summary>The nonlinear branch of the dimensionality analysis (<see cref="NonlinearDimensionality"/>).</summary>
/// <param name="AmplifiedFraction">Fraction of the N optimal initial conditions with peak ‖r‖ &gt; threshold.</param>
/// <param name="EffectiveRank">Effective rank of the N × m matrix of the m amplified responses' first principal components (0 if m = 0).</param>
/// <param name="Amplified">m.</param>
/// <param name="PeakNorms">Peak ‖r(t)‖ for each initial condition (Gramian eigenvectors, energies descending).</param>
public sealed record NonlinearSubspace(double AmplifiedFraction, double EffectiveRank, int Amplified, double[] PeakNorms);

/// <summary>
/// Rate dynamics τ dx/dt = −x + f(Wx) from a unit initial condition, read out as the rates
/// r = f(x) (Christodoulou, Vogels &amp; Agnes, PLoS Comput Biol 18:e1010365, 2022; code
/// initialise_rate_dynamics_hetero_n.m: ode45 on x, then output X ← g(X) with the same f, r₀ = 1,
/// r_max = 5, τ = 200 ms). Classical RK4 on the fixed grid Δ = τ/stepsPerTau.
/// </summary>
public static class NonlinearResponse
{
    /// <summary>Default grid: stepsPerTau = max(50, ⌈2·max_k |λ_k(W) − 1|⌉), so that |Δλ(A)| ≤ ½ for every
    /// eigenvalue of the linearisation at 0 (f'(0) = 1), well inside RK4's stability region.</summary>
    public static int DefaultStepsPerTau(Matrix<double> w)
    {
        RealSchur.CheckSquareFinite(w, nameof(w));
        var ev = RealSchur.Decompose(w - Matrix<double>.Build.DenseIdentity(w.RowCount)).Eigenvalues;
        double rho = ev.Max(z => z.Magnitude);
        return (int)Math.Min(1_000_000, Math.Max(50, Math.Ceiling(2 * rho)));
    }

    /// <param name="w">Connectivity (n×n, finite).</param>
    /// <param name="x0">Initial state (length n, finite).</param>
    /// <param name="f">Input–output function (default: <see cref="RateNonlinearity.Christodoulou2022"/>).</param>
    /// <param name="tau">Time constant (s), &gt; 0 (paper: 0.2).</param>
    /// <param name="durationInTau">Simulated time in units of τ, &gt; 0 (paper: 50).</param>
    /// <param name="samples">Number of stored samples after t = 0 (≥ 1; the stride is ⌊K/samples⌋ steps).</param>
    /// <param name="stepsPerTau">RK4 steps per τ, 1–10⁶ (null: <see cref="DefaultStepsPerTau"/>).</param>
    public static RateResponse Simulate(Matrix<double> w, Vector<double> x0, RateNonlinearity? f = null, double tau = 0.2,
        double durationInTau = 50, int samples = 500, int? stepsPerTau = null)
    {
        RealSchur.CheckSquareFinite(w, nameof(w));
        TransientAmplification.CheckVector(x0, w.RowCount, nameof(x0));
        Guard.Positive(tau, nameof(tau));
        Guard.Positive(durationInTau, nameof(durationInTau));
        Guard.InRange(samples, 1, 10_000_000, nameof(samples));
        int spt = stepsPerTau ?? DefaultStepsPerTau(w);
        Guard.InRange(spt, 1, 1_000_000, nameof(stepsPerTau));
        long total = (long)Math.Round(durationInTau * spt);
        if (total < 1 || total > 100_000_000)
            throw new ArgumentException($"durationInTau = {durationInTau} is invalid: durationInTau·stepsPerTau = {total} steps must lie in 1–1e8.", nameof(durationInTau));
        return Run(DenseKernels.ToRowMajor(w), w.RowCount, x0.ToArray(), f ?? RateNonlinearity.Christodoulou2022, tau, (int)total, spt, samples);
    }

    /// <summary>One condition: <see cref="NonlinearBatch.Run"/> with m = 1.</summary>
    internal static RateResponse Run(double[] wr, int n, double[] x, RateNonlinearity f, double tau, int total, int spt, int samples) =>
        NonlinearBatch.Run(wr, n, x, 1, f, tau, total, spt, samples)[0];
}

/// <summary>
/// The nonlinear branch of the paper's amplification–dimensionality analysis (Christodoulou,
/// Vogels &amp; Agnes 2022, Fig. 4B and Fig. 7G; code dim_analysis.m with gain 'NL'): each optimal
/// initial condition vₖ (unit eigenvectors of the energy Gramian) is simulated with
/// τ dx/dt = −x + f(Wx), x(0) = vₖ; its rate response r = f(x) is "amplified" when
/// max_t ‖r(t)‖ &gt; threshold (paper: 2); the first principal component of each amplified response
/// (samples × N, columns centred) is collected, and the effective rank (Roy &amp; Vetterli 2007) of
/// the N × m matrix of these components measures the dimension they share.
/// The linear branch is <see cref="TransientAmplification.AmplifiedDimensionality"/>.
/// </summary>
public static class NonlinearDimensionality
{
    /// <summary>Largest number of conditions integrated together (one SIMD block; widths are rounded up to
    /// multiples of 16, four SIMD vectors).</summary>
    const int BlockWidth = 64;

    /// <param name="w">Connectivity with max Re λ(W) &lt; 1.</param>
    /// <param name="f">Input–output function (default <see cref="RateNonlinearity.Christodoulou2022"/>).</param>
    /// <param name="threshold">Peak ‖r‖ above which a condition is amplified, &gt; 0 (paper: 2).</param>
    /// <param name="durationInTau">Simulated time in units of τ, &gt; 0 (paper: 50).</param>
    /// <param name="samples">Samples per response for the PCA, ≥ 2 (paper: 10 000).</param>
    /// <param name="stepsPerTau">RK4 steps per τ (null: <see cref="NonlinearResponse.DefaultStepsPerTau"/>).</param>
    public static NonlinearSubspace Analyse(Matrix<double> w, RateNonlinearity? f = null, double threshold = 2.0,
        double durationInTau = 50, int samples = 500, int? stepsPerTau = null)
    {
        Guard.Positive(threshold, nameof(threshold));
        Guard.Positive(durationInTau, nameof(durationInTau));
        Guard.InRange(samples, 2, 10_000_000, nameof(samples));
        var ic = InitialConditionOptimisation.Maximise(w, InitialConditionObjective.Energy);
        int n = w.RowCount;
        int spt = stepsPerTau ?? NonlinearResponse.DefaultStepsPerTau(w);
        Guard.InRange(spt, 1, 1_000_000, nameof(stepsPerTau));
        long total = (long)Math.Round(durationInTau * spt);
        if (total < 1 || total > 100_000_000)
            throw new ArgumentException($"durationInTau = {durationInTau} is invalid: durationInTau·stepsPerTau = {total} steps must lie in 1–1e8.", nameof(durationInTau));
        var fn = f ?? RateNonlinearity.Christodoulou2022;
        var wr = DenseKernels.ToRowMajor(w);
        var peaks = new double[n];
        var pcs = new Vector<double>?[n];
        // the conditions run in blocks of ≤ 64 (SIMD across a block, NonlinearBatch); every condition's numbers are
        // those of a run on its own and each block writes only its own slots, so the result depends neither on the
        // blocks nor on the thread count
        int blocks = (n + BlockWidth - 1) / BlockWidth, width = ((n + blocks - 1) / blocks + 15) / 16 * 16;
        Parallel.For(0, blocks, b =>
        {
            int c0 = b * width, m = Math.Min(n, c0 + width) - c0;
            if (m <= 0) return;
            var x0 = new double[n * m];
            for (int i = 0; i < n; i++)
                for (int c = 0; c < m; c++) x0[i * m + c] = ic.Directions[i, c0 + c];
            var resp = NonlinearBatch.Run(wr, n, x0, m, fn, 1.0, (int)total, spt, samples);
            for (int c = 0; c < m; c++)
            {
                peaks[c0 + c] = resp[c].PeakNorm;
                if (!(peaks[c0 + c] > threshold)) continue;
                var x = resp[c].Samples;
                var mean = x.ColumnSums() / x.RowCount;
                for (int k = 0; k < x.RowCount; k++) x.SetRow(k, x.Row(k) - mean);
                pcs[c0 + c] = x.Svd(true).VT.Row(0);
            }
        });
        var kept = pcs.Where(v => v is not null).Select(v => v!).ToList();
        if (kept.Count == 0) return new NonlinearSubspace(0.0, 0.0, 0, peaks);
        var m = Matrix<double>.Build.DenseOfColumnVectors(kept);
        return new NonlinearSubspace((double)kept.Count / n, EffectiveRank.Of(m), kept.Count, peaks);
    }
}
