using Complex = System.Numerics.Complex;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;
using Theory.Numerics;

namespace Theory.Amplification;

/// <summary>
/// Parameters of a connectivity built in the Schur basis, W = U (D + F) Uᵀ: D block-diagonal
/// with the chosen eigenvalues (1×1 real blocks, 2×2 blocks [[a, b], [−b, a]] for a ± ib), F
/// strictly upper "feedforward" entries outside the 2×2 blocks, uniform in [−1, 1] and scaled
/// to Frobenius norm <see cref="FeedforwardNorm"/>, U Haar-random orthogonal (identity when
/// <see cref="Rotate"/> is false: the paper's analyses use the Schur form itself).
/// Real parts uniform in [<see cref="RealLow"/>, <see cref="RealHigh"/>], imaginary parts of
/// the pairs uniform in [−r/2, r/2] with r = <see cref="ImaginaryDiameter"/>.
/// </summary>
/// <param name="N">Number of neurons (size of W).</param>
/// <param name="RealEigenvalues">How many eigenvalues are real (the other N − RealEigenvalues form complex pairs).</param>
/// <param name="RealLow">Lower end of the uniform real parts.</param>
/// <param name="RealHigh">Upper end of the uniform real parts.</param>
/// <param name="ImaginaryDiameter">Width r of the uniform imaginary parts of the pairs, [−r/2, r/2].</param>
/// <param name="FeedforwardNorm">Frobenius norm of the feedforward part F.</param>
/// <param name="Rotate">True: U Haar-random orthogonal; false: U = I (W in Schur form).</param>
/// <param name="Seed">Seed of the random draws.</param>
public sealed record SchurNetworkSpec(
    int N,
    int RealEigenvalues,
    double RealLow,
    double RealHigh,
    double ImaginaryDiameter,
    double FeedforwardNorm,
    bool Rotate,
    ulong Seed)
{
    /// <summary>Christodoulou, Vogels &amp; Agnes (2022), Figs. 3–4 (code: create_matrix.m,
    /// ffd_random.m): N = 200 with 6 real eigenvalues and 97 complex pairs (the structure of
    /// their SOC matrix), real parts U[−0.5, 0.5], imaginary diameter r = 20, feedforward norm 75.</summary>
    public static SchurNetworkSpec Christodoulou2022 { get; } = new(200, 6, -0.5, 0.5, 20, 75, false, 1);

    /// <summary>Copy with another seed (reads well from F#: spec.WithSeed 3).</summary>
    public SchurNetworkSpec WithSeed(ulong seed) => this with { Seed = seed };

    /// <summary>Copy with the Haar rotation switched on or off.</summary>
    public SchurNetworkSpec WithRotation(bool rotate = true) => this with { Rotate = rotate };

    /// <summary>Copy with another imaginary diameter r.</summary>
    public SchurNetworkSpec WithImaginaryDiameter(double r) => this with { ImaginaryDiameter = r };

    /// <summary>Copy with another feedforward Frobenius norm.</summary>
    public SchurNetworkSpec WithFeedforwardNorm(double norm) => this with { FeedforwardNorm = norm };
}

/// <summary>Builds connectivity matrices in the Schur basis (see <see cref="SchurNetworkSpec"/>).</summary>
public static class SchurConstruction
{
    /// <summary>Quasi-diagonal D from real eigenvalues (first) and complex pairs a ± ib given by
    /// their member with b &gt; 0; each pair becomes the block [[a, b], [−b, a]] (as MATLAB's cdf2rdf).</summary>
    public static Matrix<double> BlockDiagonal(double[] realEigenvalues, Complex[] complexPairs)
    {
        Guard.AllFinite(realEigenvalues, nameof(realEigenvalues));
        if (complexPairs is null) throw new ArgumentException("complexPairs is null.", nameof(complexPairs));
        int n = realEigenvalues.Length + 2 * complexPairs.Length;
        Guard.Positive(n, "n (total size)");
        var d = Matrix<double>.Build.Dense(n, n);
        int i = 0;
        foreach (var z in complexPairs)
        {
            if (!double.IsFinite(z.Real) || !(z.Imaginary > 0) || !double.IsFinite(z.Imaginary))
                throw new ArgumentException($"complexPairs has {z}: each pair is given by its member with finite real part and imaginary part > 0.", nameof(complexPairs));
            d[i, i] = z.Real; d[i + 1, i + 1] = z.Real;
            d[i, i + 1] = z.Imaginary; d[i + 1, i] = -z.Imaginary;
            i += 2;
        }
        foreach (var r in realEigenvalues) { d[i, i] = r; i++; }
        return d;
    }

    /// <summary>Adds strictly upper feedforward weights (outside the 2×2 diagonal blocks of
    /// <paramref name="d"/>), uniform in [−1, 1], rescaled to Frobenius norm <paramref name="norm"/>.</summary>
    public static Matrix<double> WithFeedforward(Matrix<double> d, double norm, ulong seed) =>
        WithFeedforward(d, norm, SeedFolding.ToInt32(seed));

    static Matrix<double> WithFeedforward(Matrix<double> d, double norm, int seed)
    {
        RealSchur.CheckSquareFinite(d, nameof(d));
        Guard.NonNegative(norm, nameof(norm));
        int n = d.RowCount;
        var rng = new MersenneTwister(seed);
        var f = Matrix<double>.Build.Dense(n, n);
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                double u = 2 * rng.NextDouble() - 1;
                bool inBlock = j == i + 1 && d[j, i] != 0;
                if (!inBlock) f[i, j] = u;
            }
        double fn = f.FrobeniusNorm();
        if (fn > 0) f *= norm / fn;
        return d + f;
    }

    /// <summary>W = U T Uᵀ with U Haar-random orthogonal (seeded).</summary>
    public static Matrix<double> Rotate(Matrix<double> t, ulong seed) => Rotate(t, SeedFolding.ToInt32(seed));

    static Matrix<double> Rotate(Matrix<double> t, int seed)
    {
        RealSchur.CheckSquareFinite(t, nameof(t));
        var u = RandomOrthogonal.Haar32(t.RowCount, seed);
        return u * t * u.Transpose();
    }

    /// <summary>The seed of a derived stream, a·seed + b in 32-bit arithmetic as when the seeds were <c>int</c>
    /// (bit-identical for every seed ≤ 2³¹ − 1; larger seeds are folded first, <see cref="SeedFolding"/>).</summary>
    static int Derived(ulong seed, int a, int b) => unchecked(SeedFolding.ToInt32(seed) * a + b);

    /// <summary>W from a spec; the eigenvalue draws, feedforward draws and rotation use seeds
    /// derived from spec.Seed, so the spectrum and the feedforward part vary independently.</summary>
    public static Matrix<double> Build(SchurNetworkSpec spec)
    {
        if (spec is null) throw new ArgumentException("spec is null.", nameof(spec));
        Guard.Positive(spec.N, "spec.N");
        Guard.InRange(spec.RealEigenvalues, 0, spec.N, "spec.RealEigenvalues");
        if ((spec.N - spec.RealEigenvalues) % 2 != 0)
            throw new ArgumentException($"spec.RealEigenvalues = {spec.RealEigenvalues} is invalid: N − RealEigenvalues must be even (complex pairs).", "spec.RealEigenvalues");
        Guard.Finite(spec.RealLow, "spec.RealLow");
        Guard.Finite(spec.RealHigh, "spec.RealHigh");
        if (spec.RealHigh < spec.RealLow)
            throw new ArgumentException($"spec.RealHigh = {spec.RealHigh} is invalid: it must be >= RealLow = {spec.RealLow}.", "spec.RealHigh");
        Guard.NonNegative(spec.ImaginaryDiameter, "spec.ImaginaryDiameter");
        int pairs = (spec.N - spec.RealEigenvalues) / 2;
        var rng = new MersenneTwister(SeedFolding.ToInt32(spec.Seed));
        var cp = new Complex[pairs];
        for (int k = 0; k < pairs; k++)
        {
            double im = Math.Abs(spec.ImaginaryDiameter * (rng.NextDouble() - 0.5));
            double re = spec.RealLow + (spec.RealHigh - spec.RealLow) * rng.NextDouble();
            cp[k] = new Complex(re, Math.Max(im, 1e-12));
        }
        var re1 = new double[spec.RealEigenvalues];
        for (int k = 0; k < re1.Length; k++) re1[k] = spec.RealLow + (spec.RealHigh - spec.RealLow) * rng.NextDouble();
        var t = WithFeedforward(BlockDiagonal(re1, cp), spec.FeedforwardNorm, Derived(spec.Seed, 7919, 1));
        return spec.Rotate ? Rotate(t, Derived(spec.Seed, 104729, 2)) : t;
    }
}
