using Complex = System.Numerics.Complex;
using MathNet.Numerics.LinearAlgebra;
using Theory.Numerics;

namespace Theory.Amplification;

/// <summary>
/// W split in its real Schur basis, W = U (D + F) Uᵀ: D the spectrum (1×1 real eigenvalues and
/// 2×2 blocks [[a, b], [−b, a]] for a ± ib, MATLAB's cdf2rdf), F the feedforward part (the Schur
/// factor T with its diagonal blocks removed). <see cref="SpectralNorm"/> = ‖D‖_F = √Σ|λ|² and
/// <see cref="FeedforwardNorm"/> = ‖F‖_F are the "spectrum norm" and "ffd norm" of Christodoulou,
/// Vogels &amp; Agnes (2022), Figs. 5 and 7F (code figure7_E_and_F.m, ffd_random_and_parts.m).
/// For a non-standard 2×2 Schur block [[a, b], [c, a]] (|b| ≠ |c|) the part of the block beyond
/// [[a, ·], [·, a]] with |b| = |c| = √(−bc) belongs to neither D nor F, as in the paper's code.
/// </summary>
/// <param name="U">The orthogonal Schur basis (W = U T Uᵀ).</param>
/// <param name="Spectrum">D: the block-diagonal spectrum part of T (real eigenvalues and standard 2×2 blocks).</param>
/// <param name="Feedforward">F: T with its diagonal blocks removed (the strictly upper feedforward part).</param>
public sealed record SchurParts(Matrix<double> U, Matrix<double> Spectrum, Matrix<double> Feedforward)
{
    /// <summary>‖D‖_F = √(Σ |λ_k|²).</summary>
    public double SpectralNorm => Spectrum.FrobeniusNorm();

    /// <summary>‖F‖_F.</summary>
    public double FeedforwardNorm => Feedforward.FrobeniusNorm();

    /// <summary>The split of any square W (U from <see cref="RealSchur.Decompose"/>).</summary>
    public static SchurParts Of(Matrix<double> w)
    {
        RealSchur.CheckSquareFinite(w, nameof(w));
        var s = RealSchur.Decompose(w);
        return Split(s.U, s.T);
    }

    /// <summary>The split of a matrix that is already quasi-upper-triangular (U = I), as built by
    /// <see cref="SchurConstruction.Build"/> without rotation.</summary>
    public static SchurParts OfQuasiTriangular(Matrix<double> t)
    {
        RealSchur.CheckSquareFinite(t, nameof(t));
        int n = t.RowCount;
        for (int j = 0; j < n; j++)
            for (int i = j + 2; i < n; i++)
                if (t[i, j] != 0)
                    throw new ArgumentException($"t[{i},{j}] = {t[i, j]} is invalid: t must be quasi-upper-triangular (zero below the first subdiagonal).", nameof(t));
        for (int i = 0; i + 2 < n; i++)
            if (t[i + 1, i] != 0 && t[i + 2, i + 1] != 0)
                throw new ArgumentException($"t has consecutive subdiagonal entries at rows {i + 1} and {i + 2}: diagonal blocks must be 1×1 or 2×2.", nameof(t));
        return Split(Matrix<double>.Build.DenseIdentity(n), t);
    }

    static SchurParts Split(Matrix<double> u, Matrix<double> t)
    {
        int n = t.RowCount;
        var d = Matrix<double>.Build.Dense(n, n);
        var f = t.Clone();
        var ev = RealSchur.Eigenvalues(t);
        for (int i = 0; i < n;)
        {
            if (i + 1 < n && t[i + 1, i] != 0)
            {
                Complex z = ev[i];
                double b = Math.Abs(z.Imaginary);
                d[i, i] = z.Real; d[i + 1, i + 1] = z.Real; d[i, i + 1] = b; d[i + 1, i] = -b;
                f[i, i] = 0; f[i, i + 1] = 0; f[i + 1, i] = 0; f[i + 1, i + 1] = 0;
                i += 2;
            }
            else { d[i, i] = t[i, i]; f[i, i] = 0; i += 1; }
        }
        return new SchurParts(u, d, f);
    }

    /// <summary>
    /// The matrix of Christodoulou et al. (2022) Fig. 5A with the spectrum and the feedforward
    /// part rescaled separately, M = x·D/‖D‖_F + y·F/‖F‖_F − s·I (in the Schur basis, U not
    /// applied, as the paper's code), where s = α − <paramref name="maxAbscissa"/> if the spectral
    /// abscissa α = max Re λ(x·D/‖D‖_F) exceeds <paramref name="maxAbscissa"/>, else 0.
    /// </summary>
    /// <param name="spectralNorm">x = ‖D‖_F of the result before the shift, ≥ 0.</param>
    /// <param name="feedforwardNorm">y = ‖F‖_F of the result, ≥ 0.</param>
    /// <param name="maxAbscissa">Largest allowed max Re λ (paper: 0.5, so that A = W − I is stable).</param>
    public Matrix<double> Rescaled(double spectralNorm, double feedforwardNorm, double maxAbscissa = 0.5)
    {
        Guard.NonNegative(spectralNorm, nameof(spectralNorm));
        Guard.NonNegative(feedforwardNorm, nameof(feedforwardNorm));
        Guard.Finite(maxAbscissa, nameof(maxAbscissa));
        double dn = SpectralNorm, fn = FeedforwardNorm;
        if (spectralNorm > 0 && dn == 0) throw new ArgumentException($"spectralNorm = {spectralNorm} is invalid: the spectrum of this matrix is zero and cannot be rescaled (use 0).", nameof(spectralNorm));
        if (feedforwardNorm > 0 && fn == 0) throw new ArgumentException($"feedforwardNorm = {feedforwardNorm} is invalid: this matrix has no feedforward part to rescale (use 0).", nameof(feedforwardNorm));
        var m = (dn > 0 ? Spectrum * (spectralNorm / dn) : Spectrum.Clone()) + (fn > 0 ? Feedforward * (feedforwardNorm / fn) : Feedforward.Clone());
        double alpha = RealSchur.Eigenvalues(m).Max(z => z.Real);
        if (alpha > maxAbscissa)
            m -= Matrix<double>.Build.DenseIdentity(m.RowCount) * (alpha - maxAbscissa);
        return m;
    }
}

/// <summary>The three regimes of Christodoulou et al. (2022) Fig. 5A as (spectral norm,
/// feedforward norm) for N = 200 (code figure5_A.m; caption: Δt for which ‖r(t)‖ ≥ 1 is
/// ≤ 500 ms "weak", 500–2000 ms "short transient", ≥ 2000 ms "long transient", τ = 200 ms).</summary>
/// <param name="Name">The regime's name ("weak", "short transient", "long transient").</param>
/// <param name="SpectralNorm">Target ‖D‖_F of the spectrum part for N = 200.</param>
/// <param name="FeedforwardNorm">Target ‖F‖_F of the feedforward part for N = 200.</param>
public sealed record AmplificationRegime(string Name, double SpectralNorm, double FeedforwardNorm)
{
    /// <summary>Weak amplification: spectral norm 700, feedforward norm 100 (Fig. 5A, left).</summary>
    public static AmplificationRegime Weak { get; } = new("weak", 700, 100);
    /// <summary>Short transient: spectral and feedforward norms 500 each (Fig. 5A, middle).</summary>
    public static AmplificationRegime ShortTransient { get; } = new("short transient", 500, 500);
    /// <summary>Long transient: spectral norm 100, feedforward norm 700 (Fig. 5A, right).</summary>
    public static AmplificationRegime LongTransient { get; } = new("long transient", 100, 700);
    /// <summary>The three regimes in the figure's order.</summary>
    public static IReadOnlyList<AmplificationRegime> All { get; } = new[] { Weak, ShortTransient, LongTransient };

    /// <summary>The caption's class of a measured Δt (s): weak ≤ 0.5 s &lt; short &lt; 2 s ≤ long.</summary>
    public static string Classify(double durationSeconds) =>
        durationSeconds <= 0.5 ? "weak" : durationSeconds < 2.0 ? "short transient" : "long transient";
}
