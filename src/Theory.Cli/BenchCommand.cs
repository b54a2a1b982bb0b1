using System.CommandLine;

namespace Theory.Cli;

/// <summary>`theory bench &lt;name&gt;`: warm-up, repetitions, medians printed as key=value.</summary>
public static class BenchCommand
{
    /// <summary>Builds the System.CommandLine command `theory bench` and its benchmarks, with its options and action.</summary>
    /// <param name="cli">The application: output writers, shared options and error handling.</param>
    public static Command Build(Cli cli) =>
        cli.Command("bench", "micro and whole-network benchmarks (medians as key=value)", null, null,
            [.. KernelBench.Build(cli), AmplificationBench.Build(cli), .. MeanFieldBench.Build(cli)]);
}
