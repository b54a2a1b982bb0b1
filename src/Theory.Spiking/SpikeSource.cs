using System.Runtime.CompilerServices;

namespace Theory.Spiking;

/// <summary>
/// A group of presynaptic spike generators (no membrane): either independent Poisson trains —
/// each neuron spikes in a step with probability ν(t)·dt, Brian2's
/// <c>NeuronGroup(threshold='rand() &lt; rates*dt')</c> as in Jia, Vogels &amp; Costa's code, drawn
/// by skipping: the (step, neuron) trials of a block are independent Bernoulli(p) trials, so the
/// number of silent trials before the next spike is Geometric(p), one logarithm per spike instead
/// of a random number per neuron per step (exact; when p changes the pending gap is drawn anew,
/// which the memorylessness of the geometric law allows) — or
/// regular trains at rate ν (a spike in step n when ⌊(n+1)dt ν + φ_i⌋ &gt; ⌊n dt ν + φ_i⌋, phases
/// φ_i spread over [0, 1)). Rates in Hz; ν dt must stay ≤ 1. Also the postsynaptic side of
/// plastic synapses driven by given pre/post trains (its channel "in" discards input).
/// </summary>
public sealed class SpikeSource : Population
{
    readonly Func<double, double>? _rateOfTime;
    readonly double _rate;
    readonly bool _regular;
    readonly Xoshiro256[]? _rngs;
    readonly double[] _phase;
    double _p, _logQ;
    // per block: silent trials left before the next spike (counted from the block's first neuron
    // of the coming step), and the p it was drawn for
    readonly long[] _gap;
    readonly double[] _gapP;

    SpikeSource(string name, int size, double rate, Func<double, double>? rateOfTime, bool regular, Xoshiro256? rng)
        : base(name, size)
    {
        _rate = rate; _rateOfTime = rateOfTime; _regular = regular;
        _gap = new long[BlockCount];
        _gapP = new double[BlockCount];
        // one stream per block, derived from the given one: independent of the thread count
        if (rng != null)
        {
            _rngs = new Xoshiro256[BlockCount];
            for (int b = 0; b < BlockCount; b++) _rngs[b] = new Xoshiro256(rng.NextUInt64(), (ulong)b);
        }
        _phase = new double[size];
        for (int i = 0; i < size; i++) _phase[i] = regular ? (double)i / size : 0;
        AddChannel("in");
        _in = Channel("in");
    }

    readonly InputChannel _in;

    /// <summary>Independent Poisson trains at a constant rate (Hz, ≥ 0).</summary>
    public static SpikeSource Poisson(string name, int size, double rate, Xoshiro256 rng) =>
        new(name, size, Guard.NonNegative(rate), null, false, Guard.NotNull(rng));

    /// <summary>Independent Poisson trains at a time-varying rate ν(t) (Hz; t in s).</summary>
    public static SpikeSource Poisson(string name, int size, Func<double, double> rate, Xoshiro256 rng) =>
        new(name, size, 0, Guard.NotNull(rate), false, Guard.NotNull(rng));

    /// <summary>Regular trains at a constant rate (Hz, &gt; 0), neuron i with phase i/size.</summary>
    public static SpikeSource Regular(string name, int size, double rate) =>
        new(name, size, Guard.Positive(rate), null, true, null);

    /// <summary>The constant rate (Hz), or NaN for a time-varying one.</summary>
    public double Rate => _rateOfTime is null ? _rate : double.NaN;

    /// <inheritdoc/>
    public override IReadOnlyList<string> VariableNames { get; } = [];

    /// <summary>A spike source has no state variables: always throws.</summary>
    /// <param name="name">Any name.</param>
    /// <exception cref="ArgumentException">Always.</exception>
    public override float[] Variable(string name) =>
        throw new ArgumentException($"variable = '{name}' is invalid: spike source '{Name}' has no state variables.", nameof(name));

    /// <inheritdoc/>
    protected internal override void Prepare(double dt)
    {
        base.Prepare(dt);
        if (_rateOfTime is null && _rate * dt > 1)
            throw new ArgumentException($"rate = {_rate} Hz is invalid for dt = {dt} s: rate·dt must be <= 1.", "rate");
    }

    /// <summary>Evaluates the firing probability ν(t)·dt of the coming step (serial part of the step).</summary>
    protected internal override void BeforeStep(int step)
    {
        if (_regular) return;
        double p = (_rateOfTime is null ? _rate : _rateOfTime(step * Dt)) * Dt;
        if (!(p >= 0) || !double.IsFinite(p))
            throw new ArgumentException($"rate({step * Dt} s) = {p / Dt} Hz is invalid: rates must be finite and >= 0.", "rate");
        _p = p;
        _logQ = p < 1 ? Math.Log(1 - p) : double.NegativeInfinity;
    }

    /// <summary>Silent trials before the next spike: Geometric(p) on {0, 1, …} by inversion.</summary>
    static long SilentTrials(Xoshiro256 rng, double logQ)
    {
        if (double.IsNegativeInfinity(logQ)) return 0;
        double g = Math.Floor(Math.Log(1 - rng.NextDouble()) / logQ);
        return g < 1e15 ? (long)g : (long)1e15;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected internal override void Integrate(int step, int block)
    {
        int from = BlockStart(block), to = BlockEnd(block);
        if (_regular)
        {
            double a = step * Dt * _rate, b = (step + 1) * Dt * _rate;
            for (int i = from; i < to; i++)
                if (Math.Floor(b + _phase[i]) > Math.Floor(a + _phase[i])) EmitSpike(block, i);
            return;
        }
        double p = _p;
        if (p <= 0) { _gapP[block] = 0; return; }
        var rng = _rngs![block];
        if (_gapP[block] != p) { _gap[block] = SilentTrials(rng, _logQ); _gapP[block] = p; }
        long at = _gap[block], length = to - from;
        while (at < length)
        {
            EmitSpike(block, from + (int)at);
            at += 1 + SilentTrials(rng, _logQ);
        }
        _gap[block] = at - length;
    }

    /// <summary>A source has no membrane: input projected onto it (channel "in", so that it can
    /// stand as the postsynaptic side of a plastic projection) is discarded.</summary>
    protected internal override void ApplyInputsAndReset(int step, int block) =>
        _in.Slot(step)[BlockStart(block)..Math.Min(PaddedSize, (block + 1) * BlockSize)].Clear();
}
