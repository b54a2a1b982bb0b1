using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MathNet.Numerics.LinearAlgebra;


namespace Theory.Numerics;

/// <summary>
/// Row-major dense kernels used by the Schur, exponential and Lyapunov code: small reflectors
/// and rotations applied to contiguous row segments (SIMD through System.Numerics.Vector) or
/// to short column segments of consecutive rows (one cache line per row).
/// </summary>
internal static class DenseKernels
{
    public static double[] ToRowMajor(Matrix<double> m)
    {
        int r = m.RowCount, c = m.ColumnCount;
        var a = new double[r * c];
        var storage = m.AsColumnMajorArray();
        if (storage is not null)
        {
            for (int j = 0; j < c; j++)
                for (int i = 0; i < r; i++) a[i * c + j] = storage[j * r + i];
        }
        else
        {
            for (int i = 0; i < r; i++)
                for (int j = 0; j < c; j++) a[i * c + j] = m[i, j];
        }
        return a;
    }

    public static Matrix<double> FromRowMajor(double[] a, int r, int c) =>
        Matrix<double>.Build.Dense(r, c, (i, j) => a[i * c + j]);

    /// <summary>Transpose of a row-major n×n array, returned as a MathNet matrix.</summary>
    public static Matrix<double> FromRowMajorTransposed(double[] a, int n)
    {
        // column-major storage of Aᵀ is exactly row-major storage of A
        var copy = (double[])a.Clone();
        return Matrix<double>.Build.Dense(n, n, copy);
    }

    /// <summary>Rows r..r+2 (columns c0..c1−1) ← (I − τ v vᵀ) rows, v = (1, v1, v2).</summary>
    public static void Reflect3Rows(double[] a, int n, int r, int c0, int c1, double v1, double v2, double tau)
    {
        int len = c1 - c0;
        if (len <= 0) return;
        var r0 = a.AsSpan(r * n + c0, len);
        var r1 = a.AsSpan((r + 1) * n + c0, len);
        var r2 = a.AsSpan((r + 2) * n + c0, len);
        int j = 0;
        if (Vector.IsHardwareAccelerated && len >= System.Numerics.Vector<double>.Count)
        {
            var w0 = MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(r0);
            var w1 = MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(r1);
            var w2 = MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(r2);
            var vt = new System.Numerics.Vector<double>(tau);
            var vv1 = new System.Numerics.Vector<double>(v1);
            var vv2 = new System.Numerics.Vector<double>(v2);
            for (int k = 0; k < w0.Length; k++)
            {
                var s = (w0[k] + vv1 * w1[k] + vv2 * w2[k]) * vt;
                w0[k] -= s;
                w1[k] -= s * vv1;
                w2[k] -= s * vv2;
            }
            j = w0.Length * System.Numerics.Vector<double>.Count;
        }
        for (; j < len; j++)
        {
            double s = (r0[j] + v1 * r1[j] + v2 * r2[j]) * tau;
            r0[j] -= s;
            r1[j] -= s * v1;
            r2[j] -= s * v2;
        }
    }

    /// <summary>Rows r, r+1 (columns c0..c1−1) ← (I − τ v vᵀ) rows, v = (1, v1).</summary>
    public static void Reflect2Rows(double[] a, int n, int r, int c0, int c1, double v1, double tau)
    {
        int len = c1 - c0;
        if (len <= 0) return;
        var r0 = a.AsSpan(r * n + c0, len);
        var r1 = a.AsSpan((r + 1) * n + c0, len);
        for (int j = 0; j < len; j++)
        {
            double s = (r0[j] + v1 * r1[j]) * tau;
            r0[j] -= s;
            r1[j] -= s * v1;
        }
    }

    /// <summary>Columns c..c+2 of rows r0..r1−1 ← columns (I − τ v vᵀ).</summary>
    public static void Reflect3Cols(double[] a, int n, int c, int r0, int r1, double v1, double v2, double tau)
    {
        ref double b = ref MemoryMarshal.GetArrayDataReference(a);
        for (int i = r0; i < r1; i++)
        {
            ref double p = ref Unsafe.Add(ref b, i * n + c);
            ref double p1 = ref Unsafe.Add(ref p, 1);
            ref double p2 = ref Unsafe.Add(ref p, 2);
            double s = (p + v1 * p1 + v2 * p2) * tau;
            p -= s;
            p1 -= s * v1;
            p2 -= s * v2;
        }
    }

    public static void Reflect2Cols(double[] a, int n, int c, int r0, int r1, double v1, double tau)
    {
        ref double b = ref MemoryMarshal.GetArrayDataReference(a);
        for (int i = r0; i < r1; i++)
        {
            ref double p = ref Unsafe.Add(ref b, i * n + c);
            ref double p1 = ref Unsafe.Add(ref p, 1);
            double s = (p + v1 * p1) * tau;
            p -= s;
            p1 -= s * v1;
        }
    }

    /// <summary>Rows i, k (columns c0..c1−1) ← [cs sn; −sn cs]·rows.</summary>
    public static void RotateRows(double[] a, int n, int i, int k, int c0, int c1, double cs, double sn)
    {
        for (int j = c0; j < c1; j++)
        {
            double x = a[i * n + j], y = a[k * n + j];
            a[i * n + j] = cs * x + sn * y;
            a[k * n + j] = -sn * x + cs * y;
        }
    }

    /// <summary>Columns i, k (rows r0..r1−1) ← columns·[cs −sn; sn cs].</summary>
    public static void RotateCols(double[] a, int n, int i, int k, int r0, int r1, double cs, double sn)
    {
        for (int r = r0; r < r1; r++)
        {
            double x = a[r * n + i], y = a[r * n + k];
            a[r * n + i] = cs * x + sn * y;
            a[r * n + k] = -sn * x + cs * y;
        }
    }

    /// <summary>dot(x[xo..xo+len], y[yo..yo+len]) with SIMD.</summary>
    public static double Dot(double[] x, int xo, double[] y, int yo, int len)
    {
        var xs = x.AsSpan(xo, len);
        var ys = y.AsSpan(yo, len);
        double s = 0;
        int j = 0;
        if (Vector.IsHardwareAccelerated && len >= System.Numerics.Vector<double>.Count)
        {
            var xv = MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(xs);
            var yv = MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(ys);
            var acc = System.Numerics.Vector<double>.Zero;
            for (int k = 0; k < xv.Length; k++) acc += xv[k] * yv[k];
            s = Vector.Sum(acc);
            j = xv.Length * System.Numerics.Vector<double>.Count;
        }
        for (; j < len; j++) s += xs[j] * ys[j];
        return s;
    }

    /// <summary>y[yo..yo+len] += α·x[xo..xo+len] with SIMD.</summary>
    public static void Axpy(double alpha, double[] x, int xo, double[] y, int yo, int len)
    {
        var xs = x.AsSpan(xo, len);
        var ys = y.AsSpan(yo, len);
        int j = 0;
        if (Vector.IsHardwareAccelerated && len >= System.Numerics.Vector<double>.Count)
        {
            var xv = MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(xs);
            var yv = MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(ys);
            var av = new System.Numerics.Vector<double>(alpha);
            for (int k = 0; k < xv.Length; k++) yv[k] += av * xv[k];
            j = xv.Length * System.Numerics.Vector<double>.Count;
        }
        for (; j < len; j++) ys[j] += alpha * xs[j];
    }

    /// <summary>C = A·B for row-major n×n arrays (i-k-j loop, SIMD axpy over rows of B).</summary>
    public static double[] Multiply(double[] a, double[] b, int n) => Multiply(a, b, n, GC.AllocateUninitializedArray<double>(n * n));

    /// <summary>C = A·B into <paramref name="c"/> (n×n, any content; overwritten; not A or B). Returns c.</summary>
    public static double[] Multiply(double[] a, double[] b, int n, double[] c)
    {
        Array.Clear(c, 0, n * n);
        for (int i = 0; i < n; i++)
            for (int k = 0; k < n; k++)
            {
                double aik = a[i * n + k];
                if (aik != 0) Axpy(aik, b, k * n, c, i * n, n);
            }
        return c;
    }

    /// <summary>C = A·B for row-major n×n quasi-upper-triangular A and B (row k of B is zero
    /// left of column k−1), so only the nonzero parts are touched.</summary>
    public static double[] MultiplyQuasiUpper(double[] a, double[] b, int n) => MultiplyQuasiUpper(a, b, n, GC.AllocateUninitializedArray<double>(n * n));

    /// <summary><see cref="MultiplyQuasiUpper(double[], double[], int)"/> into <paramref name="c"/> (n×n, any
    /// content; overwritten; not A or B). Returns c.</summary>
    public static double[] MultiplyQuasiUpper(double[] a, double[] b, int n, double[] c)
    {
        Array.Clear(c, 0, n * n);
        for (int i = 0; i < n; i++)
            for (int k = Math.Max(0, i - 1); k < n; k++)
            {
                double aik = a[i * n + k];
                if (aik == 0) continue;
                int lo = Math.Max(0, k - 1);
                Axpy(aik, b, k * n + lo, c, i * n + lo, n - lo);
            }
        return c;
    }

    /// <summary>Largest singular value of a row-major n×n array by power iteration on AᵀA,
    /// warm-started from (and updating) <paramref name="x"/>.</summary>
    public static double Norm2Power(double[] a, int n, double[] x, int maxIter = 200, double tol = 1e-13)
    {
        var y = new double[n];
        var z = new double[n];
        double sigma = 0;
        double nx = Math.Sqrt(Dot(x, 0, x, 0, n));
        if (!(nx > 0)) { Array.Fill(x, 1.0 / Math.Sqrt(n)); nx = 1; }
        for (int i = 0; i < n; i++) x[i] /= nx;
        for (int it = 0; it < maxIter; it++)
        {
            for (int i = 0; i < n; i++) y[i] = Dot(a, i * n, x, 0, n);
            Array.Clear(z);
            for (int i = 0; i < n; i++) if (y[i] != 0) Axpy(y[i], a, i * n, z, 0, n);
            double nz = Math.Sqrt(Dot(z, 0, z, 0, n));
            double s = Math.Sqrt(nz);
            if (nz == 0) return 0;
            for (int i = 0; i < n; i++) x[i] = z[i] / nz;
            if (Math.Abs(s - sigma) <= tol * s) { sigma = s; break; }
            sigma = s;
        }
        return sigma;
    }
}
