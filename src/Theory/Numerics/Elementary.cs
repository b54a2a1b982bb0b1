namespace Theory.Numerics;

/// <summary>
/// e^x − 1 and ln(1 + x) to a few ulps for every x, including |x| below 1e-16 where the naive
/// forms return 0 (the BCL's double.ExpM1 is exp(x) − 1 on this runtime). Kahan's trick:
/// with u = e^x rounded, (u − 1)·x / ln u cancels the rounding error of u (Goldberg 1991, §4;
/// Higham 2002, §1.14.1).
/// </summary>
internal static class Elementary
{
    /// <summary>e^x − 1, accurate for small |x|; −1 at x = −∞, +∞ at overflow.</summary>
    public static double ExpM1(double x)
    {
        double u = Math.Exp(x);
        if (u == 1.0) return x;
        double um1 = u - 1.0;
        if (um1 == -1.0 || double.IsPositiveInfinity(u)) return um1;
        return um1 * x / Math.Log(u);
    }

    /// <summary>ln(1 + x) for x &gt; −1, accurate for small |x|.</summary>
    public static double Log1P(double x)
    {
        double u = 1.0 + x;
        if (u == 1.0) return x;
        if (double.IsPositiveInfinity(u)) return Math.Log(x);
        return Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>p/(p + q) for p, q ≥ 0 (either may be +∞), without overflow or loss in the subnormal
    /// range; <paramref name="bothZero"/> when p = q = 0 (the caller's limit).</summary>
    public static double Fraction(double p, double q, double bothZero)
    {
        if (double.IsPositiveInfinity(p)) return double.IsPositiveInfinity(q) ? 0.5 : 1.0;
        if (double.IsPositiveInfinity(q)) return 0.0;
        double m = Math.Max(p, q);
        if (m == 0) return bothZero;
        int e = Math.ILogB(m);
        double ps = Math.ScaleB(p, -e), qs = Math.ScaleB(q, -e);
        return ps / (ps + qs);
    }
}
