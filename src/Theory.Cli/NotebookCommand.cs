using System.CommandLine;
using Theory.Experiments.Publishing;

namespace Theory.Cli;

/// <summary>
/// `theory notebook ipynb &lt;script.fsx&gt;... [--check]`: writes the Polyglot twin of each
/// literate notebook script beside it, or with --check verifies that the committed twins are
/// byte-identical to what the scripts generate (exit code 1 naming every stale twin).
/// </summary>
public static class NotebookCommand
{
    /// <summary>Builds the System.CommandLine command `theory notebook ipynb`, with its options and action.</summary>
    /// <param name="cli">The application: output writers, shared options and error handling.</param>
    public static Command Build(Cli cli)
    {
        var scripts = new Argument<string[]>("SCRIPT") { Description = "literate notebook scripts (notebooks/<topic>.fsx)", Arity = ArgumentArity.OneOrMore };
        var check = Opt.Flag("--check", "only check that each committed twin is current (exit 2 naming every stale or missing twin)");
        var ipynb = cli.Command("ipynb", "write the .ipynb twin of each literate script beside it, or check it with --check",
            pr => Ipynb(cli, pr.GetValue(scripts)!, pr.GetValue(check)), null, scripts, check);
        return cli.Command("notebook", "literate notebooks: generate or check their Polyglot (.ipynb) twins", null, null, ipynb);
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
            if (!check)
            {
                LiterateNotebook.WriteTwin(script);
                cli.Out.WriteLine($"wrote {twin}");
                continue;
            }
            switch (LiterateNotebook.CheckTwin(script))
            {
                case TwinState.Current:
                    cli.Out.WriteLine($"up to date: {twin}");
                    break;
                case TwinState.Missing:
                    stale.Add($"{twin} is missing");
                    regenerate.Add(script);
                    break;
                default:
                    stale.Add($"{twin} is out of date with {script}");
                    regenerate.Add(script);
                    break;
            }
        }
        if (stale.Count == 0) return Cli.Ok;
        // A stale twin is an input that fails the check: exit 2 (bad input), one line naming every twin.
        cli.Err.WriteLine($"theory: SCRIPT: {string.Join("; ", stale)}; regenerate with "
            + $"`theory notebook ipynb {string.Join(" ", regenerate)}` (or `dotnet fsi build.fsx notebooks`) and commit.");
        return Cli.Usage;
    }
}
