using System.Numerics;
using Theory.Numerics;

namespace Theory.MeanField;

/// <summary>Linear rate response of the LIF neuron at complex frequency s (1/s):
/// ν₁ = <see cref="MeanGain"/> μ₁ + <see cref="VarianceGain"/> (σ²)₁.</summary>
/// <param name="Rate">Stationary rate ν₀, Hz.</param>
/// <param name="MeanGain">∂ν₁/∂μ₁, Hz/V.</param>
/// <param name="VarianceGain">∂ν₁/∂(σ²)₁, Hz/V².</param>
public sealed record LifResponse(double Rate, Complex MeanGain, Complex VarianceGain);

/// <summary>Dimensionless LIF gains: τν₁/(τν₀) = ChiMu · μ₁/σ₀ + ChiVariance · (σ²)₁/σ₀².</summary>
public sealed record DimensionlessGains(Complex ChiMu, Complex ChiVariance);

/// <summary>
/// Transfer function of the white-noise LIF neuron at complex frequency, for modulations of the
/// mean μ(t) = μ₀ + μ₁e^{st} and of the variance σ²(t) = σ₀² + (σ²)₁e^{st}
/// (Brunel &amp; Hakim 1999 Neural Comput 11:1621, §3–4 and App. A; Brunel 2000 eqs. 23–26;
/// Lindner &amp; Schimansky-Geier 2001 for the variance part; with the refractory delay of the reset flux).
/// </summary>
/// <remarks>
/// Dimensionless: y = (V − μ₀)/σ₀, λ = sτ, ρ = τ_rp/τ, m = μ₁/σ₀, q = (σ²)₁/σ₀², r = τν.
/// The perturbed density P₁ solves ½P₁'' + (yP₁)' − λP₁ = m P₀' − (q/2) P₀''. A particular solution is
/// a P₀' + b P₀'' with a = −m/(1+λ), b = q/(2(2+λ)); the homogeneous part is e^{−y²/2} times a solution
/// of Weber's equation in x = √2y with order λ − ½: on (y_r, y_θ) the pair
/// e^{−y²} M(λ/2, ½, y²) and √2 y e^{−y²} M(λ/2+½, 3/2, y²); below y_r the solution decaying at −∞,
/// e^{−y²/2} U(λ−½, −√2y), entering only through its logarithmic derivative √2 (z + λ U(λ+½,z)/U(λ−½,z)), z = −√2y_r.
/// Boundary conditions: P₁(y_θ) = 0, r₁ = −½P₁'(y_θ) + q r₀, P₁ continuous at y_r with a jump of
/// P₁' equal to 2q r₀ − 2 r₁ e^{−λρ} (reinjection after the refractory period). Eliminating gives a 3×3
/// linear system for r₁ = r₀ (χ_μ m + χ_σ q). At λ = 0, χ_μ = σ₀ ∂_μν/ν and χ_σ = σ₀² ∂_{σ²}ν/ν
/// (tested against finite differences of the Siegert formula); with ρ = 0 χ_μ equals the Schuecker et al.
/// (2015) / Brunel–Hakim ratio of parabolic cylinder functions. Valid for Re λ &gt; −1; validated against 60-digit mpmath for |λ| ≤ 65 and y_θ ≤ 2.5 (1e-8 relative up to |λ| = 25, 1e-6 up to 65); the Kummer series loses accuracy beyond (1e-3 at y_θ = 3.5, |λ| = 40).
/// </remarks>
public static class LifTransferFunction
{
    /// <summary>Response at complex frequency <paramref name="s"/> (1/s; s = iω for a sinusoid of angular
    /// frequency ω), for mean input <paramref name="mu"/> (V) and noise <paramref name="sigma"/> (V).</summary>
    public static LifResponse Evaluate(LifNeuron neuron, double mu, double sigma, Complex s)
    {
        Guard.NotNull(neuron).Validated();
        Guard.Finite(mu);
        Guard.Positive(sigma);
        Complex lambda = s * neuron.TauM;
        if (!(lambda.Real > -1) || !double.IsFinite(lambda.Imaginary))
            throw new ArgumentException($"s = {s} is invalid: Re(s)·τ must be > -1 and Im(s) finite.", nameof(s));
        double nu = Siegert.Rate(mu, sigma, neuron);
        var (cm, cs) = Gains((neuron.Theta - mu) / sigma, (neuron.VReset - mu) / sigma, neuron.TauRef / neuron.TauM, lambda);
        return new LifResponse(nu, nu * cm / sigma, nu * cs / (sigma * sigma));
    }

    /// <summary>Dimensionless gains (χ_μ, χ_σ²): r₁/r₀ = χ_μ μ₁/σ₀ + χ_σ² (σ²)₁/σ₀², at λ = sτ (Re λ &gt; −1),
    /// y_θ = (θ − μ)/σ, y_r = (V_r − μ)/σ (y_r &lt; y_θ) and ρ = τ_rp/τ (≥ 0). Validated for y_r ≥ −5.</summary>
    public static DimensionlessGains Dimensionless(double yTheta, double yReset, double rho, Complex lambda)
    {
        Guard.Finite(yTheta);
        Guard.Finite(yReset);
        if (!(yReset < yTheta)) throw new ArgumentException($"yReset = {yReset} is invalid: it must be < yTheta = {yTheta}.", nameof(yReset));
        Guard.NonNegative(rho);
        if (!(lambda.Real > -1) || !double.IsFinite(lambda.Imaginary))
            throw new ArgumentException($"lambda = {lambda} is invalid: Re must be > -1 and Im finite.", nameof(lambda));
        var (m, v) = Gains(yTheta, yReset, rho, lambda);
        return new DimensionlessGains(m, v);
    }

    /// <summary>Same as <see cref="Dimensionless"/> but always by the closed form on the scaled parabolic cylinder
    /// function (never the Kummer-basis shortcut); for cross-checking the two evaluations.</summary>
    public static DimensionlessGains DimensionlessClosedForm(double yTheta, double yReset, double rho, Complex lambda)
    {
        Dimensionless(yTheta, yReset, rho, lambda); // argument checks
        var (m, v) = Gains(yTheta, yReset, rho, lambda, closedForm: true);
        return new DimensionlessGains(m, v);
    }

    /// <summary>(χ_μ, χ_σ) at dimensionless λ, thresholds y_θ, y_r and ρ = τ_rp/τ (closed form, see remarks).</summary>
    internal static (Complex ChiMu, Complex ChiVar) Gains(double yTh, double yR, double rho, Complex lambda, bool closedForm = false)
    {
        // Near λ = 0 numerator and denominator both vanish like λ (in either evaluation): use the mean value over
        // a circle of radius 0.01 (χ is analytic there; nearest singularity at λ = −1, so the trapezoid rule with
        // 8 nodes errs by ≈ 0.01⁸), with |λ| ≥ 0.009 at the nodes (cancellation ≲ 1e-13).
        if (lambda.Magnitude < SmallLambda)
        {
            Complex m = 0, v = 0;
            for (int k = 0; k < CircleNodes; k++)
            {
                var (a, b) = GainsAt(yTh, yR, rho, lambda + CircleRadius * Complex.FromPolarCoordinates(1, 2 * Math.PI * (k + 0.5) / CircleNodes), closedForm);
                m += a; v += b;
            }
            return (m / CircleNodes, v / CircleNodes);
        }
        return GainsAt(yTh, yR, rho, lambda, closedForm);
    }

    static (Complex, Complex) GainsAt(double yTh, double yR, double rho, Complex lambda, bool closedForm) =>
        UseKummerBasis && !closedForm ? GainsKummerBasis(yTh, yR, rho, lambda) : GainsDirect(yTh, yR, rho, lambda);

    const bool UseKummerBasis = false;

    const double SmallLambda = 1e-3, CircleRadius = 0.01;
    const int CircleNodes = 8;

    static (Complex ChiMu, Complex ChiVar) GainsDirect(double yTh, double yR, double rho, Complex lambda)
    {
        double s2 = Math.Sqrt(2);
        var v = ScaledParabolicCylinder.Evaluate(lambda, -s2 * yTh, -s2 * yR);
        var (fT, dfT) = v[0];
        var (fR, dfR) = v[1];
        double top = Math.Max(fT.LogScale, fR.LogScale);
        double wT = Math.Exp(fT.LogScale - top), wR = Math.Exp(fR.LogScale - top);
        // Φ(y) = F(x), Φ'(y) = −√2 F'(x), Φ''(y) = 2(yΦ' + λΦ), x = −√2 y
        Complex pT = wT * fT.Mantissa, pR = wR * fR.Mantissa;
        Complex dT = -s2 * wT * dfT.Mantissa, dR = -s2 * wR * dfR.Mantissa;
        Complex ddT = 2 * (yTh * dT + lambda * pT), ddR = 2 * (yR * dR + lambda * pR);
        Complex den = pT - Complex.Exp(-lambda * rho) * pR;
        return ((dT - dR) / ((1 + lambda) * den), (ddT - ddR) / (2 * (2 + lambda) * den));
    }

    /// <summary>Previous evaluation (3×3 boundary-value system on the Kummer basis); accurate only for
    /// |λ| ≤ 65, y_θ ≤ 2.5, y_r ≥ −5. Kept for comparison in tests.</summary>
    internal static (Complex ChiMu, Complex ChiVar) GainsKummerBasis(double yTh, double yR, double rho, Complex lambda)
    {
        var (heT, dheT, hoT, dhoT) = Basis(yTh, lambda);
        var (heR, dheR, hoR, dhoR) = Basis(yR, lambda);
        double z = -Math.Sqrt(2) * yR;
        Complex L = Math.Sqrt(2) * (z + lambda * ParabolicCylinder.Ratio(lambda - 0.5, z));
        Complex wE = dheR - L * heR, wO = dhoR - L * hoR;
        Complex E = Complex.Exp(-lambda * rho);
        // rows: [heT hoT 0 | A_T], [wE wO 2E | 2q + B_r − L A_r], [dheT/2 dhoT/2 1 | B_T]
        Complex a11 = heT, a12 = hoT, a21 = wE, a22 = wO, a23 = 2 * E, a31 = 0.5 * dheT, a32 = 0.5 * dhoT;
        Complex det = a11 * (a22 - a23 * a32) - a12 * (a21 - a23 * a31);
        Complex Solve(Complex aa, Complex bb, double q)
        {
            Complex At = 2 * aa - 4 * bb * yTh, Ar = 2 * aa - 4 * bb * yR;
            Complex Br = -4 * aa * yR - bb * (8 - 8 * yR * yR);
            Complex Bt = -2 * aa * yTh - bb * (4 - 4 * yTh * yTh) + q;
            Complex r1 = At, r2 = 2 * q + Br - L * Ar, r3 = Bt;
            // Cramer, third column replaced
            Complex num = a11 * (a22 * r3 - r2 * a32) - a12 * (a21 * r3 - r2 * a31) + r1 * (a21 * a32 - a22 * a31);
            return num / det;
        }
        Complex chiMu = Solve(-1 / (1 + lambda), 0, 0);
        Complex chiVar = Solve(0, 1 / (2 * (2 + lambda)), 1);
        return (chiMu, chiVar);
    }

    /// <summary>Even/odd homogeneous solutions and their y-derivatives at y.</summary>
    static (Complex He, Complex dHe, Complex Ho, Complex dHo) Basis(double y, Complex lambda)
    {
        double t = y * y, e = Math.Exp(-t);
        var (me, dme) = Kummer.M(lambda / 2, 0.5, t);
        var (mo, dmo) = Kummer.M(lambda / 2 + 0.5, 1.5, t);
        double s2 = Math.Sqrt(2);
        return (e * me, e * 2 * y * (dme - me), s2 * y * e * mo, s2 * e * (mo * (1 - 2 * t) + 2 * t * dmo));
    }
}
