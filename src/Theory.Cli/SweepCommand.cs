using System.Globalization;
using Theory.Experiments.Sweeps;

namespace Theory.Cli;

/// <summary>
/// `theory sweep run|submit|status|collect|experiments`: a sweep spec (JSON, see SweepSpec) run on every
/// local core, or submitted as a SLURM job array, then merged into one CSV.
/// </summary>
public static class SweepCommand
{
    public const string Help = """
        theory sweep run SPEC [--task K] [--workers W] [--threads T]
            Runs the spec's points here (only chunk K with --task: what SLURM array task K does), skipping
            points already in the results folder; without --task also writes <results>/results.csv.
        theory sweep submit SPEC --slurm [--partition P] [--time T] [--mem M] [--cpus-per-task C]
            Writes <results>/slurm/job.sbatch (an sbatch --array job, one task per chunk) and submits it.
        theory sweep status SPEC
            Points done, failed and pending (and the SLURM job's task states when squeue is available).
        theory sweep collect SPEC [--out FILE.csv] [--partial]
            Merges the results (rows in point order) into FILE.csv (default <results>/results.csv).
        theory sweep experiments
            The experiments a spec can name, with their parameters, defaults and ranges.
        """;

    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine(Help);
            return args.Length == 0 ? 2 : 0;
        }
        var o = new Options(args[1..]);
        switch (args[0])
        {
            case "run":
            {
                var spec = Spec(o);
                int? task = o.String("task") is null ? null : o.Int("task", 0);
                int? workers = o.String("workers") is null ? null : KernelThreadsCheck(o.Int("workers", 1), "workers");
                int? threads = o.String("threads") is null ? null : KernelThreadsCheck(o.Int("threads", 1), "threads");
                o.RejectUnknown();
                int pending = (task is { } k ? spec.Chunk(k) : spec.Points).Count;
                var (w, t) = Sweep.Plan(pending, Sweep.Cores(), workers, threads);
                var options = new SweepOptions
                {
                    Workers = w, ThreadsPerPoint = t,
                    Progress = (r, n, total) => Console.Error.WriteLine(
                        $"point {r.Id} ({r.Point}): {(r.Ok ? "done" : "failed: " + r.Error)} in {r.Seconds:0.00} s [{n}/{total}]"),
                };
                var result = task is { } chunk ? Sweep.Chunk(spec, chunk, options) : Sweep.Local(spec, options);
                string? csv = null;
                if (task is null && result.Pending == 0)
                {
                    csv = Path.Combine(spec.Results, "results.csv");
                    result.WriteCsv(csv);
                }
                Console.WriteLine(SimulateCommand.Line(("sweep", spec.Experiment), ("hash", spec.Hash),
                    ("task", task?.ToString(CultureInfo.InvariantCulture) ?? "all"), ("points", result.Points.Count),
                    ("computed", result.Computed), ("skipped", result.Skipped), ("failed", result.Failed),
                    ("workers", w), ("threads", t), ("results", spec.Results)) + (csv is null ? "" : " csv=" + csv));
                return 0;
            }
            case "submit":
            {
                var spec = Spec(o);
                bool slurm = o.Flag("slurm");
                var so = new SlurmOptions(o.String("partition"), o.String("time"), o.String("mem"),
                    o.String("cpus-per-task") is null ? null : o.Int("cpus-per-task", 1));
                o.RejectUnknown();
                if (!slurm) throw new ArgumentException("submit needs --slurm: SLURM is the scheduler supported (use `theory sweep run SPEC` to run locally).", "slurm");
                try
                {
                    var id = SlurmJob.Submit(spec, so);
                    Console.WriteLine(SimulateCommand.Line(("submitted", id), ("tasks", spec.Chunks), ("points", spec.Points.Count),
                        ("script", Path.Combine(SlurmJob.Folder(spec), "job.sbatch")), ("results", spec.Results)));
                    return 0;
                }
                catch (InvalidOperationException e)
                {
                    Console.Error.WriteLine($"theory: {e.Message}");
                    return 1;
                }
            }
            case "status":
            {
                var spec = Spec(o);
                o.RejectUnknown();
                var r = Sweep.Collect(spec);
                var queue = SlurmJob.QueueState(spec);
                Console.WriteLine(SimulateCommand.Line(("sweep", spec.Experiment), ("points", r.Points.Count), ("done", r.Done),
                    ("failed", r.Failed), ("pending", r.Pending)) + (queue is null ? "" : $" job={SlurmJob.JobId(spec)} queue=\"{queue}\""));
                return 0;
            }
            case "collect":
            {
                var spec = Spec(o);
                string output = o.String("out") ?? Path.Combine(spec.Results, "results.csv");
                bool partial = o.Flag("partial");
                o.RejectUnknown();
                AtomicFile.CheckTarget(output, "out");
                var r = Sweep.Collect(spec);
                if (r.Pending > 0 && !partial)
                {
                    Console.Error.WriteLine($"theory: {r.Pending} of {r.Points.Count} points are pending in {spec.Results}: wait (theory sweep status), run them (theory sweep run), or pass --partial.");
                    return 1;
                }
                r.WriteCsv(output);
                Console.WriteLine(SimulateCommand.Line(("rows", r.Done + r.Failed), ("failed", r.Failed), ("pending", r.Pending), ("out", Path.GetFullPath(output))));
                return 0;
            }
            case "experiments":
            {
                o.RejectUnknown();
                foreach (var e in SweepExperiments.All)
                {
                    Console.WriteLine($"{e.Name}: {e.Description}");
                    foreach (var p in e.Parameters)
                        Console.WriteLine($"    {p.Name,-14} default {Options.Num(p.Default),-8} range [{Options.Num(p.Min)}, {Options.Num(p.Max)}]{(p.Integer ? " whole" : "")}  {p.Description}");
                }
                return 0;
            }
            default:
                throw new ArgumentException($"sweep subcommand = '{args[0]}' is unknown: use run, submit, status, collect or experiments.", "subcommand");
        }
    }

    static SweepSpec Spec(Options o)
    {
        if (o.Positional.Count != 1)
            throw new ArgumentException($"SPEC = '{string.Join(" ", o.Positional)}' is invalid: give exactly one sweep spec file (JSON).", "spec");
        return SweepSpec.Load(o.Positional[0]);
    }

    static int KernelThreadsCheck(int n, string name) => Theory.Spiking.KernelThreads.Validate(n, name);
}
