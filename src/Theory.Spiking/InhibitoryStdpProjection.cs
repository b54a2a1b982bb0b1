using System.Runtime.CompilerServices;

namespace Theory.Spiking;

/// <summary>
/// Inhibitory spike-timing-dependent plasticity of Vogels, Sprekeler, Zenke, Clopath &amp;
/// Gerstner (2011), Science 334:1569: a symmetric window with a depression offset that sets a
/// target postsynaptic rate ρ₀. Traces x_pre (per presynaptic neuron) and x_post (per
/// postsynaptic neuron) decay with τ_STDP and jump by 1 at each spike of their neuron. At a
/// presynaptic spike: x_pre += 1, w ← clip(w + η (x_post − α), w_min, w_max); at a postsynaptic
/// spike: x_post += 1, w ← clip(w + η x_pre, w_min, w_max); α = 2 ρ₀ τ_STDP (the order of Jia,
/// Vogels &amp; Costa's Brian2 code; presynaptic updates of a step run before postsynaptic ones).
/// A spike delivers Scale · w_k · (A r_i when <see cref="Plasticity"/> is set, else 1) to the
/// target channel, so w can be a dimensionless factor (the paper's w_isp, Scale = 0.35 nS) or,
/// with Scale = 1, the conductance itself. Traces are exact event-driven exponentials.
/// </summary>
public sealed class InhibitoryStdpProjection : Projection
{
    readonly float[] _w;
    readonly double[] _preTrace, _postTrace;
    readonly int[] _preLast, _postLast;
    readonly int[] _colStart, _colSynapse, _source;
    readonly double _tau, _eta, _alpha, _wMin, _wMax, _scale;

    /// <summary>Optional Tsodyks–Markram modulation of the delivered weight (null: none).</summary>
    public TsodyksMarkramState? Plasticity { get; }

    /// <summary>Trace time constant τ_STDP (s).</summary>
    public double TauStdp => _tau;
    /// <summary>Learning rate η (unit of w).</summary>
    public double Eta => _eta;
    /// <summary>Target postsynaptic rate ρ₀ (Hz).</summary>
    public double TargetRate { get; }
    /// <summary>Scale multiplying w at delivery (channel unit per unit of w).</summary>
    public double Scale => _scale;

    /// <param name="net">The network (supplies dt and the random stream of the connectivity).</param>
    /// <param name="pre">Presynaptic (inhibitory) population.</param>
    /// <param name="post">Postsynaptic population.</param>
    /// <param name="rule">Connectivity rule.</param>
    /// <param name="initialWeight">w at the start (unit of w).</param>
    /// <param name="eta">Learning rate η (unit of w), ≥ 0.</param>
    /// <param name="targetRate">Target rate ρ₀ (Hz), ≥ 0.</param>
    /// <param name="tauStdp">τ_STDP (s), default 20 ms (Vogels et al. 2011).</param>
    /// <param name="wMin">Lower weight bound (default 0).</param>
    /// <param name="wMax">Upper weight bound (must be ≥ wMin).</param>
    /// <param name="scale">Delivered value per unit of w, in the channel's unit (default 1).</param>
    /// <param name="tm">Optional short-term plasticity (u, τ_D, τ_F, f, A, u∞, facilitate first) of the
    /// same synapses, as in the paper's inhibitory synapses.</param>
    /// <param name="delay">Homogeneous delay (s), rounded to whole steps.</param>
    /// <param name="target">Target channel of <paramref name="post"/> (e.g. "inh").</param>
    /// <param name="name">Name of the projection.</param>
    public InhibitoryStdpProjection(Network net, Population pre, Population post, Connectivity rule, double initialWeight,
        double eta, double targetRate, double wMax, double tauStdp = 0.020, double wMin = 0, double scale = 1,
        TsodyksMarkramSettings? tm = null,
        double delay = 0, string? target = null, string? name = null)
        : base(name ?? $"{Guard.NotNull(pre).Name}->{Guard.NotNull(post).Name}:istdp", pre, post, post.Channel(target),
            Build(net, pre, post, rule, Check(initialWeight, eta, targetRate, wMax, tauStdp, wMin, scale)),
            0, delay, net.Dt)
    {
        _tau = tauStdp; _eta = eta; _alpha = 2 * targetRate * tauStdp; _wMin = wMin; _wMax = wMax; _scale = scale;
        TargetRate = targetRate;
        _w = new float[Targets.Length];
        Array.Fill(_w, (float)initialWeight);
        _preTrace = new double[pre.Size]; _postTrace = new double[post.Size];
        _preLast = new int[pre.Size]; _postLast = new int[post.Size];
        // column index: synapses of each postsynaptic neuron, for the postsynaptic updates
        _colStart = new int[post.Size + 1];
        foreach (int t in Targets) _colStart[t + 1]++;
        for (int j = 0; j < post.Size; j++) _colStart[j + 1] += _colStart[j];
        _colSynapse = new int[Targets.Length];
        var fill = (int[])_colStart.Clone();
        for (int k = 0; k < Targets.Length; k++) _colSynapse[fill[Targets[k]]++] = k;
        _source = Sources;
        if (tm is { } p)
            Plasticity = new TsodyksMarkramState(pre.Size, p.U, p.TauD, p.TauF, p.F, p.Amplitude, p.RestingU, p.FacilitateFirst);
    }

    static bool Check(double initialWeight, double eta, double targetRate, double wMax, double tauStdp, double wMin, double scale)
    {
        Guard.NonNegative(eta); Guard.NonNegative(targetRate); Guard.Positive(tauStdp);
        Guard.Finite(wMin); Guard.Finite(wMax); Guard.Positive(scale);
        if (wMax < wMin) throw new ArgumentException($"wMax = {wMax} is invalid: it must be >= wMin = {wMin}.", nameof(wMax));
        Guard.InRange(initialWeight, wMin, wMax);
        return true;
    }

    // the parameters are checked before the connectivity is built
    static Csr Build(Network net, Population pre, Population post, Connectivity rule, bool _) =>
        Guard.NotNull(rule).Build(pre.Size, post.Size, ReferenceEquals(pre, post), Guard.NotNull(net).NewRandom());

    /// <summary>The current weights w in storage order (unit of w).</summary>
    public double[] PlasticWeights => _w.Select(x => (double)x).ToArray();

    /// <summary>Mean of the current weights (unit of w).</summary>
    public double MeanWeight => _w.Length == 0 ? double.NaN : _w.Average(x => (double)x);

    /// <summary>Sets every weight (unit of w) within the bounds.</summary>
    public void SetAllWeights(double w)
    {
        Guard.InRange(w, _wMin, _wMax);
        Array.Fill(_w, (float)w);
    }

    // delivered value per unit of w of each spike of the step, in presynaptic spike-list order
    float[]? _scaleOfSpike;

    /// <summary>Serial part of the step: releases (with short-term plasticity) and presynaptic
    /// traces of this step's presynaptic spikes.</summary>
    protected internal override void OnPreSpikes(int step)
    {
        var preSpikes = Pre.SpikesOfThisStep;
        if (preSpikes.Length == 0) return;
        if (DelaySteps < 0) throw new InvalidOperationException($"projection '{Name}': per-synapse delays are not supported with inhibitory STDP.");
        _scaleOfSpike ??= new float[Pre.Size];
        double dt = Dt;
        for (int s = 0; s < preSpikes.Length; s++)
        {
            int i = preSpikes[s];
            double e = Plasticity is null ? 1.0 : Plasticity.Release(i, step, dt);
            _preTrace[i] = _preTrace[i] * Math.Exp(-(step - _preLast[i]) * dt / _tau) + 1;
            _preLast[i] = step;
            _scaleOfSpike[s] = (float)(_scale * e);
        }
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected internal override void Deliver(int step, int block)
    {
        var preSpikes = Pre.SpikesOfThisStep;
        var postSpikes = Post.BlockSpikes(block);
        if (preSpikes.Length == 0 && postSpikes.Length == 0) return;
        double dt = Dt;
        if (preSpikes.Length > 0)
        {
            var ring = Target.Buffer;
            int slot = Target.SlotOffset(step + HomogeneousDelay);
            var scales = _scaleOfSpike!;
            for (int s = 0; s < preSpikes.Length; s++)
            {
                int i = preSpikes[s];
                float scale = scales[s];
                for (int k = RowBlockStart(i, block), end = RowBlockStart(i, block + 1); k < end; k++)
                {
                    int j = Targets[k];
                    ring[slot + j] += _w[k] * scale;
                    double xPost = _postTrace[j] * Math.Exp(-(step - _postLast[j]) * dt / _tau);
                    _w[k] = (float)Math.Clamp(_w[k] + _eta * (xPost - _alpha), _wMin, _wMax);
                }
            }
        }
        foreach (int j in postSpikes)
        {
            _postTrace[j] = _postTrace[j] * Math.Exp(-(step - _postLast[j]) * dt / _tau) + 1;
            _postLast[j] = step;
            for (int c = _colStart[j], end = _colStart[j + 1]; c < end; c++)
            {
                int k = _colSynapse[c];
                int i = SourceOf(k);
                double xPre = _preTrace[i] * Math.Exp(-(step - _preLast[i]) * dt / _tau);
                _w[k] = (float)Math.Clamp(_w[k] + _eta * xPre, _wMin, _wMax);
            }
        }
    }

    int SourceOf(int k) => _source[k];
}
