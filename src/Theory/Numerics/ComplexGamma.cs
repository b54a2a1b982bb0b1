using System.Numerics;

namespace Theory.Numerics;

/// <summary>
/// ln Γ(z) and 1/Γ(z) for complex z. Stirling series (Abramowitz &amp; Stegun 6.1.40) applied at
/// z + n with |z + n| ≥ 16, brought back with Γ(z) = Γ(z + n) / ∏ (z + k) (A&amp;S 6.1.15).
/// </summary>
public static class ComplexGamma
{
    static readonly double HalfLog2Pi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>A branch of ln Γ(z) (imaginary part defined modulo 2π), Re z &gt; 0.</summary>
    public static Complex LogGamma(Complex z)
    {
        if (!(z.Real > 0)) throw new ArgumentException($"z = {z} is invalid: Re z must be > 0.", nameof(z));
        Complex shift = Complex.Zero;
        while (z.Magnitude < 16) { shift += Complex.Log(z); z += 1; }
        Complex w = 1 / z, w2 = w * w;
        Complex series = w * (1.0 / 12 + w2 * (-1.0 / 360 + w2 * (1.0 / 1260 + w2 * (-1.0 / 1680 + w2 * (1.0 / 1188 + w2 * (-691.0 / 360360 + w2 / 156))))));
        return (z - 0.5) * Complex.Log(z) - z + HalfLog2Pi + series - shift;
    }

    /// <summary>1/Γ(z) for Re z &gt; −1 (zero at z = 0).</summary>
    public static Complex ReciprocalGamma(Complex z)
    {
        if (!(z.Real > -1)) throw new ArgumentException($"z = {z} is invalid: Re z must be > -1.", nameof(z));
        return z * Complex.Exp(-LogGamma(z + 1));
    }
}
