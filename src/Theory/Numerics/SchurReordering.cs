using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace Theory.Numerics;

public static partial class RealSchur
{
    /// <summary>
    /// Reorders the diagonal blocks of a Schur form so that <paramref name="key"/> of the
    /// blocks' eigenvalues decreases from top to bottom (stable: ties keep their order). For
    /// a 2×2 block the key of its eigenvalue with positive imaginary part is used. E.g.
    /// <c>key = λ ↦ Re λ</c> puts the rightmost (slowest-decaying) modes first.
    /// </summary>
    public static SchurForm Sort(SchurForm form, Func<Complex, double> key)
    {
        if (form is null) throw new ArgumentException("form is null: a Schur form is required.", nameof(form));
        if (key is null) throw new ArgumentException("key is null: a key function is required.", nameof(key));
        return Reorder(form, key);
    }

    /// <summary>Moves the blocks whose eigenvalues satisfy <paramref name="select"/> to the top
    /// (keeping the relative order within selected and unselected blocks). The leading columns
    /// of the new U then span the invariant subspace of the selected eigenvalues.</summary>
    public static SchurForm SelectToTop(SchurForm form, Func<Complex, bool> select)
    {
        if (form is null) throw new ArgumentException("form is null: a Schur form is required.", nameof(form));
        if (select is null) throw new ArgumentException("select is null: a predicate is required.", nameof(select));
        return Reorder(form, z => select(z) ? 1.0 : 0.0);
    }

    static SchurForm Reorder(SchurForm form, Func<Complex, double> key)
    {
        int n = form.T.RowCount;
        var h = DenseKernels.ToRowMajor(form.T);
        var zt = DenseKernels.ToRowMajor(form.U.Transpose());
        // swap on T/2^e (max entry in [1, 2)) so that the Sylvester solves neither overflow nor
        // underflow; the key sees the eigenvalues of T itself; T is scaled back exactly
        int e = ScaleToUnit(h);
        if (e == int.MinValue) return form;
        double up = Math.ScaleB(1.0, e);
        // insertion sort by adjacent swaps, re-reading the block structure after every swap
        // (a swapped 2×2 block may come out split if its eigenvalues are nearly real)
        int i = 0;
        while (true)
        {
            var starts = BlockStarts(h, n);
            if (i >= starts.Count) break;
            int b = i;
            while (b > 0)
            {
                starts = BlockStarts(h, n);
                int s0 = starts[b - 1], s1 = starts[b];
                int p = s1 - s0, q = (b + 1 < starts.Count ? starts[b + 1] : n) - s1;
                double kPrev = key(BlockEigenvalue(h, n, s0, p) * up);
                double kCur = key(BlockEigenvalue(h, n, s1, q) * up);
                if (!(kCur > kPrev)) break;
                if (!SwapBlocks(h, zt, n, s0, p, q)) break;
                b--;
            }
            i++;
        }
        for (int k = 0; k < h.Length; k++) h[k] = Math.ScaleB(h[k], e);
        return new SchurForm(DenseKernels.FromRowMajorTransposed(zt, n), DenseKernels.FromRowMajor(h, n, n));
    }

    static List<int> BlockStarts(double[] h, int n)
    {
        var s = new List<int>();
        for (int i = 0; i < n;)
        {
            s.Add(i);
            i += (i + 1 < n && h[(i + 1) * n + i] != 0) ? 2 : 1;
        }
        return s;
    }

    static Complex BlockEigenvalue(double[] h, int n, int s, int size)
    {
        if (size == 1) return new Complex(h[s * n + s], 0);
        double a = h[s * n + s], b = h[s * n + s + 1], c = h[(s + 1) * n + s], d = h[(s + 1) * n + s + 1];
        double p = 0.5 * (a - d), disc = p * p + b * c, m = 0.5 * (a + d);
        return disc < 0 ? new Complex(m, Math.Sqrt(-disc)) : new Complex(m + Math.Sqrt(disc), 0);
    }

    /// <summary>
    /// Swaps the adjacent diagonal blocks of sizes p (at j) and q (at j+p) of the
    /// quasi-triangular H: X solves A₁₁X − XA₂₂ = A₁₂, the columns of [X; −I] span the invariant
    /// subspace of A₂₂, and its QR factor Q gives QᵀHQ with the blocks exchanged (Bai &amp;
    /// Demmel 1993). Returns false (nothing changed) if the swap would be unstable.
    /// </summary>
    static bool SwapBlocks(double[] h, double[] zt, int n, int j, int p, int q)
    {
        int m = p + q;
        // Sylvester system for X (p×q), unknown index r*q + c
        int nu = p * q;
        var M = new double[nu * nu];
        var rhs = new double[nu];
        double normT = 0;
        for (int r = 0; r < m; r++)
            for (int c = 0; c < m; c++) normT = Math.Max(normT, Math.Abs(h[(j + r) * n + j + c]));
        for (int r = 0; r < p; r++)
            for (int c = 0; c < q; c++)
            {
                int row = r * q + c;
                rhs[row] = h[(j + r) * n + j + p + c];
                for (int k = 0; k < p; k++) M[row * nu + k * q + c] += h[(j + r) * n + j + k];
                for (int k = 0; k < q; k++) M[row * nu + r * q + k] -= h[(j + p + k) * n + j + p + c];
            }
        var x = SolveSmall(M, rhs, nu, Math.Max(normT, SafeMin) * Eps);

        // [X; −I] (m×q) and its Householder QR; Q built explicitly (m ≤ 4)
        var y = new double[m * q];
        for (int r = 0; r < p; r++)
            for (int c = 0; c < q; c++) y[r * q + c] = x[r * q + c];
        for (int r = 0; r < q; r++) y[(p + r) * q + r] = -1.0;
        var Q = new double[m * m];
        for (int i = 0; i < m; i++) Q[i * m + i] = 1.0;
        var v = new double[m];
        for (int c = 0; c < q; c++)
        {
            double alpha = y[c * q + c], xn = 0;
            for (int r = c + 1; r < m; r++) xn += y[r * q + c] * y[r * q + c];
            xn = Math.Sqrt(xn);
            if (xn == 0) continue;
            double beta = -Math.CopySign(Hypot(alpha, xn), alpha);
            double tau = (beta - alpha) / beta;
            double inv = 1.0 / (alpha - beta);
            Array.Clear(v);
            v[c] = 1;
            for (int r = c + 1; r < m; r++) v[r] = y[r * q + c] * inv;
            // y ← P y (columns c..q-1)
            for (int cc = c; cc < q; cc++)
            {
                double s = 0;
                for (int r = c; r < m; r++) s += v[r] * y[r * q + cc];
                for (int r = c; r < m; r++) y[r * q + cc] -= tau * s * v[r];
            }
            // Q ← Q P
            for (int r = 0; r < m; r++)
            {
                double s = 0;
                for (int k = c; k < m; k++) s += Q[r * m + k] * v[k];
                for (int k = c; k < m; k++) Q[r * m + k] -= tau * s * v[k];
            }
        }

        // test the swap on the m×m block first: the new lower-left q×p part must be negligible
        var blk = new double[m * m];
        for (int r = 0; r < m; r++)
            for (int c = 0; c < m; c++) blk[r * m + c] = h[(j + r) * n + j + c];
        ApplyLeftT(blk, m, Q, m, 0, 0, m);
        ApplyRight(blk, m, Q, m, 0, 0, m);
        double resid = 0;
        for (int r = q; r < m; r++)
            for (int c = 0; c < q; c++) resid = Math.Max(resid, Math.Abs(blk[r * m + c]));
        if (resid > 100 * Eps * Math.Max(normT, SafeMin) * m) return false;

        ApplyLeftT(h, n, Q, m, j, j, n);        // rows j..j+m−1, columns j..n−1
        ApplyRight(h, n, Q, m, j, 0, j + m);    // columns j..j+m−1, rows 0..j+m−1
        ApplyLeftT(zt, n, Q, m, j, 0, n);
        for (int r = q; r < m; r++)
            for (int c = 0; c < q; c++) h[(j + r) * n + j + c] = 0;
        if (q == 2) StandardiseBlock(h, zt, n, j);
        if (p == 2) StandardiseBlock(h, zt, n, j + q);
        return true;
    }

    static void ApplyLeftT(double[] a, int n, double[] Q, int m, int j, int c0, int c1)
    {
        var tmp = new double[m];
        for (int c = c0; c < c1; c++)
        {
            for (int r = 0; r < m; r++)
            {
                double s = 0;
                for (int k = 0; k < m; k++) s += Q[k * m + r] * a[(j + k) * n + c];
                tmp[r] = s;
            }
            for (int r = 0; r < m; r++) a[(j + r) * n + c] = tmp[r];
        }
    }

    static void ApplyRight(double[] a, int n, double[] Q, int m, int j, int r0, int r1)
    {
        var tmp = new double[m];
        for (int r = r0; r < r1; r++)
        {
            for (int c = 0; c < m; c++)
            {
                double s = 0;
                for (int k = 0; k < m; k++) s += a[r * n + j + k] * Q[k * m + c];
                tmp[c] = s;
            }
            for (int c = 0; c < m; c++) a[r * n + j + c] = tmp[c];
        }
    }

    /// <summary>Gaussian elimination with complete pivoting; tiny pivots are replaced by
    /// <paramref name="minPivot"/> (perturbation as in LAPACK's small Sylvester solver).</summary>
    internal static double[] SolveSmall(double[] M, double[] b, int k, double minPivot)
    {
        var a = (double[])M.Clone();
        var rhs = (double[])b.Clone();
        var colPerm = new int[k];
        for (int i = 0; i < k; i++) colPerm[i] = i;
        for (int s = 0; s < k; s++)
        {
            int pr = s, pc = s;
            double best = -1;
            for (int r = s; r < k; r++)
                for (int c = s; c < k; c++)
                    if (Math.Abs(a[r * k + c]) > best) { best = Math.Abs(a[r * k + c]); pr = r; pc = c; }
            if (pr != s)
            {
                for (int c = 0; c < k; c++) (a[s * k + c], a[pr * k + c]) = (a[pr * k + c], a[s * k + c]);
                (rhs[s], rhs[pr]) = (rhs[pr], rhs[s]);
            }
            if (pc != s)
            {
                for (int r = 0; r < k; r++) (a[r * k + s], a[r * k + pc]) = (a[r * k + pc], a[r * k + s]);
                (colPerm[s], colPerm[pc]) = (colPerm[pc], colPerm[s]);
            }
            if (Math.Abs(a[s * k + s]) < minPivot) a[s * k + s] = minPivot;
            for (int r = s + 1; r < k; r++)
            {
                double f = a[r * k + s] / a[s * k + s];
                if (f == 0) continue;
                for (int c = s; c < k; c++) a[r * k + c] -= f * a[s * k + c];
                rhs[r] -= f * rhs[s];
            }
        }
        var z = new double[k];
        for (int s = k - 1; s >= 0; s--)
        {
            double t = rhs[s];
            for (int c = s + 1; c < k; c++) t -= a[s * k + c] * z[c];
            z[s] = t / a[s * k + s];
        }
        var x = new double[k];
        for (int i = 0; i < k; i++) x[colPerm[i]] = z[i];
        return x;
    }
}
