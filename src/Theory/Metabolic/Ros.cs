namespace Theory.Metabolic;

/// <summary>
/// Kinetics of the ROS signal (Chintaluri &amp; Vogels 2023, <c>gates.py</c>): a first-order gate
/// dR/dt = (R∞(ATP, ψ) − R)/τ_R(demand) with
/// R∞ = (ATP·ψ + (1 − ATP)(1 − ψ))³ (ATP as fraction of A_t, ψ normalized potential) and
/// τ_R = τ_floor + τ_peak / (e^{(ln b − ℓ_low)/w} + e^{−(ln b − ℓ_high)/w}), b = baseline demand
/// (<c>ros_tau</c>: τ_floor = 0.01 ms, τ_peak = 1200 ms, ℓ_low = 3.9, ℓ_high = 4.6, w = 0.25);
/// or a constant τ_R (<c>ros_tau_const*</c>). R∞ is high both for high ATP with a hyperpolarized
/// mitochondrion (reverse electron transport, RET) and for low ATP with a depolarized one
/// (forward electron transport, FET).
/// </summary>
public sealed record RosParameters
{
    /// <summary>τ_floor (s).</summary>
    public double TauFloor { get; init; } = 1e-5;
    /// <summary>τ_peak (s).</summary>
    public double TauPeak { get; init; } = 1.2;
    /// <summary>ℓ_low: ln of the demand where the rising flank is centred.</summary>
    public double LogLow { get; init; } = 3.9;
    /// <summary>ℓ_high: ln of the demand where the falling flank is centred.</summary>
    public double LogHigh { get; init; } = 4.6;
    /// <summary>w: width of the flanks in ln(demand).</summary>
    public double Width { get; init; } = 0.25;
    /// <summary>A constant τ_R (s) replacing the demand dependence, or null.</summary>
    public double? ConstantTau { get; init; }

    /// <summary><c>get_ros</c> (τ_peak = 1200 ms).</summary>
    public static RosParameters Default { get; } = new();
    /// <summary><c>get_ros_slow</c> (τ_peak = 12000 ms).</summary>
    public static RosParameters Slow { get; } = new() { TauPeak = 12 };
    /// <summary><c>get_ros_fast</c> (τ_peak = 120 ms).</summary>
    public static RosParameters Fast { get; } = new() { TauPeak = 0.12 };
    /// <summary><c>get_ros_const</c> (τ_R = 50 ms).</summary>
    public static RosParameters Constant { get; } = new() { ConstantTau = 0.05 };
    /// <summary><c>get_ros_const_fast</c> (τ_R = 5 ms).</summary>
    public static RosParameters ConstantFast { get; } = new() { ConstantTau = 0.005 };
    /// <summary><c>get_ros_const_slow</c> (τ_R = 500 ms).</summary>
    public static RosParameters ConstantSlow { get; } = new() { ConstantTau = 0.5 };

    /// <summary>Copy with fields changed (for F#).</summary>
    public RosParameters With(double? tauPeak = null, double? constantTau = null) =>
        this with { TauPeak = tauPeak ?? TauPeak, ConstantTau = constantTau ?? ConstantTau };
}

/// <summary>ROS as a function of ATP and ψ (see <see cref="RosParameters"/>).</summary>
public static class Ros
{
    /// <summary>R∞ = (ATP·ψ + (1 − ATP)(1 − ψ))³ (<c>gates.ros_inf</c>). ATP is the normalised fraction,
    /// valid [0, 1]; ψ is normalised (physiological values near [0, 1]), valid |ψ| ≤ 1e100 so that the cube
    /// stays finite.</summary>
    public static double Steady(double atp, double psi)
    {
        Guard.InRange(atp, 0.0, 1.0); Guard.InRange(psi, -1e100, 1e100);
        return SteadyUnchecked(atp, psi);
    }

    /// <summary>R∞ without the range checks, for the integrators (whose ATP may stray from [0, 1] by rounding).</summary>
    internal static double SteadyUnchecked(double atp, double psi)
    {
        double s = atp * psi + (1 - atp) * (1 - psi);
        return s * s * s;
    }

    /// <summary>τ_R (s) at baseline demand b (<c>gates.ros_tau</c>).</summary>
    public static double TimeConstant(RosParameters p, double demand)
    {
        Guard.NotNull(p); Guard.Positive(demand);
        if (p.ConstantTau is double c) return c;
        double l = Math.Log(demand);
        return p.TauFloor + p.TauPeak / (Math.Exp((l - p.LogLow) / p.Width) + Math.Exp(-(l - p.LogHigh) / p.Width));
    }

    /// <summary>Steady ROS as a function of the ATP/ADP ratio r at fixed ψ: ATP = r/(1 + r).</summary>
    public static double SteadyFromRatio(double atpAdpRatio, double psi)
    {
        Guard.Positive(atpAdpRatio);
        return Steady(atpAdpRatio / (1 + atpAdpRatio), psi);
    }
}
