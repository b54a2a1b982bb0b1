using Theory.Spiking;

namespace Theory.Experiments.ShortTermPlasticity;

/// <summary>
/// A synthetic stand-in for the recorded channel rates of Jia, Vogels &amp; Costa (2022)
/// (djia/dev-stp, time_varying_rates/channel*_rates.mat, which may not be redistributed here).
/// Measured on those files (8 channels × 2400 s in 5 ms bins): mean 9.3 Hz (9.1–9.6), SD 13.6 Hz
/// (12.9–14.2), values are even integers (2 Hz quanta: a count per bin), 7.2 % zero bins, skewness 3.2,
/// a baseline bulk (mode 4 Hz) plus a flat tail of bursts up to ≈ 130 Hz (12 % of bins ≥ 16 Hz),
/// autocorrelation 0.84, 0.76, 0.62, 0.42, 0.19, 0.04 at lags 5, 10, 20, 40, 80, 160 ms
/// (≈ 0.91 e^{−τ/52 ms} plus a 9 % bin-to-bin white part), channels uncorrelated (|r| ≤ 0.01);
/// the excitatory and inhibitory inputs of a channel share its rate.
/// The process matched to these: a unit Ornstein–Uhlenbeck process Y with correlation time τ_c,
/// a rectified-linear burst rate λ(t) = ν₀ + κ (Y − θ)₊, and per 5 ms bin a rate quantised in
/// 2 Hz steps, ν = 2 N, N ~ Poisson(λ/2) (the count noise gives the white part and the zeros).
/// Defaults: ν₀ = 5.2 Hz, θ = 1 (bursts 16 % of the time), κ = 49.2 Hz, τ_c = 95 ms, solving
/// mean = ν₀ + κ[φ(θ) − θ(1 − Φ(θ))] = 9.3 Hz and variance = κ² Var((Y − θ)₊) + 2·9.3 = 13.6² Hz²,
/// τ_c fitted to the autocorrelation at 20–80 ms. Measured on 2400 s of it (seed 1): see
/// docs/MODELS.md (the skewness is ≈ 3.9 and the autocorrelation at 160 ms ≈ 0.08, both above the
/// recording's).
/// </summary>
/// <param name="BaselineRate">Baseline rate ν₀, Hz (default 5.2).</param>
/// <param name="Gain">Burst gain κ, Hz (default 49.2).</param>
/// <param name="Threshold">Burst threshold θ of the unit OU process (default 1).</param>
/// <param name="CorrelationTime">Correlation time τ_c of the OU process, s (default 0.095).</param>
/// <param name="Bin">Bin width, s (default 0.005).</param>
/// <param name="Quantum">Rate quantum, Hz (default 2).</param>
public sealed record SyntheticInputRates(double BaselineRate = 5.2, double Gain = 49.2, double Threshold = 1.0,
    double CorrelationTime = 0.095, double Bin = 0.005, double Quantum = 2.0)
{
    /// <summary>The process matched to the paper's recorded rates.</summary>
    public static SyntheticInputRates JiaVogelsCosta2022 { get; } = new();

    /// <summary>Rates (Hz) of consecutive bins covering <paramref name="duration"/> s.</summary>
    public double[] Generate(double duration, Xoshiro256 rng)
    {
        Guard.Positive(duration); Guard.NotNull(rng); Guard.NonNegative(BaselineRate, nameof(BaselineRate));
        Guard.NonNegative(Gain, nameof(Gain)); Guard.Finite(Threshold, nameof(Threshold));
        Guard.Positive(CorrelationTime, nameof(CorrelationTime)); Guard.Positive(Bin, nameof(Bin)); Guard.Positive(Quantum, nameof(Quantum));
        int n = (int)Math.Ceiling(duration / Bin - 1e-9);
        var rates = new double[n];
        double a = Math.Exp(-Bin / CorrelationTime), b = Math.Sqrt(1 - a * a), y = rng.NextNormal();
        for (int k = 0; k < n; k++)
        {
            y = a * y + b * rng.NextNormal();
            double lambda = BaselineRate + Gain * Math.Max(0, y - Threshold);
            rates[k] = Quantum * Poisson(lambda / Quantum, rng);
        }
        return rates;
    }

    /// <summary>Independent rate functions ν_c(t) (Hz, t in s) for <paramref name="channels"/>
    /// channels, each a generated sequence of <paramref name="duration"/> s held per bin and repeated
    /// cyclically (as the paper's code cycles its recordings).</summary>
    public Func<double, double>[] Channels(int channels, double duration, ulong seed)
    {
        Guard.Positive(channels);
        return Enumerable.Range(0, channels).Select(c =>
        {
            var r = Generate(duration, new Xoshiro256(seed, (ulong)c + 1));
            double bin = Bin;
            return (Func<double, double>)(t => r[(int)(Math.Max(0, t) / bin + 1e-9) % r.Length]);
        }).ToArray();
    }

    static int Poisson(double lambda, Xoshiro256 rng)
    {
        if (lambda <= 0) return 0;
        if (lambda > 200) return Math.Max(0, (int)Math.Round(lambda + Math.Sqrt(lambda) * rng.NextNormal()));
        double l = Math.Exp(-lambda), p = 1;
        int k = 0;
        while (true)
        {
            p *= rng.NextDouble();
            if (p < l) return k;
            k++;
        }
    }
}
