using Theory.CalciumPlasticity;
using Theory.Spiking;

namespace Theory.Experiments.CalciumPlasticity;

/// <summary>Plastic recurrent network against the mean-field weight distribution.</summary>
/// <param name="RateE">Mean excitatory rate over the run after the warm-up (Hz).</param>
/// <param name="Times">Checkpoints (s).</param>
/// <param name="MeanUp">Mean ρ of the synapses that started UP (ρ = 1) at each checkpoint.</param>
/// <param name="MeanDown">Mean ρ of the synapses that started DOWN (ρ = 0).</param>
/// <param name="TheoryUp">Fokker–Planck mean from ρ₀ = 1 at the population rate.</param>
/// <param name="TheoryDown">Fokker–Planck mean from ρ₀ = 0.</param>
/// <param name="FinalRho">Efficacies of all E→E synapses at the end.</param>
/// <param name="TheoryRho">Grid of ρ for the stationary densities.</param>
/// <param name="TheoryDensity">Stationary density at the population rate (mean field).</param>
/// <param name="MixtureDensity">Stationary density averaged over synapses with each synapse's
/// own pre/post rates (rates rounded to 0.5 Hz).</param>
/// <param name="KsMeanField">KS distance of the final efficacies to the mean-field density.</param>
/// <param name="KsMixture">KS distance to the rate-mixture density.</param>
/// <param name="AlphaD">Time fraction above θ_d, mean over synapses (± SE over synapses) vs the
/// shot-noise theory at the population rate — separates rate effects from spike statistics.</param>
/// <param name="AlphaP">Same for θ_p.</param>
/// <param name="TheoryUpMeasured">Fokker–Planck mean from ρ₀ = 1 with the drift and diffusion of
/// the measured time fractions (the rule's mean field without the Poisson assumption).</param>
/// <param name="TheoryDownMeasured">Same from ρ₀ = 0.</param>
/// <param name="KsCritical">1 % critical value 1.63/√n for n independent samples (the synapses
/// share neurons, so this is only a scale).</param>
/// <param name="Synapses">Number of plastic E→E synapses.</param>
/// <param name="RunSeconds">Wall time of the simulation, s.</param>
public sealed record CalciumNetworkResult(double RateE, double[] Times, double[] MeanUp, double[] MeanDown,
    double[] TheoryUp, double[] TheoryDown, double[] FinalRho, double[] TheoryRho, double[] TheoryDensity,
    double[] MixtureDensity, double KsMeanField, double KsMixture, Estimate AlphaD, Estimate AlphaP, double[] TheoryUpMeasured, double[] TheoryDownMeasured, double KsCritical, long Synapses, double RunSeconds);

/// <summary>
/// A sparse E/I network of LIF neurons (delta synapses, Brunel 2000 model A membrane) whose
/// E→E synapses follow the calcium rule (<see cref="CalciumSynapseProjection"/>, weight
/// w = ρ·W_max): half of the synapses start UP (ρ = 1), half DOWN (ρ = 0). The mean field treats
/// each synapse as driven by independent Poisson pre/post trains at the measured rates
/// (<see cref="EfficacyDrift"/>, <see cref="WeightFokkerPlanck"/>): the mean efficacy of the UP and
/// DOWN groups follows the Fokker–Planck time course, and the final efficacies converge to the
/// stationary density. Spike-timing correlations created by the connections are neglected by
/// the theory.
/// </summary>
/// <param name="Parameters">Graupner–Brunel (2012) model parameters.</param>
/// <param name="Duration">Simulated time, s (default 30).</param>
/// <param name="Checkpoints">Number of equal pieces of the run at whose ends the efficacies are recorded (default 6).</param>
/// <param name="NE">Number of excitatory neurons (default 400).</param>
/// <param name="NI">Number of inhibitory neurons (default 100).</param>
/// <param name="CE">Excitatory in-degree C_E (default 40).</param>
/// <param name="CI">Inhibitory in-degree C_I (default 10).</param>
/// <param name="J">Excitatory efficacy J of the static synapses, V (default 0.2 mV).</param>
/// <param name="G">Relative inhibition g: inhibitory efficacy −gJ (default 5).</param>
/// <param name="NuExtRatio">External rate over ν_thr = θ/(J C_E τ) (default 0.9).</param>
/// <param name="WMax">Weight W_max of an E→E synapse at ρ = 1, V (default 0.4 mV).</param>
/// <param name="Delay">Transmission delay, s (default 1.5 ms).</param>
/// <param name="Seed">Seed of the network's random streams (connectivity, external input).</param>
/// <param name="Dt">Time step, s (default 0.1 ms).</param>
public sealed record CalciumRecurrentNetwork(GraupnerBrunelParameters Parameters, double Duration = 30.0,
    int Checkpoints = 6, int NE = 400, int NI = 100, int CE = 40, int CI = 10, double J = 2e-4, double G = 5.0,
    double NuExtRatio = 0.9, double WMax = 4e-4, double Delay = 1.5e-3, ulong Seed = 1, double Dt = 1e-4)
{
    /// <summary>Simulates the network for <see cref="Duration"/> in <see cref="Checkpoints"/> pieces, recording the mean UP and DOWN efficacies at each, and evaluates the mean-field time course and stationary density at the measured rates.</summary>
    /// <param name="progress">Called with the fraction of the simulation done, in [0, 1] (optional).</param>
    public CalciumNetworkResult Run(Action<double>? progress = null)
    {
        var p = Guard.NotNull(Parameters).Validate();
        Guard.Positive(Duration); Guard.Positive(Checkpoints);
        var membrane = LifParameters.Brunel2000;
        var net = new Network(Dt, Seed);
        var e = net.Add(new LifDelta("E", NE, membrane));
        var i = net.Add(new LifDelta("I", NI, membrane));
        var init = net.NewRandom();
        e.SetUniform("v", membrane.Reset, membrane.Threshold, init);
        i.SetUniform("v", membrane.Reset, membrane.Threshold, init);
        var pick = net.NewRandom();
        var upFlag = new Dictionary<long, double>();
        var ee = net.Add(new CalciumSynapseProjection(net, e, e, Connectivity.FixedInDegree(CE), KernelSynapseSimulation.Rule(p),
            0.0, WMax, (_, _) => pick.NextDouble() < 0.5 ? 1.0 : 0.0, Delay));
        net.Connect(e, i, Connectivity.FixedInDegree(CE), J, Delay);
        net.Connect(i, e, Connectivity.FixedInDegree(CI), -G * J, Delay);
        net.Connect(i, i, Connectivity.FixedInDegree(CI), -G * J, Delay);
        double nuThr = membrane.Threshold / (J * CE * membrane.Tau);
        net.AddPoissonInput(e, CE, NuExtRatio * nuThr, J);
        net.AddPoissonInput(i, CE, NuExtRatio * nuThr, J);
        var spikes = net.MonitorSpikes(e);
        var start = ee.Rho;
        var up = start.Select(r => r > 0.5).ToArray();
        var times = new double[Checkpoints];
        var meanUp = new double[Checkpoints]; var meanDown = new double[Checkpoints];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int k = 0; k < Checkpoints; k++)
        {
            net.Run(Duration / Checkpoints, progress is null ? null : f => progress((k + f) / Checkpoints));
            ee.Synchronize();
            var rho = ee.Rho;
            times[k] = net.Time;
            meanUp[k] = Enumerable.Range(0, rho.Length).Where(s => up[s]).Average(s => rho[s]);
            meanDown[k] = Enumerable.Range(0, rho.Length).Where(s => !up[s]).Average(s => rho[s]);
        }
        double run = clock.Elapsed.TotalSeconds;
        // Rates per neuron over the whole run.
        var counts = new double[NE];
        foreach (var idx in spikes.Indices) counts[idx]++;
        var rates = counts.Select(c => c / Duration).ToArray();
        double rateE = rates.Average();
        var drift = new EfficacyDrift(p, new PoissonActivity(rateE, rateE));
        var fp = new WeightFokkerPlanck(drift);
        var theoryUp = fp.MeanTimeCourse(1.0, times);
        var theoryDown = fp.MeanTimeCourse(0.0, times);
        const int grid = 1001;
        var stationary = fp.Stationary(grid);
        // Mixture over synapses with their own rates (rounded to 0.5 Hz, cached).
        var sources = ee.Sources; var targets = ee.Destinations;
        var cache = new Dictionary<(double, double), double[]>();
        var mixture = new double[grid];
        for (int s = 0; s < sources.Length; s++)
        {
            var key = (Math.Round(rates[sources[s]] * 2) / 2, Math.Round(rates[targets[s]] * 2) / 2);
            if (!cache.TryGetValue(key, out var dens))
            {
                dens = key.Item1 > 0 && key.Item2 > 0
                    ? new WeightFokkerPlanck(new EfficacyDrift(p, new PoissonActivity(key.Item1, key.Item2))).Stationary(grid).Density
                    : Delta(start[s], grid);
                cache[key] = dens;
            }
            for (int g = 0; g < grid; g++) mixture[g] += dens[g] / sources.Length;
        }
        var final = ee.Rho;
        var aD = Est(ee.TimeAboveDepression, drift.AlphaD);
        var aP = Est(ee.TimeAbovePotentiation, drift.AlphaP);
        var measured = new WeightFokkerPlanck(new EfficacyDrift(p, new TimeFractions(aD.Simulated, aP.Simulated)));
        Estimate Est(double[] t, double theory)
        {
            var x = t.Select(v => v / Duration).ToArray();
            double m = x.Average(), v = x.Select(y => (y - m) * (y - m)).Sum() / (x.Length - 1);
            return new Estimate(m, Math.Sqrt(v / x.Length), theory);
        }
        return new CalciumNetworkResult(rateE, times, meanUp, meanDown, theoryUp, theoryDown, final,
            stationary.Rho, stationary.Density, mixture,
            Ks(final, stationary.Density), Ks(final, mixture),
            aD, aP, measured.MeanTimeCourse(1.0, times), measured.MeanTimeCourse(0.0, times), 1.63 / Math.Sqrt(final.Length), ee.Count, run);
    }

    // A silent neuron's synapses do not change: a narrow density at their initial value.
    static double[] Delta(double at, int grid)
    {
        var d = new double[grid];
        d[(int)Math.Round(at * (grid - 1))] = grid - 1;
        return d;
    }

    /// <summary>KS distance of samples to a density tabulated on an even grid of [0, 1].</summary>
    static double Ks(double[] samples, double[] density)
    {
        int m = density.Length;
        double h = 1.0 / (m - 1);
        var cdf = new double[m];
        for (int g = 1; g < m; g++) cdf[g] = cdf[g - 1] + 0.5 * h * (density[g - 1] + density[g]);
        double total = cdf[m - 1];
        var sorted = samples.OrderBy(x => x).ToArray();
        double ks = 0;
        for (int k = 0; k < sorted.Length; k++)
        {
            double u = Math.Clamp(sorted[k], 0, 1) / h;
            int g = Math.Min(m - 2, (int)u);
            double F = (cdf[g] + (u - g) * (cdf[g + 1] - cdf[g])) / total;
            ks = Math.Max(ks, Math.Max(Math.Abs(F - (double)k / sorted.Length), Math.Abs(F - (double)(k + 1) / sorted.Length)));
        }
        return ks;
    }
}
