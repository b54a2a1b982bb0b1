using Theory.ShortTermPlasticity;
using Theory.Spiking;

namespace Theory.Experiments.ShortTermPlasticity;

/// <summary>
/// One Tsodyks–Markram synapse driven by a regular or Poisson train, simulated on the kernel as
/// <see cref="Synapses"/> independent copies (one presynaptic generator each, state per
/// presynaptic neuron), against the analytic steady state. The mean efficacy per spike is
/// pooled over all spikes after the warm-up (ratio estimator); its standard error comes from the
/// spread over the independent copies (delta method), so the agreement is judged in standard errors.
/// </summary>
/// <param name="Parameters">The synapse (analytic parameters and convention).</param>
/// <param name="Rate">Presynaptic rate ν (Hz).</param>
/// <param name="Poisson">Poisson trains (Bernoulli per step, p = ν dt) instead of regular ones.</param>
/// <param name="Synapses">Number of independent copies.</param>
/// <param name="Duration">Simulated time (s), including the warm-up.</param>
/// <param name="Warmup">Time discarded before the statistics (s).</param>
/// <param name="Seed">Seed of all randomness.</param>
/// <param name="Dt">Time step (s).</param>
public sealed record SingleSynapseSimulation(TsodyksMarkramParameters Parameters, double Rate, bool Poisson = true,
    int Synapses = 200, double Duration = 20, double Warmup = 2, ulong Seed = 1, double Dt = 1e-4)
{
    /// <summary>Runs the simulation and compares it with the analytics.</summary>
    public SingleSynapseResult Run()
    {
        Guard.NotNull(Parameters); Guard.Positive(Rate); Guard.Positive(Synapses); Guard.Positive(Duration);
        Guard.NonNegative(Warmup);
        if (Warmup >= Duration)
            throw new ArgumentException($"Warmup = {Warmup} s is invalid: it must be shorter than Duration = {Duration} s.", nameof(Warmup));
        var net = new Network(Dt, Seed);
        var pre = net.Add(Poisson ? SpikeSource.Poisson("pre", Synapses, Rate, net.NewRandom()) : SpikeSource.Regular("pre", Synapses, Rate));
        var post = net.Add(new LifDelta("post", 1, LifParameters.Brunel2000));
        var p = Parameters;
        var tm = net.Add(new TsodyksMarkramProjection(net, pre, post, Connectivity.FixedProbability(1.0), 0.0,
            p.U, p.TauD, p.TauF, p.F, p.Amplitude, p.RestingU, p.FacilitatesBeforeRelease));
        if (Warmup > 0) net.Run(Warmup);
        tm.Plasticity.ResetStatistics();
        net.Run(Duration - Warmup);
        // ratio estimator over spikes (a mean of per-copy means would weight copies with few,
        // widely spaced spikes too much: a bias of order 1/spikes per copy); delta-method error
        var sums = tm.Plasticity.EfficacySums();
        var counts = tm.Plasticity.SpikeCounts();
        double total = counts.Sum();
        if (total == 0) throw new ArgumentException($"Duration = {Duration} s is invalid: no presynaptic spike after the warm-up at {Rate} Hz.", nameof(Duration));
        double mean = sums.Sum() / total, nBar = total / Synapses;
        double ss = 0;
        for (int i = 0; i < Synapses; i++) ss += (sums[i] - mean * counts[i]) * (sums[i] - mean * counts[i]);
        double se = Math.Sqrt(ss / ((double)Synapses * Math.Max(1, Synapses - 1))) / nBar;
        var regular = TsodyksMarkram.Regular(p, Rate);
        var poisson = TsodyksMarkram.Poisson(p, Rate);
        var exact = TsodyksMarkram.PoissonExact(p, Rate);
        return new SingleSynapseResult(Rate, Poisson, mean, se,
            tm.Plasticity.SpikeCounts().Sum(), regular.Efficacy, poisson.Efficacy, exact.Efficacy);
    }
}

/// <summary>Simulated mean efficacy per spike ± standard error and the analytic predictions.</summary>
/// <param name="Rate">Presynaptic rate (Hz).</param>
/// <param name="Poisson">Poisson (true) or regular trains.</param>
/// <param name="SimulatedEfficacy">Mean efficacy per spike over all spikes after the warm-up.</param>
/// <param name="StandardError">Its standard error (delta method over independent copies).</param>
/// <param name="Spikes">Presynaptic spikes counted after the warm-up.</param>
/// <param name="RegularAnalytic">Regular-train steady state A u_rel x⁻.</param>
/// <param name="PoissonIndependent">Poisson mean field with u, x independent.</param>
/// <param name="PoissonExact">Poisson exact mean (moment hierarchy).</param>
public sealed record SingleSynapseResult(double Rate, bool Poisson, double SimulatedEfficacy, double StandardError,
    long Spikes, double RegularAnalytic, double PoissonIndependent, double PoissonExact)
{
    /// <summary>The analytic value for this train (exact Poisson mean or regular steady state).</summary>
    public double Analytic => Poisson ? PoissonExact : RegularAnalytic;

    /// <summary>(simulated − analytic)/standard error.</summary>
    public double ZScore => (SimulatedEfficacy - Analytic) / StandardError;
}
