using Theory.CalciumPlasticity;
using Theory.Spiking;

namespace Theory.Experiments.CalciumPlasticity;

/// <summary>Kernel simulation of a spike-pair protocol against the theory.</summary>
/// <param name="MeanEfficacy">Mean ρ over the synapses at the end (± SE over synapses) against
/// ρ̄ + (ρ₀ − ρ̄)e^{−T/τ_eff} with the α of the theory (NaN where the theory has no α).</param>
/// <param name="AlphaD">Fraction of time above θ_d, mean over synapses (± SE), against the theory.</param>
/// <param name="AlphaP">Same for θ_p.</param>
/// <param name="DeltaT">Δt realised on the kernel's grid: the lag in whole steps × dt (s).</param>
/// <param name="Delay">Calcium delay D realised by the kernel: whole steps × dt (s); the theory uses it.</param>
/// <param name="PreSpikes">Presynaptic spikes per synapse per second over warm-up and protocol (realised rate, Hz).</param>
/// <param name="PostSpikes">Postsynaptic spikes per synapse per second (realised rate, Hz).</param>
public sealed record KernelPairResult(Estimate MeanEfficacy, Estimate AlphaD, Estimate AlphaP,
    double DeltaT, double Delay, double PreSpikes, double PostSpikes);

/// <summary>
/// Spike pairs on <paramref name="Synapses"/> independent kernel synapses
/// (<see cref="CalciumSynapseProjection"/>, one-to-one between two <see cref="CalciumSynapseDriver"/>
/// populations, dt = <paramref name="Dt"/>), as in Graupner, Wallisch &amp; Ostojic (2016),
/// J. Neurosci. 36:11238. Irregular pairs: presynaptic Poisson spikes at ν; each is followed (Δt &gt; 0) or
/// preceded (Δt &lt; 0) by a postsynaptic spike at lag Δt with probability p, and independent
/// Poisson postsynaptic spikes at (1 − p)ν complete the postsynaptic train (rate ν). Regular pairs:
/// presynaptic spikes every 1/ν from a random phase, each with a postsynaptic spike at lag Δt.
/// Spike times are drawn in continuous time and placed in step ⌊t/dt⌋; a shared postsynaptic spike
/// sits exactly round(Δt/dt) steps after its presynaptic one, and the calcium arrives
/// round(D/dt) steps after a presynaptic spike, before a postsynaptic spike of the same step
/// (the analytic tie rule). Each synapse has its own trains (stream = synapse index + 1); the trains
/// run for a warm-up of 20 τ_Ca from c = 0 (the calcium becomes stationary), then every ρ is set to
/// ρ₀ and the times above threshold are zeroed (<see cref="CalciumSynapseProjection.ResetEfficacy"/>),
/// and the protocol runs for <paramref name="Duration"/>; the cubic term is switched off as in the
/// paper's readout.
/// Theory at the realised Δt and D: α from <see cref="PeriodicCalcium"/> (regular) or the
/// stationary shot-noise law <see cref="CalciumShotNoise"/> (irregular; for nonlinear calcium only
/// at Δt = D or p = 0, elsewhere NaN: no analytic α exists there), readout
/// ρ̄ + (ρ₀ − ρ̄)e^{−T/τ_eff} (<see cref="SynapticChange"/>).
/// </summary>
/// <param name="Parameters">Graupner–Brunel parameters (e.g. <see cref="GraupnerBrunelParameters.Linear2016"/>).</param>
/// <param name="Rate">ν, Hz, &gt; 0 (pre and post rate).</param>
/// <param name="DeltaT">Δt = t_post − t_pre of a pair, s (regular pairs: |Δt| ≤ 1/(2ν)).</param>
/// <param name="PairedFraction">p ∈ [0, 1], the fraction of presynaptic spikes with a paired
/// postsynaptic spike (irregular pairs; regular pairs are always paired; default 1).</param>
/// <param name="Regular">Regular instead of Poisson pairs (default false).</param>
/// <param name="Duration">T, s (default 10, the paper's).</param>
/// <param name="Synapses">Number of independent synapses (default 4000).</param>
/// <param name="Rho0">Initial efficacy ρ₀ ∈ [0, 1] (default 0.5, the paper's).</param>
/// <param name="Seed">Seed of the trains and of the efficacy noise.</param>
/// <param name="Dt">Kernel time step, s (default 1e-4).</param>
public sealed record KernelPairSimulation(GraupnerBrunelParameters Parameters, double Rate, double DeltaT,
    double PairedFraction = 1.0, bool Regular = false, double Duration = 10.0, int Synapses = 4000,
    double Rho0 = 0.5, ulong Seed = 1, double Dt = 1e-4)
{
    /// <summary>Warm-up before the protocol, in units of τ_Ca.</summary>
    public const double WarmUpTauCa = 20;

    /// <summary>Runs the kernel and evaluates the theory at the realised Δt and D.</summary>
    /// <returns>Mean efficacy and time fractions, simulated ± SE and theory.</returns>
    /// <exception cref="ArgumentException">A parameter outside its range.</exception>
    public KernelPairResult Run()
    {
        var p = Guard.NotNull(Parameters).Validate().With(bistable: false);
        Guard.Positive(Rate); Guard.Finite(DeltaT); Guard.Probability(PairedFraction); Guard.Positive(Duration);
        Guard.InRange(Synapses, 2, 10_000_000); Guard.Probability(Rho0); Guard.InRange(Dt, 1e-6, 1e-3);
        if (Rate * Dt > 0.1)
            throw new ArgumentException($"Rate = {Rate} Hz is invalid for Dt = {Dt} s: the valid range is (0, {0.1 / Dt}] Hz (ν dt ≤ 0.1).", nameof(Rate));
        if (Regular && Math.Abs(DeltaT) > 0.5 / Rate)
            throw new ArgumentException($"DeltaT = {DeltaT} s is invalid for regular pairs at {Rate} Hz: the valid range is [{-0.5 / Rate}, {0.5 / Rate}] s.", nameof(DeltaT));
        int lag = (int)Math.Round(DeltaT / Dt), caDelay = (int)Math.Round(p.Delay / Dt);
        int warm = (int)Math.Ceiling(WarmUpTauCa * p.TauCa / Dt), steps = (int)Math.Round(Duration / Dt);
        var pre = new int[Synapses][];
        var post = new int[Synapses][];
        for (int i = 0; i < Synapses; i++) (pre[i], post[i]) = Trains(new Xoshiro256(Seed, (ulong)i + 1), lag, warm + steps);

        var net = new Network(Dt, Seed);
        var preSource = net.Add(new CalciumSynapseDriver("pre", pre));
        var postSource = net.Add(new CalciumSynapseDriver("post", post));
        var proj = net.Add(new CalciumSynapseProjection(net, preSource, postSource, Connectivity.OneToOne(),
            KernelSynapseSimulation.Rule(p), 0, 1, (_, _) => Rho0));
        // warm-up: the calcium reaches its stationary regime, then ρ restarts at ρ₀
        net.Run(warm * Dt);
        proj.ResetEfficacy((_, _) => Rho0);
        net.Run(steps * Dt);
        proj.Synchronize();

        double dtReal = lag * Dt, delay = caDelay * Dt, T = steps * Dt;
        var pt = p.With(delay: delay);
        TimeFractions? f = null;
        if (Regular) f = PeriodicCalcium.Fractions(pt, SpikeMotif.Pair(dtReal, Rate));
        else if (p.Eta == 0 || PairedFraction == 0 || lag == caDelay)
            f = new CalciumShotNoise(pt, new PoissonActivity(Rate, Rate, PairedFraction, dtReal)).Fractions();
        double meanTheory = double.NaN;
        if (f is not null)
        {
            var outcome = SynapticChange.Of(pt, f, T);
            meanTheory = outcome.RhoBar + (Rho0 - outcome.RhoBar) * Math.Exp(-T / outcome.TauEff);
        }
        // the projection's storage order is the source order of the one-to-one connection
        var rho = proj.Rho;
        var aD = proj.TimeAboveDepression.Select(t => t / T).ToArray();
        var aP = proj.TimeAbovePotentiation.Select(t => t / T).ToArray();
        return new KernelPairResult(Est(rho, meanTheory), Est(aD, f?.AlphaD ?? double.NaN), Est(aP, f?.AlphaP ?? double.NaN),
            dtReal, delay, preSource.SpikeTotal / (Synapses * (warm + steps) * Dt), postSource.SpikeTotal / (Synapses * (warm + steps) * Dt));
    }

    static Estimate Est(double[] x, double theory)
    {
        double m = x.Average(), v = x.Select(y => (y - m) * (y - m)).Sum() / (x.Length - 1);
        return new Estimate(m, Math.Sqrt(v / x.Length), theory);
    }

    // One synapse's trains in steps [0, steps): pair anchors are drawn on [−|lag|, steps + |lag|) so
    // that pairs straddling the ends are complete inside the window.
    (int[] Pre, int[] Post) Trains(Xoshiro256 rng, int lag, int steps)
    {
        var pre = new List<int>();
        var post = new List<int>();
        double from = -Math.Abs(lag) * Dt, to = (steps + Math.Abs(lag)) * Dt;
        void Add(List<int> list, int step) { if (step >= 0 && step < steps) list.Add(step); }
        if (Regular)
        {
            double period = 1 / Rate;
            for (double t = from + rng.NextDouble() * period; t < to; t += period)
            {
                int s = (int)Math.Floor(t / Dt);
                Add(pre, s); Add(post, s + lag);
            }
            return ([.. pre], [.. post]);
        }
        for (double t = from + rng.NextExponential() / Rate; t < to; t += rng.NextExponential() / Rate)
        {
            int s = (int)Math.Floor(t / Dt);
            Add(pre, s);
            if (rng.NextDouble() < PairedFraction) Add(post, s + lag);
        }
        double single = (1 - PairedFraction) * Rate;
        if (single > 0)
            for (double t = rng.NextExponential() / single; t < steps * Dt; t += rng.NextExponential() / single)
                Add(post, (int)Math.Floor(t / Dt));
        return ([.. pre], [.. post]);
    }
}
