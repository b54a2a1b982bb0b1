using Theory.Numerics;

namespace Theory.MeanField;

/// <summary>
/// Stationary firing rate of the LIF neuron driven by white noise (Siegert formula).
/// </summary>
/// <remarks>
/// Brunel (2000) J Comput Neurosci 8:183, eq. 21 (Amit &amp; Brunel 1997; Siegert 1951):
/// <code>
///   1/ν = τ_rp + τ √π ∫_{y_r}^{y_θ} e^{u²} (1 + erf u) du,   y_θ = (θ − μ)/σ,  y_r = (V_r − μ)/σ.
/// </code>
/// Stable evaluation with e^{u²}(1 + erf u) = erfcx(−u) and G(x) = ∫₀ˣ erfcx (cf. NNMT's case
/// split, Layer et al. 2022), in three cases:
/// <list type="bullet">
/// <item>y_θ ≤ 0 (suprathreshold): ∫ = ∫_{−y_θ}^{−y_r} erfcx(s) ds, no exponentials.</item>
/// <item>y_r &lt; 0 &lt; y_θ: e^{−y_θ²}∫ = 2F(y_θ) + e^{−y_θ²}[G(−y_r) − G(y_θ)], F = Dawson.</item>
/// <item>0 ≤ y_r (subthreshold): e^{−y_θ²}∫ = 2[F(y_θ) − e^{y_r²−y_θ²}F(y_r)] − e^{−y_θ²}[G(y_θ) − G(y_r)],
/// using ∫₀ʸ e^{u²}du = e^{y²}F(y) and erfcx(−u) = 2e^{u²} − erfcx(u).</item>
/// </list>
/// then ν = e^{−y_θ²} / (τ_rp e^{−y_θ²} + τ√π e^{−y_θ²}∫). The logarithm of the rate is available
/// at any depth (<see cref="LogRate(double,double,LifNeuron,double)"/>); <see cref="Rate(double,double,LifNeuron,double)"/>
/// returns exact 0 when ν underflows double (ν &lt; 4.9e-324 Hz) and loses relative precision
/// only in the subnormal range ν &lt; 2.2e-308 Hz. Never NaN for valid input.
/// With <c>tauS</c> &gt; 0 the Fourcaud–Brunel (2002) shift is applied first (<see cref="SynapticFiltering"/>).
/// </remarks>
public static class Siegert
{
    const double SqrtPi = 1.7724538509055160272981674833411;

    /// <summary>Stationary rate ν (Hz) of an LIF neuron with mean input <paramref name="mu"/> (V) and
    /// noise amplitude <paramref name="sigma"/> (V, &gt; 0); Brunel 2000 eq. 21.
    /// <paramref name="tauS"/>: synaptic time constant (s, ≥ 0, default 0 = white noise), applies the
    /// Fourcaud &amp; Brunel 2002 threshold/reset shift.</summary>
    public static double Rate(double mu, double sigma, LifNeuron neuron, double tauS = 0.0)
    {
        Guard.NotNull(neuron).Validated();
        Check(mu, sigma, tauS);
        return RateUnchecked(mu, sigma, neuron.TauM, neuron.Theta, neuron.VReset, neuron.TauRef, tauS);
    }

    /// <summary>Raw-parameter form of <see cref="Rate(double,double,LifNeuron,double)"/>: mu, sigma, theta,
    /// vReset in V; tauM, tauRef, tauS in s; result in Hz.</summary>
    public static double Rate(double mu, double sigma, double tauM, double theta, double vReset, double tauRef, double tauS = 0.0)
        => Rate(mu, sigma, new LifNeuron(tauM, theta, vReset, tauRef), tauS);

    /// <summary>Natural logarithm of the rate, ln(ν / 1 Hz), finite for every valid input however
    /// deep below threshold (e.g. μ = −10 mV, σ = 0.5 mV gives ln ν ≈ −3592.6, ν ≈ 5.87e−1561 Hz).</summary>
    public static double LogRate(double mu, double sigma, LifNeuron neuron, double tauS = 0.0)
    {
        Guard.NotNull(neuron).Validated();
        Check(mu, sigma, tauS);
        var (th, vr) = SynapticFiltering.Shifted(sigma, neuron.TauM, neuron.Theta, neuron.VReset, tauS);
        return Core(mu, sigma, neuron.TauM, th, vr, neuron.TauRef, wantLog: true);
    }

    /// <summary>Element-wise rates for arrays of mean inputs (V) and noise amplitudes (V) of equal length.</summary>
    public static double[] Rates(double[] mu, double[] sigma, LifNeuron neuron, double tauS = 0.0)
    {
        Guard.NotNull(mu);
        Guard.NotNull(sigma);
        Guard.NotNull(neuron).Validated();
        if (mu.Length != sigma.Length)
            throw new ArgumentException($"sigma.Length = {sigma.Length} is invalid: it must equal mu.Length = {mu.Length}.", nameof(sigma));
        Guard.NonNegative(tauS);
        var r = new double[mu.Length];
        for (int i = 0; i < mu.Length; i++)
        {
            double m = mu[i], s = sigma[i];
            if (!double.IsFinite(m)) throw new ArgumentException($"mu[{i}] = {m} is invalid: it must be finite.", nameof(mu));
            if (!(s > 0) || !double.IsFinite(s)) throw new ArgumentException($"sigma[{i}] = {s} is invalid: it must be finite and > 0.", nameof(sigma));
            r[i] = RateUnchecked(m, s, neuron.TauM, neuron.Theta, neuron.VReset, neuron.TauRef, tauS);
        }
        return r;
    }

    static void Check(double mu, double sigma, double tauS)
    {
        Guard.Finite(mu);
        Guard.Positive(sigma);
        Guard.NonNegative(tauS);
    }

    internal static double RateUnchecked(double mu, double sigma, double tauM, double theta, double vReset, double tauRef, double tauS)
    {
        if (tauS > 0) (theta, vReset) = SynapticFiltering.Shifted(sigma, tauM, theta, vReset, tauS);
        return Core(mu, sigma, tauM, theta, vReset, tauRef, wantLog: false);
    }

    /// <summary>Returns ν (Hz) or ln ν.</summary>
    static double Core(double mu, double sigma, double tauM, double theta, double vReset, double tauRef, bool wantLog)
    {
        double yTh = (theta - mu) / sigma;
        double yR = (vReset - mu) / sigma;
        if (yTh <= 0)
        {
            double inv = tauRef + tauM * SqrtPi * ErfcxIntegral.BetweenUnchecked(-yTh, -yR);
            return wantLog ? -Math.Log(inv) : 1.0 / inv;
        }
        // scaled integral S = e^{−yθ²} ∫_{yr}^{yθ} erfcx(−u) du
        double p = yTh * yTh, pErr = Math.FusedMultiplyAdd(yTh, yTh, -p);
        double expM = Math.Exp(-p) * (1.0 - pErr);
        double s;
        if (yR < 0)
            s = 2.0 * Dawson.Positive(yTh) + expM * (ErfcxIntegral.Positive(-yR) - ErfcxIntegral.Positive(yTh));
        else
        {
            double decay = Math.Exp(-(yTh - yR) * (yTh + yR));
            s = 2.0 * (Dawson.Positive(yTh) - decay * Dawson.Positive(yR))
                - expM * (ErfcxIntegral.Positive(yTh) - ErfcxIntegral.Positive(yR));
        }
        double denom = tauRef * expM + tauM * SqrtPi * s;
        if (wantLog) return -(p + pErr) - Math.Log(denom);
        if (p < 700) return expM / denom;
        return Math.Exp(-(p + pErr) - Math.Log(denom));
    }
}
