using Theory.ShortTermPlasticity;
using Theory.Spiking;

namespace Theory.Experiments.ShortTermPlasticity;

/// <summary>
/// Memory trace of a burst in the efficacy of Tsodyks–Markram synapses, on the kernel against the
/// exact Poisson time course (<see cref="TsodyksMarkram.PoissonExactTimeCourse"/>). Each of
/// <see cref="Synapses"/> independent presynaptic Poisson neurons fires at a background rate ν_b,
/// bursts at ν_burst for <see cref="BurstDuration"/> s from <see cref="BurstStart"/> s, and returns
/// to ν_b; the protocol repeats every <see cref="Period"/> s for <see cref="Trials"/> trials (the
/// period leaves ≥ 8 τ_D, τ_F for the synapses to recover). The trace is the mean efficacy per
/// spike in bins of <see cref="Bin"/> s, pooled over synapses and trials (ratio estimator,
/// standard error from the spread over the independent synapses), divided by the analytic
/// background efficacy. After the burst a depressing synapse transmits less (a negative trace
/// recovering with τ_D), a facilitating one more (a positive trace decaying with τ_F): the
/// short-lasting memory trace of facilitation.
/// </summary>
/// <param name="Parameters">The Tsodyks–Markram synapse.</param>
/// <param name="BackgroundRate">Background rate ν_b, Hz (default 5).</param>
/// <param name="BurstRate">Burst rate ν_burst, Hz (default 50).</param>
/// <param name="BurstStart">Burst onset within the period, s (default 0.5).</param>
/// <param name="BurstDuration">Burst duration, s (default 0.2).</param>
/// <param name="Period">Period of the protocol, s (default 3).</param>
/// <param name="Trials">Number of repetitions (default 2).</param>
/// <param name="Synapses">Number of independent synapses (default 2000).</param>
/// <param name="Bin">Bin width of the trace, s (default 0.02).</param>
/// <param name="Seed">Seed of the Poisson trains.</param>
/// <param name="Dt">Time step, s (default 0.1 ms).</param>
public sealed record MemoryTraceSimulation(TsodyksMarkramParameters Parameters, double BackgroundRate = 5, double BurstRate = 50,
    double BurstStart = 0.5, double BurstDuration = 0.2, double Period = 3, int Trials = 2, int Synapses = 2000,
    double Bin = 0.02, ulong Seed = 1, double Dt = 1e-4)
{
    /// <summary>Presynaptic rate ν(t) (Hz) at time t (s) into the run.</summary>
    public double RateAt(double t)
    {
        double s = t % Period;
        return s >= BurstStart && s < BurstStart + BurstDuration ? BurstRate : BackgroundRate;
    }

    /// <summary>Runs the kernel and the analytic time course.</summary>
    public MemoryTraceResult Run()
    {
        Guard.NotNull(Parameters); Guard.Positive(BackgroundRate); Guard.Positive(BurstRate); Guard.Positive(BurstDuration);
        Guard.NonNegative(BurstStart); Guard.Positive(Trials); Guard.Positive(Synapses); Guard.Positive(Bin);
        if (!(BurstStart + BurstDuration < Period))
            throw new ArgumentException($"Period = {Period} s is invalid: it must exceed BurstStart + BurstDuration = {BurstStart + BurstDuration} s.", nameof(Period));
        int bins = (int)Math.Round(Period / Bin);
        if (Math.Abs(bins * Bin - Period) > 1e-9 || Math.Abs(Bin / Dt - Math.Round(Bin / Dt)) > 1e-6)
            throw new ArgumentException($"Bin = {Bin} s is invalid: it must divide Period = {Period} s and be a multiple of Dt = {Dt} s.", nameof(Bin));
        var p = Parameters;
        var net = new Network(Dt, Seed);
        // the source sees the start time of each step: keep its rate piecewise constant on the grid
        var pre = net.Add(SpikeSource.Poisson("pre", Synapses, t => RateAt(t + 1e-9), net.NewRandom()));
        var post = net.Add(new LifDelta("post", 1, LifParameters.Brunel2000));
        var tm = net.Add(new TsodyksMarkramProjection(net, pre, post, Connectivity.FixedProbability(1.0), 0.0,
            p.U, p.TauD, p.TauF, p.F, p.Amplitude, p.RestingU, p.FacilitatesBeforeRelease));
        // start every synapse from its background steady state: a warm-up period before the trials
        net.Run(Period);
        var sums = new double[bins, Synapses];
        var counts = new double[bins, Synapses];
        var lastSum = tm.Plasticity.EfficacySums();
        var lastCount = tm.Plasticity.SpikeCounts();
        for (int trial = 0; trial < Trials; trial++)
            for (int b = 0; b < bins; b++)
            {
                net.Run(Bin);
                var s = tm.Plasticity.EfficacySums();
                var c = tm.Plasticity.SpikeCounts();
                for (int i = 0; i < Synapses; i++)
                {
                    sums[b, i] += s[i] - lastSum[i];
                    counts[b, i] += c[i] - lastCount[i];
                }
                lastSum = s; lastCount = c;
            }
        double baseline = TsodyksMarkram.PoissonExact(p, BackgroundRate).Efficacy;
        var times = new double[bins];
        var mean = new double[bins];
        var se = new double[bins];
        var analytic = new double[bins];
        var course = TsodyksMarkram.PoissonExactTimeCourse(p, RateAt, Period, Dt);
        int per = (int)Math.Round(Bin / Dt);
        for (int b = 0; b < bins; b++)
        {
            times[b] = (b + 0.5) * Bin;
            double total = 0, n = 0;
            for (int i = 0; i < Synapses; i++) { total += sums[b, i]; n += counts[b, i]; }
            double m = total / n, nBar = n / Synapses, ss = 0;
            for (int i = 0; i < Synapses; i++) ss += (sums[b, i] - m * counts[b, i]) * (sums[b, i] - m * counts[b, i]);
            mean[b] = m / baseline;
            se[b] = Math.Sqrt(ss / ((double)Synapses * (Synapses - 1))) / nBar / baseline;
            // rate-weighted mean of A⟨r⟩(t) over the bin (a Poisson spike samples the state at its time)
            double num = 0, den = 0;
            for (int k = b * per; k < (b + 1) * per; k++)
            {
                double nu = RateAt(k * Dt + 1e-9);
                num += nu * 0.5 * (course[k][3] + course[k + 1][3]); den += nu;
            }
            analytic[b] = num / den / baseline;
        }
        return new MemoryTraceResult(times, mean, se, analytic, baseline);
    }
}

/// <summary>Per bin (centre time in s within the period): simulated efficacy per spike relative to
/// the background steady state, its standard error, and the exact Poisson time course (same units);
/// the background efficacy A⟨r⟩ itself.</summary>
/// <param name="Times">Bin centres within the period, s.</param>
/// <param name="Simulated">Simulated efficacy per spike relative to the background steady state.</param>
/// <param name="StandardError">Its standard error (spread over synapses).</param>
/// <param name="Analytic">The exact Poisson time course, same units.</param>
/// <param name="Baseline">The background efficacy A⟨r⟩.</param>
public sealed record MemoryTraceResult(double[] Times, double[] Simulated, double[] StandardError, double[] Analytic, double Baseline)
{
    /// <summary>(simulated − analytic)/SE per bin.</summary>
    public double[] ZScores => Simulated.Select((s, i) => (s - Analytic[i]) / StandardError[i]).ToArray();
}
