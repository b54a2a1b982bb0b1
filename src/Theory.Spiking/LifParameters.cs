namespace Theory.Spiking;

/// <summary>
/// Membrane of a leaky integrate-and-fire neuron, SI units:
/// C dV/dt = −g_L (V − E_L) + I_syn + I, spike when V &gt; θ, then V = V_r for τ_ref.
/// τ = C/g_L.
/// </summary>
/// <param name="Tau">Membrane time constant τ (s).</param>
/// <param name="Capacitance">Membrane capacitance C (F).</param>
/// <param name="RestingPotential">Leak reversal E_L (V).</param>
/// <param name="Threshold">Spike threshold θ (V).</param>
/// <param name="Reset">Reset potential V_r (V).</param>
/// <param name="RefractoryPeriod">Absolute refractory period τ_ref (s).</param>
public sealed record LifParameters(
    double Tau, double Capacitance, double RestingPotential, double Threshold, double Reset, double RefractoryPeriod)
{
    /// <summary>Brunel (2000) J. Comput. Neurosci. 8:183, model A: τ = 20 ms, θ = 20 mV,
    /// V_r = 10 mV, τ_rp = 2 ms, potentials measured from rest (E_L = 0); C = 250 pF is
    /// immaterial for delta synapses and sets the scale of currents.</summary>
    public static LifParameters Brunel2000 { get; } = new(0.020, 250e-12, 0.0, 0.020, 0.010, 0.002);

    /// <summary>Vogels &amp; Abbott (2005) J. Neurosci. 25:10786 / Brette et al. (2007)
    /// benchmark 1 (COBA): τ = 20 ms, C = 200 pF (g_L = 10 nS), E_L = −60 mV, θ = −50 mV,
    /// V_r = −60 mV, τ_ref = 5 ms.</summary>
    public static LifParameters VogelsAbbott2005 { get; } = new(0.020, 200e-12, -0.060, -0.050, -0.060, 0.005);

    /// <summary>A copy with the given fields changed — the F# spelling of C#'s `with`:
    /// <c>p.With(threshold = 0.015)</c>.</summary>
    public LifParameters With(double? tau = null, double? capacitance = null, double? restingPotential = null,
        double? threshold = null, double? reset = null, double? refractoryPeriod = null) =>
        new(tau ?? Tau, capacitance ?? Capacitance, restingPotential ?? RestingPotential,
            threshold ?? Threshold, reset ?? Reset, refractoryPeriod ?? RefractoryPeriod);

    /// <summary>Leak conductance g_L = C/τ (S).</summary>
    public double LeakConductance => Capacitance / Tau;

    /// <summary>Membrane resistance R = τ/C (Ω).</summary>
    public double Resistance => Tau / Capacitance;

    internal void Validate()
    {
        Guard.Positive(Tau);
        Guard.Positive(Capacitance);
        Guard.Finite(RestingPotential);
        Guard.Finite(Threshold);
        Guard.Finite(Reset);
        Guard.NonNegative(RefractoryPeriod);
        if (!(Reset < Threshold))
            throw new ArgumentException($"Reset = {Reset} V is invalid: it must be below Threshold = {Threshold} V.", nameof(Reset));
    }
}

/// <summary>What a refractory neuron does with delta-synaptic input that arrives while it is
/// clamped.</summary>
public enum RefractoryInput
{
    /// <summary>Discarded: V stays at V_r (Brunel 2000; NEST's iaf_psc_delta default; Brian2 2.5,
    /// whose generated code gates `v += w` of a `(unless refractory)` variable by not_refractory).</summary>
    Clamp,
    /// <summary>Added to V although the leak is not integrated, so the neuron may fire as soon
    /// as τ_ref ends (an ungated synaptic update).</summary>
    Accumulate,
}

/// <summary>What the membrane potential of a conductance LIF does during the refractory period
/// (the threshold is blocked in both).</summary>
public enum RefractoryVoltage
{
    /// <summary>V is held at V_r until τ_ref ends (NEST's iaf_cond_exp; Brian2 with
    /// <c>(unless refractory)</c> on dV/dt).</summary>
    Clamp,
    /// <summary>V integrates its equation from V_r through τ_ref and the neuron spikes at the first
    /// step after τ_ref where V &gt; θ (Brian2 with <c>refractory=</c> and no <c>(unless refractory)</c>,
    /// as in Jia, Vogels &amp; Costa 2022, djia/dev-stp).</summary>
    Integrate,
}
