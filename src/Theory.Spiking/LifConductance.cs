using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace Theory.Spiking;

/// <summary>Integration scheme of the conductance-based membrane.</summary>
public enum ConductanceIntegrator
{
    /// <summary>Forward Euler on V, g_e and g_i alike — Brian2's `method='euler'`, the scheme of
    /// the COBA benchmark (Brette et al. 2007): g ← g (1 − dt/τ_g).</summary>
    Euler,
    /// <summary>Exponential Euler: g decays exactly, V relaxes exactly towards the
    /// instantaneous equilibrium V∞ = (g_L E_L + g_e E_e + g_i E_i + I)/g_tot with time
    /// constant C/g_tot.</summary>
    ExponentialEuler,
}

/// <summary>
/// Leaky integrate-and-fire neuron with exponential synaptic conductances (Vogels &amp; Abbott 2005):
/// C dV/dt = g_L (E_L − V) + g_e (E_e − V) + g_i (E_i − V) + I,  dg_x/dt = −g_x/τ_x;
/// a spike adds w (S) to g_x. During τ_ref the threshold is blocked and, as
/// <see cref="RefractoryVoltage"/> says, V is either clamped at V_r (default) or keeps integrating
/// from V_r (Brian2 without <c>(unless refractory)</c>, the receiver of Jia, Vogels &amp; Costa 2022);
/// g keeps decaying in both. Channels: "exc", "inh". Variables: "v", "threshold", "g_exc", "g_inh".
/// </summary>
public sealed class LifConductance : ConductanceLifPopulation
{
    float _decayE, _decayI;

    /// <summary>The integration scheme (default Euler, as the COBA benchmark's peers).</summary>
    public ConductanceIntegrator Integrator { get; init; } = ConductanceIntegrator.Euler;

    /// <summary>What V does during the refractory period (default <see cref="Spiking.RefractoryVoltage.Clamp"/>).</summary>
    public RefractoryVoltage RefractoryVoltage { get; init; } = RefractoryVoltage.Clamp;

    /// <summary>All lanes set when V integrates through τ_ref: V ← next wherever (active | this mask).</summary>
    VI IntegrateThroughMask => RefractoryVoltage == RefractoryVoltage.Integrate ? VI.AllBitsSet : VI.Zero;

    /// <summary>A population of <paramref name="size"/> conductance-based LIF neurons.</summary>
    /// <param name="name">Population name, used in messages, monitors and frames.</param>
    /// <param name="size">Number of neurons, 1 … <see cref="KernelLimits.MaxPopulationSize"/> (and within the available memory).</param>
    /// <param name="parameters">Membrane parameters (validated).</param>
    /// <param name="excReversal">Excitatory reversal potential E_e, V (finite).</param>
    /// <param name="inhReversal">Inhibitory reversal potential E_i, V (finite).</param>
    /// <param name="tauExc">Excitatory conductance time constant τ_e, s (&gt; 0).</param>
    /// <param name="tauInh">Inhibitory conductance time constant τ_i, s (&gt; 0).</param>
    /// <exception cref="ArgumentException">A parameter outside its range.</exception>
    public LifConductance(string name, int size, LifParameters parameters,
        double excReversal, double inhReversal, double tauExc, double tauInh)
        : base(name, size, parameters, excReversal, inhReversal, tauExc, tauInh)
    {
    }

    /// <summary>The COBA benchmark neuron (Brette et al. 2007, benchmark 1): E_e = 0 mV,
    /// E_i = −80 mV, τ_e = 5 ms, τ_i = 10 ms on <see cref="LifParameters.VogelsAbbott2005"/>.</summary>
    public static LifConductance Coba(string name, int size) =>
        new(name, size, LifParameters.VogelsAbbott2005, 0.0, -0.080, 0.005, 0.010);

    /// <inheritdoc/>
    public override IReadOnlyList<string> VariableNames { get; } = ["v", "threshold", "g_exc", "g_inh"];

    /// <summary>The padded float32 array of state variable <paramref name="name"/> ("v", "threshold" (V), "g_exc", "g_inh" (S)), in SI units; writable before a run to set initial conditions.</summary>
    /// <param name="name">Variable name: "v", "threshold" (V), "g_exc", "g_inh" (S).</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a variable of this population.</exception>
    public override float[] Variable(string name) => ConductanceVariable(name) ?? throw UnknownVariable(name);

    /// <inheritdoc/>
    protected internal override void Prepare(double dt)
    {
        base.Prepare(dt);
        if (Integrator == ConductanceIntegrator.Euler)
        {
            _decayE = (float)(1 - dt / TauExc);
            _decayI = (float)(1 - dt / TauInh);
        }
        else
        {
            _decayE = (float)Math.Exp(-dt / TauExc);
            _decayI = (float)Math.Exp(-dt / TauInh);
        }
    }

    /// <inheritdoc/>
    protected override void IntegrateBlock(int step, int block, int consumeStep)
    {
        if (Integrator == ConductanceIntegrator.Euler) IntegrateEuler(step, block, consumeStep);
        else IntegrateExponential(step, block, consumeStep);
    }


    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void IntegrateEuler(int step, int block, int consumeStep)
    {
        var v = Vec(V);
        var ge = Vec(Ge);
        var gi = Vec(Gi);
        bool consume = consumeStep >= 0;
        var inE = Vec(ExcChannel.Slot(consume ? consumeStep : 0));
        var inI = Vec(InhChannel.Slot(consume ? consumeStep : 0));
        var theta = Vec(Theta);
        var current = Vec(Current);
        var until = Vec(RefractoryUntil);
        var now = VOps.Create(step);
        var p = Parameters;
        // V ← V + dt/C (g_L(E_L − V) + g_e(E_e − V) + g_i(E_i − V) + I)
        var k0 = VOps.Create((float)(Dt / p.Capacitance));
        var gL = VOps.Create((float)p.LeakConductance);
        var eL = VOps.Create((float)p.RestingPotential);
        var eE = VOps.Create((float)ExcReversal);
        var eI = VOps.Create((float)InhReversal);
        var de = VOps.Create(_decayE);
        var di = VOps.Create(_decayI);
        var bound = VOps.Create((float)DivergenceBound);
        var ok = VI.AllBitsSet;
        var through = IntegrateThroughMask;
        int w = Simd.Width;
        var (from, to) = VectorRange(block);
        for (int k = from; k < to; k++)
        {
            var active = VOps.LessThanOrEqual(until[k], now);
            var vk = v[k];
            var gek = ge[k];
            var gik = gi[k];
            if (consume)
            {
                gek += inE[k]; inE[k] = VF.Zero;
                gik += inI[k]; inI[k] = VF.Zero;
            }
            var next = vk + k0 * (gL * (eL - vk) + gek * (eE - vk) + gik * (eI - vk) + current[k]);
            vk = Simd.Select(active | through, next, vk);
            v[k] = vk;
            ge[k] = gek * de;
            gi[k] = gik * di;
            ok &= Simd.Lt(VOps.Abs(vk), bound);
            EmitMasked(active & Simd.Gt(vk, theta[k]), k * w, block);
        }
        if (ok != VI.AllBitsSet) ReportDivergence("v", V, step, block);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void IntegrateExponential(int step, int block, int consumeStep)
    {
        var v = Vec(V);
        var ge = Vec(Ge);
        var gi = Vec(Gi);
        bool consume = consumeStep >= 0;
        var inE = Vec(ExcChannel.Slot(consume ? consumeStep : 0));
        var inI = Vec(InhChannel.Slot(consume ? consumeStep : 0));
        var theta = Vec(Theta);
        var current = Vec(Current);
        var until = Vec(RefractoryUntil);
        var now = VOps.Create(step);
        var p = Parameters;
        var gL = VOps.Create((float)p.LeakConductance);
        var gLeL = VOps.Create((float)(p.LeakConductance * p.RestingPotential));
        var eE = VOps.Create((float)ExcReversal);
        var eI = VOps.Create((float)InhReversal);
        var minusDtOverC = VOps.Create((float)(-Dt / p.Capacitance));
        var de = VOps.Create(_decayE);
        var di = VOps.Create(_decayI);
        var bound = VOps.Create((float)DivergenceBound);
        var ok = VI.AllBitsSet;
        var through = IntegrateThroughMask;
        int w = Simd.Width;
        var (from, to) = VectorRange(block);
        for (int k = from; k < to; k++)
        {
            var active = VOps.LessThanOrEqual(until[k], now);
            var vk = v[k];
            var gek = ge[k];
            var gik = gi[k];
            if (consume)
            {
                gek += inE[k]; inE[k] = VF.Zero;
                gik += inI[k]; inI[k] = VF.Zero;
            }
            var gtot = gL + gek + gik;
            var vinf = (gLeL + gek * eE + gik * eI + current[k]) / gtot;
            var next = vinf + (vk - vinf) * SimdMath.Exp(minusDtOverC * gtot);
            vk = Simd.Select(active | through, next, vk);
            v[k] = vk;
            ge[k] = gek * de;
            gi[k] = gik * di;
            ok &= Simd.Lt(VOps.Abs(vk), bound);
            EmitMasked(active & Simd.Gt(vk, theta[k]), k * w, block);
        }
        if (ok != VI.AllBitsSet) ReportDivergence("v", V, step, block);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected internal override void ApplyInputsAndReset(int step, int block)
    {
        ConsumeConductances(step, block);
        ResetSpiked(step, block);
    }
}
