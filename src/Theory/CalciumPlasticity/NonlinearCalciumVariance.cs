namespace Theory.CalciumPlasticity;

/// <summary>
/// Exact stationary mean and variance of nonlinear calcium (Graupner, Wallisch &amp; Ostojic 2016)
/// under Poisson activity with shared spikes at any offset δ = Lag − D, where (c_pre, c) is not
/// Markov (a shared post spike pending between its pre spike and its arrival, or the reverse).
/// <para>Representation. With arrivals s (pre spikes shifted by D) and post spikes t_j,
/// c(0) = Σ_s C_pre e^{s/τ}(1 + η N(s, 0]) + C_post Σ_j e^{t_j/τ}, N(s, 0] the number of post
/// spikes in (s, 0] (a post spike adds η c_pre(t_j⁻), and each arrival's share of c_pre decays
/// with the same τ_Ca). So c = A + P + η(Σ_x h(x, x) + Σ_{x≠y} h(x, y)): A, P linear shot noise,
/// h(x, y) = C_pre e^{s_x/τ} 1(s_x ≤ t_y ≤ 0) over arrivals of cluster x and post spikes of
/// cluster y, where the clusters — single arrivals (rate ν_pre − ν_c), single post spikes
/// (ν_post − ν_c) and shared pairs (ν_c; arrival at u, post at u + δ) — form a Poisson process
/// with intensity μ. At δ = 0 the pair's arrival precedes its post spike.</para>
/// <para>Moments (Mecke/Slivnyak formulas for Poisson U-statistics): with L(x) = A(x) + P(x) +
/// η h(x, x) and H(x) = ∫ [h(x, y) + h(y, x)] dμ(y) = C_pre ν_post (−s_x) e^{s_x/τ} +
/// C_pre ν_pre τ e^{t_x/τ},
/// <code>
///   Var c = ∫ L² dμ + 2η ∫ L H dμ + η² [∫∫ h² dμ² + ∫∫ h(x, y) h(y, x) dμ² + ∫ H² dμ],
///   ∫∫ h² = ν_pre ν_post C_pre² τ²/4,
///   ∫∫ h(x, y) h(y, x) = ν_c² C_pre² τ² e^{−2δ/τ}(1 − e^{−δ/τ}) for δ ≥ 0, 0 for δ &lt; 0,
/// </code>
/// each single integral a sum of terms ∫_{−∞}^{m} (−u)^k e^{2u/τ} du in closed form. At δ = 0 or
/// without shared spikes this agrees with the generator equations of <see cref="CalciumShotNoise"/>
/// (tested), and for δ ≠ 0 with event-driven Monte Carlo.</para>
/// </summary>
public static class NonlinearCalciumVariance
{
    /// <summary>Exact stationary mean E c (any δ; linear calcium for η = 0).</summary>
    public static double Mean(GraupnerBrunelParameters parameters, PoissonActivity activity)
    {
        var p = Guard.NotNull(parameters).Validate();
        var a = Guard.NotNull(activity);
        double t = p.TauCa, nc = a.SharedRate, delta = a.Lag - p.Delay;
        double own = delta >= 0 ? nc * p.CPre * Math.Exp(-delta / t) : 0.0;
        return t * (a.PreRate * p.CPre + a.PostRate * p.CPost) + p.Eta * t * (t * a.PreRate * a.PostRate * p.CPre + own);
    }

    /// <summary>Exact stationary variance Var c (any δ = Lag − D; linear calcium for η = 0).</summary>
    public static double Of(GraupnerBrunelParameters parameters, PoissonActivity activity)
    {
        var p = Guard.NotNull(parameters).Validate();
        var act = Guard.NotNull(activity);
        double t = p.TauCa, C = p.CPre, K = p.CPost, eta = p.Eta;
        double nc = act.SharedRate, nPre = act.PreRate, nPost = act.PostRate;
        double la = nPre - nc, lp = nPost - nc, delta = act.Lag - p.Delay;
        double beta = 2.0 / t;

        // Terms coef·(−u)^k·e^{u/τ}·1(u ≤ bound) of L and H for one cluster type.
        double Integral(List<Term> f, List<Term> g)
        {
            double s = 0;
            foreach (var x in f)
                foreach (var y in g)
                    s += x.Coef * y.Coef * I(x.Power + y.Power, Math.Min(x.Bound, y.Bound), beta);
            return s;
        }
        double Sum(double rate, List<Term> L, List<Term> H) =>
            rate == 0 ? 0 : rate * (Integral(L, L) + 2 * eta * Integral(L, H) + eta * eta * Integral(H, H));

        // single arrival at u ≤ 0: L = C e^{u/τ}, H = C ν_post (−u) e^{u/τ}
        var La = new List<Term> { new(C, 0, 0) };
        var Ha = new List<Term> { new(C * nPost, 1, 0) };
        // single post spike at u ≤ 0: L = K e^{u/τ}, H = C ν_pre τ e^{u/τ}
        var Lp = new List<Term> { new(K, 0, 0) };
        var Hp = new List<Term> { new(C * nPre * t, 0, 0) };
        // shared pair: arrival at u, post at u + δ (e^{(u+δ)/τ} = e^{δ/τ} e^{u/τ})
        double ed = Math.Exp(delta / t);
        var Ls = new List<Term> { new(C, 0, 0), new(K * ed, 0, -delta) };
        if (delta >= 0) Ls.Add(new(eta * C, 0, Math.Min(0, -delta)));
        var Hs = new List<Term> { new(C * nPost, 1, 0), new(C * nPre * t * ed, 0, -delta) };

        double lin = Sum(la, La, Ha) + Sum(lp, Lp, Hp) + Sum(nc, Ls, Hs);
        double hh = nPre * nPost * C * C * t * t / 4;
        double hht = delta >= 0 ? nc * nc * C * C * t * t * Math.Exp(-2 * delta / t) * (1 - Math.Exp(-delta / t)) : 0.0;
        return lin + eta * eta * (hh + hht);
    }

    readonly record struct Term(double Coef, int Power, double Bound);

    /// <summary>∫_{−∞}^{m} (−u)^k e^{βu} du for k = 0, 1, 2.</summary>
    static double I(int k, double m, double beta)
    {
        double e = Math.Exp(beta * m);
        return k switch
        {
            0 => e / beta,
            1 => e * (-m / beta + 1 / (beta * beta)),
            2 => e * (m * m / beta - 2 * m / (beta * beta) + 2 / (beta * beta * beta)),
            _ => throw new ArgumentOutOfRangeException(nameof(k), k, "k must be 0, 1 or 2."),
        };
    }
}
