namespace Theory.MeanField;

/// <summary>Membrane and synapse model of a population of a <see cref="PopulationModel"/>.</summary>
public enum MembraneKind
{
    /// <summary>Current-based delta synapses: a spike moves V by w (V) (Brunel 2000).</summary>
    Delta,
    /// <summary>Exponential current synapses: a spike adds w (A) to a current decaying with τ_s.</summary>
    ExpCurrent,
    /// <summary>Exponential conductances: a spike adds w (S) to g_x, current g_x (E_x − V).</summary>
    Conductance,
}

/// <summary>Synaptic channel an input writes to: "v" of a delta population, "exc" or "inh" of the others.</summary>
public enum SynapseChannel
{
    /// <summary>The membrane potential of a <see cref="MembraneKind.Delta"/> population.</summary>
    V,
    /// <summary>The excitatory current/conductance (time constant τ_exc, reversal E_exc).</summary>
    Exc,
    /// <summary>The inhibitory current/conductance (time constant τ_inh, reversal E_inh).</summary>
    Inh,
}

/// <summary>One population of a <see cref="PopulationModel"/>, SI units.</summary>
/// <param name="Name">Name.</param>
/// <param name="Size">Number of neurons N_a (≥ 1).</param>
/// <param name="Kind">Membrane/synapse model.</param>
/// <param name="TauM">Membrane time constant τ_m = C/g_L, s.</param>
/// <param name="Capacitance">Membrane capacitance C, F.</param>
/// <param name="RestingPotential">Leak reversal E_L, V.</param>
/// <param name="Theta">Threshold θ, V.</param>
/// <param name="VReset">Reset V_r, V (&lt; θ).</param>
/// <param name="TauRef">Refractory period τ_rp, s.</param>
/// <param name="TauExc">Excitatory synaptic time constant τ_exc, s (unused for delta).</param>
/// <param name="TauInh">Inhibitory synaptic time constant τ_inh, s (unused for delta).</param>
/// <param name="ExcReversal">E_exc, V (conductance only).</param>
/// <param name="InhReversal">E_inh, V (conductance only).</param>
/// <param name="BiasCurrent">Constant current I, A.</param>
public sealed record ModelPopulation(string Name, int Size, MembraneKind Kind, double TauM, double Capacitance,
    double RestingPotential, double Theta, double VReset, double TauRef, double TauExc = 0, double TauInh = 0,
    double ExcReversal = 0, double InhReversal = 0, double BiasCurrent = 0)
{
    /// <summary>Synaptic time constant of <paramref name="channel"/>, s (0 for delta synapses).</summary>
    public double TauSyn(SynapseChannel channel) => Kind == MembraneKind.Delta ? 0 : channel == SynapseChannel.Inh ? TauInh : TauExc;
}

/// <summary>One stream of inputs onto population <paramref name="Target"/>: each neuron receives
/// <paramref name="InDegree"/> synapses (mean; fixed-probability rules: p·N_pre) from population
/// <paramref name="Source"/>, or, for <paramref name="Source"/> = −1, from independent Poisson sources firing at
/// <paramref name="ExternalRate"/>.</summary>
/// <param name="Target">Receiving population index.</param>
/// <param name="Source">Sending population index, or −1 for external Poisson input.</param>
/// <param name="InDegree">Mean number of such synapses per receiving neuron K_ab.</param>
/// <param name="WeightMean">Mean weight ⟨w⟩ in the channel's unit (V for delta, A for exp-current, S for conductance).</param>
/// <param name="WeightMeanSquare">⟨w²⟩ = ⟨w⟩² + Var w, same unit squared.</param>
/// <param name="Channel">Channel written to.</param>
/// <param name="Delays">Possible transmission delays, s.</param>
/// <param name="DelayProbabilities">Their probabilities (sum 1).</param>
/// <param name="ExternalRate">Rate of each external source, Hz (Source = −1 only).</param>
public sealed record ModelInput(int Target, int Source, double InDegree, double WeightMean, double WeightMeanSquare,
    SynapseChannel Channel, double[] Delays, double[] DelayProbabilities, double ExternalRate = 0)
{
    /// <summary>Mean delay, s.</summary>
    public double MeanDelay => Delays.Zip(DelayProbabilities, (d, p) => d * p).Sum();
}

/// <summary>
/// Population-level model of a spiking network of LIF populations: what the mean-field theory
/// (<see cref="NetworkPrediction"/>) needs — per population the membrane, per input stream the in-degree K, the
/// weight moments ⟨w⟩ and ⟨w²⟩, the channel (hence τ_s and E_rev) and the delay distribution.
/// </summary>
/// <remarks>
/// Diffusion approximation per population a at rates ν (Amit &amp; Brunel 1997; Brunel 2000 eqs. 4–5), each input
/// k giving membrane jumps J_k (V) with mean square J2_k:
/// <code>
///   delta:        τ = τ_m,  μ = E_L + R I + τ Σ_k K_k J_k ν_k,  σ² = τ Σ_k K_k J2_k ν_k,   J_k = ⟨w⟩,  J2_k = ⟨w²⟩
///   exp-current:  same with J_k = ⟨w⟩ τ_s/C, J2_k = ⟨w²⟩ τ_s²/C² (PSP area), threshold and reset shifted by
///                 Fourcaud &amp; Brunel (2002) Δ = σ (α/2) √(τ_s,eff/τ),  τ_s,eff = Σ_k σ_k² τ_s,k / σ²
///   conductance:  effective membrane (Kuhn, Aertsen &amp; Rotter 2004 J Neurosci 24:2345; Richardson 2004 Phys Rev E
///                 69:051918): g_x0 = Σ_{k∈x} K_k ⟨w⟩ τ_x ν_k, g_tot = g_L + g_e0 + g_i0, τ = C/g_tot,
///                 μ = (g_L E_L + g_e0 E_e + g_i0 E_i + I)/g_tot, J_k = ⟨w⟩ τ_x (E_x − μ)/C, J2_k = ⟨w²⟩ τ_x² (E_x − μ)²/C²,
///                 and the same Fourcaud–Brunel shift with τ_s/τ.
/// </code>
/// </remarks>
/// <param name="Populations">The populations.</param>
/// <param name="Inputs">The input streams (recurrent and external).</param>
public sealed record PopulationModel(ModelPopulation[] Populations, ModelInput[] Inputs)
{
    /// <summary>Number of populations P.</summary>
    public int Count => Populations.Length;

    /// <summary>Throws an ArgumentException naming the first invalid field.</summary>
    public PopulationModel Validated()
    {
        Guard.NotNull(Populations); Guard.NotNull(Inputs);
        if (Populations.Length == 0) throw new ArgumentException("Populations is empty: at least one population is required.", nameof(Populations));
        for (int a = 0; a < Populations.Length; a++)
        {
            var p = Guard.NotNull(Populations[a], $"Populations[{a}]");
            if (p.Size < 1) throw new ArgumentException($"Populations[{a}].Size = {p.Size} is invalid: it must be >= 1.", nameof(Populations));
            Guard.Positive(p.TauM, $"Populations[{a}].TauM");
            Guard.Positive(p.Capacitance, $"Populations[{a}].Capacitance");
            Guard.Finite(p.RestingPotential, $"Populations[{a}].RestingPotential");
            Guard.Finite(p.BiasCurrent, $"Populations[{a}].BiasCurrent");
            Guard.NonNegative(p.TauRef, $"Populations[{a}].TauRef");
            if (!(p.VReset < p.Theta) || !double.IsFinite(p.Theta))
                throw new ArgumentException($"Populations[{a}].VReset = {p.VReset} V is invalid: it must be below Theta = {p.Theta} V.", nameof(Populations));
            if (p.Kind != MembraneKind.Delta) { Guard.Positive(p.TauExc, $"Populations[{a}].TauExc"); Guard.Positive(p.TauInh, $"Populations[{a}].TauInh"); }
        }
        for (int k = 0; k < Inputs.Length; k++)
        {
            var i = Guard.NotNull(Inputs[k], $"Inputs[{k}]");
            string n = $"Inputs[{k}]";
            if (i.Target < 0 || i.Target >= Count) throw new ArgumentException($"{n}.Target = {i.Target} is invalid: it must be in [0, {Count - 1}].", nameof(Inputs));
            if (i.Source < -1 || i.Source >= Count) throw new ArgumentException($"{n}.Source = {i.Source} is invalid: it must be -1 (external) or in [0, {Count - 1}].", nameof(Inputs));
            Guard.NonNegative(i.InDegree, $"{n}.InDegree");
            Guard.Finite(i.WeightMean, $"{n}.WeightMean");
            if (!(i.WeightMeanSquare >= i.WeightMean * i.WeightMean * (1 - 1e-12)) || !double.IsFinite(i.WeightMeanSquare))
                throw new ArgumentException($"{n}.WeightMeanSquare = {i.WeightMeanSquare} is invalid: it must be finite and >= WeightMean^2 = {i.WeightMean * i.WeightMean}.", nameof(Inputs));
            bool delta = Populations[i.Target].Kind == MembraneKind.Delta;
            if (delta != (i.Channel == SynapseChannel.V))
                throw new ArgumentException($"{n}.Channel = {i.Channel} is invalid: a {Populations[i.Target].Kind} population takes {(delta ? "V" : "Exc or Inh")}.", nameof(Inputs));
            Guard.NotNull(i.Delays, $"{n}.Delays"); Guard.NotNull(i.DelayProbabilities, $"{n}.DelayProbabilities");
            if (i.Delays.Length == 0 || i.Delays.Length != i.DelayProbabilities.Length)
                throw new ArgumentException($"{n}.Delays has {i.Delays.Length} entries and DelayProbabilities {i.DelayProbabilities.Length}: they must be equal and >= 1.", nameof(Inputs));
            foreach (var d in i.Delays) Guard.NonNegative(d, $"{n}.Delays");
            foreach (var q in i.DelayProbabilities) Guard.NonNegative(q, $"{n}.DelayProbabilities");
            if (Math.Abs(i.DelayProbabilities.Sum() - 1) > 1e-9)
                throw new ArgumentException($"{n}.DelayProbabilities sum to {i.DelayProbabilities.Sum()}: they must sum to 1.", nameof(Inputs));
            if (i.Source == -1) Guard.NonNegative(i.ExternalRate, $"{n}.ExternalRate");
        }
        return this;
    }

    /// <summary>Mean input μ (V), noise σ (V), effective membrane time constant τ (s), effective synaptic time
    /// constant τ_s,eff (s) and per-input jumps J_k, J2_k of population <paramref name="a"/> at rates
    /// <paramref name="rates"/> (Hz); see the class remarks.</summary>
    public PopulationState State(int a, double[] rates)
    {
        var p = Populations[a];
        var jk = new double[Inputs.Length];
        var j2k = new double[Inputs.Length];
        double Rate(ModelInput i) => i.Source < 0 ? i.ExternalRate : rates[i.Source];
        double tau, mu;
        if (p.Kind == MembraneKind.Conductance)
        {
            double gL = p.Capacitance / p.TauM, ge = 0, gi = 0;
            foreach (var i in Inputs)
            {
                if (i.Target != a) continue;
                double g = i.InDegree * i.WeightMean * p.TauSyn(i.Channel) * Rate(i);
                if (i.Channel == SynapseChannel.Inh) gi += g; else ge += g;
            }
            double gt = gL + ge + gi;
            tau = p.Capacitance / gt;
            mu = (gL * p.RestingPotential + ge * p.ExcReversal + gi * p.InhReversal + p.BiasCurrent) / gt;
        }
        else
        {
            tau = p.TauM;
            mu = p.RestingPotential + p.TauM / p.Capacitance * p.BiasCurrent;
        }
        double var = 0, varTau = 0, drift = 0;
        for (int k = 0; k < Inputs.Length; k++)
        {
            var i = Inputs[k];
            if (i.Target != a) continue;
            double ts = p.TauSyn(i.Channel), scale = p.Kind switch
            {
                MembraneKind.Delta => 1.0,
                MembraneKind.ExpCurrent => ts / p.Capacitance,
                _ => ts * ((i.Channel == SynapseChannel.Inh ? p.InhReversal : p.ExcReversal) - mu) / p.Capacitance,
            };
            jk[k] = i.WeightMean * scale;
            j2k[k] = i.WeightMeanSquare * scale * scale;
            double r = Rate(i);
            if (p.Kind != MembraneKind.Conductance) drift += i.InDegree * jk[k] * r;
            double v = i.InDegree * j2k[k] * r;
            var += v; varTau += v * ts;
        }
        if (p.Kind != MembraneKind.Conductance) mu += tau * drift;
        double sigma = Math.Sqrt(tau * var);
        double tauS = var > 0 ? varTau / var : 0;
        return new PopulationState(mu, sigma, tau, tauS, jk, j2k);
    }

    /// <summary>The white-noise neuron of population <paramref name="a"/> in state <paramref name="s"/>: effective τ,
    /// θ and V_r shifted by the Fourcaud–Brunel Δ when τ_s,eff &gt; 0 (<see cref="SynapticFiltering"/>).</summary>
    public LifNeuron EffectiveNeuron(int a, PopulationState s)
    {
        var p = Populations[a];
        double d = s.TauS > 0 && s.Sigma > 0 ? SynapticFiltering.Shift(s.Sigma, s.TauS, s.Tau) : 0;
        return new LifNeuron(s.Tau, p.Theta + d, p.VReset + d, p.TauRef);
    }

    /// <summary>ln φ_a (rate in Hz) at rates <paramref name="rates"/>: the Siegert rate of the effective neuron; with
    /// σ = 0 the deterministic rate (or ≈ 0 below threshold).</summary>
    public double LogTransfer(int a, double[] rates)
    {
        var s = State(a, rates);
        var n = EffectiveNeuron(a, s);
        if (s.Sigma > 0) return Siegert.LogRate(s.Mu, s.Sigma, n);
        if (s.Mu <= n.Theta) return -745;
        return -Math.Log(n.TauRef + n.TauM * Math.Log((s.Mu - n.VReset) / (s.Mu - n.Theta)));
    }
}

/// <summary>Population a at given rates: μ, σ (V), effective τ (s), τ_s,eff (s), jumps J_k and ⟨J_k²⟩ (V, V²) of every
/// input k of the model (0 for inputs onto other populations).</summary>
/// <param name="Mu">Mean input μ, V.</param>
/// <param name="Sigma">Noise amplitude σ, V.</param>
/// <param name="Tau">Effective membrane time constant τ, s.</param>
/// <param name="TauS">Effective synaptic time constant τ_s,eff = Σ_k σ_k² τ_s,k / σ², s (0 for delta synapses).</param>
/// <param name="J">Mean membrane jump J_k of every input k, V (0 for inputs onto other populations).</param>
/// <param name="J2">Mean squared jump ⟨J_k²⟩ of every input k, V².</param>
public sealed record PopulationState(double Mu, double Sigma, double Tau, double TauS, double[] J, double[] J2);
