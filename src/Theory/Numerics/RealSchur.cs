using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace Theory.Numerics;

/// <summary>
/// Real Schur form A = U T Uᵀ: U orthogonal, T quasi-upper-triangular with 1×1 blocks for real
/// eigenvalues and standardised 2×2 blocks [[a, b], [c, a]] (b·c &lt; 0) for complex pairs
/// a ± i√(−bc).
/// </summary>
/// <param name="U">Orthogonal matrix U (Schur vectors as columns).</param>
/// <param name="T">Quasi-upper-triangular T.</param>
public sealed record SchurForm(Matrix<double> U, Matrix<double> T)
{
    /// <summary>Eigenvalues in the order of the diagonal blocks of T (pairs: +Im first).</summary>
    public Complex[] Eigenvalues => RealSchur.Eigenvalues(T);

    /// <summary>Sizes (1 or 2) of the diagonal blocks of T, top to bottom.</summary>
    public int[] BlockSizes => RealSchur.BlockSizes(T);

    /// <summary>U T Uᵀ (the reconstructed matrix).</summary>
    public Matrix<double> Reconstruct() => U * T * U.Transpose();
}

/// <summary>
/// Real Schur decomposition of a real square matrix: Householder reduction to upper Hessenberg
/// form followed by the Francis implicit double-shift QR iteration with Ahues–Tisseur
/// deflation and exceptional shifts (Golub &amp; Van Loan, Matrix Computations, 4th ed.,
/// §7.4–7.5, Alg. 7.5.1–7.5.2; Francis 1961/62), and reordering of the diagonal blocks by
/// direct swapping of adjacent blocks (Bai &amp; Demmel 1993: a Sylvester equation
/// A₁₁X − XA₂₂ = A₁₂ and the QR factorisation of [X; −I]).
/// </summary>
/// <remarks>
/// All work is done on row-major arrays; U is accumulated transposed, so every update of it
/// is a contiguous row operation. The backward error ‖A − UTUᵀ‖_F is O(ε‖A‖_F).
/// </remarks>
public static partial class RealSchur
{
    const double Eps = 2.220446049250313e-16;
    const double SafeMin = 2.2250738585072014e-308;

    /// <summary>Real Schur decomposition A = U T Uᵀ of a square, finite matrix.</summary>
    /// <param name="a">Square real matrix with finite entries and ‖a‖_F ≤ 1.7e308 (T has the
    /// Frobenius norm of a, so its entries must fit in double; a larger norm is an ArgumentException).</param>
    /// <remarks>
    /// Before the iteration A is balanced in the two ways that keep the similarity orthogonal
    /// (the first step of LAPACK's xGEBAL, and a uniform scaling):
    /// <list type="number">
    /// <item>Permutation: rows with no off-diagonal entry in the active window are moved to the
    /// bottom and such columns to the top, repeatedly, so P A Pᵀ = [T₁ X Y; 0 B Z; 0 0 T₂] with T₁,
    /// T₂ upper triangular; their eigenvalues are read off exactly and the QR iteration works on B
    /// alone (triangular and permuted-triangular matrices come out exact).</item>
    /// <item>Uniform scaling by 2^−e, e = ⌊log₂ max|a_ij|⌋, so that the largest entry lies in [1, 2).
    /// It is exact, so the iteration sees the same numbers whatever the scale of A, stays clear of
    /// overflow and of the subnormal range, and the result is invariant under scaling by powers of
    /// two: Decompose(2^k A) has the same U and T·2^k, bit for bit (as long as T·2^k is representable).</item>
    /// </list>
    /// The diagonal scaling D⁻¹AD of xGEBAL's second step is deliberately not applied: it would make
    /// the similarity non-orthogonal, and U must be the orthogonal Schur basis of A itself (the
    /// amplification module builds on it). The backward error stays ‖A − UTUᵀ‖_F = O(nε‖A‖_F) and
    /// ‖UᵀU − I‖_F = O(nε); eigenvalues of a badly scaled A are as accurate as that normwise bound allows.
    /// When A itself lies in the subnormal range (‖A‖ ≲ 2⁻¹⁰²²) the entries of T are rounded to
    /// subnormals on the way out, which adds an absolute error of order n²·2⁻¹⁰⁷⁴.
    /// The zero matrix gives U = I, T = 0.
    /// </remarks>
    public static SchurForm Decompose(Matrix<double> a)
    {
        CheckSquareFinite(a, nameof(a));
        int n = a.RowCount;
        var h = DenseKernels.ToRowMajor(a);
        var zt = new double[n * n];
        for (int i = 0; i < n; i++) zt[i * n + i] = 1.0;
        int e = ScaleToUnit(h);
        if (e == int.MinValue) // the zero matrix
            return new SchurForm(DenseKernels.FromRowMajorTransposed(zt, n), DenseKernels.FromRowMajor(h, n, n));
        CheckNormRepresentable(h, n, e, nameof(a));
        Permute(h, zt, n);
        Hessenberg(h, zt, n);
        Francis(h, zt, n);
        for (int i = 0; i < h.Length; i++) h[i] = Math.ScaleB(h[i], e);
        return new SchurForm(DenseKernels.FromRowMajorTransposed(zt, n), DenseKernels.FromRowMajor(h, n, n));
    }

    /// <summary>Scales x by 2^−e in place so that max|x| ∈ [1, 2) and returns e (exact except for
    /// entries pushed below the normal range, which are ≤ 2^−1022 of the largest one);
    /// int.MinValue for an all-zero array (left as is).</summary>
    internal static int ScaleToUnit(double[] x)
    {
        double amax = 0;
        foreach (var v in x) amax = Math.Max(amax, Math.Abs(v));
        if (amax == 0) return int.MinValue;
        int e = Math.ILogB(amax);
        if (e != 0)
            for (int i = 0; i < x.Length; i++) x[i] = Math.ScaleB(x[i], -e);
        return e;
    }

    /// <summary>‖A‖_F = ‖T‖_F bounds every entry of T: refuse when 2^e‖A/2^e‖_F would overflow.</summary>
    static void CheckNormRepresentable(double[] scaled, int n, int e, string name)
    {
        double ss = 0;
        foreach (var v in scaled) ss += v * v;
        double norm = Math.Sqrt(ss) * (1 + 4 * n * Eps);
        if (e > 0 && !double.IsFinite(Math.ScaleB(norm, e)))
            throw new ArgumentException(
                $"{name} has ‖{name}‖_F ≈ {norm:G4}·2^{e}, beyond the double range: the entries of its Schur form T would overflow. " +
                $"The valid range is ‖{name}‖_F ≤ 1.7e308; scale {name} down by a power of two (T scales exactly with it).", name);
    }

    /// <summary>The permutation step of balancing (cf. LAPACK xGEBAL, job 'P'), written for the
    /// full Schur form: H ← P H Pᵀ and Zt ← P Zt, isolating eigenvalues at the bottom (rows with
    /// no off-diagonal entry in the window) and at the top (such columns).</summary>
    static void Permute(double[] h, double[] zt, int n)
    {
        int lo = 0, hi = n - 1;
        bool found = true;
        while (found && hi > lo)
        {
            found = false;
            for (int j = hi; j >= lo; j--)
            {
                bool isolated = true;
                for (int k = lo; k <= hi && isolated; k++) if (k != j && h[j * n + k] != 0) isolated = false;
                if (!isolated) continue;
                SwapSymmetric(h, zt, n, j, hi);
                hi--; found = true;
                break;
            }
        }
        found = true;
        while (found && hi > lo)
        {
            found = false;
            for (int j = lo; j <= hi; j++)
            {
                bool isolated = true;
                for (int k = lo; k <= hi && isolated; k++) if (k != j && h[k * n + j] != 0) isolated = false;
                if (!isolated) continue;
                SwapSymmetric(h, zt, n, j, lo);
                lo++; found = true;
                break;
            }
        }
    }

    static void SwapSymmetric(double[] h, double[] zt, int n, int i, int j)
    {
        if (i == j) return;
        for (int k = 0; k < n; k++) (h[i * n + k], h[j * n + k]) = (h[j * n + k], h[i * n + k]);
        for (int k = 0; k < n; k++) (h[k * n + i], h[k * n + j]) = (h[k * n + j], h[k * n + i]);
        for (int k = 0; k < n; k++) (zt[i * n + k], zt[j * n + k]) = (zt[j * n + k], zt[i * n + k]);
    }

    internal static void CheckSquareFinite(Matrix<double> a, string name)
    {
        if (a is null) throw new ArgumentException($"{name} is null: a square matrix is required.", name);
        if (a.RowCount != a.ColumnCount)
            throw new ArgumentException($"{name} is {a.RowCount}×{a.ColumnCount}: it must be square.", name);
        if (a.RowCount == 0) throw new ArgumentException($"{name} is empty: it must be at least 1×1.", name);
        for (int j = 0; j < a.ColumnCount; j++)
            for (int i = 0; i < a.RowCount; i++)
                if (!double.IsFinite(a[i, j]))
                    throw new ArgumentException($"{name}[{i},{j}] = {a[i, j]} is invalid: every entry must be finite.", name);
    }

    /// <summary>Sizes of the diagonal blocks of a quasi-triangular T (a nonzero subdiagonal
    /// entry starts a 2×2 block).</summary>
    public static int[] BlockSizes(Matrix<double> t)
    {
        var sizes = new List<int>();
        int n = t.RowCount;
        for (int i = 0; i < n;)
        {
            if (i + 1 < n && t[i + 1, i] != 0) { sizes.Add(2); i += 2; }
            else { sizes.Add(1); i += 1; }
        }
        return sizes.ToArray();
    }

    /// <summary>Eigenvalues read from the diagonal blocks of a quasi-triangular T.</summary>
    public static Complex[] Eigenvalues(Matrix<double> t)
    {
        int n = t.RowCount;
        var ev = new Complex[n];
        for (int i = 0; i < n;)
        {
            if (i + 1 < n && t[i + 1, i] != 0)
            {
                double a = t[i, i], b = t[i, i + 1], c = t[i + 1, i], d = t[i + 1, i + 1];
                // scaled by a power of two so that p² + bc neither overflows nor underflows
                double amax = Math.Max(Math.Max(Math.Abs(a), Math.Abs(b)), Math.Max(Math.Abs(c), Math.Abs(d)));
                int e = Math.ILogB(amax);
                a = Math.ScaleB(a, -e); b = Math.ScaleB(b, -e); c = Math.ScaleB(c, -e); d = Math.ScaleB(d, -e);
                double p = 0.5 * (a - d), disc = p * p + b * c, m = Math.ScaleB(0.5 * (a + d), e);
                if (disc < 0)
                {
                    double im = Math.ScaleB(Math.Sqrt(-disc), e);
                    ev[i] = new Complex(m, im);
                    ev[i + 1] = new Complex(m, -im);
                }
                else
                {
                    double r = Math.ScaleB(Math.Sqrt(disc), e);
                    ev[i] = new Complex(m + r, 0);
                    ev[i + 1] = new Complex(m - r, 0);
                }
                i += 2;
            }
            else { ev[i] = new Complex(t[i, i], 0); i++; }
        }
        return ev;
    }

    // ---------------------------------------------------------------- Hessenberg reduction

    /// <summary>H ← QᵀHQ upper Hessenberg (Householder, GVL Alg. 7.4.2); Zt ← Qᵀ Zt.</summary>
    static void Hessenberg(double[] h, double[] zt, int n)
    {
        var v = new double[n];
        var w = new double[n];
        for (int k = 0; k < n - 2; k++)
        {
            int m = n - k - 1; // length of the reflector, acting on indices k+1..n-1
            double alpha = h[(k + 1) * n + k];
            double xnorm = 0;
            {
                double scale = 0, ssq = 1;
                for (int i = k + 2; i < n; i++)
                {
                    double x = h[i * n + k];
                    if (x != 0)
                    {
                        double ax = Math.Abs(x);
                        if (scale < ax) { ssq = 1 + ssq * (scale / ax) * (scale / ax); scale = ax; }
                        else ssq += (ax / scale) * (ax / scale);
                    }
                }
                xnorm = scale * Math.Sqrt(ssq);
            }
            if (xnorm < SafeMin)
            {
                // negligible next to ‖H‖ ≥ 1 (see Sweep): zero rather than divide by a subnormal
                for (int i = k + 2; i < n; i++) h[i * n + k] = 0;
                continue;
            }
            double beta = -Math.CopySign(Hypot(alpha, xnorm), alpha);
            double tau = (beta - alpha) / beta;
            double inv = 1.0 / (alpha - beta);
            // v is stored with offset k+1: v[k+1] = 1
            v[k + 1] = 1.0;
            for (int i = k + 2; i < n; i++) v[i] = h[i * n + k] * inv;

            // left: rows k+1..n-1, columns k+1..n-1 (column k is known: beta e1)
            int c0 = k + 1, len = n - c0;
            Array.Clear(w, c0, len);
            for (int i = k + 1; i < n; i++) DenseKernels.Axpy(v[i], h, i * n + c0, w, c0, len);
            for (int i = k + 1; i < n; i++) DenseKernels.Axpy(-tau * v[i], w, c0, h, i * n + c0, len);
            h[(k + 1) * n + k] = beta;
            for (int i = k + 2; i < n; i++) h[i * n + k] = 0;

            // right: all rows, columns k+1..n-1
            for (int i = 0; i < n; i++)
            {
                double s = DenseKernels.Dot(h, i * n + c0, v, c0, len);
                if (s != 0) DenseKernels.Axpy(-tau * s, v, c0, h, i * n + c0, len);
            }

            // Zt ← P Zt: rows k+1..n-1, all columns
            Array.Clear(w, 0, n);
            for (int i = k + 1; i < n; i++) DenseKernels.Axpy(v[i], zt, i * n, w, 0, n);
            for (int i = k + 1; i < n; i++) DenseKernels.Axpy(-tau * v[i], w, 0, zt, i * n, n);
        }
    }

    static double Hypot(double x, double y)
    {
        double ax = Math.Abs(x), ay = Math.Abs(y);
        double mx = Math.Max(ax, ay), mn = Math.Min(ax, ay);
        if (mx == 0) return 0;
        double r = mn / mx;
        return mx * Math.Sqrt(1 + r * r);
    }

    // ---------------------------------------------------------------- Francis QR

    /// <summary>Francis double-shift QR on the Hessenberg H (GVL Alg. 7.5.1/7.5.2), full Schur
    /// form: every transformation is applied to the whole of H and to Zt.</summary>
    static void Francis(double[] h, double[] zt, int n)
    {
        double smlnum = SafeMin * (n / Eps);
        // ‖A‖_F (invariant under the orthogonal updates), for the stagnation fallback below
        double hnorm = 0;
        foreach (var x in h) hnorm += x * x;
        hnorm = Math.Sqrt(hnorm);
        int hi = n - 1;
        int its = 0, maxIts = 30 * Math.Max(10, n);
        while (hi >= 0)
        {
            int l = hi;
            while (l > 0)
            {
                double sub = Math.Abs(h[l * n + l - 1]);
                if (sub <= smlnum) break;
                // stagnation on clusters of defective eigenvalues (rotated Jordan blocks): after
                // 20 sweeps accept the normwise test |h_{k,k−1}| ≤ ε‖A‖_F, which keeps the
                // backward error O(ε‖A‖)
                if (its >= 20 && sub <= Eps * hnorm) break;
                double tst = Math.Abs(h[(l - 1) * n + l - 1]) + Math.Abs(h[l * n + l]);
                if (tst == 0)
                {
                    if (l - 2 >= 0) tst += Math.Abs(h[(l - 1) * n + l - 2]);
                    if (l + 1 <= hi) tst += Math.Abs(h[(l + 1) * n + l]);
                }
                if (sub <= Eps * tst)
                {
                    // after 10 sweeps without deflation (clusters from defective eigenvalues,
                    // where the refined test can stall) the classical normwise test suffices:
                    // it perturbs A by at most ε(|h_{k−1,k−1}| + |h_kk|)
                    if (its >= 10) break;
                    // Ahues & Tisseur (1997) refined test
                    double up = Math.Abs(h[(l - 1) * n + l]);
                    double ab = Math.Max(sub, up), ba = Math.Min(sub, up);
                    double hll = h[l * n + l], hd = Math.Abs(h[(l - 1) * n + l - 1] - hll);
                    double aa = Math.Max(Math.Abs(hll), hd), bb = Math.Min(Math.Abs(hll), hd);
                    double s = aa + ab;
                    if (ba * (ab / s) <= Math.Max(smlnum, Eps * (bb * (aa / s)))) break;
                }
                l--;
            }
            if (l > 0) h[l * n + l - 1] = 0;
            if (l == hi) { hi--; its = 0; continue; }
            if (l == hi - 1) { StandardiseBlock(h, zt, n, hi - 1); hi -= 2; its = 0; continue; }

            its++;
            if (its > maxIts)
                throw new InvalidOperationException($"RealSchur: the QR iteration did not converge ({its} sweeps without deflation, n = {n}).");

            double h11, h12, h21, h22;
            // exceptional shifts every 10 sweeps without deflation, alternating between the top
            // and the bottom of the active window (as in LAPACK's dlahqr)
            if (its % 20 == 0)
            {
                double s = Math.Abs(h[(l + 1) * n + l]) + Math.Abs(h[(l + 2) * n + l + 1]);
                h11 = 0.75 * s + h[l * n + l]; h12 = -0.4375 * s; h21 = s; h22 = h11;
            }
            else if (its % 10 == 0)
            {
                double s = Math.Abs(h[hi * n + hi - 1]) + Math.Abs(h[(hi - 1) * n + hi - 2]);
                h11 = 0.75 * s + h[hi * n + hi]; h12 = -0.4375 * s; h21 = s; h22 = h11;
            }
            else
            {
                h11 = h[(hi - 1) * n + hi - 1]; h12 = h[(hi - 1) * n + hi];
                h21 = h[hi * n + hi - 1]; h22 = h[hi * n + hi];
            }
            // shifts: eigenvalues of the trailing 2×2; a real pair is replaced by the root
            // nearer h22 taken twice (faster convergence of the last entry) except when the
            // window stagnates
            double sc = Math.Abs(h11) + Math.Abs(h12) + Math.Abs(h21) + Math.Abs(h22);
            double rt1r, rt1i, rt2r, rt2i;
            if (sc == 0) { rt1r = rt1i = rt2r = rt2i = 0; }
            else
            {
                h11 /= sc; h12 /= sc; h21 /= sc; h22 /= sc;
                double mid = 0.5 * (h11 + h22);
                double p = 0.5 * (h11 - h22);
                double disc = p * p + h12 * h21;
                if (disc >= 0)
                {
                    double r = Math.Sqrt(disc);
                    rt1r = (mid + r) * sc; rt2r = (mid - r) * sc;
                    if (its < 10)
                    {
                        double root = Math.Abs(rt1r - h22 * sc) <= Math.Abs(rt2r - h22 * sc) ? rt1r : rt2r;
                        rt1r = rt2r = root;
                    }
                    rt1i = rt2i = 0;
                }
                else
                {
                    rt1r = rt2r = mid * sc;
                    rt1i = Math.Sqrt(-disc) * sc; rt2i = -rt1i;
                }
            }
            Sweep(h, zt, n, l, hi, rt1r, rt1i, rt2r, rt2i);
        }
    }

    /// <summary>One implicit double-shift bulge chase on rows/columns l..hi with shifts σ₁,₂ = rt·r + i·rt·i.</summary>
    static void Sweep(double[] h, double[] zt, int n, int l, int hi, double rt1r, double rt1i, double rt2r, double rt2i)
    {
        double x, y, z;
        {
            // first column of (H − σ₁)(H − σ₂)e₁, formed from the shift differences so that
            // nothing cancels when the shifts sit in a tight cluster
            double h00 = h[l * n + l], h01 = h[l * n + l + 1], h10 = h[(l + 1) * n + l];
            double h11 = h[(l + 1) * n + l + 1], h21 = h[(l + 2) * n + l + 1];
            double s = Math.Abs(h00 - rt2r) + Math.Abs(rt2i) + Math.Abs(h10);
            if (s == 0) s = 1;
            double h10s = h10 / s;
            x = h10s * h01 + (h00 - rt1r) * ((h00 - rt2r) / s) - rt1i * (rt2i / s);
            y = h10s * (h00 + h11 - rt1r - rt2r);
            z = h10s * h21;
        }
        for (int k = l; k <= hi - 1; k++)
        {
            int nr = Math.Min(3, hi - k + 1);
            if (k > l)
            {
                x = h[k * n + k - 1];
                y = h[(k + 1) * n + k - 1];
                z = nr == 3 ? h[(k + 2) * n + k - 1] : 0.0;
            }
            double xnorm = nr == 3 ? Hypot(y, z) : Math.Abs(y);
            // H is scaled to max |h| ∈ [1, 2): entries below the normal range are below ε·2⁻⁹⁷⁰ of ‖H‖, and a
            // reflector built from them would divide by a subnormal (inf·0 = NaN); they are set to zero
            if (xnorm < SafeMin)
            {
                if (k > l)
                {
                    h[(k + 1) * n + k - 1] = 0;
                    if (nr == 3) h[(k + 2) * n + k - 1] = 0;
                }
                continue;
            }
            double beta = -Math.CopySign(Hypot(x, xnorm), x);
            double tau = (beta - x) / beta;
            double inv = 1.0 / (x - beta);
            double v1 = y * inv, v2 = z * inv;
            int c0 = k;
            if (k > l)
            {
                h[k * n + k - 1] = beta;
                h[(k + 1) * n + k - 1] = 0;
                if (nr == 3) h[(k + 2) * n + k - 1] = 0;
            }
            else c0 = k; // at the top the column k−1 lies outside the window (zero subdiagonal)
            int rEnd = Math.Min(k + 4, hi + 1);
            if (nr == 3)
            {
                DenseKernels.Reflect3Rows(h, n, k, c0, n, v1, v2, tau);
                DenseKernels.Reflect3Cols(h, n, k, 0, rEnd, v1, v2, tau);
                DenseKernels.Reflect3Rows(zt, n, k, 0, n, v1, v2, tau);
            }
            else
            {
                DenseKernels.Reflect2Rows(h, n, k, c0, n, v1, tau);
                DenseKernels.Reflect2Cols(h, n, k, 0, rEnd, v1, tau);
                DenseKernels.Reflect2Rows(zt, n, k, 0, n, v1, tau);
            }
        }
    }

    // ---------------------------------------------------------------- 2×2 standardisation

    /// <summary>
    /// Rotation [cs −sn; sn cs] bringing [[a, b], [c, d]] to standard form: upper triangular
    /// when the eigenvalues are real, equal diagonal and b·c &lt; 0 when complex. Returns the new
    /// entries (a, b, c, d) and (cs, sn); old = R·new·Rᵀ.
    /// </summary>
    internal static (double a, double b, double c, double d, double cs, double sn) Standard2x2(double a, double b, double c, double d)
    {
        double cs = 1, sn = 0;
        if (c == 0) { }
        else if (b == 0)
        {
            cs = 0; sn = 1;
            (a, d) = (d, a);
            b = -c; c = 0;
        }
        else if (a - d == 0 && Math.Sign(b) != Math.Sign(c)) { }
        else
        {
            double temp = a - d;
            double p = 0.5 * temp;
            double bcmax = Math.Max(Math.Abs(b), Math.Abs(c));
            double bcmis = Math.Min(Math.Abs(b), Math.Abs(c)) * Math.Sign(b) * Math.Sign(c);
            double scale = Math.Max(Math.Abs(p), bcmax);
            double z = p / scale * p + bcmax / scale * bcmis;
            if (z >= 4 * Eps)
            {
                // real eigenvalues: rotate the eigenvector (z, c) of the larger-magnitude shift onto e₁
                z = p + Math.CopySign(Math.Sqrt(scale) * Math.Sqrt(z), p);
                a = d + z;
                d -= bcmax / z * bcmis;
                double tau = Hypot(c, z);
                cs = z / tau; sn = c / tau;
                b -= c; c = 0;
            }
            else
            {
                // complex (or nearly equal real) eigenvalues: equalise the diagonal
                double sigma = b + c;
                double tau = Hypot(sigma, temp);
                cs = Math.Sqrt(0.5 * (1 + Math.Abs(sigma) / tau));
                sn = -(p / (tau * cs)) * (sigma >= 0 ? 1.0 : -1.0);
                double aa = a * cs + b * sn, bb = -a * sn + b * cs;
                double cc = c * cs + d * sn, dd = -c * sn + d * cs;
                a = aa * cs + cc * sn; b = bb * cs + dd * sn;
                c = -aa * sn + cc * cs; d = -bb * sn + dd * cs;
                temp = 0.5 * (a + d);
                a = temp; d = temp;
                if (c != 0)
                {
                    if (b != 0)
                    {
                        if (Math.Sign(b) == Math.Sign(c))
                        {
                            // real eigenvalues after all: triangularise
                            double sab = Math.Sqrt(Math.Abs(b)), sac = Math.Sqrt(Math.Abs(c));
                            p = Math.CopySign(sab * sac, c);
                            tau = 1 / Math.Sqrt(Math.Abs(b + c));
                            a = temp + p; d = temp - p;
                            b -= c; c = 0;
                            double cs1 = sab * tau, sn1 = sac * tau;
                            temp = cs * cs1 - sn * sn1;
                            sn = cs * sn1 + sn * cs1;
                            cs = temp;
                        }
                    }
                    else
                    {
                        b = -c; c = 0;
                        temp = cs; cs = -sn; sn = temp;
                    }
                }
            }
        }
        return (a, b, c, d, cs, sn);
    }

    /// <summary>Standardises the 2×2 diagonal block at (i, i), updating the rest of H and Zt.</summary>
    internal static void StandardiseBlock(double[] h, double[] zt, int n, int i)
    {
        int j = i + 1;
        var (a, b, c, d, cs, sn) = Standard2x2(h[i * n + i], h[i * n + j], h[j * n + i], h[j * n + j]);
        if (cs != 1 || sn != 0)
        {
            DenseKernels.RotateRows(h, n, i, j, j + 1, n, cs, sn);
            DenseKernels.RotateCols(h, n, i, j, 0, i, cs, sn);
            DenseKernels.RotateRows(zt, n, i, j, 0, n, cs, sn);
        }
        h[i * n + i] = a; h[i * n + j] = b; h[j * n + i] = c; h[j * n + j] = d;
    }
}
