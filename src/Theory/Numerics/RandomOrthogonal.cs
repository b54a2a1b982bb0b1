using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using MathNet.Numerics.Random;

namespace Theory.Numerics;

/// <summary>
/// Haar-distributed random orthogonal matrices: Q of the QR factorisation of a standard
/// Gaussian matrix G = QR, with the column signs fixed so that diag(R) &gt; 0 (F. Mezzadri,
/// "How to generate random matrices from the classical compact groups", Notices AMS 54:592,
/// 2007). Without the sign fix Q is not Haar distributed.
/// </summary>
public static class RandomOrthogonal
{
    /// <summary>An n×n Haar orthogonal matrix; the same seed gives the identical matrix.</summary>
    public static Matrix<double> Haar(int n, ulong seed) => Haar32(n, SeedFolding.ToInt32(seed));

    /// <summary><see cref="Haar"/> with the 32-bit Mersenne Twister seed itself (any int, as before the seeds
    /// became ulong).</summary>
    internal static Matrix<double> Haar32(int n, int seed)
    {
        Guard.Positive(n, nameof(n));
        var rng = new MersenneTwister(seed);
        var g = Matrix<double>.Build.Dense(n, n);
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++) g[i, j] = Normal.Sample(rng, 0.0, 1.0);
        var qr = g.QR(QRMethod.Full);
        var q = qr.Q.Clone();
        var r = qr.R;
        for (int j = 0; j < n; j++)
            if (r[j, j] < 0)
                for (int i = 0; i < n; i++) q[i, j] = -q[i, j];
        return q;
    }
}
