using Complex = System.Numerics.Complex;
using MathNet.Numerics.LinearAlgebra;
using Theory.Numerics;

namespace Theory.Amplification;

/// <summary>Peak of ‖e^{At}‖₂ over t ≥ 0 and the time (s) at which it occurs.</summary>
/// <param name="Value">max over t ≥ 0 of ‖e^{At}‖₂ (dimensionless; ≥ 1, since ‖e^{A·0}‖₂ = 1).</param>
/// <param name="Time">Time of the peak, s.</param>
public sealed record AmplificationPeak(double Value, double Time);

/// <summary>Optimal initial conditions: eigenvectors of the observability Gramian Q (columns of
/// <see cref="Directions"/>) and their evoked energies x₀ᵀQx₀ (descending) — the
/// "amplification spectrum" of Hennequin et al. (2014).</summary>
/// <param name="Energies">Evoked energies x₀ᵀQx₀ of the unit-norm directions, descending.</param>
/// <param name="Directions">Eigenvectors of Q as columns, in the order of <paramref name="Energies"/>.</param>
public sealed record OptimalInitialConditions(double[] Energies, Matrix<double> Directions);

/// <summary>The paper's amplification–dimensionality summary: fraction of optimal initial
/// conditions whose trajectory norm exceeds the threshold, and the effective rank of the
/// matrix of those trajectories' first principal components (0 when none is amplified).</summary>
/// <param name="AmplifiedFraction">Fraction of the optimal initial conditions whose trajectory norm exceeds the threshold, in [0, 1].</param>
/// <param name="EffectiveRank">Effective rank of the amplified trajectories' first principal components (0 when none is amplified).</param>
/// <param name="Amplified">Number of amplified initial conditions.</param>
public sealed record AmplifiedSubspace(double AmplifiedFraction, double EffectiveRank, int Amplified);

/// <summary>
/// Transient amplification of linear rate dynamics τ dx/dt = −x + W x, i.e. dx/dt = A x with
/// A = (W − I)/τ (G. Christodoulou, T. P. Vogels, E. J. Agnes, PLoS Comput Biol 18:e1010365,
/// 2022; B. K. Murphy &amp; K. D. Miller, Neuron 61:635, 2009; G. Hennequin, T. P. Vogels,
/// W. Gerstner, Neuron 82:1394, 2014). τ in seconds; rates of change in 1/s.
/// </summary>
public static class TransientAmplification
{
    static Matrix<double> DynamicsMatrix(Matrix<double> w, double tau)
    {
        RealSchur.CheckSquareFinite(w, nameof(w));
        Guard.Positive(tau, nameof(tau));
        var a = (w - Matrix<double>.Build.DenseIdentity(w.RowCount)) / tau;
        // (W − I)/τ must be representable: with entries of 1e200 and τ = 1e-300 it is not
        for (int j = 0; j < a.ColumnCount; j++)
            for (int i = 0; i < a.RowCount; i++)
                if (!double.IsFinite(a[i, j]))
                    throw new ArgumentException(
                        $"tau = {tau} s is invalid for this w: (W − I)/τ overflows at [{i},{j}] (w[{i},{j}] = {w[i, j]}). " +
                        $"The valid range is max|W − I|/τ ≤ 1.7e308 1/s: use a larger tau or scale w.", nameof(tau));
        return a;
    }

    /// <summary>‖M‖₂ computed on M/2^e (largest entry in [1, 2)) and scaled back exactly: MathNet's SVD can
    /// fail to converge on entries spread over hundreds of decades.</summary>
    static double ScaledL2Norm(Matrix<double> m)
    {
        double amax = m.Enumerate().Max(Math.Abs);
        if (amax == 0 || !double.IsFinite(amax)) return amax;
        int e = Math.ILogB(amax);
        return Math.ScaleB(m.Map(x => Math.ScaleB(x, -e)).L2Norm(), e);
    }

    /// <summary>A = (W − I)/τ (1/s).</summary>
    public static Matrix<double> Generator(Matrix<double> w, double tau = 0.02) => DynamicsMatrix(w, tau);

    /// <summary>Spectral abscissa α(A) = (max Re λ(W) − 1)/τ (1/s); stable iff &lt; 0.</summary>
    public static double SpectralAbscissa(Matrix<double> w, double tau = 0.02)
    {
        var a = DynamicsMatrix(w, tau);
        return RealSchur.Decompose(a).Eigenvalues.Max(z => z.Real);
    }

    /// <summary>Numerical abscissa ω(A) = λ_max((A + Aᵀ)/2) = d‖e^{At}‖₂/dt at t = 0 (1/s).
    /// Transient amplification occurs for some x₀ iff ω(A) &gt; 0.</summary>
    public static double NumericalAbscissa(Matrix<double> w, double tau = 0.02)
    {
        var a = DynamicsMatrix(w, tau);
        var s = 0.5 * a + 0.5 * a.Transpose();
        // the real Schur form of the symmetric S is diagonal up to rounding; RealSchur balances and scales
        // (entries from 1e-300 to 1e300 in one matrix), where MathNet's symmetric EVD can fail to converge
        return RealSchur.Decompose(s).Eigenvalues.Max(z => z.Real);
    }

    /// <summary>The propagator e^{At} (Higham 2005 Padé 13).</summary>
    public static Matrix<double> Propagator(Matrix<double> w, double t, double tau = 0.02)
    {
        Guard.NonNegative(t, nameof(t));
        return MatrixExponential.Expm(DynamicsMatrix(w, tau) * t);
    }

    /// <summary>‖e^{At}‖₂: the largest growth factor over unit initial conditions at time t (s).</summary>
    public static double NormAt(Matrix<double> w, double t, double tau = 0.02) =>
        Propagator(w, t, tau).L2Norm();

    /// <summary>Exact linear trajectory x(t) = e^{At}x₀ at the given times (s), as the columns of an
    /// n × times.Length matrix.</summary>
    public static Matrix<double> Trajectory(Matrix<double> w, Vector<double> x0, double[] times, double tau = 0.02)
    {
        var a = DynamicsMatrix(w, tau);
        CheckVector(x0, a.RowCount, nameof(x0));
        Guard.AllFinite(times, nameof(times));
        var x = Matrix<double>.Build.Dense(a.RowCount, times.Length);
        for (int k = 0; k < times.Length; k++)
        {
            Guard.NonNegative(times[k], "times");
            x.SetColumn(k, MatrixExponential.Expm(a * times[k]) * x0);
        }
        return x;
    }

    internal static void CheckVector(Vector<double> v, int n, string name)
    {
        if (v is null) throw new ArgumentException($"{name} is null: a vector is required.", name);
        if (v.Count != n) throw new ArgumentException($"{name} has length {v.Count}: it must be {n}.", name);
        for (int i = 0; i < n; i++)
            if (!double.IsFinite(v[i]))
                throw new ArgumentException($"{name}[{i}] = {v[i]} is invalid: every entry must be finite.", name);
    }

    /// <summary>
    /// max_{t≥0} ‖e^{At}‖₂ and its time. ‖e^{At}‖₂ = ‖e^{T_A t}‖₂ with T_A = (T_W − I)/τ the
    /// Schur form, so the search runs on quasi-triangular matrices: a grid starting at
    /// h₀ = min(τ, 1/‖A‖₁)/16 whose step doubles every 16 points (propagated as
    /// E(t + h) = E(h)E(t), E(2h) = E(h)²) but never beyond
    /// h_max = min(<see cref="StepPerOscillation"/>/max|Im λ|, <see cref="StepPerDecay"/>/|α|):
    /// the norm can oscillate at the largest difference of eigenfrequencies, 2 max|Im λ|, so
    /// the grid keeps at least π/0.2 ≈ 16 points per such period (and 2 per decay time 1/|α|).
    /// The grid stops once ‖e^{At}‖₂ has fallen below 5% of the running maximum (or below 10⁻³).
    /// Every grid local maximum within 5% of the best one (at most 16, highest first) is then
    /// refined by golden section between its grid neighbours with exact Padé exponentials and
    /// SVD norms, and the highest refined value is returned. Refining only the best grid point
    /// (as before issue #15) could settle on a neighbouring, lower oscillation of the norm:
    /// 2.75725 at 0.684 s where the peak is 2.75885 at 0.6975 s. Returns (1, 0) when no
    /// amplification occurs and (+∞, +∞) when A is not stable (spectral abscissa ≥ 0).
    /// </summary>
    public static AmplificationPeak MaxAmplification(Matrix<double> w, double tau = 0.02)
    {
        var a = DynamicsMatrix(w, tau);
        var schur = RealSchur.Decompose(a);
        if (schur.Eigenvalues.Max(z => z.Real) >= 0)
            return new AmplificationPeak(double.PositiveInfinity, double.PositiveInfinity);
        return MaxAmplification(schur.T);
    }

    /// <summary>Grid step bound per oscillation: h ≤ 0.2/max|Im λ(A)|.</summary>
    public const double StepPerOscillation = 0.2;

    /// <summary>Grid step bound per decay time: h ≤ 0.5/|α(A)|.</summary>
    public const double StepPerDecay = 0.5;

    /// <summary>The search of <see cref="MaxAmplification(Matrix{double}, double)"/> on the
    /// quasi-triangular Schur factor T_A of a stable A (time in the units of 1/T_A).</summary>
    internal static AmplificationPeak MaxAmplification(Matrix<double> tA)
    {
        int n = tA.RowCount;
        double norm1 = tA.L1Norm();
        double h = Math.Min(1.0, 1.0 / Math.Max(norm1, 1e-300)) / 16;
        var ev = RealSchur.Eigenvalues(tA);
        double alpha = ev.Max(z => z.Real);
        double omega = ev.Max(z => Math.Abs(z.Imaginary));
        double hMax = StepPerDecay / Math.Abs(alpha);
        if (omega > 0) hMax = Math.Min(hMax, StepPerOscillation / omega);
        h = Math.Min(h, hMax);
        // slowest decay scale: 1/|α|; time cap far beyond it
        double tCap = 1e3 * Math.Max(1.0, 1.0 / Math.Abs(alpha)) + 1e3 * h;
        var eh = DenseKernels.ToRowMajor(MatrixExponential.Expm(tA * h));
        var e = new double[n * n];
        for (int i = 0; i < n; i++) e[i * n + i] = 1.0;
        var x = new double[n];
        bool exact = n <= 48;
        // grid local maxima (previous point, point, next point, value); g(0) = 1
        var peaks = new List<(double Lo, double T, double Hi, double G)>();
        double t = 0, best = 1, tPrev2 = 0, tPrev = 0, gPrev2 = double.NegativeInfinity, gPrev = 1;
        bool stop = false;
        for (int k = 1; !stop; k++)
        {
            var next = DenseKernels.MultiplyQuasiUpper(eh, e, n, ScratchArrays.Rent(n * n, clear: false));
            ScratchArrays.Return(e);
            e = next;
            t += h;
            double g = exact ? ScaledL2Norm(DenseKernels.FromRowMajor(e, n, n)) : BandedNorm.Norm2Power(e, n, x);
            if (gPrev >= gPrev2 && gPrev >= g && tPrev > 0) peaks.Add((tPrev2, tPrev, t, gPrev));
            best = Math.Max(best, g);
            if (g < 0.05 * best || g < 1e-3 || t > tCap) stop = true;
            tPrev2 = tPrev; gPrev2 = gPrev; tPrev = t; gPrev = g;
            if (stop && g >= gPrev2) peaks.Add((tPrev2, t, t + h, g));   // still rising at the cap
            if (k % 16 == 0 && h < hMax)
            {
                if (2 * h <= hMax)
                {
                    h *= 2;
                    var eh2 = DenseKernels.MultiplyQuasiUpper(eh, eh, n, ScratchArrays.Rent(n * n, clear: false));
                    ScratchArrays.Return(eh);
                    eh = eh2;
                }
                else { h = hMax; eh = DenseKernels.ToRowMajor(MatrixExponential.Expm(tA * h)); }
            }
        }
        var tRow = DenseKernels.ToRowMajor(tA);
        var xr = (double[])x.Clone();
        double f(double s)
        {
            // work arrays of this thread (n×n arrays are large objects: no garbage per evaluation)
            var m = ScratchArrays.Rent(n * n, clear: false);
            for (int i = 0; i < n * n; i++) m[i] = tRow[i] * s;
            var es = MatrixExponential.ExpmRowMajor(m, n);
            ScratchArrays.Return(m);
            double g = exact ? ScaledL2Norm(DenseKernels.FromRowMajor(es, n, n)) : DenseKernels.Norm2Power(es, n, xr, 2000, 1e-15);
            ScratchArrays.Return(es);
            return g;
        }
        double gStar = 1, tStar = 0;
        foreach (var (lo0, t0, hi0, g0) in peaks.Where(p => p.G >= 0.95 * best).OrderByDescending(p => p.G).Take(16))
        {
            var (tr, gr) = GoldenSection(f, lo0, hi0);
            double gt = f(t0);
            if (gt > gr) { gr = gt; tr = t0; }
            if (gr > gStar) { gStar = gr; tStar = tr; }
        }
        // growth below a few ulps of 1 is rounding, not amplification
        if (!(gStar > 1.0 + 64 * 2.220446049250313e-16)) return new AmplificationPeak(1.0, 0.0);
        return new AmplificationPeak(gStar, tStar);
    }

    /// <summary>Golden-section search for the maximum of f on [lo, hi] to a relative width 1e-7.</summary>
    static (double T, double G) GoldenSection(Func<double, double> f, double lo, double hi)
    {
        const double gr = 0.6180339887498949;
        double c = hi - gr * (hi - lo), d = lo + gr * (hi - lo);
        double fc = f(c), fd = f(d);
        for (int it = 0; it < 60 && (hi - lo) > 1e-7 * Math.Max(hi, 1e-300); it++)
        {
            if (fc >= fd) { hi = d; d = c; fd = fc; c = hi - gr * (hi - lo); fc = f(c); }
            else { lo = c; c = d; fc = fd; d = lo + gr * (hi - lo); fd = f(d); }
        }
        return fc >= fd ? (c, fc) : (d, fd);
    }

    /// <summary>
    /// Observability Gramian Q solving AᵀQ + QA = −(2/τ)I, so that the evoked energy
    /// E(x₀) = (2/τ)∫₀^∞ ‖x(t)‖² dt = x₀ᵀQx₀ (Hennequin et al. 2014, Eq. for the energy; the
    /// paper's code solves lyap((W−I)ᵀ, 2I), the same Q). Requires A stable.
    /// </summary>
    public static Matrix<double> ObservabilityGramian(Matrix<double> w, double tau = 0.02)
    {
        var a = DynamicsMatrix(w, tau);
        var schur = RealSchur.Decompose(a);
        double alpha = schur.Eigenvalues.Max(z => z.Real);
        if (!(alpha < 0))
            throw new ArgumentException($"w has spectral abscissa (max Re λ(W) − 1)/τ = {alpha} /s: it must be < 0 (stable) for a finite Gramian.", nameof(w));
        int n = a.RowCount;
        return Lyapunov.Solve(schur, Matrix<double>.Build.DenseIdentity(n) * (2.0 / tau));
    }

    /// <summary>Evoked energy x₀ᵀQx₀ of an initial condition (dimensionless for unit x₀).</summary>
    public static double EvokedEnergy(Matrix<double> w, Vector<double> x0, double tau = 0.02)
    {
        var q = ObservabilityGramian(w, tau);
        CheckVector(x0, q.RowCount, nameof(x0));
        return x0 * (q * x0);
    }

    /// <summary>Eigen-decomposition of the observability Gramian, energies descending.</summary>
    public static OptimalInitialConditions OptimalInitialConditions(Matrix<double> w, double tau = 0.02)
    {
        var q = ObservabilityGramian(w, tau);
        var evd = q.Evd(Symmetricity.Symmetric);
        int n = q.RowCount;
        var order = Enumerable.Range(0, n).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
        var energies = order.Select(i => evd.EigenValues[i].Real).ToArray();
        var dirs = Matrix<double>.Build.Dense(n, n);
        for (int k = 0; k < n; k++)
        {
            var v = evd.EigenVectors.Column(order[k]);
            // sign convention: largest-magnitude entry positive (deterministic output)
            int im = v.AbsoluteMaximumIndex();
            dirs.SetColumn(k, v[im] < 0 ? -v : v);
        }
        return new OptimalInitialConditions(energies, dirs);
    }

    /// <summary>
    /// Effective rank (Roy &amp; Vetterli 2007) of the eigenvector matrix V of W, as the paper
    /// applies it (singular values of MATLAB's unit-norm complex V; computed here in real
    /// arithmetic: a conjugate pair a ± ib with ‖a‖² + ‖b‖² = 1 contributes the columns
    /// √2·a, √2·b, which have the same singular values as [v, v̄]).
    /// </summary>
    public static double EigenvectorEffectiveRank(Matrix<double> w)
    {
        RealSchur.CheckSquareFinite(w, nameof(w));
        int n = w.RowCount;
        // eigenvectors do not change under W → W/2^e; scaling keeps MathNet's EVD clear of
        // overflow (entries of 1e200) and of the subnormal range
        double amax = w.Enumerate().Max(Math.Abs);
        var evd = (amax > 0 ? w * Math.ScaleB(1.0, -Math.ILogB(amax)) : w).Evd();
        var v = evd.EigenVectors.Clone();
        var ev = evd.EigenValues;
        for (int j = 0; j < n;)
        {
            if (ev[j].Imaginary != 0 && j + 1 < n)
            {
                double s = Math.Sqrt(v.Column(j).DotProduct(v.Column(j)) + v.Column(j + 1).DotProduct(v.Column(j + 1)));
                double f = s > 0 ? Math.Sqrt(2.0) / s : 0;
                v.SetColumn(j, v.Column(j) * f);
                v.SetColumn(j + 1, v.Column(j + 1) * f);
                j += 2;
            }
            else
            {
                double s = v.Column(j).L2Norm();
                if (s > 0) v.SetColumn(j, v.Column(j) / s);
                j += 1;
            }
        }
        return EffectiveRank.Of(v);
    }

    /// <summary>Effective rank of the n × samples matrix [x(t₁) … x(t_m)] of the exact linear
    /// trajectory from x₀, t_k = k·duration/samples (s).</summary>
    public static double TrajectoryEffectiveRank(Matrix<double> w, Vector<double> x0, double duration, int samples = 200, double tau = 0.02)
    {
        Guard.Positive(duration, nameof(duration));
        Guard.InRange(samples, 2, 1_000_000, nameof(samples));
        var x = ExactSamples(w, x0, duration, samples, tau);
        return EffectiveRank.Of(x);
    }

    /// <summary>x(t_k) for t_k = k·duration/samples, k = 1..samples, by exact stepping
    /// x(t + Δ) = e^{AΔ}x(t).</summary>
    internal static Matrix<double> ExactSamples(Matrix<double> w, Vector<double> x0, double duration, int samples, double tau)
    {
        var a = DynamicsMatrix(w, tau);
        CheckVector(x0, a.RowCount, nameof(x0));
        var step = MatrixExponential.Expm(a * (duration / samples));
        var x = Matrix<double>.Build.Dense(a.RowCount, samples);
        var cur = x0.Clone();
        for (int k = 0; k < samples; k++)
        {
            cur = step * cur;
            x.SetColumn(k, cur);
        }
        return x;
    }

    /// <summary>
    /// The paper's amplification–dimensionality analysis (linear case): every optimal initial
    /// condition (Gramian eigenvector) is evolved; those whose norm exceeds
    /// <paramref name="threshold"/> are "amplified", and the first principal component of each
    /// amplified trajectory (time samples centred) is collected. Returns the fraction of
    /// amplified conditions and the effective rank of the matrix of those principal
    /// components (0 if none).
    /// </summary>
    public static AmplifiedSubspace AmplifiedDimensionality(
        Matrix<double> w, double tau = 0.02, double threshold = 2.0, double durationInTau = 50, int samples = 500)
    {
        Guard.Positive(threshold, nameof(threshold));
        Guard.Positive(durationInTau, nameof(durationInTau));
        Guard.InRange(samples, 2, 1_000_000, nameof(samples));
        var oic = OptimalInitialConditions(w, tau);
        int n = w.RowCount;
        var a = DynamicsMatrix(w, tau);
        var step = MatrixExponential.Expm(a * (durationInTau * tau / samples));
        var pcs = new List<Vector<double>>();
        for (int c = 0; c < n; c++)
        {
            var cur = oic.Directions.Column(c);
            var x = Matrix<double>.Build.Dense(samples + 1, n);
            x.SetRow(0, cur);
            double peak = cur.L2Norm();
            for (int k = 1; k <= samples; k++)
            {
                cur = step * cur;
                x.SetRow(k, cur);
                peak = Math.Max(peak, cur.L2Norm());
            }
            if (!(peak > threshold)) continue;
            var mean = x.ColumnSums() / (samples + 1);
            for (int k = 0; k <= samples; k++) x.SetRow(k, x.Row(k) - mean);
            var svd = x.Svd(true);
            pcs.Add(svd.VT.Row(0));
        }
        if (pcs.Count == 0) return new AmplifiedSubspace(0.0, 0.0, 0);
        var m = Matrix<double>.Build.DenseOfColumnVectors(pcs);
        return new AmplifiedSubspace((double)pcs.Count / n, EffectiveRank.Of(m), pcs.Count);
    }

    /// <summary>Eigenvalues of W (for reports).</summary>
    public static Complex[] Eigenvalues(Matrix<double> w)
    {
        RealSchur.CheckSquareFinite(w, nameof(w));
        return RealSchur.Decompose(w).Eigenvalues;
    }
}
