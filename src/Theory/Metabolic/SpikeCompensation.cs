namespace Theory.Metabolic;

/// <summary>One point of the spike-compensation sweep: steady ROS without spikes and the mean
/// ROS (and ATP) under a regular spike train.</summary>
/// <param name="Demand">Baseline ATP demand.</param>
/// <param name="RosWithoutSpikes">Steady ROS without spikes.</param>
/// <param name="RosWithSpikes">Mean ROS under the spike train (last 3/4 of the run).</param>
/// <param name="AtpWithoutSpikes">Steady ATP without spikes (fraction of A_t).</param>
/// <param name="MeanAtpWithSpikes">Mean ATP under the spike train (fraction of A_t).</param>
/// <param name="PsiWithoutSpikes">Steady normalized ψ without spikes.</param>
/// <param name="MeanPsiWithSpikes">Mean normalized ψ under the spike train.</param>
public sealed record SpikeCompensationPoint(double Demand, double RosWithoutSpikes, double RosWithSpikes,
    double AtpWithoutSpikes, double MeanAtpWithSpikes, double PsiWithoutSpikes, double MeanPsiWithSpikes);

/// <summary>
/// The paper's spike-compensation sweep (Chintaluri &amp; Vogels 2023, Fig. 1; <c>mitosfns.run_sim</c>):
/// for each baseline demand (20 values geometric over 1…1000) a regular train at the given rate
/// (spikes at k/rate, k = 1…⌊T·rate⌋, T = 10 s) drives the mitochondrion; the reported ROS is the
/// mean over the last 3/4 of the run. Spiking lowers ROS where demand is low (RET regime).
/// </summary>
public static class SpikeCompensation
{
    /// <summary>Runs the sweep.</summary>
    public static SpikeCompensationPoint[] Sweep(double rate, SpikeCost? cost = null, double[]? demands = null,
        double duration = 10, RosParameters? ros = null, Mitochondrion? model = null, double dt = 1e-5)
    {
        Guard.InRange(rate, 0, 500);
        Guard.InRange(duration, 0.01, 1000);
        demands ??= MitochondrialSteadyStates.GeometricDemands(1, 1000, 20);
        model ??= Mitochondrion.ChintaluriVogels2023;
        var result = new SpikeCompensationPoint[demands.Length];
        for (int j = 0; j < demands.Length; j++)
            result[j] = Run(model, demands[j], rate, cost, duration, ros, dt);
        return result;
    }

    /// <summary>One demand value.</summary>
    public static SpikeCompensationPoint Run(Mitochondrion model, double demand, double rate, SpikeCost? cost = null,
        double duration = 10, RosParameters? ros = null, double dt = 1e-5)
    {
        var sim = new MitochondrionSimulation(model, demand, cost, ros, dt);
        long n = (long)Math.Round(duration / dt);
        long isi = rate > 0 ? (long)(1 / rate / dt) : long.MaxValue;
        long from = n - (long)(0.75 * n);
        double sr = 0, sa = 0, sp = 0;
        for (long i = 0; i < n; i++)
        {
            if (rate > 0 && i > 0 && i % isi == 0) sim.Spike();
            sim.Advance();
            if (i >= from) { sr += sim.RosLevel; sa += sim.Atp; sp += sim.Psi; }
        }
        long m = n - from;
        var s0 = sim.Start;
        return new(demand, s0.Ros, sr / m, s0.State.Atp, sa / m, s0.Psi, sp / m);
    }
}
