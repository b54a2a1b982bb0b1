namespace Theory.Metabolic;

/// <summary>Traces of <see cref="SpikePerturbation"/> every recording interval: time (s), ATP, normalised ψ, NAD⁺,
/// pyruvate (normalised) and ROS; and the extremes of ATP and ROS after the spike.</summary>
/// <param name="Demand">Baseline demand b.</param>
/// <param name="Quantum">Spike cost q.</param>
/// <param name="SpikeTime">Time of the spike, s.</param>
/// <param name="Time">Times of the recorded samples, s.</param>
/// <param name="Atp">ATP at each sample.</param>
/// <param name="Psi">Normalised ψ at each sample.</param>
/// <param name="Nad">NAD⁺ at each sample.</param>
/// <param name="Pyr">Pyruvate (normalised) at each sample.</param>
/// <param name="Ros">ROS at each sample.</param>
/// <param name="AtpStart">ATP at the spike.</param>
/// <param name="AtpMin">Minimum ATP after the spike.</param>
/// <param name="AtpMinTime">Time of the ATP minimum, s.</param>
/// <param name="RosStart">ROS at the spike.</param>
/// <param name="RosMax">Maximum ROS after the spike.</param>
/// <param name="RosMin">Minimum ROS after the spike.</param>
public sealed record SpikePerturbationRun(double Demand, double Quantum, double SpikeTime, double[] Time, double[] Atp, double[] Psi,
    double[] Nad, double[] Pyr, double[] Ros, double AtpStart, double AtpMin, double AtpMinTime, double RosStart, double RosMax, double RosMin);

/// <summary>
/// The response of the mitochondrion to a single spike (Chintaluri &amp; Vogels 2023, Fig. 1 and Fig. S1; code
/// <c>mitosfns.spike_quanta</c>): from the fixed point of demand b, one spike at t_s (code 150 ms) raises ATP use by
/// q·Q(t − t_s) (ATP_c = ATP₀ − q Q, translocator factor 1 + 10 erf(10(ATP − ATP_c))) and the leak by f_MCU·q·Q(t − t_s)
/// (<see cref="SpikeCost"/>: τ_rise = 5 ms, τ_Q = 100 ms); forward Euler at dt (code 0.01 ms) for the duration (code 500 ms);
/// the ROS gate relaxes to R∞(ATP, ψ) of the chosen generator with τ_R(b). The cost enters at the step starting at t_s with Q(0),
/// as the code. The code starts after relaxing 2 s by Euler; we start at the converged fixed point.
/// </summary>
public static class SpikePerturbation
{
    /// <summary>Runs one spike at spikeTime (s) in a run of duration (s), time step dt (s), traces every recordEvery steps.</summary>
    public static SpikePerturbationRun Run(double demand, double quantum, double spikeTime = 0.15, double duration = 0.5, double dt = 1e-5,
        int recordEvery = 10, double mcuFactor = 1e-3, RosGenerator generator = RosGenerator.Control, RosParameters? ros = null,
        Mitochondrion? model = null)
    {
        Guard.InRange(demand, 1e-3, 1e5);
        Guard.InRange(quantum, 0, 1);
        Guard.InRange(duration, 1e-3, 100);
        Guard.InRange(dt, 1e-7, 1e-4);
        Guard.Positive(recordEvery);
        if (!(spikeTime >= 0 && spikeTime < duration))
            throw new ArgumentException($"spikeTime = {spikeTime} is invalid: it must lie in [0, duration = {duration}).", nameof(spikeTime));
        var m = model ?? Mitochondrion.ChintaluriVogels2023;
        var rp = ros ?? RosParameters.Default;
        var cost = SpikeCost.ChintaluriVogels2023.With(quantum: quantum, mcuFactor: mcuFactor);
        var sim = new MitochondrionSimulation(m, demand, cost, rp, dt);
        double tau = Ros.TimeConstant(rp, demand);
        double r = RosGenerators.SteadyUnchecked(generator, sim.Atp, sim.Psi);
        double atp0 = sim.Atp, r0 = r;
        long n = (long)Math.Round(duration / dt), ks = (long)Math.Round(spikeTime / dt);
        var t = new List<double>(); var a = new List<double>(); var ps = new List<double>(); var nd = new List<double>();
        var py = new List<double>(); var rr = new List<double>();
        double amin = double.PositiveInfinity, amint = double.NaN, rmax = double.NegativeInfinity, rmin = double.PositiveInfinity;
        for (long i = 0; i < n; i++)
        {
            if (i == ks) sim.Spike();
            sim.Advance();
            r += (RosGenerators.SteadyUnchecked(generator, sim.Atp, sim.Psi) - r) / tau * dt;
            if (i >= ks)
            {
                if (sim.Atp < amin) { amin = sim.Atp; amint = i * dt; }
                rmax = Math.Max(rmax, r); rmin = Math.Min(rmin, r);
            }
            if (i % recordEvery == 0)
            {
                var s = sim.State;
                t.Add(i * dt); a.Add(s.Atp); ps.Add(sim.Psi); nd.Add(s.Nad); py.Add(s.Pyr); rr.Add(r);
            }
        }
        return new(demand, quantum, spikeTime, t.ToArray(), a.ToArray(), ps.ToArray(), nd.ToArray(), py.ToArray(), rr.ToArray(),
            atp0, amin, amint, r0, rmax, rmin);
    }
}
