namespace Theory.CalciumPlasticity;

/// <summary>A weight density sampled at efficacies ρ.</summary>
/// <param name="Rho">Efficacies ρ at which the density is sampled, in [0, 1].</param>
/// <param name="Density">Probability density P(ρ) at each <paramref name="Rho"/> (integrates to 1 over [0, 1]).</param>
public sealed record WeightDensity(double[] Rho, double[] Density);

/// <summary>
/// Mean field of a population of plastic synapses under the same stationary activity: the
/// density P(ρ, t) obeys the Fokker–Planck equation ∂_t P = −∂_ρ[A(ρ) P] + ½ ∂_ρ²[B P] on
/// [0, 1] with reflecting (zero-flux) boundaries, A and B from <see cref="EfficacyDrift"/>.
/// Stationary solution: P(ρ) ∝ exp(∫ 2A/B dρ)/B = exp(2Φ(ρ)/B)/B (B constant). Optionally
/// (<c>includeCalciumDiffusion</c>) the second-order calcium-fluctuation terms are added:
/// B(ρ) = B + B_ca(ρ) and A(ρ) + A_ca(ρ) (<see cref="EfficacyDrift.CalciumDiffusion"/>,
/// <see cref="EfficacyDrift.CalciumDriftCorrection"/>); then ∫ 2A/B is tabulated
/// (trapezoid, 20 000 intervals) and the flux is A P − ½∂(BP) = (A − ½B′)P − ½B∂P. Time course:
/// finite volumes with Scharfetter–Gummel fluxes (exact for the stationary state of each cell
/// pair, positivity preserving), implicit Euler steps.
/// </summary>
public sealed class WeightFokkerPlanck
{
    /// <summary>Drift and diffusion of ρ.</summary>
    public EfficacyDrift Drift { get; }

    /// <summary>Whether B includes the calcium-driven diffusion B_ca(ρ).</summary>
    public bool IncludesCalciumDiffusion { get; }

    /// <summary>The Fokker–Planck equation of ρ for the given drift.</summary>
    /// <param name="drift">Drift A(ρ) and diffusion B of the efficacy; B must be &gt; 0.</param>
    /// <param name="includeCalciumDiffusion">Add the second-order calcium-fluctuation terms B_ca(ρ), A_ca(ρ) (default false).</param>
    /// <exception cref="ArgumentException">B not positive.</exception>
    public WeightFokkerPlanck(EfficacyDrift drift, bool includeCalciumDiffusion = false)
    {
        Drift = Guard.NotNull(drift);
        IncludesCalciumDiffusion = includeCalciumDiffusion;
        if (!(drift.Diffusion > 0))
            throw new ArgumentException(
                $"Sigma = {drift.Parameters.Sigma} with AlphaD + AlphaP = {drift.AlphaD + drift.AlphaP}: the diffusion B must be > 0 for a stationary density (without noise ρ stays at a fixed point).",
                "Sigma");
    }

    /// <summary>Stationary density on <paramref name="points"/> equally spaced ρ in [0, 1]
    /// (normalised by Simpson's rule on 20 001 points).</summary>
    public WeightDensity Stationary(int points = 201)
    {
        Guard.InRange(points, 2, 10_000_000);
        double norm = Normalisation();
        var rho = Enumerable.Range(0, points).Select(i => (double)i / (points - 1)).ToArray();
        return new WeightDensity(rho, rho.Select(r => Unnormalised(r) / norm).ToArray());
    }

    /// <summary>Stationary density at ρ ∈ [0, 1].</summary>
    public double Density(double rho)
    {
        Guard.InRange(rho, 0.0, 1.0);
        return Unnormalised(rho) / Normalisation();
    }

    /// <summary>Stationary distribution function P(ρ' ≤ ρ) (Simpson's rule).</summary>
    public double Cdf(double rho)
    {
        Guard.Finite(rho);
        if (rho <= 0) return 0;
        if (rho >= 1) return 1;
        return Math.Clamp(Simpson(Unnormalised, 0, rho, 20_000) / Normalisation(), 0, 1);
    }

    /// <summary>Stationary mean of ρ.</summary>
    public double Mean => Simpson(r => r * Unnormalised(r), 0, 1, 20_000) / Normalisation();

    /// <summary>Stationary variance of ρ.</summary>
    public double Variance
    {
        get
        {
            double m = Mean;
            return Simpson(r => (r - m) * (r - m) * Unnormalised(r), 0, 1, 20_000) / Normalisation();
        }
    }

    double? _norm, _shift;

    double Normalisation()
    {
        if (_norm is double n) return n;
        Shift();
        return (_norm = Simpson(Unnormalised, 0, 1, 20_000)).Value;
    }

    // Subtract the maximum of 2Φ/B so the exponential never overflows.
    double Shift()
    {
        if (_shift is double s) return s;
        double max = double.NegativeInfinity;
        for (int i = 0; i <= 2000; i++) max = Math.Max(max, Psi(i / 2000.0));
        return (_shift = max).Value;
    }

    /// <summary>Total drift A(ρ) (1/s).</summary>
    public double DriftAt(double rho) =>
        Drift.Drift(rho) + (IncludesCalciumDiffusion ? Drift.CalciumDriftCorrection(Math.Clamp(rho, 0, 1)) : 0);

    /// <summary>Total diffusion B(ρ) (1/s).</summary>
    public double DiffusionAt(double rho) =>
        Drift.Diffusion + (IncludesCalciumDiffusion ? Drift.CalciumDiffusion(Math.Clamp(rho, 0, 1)) : 0);

    const int TableIntervals = 20_000;
    double[]? _psi; // ∫₀^ρ 2A/B on the table nodes

    double Psi(double r)
    {
        if (!IncludesCalciumDiffusion) return 2 * Drift.Potential(r) / Drift.Diffusion;
        if (_psi is null)
        {
            var psi = new double[TableIntervals + 1];
            double h = 1.0 / TableIntervals, prev = 2 * DriftAt(0) / DiffusionAt(0);
            for (int i = 1; i <= TableIntervals; i++)
            {
                double x = i * h, cur = 2 * DriftAt(x) / DiffusionAt(x);
                psi[i] = psi[i - 1] + 0.5 * h * (prev + cur);
                prev = cur;
            }
            _psi = psi;
        }
        double u = Math.Clamp(r, 0, 1) * TableIntervals;
        int k = Math.Min((int)u, TableIntervals - 1);
        return _psi[k] + (u - k) * (_psi[k + 1] - _psi[k]);
    }

    double Unnormalised(double r) => IncludesCalciumDiffusion
        ? Math.Exp(Psi(r) - Shift()) / DiffusionAt(r) * Drift.Diffusion
        : Math.Exp(2 * Drift.Potential(r) / Drift.Diffusion - Shift());

    static double Simpson(Func<double, double> f, double a, double b, int n)
    {
        if (n % 2 == 1) n++;
        double h = (b - a) / n, s = f(a) + f(b);
        for (int i = 1; i < n; i++) s += (i % 2 == 1 ? 4 : 2) * f(a + i * h);
        return s * h / 3;
    }

    /// <summary>Mean weight ⟨ρ⟩(t) at the given times (s) starting from all synapses at
    /// <paramref name="rho0"/> (a narrow cell) — finite volumes on <paramref name="cells"/> cells,
    /// implicit Euler with step ≤ <paramref name="maxStep"/> (s).</summary>
    public double[] MeanTimeCourse(double rho0, double[] times, int cells = 400, double maxStep = 0.5)
    {
        Guard.Probability(rho0); Guard.AllFinite(times); Guard.InRange(cells, 10, 100_000); Guard.Positive(maxStep);
        int m = cells;
        double h = 1.0 / m;
        var P = new double[m];
        P[Math.Min(m - 1, (int)(rho0 / h))] = 1 / h;
        // Scharfetter–Gummel flux between cells i and i+1: J = (Dc/h)[Bern(−z) P_i − Bern(z) P_{i+1}], z = A h/Dc.
        var up = new double[m - 1]; var dn = new double[m - 1];
        for (int i = 0; i < m - 1; i++)
        {
            double rf = (i + 1) * h, Dc = DiffusionAt(rf) / 2;
            double aEff = DriftAt(rf) - (IncludesCalciumDiffusion ? (DiffusionAt(rf + 1e-6) - DiffusionAt(rf - 1e-6)) / 4e-6 : 0);
            double z = aEff * h / Dc;
            up[i] = Dc / h * Bernoulli(-z); dn[i] = Dc / h * Bernoulli(z);
        }
        var result = new double[times.Length];
        double t = 0;
        var order = Enumerable.Range(0, times.Length).OrderBy(i => times[i]).ToArray();
        var a = new double[m]; var b = new double[m]; var c = new double[m]; var rhs = new double[m];
        foreach (int idx in order)
        {
            double target = Guard.NonNegative(times[idx], nameof(times));
            while (t < target - 1e-12)
            {
                double dt = Math.Min(maxStep, target - t);
                // (P_new − P)/dt = −(J_{i} − J_{i−1})/h.
                for (int i = 0; i < m; i++)
                {
                    double diag = 1, lo = 0, hi = 0;
                    if (i < m - 1) { diag += dt / h * up[i]; hi = -dt / h * dn[i]; }
                    if (i > 0) { diag += dt / h * dn[i - 1]; lo = -dt / h * up[i - 1]; }
                    a[i] = lo; b[i] = diag; c[i] = hi; rhs[i] = P[i];
                }
                Thomas(a, b, c, rhs, P);
                t += dt;
            }
            double mean = 0;
            for (int i = 0; i < m; i++) mean += (i + 0.5) * h * P[i] * h;
            result[idx] = mean;
        }
        return result;
    }

    static double Bernoulli(double z) => Math.Abs(z) < 1e-8 ? 1 - z / 2 : z / double.ExpM1(z);

    static void Thomas(double[] a, double[] b, double[] c, double[] d, double[] x)
    {
        int n = d.Length;
        var cp = new double[n]; var dp = new double[n];
        cp[0] = c[0] / b[0]; dp[0] = d[0] / b[0];
        for (int i = 1; i < n; i++)
        {
            double den = b[i] - a[i] * cp[i - 1];
            cp[i] = c[i] / den; dp[i] = (d[i] - a[i] * dp[i - 1]) / den;
        }
        x[n - 1] = dp[n - 1];
        for (int i = n - 2; i >= 0; i--) x[i] = dp[i] - cp[i] * x[i + 1];
    }
}
