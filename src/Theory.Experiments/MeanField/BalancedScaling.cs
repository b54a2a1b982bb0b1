using Theory.Experiments.Sweeps;
using Theory.Experiments.Statistics;
using Theory.MeanField;
using Theory.Spiking;

namespace Theory.Experiments.MeanField;

/// <summary>
/// Two-population balanced network after van Vreeswijk &amp; Sompolinsky (1996, 1998) on the kernel:
/// N excitatory and N inhibitory <see cref="LifDelta"/> neurons (N = <see cref="SizeFactor"/>·K), each with fixed
/// in-degree K from E, K from I and K external Poisson synapses at ν_X; efficacies J_ab = j_ab/√K
/// (<see cref="BalancedNetwork"/>: E→a excitatory, I→a inhibitory), so the mean input
/// μ_a = τ√K(j_aE ν_E − j_aI ν_I + j_aX ν_X) stays O(1) only if the rates balance, and the external drive
/// grows ∝ √K. One transmission delay D for every recurrent synapse; input during τ_rp discarded (as Siegert assumes).
/// </summary>
/// <param name="Net">Couplings, external rate and neuron (default <see cref="BalancedNetwork.Example"/>).</param>
/// <param name="K">In-degree from each population (and external).</param>
/// <param name="Duration">Simulated time including the warm-up, s.</param>
/// <param name="Warmup">Discarded initial time, s.</param>
/// <param name="Seed">Seed.</param>
/// <param name="SizeFactor">N/K per population (default 4: connection probability 1/4 at every K).</param>
/// <param name="Delay">Mean transmission delay D, s.</param>
/// <param name="Dt">Time step, s.</param>
/// <param name="DelayGroups">Number of delay groups: each projection is split into this many sub-projections of in-degree
/// ≈ K/groups with delays spread uniformly over [D/2, 3D/2] (1: a single delay D). A spread of delays damps the
/// fast oscillation that a single delay sustains in strongly coupled inhibitory networks (Brunel &amp; Hakim 1999).</param>
public sealed record BalancedSimulation(BalancedNetwork Net, int K, double Duration = 1.0, double Warmup = 0.2, ulong Seed = 1,
                                        int SizeFactor = 4, double Delay = 1.5e-3, double Dt = 1e-4, int DelayGroups = 1)
{
    /// <summary>Synaptic time constant τ_s, s: 0 (default) = delta synapses (<see cref="LifDelta"/>); &gt; 0 = exponentially
    /// decaying synaptic currents (<see cref="LifExpCurrent"/>, τ_e = τ_i = τ_s) with the same PSP area, i.e. the same
    /// mean input μ; input during τ_rp is then integrated by the synaptic current but V is clamped (kernel semantics).</summary>
    public double TauSyn { get; init; }

    /// <summary>Start-up ramp of the external drive (default true): a hyperpolarising current cancels the mean external
    /// input μ_X,a = τ√K j_aX ν_X at t = 0 and fades linearly to 0 at t = Warmup/2. Without it every neuron is pushed over
    /// threshold within the first delay at large K (μ_X = 128 mV at K = 6400), and the synchronous inhibitory volley that
    /// follows drives V below −1 V (kernel divergence). Only the discarded warm-up is affected.</summary>
    public bool RampDrive { get; init; } = true;

    /// <summary>|V| bound (V) beyond which the kernel declares the run diverged (<see cref="Population.DivergenceBound"/>,
    /// default 1 V). In a fully synchronous inhibitory volley at large K every neuron receives up to K·J_aI = √K·j_aI of
    /// inhibition within a few steps (2.4 V for E at K = 6400), so the 1 V guard trips although the dynamics stay finite;
    /// a larger bound lets such a run continue.</summary>
    public double DivergenceBound { get; init; } = 1.0;

    /// <summary>The delays of the groups, s.</summary>
    public double[] Delays => DelayGroups == 1 ? [Delay]
        : Enumerable.Range(0, DelayGroups).Select(k => Delay * (0.5 + k / (double)(DelayGroups - 1))).ToArray();

    /// <summary>Neurons per population.</summary>
    public int N => SizeFactor * K;

    /// <summary>Builds and runs the network; rates over [Warmup, Duration].</summary>
    public BalancedResult Run()
    {
        Guard.NotNull(Net).Validated();
        Guard.Positive(K);
        Guard.Positive(Duration);
        Guard.NonNegative(Warmup);
        Guard.InRange(SizeFactor, 2, 1000);
        Guard.InRange(DelayGroups, 1, Math.Max(1, K));
        Guard.Positive(DivergenceBound);
        if (Warmup >= Duration)
            throw new ArgumentException($"Warmup = {Warmup} s is invalid: it must be shorter than Duration = {Duration} s.", nameof(Warmup));
        var n = Net.Neuron;
        var membrane = LifParameters.Brunel2000.With(tau: n.TauM, threshold: n.Theta, reset: n.VReset, refractoryPeriod: n.TauRef);
        double s = 1 / Math.Sqrt(K);
        var net = new Network(Dt, Seed);
        Guard.NonNegative(TauSyn);
        Population e, i;
        // Exponential current: a spike adds w to I_x and V integrates R·I/τ, so the PSP area is R w τ_s/τ = J for w = Jτ/(Rτ_s).
        double scale = TauSyn > 0 ? membrane.Tau / (membrane.Resistance * TauSyn) : 1.0;
        if (TauSyn > 0)
        {
            e = net.Add(new LifExpCurrent("E", N, membrane, TauSyn, TauSyn) { DivergenceBound = DivergenceBound });
            i = net.Add(new LifExpCurrent("I", N, membrane, TauSyn, TauSyn) { DivergenceBound = DivergenceBound });
        }
        else
        {
            e = net.Add(new LifDelta("E", N, membrane) { RefractoryInput = RefractoryInput.Clamp, DivergenceBound = DivergenceBound });
            i = net.Add(new LifDelta("I", N, membrane) { RefractoryInput = RefractoryInput.Clamp, DivergenceBound = DivergenceBound });
        }
        s *= scale;
        string? exc = TauSyn > 0 ? "exc" : null, inh = TauSyn > 0 ? "inh" : null;
        var init = net.NewRandom();
        e.SetUniform("v", n.VReset, n.Theta, init);
        i.SetUniform("v", n.VReset, n.Theta, init);
        var delays = Delays;
        for (int g = 0; g < delays.Length; g++)
        {
            int k = K / delays.Length + (g < K % delays.Length ? 1 : 0);
            net.Connect(e, e, Connectivity.FixedInDegree(k), Net.JEE * s, delays[g], exc);
            net.Connect(i, e, Connectivity.FixedInDegree(k), -Net.JEI * s, delays[g], inh);
            net.Connect(e, i, Connectivity.FixedInDegree(k), Net.JIE * s, delays[g], exc);
            net.Connect(i, i, Connectivity.FixedInDegree(k), -Net.JII * s, delays[g], inh);
        }
        net.AddPoissonInput(e, K, Net.NuX, Net.JEX * s, exc);
        net.AddPoissonInput(i, K, Net.NuX, Net.JIX * s, exc);
        if (RampDrive && Warmup > 0)
        {
            double ramp = Warmup / 2, sq = Math.Sqrt(K), r = membrane.Resistance;
            foreach (var (pop, jx) in new[] { (e, Net.JEX), (i, Net.JIX) })
            {
                double amp = -n.TauM * sq * jx * Net.NuX / r;
                net.AddCurrent(pop, t => t < ramp ? amp * (1 - t / ramp) : 0.0);
            }
        }
        var se = net.MonitorSpikes(e, from: Warmup);
        var si = net.MonitorSpikes(i, from: Warmup);
        var re = net.MonitorRate(e);
        var ri = net.MonitorRate(i);
        net.Run(Duration);
        double w = Duration - Warmup;
        var binned = re.Binned(1e-3, Warmup);
        double rateE = se.Count / (N * w), rateI = si.Count / (N * w);
        return new BalancedResult(this, rateE, rateI, SpikeStatistics.MeanCv(se.Trains()).Mean,
                                  SimulatedRegime.Synchrony(binned, 1e-3, rateE), net.LastRunSeconds)
        {
            SynchronyI = SimulatedRegime.Synchrony(ri.Binned(1e-3, Warmup), 1e-3, rateI),
            PeakI = SpikeStatistics.DominantFrequency(ri.Binned(1e-3, Warmup), 1e-3),
        };
    }
}

/// <summary>Measured balanced network: E and I rates (Hz), mean E ISI CV, E synchrony χ² (1 ms bins,
/// <see cref="SimulatedRegime.Synchrony"/>), wall time of the run (s).</summary>
/// <param name="Config">The simulated configuration.</param>
/// <param name="RateE">Mean excitatory rate, Hz.</param>
/// <param name="RateI">Mean inhibitory rate, Hz.</param>
/// <param name="CvE">Mean ISI CV of the excitatory neurons.</param>
/// <param name="SynchronyE">Synchrony χ² of the excitatory population rate (1 ms bins).</param>
/// <param name="RunSeconds">Wall time of the run, s.</param>
public sealed record BalancedResult(BalancedSimulation Config, double RateE, double RateI, double CvE, double SynchronyE, double RunSeconds)
{
    /// <summary>I synchrony χ² (1 ms bins).</summary>
    public double SynchronyI { get; init; } = double.NaN;

    /// <summary>Dominant frequency (&gt; 5 Hz) of the I population rate, Hz.</summary>
    public double PeakI { get; init; } = double.NaN;
}

/// <summary>Simulated and analytic rates at one K: means over seeds, the finite-K Siegert self-consistency
/// (<see cref="BalancedState.FiniteK"/>) and the large-K balance solution (<see cref="BalancedState.LargeK"/>).</summary>
/// <param name="K">In-degree scale K.</param>
/// <param name="Runs">One run per seed.</param>
/// <param name="RateE">Mean excitatory rate over seeds, Hz.</param>
/// <param name="RateESem">Its standard error over seeds, Hz.</param>
/// <param name="RateI">Mean inhibitory rate over seeds, Hz.</param>
/// <param name="RateISem">Its standard error over seeds, Hz.</param>
/// <param name="SiegertE">Excitatory rate of the finite-K Siegert self-consistency, Hz.</param>
/// <param name="SiegertI">Inhibitory rate of the finite-K Siegert self-consistency, Hz.</param>
/// <param name="LargeKE">Excitatory rate of the large-K balance solution, Hz.</param>
/// <param name="LargeKI">Inhibitory rate of the large-K balance solution, Hz.</param>
public sealed record BalancedScalingRow(int K, BalancedResult[] Runs, double RateE, double RateESem, double RateI, double RateISem,
                                        double SiegertE, double SiegertI, double LargeKE, double LargeKI)
{
    /// <summary>E error against the large-K solution, ν_E,sim − ν_E^∞, Hz.</summary>
    public double ErrorE => RateE - LargeKE;

    /// <summary>I error against the large-K solution, Hz.</summary>
    public double ErrorI => RateI - LargeKI;

    /// <summary>Distance √((ν_E − ν_E^∞)² + (ν_I − ν_I^∞)²) of the simulated rates from the balanced solution, Hz.</summary>
    public double Error => Math.Sqrt(ErrorE * ErrorE + ErrorI * ErrorI);

    /// <summary>Same distance for the finite-K Siegert solution, Hz.</summary>
    public double SiegertError => Math.Sqrt((SiegertE - LargeKE) * (SiegertE - LargeKE) + (SiegertI - LargeKI) * (SiegertI - LargeKI));
}

/// <summary>Balanced scaling: simulated rates against K (J ∝ 1/√K, drive ∝ √K) next to both mean-field solutions.</summary>
public static class BalancedScaling
{
    /// <summary>Couplings used for the scaling experiment (this library's choice): j_EE = 2 mV, j_EI = 12 mV, j_IE = 16 mV,
    /// j_II = 30 mV, j_EX = 10 mV, j_IX = 8 mV, ν_X = 8 Hz, Brunel (2000) neuron; large-K rates ν_E = 12.36 Hz,
    /// ν_I = 8.73 Hz. Chosen so that (i) the external drive τ√K j_EX ν_X = 16 mV already at K = 100 (the network is
    /// not silent there), and (ii) the coupling matrix [[j_EE, −j_EI], [j_IE, −j_II]] has real negative eigenvalues
    /// ((j_II − j_EE)² &gt; 4D): with <see cref="BalancedNetwork.Example"/> (complex pair) the simulated network with
    /// delays locks into a strong E–I oscillation (χ² ≈ 0.3) at every K ≥ 400.</summary>
    public static BalancedNetwork Network { get; } =
        new(0.002, 0.012, 0.016, 0.030, 0.010, 0.008, 8.0, LifNeuron.Brunel2000);

    /// <summary>Runs <see cref="BalancedSimulation"/> at each K with each seed. Default delays (this library's choice):
    /// mean D = 0.5 ms in 4 groups over [0.25, 0.75] ms. van Vreeswijk &amp; Sompolinsky's binary network has no transmission
    /// delay; with delta synapses the fast oscillatory instability of the strongly coupled inhibitory loop grows with the
    /// coupling ∝ √K and with D (at K = 1600: D = 1.5 ms in 8 groups gives χ²_I = 0.15, a single 1.5 ms delay or
    /// D = 5 ms diverge, D = 3 ms gives χ²_I = 0.69, D = 0.5 ms gives 0.02; dt and exponential synapses do not help).</summary>
    /// <remarks>Every (K, seed) network is a point of one <see cref="Sweep"/> on every core (numbers identical to a
    /// sequential loop: each network has its own seed); with <paramref name="folder"/> each finished network is stored
    /// there and a rerun resumes.</remarks>
    public static BalancedScalingRow[] Run(BalancedNetwork net, IReadOnlyList<int> ks, IReadOnlyList<ulong> seeds, double duration, double warmup = 0.2,
                                           int sizeFactor = 4, double delay = 0.5e-3, int delayGroups = 4,
                                           string? folder = null, SweepOptions? options = null)
    {
        Guard.NotNull(net).Validated();
        Guard.NotNull(ks);
        Guard.NotNull(seeds);
        if (ks.Count == 0 || seeds.Count == 0) throw new ArgumentException("ks and seeds must not be empty.", nameof(ks));
        var sorted = ks.OrderBy(k => k).ToArray();
        var large = BalancedState.LargeK(net);
        var siegert = sorted.Select(k => FiniteK(net, k)).ToArray();
        BalancedSimulation Sim(int k, ulong seed) => new(net, k, duration, warmup, seed, sizeFactor, delay, DelayGroups: delayGroups);
        var table = sorted.SelectMany(k => seeds.Select(s => (k, s)))
            .Select((x, id) => new SweepPoint(id, [new("k", x.k), new KeyValuePair<string, double>("seed", x.s)])).ToArray();
        var swept = Sweep.Run(table, p =>
        {
            var r = Sim((int)p["k"], (ulong)p["seed"]).Run();
            return new SweepRow().Add("rate_e", r.RateE).Add("rate_i", r.RateI).Add("cv_e", r.CvE).Add("synchrony_e", r.SynchronyE)
                .Add("synchrony_i", r.SynchronyI).Add("peak_i", r.PeakI).Add("run_s", r.RunSeconds);
        }, folder, options, $"balanced-scaling {Sim(0, 0)}");
        BalancedResult Result(SweepRecord? rec)
        {
            if (rec is not { Row: { } row }) throw new InvalidOperationException($"BalancedScaling: the network at {rec?.Point} failed: {rec?.Error}");
            return new BalancedResult(Sim((int)rec.Point["k"], (ulong)rec.Point["seed"]), row.Number("rate_e"), row.Number("rate_i"),
                row.Number("cv_e"), row.Number("synchrony_e"), row.Number("run_s"))
            { SynchronyI = row.Number("synchrony_i"), PeakI = row.Number("peak_i") };
        }
        return sorted.Select((k, idx) =>
        {
            var runs = Enumerable.Range(idx * seeds.Count, seeds.Count).Select(id => Result(swept.Records[id])).ToArray();
            var (me, se) = MeanSem(runs.Select(r => r.RateE).ToArray());
            var (mi, si) = MeanSem(runs.Select(r => r.RateI).ToArray());
            return new BalancedScalingRow(k, runs, me, se, mi, si, siegert[idx][0], siegert[idx][1], large.RateE, large.RateI);
        }).ToArray();
    }

    /// <summary>Finite-K Siegert self-consistency at K, continued downwards from K = 10⁶ (where the large-K solution
    /// is an accurate first guess) in steps of a factor 1.25: started directly at small K from the large-K rates,
    /// Newton does not converge. Returns (ν_E, ν_I), Hz, or NaNs where the continuation loses the solution
    /// (for <see cref="BalancedNetwork.Example"/> below K ≈ 120, where ν_I of the branch drops towards 0).</summary>
    public static double[] FiniteK(BalancedNetwork net, double k)
    {
        Guard.NotNull(net).Validated();
        Guard.Positive(k);
        var large = BalancedState.LargeK(net);
        if (!large.Exists) throw new ArgumentException($"net: no balanced state (large-K rates {large.RateE}, {large.RateI} Hz).", nameof(net));
        var ladder = new List<double>();
        for (double x = Math.Max(1e6, k); x > k; x /= 1.25) ladder.Add(x);
        ladder.Add(k);
        try
        {
            return MultiPopulationNetwork.Continue(net.AtK, ladder.ToArray(), new[] { large.RateE, large.RateI })[^1];
        }
        catch (ArithmeticException)
        {
            return new[] { double.NaN, double.NaN };
        }
    }

    static (double Mean, double Sem) MeanSem(double[] x)
    {
        double m = x.Average();
        return (m, x.Length > 1 ? Math.Sqrt(x.Sum(v => (v - m) * (v - m)) / (x.Length - 1) / x.Length) : double.NaN);
    }
}
