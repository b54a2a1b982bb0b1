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
        var e = ExpmRowMajor(DenseKernels.ToRowMajor(a), n);
        var m = DenseKernels.FromRowMajor(e, n, n);
        ScratchArrays.Return(e);
        return m;
    }

    /// <summary>e^{tA} (convenience for propagators).</summary>
    public static Matrix<double> Expm(Matrix<double> a, double t)
    {
        Guard.Finite(t, nameof(t));
        return Expm(a * t);
    }

    /// <summary>Core on a row-major n×n array (unchecked). The intermediates are per-thread work arrays
    /// (<see cref="ScratchArrays"/>); the result is the caller's, who may give it back with
    /// <see cref="ScratchArrays.Return"/> when done.</summary>
    internal static double[] ExpmRowMajor(double[] a, int n)
    {
        double norm = 0;
        for (int j = 0; j < n; j++)
        {
            double s = 0;
            for (int i = 0; i < n; i++) s += Math.Abs(a[i * n + j]);
            norm = Math.Max(norm, s);
        }
        for (int k = 0; k < Theta.Length; k++)
            if (norm <= Theta[k]) return PadeLow(a, n, B[k]);
        int sq = norm > Theta13 ? (int)Math.Ceiling(Math.Log2(norm / Theta13)) : 0;
        var x = a;
        if (sq > 0)
        {
            double f = Math.Pow(2, -sq);
            x = ScratchArrays.Rent(n * n, clear: false);
            for (int i = 0; i < n * n; i++) x[i] = a[i] * f;
        }
        var r = Pade13(x, n);
        if (sq > 0) ScratchArrays.Return(x);
        for (int k = 0; k < sq; k++)
        {
            var r2 = DenseKernels.Multiply(r, r, n, ScratchArrays.Rent(n * n, clear: false));
            ScratchArrays.Return(r);
            r = r2;
        }
        return r;
    }

    /// <summary>Σ cₖ Mₖ + c·I (row-major), the linear combinations of the Padé numerators (a work array).</summary>
    static double[] Combine(int n, double cI, params (double c, double[] m)[] terms)
    {
        var r = ScratchArrays.Rent(n * n, clear: true);
        foreach (var (c, m) in terms)
            if (c != 0) DenseKernels.Axpy(c, m, 0, r, 0, n * n);
        for (int i = 0; i < n; i++) r[i * n + i] += cI;
        return r;
    }

    static double[] Product(double[] a, double[] b, int n) => DenseKernels.Multiply(a, b, n, ScratchArrays.Rent(n * n, clear: false));

    static double[] PadeLow(double[] a, int n, double[] b)
    {
        var a2 = Product(a, a, n);
        var powers = new List<double[]> { a2 };
        for (int k = 4; k < b.Length; k += 2) powers.Add(Product(powers[^1], a2, n));
        var uTerms = new List<(double, double[])>();
        var vTerms = new List<(double, double[])>();
        for (int k = 0; k < powers.Count; k++)
        {
            vTerms.Add((b[2 * k + 2], powers[k]));
            uTerms.Add((b[2 * k + 3], powers[k]));
        }
        var uInner = Combine(n, b[1], uTerms.ToArray());
        var u = Product(a, uInner, n);
        var v = Combine(n, b[0], vTerms.ToArray());
        ScratchArrays.Return(uInner);
        foreach (var p in powers) ScratchArrays.Return(p);
        return SolvePade(u, v, n);
    }

    static double[] Pade13(double[] a, int n)
    {
        var b = B13;
        var a2 = Product(a, a, n);
        var a4 = Product(a2, a2, n);
        var a6 = Product(a4, a2, n);
        var inner = Combine(n, 0, (b[13], a6), (b[11], a4), (b[9], a2));
        var u1 = Product(a6, inner, n);
        var uInner = Combine(n, b[1], (1.0, u1), (b[7], a6), (b[5], a4), (b[3], a2));
        var u = Product(a, uInner, n);
        var innerV = Combine(n, 0, (b[12], a6), (b[10], a4), (b[8], a2));
        var v1 = Product(a6, innerV, n);
        var v = Combine(n, b[0], (1.0, v1), (b[6], a6), (b[4], a4), (b[2], a2));
        foreach (var t in new[] { a2, a4, a6, inner, u1, uInner, innerV, v1 }) ScratchArrays.Return(t);
        return SolvePade(u, v, n);
    }

    /// <summary>(V − U)⁻¹(V + U) by LU with partial pivoting on row-major arrays; U and V are work
    /// arrays, given back here.</summary>
    static double[] SolvePade(double[] u, double[] v, int n)
    {
        var p = ScratchArrays.Rent(n * n, clear: false);
        var x = ScratchArrays.Rent(n * n, clear: false);
        for (int i = 0; i < n * n; i++) { p[i] = v[i] - u[i]; x[i] = v[i] + u[i]; }
        ScratchArrays.Return(u);
        ScratchArrays.Return(v);
        for (int k = 0; k < n; k++)
        {
            int piv = k;
            double best = Math.Abs(p[k * n + k]);
            for (int i = k + 1; i < n; i++)
                if (Math.Abs(p[i * n + k]) > best) { best = Math.Abs(p[i * n + k]); piv = i; }
            if (best == 0) { ScratchArrays.Return(p); throw new ArithmeticException("expm: singular Padé denominator (overflow in the input?)."); }
            if (piv != k)
            {
                SwapRows(p, n, k, piv);
                SwapRows(x, n, k, piv);
            }
            double inv = 1.0 / p[k * n + k];
            for (int i = k + 1; i < n; i++)
            {
                double l = p[i * n + k] * inv;
                if (l == 0) continue;
                p[i * n + k] = 0;
                DenseKernels.Axpy(-l, p, k * n + k + 1, p, i * n + k + 1, n - k - 1);
                DenseKernels.Axpy(-l, x, k * n, x, i * n, n);
            }
        }
        for (int k = n - 1; k >= 0; k--)
        {
            double inv = 1.0 / p[k * n + k];
            for (int j = 0; j < n; j++) x[k * n + j] *= inv;
            for (int i = 0; i < k; i++)
            {
                double c = p[i * n + k];
                if (c != 0) DenseKernels.Axpy(-c, x, k * n, x, i * n, n);
            }
        }
        ScratchArrays.Return(p);
        return x;
    }

    static void SwapRows(double[] m, int n, int i, int k)
    {
        var a = m.AsSpan(i * n, n);
        var b = m.AsSpan(k * n, n);
        var tmp = a.ToArray();
        b.CopyTo(a);
        tmp.CopyTo(b);
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
