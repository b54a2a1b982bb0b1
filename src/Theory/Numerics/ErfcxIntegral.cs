namespace Theory.Numerics;

/// <summary>
/// G(x) = ∫₀ˣ erfcx(s) ds for x ≥ 0, and the definite integral ∫ₐᵇ erfcx(s) ds, 0 ≤ a ≤ b,
/// without cancellation. This is the building block of the stable Siegert formula
/// (e^{u²}(1 + erf u) = erfcx(−u)).
/// </summary>
/// <remarks>
/// x &lt; 16: piecewise Chebyshev interpolants of G(x)/x from 30-digit mpmath values of the closed
/// form G(x) = (√π/2) erfi(x) − (x²/√π) ₂F₂(1,1; 3/2,2; x²) (gen_fits.py). x ≥ 16: term-wise
/// integration of the asymptotic series of erfcx,
/// G(x) = C + (1/√π) [ln x + Σ_{k≥1} (−1)^{k+1} (2k−1)!! / (2k (2x²)^k)], C = 0.55389595193643…
/// Narrow intervals (b − a ≤ max(a,1)/4), where G(b) − G(a) would cancel, use 10-point
/// Gauss–Legendre quadrature of erfcx instead.
/// </remarks>
public static class ErfcxIntegral
{
    /// <summary>G(x) = ∫₀ˣ erfcx(s) ds. x dimensionless, x ≥ 0 (may be +∞: then +∞).</summary>
    public static double Value(double x)
    {
        if (!(x >= 0)) throw new ArgumentException($"x = {x} is invalid: the valid range is [0, +∞].", nameof(x));
        return Positive(x);
    }

    /// <summary>∫ₐᵇ erfcx(s) ds for finite 0 ≤ a ≤ b, accurate to ~1e-15 relative.</summary>
    public static double Between(double a, double b)
    {
        Guard.NonNegative(a);
        Guard.NonNegative(b);
        if (b < a) throw new ArgumentException($"b = {b} is invalid: it must be >= a = {a}.", nameof(b));
        return BetweenUnchecked(a, b);
    }

    internal static double BetweenUnchecked(double a, double b) => BetweenUnchecked(a, b, b - a);

    /// <summary>∫ₐᵇ erfcx with the width w = b − a supplied by the caller, who may know it more
    /// accurately than the rounded difference of the bounds (the Siegert integral takes it from
    /// (θ − V_r)/σ, which stays exact when a and b are huge or round to the same double).</summary>
    internal static double BetweenUnchecked(double a, double b, double w)
    {
        if (w <= 0.25 * Math.Max(a, 1.0))
        {
            double half = 0.5 * w, mid = a + half, s = 0;
            for (int i = 0; i < GaussLegendre10.Nodes.Length; i++)
                s += GaussLegendre10.Weights[i] * (Erfcx.Positive(mid + half * GaussLegendre10.Nodes[i])
                                                  + Erfcx.Positive(mid - half * GaussLegendre10.Nodes[i]));
            return s * half;
        }
        if (a >= SpecialFunctionTables.FitLimit)
            return Erfcx.InvSqrtPi * Math.Log(b / a) + (Tail(b) - Tail(a));
        return Positive(b) - Positive(a);
    }

    internal static double Positive(double x)
    {
        if (x < SpecialFunctionTables.FitLimit)
            return x * Piecewise.Evaluate(SpecialFunctionTables.IntegralErfcxOverXCoefficients, x);
        return SpecialFunctionTables.IntegralErfcxConstant + Erfcx.InvSqrtPi * Math.Log(x) + Tail(x);
    }

    /// <summary>(1/√π) Σ_{k=1}^{9} (−1)^{k+1} (2k−1)!!/(2k) v^k, v = 1/(2x²).</summary>
    static double Tail(double x)
    {
        if (x > 1e8) return 0.0;
        double v = 0.5 / (x * x);
        double s = 34459425.0 / 18;
        s = s * v - 2027025.0 / 16;
        s = s * v + 135135.0 / 14;
        s = s * v - 10395.0 / 12;
        s = s * v + 945.0 / 10;
        s = s * v - 105.0 / 8;
        s = s * v + 15.0 / 6;
        s = s * v - 3.0 / 4;
        s = s * v + 1.0 / 2;
        return Erfcx.InvSqrtPi * s * v;
    }
}

/// <summary>Positive nodes and weights of 10-point Gauss–Legendre quadrature on [−1, 1],
/// computed once by Newton iteration on P₁₀ (Golub–Welsch not needed at this size).</summary>
internal static class GaussLegendre10
{
    public static readonly double[] Nodes;
    public static readonly double[] Weights;

    static GaussLegendre10()
    {
        const int n = 10;
        Nodes = new double[n / 2];
        Weights = new double[n / 2];
        for (int i = 0; i < n / 2; i++)
        {
            double x = Math.Cos(Math.PI * (i + 0.75) / (n + 0.5)), dp = 0;
            for (int it = 0; it < 100; it++)
            {
                double p0 = 1, p1 = x;
                for (int k = 2; k <= n; k++) { double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k; p0 = p1; p1 = p2; }
                dp = n * (x * p1 - p0) / (x * x - 1);
                double dx = p1 / dp;
                x -= dx;
                if (Math.Abs(dx) < 1e-17) break;
            }
            Nodes[i] = x;
            Weights[i] = 2.0 / ((1 - x * x) * dp * dp);
        }
    }
}
