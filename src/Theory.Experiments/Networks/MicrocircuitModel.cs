using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
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
        Make(scale, dcRates, P.SynapseCount, P.ExternalInDegrees, false) with { DcBackground = dcBackground };

    /// <summary>In-degree L4I → L4E of Bos, Diesmann &amp; Helias (2016): 675 instead of Potjans &amp; Diesmann's 794.6.</summary>
    public const double Bos2016L4IToL4EInDegree = 675;

    /// <summary>External in-degree of L4E of Bos et al. (2016): 1780 instead of 2100.</summary>
    public const int Bos2016L4EExternalInDegree = 1780;

    /// <summary>
    /// The microcircuit as Bos, Diesmann &amp; Helias (2016, PLoS Comput Biol 12:e1005132) simulated and predicted it for their
    /// Fig. 1D–E: Potjans &amp; Diesmann's model with three changes, listed as "parameter adaptions introduced by Bos et al.
    /// (2016) compared to the original microcircuit model" in Layer et al. (2022, Front. Neuroinform. 16:835657, Table A1):
    /// the in-degree L4I → L4E is 675 (<see cref="Bos2016L4IToL4EInDegree"/>, 15 % below 794.6), the external in-degree of L4E
    /// is 1780 (<see cref="Bos2016L4EExternalInDegree"/>, instead of 2100), and the delays are d_e = 1.5 ± 1.5 ms and
    /// d_i = 0.75 ± 0.75 ms (mean ± s.d. of the normal before truncation; twice Potjans &amp; Diesmann's s.d., and NEST's
    /// inhibitory mean 0.75 ms instead of the paper's 0.8 ms). Everything else, including the scaling rules of
    /// <see cref="At"/> and the DC compensation (at this model's full-scale mean-field rates), is as in <see cref="At"/>.
    /// </summary>
    /// <exception cref="ArgumentException">scale outside (0, 1], or dcRates of the wrong length or negative.</exception>
    public static MicrocircuitModel Bos2016(double scale = 1, double[]? dcRates = null)
    {
        var kext = P.ExternalInDegrees.ToArray();
        kext[2] = Bos2016L4EExternalInDegree;
        long Count(int a, int b) => a == 2 && b == 3 ? (long)Math.Round(Bos2016L4IToL4EInDegree * P.Sizes[2]) : P.SynapseCount(a, b);
        return Make(scale, dcRates, Count, kext, true);
    }

    static MicrocircuitModel Make(double scale, double[]? dcRates, Func<int, int, long> fullCount, IReadOnlyList<int> fullKext, bool bos)
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
                syn[a, b] = scale == 1 ? fullCount(a, b) : (long)Math.Round(fullCount(a, b) * scale * scale);
                w[a, b] = P.MeanWeight(a, b) / sq;
            }
        var kext = new int[n];
        for (int a = 0; a < n; a++) kext[a] = scale == 1 ? fullKext[a] : (int)Math.Round(fullKext[a] * scale);
        var dc = new double[n];
        if (scale < 1)
        {
            var rates = dcRates ?? MicrocircuitPrediction.Solve(bos ? Bos2016(1) : At(1)).Rates;
            for (int a = 0; a < n; a++)
            {
                double x = P.Weight * fullKext[a] * P.BackgroundRate;
                for (int b = 0; b < n; b++) x += P.MeanWeight(a, b) * ((double)fullCount(a, b) / P.Sizes[a]) * rates[b];
                dc[a] = P.TauSyn * (1 - sq) * x;
            }
        }
        var model = new MicrocircuitModel(scale, sizes, syn, w, kext, P.Weight / sq, dc);
        return bos
            ? model with { Variant = "Bos2016", DelayInh = BosDelayInh, DelayExcSd = P.DelayExc, DelayInhSd = BosDelayInh }
            : model;
    }

    const double BosDelayInh = 0.75e-3;

    /// <summary>"PD2014" (<see cref="At"/>) or "Bos2016" (<see cref="Bos2016"/>).</summary>
    public string Variant { get; init; } = "PD2014";

    /// <summary>Mean delay of synapses from excitatory populations, s (1.5 ms).</summary>
    public double DelayExc { get; init; } = P.DelayExc;

    /// <summary>Mean delay of synapses from inhibitory populations, s (0.8 ms; Bos et al. 2016: 0.75 ms).</summary>
    public double DelayInh { get; init; } = P.DelayInh;

    /// <summary>S.d. of the excitatory delays before truncation, s (0.75 ms; Bos et al. 2016: 1.5 ms).</summary>
    public double DelayExcSd { get; init; } = P.DelayExc * P.DelayRelativeSd;

    /// <summary>S.d. of the inhibitory delays before truncation, s (0.4 ms; Bos et al. 2016: 0.75 ms).</summary>
    public double DelayInhSd { get; init; } = P.DelayInh * P.DelayRelativeSd;

    /// <summary>Mean delay of synapses from population <paramref name="b"/>, s.</summary>
    public double Delay(int b) => P.IsExcitatory(b) ? DelayExc : DelayInh;

    /// <summary>S.d. (before truncation) of the delays of synapses from population <paramref name="b"/>, s.</summary>
    public double DelaySd(int b) => P.IsExcitatory(b) ? DelayExcSd : DelayInhSd;

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
/// <para>Random streams: each projection (a ← b, in the order a, b) draws from its own stream — the
/// in-degrees, the sources (<see cref="FixedTotalNumber"/>), then its weights and then its delays in
/// storage order — taken from the network in the order of a sequential construction (that stream,
/// then the one <see cref="Network.Connect(Population, Population, Connectivity, Xoshiro256, double, double, string?, string?)"/>
/// gives the rule), so the projections are built concurrently on the network's threads and the
/// synapses do not depend on the thread count.</para>
/// <para>Memory: targets (4 B), weights (4 B) and delays (2 B) per synapse; ~2.99·10⁸ synapses at full
/// scale ≈ 3.0 GB. Connectivity is generated row-sorted straight into the CSR arrays (two passes over
/// the same random draws), no pair list is held; the temporary arrays of a projection under
/// construction are a few hundred kB.</para>
/// </summary>
public static class MicrocircuitNetwork
{
    /// <summary>Builds the network of <paramref name="model"/>; returns it and its 8 populations.</summary>
    /// <param name="model">The (scaled) microcircuit.</param>
    /// <param name="seed">Seed of all randomness.</param>
    /// <param name="threads">Threads of the construction and the step loop (null: the kernel default); the network does not depend on it.</param>
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
        var jobs = new List<ProjectionJob>();
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++)
            {
                long k = model.Synapses[a, b];
                if (k == 0) continue;
                bool exc = P.IsExcitatory(b);
                double w = model.Weights[a, b], d = model.Delay(b);
                // the projection's stream, then the one Connect gives its rule (as a sequential build takes them)
                var random = net.NewRandom();
                jobs.Add(new ProjectionJob(a, b, k, exc, w, Math.Abs(w) * P.WeightRelativeSd, d, model.DelaySd(b), random, net.NewRandom()));
            }
        var built = new ProjectionSynapses?[jobs.Count];
        // largest first, one projection at a time per thread: the order of completion does not matter
        var order = Enumerable.Range(0, jobs.Count).OrderByDescending(p => jobs[p].Count).ToArray();
        try
        {
            Parallel.ForEach(Partitioner.Create(order, EnumerablePartitionerOptions.NoBuffering),
                new ParallelOptions { MaxDegreeOfParallelism = net.Threads },
                p => built[p] = Synapses(jobs[p], model, dt));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        for (int p = 0; p < jobs.Count; p++)
        {
            var job = jobs[p];
            var syn = built[p]!;
            built[p] = null;
            var proj = net.Connect(pops[job.Source], pops[job.Target], Connectivity.Rows(syn.Rows), job.RuleRandom,
                job.Weight, job.Delay, job.Excitatory ? "exc" : "inh");
            proj.SetWeightsInStorageOrder(syn.Weights);
            proj.SetDelayStepsInStorageOrder(syn.DelaySteps);
        }
        for (int a = 0; a < n; a++)
        {
            if (!model.DcBackground) net.AddPoissonInput(pops[a], model.ExternalInDegrees[a], P.BackgroundRate, model.ExternalWeight, "exc");
            double dc = model.TotalDc(a);
            if (dc != 0) net.AddCurrent(pops[a], _ => dc);
        }
        return new MicrocircuitCircuit(net, pops);
    }

    sealed record ProjectionJob(int Target, int Source, long Count, bool Excitatory, double Weight, double WeightSd,
        double Delay, double DelaySd, Xoshiro256 Random, Xoshiro256 RuleRandom);

    sealed record ProjectionSynapses(Csr Rows, float[] Weights, ushort[] DelaySteps);

    // the synapses of one projection from its own stream: connectivity, then weights w + sd z redrawn
    // while of the wrong sign, then delays d + dsd z redrawn below dt, rounded to steps (as
    // Projection.SetDelays rounds), all in storage order
    static ProjectionSynapses Synapses(ProjectionJob job, MicrocircuitModel model, double dt)
    {
        var rng = job.Random;
        var csr = FixedTotalNumber(model.Sizes[job.Source], model.Sizes[job.Target], job.Count, rng);
        int count = (int)job.Count;
        var normals = new NormalBuffer(rng);
        var weights = new float[count];
        double w = job.Weight, sd = job.WeightSd;
        bool exc = job.Excitatory;
        for (int k = 0; k < count; k++)
        {
            double x;
            do x = w + sd * normals.Next(); while (exc ? x < 0 : x > 0);
            weights[k] = (float)x;
        }
        var delays = new ushort[count];
        double d = job.Delay, dsd = job.DelaySd;
        for (int k = 0; k < count; k++)
        {
            double x;
            do x = d + dsd * normals.Next(); while (x < dt);
            double steps = Math.Round(x / dt);
            if (steps > ushort.MaxValue)
                throw new ArgumentException($"delay = {x} s is invalid: at most {ushort.MaxValue} steps ({ushort.MaxValue * dt} s).", "delay");
            delays[k] = (ushort)steps;
        }
        return new ProjectionSynapses(csr, weights, delays);
    }

    // the generator's normal deviates in order, drawn in batches (the stream is not used after the
    // delays, so drawing ahead is harmless)
    sealed class NormalBuffer(Xoshiro256 rng)
    {
        readonly double[] _buffer = new double[4096];
        int _next = 4096;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double Next()
        {
            if (_next == _buffer.Length) { rng.NextNormals(_buffer); _next = 0; }
            return _buffer[_next++];
        }
    }

    /// <summary><paramref name="count"/> synapses between uniformly drawn (pre, post) pairs, with
    /// replacement, in CSR form with every row sorted by target. The in-degrees are drawn first
    /// (count uniform post indices: a multinomial), then each post neuron's sources in ascending post
    /// order, twice from the same generator state: once to count each row, once to fill it (the
    /// generator is left after the first pass). The fill goes through groups of 256 rows (each a
    /// contiguous range of the target array, filled in draw order, then sorted by row within the
    /// group, stably), so that it writes to a few hundred places at a time instead of one per row.</summary>
    public static Csr FixedTotalNumber(int preSize, int postSize, long count, Xoshiro256 rng)
    {
        Guard.Positive(preSize); Guard.Positive(postSize); Guard.NotNull(rng);
        if (count < 0 || count > KernelLimits.MaxSynapsesPerProjection)
            throw new ArgumentException($"count = {count} is invalid: it must be in [0, {KernelLimits.MaxSynapsesPerProjection}].", nameof(count));
        int total = (int)count;
        var draws = new int[Math.Clamp(total, 1, DrawBatch)];
        var inDegree = new int[postSize];
        for (int done = 0; done < total;)
        {
            var batch = draws.AsSpan(0, Math.Min(draws.Length, total - done));
            rng.NextInts(postSize, batch);
            foreach (int j in batch) inDegree[j]++;
            done += batch.Length;
        }
        var fillRng = rng.Clone();
        var rowStart = new int[preSize + 1];
        for (int done = 0; done < total;)
        {
            var batch = draws.AsSpan(0, Math.Min(draws.Length, total - done));
            rng.NextInts(preSize, batch);
            foreach (int i in batch) rowStart[i + 1]++;
            done += batch.Length;
        }
        for (int i = 0; i < preSize; i++) rowStart[i + 1] += rowStart[i];
        var targets = new int[total];
        if (postSize <= 1 << GroupShiftPost) FillGrouped(preSize, rowStart, inDegree, targets, fillRng, draws);
        else FillDirect(preSize, rowStart, inDegree, targets, fillRng, draws);
        return new Csr(rowStart, targets);
    }

    const int DrawBatch = 4096;
    const int GroupBits = 8, GroupShiftPost = 32 - GroupBits;

    // each draw i (for post j, in draw order) goes straight to its row
    static void FillDirect(int preSize, int[] rowStart, int[] inDegree, int[] targets, Xoshiro256 rng, int[] draws)
    {
        var fill = new int[preSize];
        Array.Copy(rowStart, fill, preSize);
        int j = 0, left = inDegree[0];
        for (int done = 0; done < targets.Length;)
        {
            var batch = draws.AsSpan(0, Math.Min(draws.Length, targets.Length - done));
            rng.NextInts(preSize, batch);
            foreach (int i in batch)
            {
                while (left == 0) left = inDegree[++j];
                left--;
                targets[fill[i]++] = j;
            }
            done += batch.Length;
        }
    }

    // pass 1: each draw i (for post j) is appended to the range of its group of 256 rows as
    // (i mod 256) << 24 | j, in draw order; pass 2: each group's range is sorted by row with a
    // stable counting sort, which leaves every row's targets in draw order, i.e. ascending j
    static void FillGrouped(int preSize, int[] rowStart, int[] inDegree, int[] targets, Xoshiro256 rng, int[] draws)
    {
        const int groupSize = 1 << GroupBits, lowMask = (1 << GroupShiftPost) - 1;
        int groups = (preSize + groupSize - 1) >> GroupBits;
        var fill = new int[groups];
        int largest = 0;
        for (int g = 0; g < groups; g++)
        {
            fill[g] = rowStart[g << GroupBits];
            largest = Math.Max(largest, rowStart[Math.Min((g + 1) << GroupBits, preSize)] - fill[g]);
        }
        int j = 0, left = inDegree[0];
        for (int done = 0; done < targets.Length;)
        {
            var batch = draws.AsSpan(0, Math.Min(draws.Length, targets.Length - done));
            rng.NextInts(preSize, batch);
            foreach (int i in batch)
            {
                while (left == 0) left = inDegree[++j];
                left--;
                targets[fill[i >> GroupBits]++] = ((i & (groupSize - 1)) << GroupShiftPost) | j;
            }
            done += batch.Length;
        }
        var group = new int[largest];
        var rowFill = new int[groupSize];
        for (int g = 0; g < groups; g++)
        {
            int first = g << GroupBits, rows = Math.Min(groupSize, preSize - first);
            int start = rowStart[first], length = rowStart[first + rows] - start;
            if (length == 0) continue;
            Array.Copy(targets, start, group, 0, length);
            for (int r = 0; r < rows; r++) rowFill[r] = rowStart[first + r];
            for (int k = 0; k < length; k++)
            {
                int v = group[k];
                targets[rowFill[(int)((uint)v >> GroupShiftPost)]++] = v & lowMask;
            }
        }
    }
}

/// <summary>The microcircuit built on the kernel (<see cref="MicrocircuitNetwork.Build"/>).</summary>
/// <param name="Net">The kernel network, ready to run.</param>
/// <param name="Populations">The eight populations L2/3E … L6I.</param>
public sealed record MicrocircuitCircuit(Network Net, LifExpCurrent[] Populations);
