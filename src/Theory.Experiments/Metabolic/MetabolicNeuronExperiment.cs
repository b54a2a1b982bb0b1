using Theory.Metabolic;

namespace Theory.Experiments.Metabolic;

/// <summary>
/// Single metabolically regulated neuron (Chintaluri &amp; Vogels 2023, Fig. 1–2): for each demand the
/// quiescent fixed point (Newton on the ODE) against a forward-Euler run of the mitochondrion
/// without spikes (the simulation must settle on it), the quiescent metabolic signal MS*, the firing
/// rate of the RET neuron and its mean ROS level (with metabolic spikes) by simulation, and the analytic onset demand b_c where MS* = θ_RET
/// (rate &gt; 0 below, 0 above).
/// </summary>
/// <param name="Demands">Baseline ATP demands b to evaluate.</param>
/// <param name="Duration">Simulated time per demand, s (default 2).</param>
/// <param name="Transient">Initial time left out of the averages, s, in [0, Duration) (default 0.5).</param>
/// <param name="Neuron">Neuron parameters (null: <see cref="MetabolicSpikingParameters.ChintaluriVogels2023"/>).</param>
public sealed record MetabolicNeuronExperiment(double[] Demands, double Duration = 2, double Transient = 0.5,
    MetabolicSpikingParameters? Neuron = null)
{
    /// <summary>Runs the experiment.</summary>
    public MetabolicNeuronResult Run()
    {
        Guard.NotNull(Demands);
        var p = Neuron ?? MetabolicSpikingParameters.ChintaluriVogels2023;
        var m = Mitochondrion.ChintaluriVogels2023;
        var ss = MitochondrialSteadyStates.Sweep(m, Demands);
        var ms = ss.Select(s => MetabolicSpikingNeuron.Signal(p, s.Ros, s.State.Atp)).ToArray();
        if (!(Transient >= 0 && Transient < Duration))
            throw new ArgumentException($"Transient = {Transient} is invalid: it must lie in [0, Duration = {Duration}).", nameof(Transient));
        var runs = Demands.Select(b => MetabolicSpikingNeuron.Simulate(p, b, Duration)).ToArray();
        var rates = runs.Select(r => r.SpikeTimes.Count(t => t >= Transient) / (Duration - Transient)).ToArray();
        var meanRos = runs.Select(r => r.MeanRos).ToArray();
        double onset = MetabolicSpikingNeuron.OnsetDemand(p);
        return new(Demands, ss, ms, rates, meanRos, onset, p.Threshold);
    }
}

/// <summary>Result of <see cref="MetabolicNeuronExperiment"/>.</summary>
/// <param name="Demands">The demands b.</param>
/// <param name="SteadyStates">Quiescent fixed point at each demand.</param>
/// <param name="QuiescentSignal">Quiescent metabolic signal MS* at each demand.</param>
/// <param name="RatesHz">Simulated firing rate of the RET neuron at each demand, Hz.</param>
/// <param name="MeanRos">Simulated mean ROS level (with metabolic spikes) at each demand.</param>
/// <param name="OnsetDemand">Analytic onset demand b_c where MS* = θ_RET.</param>
/// <param name="Threshold">The threshold θ_RET.</param>
public sealed record MetabolicNeuronResult(double[] Demands, MitochondrialSteadyState[] SteadyStates, double[] QuiescentSignal,
    double[] RatesHz, double[] MeanRos, double OnsetDemand, double Threshold)
{
    /// <summary>Whether every simulated rate agrees with the fixed-point prediction (firing iff b &lt; b_c).</summary>
    public bool AgreesWithOnset => Demands.Zip(RatesHz).All(x => (x.First < OnsetDemand) == (x.Second > 0));
}
