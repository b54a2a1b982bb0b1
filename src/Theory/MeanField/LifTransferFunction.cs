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
/// <param name="ChiMu">Gain of the rate to the mean input μ (dimensionless, complex).</param>
/// <param name="ChiVariance">Gain of the rate to the input variance σ² (dimensionless, complex).</param>
public sealed record DimensionlessGains(Complex ChiMu, Complex ChiVariance);

/// <summary>
/// Transfer function of the white-noise LIF neuron at complex frequency, for modulations of the
/// mean μ(t) = μ₀ + μ₁e^{st} and of the variance σ²(t) = σ₀² + (σ²)₁e^{st}
/// (Brunel &amp; Hakim 1999 Neural Comput 11:1621, §3–4 and App. A; Brunel 2000 eqs. 23–26;
/// Lindner &amp; Schimansky-Geier 2001 for the variance part; with the refractory delay of the reset flux).
/// </summary>
/// <remarks>
/// Dimensionless: y = (V − μ₀)/σ₀, λ = sτ, ρ = τ_rp/τ, m = μ₁/σ₀, q = (σ²)₁/σ₀², r = τν.
/// The perturbed density P₁ solves ½P₁'' + (yP₁)' − λP₁ = m P₀' − (q/2) P₀'' with P₁(y_θ) = 0,
/// r₁ = −½P₁'(y_θ) + q r₀, P₁ continuous at y_r with a jump of P₁' equal to 2q r₀ − 2 r₁ e^{−λρ} (reinjection
/// after the refractory period). Multiplying by an eigenfunction Φ of the adjoint operator, ½Φ'' − yΦ' = λΦ, that
/// grows at most polynomially as y → −∞, and integrating by parts (Green's identity; the P₀ integrals follow from
/// the same identity with Φ', Φ'', eigenfunctions with λ+1, λ+2) gives the closed form
/// <code>  χ_μ = (Φ'(y_θ) − Φ'(y_r)) / ((1+λ) D),   χ_σ² = (Φ''(y_θ) − Φ''(y_r)) / (2(2+λ) D),   D = Φ(y_θ) − e^{−λρ}Φ(y_r),</code>
/// r₁ = r₀(χ_μ m + χ_σ² q), with Φ(y) = e^{x²/4}U(λ − ½, x), x = −√2y (Brunel &amp; Hakim 1999 eq. 3.14 and
/// Schuecker et al. 2015 for χ_μ with ρ = 0; the variance part as in Lindner &amp; Schimansky-Geier 2001).
/// It equals the direct 4×4 boundary-value solution to 1e-25 (gen_transfer_wide.py). Φ is evaluated by
/// <see cref="ScaledParabolicCylinder"/> (log-scaled: Φ(y_θ)/Φ(y_r) ranges over e^{±y²}); the normalization of Φ
/// cancels. At |λ| &lt; 1e-3 (0/0) the mean over a circle of radius 0.01 is used. Accuracy against 40/60-digit
/// mpmath: ≤ 4e-10 relative for y_r ≥ −100.7, y_θ ≤ 8, |λ| ≤ 200, Re λ ≥ −0.9 (≤ 1e-13 for |λ| &lt; 10 and ≥ 15).
/// </remarks>
public static class LifTransferFunction
{
    /// <summary>Largest y_θ = (θ − μ)/σ evaluated (the rate is below e^{−10⁶} there); beyond it, and below
    /// <see cref="MinYReset"/>, the parabolic-cylinder evaluation is not verified and the gains are refused
    /// with an ArgumentException rather than returned as NaN (σ → 0). Checked finite on y_θ ∈ [−50, 1e3],
    /// y_r ∈ [−1e6, y_θ), abs(λ) ≤ 1e4.</summary>
    public const double MaxYTheta = 1e3;

    /// <summary>Smallest y_r = (V_r − μ)/σ evaluated (see <see cref="MaxYTheta"/>).</summary>
    public const double MinYReset = -1e6;

    /// <summary>Smallest (θ − V_r)/σ evaluated by <see cref="Evaluate"/>: the gains are a difference over
    /// the interval [y_r, y_θ] that loses ε/width relative accuracy.</summary>
    public const double MinWidth = 1e-6;

    /// <summary>Largest τ_rp/τ evaluated by <see cref="Evaluate"/> (e^{−λτ_rp/τ} with Re λ &gt; −1 stays finite).</summary>
    public const double MaxRefractoryRatio = 100;

    /// <summary>Largest |λ| = |s|τ accepted by <see cref="Evaluate"/> (checked finite up to 1e4).</summary>
    public const double MaxAbsLambda = 1e4;

    /// <summary>Response at complex frequency <paramref name="s"/> (1/s; s = iω for a sinusoid of angular
    /// frequency ω), for mean input <paramref name="mu"/> (V) and noise <paramref name="sigma"/> (V).</summary>
    public static LifResponse Evaluate(LifNeuron neuron, double mu, double sigma, Complex s)
    {
        Complex lambda = ValidatedLambda(neuron, mu, sigma, s);
        double yTh = (neuron.Theta - mu) / sigma, yR = (neuron.VReset - mu) / sigma;
        if (!((neuron.Theta - neuron.VReset) / sigma >= MinWidth))
            throw new ArgumentException(
                $"sigma = {sigma} V is invalid here: (θ − V_r)/σ = {(neuron.Theta - neuron.VReset) / sigma:G4} must be ≥ {MinWidth} " +
                "(below it Φ(y_θ) − e^{−λτ_rp/τ}Φ(y_r) cancels to nothing).", nameof(sigma));
        if (!(neuron.TauRef / neuron.TauM <= MaxRefractoryRatio))
            throw new ArgumentException(
                $"TauRef = {neuron.TauRef} s is invalid here: τ_rp/τ = {neuron.TauRef / neuron.TauM:G4} must be ≤ {MaxRefractoryRatio} for the transfer function.", "TauRef");
        if (!(yTh <= MaxYTheta && yR >= MinYReset))
            throw new ArgumentException(
                $"sigma = {sigma} V is invalid here: the transfer function is evaluated for y_θ = (θ − μ)/σ ≤ {MaxYTheta} and " +
                $"y_r = (V_r − μ)/σ ≥ {MinYReset}; here y_θ = {yTh:G4}, y_r = {yR:G4} (mu = {mu} V). Use a larger sigma or mu nearer threshold.", nameof(sigma));
        double nu = Siegert.Rate(mu, sigma, neuron);
        var (cm, cs) = Gains(yTh, yR, neuron.TauRef / neuron.TauM, lambda);
        return new LifResponse(nu, nu * cm / sigma, nu * cs / (sigma * sigma));
    }

    /// <summary>Checks neuron, μ (finite), σ (&gt; 0) and s (Re sτ &gt; −1, Im s finite, the domain of the closed form)
    /// and returns λ = sτ; shared by <see cref="LifSpikeTrainSpectrum"/>.</summary>
    internal static Complex ValidatedLambda(LifNeuron neuron, double mu, double sigma, Complex s)
    {
        Guard.NotNull(neuron).Validated();
        Guard.Finite(mu);
        Guard.Positive(sigma);
        Complex lambda = s * neuron.TauM;
        if (!(lambda.Real > -1) || !double.IsFinite(lambda.Imaginary) || !(Complex.Abs(lambda) <= MaxAbsLambda))
            throw new ArgumentException($"s = {s} is invalid: Re(s)·τ must be > -1 and |s|·τ ≤ {MaxAbsLambda}.", nameof(s));
        return lambda;
    }

    /// <summary>Dimensionless gains (χ_μ, χ_σ²): r₁/r₀ = χ_μ μ₁/σ₀ + χ_σ² (σ²)₁/σ₀², at λ = sτ (Re λ &gt; −1),
    /// y_θ = (θ − μ)/σ, y_r = (V_r − μ)/σ (y_r &lt; y_θ) and ρ = τ_rp/τ (≥ 0).</summary>
    public static DimensionlessGains Dimensionless(double yTheta, double yReset, double rho, Complex lambda)
    {
        Guard.InRange(yTheta, MinYReset, MaxYTheta);
        Guard.InRange(yReset, MinYReset, MaxYTheta);
        if (!(yReset < yTheta)) throw new ArgumentException($"yReset = {yReset} is invalid: it must be < yTheta = {yTheta}.", nameof(yReset));
        Guard.NonNegative(rho);
        if (!(lambda.Real > -1) || !double.IsFinite(lambda.Imaginary))
            throw new ArgumentException($"lambda = {lambda} is invalid: Re must be > -1 and Im finite.", nameof(lambda));
        var (m, v) = Gains(yTheta, yReset, rho, lambda);
        return new DimensionlessGains(m, v);
    }

    /// <summary>(χ_μ, χ_σ) at dimensionless λ, thresholds y_θ, y_r and ρ = τ_rp/τ (closed form, see remarks).</summary>
    internal static (Complex ChiMu, Complex ChiVar) Gains(double yTh, double yR, double rho, Complex lambda)
    {
        // Near λ = 0 numerator and denominator both vanish like λ (in either evaluation): use the mean value over
        // a circle of radius 0.01 (χ is analytic there; nearest singularity at λ = −1, so the trapezoid rule with
        // 8 nodes errs by ≈ 0.01⁸), with |λ| ≥ 0.009 at the nodes (cancellation ≲ 1e-13).
        if (lambda.Magnitude < SmallLambda)
        {
            Complex m = 0, v = 0;
            for (int k = 0; k < CircleNodes; k++)
            {
                var (a, b) = GainsDirect(yTh, yR, rho, lambda + CircleRadius * Complex.FromPolarCoordinates(1, 2 * Math.PI * (k + 0.5) / CircleNodes));
                m += a; v += b;
            }
            return (m / CircleNodes, v / CircleNodes);
        }
        return GainsDirect(yTh, yR, rho, lambda);
    }


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
}
