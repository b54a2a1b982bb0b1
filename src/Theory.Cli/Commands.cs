namespace Theory.Cli;

/// <summary>Dispatches `theory &lt;command&gt; ...` to the command classes.</summary>
public static class Commands
{
    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        try
        {
            var rest = args[1..];
            return args[0] switch
            {
                // one line per command; each command lives in its own <Name>Command.cs
                "bench" => BenchCommand.Run(rest),
                "simulate" => SimulateCommand.Run(rest),
                "notebook" => NotebookCommand.Run(rest),
                "amplification" => AmplificationCommand.Run(rest),
                "schur" => SchurCommand.Run(rest),
                "meanfield" => MeanFieldCommand.Run(rest),
                "stp" => StpCommand.Run(rest),
                "calcium" => CalciumCommand.Run(rest),
                "metabolic" => MetabolicCommand.Run(rest),
                "sweep" => SweepCommand.Run(rest),
                _ => Fail($"unknown command '{args[0]}'\n{Usage}"),
            };
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"theory: {e.Message}");
            return 2;
        }
    }

    static int Fail(string message)
    {
        Console.Error.WriteLine($"theory: {message}");
        return 2;
    }

    const string Usage = "usage: theory <command> [options]";
}
