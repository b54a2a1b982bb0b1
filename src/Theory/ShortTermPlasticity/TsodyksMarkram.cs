using Theory.Numerics;

namespace Theory.ShortTermPlasticity;

/// <summary>State of a Tsodyks–Markram synapse: facilitation u and available resources x
/// (both dimensionless, in [0, 1]).</summary>
/// <param name="U">Facilitation variable u, in [0, 1].</param>
/// <param name="X">Available resources x, in [0, 1].</param>
public sealed record TsodyksMarkramState(double U, double X)
{
    /// <summary>The rested synapse: u at its resting value, x = 1.</summary>
    public static TsodyksMarkramState Rested(TsodyksMarkramParameters p) => new(Guard.NotNull(p).RestingU, 1.0);
}

/// <summary>Result of one presynaptic spike: the state just after it, the released fraction
/// r = u·x at release and the efficacy A·r.</summary>
/// <param name="After">The state just after the spike.</param>
/// <param name="Released">Released fraction r = u·x.</param>
/// <param name="Efficacy">Efficacy A·r.</param>
public sealed record TsodyksMarkramSpike(TsodyksMarkramState After, double Released, double Efficacy);

/// <summary>Steady state of a synapse driven at <see cref="Rate"/>: the mean u used at release,
/// the mean x just before a spike, the mean released fraction per spike, the efficacy per spike
/// A·⟨r⟩ and per second ν·A·⟨r⟩ (Hz).</summary>
/// <param name="Rate">Presynaptic rate ν, Hz.</param>
/// <param name="U">Mean u used at release.</param>
/// <param name="X">Mean x just before a spike.</param>
/// <param name="Released">Mean released fraction ⟨r⟩ per spike.</param>
/// <param name="Efficacy">Efficacy per spike A·⟨r⟩.</param>
/// <param name="EfficacyPerSecond">Efficacy per second ν·A·⟨r⟩, Hz.</param>
public sealed record TsodyksMarkramSteadyState(double Rate, double U, double X, double Released, double Efficacy,
    double EfficacyPerSecond);

/// <summary>Train statistics for the steady states.</summary>
public enum SpikeTrain
{
    /// <summary>Periodic spikes, interval 1/ν.</summary>
    Regular,
    /// <summary>Poisson spikes, mean-field with u and x independent at a spike (closed form).</summary>
    Poisson,
    /// <summary>Poisson spikes, exact mean from the stationary moment hierarchy ⟨uᵏx⟩.</summary>
    PoissonExact,
}

/// <summary>
/// The Tsodyks–Markram synapse (Tsodyks &amp; Markram 1997; Tsodyks, Pawelzik &amp; Markram 1998;
/// Markram, Wang &amp; Tsodyks 1998): exact event-driven update, steady states for regular and
/// Poisson trains, frequency response and the crossover rate. Conventions: see
/// <see cref="TsodyksMarkramConvention"/>. Notation: u∞ the resting u, f the increment,
/// e_F = exp(−Δ/τ_F), e_D = exp(−Δ/τ_D).
/// </summary>
public static class TsodyksMarkram
{
    /// <summary>Exact relaxation over an interval Δ ≥ 0 (s) without spikes:
    /// u ← u∞ + (u − u∞) e_F, x ← 1 − (1 − x) e_D.</summary>
    public static TsodyksMarkramState Relax(TsodyksMarkramParameters p, TsodyksMarkramState s, double interval)
    {
        Guard.NotNull(p); CheckState(s);
        Guard.NonNegative(interval);
        double eF = Math.Exp(-interval / p.TauF), eD = Math.Exp(-interval / p.TauD);
        return new(p.RestingU + (s.U - p.RestingU) * eF, 1 - (1 - s.X) * eD);
    }

    /// <summary>A presynaptic spike on state s (values just before it). Release first:
    /// r = u x, x ← x − r, u ← u + f(1 − u); facilitate first: u ← u + f(1 − u), r = u x,
    /// x ← x − r.</summary>
    public static TsodyksMarkramSpike Spike(TsodyksMarkramParameters p, TsodyksMarkramState s)
    {
        Guard.NotNull(p); CheckState(s);
        double u = s.U, x = s.X;
        double uf = u + p.F * (1 - u);
        double uRel = p.FacilitatesBeforeRelease ? uf : u;
        double r = uRel * x;
        return new(new(uf, x - r), r, p.Amplitude * r);
    }

    /// <summary>Event-by-event response to a spike train starting from the rested state:
    /// the efficacy A·r of every spike (times in s, non-decreasing).</summary>
    public static double[] Train(TsodyksMarkramParameters p, double[] spikeTimes)
    {
        Guard.NotNull(p); Guard.AllFinite(spikeTimes);
        var e = new double[spikeTimes.Length];
        var s = TsodyksMarkramState.Rested(p);
        double last = spikeTimes.Length > 0 ? spikeTimes[0] : 0;
        for (int k = 0; k < spikeTimes.Length; k++)
        {
            double gap = spikeTimes[k] - last;
            if (gap < 0)
                throw new ArgumentException($"spikeTimes[{k}] = {spikeTimes[k]} s is invalid: times must be non-decreasing.", nameof(spikeTimes));
            var hit = Spike(p, Relax(p, s, gap));
            e[k] = hit.Efficacy; s = hit.After; last = spikeTimes[k];
        }
        return e;
    }

    /// <summary>Steady state for a train at rate ν (Hz, &gt; 0) of the given statistics.</summary>
    public static TsodyksMarkramSteadyState SteadyState(TsodyksMarkramParameters p, double rate, SpikeTrain train = SpikeTrain.Regular) =>
        train switch
        {
            SpikeTrain.Regular => Regular(p, rate),
            SpikeTrain.Poisson => Poisson(p, rate),
            SpikeTrain.PoissonExact => PoissonExact(p, rate),
            _ => throw new ArgumentException($"train = {train} is invalid: use Regular, Poisson or PoissonExact.", nameof(train)),
        };

    /// <summary>
    /// Regular train at rate ν, Δ = 1/ν. Fixed point of the spike-to-spike map:
    /// release first: u⁻ = (u∞(1 − e_F) + f e_F)/(1 − (1 − f)e_F), released with u⁻;
    /// facilitate first: u⁺ = (f + (1 − f)u∞(1 − e_F))/(1 − (1 − f)e_F), released with u⁺
    /// (TPM98, u∞ = 0, f = U: u⁺ = U/(1 − (1 − U)e_F));
    /// x⁻ = (1 − e_D)/(1 − (1 − u_rel)e_D); efficacy A u_rel x⁻ per spike, ν A u_rel x⁻ per second
    /// (Tsodyks, Pawelzik &amp; Markram 1998, Eqs. 3–4 generalised to u∞ and f).
    /// Finite for every valid input (rate &gt; 0, any τ_F, τ_D &gt; 0): evaluated with 1 − e = −expm1(−Δ/τ)
    /// and as weighted means, so the limits come out exactly (τ_F → ∞ with f &gt; 0: u_rel → 1;
    /// f = 0: u_rel = u∞; τ_D → ∞: x⁻ → 0). When ν·A·r exceeds the double range an ArgumentException names the rate.
    /// </summary>
    public static TsodyksMarkramSteadyState Regular(TsodyksMarkramParameters p, double rate)
    {
        Guard.NotNull(p); Guard.Positive(rate);
        // Written with a_F = 1 − e_F and a_D = 1 − e_D (computed as −expm1) and as weighted means,
        // so that no form 0/0 or ∞/∞ appears when Δ/τ under- or overflows (τ_F = 1e300 at 1e12 Hz):
        // u⁻ = u∞ + (1 − u∞)·B/(a_F + B), B = f(1 − a_F); x⁻ = a_D/(a_D + u_rel(1 − a_D)).
        double d = 1 / rate;
        double aF = -Elementary.ExpM1(-d / p.TauF), aD = -Elementary.ExpM1(-d / p.TauD);
        double u0 = p.RestingU, f = p.F;
        double uMinus = u0 + (1 - u0) * Elementary.Fraction(f * (1 - aF), aF, 0.0);
        double uRel = p.FacilitatesBeforeRelease ? f + (1 - f) * uMinus : uMinus;
        // u_rel = 0 (TPM98 with f = 0) releases nothing, so x stays at 1
        double x = Elementary.Fraction(aD, uRel * (1 - aD), 1.0);
        return Make(p, rate, uRel, x, uRel * x);
    }

    /// <summary>
    /// Poisson train at rate ν, mean field. ⟨u⟩ is exact (u obeys a linear equation and a Poisson
    /// spike sees the time average): ⟨u⁻⟩ = (u∞ + f ν τ_F)/(1 + f ν τ_F); released with
    /// ⟨u_rel⟩ = ⟨u⁻⟩ (release first) or f + (1 − f)⟨u⁻⟩ (facilitate first; TPM98:
    /// U(1 + ντ_F)/(1 + Uντ_F)). Treating u and x at a spike as independent,
    /// ⟨x⁻⟩ = 1/(1 + ⟨u_rel⟩ ν τ_D) and ⟨r⟩ = ⟨u_rel⟩⟨x⁻⟩ (Tsodyks, Pawelzik &amp; Markram 1998;
    /// Dayan &amp; Abbott 2001 §5.8). The independence is an approximation whenever τ_F is not
    /// negligible; <see cref="PoissonExact"/> measures its error.
    /// </summary>
    public static TsodyksMarkramSteadyState Poisson(TsodyksMarkramParameters p, double rate)
    {
        Guard.NotNull(p); Guard.Positive(rate);
        double uMinus = MeanUBeforeSpike(p, rate);
        double uRel = p.FacilitatesBeforeRelease ? p.F + (1 - p.F) * uMinus : uMinus;
        double x = 1 / (1 + uRel * rate * p.TauD); // uRel·ν·τ_D may overflow: x = 0
        return Make(p, rate, uRel, x, uRel * x);
    }

    /// <summary>⟨u⟩ just before a spike of a Poisson train, (u∞ + f ν τ_F)/(1 + f ν τ_F) (exact).</summary>
    public static double MeanUBeforeSpike(TsodyksMarkramParameters p, double rate)
    {
        Guard.NotNull(p); Guard.Positive(rate);
        // (u∞ + a)/(1 + a) = u∞ + (1 − u∞)·a/(1 + a), a = fντ_F (may overflow: then ⟨u⁻⟩ = 1)
        double a = p.F == 0 ? 0.0 : p.F * rate * p.TauF;
        return p.RestingU + (1 - p.RestingU) * Elementary.Fraction(a, 1.0, 0.0);
    }

    /// <summary>
    /// Poisson train at rate ν, exact means. With m_k = ⟨uᵏx⟩ and μ_k = ⟨uᵏ⟩ (stationary;
    /// a Poisson spike sees the time averages), the generator of the piecewise-deterministic
    /// process applied to uᵏx gives, for k ≥ 0,
    /// k u∞ m_{k−1}/τ_F − k m_k/τ_F + (μ_k − m_k)/τ_D + ν(⟨u'ᵏ x'⟩ − m_k) = 0,
    /// where the spike map (u', x') is affine in u, so ⟨u'ᵏx'⟩ is a combination of m_0…m_{k+1};
    /// μ_k obeys the closed triangular hierarchy k u∞ μ_{k−1}/τ_F − k μ_k/τ_F + ν(⟨u'ᵏ⟩ − μ_k) = 0.
    /// The x-hierarchy is truncated at order K with m_{K+1} = m_K μ_{K+1}/μ_K; the coupling
    /// upwards is O(ν) while the diagonal grows as K/τ_F, so the error falls fast with K (the
    /// order is doubled until two results agree to 1e-12). Then ⟨x⁻⟩ = m_0 and
    /// ⟨r⟩ = m_1 (release first) or f m_0 + (1 − f) m_1 (facilitate first).
    /// </summary>
    public static TsodyksMarkramSteadyState PoissonExact(TsodyksMarkramParameters p, double rate)
    {
        Guard.NotNull(p); Guard.Positive(rate);
        double[] prev = MomentHierarchy(p, rate, 16);
        for (int order = 32; order <= 512; order *= 2)
        {
            var next = MomentHierarchy(p, rate, order);
            if (Math.Abs(next[0] - prev[0]) < 1e-12 && Math.Abs(next[1] - prev[1]) < 1e-12) { prev = next; break; }
            prev = next;
        }
        // The truncation is well posed while the diagonal K/τ_F dominates the upward coupling ν; when
        // ν τ_F ≫ 512 with a nearly deterministic u (f ν τ_F ≫ 1, e.g. τ_F = 1e300 s at 1e12 Hz) it is
        // not, and the result fails the bounds 0 ≤ ⟨ux⟩ ≤ ⟨x⟩ ≤ 1. Then u and x are independent to
        // within |cov(u, x)| ≤ sd(u)·sd(x) ≤ sd(u)/2, and the mean-field closure is returned.
        if (!(prev[0] >= 0 && prev[0] <= 1 + 1e-9 && prev[1] >= 0 && prev[1] <= prev[0] + 1e-9))
            return Poisson(p, rate);
        double m0 = prev[0], m1 = prev[1], f = p.F;
        double r = p.FacilitatesBeforeRelease ? f * m0 + (1 - f) * m1 : m1;
        double uMinus = MeanUBeforeSpike(p, rate);
        double uRel = p.FacilitatesBeforeRelease ? f + (1 - f) * uMinus : uMinus;
        return Make(p, rate, uRel, m0, r);
    }

    /// <summary>m_0…m_K of the truncated hierarchy (see <see cref="PoissonExact"/>). Every row is
    /// divided by its own total rate (k/τ_F + 1/τ_D + ν for the x rows, k/τ_F + ν for the u rows),
    /// formed from logarithms, so that the coefficients are fractions in [0, 1] however far apart
    /// τ_F, τ_D and 1/ν are (1e-300 s against 1e300 s does not overflow or lose the slow rates).</summary>
    static double[] MomentHierarchy(TsodyksMarkramParameters p, double nu, int K)
    {
        double f = p.F, u0 = p.RestingU;
        double lnNu = Math.Log(nu), lnTauF = Math.Log(p.TauF), lnTauD = Math.Log(p.TauD);
        // binomial expansion of u'^n = ((1-f)u + f)^n: coefficient of u^j
        double[,] c = new double[K + 3, K + 3];
        for (int n = 0; n <= K + 2; n++)
            for (int j = 0; j <= n; j++)
                c[n, j] = Binomial(n, j) * Math.Pow(1 - f, j) * Math.Pow(f, n - j);
        // u-moments μ_0..μ_{K+2}: k u∞ μ_{k−1}/τ_F − k μ_k/τ_F + ν(⟨u'ᵏ⟩ − μ_k) = 0
        var mu = new double[K + 3];
        mu[0] = 1;
        double log1mF = Elementary.Log1P(-f);
        for (int k = 1; k <= K + 2; k++)
        {
            if (f == 0) { mu[k] = mu[k - 1] * u0; continue; } // spikes do not move u: u ≡ u∞
            var (gF, _, gN) = RateFractions(Math.Log(k) - lnTauF, double.NegativeInfinity, lnNu);
            double rhs = u0 * gF * mu[k - 1];
            for (int j = 0; j < k; j++) rhs += gN * c[k, j] * mu[j];
            double oneMinusCkk = -Elementary.ExpM1(k * log1mF); // 1 − (1 − f)^k without cancellation
            mu[k] = rhs / (gF + gN * oneMinusCkk);
        }
        // linear system for m_0..m_K; row k is the stationarity of u^k x
        int n1 = K + 1;
        var a = new double[n1, n1];
        var b = new double[n1];
        double closure = mu[K] > 0 ? mu[K + 1] / mu[K] : 0; // m_{K+1} ≈ closure · m_K
        for (int k = 0; k <= K; k++)
        {
            var (hF, hD, hN) = RateFractions(k == 0 ? double.NegativeInfinity : Math.Log(k) - lnTauF, -lnTauD, lnNu);
            void Add(int j, double coef)
            {
                if (j <= K) a[k, j] += coef;
                else a[k, K] += coef * closure;
            }
            if (k > 0) Add(k - 1, u0 * hF);
            Add(k, -hF - hD - hN);
            b[k] = -mu[k] * hD;
            if (p.FacilitatesBeforeRelease)
            {
                // ⟨u'^k x (1 − u')⟩ = ⟨u'^k x⟩ − ⟨u'^{k+1} x⟩
                for (int j = 0; j <= k; j++) Add(j, hN * c[k, j]);
                for (int j = 0; j <= k + 1; j++) Add(j, -hN * c[k + 1, j]);
            }
            else
            {
                // ⟨u'^k x (1 − u)⟩ = Σ_j c_kj (m_j − m_{j+1})
                for (int j = 0; j <= k; j++) { Add(j, hN * c[k, j]); Add(j + 1, -hN * c[k, j]); }
            }
        }
        return Solve(a, b);
    }

    /// <summary>Three rates given by their logarithms (−∞ for an absent one) as fractions of their sum.</summary>
    static (double, double, double) RateFractions(double l1, double l2, double l3)
    {
        double m = Math.Max(l1, Math.Max(l2, l3));
        double e1 = Math.Exp(l1 - m), e2 = Math.Exp(l2 - m), e3 = Math.Exp(l3 - m), sum = e1 + e2 + e3;
        return (e1 / sum, e2 / sum, e3 / sum);
    }

    static double Binomial(int n, int k)
    {
        double r = 1;
        for (int i = 1; i <= k; i++) r = r * (n - k + i) / i;
        return r;
    }

    /// <summary>Gaussian elimination with partial pivoting (small dense systems).</summary>
    static double[] Solve(double[,] a, double[] b)
    {
        int n = b.Length;
        for (int col = 0; col < n; col++)
        {
            int piv = col;
            for (int r = col + 1; r < n; r++) if (Math.Abs(a[r, col]) > Math.Abs(a[piv, col])) piv = r;
            if (piv != col)
            {
                for (int j = 0; j < n; j++) (a[col, j], a[piv, j]) = (a[piv, j], a[col, j]);
                (b[col], b[piv]) = (b[piv], b[col]);
            }
            for (int r = col + 1; r < n; r++)
            {
                double m = a[r, col] / a[col, col];
                if (m == 0) continue;
                for (int j = col; j < n; j++) a[r, j] -= m * a[col, j];
                b[r] -= m * b[col];
            }
        }
        var x = new double[n];
        for (int r = n - 1; r >= 0; r--)
        {
            double s = b[r];
            for (int j = r + 1; j < n; j++) s -= a[r, j] * x[j];
            x[r] = s / a[r, r];
        }
        return x;
    }

    /// <summary>Frequency response: the steady state at each rate (Hz).</summary>
    public static TsodyksMarkramSteadyState[] FrequencyResponse(TsodyksMarkramParameters p, double[] rates, SpikeTrain train = SpikeTrain.Regular)
    {
        Guard.NotNull(p); Guard.AllFinite(rates);
        return rates.Select(r => SteadyState(p, r, train)).ToArray();
    }

    /// <summary>Efficacy per spike relative to a rested synapse's, E(ν)/E(0⁺): &gt; 1 net
    /// facilitating, &lt; 1 net depressing.</summary>
    public static double RelativeEfficacy(TsodyksMarkramParameters p, double rate, SpikeTrain train = SpikeTrain.Regular) =>
        SteadyState(p, rate, train).Released / p.RestedRelease;

    /// <summary>
    /// The crossover rate ν_c (Hz) where the steady-state efficacy per spike equals that of a
    /// rested synapse, E(ν_c) = E(0⁺): below it the synapse is net facilitating, above it net
    /// depressing. 0 when the synapse is net depressing at every rate (no facilitating range);
    /// +∞ when it is net facilitating up to <paramref name="maxRate"/>. Found by scanning a
    /// logarithmic grid from 0.01 Hz to maxRate and bisecting the first sign change.
    /// </summary>
    public static double CrossoverRate(TsodyksMarkramParameters p, SpikeTrain train = SpikeTrain.Regular, double maxRate = 1e4)
    {
        Guard.NotNull(p); Guard.Positive(maxRate);
        double g(double r) => RelativeEfficacy(p, r, train) - 1;
        const double lo0 = 1e-2;
        if (maxRate <= lo0) throw new ArgumentException($"maxRate = {maxRate} Hz is invalid: it must be > {lo0} Hz.", nameof(maxRate));
        int n = 400;
        double prevR = lo0, prevG = g(lo0);
        bool sawFacilitation = prevG > 0;
        for (int i = 1; i <= n; i++)
        {
            double r = lo0 * Math.Pow(maxRate / lo0, (double)i / n);
            double gr = g(r);
            if (gr > 0) sawFacilitation = true;
            if (sawFacilitation && gr <= 0)
            {
                double a = prevR, b = r;
                for (int it = 0; it < 200 && b - a > 1e-12 * b; it++)
                {
                    double m = 0.5 * (a + b);
                    if (g(m) > 0) a = m; else b = m;
                }
                return 0.5 * (a + b);
            }
            prevR = r; prevG = gr;
        }
        return sawFacilitation ? double.PositiveInfinity : 0.0;
    }

    /// <summary>
    /// Mean-field time course under a Poisson train of time-varying rate ν(t) (Hz), u and x
    /// independent (Tsodyks, Pawelzik &amp; Markram 1998): d⟨u⟩/dt = (u∞ − ⟨u⟩)/τ_F + ν f (1 − ⟨u⟩),
    /// d⟨x⟩/dt = (1 − ⟨x⟩)/τ_D − ν ⟨u_rel⟩⟨x⟩, with ⟨u_rel⟩ = ⟨u⟩ (release first) or
    /// ⟨u⟩ + f(1 − ⟨u⟩) (facilitate first); integrated by the exact exponential step for frozen
    /// coefficients (step dt, s). Rows: t (s), ⟨u⟩, ⟨x⟩, efficacy per spike A⟨u_rel⟩⟨x⟩.
    /// Starts from <paramref name="initial"/> (null: rested). Its fixed point is
    /// <see cref="Poisson"/>.
    /// </summary>
    public static double[][] MeanFieldTimeCourse(TsodyksMarkramParameters p, Func<double, double> rate, double duration,
        double dt = 1e-3, TsodyksMarkramState? initial = null)
    {
        Guard.NotNull(p); Guard.NotNull(rate); Guard.Positive(duration); Guard.Positive(dt);
        var s0 = initial ?? TsodyksMarkramState.Rested(p);
        CheckState(s0);
        int n = (int)Math.Ceiling(duration / dt - 1e-9);
        var rows = new double[n + 1][];
        double u = s0.U, x = s0.X, f = p.F;
        for (int k = 0; ; k++)
        {
            double t = k * dt;
            double uRel = p.FacilitatesBeforeRelease ? u + f * (1 - u) : u;
            rows[k] = [t, u, x, p.Amplitude * uRel * x];
            if (k == n) break;
            double nu = rate(t);
            if (!(nu >= 0) || !double.IsFinite(nu))
                throw new ArgumentException($"rate({t}) = {nu} Hz is invalid: rates must be finite and >= 0.", nameof(rate));
            // u: du/dt = a − b u with a = u∞/τ_F + ν f, b = 1/τ_F + ν f
            double a = p.RestingU / p.TauF + nu * f, b = 1 / p.TauF + nu * f;
            double uNext = a / b + (u - a / b) * Math.Exp(-b * dt);
            // x: dx/dt = 1/τ_D − (1/τ_D + ν u_rel) x
            double c = 1 / p.TauD + nu * uRel;
            x = (1 / p.TauD) / c + (x - (1 / p.TauD) / c) * Math.Exp(-c * dt);
            u = uNext;
        }
        return rows;
    }

    /// <summary>
    /// Exact mean time course under a Poisson train of time-varying rate ν(t) (Hz): the moment
    /// hierarchy of <see cref="PoissonExact"/> in time,
    /// dμ_k/dt = k u∞ μ_{k−1}/τ_F − k μ_k/τ_F + ν(t)(⟨u'ᵏ⟩ − μ_k),
    /// dm_k/dt = k u∞ m_{k−1}/τ_F − k m_k/τ_F + (μ_k − m_k)/τ_D + ν(t)(⟨u'ᵏx'⟩ − m_k),
    /// truncated at order K (m_{K+1} = m_K μ_{K+1}/μ_K), integrated by classical Runge–Kutta with
    /// step dt, starting from the stationary state at ν(0) (rested when ν(0) = 0). A Poisson spike
    /// at t sees the state at t, so the mean efficacy per spike there is A⟨r⟩(t) with ⟨r⟩ = m_1
    /// (release first) or f m_0 + (1 − f) m_1 (facilitate first). Rows: t (s), ⟨u⟩, ⟨x⟩, A⟨r⟩.
    /// Unlike <see cref="MeanFieldTimeCourse"/> it keeps the correlation of u and x.
    /// </summary>
    public static double[][] PoissonExactTimeCourse(TsodyksMarkramParameters p, Func<double, double> rate, double duration,
        double dt = 1e-4, int order = 32)
    {
        Guard.NotNull(p); Guard.NotNull(rate); Guard.Positive(duration); Guard.Positive(dt); Guard.InRange(order, 2, 512);
        int K = order;
        double f = p.F, u0 = p.RestingU, tF = p.TauF, tD = p.TauD;
        var c = new double[K + 3, K + 3];
        for (int q = 0; q <= K + 2; q++)
            for (int j = 0; j <= q; j++)
                c[q, j] = Binomial(q, j) * Math.Pow(1 - f, j) * Math.Pow(f, q - j);
        double Rate(double t)
        {
            double nu = rate(t);
            if (!(nu >= 0) || !double.IsFinite(nu))
                throw new ArgumentException($"rate({t}) = {nu} Hz is invalid: rates must be finite and >= 0.", nameof(rate));
            return nu;
        }
        // state: μ_0..μ_{K+2} then m_0..m_K
        int nm = K + 3, size = nm + K + 1;
        var y = new double[size];
        double nu0 = Rate(0);
        if (nu0 > 0)
        {
            var mu = new double[nm];
            mu[0] = 1;
            for (int k = 1; k < nm; k++)
            {
                double rhs = k * u0 / tF * mu[k - 1];
                for (int j = 0; j < k; j++) rhs += nu0 * c[k, j] * mu[j];
                mu[k] = rhs / (k / tF + nu0 * (1 - c[k, k]));
            }
            var m = MomentHierarchy(p, nu0, K);
            Array.Copy(mu, y, nm); Array.Copy(m, 0, y, nm, K + 1);
        }
        else
        {
            for (int k = 0; k < nm; k++) y[k] = Math.Pow(u0, k);
            for (int k = 0; k <= K; k++) y[nm + k] = Math.Pow(u0, k);
        }
        void Deriv(double nu, double[] s, double[] d)
        {
            for (int k = 0; k < nm; k++)
            {
                double v = -k * s[k] / tF - nu * s[k];
                if (k > 0) v += k * u0 / tF * s[k - 1];
                for (int j = 0; j <= k; j++) v += nu * c[k, j] * s[j];
                d[k] = v;
            }
            double closure = s[K] > 0 ? s[K + 1] / s[K] : 0;
            double M(int j) => j <= K ? s[nm + j] : s[nm + K] * closure;
            for (int k = 0; k <= K; k++)
            {
                double v = -k * M(k) / tF + (s[k] - M(k)) / tD - nu * M(k);
                if (k > 0) v += k * u0 / tF * M(k - 1);
                if (p.FacilitatesBeforeRelease)
                {
                    for (int j = 0; j <= k; j++) v += nu * c[k, j] * M(j);
                    for (int j = 0; j <= k + 1; j++) v -= nu * c[k + 1, j] * M(j);
                }
                else
                    for (int j = 0; j <= k; j++) v += nu * c[k, j] * (M(j) - M(j + 1));
                d[nm + k] = v;
            }
        }
        int n = (int)Math.Ceiling(duration / dt - 1e-9);
        var rows = new double[n + 1][];
        double[] k1 = new double[size], k2 = new double[size], k3 = new double[size], k4 = new double[size], tmp = new double[size];
        for (int step = 0; ; step++)
        {
            double t = step * dt;
            double m0 = y[nm], m1 = y[nm + 1];
            double r = p.FacilitatesBeforeRelease ? f * m0 + (1 - f) * m1 : m1;
            rows[step] = [t, y[1], m0, p.Amplitude * r];
            if (step == n) break;
            double a = Rate(t), b = Rate(t + dt / 2), e = Rate(t + dt);
            Deriv(a, y, k1);
            for (int i = 0; i < size; i++) tmp[i] = y[i] + dt / 2 * k1[i];
            Deriv(b, tmp, k2);
            for (int i = 0; i < size; i++) tmp[i] = y[i] + dt / 2 * k2[i];
            Deriv(b, tmp, k3);
            for (int i = 0; i < size; i++) tmp[i] = y[i] + dt * k3[i];
            Deriv(e, tmp, k4);
            for (int i = 0; i < size; i++) y[i] += dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
        return rows;
    }

    static TsodyksMarkramSteadyState Make(TsodyksMarkramParameters p, double rate, double u, double x, double r)
    {
        double perSecond = rate * p.Amplitude * r;
        if (double.IsInfinity(perSecond))
            throw new ArgumentException(
                $"rate = {rate} Hz is invalid with amplitude = {p.Amplitude}: the efficacy per second ν·A·r = {rate}·{p.Amplitude}·{r} exceeds the double range (1.8e308).", nameof(rate));
        return new(rate, u, x, r, p.Amplitude * r, perSecond);
    }

    static void CheckState(TsodyksMarkramState s)
    {
        Guard.NotNull(s);
        Guard.Probability(s.U, "u");
        Guard.Probability(s.X, "x");
    }
}
