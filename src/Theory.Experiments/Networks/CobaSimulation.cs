using Theory.Experiments.Statistics;
using Theory.Spiking;

namespace Theory.Experiments.Networks;

/// <summary>
/// Vogels–Abbott COBA benchmark (Vogels &amp; Abbott 2005; Brette et al. 2007 benchmark 1) on the
/// kernel: N conductance-based LIF neurons, the first 80 % excitatory, each ordered pair
/// connected with p = 0.02·4000/N (80 inputs on average, autapses allowed as in Brian2),
/// Δg_e = 6 nS, Δg_i = 67 nS (0.6 and 6.7 leak conductances), no delay beyond one step,
/// self-sustained (no external input). Initial V ~ N(−65, 5) mV, g_e ~ N(4, 1.5)·g_L,
/// g_i ~ N(20, 12)·g_L. Same network as shared/peers/coba_brian2.py.
/// </summary>
/// <param name="N">Number of neurons (default 4000).</param>
/// <param name="Duration">Simulated time, s (default 1).</param>
/// <param name="Seed">Seed of the network's random streams (connectivity, initial conditions).</param>
/// <param name="Dt">Time step, s (default 0.1 ms).</param>
/// <param name="Integrator">Integration scheme (default Euler, as the benchmark).</param>
public sealed record CobaSimulation(
    int N = 4000, double Duration = 1.0, ulong Seed = 1, double Dt = 1e-4,
    ConductanceIntegrator Integrator = ConductanceIntegrator.Euler)
{
    /// <summary>Builds the network; returns it with its single population (E then I).</summary>
    public CobaCircuit Build()
    {
        Guard.Positive(N);
        Guard.Positive(Duration);
        var net = new Network(Dt, Seed);
        var pop = net.Add(new LifConductance("COBA", N, LifParameters.VogelsAbbott2005, 0.0, -0.080, 0.005, 0.010)
        { Integrator = Integrator });
        int ne = (int)(0.8 * N);
        double p = Math.Min(1.0, 0.02 * 4000 / N);
        double gL = LifParameters.VogelsAbbott2005.LeakConductance;
        var rng = net.NewRandom();
        pop.SetNormal("v", -0.065, 0.005, rng);
        pop.SetNormal("g_exc", 4 * gL, 1.5 * gL, rng);
        pop.SetNormal("g_inh", 20 * gL, 12 * gL, rng);
        // The excitatory and inhibitory neurons are one population (one state vector); the two
        // projections come from its first ne and last N − ne neurons.
        var pre = Connectivity.FixedProbability(p);
        var csrE = pre.Build(ne, N, false, net.NewRandom());
        var csrI = pre.Build(N - ne, N, false, net.NewRandom());
        net.Connect(pop, pop, Connectivity.Rows(csrE, 0), 0.6 * gL, 0, "exc");
        net.Connect(pop, pop, Connectivity.Rows(csrI, ne), 6.7 * gL, 0, "inh");
        return new(net, pop);
    }

    /// <summary>Runs and measures as the peer script: rate over all neurons, mean ISI CV over
    /// neurons with ≥ 3 spikes.</summary>
    public CobaResult Run(Action<double>? progress = null)
    {
        var (net, pop) = Build();
        var spikes = net.MonitorSpikes(pop);
        net.Run(Duration, progress);
        return new CobaResult(this,
            RateHz: spikes.Count / (N * Duration),
            MeanCv: SpikeStatistics.MeanCv(spikes.Trains()).Mean,
            Spikes: spikes.Count,
            Synapses: net.Projections.Sum(p => p.Count),
            BytesPerSynapse: net.Projections.Sum(p => p.BytesPerSynapse * p.Count) / Math.Max(1.0, net.Projections.Sum(p => (double)p.Count)),
            RunSeconds: net.LastRunSeconds,
            SpikeTimes: spikes.Times,
            SpikeIndices: spikes.Indices);
    }
}

/// <summary>A built COBA network (<see cref="CobaSimulation.Build"/>), not yet run.</summary>
/// <param name="Net">The kernel network.</param>
/// <param name="Neurons">The conductance-based population.</param>
public sealed record CobaCircuit(Network Net, LifConductance Neurons);

/// <summary>Measured COBA network.</summary>
/// <param name="Config">The simulated configuration.</param>
/// <param name="RateHz">Mean rate, Hz.</param>
/// <param name="MeanCv">Mean ISI CV.</param>
/// <param name="Spikes">Number of spikes.</param>
/// <param name="Synapses">Number of synapses.</param>
/// <param name="BytesPerSynapse">Memory of the projections per synapse, bytes.</param>
/// <param name="RunSeconds">Wall time of the simulation, s.</param>
/// <param name="SpikeTimes">Spike times, s.</param>
/// <param name="SpikeIndices">Neuron index of each spike.</param>
public sealed record CobaResult(
    CobaSimulation Config, double RateHz, double MeanCv, long Spikes, long Synapses, double BytesPerSynapse,
    double RunSeconds, double[] SpikeTimes, int[] SpikeIndices);
