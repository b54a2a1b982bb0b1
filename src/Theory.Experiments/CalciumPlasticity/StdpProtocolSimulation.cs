using Theory.CalciumPlasticity;
using Theory.Spiking;

namespace Theory.Experiments.CalciumPlasticity;

/// <summary>Outcome of a simulated spike-pair protocol against the closed form.</summary>
/// <param name="DeltaT">Δt = t_post − t_pre (s).</param>
/// <param name="Simulated">Simulated ratio of mean weight after/before.</param>
/// <param name="StandardError">Its standard error (binomial, over synapses).</param>
/// <param name="Analytic">Closed-form ratio (<see cref="StdpCurve"/>).</param>
/// <param name="SimulatedUp">Fraction of DOWN synapses that ended UP.</param>
/// <param name="SimulatedDown">Fraction of UP synapses that ended DOWN.</param>
/// <param name="Theory">The closed-form outcome (<see cref="SynapticChange"/>) behind <paramref name="Analytic"/>.</param>
public sealed record StdpProtocolResult(double DeltaT, double Simulated, double StandardError, double Analytic,
    double SimulatedUp, double SimulatedDown, SynapticChange Theory);

/// <summary>
/// Spike-pair protocol on a population of independent synapses (Graupner &amp; Brunel 2012,
/// Fig. 2): the exact calcium trace of <paramref name="Pairs"/> pairs at
/// <paramref name="Frequency"/> starting from c = 0 (including the first transients and the
/// final decay), the efficacy of each synapse integrated exactly segment by segment
/// (<see cref="EfficacySegment"/>; the closed form also neglects the cubic term, so by default
/// it is switched off here), half of the synapses (β) starting DOWN (ρ = 0), the rest UP
/// (ρ = 1), classified UP/DOWN by ρ ≷ ρ* at the end.
/// </summary>
/// <param name="Parameters">Graupner–Brunel (2012) model parameters.</param>
/// <param name="DeltaT">Δt = t_post − t_pre of each pair, s.</param>
/// <param name="Frequency">Pairing frequency, Hz (default 1).</param>
/// <param name="Pairs">Number of pairs (default 60).</param>
/// <param name="Synapses">Number of independent synapses (default 4000).</param>
/// <param name="Seed">Seed of the noise.</param>
/// <param name="WithCubic">Include the cubic term −ρ(1 − ρ)(ρ* − ρ) of the efficacy dynamics (default false, as the closed form).</param>
public sealed record StdpProtocolSimulation(GraupnerBrunelParameters Parameters, double DeltaT,
    double Frequency = 1.0, int Pairs = 60, int Synapses = 4000, ulong Seed = 1, bool WithCubic = false)
{
    /// <summary>A general motif repeated <see cref="Pairs"/> times instead of the pair of
    /// <see cref="DeltaT"/> at <see cref="Frequency"/> (e.g. <see cref="SpikeMotif.Burst"/>, Fig. 3);
    /// its period replaces 1/Frequency, and DeltaT is only reported.</summary>
    public SpikeMotif? Motif { get; init; }

    /// <summary>Runs the protocol on every synapse and compares the fraction change with the closed form.</summary>
    /// <returns>The simulated and analytic outcome at <see cref="DeltaT"/>.</returns>
    public StdpProtocolResult Run()
    {
        var p = Guard.NotNull(Parameters).Validate().With(bistable: WithCubic);
        Guard.Positive(Frequency); Guard.Positive(Pairs); Guard.Positive(Synapses);
        var motif = Motif ?? SpikeMotif.Pair(DeltaT, Frequency);
        var theory = Motif is null
            ? StdpCurve.Pair(p, DeltaT, Frequency, Pairs).Outcome
            : SynapticChange.Of(p, PeriodicCalcium.Fractions(p, Motif), Pairs * Motif.Period);
        // Events of the whole protocol.
        var events = new List<(double t, bool pre)>();
        for (int r = 0; r < Pairs; r++)
        {
            double t0 = r * motif.Period;
            foreach (var t in motif.PreTimes) events.Add((t0 + t + p.Delay, true));
            foreach (var t in motif.PostTimes) events.Add((t0 + t, false));
        }
        events.Sort((x, y) => x.t != y.t ? x.t.CompareTo(y.t) : (x.pre ? 0 : 1).CompareTo(y.pre ? 0 : 1));
        double end = Pairs * motif.Period + 20 * p.TauCa + p.Delay;
        var rng = new Xoshiro256(Seed, 17);
        int nDown = (int)Math.Round(p.Beta * Synapses);
        var rho = new double[Synapses];
        for (int i = nDown; i < Synapses; i++) rho[i] = 1.0;
        double cPre = 0, c = 0, now = 0;
        for (int k = 0; k <= events.Count; k++)
        {
            double next = k < events.Count ? events[k].t : end;
            double gap = next - now;
            if (gap > 0)
            {
                for (int i = 0; i < Synapses; i++) rho[i] = EfficacySegment.AcrossDecay(p, rho[i], c, gap, rng);
                double e = Math.Exp(-gap / p.TauCa);
                c *= e; cPre *= e; now = next;
            }
            if (k == events.Count) break;
            if (events[k].pre) { cPre += p.CPre; c += p.CPre; }
            else c += p.CPost + p.Eta * cPre;
        }
        int up = 0, down = 0;
        for (int i = 0; i < nDown; i++) if (rho[i] > p.RhoStar) up++;
        for (int i = nDown; i < Synapses; i++) if (rho[i] < p.RhoStar) down++;
        double U = nDown > 0 ? (double)up / nDown : 0, D = Synapses > nDown ? (double)down / (Synapses - nDown) : 0;
        double beta = p.Beta, b = p.WeightRatio, norm = beta + (1 - beta) * b;
        double change = (beta * (1 - U) + (1 - beta) * D + b * (beta * U + (1 - beta) * (1 - D))) / norm;
        // d change/dU = β(b − 1)/norm, d change/dD = (1 − β)(1 − b)/norm; binomial variances.
        double varU = nDown > 0 ? U * (1 - U) / nDown : 0, varD = Synapses > nDown ? D * (1 - D) / (Synapses - nDown) : 0;
        double se = Math.Sqrt(Math.Pow(beta * (b - 1) / norm, 2) * varU + Math.Pow((1 - beta) * (b - 1) / norm, 2) * varD);
        return new StdpProtocolResult(DeltaT, change, se, theory.Change, U, D, theory);
    }
}
