using System.Runtime.CompilerServices;
using System.Diagnostics;

namespace Theory.Spiking;

/// <summary>
/// A time-driven network: populations, projections, inputs and monitors advanced together in
/// steps of dt. One step: currents → state update and threshold (SIMD) → monitors → spike
/// delivery into delayed ring slots → Poisson events → input of this step and reset. With zero
/// delay a spike acts on its targets' synaptic variables in the same step, and on their
/// membrane from the next one (Brian2's schedule). Randomness only through the seed: the same
/// construction and seed give bit-identical spikes.
/// </summary>
public sealed class Network
{
    readonly List<Population> _populations = new();
    readonly List<Projection> _projections = new();
    readonly List<Input> _inputs = new();
    readonly List<SpikeMonitor> _spikeMonitors = new();
    readonly List<RateMonitor> _rateMonitors = new();
    readonly List<StateMonitor> _stateMonitors = new();
    readonly List<(Population Pop, double MaxRate, int Window)> _rateGuards = new();
    ulong _streams;
    bool _prepared;

    /// <summary>Time step (s).</summary>
    public double Dt { get; }

    /// <summary>The seed of every random stream of this network.</summary>
    public ulong Seed { get; }

    /// <summary>Steps simulated so far.</summary>
    public int Step { get; private set; }

    /// <summary>Simulated time so far (s).</summary>
    public double Time => Step * Dt;

    /// <summary>Threads the last <see cref="Run"/> used: <see cref="Threads"/>, capped by the number of
    /// blocks, and 1 for a network too small to gain from more.</summary>
    public int LastRunThreads { get; private set; }

    /// <summary>Parts of steps that the last multi-threaded <see cref="Run"/> ran on the calling thread alone
    /// because its helper threads had been descheduled (a machine with more runnable threads than cores);
    /// 0 on a free machine. Never changes a result.</summary>
    public long LastRunSoloSteps { get; private set; }

    /// <summary>Wall-clock seconds spent in the step loop by the last <see cref="Run"/>.</summary>
    public double LastRunSeconds { get; private set; }

    /// <summary>Threads the step loop uses (results do not depend on it).</summary>
    public int Threads { get; }

    /// <param name="dt">Time step (s), default 0.1 ms.</param>
    /// <param name="seed">Seed of all randomness (connectivity, inputs, initial states).</param>
    /// <param name="threads">Threads of the step loop, in [1, 1024]; null: <see cref="KernelThreads.Default"/>
    /// (a <see cref="KernelThreads.Use"/> scope, else THEORY_THREADS, else every core).</param>
    public Network(double dt = 1e-4, ulong seed = 1, int? threads = null)
    {
        if (!(dt > 0) || !double.IsFinite(dt) || dt > 0.01)
            throw new ArgumentException($"dt = {dt} s is invalid: the valid range is (0, 0.01] s.", nameof(dt));
        Dt = dt;
        Seed = seed;
        Threads = threads is int t ? KernelThreads.Validate(t) : KernelThreads.Default;
    }

    /// <summary>A new independent random stream derived from the seed (streams are numbered in
    /// the order they are requested, so the same script gives the same streams).</summary>
    public Xoshiro256 NewRandom() => new(Seed, ++_streams);

    /// <summary>The populations, in the order they were added.</summary>
    public IReadOnlyList<Population> Populations => _populations;
    /// <summary>The projections, in the order they were added.</summary>
    public IReadOnlyList<Projection> Projections => _projections;
    /// <summary>The external inputs (Poisson drives, currents, others), in the order they were added
    /// (read-only view, e.g. for describing a built network).</summary>
    public IReadOnlyList<Input> Inputs => _inputs;

    /// <summary>Adds a population and returns it.</summary>
    public T Add<T>(T population) where T : Population
    {
        Guard.NotNull(population);
        if (population.Owner != null)
            throw new ArgumentException($"population '{population.Name}' already belongs to a network.", nameof(population));
        if (_populations.Any(p => p.Name == population.Name))
            throw new ArgumentException($"population name '{population.Name}' is used twice: names must be unique.", nameof(population));
        population.Owner = this;
        _populations.Add(population);
        Invalidate();
        return population;
    }

    void CheckOwned(Population p, string name)
    {
        Guard.NotNull(p, name);
        if (p.Owner != this)
            throw new ArgumentException($"{name} '{p.Name}' has not been added to this network (call Add first).", name);
    }

    /// <summary>Connects <paramref name="pre"/> to a channel of <paramref name="post"/>.</summary>
    /// <param name="weight">Homogeneous weight, in the channel's unit (V, A or S).</param>
    /// <param name="delay">Homogeneous delay (s), rounded to whole steps.</param>
    /// <param name="target">Channel name; may be omitted when the population has one channel.</param>
    public Projection Connect(Population pre, Population post, Connectivity rule, double weight,
        double delay = 0, string? target = null, string? name = null) =>
        Connect(pre, post, rule, null, weight, delay, target, name, useRandom: false);

    /// <summary>Connects as <see cref="Connect(Population, Population, Connectivity, double, double, string?, string?)"/>,
    /// with the rule drawing from <paramref name="random"/> instead of a new stream. A builder that takes
    /// every stream first, in the order a sequential construction would (<see cref="NewRandom"/> for its own
    /// draws, then one for each Connect), can build the synapses concurrently and connect them afterwards
    /// with the streams they would have had.</summary>
    public Projection Connect(Population pre, Population post, Connectivity rule, Xoshiro256 random, double weight,
        double delay = 0, string? target = null, string? name = null)
    {
        Guard.NotNull(random);
        return Connect(pre, post, rule, random, weight, delay, target, name, useRandom: true);
    }

    Projection Connect(Population pre, Population post, Connectivity rule, Xoshiro256? random, double weight,
        double delay, string? target, string? name, bool useRandom)
    {
        CheckOwned(pre, nameof(pre));
        CheckOwned(post, nameof(post));
        Guard.NotNull(rule);
        var channel = post.Channel(target);
        rule.CheckSize(pre.Size, post.Size, ReferenceEquals(pre, post));
        var csr = rule.Build(pre.Size, post.Size, ReferenceEquals(pre, post), useRandom ? random! : NewRandom());
        var p = new Projection(name ?? $"{pre.Name}->{post.Name}:{channel.Name}", pre, post, channel, csr, weight, delay, Dt);
        _projections.Add(p);
        Invalidate();
        return p;
    }

    /// <summary>Adds a projection built elsewhere (plastic projections of other modules).</summary>
    public T Add<T>(T projection, bool _ = true) where T : Projection
    {
        CheckOwned(projection.Pre, "pre");
        CheckOwned(projection.Post, "post");
        _projections.Add(projection);
        Invalidate();
        return projection;
    }

    /// <summary>Independent Poisson drive: each neuron of <paramref name="target"/> receives
    /// <paramref name="count"/> external synapses firing at <paramref name="rate"/> Hz, each
    /// event adding <paramref name="weight"/> to the channel.</summary>
    public PoissonInput AddPoissonInput(Population target, int count, double rate, double weight, string? channel = null)
    {
        CheckOwned(target, nameof(target));
        var input = new PoissonInput(target, count, rate, weight, channel, NewRandom());
        _inputs.Add(input);
        Invalidate();
        return input;
    }

    /// <summary>Time-varying current I_i(t) = gain_i·amplitude(t) (A).</summary>
    public CurrentInput AddCurrent(Population target, Func<double, double> amplitude, double[]? gain = null)
    {
        CheckOwned(target, nameof(target));
        var input = new CurrentInput(target, amplitude, gain);
        _inputs.Add(input);
        return input;
    }

    /// <summary>Adds any other input (e.g. from another module).</summary>
    public T AddInput<T>(T input) where T : Input
    {
        CheckOwned(input.Target, "target");
        _inputs.Add(input);
        Invalidate();
        return input;
    }

    /// <summary>Records the spikes of a population from time <paramref name="from"/> (s) on.</summary>
    public SpikeMonitor MonitorSpikes(Population population, double from = 0)
    {
        CheckOwned(population, nameof(population));
        var m = new SpikeMonitor(population, Dt, from);
        _spikeMonitors.Add(m);
        return m;
    }

    /// <summary>Records the spike count of a population in every step.</summary>
    public RateMonitor MonitorRate(Population population)
    {
        CheckOwned(population, nameof(population));
        var m = new RateMonitor(population, Dt);
        _rateMonitors.Add(m);
        return m;
    }

    /// <summary>Samples a state variable of the given neurons every <paramref name="interval"/> s
    /// (default: every step).</summary>
    public StateMonitor MonitorState(Population population, string variable, int[] neurons, double interval = 0)
    {
        CheckOwned(population, nameof(population));
        var m = new StateMonitor(population, variable, neurons, interval <= 0 ? Dt : interval, Dt);
        _stateMonitors.Add(m);
        return m;
    }

    /// <summary>Stops the run with <see cref="SimulationDivergedException"/> when the
    /// population's rate over a window exceeds <paramref name="maxRate"/> Hz (Auryn's
    /// RateChecker: a runaway network is stopped, not simulated to the end).</summary>
    public void StopIfRateAbove(Population population, double maxRate, double window = 0.1)
    {
        CheckOwned(population, nameof(population));
        Guard.Positive(maxRate);
        int w = Math.Max(1, (int)Math.Round(Guard.Positive(window) / Dt));
        _rateGuards.Add((population, maxRate, w));
    }

    internal void Invalidate() => _prepared = false;

    void Prepare()
    {
        if (_prepared) return;
        foreach (var p in _populations) p.Prepare(Dt);
        foreach (var pr in _projections) pr.Target.EnsureDelay(pr.MaxDelaySteps, Step);
        foreach (var i in _inputs) i.Prepare(Dt);
        _prepared = true;
    }

    /// <summary>After a progress callback: every population checks that the callback did not change
    /// what the run assumed at its start (<see cref="Population.CheckRunAssumptions"/>).</summary>
    internal void CheckRunAssumptions()
    {
        foreach (var p in _populations) p.CheckRunAssumptions();
    }

    /// <summary>Simulates <paramref name="duration"/> seconds on <see cref="Threads"/> threads
    /// (the result is the same on any number). <paramref name="progress"/> receives the fraction
    /// done about every 1 % of the run. The callback must not write state arrays: a write that the run
    /// would ignore (a current that was zero at the start, a threshold that was uniform) throws
    /// <see cref="InvalidOperationException"/> at the callback's return.</summary>
    public void Run(double duration, Action<double>? progress = null)
    {
        if (!(duration > 0) || !double.IsFinite(duration))
            throw new ArgumentException($"duration = {duration} s is invalid: it must be finite and > 0.", nameof(duration));
        long stepsLong = (long)Math.Round(duration / Dt);
        if (stepsLong < 1 || Step + stepsLong > int.MaxValue - 1)
            throw new ArgumentException($"duration = {duration} s is invalid: it must be between dt and {(int.MaxValue - 1 - Step) * Dt} s.", nameof(duration));
        int steps = (int)stepsLong;
        Prepare();
        foreach (var p in _populations) p.BeginRun(_inputs.Any(i => i.Target == p && i.MayWriteCurrent));
        foreach (var m in _spikeMonitors) m.Reserve(steps, 50);
        foreach (var m in _rateMonitors) m.Reserve(steps);
        foreach (var m in _stateMonitors) m.BeginRun(Step, steps);
        var guardCounts = new long[_rateGuards.Count];
        var projections = _projections.ToArray();
        var inputs = _inputs.ToArray();
        var loop = new StepLoop(this, _populations.ToArray(), projections, inputs, _stateMonitors.ToArray(), Threads);
        LastRunThreads = loop.Threads;
        var clock = Stopwatch.StartNew();
        int first = Step, end = Step + steps;
        try
        {
            loop.Run(first, end, progress, _spikeMonitors.ToArray(), _rateMonitors.ToArray(), _rateGuards.ToArray(), guardCounts, projections, inputs);
            Step = end;
        }
        finally
        {
            foreach (var m in _stateMonitors) m.EndRun(Step);
            LastRunSeconds = clock.Elapsed.TotalSeconds;
            LastRunSoloSteps = loop.SoloPhases;
        }
    }

    /// <summary>Called by the step loop when every population has reached <paramref name="step"/>.</summary>
    internal void StepReached(int step) => Step = step;
}
