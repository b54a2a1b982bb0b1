using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.InteropServices;

namespace Theory.Spiking;

/// <summary>
/// Leaky integrate-and-fire neuron with current-based delta synapses (Brunel 2000):
/// τ dV/dt = −(V − E_L) + R I; a presynaptic spike moves V by the weight w (in V) at its arrival.
/// Integrated exactly: V(t+dt) = V∞ + (V − V∞) e^{−dt/τ}, V∞ = E_L + R I.
/// Channel: "v". Variables: "v", "threshold".
/// Step order (as Brian2): decay → threshold → add arriving input → reset.
/// </summary>
public sealed class LifDelta : LifPopulation
{
    readonly InputChannel _in;
    float _decay;

    /// <summary>What refractory neurons do with arriving input (default: clamp).</summary>
    public RefractoryInput RefractoryInput { get; init; } = RefractoryInput.Clamp;

    /// <summary>A population of <paramref name="size"/> LIF neurons with delta synapses (channel "v").</summary>
    /// <param name="name">Population name, used in messages, monitors and frames.</param>
    /// <param name="size">Number of neurons, 1 … <see cref="KernelLimits.MaxPopulationSize"/> (and within the available memory).</param>
    /// <param name="parameters">Membrane parameters (validated).</param>
    /// <exception cref="ArgumentException">A parameter outside its range.</exception>
    public LifDelta(string name, int size, LifParameters parameters) : base(name, size, parameters)
    {
        AddChannel("v");
        _in = Channel("v");
    }

    /// <inheritdoc/>
    public override IReadOnlyList<string> VariableNames { get; } = ["v", "threshold"];

    /// <summary>The padded float32 array of state variable <paramref name="name"/> ("v", "threshold" (V)), in SI units; writable before a run to set initial conditions.</summary>
    /// <param name="name">Variable name: "v", "threshold" (V).</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a variable of this population.</exception>
    public override float[] Variable(string name) => LifVariable(name) ?? throw UnknownVariable(name);

    /// <inheritdoc/>
    protected internal override void Prepare(double dt)
    {
        base.Prepare(dt);
        _decay = (float)Math.Exp(-dt / Parameters.Tau);
    }


    /// <summary>Fused: marks the block's spikes of <paramref name="consumeStep"/> refractory, then one
    /// SIMD pass adds that step's input (clamped or accumulated as <see cref="RefractoryInput"/> says),
    /// resets the marked neurons to V_r and integrates step <paramref name="step"/> — the arithmetic
    /// of <see cref="ApplyInputsAndReset"/> then <see cref="Integrate"/>. A neuron just reset is the one
    /// whose refractoriness ends at consumeStep + τ_ref/dt, unambiguous when τ_ref ≥ dt (else the
    /// two passes are used).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected internal override bool ApplyAndIntegrate(int consumeStep, int step, int block)
    {
        if (RefractorySteps < 1) return false;
        int until = consumeStep + RefractorySteps;
        foreach (int i in BlockSpikes(block)) RefractoryUntil[i] = until;
        ClearBlockSpikes(block);
        IntegrateBlock(step, block, consumeStep);
        return true;
    }

    /// <inheritdoc/>
    /// <remarks>One pass per block as <see cref="LifConductance"/>'s Euler pass: unchecked loads off the
    /// arrays' first elements, sixteen lanes at a time where AVX-512 is available, and specialised on a
    /// zero current (V∞ term R·I·(1 − e^{−dt/τ}) not read: x + 0 = x except for the sign of an exactly
    /// zero V) and a uniform threshold (broadcast). Same float operations in the same order per lane as
    /// the span version it replaced (bit-identical results).</remarks>
    protected override void IntegrateBlock(int step, int block, int consumeStep)
    {
        if (ZeroCurrent)
        {
            if (UniformThreshold) IntegrateBlock<Yes, Yes>(step, block, consumeStep);
            else IntegrateBlock<Yes, No>(step, block, consumeStep);
        }
        else
        {
            if (UniformThreshold) IntegrateBlock<No, Yes>(step, block, consumeStep);
            else IntegrateBlock<No, No>(step, block, consumeStep);
        }
    }

    void IntegrateBlock<TNoCurrent, TUniformTheta>(int step, int block, int consumeStep)
        where TNoCurrent : struct, IFlag where TUniformTheta : struct, IFlag
    {
        bool consume = consumeStep >= 0, clamp = RefractoryInput == RefractoryInput.Clamp;
        var inBuffer = _in.Buffer;
        ref float input = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(inBuffer), _in.SlotOffset(consume ? consumeStep : 0));
        ref float pv = ref MemoryMarshal.GetArrayDataReference(V);
        ref float pth = ref MemoryMarshal.GetArrayDataReference(Theta);
        ref float pcur = ref MemoryMarshal.GetArrayDataReference(Current);
        ref int puntil = ref MemoryMarshal.GetArrayDataReference(RefractoryUntil);
        float vrS = (float)Parameters.Reset, gainS = (1 - _decay) * (float)Parameters.Resistance,
              restS = (1 - _decay) * (float)Parameters.RestingPotential, boundS = (float)DivergenceBound, thS = ThresholdValue;
        int justResetS = consumeStep + RefractorySteps;
        // divergence: the largest |V| bit pattern (for |V| ≥ 0 the int order of the bits is the float
        // order, NaN above +∞), compared with the bound once per block: one integer max per vector
        var vmax = VI.Zero;
        const int w = Simd.Width;
        var (from, to) = VectorRange(block);
        int k = from;
        if (Simd.Wide)
        {
            var consumed = Vector512.Create(consumeStep);
            var justReset = Vector512.Create(justResetS);
            var vr = Vector512.Create(vrS);
            var now = Vector512.Create(step);
            var decay = Vector512.Create(_decay);
            var gain = Vector512.Create(gainS);
            var rest = Vector512.Create(restS);
            var th = Vector512.Create(thS);
            var vmax2 = Vector512<int>.Zero;
            for (; k + 2 <= to; k += 2)
            {
                nuint o = (nuint)k * w;
                var uk = Vector512.LoadUnsafe(ref puntil, o);
                var vk = Vector512.LoadUnsafe(ref pv, o);
                if (consume)
                {
                    var ik = Vector512.LoadUnsafe(ref input, o);
                    Vector512.StoreUnsafe(Vector512<float>.Zero, ref input, o);
                    vk += clamp ? Vector512.ConditionalSelect(Vector512.LessThanOrEqual(uk, consumed).AsSingle(), ik, Vector512<float>.Zero) : ik;
                    vk = Vector512.ConditionalSelect(Vector512.Equals(uk, justReset).AsSingle(), vr, vk);
                }
                var next = vk * decay + rest;
                if (!TNoCurrent.On) next += gain * Vector512.LoadUnsafe(ref pcur, o);
                // one comparison of the refractory step per use, so that each stays in a mask register
                vk = Vector512.ConditionalSelect(Vector512.GreaterThan(uk, now).AsSingle(), vk, next);
                Vector512.StoreUnsafe(vk, ref pv, o);
                vmax2 = Vector512.Max(vmax2, Vector512.Abs(vk).AsInt32());
                // the two masks combined as bits (kmov and a scalar and): the JIT keeps them in mask registers
                uint spiking = (uint)Vector512.GreaterThan(vk, TUniformTheta.On ? th : Vector512.LoadUnsafe(ref pth, o)).ExtractMostSignificantBits()
                               & (uint)Vector512.LessThanOrEqual(uk, now).ExtractMostSignificantBits();
                if (spiking != 0) EmitBits(spiking, k * w, block);
            }
            vmax = VOps.Max(vmax2.GetLower(), vmax2.GetUpper());
        }
        {
            var consumed = VOps.Create(consumeStep);
            var justReset = VOps.Create(justResetS);
            var vr = VOps.Create(vrS);
            var now = VOps.Create(step);
            var decay = VOps.Create(_decay);
            var gain = VOps.Create(gainS);
            var rest = VOps.Create(restS);
            var th = VOps.Create(thS);
            for (; k < to; k++)
            {
                nuint o = (nuint)k * w;
                var uk = VOps.LoadUnsafe(ref puntil, o);
                var vk = VOps.LoadUnsafe(ref pv, o);
                if (consume)
                {
                    var ik = VOps.LoadUnsafe(ref input, o);
                    VOps.StoreUnsafe(VF.Zero, ref input, o);
                    vk += clamp ? Simd.Select(VOps.LessThanOrEqual(uk, consumed), ik, VF.Zero) : ik;
                    vk = Simd.Select(VOps.Equals(uk, justReset), vr, vk);
                }
                var active = VOps.LessThanOrEqual(uk, now);
                var next = vk * decay + rest;
                if (!TNoCurrent.On) next += gain * VOps.LoadUnsafe(ref pcur, o);
                vk = Simd.Select(active, next, vk);
                VOps.StoreUnsafe(vk, ref pv, o);
                vmax = VOps.Max(vmax, VOps.Abs(vk).AsInt32());
                var spiking = active & Simd.Gt(vk, TUniformTheta.On ? th : VOps.LoadUnsafe(ref pth, o));
                if (spiking != VI.Zero) EmitMasked(spiking, k * w, block);
            }
        }
        if (VOps.GreaterThanOrEqualAny(vmax, VOps.Create(Simd.BoundBits(boundS)))) ReportDivergence("v", V, step, block);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected internal override void ApplyInputsAndReset(int step, int block)
    {
        var v = Vec(V);
        var input = Vec(_in.Slot(step));
        var (from, to) = VectorRange(block);
        if (RefractoryInput == RefractoryInput.Accumulate)
        {
            for (int k = from; k < to; k++) v[k] += input[k];
        }
        else
        {
            var until = Vec(RefractoryUntil);
            var now = VOps.Create(step);
            for (int k = from; k < to; k++)
                v[k] += Simd.Select(VOps.LessThanOrEqual(until[k], now), input[k], VF.Zero);
        }
        input[from..to].Clear();
        ResetSpiked(step, block);
    }
}
