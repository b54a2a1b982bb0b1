namespace Theory.CalciumPlasticity;

/// <summary>
/// Parameters of the calcium-based synaptic plasticity rule of Graupner &amp; Brunel (2012),
/// PNAS 109:3991 (Eqs. 1–2 and SI Table S1), with the nonlinear calcium boost of
/// Graupner, Wallisch &amp; Ostojic (2016), J. Neurosci. 36:11238:
/// <code>
///   dc/dt   = −c/τ_Ca + C_pre Σ_i δ(t − t_i − D) + Σ_j [C_post + η c_pre(t_j⁻)] δ(t − t_j)
///   dc_pre/dt = −c_pre/τ_Ca + C_pre Σ_i δ(t − t_i − D)
///   τ dρ/dt = −ρ(1 − ρ)(ρ* − ρ) + γ_p (1 − ρ) Θ[c − θ_p] − γ_d ρ Θ[c − θ_d]
///             + σ √τ √(Θ[c − θ_d] + Θ[c − θ_p]) ξ(t)
/// </code>
/// c_pre is the part of the calcium due to presynaptic spikes; η = 0 is the linear model of
/// the 2012 paper. The noise term is the one of the 2012 erratum (PNAS 110:2013). The two-state
/// readout of the 2012 paper (Eq. 4 of the SI) uses β, the fraction of synapses initially in the
/// DOWN state, and b = w₁/w₀, the ratio of UP to DOWN weights.
/// Units: times in s, rates dimensionless (γ) or 1/s via τ; calcium is dimensionless
/// (in units of the depression threshold for the published sets, θ_d = 1).
/// </summary>
/// <param name="TauCa">Calcium decay time constant τ_Ca (s).</param>
/// <param name="CPre">Presynaptically evoked calcium amplitude C_pre (dimensionless).</param>
/// <param name="CPost">Postsynaptically evoked calcium amplitude C_post (dimensionless).</param>
/// <param name="ThetaD">Depression threshold θ_d (dimensionless).</param>
/// <param name="ThetaP">Potentiation threshold θ_p (dimensionless).</param>
/// <param name="GammaD">Depression rate γ_d (dimensionless, in units of 1/τ).</param>
/// <param name="GammaP">Potentiation rate γ_p (dimensionless, in units of 1/τ).</param>
/// <param name="Tau">Time constant of the efficacy τ (s).</param>
/// <param name="RhoStar">Unstable fixed point (boundary of the basins) ρ* of the cubic.</param>
/// <param name="Sigma">Noise amplitude σ (dimensionless).</param>
/// <param name="Delay">Delay D of the presynaptically evoked calcium transient (s).</param>
/// <param name="Beta">Fraction β of synapses initially in the DOWN state (two-state readout).</param>
/// <param name="WeightRatio">b = w₁/w₀, ratio of UP to DOWN synaptic weight (two-state readout).</param>
/// <param name="Eta">Nonlinear boost η ≥ 0: a postsynaptic spike adds η c_pre(t⁻) on top of
/// C_post (Graupner et al. 2016); 0 for the linear model.</param>
/// <param name="Bistable">Whether the cubic term −ρ(1 − ρ)(ρ* − ρ) is present (true for every
/// published set; false gives the linear rule used in the closed forms of ρ̄ and τ_eff).</param>
public sealed record GraupnerBrunelParameters(
    double TauCa, double CPre, double CPost, double ThetaD, double ThetaP,
    double GammaD, double GammaP, double Tau, double RhoStar, double Sigma, double Delay,
    double Beta = 0.5, double WeightRatio = 5.0, double Eta = 0.0, bool Bistable = true)
{
    /// <summary>"DP" curve of Fig. 2 (classic STDP: depression for post→pre, potentiation for
    /// pre→post, depression again at large positive Δt). SI Table S1 (as transcribed in the
    /// authors' code mgraupe/CalciumBasedPlasticityModel, synapticChange.py): τ_Ca = 20 ms,
    /// C_pre = 1, C_post = 2, θ_d = 1, θ_p = 1.3, γ_d = 200, γ_p = 321.808, σ = 2.8284,
    /// τ = 150 s, ρ* = 0.5, D = 13.7 ms, β = 0.5, b = 5.</summary>
    public static GraupnerBrunelParameters DP { get; } =
        new(0.020, 1.0, 2.0, 1.0, 1.3, 200.0, 321.808, 150.0, 0.5, 2.8284, 0.0137);

    /// <summary>"DPD" curve of Fig. 2 (depression at both ends, potentiation in between):
    /// τ_Ca = 20 ms, C_pre = C_post = 0.9, θ_d = 1, θ_p = 1.3, γ_d = 250, γ_p = 550, σ = 2.8284,
    /// τ = 150 s, D = 4.6 ms. SI Table S1.</summary>
    public static GraupnerBrunelParameters DPD { get; } =
        new(0.020, 0.9, 0.9, 1.0, 1.3, 250.0, 550.0, 150.0, 0.5, 2.8284, 0.0046);

    /// <summary>"DPD′" curve of Fig. 2: C_pre = 1, C_post = 2, θ_p = 2.5, γ_d = 50, γ_p = 600,
    /// D = 2.2 ms (others as DP). SI Table S1.</summary>
    public static GraupnerBrunelParameters DPDPrime { get; } =
        new(0.020, 1.0, 2.0, 1.0, 2.5, 50.0, 600.0, 150.0, 0.5, 2.8284, 0.0022);

    /// <summary>"P" curve of Fig. 2 (potentiation only): C_pre = C_post = 2, θ_p = 1.3,
    /// γ_d = 160, γ_p = 257.447, D = 0. SI Table S1.</summary>
    public static GraupnerBrunelParameters P { get; } =
        new(0.020, 2.0, 2.0, 1.0, 1.3, 160.0, 257.447, 150.0, 0.5, 2.8284, 0.0);

    /// <summary>"D" curve of Fig. 2 (depression only): C_pre = C_post = 0.6, γ_d = 500,
    /// γ_p = 550, σ = 5.6568, D = 0. SI Table S1.</summary>
    public static GraupnerBrunelParameters D { get; } =
        new(0.020, 0.6, 0.6, 1.0, 1.3, 500.0, 550.0, 150.0, 0.5, 5.6568, 0.0);

    /// <summary>"D′" curve of Fig. 2: C_pre = 1, C_post = 2, θ_p = 3.5, γ_d = 60, γ_p = 600,
    /// D = 0. SI Table S1.</summary>
    public static GraupnerBrunelParameters DPrime { get; } =
        new(0.020, 1.0, 2.0, 1.0, 3.5, 60.0, 600.0, 150.0, 0.5, 2.8284, 0.0);

    /// <summary>Fit to hippocampal slice data (Wittenberg &amp; Wang 2006; Fig. 3 of the paper):
    /// τ_Ca = 48.8373 ms, C_pre = 1, C_post = 0.275865, θ_p = 1.3, γ_d = 313.0965,
    /// γ_p = 1645.59, σ = 9.1844, τ = 688.355 s, D = 18.8008 ms, β = 0.7, b = 5.28145.
    /// SI Table S1.</summary>
    public static GraupnerBrunelParameters HippocampalSlices { get; } =
        new(0.0488373, 1.0, 0.275865, 1.0, 1.3, 313.0965, 1645.59, 688.355, 0.5, 9.1844, 0.0188008, 0.7, 5.28145);

    /// <summary>Fit to hippocampal cultures (Wang et al. 2005): τ_Ca = 11.9536 ms,
    /// C_pre = 0.58156, C_post = 1.76444, γ_d = 61.141, γ_p = 113.6545, σ = 2.5654,
    /// τ = 33.7596 s, D = 10 ms, β = 0.5, b = 36.0263. SI Table S1.</summary>
    public static GraupnerBrunelParameters HippocampalCultures { get; } =
        new(0.0119536, 0.58156, 1.76444, 1.0, 1.3, 61.141, 113.6545, 33.7596, 0.5, 2.5654, 0.01, 0.5, 36.0263);

    /// <summary>Fit to cortical slice data with frequency dependence (Sjöström et al. 2001;
    /// Fig. 4 of the paper): τ_Ca = 22.6936 ms, C_pre = 0.5617539, C_post = 1.23964,
    /// γ_d = 331.909, γ_p = 725.085, σ = 3.3501, τ = 346.3615 s, D = 4.6098 ms, β = 0.5,
    /// b = 5.40988. SI Table S1.</summary>
    public static GraupnerBrunelParameters CorticalSlices { get; } =
        new(0.0226936, 0.5617539, 1.23964, 1.0, 1.3, 331.909, 725.085, 346.3615, 0.5, 3.3501, 0.0046098, 0.5, 5.40988);

    /// <summary>Nonlinear-calcium set of Graupner, Wallisch &amp; Ostojic (2016), fitted to
    /// Sjöström et al. (2001) with nonlinearity factor 2 (a coincident pre/post pair gives twice
    /// the sum of the single transients): τ_Ca = 18.9304 ms, C_pre = 0.864672,
    /// C_post = 2.30815, θ_d = 1, θ_p = 4.99780, γ_d = 111.825, γ_p = 894.237, τ = 707.023 s,
    /// D = 10 ms, η = (2(C_post + C_pre) − C_post)/C_pre − 1 = 3.6693 (authors' code,
    /// parameter_fit_solutions.py "nonlinearCaModel" and timeAboveThreshold.py). The fit
    /// leaves σ free (σ = 1 in the code) and uses β = 0.5, b = 2.</summary>
    public static GraupnerBrunelParameters Nonlinear2016 { get; } =
        new(0.0189304409, 0.864671725, 2.30814844, 1.0, 4.99779542, 111.825154, 894.236947, 707.022578, 0.5, 1.0, 0.01,
            0.5, 2.0, NonlinearBoost(2.0, 0.864671725, 2.30814844));

    /// <summary>Linear-calcium set of Graupner, Wallisch &amp; Ostojic (2016), fitted to the same
    /// Sjöström et al. (2001) data as <see cref="Nonlinear2016"/> with η = 0 (authors' code,
    /// parameter_fit_solutions.py "linearCaModel", read by synapticChange.py):
    /// τ_Ca = 22.2721 ms, C_pre = 0.844991, C_post = 1.621379, θ_d = 1, θ_p = 2.009289,
    /// γ_d = 137.7586, γ_p = 597.0892, τ = 520.761 s, D = 9.537 ms; σ = 1, β = 0.5, b = 2 as
    /// for the nonlinear set.</summary>
    public static GraupnerBrunelParameters Linear2016 { get; } =
        new(0.0222721171, 0.844990637, 1.62137900, 1.0, 2.00928899, 137.758631, 597.089216, 520.761286, 0.5, 1.0,
            0.00953708736, 0.5, 2.0);

    /// <summary>η such that a simultaneous pre/post pair evokes <paramref name="factor"/> times
    /// the sum of the isolated transients: (1 + η) C_pre + C_post = factor (C_pre + C_post).</summary>
    public static double NonlinearBoost(double factor, double cPre, double cPost)
    {
        Guard.InRange(factor, 1.0, 1e6);
        Guard.Positive(cPre);
        Guard.NonNegative(cPost);
        return (factor * (cPost + cPre) - cPost) / cPre - 1.0;
    }

    /// <summary>Every named preset, by the name used on the command line.</summary>
    public static IReadOnlyDictionary<string, GraupnerBrunelParameters> Presets { get; } =
        new Dictionary<string, GraupnerBrunelParameters>(StringComparer.OrdinalIgnoreCase)
        {
            ["DP"] = DP, ["DPD"] = DPD, ["DPDprime"] = DPDPrime, ["P"] = P, ["D"] = D, ["Dprime"] = DPrime,
            ["hippocampal-slices"] = HippocampalSlices, ["hippocampal-cultures"] = HippocampalCultures,
            ["cortical-slices"] = CorticalSlices, ["linear-2016"] = Linear2016, ["nonlinear-2016"] = Nonlinear2016,
        };

    /// <summary>The preset of that name (case-insensitive), or an ArgumentException listing them.</summary>
    public static GraupnerBrunelParameters Preset(string name)
    {
        if (name is not null && Presets.TryGetValue(name, out var p)) return p;
        throw new ArgumentException($"name = '{name}' is invalid: the presets are {string.Join(", ", Presets.Keys)}.", nameof(name));
    }

    /// <summary>A copy with the given fields changed (F#: <c>p.With(thetaP = 1.5)</c>).</summary>
    public GraupnerBrunelParameters With(double? tauCa = null, double? cPre = null, double? cPost = null,
        double? thetaD = null, double? thetaP = null, double? gammaD = null, double? gammaP = null,
        double? tau = null, double? rhoStar = null, double? sigma = null, double? delay = null,
        double? beta = null, double? weightRatio = null, double? eta = null, bool? bistable = null) =>
        new(tauCa ?? TauCa, cPre ?? CPre, cPost ?? CPost, thetaD ?? ThetaD, thetaP ?? ThetaP,
            gammaD ?? GammaD, gammaP ?? GammaP, tau ?? Tau, rhoStar ?? RhoStar, sigma ?? Sigma, delay ?? Delay,
            beta ?? Beta, weightRatio ?? WeightRatio, eta ?? Eta, bistable ?? Bistable);

    /// <summary>Throws an ArgumentException naming the first invalid field.</summary>
    public GraupnerBrunelParameters Validate()
    {
        Guard.Positive(TauCa);
        Guard.NonNegative(CPre);
        Guard.NonNegative(CPost);
        Guard.Positive(ThetaD);
        Guard.Positive(ThetaP);
        Guard.NonNegative(GammaD);
        Guard.NonNegative(GammaP);
        Guard.Positive(Tau);
        Guard.Probability(RhoStar);
        Guard.NonNegative(Sigma);
        Guard.NonNegative(Delay);
        Guard.Probability(Beta);
        Guard.Positive(WeightRatio);
        Guard.NonNegative(Eta);
        return this;
    }

    /// <summary>Deterministic drift of ρ at fixed time fractions (1/s):
    /// A(ρ) = [−ρ(1 − ρ)(ρ* − ρ) + γ_p α_p (1 − ρ) − γ_d α_d ρ]/τ (Eq. 2 averaged over the
    /// calcium, Graupner &amp; Brunel 2012 SI).</summary>
    public double Drift(double rho, double alphaD, double alphaP)
    {
        Guard.Finite(rho);
        Guard.Probability(alphaD);
        Guard.Probability(alphaP);
        double cubic = Bistable ? -rho * (1 - rho) * (RhoStar - rho) : 0.0;
        return (cubic + GammaP * alphaP * (1 - rho) - GammaD * alphaD * rho) / Tau;
    }

    /// <summary>Diffusion coefficient of ρ from the explicit noise term (1/s):
    /// B = σ² (α_d + α_p)/τ, so that dρ = A dt + √B dW.</summary>
    public double Diffusion(double alphaD, double alphaP)
    {
        Guard.Probability(alphaD);
        Guard.Probability(alphaP);
        return Sigma * Sigma * (alphaD + alphaP) / Tau;
    }
}
