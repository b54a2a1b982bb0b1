namespace Theory.Metabolic;

/// <summary>
/// Parameters of the toy integrate-and-fire cell of Chintaluri &amp; Vogels 2023 with redox-gated channels
/// (code <c>lifcell.LIFCell</c>, used for the spikes of Fig. 1 and Fig. S2): a leak, a persistent Na⁺ current gated by
/// ROS, a T-type Ca²⁺ current and an ATP-sensitive K⁺ (K-ATP) current. Values in the code's units (mV, ms; conductances
/// relative to the leak, so currents are in mV: τ_m dV/dt = I_inj − Σ I).
/// </summary>
public sealed record KatpLifParameters
{
    /// <summary>E_L (mV): −68.</summary>
    public double LeakReversalMv { get; init; } = -68;
    /// <summary>g_L: 1.</summary>
    public double GLeak { get; init; } = 1;
    /// <summary>τ_m (ms): 20.</summary>
    public double TauMs { get; init; } = 20;
    /// <summary>V at the start (mV): −68.</summary>
    public double InitialMv { get; init; } = -68;
    /// <summary>Spike threshold (mV): −40.</summary>
    public double ThresholdMv { get; init; } = -40;
    /// <summary>Spike peak (mV): V is set to 20 at a spike.</summary>
    public double PeakMv { get; init; } = 20;
    /// <summary>Q, the cost-per-spike parameter entering the default refractory period and the Ca_T scaling: 20.</summary>
    public double SpikeCostParameter { get; init; } = 20;
    /// <summary>ROS level the cell is tuned to (<c>ros_ss</c>): 0.1.</summary>
    public double RosSteady { get; init; } = 0.1;
    /// <summary>Refractory period (ms); null: 5 − 4 r∞(ROS_ss, Q), r∞ = 1/((1 + e^{−10(ROS_ss − 0.55)})(1 + e^{1.2(Q − 10)})).</summary>
    public double? RefractoryMs { get; init; }
    /// <summary>ḡ_NaP (the code's <c>g_nap</c>): 1.25.</summary>
    public double GNaP { get; init; } = 1.25;
    /// <summary>E_NaP (mV): 50.</summary>
    public double NaPReversalMv { get; init; } = 50;
    /// <summary>E_K (mV): −80.</summary>
    public double EkMv { get; init; } = -80;
    /// <summary>ḡ_CaT before the ROS/Q scaling q∞ = 1/((1 + e^{−10(ROS_ss − 0.35)})(1 + e^{0.2(Q − 18)})): 0.</summary>
    public double GCaT { get; init; } = 0;
    /// <summary>E_Ca (mV): 125.</summary>
    public double CaReversalMv { get; init; } = 125;
    /// <summary>ḡ_K-ATP: 0 in the code's default.</summary>
    public double GKatp { get; init; } = 0;
    /// <summary>Adaptation increment of the fast (A-type) conductance per spike: 0.</summary>
    public double DeltaGka { get; init; }
    /// <summary>Adaptation increment of the slow (BK-type) conductance per spike: 0.</summary>
    public double DeltaGbk { get; init; }
    /// <summary>τ_BK (ms): 100.</summary>
    public double TauBkMs { get; init; } = 100;

    /// <summary>The code's defaults.</summary>
    public static KatpLifParameters ChintaluriVogels2023 { get; } = new();

    /// <summary>The refractory period used (ms).</summary>
    public double Refractory => RefractoryMs ?? 5 - 4 / ((1 + Math.Exp(-10 * (RosSteady - 0.55))) * (1 + Math.Exp(1.2 * (SpikeCostParameter - 10))));
    /// <summary>τ_KA (ms) = 100 (1 − 1/(1 + e^{−15(ROS_ss − 0.35)})).</summary>
    public double TauKaMs => 100 * (1 - 1 / (1 + Math.Exp(-15 * (RosSteady - 0.35))));
    /// <summary>ḡ_CaT q∞(ROS_ss, Q).</summary>
    public double GCaTEffective => GCaT / ((1 + Math.Exp(-10 * (RosSteady - 0.35))) * (1 + Math.Exp(0.2 * (SpikeCostParameter - 18))));

    /// <summary>Copy with fields changed (for F#).</summary>
    public KatpLifParameters With(double? gKatp = null, double? gNaP = null, double? gCaT = null, double? refractoryMs = null,
        double? spikeCostParameter = null, double? rosSteady = null, double? deltaGka = null, double? deltaGbk = null) =>
        this with
        {
            GKatp = gKatp ?? GKatp, GNaP = gNaP ?? GNaP, GCaT = gCaT ?? GCaT, RefractoryMs = refractoryMs ?? RefractoryMs,
            SpikeCostParameter = spikeCostParameter ?? SpikeCostParameter, RosSteady = rosSteady ?? RosSteady,
            DeltaGka = deltaGka ?? DeltaGka, DeltaGbk = deltaGbk ?? DeltaGbk,
        };

    /// <summary>Throws ArgumentException on invalid fields.</summary>
    public void Validate()
    {
        Guard.Positive(GLeak); Guard.Positive(TauMs); Guard.Positive(TauBkMs);
        Guard.NonNegative(GNaP); Guard.NonNegative(GCaT); Guard.NonNegative(GKatp);
        Guard.NonNegative(DeltaGka); Guard.NonNegative(DeltaGbk);
        Guard.InRange(RosSteady, 0.0, 10.0); Guard.Finite(SpikeCostParameter);
        Guard.Finite(LeakReversalMv); Guard.Finite(InitialMv); Guard.Finite(ThresholdMv); Guard.Finite(PeakMv);
        Guard.Finite(NaPReversalMv); Guard.Finite(EkMv); Guard.Finite(CaReversalMv);
        if (RefractoryMs is double r) Guard.InRange(r, 0.0, 1e4, nameof(RefractoryMs));
        if (!(TauKaMs > 0)) throw new ArgumentException($"RosSteady = {RosSteady} is invalid: τ_KA = {TauKaMs} ms must be positive (ROS_ss below about 2.8).", nameof(RosSteady));
    }
}

/// <summary>A current pulse of the K-ATP LIF cell: from start to end (s), amplitude in the code's mV (τ_m dV/dt gains it).</summary>
/// <param name="Start">Start of the pulse, s.</param>
/// <param name="End">End of the pulse, s (&gt; Start).</param>
/// <param name="AmplitudeMv">Amplitude in the code's mV (added to τ_m dV/dt).</param>
public sealed record CurrentPulse(double Start, double End, double AmplitudeMv);

/// <summary>A run of <see cref="KatpLifCell"/>: spike times (s), the membrane trace (V) and the K-ATP gate d, every recordEvery steps.</summary>
/// <param name="Atp">The clamped ATP level of the run.</param>
/// <param name="Ros">The clamped ROS level of the run.</param>
/// <param name="SpikeTimes">Spike times, s.</param>
/// <param name="Time">Times of the recorded samples, s.</param>
/// <param name="V">Membrane potential at each sample, V.</param>
/// <param name="KatpGate">K-ATP gate d at each sample.</param>
public sealed record KatpLifRun(double Atp, double Ros, double[] SpikeTimes, double[] Time, double[] V, double[] KatpGate)
{
    /// <summary>Largest V (V) in [from, to) (s) of the recorded trace.</summary>
    public double PeakIn(double from, double to)
    {
        double m = double.NegativeInfinity;
        for (int k = 0; k < Time.Length; k++) if (Time[k] >= from && Time[k] < to) m = Math.Max(m, V[k]);
        return m;
    }
}

/// <summary>
/// The K-ATP LIF cell (<see cref="KatpLifParameters"/>; <c>lifcell.LIFCell.update_vals</c>, <c>channel.Channel</c>, <c>gates.Gate</c>):
/// <code>
/// τ_m dV/dt = I_inj − (g_KA + g_BK)(V − E_K) − g_L(V − E_L) − ḡ_NaP p r (V − E_NaP) − ḡ_CaT q∞ t² s (V − E_Ca) − ḡ_KATP d (V − E_K)
/// p∞ = 1/(1 + e^{−25(ROS − 0.15)}), τ_p = 100;  r∞ = 1/(1 + e^{(−V − 56)/2}), τ_r = 25
/// t∞ = 1/(1 + e^{(−V − 56)/6.2}), τ_t = 0.204 + 0.333/(e^{(V + 15.8)/18.2} + e^{(−V − 131)/16.7})
/// s∞ = 1/(1 + e^{(V + 80)/4}), τ_s = 9.32 + 0.333 e^{(−V − 21)/10.5}   (Ca_T: Traub et al. 2005)
/// d∞ = (1/(1 + e^{25(ATP − 0.5)})) (1 − 1/(1 + e^{0.5(V + 78)})), τ_d = 250   (K-ATP: open at low ATP)
/// dg_KA/dt = −g_KA/τ_KA, dg_BK/dt = −g_BK/τ_BK
/// </code>
/// (ms, mV). Forward Euler as the code: the gates advance with the old V, the currents use the new gates and the old V,
/// then V. A spike when V ≥ V_th and the cell is not refractory: V ← 20 mV, g_KA += Δg_KA, g_BK += Δg_BK, timer ← 0;
/// on the second step after the spike V ← V₂ − 2 mV with V₂ = min(E_L − I_CaT/g_L, −45 mV) and r ← 0; the timer grows by dt
/// while below the refractory period (accumulated in floating point, as the code), and the cell is released once it is not.
/// V integrates also while refractory. ATP and ROS are held fixed here (the code's <c>update_redox</c>).
/// </summary>
public static class KatpLifCell
{
    /// <summary>Simulates the cell at fixed ATP (fraction) and ROS for a duration (s), time step dt (s; code 0.01 ms),
    /// with current pulses; traces every recordEvery steps (0: none).</summary>
    public static KatpLifRun Simulate(KatpLifParameters p, double atp, double ros, double duration, CurrentPulse[]? pulses = null,
        double dt = 1e-5, int recordEvery = 10)
    {
        Guard.NotNull(p).Validate();
        Guard.InRange(atp, 0.0, 1.0); Guard.InRange(ros, 0.0, 10.0);
        Guard.InRange(duration, 1e-4, 1e3);
        Guard.InRange(dt, 1e-7, 1e-4);
        Guard.NonNegative(recordEvery);
        var ps = pulses ?? [];
        foreach (var pu in ps)
        {
            Guard.NotNull(pu); Guard.Finite(pu.AmplitudeMv, nameof(pulses));
            if (!(pu.Start >= 0 && pu.End >= pu.Start))
                throw new ArgumentException($"pulses: a pulse from {pu.Start} to {pu.End} s is invalid: 0 ≤ Start ≤ End is required.", nameof(pulses));
        }
        var starts = ps.Select(x => (long)Math.Round(x.Start / dt)).ToArray();
        var ends = ps.Select(x => (long)Math.Round(x.End / dt)).ToArray();
        double h = dt * 1e3, refr = p.Refractory, tauKa = p.TauKaMs, gcat = p.GCaTEffective;
        double v = p.InitialMv;
        double pg = PInf(ros), rg = RInf(v), tg = TInf(v), sg = SInf(v), dg = DInf(v, atp);
        double gka = 0, gbk = 0, elapse = 0;
        bool spiked = false;
        long n = (long)Math.Round(duration / dt);
        var spikes = new List<double>();
        var tr = new List<double>(); var vr = new List<double>(); var dr = new List<double>();
        for (long i = 0; i < n; i++)
        {
            double inj = 0;
            for (int k = 0; k < ps.Length; k++) if (i >= starts[k] && i < ends[k]) inj += ps[k].AmplitudeMv;
            // update_currs: gates with the old V, then the currents
            pg += (PInf(ros) - pg) / 100.0 * h;
            rg += (RInf(v) - rg) / 25.0 * h;
            tg += (TInf(v) - tg) / TTau(v) * h;
            sg += (SInf(v) - sg) / STau(v) * h;
            dg += (DInf(v, atp) - dg) / 250.0 * h;
            double iLeak = p.GLeak * (v - p.LeakReversalMv);
            double iNaP = p.GNaP * pg * rg * (v - p.NaPReversalMv);
            double iCaT = gcat * tg * tg * sg * (v - p.CaReversalMv);
            double iKatp = p.GKatp * dg * (v - p.EkMv);
            double v2 = Math.Min(-iCaT / p.GLeak + p.LeakReversalMv, -45);
            double dv = (inj - (gka + gbk) * (v - p.EkMv) - (iLeak + iNaP + iCaT + iKatp)) / p.TauMs;
            gka += -gka / tauKa * h;
            gbk += -gbk / p.TauBkMs * h;
            v += dv * h;
            if (!spiked && v >= p.ThresholdMv)
            {
                spiked = true;
                v = p.PeakMv;
                elapse = 0;
                gka += p.DeltaGka; gbk += p.DeltaGbk;
                spikes.Add(i * dt);
            }
            else
            {
                if (elapse == h) { v = v2 - 2; rg = 0; }
                if (elapse < refr) elapse += h;
                else spiked = false;
            }
            if (!double.IsFinite(v))
                throw new InvalidOperationException($"the K-ATP LIF cell diverged at t = {i * dt} s (atp = {atp}, ros = {ros}).");
            if (recordEvery > 0 && i % recordEvery == 0) { tr.Add(i * dt); vr.Add(v * 1e-3); dr.Add(dg); }
        }
        return new(atp, ros, spikes.ToArray(), tr.ToArray(), vr.ToArray(), dr.ToArray());
    }

    /// <summary>d∞(V, ATP) of the K-ATP gate (V in mV).</summary>
    public static double KatpGateSteady(double vMv, double atp) { Guard.Finite(vMv); Guard.InRange(atp, 0.0, 1.0); return DInf(vMv, atp); }

    static double PInf(double ros) => 1 / (1 + Math.Exp(-25 * (ros - 0.15)));
    static double RInf(double v) => 1 / (1 + Math.Exp((-v - 56) / 2));
    static double TInf(double v) => 1 / (1 + Math.Exp((-v - 56) / 6.2));
    static double TTau(double v) => 0.204 + 0.333 / (Math.Exp((v + 15.8) / 18.2) + Math.Exp((-v - 131) / 16.7));
    static double SInf(double v) => 1 / (1 + Math.Exp((v + 80) / 4));
    static double STau(double v) => 9.32 + 0.333 * Math.Exp((-v - 21) / 10.5);
    static double DInf(double v, double atp) => 1 / (1 + Math.Exp(25 * (atp - 0.5))) * (1 - 1 / (1 + Math.Exp(0.5 * (v + 78))));
}
