namespace Theory.Spiking;

/// <summary>
/// The kernel's size limits, checked before anything is allocated so that a network too large
/// for one array or for this machine's memory is refused with an <see cref="ArgumentException"/>
/// naming the parameter, the estimate and the limit (never an OverflowException or an
/// OutOfMemoryException half-way through a build).
/// </summary>
/// <remarks>
/// Arrays in .NET hold at most <see cref="Array.MaxLength"/> = 2 147 483 591 (2³¹ − 57) elements.
/// A population keeps several per-neuron arrays padded to the SIMD width, so its size is limited
/// to <see cref="MaxPopulationSize"/>; a projection keeps one 4-byte target per synapse in a single
/// array, so it holds at most <see cref="MaxSynapsesPerProjection"/> synapses. Memory is estimated
/// from the arrays that will be allocated and compared with <see cref="AvailableMemoryBytes"/>,
/// the memory the garbage collector may use on this machine (physical memory or the container's
/// limit, GCMemoryInfo.TotalAvailableMemoryBytes).
/// </remarks>
public static class KernelLimits
{
    /// <summary>Largest population: 2³⁰ = 1 073 741 824 neurons (well inside the array limit after
    /// SIMD padding; such a population needs at least 32 GB of state).</summary>
    public const int MaxPopulationSize = 1 << 30;

    /// <summary>Largest projection: <see cref="Array.MaxLength"/> synapses (one array of targets).</summary>
    public static int MaxSynapsesPerProjection => Array.MaxLength;

    /// <summary>Bytes per neuron of a population's state, a conservative bound over the models
    /// (membrane, threshold, input current, refractory clock, spike buffers, conductances).</summary>
    public const int BytesPerNeuron = 48;

    /// <summary>Bytes per static synapse: the 4-byte target index plus up to 4 bytes of delivery
    /// bookkeeping; plastic projections add their per-synapse state on top.</summary>
    public const int BytesPerSynapse = 8;

    static readonly AsyncLocal<long?> Budget = new();

    /// <summary>Memory the kernel may plan to use, bytes: GCMemoryInfo.TotalAvailableMemoryBytes, or
    /// the tighter budget of an enclosing <see cref="LimitMemory"/> scope.</summary>
    public static long AvailableMemoryBytes
    {
        get
        {
            long m = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
            if (m <= 0) m = long.MaxValue;
            return Budget.Value is long b ? Math.Min(b, m) : m;
        }
    }

    /// <summary>Plans networks built in the returned scope (this thread and the tasks it starts)
    /// against at most <paramref name="bytes"/> of memory, e.g. on a shared node; dispose to restore.</summary>
    public static IDisposable LimitMemory(long bytes)
    {
        if (bytes <= 0) throw new ArgumentException($"bytes = {bytes} is invalid: it must be >= 1.", nameof(bytes));
        var previous = Budget.Value;
        Budget.Value = bytes;
        return new Scope(() => Budget.Value = previous);
    }

    sealed class Scope(Action restore) : IDisposable
    {
        bool _done;
        public void Dispose() { if (!_done) { _done = true; restore(); } }
    }

    /// <summary>Throws an ArgumentException naming <paramref name="parameter"/> when
    /// <paramref name="bytes"/> (what: a description of the estimate) exceeds the available memory.</summary>
    internal static void CheckMemory(double bytes, string what, string parameter, string value)
    {
        long limit = AvailableMemoryBytes;
        if (bytes > limit)
            throw new ArgumentException(
                $"{parameter} = {value} is invalid: {what} needs an estimated {FormatBytes(bytes)}, more than the " +
                $"{FormatBytes(limit)} of memory available to this process. Reduce {parameter}.", parameter);
    }

    internal static string FormatBytes(double bytes) =>
        bytes >= 1e12 ? $"{bytes / 1e12:0.##} TB" : bytes >= 1e9 ? $"{bytes / 1e9:0.##} GB" :
        bytes >= 1e6 ? $"{bytes / 1e6:0.##} MB" : $"{bytes:0} bytes";

    /// <summary>Checks a population size against <see cref="MaxPopulationSize"/> and memory.</summary>
    internal static void CheckPopulationSize(int size, string parameter = "size")
    {
        if (size <= 0 || size > MaxPopulationSize)
            throw new ArgumentException(
                $"{parameter} = {size} is invalid: the valid range is [1, {MaxPopulationSize}] neurons.", parameter);
        CheckMemory((double)size * BytesPerNeuron, $"a population of {size} neurons ({BytesPerNeuron} bytes each)", parameter, size.ToString());
    }

    /// <summary>Checks the expected synapse count of a projection before it is built.</summary>
    internal static void CheckSynapses(double expected, string parameter, string value, string rule)
    {
        if (expected > MaxSynapsesPerProjection)
            throw new ArgumentException(
                $"{parameter} = {value} is invalid: {rule} gives about {expected:0} synapses, more than the " +
                $"{MaxSynapsesPerProjection} one projection can hold. Split the projection or reduce {parameter}.", parameter);
        CheckMemory(expected * BytesPerSynapse, $"{rule} ({expected:0} synapses × {BytesPerSynapse} bytes)", parameter, value);
    }
}
