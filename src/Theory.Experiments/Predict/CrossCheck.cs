using Deedle;
using Theory.Experiments.Statistics;
using Theory.MeanField;
using Theory.Spiking;

namespace Theory.Experiments.Predict;

/// <summary>One population of a cross-check: prediction next to simulation.</summary>
/// <param name="Population">Population name.</param>
/// <param name="RatePredicted">Predicted rate of the reported state, Hz.</param>
/// <param name="RateSimulated">Simulated rate after the warm-up, mean over seeds, Hz.</param>
/// <param name="RateSe">Standard error of <paramref name="RateSimulated"/>: s.d. over seeds/√n for ≥ 2 seeds, else the
/// s.e. of the means of 100 ms blocks of the one run, Hz.</param>
/// <param name="CvPredicted">Predicted ISI CV.</param>
/// <param name="CvSimulated">Mean ISI CV of the neurons with ≥ 3 spikes, mean over seeds.</param>
/// <param name="Regime">Predicted regime of the reported state (AI, SR, SI-fast, SI-slow, saddle).</param>
/// <param name="FrequencyPredicted">Predicted dominant frequency, Hz: the oscillation frequency of an unstable state, else
/// the peak above 5 Hz of the predicted finite-size spectrum (NaN if flat).</param>
/// <param name="FrequencySimulated">Peak above 5 Hz of the simulated population-rate spectrum (1 ms bins), Hz.</param>
/// <param name="Tolerance">|predicted − simulated| allowed, Hz: 3 s.e. + allowance·predicted + 0.1 Hz.</param>
/// <param name="Verdict">"agree", "disagree", or "not-applicable" (the predicted state is unstable: its rates are not a
/// prediction of what the network does).</param>
public sealed record CrossCheckRow(string Population, double RatePredicted, double RateSimulated, double RateSe, double CvPredicted,
    double CvSimulated, string Regime, double FrequencyPredicted, double FrequencySimulated, double Tolerance, string Verdict);

/// <summary>Result of <see cref="CrossCheck.Run(NetworkDescription, double, int, int?, double, double, ulong)"/>.</summary>
/// <param name="Network">The description simulated and predicted.</param>
/// <param name="State">The predicted state compared (the lowest-rate stable state, else the lowest non-saddle one).</param>
/// <param name="Rows">One row per population.</param>
/// <param name="Frequencies">Frequencies of the spectra, Hz.</param>
/// <param name="SpectrumPredicted">Predicted finite-size spectrum per population (two-sided, Hz), NaN if the state is unstable.</param>
/// <param name="SpectrumSimulated">Simulated spectrum of the population rate per population (two-sided density
/// Δ|FFT|²/n of the 1 ms-binned rate, averaged over seeds and interpolated to <paramref name="Frequencies"/>), Hz.</param>
/// <param name="RunSeconds">Wall time of the simulations, s.</param>
public sealed record CrossCheckResult(NetworkDescription Network, PredictedState State, CrossCheckRow[] Rows, double[] Frequencies,
    double[][] SpectrumPredicted, double[][] SpectrumSimulated, double RunSeconds)
{
    /// <summary>Columns population, rate_predicted_hz, rate_simulated_hz, rate_se_hz, cv_predicted, cv_simulated, regime,
    /// frequency_predicted_hz, frequency_simulated_hz, tolerance_hz, verdict.</summary>
    public Frame<int, string> Frame
    {
        get
        {
            Series<int, T> Col<T>(Func<CrossCheckRow, T> f) => new(Enumerable.Range(0, Rows.Length), Rows.Select(f).ToArray());
            var b = new FrameBuilder.Columns<int, string>();
            b.Add("population", Col(r => r.Population));
            b.Add("rate_predicted_hz", Col(r => r.RatePredicted));
            b.Add("rate_simulated_hz", Col(r => r.RateSimulated));
            b.Add("rate_se_hz", Col(r => r.RateSe));
            b.Add("cv_predicted", Col(r => r.CvPredicted));
            b.Add("cv_simulated", Col(r => r.CvSimulated));
            b.Add("regime", Col(r => r.Regime));
            b.Add("frequency_predicted_hz", Col(r => r.FrequencyPredicted));
            b.Add("frequency_simulated_hz", Col(r => r.FrequencySimulated));
            b.Add("tolerance_hz", Col(r => r.Tolerance));
            b.Add("verdict", Col(r => r.Verdict));
            return b.Frame;
        }
    }
}

/// <summary>
/// Predicts (<see cref="NetworkPrediction"/>) and simulates (<see cref="NetworkDescription.Build"/>) one network and
/// compares them per population. Verdict per population: |ν_pred − ν_sim| ≤ 3 s.e. + a·ν_pred + 0.1 Hz, with the
/// statistical part from the run (s.e. over seeds or time blocks) and the stated allowance a (default 10 %) for what the
/// theory leaves out at finite N and finite PSPs (the diffusion approximation's error for J = 0.1 mV, θ − V_r = 10 mV
/// and the finite-size bias are a few per cent in Brunel's model, cf. the Brunel cross-checks of this suite).
/// </summary>
public static class CrossCheck
{
    /// <summary>Bin of the population rate, s.</summary>
    public const double BinWidth = 1e-3;

    /// <summary>Runs the cross-check of <paramref name="network"/> for <paramref name="duration"/> s per seed
    /// (<paramref name="seeds"/> seeds from <paramref name="firstSeed"/>, <paramref name="threads"/> kernel threads,
    /// <paramref name="warmup"/> s discarded), with relative allowance <paramref name="allowance"/>.</summary>
    public static CrossCheckResult Run(NetworkDescription network, double duration = 1.0, int seeds = 1, int? threads = null,
                                       double warmup = 0.2, double allowance = 0.1, ulong firstSeed = 1)
    {
        Guard.NotNull(network).Validated();
        Guard.Positive(duration);
        Guard.InRange(seeds, 1, 1000);
        Guard.NonNegative(warmup);
        if (!(warmup + 0.1 <= duration))
            throw new ArgumentException($"duration = {duration} s is invalid: it must exceed warmup = {warmup} s by at least 0.1 s.", nameof(duration));
        Guard.InRange(allowance, 0, 10);
        var model = network.ToPopulationModel();
        var states = NetworkPrediction.Predict(model);
        if (states.Length == 0) throw new ArithmeticException($"no stationary state found for network '{network.Name}'.");
        var state = states.FirstOrDefault(s => s.Stability.Stable) ?? states.FirstOrDefault(s => s.Stability.Regime != "saddle") ?? states[0];
        int p = network.Populations.Length;
        double window = duration - warmup;
        var rates = new double[seeds][];
        var blockSe = new double[p];
        var cvs = new double[seeds][];
        var peaks = new double[seeds][];
        var freqs = Enumerable.Range(1, 400).Select(k => (double)k).ToArray();
        var specSim = Enumerable.Range(0, p).Select(_ => new double[freqs.Length]).ToArray();
        double run = 0;
        for (int s = 0; s < seeds; s++)
        {
            var (net, pops) = network.Build(firstSeed + (ulong)s, threads);
            var spikes = pops.Select(q => net.MonitorSpikes(q, from: warmup)).ToArray();
            var rm = pops.Select(q => net.MonitorRate(q)).ToArray();
            net.Run(duration);
            run += net.LastRunSeconds;
            rates[s] = new double[p]; cvs[s] = new double[p]; peaks[s] = new double[p];
            for (int a = 0; a < p; a++)
            {
                rates[s][a] = spikes[a].Count / (pops[a].Size * window);
                cvs[s][a] = SpikeStatistics.MeanCv(spikes[a].Trains()).Mean;
                var binned = rm[a].Binned(BinWidth, warmup);
                peaks[s][a] = binned.Length >= 16 ? SpikeStatistics.DominantFrequency(binned, BinWidth) : double.NaN;
                if (binned.Length >= 16)
                {
                    var (f, pw) = SpikeStatistics.PowerSpectrum(binned, BinWidth);
                    for (int k = 0; k < freqs.Length; k++)
                        specSim[a][k] += Interpolate(f, pw, freqs[k]) * BinWidth / binned.Length / seeds;
                }
                if (seeds == 1)
                {
                    int per = (int)Math.Round(0.1 / BinWidth), nb = binned.Length / per;
                    if (nb >= 2)
                    {
                        var means = Enumerable.Range(0, nb).Select(i => binned.Skip(i * per).Take(per).Average()).ToArray();
                        double m = means.Average();
                        blockSe[a] = Math.Sqrt(means.Sum(x => (x - m) * (x - m)) / (nb - 1) / nb);
                    }
                    else blockSe[a] = double.NaN;
                }
            }
        }
        var specPred = new double[p][];
        for (int a = 0; a < p; a++) specPred[a] = new double[freqs.Length];
        if (state.Stability.Stable)
            for (int k = 0; k < freqs.Length; k++)
            {
                var sk = NetworkPrediction.RateSpectrum(model, state.Rates, freqs[k]);
                for (int a = 0; a < p; a++) specPred[a][k] = sk[a];
            }
        else foreach (var row in specPred) Array.Fill(row, double.NaN);
        var rows = new CrossCheckRow[p];
        for (int a = 0; a < p; a++)
        {
            var ra = rates.Select(r => r[a]).ToArray();
            double mean = ra.Average();
            double se = seeds >= 2 ? Math.Sqrt(ra.Sum(x => (x - mean) * (x - mean)) / (seeds - 1) / seeds) : blockSe[a];
            double pred = state.Rates[a];
            double tol = 3 * (double.IsFinite(se) ? se : 0) + allowance * pred + 0.1;
            string verdict = !state.Stability.Stable ? "not-applicable" : Math.Abs(pred - mean) <= tol ? "agree" : "disagree";
            double fPred = !state.Stability.Stable ? state.Stability.OscillationFrequency : PeakAbove(freqs, specPred[a], 5);
            var cvSim = cvs.Select(c => c[a]).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average();
            var pk = peaks.Select(c => c[a]).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average();
            rows[a] = new CrossCheckRow(network.Populations[a].Name, pred, mean, se, state.Cv[a], cvSim, state.Stability.Regime, fPred, pk, tol, verdict);
        }
        return new CrossCheckResult(network, state, rows, freqs, specPred, specSim, run);
    }

    static double Interpolate(double[] x, double[] y, double at)
    {
        int i = Array.BinarySearch(x, at);
        if (i >= 0) return y[i];
        i = ~i;
        if (i == 0) return y[0];
        if (i >= x.Length) return y[^1];
        double t = (at - x[i - 1]) / (x[i] - x[i - 1]);
        return y[i - 1] + t * (y[i] - y[i - 1]);
    }

    /// <summary>Frequency of an interior maximum of <paramref name="s"/> above <paramref name="fMin"/> (NaN if the spectrum has
    /// none, i.e. decreases or increases monotonically).</summary>
    static double PeakAbove(double[] f, double[] s, double fMin)
    {
        double best = double.NaN, bestS = double.NegativeInfinity;
        for (int k = 1; k + 1 < f.Length; k++)
            if (f[k] > fMin && s[k] >= s[k - 1] && s[k] >= s[k + 1] && s[k] > bestS) { bestS = s[k]; best = f[k]; }
        return best;
    }
}
