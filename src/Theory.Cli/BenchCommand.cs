namespace Theory.Cli;

/// <summary>`theory bench &lt;name&gt;`: warm-up, repetitions, medians printed as key=value.</summary>
public static class BenchCommand
{
    public static int Run(string[] args)
    {
        if (args.Length == 0)
            throw new ArgumentException("bench needs a benchmark name.", "name");
        var o = new Options(args[1..]);
        return args[0] switch
        {
            // one line per benchmark
            "coba" => KernelBench.Coba(o),
            "brunel" => KernelBench.Brunel(o),
            "poisson" => KernelBench.Poisson(o),
            "delivery" => KernelBench.Delivery(o),
            "schur" => AmplificationBench.Schur(o),
            "siegert" => MeanFieldBench.Siegert(o),
            "phase-diagram" => MeanFieldBench.PhaseDiagram(o),
            _ => throw new ArgumentException($"unknown benchmark '{args[0]}'.", "name"),
        };
    }
}
