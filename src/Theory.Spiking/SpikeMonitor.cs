namespace Theory.Spiking;

/// <summary>Records every spike of a population as (step, neuron) in two compact int arrays.</summary>
public sealed class SpikeMonitor
{
    readonly GrowableBuffer<int> _steps = new(), _ids = new();
    readonly double _dt;
    readonly int _fromStep;

    public Population Population { get; }

    internal SpikeMonitor(Population population, double dt, double from)
    {
        Population = population; _dt = dt;
        _fromStep = (int)Math.Round(Guard.NonNegative(from) / dt);
    }

    internal void Reserve(long steps, double expectedRate)
    {
        long expected = (long)(Math.Min(expectedRate * _dt, 1.0) * Population.Size * steps);
        _steps.Reserve(expected); _ids.Reserve(expected);
    }

    internal void Record(int step)
    {
        if (step < _fromStep) return;
        var spikes = Population.SpikesOfThisStep;
        for (int k = 0; k < spikes.Length; k++) { _steps.Add(step); _ids.Add(spikes[k]); }
    }

    /// <summary>Number of recorded spikes.</summary>
    public int Count => _ids.Count;

    /// <summary>Step index of each spike.</summary>
    public int[] Steps => _steps.ToArray();

    /// <summary>Spike times (s), in order of occurrence.</summary>
    public double[] Times
    {
        get
        {
            var s = _steps.Span;
            var t = new double[s.Length];
            for (int k = 0; k < s.Length; k++) t[k] = s[k] * _dt;
            return t;
        }
    }

    /// <summary>Neuron index of each spike.</summary>
    public int[] Indices => _ids.ToArray();

    /// <summary>Spike times (s) of each neuron.</summary>
    public double[][] Trains()
    {
        var counts = new int[Population.Size];
        foreach (var i in _ids.Span) counts[i]++;
        var trains = new double[Population.Size][];
        for (int i = 0; i < trains.Length; i++) trains[i] = new double[counts[i]];
        Array.Clear(counts);
        var steps = _steps.Span; var ids = _ids.Span;
        for (int k = 0; k < ids.Length; k++) trains[ids[k]][counts[ids[k]]++] = steps[k] * _dt;
        return trains;
    }
}

/// <summary>Records the number of spikes of a population in every step.</summary>
public sealed class RateMonitor
{
    readonly GrowableBuffer<int> _counts = new();
    readonly double _dt;

    public Population Population { get; }

    internal RateMonitor(Population population, double dt) { Population = population; _dt = dt; }

    internal void Reserve(long steps) => _counts.Reserve(steps);

    internal void Record() => _counts.Add(Population.SpikesThisStep);

    /// <summary>Spike count per step.</summary>
    public int[] Counts => _counts.ToArray();

    /// <summary>Population rate per step (Hz): count / (N dt).</summary>
    public double[] Rates => _counts.Span.ToArray().Select(c => c / (Population.Size * _dt)).ToArray();

    /// <summary>Population rate (Hz) in bins of <paramref name="binWidth"/> seconds (a whole
    /// number of steps), skipping the first <paramref name="from"/> seconds; a partial last bin
    /// is dropped.</summary>
    public double[] Binned(double binWidth, double from = 0)
    {
        int per = (int)Math.Round(Guard.Positive(binWidth) / _dt);
        if (per < 1) throw new ArgumentException($"binWidth = {binWidth} s is invalid: it must be at least dt = {_dt} s.", nameof(binWidth));
        int start = (int)Math.Round(Guard.NonNegative(from) / _dt);
        var c = _counts.Span;
        int bins = Math.Max(0, (c.Length - start) / per);
        var r = new double[bins];
        for (int b = 0; b < bins; b++)
        {
            long sum = 0;
            for (int k = 0; k < per; k++) sum += c[start + b * per + k];
            r[b] = sum / (Population.Size * per * _dt);
        }
        return r;
    }
}

/// <summary>Samples one state variable of chosen neurons every <c>interval</c>, at the end of
/// the step (after input and reset).</summary>
public sealed class StateMonitor
{
    readonly GrowableBuffer<float> _values = new();
    readonly GrowableBuffer<int> _steps = new();
    readonly float[] _source;
    readonly int[] _neurons;
    readonly int _every;
    readonly double _dt;

    public Population Population { get; }
    public string Variable { get; }

    internal StateMonitor(Population population, string variable, int[] neurons, double interval, double dt)
    {
        Population = population; Variable = variable; _dt = dt;
        _source = population.Variable(variable);
        Guard.NotNull(neurons);
        foreach (var i in neurons)
            if ((uint)i >= (uint)population.Size)
                throw new ArgumentException($"neurons contains {i}: the valid range is [0, {population.Size - 1}].", nameof(neurons));
        _neurons = (int[])neurons.Clone();
        _every = Math.Max(1, (int)Math.Round(Guard.Positive(interval) / dt));
    }

    internal void Reserve(long steps)
    {
        long samples = steps / _every + 1;
        _steps.Reserve(samples); _values.Reserve(samples * _neurons.Length);
    }

    internal void Record(int step)
    {
        if ((step + 1) % _every != 0) return;
        _steps.Add(step);
        foreach (var i in _neurons) _values.Add(_source[i]);
    }

    /// <summary>The monitored neuron indices.</summary>
    public int[] Neurons => (int[])_neurons.Clone();

    /// <summary>Sample times (s).</summary>
    public double[] Times => _steps.ToArray().Select(s => (s + 1) * _dt).ToArray();

    /// <summary>Values[neuron k][sample], SI units.</summary>
    public double[][] Values
    {
        get
        {
            int n = _neurons.Length, m = _steps.Count;
            var v = _values.Span;
            var r = new double[n][];
            for (int k = 0; k < n; k++)
            {
                r[k] = new double[m];
                for (int s = 0; s < m; s++) r[k][s] = v[s * n + k];
            }
            return r;
        }
    }
}
