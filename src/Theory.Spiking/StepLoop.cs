using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Theory.Spiking;

/// <summary>
/// The step loop of one <see cref="Network.Run"/>, on one or several threads.
/// <para>
/// Work is cut into units, one per block of every population (<see cref="Population.BlockSize"/>
/// neurons, at most <see cref="Population.MaxBlocks"/> per population). A step n has a parallel part per unit and a short serial part:
/// </para>
/// <code>
/// unit (pop, b), phase n:  B(n−1): deliver step n−1's spikes of every projection into block b,
///                                  Poisson events, consume input and reset, state monitors
///                          A(n):   currents, integrate block b, note its spikes
/// serial S(n):             merge the blocks' spikes in neuron order, spike/rate monitors, rate
///                          guards, per-presynaptic-neuron plasticity (releases, traces),
///                          functions of time for step n+1
/// </code>
/// A unit touches only its own block's neurons and ring slots, and reads what the serial part
/// wrote, so one synchronisation per step suffices. Each block's additions come in one fixed order
/// (projections in order, spikes in neuron order, rows in storage order) and every random stream
/// belongs to a block, so the result does not depend on which thread ran which unit, nor on how
/// many threads there are.
/// </para>
/// <para>
/// Threads claim units dynamically, home units first (a contiguous share of the estimated cost),
/// then any unit still unclaimed. Each thread claims through a cursor on its own cache line and
/// reports the units it ran with one write at the end of the phase, so a step moves few cache
/// lines between cores (a core-to-core round trip took 160–190 ns on the idle 2-vCPU test VM). The
/// calling thread always works too, and a phase ends when its units are done, not when every
/// thread has arrived: a helper that the operating system has descheduled delays a step only if it
/// holds a unit, so a loaded machine degrades towards one thread instead of collapsing (no spin
/// barrier). Idle helpers spin with pause instructions for 20 µs, then yield, and block after 200 µs.
/// </para>
/// </summary>
internal sealed class StepLoop
{
    const int Pad = 16; // longs per thread slot: two cache lines, no false sharing
    const long SpinTicksBeforeBlocking = 200; // µs, converted below

    readonly Network _net;
    readonly Population[] _pops;
    // a unit is a range of blocks [From, To) of one population
    (Population Pop, int From, int To)[] _units;
    readonly Projection[][] _into;
    readonly Input[][] _inputsOf;
    readonly StateMonitor[][] _stateMonitorsOf;
    readonly int[] _homeStart;
    int[] _popOfUnit;
    readonly int _threads;

    // phase state (multi-threaded runs)
    int _phase;
    long _target; // units completed over all phases so far (main thread only)
    int _sleepers;
    volatile bool _stop;
    readonly object _gate = new();
    // per thread, Pad longs apart (no false sharing): the claim cursor of its home range
    // (phase << 32 | next offset) and the units it has completed over all phases
    long[] _cursor = [], _completed = [];
    int _bStep, _aStep;
    bool _doB, _doA;
    Exception? _unitError;
    int _unitErrorAt;
    // fallback under oversubscription: phases left to run on the calling thread alone, the length of
    // the next such stretch, phases on time since the last late one, and phases run alone in all
    int _soloLeft, _soloSpan = MinSoloSpan, _onTime;
    long _soloPhases;
    static readonly long LateTicks = Stopwatch.Frequency / 1000; // 1 ms: a scheduler time slice, not a unit
    const int MinSoloSpan = 64, MaxSoloSpan = 16384;

    internal StepLoop(Network net, Population[] pops, Projection[] projections, Input[] inputs, StateMonitor[] stateMonitors, int threads)
    {
        _net = net;
        _pops = pops;
        _into = pops.Select(p => projections.Where(pr => pr.Post == p).ToArray()).ToArray();
        _inputsOf = pops.Select(p => inputs.Where(i => i.Target == p).ToArray()).ToArray();
        _stateMonitorsOf = pops.Select(p => stateMonitors.Where(m => m.Population == p).ToArray()).ToArray();
        Group(_ => 1);
        _threads = Math.Max(1, Math.Min(threads, _units.Length));
        // a step of a small network takes less than a synchronisation between cores: one thread
        if (_threads > 1 && UnitCosts().Sum() < KernelThreads.MinCostForThreads) _threads = 1;
        // On one thread a unit is a whole population: each row is delivered whole, one scan of the
        // spikes per projection. (Until 2026-12-07 populations whose slots exceed 128 kB were cut into
        // block units so that delivery scattered into one block's L1-sized part of the slot at a time;
        // on the Zen 3 VM that cost 24–28 % of COBA N = 64 000 and 256 000 on one thread — eight scans
        // of the spikes and two random row-offset lookups per spike and block — docs/BENCHMARKS.md.)
        // On more threads, a block (fine enough for the threads to balance by stealing). The grouping
        // changes no result: a target's additions come in the same order whichever blocks share a unit.
        if (_threads == 1) Group(_ => int.MaxValue);
        _homeStart = HomeRanges(UnitCosts());
    }

    /// <summary>Cuts every population into units of at most <paramref name="blocksPerUnit"/>(population) consecutive blocks.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(_units), nameof(_popOfUnit))]
    void Group(Func<Population, int> blocksPerUnit)
    {
        var units = new List<(Population, int, int)>();
        var popOf = new List<int>();
        for (int p = 0; p < _pops.Length; p++)
            for (int b = 0, per = blocksPerUnit(_pops[p]); b < _pops[p].BlockCount; b += per)
            {
                units.Add((_pops[p], b, (int)Math.Min(_pops[p].BlockCount, (long)b + per)));
                popOf.Add(p);
            }
        _units = units.ToArray();
        _popOfUnit = popOf.ToArray();
    }

    /// <summary>Threads this loop actually uses (never more than there are units).</summary>
    internal int Threads => _threads;


    /// <summary>Estimated cost per unit: its neurons (once per input) and its incoming synapses / 32.</summary>
    double[] UnitCosts()
    {
        var cost = new double[_units.Length];
        for (int u = 0; u < _units.Length; u++)
        {
            var (pop, from, to) = _units[u];
            int p = _popOfUnit[u];
            double neurons = pop.BlockEnd(to - 1) - pop.BlockStart(from);
            double synapses = _into[p].Sum(pr => (double)pr.Count) * neurons / pop.Size;
            cost[u] = neurons * (1 + _inputsOf[p].Length) + synapses / 32;
        }
        return cost;
    }

    /// <summary>Contiguous home ranges of units of about equal estimated cost per thread.</summary>
    int[] HomeRanges(double[] cost)
    {
        double total = cost.Sum(), acc = 0;
        var start = new int[_threads + 1];
        int t = 1;
        for (int u = 0; u < _units.Length && t < _threads; u++)
        {
            acc += cost[u];
            while (t < _threads && acc >= total * t / _threads)
            {
                // cut after unit u, or before it when that lands closer to the ideal share
                double ideal = total * t / _threads;
                start[t] = u > start[t - 1] && acc - ideal > ideal - (acc - cost[u]) ? u : u + 1;
                t++;
            }
        }
        for (; t <= _threads; t++) start[t] = _units.Length;
        for (int k = 1; k < _threads; k++) start[k] = Math.Max(start[k], start[k - 1]);
        return start;
    }

    /// <summary>Runs steps [first, end); progress gets the fraction done about every 1 %.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Run(int first, int end, Action<double>? progress, SpikeMonitor[] spikeMonitors, RateMonitor[] rateMonitors,
        (Population Pop, double MaxRate, int Window)[] guards, long[] guardCounts, Projection[] projections, Input[] inputs)
    {
        int steps = end - first;
        int reportEvery = Math.Max(1, steps / 100);
        KernelWorkerPool.Worker[]? helpers = null;
        try
        {
            if (_threads > 1)
            {
                _cursor = new long[_threads * Pad];
                _completed = new long[_threads * Pad];
                _target = 0;
                _phase = 0; _stop = false; _unitError = null;
                _soloLeft = 0; _soloSpan = MinSoloSpan; _onTime = 0; _soloPhases = 0;
                helpers = KernelWorkerPool.Rent(_threads - 1);
                for (int k = 0; k < helpers.Length; k++)
                {
                    int thread = k + 1;
                    helpers[k].Start(() => HelperLoop(thread));
                }
            }
            BeforeStep(first, inputs);
            Phase(doB: false, bStep: 0, doA: true, aStep: first);
            for (int n = first; n < end; n++)
            {
                Serial(n, spikeMonitors, rateMonitors, guards, guardCounts, projections);
                _net.StepReached(n + 1);
                if (n + 1 < end) BeforeStep(n + 1, inputs);
                Phase(doB: true, bStep: n, doA: n + 1 < end, aStep: n + 1);
                if (progress != null && (n + 1 - first) % reportEvery == 0)
                {
                    progress((double)(n + 1 - first) / steps);
                    _net.CheckRunAssumptions();
                }
            }
        }
        finally
        {
            if (helpers != null)
            {
                _stop = true;
                lock (_gate) Monitor.PulseAll(_gate);
                foreach (var h in helpers) h.Join();
                KernelWorkerPool.Return(helpers);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void BeforeStep(int step, Input[] inputs)
    {
        foreach (var p in _pops) p.BeforeStep(step);
        foreach (var i in inputs) i.BeforeStep(step, _net.Dt);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void Serial(int n, SpikeMonitor[] spikeMonitors, RateMonitor[] rateMonitors,
        (Population Pop, double MaxRate, int Window)[] guards, long[] guardCounts, Projection[] projections)
    {
        foreach (var p in _pops) p.MergeSpikes(n);
        foreach (var m in spikeMonitors) m.Record(n);
        foreach (var m in rateMonitors) m.Record();
        for (int g = 0; g < guards.Length; g++)
        {
            guardCounts[g] += guards[g].Pop.SpikesThisStep;
            if ((n + 1) % guards[g].Window == 0)
            {
                double rate = guardCounts[g] / (guards[g].Pop.Size * guards[g].Window * _net.Dt);
                guardCounts[g] = 0;
                if (rate > guards[g].MaxRate)
                {
                    _net.StepReached(n + 1);
                    throw new SimulationDivergedException(guards[g].Pop.Name, (n + 1) * _net.Dt, rate, guards[g].MaxRate);
                }
            }
        }
        foreach (var pr in projections) pr.OnPreSpikes(n);
    }

    /// <summary>One parallel part: every unit once, then the first failure (lowest unit) is thrown.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void Phase(bool doB, int bStep, bool doA, int aStep)
    {
        if (!doB && !doA) return;
        if (_threads == 1)
        {
            for (int u = 0; u < _units.Length; u++) RunUnit(u, doB, bStep, doA, aStep);
            return;
        }
        if (_soloLeft > 0)
        {
            // the helpers were late (descheduled: the machine is oversubscribed): run this phase alone
            _soloLeft--;
            _soloPhases++;
            for (int u = 0; u < _units.Length; u++) RunUnit(u, doB, bStep, doA, aStep);
            return;
        }
        _doB = doB; _bStep = bStep; _doA = doA; _aStep = aStep;
        _target += _units.Length;
        int phase = _phase + 1;
        Interlocked.Exchange(ref _phase, phase);
        if (Volatile.Read(ref _sleepers) > 0) lock (_gate) Monitor.PulseAll(_gate);
        long t0 = Stopwatch.GetTimestamp();
        Work(0, phase);
        long t1 = Stopwatch.GetTimestamp();
        long waited = 0;
        if (Completed() < _target)
        {
            var spin = new Spinner();
            while (Completed() < _target) spin.Spin();
            waited = Stopwatch.GetTimestamp() - t1;
        }
        NoteWait(waited, t1 - t0);
        if (_unitError is { } e)
        {
            _unitError = null;
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e).Throw();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void HelperLoop(int thread)
    {
        int seen = 0;
        long spinLimit = Stopwatch.Frequency * SpinTicksBeforeBlocking / 1_000_000;
        while (true)
        {
            int phase = Volatile.Read(ref _phase);
            if (phase == seen)
            {
                long t0 = Stopwatch.GetTimestamp();
                var spin = new Spinner();
                while ((phase = Volatile.Read(ref _phase)) == seen && !_stop)
                {
                    if (Stopwatch.GetTimestamp() - t0 < spinLimit) { spin.Spin(); continue; }
                    lock (_gate)
                    {
                        Interlocked.Increment(ref _sleepers);
                        while (Volatile.Read(ref _phase) == seen && !_stop) Monitor.Wait(_gate);
                        Interlocked.Decrement(ref _sleepers);
                    }
                    t0 = Stopwatch.GetTimestamp();
                }
                if (_stop) return;
            }
            seen = phase;
            Work(thread, phase);
        }
    }

    /// <summary>Phases of the last run that the calling thread ran alone because helpers had been late.</summary>
    internal long SoloPhases => _soloPhases;

    /// <summary>After the calling thread ran out of units it waited <paramref name="waited"/> ticks for the
    /// others, having worked <paramref name="worked"/> ticks itself. A healthy helper finishes within about
    /// one unit, so a wait longer than a millisecond and twice the caller's own work means a helper was
    /// descheduled while holding a unit (more runnable threads than cores). The loop then runs the next
    /// phases on the calling thread alone, a stretch that doubles (64 … 16 384 phases) while helpers keep
    /// being late and shrinks back once 1024 phases pass on time. Which thread runs a unit never changes a
    /// result, so neither does this.</summary>
    void NoteWait(long waited, long worked)
    {
        if (waited > LateTicks && waited > 2 * worked)
        {
            _soloLeft = _soloSpan;
            _soloSpan = Math.Min(MaxSoloSpan, _soloSpan * 2);
            _onTime = 0;
        }
        else _onTime++;
        if (_onTime >= 1024) { _soloSpan = MinSoloSpan; _onTime = 0; }
    }

    /// <summary>Units completed by all threads over all phases.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    long Completed()
    {
        long sum = 0;
        for (int t = 0; t < _threads; t++) sum += Volatile.Read(ref _completed[t * Pad]);
        return sum;
    }

    /// <summary>Claims the next unit of thread <paramref name="owner"/>'s home range in
    /// <paramref name="phase"/>, or −1 when none is left (or the phase is over). A cursor last
    /// used in an earlier phase counts as 0; only an owner that was descheduled has its cursor
    /// moved by another thread, so in the common case each cursor stays in its owner's cache.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    int Claim(int owner, int phase)
    {
        ref long cursor = ref _cursor[owner * Pad];
        int start = _homeStart[owner], count = _homeStart[owner + 1] - start;
        while (true)
        {
            long c = Volatile.Read(ref cursor);
            int cp = (int)(c >> 32);
            if (cp > phase) return -1;
            int next = cp == phase ? (int)c : 0;
            if (next >= count) return -1;
            if (Interlocked.CompareExchange(ref cursor, ((long)phase << 32) | (uint)(next + 1), c) == c) return start + next;
        }
    }

    /// <summary>Runs units of <paramref name="phase"/>: the home range first, then what is left of
    /// the other threads' ranges (one at a time, through their cursors);
    /// publishes the count once, at the end (one cache-line write).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void Work(int thread, int phase)
    {
        int done = 0;
        for (int k = 0; k < _threads; k++)
        {
            int owner = thread + k;
            if (owner >= _threads) owner -= _threads;
            for (int u; (u = Claim(owner, phase)) >= 0; done++)
            {
                try { RunUnit(u, _doB, _bStep, _doA, _aStep); }
                catch (Exception e)
                {
                    lock (_gate)
                        if (_unitError is null || u < _unitErrorAt) { _unitError = e; _unitErrorAt = u; }
                }
            }
        }
        if (done > 0) Volatile.Write(ref _completed[thread * Pad], _completed[thread * Pad] + done);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void RunUnit(int u, bool doB, int bStep, bool doA, int aStep)
    {
        var (pop, from, to) = _units[u];
        int p = _popOfUnit[u];
        if (doB)
            foreach (var pr in _into[p]) pr.Deliver(bStep, from, to);
        // a model may fuse consume-and-reset with the next integration (one pass over the state);
        // not when a state monitor must see the state in between
        bool fuse = doB && doA && _stateMonitorsOf[p].Length == 0;
        for (int b = from; b < to; b++)
        {
            if (doB)
            {
                foreach (var i in _inputsOf[p]) i.Deliver(bStep, b);
                if (fuse)
                {
                    foreach (var i in _inputsOf[p]) i.BeforeIntegrate(aStep, b);
                    if (pop.ApplyAndIntegrate(bStep, aStep, b)) continue;
                    pop.ApplyInputsAndReset(bStep, b);
                }
                else
                {
                    pop.ApplyInputsAndReset(bStep, b);
                    foreach (var m in _stateMonitorsOf[p]) m.Record(bStep, b);
                    if (!doA) continue;
                    foreach (var i in _inputsOf[p]) i.BeforeIntegrate(aStep, b);
                }
            }
            else foreach (var i in _inputsOf[p]) i.BeforeIntegrate(aStep, b);
            pop.ClearBlockSpikes(b);
            pop.Integrate(aStep, b);
        }
    }


    /// <summary>Busy wait for another core: pause instructions for about 20 µs (a step of a
    /// mid-sized network takes a few µs, and a yield costs a system call), then a yield per turn so
    /// that on an oversubscribed machine the thread holding the awaited work can run.</summary>
    struct Spinner
    {
        static readonly long PauseTicks = Stopwatch.Frequency / 50_000; // 20 µs
        long _t0;
        int _n;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Spin()
        {
            if ((++_n & 63) != 0) { Thread.SpinWait(1); return; }
            long now = Stopwatch.GetTimestamp();
            if (_t0 == 0) _t0 = now;
            else if (now - _t0 > PauseTicks) Thread.Yield();
        }
    }
}
