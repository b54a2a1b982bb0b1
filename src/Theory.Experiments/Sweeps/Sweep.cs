using System.Collections.Concurrent;
using System.Diagnostics;
using Theory.Spiking;

namespace Theory.Experiments.Sweeps;

/// <summary>How many worker processes and threads per worker a local sweep uses (<see cref="Sweep.Plan"/>).</summary>
/// <param name="Workers">Worker processes.</param>
/// <param name="Threads">Threads per worker.</param>
public readonly record struct SweepPlan(int Workers, int Threads);

/// <summary>How a local sweep uses the machine. Unset values are chosen by <see cref="Sweep.Plan"/>.</summary>
public sealed record SweepOptions
{
    /// <summary>Points evaluated at once (null: chosen from the cores and the number of points).</summary>
    public int? Workers { get; init; }

    /// <summary>Kernel threads of each point (<see cref="KernelThreads.Use"/>; null: cores / workers).</summary>
    public int? ThreadsPerPoint { get; init; }

    /// <summary>Cores to fill (null: <c>SLURM_CPUS_PER_TASK</c> inside a SLURM task, else every core).</summary>
    public int? Cores { get; init; }

    /// <summary>Called after each evaluated point with (record, points finished so far in this run, points to run);
    /// calls are serialized.</summary>
    public Action<SweepRecord, int, int>? Progress { get; init; }
}

/// <summary>
/// Runs a table of independent points, each into its own record in a results folder
/// (<see cref="SweepStore"/>), on every local core: <c>workers</c> points at once with
/// <c>threads</c> kernel threads each, workers × threads = cores. A point whose record exists is
/// not run again (an interrupted sweep resumes); a point that throws records the exception's type
/// and message and the sweep goes on. The merged <see cref="SweepResult"/> does not depend on the
/// parallelism: points are independent and the kernel gives the same result for a seed on any
/// number of threads.
/// </summary>
public static class Sweep
{
    [ThreadStatic] static bool _insideWorker;

    /// <summary>Runs every point of <paramref name="spec"/> here (skipping finished ones) and returns all of them.</summary>
    public static SweepResult Local(SweepSpec spec, SweepOptions? options = null) =>
        Run(Guard.NotNull(spec).Points, spec.ExperimentDefinition.Evaluate, spec.Results, options, spec.Experiment, spec.Hash);

    /// <summary>Runs the points of chunk <paramref name="task"/> (what SLURM array task <paramref name="task"/> does);
    /// the result holds that chunk's points only.</summary>
    public static SweepResult Chunk(SweepSpec spec, int task, SweepOptions? options = null)
    {
        Guard.NotNull(spec);
        var points = spec.Chunk(task);
        return Execute(points, spec.ExperimentDefinition.Evaluate, new SweepStore(spec.Results), options, spec.Experiment, spec.Hash, spec.Points.Count);
    }

    /// <summary>Reads the results folder of <paramref name="spec"/> without running anything (pending points stay null).</summary>
    public static SweepResult Collect(SweepSpec spec)
    {
        Guard.NotNull(spec);
        var store = new SweepStore(spec.Results);
        var hash = store.ManifestHash();
        if (hash is not null && hash != spec.Hash)
            throw new ArgumentException($"results = '{spec.Results}' holds another sweep (hash {hash}, this spec {spec.Hash}).", "results");
        return new SweepResult(spec.Points, spec.Points.Select(store.TryLoad).ToArray());
    }

    /// <summary>Runs an arbitrary function over <paramref name="points"/> (ids must be 0, 1, …), resumable in
    /// <paramref name="folder"/>. <paramref name="tag"/> names the computation: the folder is claimed by the hash of
    /// the tag and the point table, so a changed table (or tag) is refused rather than mixed with old results.</summary>
    /// <remarks>With <paramref name="folder"/> null the records go to a temporary folder that is deleted afterwards
    /// (parallel, but not resumable).</remarks>
    public static SweepResult Run(IEnumerable<SweepPoint> points, Func<SweepPoint, SweepRow> evaluate, string? folder,
                                  SweepOptions? options = null, string tag = "function")
    {
        var list = Guard.NotNull(points).ToArray();
        if (folder is not null) return Run(list, evaluate, folder, options, tag, SweepSpec.HashOf(tag, list));
        var temp = Directory.CreateTempSubdirectory("theory-sweep-").FullName;
        try { return Run(list, evaluate, temp, options, tag, SweepSpec.HashOf(tag, list)); }
        finally { Directory.Delete(temp, recursive: true); }
    }

    static SweepResult Run(IReadOnlyList<SweepPoint> points, Func<SweepPoint, SweepRow> evaluate, string folder,
                           SweepOptions? options, string tag, string hash)
    {
        Guard.NotNull(evaluate);
        if (points.Count == 0) throw new ArgumentException("points is empty: a sweep needs at least one point.", nameof(points));
        for (int i = 0; i < points.Count; i++)
            if (points[i].Id != i) throw new ArgumentException($"points[{i}].Id = {points[i].Id} is invalid: ids must be 0, 1, … in order.", nameof(points));
        var store = new SweepStore(folder);
        var part = Execute(points, evaluate, store, options, tag, hash, points.Count);
        return new SweepResult(points, part.Records, part.Computed, part.Skipped);
    }

    static SweepResult Execute(IReadOnlyList<SweepPoint> points, Func<SweepPoint, SweepRow> evaluate, SweepStore store,
                               SweepOptions? options, string tag, string hash, int total)
    {
        options ??= new SweepOptions();
        store.Claim(tag, hash, total);
        store.RemoveTemporaries(points);
        var records = new SweepRecord?[points.Count];
        var todo = new List<int>();
        for (int i = 0; i < points.Count; i++)
        {
            records[i] = store.TryLoad(points[i]);
            if (records[i] is null) todo.Add(i);
        }
        int skipped = points.Count - todo.Count;
        if (todo.Count > 0)
        {
            // a sweep started inside a point of another sweep shares that point's threads instead of every core
            int cores = options.Cores ?? (_insideWorker ? KernelThreads.Default : Cores());
            var (workers, threads) = Plan(todo.Count, cores, options.Workers, options.ThreadsPerPoint);
            var queue = new ConcurrentQueue<int>(todo);
            var gate = new object();
            int finished = 0;
            Exception? fault = null;
            void Work()
            {
                _insideWorker = true;
                using var scope = KernelThreads.Use(threads);
                while (Volatile.Read(ref fault) is null && queue.TryDequeue(out int i))
                {
                    try
                    {
                        var sw = Stopwatch.StartNew();
                        SweepRow? row = null;
                        string? error = null;
                        try { row = evaluate(points[i]) ?? throw new InvalidOperationException("the evaluation returned no row (null)."); }
                        catch (Exception e) { error = e.GetType().FullName + ": " + e.Message; }
                        var rec = new SweepRecord(points[i], row, error, sw.Elapsed.TotalSeconds);
                        store.Save(rec);
                        records[i] = rec;
                        lock (gate) options.Progress?.Invoke(rec, ++finished, todo.Count);
                    }
                    catch (Exception e) { Interlocked.CompareExchange(ref fault, e, null); }
                }
            }
            var pool = Enumerable.Range(0, workers).Select(k => new Thread(Work) { Name = $"sweep-worker-{k}", IsBackground = true }).ToArray();
            foreach (var t in pool) t.Start();
            foreach (var t in pool) t.Join();
            if (fault is not null) throw new IOException($"sweep: writing results in '{store.Folder}' failed: {fault.Message}", fault);
        }
        return new SweepResult(points, records, todo.Count, skipped);
    }

    /// <summary>Cores to fill: <c>SLURM_CPUS_PER_TASK</c> when set (inside a SLURM job), else every core.</summary>
    public static int Cores()
    {
        var slurm = Environment.GetEnvironmentVariable("SLURM_CPUS_PER_TASK");
        return int.TryParse(slurm, out int c) && c > 0 ? c : Math.Max(1, Environment.ProcessorCount);
    }

    /// <summary>Workers × threads per point for <paramref name="points"/> pending points on <paramref name="cores"/> cores:
    /// as many workers as points up to the cores, the remaining cores shared as kernel threads; a given value is kept
    /// and the other derived from it. Validated: workers and threads in [1, <see cref="KernelThreads.MaxThreads"/>].</summary>
    public static SweepPlan Plan(int points, int cores, int? workers = null, int? threads = null)
    {
        Guard.Positive(points);
        KernelThreads.Validate(cores, "cores");
        if (workers is { } w) KernelThreads.Validate(w, "workers");
        if (threads is { } t) KernelThreads.Validate(t, "threads");
        int W = workers ?? (threads is { } t2 ? Math.Clamp(cores / t2, 1, points) : Math.Min(points, cores));
        int T = threads ?? Math.Max(1, cores / W);
        return new(Math.Min(W, points), T);
    }

    /// <summary>The Cartesian product of named value lists as a point table (first name slowest), ids 0, 1, ….</summary>
    public static SweepPoint[] Grid(IEnumerable<KeyValuePair<string, double[]>> axes)
    {
        var rows = new List<KeyValuePair<string, double>[]> { Array.Empty<KeyValuePair<string, double>>() };
        foreach (var (name, values) in Guard.NotNull(axes))
        {
            if (Guard.NotNull(values, name).Length == 0) throw new ArgumentException($"{name} is empty: give at least one value.", name);
            rows = rows.SelectMany(r => values.Select(v => r.Append(new KeyValuePair<string, double>(name, v)).ToArray())).ToList();
        }
        return rows.Select((r, id) => new SweepPoint(id, r)).ToArray();
    }

    /// <summary>F#-friendly <see cref="Grid(IEnumerable{KeyValuePair{string, double[]}})"/>: <c>Sweep.Grid ["w_e", wes; "w_i", wis]</c>.</summary>
    public static SweepPoint[] Grid(IEnumerable<Tuple<string, double[]>> axes) =>
        Grid(Guard.NotNull(axes).Select(t => new KeyValuePair<string, double[]>(t.Item1, t.Item2)));

    /// <summary>A point table from rows of (name, value) pairs, ids 0, 1, … in order:
    /// <c>Sweep.Table [ [ "kind", 0.0; "pre", 30.0 ]; [ "kind", 1.0; "c", 0.3 ] ]</c>. Rows may set different
    /// parameters, so one sweep can hold points of different kinds (a "kind" column choosing what a point runs;
    /// the longest first keeps every core busy to the end). One overload only: F# then types a nested list literal
    /// as this argument.</summary>
    public static SweepPoint[] Table(IEnumerable<IEnumerable<Tuple<string, double>>> rows) =>
        Guard.NotNull(rows).Select((r, id) => new SweepPoint(id, Guard.NotNull(r, $"rows[{id}]"))).ToArray();

    /// <summary>Folder <paramref name="root"/>/<paramref name="name"/>-&lt;hash of <paramref name="config"/> and of the build&gt;: figure
    /// scripts keep one resumable folder per configuration, so a changed configuration never reuses stale results. The
    /// build is the module version ids of Theory, Theory.Spiking and Theory.Experiments (deterministic builds: they change
    /// exactly when the code does), so results computed by other code are not reused either.</summary>
    public static string Folder(string root, string name, string config) =>
        Path.Combine(Guard.NotNull(root), $"{name}-{SweepSpec.HashOf(Guard.NotNull(config) + "\n" + Build, [])}");

    static readonly string Build = string.Join(",",
        new[] { typeof(Sweep).Assembly, typeof(KernelThreads).Assembly, typeof(Theory.MeanField.Siegert).Assembly }
            .Select(a => a.ManifestModule.ModuleVersionId));
}
