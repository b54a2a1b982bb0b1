using Theory.CalciumPlasticity;
using Theory.Spiking;

namespace Theory.Experiments.CalciumPlasticity;

/// <summary>Kernel simulation of independent plastic synapses against the mean-field theory.</summary>
/// <param name="AlphaD">Mean fraction of time above θ_d over synapses (± SE) vs the shot-noise theory.</param>
/// <param name="AlphaP">Same for θ_p.</param>
/// <param name="MeanRho">Mean efficacy at the end (± SE) vs the Fokker–Planck time course.</param>
/// <param name="FinalRho">Efficacies at the end.</param>
/// <param name="KsDistance">Kolmogorov–Smirnov distance of the final efficacies to the
/// stationary Fokker–Planck distribution.</param>
/// <param name="KsCritical">The 1 % critical value 1.63/√n of the KS statistic for n samples.</param>
public sealed record KernelSynapseResult(Estimate AlphaD, Estimate AlphaP, Estimate MeanRho, double[] FinalRho,
    double KsDistance, double KsCritical);

/// <summary>
/// <paramref name="Synapses"/> independent synapses on the spiking kernel
/// (<see cref="CalciumSynapseProjection"/>, one-to-one from a Poisson source population at
/// ν_pre to one at ν_post, dt = 0.1 ms): the time fractions above the thresholds, the mean
/// efficacy after <paramref name="Duration"/> from ρ₀, and the efficacy distribution, against
/// <see cref="CalciumShotNoise"/>, <see cref="WeightFokkerPlanck.MeanTimeCourse"/> and the
/// stationary Fokker–Planck density — with <paramref name="CalciumCorrections"/>, the Fokker–Planck
/// equation that includes the second-order calcium-fluctuation drift and diffusion
/// (<see cref="EfficacyDrift.CalciumDiffusion"/>, <see cref="EfficacyDrift.CalciumDriftCorrection"/>).
/// </summary>
/// <param name="Parameters">Graupner–Brunel (2012) model parameters.</param>
/// <param name="PreRate">Presynaptic Poisson rate ν_pre, Hz.</param>
/// <param name="PostRate">Postsynaptic Poisson rate ν_post, Hz.</param>
/// <param name="Duration">Simulated time, s (default 10).</param>
/// <param name="Synapses">Number of independent synapses (default 400).</param>
/// <param name="Rho0">Initial efficacy ρ₀ of every synapse, in [0, 1] (default 0.5).</param>
/// <param name="Seed">Seed of the Poisson trains.</param>
/// <param name="Dt">Time step, s (default 0.1 ms).</param>
/// <param name="CalciumCorrections">Compare with the Fokker–Planck equation that includes the second-order calcium-fluctuation terms (default false).</param>
public sealed record KernelSynapseSimulation(GraupnerBrunelParameters Parameters, double PreRate, double PostRate,
    double Duration = 10.0, int Synapses = 400, double Rho0 = 0.5, ulong Seed = 1, double Dt = 1e-4,
    bool CalciumCorrections = false)
{
    /// <summary>The kernel rule of a parameter set.</summary>
    public static CalciumSynapseRule Rule(GraupnerBrunelParameters p) =>
        new(p.TauCa, p.CPre, p.CPost, p.ThetaD, p.ThetaP, p.GammaD, p.GammaP, p.Tau, p.RhoStar, p.Sigma, p.Delay, p.Eta, p.Bistable);

    /// <summary>Runs the kernel simulation and evaluates the theory for the same parameters.</summary>
    /// <returns>The simulated statistics with standard errors next to the theory values.</returns>
    public KernelSynapseResult Run()
    {
        var p = Guard.NotNull(Parameters).Validate();
        Guard.Positive(Duration); Guard.Positive(Synapses); Guard.Probability(Rho0);
        var net = new Network(Dt, Seed);
        var pre = net.Add(SpikeSource.Poisson("pre", Synapses, PreRate, net.NewRandom()));
        var post = net.Add(SpikeSource.Poisson("post", Synapses, PostRate, net.NewRandom()));
        var proj = net.Add(new CalciumSynapseProjection(net, pre, post, Connectivity.OneToOne(), Rule(p), 0, 1,
            (_, _) => Rho0));
        net.Run(Duration);
        proj.Synchronize();
        var drift = new EfficacyDrift(p, new PoissonActivity(PreRate, PostRate));
        var fp = new WeightFokkerPlanck(drift, CalciumCorrections);
        var rho = proj.Rho;
        Estimate Est(double[] x, double theory)
        {
            double m = x.Average(), v = x.Select(y => (y - m) * (y - m)).Sum() / (x.Length - 1);
            return new Estimate(m, Math.Sqrt(v / x.Length), theory);
        }
        var aD = proj.TimeAboveDepression.Select(t => t / Duration).ToArray();
        var aP = proj.TimeAbovePotentiation.Select(t => t / Duration).ToArray();
        double meanTheory = fp.MeanTimeCourse(Rho0, [Duration])[0];
        var sorted = rho.OrderBy(x => x).ToArray();
        double ks = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            double F = fp.Cdf(sorted[i]);
            ks = Math.Max(ks, Math.Max(Math.Abs(F - (double)i / sorted.Length), Math.Abs(F - (double)(i + 1) / sorted.Length)));
        }
        return new KernelSynapseResult(Est(aD, drift.AlphaD), Est(aP, drift.AlphaP), Est(rho, meanTheory), rho,
            ks, 1.63 / Math.Sqrt(sorted.Length));
    }
}
