namespace Theory.Spiking;

/// <summary>
/// A connection rule. <see cref="Build"/> returns the synapses in compressed sparse row form
/// by presynaptic neuron (row i holds the postsynaptic targets of pre neuron i, ascending).
/// </summary>
public abstract record Connectivity
{
    /// <summary>Every postsynaptic neuron receives exactly <paramref name="inDegree"/> inputs
    /// from distinct presynaptic neurons chosen uniformly (Brunel 2000). Autapses are excluded
    /// when pre and post are the same population unless <paramref name="allowAutapses"/>.</summary>
    public static Connectivity FixedInDegree(int inDegree, bool allowAutapses = false) =>
        new FixedInDegreeRule(Guard.NonNegative(inDegree), allowAutapses);

    /// <summary>Each ordered pair is connected independently with probability p (Brian2's
    /// <c>connect(p=...)</c>, which keeps autapses; so does this unless told otherwise).</summary>
    public static Connectivity FixedProbability(double p, bool allowAutapses = true) =>
        new FixedProbabilityRule(Guard.Probability(p), allowAutapses);

    /// <summary>Pre neuron i to post neuron i (sizes must match).</summary>
    public static Connectivity OneToOne() => new OneToOneRule();

    /// <summary>Explicit list of (pre, post) pairs; duplicates are kept as multiple synapses.</summary>
    public static Connectivity Explicit(int[] pre, int[] post)
    {
        Guard.NotNull(pre); Guard.NotNull(post);
        if (pre.Length != post.Length)
            throw new ArgumentException($"post.Length = {post.Length} is invalid: it must equal pre.Length = {pre.Length}.", nameof(post));
        return new ExplicitRule((int[])pre.Clone(), (int[])post.Clone());
    }

    /// <summary>Rows built elsewhere (e.g. by another rule's <see cref="Build"/>) for presynaptic
    /// neurons [<paramref name="preOffset"/>, preOffset + rows); every other presynaptic neuron has
    /// no synapses. The target array is taken over, not copied (no permutation is kept, unlike
    /// <see cref="Explicit"/>): the cheap way to connect part of a population.</summary>
    public static Connectivity Rows(Csr rows, int preOffset = 0)
    {
        Guard.NotNull(rows);
        Guard.NonNegative(preOffset);
        return new RowsRule(rows, preOffset);
    }

    /// <summary>Builds the CSR arrays. <paramref name="same"/>: pre and post are one population.</summary>
    public abstract Csr Build(int preSize, int postSize, bool same, Xoshiro256 rng);

    /// <summary>Also returns, for each synapse in CSR order, its index in the rule's own order
    /// (only meaningful for <see cref="Explicit"/>; identity otherwise).</summary>
    internal virtual int[]? SourceOrder => null;

    /// <summary>Refuses, before anything is allocated, a projection whose expected synapse count
    /// exceeds <see cref="KernelLimits.MaxSynapsesPerProjection"/> or the available memory.</summary>
    internal virtual void CheckSize(int preSize, int postSize, bool same) { }
}

/// <summary>Synapses in compressed sparse row form: targets of pre neuron i are
/// Targets[RowStart[i] .. RowStart[i+1]).</summary>
/// <param name="RowStart">Row offsets, length preSize + 1: the targets of pre neuron i are Targets[RowStart[i] .. RowStart[i+1]).</param>
/// <param name="Targets">Postsynaptic neuron index of each synapse, row by row.</param>
/// <param name="Permutation">When kept, the CSR slot of each generated (pre, post) pair; null otherwise.</param>
public sealed record Csr(int[] RowStart, int[] Targets, int[]? Permutation = null)
{
    /// <summary>Number of synapses.</summary>
    public long Count => Targets.LongLength;

    /// <summary>Counting sort of (pre, post) pairs into CSR; stable, so rows keep the order
    /// in which pairs were produced. Also returns the permutation pair → CSR slot.</summary>
    internal static Csr FromPairs(int preSize, int[] pre, int[] post, bool keepPermutation)
    {
        var rowStart = new int[preSize + 1];
        foreach (var i in pre) rowStart[i + 1]++;
        for (int i = 0; i < preSize; i++) rowStart[i + 1] += rowStart[i];
        var fill = (int[])rowStart.Clone();
        var targets = new int[post.Length];
        int[]? perm = keepPermutation ? new int[post.Length] : null;
        for (int k = 0; k < pre.Length; k++)
        {
            int slot = fill[pre[k]]++;
            targets[slot] = post[k];
            if (perm != null) perm[slot] = k;
        }
        return new Csr(rowStart, targets, perm);
    }
}

sealed record FixedInDegreeRule(int InDegree, bool AllowAutapses) : Connectivity
{
    // Two identical passes over the same random choices (the second from a copy of the generator
    // taken before the first): count each row, then fill it. The CSR arrays are all that is ever
    // allocated, so peak memory during construction stays at the retained size.
    public override Csr Build(int preSize, int postSize, bool same, Xoshiro256 rng)
    {
        int available = same && !AllowAutapses ? preSize - 1 : preSize;
        if (InDegree > available)
            throw new ArgumentException($"inDegree = {InDegree} is invalid: only {available} distinct presynaptic neurons are available.", "inDegree");
        long total = (long)InDegree * postSize;
        KernelLimits.CheckSynapses(total, "inDegree", InDegree.ToString(), $"a fixed in-degree of {InDegree} onto {postSize} neurons");
        var rowStart = new int[preSize + 1];
        var marker = new int[preSize];
        var fillRng = rng.Clone();
        Choose(preSize, postSize, same, rng, marker, (i, _) => rowStart[i + 1]++);
        for (int i = 0; i < preSize; i++) rowStart[i + 1] += rowStart[i];
        var fill = new int[preSize];
        Array.Copy(rowStart, fill, preSize);
        var targets = new int[total];
        Array.Clear(marker);
        Choose(preSize, postSize, same, fillRng, marker, (i, j) => targets[fill[i]++] = j);
        return new Csr(rowStart, targets);
    }

    internal override void CheckSize(int preSize, int postSize, bool same) =>
        KernelLimits.CheckSynapses((double)InDegree * postSize, "inDegree", InDegree.ToString(), $"a fixed in-degree of {InDegree} onto {postSize} neurons");

    // post neurons in ascending order (so rows come out sorted); marker[i] == j + 1 means pre
    // neuron i is already chosen for post neuron j
    void Choose(int preSize, int postSize, bool same, Xoshiro256 rng, int[] marker, Action<int, int> take)
    {
        for (int j = 0; j < postSize; j++)
        {
            int chosen = 0;
            if (same && !AllowAutapses) marker[j] = j + 1;
            while (chosen < InDegree)
            {
                int i = rng.NextInt(preSize);
                if (marker[i] == j + 1) continue;
                marker[i] = j + 1;
                take(i, j);
                chosen++;
            }
        }
    }
}

sealed record FixedProbabilityRule(double P, bool AllowAutapses) : Connectivity
{
    // Two identical passes (count, then fill) as for the fixed in-degree: no growing list.
    /// <summary>p·pre·post (less the diagonal without autapses), plus 6 standard deviations so that
    /// a projection passing the check fits with certainty in practice.</summary>
    static double Expected(double p, int preSize, int postSize, bool same, bool allowAutapses)
    {
        double pairs = (double)preSize * postSize - (same && !allowAutapses ? preSize : 0);
        double mean = p * pairs;
        return mean + 6 * Math.Sqrt(mean * (1 - p));
    }

    internal override void CheckSize(int preSize, int postSize, bool same) =>
        KernelLimits.CheckSynapses(Expected(P, preSize, postSize, same, AllowAutapses), "p", P.ToString("R"),
            $"connection probability {P:R} between {preSize} and {postSize} neurons");

    public override Csr Build(int preSize, int postSize, bool same, Xoshiro256 rng)
    {
        CheckSize(preSize, postSize, same);
        var rowStart = new int[preSize + 1];
        var fillRng = rng.Clone();
        long total = 0;
        for (int i = 0; i < preSize; i++)
        {
            total += Row(i, postSize, same, rng, null, 0);
            if (total > KernelLimits.MaxSynapsesPerProjection)
                throw new ArgumentException($"p = {P} is invalid for {preSize} × {postSize} neurons: more than {KernelLimits.MaxSynapsesPerProjection} synapses in one projection.", "p");
            rowStart[i + 1] = (int)total;
        }
        var targets = new int[total];
        for (int i = 0; i < preSize; i++) Row(i, postSize, same, fillRng, targets, rowStart[i]);
        return new Csr(rowStart, targets);
    }

    // geometric skipping: the gap to the next connected target is Geometric(p)
    int Row(int i, int postSize, bool same, Xoshiro256 rng, int[]? targets, int at)
    {
        if (P <= 0) return 0;
        double logq = Math.Log(1 - P);
        int n = 0;
        long j = -1;
        while (true)
        {
            j += P >= 1 ? 1 : 1 + (long)Math.Floor(Math.Log(1 - rng.NextDouble()) / logq);
            if (j >= postSize) break;
            if (same && !AllowAutapses && j == i) continue;
            if (targets != null) targets[at + n] = (int)j;
            n++;
        }
        return n;
    }
}

sealed record OneToOneRule : Connectivity
{
    public override Csr Build(int preSize, int postSize, bool same, Xoshiro256 rng)
    {
        if (preSize != postSize)
            throw new ArgumentException($"post size = {postSize} is invalid for one-to-one: it must equal the pre size {preSize}.", "post");
        var rowStart = new int[preSize + 1];
        var targets = new int[preSize];
        for (int i = 0; i < preSize; i++) { rowStart[i + 1] = i + 1; targets[i] = i; }
        return new Csr(rowStart, targets);
    }
}

sealed record ExplicitRule(int[] Pre, int[] Post) : Connectivity
{
    public override Csr Build(int preSize, int postSize, bool same, Xoshiro256 rng)
    {
        for (int k = 0; k < Pre.Length; k++)
        {
            if ((uint)Pre[k] >= (uint)preSize)
                throw new ArgumentException($"pre[{k}] = {Pre[k]} is invalid: the valid range is [0, {preSize - 1}].", "pre");
            if ((uint)Post[k] >= (uint)postSize)
                throw new ArgumentException($"post[{k}] = {Post[k]} is invalid: the valid range is [0, {postSize - 1}].", "post");
        }
        return Csr.FromPairs(preSize, Pre, Post, true);
    }
}

sealed record RowsRule(Csr Given, int PreOffset) : Connectivity
{
    public override Csr Build(int preSize, int postSize, bool same, Xoshiro256 rng)
    {
        int rows = Given.RowStart.Length - 1;
        if (PreOffset + rows > preSize)
            throw new ArgumentException($"preOffset = {PreOffset} is invalid for {rows} rows: the valid range is [0, {preSize - rows}].", "preOffset");
        foreach (var t in Given.Targets)
            if ((uint)t >= (uint)postSize)
                throw new ArgumentException($"rows contains target {t}: the valid range is [0, {postSize - 1}].", "rows");
        var rowStart = new int[preSize + 1];
        for (int i = 0; i < preSize; i++)
        {
            int r = i - PreOffset;
            rowStart[i + 1] = r < 0 ? 0 : r >= rows ? Given.RowStart[rows] : Given.RowStart[r + 1];
        }
        return new Csr(rowStart, Given.Targets);
    }
}
