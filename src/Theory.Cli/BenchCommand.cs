using System.CommandLine;

namespace Theory.Cli;

/// <summary>`theory bench &lt;name&gt;`: warm-up, repetitions, medians printed as key=value.</summary>
public static class BenchCommand
{
    public static Command Build(Cli cli) =>
        cli.Command("bench", "micro and whole-network benchmarks (medians as key=value)", null, null,
            [.. KernelBench.Build(cli), AmplificationBench.Build(cli), .. MeanFieldBench.Build(cli)]);
}
