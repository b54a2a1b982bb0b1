using System.Runtime.CompilerServices;

namespace Theory.Spiking;

/// <summary>
/// Tsodyks–Markram short-term plasticity state held per presynaptic neuron — exact for the
/// model with one parameter set per projection, since every synapse of a neuron sees the same
/// spikes (Tsodyks, Pawelzik &amp; Markram 1998). Event-driven: at a presynaptic spike the state
/// is relaxed exactly from the previous spike, u ← u∞ + (u − u∞)e^{−Δ/τ_F},
/// x ← 1 − (1 − x)e^{−Δ/τ_D}, then (release first) r = u x, x ← x − r, u ← u + f(1 − u), or
/// (facilitate first) u ← u + f(1 − u), r = u x, x ← x − r. The efficacy is A·r.
/// Conventions as in Theory.ShortTermPlasticity.TsodyksMarkramConvention.
/// </summary>
public sealed class TsodyksMarkramState
{
    readonly double[] _u, _x;
    readonly int[] _last;
    readonly double[] _sum, _sumSq;
    readonly long[] _count;

    /// <summary>Baseline release probability U (dimensionless).</summary>
    public double U { get; private set; }
    /// <summary>Depression time constant τ_D (s).</summary>
    public double TauD { get; private set; }
    /// <summary>Facilitation time constant τ_F (s).</summary>
    public double TauF { get; private set; }
    /// <summary>Facilitation increment f.</summary>
    public double F { get; private set; }
    /// <summary>Amplitude A (efficacy = A·r).</summary>
    public double Amplitude { get; private set; }
    /// <summary>Value u relaxes to between spikes (U, or 0 in TPM98).</summary>
    public double RestingU { get; private set; }
    /// <summary>Whether a spike increments u before releasing.</summary>
    public bool FacilitateFirst { get; private set; }

    internal TsodyksMarkramState(int preSize, double u, double tauD, double tauF, double f, double amplitude, double restingU, bool facilitateFirst)
    {
        _u = new double[preSize]; _x = new double[preSize]; _last = new int[preSize];
        _sum = new double[preSize]; _sumSq = new double[preSize]; _count = new long[preSize];
        SetParameters(u, tauD, tauF, f, amplitude, restingU, facilitateFirst);
        Array.Fill(_u, restingU); Array.Fill(_x, 1.0); Array.Fill(_last, -1);
    }

    /// <summary>Changes the parameters from now on, keeping u and x (as the paper's code does
    /// at each developmental step).</summary>
    public void SetParameters(double u, double tauD, double tauF, double f, double amplitude, double restingU, bool facilitateFirst)
    {
        if (!(u > 0 && u <= 1)) throw new ArgumentException($"u = {u} is invalid: the valid range is (0, 1].", nameof(u));
        Guard.Positive(tauD); Guard.Positive(tauF); Guard.Probability(f); Guard.Positive(amplitude);
        Guard.Probability(restingU);
        U = u; TauD = tauD; TauF = tauF; F = f; Amplitude = amplitude; RestingU = restingU; FacilitateFirst = facilitateFirst;
    }

    /// <summary>Efficacy of a spike of pre neuron i at step n (updates the state).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal double Release(int i, int step, double dt)
    {
        double u = _u[i], x = _x[i];
        int last = _last[i];
        if (last >= 0)
        {
            double gap = (step - last) * dt;
            u = RestingU + (u - RestingU) * Math.Exp(-gap / TauF);
            x = 1 - (1 - x) * Math.Exp(-gap / TauD);
        }
        double uf = u + F * (1 - u);
        double r = (FacilitateFirst ? uf : u) * x;
        _x[i] = x - r; _u[i] = uf; _last[i] = step;
        double e = Amplitude * r;
        _sum[i] += e; _sumSq[i] += e * e; _count[i]++;
        return e;
    }

    /// <summary>Clears the efficacy statistics (e.g. after a warm-up).</summary>
    public void ResetStatistics() { Array.Clear(_sum); Array.Clear(_sumSq); Array.Clear(_count); }

    /// <summary>Mean efficacy A·r per spike of each presynaptic neuron since the last reset
    /// (NaN for a neuron that did not spike).</summary>
    public double[] MeanEfficacy() => _sum.Select((s, i) => _count[i] > 0 ? s / _count[i] : double.NaN).ToArray();

    /// <summary>Sum of the efficacies A·r of each presynaptic neuron's spikes since the last reset.</summary>
    public double[] EfficacySums() => (double[])_sum.Clone();

    /// <summary>Spikes counted per presynaptic neuron since the last reset.</summary>
    public long[] SpikeCounts() => (long[])_count.Clone();

    /// <summary>u and x of each presynaptic neuron just after its last spike.</summary>
    public double[] UAfterLastSpike() => (double[])_u.Clone();
    /// <summary>x of each presynaptic neuron just after its last spike.</summary>
    public double[] XAfterLastSpike() => (double[])_x.Clone();
}

/// <summary>Tsodyks–Markram parameters for a kernel projection: U, τ_D (s), τ_F (s), increment f,
/// amplitude A, resting u∞ (U, or 0 for TPM98) and whether u is incremented before the release.</summary>
/// <param name="U">Utilization parameter U.</param>
/// <param name="TauD">Depression (recovery) time constant τ_D, s.</param>
/// <param name="TauF">Facilitation time constant τ_F, s.</param>
/// <param name="F">Facilitation increment f.</param>
/// <param name="Amplitude">Amplitude A: efficacy = A·r.</param>
/// <param name="RestingU">Resting value u∞ of u (U, or 0 for TPM98).</param>
/// <param name="FacilitateFirst">True when u is incremented before the release.</param>
public sealed record TsodyksMarkramSettings(double U, double TauD, double TauF, double F, double Amplitude, double RestingU, bool FacilitateFirst);

/// <summary>
/// Synapses with Tsodyks–Markram short-term plasticity: a spike of pre neuron i delivers
/// w_k · A r_i to each target k (w_k the static weight in the channel's unit, A r_i the
/// efficacy of <see cref="TsodyksMarkramState"/>, one state per presynaptic neuron).
/// </summary>
public sealed class TsodyksMarkramProjection : Projection
{
    /// <summary>The short-term plasticity state and parameters.</summary>
    public TsodyksMarkramState Plasticity { get; }

    /// <summary>Builds the projection; add it with <c>net.Add(projection)</c>.</summary>
    /// <param name="net">The network (supplies dt and the random stream of the connectivity).</param>
    /// <param name="pre">Presynaptic population.</param>
    /// <param name="post">Postsynaptic population.</param>
    /// <param name="rule">Connectivity rule.</param>
    /// <param name="weight">Weight per synapse for a rested release of efficacy 1 (channel unit).</param>
    /// <param name="u">U (0, 1].</param><param name="tauD">τ_D (s).</param><param name="tauF">τ_F (s).</param>
    /// <param name="f">Facilitation increment (null: f = U).</param>
    /// <param name="amplitude">A (efficacy = A·r).</param>
    /// <param name="restingU">Value u relaxes to (null: U; 0 for TPM98).</param>
    /// <param name="facilitateFirst">Increment u before release (TPM98) instead of after (paper).</param>
    /// <param name="delay">Homogeneous delay (s), rounded to whole steps.</param>
    /// <param name="target">Target channel of <paramref name="post"/> (e.g. "exc").</param>
    /// <param name="name">Name of the projection.</param>
    public TsodyksMarkramProjection(Network net, Population pre, Population post, Connectivity rule, double weight,
        double u, double tauD, double tauF, double? f = null, double amplitude = 1, double? restingU = null,
        bool facilitateFirst = false, double delay = 0, string? target = null, string? name = null)
        : base(name ?? $"{Guard.NotNull(pre).Name}->{Guard.NotNull(post).Name}:tm", pre, post, post.Channel(target),
            Build(net, pre, post, rule, new TsodyksMarkramState(1, u, tauD, tauF, f ?? u, amplitude, restingU ?? u, facilitateFirst)),
            weight, delay, net.Dt)
    {
        Plasticity = new TsodyksMarkramState(pre.Size, u, tauD, tauF, f ?? u, amplitude, restingU ?? u, facilitateFirst);
    }

    // the parameters are checked (by constructing a state) before the connectivity is built
    static Csr Build(Network net, Population pre, Population post, Connectivity rule, TsodyksMarkramState _) =>
        Guard.NotNull(rule).Build(pre.Size, post.Size, ReferenceEquals(pre, post), Guard.NotNull(net).NewRandom());

    // efficacy of each spike of the step, in the order of the presynaptic spike list
    float[]? _efficacy;

    /// <summary>Releases of this step's presynaptic spikes (one state per neuron, serial part).</summary>
    protected internal override void OnPreSpikes(int step)
    {
        var spikes = Pre.SpikesOfThisStep;
        if (spikes.Length == 0) return;
        if (DelaySteps < 0) throw new InvalidOperationException($"projection '{Name}': per-synapse delays are not supported with short-term plasticity.");
        _efficacy ??= new float[Pre.Size];
        for (int s = 0; s < spikes.Length; s++) _efficacy[s] = (float)Plasticity.Release(spikes[s], step, Dt);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected internal override void Deliver(int step, int block)
    {
        var spikes = Pre.SpikesOfThisStep;
        if (spikes.Length == 0) return;
        var ring = Target.Buffer;
        int slot = Target.SlotOffset(step + HomogeneousDelay);
        var weights = SynapseWeights;
        float w0 = HomogeneousWeight;
        var efficacy = _efficacy!;
        for (int s = 0; s < spikes.Length; s++)
        {
            int i = spikes[s];
            float e = efficacy[s];
            for (int k = RowBlockStart(i, block), end = RowBlockStart(i, block + 1); k < end; k++)
                ring[slot + Targets[k]] += (weights is null ? w0 : weights[k]) * e;
        }
    }
}
