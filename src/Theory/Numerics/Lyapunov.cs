using MathNet.Numerics.LinearAlgebra;

namespace Theory.Numerics;

/// <summary>
/// Continuous Lyapunov equations by the Bartels–Stewart method on the real Schur form
/// (R. H. Bartels &amp; G. W. Stewart, "Solution of the matrix equation AX + XB = C",
/// Comm. ACM 15:820, 1972): with A = U T Uᵀ, AᵀX + XA + Q = 0 becomes
/// TᵀY + YT = −UᵀQU, Y = UᵀXU, solved block by block (1×1 and 2×2 diagonal blocks of T):
/// T_iiᵀY_ij + Y_ijT_jj = F_ij − Σ_{k&lt;i} T_kiᵀY_kj − Σ_{k&lt;j} Y_ikT_kj.
/// </summary>
public static partial class Lyapunov
{
    /// <summary>X solving AᵀX + XA + Q = 0 (the observability form; X is the observability
    /// Gramian ∫₀^∞ e^{Aᵀt} Q e^{At} dt when A is stable and Q ⪰ 0).</summary>
    /// <param name="a">Square finite matrix with no eigenvalue pair λᵢ + λⱼ = 0.</param>
    /// <param name="q">Square finite matrix of the same size.</param>
    public static Matrix<double> SolveObservability(Matrix<double> a, Matrix<double> q)
    {
        RealSchur.CheckSquareFinite(a, nameof(a));
        RealSchur.CheckSquareFinite(q, nameof(q));
        if (q.RowCount != a.RowCount)
            throw new ArgumentException($"q is {q.RowCount}×{q.RowCount}: it must match a ({a.RowCount}×{a.RowCount}).", nameof(q));
        var f = RealSchur.Decompose(a);
        return Solve(f, q);
    }

    /// <summary>X solving AX + XAᵀ + Q = 0 (the controllability form, MATLAB's lyap(A, Q)).</summary>
    public static Matrix<double> SolveControllability(Matrix<double> a, Matrix<double> q)
    {
        RealSchur.CheckSquareFinite(a, nameof(a));
        return SolveObservability(a.Transpose(), q);
    }

    /// <summary>X solving AᵀX + XA + Q = 0 given the Schur form of A.</summary>
    public static Matrix<double> Solve(SchurForm schurOfA, Matrix<double> q)
    {
        if (schurOfA is null) throw new ArgumentException("schurOfA is null: a Schur form is required.", nameof(schurOfA));
        int n = schurOfA.T.RowCount;
        var u = schurOfA.U;
        var fm = -(u.TransposeThisAndMultiply(q) * u);
        var t = DenseKernels.ToRowMajor(schurOfA.T);
        var f = DenseKernels.ToRowMajor(fm);
        var y = new double[n * n];
        var starts = new List<int>();
        for (int i = 0; i < n;)
        {
            starts.Add(i);
            i += (i + 1 < n && t[(i + 1) * n + i] != 0) ? 2 : 1;
        }
        starts.Add(n);
        double tnorm = 0;
        foreach (var x in t) tnorm = Math.Max(tnorm, Math.Abs(x));
        var colT = new double[n];
        for (int bj = 0; bj + 1 < starts.Count; bj++)
        {
            int j0 = starts[bj], qj = starts[bj + 1] - j0;
            for (int bi = 0; bi + 1 < starts.Count; bi++)
            {
                int i0 = starts[bi], pi = starts[bi + 1] - i0;
                // right-hand side
                var rhs = new double[pi * qj];
                for (int r = 0; r < pi; r++)
                    for (int c = 0; c < qj; c++)
                    {
                        int R = i0 + r, C = j0 + c;
                        double s = f[R * n + C];
                        for (int k = 0; k < i0; k++) s -= t[k * n + R] * y[k * n + C];
                        for (int k = 0; k < j0; k++) s -= y[R * n + k] * t[k * n + C];
                        rhs[r * qj + c] = s;
                    }
                // small system: Σ_r' T[r',r] Y[r',c] + Σ_c' Y[r,c'] T[c',c]
                int m = pi * qj;
                var M = new double[m * m];
                for (int r = 0; r < pi; r++)
                    for (int c = 0; c < qj; c++)
                    {
                        int row = r * qj + c;
                        for (int rp = 0; rp < pi; rp++) M[row * m + rp * qj + c] += t[(i0 + rp) * n + i0 + r];
                        for (int cp = 0; cp < qj; cp++) M[row * m + r * qj + cp] += t[(j0 + cp) * n + j0 + c];
                    }
                double minPivot = 1e-14 * Math.Max(tnorm, 1e-300);
                CheckNonsingular(M, m, minPivot);
                var x = RealSchur.SolveSmall(M, rhs, m, minPivot);
                for (int r = 0; r < pi; r++)
                    for (int c = 0; c < qj; c++) y[(i0 + r) * n + j0 + c] = x[r * qj + c];
            }
        }
        var ym = DenseKernels.FromRowMajor(y, n, n);
        var xm = u * ym.TransposeAndMultiply(u);
        return IsSymmetricInput(q) ? 0.5 * (xm + xm.Transpose()) : xm;
    }

    static bool IsSymmetricInput(Matrix<double> q)
    {
        for (int i = 0; i < q.RowCount; i++)
            for (int j = 0; j < i; j++)
                if (q[i, j] != q[j, i]) return false;
        return true;
    }

    static void CheckNonsingular(double[] M, int m, double minPivot)
    {
        // partial-pivoting elimination on a copy: a vanishing pivot means λᵢ + λⱼ ≈ 0
        var a = (double[])M.Clone();
        for (int s = 0; s < m; s++)
        {
            int p = s;
            for (int r = s + 1; r < m; r++) if (Math.Abs(a[r * m + s]) > Math.Abs(a[p * m + s])) p = r;
            if (Math.Abs(a[p * m + s]) < minPivot)
                throw new ArgumentException("a has eigenvalues λᵢ, λⱼ with λᵢ + λⱼ ≈ 0: the Lyapunov equation is singular (a must be stable, or at least have no such pair).", "a");
            if (p != s) for (int c = 0; c < m; c++) (a[s * m + c], a[p * m + c]) = (a[p * m + c], a[s * m + c]);
            for (int r = s + 1; r < m; r++)
            {
                double fct = a[r * m + s] / a[s * m + s];
                for (int c = s; c < m; c++) a[r * m + c] -= fct * a[s * m + c];
            }
        }
    }
}
