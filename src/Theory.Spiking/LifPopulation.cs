using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Theory.Spiking;

/// <summary>
/// Shared part of the leaky integrate-and-fire models: membrane potential, per-neuron
/// threshold (heterogeneous if set), refractoriness and reset. Subclasses add the synapse
/// type and the subthreshold update.
/// </summary>
public abstract class LifPopulation : Population
{
    /// <summary>Membrane potential V (V), padded.</summary>
    protected readonly float[] V;

    /// <summary>Per-neuron threshold θ_i (V); all equal to <see cref="LifParameters.Threshold"/>
    /// unless changed through <c>Variable("threshold")</c>.</summary>
    protected readonly float[] Theta;

    /// <summary>The membrane parameters.</summary>
    public LifParameters Parameters { get; }

    /// <summary>Refractory period in whole steps (τ_ref/dt rounded).</summary>
    protected int RefractorySteps { get; private set; }

    /// <summary>V starts at the resting potential, every threshold at <see cref="LifParameters.Threshold"/>.</summary>
    /// <param name="name">Population name, used in messages, monitors and frames.</param>
    /// <param name="size">Number of neurons, 1 … <see cref="KernelLimits.MaxPopulationSize"/> (and within the available memory).</param>
    /// <param name="parameters">Membrane parameters (validated).</param>
    /// <exception cref="ArgumentException">A parameter outside its range.</exception>
    protected LifPopulation(string name, int size, LifParameters parameters) : base(name, size)
    {
        Guard.NotNull(parameters);
        parameters.Validate();
        Parameters = parameters;
        V = AlignedArray.Create<float>(PaddedSize);
        Theta = AlignedArray.Create<float>(PaddedSize);
        Array.Fill(V, (float)parameters.RestingPotential, 0, size);
        Array.Fill(Theta, (float)parameters.Threshold);
    }

    /// <inheritdoc/>
    protected internal override void Prepare(double dt)
    {
        base.Prepare(dt);
        RefractorySteps = (int)Math.Round(Parameters.RefractoryPeriod / dt);
    }

    /// <summary>True for the current run when every neuron has the same threshold
    /// (<see cref="ThresholdValue"/>): the update may broadcast it instead of reading <see cref="Theta"/>.
    /// Set by <see cref="BeginRun"/> from the array as it is when the run starts.</summary>
    protected bool UniformThreshold { get; private set; }

    /// <summary>The common threshold when <see cref="UniformThreshold"/> (V).</summary>
    protected float ThresholdValue { get; private set; }

    /// <summary>True for the current run when <see cref="Population.Current"/> is zero everywhere
    /// (padding included) and no input may change it during the run: the update may skip the
    /// + I term. Set by <see cref="BeginRun"/>.</summary>
    protected bool ZeroCurrent { get; private set; }

    /// <inheritdoc/>
    protected internal override void BeginRun(bool currentMayChange)
    {
        base.BeginRun(currentMayChange);
        float t0 = Theta[0];
        bool uniform = true;
        for (int i = 1; i < Size && uniform; i++) uniform = Theta[i] == t0 && !float.IsNaN(Theta[i]);
        UniformThreshold = uniform && !float.IsNaN(t0);
        ThresholdValue = t0;
        ZeroCurrent = !currentMayChange && !Current.AsSpan().ContainsAnyExcept(0f);
    }

    /// <inheritdoc/>
    protected internal override void CheckRunAssumptions()
    {
        if (ZeroCurrent && Current.AsSpan().ContainsAnyExcept(0f))
            throw new InvalidOperationException(
                $"population '{Name}': Current was written during Network.Run (from the progress callback); the run reads it only " +
                "if it is non-zero at the start or an Input writes it: write it between runs or through an Input.");
        if (UniformThreshold && Theta.AsSpan(0, Size).ContainsAnyExcept(ThresholdValue))
            throw new InvalidOperationException(
                $"population '{Name}': the threshold was written during Network.Run (from the progress callback); the run uses " +
                "the threshold as it was at the start: write it between runs.");
    }

    /// <summary>Variables common to every LIF: "v" and "threshold".</summary>
    protected float[]? LifVariable(string name) => name switch
    {
        "v" => V,
        "threshold" => Theta,
        _ => null,
    };

    /// <summary>The exception for a variable name this population does not have, listing the valid names.</summary>
    /// <param name="name">The unknown variable name.</param>
    protected ArgumentException UnknownVariable(string name) =>
        new($"name = '{name}' is not a variable of population '{Name}': valid names are {string.Join(", ", VariableNames)}.", nameof(name));

    /// <summary>Records the lanes of <paramref name="mask"/> that are set as spikes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected void EmitMasked(VI mask, int baseIndex, int block) => EmitBits(Simd.Bits(mask), baseIndex, block);

    /// <summary>Records neuron <paramref name="baseIndex"/> + l as a spike for every bit l set in <paramref name="bits"/>, in ascending order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected void EmitBits(uint bits, int baseIndex, int block)
    {
        while (bits != 0)
        {
            EmitSpike(block, baseIndex + System.Numerics.BitOperations.TrailingZeroCount(bits));
            bits &= bits - 1;
        }
    }

    /// <summary>Advances block <paramref name="block"/> to step <paramref name="step"/>; when
    /// <paramref name="consumeStep"/> ≥ 0, first adds that step's input to the synaptic variables
    /// (clearing the slot) in the same SIMD pass. Must not allocate.</summary>
    protected abstract void IntegrateBlock(int step, int block, int consumeStep);

    /// <summary>The reset of the block's spikes of <paramref name="step"/> (default: <see cref="ResetSpiked"/>).</summary>
    protected virtual void ResetBlock(int step, int block) => ResetSpiked(step, block);

    /// <inheritdoc/>
    protected internal override void Integrate(int step, int block) => IntegrateBlock(step, block, -1);

    /// <summary>Fused: the reset of <paramref name="consumeStep"/>'s spikes, then one SIMD pass adds
    /// that step's input and integrates step <paramref name="step"/> — the arithmetic of
    /// <see cref="Population.ApplyInputsAndReset"/> then <see cref="Integrate(int, int)"/> for every
    /// model whose input touches only synaptic variables and whose reset touches none of them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected internal override bool ApplyAndIntegrate(int consumeStep, int step, int block)
    {
        ResetBlock(consumeStep, block);
        ClearBlockSpikes(block);
        IntegrateBlock(step, block, consumeStep);
        return true;
    }

    /// <summary>V = V_r and refractoriness until step + τ_ref/dt for the neurons of the block that spiked.</summary>
    protected void ResetSpiked(int step, int block)
    {
        float vr = (float)Parameters.Reset;
        int until = step + RefractorySteps;
        var spikes = BlockSpikes(block);
        for (int k = 0; k < spikes.Length; k++)
        {
            int i = spikes[k];
            V[i] = vr;
            RefractoryUntil[i] = until;
        }
    }

    /// <summary>Adds the input of this step (the channel's ring slot) to a synaptic state
    /// variable and clears the slot (SIMD).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected void Consume(float[] state, InputChannel channel, int step, int block)
    {
        var (from, to) = VectorRange(block);
        var x = Vec(state);
        var input = Vec(channel.Slot(step));
        for (int k = from; k < to; k++) { x[k] += input[k]; input[k] = VF.Zero; }
    }

    /// <summary>Span of whole SIMD vectors over a padded array.</summary>
    protected static Span<VF> Vec(float[] a) => MemoryMarshal.Cast<float, VF>(a.AsSpan());

    /// <summary>Span of whole SIMD vectors over a padded int array.</summary>
    protected static Span<VI> Vec(int[] a) => MemoryMarshal.Cast<int, VI>(a.AsSpan());

    /// <summary>Span of whole SIMD vectors over a ring slot.</summary>
    protected static Span<VF> Vec(Span<float> a) => MemoryMarshal.Cast<float, VF>(a);
}
