using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace Theory.Experiments.Statistics;

/// <summary>Mean ISI coefficient of variation over the neurons that fired enough spikes (<see cref="SpikeStatistics.MeanCv"/>).</summary>
/// <param name="Mean">Mean CV (NaN when no neuron qualifies).</param>
/// <param name="Neurons">Number of neurons averaged.</param>
public readonly record struct MeanCvResult(double Mean, int Neurons);

/// <summary>One-sided power spectrum of a binned rate (<see cref="SpikeStatistics.PowerSpectrum"/>).</summary>
/// <param name="Frequencies">Frequencies, Hz.</param>
/// <param name="Power">|FFT(r − mean r)|² at each frequency (unnormalised).</param>
public sealed record PowerSpectrumResult(double[] Frequencies, double[] Power);

/// <summary>Summary statistics of spike trains and population rates, as the reference
/// simulators compute them (shared/peers scripts).</summary>
public static class SpikeStatistics
{
    /// <summary>Coefficient of variation of the interspike intervals of one train,
    /// CV = sd(ISI)/mean(ISI) (population sd, as numpy's std), or NaN with fewer than
    /// <paramref name="minSpikes"/> spikes.</summary>
    public static double Cv(double[] train, int minSpikes = 3)
    {
        if (train.Length < Math.Max(minSpikes, 3)) return double.NaN;
        int n = train.Length - 1;
        double mean = 0;
        for (int k = 0; k < n; k++) mean += train[k + 1] - train[k];
        mean /= n;
        double var = 0;
        for (int k = 0; k < n; k++) { double d = train[k + 1] - train[k] - mean; var += d * d; }
        return Math.Sqrt(var / n) / mean;
    }

    /// <summary>Mean ISI CV over the neurons with at least <paramref name="minSpikes"/> spikes
    /// (NaN if none qualifies), and how many neurons entered the mean.</summary>
    public static MeanCvResult MeanCv(IEnumerable<double[]> trains, int minSpikes = 3)
    {
        Guard.NotNull(trains);
        double sum = 0; int count = 0;
        foreach (var t in trains)
        {
            double cv = Cv(t, minSpikes);
            if (!double.IsNaN(cv)) { sum += cv; count++; }
        }
        return new(count == 0 ? double.NaN : sum / count, count);
    }

    /// <summary>Power spectrum |FFT(r − mean r)|² of a rate sampled every <paramref name="binWidth"/>
    /// seconds, at the non-negative frequencies k/(n·binWidth), k = 0 … n/2.</summary>
    public static PowerSpectrumResult PowerSpectrum(double[] rate, double binWidth)
    {
        int n = rate.Length;
        if (n < 2) throw new ArgumentException($"rate.Length = {n} is invalid: at least 2 samples are needed.", nameof(rate));
        double mean = rate.Average();
        var z = rate.Select(r => new Complex(r - mean, 0)).ToArray();
        Fourier.Forward(z, FourierOptions.NoScaling);
        int m = n / 2 + 1;
        var f = new double[m];
        var p = new double[m];
        for (int k = 0; k < m; k++) { f[k] = k / (n * binWidth); p[k] = z[k].Magnitude * z[k].Magnitude; }
        return new(f, p);
    }

    /// <summary>Frequency of the largest spectral peak above <paramref name="minFrequency"/> Hz.</summary>
    public static double DominantFrequency(double[] rate, double binWidth, double minFrequency = 5)
    {
        var (f, p) = PowerSpectrum(rate, binWidth);
        double best = double.NaN, bestPower = -1;
        for (int k = 0; k < f.Length; k++)
            if (f[k] > minFrequency && p[k] > bestPower) { bestPower = p[k]; best = f[k]; }
        return best;
    }

    /// <summary>Averages a per-step rate (one value per time step dt) over bins of
    /// <paramref name="width"/> seconds within the window [<paramref name="from"/>, <paramref name="to"/>):
    /// bin k is the mean of steps s₀ + k·m … s₀ + (k + 1)·m − 1, with s₀ = round(from/dt), m = round(width/dt);
    /// an incomplete last bin is dropped.</summary>
    /// <param name="stepRates">Rate at each step (Hz).</param>
    /// <param name="dt">Time step (s), &gt; 0.</param>
    /// <param name="from">Window start (s), ≥ 0.</param>
    /// <param name="to">Window end (s), &gt; from; clipped to the series.</param>
    /// <param name="width">Bin width (s), at least one step.</param>
    public static double[] BinRate(double[] stepRates, double dt, double from, double to, double width)
    {
        ArgumentNullException.ThrowIfNull(stepRates);
        if (!(dt > 0) || !double.IsFinite(dt))
            throw new ArgumentException($"dt = {dt} s is invalid: it must be finite and > 0.", nameof(dt));
        if (!(from >= 0) || !double.IsFinite(from))
            throw new ArgumentException($"from = {from} s is invalid: it must be finite and ≥ 0.", nameof(from));
        if (!(to > from) || !double.IsFinite(to))
            throw new ArgumentException($"to = {to} s is invalid: it must be finite and > from = {from} s.", nameof(to));
        int per = (int)Math.Round(width / dt);
        if (!double.IsFinite(width) || per < 1)
            throw new ArgumentException($"width = {width} s is invalid: it must hold at least one step of {dt} s.", nameof(width));
        int s0 = (int)Math.Round(from / dt), s1 = Math.Min(stepRates.Length, (int)Math.Round(to / dt));
        int nb = Math.Max(0, (s1 - s0) / per);
        var b = new double[nb];
        for (int k = 0; k < nb; k++)
        {
            double sum = 0;
            for (int s = s0 + k * per; s < s0 + (k + 1) * per; s++) sum += stepRates[s];
            b[k] = sum / per;
        }
        return b;
    }

    /// <summary>Population variance of a sample.</summary>
    public static double Variance(double[] x)
    {
        double m = x.Average();
        return x.Sum(v => (v - m) * (v - m)) / x.Length;
    }
}
