using System.Diagnostics;
using Theory.Experiments.Statistics;
using Theory.Spiking;
using P = Theory.Experiments.Networks.MicrocircuitParameters;

namespace Theory.Experiments.Networks;

/// <summary>
/// One simulation of the Potjans &amp; Diesmann (2014) microcircuit (<see cref="MicrocircuitNetwork"/>):
/// rates per population after a warm-up, with the standard error over consecutive time blocks,
/// ISI CVs, the population rates in 1 ms bins and, optionally, every spike.
/// </summary>
/// <param name="Scale">Scale s in (0, 1] (<see cref="MicrocircuitModel.At"/>); 1 = full network.</param>
/// <param name="Duration">Measured time after the warm-up, s (&gt; 0).</param>
/// <param name="Warmup">Discarded initial time, s (≥ 0; default 0.3 s: the transient of V ~ N(−58, 10) mV).</param>
/// <param name="Seed">Seed of connectivity, initial states and Poisson input.</param>
/// <param name="Threads">Threads of the step loop (null: kernel default); results do not depend on it.</param>
/// <param name="Dt">Time step, s (default 0.1 ms).</param>
/// <param name="BlockLength">Length of the time blocks of the standard error, s (default 0.1 s).</param>
/// <param name="RecordSpikes">Keep every spike after the warm-up (for rasters and CVs).</param>
public sealed record MicrocircuitSimulation(
    double Scale = 1, double Duration = 1.0, double Warmup = 0.3, ulong Seed = 1, int? Threads = null,
    double Dt = 1e-4, double BlockLength = 0.1, bool RecordSpikes = true)
{
    /// <summary>Rates the DC compensation of a scaled model assumes (Hz); null: the full-scale mean-field rates.</summary>
    public double[]? DcRates { get; init; }

    /// <summary>DC instead of Poisson background (<see cref="MicrocircuitModel.DcBackground"/>); default false.</summary>
    public bool DcBackground { get; init; }

    /// <summary>Bos, Diesmann &amp; Helias's (2016) variant of the model (<see cref="MicrocircuitModel.Bos2016"/>); default false.</summary>
    public bool Bos2016 { get; init; }

    /// <summary>Builds and runs the network.</summary>
    /// <exception cref="ArgumentException">A parameter outside its range (named).</exception>
    public MicrocircuitResult Run(Action<double>? progress = null)
    {
        Guard.Positive(Duration);
        Guard.NonNegative(Warmup);
        Guard.Positive(BlockLength);
        if (BlockLength > Duration)
            throw new ArgumentException($"BlockLength = {BlockLength} s is invalid: it must be at most Duration = {Duration} s.", nameof(BlockLength));
        var model = Bos2016 ? MicrocircuitModel.Bos2016(Scale, DcRates) with { DcBackground = DcBackground }
            : MicrocircuitModel.At(Scale, DcRates, DcBackground);
        var clock = Stopwatch.StartNew();
        var (net, pops) = MicrocircuitNetwork.Build(model, Seed, Threads, Dt);
        double buildSeconds = clock.Elapsed.TotalSeconds;
        var rateMonitors = pops.Select(p => net.MonitorRate(p)).ToArray();
        var spikeMonitors = RecordSpikes ? pops.Select(p => net.MonitorSpikes(p, from: Warmup)).ToArray() : null;
        net.Run(Warmup + Duration, progress);
        int n = P.Populations;
        int warmSteps = (int)Math.Round(Warmup / Dt), blockSteps = (int)Math.Round(BlockLength / Dt);
        int blocks = (int)Math.Round(Duration / Dt) / blockSteps;
        var rates = new double[n];
        var se = new double[n];
        var cv = new double[n];
        var blockRates = new double[n][];
        var binned = new double[n][];
        for (int a = 0; a < n; a++)
        {
            var counts = rateMonitors[a].Counts;
            blockRates[a] = new double[blocks];
            for (int k = 0; k < blocks; k++)
            {
                long c = 0;
                for (int s = warmSteps + k * blockSteps; s < warmSteps + (k + 1) * blockSteps; s++) c += counts[s];
                blockRates[a][k] = c / (model.Sizes[a] * blockSteps * Dt);
            }
            rates[a] = blockRates[a].Average();
            se[a] = blocks > 1 ? Math.Sqrt(SpikeStatistics.Variance(blockRates[a]) * blocks / (blocks - 1) / blocks) : double.NaN;
            binned[a] = rateMonitors[a].Binned(1e-3, Warmup);
            cv[a] = spikeMonitors is null ? double.NaN : SpikeStatistics.MeanCv(spikeMonitors[a].Trains()).Mean;
        }
        var stepCounts = rateMonitors.Select(m => m.Counts.Skip(warmSteps).ToArray()).ToArray();
        return new MicrocircuitResult(this, model, rates, se, cv, blockRates, binned,
            model.TotalSynapses, buildSeconds, net.LastRunSeconds, net.LastRunThreads, Process.GetCurrentProcess().PeakWorkingSet64,
            spikeMonitors?.Select(m => m.Times).ToArray(), spikeMonitors?.Select(m => m.Indices).ToArray()) { StepCounts = stepCounts };
    }
}

/// <summary>A simulated microcircuit, per population in the order of <see cref="MicrocircuitParameters.Names"/>.</summary>
/// <param name="Config">The simulation.</param>
/// <param name="Model">The (scaled) model simulated.</param>
/// <param name="RatesHz">Mean rate after the warm-up, Hz.</param>
/// <param name="RateSeHz">Standard error of the rate over the time blocks, Hz.</param>
/// <param name="Cv">Mean ISI CV of the neurons with ≥ 3 spikes (NaN without spike recording or such neurons).</param>
/// <param name="BlockRates">Rate in each time block, Hz ([population][block]).</param>
/// <param name="PopulationRates">Population rate in 1 ms bins after the warm-up, Hz ([population][bin]).</param>
/// <param name="Synapses">Number of recurrent synapses.</param>
/// <param name="BuildSeconds">Wall time of the construction, s.</param>
/// <param name="RunSeconds">Wall time of the step loop, s.</param>
/// <param name="Threads">Threads the step loop used.</param>
/// <param name="PeakWorkingSetBytes">Peak resident memory of the process so far, bytes.</param>
/// <param name="SpikeTimes">Spike times after the warm-up per population, s (null without recording).</param>
/// <param name="SpikeIndices">Neuron of each spike per population (null without recording).</param>
public sealed record MicrocircuitResult(
    MicrocircuitSimulation Config, MicrocircuitModel Model, double[] RatesHz, double[] RateSeHz, double[] Cv,
    double[][] BlockRates, double[][] PopulationRates, long Synapses, double BuildSeconds, double RunSeconds, int Threads,
    long PeakWorkingSetBytes, double[][]? SpikeTimes, int[][]? SpikeIndices)
{
    /// <summary>Spike count of each population in every step after the warm-up ([population][step]).</summary>
    public int[][] StepCounts { get; init; } = [];

    /// <summary>Population rate in every step after the warm-up, count/(N_a dt), Hz ([population][step]).</summary>
    public double[][] StepRates() =>
        StepCounts.Select((c, a) => c.Select(x => x / (Model.Sizes[a] * Config.Dt)).ToArray()).ToArray();
}
