using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;
using Theory.Numerics;

namespace Theory.Amplification;

/// <summary>
/// Random excitatory–inhibitory (Dale) connectivity, W[post, pre]: the first N/2 columns are
/// excitatory (w₀/√N), the last N/2 inhibitory (−γw₀/√N), each off-diagonal entry present
/// with probability p, w₀ = √2·R/√(p(1 − p)(1 + γ²)) so that the bulk of the spectrum has
/// radius ≈ R (Hennequin, Vogels &amp; Gerstner 2014, Experimental Procedures; the
/// construction of Christodoulou et al. 2022, code initialnet_gamma.m).
/// </summary>
/// <param name="N">Number of neurons (even; the first N/2 excitatory, the rest inhibitory).</param>
/// <param name="P">Connection probability p of each off-diagonal entry, in (0, 1).</param>
/// <param name="R">Target spectral radius R of the bulk of the eigenvalues (dimensionless, > 0).</param>
/// <param name="Gamma">Inhibition dominance γ: inhibitory weights are −γw₀/√N (> 0).</param>
/// <param name="Seed">Seed of the random connectivity.</param>
public sealed record DaleNetworkSpec(int N, double P, double R, double Gamma, ulong Seed)
{
    /// <summary>Hennequin et al. (2014): N = 200 (100 E, 100 I), p = 0.1, R = 10, γ = 3 — the
    /// unstable starting point of the stability optimisation.</summary>
    public static DaleNetworkSpec Hennequin2014 { get; } = new(200, 0.1, 10, 3, 1);

    /// <summary>Number of excitatory neurons, N/2 (columns 0 … N/2 − 1 of W).</summary>
    public int NE => N / 2;
    /// <summary>A copy with <see cref="Seed"/> replaced.</summary>
    /// <param name="seed">Seed of the random connectivity.</param>
    public DaleNetworkSpec WithSeed(ulong seed) => this with { Seed = seed };
    /// <summary>A copy with <see cref="Gamma"/> replaced.</summary>
    /// <param name="gamma">Inhibition dominance γ (> 0).</param>
    public DaleNetworkSpec WithGamma(double gamma) => this with { Gamma = gamma };
    /// <summary>A copy with <see cref="N"/> replaced.</summary>
    /// <param name="n">Number of neurons (even).</param>
    public DaleNetworkSpec WithN(int n) => this with { N = n };
}

/// <summary>E/I (Dale) networks: construction, block scalings and spectral summaries.</summary>
public static class DaleNetwork
{
    /// <summary>Builds W from the spec (exactly round(p·N(N−1)) connections, no autapses).</summary>
    public static Matrix<double> Build(DaleNetworkSpec spec)
    {
        if (spec is null) throw new ArgumentException("spec is null.", nameof(spec));
        Guard.InRange(spec.N, 2, 100_000, "spec.N");
        if (spec.N % 2 != 0) throw new ArgumentException($"spec.N = {spec.N} is invalid: it must be even (N/2 E and N/2 I).", "spec.N");
        if (!(spec.P > 0 && spec.P < 1)) throw new ArgumentException($"spec.P = {spec.P} is invalid: the valid range is (0, 1).", "spec.P");
        Guard.Positive(spec.R, "spec.R");
        Guard.Positive(spec.Gamma, "spec.Gamma");
        int n = spec.N;
        var rng = new MersenneTwister(SeedFolding.ToInt32(spec.Seed));
        int slots = n * (n - 1);
        int k = (int)Math.Round(spec.P * slots);
        // partial Fisher–Yates: the first k of a random permutation of the off-diagonal slots
        var idx = new int[slots];
        for (int i = 0; i < slots; i++) idx[i] = i;
        for (int i = 0; i < k; i++)
        {
            int j = i + rng.Next(slots - i);
            (idx[i], idx[j]) = (idx[j], idx[i]);
        }
        double w0 = Math.Sqrt(2) * spec.R / Math.Sqrt(spec.P * (1 - spec.P) * (1 + spec.Gamma * spec.Gamma));
        double we = w0 / Math.Sqrt(n), wi = -spec.Gamma * w0 / Math.Sqrt(n);
        var w = Matrix<double>.Build.Dense(n, n);
        for (int s = 0; s < k; s++)
        {
            int post = idx[s] / (n - 1), c = idx[s] % (n - 1);
            int pre = c >= post ? c + 1 : c;
            w[post, pre] = pre < spec.NE ? we : wi;
        }
        return w;
    }

    /// <summary>W with its four blocks scaled: E→E (rows, columns &lt; nE), E→I (rows ≥ nE,
    /// columns &lt; nE), I→E and I→I. Scaling I→E and I→I together changes the strength of
    /// global inhibition; E→I / E→E sets the imaginary spread (Christodoulou et al. 2022).</summary>
    public static Matrix<double> ScaleBlocks(Matrix<double> w, int nE, double ee = 1, double ei = 1, double ie = 1, double ii = 1)
    {
        RealSchur.CheckSquareFinite(w, nameof(w));
        Guard.InRange(nE, 0, w.RowCount, nameof(nE));
        foreach (var (v, name) in new[] { (ee, nameof(ee)), (ei, nameof(ei)), (ie, nameof(ie)), (ii, nameof(ii)) })
            Guard.NonNegative(v, name);
        var r = w.Clone();
        for (int i = 0; i < w.RowCount; i++)
            for (int j = 0; j < w.ColumnCount; j++)
            {
                bool postE = i < nE, preE = j < nE;
                r[i, j] *= preE ? (postE ? ee : ei) : (postE ? ie : ii);
            }
        return r;
    }

    /// <summary>W rescaled to Frobenius norm <paramref name="norm"/> (the paper normalises its
    /// SOC matrices to ‖W‖_F = 100 before comparing them; code figure8.m, figure9.m).</summary>
    public static Matrix<double> NormaliseFrobenius(Matrix<double> w, double norm = 100)
    {
        RealSchur.CheckSquareFinite(w, nameof(w));
        Guard.Positive(norm, nameof(norm));
        double f = w.FrobeniusNorm();
        if (f == 0) throw new ArgumentException("w is the zero matrix: it cannot be normalised.", nameof(w));
        return w * (norm / f);
    }

    /// <summary>Whether every column keeps one sign: columns &lt; nE ≥ 0, the others ≤ 0.</summary>
    public static bool RespectsDale(Matrix<double> w, int nE)
    {
        for (int j = 0; j < w.ColumnCount; j++)
            for (int i = 0; i < w.RowCount; i++)
                if (j < nE ? w[i, j] < 0 : w[i, j] > 0) return false;
        return true;
    }

    /// <summary>Imaginary diameter of the spectrum, max Im λ − min Im λ (the paper's "imaginary spread").</summary>
    public static double ImaginarySpread(Matrix<double> w)
    {
        var ev = RealSchur.Decompose(w).Eigenvalues;
        return ev.Max(z => z.Imaginary) - ev.Min(z => z.Imaginary);
    }
}

/// <summary>
/// Stability-optimised circuits (Hennequin, Vogels &amp; Gerstner 2014): gradient descent of the
/// smoothed spectral abscissa on the inhibitory weights only. With α = max Re λ(W) and
/// s = max(1.5α, α + 0.2), Q and P solve (W − sI)ᵀQ + Q(W − sI) = −2I and
/// (W − sI)P + P(W − sI)ᵀ = −2I; the gradient is QP/tr(QP). After each step inhibitory weights
/// that turned positive are clipped to 0, the I→E and I→I blocks are rescaled so that their
/// mean magnitudes are γ times the E→E and E→I means, and only the strongest
/// <c>inhibitoryDensity</c> fraction of inhibitory weights is kept, and the diagonal is set to
/// zero (no autapses; the constraints of the paper's code, create_inh_soc_gamma.m, which ends
/// every step with <c>Wo = Wo - diag(diag(Wo))</c>). Without the last constraint the descent
/// grows inhibitory self-connections (issue #15: down to −4.45 on N = 40, γ = 3), which
/// stabilise the circuit by themselves.
/// <para>One real Schur decomposition per step: W − sI has the Schur vectors of W = U T Uᵀ, so the
/// form computed for α serves both Lyapunov equations (<see cref="Lyapunov.SolveShiftedIdentity"/>),
/// and QP = U Yq Yp Uᵀ is formed in the Schur basis for the inhibitory columns only (issue #12; the
/// earlier three decompositions per step gave the same steps, α to 6e-14 and W to 3e-15 relative at N = 100).</para>
/// </summary>
public static class StabilityOptimisedCircuit
{
    /// <summary>Result: the optimised W and the spectral abscissa of W after each step.</summary>
    /// <param name="W">The optimised connectivity W[post, pre].</param>
    /// <param name="AbscissaHistory">Spectral abscissa max Re λ(W) of the initial W and after each step.</param>
    /// <param name="Converged">True when the last abscissa is at most the target.</param>
    public sealed record Result(Matrix<double> W, double[] AbscissaHistory, bool Converged);

    /// <summary>Runs the stability optimisation until the spectral abscissa max Re λ(W) is at most
    /// <paramref name="targetAbscissa"/> or <paramref name="maxIterations"/> steps have been taken.</summary>
    /// <param name="w">Initial connectivity W[post, pre] respecting Dale's law (columns &lt; nE ≥ 0, the others ≤ 0); not modified.</param>
    /// <param name="nE">Number of excitatory neurons, 1 … N − 1.</param>
    /// <param name="targetAbscissa">Spectral abscissa at which to stop (dimensionless, finite; default 0.5).</param>
    /// <param name="rate">Gradient step size (&gt; 0; default 10).</param>
    /// <param name="gamma">Ratio γ of mean inhibitory to mean excitatory weight magnitude kept by the rebalancing (&gt; 0; default 3).</param>
    /// <param name="inhibitoryDensity">Fraction of inhibitory weights kept (strongest first), in [0, 1] (default 0.4).</param>
    /// <param name="maxIterations">Maximum number of gradient steps (&gt; 0; default 1000).</param>
    /// <returns>The optimised W, the abscissa before the first and after every step, and whether the target was reached.</returns>
    /// <exception cref="ArgumentException">A parameter outside its range, or W not square, not finite or not respecting Dale's law.</exception>
    public static Result Optimise(Matrix<double> w, int nE, double targetAbscissa = 0.5, double rate = 10,
        double gamma = 3, double inhibitoryDensity = 0.4, int maxIterations = 1000)
    {
        RealSchur.CheckSquareFinite(w, nameof(w));
        int n = w.RowCount;
        Guard.InRange(nE, 1, n - 1, nameof(nE));
        Guard.Finite(targetAbscissa, nameof(targetAbscissa));
        Guard.Positive(rate, nameof(rate));
        Guard.Positive(gamma, nameof(gamma));
        Guard.InRange(inhibitoryDensity, 0.0, 1.0, nameof(inhibitoryDensity));
        Guard.Positive(maxIterations, nameof(maxIterations));
        if (!DaleNetwork.RespectsDale(w, nE))
            throw new ArgumentException("w does not respect Dale's law (columns < nE must be ≥ 0, the others ≤ 0).", nameof(w));
        var cur = DenseKernels.ToRowMajor(w);
        var history = new List<double>();
        var schur = RealSchur.Decompose(w);
        double alpha = schur.Eigenvalues.Max(z => z.Real);
        history.Add(alpha);
        var gradient = new Gradient(n, nE);
        var mags = new double[n * (n - nE)];
        for (int it = 0; it < maxIterations && alpha > targetAbscissa; it++)
        {
            double s = Math.Max(1.5 * alpha, alpha + 0.2);
            // the Schur form of W computed for α serves both Lyapunov solves of W − sI
            var g = gradient.Of(schur, s);
            int nI = n - nE;
            for (int i = 0; i < n; i++)
                for (int j = nE; j < n; j++)
                    cur[i * n + j] = Math.Min(0.0, cur[i * n + j] - rate * g[i * nI + j - nE]);
            Rebalance(cur, n, nE, gamma);
            Sparsify(cur, n, nE, inhibitoryDensity, mags);
            for (int i = 0; i < n; i++) cur[i * n + i] = 0.0;
            schur = RealSchur.Decompose(DenseKernels.FromRowMajor(cur, n, n));
            alpha = schur.Eigenvalues.Max(z => z.Real);
            history.Add(alpha);
        }
        return new Result(DenseKernels.FromRowMajor(cur, n, n), history.ToArray(), alpha <= targetAbscissa);
    }

    /// <summary>The inhibitory columns of QP/tr(QP) in the Schur basis of W = U T Uᵀ: with
    /// Q = U Yq Uᵀ and P = U Yp Uᵀ (<see cref="Lyapunov.SolveShiftedIdentity"/>),
    /// QP = U Yq Yp Uᵀ, so columns j ≥ nE are U·(Yq·(Yp·(U_{j,:})ᵀ)) (3·n²·n_I multiply–adds instead
    /// of the 7n³ of forming Q, P and QP), and tr(QP) = Σ Yq∘Yp (Yp symmetric). Buffers are reused.</summary>
    sealed class Gradient(int n, int nE)
    {
        readonly int nI = n - nE;
        readonly double[] yq = new double[n * n], yp = new double[n * n];
        readonly double[] z1 = new double[n * (n - nE)], z2 = new double[n * (n - nE)], g = new double[n * (n - nE)];

        /// <summary>G[i, j − nE] = (QP)[i, j]/tr(QP), row-major n × n_I (overwritten on the next call).</summary>
        public double[] Of(SchurForm schur, double shift)
        {
            var t = DenseKernels.ToRowMajor(schur.T);
            var u = DenseKernels.ToRowMajor(schur.U);
            Lyapunov.SolveShiftedIdentityInSchurBasis(t, n, shift, 2.0, yq, yp);
            double trace = 0;
            for (int k = 0; k < n * n; k++) trace += yq[k] * yp[k];
            // z1 = Yp·U_Iᵀ: z1[k, jj] = Yp row k · U row nE + jj
            for (int k = 0; k < n; k++)
                for (int jj = 0; jj < nI; jj++)
                    z1[k * nI + jj] = DenseKernels.Dot(yp, k * n, u, (nE + jj) * n, n);
            MultiplyInto(yq, z1, z2);
            MultiplyInto(u, z2, g);
            double inv = 1.0 / trace;
            for (int k = 0; k < g.Length; k++) g[k] *= inv;
            return g;
        }

        /// <summary>c = a·b for row-major a (n × n) and b, c (n × n_I).</summary>
        void MultiplyInto(double[] a, double[] b, double[] c)
        {
            Array.Clear(c);
            for (int i = 0; i < n; i++)
                for (int k = 0; k < n; k++)
                {
                    double aik = a[i * n + k];
                    if (aik != 0) DenseKernels.Axpy(aik, b, k * nI, c, i * nI, nI);
                }
        }
    }

    static double BlockMean(double[] w, int n, int r0, int r1, int c0, int c1)
    {
        double s = 0;
        for (int i = r0; i < r1; i++)
            for (int j = c0; j < c1; j++) s += w[i * n + j];
        return s / Math.Max(1, (r1 - r0) * (c1 - c0));
    }

    static void Rebalance(double[] w, int n, int nE, double gamma)
    {
        double ee = BlockMean(w, n, 0, nE, 0, nE), ei = BlockMean(w, n, nE, n, 0, nE);
        double ie = BlockMean(w, n, 0, nE, nE, n), ii = BlockMean(w, n, nE, n, nE, n);
        double fE = ie < 0 ? gamma * ee / -ie : 1.0;
        double fI = ii < 0 ? gamma * ei / -ii : 1.0;
        for (int j = nE; j < n; j++)
        {
            for (int i = 0; i < nE; i++) w[i * n + j] *= fE;
            for (int i = nE; i < n; i++) w[i * n + j] *= fI;
        }
    }

    /// <summary>The k-th smallest of a[0 … count − 1] (0-based; a is reordered): selection by three-way
    /// partitioning around the median of three, O(count) on average and with runs of equal values (most
    /// inhibitory weights are zero), deterministic.</summary>
    static double Select(double[] a, int count, int k)
    {
        int lo = 0, hi = count;
        while (hi - lo > 1)
        {
            double x = a[lo], y = a[lo + (hi - lo) / 2], z = a[hi - 1];
            double pivot = Math.Max(Math.Min(x, y), Math.Min(Math.Max(x, y), z));
            // [lo, lt) < pivot, [lt, gt) = pivot, [gt, hi) > pivot
            int lt = lo, i = lo, gt = hi;
            while (i < gt)
            {
                if (a[i] < pivot) { (a[lt], a[i]) = (a[i], a[lt]); lt++; i++; }
                else if (a[i] > pivot) { gt--; (a[i], a[gt]) = (a[gt], a[i]); }
                else i++;
            }
            if (k < lt) hi = lt;
            else if (k >= gt) lo = gt;
            else return pivot;
        }
        return a[lo];
    }

    /// <summary>Keeps the <paramref name="density"/> fraction of strongest inhibitory weights (row by row,
    /// ties at the threshold kept first come first served); <paramref name="mags"/> is scratch of n·(n − nE).</summary>
    static void Sparsify(double[] w, int n, int nE, double density, double[] mags)
    {
        int count = 0;
        for (int i = 0; i < n; i++)
            for (int j = nE; j < n; j++) mags[count++] = -w[i * n + j];
        int keep = (int)Math.Round(density * count);
        if (keep >= count) return;
        // the keep-th largest magnitude: the (count − keep)-th in ascending order (the value a full sort puts there)
        double thr = keep > 0 ? Select(mags, count, count - keep) : double.PositiveInfinity;
        int kept = 0;
        for (int i = 0; i < n; i++)
            for (int j = nE; j < n; j++)
            {
                if (-w[i * n + j] >= thr && kept < keep && w[i * n + j] != 0) kept++;
                else w[i * n + j] = 0;
            }
    }
}
