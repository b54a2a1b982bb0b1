using System.Numerics;

namespace Theory.Spiking;

/// <summary>
/// A group of neurons sharing one model: state as float32 structure-of-arrays, padded to a
/// multiple of the SIMD width so that updates run in whole vectors. This is the pluggable unit
/// of the kernel: a model overrides <see cref="Integrate"/> (advance the state one step and
/// detect spikes) and <see cref="ApplyInputsAndReset"/> (consume this step's synaptic input,
/// reset the neurons that spiked). Padding lanes are permanently refractory and never spike.
/// The neurons are split into at most <see cref="MaxBlocks"/> fixed blocks of
/// <see cref="BlockSize"/> neurons (the last one shorter): the unit of work of the threaded step
/// loop. Both calls work on one block, and the layout depends on the size only, never on the
/// thread count, so neither do the results.
/// </summary>
public abstract class Population
{
    readonly Dictionary<string, InputChannel> _channels = new(StringComparer.Ordinal);
    readonly List<InputChannel> _channelList = new();

    /// <summary>Name used in messages, monitors and frames.</summary>
    public string Name { get; }

    /// <summary>Number of neurons.</summary>
    public int Size { get; }

    /// <summary>Size rounded up to a whole number of SIMD vectors.</summary>
    public int PaddedSize { get; }

    /// <summary>Step index from which each neuron integrates again (refractoriness ends).
    /// A neuron is refractory at step n iff n &lt; RefractoryUntil[i].</summary>
    protected internal int[] RefractoryUntil { get; }

    /// <summary>Constant (or externally driven) current per neuron, in A. Time-varying current
    /// inputs overwrite it before each step.</summary>
    public float[] Current { get; }

    /// <summary>Smallest block (neurons), a multiple of every SIMD width.</summary>
    public const int MinBlockSize = 1024;

    /// <summary>Most blocks per population: enough units for 2–16 threads, few enough that the
    /// per-block bookkeeping of delivery (row splits, one scan of the spikes per block) stays
    /// small next to the synaptic events.</summary>
    public const int MaxBlocks = 8;

    /// <summary>Neurons per block: the smallest multiple of <see cref="MinBlockSize"/> that cuts
    /// the population into at most <see cref="MaxBlocks"/> blocks. Depends on the size only, so
    /// results do not depend on the thread count.</summary>
    public int BlockSize { get; }

    /// <summary>Number of blocks, ⌈Size / BlockSize⌉.</summary>
    public int BlockCount { get; }

    // spikes of the current step in neuron order, merged from the blocks (one slot of the history ring)
    internal int[] SpikeBuffer;
    internal int SpikeCount;
    // the merged spikes of the last History steps (ring by step), for delayed readers
    int[][] _history;
    int[] _historyCount;
    int[] _historyStep;
    // spikes found by each block in the step being integrated (block b at offset b·BlockSize)
    readonly int[] _blockSpikes;
    readonly int[] _blockSpikeCount;

    /// <summary>|state| bound beyond which the simulation is declared diverged (model units;
    /// 1 V for LIF membranes).</summary>
    public double DivergenceBound { get; init; } = 1.0;

    /// <summary>Time step the population was prepared for (set by the network).</summary>
    protected double Dt { get; private set; }

    internal Network? Owner { get; set; }

    /// <summary>Allocates the padded state and the block layout of <paramref name="size"/> neurons.</summary>
    /// <param name="name">Population name, used in messages, monitors and frames.</param>
    /// <param name="size">Number of neurons, 1 … <see cref="KernelLimits.MaxPopulationSize"/> (and within the available memory).</param>
    /// <exception cref="ArgumentException">A parameter outside its range.</exception>
    protected Population(string name, int size)
    {
        Guard.NotNull(name);
        KernelLimits.CheckPopulationSize(size);
        Name = name;
        Size = size;
        int w = Simd.Width;
        PaddedSize = (size + w - 1) / w * w;
        RefractoryUntil = AlignedArray.Create<int>(PaddedSize);
        for (int i = size; i < PaddedSize; i++) RefractoryUntil[i] = int.MaxValue;
        Current = AlignedArray.Create<float>(PaddedSize);
        int perBlock = (size + MaxBlocks - 1) / MaxBlocks;
        BlockSize = Math.Max(MinBlockSize, (perBlock + MinBlockSize - 1) / MinBlockSize * MinBlockSize);
        BlockCount = (size + BlockSize - 1) / BlockSize;
        _blockSpikes = new int[PaddedSize];
        _blockSpikeCount = new int[BlockCount];
        _history = [new int[size]];
        _historyCount = new int[1];
        _historyStep = [-1];
        SpikeBuffer = _history[0];
    }

    /// <summary>First neuron of block <paramref name="block"/>.</summary>
    public int BlockStart(int block) => block * BlockSize;

    /// <summary>One past the last neuron of block <paramref name="block"/> (not padded).</summary>
    public int BlockEnd(int block) => Math.Min(Size, (block + 1) * BlockSize);

    /// <summary>Block of neuron <paramref name="neuron"/>.</summary>
    public int BlockOf(int neuron) => neuron / BlockSize;

    /// <summary>Range [from, to) of SIMD vectors of block <paramref name="block"/> (padding included).</summary>
    protected (int From, int To) VectorRange(int block)
    {
        int w = Simd.Width;
        return (block * BlockSize / w, Math.Min(PaddedSize, (block + 1) * BlockSize) / w);
    }

    /// <summary>Keeps the merged spikes of at least <paramref name="steps"/> past steps (for delayed
    /// readers such as calcium arrivals); only between runs.</summary>
    internal void RequireHistory(int steps)
    {
        if (steps <= _history.Length) return;
        var h = new int[steps][];
        var c = new int[steps];
        var st = new int[steps];
        Array.Fill(st, -1);
        for (int k = 0; k < steps; k++) h[k] = new int[Size];
        for (int k = 0; k < _history.Length; k++)
        {
            int step = _historyStep[k];
            if (step < 0) continue;
            int slot = step % steps;
            Array.Copy(_history[k], h[slot], _historyCount[k]);
            c[slot] = _historyCount[k]; st[slot] = step;
        }
        _history = h; _historyCount = c; _historyStep = st;
        int last = Array.IndexOf(st, st.Max());
        SpikeBuffer = _history[last]; SpikeCount = c[last];
    }

    /// <summary>The merged spikes of step <paramref name="step"/> (empty if it is older than the
    /// history kept or has not been simulated).</summary>
    internal ReadOnlySpan<int> SpikesAt(int step)
    {
        if (step < 0) return default;
        int slot = step % _history.Length;
        return _historyStep[slot] == step ? _history[slot].AsSpan(0, _historyCount[slot]) : default;
    }

    /// <summary>Forgets the spikes of block <paramref name="block"/> before it integrates a step.</summary>
    protected internal void ClearBlockSpikes(int block) => _blockSpikeCount[block] = 0;

    /// <summary>The spikes found by block <paramref name="block"/> in its last integration.</summary>
    protected internal ReadOnlySpan<int> BlockSpikes(int block) =>
        _blockSpikes.AsSpan(block * BlockSize, _blockSpikeCount[block]);

    /// <summary>Concatenates the blocks' spikes of step <paramref name="step"/> in neuron order into
    /// the history slot of that step (serial part of the step).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal void MergeSpikes(int step)
    {
        int slot = step % _history.Length;
        var dst = _history[slot];
        int n = 0;
        for (int b = 0; b < BlockCount; b++)
        {
            int c = _blockSpikeCount[b];
            if (c == 0) continue;
            Array.Copy(_blockSpikes, b * BlockSize, dst, n, c);
            n += c;
        }
        _historyCount[slot] = n; _historyStep[slot] = step;
        SpikeBuffer = dst; SpikeCount = n;
    }

    /// <summary>Declares an input channel (a synaptic target variable).</summary>
    protected void AddChannel(string name)
    {
        var c = new InputChannel(name, PaddedSize);
        _channels.Add(name, c);
        _channelList.Add(c);
    }

    /// <summary>The names of the synaptic input channels ("v", or "exc"/"inh", ...).</summary>
    public IReadOnlyList<string> ChannelNames => _channelList.Select(c => c.Name).ToArray();

    /// <summary>The channel called <paramref name="name"/>; null picks the only channel.</summary>
    public InputChannel Channel(string? name = null)
    {
        if (name is null)
        {
            if (_channelList.Count == 1) return _channelList[0];
            throw new ArgumentException($"target is required for population '{Name}': choose one of {string.Join(", ", ChannelNames)}.", "target");
        }
        if (_channels.TryGetValue(name, out var c)) return c;
        throw new ArgumentException($"target = '{name}' is not a channel of population '{Name}': valid channels are {string.Join(", ", ChannelNames)}.", "target");
    }

    internal IReadOnlyList<InputChannel> Channels => _channelList;

    /// <summary>Names of the state variables that can be read and monitored.</summary>
    public abstract IReadOnlyList<string> VariableNames { get; }

    /// <summary>The raw (padded) float32 array of a state variable, in SI units; writable
    /// before a run to set initial conditions.</summary>
    public abstract float[] Variable(string name);

    /// <summary>Copies the first <see cref="Size"/> values of a state variable.</summary>
    public double[] Get(string name) => Variable(name).AsSpan(0, Size).ToArray().Select(x => (double)x).ToArray();

    /// <summary>Sets a state variable of every neuron from a function of the neuron index.</summary>
    public void Set(string name, Func<int, double> value)
    {
        var a = Variable(name);
        for (int i = 0; i < Size; i++)
        {
            double v = value(i);
            if (!double.IsFinite(v))
                throw new ArgumentException($"value({i}) = {v} is invalid for '{name}' of population '{Name}': it must be finite.", nameof(value));
            a[i] = (float)v;
        }
    }

    /// <summary>Sets a state variable to independent uniform values on [low, high).</summary>
    public void SetUniform(string name, double low, double high, Xoshiro256 rng)
    {
        Guard.Finite(low); Guard.Finite(high);
        if (high < low) throw new ArgumentException($"high = {high} is invalid: it must be >= low = {low}.", nameof(high));
        Set(name, _ => low + (high - low) * rng.NextDouble());
    }

    /// <summary>Sets a state variable to independent normal values N(mean, sd²).</summary>
    public void SetNormal(string name, double mean, double sd, Xoshiro256 rng)
    {
        Guard.Finite(mean); Guard.NonNegative(sd);
        Set(name, _ => mean + sd * rng.NextNormal());
    }

    /// <summary>Precomputes step-dependent constants (decay factors) for time step dt.</summary>
    protected internal virtual void Prepare(double dt) => Dt = dt;

    /// <summary>Called at the start of every <see cref="Network.Run"/>, after <see cref="Prepare"/>:
    /// a model may note properties of its state that hold for the whole run (a uniform threshold,
    /// a zero current), read from the arrays as they are now. State arrays (<see cref="Current"/>,
    /// <see cref="Variable"/>) are therefore to be written between runs — or, for a current that
    /// changes with time, through an <see cref="Input"/> (<paramref name="currentMayChange"/> is
    /// then true) — not from a progress callback during a run.</summary>
    /// <param name="currentMayChange">Whether an input of the run may write <see cref="Current"/>.</param>
    protected internal virtual void BeginRun(bool currentMayChange) { }

    /// <summary>Called after each progress callback of a run: throws if a state array was written in a
    /// way that breaks what <see cref="BeginRun"/> noted for the run (the run would silently ignore the write).</summary>
    /// <exception cref="InvalidOperationException">A state array was changed from the progress callback.</exception>
    protected internal virtual void CheckRunAssumptions() { }

    /// <summary>Called once before step <paramref name="step"/> is integrated, outside the
    /// parallel part (evaluate time-dependent parameters here, not in <see cref="Integrate"/>).</summary>
    protected internal virtual void BeforeStep(int step) { }

    /// <summary>Advances the neurons of block <paramref name="block"/> from step n to n+1 and
    /// records those that spiked (through <see cref="EmitSpike"/>). Must not allocate, and must
    /// touch no other block's neurons (blocks run concurrently).</summary>
    protected internal abstract void Integrate(int step, int block);

    /// <summary>Adds the synaptic input of this step (its ring slot) to the target variables of
    /// block <paramref name="block"/>, clears that part of the slot, and resets the block's
    /// neurons that spiked in <see cref="Integrate"/> (<see cref="BlockSpikes"/>).</summary>
    protected internal abstract void ApplyInputsAndReset(int step, int block);

    /// <summary>Optional fusion of <see cref="ApplyInputsAndReset"/> (step <paramref name="consumeStep"/>)
    /// and <see cref="Integrate"/> (step <paramref name="step"/>) of one block in one pass over the
    /// state; must clear the block's spikes (<see cref="ClearBlockSpikes"/>) between the two. Returns
    /// false (the default) when the model has none; the loop then calls the two in turn.</summary>
    protected internal virtual bool ApplyAndIntegrate(int consumeStep, int step, int block) => false;

    /// <summary>Number of spikes in the current step.</summary>
    public int SpikesThisStep => SpikeCount;

    /// <summary>Indices of the neurons that spiked in the current step.</summary>
    public ReadOnlySpan<int> SpikesOfThisStep => SpikeBuffer.AsSpan(0, SpikeCount);

    /// <summary>Records a spike of <paramref name="neuron"/> (which must lie in <paramref name="block"/>);
    /// neurons of a block must be emitted in ascending order.</summary>
    protected void EmitSpike(int block, int neuron) => _blockSpikes[block * BlockSize + _blockSpikeCount[block]++] = neuron;

    /// <summary>Throws <see cref="SimulationDivergedException"/> naming the first neuron of the
    /// block whose variable is not finite or beyond the bound.</summary>
    protected void ReportDivergence(string variable, float[] values, int step, int block)
    {
        for (int i = BlockStart(block), end = BlockEnd(block); i < end; i++)
        {
            float v = values[i];
            if (!(Math.Abs(v) < DivergenceBound))
                throw new SimulationDivergedException(Name, step * Dt, i, variable, v, DivergenceBound);
        }
    }
}
