namespace Theory.Numerics;

/// <summary>
/// Dawson's integral F(x) = exp(−x²) ∫₀ˣ exp(t²) dt = (√π/2) exp(−x²) erfi(x), to about 1e-16
/// relative on the whole real line (odd function).
/// </summary>
/// <remarks>
/// |x| &lt; 16: piecewise Chebyshev interpolants of F(x)/x (32 intervals, degree 13) from 30-digit
/// mpmath values (tests/Theory.Tests/Numerics/reference/gen_fits.py). |x| ≥ 16: the asymptotic
/// series F(x) = (1/(2x)) Σ_k (2k−1)!! / (2x²)^k (Abramowitz &amp; Stegun 7.1.17 with 7.1.23).
/// </remarks>
public static class Dawson
{
    /// <summary>F(x). x dimensionless, any real (F(±∞) = 0); NaN is rejected.</summary>
    public static double Value(double x)
    {
        if (double.IsNaN(x)) throw new ArgumentException("x = NaN is invalid: it must be a number.", nameof(x));
        double ax = Math.Abs(x);
        double r = Positive(ax);
        return x < 0 ? -r : r;
    }

    /// <summary>Element-wise <see cref="Value(double)"/>.</summary>
    public static double[] Values(double[] x)
    {
        Guard.NotNull(x);
        var r = new double[x.Length];
        for (int i = 0; i < x.Length; i++) r[i] = Value(x[i]);
        return r;
    }

    internal static double Positive(double x)
    {
        if (x < SpecialFunctionTables.FitLimit)
            return x * Piecewise.Evaluate(SpecialFunctionTables.DawsonOverXCoefficients, x);
        if (x < 1e8)
        {
            double v = 0.5 / (x * x);
            double s = 654729075.0;
            s = s * v + 34459425.0;
            s = s * v + 2027025.0;
            s = s * v + 135135.0;
            s = s * v + 10395.0;
            s = s * v + 945.0;
            s = s * v + 105.0;
            s = s * v + 15.0;
            s = s * v + 3.0;
            s = s * v + 1.0;
            s = s * v + 1.0;
            return 0.5 / x * s;
        }
        return double.IsPositiveInfinity(x) ? 0.0 : 0.5 / x;
    }
}
