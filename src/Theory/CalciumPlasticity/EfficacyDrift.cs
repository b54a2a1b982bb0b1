namespace Theory.CalciumPlasticity;

/// <summary>A fixed point of the efficacy drift and whether it is stable (A′ &lt; 0).</summary>
/// <param name="Rho">Efficacy ρ* at which the drift A(ρ) vanishes, in [0, 1].</param>
/// <param name="Stable">True when A′(ρ*) &lt; 0.</param>
public sealed record FixedPoint(double Rho, bool Stable);

/// <summary>
/// Drift and diffusion of the efficacy ρ of a synapse under stationary Poisson pre/post activity
/// (the calcium is fast, τ_Ca ≪ τ, so ρ sees its time fractions; Graupner et al. 2016):
/// A(ρ) = [−ρ(1 − ρ)(ρ* − ρ) + γ_p α_p (1 − ρ) − γ_d α_d ρ]/τ and B = σ²(α_d + α_p)/τ
/// (dρ = A dt + √B dW), with α_d = P(c &gt; θ_d), α_p = P(c &gt; θ_p) from
/// <see cref="CalciumShotNoise"/>. The diffusion keeps only the explicit noise term of the rule,
/// as the papers' analysis does; the (smaller, O(γ² τ_Ca/τ²)) diffusion caused by the calcium
/// fluctuations themselves is neglected.
/// </summary>
public sealed class EfficacyDrift
{
    /// <summary>Model parameters.</summary>
    public GraupnerBrunelParameters Parameters { get; }

    /// <summary>Activity driving the calcium.</summary>
    public PoissonActivity Activity { get; }

    /// <summary>Time fractions above the thresholds.</summary>
    public TimeFractions Fractions { get; }

    /// <summary>The calcium statistics behind the fractions.</summary>
    public CalciumShotNoise Calcium { get; }

    /// <summary>The drift and diffusion of ρ under the given model and activity.</summary>
    /// <param name="parameters">Graupner–Brunel (2012) model parameters.</param>
    /// <param name="activity">Pre- and postsynaptic Poisson activity driving the calcium.</param>
    public EfficacyDrift(GraupnerBrunelParameters parameters, PoissonActivity activity)
    {
        Calcium = new CalciumShotNoise(parameters, activity);
        Parameters = Calcium.Parameters; Activity = Calcium.Activity;
        Fractions = Calcium.Fractions();
    }

    /// <summary>From given time fractions (e.g. a deterministic protocol's).</summary>
    public EfficacyDrift(GraupnerBrunelParameters parameters, TimeFractions fractions)
    {
        Parameters = Guard.NotNull(parameters).Validate();
        Fractions = Guard.NotNull(fractions);
        Guard.Probability(fractions.AlphaD); Guard.Probability(fractions.AlphaP);
        Activity = new PoissonActivity(0, 0);
        Calcium = new CalciumShotNoise(parameters.With(eta: 0), Activity);
    }

    /// <summary>α_d.</summary>
    public double AlphaD => Fractions.AlphaD;

    /// <summary>α_p.</summary>
    public double AlphaP => Fractions.AlphaP;

    /// <summary>A(ρ) (1/s).</summary>
    public double Drift(double rho) => Parameters.Drift(rho, AlphaD, AlphaP);

    /// <summary>B (1/s), independent of ρ.</summary>
    public double Diffusion => Parameters.Diffusion(AlphaD, AlphaP);

    /// <summary>Γ_p + Γ_d = γ_p α_p + γ_d α_d.</summary>
    public double GammaSum => Parameters.GammaP * AlphaP + Parameters.GammaD * AlphaD;

    /// <summary>ρ̄ = Γ_p/(Γ_p + Γ_d), the fixed point of the rule without the cubic term
    /// (Graupner &amp; Brunel 2012); ArgumentException when no time is spent above θ_d.</summary>
    public double RhoBar => GammaSum > 0 ? Parameters.GammaP * AlphaP / GammaSum
        : throw new ArgumentException($"AlphaD = {AlphaD} and AlphaP = {AlphaP}: ρ̄ is undefined when the calcium never exceeds the thresholds.", nameof(Fractions));

    /// <summary>τ_eff = τ/(Γ_p + Γ_d) (s); +∞ without time above threshold.</summary>
    public double TauEff => GammaSum > 0 ? Parameters.Tau / GammaSum : double.PositiveInfinity;

    /// <summary>Φ(ρ) = ∫₀^ρ A(r) dr (1/s): the potential whose maxima are the stable fixed points.</summary>
    public double Potential(double rho)
    {
        Guard.Finite(rho);
        var p = Parameters;
        double r2 = rho * rho, r3 = r2 * rho, r4 = r3 * rho;
        // −ρ(1 − ρ)(ρ* − ρ) = −ρ*ρ + (1 + ρ*)ρ² − ρ³
        double cubic = p.Bistable ? -p.RhoStar * r2 / 2 + (1 + p.RhoStar) * r3 / 3 - r4 / 4 : 0;
        return (cubic + p.GammaP * AlphaP * (rho - r2 / 2) - p.GammaD * AlphaD * r2 / 2) / p.Tau;
    }

    /// <summary>Fixed points of A in [0, 1] with their stability (A′ &lt; 0: stable), found by
    /// bracketing on 2000 intervals and bisection.</summary>
    public FixedPoint[] FixedPoints()
    {
        var list = new List<FixedPoint>();
        const int n = 2000;
        double prev = Drift(0);
        if (prev == 0) list.Add(new FixedPoint(0, Slope(0) < 0));
        for (int i = 1; i <= n; i++)
        {
            double x = (double)i / n, f = Drift(x);
            if (f == 0) list.Add(new FixedPoint(x, Slope(x) < 0));
            else if (prev != 0 && Math.Sign(f) != Math.Sign(prev))
            {
                double lo = (double)(i - 1) / n, hi = x;
                for (int k = 0; k < 60; k++)
                {
                    double mid = 0.5 * (lo + hi);
                    if (Math.Sign(Drift(mid)) == Math.Sign(prev)) lo = mid; else hi = mid;
                }
                double r = 0.5 * (lo + hi);
                list.Add(new FixedPoint(r, Slope(r) < 0));
            }
            prev = f;
        }
        return list.ToArray();
    }

    double[,]? _cov; // S_xy, x, y ∈ {p, d} (index 0 = θ_p, 1 = θ_d)

    double[,] Covariances()
    {
        if (_cov is not null) return _cov;
        if (Activity.PreRate == 0 && Activity.PostRate == 0)
            throw new ArgumentException("Activity has no rates (drift built from given time fractions): the calcium-fluctuation terms need the Poisson activity.", nameof(Activity));
        var g = Calcium.Nonlinear ?? new NonlinearCalciumDistribution(Parameters, Activity);
        double tp = Parameters.ThetaP, td = Parameters.ThetaD;
        return _cov = g.IntegratedCovariances([tp, td], [tp, td]);
    }

    /// <summary>
    /// Diffusion of ρ caused by the calcium fluctuations themselves (neglected in <see cref="Diffusion"/>,
    /// as in the papers). With g(ρ, c) = [γ_p(1 − ρ)Θ_p(c) − γ_d ρ Θ_d(c)]/τ = uΘ_p − vΘ_d,
    /// B_ca(ρ) = 2∫₀^∞ Cov(g(c(0)), g(c(t))) dt = 2[u²S_pp − uv(S_pd + S_dp) + v²S_dd], with
    /// S_xy = ∫₀^∞ Cov(Θ_x(c(0)), Θ_y(c(t))) dt from <see cref="NonlinearCalciumDistribution.IntegratedCovariances"/>
    /// (second order of the expansion in τ_Ca/τ_eff, Van Kampen's cumulant expansion; linear or
    /// nonlinear calcium, uncorrelated trains or Lag = D).
    /// </summary>
    public double CalciumDiffusion(double rho)
    {
        Guard.InRange(rho, 0.0, 1.0);
        var S = Covariances();
        double u = Parameters.GammaP * (1 - rho) / Parameters.Tau, v = Parameters.GammaD * rho / Parameters.Tau;
        return Math.Max(0, 2 * (u * u * S[0, 0] - u * v * (S[0, 1] + S[1, 0]) + v * v * S[1, 1]));
    }

    /// <summary>
    /// The drift correction of the same (second) order: because ρ responds to the calcium while
    /// the calcium is still correlated, A_ca(ρ) = ∫₀^∞ Cov(g(c(0)), ∂_ρ g(c(t))) dt with
    /// ∂_ρ g = −(γ_p Θ_p + γ_d Θ_d)/τ (Itô drift of the Van Kampen expansion,
    /// A = ⟨g⟩ + A_ca, B = B_ca + the explicit noise).
    /// </summary>
    public double CalciumDriftCorrection(double rho)
    {
        Guard.InRange(rho, 0.0, 1.0);
        var S = Covariances();
        double u = Parameters.GammaP * (1 - rho) / Parameters.Tau, v = Parameters.GammaD * rho / Parameters.Tau;
        double bp = -Parameters.GammaP / Parameters.Tau, bd = -Parameters.GammaD / Parameters.Tau;
        return u * (bp * S[0, 0] + bd * S[0, 1]) - v * (bp * S[1, 0] + bd * S[1, 1]);
    }

    double Slope(double r) => (Drift(r + 1e-7) - Drift(r - 1e-7)) / 2e-7;
}
