namespace Theory.Spiking;

/// <summary>
/// Process-wide pool of the kernel's helper threads. A run rents (threads − 1) helpers, hands
/// each the step loop's helper routine and returns them when the run ends, so that sweeps which
/// create thousands of networks create threads only as often as they run networks side by side.
/// Idle helpers block; they are background threads and never keep the process alive.
/// </summary>
internal static class KernelWorkerPool
{
    static readonly Stack<Worker> Idle = new();
    static int _created;

    /// <summary>A helper thread that runs one routine at a time.</summary>
    internal sealed class Worker
    {
        readonly SemaphoreSlim _go = new(0);
        readonly ManualResetEventSlim _finished = new(true);
        Action? _work;
        Exception? _failure;

        internal Worker(int id)
        {
            var t = new Thread(Loop) { IsBackground = true, Name = $"theory-kernel-{id}" };
            t.Start();
        }

        void Loop()
        {
            while (true)
            {
                _go.Wait();
                try { _work!(); }
                catch (Exception e) { _failure = e; }
                finally { _work = null; _finished.Set(); }
            }
        }

        /// <summary>Starts <paramref name="work"/> on this helper.</summary>
        internal void Start(Action work)
        {
            _finished.Reset();
            _failure = null;
            _work = work;
            _go.Release();
        }

        /// <summary>Waits until the routine has returned; rethrows what escaped it.</summary>
        internal void Join()
        {
            _finished.Wait();
            if (_failure is { } e) { _failure = null; throw new InvalidOperationException("a kernel helper thread failed.", e); }
        }
    }

    /// <summary>Takes <paramref name="count"/> idle helpers (creating new ones as needed).</summary>
    static double _roundTripNs = -1;

    /// <summary>Round trip assumed when the helper does not answer in time (a loaded machine): 1 µs,
    /// so that small networks run on one thread and large ones still use the cores.</summary>
    const double UnansweredRoundTrip = 1000;
    static readonly object Calibration = new();

    /// <summary>Median round trip (ns) of a cache line between the calling thread and a pool
    /// thread, measured once per process (about 0.1 ms); +∞ on one core; 1 µs when the helper does
    /// not answer within 2 ms a round (100 ms for the first, which may start the thread) (an overloaded machine, where one thread is the right choice).</summary>
    internal static double RoundTripNanoseconds
    {
        get
        {
            if (Volatile.Read(ref _roundTripNs) >= 0) return _roundTripNs;
            lock (Calibration)
                if (_roundTripNs < 0) Volatile.Write(ref _roundTripNs, MeasureRoundTrip());
            return _roundTripNs;
        }
    }

    static double MeasureRoundTrip()
    {
        if (Environment.ProcessorCount < 2) return double.PositiveInfinity;
        const int Rounds = 240, Warmup = 40;
        var line = new long[48]; // the flag at [16], the abort flag at [32]: separate cache lines
        long timeout = System.Diagnostics.Stopwatch.Frequency / 500; // 2 ms
        var helper = Rent(1);
        try
        {
            helper[0].Start(() =>
            {
                for (long i = 0; i < Rounds; i++)
                {
                    while (Volatile.Read(ref line[16]) != 2 * i + 1)
                    {
                        if (Volatile.Read(ref line[32]) != 0) return;
                        Thread.SpinWait(1);
                    }
                    Volatile.Write(ref line[16], 2 * i + 2);
                }
            });
            var samples = new double[Rounds - Warmup];
            for (long i = 0; i < Rounds; i++)
            {
                long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
                Volatile.Write(ref line[16], 2 * i + 1);
                while (Volatile.Read(ref line[16]) != 2 * i + 2)
                {
                    if (System.Diagnostics.Stopwatch.GetTimestamp() - t0 > (i == 0 ? 50 * timeout : timeout))
                    {
                        Volatile.Write(ref line[32], 1);
                        return UnansweredRoundTrip;
                    }
                    Thread.SpinWait(1);
                }
                if (i >= Warmup)
                    samples[i - Warmup] = (System.Diagnostics.Stopwatch.GetTimestamp() - t0) * 1e9 / System.Diagnostics.Stopwatch.Frequency;
            }
            Array.Sort(samples);
            return samples[samples.Length / 2];
        }
        finally
        {
            helper[0].Join();
            Return(helper);
        }
    }

    internal static Worker[] Rent(int count)
    {
        var workers = new Worker[count];
        lock (Idle)
            for (int k = 0; k < count; k++)
                workers[k] = Idle.Count > 0 ? Idle.Pop() : new Worker(Interlocked.Increment(ref _created));
        return workers;
    }

    /// <summary>Gives helpers back (each must have been joined).</summary>
    internal static void Return(Worker[] workers)
    {
        lock (Idle)
            foreach (var w in workers) Idle.Push(w);
    }
}
