using System.Numerics;

namespace Theory.Numerics;

/// <summary>
/// Kummer's confluent hypergeometric function M(α, β, t) = Σ_k (α)_k t^k / ((β)_k k!)
/// (Abramowitz &amp; Stegun 13.1.2; DLMF 13.2.2) and its derivative dM/dt = (α/β) M(α+1, β+1, t),
/// by direct summation: complex α, real β &gt; 0, real t ≥ 0. For t ≥ 0 and Re α ≥ 0 the terms do not
/// alternate in sign, so no cancellation; cost grows like |α| + t terms.
/// </summary>
public static class Kummer
{
    /// <summary>(M, dM/dt) at (α, β, t).</summary>
    public static (Complex Value, Complex Derivative) M(Complex a, double b, double t)
    {
        if (!(b > 0)) throw new ArgumentException($"b = {b} is invalid: it must be > 0.", nameof(b));
        if (!(t >= 0) || !double.IsFinite(t)) throw new ArgumentException($"t = {t} is invalid: it must be finite and >= 0.", nameof(t));
        Complex term = Complex.One, sum = Complex.One, dsum = Complex.Zero;
        double minK = a.Magnitude + t + 10;
        for (int k = 0; k < 100000; k++)
        {
            // term_{k+1} = term_k (α + k) t / ((β + k)(k + 1)); derivative term k+1: (k+1) term_{k+1} / t
            Complex ratio = (a + k) / ((b + k) * (k + 1));
            Complex dTerm = term * (a + k) / (b + k);   // = (k+1) term_{k+1} / t
            term *= ratio * t;
            sum += term;
            dsum += dTerm;
            if (k > minK && term.Magnitude <= 1e-17 * sum.Magnitude && dTerm.Magnitude <= 1e-17 * dsum.Magnitude) break;
        }
        return (sum, dsum);
    }
}
