using MathNet.Numerics.LinearAlgebra;
using Theory.Amplification;
using Theory.Spiking;

namespace Theory.Experiments.Amplification;

/// <summary>Linearisation of the spiking populations at their baseline, measured by
/// <see cref="SpikingAmplification.Calibrate"/>.</summary>
/// <param name="BaselineRate">Mean rate r₀ of the populations before the kicks (Hz).</param>
/// <param name="Gain">Static gain g = dr/dI (Hz/A) of the fit of the unit-averaged kick response
/// (see <see cref="SpikingAmplification.Calibrate"/>).</param>
/// <param name="Tau">Effective time constant τ = τ_s + τ_l of the rate model (s): the mean delay
/// of the fitted response (synaptic filter τ_s followed by the neurons' lag τ_l).</param>
/// <param name="Lag">τ_l, the fitted first-order lag of the neurons (s).</param>
/// <param name="UnitGains">Per unit gains (Hz/A), a diagnostic of the spread (noisy).</param>
/// <param name="Times">Bin centres after the kick (s).</param>
/// <param name="Response">Unit-averaged kick response normalised to unit area (1/s).</param>
public sealed record SpikingCalibration(double BaselineRate, double Gain, double Tau, double Lag, double[] UnitGains,
    double[] Times, double[] Response);

/// <summary>Result of <see cref="SpikingAmplification.Run"/>.</summary>
/// <param name="Calibration">The linearisation used to build the network.</param>
/// <param name="X0">Initial condition of the rate model (Hz), scaled so that the predicted
/// largest unit deviation is <see cref="SpikingAmplification.PeakRate"/>.</param>
/// <param name="Times">Bin centres relative to the kick (s); negative before it.</param>
/// <param name="Measured">N × bins trial-averaged rate deviations x̂ᵢ = (r⁺ᵢ − r⁻ᵢ)/2 (Hz).</param>
/// <param name="MeasuredNorm">√max(0, ‖x̂‖² − σ²): the norm with the noise power σ² of the
/// pre-kick bins removed (Hz).</param>
/// <param name="PredictedNorm">Bin average of ‖e^{(W−I)t/τ}x₀‖ (Hz; 0 before the kick).</param>
/// <param name="PeakRatio">Measured over predicted peak of the norm (least-squares parabola through
/// the 7 bins around each maximum).</param>
/// <param name="PeakRatioSE">Jackknife (over seeds) standard error of <see cref="PeakRatio"/>.</param>
/// <param name="TimeToPeakRatio">Measured over predicted time of the peak.</param>
/// <param name="TimeToPeakRatioSE">Jackknife standard error of <see cref="TimeToPeakRatio"/>.</param>
/// <param name="PredictedAmplification">max_t ‖x(t)‖/‖x₀‖ of the rate model.</param>
/// <param name="CoupledBaselineRate">Mean pre-kick rate of the coupled network (Hz).</param>
/// <param name="NoiseNorm">σ: rms ‖x̂‖ over the pre-kick bins (Hz).</param>
/// <param name="FitPeakRatio">a of the least-squares fit of the deviation vectors x̂(t) ≈ a x(t/s) over
/// the post-kick bins (point prediction at the bin centres; s on a 0.002 grid in [0.5, 2], a linear):
/// the peak ratio estimated from the whole transient. Unbiased by the noise and far less noisy than
/// the maximum of the bins (only the noise along the predicted trajectory enters).</param>
/// <param name="FitPeakRatioSE">Jackknife standard error of a.</param>
/// <param name="FitTimeRatio">s of that fit: the time-to-peak ratio from the whole transient.</param>
/// <param name="FitTimeRatioSE">Jackknife standard error of s.</param>
/// <param name="MeasuredPeak">Peak of the measured norm (parabola-refined), Hz.</param>
/// <param name="PredictedPeak">Peak of the predicted norm, Hz.</param>
/// <param name="MeasuredTimeToPeak">Time to the measured peak, s.</param>
/// <param name="PredictedTimeToPeak">Time to the predicted peak, s.</param>
public sealed record SpikingAmplificationResult(
    SpikingCalibration Calibration, Vector<double> X0, double[] Times, Matrix<double> Measured,
    double[] MeasuredNorm, double[] PredictedNorm,
    double PeakRatio, double PeakRatioSE, double TimeToPeakRatio, double TimeToPeakRatioSE,
    double MeasuredPeak, double PredictedPeak, double MeasuredTimeToPeak, double PredictedTimeToPeak,
    double PredictedAmplification, double CoupledBaselineRate, double NoiseNorm,
    double FitPeakRatio, double FitPeakRatioSE, double FitTimeRatio, double FitTimeRatioSE);

/// <summary>
/// Spiking cross-check of the linear theory of transient amplification (Christodoulou, Vogels
/// &amp; Agnes 2022, PLoS Comput Biol 18:e1010365; Hennequin, Vogels &amp; Gerstner 2014). Each of
/// the N rate units of W is a population of M LIF neurons with exponential synaptic currents
/// (τ_s for both channels; <see cref="LifExpCurrent"/>), held in an asynchronous irregular
/// baseline by a bias current I₀ and balanced excitatory/inhibitory Poisson current noise.
///
/// Mean-field mapping. With hᵢ the synaptic current of unit i, τ_s dhᵢ/dt = −hᵢ + τ_s Σⱼ K Jᵢⱼ rⱼ,
/// and rᵢ = r₀ + g(hᵢ − hᵢ⁰), the deviations xᵢ = rᵢ − r₀ obey τ dx/dt = −x + Wx with
/// Wᵢⱼ = g τ_s K Jᵢⱼ: each neuron of unit i receives K random synapses from unit j (fixed in-degree)
/// of weight Jᵢⱼ = Wᵢⱼ/(g τ_s K) on the excitatory (Wᵢⱼ &gt; 0) or inhibitory (&lt; 0) channel, and
/// the mean recurrent current r₀ Σⱼ Wᵢⱼ/g is cancelled by a bias so that every unit sits at the
/// calibrated operating point. The neurons add a lag to the synaptic filter; the rate-model τ is
/// the mean delay of the fitted kick response (first-moment matching of F(s) ≈ 1/(1 + sτ)).
///
/// Calibration (<see cref="Calibrate"/>): the same populations without recurrent synapses but with
/// surrogate independent Poisson input of the same rates r₀ and weights Jᵢⱼ (same mean, cancelled,
/// and same variance as the recurrent input), kicked by ±δh e^{−t/τ_s}. The unit-averaged response
/// is fitted by a first-order low-pass (lag τ_l, gain g) of the kicked current:
/// x(t) = g δh τ_s (e^{−t/τ_s} − e^{−t/τ_l})/(τ_s − τ_l); the rate-model τ = τ_s + τ_l is the mean
/// delay of that response (first-moment matching). Since J depends on g, calibration and
/// construction alternate (<see cref="CalibrationRounds"/>, starting from J = 0).
///
/// Experiment (<see cref="Run"/>): an initial condition x₀ of the rate model is applied as a kick
/// of the synaptic currents, δhᵢ = x₀ᵢ τ/(g τ_s) (so that the area of the drive matches), by the
/// current ±δhᵢ e^{−(t−t_k)/τ_s} at kick times t_k spaced <see cref="TrialLength"/> apart with
/// alternating sign; x̂ = (r⁺ − r⁻)/2 cancels the baseline and even-order nonlinearities. Trials
/// are pooled over <see cref="Seeds"/> independent networks; standard errors are jackknife
/// estimates over the seeds.
/// </summary>
/// <param name="W">Rate connectivity (N × N, dimensionless).</param>
/// <param name="X0">Direction of the initial condition (scaled by the experiment).</param>
/// <param name="NeuronsPerUnit">M, neurons per unit.</param>
/// <param name="InDegree">K, synapses from each presynaptic unit per neuron (≤ M).</param>
/// <param name="TauSyn">τ_s (s).</param>
/// <param name="BiasCurrent">I₀ (A).</param>
/// <param name="NoiseRate">Total rate of the excitatory and of the inhibitory noise events (Hz).</param>
/// <param name="NoiseWeight">Current jump of one noise event (A; ± for the two channels).</param>
/// <param name="PeakRate">Largest predicted unit deviation max_{t,i} |xᵢ(t)| (Hz).</param>
/// <param name="Seeds">Independent networks (≥ 2 for the jackknife).</param>
/// <param name="KicksPerSeed">Kicks per network (even: half positive).</param>
/// <param name="TrialLength">Spacing of the kicks (s).</param>
/// <param name="PreKick">Baseline window before each kick (s).</param>
/// <param name="Warmup">Initial time without kicks (s).</param>
/// <param name="Bin">Bin width (s).</param>
/// <param name="CalibrationKick">δh of the calibration kicks (A).</param>
/// <param name="CalibrationRounds">Calibration/construction rounds (≥ 1).</param>
/// <param name="CalibrationKicks">Kicks per network in each calibration run (even; the
/// calibration averages over all N·M neurons, so it needs fewer trials than the experiment).</param>
/// <param name="Dt">Time step (s).</param>
/// <param name="Seed">Base seed (network s uses Seed + s).</param>
public sealed record SpikingAmplification(
    Matrix<double> W, Vector<double> X0,
    int NeuronsPerUnit = 200, int InDegree = 100, double TauSyn = 0.02,
    double BiasCurrent = 0.4e-9, double NoiseRate = 10_000, double NoiseWeight = 15e-12,
    double PeakRate = 8, int Seeds = 4, int KicksPerSeed = 40, double TrialLength = 0.3,
    double PreKick = 0.05, double Warmup = 0.2, double Bin = 0.002,
    double CalibrationKick = 40e-12, int CalibrationRounds = 2, int CalibrationKicks = 20, double Dt = 1e-4, ulong Seed = 1)
{
    /// <summary>Membrane: τ = 10 ms, C = 250 pF (R = 40 MΩ), E_L = 0, θ = 20 mV, V_r = 10 mV,
    /// τ_ref = 2 ms.</summary>
    public LifParameters Membrane { get; init; } = new(0.010, 250e-12, 0.0, 0.020, 0.010, 0.002);

    /// <summary>A 20-unit stability-optimised E/I circuit (Hennequin et al. 2014; N = 20, p = 0.3,
    /// R = 5, γ = 3, abscissa ≤ 0.5) and its most amplified initial condition (top eigenvector
    /// of the observability Gramian; linear amplification 3.49 for this seed with the zero-diagonal optimisation of issue #15, 2.4 before).</summary>
    public static SpikingAmplification Soc20(ulong seed = 1)
    {
        var spec = new DaleNetworkSpec(20, 0.3, 5, 3, seed);
        // learning rate 5 as the paper's code and the figure scripts (issue #15: it was 10)
        var soc = StabilityOptimisedCircuit.Optimise(DaleNetwork.Build(spec), spec.NE, targetAbscissa: 0.5, rate: 5, maxIterations: 5000);
        if (!soc.Converged)
            throw new InvalidOperationException($"the stability optimisation of the 20-unit circuit (seed {seed}) did not reach α ≤ 0.5 in 5000 steps (α = {soc.AbscissaHistory[^1]}).");
        var w = soc.W;
        var x0 = TransientAmplification.OptimalInitialConditions(w, 0.02).Directions.Column(0);
        return new SpikingAmplification(w, x0);
    }

    /// <summary>Copy with the given fields changed (F#: <c>e.With(seeds = 2, kicksPerSeed = 20)</c>).</summary>
    public SpikingAmplification With(Matrix<double>? w = null, Vector<double>? x0 = null, int? neuronsPerUnit = null,
        int? inDegree = null, double? peakRate = null, int? seeds = null, int? kicksPerSeed = null,
        double? trialLength = null, double? bin = null, int? calibrationRounds = null, int? calibrationKicks = null, ulong? seed = null) =>
        this with
        {
            W = w ?? W, X0 = x0 ?? X0, NeuronsPerUnit = neuronsPerUnit ?? NeuronsPerUnit, InDegree = inDegree ?? InDegree,
            PeakRate = peakRate ?? PeakRate, Seeds = seeds ?? Seeds, KicksPerSeed = kicksPerSeed ?? KicksPerSeed,
            TrialLength = trialLength ?? TrialLength, Bin = bin ?? Bin, CalibrationRounds = calibrationRounds ?? CalibrationRounds,
            CalibrationKicks = calibrationKicks ?? CalibrationKicks,
            Seed = seed ?? Seed,
        };

    int N => W.RowCount;
    int BinSteps => (int)Math.Round(Bin / Dt);
    int PreBins => (int)Math.Round(PreKick / Bin);
    int TrialBins => (int)Math.Round(TrialLength / Bin);

    void Validate()
    {
        if (W is null || W.RowCount != W.ColumnCount || W.RowCount < 1)
            throw new ArgumentException("W must be a non-empty square matrix.", nameof(W));
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++)
                if (!double.IsFinite(W[i, j]))
                    throw new ArgumentException($"W[{i},{j}] = {W[i, j]} is invalid: entries must be finite.", nameof(W));
        if (X0 is null || X0.Count != N || !(X0.L2Norm() > 0) || !double.IsFinite(X0.L2Norm()))
            throw new ArgumentException($"X0 must be a finite non-zero vector of length {N}.", nameof(X0));
        if (NeuronsPerUnit < 2) throw new ArgumentException($"NeuronsPerUnit = {NeuronsPerUnit} is invalid: it must be >= 2.", nameof(NeuronsPerUnit));
        if (InDegree < 1 || InDegree > NeuronsPerUnit)
            throw new ArgumentException($"InDegree = {InDegree} is invalid: it must be in [1, NeuronsPerUnit = {NeuronsPerUnit}].", nameof(InDegree));
        if (Seeds < 2) throw new ArgumentException($"Seeds = {Seeds} is invalid: the jackknife needs >= 2.", nameof(Seeds));
        if (KicksPerSeed < 2 || KicksPerSeed % 2 != 0)
            throw new ArgumentException($"KicksPerSeed = {KicksPerSeed} is invalid: it must be even and >= 2.", nameof(KicksPerSeed));
        if (CalibrationKicks < 2 || CalibrationKicks % 2 != 0)
            throw new ArgumentException($"CalibrationKicks = {CalibrationKicks} is invalid: it must be even and >= 2.", nameof(CalibrationKicks));
        if (CalibrationRounds < 1) throw new ArgumentException($"CalibrationRounds = {CalibrationRounds} is invalid: it must be >= 1.", nameof(CalibrationRounds));
        foreach (var (v, name) in new[] { (TauSyn, nameof(TauSyn)), (PeakRate, nameof(PeakRate)), (TrialLength, nameof(TrialLength)),
                     (PreKick, nameof(PreKick)), (Bin, nameof(Bin)), (CalibrationKick, nameof(CalibrationKick)), (Dt, nameof(Dt)), (NoiseRate, nameof(NoiseRate)) })
            if (!(v > 0) || !double.IsFinite(v))
                throw new ArgumentException($"{name} = {v} is invalid: it must be finite and > 0.", name);
        if (BinSteps < 1 || Math.Abs(BinSteps * Dt - Bin) > 1e-9 * Bin)
            throw new ArgumentException($"Bin = {Bin} s is invalid: it must be a whole number of steps dt = {Dt} s.", nameof(Bin));
        if (PreKick >= TrialLength)
            throw new ArgumentException($"PreKick = {PreKick} s is invalid: it must be shorter than TrialLength = {TrialLength} s.", nameof(PreKick));
        if (TransientAmplification.SpectralAbscissa(W, 1) >= 0)
            throw new ArgumentException("W is invalid: max Re λ(W) must be < 1 (stable linear dynamics).", nameof(W));
    }

    /// <summary>Kick time of trial k (s).</summary>
    double KickTime(int k) => Warmup + k * TrialLength + PreKick;

    /// <summary>Spike counts per unit and bin, trials aligned on the kicks:
    /// [unit][trial][bin], bins from −PreKick to TrialLength − PreKick.</summary>
    int[][][] Simulate(Matrix<double>? j, double[] bias, double[] kick, double surrogateRate, ulong seed, int kicks)
    {
        int n = N, m = NeuronsPerUnit;
        var net = new Network(Dt, seed);
        var init = net.NewRandom();
        var pops = new LifExpCurrent[n];
        for (int i = 0; i < n; i++)
        {
            pops[i] = net.Add(new LifExpCurrent($"u{i}", m, Membrane, TauSyn, TauSyn));
            pops[i].SetUniform("v", Membrane.Reset, Membrane.Threshold, init);
            int perSource = 100;
            net.AddPoissonInput(pops[i], perSource, NoiseRate / perSource, NoiseWeight, "exc");
            net.AddPoissonInput(pops[i], perSource, NoiseRate / perSource, -NoiseWeight, "inh");
            double b = bias[i];
            net.AddCurrent(pops[i], _ => b);
        }
        double tau = TauSyn, t0 = Warmup + PreKick, T = TrialLength;
        double Amplitude(double t)
        {
            if (t < t0) return 0;
            int k = Math.Min((int)Math.Floor((t - t0) / T), kicks - 1);
            double a = 0;
            for (int q = k; q >= Math.Max(0, k - 1); q--)
                a += (q % 2 == 0 ? 1 : -1) * Math.Exp(-(t - (t0 + q * T)) / tau);
            return a;
        }
        for (int i = 0; i < n; i++)
        {
            double d = kick[i];
            if (d != 0) net.AddCurrent(pops[i], t => d * Amplitude(t));
        }
        if (j is not null)
            for (int post = 0; post < n; post++)
                for (int pre = 0; pre < n; pre++)
                {
                    double w = j[post, pre];
                    if (w == 0) continue;
                    if (surrogateRate > 0)
                        net.AddPoissonInput(pops[post], InDegree, surrogateRate, w, w > 0 ? "exc" : "inh");
                    else
                        net.Connect(pops[pre], pops[post], Connectivity.FixedInDegree(InDegree, allowAutapses: true), w, Dt, w > 0 ? "exc" : "inh");
                }
        var monitors = pops.Select(p => net.MonitorRate(p)).ToArray();
        net.Run(Warmup + kicks * TrialLength);
        int per = BinSteps, pre0 = PreBins, bins = TrialBins;
        var counts = new int[n][][];
        for (int i = 0; i < n; i++)
        {
            var c = monitors[i].Counts;
            counts[i] = new int[kicks][];
            for (int k = 0; k < kicks; k++)
            {
                int start = (int)Math.Round(KickTime(k) / Dt) - pre0 * per;
                var row = new int[bins];
                for (int b = 0; b < bins; b++)
                    for (int s = 0; s < per; s++)
                    {
                        int idx = start + b * per + s;
                        if (idx >= 0 && idx < c.Length) row[b] += c[idx];
                    }
                counts[i][k] = row;
            }
        }
        return counts;
    }

    /// <summary>(r⁺ − r⁻)/2 per unit and bin (Hz) from pooled counts of the given seeds, and the
    /// mean rate of the pre-kick bins (Hz).</summary>
    (double[,] X, double Baseline) Deviation(IReadOnlyList<int[][][]> runs)
    {
        int kicks = runs[0][0].Length;
        int n = N, bins = TrialBins, pre = PreBins;
        var x = new double[n, bins];
        double norm = NeuronsPerUnit * Bin;
        double baseSum = 0; long baseCount = 0;
        foreach (var run in runs)
            for (int i = 0; i < n; i++)
                for (int k = 0; k < kicks; k++)
                {
                    double sign = k % 2 == 0 ? 1 : -1;
                    var row = run[i][k];
                    for (int b = 0; b < bins; b++) x[i, b] += sign * row[b];
                    for (int b = 0; b < pre; b++) { baseSum += row[b]; baseCount++; }
                }
        double trials = runs.Count * kicks;
        for (int i = 0; i < n; i++)
            for (int b = 0; b < bins; b++) x[i, b] /= trials * norm; // = (mean⁺ − mean⁻)/2
        return (x, baseSum / (baseCount * norm));
    }

    double[] BinCentres() => Enumerable.Range(0, TrialBins).Select(b => (b - PreBins + 0.5) * Bin).ToArray();

    /// <summary>Measures the baseline rate, per-unit gains and the effective τ (see the class
    /// summary), alternating calibration and construction <see cref="CalibrationRounds"/> times.</summary>
    public SpikingCalibration Calibrate()
    {
        Validate();
        int n = N;
        Matrix<double>? j = null;
        SpikingCalibration? cal = null;
        double[] bias = Enumerable.Repeat(BiasCurrent, n).ToArray();
        for (int round = 0; round < CalibrationRounds; round++)
        {
            var kick = Enumerable.Repeat(CalibrationKick, n).ToArray();
            var runs = Enumerable.Range(0, Seeds).Select(s => Simulate(j, bias, kick, cal?.BaselineRate ?? 0, Seed + 1000 + (ulong)(100 * round + s), CalibrationKicks)).ToArray();
            var (x, r0) = Deviation(runs);
            var times = BinCentres();
            int pre = PreBins, bins = TrialBins;
            // unit-averaged response: the units share one operating point, and one unit's
            // response alone is too noisy for a gain (per-unit estimates kept as a diagnostic)
            var mean = new double[bins - pre];
            var unitGains = new double[n];
            for (int i = 0; i < n; i++)
            {
                double area = 0;
                for (int b = pre; b < bins; b++) { area += x[i, b] * Bin; mean[b - pre] += x[i, b] / n; }
                unitGains[i] = area / (CalibrationKick * TauSyn);
            }
            var (gain, lag) = FitKickResponse(mean, times[pre..]);
            double meanArea = gain * CalibrationKick * TauSyn;
            cal = new SpikingCalibration(r0, gain, TauSyn + lag, lag, unitGains, times[pre..], mean.Select(v => v / meanArea).ToArray());
            j = Couplings(cal);
            bias = Bias(cal);
        }
        return cal!;
    }

    /// <summary>Least-squares fit of the unit-averaged calibration response (bins starting at
    /// <paramref name="t"/>[b] − Bin/2) by the response of a first-order low-pass of time constant
    /// τ_l and gain g to the kicked current δh e^{−t/τ_s}:
    /// x(t) = g δh τ_s (e^{−t/τ_s} − e^{−t/τ_l})/(τ_s − τ_l), averaged exactly over each bin;
    /// τ_l on a 0.1 ms grid in [0, 2τ_s], g by linear least squares. Returns (g, τ_l).</summary>
    (double Gain, double Lag) FitKickResponse(double[] x, double[] t)
    {
        double ts = TauSyn;
        static double BinMean(double tau, double a, double b) =>
            tau <= 0 ? 0 : tau * (Math.Exp(-a / tau) - Math.Exp(-b / tau)) / (b - a);
        double bestG = double.NaN, bestL = double.NaN, bestR = double.PositiveInfinity;
        for (double tl = 0; tl <= 2 * ts + 1e-12; tl += 1e-4)
        {
            double l = Math.Abs(tl - ts) < 1e-6 ? ts * (1 + 1e-4) : tl; // the removable singularity
            double mp = 0, pp = 0, mm = 0;
            for (int b = 0; b < x.Length; b++)
            {
                double lo = Math.Max(0, t[b] - Bin / 2), hi = t[b] + Bin / 2;
                double f = CalibrationKick * ts * (BinMean(ts, lo, hi) - BinMean(l, lo, hi)) / (ts - l);
                mp += x[b] * f; pp += f * f; mm += x[b] * x[b];
            }
            double g = mp / pp, resid = mm - g * mp;
            if (resid < bestR) { bestR = resid; bestG = g; bestL = tl; }
        }
        return (bestG, bestL);
    }

    /// <summary>Jᵢⱼ = Wᵢⱼ/(g τ_s K) (A).</summary>
    public Matrix<double> Couplings(SpikingCalibration cal) =>
        Matrix<double>.Build.Dense(N, N, (i, j) => W[i, j] / (cal.Gain * TauSyn * InDegree));

    /// <summary>I₀ − r₀ Σⱼ Wᵢⱼ/g (A): cancels the mean recurrent current.</summary>
    public double[] Bias(SpikingCalibration cal) =>
        Enumerable.Range(0, N).Select(i => BiasCurrent - cal.BaselineRate * W.Row(i).Sum() / cal.Gain).ToArray();

    /// <summary>Calibrates, then runs the kicked coupled networks and compares with the linear
    /// prediction (see the class summary).</summary>
    public SpikingAmplificationResult Run()
    {
        var cal = Calibrate();
        int n = N, pre = PreBins, bins = TrialBins;
        double tau = cal.Tau;
        // scale x₀ so that the predicted largest unit deviation is PeakRate
        var dir = X0 / X0.L2Norm();
        var fine = Enumerable.Range(0, 400).Select(k => k * (TrialLength - PreKick) / 400).ToArray();
        var trDir = TransientAmplification.Trajectory(W, dir, fine, tau);
        double maxEntry = trDir.Enumerate().Select(Math.Abs).Max();
        var x0 = dir * (PeakRate / maxEntry);
        var kick = Enumerable.Range(0, n).Select(i => x0[i] * tau / (cal.Gain * TauSyn)).ToArray();
        var j = Couplings(cal);
        var bias = Bias(cal);
        var runs = Enumerable.Range(0, Seeds).Select(s => Simulate(j, bias, kick, 0, Seed + (ulong)s, KicksPerSeed)).ToArray();
        var times = BinCentres();

        // prediction averaged over each bin (10 sub-samples)
        var predicted = new double[bins];
        var a = TransientAmplification.Generator(W, tau);
        const int sub = 10;
        var subStep = Theory.Numerics.MatrixExponential.Expm(a * (Bin / sub));
        var cur = x0.Clone();
        cur = Theory.Numerics.MatrixExponential.Expm(a * (Bin / sub / 2)) * cur;
        for (int b = pre; b < bins; b++)
        {
            double acc = 0;
            for (int s = 0; s < sub; s++) { acc += cur.L2Norm(); cur = subStep * cur; }
            predicted[b] = acc / sub;
        }
        double predAmp = TransientAmplification.Trajectory(W, x0, fine, tau).EnumerateColumns().Max(c => c.L2Norm()) / x0.L2Norm();
        var (pPeak, pTime) = Peak(times, predicted, pre);

        // point prediction x(t) on a fine grid up to twice the window, for the shape fit
        double fineDt = Bin / sub, fineEnd = 2 * (TrialLength - PreKick);
        var fineVec = new double[(int)Math.Ceiling(fineEnd / fineDt) + 2][];
        var fstep = Theory.Numerics.MatrixExponential.Expm(a * fineDt);
        cur = x0.Clone();
        for (int k = 0; k < fineVec.Length; k++) { fineVec[k] = cur.ToArray(); cur = fstep * cur; }
        void PredictedAt(double t, double[] into)
        {
            double u = t / fineDt;
            int k = (int)Math.Floor(u);
            if (k >= fineVec.Length - 1) { Array.Copy(fineVec[^1], into, n); return; }
            double f = u - k;
            for (int i = 0; i < n; i++) into[i] = fineVec[k][i] + f * (fineVec[k + 1][i] - fineVec[k][i]);
        }
        // least-squares fit of the measured deviations as vectors, x̂(t) ≈ a x(t/s), over the post-kick
        // bins: a and s are the peak and time-to-peak ratios if the measured transient is a scaled,
        // stretched copy of the prediction. Linear in x̂ for each s, so the noise (zero mean) does not
        // bias a, and only its component along the predicted trajectory enters; the former fit of the
        // norms, ‖x̂‖² − σ² ≈ a²‖x(t/s)‖², took the noise of all N units (measured with the
        // zero-diagonal SOC-20 on the same runs: jackknife SE of a 0.12 against 0.2 for the norm's
        // maximum, and s to 0.04)
        var pv = new double[n];
        (double A, double S) ShapeFit(double[,] xm)
        {
            double bestA = double.NaN, bestS = double.NaN, bestR = double.PositiveInfinity;
            for (double sc = 0.5; sc <= 2.0 + 1e-12; sc += 0.002)
            {
                double mp = 0, pp = 0, mm = 0;
                for (int b = pre; b < bins; b++)
                {
                    PredictedAt(times[b] / sc, pv);
                    for (int i = 0; i < n; i++) { double m = xm[i, b]; mp += m * pv[i]; pp += pv[i] * pv[i]; mm += m * m; }
                }
                double amp = mp / pp, resid = mm - amp * mp;
                if (resid < bestR) { bestR = resid; bestA = amp; bestS = sc; }
            }
            return (bestA, bestS);
        }

        (double Peak, double Time, double[] Norm, double[,] X, double Base, double Noise, double[] Excess) Measure(IReadOnlyList<int[][][]> rs)
        {
            var (x, baseRate) = Deviation(rs);
            var sq = new double[bins];
            for (int b = 0; b < bins; b++)
                for (int i = 0; i < n; i++) sq[b] += x[i, b] * x[i, b];
            double noise = sq.Take(pre).Average();
            var norm = sq.Select(v => Math.Sqrt(Math.Max(0, v - noise))).ToArray();
            for (int b = 0; b < pre; b++) norm[b] = Math.Sqrt(sq[b]);
            var (pk, tp) = Peak(times, norm, pre);
            return (pk, tp, norm, x, baseRate, Math.Sqrt(noise), sq.Select(v => v - noise).ToArray());
        }
        var all = Measure(runs);
        var allFit = ShapeFit(all.X);
        var jp = new double[Seeds];
        var jt = new double[Seeds];
        var ja = new double[Seeds];
        var js = new double[Seeds];
        for (int s = 0; s < Seeds; s++)
        {
            var m = Measure(runs.Where((_, q) => q != s).ToArray());
            jp[s] = m.Peak / pPeak;
            jt[s] = m.Time / pTime;
            (ja[s], js[s]) = ShapeFit(m.X);
        }
        static double JackSE(double[] v)
        {
            double mean = v.Average();
            return Math.Sqrt((v.Length - 1.0) / v.Length * v.Sum(z => (z - mean) * (z - mean)));
        }
        var measured = Matrix<double>.Build.Dense(n, bins, (i, b) => all.X[i, b]);
        return new SpikingAmplificationResult(cal, x0, times, measured, all.Norm, predicted,
            all.Peak / pPeak, JackSE(jp), all.Time / pTime, JackSE(jt),
            all.Peak, pPeak, all.Time, pTime, predAmp, all.Base, all.Noise,
            allFit.A, JackSE(ja), allFit.S, JackSE(js));
    }

    /// <summary>Maximum of y over the bins from <paramref name="from"/> on, refined by a least-squares
    /// parabola through the 7 bins around the largest one (vertex kept within those bins). The
    /// same estimator is applied to the bin-averaged prediction, so its small bias cancels in the
    /// ratios.</summary>
    internal static (double Value, double Time) Peak(double[] t, double[] y, int from)
    {
        int k = from;
        for (int b = from; b < y.Length; b++) if (y[b] > y[k]) k = b;
        int lo = Math.Max(from, k - 3), hi = Math.Min(y.Length - 1, k + 3);
        if (hi - lo < 2) return (y[k], t[k]);
        var xs = Enumerable.Range(lo, hi - lo + 1).Select(b => t[b] - t[k]).ToArray();
        var ys = Enumerable.Range(lo, hi - lo + 1).Select(b => y[b]).ToArray();
        var c = MathNet.Numerics.Fit.Polynomial(xs, ys, 2);
        if (!(c[2] < 0)) return (y[k], t[k]);
        double v = -c[1] / (2 * c[2]);
        v = Math.Clamp(v, xs[0], xs[^1]);
        return (c[0] + c[1] * v + c[2] * v * v, t[k] + v);
    }
}
