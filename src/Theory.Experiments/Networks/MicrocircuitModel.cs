using Theory.Spiking;
using P = Theory.Experiments.Networks.MicrocircuitParameters;

namespace Theory.Experiments.Networks;

/// <summary>
/// The population-level description of the Potjans &amp; Diesmann (2014) microcircuit at a given
/// <paramref name="Scale"/>: what both the simulation (<see cref="MicrocircuitNetwork"/>) and the mean
/// field (<see cref="MicrocircuitPrediction"/>) read. Matrices are [target, source].
/// <para>Downscaling (van Albada, Helias &amp; Diesmann 2015, PLoS Comput Biol 11:e1004490; as NEST's
/// example with N_scaling = K_scaling = s): N_a → ⌊s N_a⌋, synapse numbers → round(s² K_ab) (so in-degrees
/// scale by s and the connection probabilities stay those of the paper), K_ext → round(s K_ext),
/// all weights → w/√s, which keeps the input variance σ² ∝ K w² ν, and a DC current per population
/// I_DC,a = τ_s (1 − √s) (Σ_b w_ab K^full_ab/N_a ν_b + w K_ext,a ν_bg) that restores the mean input μ
/// at the rates ν_b. Chosen over "N scaled, in-degrees kept", which at s = 0.1 would need ~5 synapses
/// per L5I→L5 pair (497 inputs from 106 neurons) and so multiply that input's variance. With ν_b the
/// full-scale mean-field rates (default), μ and σ of the scaled network at those rates equal the
/// full-scale ones up to the rounding of the synapse numbers, so the scaled network has (almost) the
/// same mean-field fixed point; its own prediction is computed from this record regardless.</para>
/// </summary>
/// <param name="Scale">Scale s in (0, 1]; 1 is the full network (no DC).</param>
/// <param name="Sizes">Population sizes N_a.</param>
/// <param name="Synapses">Number of synapses K_ab from b to a (multapses and autapses allowed).</param>
/// <param name="Weights">Mean weights w_ab, A (negative from inhibitory populations).</param>
/// <param name="ExternalInDegrees">External Poisson inputs per neuron, K_ext,a.</param>
/// <param name="ExternalWeight">Weight of each external input, A (not distributed, as in NEST's example).</param>
/// <param name="Dc">DC current per population, A (0 at full scale).</param>
public sealed record MicrocircuitModel(
    double Scale, int[] Sizes, long[,] Synapses, double[,] Weights, int[] ExternalInDegrees, double ExternalWeight, double[] Dc)
{
    /// <summary>The microcircuit at scale <paramref name="scale"/> (0, 1]; <paramref name="dcRates"/> (Hz,
    /// 8 entries): the rates the DC compensation assumes, default the full-scale mean-field rates (of the Poisson-background
    /// model); <paramref name="dcBackground"/>: DC instead of Poisson background (<see cref="DcBackground"/>).</summary>
    /// <exception cref="ArgumentException">scale outside (0, 1], or dcRates of the wrong length or negative.</exception>
    public static MicrocircuitModel At(double scale = 1, double[]? dcRates = null, bool dcBackground = false) =>
        Poisson(scale, dcRates) with { DcBackground = dcBackground };

    static MicrocircuitModel Poisson(double scale, double[]? dcRates)
    {
        if (!(scale > 0 && scale <= 1))
            throw new ArgumentException($"scale = {scale} is invalid: it must be in (0, 1].", nameof(scale));
        if (dcRates != null)
        {
            if (dcRates.Length != P.Populations)
                throw new ArgumentException($"dcRates has {dcRates.Length} entries: it must have {P.Populations}.", nameof(dcRates));
            foreach (var r in dcRates) Guard.NonNegative(r, nameof(dcRates));
        }
        int n = P.Populations;
        var sizes = new int[n];
        for (int a = 0; a < n; a++) sizes[a] = (int)(P.Sizes[a] * scale);
        for (int a = 0; a < n; a++)
            if (sizes[a] < 1)
                throw new ArgumentException($"scale = {scale} is invalid: population {P.Names[a]} would have no neuron (N = {P.Sizes[a]}).", nameof(scale));
        var syn = new long[n, n];
        var w = new double[n, n];
        double sq = Math.Sqrt(scale);
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++)
            {
                syn[a, b] = scale == 1 ? P.SynapseCount(a, b) : (long)Math.Round(P.SynapseCount(a, b) * scale * scale);
                w[a, b] = P.MeanWeight(a, b) / sq;
            }
        var kext = new int[n];
        for (int a = 0; a < n; a++) kext[a] = scale == 1 ? P.ExternalInDegrees[a] : (int)Math.Round(P.ExternalInDegrees[a] * scale);
        var dc = new double[n];
        if (scale < 1)
        {
            var rates = dcRates ?? MicrocircuitPrediction.Solve(At(1)).Rates;
            for (int a = 0; a < n; a++)
            {
                double x = P.Weight * P.ExternalInDegrees[a] * P.BackgroundRate;
                for (int b = 0; b < n; b++) x += P.MeanWeight(a, b) * P.InDegree(a, b) * rates[b];
                dc[a] = P.TauSyn * (1 - sq) * x;
            }
        }
        return new MicrocircuitModel(scale, sizes, syn, w, kext, P.Weight / sq, dc);
    }

    /// <summary>DC background (Potjans &amp; Diesmann 2014, the alternative to Poisson background): instead of K_ext
    /// Poisson inputs each neuron receives their mean as a constant current, <see cref="BackgroundCurrent"/>
    /// = K_ext ν_bg w_ext τ_s, which keeps μ and removes the external part of σ². Default false (Poisson).</summary>
    public bool DcBackground { get; init; }

    /// <summary>The DC that replaces the Poisson background of population <paramref name="a"/>,
    /// K_ext,a ν_bg w_ext τ_s (A), for this model's (scaled) K_ext and w_ext (used only with <see cref="DcBackground"/>).</summary>
    public double BackgroundCurrent(int a) => ExternalInDegrees[a] * P.BackgroundRate * ExternalWeight * P.TauSyn;

    /// <summary>Total constant current of population <paramref name="a"/>, A: the DC compensation <see cref="Dc"/> plus,
    /// with <see cref="DcBackground"/>, <see cref="BackgroundCurrent"/>.</summary>
    public double TotalDc(int a) => Dc[a] + (DcBackground ? BackgroundCurrent(a) : 0);

    /// <summary>Total number of neurons.</summary>
    public int TotalNeurons => Sizes.Sum();

    /// <summary>Total number of recurrent synapses.</summary>
    public long TotalSynapses
    {
        get { long s = 0; foreach (var k in Synapses) s += k; return s; }
    }

    /// <summary>Mean in-degree K_ab / N_a.</summary>
    public double InDegree(int a, int b) => (double)Synapses[a, b] / Sizes[a];
}

/// <summary>
/// Builds the microcircuit on the kernel: one <see cref="LifExpCurrent"/> population per
/// population (τ_e = τ_i = 0.5 ms), projections with a fixed total number of synapses (pairs drawn
/// uniformly with replacement: multapses and autapses allowed, as NEST's <c>fixed_total_number</c>
/// in the paper's and the example's code), per-synapse weights ~ N(w_ab, (0.1 w_ab)²) redrawn when of
/// the wrong sign, per-synapse delays ~ N(d, (d/2)²) redrawn below one step (d_e = 1.5 ms from
/// excitatory, d_i = 0.8 ms from inhibitory sources) and rounded to whole steps, K_ext Poisson inputs
/// at ν_bg = 8 Hz per neuron on the excitatory channel (or, with <see cref="MicrocircuitModel.DcBackground"/>, their
/// mean K_ext ν_bg w τ_s as a constant current), the DC of the scaled model, and initial
/// V ~ N(−58, 10) mV.
/// <para>Units: the kernel's current channels add the weight in A to I_syn and integrate
/// C dV/dt = −g_L(V − E_L) + I_syn exactly, as NEST's iaf_psc_exp does with pA; so 87.8 pA is 87.8e-12.</para>
/// <para>Memory: targets (4 B), weights (4 B) and delays (2 B) per synapse; ~2.99·10⁸ synapses at full
/// scale ≈ 3.0 GB. Connectivity is generated row-sorted straight into the CSR arrays (two passes over
/// the same random draws), no pair list is held.</para>
/// </summary>
public static class MicrocircuitNetwork
{
    /// <summary>Builds the network of <paramref name="model"/>; returns it and its 8 populations.</summary>
    /// <param name="model">The (scaled) microcircuit.</param>
    /// <param name="seed">Seed of all randomness.</param>
    /// <param name="threads">Threads of the step loop (null: the kernel default).</param>
    /// <param name="dt">Time step, s (default 0.1 ms).</param>
    public static MicrocircuitCircuit Build(MicrocircuitModel model, ulong seed = 1, int? threads = null, double dt = 1e-4)
    {
        Guard.NotNull(model);
        Guard.Positive(dt);
        int n = P.Populations;
        var net = new Network(dt, seed, threads);
        var pops = new LifExpCurrent[n];
        for (int a = 0; a < n; a++)
            pops[a] = net.Add(new LifExpCurrent(P.Names[a], model.Sizes[a], P.Membrane, P.TauSyn, P.TauSyn));
        var init = net.NewRandom();
        foreach (var p in pops) p.SetNormal("v", P.V0Mean, P.V0Sd, init);
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++)
            {
                long k = model.Synapses[a, b];
                if (k == 0) continue;
                var rng = net.NewRandom();
                var csr = FixedTotalNumber(model.Sizes[b], model.Sizes[a], k, rng);
                bool exc = P.IsExcitatory(b);
                double w = model.Weights[a, b], sd = Math.Abs(w) * P.WeightRelativeSd;
                double d = exc ? P.DelayExc : P.DelayInh, dsd = d * P.DelayRelativeSd;
                var proj = net.Connect(pops[b], pops[a], Connectivity.Rows(csr), w, d, exc ? "exc" : "inh");
                proj.SetWeights((_, _) =>
                {
                    double x;
                    do x = w + sd * rng.NextNormal(); while (exc ? x < 0 : x > 0);
                    return x;
                });
                proj.SetDelays((_, _) =>
                {
                    double x;
                    do x = d + dsd * rng.NextNormal(); while (x < dt);
                    return x;
                });
            }
        for (int a = 0; a < n; a++)
        {
            if (!model.DcBackground) net.AddPoissonInput(pops[a], model.ExternalInDegrees[a], P.BackgroundRate, model.ExternalWeight, "exc");
            double dc = model.TotalDc(a);
            if (dc != 0) net.AddCurrent(pops[a], _ => dc);
        }
        return new MicrocircuitCircuit(net, pops);
    }

    /// <summary><paramref name="count"/> synapses between uniformly drawn (pre, post) pairs, with
    /// replacement, in CSR form with every row sorted by target. The in-degrees are drawn first
    /// (count uniform post indices: a multinomial), then each post neuron's sources in ascending post
    /// order, twice from the same generator state: once to count each row, once to fill it.</summary>
    public static Csr FixedTotalNumber(int preSize, int postSize, long count, Xoshiro256 rng)
    {
        Guard.Positive(preSize); Guard.Positive(postSize); Guard.NotNull(rng);
        if (count < 0 || count > KernelLimits.MaxSynapsesPerProjection)
            throw new ArgumentException($"count = {count} is invalid: it must be in [0, {KernelLimits.MaxSynapsesPerProjection}].", nameof(count));
        var inDegree = new int[postSize];
        for (long s = 0; s < count; s++) inDegree[rng.NextInt(postSize)]++;
        var fillRng = rng.Clone();
        var rowStart = new int[preSize + 1];
        for (int j = 0; j < postSize; j++)
            for (int m = 0; m < inDegree[j]; m++) rowStart[rng.NextInt(preSize) + 1]++;
        for (int i = 0; i < preSize; i++) rowStart[i + 1] += rowStart[i];
        var fill = new int[preSize];
        Array.Copy(rowStart, fill, preSize);
        var targets = new int[count];
        for (int j = 0; j < postSize; j++)
            for (int m = 0; m < inDegree[j]; m++) targets[fill[fillRng.NextInt(preSize)]++] = j;
        return new Csr(rowStart, targets);
    }
}

/// <summary>The microcircuit built on the kernel (<see cref="MicrocircuitNetwork.Build"/>).</summary>
/// <param name="Net">The kernel network, ready to run.</param>
/// <param name="Populations">The eight populations L2/3E … L6I.</param>
public sealed record MicrocircuitCircuit(Network Net, LifExpCurrent[] Populations);
