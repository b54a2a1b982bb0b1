using Theory.Experiments.Statistics;
using Theory.Spiking;

namespace Theory.Experiments.Networks;

/// <summary>
/// Brunel (2000) model A on the kernel: N_E excitatory and N_I inhibitory LIF neurons with
/// delta synapses, fixed in-degree C_E = ε N_E excitatory (weight J) and C_I = γ C_E inhibitory
/// (weight −gJ) inputs, one delay D, and external Poisson drive of C_E synapses at ν_ext =
/// ratio·ν_thr, ν_thr = θ/(J C_E τ). Same network as shared/peers/brunel_brian2.py.
/// </summary>
/// <param name="G">Relative inhibitory strength g.</param>
/// <param name="NuExtRatio">ν_ext/ν_thr.</param>
/// <param name="Duration">Simulated time (s), including the warm-up.</param>
/// <param name="Warmup">Initial time discarded from the statistics (s).</param>
/// <param name="J">Excitatory weight (V).</param>
/// <param name="Delay">Transmission delay D (s).</param>
/// <param name="RefractoryInput">Clamp (default): input during τ_rp is discarded (Brunel 2000,
/// NEST, and Brian2 2.5 as the peer script runs it); Accumulate: it is added to V.</param>
/// <param name="Seed">Seed of the network's random streams (connectivity, external input).</param>
/// <param name="NE">Number of excitatory neurons N_E (default 10000).</param>
/// <param name="NI">Number of inhibitory neurons N_I (default 2500).</param>
/// <param name="CE">Excitatory in-degree C_E (default 1000).</param>
/// <param name="CI">Inhibitory in-degree C_I (default 250).</param>
/// <param name="Dt">Time step, s (default 0.1 ms).</param>
public sealed record BrunelSimulation(
    double G = 5, double NuExtRatio = 2, double Duration = 1.2, double Warmup = 0.2, ulong Seed = 1,
    int NE = 10000, int NI = 2500, int CE = 1000, int CI = 250, double J = 1e-4, double Delay = 1.5e-3,
    double Dt = 1e-4, RefractoryInput RefractoryInput = RefractoryInput.Clamp)
{
    /// <summary>The membrane of model A (τ = 20 ms, θ = 20 mV, V_r = 10 mV, τ_rp = 2 ms).</summary>
    public LifParameters Membrane { get; init; } = LifParameters.Brunel2000;

    /// <summary>Model B (Brunel 2000 §2): relative inhibition g_I onto the inhibitory population (J_II = −g_I J);
    /// null (default) = <see cref="G"/>, i.e. model A. <see cref="G"/> is then g_E (onto E).</summary>
    public double? GI { get; init; }

    /// <summary>Model B: membrane of the inhibitory population; null (default) = <see cref="Membrane"/> (model A).</summary>
    public LifParameters? InhibitoryMembrane { get; init; }

    /// <summary>Threads of the kernel's step loop; null (default) = <see cref="KernelThreads.Default"/>. The results do not
    /// depend on it (the kernel is deterministic at any thread count).</summary>
    public int? Threads { get; init; }

    /// <summary>ν_thr = θ/(J C_E τ) (Hz), with the excitatory membrane.</summary>
    public double NuThreshold => Membrane.Threshold / (J * CE * Membrane.Tau);

    /// <summary>Builds the network; returns it with its excitatory and inhibitory populations.</summary>
    public BrunelCircuit Build()
    {
        Guard.NonNegative(G);
        Guard.NonNegative(NuExtRatio);
        Guard.Positive(Duration);
        Guard.NonNegative(Warmup);
        if (Warmup >= Duration)
            throw new ArgumentException($"Warmup = {Warmup} s is invalid: it must be shorter than Duration = {Duration} s.", nameof(Warmup));
        double gI = GI ?? G;
        Guard.NonNegative(gI, nameof(GI));
        var mI = InhibitoryMembrane ?? Membrane;
        var net = new Network(Dt, Seed, Threads);
        var e = net.Add(new LifDelta("E", NE, Membrane) { RefractoryInput = RefractoryInput });
        var i = net.Add(new LifDelta("I", NI, mI) { RefractoryInput = RefractoryInput });
        var init = net.NewRandom();
        e.SetUniform("v", Membrane.Reset, Membrane.Threshold, init);
        i.SetUniform("v", mI.Reset, mI.Threshold, init);
        foreach (var post in new[] { e, i })
        {
            net.Connect(e, post, Connectivity.FixedInDegree(CE, allowAutapses: false), J, Delay);
            net.Connect(i, post, Connectivity.FixedInDegree(CI, allowAutapses: false), -(post == e ? G : gI) * J, Delay);
            net.AddPoissonInput(post, CE, NuExtRatio * NuThreshold, J);
        }
        return new(net, e, i);
    }

    /// <summary>Runs the network and measures it as the peer script does.</summary>
    public BrunelResult Run(Action<double>? progress = null)
    {
        var (net, e, _) = Build();
        var spikes = net.MonitorSpikes(e, from: Warmup);
        var rate = net.MonitorRate(e);
        net.Run(Duration, progress);
        double window = Duration - Warmup;
        var trains = spikes.Trains();
        var binned = rate.Binned(1e-3, Warmup);
        return new BrunelResult(
            this,
            RateHz: spikes.Count / (NE * window),
            MeanCv: SpikeStatistics.MeanCv(trains).Mean,
            PeakHz: SpikeStatistics.DominantFrequency(binned, 1e-3),
            RateVariance: SpikeStatistics.Variance(binned),
            Spikes: spikes.Count,
            Synapses: net.Projections.Sum(p => p.Count),
            RunSeconds: net.LastRunSeconds,
            SpikeTimes: spikes.Times,
            SpikeIndices: spikes.Indices,
            PopulationRate: binned);
    }
}

/// <summary>A built Brunel network (<see cref="BrunelSimulation.Build"/>), not yet run.</summary>
/// <param name="Net">The kernel network.</param>
/// <param name="E">The excitatory population.</param>
/// <param name="I">The inhibitory population.</param>
public sealed record BrunelCircuit(Network Net, LifDelta E, LifDelta I);

/// <summary>Measured Brunel network: excitatory rate (Hz), mean ISI CV, dominant frequency
/// (&gt; 5 Hz) and variance of the excitatory population rate in 1 ms bins, after warm-up.</summary>
/// <param name="Config">The simulated configuration.</param>
/// <param name="RateHz">Mean excitatory rate after warm-up, Hz.</param>
/// <param name="MeanCv">Mean ISI CV of the excitatory neurons.</param>
/// <param name="PeakHz">Dominant frequency of the excitatory population rate above 5 Hz, Hz.</param>
/// <param name="RateVariance">Variance of the excitatory population rate in 1 ms bins, Hz².</param>
/// <param name="Spikes">Number of spikes recorded.</param>
/// <param name="Synapses">Number of synapses.</param>
/// <param name="RunSeconds">Wall time of the simulation, s.</param>
/// <param name="SpikeTimes">Recorded spike times, s.</param>
/// <param name="SpikeIndices">Neuron index of each recorded spike.</param>
/// <param name="PopulationRate">Excitatory population rate per 1 ms bin, Hz.</param>
public sealed record BrunelResult(
    BrunelSimulation Config, double RateHz, double MeanCv, double PeakHz, double RateVariance,
    long Spikes, long Synapses, double RunSeconds,
    double[] SpikeTimes, int[] SpikeIndices, double[] PopulationRate);
