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
        return new Restore(previous);
    }

    sealed class Restore(int previous) : IDisposable
    {
        bool _done;
        public void Dispose()
        {
            if (_done) return;
            _done = true;
            Scoped.Value = previous;
        }
    }
}
