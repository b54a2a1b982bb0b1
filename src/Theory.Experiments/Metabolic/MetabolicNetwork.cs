using Theory.Metabolic;
using Theory.Numerics;
using Theory.Spiking;

namespace Theory.Experiments.Metabolic;

/// <summary>
/// The cortical network of Chintaluri &amp; Vogels 2023 (Fig. 3; <c>nw_va.py</c>, <c>single_run</c>):
/// N metabolically regulated conductance LIF neurons (<see cref="MetabolicLif"/>), 80 % excitatory,
/// recurrent connections with probability p (Δg_e = w_e g_L, Δg_i = w_i g_L), driven for the first
/// half of the run by N Poisson sources at 3 Hz (the code's sources also have a 5 ms refractory
/// period, immaterial at 3 Hz) connected with the same p and weight w_e, and left
/// without input in the second half. Initial V ~ N(−55, 5) mV, M = 0, budget K ~ N(200, 50) mV.
/// Paper: N = 10000, p = 0.02, w_e = 0.3, w_i = 5, A_max = 25 mV, τ_A = 300 ms, 10 s, seed 20.
/// The second half is analysed for avalanches (1 ms bins, <c>avalan_props.py</c>).
/// </summary>
/// <param name="N">Number of neurons, 80 % excitatory (default 10000, the paper's).</param>
/// <param name="Duration">Simulated time, s; input in the first half (default 10).</param>
/// <param name="Seed">Seed of the network's random streams (connectivity, initial conditions, input) and of the bootstraps (default 20, the paper's).</param>
/// <param name="Connectivity">Connection probability p (default 0.02).</param>
/// <param name="ExcWeight">Excitatory weight w_e in units of g_L: Δg_e = w_e g_L (default 0.3).</param>
/// <param name="InhWeight">Inhibitory weight w_i in units of g_L: Δg_i = w_i g_L (default 5).</param>
/// <param name="InputRate">Rate of each Poisson source in the first half, Hz (default 3).</param>
/// <param name="BudgetMean">Mean metabolic budget K, V (default 0.2).</param>
/// <param name="BudgetSd">Standard deviation of K across neurons, V (default 0.05).</param>
/// <param name="Dt">Time step, s (default 0.1 ms).</param>
/// <param name="Metabolic">Metabolic parameters (null: <see cref="MetabolicLifParameters.ChintaluriVogels2023"/>).</param>
public sealed record MetabolicNetworkSimulation(
    int N = 10000, double Duration = 10, ulong Seed = 20, double Connectivity = 0.02,
    double ExcWeight = 0.3, double InhWeight = 5, double InputRate = 3, double BudgetMean = 0.2, double BudgetSd = 0.05,
    double Dt = 1e-4, MetabolicLifParameters? Metabolic = null)
{
    /// <summary>Builds the network: (network, neurons, input sources).</summary>
    public MetabolicCircuit Build()
    {
        Guard.InRange(N, 10, 1_000_000);
        Guard.Positive(Duration);
        Guard.InRange(Connectivity, 1e-6, 1);
        Guard.NonNegative(InputRate);
        var net = new Network(Dt, Seed);
        var lif = LifParameters.VogelsAbbott2005;
        var pop = net.Add(new MetabolicLif("metabolic", N, lif, Metabolic ?? MetabolicLifParameters.ChintaluriVogels2023));
        double half = Duration / 2, rate = InputRate;
        var input = net.Add(SpikeSource.Poisson("input", N, t => t < half ? rate : 0, net.NewRandom()));
        var rng = net.NewRandom();
        pop.SetNormal("v", -0.055, 0.005, rng);
        pop.SetNormal("k", BudgetMean, BudgetSd, rng);
        int ne = (int)(0.8 * N);
        double gL = lif.LeakConductance;
        var rule = Spiking.Connectivity.FixedProbability(Connectivity);
        var csrE = rule.Build(ne, N, false, net.NewRandom());
        var csrI = rule.Build(N - ne, N, false, net.NewRandom());
        net.Connect(pop, pop, Spiking.Connectivity.Rows(csrE, 0), ExcWeight * gL, 0, "exc");
        net.Connect(pop, pop, Spiking.Connectivity.Rows(csrI, ne), InhWeight * gL, 0, "inh");
        net.Connect(input, pop, rule, ExcWeight * gL, 0, "exc");
        return new(net, pop, input);
    }

    /// <summary>Runs and analyses the input-free second half: rates, mean M, avalanches and their
    /// discrete power-law fits (x_min chosen by KS, or fixed at 1 as the paper's code does) with
    /// bootstrap goodness-of-fit p-values (Clauset et al. 2009; 0 bootstraps: none).</summary>
    public MetabolicNetworkResult Run(Action<double>? progress = null, bool fitXMinByKs = true, int bootstraps = 100)
    {
        var (net, pop, _) = Build();
        var spikes = net.MonitorSpikes(pop);
        net.Run(Duration, progress);
        var times = spikes.Times;
        double half = Duration / 2;
        var second = times.Where(t => t >= half).Select(t => t - half).ToArray();
        int first = times.Length - second.Length;
        var av = Avalanches.FromSpikes(second, half, 1e-3);
        PowerLawFit? fs = null, ft = null;
        if (av.Sizes.Length >= 20 && av.Sizes.Distinct().Count() > 2 && av.DurationBins.Distinct().Count() > 2)
        {
            fs = PowerLaw.Fit(av.Sizes.Select(s => (double)s).ToArray(), PowerLawKind.Discrete, fitXMinByKs ? null : 1.0);
            ft = PowerLaw.Fit(av.DurationBins.Select(s => (double)s).ToArray(), PowerLawKind.Discrete, fitXMinByKs ? null : 1.0);
        }
        PowerLawGoodnessOfFit? gs = null, gt = null;
        if (fs is not null && ft is not null && bootstraps > 0)
        {
            gs = PowerLaw.GoodnessOfFit(av.Sizes.Select(s => (double)s).ToArray(), fs, bootstraps, Seed, fixedXMin: !fitXMinByKs);
            gt = PowerLaw.GoodnessOfFit(av.DurationBins.Select(s => (double)s).ToArray(), ft, bootstraps, Seed + 1, fixedXMin: !fitXMinByKs);
        }
        return new(this, first / (N * half), second.Length / (N * half), pop.Get("m").Average(), av, fs, ft, gs, gt,
            net.LastRunSeconds, times, spikes.Indices);
    }
}

/// <summary>A built metabolic network (<see cref="MetabolicNetworkSimulation.Build"/>), not yet run.</summary>
/// <param name="Net">The kernel network.</param>
/// <param name="Neurons">The metabolic LIF population.</param>
/// <param name="Input">The external spike source.</param>
public sealed record MetabolicCircuit(Network Net, MetabolicLif Neurons, SpikeSource Input);

/// <summary>Result of <see cref="MetabolicNetworkSimulation"/>: rates with and without input (Hz),
/// final mean M, the second half's avalanches, power-law fits and their bootstrap p-values (null if
/// too few avalanches or no bootstrap).</summary>
/// <param name="Config">The simulated configuration.</param>
/// <param name="RateWithInputHz">Mean rate in the first half (with input), Hz.</param>
/// <param name="RateWithoutInputHz">Mean rate in the second half (without input), Hz.</param>
/// <param name="MeanM">Mean metabolic variable M at the end.</param>
/// <param name="Avalanches">Avalanches of the second half (1 ms bins).</param>
/// <param name="SizeFit">Power-law fit of the sizes (null if too few avalanches).</param>
/// <param name="DurationFit">Power-law fit of the durations (null if too few avalanches).</param>
/// <param name="SizeGoodness">Bootstrap goodness of fit of the sizes (null if not computed).</param>
/// <param name="DurationGoodness">Bootstrap goodness of fit of the durations (null if not computed).</param>
/// <param name="RunSeconds">Wall time of the simulation, s.</param>
/// <param name="SpikeTimes">Spike times, s.</param>
/// <param name="SpikeIndices">Neuron index of each spike.</param>
public sealed record MetabolicNetworkResult(MetabolicNetworkSimulation Config, double RateWithInputHz, double RateWithoutInputHz,
    double MeanM, AvalancheStatistics Avalanches, PowerLawFit? SizeFit, PowerLawFit? DurationFit,
    PowerLawGoodnessOfFit? SizeGoodness, PowerLawGoodnessOfFit? DurationGoodness, double RunSeconds,
    double[] SpikeTimes, int[] SpikeIndices);
