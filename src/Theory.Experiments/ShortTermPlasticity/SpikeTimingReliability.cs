using Theory.ShortTermPlasticity;

namespace Theory.Experiments.ShortTermPlasticity;

/// <summary>
/// Spike-timing precision of the receiver across development: the circuit at a stage, with the
/// inhibitory weight fixed (η = 0) at the rate model's fixed point for the mean input rate, is
/// driven <see cref="Trials"/> times by the same (frozen) channel-rate signals — the synthetic
/// paper-protocol rates, <see cref="SyntheticInputRates"/> — with fresh Poisson input spikes and
/// noise in every trial. Precision is measured by the reliability of Schreiber, Fellous, Whitmer,
/// Tiesinga &amp; Sejnowski (2003, Neurocomputing 52:925): each trial's spike train is smoothed
/// with a Gaussian of width σ, and R = mean over trial pairs of s_i·s_j/(|s_i||s_j|) (1 for
/// identical spike times, ≈ the rate-modulation floor for trains that share only the rate).
/// </summary>
/// <param name="Stage">Developmental stage of the excitatory synapses.</param>
/// <param name="Trials">Repetitions of the frozen signal.</param>
/// <param name="Duration">Length of each trial (s), after a 1 s warm-up.</param>
/// <param name="Sigma">Width σ of the Gaussian (s).</param>
/// <param name="SignalSeed">Seed of the frozen rate signals.</param>
/// <param name="Seed">Seed of the first trial (trial k uses Seed + k).</param>
public sealed record SpikeTimingReliability(double Stage, int Trials = 10, double Duration = 5, double Sigma = 0.005,
    ulong SignalSeed = 21, ulong Seed = 1)
{
    /// <summary>The circuit (paper's defaults).</summary>
    public DevelopmentalCircuit Circuit { get; init; } = DevelopmentalCircuit.JiaVogelsCosta2022;

    /// <summary>Runs the trials; returns the spike times of each trial (s, from the end of the
    /// warm-up) and the reliability.</summary>
    public SpikeTimingResult Run()
    {
        Guard.Probability(Stage); Guard.InRange(Trials, 2, 100000); Guard.Positive(Duration); Guard.Positive(Sigma);
        const double warmup = 1.0;
        var gen = SyntheticInputRates.JiaVogelsCosta2022;
        var signals = gen.Channels(Circuit.ExcWeights.Length, warmup + Duration, SignalSeed);
        double mean = gen.BaselineRate + gen.Gain * RectifiedMean(gen.Threshold);
        double w = Circuit.FixedPoint(Stage, Circuit.Uniform(mean)).WInh;
        var trains = new double[Trials][];
        for (int k = 0; k < Trials; k++)
        {
            var r = new DevelopmentalCircuitSimulation(Stage, 0, warmup + Duration, w, 0.0, Seed: Seed + (ulong)k)
            { Circuit = Circuit, ChannelRatesOfTime = signals }.Run();
            trains[k] = r.SpikeTimes.Where(t => t >= warmup).Select(t => t - warmup).ToArray();
        }
        return new SpikeTimingResult(trains, Reliability(trains, Duration, Sigma), w) { ModelReliability = ModelReliability(signals, w, warmup) };
    }

    /// <summary>
    /// Rate-model counterpart: each channel's excitatory and inhibitory efficacies follow the
    /// mean-field STP time course of its frozen rate ν_c(t) (<see cref="TsodyksMarkram.MeanFieldTimeCourse"/>),
    /// the receiver rate follows the conductances quasi-statically, λ(t) = Φ(inputs(t)) (the
    /// circuit's Siegert rate), and the trials are taken to be inhomogeneous Poisson processes of
    /// rate λ(t). With G the Gaussian, the expected reliability is then
    /// R ≈ ∫(G∗λ)² dt / (∫(G∗λ)² dt + ∫G² dt ∫λ dt) (shared modulation over shared plus
    /// independent spike noise). The quasi-static step ignores the membrane and synaptic low-pass
    /// (τ_eff ≈ 15 ms, τ_E = 5 ms), so it overstates the modulation of fast signals.
    /// </summary>
    double ModelReliability(Func<double, double>[] signals, double w, double warmup)
    {
        var c = Circuit;
        double h = 1e-3, total = warmup + Duration;
        int nSteps = (int)Math.Round(total / h);
        var exc = c.Schedule.At(Stage);
        var e = signals.Select(f => TsodyksMarkram.MeanFieldTimeCourse(exc, t => f(t + 1e-9), total, h)).ToArray();
        var i = signals.Select(f => TsodyksMarkram.MeanFieldTimeCourse(c.InhibitorySynapse, t => f(t + 1e-9), total, h)).ToArray();
        int start = (int)Math.Round(warmup / h), n = nSteps - start;
        var lambda = new double[n];
        double shift = ConductanceLifRate.ThresholdShift(c.Membrane, c.NoiseSigma, c.NoiseTau, c.TimeStep);
        for (int k = 0; k < n; k++)
        {
            int idx = start + k;
            var inputs = new List<ConductanceLifRate.ConductanceInput>();
            for (int ch = 0; ch < signals.Length; ch++)
            {
                double nu = signals[ch](idx * h + 1e-9);
                if (nu <= 0) continue;
                inputs.Add(new(c.ExcPerChannel * nu, c.ExcWeights[ch] * e[ch][idx][3], c.TauExc, c.ExcReversal));
                if (w > 0) inputs.Add(new(c.InhPerChannel * nu, c.InhScale * w * i[ch][idx][3], c.TauInh, c.InhReversal));
            }
            lambda[k] = ConductanceLifRate.Rate(c.Membrane, inputs.ToArray(), c.NoiseSigma, c.NoiseTau, 0, c.TimeStep);
        }
        // G∗λ on the grid, G(t) = exp(−t²/2σ²); ∫G² = σ√π
        int half = (int)Math.Ceiling(4 * Sigma / h);
        double a = 0, mass = 0;
        for (int k = 0; k < n; k++)
        {
            double conv = 0;
            for (int j = -half; j <= half; j++)
                if (k + j >= 0 && k + j < n) conv += lambda[k + j] * Math.Exp(-0.5 * (j * h / Sigma) * (j * h / Sigma)) * h;
            a += conv * conv * h;
            mass += lambda[k] * h;
        }
        return a / (a + Sigma * Math.Sqrt(Math.PI) * mass);
    }

    /// <summary>E(Y − θ)₊ = φ(θ) − θ(1 − Φ(θ)) for a standard normal Y.</summary>
    static double RectifiedMean(double th) =>
        Math.Exp(-th * th / 2) / Math.Sqrt(2 * Math.PI) - th * 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(th / Math.Sqrt(2));

    /// <summary>Schreiber et al. (2003) reliability of spike trains (times in [0, duration) s) with
    /// Gaussian width σ (s), on a 0.5 ms grid; trains without spikes are skipped.</summary>
    public static double Reliability(double[][] trains, double duration, double sigma)
    {
        Guard.NotNull(trains); Guard.Positive(duration); Guard.Positive(sigma);
        double h = 5e-4;
        int n = (int)Math.Ceiling(duration / h);
        int half = (int)Math.Ceiling(4 * sigma / h);
        var kernel = Enumerable.Range(-half, 2 * half + 1).Select(i => Math.Exp(-0.5 * (i * h / sigma) * (i * h / sigma))).ToArray();
        var smoothed = new List<double[]>();
        foreach (var train in trains)
        {
            if (train.Length == 0) continue;
            var s = new double[n];
            foreach (var t in train)
            {
                int c = (int)(t / h);
                for (int j = -half; j <= half; j++)
                    if (c + j >= 0 && c + j < n) s[c + j] += kernel[j + half];
            }
            double norm = Math.Sqrt(s.Sum(x => x * x));
            for (int i = 0; i < n; i++) s[i] /= norm;
            smoothed.Add(s);
        }
        if (smoothed.Count < 2) return double.NaN;
        double sum = 0; int pairs = 0;
        for (int a = 0; a < smoothed.Count; a++)
            for (int b = a + 1; b < smoothed.Count; b++)
            {
                double dot = 0;
                for (int i = 0; i < n; i++) dot += smoothed[a][i] * smoothed[b][i];
                sum += dot; pairs++;
            }
        return sum / pairs;
    }
}

/// <summary>Receiver spike times per trial (s), the reliability R and the fixed inhibitory weight.</summary>
/// <param name="Trains">Receiver spike times of each trial, s.</param>
/// <param name="Reliability">Reliability R of the spike timing across trials.</param>
/// <param name="WInh">The fixed inhibitory weight w_isp.</param>
public sealed record SpikeTimingResult(double[][] Trains, double Reliability, double WInh)
{
    /// <summary>The rate model's expected reliability (quasi-static inhomogeneous Poisson; see
    /// <see cref="SpikeTimingReliability"/>).</summary>
    public double ModelReliability { get; init; } = double.NaN;

    /// <summary>Mean receiver rate over trials (Hz) for trials of <paramref name="duration"/> s.</summary>
    public double MeanRate(double duration) => Trains.Average(t => t.Length) / duration;
}
