using System.Globalization;

namespace Theory.Spiking;

/// <summary>
/// How many threads a <see cref="Network"/> uses when its constructor is not told: the innermost
/// <see cref="Use"/> scope of the calling flow (a sweep gives each worker its share of the cores
/// this way), else the environment variable <c>THEORY_THREADS</c>, else every core
/// (<see cref="Environment.ProcessorCount"/>). The thread count never changes a result: blocks
/// and random streams do not depend on it.
/// </summary>
public static class KernelThreads
{
    /// <summary>Largest thread count accepted (far beyond any machine; guards typos such as 1e9).</summary>
    public const int MaxThreads = 1024;

    static readonly AsyncLocal<int> Scoped = new();

    /// <summary>The thread count a new network takes by default (see the type's summary).</summary>
    public static int Default
    {
        get
        {
            if (Scoped.Value > 0) return Scoped.Value;
            var env = Environment.GetEnvironmentVariable("THEORY_THREADS");
            if (!string.IsNullOrWhiteSpace(env)) return Parse(env, "THEORY_THREADS");
            return Math.Max(1, Environment.ProcessorCount);
        }
    }

    /// <summary>Parses a thread count given as text (an option or an environment variable);
    /// an ArgumentException names <paramref name="name"/>, the value and the valid range.</summary>
    public static int Parse(string text, string name = "threads")
    {
        if (!int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n))
            throw new ArgumentException($"{name} = '{text}' is invalid: it must be a whole number in [1, {MaxThreads}].", name);
        return Validate(n, name);
    }

    /// <summary>Checks 1 ≤ <paramref name="threads"/> ≤ <see cref="MaxThreads"/>.</summary>
    public static int Validate(int threads, string name = "threads")
    {
        if (threads < 1 || threads > MaxThreads)
            throw new ArgumentException($"{name} = {threads} is invalid: the valid range is [1, {MaxThreads}].", name);
        return threads;
    }

    /// <summary>Within the returned scope (dispose it to end), networks created by this flow of
    /// control default to <paramref name="threads"/> threads.</summary>
    public static IDisposable Use(int threads)
    {
        Validate(threads);
        int previous = Scoped.Value;
        Scoped.Value = threads;
        return new Restore<int>(Scoped, previous);
    }

    static readonly AsyncLocal<double> ScopedMinCost = new();

    /// <summary>
    /// Estimated cost of a network (neurons × (1 + inputs) + synapses / 32, about 0.2 ns of one core
    /// per unit and step) below which a run uses one thread whatever it is told: handing a step to
    /// other cores costs a few core-to-core round trips, so a small network is faster on one.
    /// Default: max(3000, 100 × the round trip measured once per process between two pool threads)
    /// — 0.45–1 µs on the 2-vCPU test VM, where COBA 4000 (cost 14 000) ran 2× slower on two threads
    /// than on one; about 0.1 µs on a workstation. <see cref="UseMinCost"/> and the environment
    /// variable <c>THEORY_THREADS_MIN_COST</c> override it (0: always use the threads asked for).
    /// The choice never changes a result, only the time.
    /// </summary>
    public static double MinCostForThreads
    {
        get
        {
            double scoped = ScopedMinCost.Value;
            if (scoped > 0) return scoped - 1;
            var env = Environment.GetEnvironmentVariable("THEORY_THREADS_MIN_COST");
            if (!string.IsNullOrWhiteSpace(env))
            {
                if (!double.TryParse(env, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v)
                    || !(v >= 0) || double.IsInfinity(v))
                    throw new ArgumentException($"THEORY_THREADS_MIN_COST = '{env}' is invalid: it must be a number ≥ 0 (0: always use the threads asked for).", "THEORY_THREADS_MIN_COST");
                return v;
            }
            return Math.Max(3000, 100 * KernelWorkerPool.RoundTripNanoseconds);
        }
    }

    /// <summary>Within the returned scope, <see cref="MinCostForThreads"/> is <paramref name="cost"/> (≥ 0).</summary>
    public static IDisposable UseMinCost(double cost)
    {
        if (!(cost >= 0) || double.IsInfinity(cost))
            throw new ArgumentException($"cost = {cost} is invalid: it must be a finite number ≥ 0.", nameof(cost));
        double previous = ScopedMinCost.Value;
        ScopedMinCost.Value = cost + 1;
        return new Restore<double>(ScopedMinCost, previous);
    }

    /// <summary>Puts an AsyncLocal back to its value before a scope, once.</summary>
    sealed class Restore<T>(AsyncLocal<T> slot, T previous) : IDisposable
    {
        bool _done;
        public void Dispose()
        {
            if (_done) return;
            _done = true;
            slot.Value = previous;
        }
    }
}
