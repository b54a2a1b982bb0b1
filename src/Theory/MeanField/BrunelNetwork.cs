namespace Theory.MeanField;

/// <summary>
/// Sparsely connected network of excitatory and inhibitory LIF neurons, Brunel (2000)
/// J Comput Neurosci 8:183, model A: identical E and I neurons, C_E = εN_E excitatory and
/// C_I = γC_E inhibitory inputs per neuron, efficacies J_E = J and J_I = −gJ, and C_E external
/// excitatory Poisson inputs of efficacy J at rate ν_ext each. Mean input and variance (eqs. 4–5):
/// <code>
///   μ = C_E J τ (ν_ext + ν (1 − gγ)),   σ² = J² C_E τ (ν_ext + ν (1 + g²γ)),   ν = φ(μ, σ) (eq. 21).
/// </code>
/// F#: <c>BrunelNetwork.ModelA.With(g = 6.0, nuExtRatio = 4.0)</c>.
/// </summary>
/// <param name="CE">Excitatory (and external) inputs per neuron C_E (&gt; 0).</param>
/// <param name="Gamma">γ = C_I / C_E (&gt; 0).</param>
/// <param name="J">Excitatory efficacy J, V (&gt; 0).</param>
/// <param name="G">Relative inhibition g = |J_I| / J_E (≥ 0).</param>
/// <param name="NuExt">External rate per synapse ν_ext, Hz (≥ 0).</param>
/// <param name="Delay">Transmission delay D, s (≥ 0).</param>
/// <param name="Neuron">LIF parameters (τ, θ, V_r, τ_rp).</param>
public sealed record BrunelNetwork(double CE, double Gamma, double J, double G, double NuExt, double Delay, LifNeuron Neuron)
{
    /// <summary>Brunel (2000) Fig. 2 parameters: N_E = 10000, ε = 0.1 (C_E = 1000), γ = 0.25,
    /// J = 0.1 mV, D = 1.5 ms, τ = 20 ms, θ = 20 mV, V_r = 10 mV, τ_rp = 2 ms; g = 5, ν_ext = 2 ν_thr.</summary>
    public static BrunelNetwork ModelA { get; } = FromRatio(1000, 0.25, 1e-4, 5.0, 2.0, 0.0015, LifNeuron.Brunel2000);

    /// <summary>ν_thr = θ / (C_E J τ), Hz: external rate that brings μ to threshold without recurrence (Brunel 2000 §2).</summary>
    public double NuThreshold => Neuron.Theta / (CE * J * Neuron.TauM);

    /// <summary>ν_ext / ν_thr.</summary>
    public double NuExtRatio => NuExt / NuThreshold;

    /// <summary>Network with ν_ext given as a multiple of ν_thr.</summary>
    public static BrunelNetwork FromRatio(double ce, double gamma, double j, double g, double nuExtRatio, double delay, LifNeuron neuron)
        => new BrunelNetwork(ce, gamma, j, g, 0.0, delay, neuron) with { NuExt = nuExtRatio * neuron.Theta / (ce * j * neuron.TauM) };

    /// <summary>A copy with the given fields replaced; <paramref name="nuExtRatio"/> (ν_ext/ν_thr) overrides
    /// <paramref name="nuExt"/> and is applied after J, C_E and the neuron have been replaced.</summary>
    public BrunelNetwork With(double? ce = null, double? gamma = null, double? j = null, double? g = null, double? nuExt = null,
                              double? nuExtRatio = null, double? delay = null, LifNeuron? neuron = null)
    {
        var r = new BrunelNetwork(ce ?? this.CE, gamma ?? this.Gamma, j ?? this.J, g ?? this.G, nuExt ?? this.NuExt,
                                  delay ?? this.Delay, neuron ?? this.Neuron);
        return nuExtRatio is double q ? r with { NuExt = q * r.NuThreshold } : r;
    }

    /// <summary>Throws an ArgumentException naming the first invalid field.</summary>
    public BrunelNetwork Validated()
    {
        Guard.Positive(CE);
        Guard.Positive(Gamma);
        Guard.Positive(J);
        Guard.NonNegative(G);
        Guard.NonNegative(NuExt);
        Guard.NonNegative(Delay);
        Guard.NotNull(Neuron).Validated();
        return this;
    }

    /// <summary>Mean input μ (V) at recurrent rate ν (Hz), Brunel 2000 eq. 4.</summary>
    public double Mu(double nu) => CE * J * Neuron.TauM * (NuExt + nu * (1 - G * Gamma));

    /// <summary>Input noise amplitude σ (V) at recurrent rate ν (Hz), Brunel 2000 eq. 5.</summary>
    public double Sigma(double nu) => J * Math.Sqrt(CE * Neuron.TauM * (NuExt + nu * (1 + G * G * Gamma)));

    /// <summary>Every stationary state (self-consistent rate), ascending in rate. See <see cref="BrunelStationary"/>.</summary>
    public StationaryState[] StationaryStates() => BrunelStationary.Solve(this);
}

/// <summary>A stationary (self-consistent) state: rate ν (Hz), mean input μ (V), noise σ (V).</summary>
/// <param name="Rate">Stationary rate ν, Hz.</param>
/// <param name="Mu">Mean input μ, V.</param>
/// <param name="Sigma">Noise amplitude σ, V.</param>
public sealed record StationaryState(double Rate, double Mu, double Sigma);
