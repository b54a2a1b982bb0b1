using System.Globalization;
using System.Text;
using Theory.Experiments.MeanField;
using Theory.MeanField;
using P = Theory.Experiments.Networks.MicrocircuitParameters;

namespace Theory.Experiments.Networks;

/// <summary>Simulated against predicted population-rate spectrum of one microcircuit population.</summary>
/// <param name="Population">Population name.</param>
/// <param name="Bands">Band averages (two-sided density, Hz²/Hz = Hz): simulated ± s.e. over segments, predicted.</param>
/// <param name="PeakSimulatedHz">Frequency of the largest simulated density in [<see cref="MicrocircuitSpectra.PeakLow"/>,
/// <see cref="MicrocircuitSpectra.PeakHigh"/>) Hz, after a running mean over ±<see cref="MicrocircuitSpectra.PeakSmoothingBins"/> bins.</param>
/// <param name="PeakPredictedHz">Frequency of the largest predicted density in the same range, on the same bins.</param>
public sealed record MicrocircuitSpectrumRow(string Population, SpectrumBand[] Bands, double PeakSimulatedHz, double PeakPredictedHz);

/// <summary>Population-rate spectra of a simulated microcircuit next to the linear-response prediction.</summary>
/// <param name="Rows">One per population (L2/3E … L6I).</param>
/// <param name="Segments">Number of Welch segments averaged.</param>
/// <param name="SegmentSeconds">Segment length, s (frequency resolution 1/segment).</param>
/// <param name="BinWidth">Sampling interval of the population rate, s.</param>
/// <param name="Frequencies">Frequencies of the periodogram bins compared, Hz (1/segment … the last band edge).</param>
/// <param name="Simulated">Segment-averaged periodogram, Hz ([population][bin]).</param>
/// <param name="Predicted">Predicted density at the same frequencies, Hz ([population][bin]).</param>
/// <param name="Rates">The predicted stationary rates used, Hz.</param>
public sealed record MicrocircuitSpectrumComparison(MicrocircuitSpectrumRow[] Rows, int Segments, double SegmentSeconds, double BinWidth,
    double[] Frequencies, double[][] Simulated, double[][] Predicted, double[] Rates);

/// <summary>
/// Population-rate spectra of the Potjans &amp; Diesmann (2014) microcircuit: simulation against the finite-size
/// linear-response prediction, as Bos, Diesmann &amp; Helias (2016, PLoS Comput Biol 12:e1005132, Fig. 1E) compare them.
/// <para>Prediction (<see cref="NetworkPrediction.RateSpectrum"/> on <see cref="MicrocircuitPopulationModel.From"/>):
/// at the self-consistent rates (<see cref="MicrocircuitPrediction.Solve"/>) each population's spike trains are the
/// renewal trains of the white-noise LIF with the Fourcaud–Brunel shift, spectrum S0_b(f)
/// (<see cref="LifSpikeTrainSpectrum.Power"/>); their population average has the finite-size noise S0_b/N_b, which the
/// network filters linearly:</para>
/// <code>
///   S_a(f) = Σ_b |[(I − M(2πif))⁻¹]_ab|² S0_b(f)/N_b,
///   M_ab(s) = Σ_k∈(a←b) H_k(s) ν_a' · (K_k J_k, K_k J_k²)-weighted LIF gains,   H_k(s) = Σ_d p_d e^{−s d}/(1 + s τ_s),
/// </code>
/// <para>with the delay distribution of the kernel (normal, redrawn below dt, rounded to steps) and the exponential synaptic
/// filter (Bos et al. 2016 use the colored-noise transfer function of Schuecker et al. 2015; here the white-noise
/// gains with the shifted threshold, <see cref="LifTransferFunction"/>).</para>
/// <para>Simulation: the population rate r_a(t) = count/(N_a Δ) in bins of Δ (default one step, 0.1 ms, so that
/// the binning filter sinc²(πfΔ) ≥ 0.992 up to 500 Hz is ignored), Welch periodograms (Hann window, non-overlapping
/// segments, <see cref="FiniteSizeSpectrumComparison.Periodograms"/>), band means with their standard error from the
/// scatter of the per-segment band means.</para>
/// </summary>
public static class MicrocircuitSpectra
{
    /// <summary>The default band edges, Hz: 1–20, 20–60, 60–100, 100–200, 200–500.</summary>
    public static IReadOnlyList<double> DefaultBands { get; } = [1, 20, 60, 100, 200, 500];

    /// <summary>Lower end of the peak search, Hz (30).</summary>
    public const double PeakLow = 30;

    /// <summary>Upper end of the peak search, Hz (150): the low-γ peak (Bos et al. 2016: ≈ 80 Hz in every population);
    /// the theory's second, high-frequency mode (≈ 230–280 Hz at full scale) lies above.</summary>
    public const double PeakHigh = 150;

    /// <summary>Half width of the running mean before the peak search, bins (2).</summary>
    public const int PeakSmoothingBins = 2;

    /// <summary>The predicted two-sided population-rate spectra S_a(f) (Hz) of the 8 populations of
    /// <paramref name="model"/> at frequency <paramref name="frequency"/> Hz and the stationary <paramref name="rates"/> (Hz).</summary>
    public static double[] Predicted(MicrocircuitModel model, double[] rates, double frequency, double dt = 1e-4,
                                     LinearResponse response = LinearResponse.MeanAndVariance) =>
        NetworkPrediction.RateSpectrum(MicrocircuitPopulationModel.From(model, dt), rates, frequency, response);

    /// <summary>Compares the spectra of a finished simulation (its per-step population rates) with the prediction;
    /// segments of <paramref name="segmentSeconds"/> s, bands <paramref name="edges"/> (default <see cref="DefaultBands"/>).</summary>
    public static MicrocircuitSpectrumComparison Compare(MicrocircuitResult result, double segmentSeconds = 0.5, IReadOnlyList<double>? edges = null,
                                                         LinearResponse response = LinearResponse.MeanAndVariance)
    {
        Guard.NotNull(result);
        return Compare(result.Model, result.StepRates(), result.Config.Dt, segmentSeconds, edges, result.Config.Dt, response);
    }

    /// <summary>Compares population rates <paramref name="rates"/> (Hz, [population][bin], sampled every
    /// <paramref name="binWidth"/> s after the warm-up) of a simulation of <paramref name="model"/> (time step
    /// <paramref name="dt"/> s) with the prediction.</summary>
    /// <exception cref="ArgumentException">Not 8 populations, segments shorter than 8 bins or fewer than 2 segments, bad edges.</exception>
    public static MicrocircuitSpectrumComparison Compare(MicrocircuitModel model, double[][] rates, double binWidth, double segmentSeconds = 0.5,
                                                         IReadOnlyList<double>? edges = null, double dt = 1e-4,
                                                         LinearResponse response = LinearResponse.MeanAndVariance)
    {
        Guard.NotNull(model); Guard.NotNull(rates);
        Guard.Positive(binWidth); Guard.Positive(segmentSeconds); Guard.Positive(dt);
        if (rates.Length != P.Populations)
            throw new ArgumentException($"rates has {rates.Length} populations: it must have {P.Populations}.", nameof(rates));
        var bands = edges ?? DefaultBands;
        int m = (int)Math.Round(segmentSeconds / binWidth);
        if (m < 8) throw new ArgumentException($"segmentSeconds = {segmentSeconds} s is invalid: it must span at least 8 bins of {binWidth} s.", nameof(segmentSeconds));
        double df = 1 / (m * binWidth);
        int kMax = Math.Min(m / 2, (int)Math.Floor(bands[^1] / df));
        var nu = MicrocircuitPrediction.Solve(model).Rates;
        var pm = MicrocircuitPopulationModel.From(model, dt);
        var pred = new double[kMax + 1][];
        pred[0] = new double[P.Populations];
        for (int k = 1; k <= kMax; k++) pred[k] = NetworkPrediction.RateSpectrum(pm, nu, k * df, response);
        var rows = new MicrocircuitSpectrumRow[P.Populations];
        var freqs = Enumerable.Range(1, kMax).Select(k => k * df).ToArray();
        var sim = new double[P.Populations][];
        var prd = new double[P.Populations][];
        int segments = 0;
        for (int a = 0; a < P.Populations; a++)
        {
            int pop = a;
            var w = FiniteSizeSpectrumComparison.Bands(rates[a], binWidth, m, bands, f => pred[(int)Math.Round(f / df)][pop]);
            var per = FiniteSizeSpectrumComparison.Periodograms(rates[a], binWidth, m);
            segments = per.Length;
            sim[a] = Enumerable.Range(1, kMax).Select(k => per.Average(p => p[k])).ToArray();
            prd[a] = Enumerable.Range(1, kMax).Select(k => pred[k][pop]).ToArray();
            rows[a] = new MicrocircuitSpectrumRow(P.Names[a], w.Bands, Peak(freqs, Smooth(sim[a])), Peak(freqs, prd[a]));
        }
        return new MicrocircuitSpectrumComparison(rows, segments, m * binWidth, binWidth, freqs, sim, prd, nu);
    }

    static double[] Smooth(double[] x) =>
        Enumerable.Range(0, x.Length).Select(i =>
        {
            int lo = Math.Max(0, i - PeakSmoothingBins), hi = Math.Min(x.Length - 1, i + PeakSmoothingBins);
            double s = 0;
            for (int j = lo; j <= hi; j++) s += x[j];
            return s / (hi - lo + 1);
        }).ToArray();

    static double Peak(double[] f, double[] s)
    {
        int best = -1;
        for (int i = 0; i < f.Length; i++)
            if (f[i] >= PeakLow && f[i] < PeakHigh && (best < 0 || s[i] > s[best])) best = i;
        return best < 0 ? double.NaN : f[best];
    }

    /// <summary>One line per population and band (invariant culture): simulated ± s.e., predicted, ratio, z; and the peaks.</summary>
    public static string Table(MicrocircuitSpectrumComparison c)
    {
        Guard.NotNull(c);
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(string.Format(inv, "{0} segments of {1:0.###} s, bins {2:0.####} s; band densities in Hz^2/Hz (two-sided)", c.Segments, c.SegmentSeconds, c.BinWidth));
        foreach (var r in c.Rows)
        {
            sb.AppendLine(string.Format(inv, "{0}: peak sim {1:0} Hz, pred {2:0} Hz", r.Population, r.PeakSimulatedHz, r.PeakPredictedHz));
            foreach (var b in r.Bands)
                sb.AppendLine(string.Format(inv, "  {0,4:0}-{1,4:0} Hz: sim {2,10:G4} ± {3,9:G3}  pred {4,10:G4}  ratio {5,6:0.00}  z {6,6:0.0}",
                    b.Low, b.High, b.Simulated, b.SimulatedSe, b.Predicted, b.Ratio, b.Z));
        }
        return sb.ToString();
    }
}
