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
/// then any unit still unclaimed. The calling thread always works too, and a phase ends when its
/// units are done, not when every thread has arrived: a helper that the operating system has
/// descheduled delays a step only if it holds a unit, so a loaded machine degrades towards one
/// thread instead of collapsing (no spin barrier). Idle helpers spin briefly, then block.
/// </para>
/// </summary>
internal sealed class StepLoop
{
    const int Pad = 16; // ints per claim flag: one cache line each
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
    int _done;
    int _sleepers;
    volatile bool _stop;
    readonly object _gate = new();
    int[] _claim = [];
    int _bStep, _aStep;
    bool _doB, _doA;
    Exception? _unitError;
    int _unitErrorAt;

    internal StepLoop(Network net, Population[] pops, Projection[] projections, Input[] inputs, StateMonitor[] stateMonitors, int threads)
    {
        _net = net;
        _pops = pops;
        _into = pops.Select(p => projections.Where(pr => pr.Post == p).ToArray()).ToArray();
        _inputsOf = pops.Select(p => inputs.Where(i => i.Target == p).ToArray()).ToArray();
        _stateMonitorsOf = pops.Select(p => stateMonitors.Where(m => m.Population == p).ToArray()).ToArray();
        Group(1);
        _threads = Math.Max(1, Math.Min(threads, _units.Length));
        // a step of a small network takes less than a synchronisation between cores: one thread
        if (UnitCosts().Sum() < MinCostForThreads) _threads = 1;
        // On one thread a unit is a whole population (each row is then delivered whole); on more,
        // a block (fine enough for the threads to balance by stealing). The grouping changes no
        // result: a target's additions come in the same order whichever blocks share a unit.
        if (_threads == 1) Group(int.MaxValue);
        _homeStart = HomeRanges(UnitCosts());
    }

    /// <summary>Cuts every population into units of at most <paramref name="blocksPerUnit"/> consecutive blocks.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(_units), nameof(_popOfUnit))]
    void Group(int blocksPerUnit)
    {
        var units = new List<(Population, int, int)>();
        var popOf = new List<int>();
        for (int p = 0; p < _pops.Length; p++)
            for (int b = 0; b < _pops[p].BlockCount; b += blocksPerUnit)
            {
                units.Add((_pops[p], b, (int)Math.Min(_pops[p].BlockCount, (long)b + blocksPerUnit)));
                popOf.Add(p);
            }
        _units = units.ToArray();
        _popOfUnit = popOf.ToArray();
    }

    /// <summary>Threads this loop actually uses (never more than there are units).</summary>
    internal int Threads => _threads;

    /// <summary>Estimated cost of a network below which the loop runs on one thread whatever it
    /// is told (neurons, plus inputs, plus synapses / 32): a few thousand neurons step in about a
    /// microsecond, which is what handing a step to another core costs.</summary>
    internal const double MinCostForThreads = 3000;

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
                _claim = new int[_units.Length * Pad];
                _phase = 0; _stop = false; _unitError = null;
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
                if (progress != null && (n + 1 - first) % reportEvery == 0) progress((double)(n + 1 - first) / steps);
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
        _doB = doB; _bStep = bStep; _doA = doA; _aStep = aStep;
        _done = 0;
        int phase = _phase + 1;
        Interlocked.Exchange(ref _phase, phase);
        if (Volatile.Read(ref _sleepers) > 0) lock (_gate) Monitor.PulseAll(_gate);
        Work(0, phase);
        var spin = new SpinWait();
        while (Volatile.Read(ref _done) < _units.Length) spin.SpinOnce(sleep1Threshold: -1);
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
                var spin = new SpinWait();
                while ((phase = Volatile.Read(ref _phase)) == seen && !_stop)
                {
                    if (Stopwatch.GetTimestamp() - t0 < spinLimit) { spin.SpinOnce(sleep1Threshold: -1); continue; }
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

    /// <summary>Claims and runs units of <paramref name="phase"/>: home units first, then the rest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void Work(int thread, int phase)
    {
        int n = _units.Length, home = _homeStart[thread], homeEnd = _homeStart[thread + 1];
        for (int k = 0; k < n; k++)
        {
            int u = home + k;
            if (u >= n) u -= n;
            ref int flag = ref _claim[u * Pad];
            if (Volatile.Read(ref flag) == phase || Interlocked.CompareExchange(ref flag, phase, phase - 1) != phase - 1) continue;
            try { RunUnit(u, _doB, _bStep, _doA, _aStep); }
            catch (Exception e)
            {
                lock (_gate)
                    if (_unitError is null || u < _unitErrorAt) { _unitError = e; _unitErrorAt = u; }
            }
            Interlocked.Increment(ref _done);
        }
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

}
