namespace Theory.Spiking;

/// <summary>
/// A spike source that plays given spike trains (no membrane): neuron i spikes in every step
/// listed for it. It realises protocols that the independent trains of <see cref="SpikeSource"/>
/// cannot, as the pre- or postsynaptic side of <see cref="CalciumSynapseProjection"/> — e.g. the
/// correlated pre/post pairs of Graupner, Wallisch &amp; Ostojic (2016), J. Neurosci. 36:11238,
/// where a postsynaptic spike follows (or precedes) a presynaptic one by Δt, which needs the
/// future of the presynaptic train when Δt &lt; 0. Steps count from step 0 of the network; a step
/// listed twice for one neuron gives one spike; steps before the network's current step are
/// never emitted. Input projected onto it (channel "in") is discarded.
/// </summary>
public sealed class CalciumSynapseDriver : Population
{
    // steps that hold spikes (ascending) and, per such step, its neurons (ascending): CSR
    readonly int[] _steps, _start, _neurons;
    readonly InputChannel _in;

    /// <summary>Builds the source from the spike steps of each neuron.</summary>
    /// <param name="name">Population name.</param>
    /// <param name="spikeSteps">Per neuron (the array's length is the population size, ≥ 1), the
    /// steps (≥ 0, any order) in which it spikes.</param>
    /// <exception cref="ArgumentException">An empty population or a negative step.</exception>
    public CalciumSynapseDriver(string name, int[][] spikeSteps)
        : base(name, Guard.NotNull(spikeSteps).Length)
    {
        var events = new List<long>();
        for (int i = 0; i < spikeSteps.Length; i++)
        {
            var s = spikeSteps[i] ?? throw new ArgumentException($"spikeSteps[{i}] is null: give an empty array for a silent neuron.", nameof(spikeSteps));
            foreach (int step in s)
            {
                if (step < 0)
                    throw new ArgumentException($"spikeSteps[{i}] holds step {step}, which is invalid: the valid range is [0, {int.MaxValue}].", nameof(spikeSteps));
                events.Add(((long)step << 32) | (uint)i);
            }
        }
        events.Sort();
        var steps = new List<int>();
        var start = new List<int>();
        var neurons = new List<int>();
        long previous = -1;
        foreach (long e in events)
        {
            if (e == previous) continue;
            int step = (int)(e >> 32), neuron = (int)(e & 0xffffffff);
            if (steps.Count == 0 || steps[^1] != step) { steps.Add(step); start.Add(neurons.Count); }
            neurons.Add(neuron);
            previous = e;
        }
        start.Add(neurons.Count);
        _steps = [.. steps]; _start = [.. start]; _neurons = [.. neurons];
        AddChannel("in");
        _in = Channel("in");
    }

    /// <summary>Number of spikes the source holds (after merging repeated steps of one neuron).</summary>
    public int SpikeTotal => _neurons.Length;

    /// <inheritdoc/>
    public override IReadOnlyList<string> VariableNames { get; } = [];

    /// <summary>A spike source has no state variables: always throws.</summary>
    /// <param name="name">Any name.</param>
    /// <exception cref="ArgumentException">Always.</exception>
    public override float[] Variable(string name) =>
        throw new ArgumentException($"variable = '{name}' is invalid: spike source '{Name}' has no state variables.", nameof(name));

    /// <inheritdoc/>
    protected internal override void Integrate(int step, int block)
    {
        int k = Array.BinarySearch(_steps, step);
        if (k < 0) return;
        int from = BlockStart(block), to = BlockEnd(block);
        for (int q = _start[k], e = _start[k + 1]; q < e; q++)
        {
            int n = _neurons[q];
            if (n >= from && n < to) EmitSpike(block, n);
        }
    }

    /// <summary>Discards the input of this step (channel "in").</summary>
    protected internal override void ApplyInputsAndReset(int step, int block) =>
        _in.Slot(step)[BlockStart(block)..Math.Min(PaddedSize, (block + 1) * BlockSize)].Clear();
}
