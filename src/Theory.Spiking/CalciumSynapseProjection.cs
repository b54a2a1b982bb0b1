using System.Runtime.CompilerServices;

namespace Theory.Spiking;

/// <summary>
/// Plastic projection with a calcium-based rule per synapse (<see cref="CalciumSynapseRule"/>).
/// Event driven: a synapse's calcium and efficacy are brought up to date only when one of its
/// events happens (a presynaptic calcium arrival D after a pre spike, a postsynaptic spike, or
/// a transmission of its pre neuron), using the exact exponential decay of c since its last
/// update and the exact threshold-crossing times c⁺e^{−s/τ_Ca} = θ. Between crossings the
/// efficacy equation without the cubic term is an Ornstein–Uhlenbeck process, advanced
/// exactly (Gaussian transition); with the cubic term a midpoint (Heun-type) step of at most
/// 1 ms above threshold and 50 ms below is used. The time each synapse spends above θ_d and θ_p
/// is accumulated exactly. Events within one step: pre arrivals, then post spikes, then the
/// transmission of this step's pre spikes with the updated weights.
/// </summary>
public sealed class CalciumSynapseProjection : Projection
{
    readonly CalciumSynapseRule _rule;
    readonly float[] _rho, _c, _cPre;
    readonly int[] _last;
    readonly double[] _aboveD, _aboveP;
    readonly int[] _colStart, _colSyn;
    readonly int _caDelay;
    readonly float _w0, _w1;
    // one noise stream per block of the postsynaptic population (a synapse draws from its target's block)
    readonly Xoshiro256[] _rngs;
    int _lastStep;

    /// <summary>The rule.</summary>
    public CalciumSynapseRule Rule => _rule;

    /// <summary>Builds the projection (add it with <c>net.Add(projection)</c>).</summary>
    /// <param name="net">Network (for the random streams and the time step).</param>
    /// <param name="pre">Presynaptic population.</param>
    /// <param name="post">Postsynaptic population.</param>
    /// <param name="connectivity">Connection rule.</param>
    /// <param name="rule">Plasticity rule.</param>
    /// <param name="w0">Weight at ρ = 0, in the channel's unit.</param>
    /// <param name="w1">Weight at ρ = 1, in the channel's unit.</param>
    /// <param name="initialRho">Initial efficacy of each synapse (pre, post) → [0, 1].</param>
    /// <param name="delay">Transmission delay (s).</param>
    /// <param name="target">Channel name of the post population.</param>
    public CalciumSynapseProjection(Network net, Population pre, Population post, Connectivity connectivity,
        CalciumSynapseRule rule, double w0, double w1, Func<int, int, double>? initialRho = null,
        double delay = 0, string? target = null, string? name = null)
        : base(name ?? $"{pre?.Name}->{post?.Name}:calcium", Guard.NotNull(pre), Guard.NotNull(post),
               Guard.NotNull(post).Channel(target), Guard.NotNull(connectivity).Build(pre.Size, post.Size, ReferenceEquals(pre, post), Guard.NotNull(net).NewRandom()),
               w0, delay, net.Dt)
    {
        Guard.NotNull(rule).Validate();
        Guard.Finite(w0); Guard.Finite(w1);
        _rule = rule;
        _w0 = (float)w0; _w1 = (float)w1;
        var streams = net.NewRandom();
        _rngs = new Xoshiro256[post.BlockCount];
        for (int b = 0; b < _rngs.Length; b++) _rngs[b] = new Xoshiro256(streams.NextUInt64(), (ulong)b);
        int n = Targets.Length;
        _rho = new float[n]; _c = new float[n]; _cPre = new float[n]; _last = new int[n];
        _aboveD = new double[n]; _aboveP = new double[n];
        var weights = new float[n];
        var sources = Sources;
        for (int k = 0; k < n; k++)
        {
            double r = initialRho is null ? 0.0 : initialRho(sources[k], Targets[k]);
            if (!(r >= 0 && r <= 1))
                throw new ArgumentException($"initialRho({sources[k]}, {Targets[k]}) = {r} is invalid: the valid range is [0, 1].", nameof(initialRho));
            _rho[k] = (float)r;
            weights[k] = (float)(w0 + r * (w1 - w0));
        }
        SynapseWeights = weights;
        // Column index (post → synapses) for postsynaptic events.
        _colStart = new int[post.Size + 1];
        foreach (var t in Targets) _colStart[t + 1]++;
        for (int j = 0; j < post.Size; j++) _colStart[j + 1] += _colStart[j];
        _colSyn = new int[n];
        var fill = (int[])_colStart.Clone();
        for (int k = 0; k < n; k++) _colSyn[fill[Targets[k]]++] = k;
        _caDelay = (int)Math.Round(rule.CalciumDelay / net.Dt);
        pre.RequireHistory(_caDelay + 1);
        _lastStep = net.Step;
        for (int k = 0; k < n; k++) _last[k] = net.Step;
    }

    /// <summary>Efficacy ρ of each synapse (storage order), as of its last update.</summary>
    public double[] Rho => _rho.Select(x => (double)x).ToArray();

    /// <summary>Calcium of each synapse as of its last update.</summary>
    public double[] Calcium => _c.Select(x => (double)x).ToArray();

    /// <summary>Time (s) each synapse has spent with c &gt; θ_d, up to its last update.</summary>
    public double[] TimeAboveDepression => (double[])_aboveD.Clone();

    /// <summary>Time (s) each synapse has spent with c &gt; θ_p, up to its last update.</summary>
    public double[] TimeAbovePotentiation => (double[])_aboveP.Clone();

    /// <summary>Brings every synapse up to the network's current step (call after a run,
    /// before reading <see cref="Rho"/>, the calcium or the times above threshold).</summary>
    public void Synchronize()
    {
        int now = Post.Owner?.Step ?? _lastStep;
        for (int k = 0; k < _rho.Length; k++) Advance(k, now, Post.BlockOf(Targets[k]));
        RefreshWeights();
    }

    /// <summary>Sets the efficacy of every synapse anew and zeroes its times above the thresholds,
    /// keeping the calcium (c, c_pre): e.g. after a warm-up run that brings the calcium to its
    /// stationary regime, so that a protocol starts at a given ρ₀ with stationary calcium. Brings
    /// every synapse up to the current step first; call between runs.</summary>
    /// <param name="rho">Efficacy of each synapse (pre, post) → [0, 1].</param>
    /// <exception cref="ArgumentException">A value outside [0, 1].</exception>
    public void ResetEfficacy(Func<int, int, double> rho)
    {
        Guard.NotNull(rho);
        Synchronize();
        var sources = Sources;
        for (int k = 0; k < _rho.Length; k++)
        {
            double r = rho(sources[k], Targets[k]);
            if (!(r >= 0 && r <= 1))
                throw new ArgumentException($"rho({sources[k]}, {Targets[k]}) = {r} is invalid: the valid range is [0, 1].", nameof(rho));
            _rho[k] = (float)r;
            _aboveD[k] = 0; _aboveP[k] = 0;
        }
        RefreshWeights();
    }

    void RefreshWeights()
    {
        var w = SynapseWeights!;
        for (int k = 0; k < w.Length; k++) w[k] = _w0 + _rho[k] * (_w1 - _w0);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected internal override void Deliver(int step, int block)
    {
        if (block == 0) _lastStep = step;
        var rule = _rule;
        var weights = SynapseWeights!;
        // 1. Presynaptic calcium arrivals of spikes emitted D earlier (this step's when D = 0).
        var arrivals = _caDelay > 0 ? Pre.SpikesAt(step - _caDelay) : Pre.SpikesOfThisStep;
        for (int s = 0; s < arrivals.Length; s++) PreArrival(arrivals[s], step, block);
        // 2. Postsynaptic spikes of this block.
        var postSpikes = Post.BlockSpikes(block);
        for (int s = 0; s < postSpikes.Length; s++)
        {
            int j = postSpikes[s];
            for (int q = _colStart[j], e = _colStart[j + 1]; q < e; q++)
            {
                int k = _colSyn[q];
                Advance(k, step, block);
                _c[k] += (float)(rule.CPost + rule.Eta * _cPre[k]);
                weights[k] = _w0 + _rho[k] * (_w1 - _w0);
            }
        }
        // 3. Transmission with weights current to this step.
        var preSpikes = Pre.SpikesOfThisStep;
        for (int s = 0; s < preSpikes.Length; s++)
        {
            int i = preSpikes[s];
            for (int k = RowBlockStart(i, block), e = RowBlockStart(i, block + 1); k < e; k++)
            {
                Advance(k, step, block);
                weights[k] = _w0 + _rho[k] * (_w1 - _w0);
            }
        }
        base.Deliver(step, block);
    }

    void PreArrival(int i, int step, int block)
    {
        var weights = SynapseWeights!;
        float cp = (float)_rule.CPre;
        for (int k = RowBlockStart(i, block), e = RowBlockStart(i, block + 1); k < e; k++)
        {
            Advance(k, step, block);
            _c[k] += cp; _cPre[k] += cp;
            weights[k] = _w0 + _rho[k] * (_w1 - _w0);
        }
    }

    /// <summary>Exact calcium decay and efficacy update of synapse k from its last update to step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void Advance(int k, int step, int block)
    {
        int last = _last[k];
        if (last >= step) return;
        _last[k] = step;
        var r = _rule;
        double gap = (step - last) * Dt, c = _c[k], tau = r.TauCa, rho = _rho[k];
        double td = c > r.ThetaD ? Math.Min(gap, tau * Math.Log(c / r.ThetaD)) : 0;
        double tp = c > r.ThetaP ? Math.Min(gap, tau * Math.Log(c / r.ThetaP)) : 0;
        _aboveD[k] += td; _aboveP[k] += tp;
        double first = Math.Min(td, tp), second = Math.Max(td, tp);
        var rng = _rngs[block];
        rho = Segment(rho, first, td > 0, tp > 0, rng);
        if (second > first) rho = Segment(rho, second - first, td > tp, tp > td, rng);
        rho = Segment(rho, gap - second, false, false, rng);
        _rho[k] = (float)Math.Clamp(rho, 0.0, 1.0);
        double e = Math.Exp(-gap / tau);
        _c[k] = (float)(c * e); _cPre[k] = (float)(_cPre[k] * e);
    }

    double Segment(double rho, double s, bool aboveD, bool aboveP, Xoshiro256 rng)
    {
        if (s <= 0) return rho;
        var r = _rule;
        double gp = aboveP ? r.GammaP : 0, gd = aboveD ? r.GammaD : 0;
        double noise = r.Sigma * r.Sigma * ((aboveD ? 1 : 0) + (aboveP ? 1 : 0)) / r.Tau;
        if (!r.Cubic)
        {
            double g = gp + gd;
            if (g == 0) return rho;
            double kr = g / r.Tau, target = gp / g, e = Math.Exp(-kr * s);
            double x = target + (rho - target) * e;
            if (noise > 0) x += Math.Sqrt(noise * (1 - e * e) / (2 * kr)) * rng.NextNormal();
            return x;
        }
        double hMax = aboveD || aboveP ? 1e-3 : 0.05;
        int n = (int)Math.Ceiling(s / hMax);
        double h = s / n;
        for (int i = 0; i < n; i++)
        {
            double a = (-rho * (1 - rho) * (r.RhoStar - rho) + gp * (1 - rho) - gd * rho) / r.Tau;
            double m = rho + 0.5 * h * a;
            double am = (-m * (1 - m) * (r.RhoStar - m) + gp * (1 - m) - gd * m) / r.Tau;
            rho += h * am;
            if (noise > 0) rho += Math.Sqrt(noise * h) * rng.NextNormal();
            rho = Math.Clamp(rho, 0.0, 1.0);
        }
        return rho;
    }
}
