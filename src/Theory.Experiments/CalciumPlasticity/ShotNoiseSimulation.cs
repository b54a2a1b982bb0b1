using Theory.CalciumPlasticity;
using Theory.Spiking;

namespace Theory.Experiments.CalciumPlasticity;

/// <summary>A simulated statistic with its standard error (batch means) and the theory value.</summary>
/// <param name="Simulated">Simulated value.</param>
/// <param name="StandardError">Its standard error.</param>
/// <param name="Theory">The theory's value.</param>
public sealed record Estimate(double Simulated, double StandardError, double Theory)
{
    /// <summary>|simulated − theory| in units of the standard error.</summary>
    public double ZScore => StandardError > 0 ? Math.Abs(Simulated - Theory) / StandardError
        : (Simulated == Theory ? 0 : double.PositiveInfinity);
}

/// <summary>Monte Carlo of the calcium of one synapse against the shot-noise theory.</summary>
/// <param name="Activity">The Poisson activity simulated.</param>
/// <param name="Mean">Mean calcium.</param>
/// <param name="Variance">Variance of the calcium.</param>
/// <param name="AlphaD">Time fraction above the depression threshold θ_d.</param>
/// <param name="AlphaP">Time fraction above the potentiation threshold θ_p.</param>
/// <param name="DriftAtHalf">Drift of ρ at ρ = ½, 1/s.</param>
/// <param name="Samples">Calcium sampled at <see cref="ShotNoiseSimulation.SampleCount"/> equally spaced times after the warm-up (empty by default).</param>
public sealed record ShotNoiseResult(PoissonActivity Activity, Estimate Mean, Estimate Variance,
    Estimate AlphaD, Estimate AlphaP, Estimate DriftAtHalf, double[] Samples);

/// <summary>
/// Single synapse driven by Poisson pre/post trains (<see cref="PoissonActivity"/>): the calcium
/// is simulated event by event and exactly between events (time above each threshold, ∫c and
/// ∫c² over each exponential decay in closed form), over <paramref name="Batches"/> batches after
/// a warm-up of 50 τ_Ca; standard errors are those of the batch means. The drift at ρ = ½ is
/// the time average of [−ρ(1 − ρ)(ρ* − ρ) + γ_p(1 − ρ)Θ_p − γ_d ρ Θ_d]/τ at frozen ρ.
/// Theory: <see cref="CalciumShotNoise"/> (for nonlinear calcium with shared spikes the
/// fractions need Lag = D, otherwise they are NaN; the mean and variance are exact for any Lag).
/// </summary>
/// <param name="Parameters">Graupner–Brunel (2012) model parameters.</param>
/// <param name="Activity">Pre- and postsynaptic Poisson activity.</param>
/// <param name="Duration">Simulated time after the warm-up, s (default 200).</param>
/// <param name="Batches">Number of batches for the batch-means standard errors (default 20).</param>
/// <param name="Seed">Seed of the Poisson trains.</param>
/// <param name="SampleCount">Number of calcium samples to return (default 0).</param>
public sealed record ShotNoiseSimulation(GraupnerBrunelParameters Parameters, PoissonActivity Activity,
    double Duration = 200.0, int Batches = 20, ulong Seed = 1, int SampleCount = 0)
{
    /// <summary>Runs the event-driven Monte Carlo and evaluates the shot-noise theory.</summary>
    /// <returns>Each statistic simulated (batch-means standard error) and in theory.</returns>
    public ShotNoiseResult Run()
    {
        var p = Guard.NotNull(Parameters).Validate();
        var a = Guard.NotNull(Activity).Validate();
        Guard.Positive(Duration); Guard.InRange(Batches, 2, 1_000_000); Guard.NonNegative(SampleCount);
        var rng = new Xoshiro256(Seed, 3);
        double nc = a.SharedRate, rPre = a.PreRate - nc, rPost = a.PostRate - nc;
        double tPre = Next(rng, rPre, 0), tPost = Next(rng, rPost, 0), tShared = Next(rng, nc, 0);
        // Pending spikes of shared events, ordered by time and, at ties, pre arrival before post
        // spike (the convention of the analytics).
        var pending = new PriorityQueue<bool, (double T, int Order)>();
        double warm = 50 * p.TauCa, end = warm + Duration, batchLen = Duration / Batches;
        var sums = new double[Batches, 4];
        var samples = new double[SampleCount];
        double sampleEvery = SampleCount > 0 ? Duration / SampleCount : double.PositiveInfinity, nextSample = warm;
        int sampleIndex = 0;
        double c = 0, cPre = 0, now = 0;
        while (now < end)
        {
            // Next event: independent pre arrival, independent post, shared event, or a pending shared spike.
            double tq = pending.TryPeek(out _, out var pq) ? pq.T : double.PositiveInfinity;
            double tpa = tPre + p.Delay;
            double t = Math.Min(Math.Min(tpa, tPost), Math.Min(tShared, tq));
            t = Math.Min(t, end);
            Accumulate(p, c, now, t, warm, batchLen, sums);
            while (nextSample < t && sampleIndex < SampleCount)
            {
                samples[sampleIndex++] = c * Math.Exp(-(nextSample - now) / p.TauCa);
                nextSample += sampleEvery;
            }
            double e = Math.Exp(-(t - now) / p.TauCa);
            c *= e; cPre *= e; now = t;
            if (t >= end) break;
            bool isPre;
            if (t == tq) { pending.TryDequeue(out isPre, out _); }
            else if (t == tShared)
            {
                // A negative Lag puts the post spike before the pre spike: shift the pair by −Lag so
                // that neither lands before now (the shared train is stationary Poisson, so the
                // shift changes no statistic; before issue #14 the post spike was scheduled in the
                // past and the decay ran backwards).
                double shift = Math.Max(0.0, -a.Lag);
                pending.Enqueue(true, (t + shift + p.Delay, 0));
                pending.Enqueue(false, (t + shift + a.Lag, 1));
                tShared = Next(rng, nc, t);
                continue;
            }
            else if (t == tpa) { isPre = true; tPre = Next(rng, rPre, tPre); }
            else { isPre = false; tPost = Next(rng, rPost, tPost); }
            if (isPre) { cPre += p.CPre; c += p.CPre; }
            else c += p.CPost + p.Eta * cPre;
        }
        var theory = new CalciumShotNoise(p, a);
        bool linear = p.Eta == 0;
        var f = linear || theory.HasNonlinearVariance ? theory.Fractions() : null;
        Estimate Est(Func<int, double> perBatch, double th)
        {
            var x = Enumerable.Range(0, Batches).Select(perBatch).ToArray();
            double m = x.Average(), v = x.Select(y => (y - m) * (y - m)).Sum() / (Batches - 1);
            return new Estimate(m, Math.Sqrt(v / Batches), th);
        }
        double half = 0.5, cubic = p.Bistable ? -half * (1 - half) * (p.RhoStar - half) : 0;
        return new ShotNoiseResult(a,
            Est(b => sums[b, 0] / batchLen, theory.Mean),
            Est(b => sums[b, 1] / batchLen - Math.Pow(sums[b, 0] / batchLen, 2), theory.Variance),
            Est(b => sums[b, 2] / batchLen, f?.AlphaD ?? double.NaN),
            Est(b => sums[b, 3] / batchLen, f?.AlphaP ?? double.NaN),
            Est(b => (cubic + p.GammaP * 0.5 * sums[b, 3] / batchLen - p.GammaD * 0.5 * sums[b, 2] / batchLen) / p.Tau,
                f is null ? double.NaN : p.Drift(0.5, f.AlphaD, f.AlphaP)),
            samples);
    }

    static double Next(Xoshiro256 rng, double rate, double t) =>
        rate > 0 ? t + rng.NextExponential() / rate : double.PositiveInfinity;

    /// <summary>Adds ∫c, ∫c², time above θ_d and θ_p over the decay from c at t0 to t1, split by batch.</summary>
    static void Accumulate(GraupnerBrunelParameters p, double c, double t0, double t1, double warm, double batchLen, double[,] sums)
    {
        if (t1 <= warm) return;
        if (t0 < warm) { c *= Math.Exp(-(warm - t0) / p.TauCa); t0 = warm; }
        int batches = sums.GetLength(0);
        while (t0 < t1)
        {
            int b = Math.Min(batches - 1, (int)((t0 - warm) / batchLen));
            double bEnd = b == batches - 1 ? t1 : Math.Min(t1, warm + (b + 1) * batchLen);
            double L = bEnd - t0, tau = p.TauCa;
            sums[b, 0] += c * tau * -double.ExpM1(-L / tau);
            sums[b, 1] += c * c * tau / 2 * -double.ExpM1(-2 * L / tau);
            sums[b, 2] += PeriodicCalcium.TimeAbove(c, p.ThetaD, L, tau);
            sums[b, 3] += PeriodicCalcium.TimeAbove(c, p.ThetaP, L, tau);
            c *= Math.Exp(-L / tau);
            t0 = bEnd;
        }
    }
}
