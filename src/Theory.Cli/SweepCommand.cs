using System.CommandLine;
using System.Globalization;
using Theory.Experiments.Sweeps;

namespace Theory.Cli;

/// <summary>
/// `theory sweep run|submit|status|collect|experiments`: a sweep spec (JSON, see SweepSpec) run on every
/// local core, or submitted as a SLURM job array, then merged into one CSV.
/// </summary>
public static class SweepCommand
{
    /// <summary>Largest sweep spec file read (bytes).</summary>
    public const long MaxSpecBytes = 1 << 20;

    static Argument<string> Spec() => new("SPEC") { Description = "sweep spec file (JSON, at most 1 MiB)", HelpName = "SPEC" };

    /// <summary>Builds the System.CommandLine command `theory sweep` (run, submit, status, collect, experiments), with its options and action.</summary>
    /// <param name="cli">The application: output writers, shared options and error handling.</param>
    public static Command Build(Cli cli)
    {
        var rSpec = Spec();
        var task = Opt.Whole("--task", "run only chunk K (what SLURM array task K does)", "", 0, 1_000_000);
        var workers = Opt.Whole("--workers", "points run at once (default: from the cores)", "", 1, Theory.Spiking.KernelThreads.MaxThreads);
        var threads = Opt.Whole("--threads", "kernel threads per point (default: from the cores)", "", 1, Theory.Spiking.KernelThreads.MaxThreads);
        var run = cli.Command("run", "run the spec's points here, skipping those already done; without --task also writes <results>/results.csv",
            pr => Run(cli, pr, rSpec, task, workers, threads), null, rSpec, task, workers, threads);

        var sSpec = Spec();
        var slurm = Opt.Flag("--slurm", "submit to SLURM (the scheduler supported)");
        var partition = Opt.Text("--partition", "SLURM partition", helpName: "name");
        var time = Opt.Text("--time", "SLURM time limit per task (e.g. 01:00:00)", helpName: "time");
        var mem = Opt.Text("--mem", "SLURM memory per task (e.g. 4G)", helpName: "size");
        var cpus = Opt.Whole("--cpus-per-task", "SLURM CPUs per task", "", 1, 1024);
        var submit = cli.Command("submit", "write <results>/slurm/job.sbatch (one array task per chunk) and submit it with sbatch",
            pr => Submit(cli, pr, sSpec, slurm, partition, time, mem, cpus), null, sSpec, slurm, partition, time, mem, cpus);

        var stSpec = Spec();
        var status = cli.Command("status", "points done, failed and pending (and the SLURM job's task states when squeue is available)",
            pr => Status(cli, pr.GetValue(stSpec)!), null, stSpec);

        var cSpec = Spec();
        var outFile = Opt.Text("--out", "merged CSV (default <results>/results.csv; written complete or not at all); - for stdout");
        var partial = Opt.Flag("--partial", "merge even if points are pending");
        var collect = cli.Command("collect", "merge the results (rows in point order) into one CSV; exit 2 while points are pending (unless --partial)",
            pr => Collect(cli, pr, cSpec, outFile, partial), null, cSpec, outFile, partial);

        var experiments = cli.Command("experiments", "the experiments a spec can name, with their parameters, defaults and ranges",
            _ => Experiments(cli), null);
        return cli.Command("sweep", "parameter sweeps: run locally, submit to SLURM, status, collect", null, null, run, submit, status, collect, experiments);
    }

    static SweepSpec Load(Cli cli, string path)
    {
        cli.Maps(("spec", "SPEC"));
        if (AtomicOutput.Stat(path).Kind != PathKind.Missing && AtomicOutput.Stat(path).Kind != PathKind.Directory)
            AtomicOutput.CheckInput(path, "SPEC", MaxSpecBytes);
        return SweepSpec.Load(path);
    }

    static int Run(Cli cli, ParseResult pr, Argument<string> specArg, Option<int> taskOpt, Option<int> workersOpt, Option<int> threadsOpt)
    {
        var spec = Load(cli, pr.GetValue(specArg)!);
        int? task = pr.Given(taskOpt) ? pr.GetValue(taskOpt) : null;
        int? workers = pr.Given(workersOpt) ? pr.GetValue(workersOpt) : null;
        int? threads = pr.Given(threadsOpt) ? pr.GetValue(threadsOpt) : null;
        cli.Maps(("chunk", "--task"), ("task", "--task"), ("workers", "--workers"), ("threads", "--threads"));
        int pending = (task is { } k ? spec.Chunk(k) : spec.Points).Count;
        var (w, t) = Sweep.Plan(pending, Sweep.Cores(), workers, threads);
        var options = new SweepOptions
        {
            Workers = w, ThreadsPerPoint = t,
            Progress = (r, n, total) => cli.Err.WriteLine(
                $"point {r.Id} ({r.Point}): {(r.Ok ? "done" : "failed: " + r.Error)} in {r.Seconds:0.00} s [{n}/{total}]"),
        };
        var result = task is { } chunk ? Sweep.Chunk(spec, chunk, options) : Sweep.Local(spec, options);
        string? csv = null;
        if (task is null && result.Pending == 0)
        {
            csv = Path.Combine(spec.Results, "results.csv");
            AtomicOutput.WriteFile(csv, result.ToCsv(), "results.csv");
        }
        cli.Out.WriteLine(Fmt.Line(("sweep", spec.Experiment), ("hash", spec.Hash),
            ("task", task?.ToString(CultureInfo.InvariantCulture) ?? "all"), ("points", result.Points.Count),
            ("computed", result.Computed), ("skipped", result.Skipped), ("failed", result.Failed),
            ("workers", w), ("threads", t), ("results", spec.Results)) + (csv is null ? "" : " csv=" + csv));
        return 0;
    }

    static int Submit(Cli cli, ParseResult pr, Argument<string> specArg, Option<bool> slurm, Option<string> partition, Option<string> time,
        Option<string> mem, Option<int> cpus)
    {
        var spec = Load(cli, pr.GetValue(specArg)!);
        if (!pr.GetValue(slurm))
            throw new ArgumentException("submit needs --slurm: SLURM is the scheduler supported (use `theory sweep run SPEC` to run locally).", "--slurm");
        var so = new SlurmOptions(pr.GetValue(partition), pr.GetValue(time), pr.GetValue(mem), pr.Given(cpus) ? pr.GetValue(cpus) : null);
        cli.Maps(("partition", "--partition"), ("time", "--time"), ("mem", "--mem"), ("cpusPerTask", "--cpus-per-task"), ("CpusPerTask", "--cpus-per-task"));
        string id;
        try { id = SlurmJob.Submit(spec, so); }
        catch (InvalidOperationException e) { throw new CliIoException($"sweep submit: {e.Message}", e); }
        cli.Out.WriteLine(Fmt.Line(("submitted", id), ("tasks", spec.Chunks), ("points", spec.Points.Count),
            ("script", Path.Combine(SlurmJob.Folder(spec), "job.sbatch")), ("results", spec.Results)));
        return 0;
    }

    static int Status(Cli cli, string specPath)
    {
        var spec = Load(cli, specPath);
        var r = Sweep.Collect(spec);
        var queue = SlurmJob.QueueState(spec);
        cli.Out.WriteLine(Fmt.Line(("sweep", spec.Experiment), ("points", r.Points.Count), ("done", r.Done),
            ("failed", r.Failed), ("pending", r.Pending)) + (queue is null ? "" : $" job={SlurmJob.JobId(spec)} queue=\"{queue}\""));
        return 0;
    }

    static int Collect(Cli cli, ParseResult pr, Argument<string> specArg, Option<string> outOpt, Option<bool> partialOpt)
    {
        var spec = Load(cli, pr.GetValue(specArg)!);
        string output = pr.GetValue(outOpt) ?? Path.Combine(spec.Results, "results.csv");
        if (output != "-") AtomicOutput.CheckFileTarget(output, "--out");
        var r = Sweep.Collect(spec);
        if (r.Pending > 0 && !pr.GetValue(partialOpt))
        {
            // Not a failure of the tool: the SPEC given is not complete yet, so this is bad input (exit 2).
            cli.Err.WriteLine($"theory: SPEC: {r.Pending} of {r.Points.Count} points are pending in {spec.Results}: wait (theory sweep status), run them (theory sweep run), or pass --partial.");
            return Cli.Usage;
        }
        if (cli.WriteTable(output, r.ToCsv(), "--out"))
            cli.Out.WriteLine(Fmt.Line(("rows", r.Done + r.Failed), ("failed", r.Failed), ("pending", r.Pending), ("out", Path.GetFullPath(output))));
        return 0;
    }

    static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    static int Experiments(Cli cli)
    {
        foreach (var e in SweepExperiments.All)
        {
            cli.Out.WriteLine($"{e.Name}: {e.Description}");
            foreach (var p in e.Parameters)
                cli.Out.WriteLine($"    {p.Name,-14} default {R(p.Default),-8} range [{R(p.Min)}, {R(p.Max)}]{(p.Integer ? " whole" : "")}  {p.Description}");
        }
        return 0;
    }
}
