namespace Theory.Numerics;

/// <summary>
/// The scaled complementary error function erfcx(x) = exp(x²) erfc(x) on the whole real line,
/// to about 1e-16 relative for x ≥ 0 and a few ulp for x &lt; 0.
/// </summary>
/// <remarks>
/// x ∈ [0, 16): piecewise Chebyshev interpolants (32 intervals, degree 13) computed from
/// 30-digit mpmath values (tests/Theory.Tests/Numerics/reference/gen_fits.py).
/// x ≥ 16: the asymptotic series erfcx(x) = (1/(x√π)) Σ_k (−1)^k (2k−1)!! / (2x²)^k
/// (Abramowitz &amp; Stegun 7.1.23), truncated where the terms fall below 1e-17.
/// x &lt; 0: erfcx(x) = 2 exp(x²) − erfcx(−x) (A&amp;S 7.1.9 scaled), exp(x²) evaluated with the
/// rounding error of x² corrected by a fused multiply–add; overflows to +∞ for x &lt; −26.64.
/// </remarks>
public static class Erfcx
{
    internal const double InvSqrtPi = 0.56418958354775628694807945156077;

    /// <summary>erfcx(x) = exp(x²) erfc(x). x dimensionless, any real (±∞ allowed); NaN is rejected.</summary>
    public static double Value(double x)
    {
        if (double.IsNaN(x)) throw new ArgumentException("x = NaN is invalid: it must be a number.", nameof(x));
        return x >= 0 ? Positive(x) : Negative(x);
    }

    /// <summary>Element-wise <see cref="Value(double)"/>.</summary>
    public static double[] Values(double[] x)
    {
        Guard.NotNull(x);
        var r = new double[x.Length];
        for (int i = 0; i < x.Length; i++) r[i] = Value(x[i]);
        return r;
    }

    internal static double Negative(double x)
    {
        if (x < -26.7) return double.PositiveInfinity;
        return 2.0 * ExpSquare(x) - Positive(-x);
    }

    /// <summary>exp(x²) with the rounding error of x·x compensated (relative error ~1 ulp of exp).</summary>
    internal static double ExpSquare(double x)
    {
        double p = x * x;
        double e = Math.FusedMultiplyAdd(x, x, -p);
        return Math.Exp(p) * (1.0 + e);
    }

    /// <summary>exp(−x²) with the rounding error of x·x compensated.</summary>
    internal static double ExpMinusSquare(double x)
    {
        double p = x * x;
        double e = Math.FusedMultiplyAdd(x, x, -p);
        return Math.Exp(-p) * (1.0 - e);
    }

    internal static double Positive(double x)
    {
        if (x < SpecialFunctionTables.FitLimit)
            return Piecewise.Evaluate(SpecialFunctionTables.ErfcxCoefficients, x);
        if (x < 1e8)
        {
            double v = 0.5 / (x * x);
            // Σ_{k=0}^{10} (−1)^k (2k−1)!! v^k
            double s = 654729075.0;
            s = s * v - 34459425.0;
            s = s * v + 2027025.0;
            s = s * v - 135135.0;
            s = s * v + 10395.0;
            s = s * v - 945.0;
            s = s * v + 105.0;
            s = s * v - 15.0;
            s = s * v + 3.0;
            s = s * v - 1.0;
            s = s * v + 1.0;
            return InvSqrtPi / x * s;
        }
        return InvSqrtPi / x;
    }
}

/// <summary>Evaluation of the generated piecewise polynomial tables.</summary>
internal static class Piecewise
{
    public static double Evaluate(ReadOnlySpan<double> table, double x)
    {
        int i = (int)(x * (1.0 / SpecialFunctionTables.IntervalWidth));
        double t = (x - (i + 0.5) * SpecialFunctionTables.IntervalWidth) * (2.0 / SpecialFunctionTables.IntervalWidth);
        var c = table.Slice(i * SpecialFunctionTables.Stride, SpecialFunctionTables.Stride);
        // Estrin-like split halves the dependency chain of a 14-term Horner.
        double t2 = t * t;
        double even = c[12];
        double odd = c[13];
        for (int k = 10; k >= 0; k -= 2)
        {
            even = even * t2 + c[k];
            odd = odd * t2 + c[k + 1];
        }
        return even + t * odd;
    }
}
