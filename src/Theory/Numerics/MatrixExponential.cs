using MathNet.Numerics.LinearAlgebra;

namespace Theory.Numerics;

/// <summary>
/// Matrix exponential e^A by scaling and squaring with diagonal Padé approximants of degree
/// 3, 5, 7, 9 or 13 chosen from ‖A‖₁ (N. J. Higham, "The scaling and squaring method for the
/// matrix exponential revisited", SIAM J. Matrix Anal. Appl. 26:1179, 2005, Alg. 2.3 and
/// Table 2.3), and the action e^{tA}v by a scaled, shifted truncated Taylor series (the scheme
/// of A. H. Al-Mohy &amp; N. J. Higham, SIAM J. Sci. Comput. 33:488, 2011, with a simple
/// choice of the number of steps s = ⌈‖tA − μtI‖₁⌉ and a term-size stopping test).
/// </summary>
public static class MatrixExponential
{
    // θ_m of Higham (2005), Table 2.3: the largest ‖A‖₁ for which r_m is accurate to unit roundoff
    static readonly double[] Theta = { 1.495585217958292e-2, 2.539398330063230e-1, 9.504178996162932e-1, 2.097847961257068e0 };
    static readonly double[][] B =
    {
        new double[] { 120, 60, 12, 1 },
        new double[] { 30240, 15120, 3360, 420, 30, 1 },
        new double[] { 17297280, 8648640, 1995840, 277200, 25200, 1512, 56, 1 },
        new double[] { 17643225600, 8821612800, 2075673600, 302702400, 30270240, 2162160, 110880, 3960, 90, 1 },
    };
    static readonly double[] B13 =
    {
        64764752532480000, 32382376266240000, 7771770303897600, 1187353796428800, 129060195264000,
        10559470521600, 670442572800, 33522128640, 1323241920, 40840800, 960960, 16380, 182, 1,
    };
    const double Theta13 = 5.371920351148152;

    /// <summary>e^A for a square finite matrix A (Higham 2005, Padé 13 with scaling and squaring).</summary>
    public static Matrix<double> Expm(Matrix<double> a)
    {
        RealSchur.CheckSquareFinite(a, nameof(a));
        int n = a.RowCount;
        var I = Matrix<double>.Build.DenseIdentity(n);
        double norm = a.L1Norm();
        for (int k = 0; k < Theta.Length; k++)
            if (norm <= Theta[k]) return PadeLow(a, B[k], I);
        int s = norm > Theta13 ? (int)Math.Ceiling(Math.Log2(norm / Theta13)) : 0;
        var x = s > 0 ? a / Math.Pow(2, s) : a;
        var r = Pade13(x, I);
        for (int k = 0; k < s; k++) r = r * r;
        return r;
    }

    /// <summary>e^{tA} (convenience for propagators).</summary>
    public static Matrix<double> Expm(Matrix<double> a, double t)
    {
        Guard.Finite(t, nameof(t));
        return Expm(a * t);
    }

    static Matrix<double> PadeLow(Matrix<double> a, double[] b, Matrix<double> I)
    {
        var a2 = a * a;
        var u = I * b[1];
        var v = I * b[0];
        var p = I;
        for (int k = 2; k < b.Length; k += 2)
        {
            p = p * a2;
            v += p * b[k];
            u += p * b[k + 1];
        }
        u = a * u;
        return (v - u).Solve(v + u);
    }

    static Matrix<double> Pade13(Matrix<double> a, Matrix<double> I)
    {
        var b = B13;
        var a2 = a * a; var a4 = a2 * a2; var a6 = a4 * a2;
        var u = a * (a6 * (a6 * b[13] + a4 * b[11] + a2 * b[9]) + a6 * b[7] + a4 * b[5] + a2 * b[3] + I * b[1]);
        var v = a6 * (a6 * b[12] + a4 * b[10] + a2 * b[8]) + a6 * b[6] + a4 * b[4] + a2 * b[2] + I * b[0];
        return (v - u).Solve(v + u);
    }

    /// <summary>
    /// e^{tA} v without forming e^{tA}: with μ = tr(A)/n and s = max(1, ⌈‖t(A − μI)‖₁⌉),
    /// e^{tA}v = e^{μt} (e^{t(A−μI)/s})^s v, each factor a Taylor series truncated when two
    /// consecutive terms fall below 2⁻⁵³ of the partial sum (Al-Mohy &amp; Higham 2011).
    /// </summary>
    public static Vector<double> ExpmTimesVector(Matrix<double> a, Vector<double> v, double t = 1.0)
    {
        RealSchur.CheckSquareFinite(a, nameof(a));
        if (v is null) throw new ArgumentException("v is null: a vector is required.", nameof(v));
        if (v.Count != a.RowCount)
            throw new ArgumentException($"v has length {v.Count}: it must match a ({a.RowCount}×{a.RowCount}).", nameof(v));
        Guard.AllFinite(v.ToArray(), nameof(v));
        Guard.Finite(t, nameof(t));
        int n = a.RowCount;
        double mu = a.Trace() / n;
        var b = (a - Matrix<double>.Build.DenseIdentity(n) * mu) * t;
        double norm = b.L1Norm();
        int s = Math.Max(1, (int)Math.Ceiling(norm));
        var bs = b / s;
        var f = v.Clone();
        double eta = Math.Exp(mu * t / s);
        for (int step = 0; step < s; step++)
        {
            var term = f.Clone();
            double prev = double.PositiveInfinity;
            for (int k = 1; k <= 60; k++)
            {
                term = bs * term / k;
                f += term;
                double c = term.InfinityNorm();
                if (c + prev <= 1.1102230246251565e-16 * f.InfinityNorm()) break;
                prev = c;
            }
            f *= eta;
        }
        return f;
    }
}
