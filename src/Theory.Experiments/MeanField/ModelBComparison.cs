using Theory.Experiments.Networks;
using Theory.Experiments.Statistics;
using Theory.MeanField;
using Theory.Spiking;

namespace Theory.Experiments.MeanField;

/// <summary>Analytic prediction for Brunel (2000) model B at one point, next to model A at the same g = g_E.</summary>
/// <param name="GE">Relative inhibition onto E, g_E.</param>
/// <param name="GI">Relative inhibition onto I, g_I.</param>
/// <param name="NuExtRatio">ν_ext/ν_thr (ν_thr with the E membrane).</param>
/// <param name="TauI">Membrane time constant of the I population, s (E: 20 ms).</param>
/// <param name="RateE">Stationary E rate of the reported state (lowest-rate state that is not a saddle), Hz.</param>
/// <param name="RateI">Stationary I rate of that state, Hz.</param>
/// <param name="Stability">Linear stability with D = 1.5 ms (<see cref="MultiPopulationStability.Analyze"/>).</param>
/// <param name="ModelARate">Model A (g = g_E, τ_I = τ_E) rate at the same ν_ext/ν_thr, Hz (lowest non-saddle state).</param>
/// <param name="ModelARegime">Model A regime there (<see cref="BrunelStability"/>).</param>
public sealed record ModelBTheoryPoint(double GE, double GI, double NuExtRatio, double TauI, double RateE, double RateI,
                                       StabilityResult Stability, double ModelARate, string ModelARegime);

/// <summary>One simulation of model B: rates of E and I, and the E population activity statistics after the warm-up.</summary>
/// <param name="Seed">Seed of the run.</param>
/// <param name="RateE">Mean E rate, Hz.</param>
/// <param name="RateESem">Standard error of the E rate from 100 ms blocks of the run, Hz.</param>
/// <param name="RateI">Mean I rate, Hz.</param>
/// <param name="Cv">Mean ISI CV of E neurons.</param>
/// <param name="Peak">Dominant frequency (&gt; 5 Hz) of the E population rate in 1 ms bins, Hz.</param>
/// <param name="Synchrony">χ² = Var(A)·Δ/ν̄ of the E population rate (Δ = 1 ms; <see cref="SimulatedRegime"/>).</param>
/// <param name="PeakI">Dominant frequency of the I population rate, Hz.</param>
/// <param name="SynchronyI">χ² of the I population rate.</param>
public sealed record ModelBRun(ulong Seed, double RateE, double RateESem, double RateI, double Cv, double Peak, double Synchrony,
                               double PeakI, double SynchronyI);

/// <summary>Theory next to the simulations (means over seeds).</summary>
/// <param name="Theory">Analytic prediction.</param>
/// <param name="Runs">One run per seed.</param>
/// <param name="RateE">Mean E rate over seeds, Hz.</param>
/// <param name="RateESem">Standard error of <paramref name="RateE"/>: over seeds for ≥ 2 seeds, else the block s.e. of the run, Hz.</param>
/// <param name="RateI">Mean I rate over seeds, Hz.</param>
/// <param name="Cv">Mean ISI CV (E).</param>
/// <param name="Peak">Mean dominant frequency of the E population rate, Hz.</param>
/// <param name="Synchrony">Mean χ² (E).</param>
/// <param name="Regime">Simulated regime (<see cref="SimulatedRegime.Classify"/>).</param>
public sealed record ModelBComparisonRow(ModelBTheoryPoint Theory, ModelBRun[] Runs, double RateE, double RateESem, double RateI,
                                         double Cv, double Peak, double Synchrony, string Regime)
{
    /// <summary>(simulated − analytic)/analytic E rate.</summary>
    public double RateEError => (RateE - Theory.RateE) / Theory.RateE;

    /// <summary>(simulated − analytic)/analytic I rate.</summary>
    public double RateIError => (RateI - Theory.RateI) / Theory.RateI;

    /// <summary>Whether the simulation oscillates (χ² ≥ <see cref="SimulatedRegime.SynchronyThreshold"/>).</summary>
    public bool Oscillates => Synchrony >= SimulatedRegime.SynchronyThreshold;
}

/// <summary>Open-loop single-neuron rates at a model-B stationary state (<see cref="ModelBComparison.OpenLoop"/>); arrays are (E, I).</summary>
/// <param name="TheoryRates">Stationary (Siegert) rates ν_a, Hz.</param>
/// <param name="SingleNeuronRates">Rates φ̂_a of unconnected neurons given the theory's Poisson input, Hz.</param>
/// <param name="SingleNeuronSems">Their standard errors over neurons, Hz.</param>
/// <param name="PredictedRates">ν + (I − M(0))⁻¹(φ̂ − ν): network rates predicted from the single-neuron errors, Hz.</param>
public sealed record ModelBOpenLoop(double[] TheoryRates, double[] SingleNeuronRates, double[] SingleNeuronSems, double[] PredictedRates);

/// <summary>One network size of <see cref="ModelBComparison.SynchronyScaling"/>: N_E, E rate (Hz), χ² of the E population
/// rate (1 ms bins) and its dominant frequency (Hz).</summary>
/// <param name="NE">Number of excitatory neurons N_E.</param>
/// <param name="RateE">Excitatory rate, Hz.</param>
/// <param name="Synchrony">χ² of the excitatory population rate (1 ms bins).</param>
/// <param name="Peak">Dominant frequency of the excitatory population rate, Hz.</param>
public sealed record ModelBScalingPoint(int NE, double RateE, double Synchrony, double Peak);

/// <summary>
/// Brunel (2000) model B on the kernel (<see cref="BrunelSimulation"/> with <see cref="BrunelSimulation.GI"/> and
/// <see cref="BrunelSimulation.InhibitoryMembrane"/>; N_E = 10 000, N_I = 2500, C_E = 1000, γ = 0.25, J = 0.1 mV,
/// D = 1.5 ms) against the model-B mean field: stationary rates (<see cref="TwoPopulationStationary"/>) and linear
/// stability (<see cref="MultiPopulationStability"/>).
/// </summary>
public static class ModelBComparison
{
    /// <summary>The model-B network of the mean-field side (E: Brunel 2000 membrane; I: same with τ = <paramref name="tauI"/>).</summary>
    public static MultiPopulationNetwork Network(double gE, double gI, double ratio, double tauI)
    {
        Guard.Positive(ratio);
        Guard.Positive(tauI);
        var e = LifNeuron.Brunel2000;
        double nuThr = e.Theta / (1000 * 1e-4 * e.TauM);
        return MultiPopulationNetwork.BrunelModelB(1000, 0.25, 1e-4, gE, gI, ratio * nuThr, e, e.With(tauM: tauI));
    }

    /// <summary>Analytic side at (g_E, g_I, ν_ext/ν_thr, τ_I) with D = 1.5 ms; throws if there is no stationary state.</summary>
    public static ModelBTheoryPoint Theory(double gE, double gI, double ratio, double tauI)
    {
        var net = Network(gE, gI, ratio, tauI);
        double[]? chosen = null;
        StabilityResult? stab = null;
        foreach (var st in TwoPopulationStationary.Solve(net))
        {
            chosen = st;
            stab = MultiPopulationStability.Analyze(net, st, Delay);
            if (stab.Regime != "saddle") break;
        }
        if (chosen is null || stab is null)
            throw new ArgumentException($"(g_E, g_I, ratio, tau_I) = ({gE}, {gI}, {ratio}, {tauI}) has no stationary state.", nameof(gE));
        var a = BrunelNetwork.ModelA.With(g: gE, nuExtRatio: ratio);
        double rateA = 0;
        string regimeA = "quiescent";
        foreach (var st in a.StationaryStates())
        {
            var s = BrunelStability.Analyze(a, st);
            rateA = st.Rate; regimeA = s.Regime;
            if (s.Regime != "saddle") break;
        }
        return new ModelBTheoryPoint(gE, gI, ratio, tauI, chosen[0], chosen[1], stab, rateA, regimeA);
    }

    /// <summary>Transmission delay D of the comparison (Brunel 2000 Fig. 2), s.</summary>
    public const double Delay = 1.5e-3;

    /// <summary>Simulates one seed (duration and warm-up in s, time step in s).</summary>
    public static ModelBRun Simulate(double gE, double gI, double ratio, double tauI, ulong seed, double duration, double warmup = 0.2, double dt = 1e-4)
    {
        var sim = new BrunelSimulation(G: gE, NuExtRatio: ratio, Duration: duration, Warmup: warmup, Seed: seed, Delay: Delay, Dt: dt)
        {
            GI = gI,
            InhibitoryMembrane = LifParameters.Brunel2000.With(tau: tauI),
        };
        var (net, e, i) = sim.Build();
        var spikesE = net.MonitorSpikes(e, from: warmup);
        var spikesI = net.MonitorSpikes(i, from: warmup);
        var rate = net.MonitorRate(e);
        var rateIMon = net.MonitorRate(i);
        net.Run(duration);
        double window = duration - warmup;
        var binned = rate.Binned(1e-3, warmup);
        double rateE = spikesE.Count / (sim.NE * window);
        // block standard error: 100 ms blocks of the 1 ms population rate
        const int block = 100;
        int nb = binned.Length / block;
        double sem = double.NaN;
        if (nb >= 2)
        {
            var means = Enumerable.Range(0, nb).Select(k => binned.Skip(k * block).Take(block).Average()).ToArray();
            double m = means.Average();
            sem = Math.Sqrt(means.Sum(x => (x - m) * (x - m)) / (nb - 1) / nb);
        }
        double rateI = spikesI.Count / (sim.NI * window);
        var binnedI = rateIMon.Binned(1e-3, warmup);
        return new ModelBRun(seed, rateE, sem, rateI,
                             SpikeStatistics.MeanCv(spikesE.Trains()).Mean, SpikeStatistics.DominantFrequency(binned, 1e-3),
                             SimulatedRegime.Synchrony(binned, 1e-3, rateE),
                             SpikeStatistics.DominantFrequency(binnedI, 1e-3), SimulatedRegime.Synchrony(binnedI, 1e-3, rateI));
    }

    /// <summary>Simulates (g_E, g_I, ν_ext/ν_thr, τ_I) with each seed and compares with the theory.</summary>
    public static ModelBComparisonRow Compare(double gE, double gI, double ratio, double tauI, IReadOnlyList<ulong> seeds, double duration,
                                              double warmup = 0.2, double dt = 1e-4)
    {
        Guard.NotNull(seeds);
        if (seeds.Count == 0) throw new ArgumentException("seeds is empty: at least one seed is needed.", nameof(seeds));
        var theory = Theory(gE, gI, ratio, tauI);
        var runs = seeds.Select(s => Simulate(gE, gI, ratio, tauI, s, duration, warmup, dt)).ToArray();
        double rateE = runs.Average(r => r.RateE);
        double sem = runs.Length > 1
            ? Math.Sqrt(runs.Sum(r => (r.RateE - rateE) * (r.RateE - rateE)) / (runs.Length - 1) / runs.Length)
            : runs[0].RateESem;
        double cv = runs.Average(r => r.Cv), peak = runs.Average(r => r.Peak), chi2 = runs.Average(r => r.Synchrony);
        return new ModelBComparisonRow(theory, runs, rateE, sem, runs.Average(r => r.RateI), cv, peak, chi2,
                                       SimulatedRegime.Classify(rateE, cv, chi2, peak, Delay));
    }

    /// <summary>
    /// Open-loop test of the single-neuron approximation at the stationary state of (g_E, g_I, ν_ext/ν_thr, τ_I):
    /// unconnected E and I neurons (<see cref="PoissonDrivenLif"/>, <paramref name="n"/> each) receive exactly the
    /// independent Poisson input the theory assumes (C_E sources at ν_ext + ν_E with jump J, γC_E at ν_I with jump g_a J),
    /// so their rates φ̂_a differ from the Siegert rates ν_a only by the single-neuron (diffusion, time-step) error.
    /// Closing the loop shifts the network rates, to first order, by Δν = (I − M(0))⁻¹ (φ̂ − ν), with M(0) = ∂φ/∂ν
    /// (<see cref="MultiPopulationStability.Coupling"/>): <see cref="ModelBOpenLoop.PredictedRates"/>.
    /// </summary>
    public static ModelBOpenLoop OpenLoop(double gE, double gI, double ratio, double tauI, int n = 10000, double duration = 2.2,
                                          double dt = 1e-4, ulong seed = 1)
    {
        var t = Theory(gE, gI, ratio, tauI);
        var net = Network(gE, gI, ratio, tauI);
        var nu = new[] { t.RateE, t.RateI };
        var runs = SingleNeurons(gE, gI, ratio, tauI, nu, n, duration, dt, seed);
        var m = MultiPopulationStability.Coupling(net, nu, Delay, System.Numerics.Complex.Zero);
        double a11 = 1 - m[0, 0].Real, a12 = -m[0, 1].Real, a21 = -m[1, 0].Real, a22 = 1 - m[1, 1].Real, det = a11 * a22 - a12 * a21;
        double d0 = runs[0].Rate - nu[0], d1 = runs[1].Rate - nu[1];
        var predicted = new[] { nu[0] + (a22 * d0 - a12 * d1) / det, nu[1] + (-a21 * d0 + a11 * d1) / det };
        return new ModelBOpenLoop(nu, runs.Select(r => r.Rate).ToArray(), runs.Select(r => r.RateSem).ToArray(), predicted);
    }

    /// <summary>Unconnected E and I neurons (<paramref name="n"/> each, <see cref="PoissonDrivenLif"/>) given the independent
    /// Poisson input of model B at population rates <paramref name="rates"/> = (ν_E, ν_I) Hz: C_E sources at ν_ext + ν_E
    /// (jump J), γC_E at ν_I (jump g_a J). At the network's own rates, φ̂(ν) = ν would mean the network sits at the fixed
    /// point of the true single-neuron transfer (seeds <paramref name="seed"/>, <paramref name="seed"/> + 1).</summary>
    public static PoissonDrivenResult[] SingleNeurons(double gE, double gI, double ratio, double tauI, double[] rates, int n = 10000,
                                                      double duration = 2.2, double dt = 1e-4, ulong seed = 1)
    {
        Guard.NotNull(rates);
        if (rates.Length != 2) throw new ArgumentException($"rates has {rates.Length} entries: it must have 2 (nu_E, nu_I).", nameof(rates));
        var net = Network(gE, gI, ratio, tauI);
        var g = new[] { gE, gI };
        return Enumerable.Range(0, 2).Select(a =>
            new PoissonDrivenLif(net.Neurons[a], 1000, net.NuExt[a] + rates[0], 1e-4, 250, rates[1], g[a] * 1e-4, n, duration, 0.2, dt, seed + (ulong)a).Run()).ToArray();
    }

    /// <summary>
    /// Finite-size test of synchrony: the network at (g_E, g_I, ν_ext/ν_thr, τ_I) with N_E ∈ <paramref name="nE"/>
    /// (N_I = N_E/4, in-degrees C_E = 1000, C_I = 250 fixed), one seed. Fluctuations of a stable asynchronous state give
    /// χ² ∝ 1/N_E (amplified by the weakly damped modes); a macroscopic oscillation (an unstable stationary state) gives
    /// χ² independent of N_E.
    /// </summary>
    public static ModelBScalingPoint[] SynchronyScaling(double gE, double gI, double ratio, double tauI, int[] nE, double duration,
                                                        double warmup = 0.2, ulong seed = 1)
    {
        Guard.NotNull(nE);
        return nE.Select(n =>
        {
            Guard.InRange(n, 1200, 10_000_000);
            var r = new BrunelSimulation(G: gE, NuExtRatio: ratio, Duration: duration, Warmup: warmup, Seed: seed, NE: n, NI: n / 4, Delay: Delay)
            {
                GI = gI,
                InhibitoryMembrane = LifParameters.Brunel2000.With(tau: tauI),
            }.Run();
            return new ModelBScalingPoint(n, r.RateHz, SimulatedRegime.Synchrony(r.PopulationRate, 1e-3, r.RateHz), r.PeakHz);
        }).ToArray();
    }

    /// <summary>One header line and one line per row.</summary>
    public static string Table(IEnumerable<ModelBComparisonRow> rows)
    {
        var sb = new System.Text.StringBuilder();
        sb.AppendLine(" gE   gI  nu/thr tauI(ms) | model A: rate regime | theory B: rate E/I (Hz) regime  Re s(1/s) f(Hz) | sim: rate E ±sem  rate I   CV   peak(Hz) chi2    regime  | I: peak chi2 | err E  err I");
        foreach (var r in rows)
        {
            var t = r.Theory;
            sb.AppendLine(System.FormattableString.Invariant(
                $"{t.GE,4:0.00} {t.GI,4:0.00} {t.NuExtRatio,5:0.00} {1e3 * t.TauI,6:0.0} | {t.ModelARate,7:0.00} {t.ModelARegime,-7} | {t.RateE,7:0.00} {t.RateI,7:0.00} {t.Stability.Regime,-8} {t.Stability.DominantEigenvalue.Real,8:0.0} {TableCell.Num(t.Stability.OscillationFrequency, 6, "0")} | {r.RateE,7:0.00} {TableCell.Num(r.RateESem, 5, "0.00")} {r.RateI,7:0.00} {TableCell.Num(r.Cv, 5, "0.00")} {r.Peak,7:0} {r.Synchrony,7:0.0000} {r.Regime,-8} | {r.Runs.Average(x => x.PeakI),5:0} {r.Runs.Average(x => x.SynchronyI),7:0.0000} | {100 * r.RateEError,5:0.0}% {100 * r.RateIError,5:0.0}%"));
        }
        return sb.ToString();
    }
}
