using Theory.Experiments.Networks;
using Theory.Experiments.Statistics;
using Theory.MeanField;
using Theory.Spiking;

namespace Theory.Experiments.MeanField;

/// <summary>Stationary membrane-potential density (<see cref="SrBoundarySweep.StationaryDensity"/>).</summary>
/// <param name="V">Membrane potentials, V.</param>
/// <param name="P">Density at each potential, 1/V.</param>
public sealed record MembraneDensity(double[] V, double[] P);

/// <summary>The early growth of synchrony in a network (<see cref="SrBoundarySweep.EarlyGrowth"/>).</summary>
/// <param name="Times">Window times, s.</param>
/// <param name="Chi2">Synchrony χ² in each window.</param>
/// <param name="Rate">Mean rate in each window, Hz.</param>
public sealed record EarlyGrowthTrace(double[] Times, double[] Chi2, double[] Rate);

/// <summary>How a network of <see cref="SrBoundarySweep"/> is started.</summary>
public enum SrStart
{
    /// <summary>V uniform on [V_r, θ] (the initial condition of <see cref="BrunelSimulation"/>).</summary>
    Uniform,

    /// <summary>V drawn from the stationary membrane-potential density of the Siegert solution (Brunel 2000 eq. 22),
    /// a fraction ν₀τ_rp at V_r, and the recurrent input of the first D (empty delay lines) supplied by Poisson
    /// trains at ν₀: a start next to the asynchronous stationary state.</summary>
    Stationary,
}

/// <summary>Measured excitatory activity over one window of a run.</summary>
/// <param name="G">Relative inhibitory strength during the window.</param>
/// <param name="RateHz">Mean excitatory rate, Hz.</param>
/// <param name="Cv">Mean ISI CV of the excitatory neurons (spikes inside the window).</param>
/// <param name="Synchrony">χ² = Var(A)·Δ/ν̄ with Δ = 1 ms (<see cref="SimulatedRegime.Synchrony"/>).</param>
/// <param name="PeakHz">Dominant frequency of A(t) in 0.2 ms bins (Nyquist 2.5 kHz), &gt; 5 Hz.</param>
/// <param name="Regime">Regime by <see cref="SimulatedRegime.Classify"/>.</param>
/// <param name="RateSem">Standard error of the rate from the spread of 0.05 s block means, Hz.</param>
/// <param name="SynchronySem">Standard error of χ² from the spread of χ² over 0.05 s blocks.</param>
public sealed record SrWindow(double G, double RateHz, double Cv, double Synchrony, double PeakHz, string Regime,
                              double RateSem, double SynchronySem);

/// <summary>
/// Is the region between the analytic SR/AI line (g ≈ 3.3 at ν_ext/ν_thr = 2, <see cref="BrunelStability"/>) and
/// g ≈ 4 (Brunel 2000 Fig. 2) bistable, or does the simulated network lose the asynchronous state there? Brunel's
/// model A (<see cref="BrunelSimulation"/>) is run (i) from its default start (V uniform on [V_r, θ]), (ii) from
/// the stationary state (<see cref="SrStart.Stationary"/>), and (iii) in a hysteresis sweep: one network whose
/// inhibitory weights −gJ are stepped down (from the AI state at a large g) or up (from the SR limit cycle) between
/// windows. Perturbation growth right after a stationary start is read from the excitatory-rate variance in short
/// windows (<see cref="EarlyGrowth"/>).
/// </summary>
public static class SrBoundarySweep
{
    const double BinWidth = 1e-3;
    const double SpectrumBin = 2e-4;
    const double Block = 0.05;

    /// <summary>Stationary membrane-potential density of the LIF under white noise (Brunel 2000 eq. 22;
    /// Brunel &amp; Hakim 1999): P(V) = (2ν₀τ/σ) e^{−y²} ∫_{max(y, y_r)}^{y_θ} e^{u²} du, y = (V − μ)/σ,
    /// tabulated on <paramref name="points"/> equally spaced V from μ − 8σ (or V_r − 8σ) to θ. The integral is
    /// evaluated as ∫ e^{(u−y)(u+y)} du (no overflow) by Simpson's rule. Returns (V, P) with P in 1/V; its integral
    /// is 1 − ν₀τ_rp (the refractory fraction is not in it).</summary>
    public static MembraneDensity StationaryDensity(double mu, double sigma, double rate, LifParameters membrane,
                                                             int points = 2001)
    {
        Guard.Finite(mu); Guard.Positive(sigma); Guard.NonNegative(rate);
        if (points < 3) throw new ArgumentException($"points = {points} is invalid: it must be >= 3.", nameof(points));
        double theta = membrane.Threshold, vr = membrane.Reset, tau = membrane.Tau;
        double lo = Math.Min(mu, vr) - 8 * sigma;
        double yT = (theta - mu) / sigma, yR = (vr - mu) / sigma;
        var v = new double[points];
        var p = new double[points];
        for (int k = 0; k < points; k++)
        {
            v[k] = lo + (theta - lo) * k / (points - 1);
            double y = (v[k] - mu) / sigma;
            double a = Math.Max(y, yR);
            if (a >= yT) { p[k] = 0; continue; }
            const int n = 400; // even
            double h = (yT - a) / n, sum = 0;
            for (int j = 0; j <= n; j++)
            {
                double u = a + j * h;
                double w = j == 0 || j == n ? 1 : j % 2 == 1 ? 4 : 2;
                sum += w * Math.Exp((u - y) * (u + y));
            }
            p[k] = 2 * rate * tau / sigma * sum * h / 3;
        }
        return new(v, p);
    }

    /// <summary>Draws <paramref name="count"/> potentials: with probability ν₀τ_rp at V_r (refractory), otherwise from
    /// the tabulated <see cref="StationaryDensity"/> by inverse-CDF sampling (trapezoid, linear interpolation).</summary>
    public static double[] SampleStationary(double mu, double sigma, double rate, LifParameters membrane, int count, Xoshiro256 rng)
    {
        Guard.NotNull(rng);
        var (v, p) = StationaryDensity(mu, sigma, rate, membrane);
        var cdf = new double[v.Length];
        for (int k = 1; k < v.Length; k++) cdf[k] = cdf[k - 1] + 0.5 * (p[k] + p[k - 1]) * (v[k] - v[k - 1]);
        double total = cdf[^1];
        double refractory = Math.Clamp(rate * membrane.RefractoryPeriod, 0, 1);
        var x = new double[count];
        for (int i = 0; i < count; i++)
        {
            if (rng.NextDouble() < refractory) { x[i] = membrane.Reset; continue; }
            double target = rng.NextDouble() * total;
            int k = Array.BinarySearch(cdf, target);
            if (k < 0) k = Math.Max(1, ~k);
            k = Math.Clamp(k, 1, v.Length - 1);
            double span = cdf[k] - cdf[k - 1];
            double f = span > 0 ? (target - cdf[k - 1]) / span : 0;
            x[i] = Math.Min(v[k - 1] + f * (v[k] - v[k - 1]), membrane.Threshold - 1e-9);
        }
        return x;
    }

    /// <summary>Builds the network of <paramref name="config"/> and, for <see cref="SrStart.Stationary"/>, replaces its
    /// initial potentials by draws from the stationary density of the Siegert state at (G, ν_ext/ν_thr) and adds two
    /// Poisson sources (N_E and N_I trains at ν₀, silent after D − dt) standing for the recurrent spikes in flight.</summary>
    public static BrunelCircuit Build(BrunelSimulation config, SrStart start)
    {
        Guard.NotNull(config);
        var (net, e, i) = config.Build();
        if (start == SrStart.Stationary)
        {
            var t = BrunelTheory.At(config.G, config.NuExtRatio, config.J);
            var rng = net.NewRandom();
            foreach (var pop in new[] { e, i })
            {
                var x = SampleStationary(t.Mu, t.Sigma, t.Rate, config.Membrane, pop.Size, rng);
                pop.Set("v", k => x[k]);
            }
            // The delay lines start empty: the recurrent spikes the stationary state would have sent during
            // [−D, 0) are replaced by independent Poisson trains at ν₀ that fire during [0, D − dt) and arrive one
            // step later, through the same fixed in-degrees and weights.
            double rate = t.Rate, stop = config.Delay - 1.5 * config.Dt;
            var pastE = net.Add(SpikeSource.Poisson("E-past", config.NE, s => s < stop ? rate : 0, net.NewRandom()));
            var pastI = net.Add(SpikeSource.Poisson("I-past", config.NI, s => s < stop ? rate : 0, net.NewRandom()));
            foreach (var post in new[] { e, i })
            {
                net.Connect(pastE, post, Connectivity.FixedInDegree(config.CE, allowAutapses: true), config.J, config.Dt);
                net.Connect(pastI, post, Connectivity.FixedInDegree(config.CI, allowAutapses: true), -config.G * config.J, config.Dt);
            }
        }
        return new(net, e, i);
    }

    /// <summary>Measures the window [from, to) (s) of a run from the spike times/indices and the per-step rate.</summary>
    public static SrWindow Measure(double g, double[] stepRates, double dt, double[] times, int[] indices, int n,
                                   double from, double to, double delay)
    {
        int s0 = (int)Math.Round(from / dt), s1 = (int)Math.Round(to / dt);
        double rate = 0;
        for (int s = s0; s < s1; s++) rate += stepRates[s];
        rate /= s1 - s0;
        double[] Bin(double width) => SpikeStatistics.BinRate(stepRates, dt, from, to, width);
        var trains = new List<double>[n];
        for (int k = 0; k < times.Length; k++)
        {
            if (times[k] < from || times[k] >= to) continue;
            (trains[indices[k]] ??= []).Add(times[k]);
        }
        double cv = SpikeStatistics.MeanCv(trains.Select(t => t?.ToArray() ?? []).ToArray()).Mean;
        var fine = Bin(BinWidth);
        double chi2 = SimulatedRegime.Synchrony(fine, BinWidth, rate);
        double peak = SpikeStatistics.DominantFrequency(Bin(SpectrumBin), SpectrumBin);
        int perBlock = (int)Math.Round(Block / BinWidth), blocks = fine.Length / perBlock;
        double rateSem = double.NaN, chiSem = double.NaN;
        if (blocks >= 2)
        {
            var r = new double[blocks]; var c = new double[blocks];
            for (int k = 0; k < blocks; k++)
            {
                var b = fine.AsSpan(k * perBlock, perBlock).ToArray();
                r[k] = b.Average();
                c[k] = SimulatedRegime.Synchrony(b, BinWidth, r[k]);
            }
            rateSem = BlockSem(r);
            chiSem = BlockSem(c);
        }
        return new SrWindow(g, rate, cv, chi2, peak, SimulatedRegime.Classify(rate, cv, chi2, peak, delay), rateSem, chiSem);

        // standard error of the mean of block values (sample variance over n − 1)
        static double BlockSem(double[] x) => Math.Sqrt(SpikeStatistics.Variance(x) * x.Length / (x.Length - 1) / x.Length);
    }

    /// <summary>One run at fixed g from <paramref name="start"/>; measured after <see cref="BrunelSimulation.Warmup"/>.</summary>
    public static SrWindow Run(BrunelSimulation config, SrStart start)
    {
        var (net, e, _) = Build(config, start);
        var spikes = net.MonitorSpikes(e, from: config.Warmup);
        var rate = net.MonitorRate(e);
        net.Run(config.Duration);
        return Measure(config.G, rate.Rates, config.Dt, spikes.Times, spikes.Indices, config.NE, config.Warmup,
                       config.Duration, config.Delay);
    }

    /// <summary>Hysteresis sweep: one network (of <paramref name="config"/>, started at g = <paramref name="gs"/>[0]
    /// from <paramref name="start"/>) run for <paramref name="settle"/> s at each g in turn, the inhibitory weights set
    /// to −gJ between windows; each window is measured after its first <paramref name="transient"/> s.</summary>
    public static SrWindow[] Hysteresis(BrunelSimulation config, double[] gs, double settle, double transient,
                                        SrStart start = SrStart.Stationary)
    {
        Guard.NotNull(config); Guard.NotNull(gs);
        if (gs.Length == 0) throw new ArgumentException("gs is empty: at least one g is needed.", nameof(gs));
        Guard.Positive(settle); Guard.NonNegative(transient);
        if (transient >= settle)
            throw new ArgumentException($"transient = {transient} s is invalid: it must be shorter than settle = {settle} s.", nameof(transient));
        var (net, e, i) = Build(config with { G = gs[0] }, start);
        var spikes = net.MonitorSpikes(e);
        var rate = net.MonitorRate(e);
        var inhibitory = net.Projections.Where(p => ReferenceEquals(p.Pre, i)).ToArray();
        var result = new SrWindow[gs.Length];
        for (int k = 0; k < gs.Length; k++)
        {
            double w = -gs[k] * config.J;
            foreach (var p in inhibitory) p.SetWeights((_, _) => w);
            double t0 = net.Time;
            net.Run(settle);
            result[k] = Measure(gs[k], rate.Rates, config.Dt, spikes.Times, spikes.Indices, config.NE,
                                t0 + transient, net.Time, config.Delay);
        }
        return result;
    }

    /// <summary>Perturbation growth right after a start: χ²_k = Var(A)·Δ/ν̄ of the excitatory rate in Δ = 0.2 ms bins
    /// over consecutive windows of <paramref name="window"/> s up to <paramref name="length"/> s. For independent
    /// Poisson-like neurons χ² ≈ 1/N_E; a linearly unstable state shows χ² growing ∝ e^{2 Re λ t} until saturation.</summary>
    public static EarlyGrowthTrace EarlyGrowth(BrunelSimulation config, SrStart start,
                                                                              double length = 0.05, double window = 0.005)
    {
        Guard.NotNull(config); Guard.Positive(length); Guard.Positive(window);
        var (net, e, _) = Build(config, start);
        var rate = net.MonitorRate(e);
        net.Run(length);
        var r = rate.Rates;
        int perBin = (int)Math.Round(SpectrumBin / config.Dt), perWin = (int)Math.Round(window / config.Dt);
        int nw = r.Length / perWin;
        var times = new double[nw]; var chi = new double[nw]; var mean = new double[nw];
        for (int k = 0; k < nw; k++)
        {
            int nb = perWin / perBin;
            var b = new double[nb];
            for (int j = 0; j < nb; j++)
            {
                double sum = 0;
                for (int s = k * perWin + j * perBin; s < k * perWin + (j + 1) * perBin; s++) sum += r[s];
                b[j] = sum / perBin;
            }
            mean[k] = b.Average();
            times[k] = (k + 0.5) * window;
            chi[k] = SimulatedRegime.Synchrony(b, SpectrumBin, mean[k]);
        }
        return new(times, chi, mean);
    }
}
