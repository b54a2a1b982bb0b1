namespace Theory.Spiking;

/// <summary>Records every spike of a population as (step, neuron) in two compact int arrays.</summary>
public sealed class SpikeMonitor
{
    readonly GrowableBuffer<int> _steps = new("a spike monitor"), _ids = new("a spike monitor");
    readonly double _dt;
    readonly int _fromStep;

    /// <summary>The recorded population.</summary>
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
    readonly GrowableBuffer<int> _counts = new("a rate monitor");
    readonly double _dt;

    /// <summary>The recorded population.</summary>
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
/// the step (after input and reset). Each block of the population writes the samples of its own
/// neurons into room reserved for the run, so recording runs in the parallel part of the step.</summary>
public sealed class StateMonitor
{
    float[] _values = [];
    int[] _stepOf = [];
    int _samples, _runFirstK, _runSamples;
    readonly float[] _source;
    readonly int[] _neurons;
    // per block: positions (in _neurons) of the monitored neurons of that block
    readonly int[][] _positionsByBlock;
    readonly int _every;
    readonly double _dt;

    /// <summary>The recorded population.</summary>
    public Population Population { get; }
    /// <summary>Name of the recorded state variable.</summary>
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
        _positionsByBlock = Enumerable.Range(0, population.BlockCount)
            .Select(b => Enumerable.Range(0, _neurons.Length).Where(k => population.BlockOf(_neurons[k]) == b).ToArray())
            .ToArray();
        _every = Math.Max(1, (int)Math.Round(Guard.Positive(interval) / dt));
    }

    /// <summary>Makes room for the samples of steps [firstStep, firstStep + steps).</summary>
    internal void BeginRun(int firstStep, int steps)
    {
        // samples are taken at steps s with (s + 1) a multiple of every: s + 1 = k·every
        _runFirstK = firstStep / _every + 1;
        int lastK = (firstStep + steps) / _every;
        _runSamples = Math.Max(0, lastK - _runFirstK + 1);
        long need = (long)(_samples + _runSamples) * _neurons.Length;
        if (need > Array.MaxLength)
            throw new ArgumentException($"interval = {_every * _dt} s is invalid for this run: {need} samples exceed the largest array ({Array.MaxLength}); record fewer neurons, a longer interval or a shorter run.", "interval");
        KernelLimits.CheckMemory(need * 4.0, $"recording {_neurons.Length} neurons every {_every * _dt} s ({need} samples × 4 bytes)", "interval", (_every * _dt).ToString("R"));
        if (need > _values.Length) Array.Resize(ref _values, (int)Math.Max(need, Math.Min(Array.MaxLength, 2L * _values.Length)));
        if (_samples + _runSamples > _stepOf.Length) Array.Resize(ref _stepOf, Math.Max(_samples + _runSamples, 2 * _stepOf.Length));
    }

    /// <summary>Records the neurons of one block at the end of step <paramref name="step"/>.</summary>
    internal void Record(int step, int block)
    {
        if ((step + 1) % _every != 0) return;
        var positions = _positionsByBlock[block];
        if (positions.Length == 0) return;
        int n = _neurons.Length;
        long at = (long)(_samples + (step + 1) / _every - _runFirstK) * n;
        foreach (int k in positions) _values[at + k] = _source[_neurons[k]];
    }

    /// <summary>Counts the samples of steps before <paramref name="endStep"/> as taken.</summary>
    internal void EndRun(int endStep)
    {
        int taken = Math.Max(0, Math.Min(_runSamples, endStep / _every - _runFirstK + 1));
        for (int q = 0; q < taken; q++) _stepOf[_samples + q] = (_runFirstK + q) * _every - 1;
        _samples += taken;
        _runSamples = 0;
    }

    /// <summary>The monitored neuron indices.</summary>
    public int[] Neurons => (int[])_neurons.Clone();

    /// <summary>Sample times (s).</summary>
    public double[] Times => _stepOf.Take(_samples).Select(s => (s + 1) * _dt).ToArray();

    /// <summary>Values[neuron k][sample], SI units.</summary>
    public double[][] Values
    {
        get
        {
            int n = _neurons.Length, m = _samples;
            var r = new double[n][];
            for (int k = 0; k < n; k++)
            {
                r[k] = new double[m];
                for (int s = 0; s < m; s++) r[k][s] = _values[(long)s * n + k];
            }
            return r;
        }
    }
}
