using System.Numerics;

namespace Theory.Numerics;

/// <summary>
/// Parabolic cylinder function U(a, x) (DLMF §12; A&amp;S 19) for complex order a and real x, the
/// solution of w'' = (x²/4 + a) w that decays as x → +∞.
/// </summary>
/// <remarks>
/// <see cref="U"/>: DLMF 12.4.1 / 12.7.12–13 with Kummer series (A&amp;S 19.12.3):
/// U(a,x) = U(a,0) e^{−x²/4} M(a/2+¼, ½, x²/2) + U'(a,0) x e^{−x²/4} M(a/2+¾, 3/2, x²/2),
/// U(a,0) = √π / (2^{a/2+¼} Γ(¾+a/2)), U'(a,0) = −√π / (2^{a/2−¼} Γ(¼+a/2)).
/// For x &gt; 0 the two parts cancel (U decays like e^{−x²/4}); the relative error grows like
/// ε e^{x²/2}, so this form is meant for x ≤ 2 (and any x ≤ 0).
/// <see cref="Ratio"/> U(a+1,x)/U(a,x): for x ≥ 3 by the continued fraction that follows from the
/// recurrence U(a,x) = x U(a+1,x) + (a+3/2) U(a+2,x) (DLMF 12.8.1), U being its minimal solution
/// as a → +∞ (Pincherle), evaluated with the modified Lentz method; otherwise from <see cref="U"/>.
/// </remarks>
public static class ParabolicCylinder
{
    const double SqrtPi = 1.7724538509055160272981674833411;

    /// <summary>U(a, x); Re a &gt; −2.5, x real (accurate for x ≤ 2, see remarks).</summary>
    public static Complex U(Complex a, double x)
    {
        CheckOrder(a);
        Guard.Finite(x);
        var (u0, du0) = AtZero(a);
        double t = 0.5 * x * x, e = Math.Exp(-0.5 * t);
        var m1 = Kummer.M(a / 2 + 0.25, 0.5, t).Value;
        var m2 = Kummer.M(a / 2 + 0.75, 1.5, t).Value;
        return e * (u0 * m1 + du0 * x * m2);
    }

    /// <summary>U(a+1, x) / U(a, x); Re a &gt; −2.5, x real.</summary>
    public static Complex Ratio(Complex a, double x)
    {
        CheckOrder(a);
        Guard.Finite(x);
        if (x >= 3.0) return RatioContinuedFraction(a, x);
        return U(a + 1, x) / U(a, x);
    }

    static void CheckOrder(Complex a)
    {
        if (!(a.Real > -2.5) || !double.IsFinite(a.Imaginary))
            throw new ArgumentException($"a = {a} is invalid: Re a must be > -2.5 and Im a finite.", nameof(a));
    }

    static (Complex U0, Complex DU0) AtZero(Complex a)
    {
        Complex u0 = SqrtPi * Complex.Pow(2, -(a / 2 + 0.25)) * ComplexGamma.ReciprocalGamma(0.75 + a / 2);
        Complex du0 = -SqrtPi * Complex.Pow(2, -(a / 2 - 0.25)) * ComplexGamma.ReciprocalGamma(0.25 + a / 2);
        return (u0, du0);
    }

    /// <summary>R_a = 1 / (x + (a+3/2) / (x + (a+5/2) / (x + …))) by modified Lentz.</summary>
    static Complex RatioContinuedFraction(Complex a, double x)
    {
        const double tiny = 1e-300;
        Complex f = tiny, c = f, d = Complex.Zero;
        for (int k = 0; k < 200000; k++)
        {
            Complex an = k == 0 ? Complex.One : a + (k + 0.5);
            d = x + an * d;
            if (d == Complex.Zero) d = tiny;
            c = x + an / c;
            if (c == Complex.Zero) c = tiny;
            d = 1 / d;
            Complex delta = c * d;
            f *= delta;
            if ((delta - 1).Magnitude < 1e-16) return f;
        }
        throw new ArithmeticException($"ParabolicCylinder.Ratio: continued fraction did not converge at a = {a}, x = {x}.");
    }
}
