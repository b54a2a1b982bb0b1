using MathNet.Numerics;

namespace Theory.ShortTermPlasticity;

/// <summary>
/// Stationary rate of a conductance-based LIF neuron driven by Poisson conductance shot noise
/// and white-noise current, in the effective-time-constant approximation (Kuhn, Aertsen &amp;
/// Rotter 2004, J. Neurosci. 24:2345; Richardson 2004): total conductance
/// g₀ = g_L + Σ_s ḡ_s with ḡ_s = R_s w_s τ_s, τ_eff = C/g₀,
/// μ = (g_L E_L + Σ_s ḡ_s E_s + I)/g₀, and voltage variance
/// s_V² = Σ_s R_s (w_s (E_s − μ)/C)² τ_s² τ_eff² / (2(τ_eff + τ_s)) + σ_I² τ_n τ_eff/(2C²)
/// (Campbell's theorem on the filtered shot noise; white current σ_I √τ_n ξ(t) as in Jia, Vogels
/// &amp; Costa's code). The rate is Siegert's first-passage formula for the equivalent
/// Ornstein–Uhlenbeck process (Brunel 2000, Eq. 21):
/// 1/ν = τ_ref + τ_eff √π ∫_{(V_r−μ)/σ}^{(θ−μ)/σ} e^{y²}(1 + erf y) dy, σ = √2 s_V.
/// <para>Time step: a simulation that integrates with forward Euler at step dt and tests V &gt; θ at
/// the end of each step misses the crossings of the white-noise part between samples. Its rate is
/// the continuous-time rate with the threshold raised by the continuity correction of Broadie,
/// Glasserman &amp; Kou (1997, Math. Finance 7:325; Siegmund 1979):
/// Δθ = β σ_I √(τ_n dt)/C, β = −ζ(1/2)/√(2π) ≈ 0.5826, with σ_I √(τ_n dt)/C the standard deviation of
/// the per-step voltage increment of the white current (the conductance noise is filtered by τ_s
/// and moves V smoothly within a step). It equals the Fourcaud–Brunel shift with τ_s = dt/π.</para>
/// Synaptic filtering of the conductance noise (Fourcaud &amp; Brunel 2002) is neglected: in the
/// paper's circuit it carries ≤ 2 % of the voltage variance, the rest is the white current.
/// </summary>
public static class ConductanceLifRate
{
    /// <summary>One Poisson conductance input: total event rate R (Hz), mean jump w (S),
    /// decay τ (s) and reversal E (V).</summary>
    /// <param name="Rate">Total event rate R, Hz (≥ 0).</param>
    /// <param name="Jump">Mean conductance jump w per event, S.</param>
    /// <param name="Tau">Conductance decay time constant τ, s (&gt; 0).</param>
    /// <param name="Reversal">Reversal potential E, V.</param>
    public sealed record ConductanceInput(double Rate, double Jump, double Tau, double Reversal);

    /// <summary>The membrane (SI units): capacitance C (F), leak g_L (S), E_L, θ, V_r (V), τ_ref (s).
    /// <see cref="IntegratesThroughRefractory"/> selects what V does during τ_ref.</summary>
    /// <param name="Capacitance">Capacitance C, F.</param>
    /// <param name="LeakConductance">Leak conductance g_L, S.</param>
    /// <param name="RestingPotential">Resting potential E_L, V.</param>
    /// <param name="Threshold">Threshold θ, V.</param>
    /// <param name="Reset">Reset V_r, V.</param>
    /// <param name="Refractory">Refractory period τ_ref, s.</param>
    public sealed record Membrane(double Capacitance, double LeakConductance, double RestingPotential, double Threshold,
        double Reset, double Refractory)
    {
        /// <summary>false (default): V is clamped at V_r during τ_ref (<see cref="Siegert"/>); true: V
        /// integrates from V_r through τ_ref with only the threshold blocked
        /// (<see cref="SiegertIntegrateThrough"/>; the receiver of Jia, Vogels &amp; Costa 2022).</summary>
        public bool IntegratesThroughRefractory { get; init; }
    }

    /// <summary>Free-membrane mean μ (V), standard deviation s_V (V) and effective time constant τ_eff (s).</summary>
    /// <param name="Mean">Mean free-membrane potential μ, V.</param>
    /// <param name="Sd">Standard deviation s_V of the free membrane potential, V.</param>
    /// <param name="TauEff">Effective membrane time constant τ_eff, s.</param>
    public sealed record MembraneMoments(double Mean, double Sd, double TauEff);

    /// <summary>Mean μ (V), standard deviation s_V (V) and τ_eff (s) of the free membrane.</summary>
    public static MembraneMoments Moments(Membrane m, ConductanceInput[] inputs, double noiseSigma, double noiseTau, double bias = 0)
    {
        Guard.NotNull(m); Guard.NotNull(inputs);
        Guard.NonNegative(noiseSigma); Guard.NonNegative(noiseTau); Guard.Finite(bias);
        double g0 = m.LeakConductance, num = m.LeakConductance * m.RestingPotential + bias;
        foreach (var s in inputs)
        {
            Guard.NonNegative(s.Rate, "Rate"); Guard.NonNegative(s.Jump, "Jump"); Guard.Positive(s.Tau, "Tau"); Guard.Finite(s.Reversal, "Reversal");
            double g = s.Rate * s.Jump * s.Tau;
            g0 += g; num += g * s.Reversal;
        }
        double mu = num / g0, tau = m.Capacitance / g0;
        double var = noiseSigma * noiseSigma * noiseTau * tau / (2 * m.Capacitance * m.Capacitance);
        foreach (var s in inputs)
        {
            double a = s.Jump * (s.Reversal - mu) / m.Capacitance;
            var += s.Rate * a * a * s.Tau * s.Tau * tau * tau / (2 * (tau + s.Tau));
        }
        return new(mu, Math.Sqrt(var), tau);
    }

    /// <summary>β = −ζ(1/2)/√(2π) of the discrete-monitoring continuity correction (Broadie,
    /// Glasserman &amp; Kou 1997).</summary>
    public const double DiscreteMonitoringBeta = 1.4603545088095868129 / 2.5066282746310005024;

    /// <summary>Threshold shift Δθ = β σ_I √(τ_n dt)/C (V) of a simulation with Euler step dt (s)
    /// and threshold tested once per step; 0 for dt = 0 (continuous time).</summary>
    public static double ThresholdShift(Membrane m, double noiseSigma, double noiseTau, double dt)
    {
        Guard.NotNull(m); Guard.NonNegative(noiseSigma); Guard.NonNegative(noiseTau); Guard.NonNegative(dt);
        return DiscreteMonitoringBeta * noiseSigma * Math.Sqrt(noiseTau * dt) / m.Capacitance;
    }

    /// <summary>The stationary rate (Hz) for the membrane and inputs; with dt &gt; 0 (s) the rate of
    /// an Euler simulation at that step (threshold raised by <see cref="ThresholdShift"/>).</summary>
    public static double Rate(Membrane m, ConductanceInput[] inputs, double noiseSigma, double noiseTau, double bias = 0, double dt = 0)
    {
        var mm = Moments(m, inputs, noiseSigma, noiseTau, bias);
        double shift = ThresholdShift(m, noiseSigma, noiseTau, dt);
        return FirstPassageRate(m, mm.TauEff, m.Threshold + shift, mm.Mean, Math.Sqrt(2) * mm.Sd);
    }

    /// <summary>The rate (Hz) of the equivalent OU process with time constant τ (s), mean μ and σ (V),
    /// and threshold θ (V): <see cref="SiegertIntegrateThrough"/> when the membrane integrates
    /// through τ_ref, <see cref="Siegert"/> when it is clamped.</summary>
    public static double FirstPassageRate(Membrane m, double tau, double threshold, double mu, double sigma)
    {
        Guard.NotNull(m);
        return m.IntegratesThroughRefractory
            ? SiegertIntegrateThrough(tau, m.Refractory, threshold, m.Reset, mu, sigma)
            : Siegert(tau, m.Refractory, threshold, m.Reset, mu, sigma);
    }

    /// <summary>
    /// Rate (Hz) of an OU neuron τ dV/dt = μ − V + σ√τ ξ whose membrane keeps integrating during the
    /// refractory period (only the threshold is blocked). After a spike V restarts at V_r; at the end
    /// of τ_ref it is Gaussian with mean m = μ + (V_r − μ) e^{−τ_ref/τ} and standard deviation
    /// s = (σ/√2) √(1 − e^{−2τ_ref/τ}); it fires at once if V &gt; θ, otherwise after the mean
    /// first-passage time from V, T(V) = τ√π ∫_{(V−μ)/σ}^{y_θ} e^{u²}(1 + erf u) du (Siegert's integral
    /// from V). Averaging T over V and exchanging the integrals:
    /// 1/ν = τ_ref + τ√π ∫_{−∞}^{y_θ} Φ((μ + σu − m)/s) e^{u²}(1 + erf u) du, y_θ = (θ − μ)/σ,
    /// with Φ the standard normal distribution function. τ_ref → 0 gives <see cref="Siegert"/>.
    /// Deterministic limit (σ below 1e-9 V): 1/ν = max(τ_ref, τ ln((μ − V_r)/(μ − θ))).
    /// </summary>
    public static double SiegertIntegrateThrough(double tau, double refractory, double threshold, double reset, double mu, double sigma)
    {
        Guard.Positive(tau); Guard.NonNegative(refractory); Guard.Finite(mu); Guard.NonNegative(sigma);
        if (!(threshold > reset)) throw new ArgumentException($"threshold = {threshold} V is invalid: it must exceed reset = {reset} V.", nameof(threshold));
        double decay = Math.Exp(-refractory / tau);
        double start = mu + (reset - mu) * decay;
        if (sigma < 1e-9)
        {
            if (mu <= threshold) return 0;
            return 1 / Math.Max(refractory, tau * Math.Log((mu - reset) / (mu - threshold)));
        }
        double spread = sigma / Math.Sqrt(2) * Math.Sqrt(1 - decay * decay);
        double b = (threshold - mu) / sigma;
        if (b > 25) return 0;
        double c = (start - mu) / sigma, w = spread / sigma;
        if (w < 1e-6) return Siegert(tau, refractory, threshold, Math.Min(start, reset), mu, sigma);
        double a = c - 9 * w;
        if (a >= b) return 1 / refractory;
        // Φ((u − c)/w) e^{u²}(1 + erf u): Gauss–Legendre on pieces no wider than 0.25 or w/2
        int pieces = Math.Max(4, (int)Math.Ceiling((b - a) / Math.Min(0.25, w / 2)));
        double h = (b - a) / pieces, sum = 0;
        double F(double u) => 0.5 * SpecialFunctions.Erfc(-(u - c) / (w * Math.Sqrt(2))) * ScaledErfc(u);
        for (int k = 0; k < pieces; k++)
            sum += Integrate.GaussLegendre(F, a + k * h, a + (k + 1) * h, 16);
        return 1 / (refractory + tau * Math.Sqrt(Math.PI) * sum);
    }

    /// <summary>Siegert's formula (Hz): 1/ν = τ_ref + τ√π ∫_{y_r}^{y_θ} e^{y²}(1 + erf y) dy with
    /// y = (V − μ)/σ; deterministic limit (σ → 0) when σ is below 1e-9 V.</summary>
    public static double Siegert(double tau, double refractory, double threshold, double reset, double mu, double sigma)
    {
        Guard.Positive(tau); Guard.NonNegative(refractory); Guard.Finite(mu); Guard.NonNegative(sigma);
        if (!(threshold > reset)) throw new ArgumentException($"threshold = {threshold} V is invalid: it must exceed reset = {reset} V.", nameof(threshold));
        if (sigma < 1e-9)
            return mu <= threshold ? 0 : 1 / (refractory + tau * Math.Log((mu - reset) / (mu - threshold)));
        double a = (reset - mu) / sigma, b = (threshold - mu) / sigma;
        if (b > 25) return 0;
        // Gauss–Legendre on sub-intervals of width ≤ 0.25 (smooth integrand)
        int pieces = Math.Max(4, (int)Math.Ceiling((b - a) / 0.25));
        double h = (b - a) / pieces, sum = 0;
        for (int k = 0; k < pieces; k++)
            sum += Integrate.GaussLegendre(ScaledErfc, a + k * h, a + (k + 1) * h, 16);
        return 1 / (refractory + tau * Math.Sqrt(Math.PI) * sum);
    }

    /// <summary>e^{y²}(1 + erf y) = e^{y²} erfc(−y), with the asymptotic series of erfcx for y &lt; −5.</summary>
    static double ScaledErfc(double y)
    {
        if (y < -5)
        {
            double z = -y, z2 = z * z;
            return 1 / (z * Math.Sqrt(Math.PI)) * (1 - 1 / (2 * z2) + 3 / (4 * z2 * z2) - 15 / (8 * z2 * z2 * z2) + 105 / (16 * z2 * z2 * z2 * z2));
        }
        return Math.Exp(y * y) * SpecialFunctions.Erfc(-y);
    }
}
