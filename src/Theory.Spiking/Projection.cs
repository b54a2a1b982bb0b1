using System.Runtime.CompilerServices;
namespace Theory.Spiking;

/// <summary>
/// Static synapses from one population to a channel of another, stored as CSR rows by
/// presynaptic neuron: a 4-byte target index per synapse, one weight for the whole projection
/// unless per-synapse weights are set, one delay unless per-synapse delays are set (whole
/// steps). A spike of pre neuron i at step n adds its weights to the target channel's ring
/// slot n + d (Auryn's sparse connection; Morrison et al. 2005 ring buffer).
/// Rows are kept sorted by target and split at the target population's block boundaries (an
/// offset per row and interior boundary: 1 byte for rows of at most 255 synapses, else 2 or 4), so
/// that each block of the target receives its input from one thread, in a fixed order (spikes
/// in neuron order, each row in storage order): float sums do not depend on the thread count.
/// Weight units are those of the target channel: V for "v" of <see cref="LifDelta"/>, A for
/// current synapses, S for conductances.
/// </summary>
public class Projection
{
    /// <summary>CSR row offsets by presynaptic neuron: the synapses of pre neuron i are the slots RowStart[i] .. RowStart[i+1] − 1.</summary>
    protected readonly int[] RowStart;
    /// <summary>Postsynaptic neuron index of each synapse, in storage order (sorted by target within a row).</summary>
    protected readonly int[] Targets;
    readonly int[]? _permutation;
    // offsets of the interior block boundaries of each row from its start: (PostBlocks − 1) per row
    readonly byte[]? _splitByte;
    readonly ushort[]? _splitShort;
    readonly int[]? _splitInt;
    readonly int _postBlocks;
    readonly bool _static;
    // the splits are stored for rows [_splitFirst, _splitFirst + _splitRows) only: every row outside
    // is empty (e.g. the inhibitory rows of a projection from the excitatory part of a population)
    readonly int _splitFirst, _splitRows;
    float _weight;
    float[]? _weights;
    int _delay;
    ushort[]? _delays;

    /// <summary>Per-synapse weights in storage order (null when homogeneous); plastic
    /// projections (subclasses overriding <see cref="Deliver"/>) read and update them.</summary>
    protected float[]? SynapseWeights { get => _weights; set => _weights = value; }

    /// <summary>The homogeneous weight (used when <see cref="SynapseWeights"/> is null).</summary>
    protected float HomogeneousWeight => _weight;

    /// <summary>The homogeneous delay in steps (per-synapse delays: see <see cref="DelaySteps"/>).</summary>
    protected int HomogeneousDelay => _delay;

    /// <summary>Name used in messages.</summary>
    public string Name { get; }
    /// <summary>The presynaptic population.</summary>
    public Population Pre { get; }
    /// <summary>The postsynaptic (target) population.</summary>
    public Population Post { get; }

    /// <summary>The postsynaptic channel the synapses write to.</summary>
    public InputChannel Target { get; }

    /// <summary>Time step the projection was built for (s).</summary>
    public double Dt { get; }

    /// <summary>Builds a projection from CSR arrays (see <see cref="Connectivity.Build"/>);
    /// subclasses add plasticity by overriding <see cref="Deliver"/>, which runs after every
    /// population has integrated the step, so both pre- and postsynaptic spikes of the step are
    /// known there.</summary>
    protected internal Projection(string name, Population pre, Population post, InputChannel target, Csr csr,
        double weight, double delay, double dt)
    {
        Name = name; Pre = pre; Post = post; Target = target; Dt = dt;
        RowStart = csr.RowStart;
        Targets = csr.Targets;
        _permutation = csr.Permutation;
        SortRows(RowStart, Targets, _permutation);
        _weight = (float)Guard.Finite(weight);
        _delay = ToSteps(delay, nameof(delay));
        _postBlocks = post.BlockCount;
        _static = GetType() == typeof(Projection);
        if (_postBlocks > 1)
        {
            int rows = RowStart.Length - 1, inner = _postBlocks - 1;
            int first = 0, last = rows - 1;
            while (first < rows && RowStart[first + 1] == RowStart[first]) first++;
            while (last >= first && RowStart[last + 1] == RowStart[last]) last--;
            _splitFirst = first;
            _splitRows = Math.Max(0, last - first + 1);
            int longest = 0;
            for (int i = first; i <= last; i++) longest = Math.Max(longest, RowStart[i + 1] - RowStart[i]);
            long size = (long)_splitRows * inner;
            if (longest <= byte.MaxValue) _splitByte = new byte[size];
            else if (longest <= ushort.MaxValue) _splitShort = new ushort[size];
            else _splitInt = new int[size];
            for (int i = first; i <= last; i++)
            {
                int k = RowStart[i], e = RowStart[i + 1];
                for (int b = 1; b < _postBlocks; b++)
                {
                    int bound = post.BlockStart(b);
                    while (k < e && Targets[k] < bound) k++;
                    int off = k - RowStart[i];
                    long at = (long)(i - first) * inner + b - 1;
                    if (_splitByte != null) _splitByte[at] = (byte)off;
                    else if (_splitShort != null) _splitShort[at] = (ushort)off;
                    else _splitInt![at] = off;
                }
            }
        }
    }

    /// <summary>Sorts each row by target, stably (parallel synapses keep their order), and the
    /// list-order permutation with it.</summary>
    static void SortRows(int[] rowStart, int[] targets, int[]? permutation)
    {
        for (int i = 0; i + 1 < rowStart.Length; i++)
        {
            int a = rowStart[i], e = rowStart[i + 1];
            bool sorted = true;
            for (int k = a + 1; k < e && sorted; k++) sorted = targets[k - 1] <= targets[k];
            if (sorted) continue;
            // stable: sort by (target, original position)
            var keys = new long[e - a];
            for (int k = a; k < e; k++) keys[k - a] = ((long)targets[k] << 32) | (uint)(k - a);
            Array.Sort(keys);
            var perm = permutation is null ? null : permutation[a..e];
            for (int k = a; k < e; k++)
            {
                int from = (int)(keys[k - a] & 0xffffffff);
                targets[k] = (int)(keys[k - a] >> 32);
                if (permutation != null) permutation[k] = perm![from];
            }
        }
    }

    /// <summary>Start of the part of row <paramref name="row"/> whose targets lie in block
    /// <paramref name="block"/> of the target population (0 ≤ block ≤ its block count; the end
    /// of the part is the start of block + 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected int RowBlockStart(int row, int block)
    {
        if (block == 0) return RowStart[row];
        if (block >= _postBlocks) return RowStart[row + 1];
        int r = row - _splitFirst;
        if ((uint)r >= (uint)_splitRows) return RowStart[row]; // an empty row
        long at = (long)r * (_postBlocks - 1) + block - 1;
        return RowStart[row] + (_splitByte != null ? _splitByte[at] : _splitShort != null ? _splitShort[at] : _splitInt![at]);
    }

    int ToSteps(double delay, string name)
    {
        if (!(delay >= 0) || !double.IsFinite(delay))
            throw new ArgumentException($"{name} = {delay} s is invalid: it must be finite and >= 0.", name);
        double steps = Math.Round(delay / Dt);
        if (steps > ushort.MaxValue)
            throw new ArgumentException($"{name} = {delay} s is invalid: at most {ushort.MaxValue} steps ({ushort.MaxValue * Dt} s).", name);
        return (int)steps;
    }

    /// <summary>Number of synapses.</summary>
    public long Count => Targets.LongLength;

    /// <summary>The homogeneous weight, or NaN when weights are per synapse.</summary>
    public double Weight => _weights is null ? _weight : double.NaN;

    /// <summary>The homogeneous delay in steps, or -1 when delays are per synapse.</summary>
    public int DelaySteps => _delays is null ? _delay : -1;

    /// <summary>Largest delay in steps.</summary>
    public int MaxDelaySteps => _delays is null ? _delay : _delays.Max();

    /// <summary>Bytes of synapse storage per synapse (targets, per-synapse weights and delays,
    /// row pointers amortised).</summary>
    public double BytesPerSynapse =>
        Count == 0 ? 0 :
        (4.0 * Count + (_weights is null ? 0 : 4.0 * Count) + (_delays is null ? 0 : 2.0 * Count) + 4.0 * RowStart.Length
         + (_splitByte?.LongLength ?? 0) + 2.0 * (_splitShort?.LongLength ?? 0) + 4.0 * (_splitInt?.LongLength ?? 0) + 4.0 * (_permutation?.LongLength ?? 0)) / Count;

    /// <summary>Presynaptic index of each synapse, in storage order.</summary>
    public int[] Sources
    {
        get
        {
            var s = new int[Targets.Length];
            for (int i = 0; i < RowStart.Length - 1; i++)
                for (int k = RowStart[i]; k < RowStart[i + 1]; k++) s[k] = i;
            return s;
        }
    }

    /// <summary>Postsynaptic index of each synapse, in storage order.</summary>
    public int[] Destinations => (int[])Targets.Clone();

    /// <summary>Weight of each synapse, in storage order.</summary>
    public double[] Weights => _weights is null
        ? Enumerable.Repeat((double)_weight, Targets.Length).ToArray()
        : _weights.Select(w => (double)w).ToArray();

    /// <summary>Delay of each synapse in steps of <see cref="Dt"/>, in storage order (read-only copy).</summary>
    public int[] SynapseDelaySteps => _delays is null
        ? Enumerable.Repeat(_delay, Targets.Length).ToArray()
        : _delays.Select(d => (int)d).ToArray();

    /// <summary>Number of synapses each postsynaptic neuron receives.</summary>
    public int[] InDegrees()
    {
        var d = new int[Post.Size];
        foreach (var t in Targets) d[t]++;
        return d;
    }

    /// <summary>Sets one weight per synapse from a function of (pre, post).</summary>
    public void SetWeights(Func<int, int, double> weight)
    {
        Guard.NotNull(weight);
        var w = new float[Targets.Length];
        for (int i = 0; i < RowStart.Length - 1; i++)
            for (int k = RowStart[i]; k < RowStart[i + 1]; k++)
            {
                double x = weight(i, Targets[k]);
                if (!double.IsFinite(x))
                    throw new ArgumentException($"weight({i}, {Targets[k]}) = {x} is invalid: weights must be finite.", nameof(weight));
                w[k] = (float)x;
            }
        _weights = w;
    }

    /// <summary>Sets the per-synapse weights to <paramref name="weights"/>, one per synapse in storage
    /// order (the order of <see cref="Sources"/> and <see cref="Destinations"/>: rows by presynaptic
    /// neuron, each sorted by target). The array is taken over, not copied: the cheap way for a builder
    /// that draws the weights itself (no call per synapse, no second array).</summary>
    /// <exception cref="ArgumentException">A length other than <see cref="Count"/>, or a weight that is not finite.</exception>
    public void SetWeightsInStorageOrder(float[] weights)
    {
        Guard.NotNull(weights);
        if (weights.LongLength != Targets.LongLength)
            throw new ArgumentException($"weights.Length = {weights.LongLength} is invalid: it must equal the number of synapses {Targets.LongLength}.", nameof(weights));
        for (int k = 0; k < weights.Length; k++)
            if (!float.IsFinite(weights[k]))
                throw new ArgumentException($"weights[{k}] = {weights[k]} is invalid: weights must be finite.", nameof(weights));
        _weights = weights;
    }

    /// <summary>Sets the per-synapse delays to <paramref name="steps"/> whole steps of <see cref="Dt"/>, one
    /// per synapse in storage order (as <see cref="SetWeightsInStorageOrder"/>); the array is taken over, not copied.</summary>
    /// <exception cref="ArgumentException">A length other than <see cref="Count"/>.</exception>
    public void SetDelayStepsInStorageOrder(ushort[] steps)
    {
        Guard.NotNull(steps);
        if (steps.LongLength != Targets.LongLength)
            throw new ArgumentException($"steps.Length = {steps.LongLength} is invalid: it must equal the number of synapses {Targets.LongLength}.", nameof(steps));
        _delays = steps;
        Post.Owner?.Invalidate();
    }

    /// <summary>Per-synapse weights in the order of the pairs given to
    /// <see cref="Connectivity.Explicit"/>.</summary>
    public void SetWeightsInListOrder(double[] perListEntry)
    {
        Guard.AllFinite(perListEntry);
        if (_permutation is null)
            throw new ArgumentException("perListEntry is only valid for a projection built with Connectivity.Explicit.", nameof(perListEntry));
        if (perListEntry.Length != Targets.Length)
            throw new ArgumentException($"perListEntry.Length = {perListEntry.Length} is invalid: it must equal the number of synapses {Targets.Length}.", nameof(perListEntry));
        var w = new float[Targets.Length];
        for (int k = 0; k < w.Length; k++) w[k] = (float)perListEntry[_permutation[k]];
        _weights = w;
    }

    /// <summary>Sets one delay per synapse (s, rounded to whole steps) from a function of (pre, post).</summary>
    public void SetDelays(Func<int, int, double> delay)
    {
        Guard.NotNull(delay);
        var d = new ushort[Targets.Length];
        for (int i = 0; i < RowStart.Length - 1; i++)
            for (int k = RowStart[i]; k < RowStart[i + 1]; k++)
                d[k] = (ushort)ToSteps(delay(i, Targets[k]), nameof(delay));
        _delays = d;
        Post.Owner?.Invalidate();
    }

    /// <summary>Called once per step after every population has integrated it, outside the
    /// parallel part: per-presynaptic-neuron work of the step's spikes (short-term plasticity
    /// releases, presynaptic traces) that every target block then reads.</summary>
    protected internal virtual void OnPreSpikes(int step) { }

    /// <summary>Delivers step <paramref name="step"/>'s spikes to the targets in blocks
    /// [<paramref name="fromBlock"/>, <paramref name="toBlock"/>) of the target population (one unit
    /// of the step loop; units run concurrently). Static synapses deliver each row's part in one
    /// scan; a plastic projection, block by block through <see cref="Deliver(int, int)"/>.</summary>
    protected internal virtual void Deliver(int step, int fromBlock, int toBlock)
    {
        if (_static) { DeliverStatic(step, fromBlock, toBlock); return; }
        for (int b = fromBlock; b < toBlock; b++) Deliver(step, b);
    }

    /// <summary>Adds the weights of this step's presynaptic spikes to the delayed ring slots of
    /// the target neurons in block <paramref name="block"/>. Called once per step and block, blocks
    /// concurrently; does not allocate.</summary>
    protected internal virtual void Deliver(int step, int block) => DeliverStatic(step, block, block + 1);

    /// <summary>Static delivery into the targets of blocks [fromBlock, toBlock): for each spike in
    /// neuron order, the row's part in those blocks, in storage order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected unsafe void DeliverStatic(int step, int fromBlock, int toBlock)
    {
        int count = Pre.SpikeCount;
        if (count == 0) return;
        var spikes = Pre.SpikeBuffer;
        fixed (float* ring = Target.Buffer)
        fixed (int* targets = Targets)
        {
            if (_delays is null)
            {
                float* slot = ring + Target.SlotOffset(step + _delay);
                if (_weights is null)
                {
                    float w = _weight;
                    for (int s = 0; s < count; s++)
                    {
                        int i = spikes[s];
                        int* t = targets + RowBlockStart(i, fromBlock), end = targets + RowBlockStart(i, toBlock);
                        for (; t < end; t++) slot[*t] += w;
                    }
                }
                else
                {
                    fixed (float* weights = _weights)
                        for (int s = 0; s < count; s++)
                        {
                            int i = spikes[s];
                            for (int k = RowBlockStart(i, fromBlock), e = RowBlockStart(i, toBlock); k < e; k++) slot[targets[k]] += weights[k];
                        }
                }
            }
            else
            {
                fixed (ushort* delays = _delays)
                    for (int s = 0; s < count; s++)
                    {
                        int i = spikes[s];
                        for (int k = RowBlockStart(i, fromBlock), e = RowBlockStart(i, toBlock); k < e; k++)
                        {
                            float w = _weights is null ? _weight : _weights[k];
                            ring[Target.SlotOffset(step + delays[k]) + targets[k]] += w;
                        }
                    }
            }
        }
    }
}
