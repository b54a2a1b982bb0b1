using Theory.Experiments.Publishing;

namespace Theory.Cli;

/// <summary>
/// `theory notebook ipynb &lt;script.fsx&gt;... [--check]`: writes the Polyglot twin of each
/// literate notebook script beside it, or with --check verifies that the committed twins are
/// byte-identical to what the scripts generate (exit code 1 naming every stale twin).
/// </summary>
public static class NotebookCommand
{
    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] != "ipynb")
            throw new ArgumentException(
                "notebook needs the action 'ipynb': theory notebook ipynb notebooks/<topic>.fsx [--check]", "action");
        var o = new Options(args[1..]);
        bool check = o.Flag("check");
        o.RejectUnknown();
        if (o.Positional.Count == 0)
            throw new ArgumentException("notebook ipynb needs at least one literate script (notebooks/<topic>.fsx).", "script");

        int stale = 0;
        foreach (var script in o.Positional)
        {
            if (!script.EndsWith(".fsx", StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"script = '{script}' is not an F# script (.fsx).", "script");
            if (!File.Exists(script))
                throw new ArgumentException($"script = '{script}' does not exist.", "script");
            var twin = LiterateNotebook.TwinPath(script);
            if (!check)
            {
                LiterateNotebook.WriteTwin(script);
                Console.WriteLine($"wrote {twin}");
                continue;
            }
            switch (LiterateNotebook.CheckTwin(script))
            {
                case TwinState.Current:
                    Console.WriteLine($"up to date: {twin}");
                    break;
                case TwinState.Missing:
                    stale++;
                    Console.Error.WriteLine($"theory: {twin} is missing; generate it with `theory notebook ipynb {script}` "
                        + "(or `dotnet fsi build.fsx notebooks`) and commit it.");
                    break;
                default:
                    stale++;
                    Console.Error.WriteLine($"theory: {twin} is out of date with {script}; regenerate it with "
                        + $"`theory notebook ipynb {script}` (or `dotnet fsi build.fsx notebooks`) and commit it.");
                    break;
            }
        }
        return stale == 0 ? 0 : 1;
    }
}
