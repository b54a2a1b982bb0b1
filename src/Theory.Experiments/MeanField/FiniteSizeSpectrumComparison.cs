using System.Numerics;
using MathNet.Numerics.IntegralTransforms;
using Theory.Experiments.Networks;
using Theory.Experiments.Statistics;
using Theory.MeanField;

namespace Theory.Experiments.MeanField;

/// <summary>Mean spectral density of the binned population rate in one frequency band: simulated (Welch) next to predicted.</summary>
/// <param name="Low">Lower band edge (inclusive), Hz.</param>
/// <param name="High">Upper band edge (exclusive), Hz.</param>
/// <param name="Simulated">Welch estimate averaged over the band's frequency bins and the segments, Hz (two-sided).</param>
/// <param name="SimulatedSe">Its standard error from the scatter of the per-segment band means over the segments, Hz.</param>
/// <param name="Predicted">The binned finite-size spectrum <see cref="BrunelFiniteSize.BinnedSpectrum"/> averaged over the same bins, Hz.</param>
public sealed record SpectrumBand(double Low, double High, double Simulated, double SimulatedSe, double Predicted)
{
    /// <summary>Simulated/predicted.</summary>
    public double Ratio => Simulated / Predicted;

    /// <summary>(simulated − predicted)/s.e.</summary>
    public double Z => (Simulated - Predicted) / SimulatedSe;
}

/// <summary>Welch band comparison: the bands, the number of segments averaged, and the frequency (Hz) of the largest
/// segment-averaged periodogram bin above 5 Hz.</summary>
/// <param name="Bands">The compared frequency bands.</param>
/// <param name="Segments">Number of segments averaged.</param>
/// <param name="Peak">Frequency of the largest segment-averaged periodogram bin above 5 Hz, Hz.</param>
public sealed record WelchBands(SpectrumBand[] Bands, int Segments, double Peak);

/// <summary>A simulated asynchronous Brunel network next to the finite-size prediction of its population-rate spectrum.</summary>
/// <param name="Theory">Analytic point (must be AI).</param>
/// <param name="Run">The simulation.</param>
/// <param name="Prediction">Finite-size prediction with the white-noise LIF spike-train spectrum.</param>
/// <param name="PoissonPrediction">The same with Poisson spike trains (S₀ = ν₀).</param>
/// <param name="Synchrony">Simulated χ² = Var(A)Δ/ν̄ (1 ms bins).</param>
/// <param name="Peak">Frequency of the largest Welch band-bin above 5 Hz, Hz.</param>
/// <param name="Segments">Number of Welch segments.</param>
/// <param name="Bands">Band comparison from 0 to the Nyquist frequency.</param>
public sealed record FiniteSizeComparison(BrunelTheoryPoint Theory, BrunelResult Run, FiniteSizePrediction Prediction,
                                          FiniteSizePrediction PoissonPrediction, double Synchrony, double Peak, int Segments,
                                          SpectrumBand[] Bands)
{
    /// <summary>Centre of the band (above the first) with the largest simulated density, Hz: the resonance located on the
    /// band-averaged spectrum (the single largest periodogram bin, <see cref="Peak"/>, wanders over a flat top).</summary>
    public double BandPeak => Bands.Skip(1).MaxBy(b => b.Simulated) is { } b ? 0.5 * (b.Low + b.High) : double.NaN;

    /// <summary>Simulated χ² over predicted χ²_lin (white-noise LIF S₀).</summary>
    public double SynchronyRatio => Synchrony / Prediction.Synchrony;

    /// <summary>Relative standard error of the simulated χ² predicted for this run length, √(2/(T·B)).</summary>
    public double SynchronyRelativeError => Prediction.SynchronyRelativeError(Run.Config.Duration - Run.Config.Warmup);
}

/// <summary>
/// Simulated population-rate spectrum of Brunel (2000) model A in an AI state (<see cref="BrunelSimulation"/>, 1 ms bins of
/// the excitatory rate) against the finite-size linear-response prediction (<see cref="BrunelFiniteSize"/>). The spectrum
/// is estimated by Welch's method: non-overlapping segments, Hann window w, periodogram Δ|Σw_n(A_n − Ā)e^{−2πikn/M}|²/Σw_n²
/// (an estimate of the two-sided density of the binned rate, whose integral over ±1/(2Δ) is Var A), averaged over the
/// frequency bins of each band; the standard error of a band comes from the scatter of its per-segment means.
/// </summary>
public static class FiniteSizeSpectrumComparison
{
    /// <summary>Band comparison of a rate sampled every <paramref name="binWidth"/> s with <paramref name="predicted"/>
    /// (a function of frequency in Hz), segments of <paramref name="segmentBins"/> samples, bands of
    /// <paramref name="bandWidth"/> Hz from 0 (the zero-frequency bin excluded) to the Nyquist frequency.</summary>
    public static WelchBands Bands(double[] rate, double binWidth, int segmentBins, double bandWidth,
                                                                          Func<double, double> predicted)
    {
        Guard.Positive(binWidth);
        Guard.Positive(bandWidth);
        double nyquist = 0.5 / binWidth;
        var edges = new List<double>();
        for (double lo = 0; lo < nyquist - 1e-9; lo += bandWidth) edges.Add(lo);
        edges.Add(Math.Min(edges[^1] + bandWidth, nyquist + 1e-9));
        return Bands(rate, binWidth, segmentBins, edges, predicted);
    }

    /// <summary>Band comparison as <see cref="Bands(double[], double, int, double, Func{double, double})"/> with the
    /// bands [edges[i], edges[i+1]) Hz (ascending; the zero-frequency bin is always excluded; empty bands are left out).</summary>
    public static WelchBands Bands(double[] rate, double binWidth, int segmentBins, IReadOnlyList<double> edges,
                                   Func<double, double> predicted)
    {
        Guard.NotNull(rate);
        Guard.Positive(binWidth);
        Guard.InRange(segmentBins, 8, Math.Max(8, rate.Length));
        Guard.NotNull(edges);
        Guard.NotNull(predicted);
        if (edges.Count < 2) throw new ArgumentException($"edges has {edges.Count} entries: at least 2 are needed.", nameof(edges));
        for (int i = 1; i < edges.Count; i++)
            if (!(edges[i] > edges[i - 1]))
                throw new ArgumentException($"edges[{i}] = {edges[i]} is invalid: the edges must ascend (edges[{i - 1}] = {edges[i - 1]}).", nameof(edges));
        var power = Periodograms(rate, binWidth, segmentBins);
        int m = segmentBins, segments = power.Length;
        double df = 1 / (m * binWidth);
        var avg = Enumerable.Range(0, m / 2 + 1).Select(k => power.Average(p => p[k])).ToArray();
        int peakBin = Enumerable.Range(0, m / 2 + 1).Where(k => k * df > 5).MaxBy(k => avg[k]);
        var bands = new List<SpectrumBand>();
        for (int e = 0; e + 1 < edges.Count; e++)
        {
            double lo = edges[e], hi = edges[e + 1];
            var ks = Enumerable.Range(1, m / 2).Where(k => k * df >= lo && k * df < hi).ToArray();
            if (ks.Length == 0) continue;
            var per = power.Select(p => ks.Average(k => p[k])).ToArray();
            double mu = per.Average();
            double se = Math.Sqrt(per.Sum(x => (x - mu) * (x - mu)) / (segments - 1) / segments);
            bands.Add(new SpectrumBand(lo, hi, mu, se, ks.Average(k => predicted(k * df))));
        }
        return new WelchBands(bands.ToArray(), segments, peakBin * df);
    }

    /// <summary>Welch periodograms of <paramref name="rate"/> (sampled every <paramref name="binWidth"/> s): one per
    /// non-overlapping segment of <paramref name="segmentBins"/> samples, Hann window, the mean of the whole record
    /// subtracted, bins k = 0 … M/2 at f = k/(M Δ), two-sided density (Hz²/Hz for a rate in Hz) [segment][bin].</summary>
    /// <exception cref="ArgumentException">Fewer than 2 segments.</exception>
    public static double[][] Periodograms(double[] rate, double binWidth, int segmentBins)
    {
        Guard.NotNull(rate);
        Guard.Positive(binWidth);
        Guard.InRange(segmentBins, 8, Math.Max(8, rate.Length));
        int m = segmentBins, segments = rate.Length / m;
        if (segments < 2) throw new ArgumentException($"rate.Length = {rate.Length} is invalid: at least 2 segments of {m} samples are needed.", nameof(rate));
        double mean = rate.Average();
        var w = Enumerable.Range(0, m).Select(n => 0.5 - 0.5 * Math.Cos(2 * Math.PI * n / m)).ToArray();
        double w2 = w.Sum(x => x * x);
        var power = new double[segments][];
        for (int s = 0; s < segments; s++)
        {
            var z = new Complex[m];
            for (int n = 0; n < m; n++) z[n] = new Complex((rate[s * m + n] - mean) * w[n], 0);
            Fourier.Forward(z, FourierOptions.NoScaling);
            power[s] = Enumerable.Range(0, m / 2 + 1).Select(k => binWidth * z[k].Magnitude * z[k].Magnitude / w2).ToArray();
        }
        return power;
    }

    /// <summary>Simulates (g, ν_ext/ν_thr) (N_E = 10 000, dt = 0.1 ms, seed <paramref name="seed"/>, <paramref name="duration"/> s
    /// analysed after <paramref name="warmup"/> s) and compares its 1 ms-binned excitatory rate spectrum with the prediction in
    /// bands of <paramref name="bandWidth"/> Hz (Welch segments of <paramref name="segmentSeconds"/> s). Throws if the analytic
    /// state is not AI (no prediction there).</summary>
    public static FiniteSizeComparison Run(double g, double ratio, ulong seed, double duration, double warmup = 0.2, double j = 1e-4,
                                           double segmentSeconds = 0.25, double bandWidth = 20)
    {
        Guard.Positive(duration);
        Guard.Positive(segmentSeconds);
        var theory = BrunelTheory.At(g, ratio, j);
        if (theory.Regime != "AI")
            throw new ArgumentException($"(g, ratio) = ({g}, {ratio}) is invalid: the analytic regime is {theory.Regime}, the finite-size spectrum needs AI.", nameof(g));
        var net = BrunelTheory.Network(g, ratio, j);
        var sim = new BrunelSimulation(G: g, NuExtRatio: ratio, Duration: duration + warmup, Warmup: warmup, Seed: seed, J: j);
        var state = new StationaryState(theory.Rate, theory.Mu, theory.Sigma);
        var model = BrunelFiniteSize.Create(net, state, sim.NE, sim.NI);
        var lif = BrunelFiniteSize.Predict(net, state, sim.NE, sim.NI, 1e-3);
        var poisson = BrunelFiniteSize.Predict(net, state, sim.NE, sim.NI, 1e-3, SingleNeuronSpectrum.Poisson);
        var run = sim.Run();
        const double bin = 1e-3;
        var w = Bands(run.PopulationRate, bin, (int)Math.Round(segmentSeconds / bin), bandWidth, f => model.BinnedSpectrum(f, bin));
        return new FiniteSizeComparison(theory, run, lif, poisson, SimulatedRegime.Synchrony(run.PopulationRate, bin, run.RateHz), w.Peak, w.Segments, w.Bands);
    }

    /// <summary>Summary line and one line per band, for logs and reports.</summary>
    public static string Table(FiniteSizeComparison c)
    {
        var sb = new System.Text.StringBuilder();
        var t = c.Theory;
        sb.AppendLine(System.FormattableString.Invariant(
            $"({t.G:0.##}, {t.NuExtRatio:0.##}) J={1e3 * c.Run.Config.J:0.##} mV seed {c.Run.Config.Seed}, {c.Run.Config.Duration - c.Run.Config.Warmup:0.#} s, {c.Segments} segments: rate {c.Run.RateHz:0.00} Hz (theory {t.Rate:0.00}), CV {c.Run.MeanCv:0.00}; chi2 sim {c.Synchrony:0.00000} (x N_E {c.Synchrony * c.Run.Config.NE:0.0}), lin {c.Prediction.Synchrony:0.00000} (Poisson S0 {c.PoissonPrediction.Synchrony:0.00000}), ratio {c.SynchronyRatio:0.000} (rel. s.e. {c.SynchronyRelativeError:0.000}); peak sim {c.Peak:0.0} Hz (band {c.BandPeak:0}), lin {c.Prediction.PeakFrequency:0.0} Hz"));
        foreach (var b in c.Bands)
            sb.AppendLine(System.FormattableString.Invariant(
                $"  {b.Low,5:0}-{b.High,5:0} Hz: sim {b.Simulated,9:0.0000} ± {b.SimulatedSe,8:0.0000}  lin {b.Predicted,9:0.0000}  ratio {b.Ratio,6:0.00}  z {b.Z,6:0.0}"));
        return sb.ToString();
    }
}
