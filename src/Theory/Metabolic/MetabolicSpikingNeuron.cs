namespace Theory.Metabolic;

/// <summary>
/// The metabolically regulated spiking neuron of Chintaluri &amp; Vogels 2023 (Fig. 2, RET case;
/// <c>fig2.ret_run_sim</c>): a mitochondrion (<see cref="MitochondrionSimulation"/>) whose
/// metabolic signal MS = ROS·(ATP − ATP_ref) triggers a spike whenever MS &gt; θ_RET and the cell
/// is not refractory; each spike costs q·Q(t) ATP (<see cref="SpikeCost"/>). Surplus ATP with
/// high ROS (a hyperpolarized, under-used mitochondrion: reverse electron transport) thus makes
/// the neuron fire until the spikes' ATP use brings MS below threshold.
/// </summary>
public sealed record MetabolicSpikingParameters
{
    /// <summary>θ_RET, threshold on MS (code: <c>theta_ret</c>, 0.025).</summary>
    public double Threshold { get; init; } = 0.025;
    /// <summary>ATP_ref subtracted from ATP in MS (code: 0.71218258, the steady ATP near the ROS minimum).</summary>
    public double AtpReference { get; init; } = 0.71218258;
    /// <summary>Refractory period (s; code <c>refrac</c>, 6 ms; 2 ms in the fast case). The shortest
    /// interspike interval is <see cref="MetabolicSpikingNeuron.RefractorySteps"/> steps, as the code
    /// counts it (6.03 ms for 6 ms at dt = 0.01 ms).</summary>
    public double Refractory { get; init; } = 0.006;
    /// <summary>Per-spike cost (q = 0.06 in Fig. 2's first RET case).</summary>
    public SpikeCost Cost { get; init; } = SpikeCost.ChintaluriVogels2023.With(quantum: 0.06);

    /// <summary>Fig. 2 RET case "30, 0.06": demand 30, q = 0.06, refractory 6 ms.</summary>
    public static MetabolicSpikingParameters ChintaluriVogels2023 { get; } = new();

    /// <summary>Copy with fields changed (for F#).</summary>
    public MetabolicSpikingParameters With(double? threshold = null, double? atpReference = null, double? refractory = null, double? quantum = null) =>
        this with
        {
            Threshold = threshold ?? Threshold, AtpReference = atpReference ?? AtpReference,
            Refractory = refractory ?? Refractory, Cost = quantum is double q ? Cost.With(quantum: q) : Cost,
        };
}

/// <summary>A simulated run: spike times (s), rate (Hz), means, and traces sampled every
/// recording interval (empty if none was asked).</summary>
/// <param name="Demand">Baseline ATP demand (k_ANT = demand/AtpRange, <see cref="MitochondrialSteadyStates.Solve"/>).</param>
/// <param name="Duration">Simulated time, s.</param>
/// <param name="SpikeTimes">Spike times, s.</param>
/// <param name="RateHz">Mean firing rate, Hz.</param>
/// <param name="MeanRos">Time-averaged ROS level.</param>
/// <param name="MeanAtp">Time-averaged ATP (fraction of A_t).</param>
/// <param name="Time">Sample times of the traces, s.</param>
/// <param name="Atp">ATP trace (fraction of A_t).</param>
/// <param name="Ros">ROS trace.</param>
/// <param name="Signal">Metabolic signal MS = ROS·(ATP − ATP_ref) trace.</param>
public sealed record MetabolicSpikingRun(double Demand, double Duration, double[] SpikeTimes, double RateHz,
    double MeanRos, double MeanAtp, double[] Time, double[] Atp, double[] Ros, double[] Signal);

/// <summary>Simulation and fixed-point analysis of <see cref="MetabolicSpikingParameters"/>.</summary>
public static class MetabolicSpikingNeuron
{
    /// <summary>MS = ROS·(ATP − ATP_ref).</summary>
    public static double Signal(MetabolicSpikingParameters p, double ros, double atp) => ros * (atp - p.AtpReference);

    /// <summary>MS at the quiescent fixed point of demand b: R∞(ATP*, ψ*)·(ATP* − ATP_ref). The silent
    /// state is self-consistent iff it is ≤ θ; otherwise the neuron must fire.</summary>
    public static double QuiescentSignal(MetabolicSpikingParameters p, double demand, Mitochondrion? model = null)
    {
        Guard.NotNull(p);
        var s = MitochondrialSteadyStates.Solve(model ?? Mitochondrion.ChintaluriVogels2023, demand);
        return Signal(p, s.Ros, s.State.Atp);
    }

    /// <summary>The demand b_c at which the quiescent MS equals θ (bisection in ln b over [low, high]):
    /// below b_c the silent fixed point does not exist and the neuron fires metabolic spikes.</summary>
    public static double OnsetDemand(MetabolicSpikingParameters p, double low = 1, double high = 1000, Mitochondrion? model = null)
    {
        Guard.NotNull(p);
        Func<double, double> g = b => QuiescentSignal(p, b, model) - p.Threshold;
        double a = Math.Log(Guard.Positive(low)), c = Math.Log(Guard.Positive(high));
        double ga = g(Math.Exp(a)), gc = g(Math.Exp(c));
        if (ga <= 0)
            throw new ArgumentException($"low = {low} is invalid: the quiescent state is already self-consistent there (MS − θ = {ga}).", nameof(low));
        if (gc > 0)
            throw new ArgumentException($"high = {high} is invalid: the quiescent state is still inconsistent there (MS − θ = {gc}).", nameof(high));
        for (int i = 0; i < 60 && c - a > 1e-12; i++)
        {
            double m = 0.5 * (a + c);
            if (g(Math.Exp(m)) > 0) a = m; else c = m;
        }
        return Math.Exp(0.5 * (a + c));
    }

    /// <summary>
    /// Minimum number of steps from one spike to the next, counted as the paper's code counts it
    /// (<c>fig2.ret_run_sim</c>, time in ms): at a spike <c>elapsed = 0</c>; every later step adds
    /// <c>dt</c> to <c>elapsed</c> while <c>elapsed &lt; refrac</c>, and the first step that finds
    /// <c>elapsed ≥ refrac</c> only clears the refractory flag, so the next spike can come one step
    /// after that. With m the number of floating-point additions of dt (ms) to 0 that first reach
    /// refrac (ms), the shortest interval is m + 2 steps. The sum accumulates rounding error:
    /// with dt = 0.01 ms, 200 additions reach 2 ms (2.02 ms minimum ISI) but 600 additions stay
    /// below 6 ms and 1000 below 10 ms (6.03 and 10.03 ms). The authors' figures were made with
    /// this timing, so it is reproduced exactly: dt and refrac are converted to ms and rounded to
    /// 12 decimals (the doubles of the code's literals 0.01 and 6) before the sum.
    /// </summary>
    /// <param name="refractory">Refractory period (s), valid (0, 10].</param>
    /// <param name="dt">Time step (s), valid [1e-8, 1e-3].</param>
    public static long RefractorySteps(double refractory, double dt)
    {
        Guard.Positive(refractory); Guard.InRange(refractory, 0.0, 10.0);
        Guard.InRange(dt, 1e-8, 1e-3);
        double refracMs = Math.Round(refractory * 1e3, 12), dtMs = Math.Round(dt * 1e3, 12);
        double elapsed = 0;
        long m = 0;
        while (elapsed < refracMs) { elapsed += dtMs; m++; }
        return m + 2;
    }

    /// <summary>Simulates the neuron at demand b for a duration (s) from the quiescent fixed point,
    /// with time step dt (s) and traces every recordEvery steps (0: none).</summary>
    public static MetabolicSpikingRun Simulate(MetabolicSpikingParameters p, double demand, double duration,
        double dt = 1e-5, int recordEvery = 0, RosParameters? ros = null, Mitochondrion? model = null)
    {
        Guard.NotNull(p);
        Guard.InRange(duration, 1e-3, 1e4);
        Guard.NonNegative(recordEvery);
        Guard.Positive(p.Refractory);
        var sim = new MitochondrionSimulation(model ?? Mitochondrion.ChintaluriVogels2023, demand, p.Cost, ros, dt);
        long n = (long)Math.Round(duration / dt);
        long refr = RefractorySteps(p.Refractory, dt);
        long nextAllowed = 0;
        var spikes = new List<double>();
        var t = new List<double>(); var a = new List<double>(); var r = new List<double>(); var ms = new List<double>();
        double sr = 0, sa = 0;
        for (long i = 0; i < n; i++)
        {
            sim.Advance();
            double sig = Signal(p, sim.RosLevel, sim.Atp);
            if (sig > p.Threshold && i >= nextAllowed)
            {
                sim.Spike();
                spikes.Add(sim.Time);
                nextAllowed = i + refr;
            }
            sr += sim.RosLevel; sa += sim.Atp;
            if (recordEvery > 0 && i % recordEvery == 0)
            {
                t.Add(sim.Time); a.Add(sim.Atp); r.Add(sim.RosLevel); ms.Add(sig);
            }
        }
        return new(demand, duration, spikes.ToArray(), spikes.Count / duration, sr / n, sa / n, t.ToArray(), a.ToArray(), r.ToArray(), ms.ToArray());
    }

    /// <summary>Rate after a transient (Hz) for each demand: spikes in [transient, duration) over their span.</summary>
    public static double[] RateCurve(MetabolicSpikingParameters p, double[] demands, double duration = 2, double transient = 0.5, double dt = 1e-5)
    {
        Guard.NotNull(demands);
        if (!(transient >= 0 && transient < duration))
            throw new ArgumentException($"transient = {transient} is invalid: it must lie in [0, duration = {duration}).", nameof(transient));
        return demands.Select(b =>
        {
            var run = Simulate(p, b, duration, dt);
            return run.SpikeTimes.Count(s => s >= transient) / (duration - transient);
        }).ToArray();
    }
}
