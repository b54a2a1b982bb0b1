namespace Theory.Spiking;

/// <summary>
/// Per-synapse calcium-based plasticity rule for <see cref="CalciumSynapseProjection"/>, in
/// the form of Graupner &amp; Brunel (2012) PNAS 109:3991 with the nonlinear boost of Graupner
/// et al. (2016): c jumps by C_pre a delay D after a presynaptic spike (c_pre too), and by
/// C_post + η c_pre at a postsynaptic spike; c and c_pre decay with τ_Ca;
/// τ dρ/dt = −ρ(1 − ρ)(ρ* − ρ)·[cubic] + γ_p(1 − ρ)Θ[c − θ_p] − γ_d ρ Θ[c − θ_d]
/// + σ√τ √(Θ[c − θ_d] + Θ[c − θ_p]) ξ; ρ is kept in [0, 1]; weight w = w₀ + ρ(w₁ − w₀).
/// Parameter sets live in the analytic library (Theory.CalciumPlasticity); the kernel only
/// runs the rule.
/// </summary>
/// <param name="TauCa">τ_Ca (s).</param>
/// <param name="CPre">C_pre (dimensionless).</param>
/// <param name="CPost">C_post (dimensionless).</param>
/// <param name="ThetaD">θ_d.</param>
/// <param name="ThetaP">θ_p.</param>
/// <param name="GammaD">γ_d.</param>
/// <param name="GammaP">γ_p.</param>
/// <param name="Tau">τ (s).</param>
/// <param name="RhoStar">ρ*.</param>
/// <param name="Sigma">σ.</param>
/// <param name="CalciumDelay">D (s), rounded to whole steps.</param>
/// <param name="Eta">η (nonlinear boost).</param>
/// <param name="Cubic">Whether the bistable cubic term is present.</param>
public sealed record CalciumSynapseRule(double TauCa, double CPre, double CPost, double ThetaD, double ThetaP,
    double GammaD, double GammaP, double Tau, double RhoStar, double Sigma, double CalciumDelay,
    double Eta = 0, bool Cubic = true)
{
    internal void Validate()
    {
        Guard.Positive(TauCa); Guard.NonNegative(CPre); Guard.NonNegative(CPost);
        Guard.Positive(ThetaD); Guard.Positive(ThetaP); Guard.NonNegative(GammaD); Guard.NonNegative(GammaP);
        Guard.Positive(Tau); Guard.Probability(RhoStar); Guard.NonNegative(Sigma); Guard.NonNegative(CalciumDelay);
        Guard.NonNegative(Eta);
    }
}
