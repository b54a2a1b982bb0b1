using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Theory.Experiments.Sweeps;

/// <summary>sbatch options of a sweep's job array; null leaves the cluster's default.</summary>
/// <param name="Partition">--partition.</param>
/// <param name="Time">--time (e.g. 02:00:00).</param>
/// <param name="Memory">--mem (e.g. 4G).</param>
/// <param name="CpusPerTask">--cpus-per-task: cores of each array task (the task fills them: workers × threads).</param>
/// <param name="Command">How a compute node starts the `theory` command (default: <c>dotnet &lt;Theory.Cli.dll&gt;</c>
/// when it lies beside this library, else <c>theory</c> from PATH).</param>
public sealed record SlurmOptions(string? Partition = null, string? Time = null, string? Memory = null, int? CpusPerTask = null,
                                  string? Command = null);

/// <summary>
/// A sweep as a SLURM job array: one array task per chunk of the spec, each running
/// <c>theory sweep run SPEC --task $SLURM_ARRAY_TASK_ID</c> on a node; every task writes its points
/// into the shared results folder, and <see cref="Sweep.Collect"/> merges them into the same table a
/// local run gives. Files (under <c>&lt;results&gt;/slurm/</c>): <c>spec.json</c> (the spec with absolute
/// paths), <c>job.sbatch</c>, <c>job-id</c>, <c>task-&lt;k&gt;.out</c>/<c>.err</c>.
/// </summary>
public static class SlurmJob
{
    /// <summary>Folder of the job files.</summary>
    public static string Folder(SweepSpec spec) => Path.Combine(Guard.NotNull(spec).Results, "slurm");

    /// <summary>The sbatch script text for <paramref name="spec"/>, whose copy lives at <paramref name="specPath"/>.</summary>
    public static string Script(SweepSpec spec, string specPath, SlurmOptions? options = null)
    {
        Guard.NotNull(spec);
        options = Validated(options ?? new SlurmOptions());
        string dir = Folder(spec);
        var s = new StringBuilder("#!/bin/bash\n");
        s.Append($"#SBATCH --job-name=theory-sweep-{spec.Experiment}\n");
        s.Append($"#SBATCH --array=0-{spec.Chunks - 1}\n");
        s.Append($"#SBATCH --output={Path.Combine(dir, "task-%a.out")}\n");
        s.Append($"#SBATCH --error={Path.Combine(dir, "task-%a.err")}\n");
        if (options.Partition is { } p) s.Append($"#SBATCH --partition={p}\n");
        if (options.Time is { } t) s.Append($"#SBATCH --time={t}\n");
        if (options.Memory is { } m) s.Append($"#SBATCH --mem={m}\n");
        if (options.CpusPerTask is { } c) s.Append($"#SBATCH --cpus-per-task={c.ToString(CultureInfo.InvariantCulture)}\n");
        s.Append("# theory sweep: one array task per chunk; every task writes its points into the shared results folder\n");
        s.Append("set -euo pipefail\n");
        s.Append($"exec {options.Command ?? DefaultCommand()} sweep run {Quote(specPath)} --task \"$SLURM_ARRAY_TASK_ID\"\n");
        return s.ToString();
    }

    /// <summary>Writes <c>slurm/spec.json</c> and <c>slurm/job.sbatch</c> (atomically) and returns the script's path.</summary>
    public static string Write(SweepSpec spec, SlurmOptions? options = null)
    {
        Guard.NotNull(spec);
        options = Validated(options ?? new SlurmOptions());
        string dir = Folder(spec);
        string specPath = Path.Combine(dir, "spec.json");
        string script = Path.Combine(dir, "job.sbatch");
        string text = Script(spec, specPath, options);
        new SweepStore(spec.Results).Claim(spec.Experiment, spec.Hash, spec.Points.Count);
        AtomicFile.WriteText(specPath, spec.ToJson(), ".tmp", "results");
        AtomicFile.WriteText(script, text, ".tmp", "results");
        return script;
    }

    /// <summary>Checks that sbatch exists (before anything is written), writes the job files and submits them with
    /// <c>sbatch --parsable</c>; returns the job id (also stored in <c>slurm/job-id</c>).</summary>
    public static string Submit(SweepSpec spec, SlurmOptions? options = null)
    {
        Guard.NotNull(spec);
        options = Validated(options ?? new SlurmOptions());
        string sbatch = Which("sbatch")
            ?? throw new ArgumentException("sbatch not found: SLURM is not installed or not on PATH (use `theory sweep run SPEC` to run locally).", "sbatch");
        string script = Write(spec, options);
        var (code, stdout, stderr) = Exec(sbatch, "--parsable", script);
        if (code != 0)
            throw new InvalidOperationException($"sbatch failed (exit {code}): {FirstLine(stderr.Length > 0 ? stderr : stdout)}");
        string id = stdout.Trim().Split(';')[0];
        if (!Regex.IsMatch(id, "^[0-9]+$")) throw new InvalidOperationException($"sbatch printed '{stdout.Trim()}', not a job id.");
        AtomicFile.WriteText(Path.Combine(Folder(spec), "job-id"), id + "\n", ".tmp", "results");
        return id;
    }

    /// <summary>The submitted job id from <c>slurm/job-id</c>, or null.</summary>
    public static string? JobId(SweepSpec spec)
    {
        var f = Path.Combine(Folder(spec), "job-id");
        return File.Exists(f) ? File.ReadAllText(f).Trim() : null;
    }

    /// <summary>State counts of the job's array tasks from <c>squeue</c> (e.g. "RUNNING 2, PENDING 1"), "" when none
    /// are queued, or null when squeue is not available or there is no job.</summary>
    public static string? QueueState(SweepSpec spec)
    {
        var id = JobId(spec);
        var squeue = Which("squeue");
        if (id is null || squeue is null) return null;
        var (code, stdout, _) = Exec(squeue, "-h", "-r", "-j", id, "-o", "%T");
        if (code != 0) return "";
        return string.Join(", ", stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));
    }

    /// <summary>Full path of <paramref name="program"/> on PATH, or null.</summary>
    public static string? Which(string program)
    {
        foreach (var d in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var f = Path.Combine(d, program);
            if (File.Exists(f)) return f;
        }
        return null;
    }

    static SlurmOptions Validated(SlurmOptions o)
    {
        void Text(string? v, string name)
        {
            if (v is not null && (v.Length == 0 || v.Any(ch => char.IsWhiteSpace(ch) || char.IsControl(ch) || ch is '"' or '\'' or '$' or '`' or ';')))
                throw new ArgumentException($"{name} = '{v}' is invalid: it must be one word without spaces, quotes, $, ` or ;.", name);
        }
        Text(o.Partition, "partition");
        Text(o.Time, "time");
        Text(o.Memory, "mem");
        if (o.CpusPerTask is { } c && (c < 1 || c > 4096))
            throw new ArgumentException($"cpus-per-task = {c} is invalid: the valid range is [1, 4096].", "cpus-per-task");
        return o;
    }

    static string DefaultCommand()
    {
        var here = Path.GetDirectoryName(typeof(SlurmJob).Assembly.Location) ?? "";
        var cli = Path.Combine(here, "Theory.Cli.dll");
        var dotnet = Environment.ProcessPath is { } pp && Path.GetFileNameWithoutExtension(pp) == "dotnet" ? pp : Which("dotnet") ?? "dotnet";
        return File.Exists(cli) ? $"{Quote(dotnet)} {Quote(cli)}" : "theory";
    }

    static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";

    static string FirstLine(string s) => s.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";

    static (int Code, string Stdout, string Stderr) Exec(string exe, params string[] args)
    {
        var psi = new ProcessStartInfo(exe) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        string o = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, o, err.Result);
    }
}
