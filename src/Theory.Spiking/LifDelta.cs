using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.Intrinsics;

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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void IntegrateBlock(int step, int block, int consumeStep)
    {
        bool consume = consumeStep >= 0, clamp = RefractoryInput == RefractoryInput.Clamp;
        var input = Vec(_in.Slot(consume ? consumeStep : 0));
        var consumed = VOps.Create(consumeStep);
        var justReset = VOps.Create(consumeStep + RefractorySteps);
        var vr = VOps.Create((float)Parameters.Reset);
        var v = Vec(V);
        var theta = Vec(Theta);
        var current = Vec(Current);
        var until = Vec(RefractoryUntil);
        var now = VOps.Create(step);
        var decay = VOps.Create(_decay);
        var gain = VOps.Create((1 - _decay) * (float)Parameters.Resistance);
        var rest = VOps.Create((1 - _decay) * (float)Parameters.RestingPotential);
        var bound = VOps.Create((float)DivergenceBound);
        var ok = VI.AllBitsSet;
        int w = Simd.Width;
        var (from, to) = VectorRange(block);
        for (int k = from; k < to; k++)
        {
            var uk = until[k];
            var vk = v[k];
            if (consume)
            {
                var ik = input[k];
                input[k] = VF.Zero;
                vk += clamp ? Simd.Select(VOps.LessThanOrEqual(uk, consumed), ik, VF.Zero) : ik;
                vk = Simd.Select(VOps.Equals(uk, justReset), vr, vk);
            }
            var active = VOps.LessThanOrEqual(uk, now);
            var next = vk * decay + rest + gain * current[k];
            vk = Simd.Select(active, next, vk);
            v[k] = vk;
            ok &= Simd.Lt(VOps.Abs(vk), bound);
            EmitMasked(active & Simd.Gt(vk, theta[k]), k * w, block);
        }
        if (ok != VI.AllBitsSet) ReportDivergence("v", V, step, block);
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
