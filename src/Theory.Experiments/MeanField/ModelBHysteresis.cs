using Theory.Experiments.Networks;
using Theory.Experiments.Statistics;
using Theory.Spiking;

namespace Theory.Experiments.MeanField;

/// <summary>One window of a model-B hysteresis sweep (<see cref="ModelBHysteresis.Sweep"/>): the relative inhibition onto I
/// during the window and the E and I population activity measured after the window's transient.</summary>
/// <param name="GI">g_I during the window (J_II = −g_I J).</param>
/// <param name="RateE">Mean E rate, Hz.</param>
/// <param name="RateI">Mean I rate, Hz.</param>
/// <param name="SynchronyE">χ² = Var(A_E)·Δ/ν̄_E, Δ = 1 ms (<see cref="SimulatedRegime.Synchrony"/>).</param>
/// <param name="SynchronyESem">Standard error of χ²_E from the spread of χ² over 50 ms blocks.</param>
/// <param name="SynchronyI">χ² of the I population rate.</param>
/// <param name="PeakE">Dominant frequency (&gt; 5 Hz) of the E population rate in 1 ms bins, Hz.</param>
/// <param name="PeakI">Dominant frequency of the I population rate, Hz.</param>
public sealed record ModelBWindow(double GI, double RateE, double RateI, double SynchronyE, double SynchronyESem, double SynchronyI,
                                  double PeakE, double PeakI);

/// <summary>
/// Character of the Hopf bifurcation of Brunel's (2000) model B on the kernel (issue #17 item 3). A supercritical Hopf
/// gives an oscillation whose squared amplitude grows ∝ the distance beyond the linear line and vanishes on the stable side,
/// the same whichever way the line is crossed; a subcritical one gives a finite-amplitude oscillation at onset and a range of
/// the control parameter below the line where the asynchronous state and the oscillation coexist (hysteresis). The sweep runs
/// one network (<see cref="BrunelSimulation"/> with <see cref="BrunelSimulation.GI"/> and
/// <see cref="BrunelSimulation.InhibitoryMembrane"/>; C_E = 1000, γ = 0.25, J = 0.1 mV, D = 1.5 ms) and sets the I→I weights
/// to −g_I J between windows: up through the line from the asynchronous side and back down from the oscillating side.
/// The squared oscillation amplitude is read from the population-rate variance χ² (its finite-size part ∝ 1/N_E is the floor).
/// </summary>
public static class ModelBHysteresis
{
    const double Bin = 1e-3;
    const double Block = 0.05;

    /// <summary>Runs one model-B network at g_E = <paramref name="gE"/>, ν_ext/ν_thr = <paramref name="ratio"/>, τ_I =
    /// <paramref name="tauI"/> (s) through the g_I values <paramref name="gIs"/> in turn, <paramref name="settle"/> s each
    /// (measured after the first <paramref name="transient"/> s of the window); N_E = <paramref name="nE"/>, N_I = N_E/4,
    /// started from V uniform on [V_r, θ] at g_I = <paramref name="gIs"/>[0]; <paramref name="threads"/>: kernel threads
    /// (null = default; the numbers do not depend on it).</summary>
    public static ModelBWindow[] Sweep(double gE, double[] gIs, double ratio, double tauI, double settle, double transient,
                                       int nE = 10000, ulong seed = 1, double dt = 1e-4, int? threads = null)
    {
        Guard.NotNull(gIs);
        if (gIs.Length == 0) throw new ArgumentException("gIs is empty: at least one g_I is needed.", nameof(gIs));
        foreach (var g in gIs) Guard.NonNegative(g, nameof(gIs));
        Guard.Positive(settle);
        Guard.NonNegative(transient);
        if (transient >= settle)
            throw new ArgumentException($"transient = {transient} s is invalid: it must be shorter than settle = {settle} s.", nameof(transient));
        Guard.InRange(nE, 1200, 10_000_000);
        var sim = new BrunelSimulation(G: gE, NuExtRatio: ratio, Duration: settle, Warmup: 0, Seed: seed, NE: nE, NI: nE / 4,
                                       Delay: ModelBComparison.Delay, Dt: dt)
        {
            GI = gIs[0],
            InhibitoryMembrane = LifParameters.Brunel2000.With(tau: tauI),
        };
        var (net, e, i) = (sim with { Threads = threads }).Build();
        var rateE = net.MonitorRate(e);
        var rateI = net.MonitorRate(i);
        var ii = net.Projections.Where(p => ReferenceEquals(p.Pre, i) && ReferenceEquals(p.Post, i)).ToArray();
        if (ii.Length != 1) throw new InvalidOperationException($"expected one I->I projection, found {ii.Length}.");
        var result = new ModelBWindow[gIs.Length];
        for (int k = 0; k < gIs.Length; k++)
        {
            double w = -gIs[k] * sim.J;
            ii[0].SetWeights((_, _) => w);
            double t0 = net.Time;
            net.Run(settle);
            result[k] = Measure(gIs[k], rateE.Rates, rateI.Rates, dt, t0 + transient, net.Time);
        }
        return result;
    }

    /// <summary>Measures the window [<paramref name="from"/>, <paramref name="to"/>) (s) from the per-step E and I rates.</summary>
    public static ModelBWindow Measure(double gI, double[] stepRatesE, double[] stepRatesI, double dt, double from, double to)
    {
        Guard.NotNull(stepRatesE); Guard.NotNull(stepRatesI);
        var be = Binned(stepRatesE, dt, from, to);
        var bi = Binned(stepRatesI, dt, from, to);
        double re = be.Average(), ri = bi.Average();
        int per = (int)Math.Round(Block / Bin), nb = be.Length / per;
        double sem = double.NaN;
        if (nb >= 2)
        {
            var c = Enumerable.Range(0, nb).Select(k =>
            {
                var b = be.AsSpan(k * per, per).ToArray();
                return SimulatedRegime.Synchrony(b, Bin, b.Average());
            }).ToArray();
            double m = c.Average();
            sem = Math.Sqrt(c.Sum(x => (x - m) * (x - m)) / (nb - 1) / nb);
        }
        return new ModelBWindow(gI, re, ri, SimulatedRegime.Synchrony(be, Bin, re), sem, SimulatedRegime.Synchrony(bi, Bin, ri),
                                SpikeStatistics.DominantFrequency(be, Bin), SpikeStatistics.DominantFrequency(bi, Bin));
    }

    static double[] Binned(double[] stepRates, double dt, double from, double to)
    {
        var b = SpikeStatistics.BinRate(stepRates, dt, from, to, Bin);
        if (b.Length < 2) throw new ArgumentException($"window [{from}, {to}) s holds {b.Length} bins of {Bin} s: at least 2 are needed.", nameof(from));
        return b;
    }

    /// <summary>One header line and one line per window.</summary>
    public static string Table(IEnumerable<ModelBWindow> windows)
    {
        var sb = new System.Text.StringBuilder();
        sb.AppendLine("  gI   rateE(Hz) rateI(Hz)  chi2E   ±sem    chi2I  peakE(Hz) peakI(Hz)");
        foreach (var w in windows)
            sb.AppendLine(System.FormattableString.Invariant(
                $"{w.GI,5:0.000} {w.RateE,8:0.00} {w.RateI,8:0.00} {w.SynchronyE,7:0.0000} {TableCell.Num(w.SynchronyESem, 6, "0.0000")} {w.SynchronyI,7:0.0000} {w.PeakE,7:0} {w.PeakI,7:0}"));
        return sb.ToString();
    }
}
