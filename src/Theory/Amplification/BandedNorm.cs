using System.Numerics;
using Theory.Numerics;

namespace Theory.Amplification;

/// <summary>
/// ‖E‖₂ by power iteration on EᵀE for a row-major n × n array whose row i is zero left of column
/// i − 2 (the products E(t + h) = E(h)E(t) of quasi-upper-triangular factors that
/// <see cref="TransientAmplification.MaxAmplification(MathNet.Numerics.LinearAlgebra.Matrix{double}, double)"/>
/// forms on its grid: <c>DenseKernels.MultiplyQuasiUpper</c> writes row i from column i − 2 on).
/// The same iteration as <c>DenseKernels.Norm2Power</c> with the zero part of every row skipped: the
/// dot products start at the multiple of the SIMD width at or below i − 2, so that every product
/// lands in the same SIMD lane as in the full-row loop (the skipped products are exact zeros, which
/// leave the +0 lane accumulators unchanged), and the axpys start at i − 2 (elementwise, no
/// reduction). Every number, the returned norm and the updated start vector, is therefore
/// bit-identical to <c>DenseKernels.Norm2Power</c> on the same array, at about half its cost.
/// </summary>
internal static class BandedNorm
{
    /// <summary>First column of row i that the iteration touches: row i is zero left of column
    /// i − 2. For the dot products the start is rounded down to a multiple of the SIMD width and
    /// kept ≤ n − width, so that the SIMD/scalar split of the full-row loop is kept.</summary>
    static int DotStart(int i, int n)
    {
        int w = Vector<double>.Count;
        if (!Vector.IsHardwareAccelerated || n < w) return 0;
        int lo = Math.Max(0, i - 2) / w * w;
        return Math.Min(lo, (n - w) / w * w);
    }

    /// <summary>Largest singular value of the row-major n × n array <paramref name="a"/> (zero left of
    /// column i − 2 in row i), warm-started from (and updating) <paramref name="x"/>; stops when two
    /// successive estimates differ by at most <paramref name="tol"/> relative, or after
    /// <paramref name="maxIter"/> iterations.</summary>
    public static double Norm2Power(double[] a, int n, double[] x, int maxIter = 200, double tol = 1e-13)
    {
        var y = new double[n];
        var z = new double[n];
        double sigma = 0;
        double nx = Math.Sqrt(DenseKernels.Dot(x, 0, x, 0, n));
        if (!(nx > 0)) { Array.Fill(x, 1.0 / Math.Sqrt(n)); nx = 1; }
        for (int i = 0; i < n; i++) x[i] /= nx;
        var starts = new int[n];
        for (int i = 0; i < n; i++) starts[i] = DotStart(i, n);
        for (int it = 0; it < maxIter; it++)
        {
            for (int i = 0; i < n; i++) { int lo = starts[i]; y[i] = DenseKernels.Dot(a, i * n + lo, x, lo, n - lo); }
            Array.Clear(z);
            for (int i = 0; i < n; i++)
                if (y[i] != 0) { int lo = Math.Max(0, i - 2); DenseKernels.Axpy(y[i], a, i * n + lo, z, lo, n - lo); }
            double nz = Math.Sqrt(DenseKernels.Dot(z, 0, z, 0, n));
            double s = Math.Sqrt(nz);
            if (nz == 0) return 0;
            for (int i = 0; i < n; i++) x[i] = z[i] / nz;
            if (Math.Abs(s - sigma) <= tol * s) { sigma = s; break; }
            sigma = s;
        }
        return sigma;
    }
}
