using Theory.Experiments.Statistics;
using Theory.MeanField;
using Theory.Spiking;

namespace Theory.Experiments.MeanField;

/// <summary>
/// Unconnected LIF neurons (<see cref="LifDelta"/>, kernel) driven by independent Poisson inputs: C_E excitatory sources at
/// ν_E each (jump +J_E) and C_I inhibitory sources at ν_I each (jump −J_I); input during τ_rp discarded. This is the single
/// neuron of the mean-field theory with the network removed: with ν_E = ν_ext + ν₀, ν_I = ν₀ at the self-consistent rate ν₀
/// of Brunel's model A (<see cref="ForBrunel"/>) the neurons receive exactly the input statistics the theory assumes
/// (Poisson, independent), so a difference between their rate and φ(μ, σ) is an error of the single-neuron approximation
/// (diffusion limit, time step), not a network effect.
/// </summary>
/// <param name="Neuron">Membrane.</param>
/// <param name="CE">Excitatory sources per neuron.</param>
/// <param name="NuE">Rate of each excitatory source, Hz.</param>
/// <param name="JE">Excitatory jump, V (&gt; 0).</param>
/// <param name="CI">Inhibitory sources per neuron.</param>
/// <param name="NuI">Rate of each inhibitory source, Hz.</param>
/// <param name="JI">Inhibitory jump size, V (&gt; 0; applied as −J_I).</param>
/// <param name="N">Number of neurons.</param>
/// <param name="Duration">Simulated time including warm-up, s.</param>
/// <param name="Warmup">Discarded initial time, s.</param>
/// <param name="Dt">Time step, s.</param>
/// <param name="Seed">Seed.</param>
public sealed record PoissonDrivenLif(LifNeuron Neuron, int CE, double NuE, double JE, int CI, double NuI, double JI,
                                      int N = 10000, double Duration = 2.2, double Warmup = 0.2, double Dt = 1e-4, ulong Seed = 1)
{
    /// <summary>The input of Brunel's model A at rate ν₀ (Hz): C_E sources at ν_ext + ν₀ (jump J), C_I = γC_E at ν₀ (jump gJ).</summary>
    public static PoissonDrivenLif ForBrunel(BrunelNetwork net, double rate, int n = 10000, double duration = 2.2, double dt = 1e-4, ulong seed = 1)
    {
        Guard.NotNull(net).Validated();
        Guard.Positive(rate);
        return new PoissonDrivenLif(net.Neuron, (int)Math.Round(net.CE), net.NuExt + rate, net.J,
                                    (int)Math.Round(net.Gamma * net.CE), rate, net.G * net.J, n, duration, 0.2, dt, seed);
    }

    /// <summary>Runs the population; rate over [Warmup, Duration] with its standard error over the (independent) neurons.</summary>
    public PoissonDrivenResult Run()
    {
        Guard.NotNull(Neuron).Validated();
        Guard.NonNegative(CE); Guard.NonNegative(CI);
        Guard.NonNegative(NuE); Guard.NonNegative(NuI);
        Guard.Positive(JE); Guard.NonNegative(JI);
        Guard.InRange(N, 2, 10_000_000);
        Guard.Positive(Duration); Guard.NonNegative(Warmup);
        if (Warmup >= Duration)
            throw new ArgumentException($"Warmup = {Warmup} s is invalid: it must be shorter than Duration = {Duration} s.", nameof(Warmup));
        var membrane = LifParameters.Brunel2000.With(tau: Neuron.TauM, threshold: Neuron.Theta, reset: Neuron.VReset, refractoryPeriod: Neuron.TauRef);
        var net = new Network(Dt, Seed);
        var pop = net.Add(new LifDelta("P", N, membrane) { RefractoryInput = RefractoryInput.Clamp });
        pop.SetUniform("v", Neuron.VReset, Neuron.Theta, net.NewRandom());
        if (CE > 0 && NuE > 0) net.AddPoissonInput(pop, CE, NuE, JE);
        if (CI > 0 && NuI > 0 && JI > 0) net.AddPoissonInput(pop, CI, NuI, -JI);
        var spikes = net.MonitorSpikes(pop, from: Warmup);
        var rate = net.MonitorRate(pop);
        net.Run(Duration);
        double w = Duration - Warmup;
        var counts = new double[N];
        foreach (int id in spikes.Indices) counts[id]++;
        double mean = counts.Average();
        double sd = Math.Sqrt(counts.Sum(c => (c - mean) * (c - mean)) / (N - 1));
        return new PoissonDrivenResult(this, mean / w, sd / Math.Sqrt(N) / w, SpikeStatistics.MeanCv(spikes.Trains()).Mean, net.LastRunSeconds)
        { PopulationRate = rate.Binned(1e-3, Warmup) };
    }
}

/// <summary>Rate (Hz) of a <see cref="PoissonDrivenLif"/> run, its standard error over neurons (Hz), mean ISI CV and wall time (s).</summary>
/// <param name="Config">The simulated configuration.</param>
/// <param name="Rate">Mean rate, Hz.</param>
/// <param name="RateSem">Its standard error over neurons, Hz.</param>
/// <param name="Cv">Mean ISI CV.</param>
/// <param name="RunSeconds">Wall time of the run, s.</param>
public sealed record PoissonDrivenResult(PoissonDrivenLif Config, double Rate, double RateSem, double Cv, double RunSeconds)
{
    /// <summary>Population rate of the N neurons in 1 ms bins after the warm-up, Hz (its spectrum is S₀/N: the neurons are independent).</summary>
    public double[] PopulationRate { get; init; } = [];
}
