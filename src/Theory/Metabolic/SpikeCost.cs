namespace Theory.Metabolic;

/// <summary>
/// The metabolic cost of a spike (Chintaluri &amp; Vogels 2023, <c>utils.Q_nak</c> and
/// <c>mitosfns.run_sim</c>): a spike at t_k raises ATP use through the time course
/// Q(t − t_k), normalized to a peak of 1,
/// Q(t) ∝ 1 / (e^{(t − 1 ms)/τ_Q} + 30·e^{−(t − 3 ms)/τ_rise}),  0 ≤ t &lt; <see cref="Duration"/>,
/// scaled by the quantum q: the load L(t) = q Σ_k Q(t − t_k) lowers the translocator's reference
/// ATP_c = ATP₀ − L (so v_ANT grows by the factor 1 + 10 erf(10(ATP − ATP_c))) and adds
/// Δk_L = f_MCU·L to the proton leak (mitochondrial calcium uniporter).
/// </summary>
public sealed record SpikeCost
{
    /// <summary>q, ATP quantum per spike (fraction of A_t; the paper uses 0.01…0.2).</summary>
    public double Quantum { get; init; } = 0.1;
    /// <summary>f_MCU, extra leak per unit load (M/(V s); code <c>psi_fac</c>, 1e-3).</summary>
    public double McuFactor { get; init; } = 1e-3;
    /// <summary>τ_rise (s).</summary>
    public double TauRise { get; init; } = 0.005;
    /// <summary>τ_Q (s).</summary>
    public double TauDecay { get; init; } = 0.100;
    /// <summary>Length of the kernel (s; the code's <c>qdur</c>, 1000 ms).</summary>
    public double Duration { get; init; } = 1.0;

    /// <summary>The paper's spike-compensation cost: q = 0.1, f_MCU = 1e-3, τ_rise = 5 ms, τ_Q = 100 ms.</summary>
    public static SpikeCost ChintaluriVogels2023 { get; } = new();

    /// <summary>Copy with fields changed (for F#).</summary>
    public SpikeCost With(double? quantum = null, double? mcuFactor = null, double? tauRise = null, double? tauDecay = null) =>
        this with { Quantum = quantum ?? Quantum, McuFactor = mcuFactor ?? McuFactor, TauRise = tauRise ?? TauRise, TauDecay = tauDecay ?? TauDecay };

    /// <summary>Throws ArgumentException on invalid fields.</summary>
    public void Validate()
    {
        Guard.NonNegative(Quantum); Guard.NonNegative(McuFactor);
        Guard.Positive(TauRise); Guard.Positive(TauDecay); Guard.Positive(Duration);
    }

    double Raw(double t) => 1 / (Math.Exp((t - 1e-3) / TauDecay) + 30 * Math.Exp(-(t - 3e-3) / TauRise));

    /// <summary>Time of the kernel's peak (s): the root of the denominator's derivative,
    /// t* = (ln(30 τ_Q/τ_rise) + 1 ms/τ_Q + 3 ms/τ_rise)/(1/τ_Q + 1/τ_rise).</summary>
    public double PeakTime => (Math.Log(30 * TauDecay / TauRise) + 1e-3 / TauDecay + 3e-3 / TauRise) / (1 / TauDecay + 1 / TauRise);

    /// <summary>Q(t) with peak 1 (0 outside [0, Duration)).</summary>
    public double Kernel(double t)
    {
        Guard.Finite(t);
        if (t < 0 || t >= Duration) return 0;
        return Raw(t) / Raw(Math.Max(0, PeakTime));
    }

    /// <summary>∫Q dt over the kernel (s), by the trapezoid rule on 0.01 ms.</summary>
    public double KernelIntegral()
    {
        const double h = 1e-5;
        int n = (int)Math.Round(Duration / h);
        double s = 0;
        for (int i = 0; i < n; i++) s += 0.5 * h * (Kernel(i * h) + Kernel(Math.Min((i + 1) * h, Duration - 1e-15)));
        return s;
    }

    internal float[] Table(double dt)
    {
        int n = (int)Math.Round(Duration / dt);
        var t = new float[n];
        for (int i = 0; i < n; i++) t[i] = (float)Kernel(i * dt);
        return t;
    }
}
