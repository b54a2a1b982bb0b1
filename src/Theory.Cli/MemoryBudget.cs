namespace Theory.Cli;

/// <summary>
/// A network's memory estimated before it is built: synapses (a 4-byte target index each, doubled for the
/// temporaries of construction), neuron state and monitors. A run whose estimate exceeds 80 % of the memory
/// available to the process is refused with the estimate (exit 2) instead of failing part-way.
/// </summary>
internal static class MemoryBudget
{
    /// <summary>Bytes per synapse while a projection is built (4-byte index and construction temporaries).</summary>
    public const double BytesPerSynapse = 8;

    /// <summary>Bytes per neuron (state variables, spike buffers, delay rings).</summary>
    public const double BytesPerNeuron = 256;

    public static void Check(string option, string value, double synapses, double neurons, double monitorBytes = 0)
    {
        double bytes = synapses * BytesPerSynapse + neurons * BytesPerNeuron + monitorBytes;
        double available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (available > 0 && bytes > 0.8 * available)
            throw new ArgumentException(
                $"{option} = {value} needs ≈ {bytes / 1e9:0.#} GB ({synapses:0.###e0} synapses, {neurons:0.###e0} neurons), "
                + $"more than the {0.8 * available / 1e9:0.#} GB this process may use: choose a smaller {option}.", option);
    }
}
