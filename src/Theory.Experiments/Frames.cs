using Deedle;
using Theory.Spiking;

namespace Theory.Experiments;

/// <summary>Monitors and results as Deedle frames (row key: record number; columns named with
/// their unit), for figures, notebooks and CSV export.</summary>
public static class Frames
{
    static Series<int, T> Column<T>(T[] values) => new(Enumerable.Range(0, values.Length), values);

    static Frame<int, string> Build(params (string Name, ISeries<int> Column)[] columns)
    {
        var b = new FrameBuilder.Columns<int, string>();
        foreach (var (name, column) in columns) b.Add(name, column);
        return b.Frame;
    }

    /// <summary>Columns time_s, neuron: one row per spike.</summary>
    public static Frame<int, string> Spikes(SpikeMonitor monitor) =>
        Spikes(monitor.Times, monitor.Indices);

    /// <summary>Columns time_s, neuron from parallel arrays.</summary>
    public static Frame<int, string> Spikes(double[] times, int[] neurons)
    {
        if (times.Length != neurons.Length)
            throw new ArgumentException($"neurons.Length = {neurons.Length} is invalid: it must equal times.Length = {times.Length}.", nameof(neurons));
        return Build(("time_s", Column(times)), ("neuron", Column(neurons)));
    }

    /// <summary>Columns time_s (bin start), rate_hz: the population rate in bins.</summary>
    public static Frame<int, string> Rate(RateMonitor monitor, double binWidth, double from = 0)
    {
        var r = monitor.Binned(binWidth, from);
        return Rate(r, binWidth, from);
    }

    /// <summary>Columns time_s (bin start), rate_hz from a binned rate.</summary>
    public static Frame<int, string> Rate(double[] rate, double binWidth, double from = 0) =>
        Build(("time_s", Column(rate.Select((_, k) => from + k * binWidth).ToArray())), ("rate_hz", Column(rate)));

    /// <summary>Columns time_s and one column per monitored neuron, named variable_index.</summary>
    public static Frame<int, string> State(StateMonitor monitor)
    {
        var cols = new List<(string, ISeries<int>)> { ("time_s", Column(monitor.Times)) };
        var values = monitor.Values;
        var neurons = monitor.Neurons;
        for (int k = 0; k < neurons.Length; k++) cols.Add(($"{monitor.Variable}_{neurons[k]}", Column(values[k])));
        return Build(cols.ToArray());
    }
}
