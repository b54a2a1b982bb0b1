namespace Theory.Metabolic;

/// <summary>
/// Parameters of the fruit-fly dorsal fan-shaped body (dFB) neuron of Chintaluri &amp; Vogels 2023
/// (Fig. 3, <c>fig3_dfb.py</c>): a passive membrane τ_m dV/dt = E_L − V + R_m I − R_m Σ I_ion with
/// Hodgkin–Huxley Na⁺ and delayed-rectifier K⁺ currents and an A-type K⁺ current whose
/// inactivation fails for a fraction f of channels — the ROS-sensitive Shaker/Hyperkinetic
/// (Kvβ) mechanism: f = 0 awake (reduced Kvβ cofactor, fast inactivation), f = 0.7 after sleep
/// loss (oxidized, non-inactivating). Kinetics are those of the code in ms and mV with the HH
/// rate functions shifted by ΔV = 25 mV (and ΔV + 10 mV for n); conductances in nS, R_m in GΩ,
/// currents in pA (R_m·I in mV). The public API converts to SI.
/// </summary>
public sealed record DfbParameters
{
    /// <summary>E_L (mV in the code): −40.</summary>
    public double LeakReversalMv { get; init; } = -40;
    /// <summary>τ_m (ms): 100.</summary>
    public double TauMs { get; init; } = 100;
    /// <summary>R_m (GΩ): 1.</summary>
    public double ResistanceGOhm { get; init; } = 1;
    /// <summary>Ḡ_A (nS): 80.</summary>
    public double GkaNs { get; init; } = 80;
    /// <summary>Ḡ_KDR (nS): 90.</summary>
    public double GkdrNs { get; init; } = 90;
    /// <summary>Ḡ_Na (nS): 1200.</summary>
    public double GnaNs { get; init; } = 1200;
    /// <summary>E_K (mV): −60.</summary>
    public double EkMv { get; init; } = -60;
    /// <summary>E_Na (mV): 40.</summary>
    public double EnaMv { get; init; } = 40;
    /// <summary>Shift ΔV of the HH rate functions (mV): 65 − 40 = 25.</summary>
    public double ShiftMv { get; init; } = 25;
    /// <summary>Extra shift of n (mV): 10.</summary>
    public double ShiftNMv { get; init; } = 10;
    /// <summary>Slowing factor of n: τ_n = 3.25/(α_n + β_n).</summary>
    public double NSlowing { get; init; } = 3.25;
    /// <summary>Spike detection level (mV): −20.</summary>
    public double SpikeLevelMv { get; init; } = -20;

    /// <summary><c>fig3_dfb.py</c> module constants.</summary>
    public static DfbParameters ChintaluriVogels2023 { get; } = new();

    /// <summary>Non-inactivating A-type fraction when awake (f = 0).</summary>
    public const double AwakeFraction = 0.0;
    /// <summary>Non-inactivating A-type fraction after sleep deprivation, high ROS (f = 0.7).</summary>
    public const double SleepDeprivedFraction = 0.7;

    /// <summary>Copy with fields changed (for F#).</summary>
    public DfbParameters With(double? gkaNs = null, double? gkdrNs = null, double? gnaNs = null, double? tauMs = null) =>
        this with { GkaNs = gkaNs ?? GkaNs, GkdrNs = gkdrNs ?? GkdrNs, GnaNs = gnaNs ?? GnaNs, TauMs = tauMs ?? TauMs };
}

/// <summary>A current-clamp run of the dFB neuron: spike times (s), the membrane trace (V) and the
/// A-type and delayed-rectifier currents (A) sampled every recordEvery steps.</summary>
/// <param name="Fraction">Non-inactivating fraction f of the A-type channels, in [0, 1].</param>
/// <param name="Clamp">Clamp current between 100 ms and 1100 ms, A.</param>
/// <param name="SpikeTimes">Spike times, s.</param>
/// <param name="Time">Sample times, s.</param>
/// <param name="V">Membrane potential, V.</param>
/// <param name="IA">A-type K⁺ current, A.</param>
/// <param name="IKdr">Delayed-rectifier K⁺ current, A.</param>
public sealed record DfbRun(double Fraction, double Clamp, double[] SpikeTimes, double[] Time, double[] V, double[] IA, double[] IKdr)
{
    /// <summary>Spikes in [from, to) (s).</summary>
    public int SpikesIn(double from, double to) => SpikeTimes.Count(t => t >= from && t < to);
}

/// <summary>A-current voltage clamp: times (s) and I_A (A).</summary>
/// <param name="Fraction">Non-inactivating fraction f of the A-type channels, in [0, 1].</param>
/// <param name="Time">Sample times, s.</param>
/// <param name="IA">A-type K⁺ current, A.</param>
public sealed record DfbVoltageClamp(double Fraction, double[] Time, double[] IA);

/// <summary>
/// The dFB neuron (<see cref="DfbParameters"/>): currents
/// I_A = Ḡ_A a⁴ c ((1 − f) b + f)(V − E_K), I_KDR = Ḡ_KDR n⁴ (V − E_K), I_Na = Ḡ_Na m³ h (V − E_Na);
/// gates x' = (x∞ − x)/τ_x with a∞ = (1 + e^{−(V + 31 − ΔV)/6})^{−1/4}, τ_a = 100/(7e^{(V+60−ΔV)/14} + 29e^{−(V+60−ΔV)/24}) + 0.1,
/// b∞ = c∞ = (1 + e^{(V + 66 − ΔV)/7})^{−1/2}, τ_b = 250/(14e^{(V+60−ΔV)/27} + 29e^{−(V+60−ΔV)/24}) + 1, τ_c = 35 ms,
/// and the HH m, h, n rates shifted by ΔV (<c>fig3_dfb.py</c>). Forward Euler at dt = 0.01 ms as the
/// code (gates first, then V with the new gates and the old V); a spike is an upward crossing of −20 mV.
/// </summary>
public static class DfbNeuron
{
    /// <summary>ROS R∞ with the ROS generator miniSOG expressed: R∞ + 0.1 (<c>gates.minisog_inf</c>).</summary>
    public static double MiniSogSteady(double atp, double psi) => Ros.Steady(atp, psi) + 0.1;

    /// <summary>ROS R∞ with the alternative oxidase AOX: ((ATP ψ + (1 − ATP)(1 − ψ))/1.15)³ (<c>gates.aox_inf</c>).</summary>
    public static double AoxSteady(double atp, double psi) => Ros.Steady(atp, psi) / (1.15 * 1.15 * 1.15);

    /// <summary>Current clamp (<c>fig3_dfb.current_clamp</c>): holding current before 100 ms and after 1100 ms,
    /// clamp in between, 1.6 s in all. Currents in A (paper: hold −20 pA, clamp 20 pA), dt in s.</summary>
    public static DfbRun CurrentClamp(DfbParameters p, double fraction, double clamp = 20e-12, double hold = -20e-12,
        double duration = 1.6, double stepOn = 0.1, double stepOff = 1.1, double dt = 1e-5, int recordEvery = 10)
    {
        Guard.NotNull(p);
        Guard.InRange(fraction, 0, 1);
        Guard.Finite(clamp); Guard.Finite(hold);
        Guard.InRange(duration, 1e-3, 100);
        Guard.InRange(dt, 1e-7, 1e-4);
        Guard.NonNegative(recordEvery);
        double h_ = dt * 1e3; // ms
        double sv = p.ShiftMv, sn = p.ShiftMv + p.ShiftNMv;
        double v = -60, a = 0, b = 1, c = 1, n = 0, m = 0, h = 1;
        long steps = (long)Math.Round(duration / dt);
        var spikes = new List<double>();
        var tr = new List<double>(); var vr = new List<double>(); var iar = new List<double>(); var ikr = new List<double>();
        bool refract = false;
        for (long i = 1; i < steps; i++)
        {
            double t = i * dt;
            a += (AInf(v, sv) - a) / ATau(v, sv) * h_;
            b += (BInf(v, sv) - b) / BTau(v, sv) * h_;
            c += (BInf(v, sv) - c) / 35.0 * h_;
            double an = NAlpha(v, sn), bn = 0.125 * Math.Exp(-0.0125 * (v + 65 - sn));
            n += (an / (an + bn) - n) * (an + bn) / p.NSlowing * h_;
            double am = MAlpha(v, sv), bm = 4.0 * Math.Exp(-0.0556 * (v + 65 - sv));
            m += (am / (am + bm) - m) * (am + bm) * h_;
            double ah = 0.07 * Math.Exp(-0.05 * (v + 65 - sv)), bh = 1.0 / (1 + Math.Exp(-0.1 * (v + 35 - sv)));
            h += (ah / (ah + bh) - h) * (ah + bh) * h_;
            double a2 = a * a;
            double ika = p.GkaNs * a2 * a2 * c * ((1 - fraction) * b + fraction) * (v - p.EkMv);
            double n2 = n * n;
            double ikdr = p.GkdrNs * n2 * n2 * (v - p.EkMv);
            double ina = p.GnaNs * m * m * m * h * (v - p.EnaMv);
            double stimPa = (t < stepOn ? hold : t < stepOff ? clamp : hold) * 1e12;
            v += (p.LeakReversalMv - v + p.ResistanceGOhm * stimPa - p.ResistanceGOhm * (ina + ikdr + ika)) / p.TauMs * h_;
            if (!double.IsFinite(v) || Math.Abs(v) > 1000)
                throw new InvalidOperationException($"the dFB neuron diverged at t = {t} s: V = {v} mV (fraction = {fraction}, clamp = {clamp} A).");
            if (v >= p.SpikeLevelMv) { if (!refract) { spikes.Add(t); refract = true; } }
            else refract = false;
            if (recordEvery > 0 && i % recordEvery == 0)
            {
                tr.Add(t); vr.Add(v * 1e-3); iar.Add(ika * 1e-12); ikr.Add(ikdr * 1e-12);
            }
        }
        return new(fraction, clamp, spikes.ToArray(), tr.ToArray(), vr.ToArray(), iar.ToArray(), ikr.ToArray());
    }

    /// <summary>
    /// The A-current under a voltage step (<c>fig3_dfb.voltage_trace</c>, Fig. 4's "K channel, A-type" panel):
    /// gates start at a = 0, b = c = 1, V is held at <paramref name="holdMv"/> for <paramref name="holdTime"/>
    /// then stepped to <paramref name="stepMv"/>; forward Euler, the current of step i uses V of step i − 1 and
    /// the new gates (as the code). Returns (times s, I_A in A); f = 0 inactivating, f → 1 non-inactivating.
    /// </summary>
    public static DfbVoltageClamp AVoltageClamp(DfbParameters p, double fraction, double stepMv = 30, double holdMv = -60,
        double holdTime = 5e-4, double duration = 0.05, double dt = 1e-5)
    {
        Guard.NotNull(p);
        Guard.InRange(fraction, 0, 1);
        Guard.InRange(stepMv, -150, 150); Guard.InRange(holdMv, -150, 150);
        Guard.NonNegative(holdTime);
        Guard.InRange(duration, 1e-4, 10);
        Guard.InRange(dt, 1e-9, 1e-4);
        double h_ = dt * 1e3, sv = p.ShiftMv;
        long steps = (long)Math.Round(duration / dt), hold = (long)Math.Round(holdTime / dt);
        double a = 0, b = 1, c = 1;
        var t = new double[steps]; var i = new double[steps];
        for (long k = 1; k < steps; k++)
        {
            double v = k - 1 < hold ? holdMv : stepMv;
            a += (AInf(v, sv) - a) / ATau(v, sv) * h_;
            b += (BInf(v, sv) - b) / BTau(v, sv) * h_;
            c += (BInf(v, sv) - c) / 35.0 * h_;
            double a2 = a * a;
            t[k] = k * dt;
            i[k] = p.GkaNs * a2 * a2 * c * ((1 - fraction) * b + fraction) * (v - p.EkMv) * 1e-12;
        }
        return new(fraction, t, i);
    }

    /// <summary>Steady state and time constant (ms) of the A-current gates at V (mV): (a∞, τ_a, b∞, τ_b, c∞, τ_c).</summary>
    public static double[] AGates(DfbParameters p, double vMv)
    {
        Guard.NotNull(p);
        double s = p.ShiftMv;
        return [AInf(vMv, s), ATau(vMv, s), BInf(vMv, s), BTau(vMv, s), BInf(vMv, s), 35.0];
    }

    static double AInf(double v, double s) => Math.Pow(1.0 / (1 + Math.Exp(-(v + 31 - s) / 6.0)), 0.25);
    static double ATau(double v, double s) => 100.0 / (7 * Math.Exp((v + 60 - s) / 14.0) + 29 * Math.Exp(-(v + 60 - s) / 24.0)) + 0.1;
    static double BInf(double v, double s) => 1.0 / Math.Sqrt(1 + Math.Exp((v + 66 - s) / 7.0));
    static double BTau(double v, double s) => 0.25 * (1000.0 / (14 * Math.Exp((v + 60 - s) / 27.0) + 29 * Math.Exp(-(v + 60 - s) / 24.0))) + 1;
    static double NAlpha(double v, double s) { double x = v + 55 - s; return Math.Abs(x) < 1e-7 ? 0.1 : 0.01 * x / (1 - Math.Exp(-0.1 * x)); }
    static double MAlpha(double v, double s) { double x = v + 40 - s; return Math.Abs(x) < 1e-7 ? 1.0 : 0.1 * x / (1 - Math.Exp(-0.1 * x)); }
}
