using Theory.Experiments.Networks;
using Theory.Experiments.Statistics;
using Theory.Experiments.Sweeps;
using Theory.MeanField;

namespace Theory.Experiments.MeanField;

/// <summary>Analytic prediction for one point of the Brunel (2000) model A phase diagram (Fig. 2).</summary>
/// <param name="G">Relative inhibitory strength g.</param>
/// <param name="NuExtRatio">ν_ext/ν_thr.</param>
/// <param name="Rate">Stationary rate ν₀ of the reported state (lowest-rate state that is not a saddle), Hz
/// (self-consistency ν₀ = φ(μ(ν₀), σ(ν₀)), Brunel 2000 eqs. 4–5 and 21).</param>
/// <param name="Mu">Mean input μ(ν₀), V.</param>
/// <param name="Sigma">Input noise σ(ν₀), V.</param>
/// <param name="Regime">"AI", "SR", "SI-fast", "SI-slow", "saddle" or "quiescent" (<see cref="BrunelStability"/>).</param>
/// <param name="Frequency">Im λ/2π of the dominant eigenvalue at this point, Hz (0 if none found).</param>
/// <param name="LineRatio">For an SI-fast point: ν_ext/ν_thr of the Hopf line at the same g
/// (the stable/unstable boundary found by bisection towards the nearest stable ratio on the grid); NaN otherwise.</param>
/// <param name="LineFrequency">Oscillation frequency on that instability line, Hz; NaN if not an SI-fast point.</param>
public sealed record BrunelTheoryPoint(double G, double NuExtRatio, double Rate, double Mu, double Sigma, string Regime,
                                       double Frequency, double LineRatio, double LineFrequency);

/// <summary>Analytic side of the simulation-vs-theory comparison for Brunel (2000) model A.</summary>
public static class BrunelTheory
{
    /// <summary>The model A network (C_E = 1000, γ = 0.25, D = 1.5 ms; J = <paramref name="j"/> V, default 0.1 mV)
    /// at (g, ν_ext/ν_thr), ν_thr = θ/(J C_E τ).</summary>
    public static BrunelNetwork Network(double g, double ratio, double j = 1e-4)
    {
        Guard.Positive(j);
        var net = BrunelNetwork.ModelA.With(j: j);
        return net.With(g: g, nuExt: ratio * net.NuThreshold);
    }

    /// <summary>Stationary rate, regime and oscillation frequency at (g, ν_ext/ν_thr); for SI points also the
    /// frequency on the Hopf line at the same g (Brunel 2000 §3.3: the simulated oscillation stays close to it).</summary>
    public static BrunelTheoryPoint At(double g, double ratio, double j = 1e-4)
    {
        Guard.NonNegative(g);
        Guard.Positive(ratio);
        var net = Network(g, ratio, j);
        StationaryState? chosen = null;
        StabilityResult? stab = null;
        foreach (var st in net.StationaryStates())
        {
            var s = BrunelStability.Analyze(net, st);
            chosen = st; stab = s;
            if (s.Regime != "saddle") break;
        }
        if (chosen is null || stab is null)
            return new BrunelTheoryPoint(g, ratio, 0, double.NaN, double.NaN, "quiescent", 0, double.NaN, double.NaN);
        double lineRatio = double.NaN, lineFreq = double.NaN;
        if (stab.Regime == "SI-fast")
            (lineRatio, lineFreq) = HopfLine(g, ratio, j);
        return new BrunelTheoryPoint(g, ratio, chosen.Rate, chosen.Mu, chosen.Sigma, stab.Regime,
                                     stab.OscillationFrequency, lineRatio, lineFreq);
    }

    /// <summary>Analysis of the lowest-rate stationary state at (g, ratio) (null if none).</summary>
    static (StationaryState State, StabilityResult Stability)? Lowest(double g, double ratio, double j)
    {
        var net = Network(g, ratio, j);
        var states = net.StationaryStates();
        return states.Length == 0 ? null : (states[0], BrunelStability.Analyze(net, states[0]));
    }

    /// <summary>Hopf line at fixed g next to the unstable point (g, <paramref name="unstableRatio"/>): the nearest
    /// stable ratio is searched on a geometric grid (factors 1.25^{±k}, k ≤ 8) on both sides, then the boundary is
    /// bisected in ν_ext/ν_thr to 0.1 %; returns (ratio, frequency on the unstable side) or NaNs if no stable
    /// neighbour is found.</summary>
    public static HopfPoint HopfLine(double g, double unstableRatio, double j = 1e-4)
    {
        Guard.NonNegative(g);
        Guard.Positive(unstableRatio);
        for (int k = 1; k <= 8; k++)
            foreach (double factor in new[] { Math.Pow(1.25, -k), Math.Pow(1.25, k) })
            {
                double r = unstableRatio * factor;
                if (Lowest(g, r, j) is not { } a || !a.Stability.Stable) continue;
                double stable = r, unstable = unstableRatio;
                double freq = Lowest(g, unstable, j)!.Value.Stability.OscillationFrequency;
                while (Math.Abs(stable - unstable) > 1e-3 * unstable)
                {
                    double mid = 0.5 * (stable + unstable);
                    var m = Lowest(g, mid, j);
                    if (m is { } mm && !mm.Stability.Stable && mm.Stability.Regime != "saddle")
                    { unstable = mid; freq = mm.Stability.OscillationFrequency; }
                    else stable = mid;
                }
                return new(0.5 * (stable + unstable), freq);
            }
        return new(double.NaN, double.NaN);
    }
}

/// <summary>
/// Regime a simulated Brunel network shows, from its excitatory population rate A(t) in bins of Δ = 1 ms,
/// mean rate ν̄, mean ISI CV and N_E. Synchrony is measured by χ² = Var(A)·Δ/ν̄ (the population-rate
/// variance relative to that of ν̄Δ-Poisson single neurons, i.e. Golomb's χ² with Poisson single-neuron
/// variance; ≈ 1/N_E for independent neurons, O(1) for full synchrony). A run is synchronous when χ² reaches
/// <see cref="SynchronyThreshold"/> AND, where the analytic stationary state is linearly stable, exceeds
/// <see cref="FiniteSizeFactor"/> times the finite-size level χ²_lin that the asynchronous state itself produces
/// (<see cref="BrunelFiniteSize"/>: linear response of the stable state to the spike-train noise of N_E + N_I neurons,
/// O(1/N), amplified by the damped network resonance). Rules (fixed before the comparison):
/// <list type="bullet">
/// <item>SR: synchronous and regular (mean CV &lt; <see cref="RegularCv"/>; Brunel 2000 §4 state A);</item>
/// <item>SI: synchronous; SI-fast if the dominant frequency ≥ 1/(8D), else SI-slow (the split of
/// <see cref="BrunelStability.OscillatoryRegime"/>);</item>
/// <item>AI otherwise; "quiescent" if no spike.</item>
/// </list>
/// Why the finite-size test is not circular: χ²_lin is computed from the analytic state alone (no simulated
/// quantity enters it) and exists only where that state is stable; a synchronous limit cycle has an oscillation
/// amplitude that does not shrink with N (χ² = O(1): the SR cycle at (3, 2) has χ² = 0.200, 0.188, 0.187 for
/// N_E = 2500, 5000, 10 000, docs/MODELS.md), whereas the asynchronous level is χ²_lin = O(1/N) (χ²_lin·N_E ≈ 100–200 at the
/// AI points of Fig. 2), so the two are separated by a factor that grows with N except within the vanishing
/// band near a Hopf line where χ²_lin diverges (there the label says only that the measured fluctuations do not
/// exceed what the stable state would produce). Where the analytic state is unstable (SR, SI-fast, SI-slow
/// analytic regions) the absolute rule χ² ≥ <see cref="SynchronyThreshold"/> is kept.
/// </summary>
public static class SimulatedRegime
{
    /// <summary>CV below which firing counts as regular (0.3).</summary>
    public const double RegularCv = 0.3;

    /// <summary>χ² at and above which the population activity can count as synchronous (0.01: oscillation amplitude
    /// √χ² ≥ 10 % of the rate).</summary>
    public const double SynchronyThreshold = 0.01;

    /// <summary>Factor (2) by which χ² must exceed the finite-size prediction χ²_lin of the stable asynchronous state
    /// to count as synchronous. Statistics: χ² of one run of T seconds has relative standard error √(2/(T·B)), B the
    /// effective bandwidth of the binned rate (<see cref="FiniteSizePrediction.SynchronyRelativeError"/>): 0.08–0.16
    /// for T = 1 s at the AI points of Fig. 2 (B = 80–300 Hz), so an AI run reaches 2χ²_lin by chance only beyond
    /// 6 standard errors; the rest of the margin covers the error of the linear diffusion theory itself, measured
    /// at 0.45–1.29 × (simulated/predicted χ², seed 1 × 10 s at the four AI points of ν_ext/ν_thr = 2, docs/MODELS.md).</summary>
    public const double FiniteSizeFactor = 2;

    /// <summary>χ² = Var(A)·Δ/ν̄ (see the class summary).</summary>
    public static double Synchrony(double[] populationRate, double binWidth, double meanRate) =>
        meanRate > 0 ? SpikeStatistics.Variance(populationRate) * binWidth / meanRate : double.NaN;

    /// <summary>Whether χ² = <paramref name="synchrony"/> counts as synchronous given the finite-size level
    /// <paramref name="predictedSynchrony"/> of the stable asynchronous state (NaN: no stable state, absolute rule only).</summary>
    public static bool IsSynchronous(double synchrony, double predictedSynchrony = double.NaN) =>
        synchrony >= SynchronyThreshold && (double.IsNaN(predictedSynchrony) || synchrony > FiniteSizeFactor * predictedSynchrony);

    /// <summary>Classifies one or more runs of the same configuration (means over runs);
    /// <paramref name="predictedSynchrony"/>: χ²_lin of the analytic state if it is linearly stable, else NaN.</summary>
    public static string Classify(double rate, double cv, double synchrony, double peak, double delay, double predictedSynchrony = double.NaN)
    {
        if (!(rate > 0)) return "quiescent";
        if (IsSynchronous(synchrony, predictedSynchrony))
        {
            if (cv < RegularCv) return "SR";
            double split = delay > 0 ? 1.0 / (8 * delay) : 100.0;
            return peak >= split ? "SI-fast" : "SI-slow";
        }
        return "AI";
    }
}

/// <summary>One point of the phase-diagram comparison: theory next to the mean over seeds of the simulations.</summary>
/// <param name="Theory">Analytic prediction.</param>
/// <param name="Runs">The simulations (one per seed).</param>
/// <param name="Rate">Mean excitatory rate over seeds, Hz.</param>
/// <param name="RateSem">Its standard error over seeds (NaN with one seed), Hz.</param>
/// <param name="Cv">Mean ISI CV (mean over seeds).</param>
/// <param name="Peak">Dominant frequency of the population rate (&gt; 5 Hz), mean over seeds, Hz.</param>
/// <param name="Synchrony">χ² (<see cref="SimulatedRegime"/>), mean over seeds.</param>
/// <param name="Regime">Regime the simulation shows (<see cref="SimulatedRegime.Classify"/>, with
/// <see cref="PredictedSynchrony"/> where the analytic state is stable).</param>
public sealed record BrunelComparisonRow(BrunelTheoryPoint Theory, BrunelResult[] Runs, double Rate, double RateSem,
                                         double Cv, double Peak, double Synchrony, string Regime)
{
    /// <summary>(simulated − analytic)/analytic rate.</summary>
    public double RateError => (Rate - Theory.Rate) / Theory.Rate;

    /// <summary>Analytic frequency the simulated peak is compared with: on the Hopf line at the same g for SI-fast
    /// points (the issue's criterion), the dominant eigenvalue at the point for SI-slow points, NaN otherwise.</summary>
    public double ReferenceFrequency => Theory.Regime switch
    {
        "SI-fast" => Theory.LineFrequency,
        "SI-slow" => Theory.Frequency,
        _ => double.NaN,
    };

    /// <summary>(simulated peak − <see cref="ReferenceFrequency"/>)/<see cref="ReferenceFrequency"/>; NaN if not SI.</summary>
    public double FrequencyError => (Peak - ReferenceFrequency) / ReferenceFrequency;

    /// <summary>Whether the simulated regime is the analytic one.</summary>
    public bool RegimeAgrees => Regime == Theory.Regime;

    /// <summary>Stationary rate with the finite-PSP (shot-noise) transfer instead of Siegert
    /// (<see cref="BrunelFinitePsp.StationaryRate"/>, next to <see cref="BrunelTheoryPoint.Rate"/>), Hz; NaN unless requested.</summary>
    public double FinitePspRate { get; init; } = double.NaN;

    /// <summary>Finite-PSP stationary rate for the simulation's time step (threshold θ e^{dt/τ},
    /// <see cref="BrunelFinitePsp"/>), Hz; NaN unless requested.</summary>
    public double FinitePspRateAtDt { get; init; } = double.NaN;

    /// <summary>(simulated − finite-PSP)/finite-PSP rate (NaN unless <see cref="FinitePspRate"/> was computed).</summary>
    public double FinitePspError => (Rate - FinitePspRate) / FinitePspRate;

    /// <summary>Finite-size prediction for the asynchronous state (1 ms bins, N_E and N_I of the simulation, white-noise
    /// LIF spike-train spectrum; <see cref="BrunelFiniteSize.Predict"/>); null if the analytic regime is not AI.</summary>
    public FiniteSizePrediction? FiniteSize { get; init; }

    /// <summary>Predicted χ²_lin of the asynchronous state (NaN where the analytic state is not stable).</summary>
    public double PredictedSynchrony => FiniteSize is { Stable: true } p ? p.Synchrony : double.NaN;

    /// <summary>Frequency of the largest peak (&gt; 5 Hz) of the predicted 1 ms-binned population-rate spectrum, Hz (NaN if none).</summary>
    public double PredictedPeak => FiniteSize is { Stable: true } p ? p.PeakFrequency : double.NaN;

    /// <summary>Simulated χ² over predicted χ²_lin (NaN if no prediction).</summary>
    public double SynchronyRatio => Synchrony / PredictedSynchrony;

    /// <summary>Predicted relative standard error of the seed-averaged χ² (√(2/(T·B))/√seeds, T the analysed duration).</summary>
    public double SynchronyRelativeError => FiniteSize is { Stable: true } p && Runs.Length > 0
        ? p.SynchronyRelativeError(Runs[0].Config.Duration - Runs[0].Config.Warmup) / Math.Sqrt(Runs.Length) : double.NaN;
}

/// <summary>A point (g, ν_ext/ν_thr) of the Brunel (2000) phase diagram.</summary>
/// <param name="G">Relative inhibition g.</param>
/// <param name="NuExtRatio">External rate ν_ext/ν_thr.</param>
public readonly record struct PhasePoint(double G, double NuExtRatio);

/// <summary>A point of a Hopf line (<see cref="BrunelTheory.HopfLine"/>).</summary>
/// <param name="Ratio">ν_ext/ν_thr of the boundary (NaN if no stable neighbour was found).</param>
/// <param name="Frequency">Oscillation frequency on the unstable side, Hz (NaN if none).</param>
public readonly record struct HopfPoint(double Ratio, double Frequency);

/// <summary>
/// Brunel (2000) model A (N_E = 10 000, <see cref="BrunelSimulation"/>) simulated at points of the phase diagram
/// next to the mean-field predictions (<see cref="BrunelTheory"/>): rate, CV, population-rate spectrum peak and regime.
/// </summary>
public static class BrunelPhaseComparison
{
    /// <summary>Ten points covering the four regimes of Fig. 2 (analytic labels): SR (3, 2); AI (5, 1.5), (5, 2),
    /// (6, 2), (8, 2), (6, 0.9); SI-fast (6, 4), (8, 4), (8, 3); SI-slow (4.5, 0.9). Includes the states of Fig. 8
    /// and the Brian2 reference points.</summary>
    public static PhasePoint[] StandardPoints { get; } =
    [
        new(3, 2), new(5, 1.5), new(5, 2), new(6, 2), new(8, 2), new(6, 0.9), new(6, 4), new(8, 4), new(8, 3), new(4.5, 0.9),
    ];

    /// <summary>Simulates (g, ratio) with each seed (duration and warm-up in s) and compares with the theory.</summary>
    /// <param name="finitePsp">Also compute the finite-PSP stationary rate (<see cref="BrunelComparisonRow.FinitePspRate"/>).</param>
    /// <param name="j">Synaptic efficacy J (V) of theory and simulation (default 0.1 mV).</param>
    public static BrunelComparisonRow Compare(double g, double ratio, IReadOnlyList<ulong> seeds, double duration, double warmup = 0.2,
                                              Func<BrunelSimulation, BrunelSimulation>? configure = null, bool finitePsp = false,
                                              double j = 1e-4)
    {
        Guard.NotNull(seeds);
        if (seeds.Count == 0) throw new ArgumentException("seeds is empty: at least one seed is needed.", nameof(seeds));
        var runs = seeds.Select(s => Simulation(g, ratio, s, duration, warmup, configure, j).Run()).ToArray();
        return Assemble(g, ratio, runs, runs.Select(r => SimulatedRegime.Synchrony(r.PopulationRate, 1e-3, r.RateHz)).ToArray(), finitePsp, j);
    }

    /// <summary><see cref="Compare"/> at many points, every (point, seed) network a point of one <see cref="Sweep"/> on
    /// every core; rows in the order of <paramref name="points"/>, numbers identical to <see cref="Compare"/>. With
    /// <paramref name="folder"/> each finished network is stored there and a rerun resumes. The rows' <c>Runs</c>
    /// then carry the measured scalars but no spike or rate arrays.</summary>
    public static BrunelComparisonRow[] CompareAll(IEnumerable<PhasePoint> points, IReadOnlyList<ulong> seeds, double duration,
                                                   double warmup = 0.2, Func<BrunelSimulation, BrunelSimulation>? configure = null,
                                                   bool finitePsp = false, double j = 1e-4, string? folder = null, SweepOptions? options = null)
    {
        var pts = Guard.NotNull(points).ToArray();
        Guard.NotNull(seeds);
        if (pts.Length == 0) throw new ArgumentException("points is empty: at least one (g, ratio) point is needed.", nameof(points));
        if (seeds.Count == 0) throw new ArgumentException("seeds is empty: at least one seed is needed.", nameof(seeds));
        var table = pts.SelectMany(p => seeds.Select(s => (p.G, p.NuExtRatio, Seed: s)))
            .Select((x, id) => new SweepPoint(id, [new("g", x.G), new("nu_ext_ratio", x.NuExtRatio), new KeyValuePair<string, double>("seed", x.Seed)]))
            .ToArray();
        // the tag names everything a run depends on; configure is opaque, so it is described by the configured simulation
        string tag = $"brunel-compare duration={duration:R} warmup={warmup:R} j={j:R} config={Simulation(0, 0, 0, duration, warmup, configure, j) with { G = 0 }}";
        var result = Sweep.Run(table, p =>
        {
            var r = Simulation(p["g"], p["nu_ext_ratio"], (ulong)p["seed"], duration, warmup, configure, j).Run();
            return new SweepRow().Add("rate_hz", r.RateHz).Add("cv", r.MeanCv).Add("peak_hz", r.PeakHz).Add("rate_var_1ms", r.RateVariance)
                .Add("synchrony", SimulatedRegime.Synchrony(r.PopulationRate, 1e-3, r.RateHz))
                .Add("spikes", r.Spikes).Add("synapses", r.Synapses).Add("run_s", r.RunSeconds);
        }, folder, options, tag);
        var rows = new BrunelComparisonRow[pts.Length];
        for (int k = 0; k < pts.Length; k++)
        {
            var recs = Enumerable.Range(k * seeds.Count, seeds.Count).Select(id => result.Records[id]!).ToArray();
            foreach (var rec in recs)
                if (!rec.Ok) throw new InvalidOperationException($"CompareAll: the network at {rec.Point} failed: {rec.Error}");
            var runs = recs.Select(rec =>
            {
                var row = rec.Row!;
                return new BrunelResult(Simulation(pts[k].G, pts[k].NuExtRatio, (ulong)rec.Point["seed"], duration, warmup, configure, j),
                    row.Number("rate_hz"), row.Number("cv"), row.Number("peak_hz"), row.Number("rate_var_1ms"),
                    (long)row.Number("spikes"), (long)row.Number("synapses"), row.Number("run_s"), [], [], []);
            }).ToArray();
            rows[k] = Assemble(pts[k].G, pts[k].NuExtRatio, runs, recs.Select(rec => rec.Row!.Number("synchrony")).ToArray(), finitePsp, j);
        }
        return rows;
    }

    static BrunelSimulation Simulation(double g, double ratio, ulong seed, double duration, double warmup,
                                       Func<BrunelSimulation, BrunelSimulation>? configure, double j)
    {
        var sim = new BrunelSimulation(G: g, NuExtRatio: ratio, Duration: duration, Warmup: warmup, Seed: seed, J: j);
        return configure?.Invoke(sim) ?? sim;
    }

    /// <summary>The comparison row from the runs of one point and their χ² values.</summary>
    static BrunelComparisonRow Assemble(double g, double ratio, BrunelResult[] runs, double[] synchrony, bool finitePsp, double j)
    {
        var theory = BrunelTheory.At(g, ratio, j);
        double rate = runs.Average(r => r.RateHz);
        double sem = runs.Length > 1
            ? Math.Sqrt(runs.Sum(r => (r.RateHz - rate) * (r.RateHz - rate)) / (runs.Length - 1) / runs.Length)
            : double.NaN;
        double cv = runs.Average(r => r.MeanCv);
        double peak = runs.Average(r => r.PeakHz);
        double chi2 = synchrony.Average();
        var finiteSize = theory.Regime == "AI"
            ? BrunelFiniteSize.Predict(BrunelTheory.Network(g, ratio, j), new StationaryState(theory.Rate, theory.Mu, theory.Sigma),
                                       runs[0].Config.NE, runs[0].Config.NI, 1e-3)
            : null;
        string regime = SimulatedRegime.Classify(rate, cv, chi2, peak, runs[0].Config.Delay,
                                                 finiteSize is { Stable: true } fs ? fs.Synchrony : double.NaN);
        double shot = finitePsp && theory.Rate > 0 ? BrunelFinitePsp.StationaryRate(BrunelTheory.Network(g, ratio, j), theory.Rate) : double.NaN;
        double shotDt = finitePsp && theory.Rate > 0
            ? BrunelFinitePsp.StationaryRate(BrunelTheory.Network(g, ratio, j), theory.Rate, timeStep: runs[0].Config.Dt) : double.NaN;
        return new BrunelComparisonRow(theory, runs, rate, sem, cv, peak, chi2, regime)
        { FinitePspRate = shot, FinitePspRateAtDt = shotDt, FiniteSize = finiteSize };
    }

    /// <summary>One header line and one line per row, for logs and reports.</summary>
    public static string Table(IEnumerable<BrunelComparisonRow> rows)
    {
        var sb = new System.Text.StringBuilder();
        sb.AppendLine("  g  nu/thr | theory: rate(Hz) regime   f(Hz) f_line(Hz) chi2_lin peak_lin(Hz) | sim: rate(Hz) ±sem   CV    peak(Hz) chi2    regime   | rate err  f err");
        foreach (var r in rows)
        {
            var t = r.Theory;
            sb.AppendLine(System.FormattableString.Invariant(
                $"{t.G,4:0.0} {t.NuExtRatio,5:0.00} | {t.Rate,8:0.00} {t.Regime,-8} {TableCell.Num(t.Frequency, 6, "0")} {TableCell.Num(t.LineFrequency, 8, "0")} {TableCell.Num(r.PredictedSynchrony, 8, "0.0000")} {TableCell.Num(r.PredictedPeak, 8, "0")} | {r.Rate,8:0.00} {TableCell.Num(r.RateSem, 5, "0.00")} {TableCell.Num(r.Cv, 5, "0.00")} {r.Peak,7:0} {TableCell.Num(r.Synchrony, 7, "0.0000")} {r.Regime,-8} | {TableCell.Num(100 * r.RateError, 6, "0.0")}% {TableCell.Num(100 * r.FrequencyError, 6, "0.0")}%"));
        }
        return sb.ToString();
    }
}
