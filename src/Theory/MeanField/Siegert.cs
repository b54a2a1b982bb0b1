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
/// only in the subnormal range ν &lt; 2.2e-308 Hz. Never NaN for valid input, including the extreme
/// ends: σ → 0 above threshold gives the deterministic rate 1/(τ_rp + τ ln((μ − V_r)/(μ − θ))), at or
/// below threshold 0 (μ = θ: logarithmically in σ), θ → ∞ gives 0; bounds beyond 1e300 or beyond the
/// double range enter through their logarithms (see <c>Core</c>). +∞ only when the exact rate exceeds
/// the double range (τ_rp &lt; 5.6e-309 s).
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

    /// <summary>Natural logarithm of the rate, ln(ν / 1 Hz), finite however deep below threshold
    /// (e.g. μ = −10 mV, σ = 0.5 mV gives ln ν ≈ −3592.6, ν ≈ 5.87e−1561 Hz) down to ln ν = −1.8e308;
    /// −∞ only beyond that, when y_θ = (θ − μ)/σ &gt; 1.3e154 (then ln ν = −y_θ² is not representable).
    /// Never NaN.</summary>
    public static double LogRate(double mu, double sigma, LifNeuron neuron, double tauS = 0.0)
    {
        Guard.NotNull(neuron).Validated();
        Check(mu, sigma, tauS);
        double shift = tauS > 0 ? SynapticFiltering.Shift(sigma, tauS, neuron.TauM) : 0.0;
        return Core(mu, sigma, neuron.TauM, neuron.Theta, neuron.VReset, neuron.TauRef, shift, wantLog: true);
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
        double shift = tauS > 0 ? SynapticFiltering.Shift(sigma, tauS, tauM) : 0.0;
        return Core(mu, sigma, tauM, theta, vReset, tauRef, shift, wantLog: false);
    }

    /// <summary>Beyond this the Siegert bounds are carried by their logarithms: G(y) = C + ln(y)/√π
    /// exactly in double there (the asymptotic tail of G is below 1e-17 for y &gt; 1e8).</summary>
    const double Huge = 1e300;

    /// <summary>Subthreshold distance y_θ beyond which ν &lt; e^{−10²⁰}: the rate is 0 in double and
    /// ln ν = −y_θ² to full precision (the omitted −ln(τ√π/y_θ) is below one ulp of y_θ²).</summary>
    const double FarBelow = 1e10;

    /// <summary>y = (v − m + shift)/σ with ln|y|, robust to overflow of the difference (then the
    /// difference is formed in quarters; y may be ±∞ while ln|y| stays finite).</summary>
    readonly record struct Reduced(double Y, double D, bool Quartered, double Sigma)
    {
        public static Reduced Of(double v, double m, double shift, double sigma)
        {
            double d = v - m + shift;
            if (double.IsFinite(d)) return new(d / sigma, d, false, sigma);
            double q = 0.25 * v - 0.25 * m + 0.25 * shift;
            return new(4.0 * (q / sigma), q, true, sigma);
        }

        /// <summary>ln|y|.</summary>
        public double LogAbs => Math.Log(Math.Abs(D)) + (Quartered ? Math.Log(4.0) : 0.0) - Math.Log(Sigma);
    }

    /// <summary>ln(y₁/y₂) for two reductions by the same σ (σ cancels).</summary>
    static double LogRatio(Reduced y1, Reduced y2)
    {
        if (!y1.Quartered && !y2.Quartered)
        {
            double q = y1.D / y2.D;
            if (q > 0 && double.IsFinite(q)) return Math.Log(q);
        }
        return y1.LogAbs - y2.LogAbs;
    }

    /// <summary>G(y) = ∫₀^y erfcx for y ≥ 0 given as a reduction: beyond <see cref="Huge"/> (or after
    /// overflow) from ln y.</summary>
    static double G(Reduced y, double value) =>
        value <= Huge ? ErfcxIntegral.Positive(value)
                      : SpecialFunctionTables.IntegralErfcxConstant + Erfcx.InvSqrtPi * y.LogAbs;

    /// <summary>Returns ν (Hz) or ln ν. <paramref name="shift"/>: the Fourcaud–Brunel shift (V, ≥ 0,
    /// may be +∞) added to θ and V_r.</summary>
    /// <remarks>Every bound is reduced once, y = (v − μ)/σ, with the width y_θ − y_r = (θ − V_r)/σ
    /// formed directly, so that nothing is lost when σ → 0 (|y| huge or +∞), when μ, θ or V_r are
    /// near the double range, or when (θ − V_r) ≪ σ (y_θ and y_r round to the same double). Limits
    /// that come out of the same formulas: σ → 0 above threshold gives
    /// 1/ν → τ_rp + τ ln((μ − V_r)/(μ − θ)) (∫ erfcx → ln(b/a)/√π); σ → 0 at or below threshold, or
    /// θ → ∞, gives ν → 0.</remarks>
    static double Core(double mu, double sigma, double tauM, double theta, double vReset, double tauRef, double shift, bool wantLog)
    {
        if (double.IsPositiveInfinity(shift)) return wantLog ? double.NegativeInfinity : 0.0;
        var th = Reduced.Of(theta, mu, shift, sigma);
        var r = Reduced.Of(vReset, mu, shift, sigma);
        var wr = Reduced.Of(theta, vReset, 0.0, sigma);
        double yTh = th.Y, yR = r.Y, w = wr.Y;
        if (yTh <= 0)
        {
            // ∫_{a}^{b} erfcx(s) ds, a = −y_θ, b = −y_r
            double a = -yTh, b = -yR, integral;
            if (b <= Huge) integral = ErfcxIntegral.BetweenUnchecked(a, b, w);
            else if (a >= 1e8) integral = Erfcx.InvSqrtPi * LogRatio(r, th);
            else integral = G(r, b) - ErfcxIntegral.Positive(a);
            double inv = tauRef + tauM * (SqrtPi * integral);
            return wantLog ? -Math.Log(inv) : 1.0 / inv;
        }
        if (yTh > FarBelow) return wantLog ? -(yTh * yTh) : 0.0;
        // scaled integral S = e^{−yθ²} ∫_{yr}^{yθ} erfcx(−u) du
        double p = yTh * yTh, pErr = Math.FusedMultiplyAdd(yTh, yTh, -p);
        double expM = Math.Exp(-p) * (1.0 - pErr);
        double s;
        bool narrow = w * Math.Max(yTh, 1.0) <= 0.25;
        if (narrow)
            s = NarrowScaledIntegral(yTh, w, expM);
        else if (yR < 0)
            s = 2.0 * Dawson.Positive(yTh) + expM * (G(r, -yR) - ErfcxIntegral.Positive(yTh));
        else
        {
            double decay = Math.Exp(-w * (yTh + yR));
            s = 2.0 * (Dawson.Positive(yTh) - decay * Dawson.Positive(yR))
                - expM * (ErfcxIntegral.Positive(yTh) - ErfcxIntegral.Positive(yR));
        }
        if (s >= 1e-290)
        {
            double denom = tauRef * expM + tauM * SqrtPi * s;
            if (wantLog) return -(p + pErr) - Math.Log(denom);
            if (p < 700) return expM / denom;
            return Math.Exp(-(p + pErr) - Math.Log(denom));
        }
        // S below the normal range: only when θ − V_r ≪ σ (w < 1e-290, so the integrand is constant over
        // the interval to double precision), and then S = w·e^{−y_θ²}erfcx(−y_θ), carried as a logarithm;
        // ln(τ_rp e^{−p} + τ√π S) by log-sum-exp, so that the crossover between the refractory-limited
        // rate 1/τ_rp (e^{−y_θ²} ≫ w) and ν → 0 (w ≫ e^{−y_θ²}) is resolved at any depth
        double lnS = wr.LogAbs + Math.Log(2.0 - expM * Erfcx.Positive(yTh));
        double l1 = tauRef > 0 ? Math.Log(tauRef) - (p + pErr) : double.NegativeInfinity;
        double l2 = Math.Log(tauM * SqrtPi) + lnS;
        double m = Math.Max(l1, l2);
        double lnDen = m + Math.Log(Math.Exp(l1 - m) + Math.Exp(l2 - m));
        double lnNu = -(p + pErr) - lnDen;
        return wantLog ? lnNu : Math.Exp(lnNu);
    }

    /// <summary>S = e^{−y_θ²}∫_{y_θ−w}^{y_θ} erfcx(−u) du for a narrow interval (w·max(y_θ,1) ≤ ¼), where
    /// the Dawson/G form cancels: 10-point Gauss–Legendre in t = y_θ − u of
    /// e^{−y_θ²}erfcx(−u) = 2e^{−t(2y_θ−t)} − e^{−y_θ²}erfcx(u) (u ≥ 0) or e^{−y_θ²}erfcx(|u|) (u &lt; 0).</summary>
    static double NarrowScaledIntegral(double yTh, double w, double expM)
    {
        double half = 0.5 * w, sum = 0;
        for (int i = 0; i < GaussLegendre10.Nodes.Length; i++)
        {
            double x = GaussLegendre10.Nodes[i];
            sum += GaussLegendre10.Weights[i] * (Integrand(half * (1 + x)) + Integrand(half * (1 - x)));
        }
        return sum * half;

        double Integrand(double t)
        {
            double u = yTh - t;
            return u >= 0 ? 2.0 * Math.Exp(-t * (2.0 * yTh - t)) - expM * Erfcx.Positive(u)
                          : expM * Erfcx.Positive(-u);
        }
    }
}
