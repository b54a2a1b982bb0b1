using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Theory.Numerics;

/// <summary>The heavy-tailed candidates of Clauset, Shalizi &amp; Newman 2009 (Table 2.1) fitted above x_min.</summary>
public enum TailModel
{
    /// <summary>x^{−α}; parameters [α].</summary>
    PowerLaw,
    /// <summary>e^{−λx}; parameters [λ].</summary>
    Exponential,
    /// <summary>Log-normal; parameters [μ, σ] of ln x (discrete: the continuous law rounded to the nearest integer).</summary>
    LogNormal,
    /// <summary>Power law with exponential cutoff x^{−α} e^{−λx}; parameters [α, λ].</summary>
    TruncatedPowerLaw,
}

/// <summary>A maximum-likelihood fit of one <see cref="TailModel"/> to the points at or above x_min:
/// parameters, total log-likelihood and the number of points used.</summary>
/// <param name="Model">The fitted model.</param>
/// <param name="Kind">Continuous or discrete.</param>
/// <param name="XMin">Lower bound x_min of the fitted points.</param>
/// <param name="Parameters">The model's parameters, as listed on <see cref="TailModel"/> ([α], [λ], [μ, σ] or [α, λ]).</param>
/// <param name="LogLikelihood">Total log-likelihood of the points at or above x_min.</param>
/// <param name="TailCount">Number of points used.</param>
public sealed record TailFit(TailModel Model, PowerLawKind Kind, double XMin, double[] Parameters, double LogLikelihood, int TailCount)
{
    /// <summary>ln p(x) of the fitted law (x ≥ x_min).</summary>
    public double LogDensity(double x) => TailModels.LogDensity(Model, Kind, Parameters, XMin, x);
}

/// <summary>
/// Densities, maximum-likelihood fits and exact samplers of the alternatives to a power law used in
/// the model comparison of Clauset, Shalizi &amp; Newman (SIAM Rev. 51:661, 2009, Sec. 5 and Table 2.1),
/// all normalized on x ≥ x_min. Continuous:
/// <list type="bullet">
/// <item>power law (α − 1)/x_min (x/x_min)^{−α};</item>
/// <item>exponential λ e^{−λ(x − x_min)}, MLE λ̂ = 1/(x̄ − x_min);</item>
/// <item>log-normal φ((ln x − μ)/σ)/(σx) / Q((ln x_min − μ)/σ), Q the upper normal tail;</item>
/// <item>truncated power law x^{−α}e^{−λx}/I, I = ∫_{x_min}^∞ t^{−α}e^{−λt}dt = λ^{α−1}Γ(1 − α, λx_min).</item>
/// </list>
/// Discrete (integers x ≥ x_min): power law x^{−α}/ζ(α, x_min); exponential (1 − e^{−λ})e^{−λ(x − x_min)},
/// MLE λ̂ = ln(1 + 1/(x̄ − x_min)); log-normal rounded, P(x) = [F(x + ½) − F(x − ½)]/[1 − F(x_min − ½)];
/// truncated power law x^{−α}e^{−λx}/S, S = Σ_{k ≥ x_min} k^{−α}e^{−λk} (summed, with an Euler–Maclaurin tail).
/// Two-parameter laws are fitted by Nelder–Mead on (μ, ln σ) and (α, ln λ) from several starts.
/// </summary>
public static class TailModels
{
    /// <summary>ln p(x) for the model with the given parameters (x ≥ x_min; −∞ below).</summary>
    public static double LogDensity(TailModel model, PowerLawKind kind, double[] parameters, double xmin, double x)
    {
        Guard.NotNull(parameters);
        if (x < xmin) return double.NegativeInfinity;
        return Normalizer(model, kind, parameters, xmin) is var c && double.IsFinite(c)
            ? LogKernel(model, kind, parameters, xmin, x) - c
            : double.NaN;
    }

    /// <summary>ln p(xᵢ) for every point at or above x_min (in input order, points below skipped).</summary>
    public static double[] LogDensities(TailFit fit, double[] data)
    {
        Guard.NotNull(fit); Guard.NotNull(data);
        double c = Normalizer(fit.Model, fit.Kind, fit.Parameters, fit.XMin);
        return data.Where(v => v >= fit.XMin).Select(v => LogKernel(fit.Model, fit.Kind, fit.Parameters, fit.XMin, v) - c).ToArray();
    }

    /// <summary>Log of the unnormalized density / mass (x ≥ x_min).</summary>
    static double LogKernel(TailModel model, PowerLawKind kind, double[] p, double xmin, double x)
    {
        bool discrete = kind == PowerLawKind.Discrete;
        switch (model)
        {
            case TailModel.PowerLaw: return -p[0] * Math.Log(x);
            case TailModel.Exponential: return -p[0] * (x - xmin);
            case TailModel.TruncatedPowerLaw: return -p[0] * Math.Log(x) - p[1] * (x - xmin);
            default:
                double mu = p[0], sigma = p[1];
                if (!discrete)
                {
                    double z = (Math.Log(x) - mu) / sigma;
                    return -Math.Log(x) - Math.Log(sigma) - 0.5 * Math.Log(2 * Math.PI) - 0.5 * z * z;
                }
                double lo = Math.Log(Math.Max(x - 0.5, 1e-300)), hi = Math.Log(x + 0.5);
                return LogNormalMass((lo - mu) / sigma, (hi - mu) / sigma);
        }
    }

    /// <summary>ln of the normalization (so that ln p = kernel − normalizer).</summary>
    static double Normalizer(TailModel model, PowerLawKind kind, double[] p, double xmin)
    {
        bool discrete = kind == PowerLawKind.Discrete;
        switch (model)
        {
            case TailModel.PowerLaw:
                return discrete ? Math.Log(PowerLaw.HurwitzZeta(p[0], xmin))
                                : -Math.Log(p[0] - 1) + (1 - p[0]) * Math.Log(xmin);
            case TailModel.Exponential:
                return discrete ? -Math.Log(-double.ExpM1(-p[0])) : -Math.Log(p[0]);
            case TailModel.TruncatedPowerLaw:
                // the kernel carries e^{λ x_min} so the normalizer does too
                return Math.Log(discrete ? TruncatedSum(p[0], p[1], xmin) : TruncatedIntegral(p[0], p[1], xmin)) + p[1] * xmin;
            default:
                // discrete: x_min ≥ 1, so the rounding cell of x_min starts at x_min − ½ > 0
                return LogUpperTail(((discrete ? Math.Log(xmin - 0.5) : Math.Log(xmin)) - p[0]) / p[1]);
        }
    }

    /// <summary>ln Q(z), Q(z) = P(Z ≥ z) = erfc(z/√2)/2, accurate far in both tails (erfcx above 0).</summary>
    public static double LogUpperTail(double z) =>
        z > 0 ? Math.Log(0.5 * Erfcx.Value(z / Math.Sqrt(2))) - 0.5 * z * z
              : Math.Log(0.5 * SpecialFunctions.Erfc(z / Math.Sqrt(2)));

    /// <summary>ln P(a ≤ Z &lt; b) for a standard normal Z, a &lt; b, without cancellation in the tails.</summary>
    static double LogNormalMass(double a, double b)
    {
        if (a >= 0)
        {
            double qa = LogUpperTail(a), qb = LogUpperTail(b);
            return qa + Math.Log(-double.ExpM1(qb - qa));
        }
        if (b <= 0)
        {
            double pb = LogUpperTail(-b), pa = LogUpperTail(-a);
            return pb + Math.Log(-double.ExpM1(pa - pb));
        }
        return Math.Log(1 - Math.Exp(LogUpperTail(b)) - Math.Exp(LogUpperTail(-a)));
    }

    /// <summary>Γ(a, x) = ∫_x^∞ t^{a−1}e^{−t}dt for any real a and x &gt; 0 (a ≤ 0 by the downward recurrence
    /// Γ(a, x) = (Γ(a + 1, x) − x^a e^{−x})/a from a + k ∈ (0, 1], with Γ(0, x) = E₁(x)).</summary>
    public static double UpperIncompleteGamma(double a, double x)
    {
        Guard.Positive(x);
        Guard.InRange(a, -50, 50);
        if (a > 0) return SpecialFunctions.GammaUpperIncomplete(a, x);
        int k = (int)Math.Ceiling(-a);
        double top = a + k; // in [0, 1)
        double g = top == 0 ? SpecialFunctions.ExponentialIntegral(x, 1) : SpecialFunctions.GammaUpperIncomplete(top, x);
        for (double b = top - 1; b >= a - 1e-12; b -= 1)
            g = (g - Math.Pow(x, b) * Math.Exp(-x)) / b;
        return g;
    }

    /// <summary>∫_{x₀}^∞ t^{−α} e^{−λt} dt (λ &gt; 0, or λ = 0 with α &gt; 1).</summary>
    public static double TruncatedIntegral(double alpha, double lambda, double x0)
    {
        Guard.Positive(x0);
        if (lambda == 0)
        {
            if (!(alpha > 1)) throw new ArgumentException($"alpha = {alpha} is invalid: with lambda = 0 the integral needs alpha > 1.", nameof(alpha));
            return Math.Pow(x0, 1 - alpha) / (alpha - 1);
        }
        Guard.Positive(lambda);
        return Math.Pow(lambda, alpha - 1) * UpperIncompleteGamma(1 - alpha, lambda * x0);
    }

    /// <summary>Σ_{k ≥ k₀} k^{−α} e^{−λk} for integer k₀ ≥ 1: direct summation of the first terms, then
    /// (if the terms have not died out) the Euler–Maclaurin tail ∫ f + f/2 − f′/12 + f‴/720 − f⁽⁵⁾/30240 at M = k₀ + 400.</summary>
    public static double TruncatedSum(double alpha, double lambda, double k0)
    {
        Guard.NonNegative(lambda);
        if (!(k0 >= 1) || k0 != Math.Floor(k0)) throw new ArgumentException($"k0 = {k0} is invalid: it must be an integer >= 1.", nameof(k0));
        if (lambda == 0) return PowerLaw.HurwitzZeta(alpha, k0);
        const int direct = 400;
        double sum = 0;
        double k = k0;
        for (int i = 0; i < direct; i++, k++)
        {
            double t = Math.Exp(-alpha * Math.Log(k) - lambda * k);
            sum += t;
            if (t < 1e-18 * sum && lambda * k > alpha) return sum;
        }
        double m = k, f = Math.Exp(-alpha * Math.Log(m) - lambda * m);
        // derivatives of f = e^g, g = −α ln x − λx
        double g1 = -alpha / m - lambda, g2 = alpha / (m * m), g3 = -2 * alpha / (m * m * m), g4 = 6 * alpha / Math.Pow(m, 4), g5 = -24 * alpha / Math.Pow(m, 5);
        double f1 = f * g1;
        double f3 = f * (g1 * g1 * g1 + 3 * g1 * g2 + g3);
        double f5 = f * (Math.Pow(g1, 5) + 10 * Math.Pow(g1, 3) * g2 + 15 * g1 * g2 * g2 + 10 * g1 * g1 * g3 + 10 * g2 * g3 + 5 * g1 * g4 + g5);
        return sum + TruncatedIntegral(alpha, lambda, m) + f / 2 - f1 / 12 + f3 / 720 - f5 / 30240;
    }

    /// <summary>Maximum-likelihood fit of the model to the points ≥ x_min.</summary>
    public static TailFit Fit(TailModel model, double[] data, PowerLawKind kind, double xmin)
    {
        var x = Tail(data, kind, xmin);
        int n = x.Length;
        double[] p;
        switch (model)
        {
            case TailModel.PowerLaw:
                p = [PowerLaw.Fit(x, kind, xmin).Alpha];
                break;
            case TailModel.Exponential:
            {
                double m = x.Average() - xmin;
                p = [kind == PowerLawKind.Discrete ? Math.Log(1 + 1 / m) : 1 / m];
                break;
            }
            case TailModel.LogNormal:
            {
                var logs = x.Select(v => Math.Log(v)).ToArray();
                double mu0 = logs.Average(), s0 = Math.Max(Math.Sqrt(logs.Select(v => (v - mu0) * (v - mu0)).Average()), 0.1);
                p = Maximize(model, kind, x, xmin, [[mu0, Math.Log(s0)], [mu0 - 2 * s0, Math.Log(2 * s0)]],
                    v => [v[0], Math.Exp(v[1])]);
                break;
            }
            default:
            {
                double a0 = PowerLaw.Fit(x, kind, xmin).Alpha;
                double mean = x.Average(), max = x.Max();
                p = Maximize(model, kind, x, xmin,
                    [[a0, Math.Log(0.1 / max)], [Math.Max(a0 - 0.5, 0.2), Math.Log(1 / mean)], [a0, Math.Log(1 / max)]],
                    v => [v[0], Math.Exp(v[1])]);
                break;
            }
        }
        return new(model, kind, xmin, p, LogLikelihood(model, kind, p, xmin, x), n);
    }

    static double[] Tail(double[] data, PowerLawKind kind, double xmin)
    {
        Guard.NotNull(data);
        Guard.AllFinite(data);
        if (!(xmin > 0) || (kind == PowerLawKind.Discrete && (xmin != Math.Floor(xmin))))
            throw new ArgumentException($"xmin = {xmin} is invalid: it must be positive{(kind == PowerLawKind.Discrete ? " and an integer" : "")}.", nameof(xmin));
        var x = data.Where(v => v >= xmin).ToArray();
        if (kind == PowerLawKind.Discrete)
            foreach (var v in x)
                if (v != Math.Floor(v)) throw new ArgumentException($"data contains {v}: discrete data must be integers.", nameof(data));
        if (x.Length < 2 || x.Distinct().Count() < 2)
            throw new ArgumentException($"data is invalid: at least 2 distinct points at or above xmin = {xmin} are needed (found {x.Length}).", nameof(data));
        return x;
    }

    static double LogLikelihood(TailModel model, PowerLawKind kind, double[] p, double xmin, double[] x)
    {
        double c = Normalizer(model, kind, p, xmin);
        if (!double.IsFinite(c)) return double.NegativeInfinity;
        double s = 0;
        foreach (var v in x) s += LogKernel(model, kind, p, xmin, v);
        double ll = s - x.Length * c;
        return double.IsNaN(ll) ? double.NegativeInfinity : ll;
    }

    static double[] Maximize(TailModel model, PowerLawKind kind, double[] x, double xmin, double[][] starts, Func<double[], double[]> map)
    {
        double Objective(Vector<double> v)
        {
            double[] p = map(v.ToArray());
            if (model == TailModel.TruncatedPowerLaw && (p[0] < -5 || p[0] > 20 || !(p[1] > 0) || p[1] > 1e3)) return 1e300;
            if (model == TailModel.LogNormal && (Math.Abs(p[0]) > 1e3 || !(p[1] > 1e-6) || p[1] > 1e3)) return 1e300;
            double ll = LogLikelihood(model, kind, p, xmin, x);
            return double.IsFinite(ll) ? -ll : 1e300;
        }
        double best = double.PositiveInfinity;
        double[] bestV = starts[0];
        foreach (var s in starts)
        {
            if (!(Objective(Vector<double>.Build.DenseOfArray(s)) < 1e299)) continue;
            // restart once from the optimum: Nelder–Mead can stall on a ridge
            var (v1, _) = NelderMead(Objective, s, 0.3);
            var (v2, f2) = NelderMead(Objective, v1, 0.05);
            if (f2 < best) { best = f2; bestV = v2; }
        }
        if (!(best < 1e299))
            throw new InvalidOperationException($"the {model} fit found no finite likelihood on {x.Length} points above xmin = {xmin}.");
        return map(bestV);
    }

    /// <summary>Nelder–Mead (Nelder &amp; Mead 1965; standard coefficients 1, 2, ½, ½) from x₀ with initial
    /// steps h; stops when the simplex's value spread is below 1e-11 (relative) or after 4000 iterations,
    /// returning the best vertex either way (MathNet's simplex throws away its point when it hits the limit,
    /// which happens on the flat ridges of a log-normal approaching a power law).</summary>
    static (double[] Point, double Value) NelderMead(Func<Vector<double>, double> f, double[] x0, double h)
    {
        int d = x0.Length;
        var pts = new double[d + 1][];
        var val = new double[d + 1];
        for (int i = 0; i <= d; i++)
        {
            pts[i] = (double[])x0.Clone();
            if (i > 0) pts[i][i - 1] += h;
            val[i] = f(Vector<double>.Build.DenseOfArray(pts[i]));
        }
        double F(double[] p) => f(Vector<double>.Build.DenseOfArray(p));
        for (int it = 0; it < 4000; it++)
        {
            Array.Sort(val, pts);
            if (Math.Abs(val[d] - val[0]) <= 1e-11 * (Math.Abs(val[0]) + 1e-300)) break;
            var c = new double[d];
            for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) c[j] += pts[i][j] / d;
            double[] At(double t) { var r = new double[d]; for (int j = 0; j < d; j++) r[j] = c[j] + t * (pts[d][j] - c[j]); return r; }
            var xr = At(-1); double fr = F(xr);
            if (fr < val[0])
            {
                var xe = At(-2); double fe = F(xe);
                if (fe < fr) { pts[d] = xe; val[d] = fe; } else { pts[d] = xr; val[d] = fr; }
            }
            else if (fr < val[d - 1]) { pts[d] = xr; val[d] = fr; }
            else
            {
                var xc = fr < val[d] ? At(-0.5) : At(0.5); double fc = F(xc);
                if (fc < Math.Min(fr, val[d])) { pts[d] = xc; val[d] = fc; }
                else
                    for (int i = 1; i <= d; i++)
                    {
                        for (int j = 0; j < d; j++) pts[i][j] = pts[0][j] + 0.5 * (pts[i][j] - pts[0][j]);
                        val[i] = F(pts[i]);
                    }
            }
        }
        Array.Sort(val, pts);
        return (pts[0], val[0]);
    }

    /// <summary>n exact samples of the model on x ≥ x_min (seeded). Exponential: inversion; log-normal:
    /// inversion of the truncated normal of ln x (discrete: rounded, truncated at x_min − ½); truncated power
    /// law: exponential proposals accepted with probability (x/x_min)^{−α} (α ≥ 0; Clauset et al. 2009, App. D).</summary>
    public static double[] Sample(TailModel model, PowerLawKind kind, double[] parameters, double xmin, int n, ulong seed)
    {
        Guard.NotNull(parameters);
        Guard.InRange(n, 1, 100_000_000);
        Guard.Positive(xmin);
        bool discrete = kind == PowerLawKind.Discrete;
        if (discrete && xmin != Math.Floor(xmin)) throw new ArgumentException($"xmin = {xmin} is invalid: discrete laws need an integer xmin.", nameof(xmin));
        if (model == TailModel.PowerLaw) return PowerLaw.Sample(kind, parameters[0], xmin, n, seed);
        var rng = new Random(SeedFolding.ToInt32(seed));
        var x = new double[n];
        double U() => 1 - rng.NextDouble(); // (0, 1]
        double Exp(double lambda) => discrete ? xmin + Math.Floor(-Math.Log(U()) / lambda) : xmin - Math.Log(U()) / lambda;
        switch (model)
        {
            case TailModel.Exponential:
                Guard.Positive(parameters[0]);
                for (int i = 0; i < n; i++) x[i] = Exp(parameters[0]);
                return x;
            case TailModel.LogNormal:
            {
                double mu = parameters[0], sigma = Guard.Positive(parameters[1]);
                double lower = discrete ? xmin - 0.5 : xmin;
                double qmin = lower > 0 ? Math.Exp(LogUpperTail((Math.Log(lower) - mu) / sigma)) : 1;
                for (int i = 0; i < n; i++)
                {
                    double z = -Normal.InvCDF(0, 1, U() * qmin);
                    double y = Math.Exp(mu + sigma * z);
                    x[i] = discrete ? Math.Max(xmin, Math.Round(y, MidpointRounding.AwayFromZero)) : Math.Max(xmin, y);
                }
                return x;
            }
            default:
            {
                double alpha = Guard.InRange(parameters[0], 0, 20), lambda = Guard.Positive(parameters[1]);
                for (int i = 0; i < n; i++)
                {
                    double v;
                    do v = Exp(lambda); while (rng.NextDouble() >= Math.Pow(v / xmin, -alpha));
                    x[i] = v;
                }
                return x;
            }
        }
    }
}
