namespace Theory.MeanField;

/// <summary>
/// Leaky integrate-and-fire neuron parameters for the diffusion (mean-field) theory:
/// τ dV/dt = −V + μ + σ √τ ξ(t); spike and reset to <see cref="VReset"/> when V reaches
/// <see cref="Theta"/>, then refractory for <see cref="TauRef"/> (Brunel 2000, §2).
/// Copy with one field changed: C# <c>LifNeuron.Brunel2000 with { TauRef = 0.0 }</c>,
/// F# <c>LifNeuron.Brunel2000.With(tauRef = 0.0)</c>.
/// </summary>
/// <param name="TauM">Membrane time constant τ, s (&gt; 0).</param>
/// <param name="Theta">Firing threshold θ, V.</param>
/// <param name="VReset">Reset potential V_r, V (&lt; θ).</param>
/// <param name="TauRef">Absolute refractory period τ_rp, s (≥ 0).</param>
public sealed record LifNeuron(double TauM, double Theta, double VReset, double TauRef)
{
    /// <summary>Brunel (2000) J Comput Neurosci 8:183, §2: τ = 20 ms, θ = 20 mV, V_r = 10 mV, τ_rp = 2 ms.</summary>
    public static LifNeuron Brunel2000 { get; } = new(0.020, 0.020, 0.010, 0.002);

    /// <summary>A copy with the given fields replaced (F#-friendly counterpart of C# <c>with</c>).</summary>
    public LifNeuron With(double? tauM = null, double? theta = null, double? vReset = null, double? tauRef = null)
        => new(tauM ?? this.TauM, theta ?? this.Theta, vReset ?? this.VReset, tauRef ?? this.TauRef);

    /// <summary>Throws an ArgumentException naming the first invalid field.</summary>
    public LifNeuron Validated()
    {
        Guard.Positive(TauM);
        Guard.Finite(Theta);
        Guard.Finite(VReset);
        Guard.NonNegative(TauRef);
        if (!(VReset < Theta))
            throw new ArgumentException($"VReset = {VReset} is invalid: it must be < Theta = {Theta}.", nameof(VReset));
        return this;
    }
}
