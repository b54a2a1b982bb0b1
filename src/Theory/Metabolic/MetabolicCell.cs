namespace Theory.Metabolic;

/// <summary>What makes the metabolic cell of <see cref="MetabolicCell"/> fire.</summary>
public enum MetabolicTrigger
{
    /// <summary>Reverse electron transport: fire while MS &gt; θ_RET (<c>fig2.ret_run_sim</c>).</summary>
    Ret,
    /// <summary>Forward electron transport: fire during a current clamp at the LIF interval, but hold
    /// spikes back while MS &lt; θ_FET (<c>fig2.fet_run_sim</c>).</summary>
    Fet,
}

/// <summary>
/// Parameters of the metabolic cell of Chintaluri &amp; Vogels 2023, Fig. 2 (RET and FET cases; code
/// <c>fig2.py</c>, <c>ret_intrinsic_summary.py</c>, <c>fet_intrinsic_summary.py</c>). Times in s, the clamp in A,
/// resistances in Ω, potentials in V.
/// </summary>
public sealed record MetabolicCellParameters
{
    /// <summary>RET or FET.</summary>
    public MetabolicTrigger Trigger { get; init; } = MetabolicTrigger.Ret;
    /// <summary>θ_RET (code 0.025).</summary>
    public double ThetaRet { get; init; } = 0.025;
    /// <summary>θ_FET (code −0.05 in Fig. 2 and its maps; −1 in the "ros_baseline" control, which never holds spikes back).</summary>
    public double ThetaFet { get; init; } = -0.05;
    /// <summary>ATP_ref of MS = ROS·(ATP − ATP_ref) (code 0.71218258).</summary>
    public double AtpReference { get; init; } = 0.71218258;
    /// <summary>τ_ref (s; code <c>refrac</c> 6 ms).</summary>
    public double Refractory { get; init; } = 0.006;
    /// <summary>Per-spike cost (q, f_MCU = 1e-3, τ_rise = 5 ms, τ_Q = 100 ms, 1 s kernel).</summary>
    public SpikeCost Cost { get; init; } = SpikeCost.ChintaluriVogels2023.With(quantum: 0.06);
    /// <summary>ROS generator (control or a variant such as rotenone).</summary>
    public RosGenerator Generator { get; init; } = RosGenerator.Control;
    /// <summary>ROS kinetics τ_R(demand).</summary>
    public RosParameters Ros { get; init; } = RosParameters.Default;
    /// <summary>FET clamp current I (A; code 2 nA).</summary>
    public double Clamp { get; init; } = 2e-9;
    /// <summary>Clamp onset (s; code 700 ms).</summary>
    public double ClampOn { get; init; } = 0.7;
    /// <summary>Clamp end (s; code 1000 ms).</summary>
    public double ClampOff { get; init; } = 1.0;
    /// <summary>R_m of the LIF that sets the FET interval (Ω; code 10 MΩ).</summary>
    public double LifResistance { get; init; } = 10e6;
    /// <summary>τ_m of that LIF (s; code 10 ms).</summary>
    public double LifTau { get; init; } = 0.010;
    /// <summary>E_L (V; −70 mV).</summary>
    public double LifRest { get; init; } = -0.070;
    /// <summary>V_reset (V; −80 mV).</summary>
    public double LifReset { get; init; } = -0.080;
    /// <summary>V_th (V; −54 mV).</summary>
    public double LifThreshold { get; init; } = -0.054;

    /// <summary>RET cell of Fig. 2 (q = 0.06, τ_ref = 6 ms).</summary>
    public static MetabolicCellParameters Ret2023 { get; } = new();
    /// <summary>FET cell of Fig. 2 (2 nA from 700 to 1000 ms, θ_FET = −0.05, q = 0.06).</summary>
    public static MetabolicCellParameters Fet2023 { get; } = new() { Trigger = MetabolicTrigger.Fet };

    /// <summary>Copy with fields changed (for F#).</summary>
    public MetabolicCellParameters With(double? quantum = null, double? refractory = null, double? thetaFet = null, double? clamp = null,
        RosGenerator? generator = null, double? tauRise = null, double? clampOn = null, double? clampOff = null) =>
        this with
        {
            Cost = Cost.With(quantum: quantum, tauRise: tauRise), Refractory = refractory ?? Refractory, ThetaFet = thetaFet ?? ThetaFet,
            Clamp = clamp ?? Clamp, Generator = generator ?? Generator, ClampOn = clampOn ?? ClampOn, ClampOff = clampOff ?? ClampOff,
        };

    /// <summary>Throws ArgumentException on invalid fields.</summary>
    public void Validate()
    {
        Guard.NotNull(Cost).Validate(); Guard.NotNull(Ros);
        Guard.Finite(ThetaRet); Guard.Finite(ThetaFet); Guard.Finite(AtpReference);
        Guard.Positive(Refractory); Guard.Finite(Clamp);
        Guard.NonNegative(ClampOn);
        if (!(ClampOff >= ClampOn)) throw new ArgumentException($"ClampOff = {ClampOff} is invalid: it must be ≥ ClampOn = {ClampOn}.", nameof(ClampOff));
        Guard.Positive(LifResistance); Guard.Positive(LifTau);
        Guard.Finite(LifRest); Guard.Finite(LifReset); Guard.Finite(LifThreshold);
        if (!(LifThreshold > LifReset)) throw new ArgumentException($"LifThreshold = {LifThreshold} is invalid: it must exceed LifReset = {LifReset}.", nameof(LifThreshold));
    }
}

/// <summary>A run of <see cref="MetabolicCell"/>: spike times (s), mean ROS after <c>rosFrom</c>, and traces every
/// recording interval (time s, ATP, ROS, MS; empty if none was asked).</summary>
/// <param name="Demand">Baseline demand b.</param>
/// <param name="Duration">Run length, s.</param>
/// <param name="SpikeTimes">Spike times, s.</param>
/// <param name="MeanRos">Mean ROS after rosFrom.</param>
/// <param name="Time">Times of the recorded samples, s (empty if no trace was asked).</param>
/// <param name="Atp">ATP at each sample.</param>
/// <param name="Ros">ROS at each sample.</param>
/// <param name="Signal">Metabolic signal MS at each sample.</param>
public sealed record MetabolicCellRun(double Demand, double Duration, double[] SpikeTimes, double MeanRos,
    double[] Time, double[] Atp, double[] Ros, double[] Signal);

/// <summary>
/// The metabolic cell of Chintaluri &amp; Vogels 2023, Fig. 2: a mitochondrion at baseline demand b
/// (<see cref="MitochondrionSimulation"/>: forward Euler, dt = 0.01 ms, spike costs q·Q(t) on ATP and f_MCU·q·Q(t)
/// on the leak), a ROS gate dR/dt = (R∞(ATP, ψ) − R)/τ_R(b) with the chosen <see cref="RosGenerator"/>, started at
/// R∞ of the fixed point, and the metabolic signal MS = R·(ATP − ATP_ref).
/// <para>RET (<c>fig2.ret_run_sim</c>): a spike whenever MS &gt; θ_RET and the cell is not refractory.</para>
/// <para>FET (<c>fig2.fet_run_sim</c>, <c>fetch_isi</c>): during the clamp the cell fires at the interval of a LIF driven by I,
/// ISI_LIF = τ_m ln((R_m I + E_L − V_r)/(R_m I + E_L − V_th)) (none if R_m I ≤ V_th − E_L), with refractory period
/// max(ISI_LIF, τ_ref); the refractory timer does not run out while MS &lt; θ_FET, so forward-electron-transport ROS with
/// low ATP (MS strongly negative) holds spikes back.</para>
/// <para>Timing as the authors' code: a spike at step i is stamped t_i = i·dt (the start of the step); the timer
/// restarts at 0 and, each later step, grows by dt (accumulated in ms in floating point) while it is below the
/// refractory period — the first step at which it is not only releases the cell, which may fire from the next step on.
/// Hence the minimum ISI is 2–3 steps above τ_ref (6.03 ms for 6 ms at dt = 0.01 ms). A spike's cost enters from the
/// next step with Q(0) (the convention of <see cref="MitochondrionSimulation"/>; the code enters Q(dt) there).</para>
/// </summary>
public static class MetabolicCell
{
    /// <summary>The LIF interval ISI_LIF (s) for clamp I (A), +∞ when the LIF does not reach threshold
    /// (R_m I ≤ V_th − E_L). Paper: I = 2 nA gives 10 ms · ln 7.5 = 20.15 ms.</summary>
    public static double LifInterval(MetabolicCellParameters p, double clamp)
    {
        Guard.NotNull(p).Validate(); Guard.Finite(clamp);
        double drive = p.LifResistance * clamp + p.LifRest;
        if (drive <= p.LifThreshold) return double.PositiveInfinity;
        return p.LifTau * Math.Log((drive - p.LifReset) / (drive - p.LifThreshold));
    }

    /// <summary>Simulates the cell at baseline demand b for a duration (s; the code's 2.5 s) with time step dt (s),
    /// mean ROS over t ≥ rosFrom (s; the code's 200 ms), traces every recordEvery steps (0: none).</summary>
    public static MetabolicCellRun Simulate(MetabolicCellParameters p, double demand, double duration = 2.5, double dt = 1e-5,
        double rosFrom = 0.2, int recordEvery = 0, Mitochondrion? model = null)
    {
        Guard.NotNull(p).Validate();
        Guard.InRange(demand, 1e-3, 1e5);
        Guard.InRange(duration, 1e-3, 1e4);
        Guard.InRange(dt, 1e-7, 1e-4);
        Guard.NonNegative(recordEvery);
        if (!(rosFrom >= 0 && rosFrom < duration))
            throw new ArgumentException($"rosFrom = {rosFrom} is invalid: it must lie in [0, duration = {duration}).", nameof(rosFrom));
        var sim = new MitochondrionSimulation(model ?? Mitochondrion.ChintaluriVogels2023, demand, p.Cost, p.Ros, dt);
        double tau = Metabolic.Ros.TimeConstant(p.Ros, demand);
        double r = RosGenerators.SteadyUnchecked(p.Generator, sim.Atp, sim.Psi);
        long n = (long)Math.Round(duration / dt);
        long rosStart = (long)Math.Ceiling(rosFrom / dt - 1e-9);
        bool fet = p.Trigger == MetabolicTrigger.Fet;
        double lif = fet ? LifInterval(p, p.Clamp) : 0;
        bool clampFires = fet && p.Clamp > 0 && double.IsFinite(lif);
        long on = (long)Math.Round(p.ClampOn / dt), off = (long)Math.Round(p.ClampOff / dt);
        double dtMs = dt * 1e3, refrMs = 1e3 * (fet ? Math.Max(lif, p.Refractory) : p.Refractory);
        bool spiked = false;
        double elapsedMs = 0, rosSum = 0;
        var spikes = new List<double>();
        var tr = new List<double>(); var ar = new List<double>(); var rr = new List<double>(); var mr = new List<double>();
        for (long i = 0; i < n; i++)
        {
            sim.Advance();
            r += (RosGenerators.SteadyUnchecked(p.Generator, sim.Atp, sim.Psi) - r) / tau * dt;
            double ms = r * (sim.Atp - p.AtpReference);
            bool fire = fet ? clampFires && i >= on && i < off : ms > p.ThetaRet;
            if (fire && !spiked)
            {
                spiked = true;
                elapsedMs = 0;
                sim.Spike();
                spikes.Add(i * dt);
            }
            else if (elapsedMs < refrMs || (fet && ms < p.ThetaFet)) elapsedMs += dtMs;
            else spiked = false;
            if (i >= rosStart) rosSum += r;
            if (recordEvery > 0 && i % recordEvery == 0) { tr.Add(i * dt); ar.Add(sim.Atp); rr.Add(r); mr.Add(ms); }
        }
        return new(demand, duration, spikes.ToArray(), rosSum / (n - rosStart), tr.ToArray(), ar.ToArray(), rr.ToArray(), mr.ToArray());
    }
}
