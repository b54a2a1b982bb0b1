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
