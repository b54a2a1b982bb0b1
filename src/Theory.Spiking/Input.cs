using System.Runtime.CompilerServices;
namespace Theory.Spiking;

/// <summary>An external drive of a population: either a current set before the state update,
/// or events added to a channel's slot of the current step after spike delivery. The per-block
/// calls run concurrently for different blocks of the target population.</summary>
public abstract class Input
{
    /// <summary>The population this input drives.</summary>
    public Population Target { get; }

    /// <summary>An input to <paramref name="target"/>.</summary>
    /// <param name="target">The driven population (not null).</param>
    protected Input(Population target) => Target = Guard.NotNull(target);

    /// <summary>Called once before step n, outside the parallel part (evaluate functions of time here).</summary>
    protected internal virtual void BeforeStep(int step, double dt) { }

    /// <summary>Called before the state update of step n for one block of the target (for currents).</summary>
    protected internal virtual void BeforeIntegrate(int step, int block) { }

    /// <summary>Called after spike delivery of step n for one block of the target (for input events).</summary>
    protected internal virtual void Deliver(int step, int block) { }

    /// <summary>Precomputes what depends on dt (called before a run).</summary>
    protected internal virtual void Prepare(double dt) { }

    /// <summary>Whether this input may write <see cref="Population.Current"/> of its target during a
    /// run (true unless the input is known to touch only channel slots).</summary>
    internal virtual bool MayWriteCurrent => true;
}

/// <summary>
/// Independent Poisson input to every target neuron: <c>Count</c> external synapses each firing
/// at <c>Rate</c>, i.e. a Binomial(Count, Rate·dt) number of events per step, each adding
/// <c>Weight</c> to the channel — the equivalent of Brian2's PoissonInput, not one random number
/// per synapse per step. Drawn by inversion of the binomial distribution function with one
/// 32-bit uniform number per neuron per step: a 2¹⁶-entry guide table (Chen &amp; Asau 1974) gives
/// the smallest candidate count for the top 16 bits, and at most a few comparisons with the
/// distribution function, quantized to 2⁻³², settle it (each probability is off by at most
/// 2⁻³² ≈ 2.3·10⁻¹⁰). Every block of the target draws from its own stream, so the draws do not
/// depend on the thread count.
/// </summary>
public sealed class PoissonInput : Input
{
    const int GuideBits = 16;
    readonly InputChannel _channel;
    readonly Xoshiro256[] _rngs;
    ulong[] _cdf32 = [];
    ushort[] _guide = [];
    float[] _events = [];
    int _last;

    /// <summary>Number of external synapses per target neuron (&gt; 0).</summary>
    public int Count { get; }
    /// <summary>Rate of each external synapse, Hz (≥ 0; rate·dt ≤ 1).</summary>
    public double Rate { get; }
    /// <summary>What one event adds to the channel, in the channel's unit (V for "v" of <see cref="LifDelta"/>, A for current synapses, S for conductances).</summary>
    public double Weight { get; }
    /// <summary>Name of the target channel the events are added to.</summary>
    public string ChannelName => _channel.Name;

    /// <inheritdoc/>
    internal override bool MayWriteCurrent => false;

    internal PoissonInput(Population target, int count, double rate, double weight, string? channel, Xoshiro256 rng)
        : base(target)
    {
        Count = Guard.Positive(count);
        Rate = Guard.NonNegative(rate);
        Weight = Guard.Finite(weight);
        _channel = target.Channel(channel);
        _rngs = new Xoshiro256[target.BlockCount];
        for (int b = 0; b < _rngs.Length; b++) _rngs[b] = new Xoshiro256(rng.NextUInt64(), (ulong)b);
    }

    /// <inheritdoc/>
    protected internal override void Prepare(double dt)
    {
        double p = Rate * dt;
        if (p > 1)
            throw new ArgumentException($"rate = {Rate} Hz is invalid for dt = {dt} s: rate·dt must be <= 1.", "rate");
        var cdf = BinomialCdf(Count, p);
        if (cdf.Length > ushort.MaxValue)
            throw new ArgumentException($"count = {Count} is invalid at rate·dt = {p}: more than {ushort.MaxValue} events per step are possible.", "count");
        _last = cdf.Length - 1;
        _cdf32 = new ulong[cdf.Length];
        for (int k = 0; k < cdf.Length; k++) _cdf32[k] = (ulong)Math.Round(cdf[k] * 4294967296.0);
        _cdf32[_last] = 1UL << 32;
        // guide[h] = smallest k with F32(k) > h·2^16, the count of the smallest u in cell h
        _guide = new ushort[1 << GuideBits];
        int kk = 0;
        for (int h = 0; h < _guide.Length; h++)
        {
            ulong u = (ulong)h << (32 - GuideBits);
            while (kk < _last && u >= _cdf32[kk]) kk++;
            _guide[h] = (ushort)kk;
        }
        _events = new float[cdf.Length];
        float w = (float)Weight;
        for (int k = 0; k < _events.Length; k++) _events[k] = k * w;
    }

    /// <summary>Distribution function of Binomial(n, p), truncated where 1 − F &lt; 1e-16.</summary>
    internal static double[] BinomialCdf(int n, double p)
    {
        var cdf = new List<double>();
        if (p <= 0) return [1.0];
        if (p >= 1) { for (int k = 0; k < n; k++) cdf.Add(0); cdf.Add(1); return cdf.ToArray(); }
        double logq = Math.Log(1 - p), logRatio = Math.Log(p) - logq;
        double logPk = n * logq, sum = 0;
        for (int k = 0; k <= n; k++)
        {
            if (k > 0) logPk += Math.Log((double)(n - k + 1) / k) + logRatio;
            sum += Math.Exp(logPk);
            cdf.Add(Math.Min(sum, 1.0));
            if (1 - sum < 1e-16 && k > n * p) break;
        }
        cdf[^1] = 1.0;
        return cdf.ToArray();
    }

    /// <summary>Number of events for the 32-bit uniform <paramref name="u"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static int Events(uint u, ushort[] guide, ulong[] cdf, int last)
    {
        int k = guide[u >> (32 - GuideBits)];
        while (k < last && u >= cdf[k]) k++;
        return k;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected internal override void Deliver(int step, int block)
    {
        var slot = _channel.Slot(step);
        var guide = _guide; var cdf = _cdf32; var events = _events;
        int last = _last;
        if (last == 0) return;
        var rng = _rngs[block];
        int i = Target.BlockStart(block), end = Target.BlockEnd(block);
        for (; i + 1 < end; i += 2)
        {
            ulong r = rng.NextUInt64();
            slot[i] += events[Events((uint)r, guide, cdf, last)];
            slot[i + 1] += events[Events((uint)(r >> 32), guide, cdf, last)];
        }
        if (i < end) slot[i] += events[Events((uint)rng.NextUInt64(), guide, cdf, last)];
    }
}

/// <summary>A current per neuron (A) that may change with time: I_i(t) = gain_i · f(t),
/// evaluated once per step before the state update and added to the population's
/// <see cref="Population.Current"/> (so several inputs and a constant bias add up).</summary>
public sealed class CurrentInput : Input
{
    readonly Func<double, double> _amplitude;
    readonly float[] _gain;
    float _applied;

    internal CurrentInput(Population target, Func<double, double> amplitude, double[]? gain) : base(target)
    {
        _amplitude = Guard.NotNull(amplitude);
        _gain = AlignedArray.Create<float>(target.PaddedSize);
        if (gain is null) Array.Fill(_gain, 1f, 0, target.Size);
        else
        {
            Guard.AllFinite(gain);
            if (gain.Length != target.Size)
                throw new ArgumentException($"gain.Length = {gain.Length} is invalid: it must equal the population size {target.Size}.", nameof(gain));
            for (int i = 0; i < gain.Length; i++) _gain[i] = (float)gain[i];
        }
    }

    float _change;

    /// <inheritdoc/>
    protected internal override void BeforeStep(int step, double dt)
    {
        double a = _amplitude(step * dt);
        if (!double.IsFinite(a))
            throw new ArgumentException($"amplitude({step * dt}) = {a} is invalid: the current must be finite.", "amplitude");
        _change = (float)a - _applied;
        _applied = (float)a;
    }

    /// <inheritdoc/>
    protected internal override void BeforeIntegrate(int step, int block)
    {
        float change = _change;
        if (change == 0) return;
        var current = Target.Current;
        for (int i = Target.BlockStart(block), end = Math.Min(current.Length, (block + 1) * Target.BlockSize); i < end; i++)
            current[i] += _gain[i] * change;
    }
}
