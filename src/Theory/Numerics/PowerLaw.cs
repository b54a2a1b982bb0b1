using MathNet.Numerics.Distributions;

namespace Theory.Numerics;

/// <summary>Continuous (x ≥ x_min real) or discrete (x ≥ x_min integer) power law.</summary>
public enum PowerLawKind
{
    /// <summary>p(x) = (α − 1)/x_min · (x/x_min)^{−α}.</summary>
    Continuous,
    /// <summary>p(x) = x^{−α}/ζ(α, x_min), x integer.</summary>
    Discrete,
}

/// <summary>
/// A maximum-likelihood power-law fit (Clauset, Shalizi &amp; Newman, SIAM Rev. 51:661, 2009):
/// exponent α̂, its standard error σ (continuous: (α̂ − 1)/√n, Eq. 3.2; discrete: 1/√(n·∂²ln ζ(α, x_min)/∂α²),
/// Eq. 3.6 with the exact Fisher information), the lower bound x_min, the n points at or above it,
/// and the Kolmogorov–Smirnov distance D between the tail's empirical and fitted CDFs.
/// </summary>
/// <param name="Kind">Continuous or discrete.</param>
/// <param name="Alpha">Exponent α̂ (&gt; 1).</param>
/// <param name="StandardError">Standard error σ of α̂.</param>
/// <param name="XMin">Lower bound x_min of the power-law tail.</param>
/// <param name="TailCount">Number n of points at or above x_min.</param>
/// <param name="SampleCount">Number of points in the whole sample.</param>
/// <param name="KsDistance">Kolmogorov–Smirnov distance D between the tail's empirical and fitted CDFs.</param>
public sealed record PowerLawFit(PowerLawKind Kind, double Alpha, double StandardError, double XMin,
    int TailCount, int SampleCount, double KsDistance)
{
    /// <summary>Wald interval α̂ ± z σ at the given two-sided level: [low, high].</summary>
    public double[] ConfidenceInterval(double level = 0.95)
    {
        Guard.InRange(level, 1e-6, 1 - 1e-12);
        double z = Normal.InvCDF(0, 1, 0.5 + level / 2);
        return [Alpha - z * StandardError, Alpha + z * StandardError];
    }

    /// <summary>P(X ≥ x) of the fitted tail (x ≥ x_min).</summary>
    public double Survival(double x) => PowerLaw.Survival(Kind, Alpha, XMin, x);
}

/// <summary>Goodness of fit by the semi-parametric bootstrap of Clauset et al. 2009 (Sec. 4.1):
/// the fraction of synthetic data sets (tail drawn from the fitted law, body resampled from the
/// data below x_min, each refitted with its own x_min) whose KS distance is at least the observed.</summary>
/// <param name="Fit">The fit to the data.</param>
/// <param name="PValue">Fraction of synthetic data sets whose KS distance is at least the observed one, in [0, 1].</param>
/// <param name="Bootstraps">Number of synthetic data sets.</param>
public sealed record PowerLawGoodnessOfFit(PowerLawFit Fit, double PValue, int Bootstraps);

/// <summary>
/// Power-law fitting after Clauset, Shalizi &amp; Newman 2009: MLE of α at given x_min
/// (continuous: α̂ = 1 + n/Σ ln(xᵢ/x_min), Eq. 3.1; discrete: maximizer of
/// L(α) = −n ln ζ(α, x_min) − α Σ ln xᵢ, Eq. 3.5, found by golden section), x_min chosen to
/// minimize the KS distance (Sec. 3.3), bootstrap p-value (Sec. 4.1), and exact samplers.
/// </summary>
public static class PowerLaw
{
    const double AlphaLow = 1.0 + 1e-6, AlphaHigh = 20;

    /// <summary>Hurwitz zeta ζ(s, q) = Σ_{k≥0} (q + k)^{−s}, s &gt; 1, q &gt; 0, by Euler–Maclaurin
    /// summation from q + N ≥ 12 with 7 Bernoulli terms (relative error &lt; 1e-14 for s ≤ 20).</summary>
    public static double HurwitzZeta(double s, double q)
    {
        if (!(s > 1) || !double.IsFinite(s))
            throw new ArgumentException($"s = {s} is invalid: the Hurwitz zeta needs s > 1.", nameof(s));
        if (!(q > 0) || !double.IsFinite(q))
            throw new ArgumentException($"q = {q} is invalid: the Hurwitz zeta needs finite q > 0.", nameof(q));
        return Zeta(s, q);
    }

    static readonly double[] B2j = [1.0 / 6, -1.0 / 30, 1.0 / 42, -1.0 / 30, 5.0 / 66, -691.0 / 2730, 7.0 / 6];

    static double Zeta(double s, double q)
    {
        int n = q >= 12 ? 0 : (int)Math.Ceiling(12 - q);
        double sum = 0;
        for (int k = 0; k < n; k++) sum += Math.Pow(q + k, -s);
        double a = q + n;
        double apow = Math.Pow(a, -s);
        sum += a * apow / (s - 1) + apow / 2;
        // Σ_j B_2j/(2j)! · s(s+1)…(s+2j−2) a^{−s−2j+1}
        double fact = 1, poch = s, term = apow / a;
        for (int j = 1; j <= B2j.Length; j++)
        {
            fact *= (2 * j - 1) * (2 * j);
            sum += B2j[j - 1] / fact * poch * term;
            poch *= (s + 2 * j - 1) * (s + 2 * j);
            term /= a * a;
        }
        return sum;
    }

    /// <summary>P(X ≥ x) for the power law (continuous: (x/x_min)^{1−α}; discrete: ζ(α, x)/ζ(α, x_min)).</summary>
    public static double Survival(PowerLawKind kind, double alpha, double xmin, double x)
    {
        if (x <= xmin) return 1;
        return kind == PowerLawKind.Continuous
            ? Math.Pow(x / xmin, 1 - alpha)
            : Zeta(alpha, Math.Ceiling(x - 1e-9)) / Zeta(alpha, xmin);
    }

    /// <summary>Fits α by maximum likelihood to the points ≥ x_min; x_min = null selects it by
    /// minimal KS distance over the distinct values that leave at least <paramref name="minTail"/> points.</summary>
    public static PowerLawFit Fit(double[] data, PowerLawKind kind = PowerLawKind.Continuous, double? xmin = null, int minTail = 10)
    {
        var x = Validate(data, kind);
        Guard.InRange(minTail, 2, int.MaxValue);
        Array.Sort(x);
        if (xmin is double fixedMin)
        {
            if (!(fixedMin > 0) || (kind == PowerLawKind.Discrete && fixedMin != Math.Floor(fixedMin)))
                throw new ArgumentException($"xmin = {fixedMin} is invalid: it must be positive{(kind == PowerLawKind.Discrete ? " and an integer" : "")}.", nameof(xmin));
            return FitSorted(x, kind, fixedMin, minTail: 2)
                ?? throw new ArgumentException($"xmin = {fixedMin} is invalid: fewer than 2 distinct points lie at or above it.", nameof(xmin));
        }
        PowerLawFit? best = null;
        var candidates = x.Distinct().ToArray();
        foreach (var c in candidates)
        {
            var f = FitSorted(x, kind, c, minTail);
            if (f is null) break;
            if (best is null || f.KsDistance < best.KsDistance) best = f;
        }
        return best ?? throw new ArgumentException($"data.Length = {data.Length} is invalid: at least minTail = {minTail} points with two distinct values are needed.", nameof(data));
    }

    /// <summary>
    /// The closed-form approximation to the discrete MLE, α̂ ≈ 1 + n/Σ ln(xᵢ/(x_min − ½))
    /// (Clauset, Shalizi &amp; Newman 2009, Eq. 3.7; accurate for x_min ≳ 6), with σ = (α̂ − 1)/√n.
    /// It is what the <c>powerlaw</c> package (Alstott et al. 2014, v1.4.6, default
    /// <c>estimate_discrete=True</c>) returns for <c>Fit(x, discrete=True, xmin=…)</c>, which the
    /// avalanche analysis of Chintaluri &amp; Vogels 2023 uses (<c>avalan_props.compute_powerlaw_fits</c>).
    /// The KS distance is against the exact discrete law at that α̂.
    /// </summary>
    public static PowerLawFit FitDiscreteApproximation(double[] data, double xmin)
    {
        var x = Validate(data, PowerLawKind.Discrete);
        if (!(xmin >= 1) || xmin != Math.Floor(xmin))
            throw new ArgumentException($"xmin = {xmin} is invalid: it must be an integer >= 1.", nameof(xmin));
        Array.Sort(x);
        int start = LowerBound(x, xmin);
        int n = x.Length - start;
        if (n < 2 || x[^1] <= xmin)
            throw new ArgumentException($"xmin = {xmin} is invalid: fewer than 2 distinct points lie at or above it.", nameof(xmin));
        double s = 0;
        for (int i = start; i < x.Length; i++) s += Math.Log(x[i] / (xmin - 0.5));
        double alpha = 1 + n / s;
        return new(PowerLawKind.Discrete, alpha, (alpha - 1) / Math.Sqrt(n), xmin, n, x.Length, Ks(x, start, PowerLawKind.Discrete, alpha, xmin));
    }

    static double[] Validate(double[] data, PowerLawKind kind)
    {
        Guard.NotNull(data);
        Guard.AllFinite(data);
        var x = (double[])data.Clone();
        for (int i = 0; i < x.Length; i++)
        {
            if (!(x[i] > 0))
                throw new ArgumentException($"data[{i}] = {x[i]} is invalid: power-law data must be > 0.", nameof(data));
            if (kind == PowerLawKind.Discrete && x[i] != Math.Floor(x[i]))
                throw new ArgumentException($"data[{i}] = {x[i]} is invalid: discrete power-law data must be integers >= 1.", nameof(data));
        }
        return x;
    }

    /// <summary>MLE on the sorted tail x ≥ xmin; null if the tail is too short or constant.</summary>
    static PowerLawFit? FitSorted(double[] sorted, PowerLawKind kind, double xmin, int minTail)
    {
        int start = LowerBound(sorted, xmin);
        int n = sorted.Length - start;
        if (n < minTail || sorted[^1] <= xmin) return null;
        double sumLog = 0;
        for (int i = start; i < sorted.Length; i++) sumLog += Math.Log(sorted[i]);
        double alpha, se;
        if (kind == PowerLawKind.Continuous)
        {
            alpha = 1 + n / (sumLog - n * Math.Log(xmin));
            se = (alpha - 1) / Math.Sqrt(n);
        }
        else
        {
            double mean = sumLog / n;
            alpha = GoldenMax(a => -Math.Log(Zeta(a, xmin)) - a * mean, AlphaLow, AlphaHigh);
            double h = 1e-4 * alpha;
            double l0 = Math.Log(Zeta(alpha, xmin)), lp = Math.Log(Zeta(alpha + h, xmin)), lm = Math.Log(Zeta(alpha - h, xmin));
            double info = (lp - 2 * l0 + lm) / (h * h);
            se = 1 / Math.Sqrt(n * info);
        }
        double d = Ks(sorted, start, kind, alpha, xmin);
        return new(kind, alpha, se, xmin, n, sorted.Length, d);
    }

    static int LowerBound(double[] a, double v)
    {
        int lo = 0, hi = a.Length;
        while (lo < hi) { int m = (lo + hi) >> 1; if (a[m] < v) lo = m + 1; else hi = m; }
        return lo;
    }

    static double GoldenMax(Func<double, double> f, double a, double b)
    {
        double g = (Math.Sqrt(5) - 1) / 2;
        double c = b - g * (b - a), d = a + g * (b - a);
        double fc = f(c), fd = f(d);
        while (b - a > 1e-10 * Math.Max(1, Math.Abs(a)))
        {
            if (fc > fd) { b = d; d = c; fd = fc; c = b - g * (b - a); fc = f(c); }
            else { a = c; c = d; fc = fd; d = a + g * (b - a); fd = f(d); }
        }
        return (a + b) / 2;
    }

    /// <summary>KS distance between the empirical CDF of sorted[start..] and the fitted CDF.</summary>
    static double Ks(double[] sorted, int start, PowerLawKind kind, double alpha, double xmin)
    {
        int n = sorted.Length - start;
        double d = 0;
        if (kind == PowerLawKind.Continuous)
        {
            for (int i = 0; i < n; i++)
            {
                double cdf = 1 - Math.Pow(sorted[start + i] / xmin, 1 - alpha);
                d = Math.Max(d, Math.Max(Math.Abs((i + 1.0) / n - cdf), Math.Abs((double)i / n - cdf)));
            }
            return d;
        }
        double zmin = Zeta(alpha, xmin);
        int j = start;
        while (j < sorted.Length)
        {
            double v = sorted[j];
            int k = j;
            while (k < sorted.Length && sorted[k] == v) k++;
            double below = (double)(j - start) / n, upTo = (double)(k - start) / n;
            // model CDF just below v (at v − 1) and at v
            double cdfBelow = 1 - Zeta(alpha, v) / zmin;
            double cdfAt = 1 - Zeta(alpha, v + 1) / zmin;
            d = Math.Max(d, Math.Max(Math.Abs(below - cdfBelow), Math.Abs(upTo - cdfAt)));
            j = k;
        }
        return d;
    }

    /// <summary>n exact samples of the power law with the given seed (continuous: inverse CDF;
    /// discrete: inverse of ζ(α, x)/ζ(α, x_min) by search from the continuous guess).</summary>
    public static double[] Sample(PowerLawKind kind, double alpha, double xmin, int n, ulong seed)
    {
        Guard.InRange(alpha, 1.05, 20);
        Guard.Positive(xmin);
        Guard.InRange(n, 1, 100_000_000);
        if (kind == PowerLawKind.Discrete && xmin != Math.Floor(xmin))
            throw new ArgumentException($"xmin = {xmin} is invalid: a discrete power law needs an integer xmin.", nameof(xmin));
        var rng = new Random(SeedFolding.ToInt32(seed));
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = Draw(rng, kind, alpha, xmin, kind == PowerLawKind.Discrete ? Zeta(alpha, xmin) : 0);
        return x;
    }

    static double Draw(Random rng, PowerLawKind kind, double alpha, double xmin, double zmin)
    {
        double u = 1 - rng.NextDouble(); // (0, 1]: survival target
        if (kind == PowerLawKind.Continuous) return xmin * Math.Pow(u, -1 / (alpha - 1));
        // the integer x ≥ xmin with S(x + 1) < u ≤ S(x), S(x) = ζ(α, x)/ζ(α, xmin): bracket around the
        // continuous guess by doubling, then bisection (O(log x) zeta evaluations)
        double guess = Math.Floor((xmin - 0.5) * Math.Pow(u, -1 / (alpha - 1)) + 0.5);
        double lo = Math.Min(Math.Max(xmin, guess), 1e15), hi = lo;
        double step = 1;
        while (lo > xmin && Zeta(alpha, lo) / zmin < u) { hi = lo; lo = Math.Max(xmin, lo - step); step *= 2; }
        step = 1;
        while (Zeta(alpha, hi + 1) / zmin >= u && hi < 1e15) { lo = hi + 1; hi += step; step *= 2; }
        // now S(lo) ≥ u and S(hi + 1) < u: find the largest x in [lo, hi] with S(x) ≥ u
        while (lo < hi)
        {
            double mid = Math.Floor(lo + (hi - lo + 1) / 2);
            if (Zeta(alpha, mid) / zmin >= u) lo = mid; else hi = mid - 1;
        }
        return lo;
    }

    /// <summary>Bootstrap p-value of the fit (Clauset et al. 2009, Sec. 4.1). x_min is refitted for
    /// each synthetic set unless <paramref name="fixedXMin"/> is true.</summary>
    public static PowerLawGoodnessOfFit GoodnessOfFit(double[] data, PowerLawFit fit, int bootstraps = 100, ulong seed = 1, bool fixedXMin = false, int minTail = 10)
    {
        Guard.NotNull(fit);
        Guard.InRange(bootstraps, 1, 100000);
        var x = Validate(data, fit.Kind);
        var body = x.Where(v => v < fit.XMin).ToArray();
        int n = x.Length;
        double pTail = (double)fit.TailCount / n;
        var rng = new Random(SeedFolding.ToInt32(seed));
        double zmin = fit.Kind == PowerLawKind.Discrete ? Zeta(fit.Alpha, fit.XMin) : 0;
        int exceed = 0;
        var syn = new double[n];
        for (int b = 0; b < bootstraps; b++)
        {
            for (int i = 0; i < n; i++)
                syn[i] = body.Length == 0 || rng.NextDouble() < pTail
                    ? Draw(rng, fit.Kind, fit.Alpha, fit.XMin, zmin)
                    : body[rng.Next(body.Length)];
            PowerLawFit f;
            try { f = fixedXMin ? Fit(syn, fit.Kind, fit.XMin) : Fit(syn, fit.Kind, null, minTail); }
            catch (ArgumentException) { continue; }
            if (f.KsDistance >= fit.KsDistance) exceed++;
        }
        return new(fit, (double)exceed / bootstraps, bootstraps);
    }
}
