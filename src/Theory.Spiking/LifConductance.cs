using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.InteropServices;

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
/// g keeps decaying in both. A conductance that decays into the subnormal range (|g| &lt; 2⁻¹²⁶ S, after
/// thousands of steps without input) is set to 0 (<see cref="Simd.FlushSubnormal(VF)"/>): V and every spike
/// are unchanged, and a silent population costs no floating-point assists.
/// Channels: "exc", "inh". Variables: "v", "threshold", "g_exc", "g_inh".
/// </summary>
public sealed class LifConductance : ConductanceLifPopulation
{
    float _decayE, _decayI;
    // float32 constants of the Euler update, fixed by Prepare: dt/C, g_L, E_L, E_e, E_i, the divergence bound
    float _k0, _gL, _eL, _eE, _eI, _bound;

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
        var p = Parameters;
        _k0 = (float)(dt / p.Capacitance);
        _gL = (float)p.LeakConductance;
        _eL = (float)p.RestingPotential;
        _eE = (float)ExcReversal;
        _eI = (float)InhReversal;
        _bound = (float)DivergenceBound;
    }

    /// <inheritdoc/>
    protected override void IntegrateBlock(int step, int block, int consumeStep)
    {
        if (Integrator == ConductanceIntegrator.Euler) IntegrateEuler(step, block, consumeStep);
        else IntegrateExponential(step, block, consumeStep);
    }


    /// <summary>The forward-Euler pass over one block: per vector of neurons, read the input slot and
    /// clear it (when consuming), V ← V + dt/C (g_L(E_L − V) + g_e(E_e − V) + g_i(E_i − V) + I) where
    /// active, g ← g·(1 − dt/τ), divergence and threshold tests — the floor's single fused loop.
    /// Specialised (JIT-time constants) on whether I is zero for the whole run (its array is then not
    /// read: V + dt/C·(x + 0) = V + dt/C·x except for the sign of an exactly zero V) and whether every
    /// neuron has the same threshold (one broadcast instead of an array read): two fewer 4-byte streams
    /// per neuron, which matters because a step of a few thousand neurons streams its state from L2.
    /// Sixteen lanes at a time where AVX-512 is available (<see cref="Simd.Wide"/>), eight for the rest;
    /// unchecked loads and stores off the arrays' first elements (the block's vector range lies inside
    /// every padded array and ring slot), so the loop carries no bounds checks. Every lane computes the
    /// same float operations in the same order as before (bit-identical results).</summary>
    void IntegrateEuler(int step, int block, int consumeStep)
    {
        if (RefractoryVoltage == RefractoryVoltage.Clamp) IntegrateEuler<No>(step, block, consumeStep);
        else IntegrateEuler<Yes>(step, block, consumeStep);
    }

    void IntegrateEuler<TThrough>(int step, int block, int consumeStep) where TThrough : struct, IFlag
    {
        if (ZeroCurrent)
        {
            if (UniformThreshold) IntegrateEuler<Yes, Yes, TThrough>(step, block, consumeStep);
            else IntegrateEuler<Yes, No, TThrough>(step, block, consumeStep);
        }
        else
        {
            if (UniformThreshold) IntegrateEuler<No, Yes, TThrough>(step, block, consumeStep);
            else IntegrateEuler<No, No, TThrough>(step, block, consumeStep);
        }
    }

    void IntegrateEuler<TNoCurrent, TUniformTheta, TThrough>(int step, int block, int consumeStep)
        where TNoCurrent : struct, IFlag where TUniformTheta : struct, IFlag where TThrough : struct, IFlag
    {
        bool consume = consumeStep >= 0;
        var now = VOps.Create(step);
        var k0 = VOps.Create(_k0);
        var gL = VOps.Create(_gL);
        var eL = VOps.Create(_eL);
        var eE = VOps.Create(_eE);
        var eI = VOps.Create(_eI);
        var de = VOps.Create(_decayE);
        var di = VOps.Create(_decayI);
        var th = VOps.Create(ThresholdValue);
        // divergence: the largest |V| bit pattern (for |V| ≥ 0 the int order of the bits is the float
        // order, NaN above +∞), compared with the bound once per block: one integer max per vector
        var vmax = VI.Zero;
        var through = TThrough.On ? VI.AllBitsSet : VI.Zero;
        const int w = Simd.Width;
        var (from, to) = VectorRange(block);
        var inEBuffer = ExcChannel.Buffer;
        var inIBuffer = InhChannel.Buffer;
        int inEOffset = ExcChannel.SlotOffset(consume ? consumeStep : 0);
        int inIOffset = InhChannel.SlotOffset(consume ? consumeStep : 0);
        ref float pv = ref MemoryMarshal.GetArrayDataReference(V);
        ref float pge = ref MemoryMarshal.GetArrayDataReference(Ge);
        ref float pgi = ref MemoryMarshal.GetArrayDataReference(Gi);
        ref float pth = ref MemoryMarshal.GetArrayDataReference(Theta);
        ref float pcur = ref MemoryMarshal.GetArrayDataReference(Current);
        ref int puntil = ref MemoryMarshal.GetArrayDataReference(RefractoryUntil);
        ref float inE = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(inEBuffer), inEOffset);
        ref float inI = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(inIBuffer), inIOffset);
        int k = from;
        if (Simd.Wide)
        {
            // two 8-lane vectors at a time as one 16-lane vector: the same lane-wise IEEE operations
            var now2 = Vector512.Create(step);
            var k02 = Vector512.Create(_k0);
            var gL2 = Vector512.Create(_gL);
            var eL2 = Vector512.Create(_eL);
            var eE2 = Vector512.Create(_eE);
            var eI2 = Vector512.Create(_eI);
            var de2 = Vector512.Create(_decayE);
            var di2 = Vector512.Create(_decayI);
            var th2 = Vector512.Create(ThresholdValue);
            var vmax2 = Vector512<int>.Zero;
            for (; k + 2 <= to; k += 2)
            {
                nuint o = (nuint)k * w;
                var untilK = Vector512.LoadUnsafe(ref puntil, o);
                var vk = Vector512.LoadUnsafe(ref pv, o);
                var gek = Vector512.LoadUnsafe(ref pge, o);
                var gik = Vector512.LoadUnsafe(ref pgi, o);
                if (consume)
                {
                    gek += Vector512.LoadUnsafe(ref inE, o); Vector512.StoreUnsafe(Vector512<float>.Zero, ref inE, o);
                    gik += Vector512.LoadUnsafe(ref inI, o); Vector512.StoreUnsafe(Vector512<float>.Zero, ref inI, o);
                }
                var drive = gL2 * (eL2 - vk) + gek * (eE2 - vk) + gik * (eI2 - vk);
                if (!TNoCurrent.On) drive += Vector512.LoadUnsafe(ref pcur, o);
                var next = vk + k02 * drive;
                // V: where active, or everywhere when V integrates through τ_ref (a JIT-time constant)
                // two comparisons of the refractory step, one per use: each then stays in a mask register
                // (one comparison feeding both the select and the spike bits is converted to a vector and back)
                vk = TThrough.On ? next : Vector512.ConditionalSelect(Vector512.GreaterThan(untilK, now2).AsSingle(), vk, next);
                Vector512.StoreUnsafe(vk, ref pv, o);
                Vector512.StoreUnsafe(Simd.FlushSubnormal(gek * de2), ref pge, o);
                Vector512.StoreUnsafe(Simd.FlushSubnormal(gik * di2), ref pgi, o);
                vmax2 = Vector512.Max(vmax2, Vector512.Abs(vk).AsInt32());
                // the two comparisons combined as bits (mask moves and a scalar and, no vector conversions)
                uint spiking = (uint)Vector512.GreaterThan(vk, TUniformTheta.On ? th2 : Vector512.LoadUnsafe(ref pth, o)).ExtractMostSignificantBits()
                               & (uint)Vector512.LessThanOrEqual(untilK, now2).ExtractMostSignificantBits();
                if (spiking != 0) EmitBits(spiking, k * w, block);
            }
            vmax = VOps.Max(vmax2.GetLower(), vmax2.GetUpper());
        }
        for (; k < to; k++)
        {
            nuint o = (nuint)k * w;
            var active = VOps.LessThanOrEqual(VOps.LoadUnsafe(ref puntil, o), now);
            var vk = VOps.LoadUnsafe(ref pv, o);
            var gek = VOps.LoadUnsafe(ref pge, o);
            var gik = VOps.LoadUnsafe(ref pgi, o);
            if (consume)
            {
                gek += VOps.LoadUnsafe(ref inE, o); VOps.StoreUnsafe(VF.Zero, ref inE, o);
                gik += VOps.LoadUnsafe(ref inI, o); VOps.StoreUnsafe(VF.Zero, ref inI, o);
            }
            var drive = gL * (eL - vk) + gek * (eE - vk) + gik * (eI - vk);
            if (!TNoCurrent.On) drive += VOps.LoadUnsafe(ref pcur, o);
            var next = vk + k0 * drive;
            vk = Simd.Select(active | through, next, vk);
            VOps.StoreUnsafe(vk, ref pv, o);
            VOps.StoreUnsafe(Simd.FlushSubnormal(gek * de), ref pge, o);
            VOps.StoreUnsafe(Simd.FlushSubnormal(gik * di), ref pgi, o);
            vmax = VOps.Max(vmax, VOps.Abs(vk).AsInt32());
            var spiking = active & Simd.Gt(vk, TUniformTheta.On ? th : VOps.LoadUnsafe(ref pth, o));
            if (spiking != VI.Zero) EmitMasked(spiking, k * w, block);
        }
        if (VOps.GreaterThanOrEqualAny(vmax, VOps.Create(Simd.BoundBits(_bound)))) ReportDivergence("v", V, step, block);
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
            ge[k] = Simd.FlushSubnormal(gek * de);
            gi[k] = Simd.FlushSubnormal(gik * di);
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
