namespace Theory.MeanField;

/// <summary>
/// Fourcaud &amp; Brunel (2002) Neural Comput 14:2057, eq. 4.9–4.10 (their "effective threshold"):
/// for exponentially filtered synaptic noise with τ_s ≪ τ_m the stationary rate is the white-noise
/// Siegert rate with threshold and reset shifted by
/// <code>  Δ = σ (α/2) √(τ_s/τ_m),   α = √2 |ζ(1/2)| ≈ 2.0652.</code>
/// </summary>
public static class SynapticFiltering
{
    /// <summary>α = √2 |ζ(1/2)| (Fourcaud &amp; Brunel 2002, eq. 4.10), dimensionless.</summary>
    public const double Alpha = 1.4142135623730950488 * 1.4603545088095868129;

    /// <summary>Shift Δ (V) of θ and V_r: σ in V (&gt; 0), τ_s and τ_m in s.</summary>
    public static double Shift(double sigma, double tauS, double tauM)
    {
        Guard.Positive(sigma);
        Guard.NonNegative(tauS);
        Guard.Positive(tauM);
        return sigma * 0.5 * Alpha * Math.Sqrt(tauS / tauM);
    }

    /// <summary>A neuron whose θ and V_r are shifted by <see cref="Shift"/>, for use with the white-noise formulas.</summary>
    public static LifNeuron ShiftedNeuron(LifNeuron neuron, double sigma, double tauS)
    {
        Guard.NotNull(neuron).Validated();
        double d = Shift(sigma, tauS, neuron.TauM);
        return neuron with { Theta = neuron.Theta + d, VReset = neuron.VReset + d };
    }

    internal static (double Theta, double VReset) Shifted(double sigma, double tauM, double theta, double vReset, double tauS)
    {
        if (tauS <= 0) return (theta, vReset);
        double d = sigma * 0.5 * Alpha * Math.Sqrt(tauS / tauM);
        return (theta + d, vReset + d);
    }
}
