using System.Numerics;
using Theory.Numerics;

namespace Theory.MeanField;

/// <summary>
/// Interspike-interval statistics and spike-train power spectrum of the white-noise LIF neuron,
/// τ dV/dt = −V + μ + σ√τ ξ(t), threshold θ, reset V_r, absolute refractory period τ_rp (a renewal process)
/// (Lindner, Schimansky-Geier &amp; Longtin 2002, Phys Rev E 66:031916, eq. 16 with refractory period;
/// Lindner 2002 thesis; the first-passage-time transform is Darling &amp; Siegert 1953).
/// </summary>
/// <remarks>
/// In y = (V − μ)/σ and time in units of τ the membrane is the Ornstein–Uhlenbeck process dy = −y dt + dW, whose
/// backward operator is ½∂² − y∂. The Laplace transform of the first-passage time from y_r to y_θ is
/// Φ_λ(y_r)/Φ_λ(y_θ), Φ_λ the solution of ½Φ'' − yΦ' = λΦ that grows at most polynomially as y → −∞:
/// Φ_λ(y) = e^{x²/4}U(λ − ½, x) = e^{x²/4}D_{−λ}(x), x = −√2y (the same function as in
/// <see cref="LifTransferFunction"/>). With the refractory period the ISI density has the transform
/// <code>  F̃(s) = e^{−sτ_rp} Φ_λ(y_r)/Φ_λ(y_θ),   λ = sτ,</code>
/// and the power spectrum of the renewal spike train x(t) = Σδ(t − t_k) (two-sided, Hz) is
/// <code>  S(f) = ν₀ Re[(1 + F̃)/(1 − F̃)] = ν₀ (1 − |F̃|²)/|1 − F̃|²,   s = 2πif</code>
/// (Lindner et al. 2002 write it with D_{iωτ}(x_θ), D_{iωτ}(x_r) and e^{(x_r² − x_θ²)/4}). Limits: S → ν₀ as f → ∞
/// (|F̃| → 0), S(0) = ν₀CV². At f → 0 numerator and denominator vanish; there the pole 2/(λT) of (1 + F̃)/(1 − F̃)
/// (T = ⟨ISI⟩/τ = 1/(ν₀τ)) is purely imaginary on the imaginary axis and is subtracted, and the analytic remainder
/// is evaluated as its mean over a circle of radius 0.01 in λ (as in <see cref="LifTransferFunction"/>).
/// </remarks>
public static class LifSpikeTrainSpectrum
{
    /// <summary>Laplace transform F̃(s) = ⟨e^{−s·ISI}⟩ of the interspike-interval density at complex s (1/s,
    /// Re sτ &gt; −1), for mean input <paramref name="mu"/> (V) and noise <paramref name="sigma"/> (V).</summary>
    public static Complex IsiTransform(LifNeuron neuron, double mu, double sigma, Complex s)
    {
        Complex lambda = LifTransferFunction.ValidatedLambda(neuron, mu, sigma, s);
        var (yTh, yR, rho) = Dimensionless(neuron, mu, sigma);
        return Transform(yTh, yR, rho, lambda);
    }

    /// <summary>Two-sided power spectrum S(f) of the spike train (Hz, i.e. Hz²/Hz) at frequency
    /// <paramref name="frequency"/> (Hz, any sign; S is even). See the class remarks.</summary>
    public static double Power(LifNeuron neuron, double mu, double sigma, double frequency)
    {
        Guard.NotNull(neuron).Validated();
        Guard.Finite(mu);
        Guard.Positive(sigma);
        Guard.Finite(frequency);
        double nu = Siegert.Rate(mu, sigma, neuron);
        if (!(nu > 0)) return 0;
        var (yTh, yR, rho) = Dimensionless(neuron, mu, sigma);
        return nu * NormalizedPower(yTh, yR, rho, 1 / (nu * neuron.TauM), 2 * Math.PI * Math.Abs(frequency) * neuron.TauM);
    }

    /// <summary>Spectrum of the spike count in bins of <paramref name="binWidth"/> s, as a density (Hz) at
    /// −1/(2Δ) ≤ f ≤ 1/(2Δ): Σ_k S(f + k/Δ) sinc²(π(f + k/Δ)Δ) = ν₀ + Σ_k (S − ν₀) sinc² (Σ_k sinc²(π(x + k)) = 1), the
    /// aliases summed up to |f + k/Δ| ≤ 5 kHz (S − ν₀ decays faster than exponentially in √f: ≈ 5e-8 ν₀ at 2 kHz for
    /// Brunel's AI state).</summary>
    public static double BinnedPower(LifNeuron neuron, double mu, double sigma, double frequency, double binWidth)
    {
        Guard.Positive(binWidth);
        double nu = Siegert.Rate(Guard.Finite(mu), Guard.Positive(sigma), Guard.NotNull(neuron).Validated());
        if (!(nu > 0)) return 0;
        var (yTh, yR, rho) = Dimensionless(neuron, mu, sigma);
        double fs = 1 / binWidth, sum = nu;
        int kMax = (int)Math.Ceiling(AliasLimit / fs) + 1;
        for (int k = -kMax; k <= kMax; k++)
        {
            double fk = Guard.Finite(frequency) + k * fs;
            if (Math.Abs(fk) > AliasLimit) continue;
            double x = Math.PI * fk * binWidth, sinc2 = x == 0 ? 1 : Math.Pow(Math.Sin(x) / x, 2);
            sum += nu * (NormalizedPower(yTh, yR, rho, 1 / (nu * neuron.TauM), 2 * Math.PI * Math.Abs(fk) * neuron.TauM) - 1) * sinc2;
        }
        return sum;
    }

    const double AliasLimit = 5000;

    /// <summary>Squared coefficient of variation of the ISI, CV² = S(0)/ν₀.</summary>
    public static double CvSquared(LifNeuron neuron, double mu, double sigma)
    {
        double nu = Siegert.Rate(Guard.Finite(mu), Guard.Positive(sigma), Guard.NotNull(neuron).Validated());
        if (!(nu > 0)) throw new ArgumentException($"mu = {mu}, sigma = {sigma}: the rate is 0, the ISI statistics are undefined.", nameof(mu));
        var (yTh, yR, rho) = Dimensionless(neuron, mu, sigma);
        return NormalizedPower(yTh, yR, rho, 1 / (nu * neuron.TauM), 0);
    }

    static (double YTheta, double YReset, double Rho) Dimensionless(LifNeuron n, double mu, double sigma) =>
        ((n.Theta - mu) / sigma, (n.VReset - mu) / sigma, n.TauRef / n.TauM);

    /// <summary>F̃ at dimensionless λ: e^{−λρ}Φ(y_r)/Φ(y_θ).</summary>
    internal static Complex Transform(double yTh, double yR, double rho, Complex lambda)
    {
        double s2 = Math.Sqrt(2);
        var v = ScaledParabolicCylinder.Evaluate(lambda, -s2 * yTh, -s2 * yR);
        var fT = v[0].F;
        var fR = v[1].F;
        return Complex.Exp(-lambda * rho + (fR.LogScale - fT.LogScale)) * (fR.Mantissa / fT.Mantissa);
    }

    /// <summary>S(ω)/ν₀ at dimensionless ω = 2πfτ ≥ 0; <paramref name="meanIsi"/> = ⟨ISI⟩/τ.</summary>
    internal static double NormalizedPower(double yTh, double yR, double rho, double meanIsi, double omega)
    {
        if (omega >= SmallLambda)
        {
            Complex f = Transform(yTh, yR, rho, new Complex(0, omega));
            double m2 = f.Real * f.Real + f.Imaginary * f.Imaginary;
            Complex d = 1 - f;
            return (1 - m2) / (d.Real * d.Real + d.Imaginary * d.Imaginary);
        }
        // (1 + F̃)/(1 − F̃) − 2/(λT) is analytic at λ = 0 and its pole part has no real part on the imaginary axis
        Complex sum = 0;
        for (int k = 0; k < CircleNodes; k++)
        {
            Complex lam = new Complex(0, omega) + CircleRadius * Complex.FromPolarCoordinates(1, 2 * Math.PI * (k + 0.5) / CircleNodes);
            Complex f = Transform(yTh, yR, rho, lam);
            sum += (1 + f) / (1 - f) - 2 / (lam * meanIsi);
        }
        return (sum / CircleNodes).Real;
    }

    const double SmallLambda = 1e-3, CircleRadius = 0.01;
    const int CircleNodes = 8;
}
