using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Theory.Experiments.Networks;
using Theory.Spiking;

namespace Theory.Cli;

/// <summary>
/// `theory bench coba|brunel`: the reference networks with warm-up and repetitions. Prints one
/// key=value line: the median wall time of the simulation loop alone (network construction
/// excluded, as the peers' `run_s`), the process CPU seconds of the loop, the construction time,
/// retained heap bytes per synapse, peak RSS and the spike count.
/// </summary>
/// <remarks>
/// Models (<c>--model</c>):
/// <list type="bullet">
/// <item>coba <c>spec</c> (default): Vogels–Abbott COBA of specs/kernel.md, 0.6/6.7 g_L, no delay, no drive
/// (<see cref="CobaSimulation"/>); <c>--n</c> keeps 80 inputs per neuron.</item>
/// <item>coba <c>auryn</c>: Auryn's examples/sim_coba_benchmark — 3200 + 800 conductance LIF
/// (τ_m 20 ms, E_L −60, θ −50, V_r −60 mV, τ_ref 5 ms, E_e 0, E_i −80 mV, τ_e 5, τ_i 10 ms), p = 0.02
/// (no autapses), Δg 0.4 / 5.1 g_L, 20 mV background drive (I = 0.2 nA), 0.8 ms delay, V(0) = E_L,
/// g(0) = 0, forward Euler.</item>
/// <item>brunel <c>A</c> (default): Brunel 2000 model A of specs/kernel.md (<see cref="BrunelSimulation"/>);
/// <c>--n</c> is N = N_E + N_I with N_E = 4N/5 and fixed in-degree C_E = 1000, C_I = 250.</item>
/// <item>brunel <c>auryn</c>: the same neurons and drive but Auryn's examples/sim_brunel2k connectivity:
/// fixed connection probability 0.1 (no autapses) instead of a fixed in-degree.</item>
/// </list>
/// </remarks>
public static class KernelBench
{
    /// <summary>Largest network accepted by <c>--n</c> (memory of this kind of machine).</summary>
    public const int MaxCobaN = 2_000_000, MaxBrunelN = 1_000_000;

    /// <summary>Longest simulated time of one benchmark run (s).</summary>
    public const double MaxSeconds = 100;

    sealed record Common(Option<int> Threads, Option<int> Reps, Option<int> Warmup)
    {
        public Option[] All => [Threads, Reps, Warmup];
    }

    static Common CommonOpts(int defaultReps) => new(
        Opt.Threads("--threads", 1),
        Opt.Whole("--reps", "measured repetitions", "", 1, 1000, defaultReps),
        Opt.Whole("--warmup-runs", "unmeasured runs before the repetitions", "", 0, 100, 1));

    /// <summary>Builds the System.CommandLine commands `theory bench coba` and `theory bench brunel`, with their options and action.</summary>
    /// <param name="cli">The application: output writers, shared options and error handling.</param>
    public static Command[] Build(Cli cli)
    {
        const string hint = "a smaller --n or a shorter --t.";
        var coba = SimulateCommand.CobaOpts(MaxCobaN, MaxSeconds);
        var cobaModel = Opt.Choice("--model", "spec (Vogels-Abbott, specs/kernel.md) or auryn (Auryn's sim_coba_benchmark)", "spec", "spec", "auryn");
        var cobaCommon = CommonOpts(5);
        var brunel = SimulateCommand.BrunelOpts(MaxSeconds);
        var brunelN = Opt.Whole("--n", "neurons N = N_E + N_I (N_E = 4N/5; C_E = 1000, C_I = 250)", "", 1255, MaxBrunelN, 12500);
        var brunelModel = Opt.Choice("--model", "A (fixed in-degree) or auryn (fixed probability 0.1)", "A", "A", "auryn");
        var brunelCommon = CommonOpts(3);
        var pN = Opt.Whole("--n", "neurons", "", 1, MaxCobaN, 12500);
        var pCount = Opt.Whole("--count", "Poisson inputs per neuron", "", 1, 100_000, 1000);
        var pT = Opt.Real("--t", "simulated time", "s", 0, MaxSeconds, 1.0, minOpen: true);
        var pRate = Opt.Real("--rate", "rate of each input", "Hz", 0, 1e4, 20);
        var pCommon = CommonOpts(5);
        var dN = Opt.Whole("--n", "source neurons (and as many targets)", "", 100, MaxCobaN, 64000);
        var dOut = Opt.Whole("--out-degree", "targets per source, at most --n", "", 1, 10_000, 80);
        var dT = Opt.Real("--t", "simulated time", "s", 0, MaxSeconds, 1.0, minOpen: true);
        var dDelay = Opt.Real("--delay", "transmission delay", "s", 0, 0.1, 0.0);
        var dCommon = CommonOpts(5);
        return
        [
            cli.Command("coba", "COBA network: median loop wall time, CPU time, bytes per synapse, peak RSS",
                pr => Coba(cli, pr, coba, cobaModel, cobaCommon), hint, [.. coba.All, cobaModel, .. cobaCommon.All]),
            cli.Command("brunel", "Brunel (2000) model A network: median loop wall time, CPU time, bytes per synapse, peak RSS",
                pr => Brunel(cli, pr, brunel, brunelN, brunelModel, brunelCommon), hint, [.. brunel.All, brunelN, brunelModel, .. brunelCommon.All]),
            cli.Command("poisson", "cost of the binomial Poisson input alone (ns per neuron per step)",
                pr => Poisson(cli, pr, pN, pCount, pT, pRate, pCommon), hint, [pN, pCount, pT, pRate, .. pCommon.All]),
            cli.Command("delivery", "cost of static spike delivery alone (ns per delivered event)",
                pr => Delivery(cli, pr, dN, dOut, dT, dDelay, dCommon), hint, [dN, dOut, dT, dDelay, .. dCommon.All]),
        ];
    }

    static (int Threads, int Reps, int Warmup) Values(ParseResult pr, Common c) =>
        (pr.GetValue(c.Threads), pr.GetValue(c.Reps), pr.GetValue(c.Warmup));

    static int Coba(Cli cli, ParseResult pr, SimulateCommand.CobaOptions o, Option<string> modelOpt, Common common)
    {
        var cfg = SimulateCommand.Coba(pr, o);
        int n = cfg.N;
        string model = pr.GetValue(modelOpt)!;
        if (model == "auryn" && n % 5 != 0)
            throw new ArgumentException($"--n = {n} is invalid for --model auryn: it must be a multiple of 5 (80 % E).", "--n");
        var (threads, reps, warmup) = Values(pr, common);
        MemoryBudget.Check("--n", n.ToString(CultureInfo.InvariantCulture), 80.0 * n, n, 4.0 * cfg.Duration / 1e-4);
        Func<int, (Network, Population[])> build = model == "spec"
            ? k => { var c = cfg with { Seed = cfg.Seed + (ulong)k }; var (net, pop) = c.Build(); return (net, [pop]); }
            : k => AurynCoba(n, cfg.Seed + (ulong)k);
        var r = Measure(cli, threads, reps, warmup, build, cfg.Duration);
        Print(cli, r, ("bench", "coba"), ("model", model), ("n", n), ("t", cfg.Duration), ("threads", threads), ("reps", reps));
        return 0;
    }

    static int Brunel(Cli cli, ParseResult pr, SimulateCommand.BrunelOptions o, Option<int> nOpt, Option<string> modelOpt, Common common)
    {
        var cfg = SimulateCommand.Brunel(pr, o);
        int n = pr.GetValue(nOpt);
        int ne = (int)(4L * n / 5);
        cfg = cfg with { NE = ne, NI = n - ne };
        string model = pr.GetValue(modelOpt)!;
        var (threads, reps, warmup) = Values(pr, common);
        MemoryBudget.Check("--n", n.ToString(CultureInfo.InvariantCulture), (double)n * (cfg.CE + cfg.CI), n, 8.0 * cfg.Duration / 1e-4);
        Func<int, (Network, Population[])> build = model == "A"
            ? k => { var c = cfg with { Seed = cfg.Seed + (ulong)k }; var (net, e, i) = c.Build(); return (net, [e, i]); }
            : k => AurynBrunel(cfg with { Seed = cfg.Seed + (ulong)k });
        var r = Measure(cli, threads, reps, warmup, build, cfg.Duration);
        Print(cli, r, ("bench", "brunel"), ("model", model), ("n", n), ("g", cfg.G), ("nu_ext_ratio", cfg.NuExtRatio),
            ("t", cfg.Duration), ("threads", threads), ("reps", reps));
        return 0;
    }

    /// <summary>`theory bench poisson`: cost of the binomial Poisson input alone — N Brunel LIF
    /// neurons that never fire (θ = 0.5 V) with and without PoissonInput(C_E = 1000, ν_ext = 20 Hz,
    /// J = 0.1 mV), interleaved; prints the difference in ns per neuron per step.</summary>
    static int Poisson(Cli cli, ParseResult pr, Option<int> nOpt, Option<int> countOpt, Option<double> tOpt, Option<double> rateOpt, Common common)
    {
        int n = pr.GetValue(nOpt), count = pr.GetValue(countOpt);
        double t = pr.GetValue(tOpt), rate = pr.GetValue(rateOpt);
        var (threads, reps, warmup) = Values(pr, common);
        Func<bool, Func<int, (Network, Population[])>> build = withInput => k =>
        {
            var net = new Network(1e-4, 1 + (ulong)k);
            var pop = net.Add(new LifDelta("P", n, LifParameters.Brunel2000));
            Array.Fill(pop.Variable("threshold"), 0.5f);
            if (withInput) net.AddPoissonInput(pop, count, rate, 1e-4);
            return (net, [pop]);
        };
        var (with, without) = Interleaved(cli, threads, reps, warmup, build(true), build(false), t);
        double steps = Math.Max(1, Math.Round(t / 1e-4));
        double ns = 1e9 * (with.MedianRun - without.MedianRun) / (n * steps);
        cli.Out.WriteLine(Fmt.Line(("bench", "poisson"), ("n", n), ("count", count), ("rate_hz", rate), ("t", t),
            ("threads", threads), ("reps", reps), ("median_run_s", with.MedianRun), ("median_run_without_input_s", without.MedianRun),
            ("ns_per_neuron_step", ns), ("ns_per_neuron_step_total", 1e9 * with.MedianRun / (n * steps)),
            ("median_cpu_s", with.MedianCpu), ("median_cpu_without_input_s", without.MedianCpu),
            ("ns_per_neuron_step_cpu", 1e9 * (with.MedianCpu - without.MedianCpu) / (n * steps))));
        return 0;
    }

    /// <summary>`theory bench delivery`: cost of static spike delivery alone — N source LIF neurons
    /// firing regularly at ≈ 20 Hz (constant drive, phases spread by V(0) uniform in [V_r, θ]) project
    /// with p = 80/N (80 targets each, homogeneous weight, delay 0) onto N LIF neurons that never fire;
    /// with and without the projection, interleaved; prints the difference per delivered event.</summary>
    static int Delivery(Cli cli, ParseResult pr, Option<int> nOpt, Option<int> outOpt, Option<double> tOpt, Option<double> delayOpt, Common common)
    {
        int n = pr.GetValue(nOpt), outDegree = pr.GetValue(outOpt);
        double t = pr.GetValue(tOpt), delay = pr.GetValue(delayOpt);
        if (outDegree > n)
            throw new ArgumentException($"--out-degree = {outDegree} is invalid: it must be at most --n = {n}.", "--out-degree");
        var (threads, reps, warmup) = Values(pr, common);
        MemoryBudget.Check("--n", n.ToString(CultureInfo.InvariantCulture), (double)n * outDegree, 2.0 * n, 4.0 * t / 1e-4);
        long events = 0;
        Func<bool, Func<int, (Network, Population[])>> build = withProjection => k =>
        {
            var net = new Network(1e-4, 1 + (ulong)k);
            var m = LifParameters.Brunel2000;
            var src = net.Add(new LifDelta("S", n, m));
            var dst = net.Add(new LifDelta("T", n, m));
            src.SetUniform("v", m.Reset, m.Threshold, net.NewRandom());
            Array.Fill(src.Current, (float)(0.021 / m.Resistance), 0, n);   // R·I = 21 mV: ≈ 20 Hz
            Array.Fill(dst.Variable("threshold"), 0.5f);
            if (withProjection)
                net.Connect(src, dst, Connectivity.FixedProbability((double)outDegree / n), 1e-6, delay);
            return (net, [src]);
        };
        var (with, without) = Interleaved(cli, threads, reps, warmup, build(true), build(false), t);
        events = (long)Math.Round(with.Synapses / (double)n * with.Spikes);
        double ns = 1e9 * (with.MedianRun - without.MedianRun) / Math.Max(1, events);
        cli.Out.WriteLine(Fmt.Line(("bench", "delivery"), ("n", n), ("out_degree", outDegree), ("t", t), ("delay", delay),
            ("threads", threads), ("reps", reps), ("source_rate_hz", with.Spikes / (n * t)), ("events", events),
            ("median_run_s", with.MedianRun), ("median_run_without_projection_s", without.MedianRun), ("ns_per_event", ns),
            ("median_cpu_s", with.MedianCpu), ("median_cpu_without_projection_s", without.MedianCpu),
            ("ns_per_event_cpu", 1e9 * (with.MedianCpu - without.MedianCpu) / Math.Max(1, events))));
        return 0;
    }

    static (Result With, Result Without) Interleaved(Cli cli, int threads, int reps, int warmup,
        Func<int, (Network, Population[])> with, Func<int, (Network, Population[])> without, double t)
    {
        var a = new List<Result>(); var b = new List<Result>();
        Measure(cli, threads, 1, warmup, with, t); Measure(cli, threads, 1, warmup, without, t);
        for (int k = 0; k < reps; k++) { a.Add(Measure(cli, threads, 1, 0, with, t)); b.Add(Measure(cli, threads, 1, 0, without, t)); }
        Result Pick(List<Result> x) { var s = x.OrderBy(r => r.MedianRun).ToList(); return s[s.Count / 2]; }
        return (Pick(a), Pick(b));
    }

    static (Network, Population[]) AurynCoba(int n, ulong seed)
    {
        var net = new Network(1e-4, seed);
        var p = LifParameters.VogelsAbbott2005;
        var pop = net.Add(new LifConductance("COBA-auryn", n, p, 0.0, -0.080, 0.005, 0.010));
        int ne = 4 * n / 5;
        double gL = p.LeakConductance;
        Array.Fill(pop.Current, (float)(0.020 * gL), 0, n);       // 20 mV drive
        double sparse = Math.Min(1.0, 0.02 * 4000 / n);
        var rule = Connectivity.FixedProbability(sparse, allowAutapses: false);
        var csrE = rule.Build(ne, n, false, net.NewRandom());
        var csrI = rule.Build(n - ne, n, false, net.NewRandom());
        net.Connect(pop, pop, Connectivity.Rows(csrE, 0), 0.4 * gL, 0.8e-3, "exc");
        net.Connect(pop, pop, Connectivity.Rows(csrI, ne), 5.1 * gL, 0.8e-3, "inh");
        return (net, [pop]);
    }

    static (Network, Population[]) AurynBrunel(BrunelSimulation c)
    {
        var net = new Network(c.Dt, c.Seed);
        var m = c.Membrane;
        var e = net.Add(new LifDelta("E", c.NE, m) { RefractoryInput = c.RefractoryInput });
        var i = net.Add(new LifDelta("I", c.NI, m) { RefractoryInput = c.RefractoryInput });
        var init = net.NewRandom();
        e.SetUniform("v", m.Reset, m.Threshold, init);
        i.SetUniform("v", m.Reset, m.Threshold, init);
        double eps = (double)c.CE / c.NE;
        foreach (var post in new[] { e, i })
        {
            net.Connect(e, post, Connectivity.FixedProbability(eps, allowAutapses: false), c.J, c.Delay);
            net.Connect(i, post, Connectivity.FixedProbability(eps, allowAutapses: false), -c.G * c.J, c.Delay);
            net.AddPoissonInput(post, c.CE, c.NuExtRatio * c.NuThreshold, c.J);
        }
        return (net, [e, i]);
    }

    sealed record Result(double MedianRun, double MinRun, double MaxRun, double MedianCpu, double MedianBuild,
        long Spikes, long Synapses, int Neurons, double Duration, double ProjectionBytesPerSynapse,
        double RetainedBytesPerSynapse, long RetainedBytes, long RssBeforeBuild, long HwmAfterBuild, long HwmEnd, int ThreadsUsed, long SoloSteps);

    static Result Measure(Cli cli, int threads, int reps, int warmup, Func<int, (Network, Population[])> build, double duration)
    {
        using var scope = KernelThreads.Use(threads);
        var runs = new List<double>(); var cpus = new List<double>(); var builds = new List<double>();
        long spikes = 0, synapses = 0, retained = 0, rssBefore = 0, hwmAfterBuild = 0;
        int neurons = 0, threadsUsed = 0; double projBps = 0; long solo = 0;
        for (int k = -warmup; k < reps; k++)
        {
            bool first = k == -warmup;
            long heap0 = 0;
            if (first) { heap0 = GC.GetTotalMemory(true); rssBefore = ProcStatus("VmRSS"); }
            var sw = Stopwatch.StartNew();
            var (net, pops) = build(k < 0 ? 1000 + k + warmup : k);
            if (net.Threads != threads)
                throw new InvalidOperationException($"network built with {net.Threads} threads, asked {threads}.");
            var monitors = pops.Select(net.MonitorRate).ToArray();
            double buildS = sw.Elapsed.TotalSeconds;
            if (first)
            {
                hwmAfterBuild = ProcStatus("VmHWM");
                retained = GC.GetTotalMemory(true) - heap0;
                GC.KeepAlive(net);
            }
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            net.Run(duration);
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
            synapses = net.Projections.Sum(p => p.Count);
            projBps = net.Projections.Sum(p => p.BytesPerSynapse * p.Count) / Math.Max(1, synapses);
            if (k < 0) { cli.Err.WriteLine($"  warm-up: build {buildS:0.000} s, run {net.LastRunSeconds:0.000} s"); continue; }
            spikes = monitors.Sum(m => (long)m.Counts.Sum());
            threadsUsed = net.LastRunThreads;
            solo += net.LastRunSoloSteps;
            neurons = pops.Sum(p => p.Size);
            runs.Add(net.LastRunSeconds); cpus.Add(cpu); builds.Add(buildS);
            cli.Err.WriteLine($"  rep {k + 1}/{reps}: build {buildS:0.000} s, run {net.LastRunSeconds:0.000} s wall, {cpu:0.000} s CPU");
        }
        return new Result(Median(runs), runs.Min(), runs.Max(), Median(cpus), Median(builds), spikes, synapses, neurons, duration,
            projBps, (double)retained / Math.Max(1, synapses), retained, rssBefore, hwmAfterBuild, ProcStatus("VmHWM"), threadsUsed, solo);
    }

    static void Print(Cli cli, Result r, params (string, object)[] head)
    {
        var tail = new (string, object)[]
        {
            ("threads_used", r.ThreadsUsed), ("solo_steps", r.SoloSteps), ("median_run_s", r.MedianRun), ("min_run_s", r.MinRun), ("max_run_s", r.MaxRun), ("median_cpu_s", r.MedianCpu),
            ("s_per_sim_s", r.MedianRun / r.Duration), ("median_build_s", r.MedianBuild),
            ("rate_hz", r.Spikes / (r.Neurons * r.Duration)), ("spikes", r.Spikes), ("synapses", r.Synapses),
            ("bytes_per_synapse", r.ProjectionBytesPerSynapse), ("retained_bytes_per_synapse", Math.Round(r.RetainedBytesPerSynapse, 3)),
            ("retained_mb", Math.Round(r.RetainedBytes / 1048576.0, 1)), ("rss_before_build_mb", Math.Round(r.RssBeforeBuild / 1048576.0, 1)),
            ("peak_rss_build_mb", Math.Round(r.HwmAfterBuild / 1048576.0, 1)), ("peak_rss_mb", Math.Round(r.HwmEnd / 1048576.0, 1)),
            ("build_peak_over_retained", Math.Round((r.HwmAfterBuild - r.RssBeforeBuild) / (double)Math.Max(1, r.RetainedBytes), 2)),
        };
        cli.Out.WriteLine(Fmt.Line(head.Concat(tail).ToArray()));
    }

    static double Median(List<double> x)
    {
        var s = x.OrderBy(v => v).ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : 0.5 * (s[s.Count / 2 - 1] + s[s.Count / 2]);
    }

    /// <summary>A value in bytes from /proc/self/status (kB there); 0 where unavailable.</summary>
    static long ProcStatus(string key)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith(key + ":", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return 0;
    }
}
