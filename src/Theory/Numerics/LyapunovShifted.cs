using MathNet.Numerics.LinearAlgebra;

namespace Theory.Numerics;

/// <summary>
/// Both Lyapunov equations of a shifted matrix A = W − sI with right-hand side cI, from one real
/// Schur form of W. With W = U T Uᵀ, A = U (T − sI) Uᵀ has the same Schur vectors, and with
/// S = T − sI, Y = UᵀXU:
/// <list type="bullet">
/// <item>observability AᵀX + XA + cI = 0 ⇔ SᵀY + YS = −cI (Bartels–Stewart, blocks taken from the top left);</item>
/// <item>controllability AX + XAᵀ + cI = 0 ⇔ SY + YSᵀ = −cI. With the reversal permutation J,
/// S′ = J Sᵀ J is again upper quasi-triangular and Y′ = JYJ solves S′ᵀY′ + Y′S′ = −cI, so the
/// same triangular solver serves both.</item>
/// </list>
/// The right-hand side −cI is symmetric, so Y is symmetric and only its lower block triangle is
/// solved (the upper one is mirrored): every entry (R, C) costs one contiguous dot product of
/// length i₀ + j₀ (i₀, j₀ the starts of its blocks), about n³/2 multiply–adds in all, against n³
/// for the general <see cref="Solve(SchurForm, Matrix{double})"/>. This serves the stability
/// optimisation (Hennequin, Vogels &amp; Gerstner 2014), whose every step solves both equations
/// for one W and whose abscissa needs the Schur form of W anyway: one decomposition instead of three.
/// </summary>
public static partial class Lyapunov
{
    /// <summary>The two solutions of <see cref="SolveShiftedIdentity"/>.</summary>
    /// <param name="Observability">X solving (W − sI)ᵀX + X(W − sI) + cI = 0.</param>
    /// <param name="Controllability">P solving (W − sI)P + P(W − sI)ᵀ + cI = 0.</param>
    public sealed record ShiftedSolutions(Matrix<double> Observability, Matrix<double> Controllability);

    /// <summary>The observability and controllability solutions of A = W − sI with Q = cI:
    /// AᵀX + XA + cI = 0 and AP + PAᵀ + cI = 0, from the real Schur form W = U T Uᵀ
    /// (X = U Y Uᵀ with Y from the quasi-triangular equations; see the class remarks).</summary>
    /// <param name="schurOfW">Real Schur form of W (<see cref="RealSchur.Decompose"/>).</param>
    /// <param name="shift">Shift s (finite); no two eigenvalues of W may have λᵢ + λⱼ = 2s.</param>
    /// <param name="c">Scale c of the identity right-hand side (finite).</param>
    /// <returns>X and P, both exactly symmetric.</returns>
    /// <exception cref="ArgumentException">A null Schur form, a non-finite shift or c, or a singular equation (named "schurOfW").</exception>
    public static ShiftedSolutions SolveShiftedIdentity(SchurForm schurOfW, double shift, double c)
    {
        if (schurOfW is null) throw new ArgumentException("schurOfW is null: a Schur form is required.", nameof(schurOfW));
        Guard.Finite(shift, nameof(shift));
        Guard.Finite(c, nameof(c));
        int n = schurOfW.T.RowCount;
        var t = DenseKernels.ToRowMajor(schurOfW.T);
        var u = DenseKernels.ToRowMajor(schurOfW.U);
        var yq = new double[n * n];
        var yp = new double[n * n];
        SolveShiftedIdentityInSchurBasis(t, n, shift, c, yq, yp);
        return new ShiftedSolutions(ToOriginalBasis(u, yq, n), ToOriginalBasis(u, yp, n));
    }

    /// <summary>U Y Uᵀ for row-major U and symmetric Y, symmetrised.</summary>
    static Matrix<double> ToOriginalBasis(double[] u, double[] y, int n)
    {
        var uy = DenseKernels.Multiply(u, y, n);
        var x = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
                x[i * n + j] = DenseKernels.Dot(uy, i * n, u, j * n, n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++) x[j * n + i] = x[i * n + j];
        return DenseKernels.FromRowMajor(x, n, n);
    }

    /// <summary>Yq and Yp (row-major, symmetric, overwritten) solving SᵀYq + YqS = −cI and
    /// SYp + YpSᵀ = −cI, S = T − sI for row-major quasi-upper-triangular T.</summary>
    internal static void SolveShiftedIdentityInSchurBasis(double[] t, int n, double shift, double c, double[] yq, double[] yp)
    {
        var s = (double[])t.Clone();
        for (int i = 0; i < n; i++) s[i * n + i] -= shift;
        SolveSymmetricQuasiUpper(s, n, c, yq);
        // S′ = J Sᵀ J: S′[i, j] = S[n−1−j, n−1−i]
        var sr = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) sr[i * n + j] = s[(n - 1 - j) * n + n - 1 - i];
        var yr = new double[n * n];
        SolveSymmetricQuasiUpper(sr, n, c, yr);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) yp[i * n + j] = yr[(n - 1 - i) * n + n - 1 - j];
    }

    /// <summary>Symmetric Y solving SᵀY + YS = −cI for row-major upper quasi-triangular S (a nonzero
    /// subdiagonal entry marks a 2×2 block): block (i, j), i ≥ j, from
    /// S_iiᵀY_ij + Y_ijS_jj = −cδ_ij I − Σ_{k&lt;i₀} S_kiᵀY_kj − Σ_{k&lt;j₀} Y_ikS_kj, with Sᵀ and the
    /// mirrored Y read along rows.</summary>
    static void SolveSymmetricQuasiUpper(double[] s, int n, double c, double[] y)
    {
        var st = new double[n * n];
        double snorm = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                st[j * n + i] = s[i * n + j];
                snorm = Math.Max(snorm, Math.Abs(s[i * n + j]));
            }
        double minPivot = 1e-14 * Math.Max(snorm, 1e-300);
        var starts = new List<int>();
        for (int i = 0; i < n;)
        {
            starts.Add(i);
            i += (i + 1 < n && s[(i + 1) * n + i] != 0) ? 2 : 1;
        }
        starts.Add(n);
        Array.Clear(y);
        var rhs = new double[4];
        var M = new double[16];
        for (int bj = 0; bj + 1 < starts.Count; bj++)
        {
            int j0 = starts[bj], qj = starts[bj + 1] - j0;
            for (int bi = bj; bi + 1 < starts.Count; bi++)
            {
                int i0 = starts[bi], pi = starts[bi + 1] - i0;
                for (int r = 0; r < pi; r++)
                    for (int cc = 0; cc < qj; cc++)
                    {
                        int R = i0 + r, C = j0 + cc;
                        // Σ_{k<i₀} S[k,R]·Y[k,C] = Sᵀ row R · Y row C;  Σ_{k<j₀} Y[R,k]·S[k,C] = Y row R · Sᵀ row C
                        rhs[r * qj + cc] = (R == C ? -c : 0.0)
                            - DenseKernels.Dot(st, R * n, y, C * n, i0)
                            - DenseKernels.Dot(y, R * n, st, C * n, j0);
                    }
                if (pi == 1 && qj == 1)
                {
                    double d = s[i0 * n + i0] + s[j0 * n + j0];
                    if (!(Math.Abs(d) >= minPivot)) throw Singular();
                    y[i0 * n + j0] = y[j0 * n + i0] = rhs[0] / d;
                    continue;
                }
                // Σ_r' S[r',r] Y[r',c] + Σ_c' Y[r,c'] S[c',c] on the pi×qj block
                int m = pi * qj;
                Array.Clear(M, 0, m * m);
                for (int r = 0; r < pi; r++)
                    for (int cc = 0; cc < qj; cc++)
                    {
                        int row = r * qj + cc;
                        for (int rp = 0; rp < pi; rp++) M[row * m + rp * qj + cc] += s[(i0 + rp) * n + i0 + r];
                        for (int cp = 0; cp < qj; cp++) M[row * m + r * qj + cp] += s[(j0 + cp) * n + j0 + cc];
                    }
                SolveSmallInPlace(M, rhs, m, minPivot);
                for (int r = 0; r < pi; r++)
                    for (int cc = 0; cc < qj; cc++)
                        y[(i0 + r) * n + j0 + cc] = y[(j0 + cc) * n + i0 + r] = rhs[r * qj + cc];
            }
        }
    }

    /// <summary>M x = b for m ≤ 4 by Gaussian elimination with partial pivoting, in place (x in b);
    /// a pivot below <paramref name="minPivot"/> means λᵢ + λⱼ ≈ 2s and is an ArgumentException.</summary>
    static void SolveSmallInPlace(double[] M, double[] b, int m, double minPivot)
    {
        for (int k = 0; k < m; k++)
        {
            int p = k;
            for (int r = k + 1; r < m; r++) if (Math.Abs(M[r * m + k]) > Math.Abs(M[p * m + k])) p = r;
            if (!(Math.Abs(M[p * m + k]) >= minPivot)) throw Singular();
            if (p != k)
            {
                for (int cc = k; cc < m; cc++) (M[k * m + cc], M[p * m + cc]) = (M[p * m + cc], M[k * m + cc]);
                (b[k], b[p]) = (b[p], b[k]);
            }
            for (int r = k + 1; r < m; r++)
            {
                double f = M[r * m + k] / M[k * m + k];
                if (f == 0) continue;
                for (int cc = k + 1; cc < m; cc++) M[r * m + cc] -= f * M[k * m + cc];
                b[r] -= f * b[k];
            }
        }
        for (int k = m - 1; k >= 0; k--)
        {
            double v = b[k];
            for (int cc = k + 1; cc < m; cc++) v -= M[k * m + cc] * b[cc];
            b[k] = v / M[k * m + k];
        }
    }

    static ArgumentException Singular() =>
        new("schurOfW has eigenvalues λᵢ, λⱼ with λᵢ + λⱼ ≈ 2s: the shifted Lyapunov equation is singular (W − sI must be stable, or at least have no such pair).", "schurOfW");
}
