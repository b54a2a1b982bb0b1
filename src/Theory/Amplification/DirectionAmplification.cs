using MathNet.Numerics.LinearAlgebra;
using Theory.Numerics;

namespace Theory.Amplification;

/// <summary>The paper's Fig. 3 measures of one network: for each optimal initial condition vₖ
/// (Gramian eigenvectors, energies descending) the peak m_k = max_{t_j} ‖e^{At_j}vₖ‖ on the grid
/// t_j = jτ/stepsPerTau, j = 1 … horizon·stepsPerTau; <see cref="TopDirection"/> = m₁ (the most
/// amplified direction) and <see cref="AmplifiedPercent"/> = 100·#{k : m_k &gt; threshold}/N.</summary>
/// <param name="PeakNorms">m_k for each direction k, in the order of the Gramian eigenvalues (descending).</param>
/// <param name="TopDirection">m₁, the peak of the most amplified direction.</param>
/// <param name="AmplifiedPercent">100·#{k : m_k &gt; threshold}/N, %.</param>
/// <param name="Threshold">The amplification threshold (the paper's 1.5).</param>
public sealed record DirectionAmplificationResult(double[] PeakNorms, double TopDirection, double AmplifiedPercent, double Threshold);

/// <summary>
/// Per-direction amplification of the linear dynamics τ dx/dt = −x + Wx, A = (W − I)/τ
/// (Christodoulou, Vogels &amp; Agnes, PLoS Comput Biol 18:e1010365, 2022, Fig. 3 and Fig. 7E;
/// code max_norm_analytical.m: τ = 200, t = 1 … 1000, i.e. t ≤ 5τ sampled every τ/200, and a
/// direction counts as amplified when its peak exceeds 1.5). The directions are the
/// eigenvectors of the Gramian of <see cref="InitialConditionOptimisation.Maximise"/>
/// (<see cref="InitialConditionObjective.Energy"/> in the paper). The trajectories of all N
/// directions are advanced together by exact steps X ← e^{AΔ}X, Δ = τ/stepsPerTau (Padé 13).
/// </summary>
public static class DirectionAmplification
{
    /// <param name="w">Connectivity with max Re λ(W) &lt; 1.</param>
    /// <param name="horizonInTau">Last sample time in units of τ, &gt; 0 (paper: 5).</param>
    /// <param name="stepsPerTau">Samples per τ, 1–100 000 (paper: 200).</param>
    /// <param name="threshold">Peak norm above which a direction is amplified, &gt; 0 (paper: 1.5).</param>
    /// <param name="objective">Which Gramian's eigenvectors to evolve (paper: Energy).</param>
    public static DirectionAmplificationResult Compute(Matrix<double> w, double horizonInTau = 5, int stepsPerTau = 200,
        double threshold = 1.5, InitialConditionObjective objective = InitialConditionObjective.Energy)
    {
        Guard.Positive(horizonInTau, nameof(horizonInTau));
        if (!double.IsFinite(horizonInTau)) throw new ArgumentException($"horizonInTau = {horizonInTau} is invalid: it must be finite and > 0.", nameof(horizonInTau));
        Guard.InRange(stepsPerTau, 1, 100_000, nameof(stepsPerTau));
        Guard.Positive(threshold, nameof(threshold));
        var ic = InitialConditionOptimisation.Maximise(w, objective);
        return Compute(w, ic.Directions, horizonInTau, stepsPerTau, threshold);
    }

    /// <summary>The same measures for given unit initial conditions (columns of <paramref name="directions"/>).</summary>
    public static DirectionAmplificationResult Compute(Matrix<double> w, Matrix<double> directions, double horizonInTau, int stepsPerTau, double threshold)
    {
        RealSchur.CheckSquareFinite(w, nameof(w));
        if (directions is null) throw new ArgumentException("directions is null: a matrix is required.", nameof(directions));
        for (int j = 0; j < directions.ColumnCount; j++)
            for (int i = 0; i < directions.RowCount; i++)
                if (!double.IsFinite(directions[i, j]))
                    throw new ArgumentException($"directions[{i},{j}] = {directions[i, j]} is invalid: every entry must be finite.", nameof(directions));
        if (directions.RowCount != w.RowCount || directions.ColumnCount < 1)
            throw new ArgumentException($"directions is {directions.RowCount}×{directions.ColumnCount}: it must have {w.RowCount} rows and at least one column.", nameof(directions));
        Guard.InRange(stepsPerTau, 1, 100_000, nameof(stepsPerTau));
        Guard.Positive(threshold, nameof(threshold));
        int steps = (int)Math.Round(horizonInTau * stepsPerTau);
        if (steps < 1 || steps > 10_000_000)
            throw new ArgumentException($"horizonInTau = {horizonInTau} is invalid: horizonInTau·stepsPerTau must lie in 1–1e7 samples.", nameof(horizonInTau));
        int n = w.RowCount, m = directions.ColumnCount;
        // τ = 1: the grid in units of τ does not depend on τ
        var step = MatrixExponential.Expm((w - Matrix<double>.Build.DenseIdentity(n)) / stepsPerTau);
        var x = directions.Clone();
        var peaks = Enumerable.Repeat(double.NegativeInfinity, m).ToArray();
        for (int j = 1; j <= steps; j++)
        {
            x = step * x;
            for (int c = 0; c < m; c++)
            {
                double s = 0;
                for (int i = 0; i < n; i++) s += x[i, c] * x[i, c];
                peaks[c] = Math.Max(peaks[c], Math.Sqrt(s));
            }
        }
        double percent = 100.0 * peaks.Count(p => p > threshold) / m;
        return new DirectionAmplificationResult(peaks, peaks[0], percent, threshold);
    }
}
