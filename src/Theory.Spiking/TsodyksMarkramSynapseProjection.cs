using System.Runtime.CompilerServices;

namespace Theory.Spiking;

/// <summary>
/// Tsodyks–Markram synapses with parameters of their own (heterogeneous U, τ_D, τ_F, f, A), hence
/// state u, x per synapse; the time of the last presynaptic spike is shared by the synapses of a
/// neuron. Same exact event-driven update as <see cref="TsodyksMarkramState"/>; a spike of pre
/// neuron i delivers w_k · A_k r_k to each target. Use <see cref="TsodyksMarkramProjection"/>
/// (state per presynaptic neuron, cheaper) when the parameters are homogeneous.
/// </summary>
public sealed class TsodyksMarkramSynapseProjection : Projection
{
    readonly double[] _u, _x, _uRest, _U, _tauD, _tauF, _f, _a;
    readonly int[] _last, _previous;
    // efficacy sums and counts per (target block, presynaptic neuron): each block adds its own
    readonly double[][] _sum;
    readonly long[][] _count;

    /// <summary>Whether a spike increments u before it releases (TPM98) instead of after (paper).</summary>
    public bool FacilitateFirst { get; }

    /// <param name="net">The network.</param>
    /// <param name="pre">Presynaptic population.</param>
    /// <param name="post">Postsynaptic population.</param>
    /// <param name="rule">Connectivity rule.</param>
    /// <param name="weight">Static weight per synapse (channel unit).</param>
    /// <param name="parameters">Parameters of each synapse as a function of (pre, post).</param>
    /// <param name="facilitateFirst">Increment u before release (TPM98) instead of after (paper).</param>
    /// <param name="delay">Homogeneous delay (s).</param>
    /// <param name="target">Target channel.</param>
    /// <param name="name">Name of the projection.</param>
    public TsodyksMarkramSynapseProjection(Network net, Population pre, Population post, Connectivity rule, double weight,
        Func<int, int, TsodyksMarkramSettings> parameters, bool facilitateFirst = false, double delay = 0,
        string? target = null, string? name = null)
        : base(name ?? $"{Guard.NotNull(pre).Name}->{Guard.NotNull(post).Name}:tm-synapse", pre, post, post.Channel(target),
            Guard.NotNull(rule).Build(pre.Size, post.Size, ReferenceEquals(pre, post), Guard.NotNull(net).NewRandom()),
            weight, delay, net.Dt)
    {
        Guard.NotNull(parameters);
        FacilitateFirst = facilitateFirst;
        int n = Targets.Length;
        _u = new double[n]; _x = new double[n]; _uRest = new double[n]; _U = new double[n];
        _tauD = new double[n]; _tauF = new double[n]; _f = new double[n]; _a = new double[n];
        _sum = new double[post.BlockCount][]; _count = new long[post.BlockCount][];
        for (int b = 0; b < post.BlockCount; b++) { _sum[b] = new double[pre.Size]; _count[b] = new long[pre.Size]; }
        _last = new int[pre.Size];
        _previous = new int[pre.Size];
        Array.Fill(_last, -1);
        for (int i = 0; i < pre.Size; i++)
            for (int k = RowStart[i]; k < RowStart[i + 1]; k++)
            {
                var p = parameters(i, Targets[k]) ?? throw new ArgumentException($"parameters({i}, {Targets[k]}) is null.", nameof(parameters));
                // validation through the shared checks of the per-neuron state
                _ = new TsodyksMarkramState(1, p.U, p.TauD, p.TauF, p.F, p.Amplitude, p.RestingU, facilitateFirst);
                _U[k] = p.U; _tauD[k] = p.TauD; _tauF[k] = p.TauF; _f[k] = p.F; _a[k] = p.Amplitude; _uRest[k] = p.RestingU;
                _u[k] = p.RestingU; _x[k] = 1;
            }
    }

    /// <summary>Mean efficacy A·r per synapse-release of each presynaptic neuron's synapses
    /// (NaN for a neuron without spikes).</summary>
    public double[] MeanEfficacy()
    {
        var mean = new double[Pre.Size];
        for (int i = 0; i < mean.Length; i++)
        {
            double sum = 0; long count = 0;
            for (int b = 0; b < _sum.Length; b++) { sum += _sum[b][i]; count += _count[b][i]; }
            mean[i] = count > 0 ? sum / count : double.NaN;
        }
        return mean;
    }

    /// <summary>u of each synapse just after its last release, in storage order.</summary>
    public double[] U => (double[])_u.Clone();
    /// <summary>x of each synapse just after its last release, in storage order.</summary>
    public double[] X => (double[])_x.Clone();

    /// <summary>Moves each spiking neuron's last spike time to this step (serial part).</summary>
    protected internal override void OnPreSpikes(int step)
    {
        var spikes = Pre.SpikesOfThisStep;
        if (spikes.Length == 0) return;
        if (DelaySteps < 0) throw new InvalidOperationException($"projection '{Name}': per-synapse delays are not supported with short-term plasticity.");
        foreach (int i in spikes) { _previous[i] = _last[i]; _last[i] = step; }
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
        double dt = Dt;
        var sum = _sum[block]; var count = _count[block];
        foreach (int i in spikes)
        {
            int last = _previous[i];
            double gap = (step - last) * dt;
            for (int k = RowBlockStart(i, block), end = RowBlockStart(i, block + 1); k < end; k++)
            {
                double u = _u[k], x = _x[k];
                if (last >= 0)
                {
                    u = _uRest[k] + (u - _uRest[k]) * Math.Exp(-gap / _tauF[k]);
                    x = 1 - (1 - x) * Math.Exp(-gap / _tauD[k]);
                }
                double uf = u + _f[k] * (1 - u);
                double r = (FacilitateFirst ? uf : u) * x;
                _x[k] = x - r; _u[k] = uf;
                double e = _a[k] * r;
                sum[i] += e; count[i]++;
                ring[slot + Targets[k]] += (weights is null ? w0 : weights[k]) * (float)e;
            }
        }
    }
}
