namespace Theory.CalciumPlasticity;

/// <summary>
/// Outcome of a protocol of duration T with constant time fractions α_d, α_p (Graupner &amp;
/// Brunel 2012, SI Eqs. S5–S10; the cubic term is neglected during the protocol):
/// Γ_p = γ_p α_p, Γ_d = γ_d α_d; ρ̄ = Γ_p/(Γ_p + Γ_d); τ_eff = τ/(Γ_p + Γ_d);
/// σ_ρ² = σ² (α_p + α_d)/(Γ_p + Γ_d) (twice the stationary variance of ρ);
/// ρ(T) is Gaussian with mean ρ̄ + (ρ₀ − ρ̄) e^{−T/τ_eff} and variance
/// σ_ρ²/2 (1 − e^{−2T/τ_eff}); U = P(ρ(T) &gt; ρ* | ρ₀ = 0), D = P(ρ(T) &lt; ρ* | ρ₀ = 1);
/// the change of the mean weight of a population with a fraction β initially DOWN and
/// b = w₁/w₀ is [β(1 − U) + (1 − β)D + b (βU + (1 − β)(1 − D))]/(β + (1 − β) b).
/// With Γ_p + Γ_d = 0 nothing changes: ρ̄ = ρ₀, U = D = 0, change = 1.
/// </summary>
/// <param name="AlphaD">α_d (time fraction above θ_d).</param>
/// <param name="AlphaP">α_p (time fraction above θ_p).</param>
/// <param name="GammaDBar">Γ_d = γ_d α_d.</param>
/// <param name="GammaPBar">Γ_p = γ_p α_p.</param>
/// <param name="RhoBar">ρ̄, the asymptotic mean of ρ (NaN-free: 0.5 by convention when Γ_p + Γ_d = 0, see TauEff).</param>
/// <param name="TauEff">τ_eff (s); +∞ when Γ_p + Γ_d = 0.</param>
/// <param name="SigmaRho2">σ_ρ² (0 when Γ_p + Γ_d = 0).</param>
/// <param name="Up">U, probability DOWN → UP.</param>
/// <param name="Down">D, probability UP → DOWN.</param>
/// <param name="MeanFromHalf">Mean ρ(T) starting from ρ₀ = 0.5 (the 2016 paper's readout).</param>
/// <param name="Change">Ratio of mean synaptic weight after/before the protocol.</param>
public sealed record SynapticChange(double AlphaD, double AlphaP, double GammaDBar, double GammaPBar,
    double RhoBar, double TauEff, double SigmaRho2, double Up, double Down, double MeanFromHalf, double Change)
{
    /// <summary>Closed-form outcome of a protocol of <paramref name="duration"/> (s) with time
    /// fractions <paramref name="fractions"/>.</summary>
    public static SynapticChange Of(GraupnerBrunelParameters p, TimeFractions fractions, double duration)
    {
        Guard.NotNull(p); Guard.NotNull(fractions);
        p.Validate();
        Guard.NonNegative(duration);
        double aD = Guard.Probability(fractions.AlphaD), aP = Guard.Probability(fractions.AlphaP);
        double gD = p.GammaD * aD, gP = p.GammaP * aP, g = gD + gP;
        if (!(g > 0))
            return new SynapticChange(aD, aP, gD, gP, 0.5, double.PositiveInfinity, 0, 0, 0, 0.5, 1.0);
        double rhoBar = gP / g, tauEff = p.Tau / g, s2 = p.Sigma * p.Sigma * (aP + aD) / g;
        double decay = Math.Exp(-duration / tauEff);
        double width = Math.Sqrt(s2 * (1 - decay * decay));
        double up = Exceed(rhoBar - rhoBar * decay, width, p.RhoStar);
        double down = 1 - Exceed(rhoBar + (1 - rhoBar) * decay, width, p.RhoStar);
        double b = p.WeightRatio, beta = p.Beta;
        double change = (beta * (1 - up) + (1 - beta) * down + b * (beta * up + (1 - beta) * (1 - down)))
                        / (beta + (1 - beta) * b);
        return new SynapticChange(aD, aP, gD, gP, rhoBar, tauEff, s2, up, down,
            rhoBar + (0.5 - rhoBar) * decay, change);
    }

    /// <summary>P(ρ &gt; ρ*) for ρ Gaussian with the given mean and √(2·variance) = width.</summary>
    static double Exceed(double mean, double width, double rhoStar)
    {
        if (width == 0) return mean > rhoStar ? 1 : 0;
        return 0.5 * MathNet.Numerics.SpecialFunctions.Erfc((rhoStar - mean) / width);
    }
}
