using System.CommandLine;
using Theory.Experiments.Publishing;

namespace Theory.Cli;

/// <summary>
/// `theory notebook ipynb &lt;script.fsx&gt;... [--check]`: runs each literate notebook script once
/// (LiterateNotebookCapture: printed text and kept charts per cell, charts rendered to PNG) and
/// writes its Polyglot twin with those outputs beside it; with --check runs it in quick mode
/// without images and verifies that the committed twin has the script's cells and outputs of the
/// same kinds (exit code 2 naming every stale twin, or a script that fails to run).
/// </summary>
public static class NotebookCommand
{
    /// <summary>Builds the System.CommandLine command `theory notebook ipynb`, with its options and action.</summary>
    /// <param name="cli">The application: output writers, shared options and error handling.</param>
    public static Command Build(Cli cli)
    {
        var scripts = new Argument<string[]>("SCRIPT") { Description = "literate notebook scripts (notebooks/<topic>.fsx)", Arity = ArgumentArity.OneOrMore };
        var check = Opt.Flag("--check", "only check that each committed twin is current: same cells, outputs of the same kinds from a quick run (exit 2 naming every stale or missing twin)");
        var ipynb = cli.Command("ipynb", "run each literate script (THEORY_QUICK=1 for quick mode) and write its .ipynb twin with the outputs (text, charts as PNG + HTML) beside it, or check it with --check",
            pr => Ipynb(cli, pr.GetValue(scripts)!, pr.GetValue(check)), null, scripts, check);
        return cli.Command("notebook", "literate notebooks: run them and write their .ipynb twins with the outputs, or check the twins", null, null, ipynb);
    }

    static int Ipynb(Cli cli, string[] scripts, bool check)
    {
        var stale = new List<string>();
        var regenerate = new List<string>();
        foreach (var script in scripts)
        {
            if (!script.EndsWith(".fsx", StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"SCRIPT = '{script}' is not an F# script (.fsx).", "SCRIPT");
            if (AtomicOutput.Stat(script).Kind == PathKind.Missing)
                throw new ArgumentException($"SCRIPT = '{script}' does not exist.", "SCRIPT");
            AtomicOutput.CheckInput(script, "SCRIPT");
            var twin = LiterateNotebook.TwinPath(script);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            List<NotebookOutput>[] outputs;
            try
            {
                outputs = LiterateNotebookCapture.Run(script, check
                    ? CaptureOptions.Check
                    : new CaptureOptions(Quick: Environment.GetEnvironmentVariable("THEORY_QUICK") == "1"));
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                // a script that does not run is an input that fails its check: exit 2, naming it (then its output's tail)
                cli.Err.WriteLine($"theory: SCRIPT: running '{script}' failed: {e.Message}");
                return Cli.Usage;
            }
            if (!check)
            {
                LiterateNotebook.WriteTwin(script, outputs);
                var n = outputs.Sum(o => o.Count);
                var charts = outputs.Sum(o => o.Count(x => x is ChartOutput));
                cli.Out.WriteLine($"wrote {twin} ({n} outputs, {charts} charts; run in {watch.Elapsed.TotalSeconds:F1} s)");
                continue;
            }
            var difference = LiterateNotebook.TwinDifference(script, outputs);
            if (difference is null)
                cli.Out.WriteLine($"up to date: {twin}");
            else
            {
                stale.Add(difference == "missing" ? $"{twin} is missing" : $"{twin} is out of date with {script} ({difference})");
                regenerate.Add(script);
            }
        }
        if (stale.Count == 0) return Cli.Ok;
        // A stale twin is an input that fails the check: exit 2 (bad input), one line naming every twin.
        cli.Err.WriteLine($"theory: SCRIPT: {string.Join("; ", stale)}; regenerate with "
            + $"`theory notebook ipynb {string.Join(" ", regenerate)}` (or `dotnet fsi build.fsx notebooks`) and commit.");
        return Cli.Usage;
    }
}
