using System.Numerics;

namespace Theory.Spiking;

/// <summary>
/// A group of neurons sharing one model: state as float32 structure-of-arrays, padded to a
/// multiple of the SIMD width so that updates run in whole vectors. This is the pluggable unit
/// of the kernel: a model overrides <see cref="Integrate"/> (advance the state one step and
/// detect spikes) and <see cref="ApplyInputsAndReset"/> (consume this step's synaptic input,
/// reset the neurons that spiked). Padding lanes are permanently refractory and never spike.
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

    internal readonly int[] SpikeBuffer;
    internal int SpikeCount;

    /// <summary>|state| bound beyond which the simulation is declared diverged (model units;
    /// 1 V for LIF membranes).</summary>
    public double DivergenceBound { get; init; } = 1.0;

    /// <summary>Time step the population was prepared for (set by the network).</summary>
    protected double Dt { get; private set; }

    internal Network? Owner { get; set; }

    protected Population(string name, int size)
    {
        Guard.NotNull(name);
        if (size <= 0)
            throw new ArgumentException($"size = {size} is invalid: a population needs at least 1 neuron.", nameof(size));
        Name = name;
        Size = size;
        int w = Vector<float>.Count;
        PaddedSize = (size + w - 1) / w * w;
        RefractoryUntil = new int[PaddedSize];
        for (int i = size; i < PaddedSize; i++) RefractoryUntil[i] = int.MaxValue;
        Current = new float[PaddedSize];
        SpikeBuffer = new int[size];
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

    /// <summary>Advances the state from step n to n+1 and records the neurons that spiked
    /// (through <see cref="EmitSpike"/>). Must not allocate.</summary>
    protected internal abstract void Integrate(int step);

    /// <summary>Adds the synaptic input of this step (its ring slot) to the target variables,
    /// clears the slot, and resets the neurons that spiked in <see cref="Integrate"/>.</summary>
    protected internal abstract void ApplyInputsAndReset(int step);

    /// <summary>Number of spikes in the current step.</summary>
    public int SpikesThisStep => SpikeCount;

    /// <summary>Indices of the neurons that spiked in the current step.</summary>
    public ReadOnlySpan<int> SpikesOfThisStep => SpikeBuffer.AsSpan(0, SpikeCount);

    internal void ClearSpikes() => SpikeCount = 0;

    protected void EmitSpike(int neuron) => SpikeBuffer[SpikeCount++] = neuron;

    /// <summary>Throws <see cref="SimulationDivergedException"/> naming the first neuron whose
    /// variable is not finite or beyond the bound.</summary>
    protected void ReportDivergence(string variable, float[] values, int step)
    {
        for (int i = 0; i < Size; i++)
        {
            float v = values[i];
            if (!(Math.Abs(v) < DivergenceBound))
                throw new SimulationDivergedException(Name, step * Dt, i, variable, v, DivergenceBound);
        }
    }
}
