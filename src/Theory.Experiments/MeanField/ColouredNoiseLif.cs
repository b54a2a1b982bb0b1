using System.Numerics;
using MathNet.Numerics.IntegralTransforms;
using Theory.MeanField;
using Theory.Spiking;

namespace Theory.Experiments.MeanField;

/// <summary>Spike-train statistics of a LIF neuron driven by stationary Gaussian noise of a prescribed spectrum, estimated
/// by simulation (<see cref="ColouredNoiseLif.Sample"/>), in frequency bands.</summary>
/// <param name="Rate">Firing rate ν (spikes over the analysed time), Hz.</param>
/// <param name="RateSe">Standard error of the rate from the scatter of the trials' rates, Hz.</param>
/// <param name="Cv">Coefficient of variation of the interspike intervals (all trials pooled).</param>
/// <param name="Frequencies">Band centres (mean frequency of the periodogram bins of each band), Hz.</param>
/// <param name="Power">Two-sided spike-train spectrum S_x(f) averaged over each band, Hz.</param>
/// <param name="PowerSe">Its standard error from the scatter of the per-segment band means, Hz.</param>
/// <param name="Susceptibility">Mean-input susceptibility χ_μ(f) = S_xη/S_ηη per band (Furutsu–Novikov), Hz/V.</param>
/// <param name="SusceptibilitySe">Standard error of <paramref name="Susceptibility"/> (ratio estimator over the segments:
/// √(Σ_s|C_s − χQ_s|²)/ΣQ_s, C_s and Q_s the band sums of the cross- and input periodograms of segment s), Hz/V.</param>
/// <param name="Segments">Number of Welch segments averaged (all trials).</param>
public sealed record ColouredSpikeTrain(double Rate, double RateSe, double Cv, double[] Frequencies, double[] Power,
                                        double[] PowerSe, Complex[] Susceptibility, double[] SusceptibilitySe, int Segments)
{
    /// <summary>S_x(f) (Hz) at |<paramref name="frequency"/>| (Hz): linear interpolation between band centres, the first
    /// band's value below the first centre, and the high-frequency limit ν above the last centre.</summary>
    public double PowerAt(double frequency) => Interpolate(Math.Abs(Guard.Finite(frequency)), Power, Rate);

    /// <summary>χ_μ(f) (Hz/V) at |<paramref name="frequency"/>| (Hz) by linear interpolation (real and imaginary part);
    /// <paramref name="fallback"/> above the last band centre. For f &lt; 0 the complex conjugate.</summary>
    public Complex SusceptibilityAt(double frequency, Func<double, Complex> fallback)
    {
        double f = Math.Abs(Guard.Finite(frequency));
        Complex c;
        if (f > Frequencies[^1]) c = Guard.NotNull(fallback)(f);
        else
        {
            double re = Interpolate(f, Susceptibility.Select(x => x.Real).ToArray(), double.NaN);
            double im = Interpolate(f, Susceptibility.Select(x => x.Imaginary).ToArray(), double.NaN);
            c = new Complex(re, im);
        }
        return frequency < 0 ? Complex.Conjugate(c) : c;
    }

    double Interpolate(double f, double[] y, double above)
    {
        if (f <= Frequencies[0]) return y[0];
        if (f > Frequencies[^1]) return above;
        int i = Array.BinarySearch(Frequencies, f);
        if (i >= 0) return y[i];
        i = ~i;
        double w = (f - Frequencies[i - 1]) / (Frequencies[i] - Frequencies[i - 1]);
        return (1 - w) * y[i - 1] + w * y[i];
    }
}

/// <summary>Numerical settings of <see cref="ColouredNoiseLif.Sample"/>.</summary>
/// <param name="Trials">Independent trials (each one circulant noise realisation), ≥ 1.</param>
/// <param name="StepsLog2">Each trial has 2^StepsLog2 time steps (16 … 24).</param>
/// <param name="Dt">Time step, s (the noise is band-limited to 1/(2Δt)).</param>
/// <param name="SegmentLog2">Welch segments of 2^SegmentLog2 steps (8 … StepsLog2 − 1); the first segment of each trial is
/// discarded as warm-up.</param>
/// <param name="BandWidth">Width of the frequency bands, Hz.</param>
/// <param name="MaxFrequency">Upper end of the last band, Hz (≤ 1/(2Δt)).</param>
public sealed record ColouredNoiseSampling(int Trials = 8, int StepsLog2 = 20, double Dt = 5e-5, int SegmentLog2 = 13,
                                           double BandWidth = 10, double MaxFrequency = 1600)
{
    /// <summary>Checks every setting (ArgumentException naming the setting, its value and the valid range).</summary>
    public ColouredNoiseSampling Validated()
    {
        Guard.InRange(Trials, 1, 100_000);
        Guard.InRange(StepsLog2, 16, 24);
        Guard.InRange(Dt, 1e-7, 1e-3);
        Guard.InRange(SegmentLog2, 8, StepsLog2 - 1);
        Guard.Positive(BandWidth);
        Guard.InRange(MaxFrequency, BandWidth, 0.5 / Dt);
        return this;
    }
}

/// <summary>
/// A LIF neuron driven by stationary Gaussian noise with a prescribed spectrum,
/// <code>  τ dV/dt = −V + μ + η(t),   ⟨η̃(f)η̃*(f′)⟩ = S_η(f) δ(f − f′),</code>
/// threshold θ, reset V_r, absolute refractory period τ_rp (the input during τ_rp is discarded, as in the network kernel):
/// the single-neuron step of the self-consistent scheme of Dummer, Wieland &amp; Lindner (2014) Front Comput Neurosci 8:104
/// (their "Gaussian approximation": a Gaussian current with the spectrum of the previous generation), in which the spike-train spectrum under coloured input — which has no closed form
/// for the LIF — is obtained by simulating a single neuron. For white input (S_η = σ²τ) this is the diffusion LIF of
/// <see cref="LifSpikeTrainSpectrum"/>.
/// </summary>
/// <remarks>
/// Noise: per trial a circulant Gaussian sequence of n = 2^k steps, z_j = (1/n)Σ_m Z_m e^{2πijm/n} with independent
/// Z_m, E|Z_m|² = S_η(f_m) n/Δt (Z_0 = 0, Hermitian), so that z has the two-sided density S_η on |f| ≤ 1/(2Δt)
/// (exactly stationary, periodic in the trial length). Membrane: V_{j+1} = μ + (V_j − μ)e^{−Δt/τ} + z_jΔt/τ. Threshold:
/// a crossing within a step is also counted, with the Brownian-bridge probability exp[−2(θ − V_j)(θ − V_{j+1})/v],
/// v = S_η(f_Ny)Δt/τ² the step variance of the white high-frequency part (this removes the O(√Δt) rate bias of the
/// plain Euler threshold test for the white part; Mannella 1999 Phys Lett A 254:257). Estimates: Welch, Hann segments; spike-train periodogram
/// Δt|Σw_j(c_j/Δt − ν̂)e^{−2πijk/M}|²/Σw² of the spike counts c_j of the steps, corrected for the step binning,
/// S_x = ν + (P − ν)/sinc²(πfΔt); cross-periodogram with the same segment of z gives the susceptibility through the
/// Furutsu–Novikov theorem for Gaussian input, S_xη(f) = χ_μ(f) S_η(f) (Novikov 1965; used for neurons by Lindner,
/// e.g. Lindner 2022 Phys Rev Lett 129:198101), χ_μ the linear rate response to a modulation of μ, estimated per band as
/// Σ S_xη / Σ S_ηη. Determinism: trial r uses Xoshiro256(seed, stream r); the trials are reduced in order, so the result
/// does not depend on the number of threads.
/// </remarks>
public static class ColouredNoiseLif
{
    /// <summary>Simulates <paramref name="neuron"/> with mean input <paramref name="mu"/> (V) and noise spectrum
    /// <paramref name="inputSpectrum"/> (two-sided, V²·s, a function of f ≥ 0 in Hz; σ²τ for white noise of the diffusion
    /// model) and returns its rate, spike-train spectrum and susceptibility in bands.</summary>
    public static ColouredSpikeTrain Sample(LifNeuron neuron, double mu, Func<double, double> inputSpectrum, ulong seed,
                                            ColouredNoiseSampling? sampling = null)
    {
        Guard.NotNull(neuron).Validated();
        Guard.Finite(mu);
        Guard.NotNull(inputSpectrum);
        var o = (sampling ?? new ColouredNoiseSampling()).Validated();
        int n = 1 << o.StepsLog2, m = 1 << o.SegmentLog2, segs = n / m - 1;
        double dt = o.Dt;
        var amp = new double[n / 2 + 1];
        for (int k = 1; k <= n / 2; k++)
        {
            double f = k / (n * dt), s = inputSpectrum(f);
            if (!(s >= 0) || !double.IsFinite(s))
                throw new ArgumentException($"inputSpectrum({f} Hz) = {s} is invalid: the spectrum must be finite and ≥ 0.", nameof(inputSpectrum));
            amp[k] = Math.Sqrt(s * n / dt);
        }
        double stepVar = inputSpectrum(0.5 / dt) * dt / (neuron.TauM * neuron.TauM);
        var bands = BandBins(m, dt, o);
        var trials = new TrialResult[o.Trials];
        Parallel.For(0, o.Trials, r => trials[r] = Trial(neuron, mu, amp, stepVar, n, m, segs, dt, new Xoshiro256(seed, (ulong)r), bands));
        return Reduce(trials, bands, m, dt);
    }

    sealed record TrialResult(long Spikes, double Time, double IsiSum, double IsiSq, long Isis, double[][] BandPower,
                              Complex[][] Cross, double[][] Noise);

    /// <summary>The periodogram bins k (frequency k/(MΔt)) of each band, 0 excluded.</summary>
    static int[][] BandBins(int m, double dt, ColouredNoiseSampling o)
    {
        double df = 1 / (m * dt);
        var bands = new List<int[]>();
        for (double lo = 0; lo < o.MaxFrequency - 1e-9; lo += o.BandWidth)
        {
            double hi = Math.Min(lo + o.BandWidth, o.MaxFrequency);
            var ks = Enumerable.Range(1, m / 2).Where(k => k * df >= lo && k * df < hi).ToArray();
            if (ks.Length > 0) bands.Add(ks);
        }
        return bands.ToArray();
    }

    static TrialResult Trial(LifNeuron nr, double mu, double[] amp, double stepVar, int n, int m, int segs, double dt, Xoshiro256 rng,
                             int[][] bands)
    {
        var z = new Complex[n];
        for (int k = 1; k < n / 2; k++)
        {
            double a = amp[k] * Math.Sqrt(0.5);
            z[k] = new Complex(a * rng.NextNormal(), a * rng.NextNormal());
            z[n - k] = Complex.Conjugate(z[k]);
        }
        z[n / 2] = amp[n / 2] * rng.NextNormal();
        Fourier.Inverse(z, FourierOptions.NoScaling);
        var eta = new double[n];
        for (int j = 0; j < n; j++) eta[j] = z[j].Real / n;
        // membrane
        double tau = nr.TauM, decay = Math.Exp(-dt / tau), gain = dt / tau, v = nr.VReset;
        int nRef = (int)Math.Round(nr.TauRef / dt), refr = 0;
        var counts = new byte[n];
        for (int j = 0; j < n; j++)
        {
            if (refr > 0) { refr--; continue; }
            double vNew = mu + (v - mu) * decay + eta[j] * gain;
            bool spike = vNew >= nr.Theta;
            if (!spike && stepVar > 0)
            {
                double e = 2 * (nr.Theta - v) * (nr.Theta - vNew) / stepVar;
                if (e < 40 && rng.NextDouble() < Math.Exp(-e)) spike = true;
            }
            if (spike) { counts[j] = 1; v = nr.VReset; refr = nRef; }
            else v = vNew;
        }
        // statistics after the first segment
        long spikes = 0, isis = 0;
        double isiSum = 0, isiSq = 0;
        int last = -1;
        for (int j = m; j < n; j++)
        {
            if (counts[j] == 0) continue;
            spikes++;
            if (last >= 0) { double d = (j - last) * dt; isiSum += d; isiSq += d * d; isis++; }
            last = j;
        }
        double time = (n - m) * dt, rate = spikes / time;
        var w = Window(m);
        double w2 = w.Sum(x => x * x), df = 1 / (m * dt);
        var bandPower = new double[segs][];
        var cross = new Complex[segs][];
        var noise = new double[segs][];
        var xs = new Complex[m];
        var es = new Complex[m];
        for (int s = 0; s < segs; s++)
        {
            int off = (s + 1) * m;
            for (int j = 0; j < m; j++)
            {
                xs[j] = new Complex((counts[off + j] / dt - rate) * w[j], 0);
                es[j] = new Complex(eta[off + j] * w[j], 0);
            }
            Fourier.Forward(xs, FourierOptions.NoScaling);
            Fourier.Forward(es, FourierOptions.NoScaling);
            var bp = new double[bands.Length];
            var cr = cross[s] = new Complex[bands.Length];
            var no = noise[s] = new double[bands.Length];
            for (int b = 0; b < bands.Length; b++)
            {
                double sum = 0;
                foreach (int k in bands[b])
                {
                    double p = dt * (xs[k].Real * xs[k].Real + xs[k].Imaginary * xs[k].Imaginary) / w2;
                    sum += rate + (p - rate) / Sinc2(k * df * dt);
                    cr[b] += dt * xs[k] * Complex.Conjugate(es[k]) / w2;
                    no[b] += dt * (es[k].Real * es[k].Real + es[k].Imaginary * es[k].Imaginary) / w2;
                }
                bp[b] = sum / bands[b].Length;
            }
            bandPower[s] = bp;
        }
        return new TrialResult(spikes, time, isiSum, isiSq, isis, bandPower, cross, noise);
    }

    static double[] Window(int m) => Enumerable.Range(0, m).Select(j => 0.5 - 0.5 * Math.Cos(2 * Math.PI * j / m)).ToArray();

    static ColouredSpikeTrain Reduce(TrialResult[] trials, int[][] bands, int m, double dt)
    {
        long spikes = trials.Sum(t => t.Spikes), isis = trials.Sum(t => t.Isis);
        double time = trials.Sum(t => t.Time), rate = spikes / time;
        var rates = trials.Select(t => t.Spikes / t.Time).ToArray();
        double meanRate = rates.Average();
        double rateSe = trials.Length > 1
            ? Math.Sqrt(rates.Sum(r => (r - meanRate) * (r - meanRate)) / (trials.Length - 1) / trials.Length) : double.NaN;
        double mIsi = trials.Sum(t => t.IsiSum) / isis, vIsi = trials.Sum(t => t.IsiSq) / isis - mIsi * mIsi;
        double cv = isis > 1 ? Math.Sqrt(Math.Max(vIsi, 0)) / mIsi : double.NaN;
        var per = trials.SelectMany(t => t.BandPower).ToArray();
        int segments = per.Length;
        double df = 1 / (m * dt);
        var freq = new double[bands.Length];
        var pw = new double[bands.Length];
        var pse = new double[bands.Length];
        var chi = new Complex[bands.Length];
        var chiSe = new double[bands.Length];
        var cross = trials.SelectMany(t => t.Cross).ToArray();
        var noise = trials.SelectMany(t => t.Noise).ToArray();
        for (int b = 0; b < bands.Length; b++)
        {
            double mu = 0;
            for (int s = 0; s < segments; s++) mu += per[s][b];
            mu /= segments;
            double ss = 0;
            for (int s = 0; s < segments; s++) ss += (per[s][b] - mu) * (per[s][b] - mu);
            freq[b] = bands[b].Average(k => k * df);
            pw[b] = mu;
            pse[b] = segments > 1 ? Math.Sqrt(ss / (segments - 1) / segments) : double.NaN;
            Complex cs = 0;
            double qs = 0;
            for (int s = 0; s < segments; s++) { cs += cross[s][b]; qs += noise[s][b]; }
            chi[b] = qs > 0 ? cs / qs : Complex.Zero;
            double res = 0;
            for (int s = 0; s < segments; s++) { Complex d = cross[s][b] - chi[b] * noise[s][b]; res += d.Real * d.Real + d.Imaginary * d.Imaginary; }
            chiSe[b] = qs > 0 ? Math.Sqrt(res) / qs : double.NaN;
        }
        return new ColouredSpikeTrain(rate, rateSe, cv, freq, pw, pse, chi, chiSe, segments);
    }

    static double Sinc2(double x) => x == 0 ? 1 : Math.Pow(Math.Sin(Math.PI * x) / (Math.PI * x), 2);
}
