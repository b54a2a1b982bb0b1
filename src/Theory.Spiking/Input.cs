using System.Runtime.CompilerServices;
namespace Theory.Spiking;

/// <summary>An external drive of a population: either a current set before the state update,
/// or events added to a channel's slot of the current step after spike delivery.</summary>
public abstract class Input
{
    public Population Target { get; }

    protected Input(Population target) => Target = Guard.NotNull(target);

    /// <summary>Called before the state update of step n (for currents).</summary>
    protected internal virtual void BeforeIntegrate(int step, double dt) { }

    /// <summary>Called after spike delivery of step n (for input events).</summary>
    protected internal virtual void Deliver(int step) { }

    /// <summary>Precomputes what depends on dt (called before a run).</summary>
    protected internal virtual void Prepare(double dt) { }
}

/// <summary>
/// Independent Poisson input to every target neuron: <c>Count</c> external synapses each firing
/// at <c>Rate</c>, i.e. a Binomial(Count, Rate·dt) number of events per step, each adding
/// <c>Weight</c> to the channel. Drawn by inversion of the binomial distribution function,
/// one uniform number per neuron per step — the exact equivalent of Brian2's PoissonInput,
/// not one random number per synapse per step.
/// </summary>
public sealed class PoissonInput : Input
{
    readonly InputChannel _channel;
    readonly Xoshiro256 _rng;
    double[] _cdf = [];

    public int Count { get; }
    public double Rate { get; }
    public double Weight { get; }

    internal PoissonInput(Population target, int count, double rate, double weight, string? channel, Xoshiro256 rng)
        : base(target)
    {
        Count = Guard.Positive(count);
        Rate = Guard.NonNegative(rate);
        Weight = Guard.Finite(weight);
        _channel = target.Channel(channel);
        _rng = rng;
    }

    protected internal override void Prepare(double dt)
    {
        double p = Rate * dt;
        if (p > 1)
            throw new ArgumentException($"rate = {Rate} Hz is invalid for dt = {dt} s: rate·dt must be <= 1.", "rate");
        _cdf = BinomialCdf(Count, p);
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected internal override void Deliver(int step)
    {
        var slot = _channel.Slot(step);
        var cdf = _cdf;
        int n = Target.Size, last = cdf.Length - 1;
        float w = (float)Weight;
        for (int i = 0; i < n; i++)
        {
            double u = _rng.NextDouble();
            int k = 0;
            while (k < last && u >= cdf[k]) k++;
            if (k != 0) slot[i] += k * w;
        }
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
        _gain = new float[target.PaddedSize];
        if (gain is null) Array.Fill(_gain, 1f, 0, target.Size);
        else
        {
            Guard.AllFinite(gain);
            if (gain.Length != target.Size)
                throw new ArgumentException($"gain.Length = {gain.Length} is invalid: it must equal the population size {target.Size}.", nameof(gain));
            for (int i = 0; i < gain.Length; i++) _gain[i] = (float)gain[i];
        }
    }

    protected internal override void BeforeIntegrate(int step, double dt)
    {
        double a = _amplitude(step * dt);
        if (!double.IsFinite(a))
            throw new ArgumentException($"amplitude({step * dt}) = {a} is invalid: the current must be finite.", "amplitude");
        float change = (float)a - _applied;
        if (change == 0) return;
        _applied = (float)a;
        var current = Target.Current;
        for (int i = 0; i < current.Length; i++) current[i] += _gain[i] * change;
    }
}
