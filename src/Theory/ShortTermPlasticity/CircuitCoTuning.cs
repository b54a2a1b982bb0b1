namespace Theory.ShortTermPlasticity;

/// <summary>
/// Per-channel inhibitory weights of the rate model of Jia, Vogels &amp; Costa (2022) (E/I
/// co-tuning, Vogels et al. 2011): each channel c has its own mean inhibitory weight w_c instead of
/// one w_isp shared by all channels. Under time-varying channel rates ν_c(t) the Vogels rule moves
/// each channel's weight by
/// dw_c/dt = η [⟨ν_c(t) · 2τ(ν_post(t) − ρ₀)⟩_t + ν̄_c c_I,c],
/// where ν_post(t) follows the inputs quasi-statically (the membrane, τ_eff ≈ 5–10 ms, is fast
/// against the rates' 95 ms correlation time): ν_post(t) = Φ(inputs at t) with
/// <see cref="ConductanceLifRate.Rate"/>, excitatory events N_E ν_c(t) of jump w^E_c E_E,c(t) and
/// inhibitory ones N_I ν_c(t) of jump 0.35 nS · w_c · E_I,c(t), E(t) the mean efficacy per spike
/// of the exact Poisson STP time course driven by ν_c(t) (<see cref="TsodyksMarkram.PoissonExactTimeCourse"/>,
/// not quasi-static: τ_D and τ_F are 80–310 ms). The traces x_pre, x_post of the rule are taken as
/// τν(t) (rates slow against τ = 20 ms). c_I,c is the spike-correlation term of
/// <see cref="DevelopmentalCircuit.WeightDrift"/> for one synapse of channel c, evaluated at the
/// time-averaged inputs (0 without <see cref="DevelopmentalCircuit.SpikeCorrelations"/>). The weight
/// spread against w ≥ 0 (<see cref="DevelopmentalCircuit.WeightDiffusion"/>) is not included.
/// A channel whose rate fluctuations raise ν_post more (larger excitatory weight) gains more
/// inhibition: at the fixed point the covariances ⟨δν_c δν_post⟩ are equalised across channels and
/// the inhibitory weights follow the excitatory receptive field.
/// </summary>
public sealed class CircuitCoTuning
{
    readonly DevelopmentalCircuit _circuit;
    readonly double[][] _rate, _excEff, _inhEff;   // [channel][sample]
    readonly double[] _meanRate;

    /// <summary>The developmental stage of the excitatory synapses.</summary>
    public double Stage { get; }

    /// <summary>Number of time samples averaged per drift evaluation.</summary>
    public int Samples => _rate[0].Length;

    /// <summary>
    /// The model on channel-rate traces <paramref name="channelRates"/>[c][k] (Hz) sampled every
    /// <paramref name="interval"/> s. The STP time courses start rested and run over the whole trace;
    /// samples before <paramref name="burnIn"/> s are dropped and every <paramref name="stride"/>-th
    /// one after it is kept.
    /// </summary>
    public CircuitCoTuning(DevelopmentalCircuit circuit, double stage, double[][] channelRates, double interval,
        double burnIn = 2.0, int stride = 1)
    {
        _circuit = Guard.NotNull(circuit);
        Stage = Guard.Probability(stage);
        Guard.NotNull(channelRates); Guard.Positive(interval); Guard.NonNegative(burnIn);
        if (stride < 1) throw new ArgumentException($"stride = {stride} is invalid: it must be >= 1.", nameof(stride));
        int channels = circuit.ExcWeights.Length;
        if (channelRates.Length != channels)
            throw new ArgumentException($"channelRates.Length = {channelRates.Length} is invalid: it must equal the number of channels {channels}.", nameof(channelRates));
        int n = channelRates[0]?.Length ?? 0;
        foreach (var r in channelRates)
        {
            if (r is null || r.Length != n) throw new ArgumentException("channelRates is invalid: every channel needs a trace of the same length.", nameof(channelRates));
            foreach (var x in r) Guard.NonNegative(x, nameof(channelRates));
        }
        int first = (int)Math.Ceiling(burnIn / interval - 1e-9);
        if (n - first < 2)
            throw new ArgumentException($"channelRates is invalid: {n} samples of {interval} s leave fewer than 2 after the burn-in of {burnIn} s.", nameof(channelRates));
        var keep = Enumerable.Range(first, n - first).Where(k => (k - first) % stride == 0).ToArray();
        var exc = circuit.Schedule.At(stage);
        _rate = new double[channels][]; _excEff = new double[channels][]; _inhEff = new double[channels][];
        for (int c = 0; c < channels; c++)
        {
            var trace = channelRates[c];
            double Rate(double t) => trace[Math.Min(n - 1, (int)(t / interval + 1e-9))];
            // exact Poisson time course (order 16) at steps of ≤ 1 ms; row k·sub is the state at
            // t = k·interval, before that bin's spikes
            int sub = Math.Max(1, (int)Math.Ceiling(interval / 1e-3 - 1e-9));
            var e = TsodyksMarkram.PoissonExactTimeCourse(exc, Rate, (n - 1) * interval, interval / sub, 16);
            var i = TsodyksMarkram.PoissonExactTimeCourse(circuit.InhibitorySynapse, Rate, (n - 1) * interval, interval / sub, 16);
            _rate[c] = keep.Select(k => trace[k]).ToArray();
            _excEff[c] = keep.Select(k => e[Math.Min(k * sub, e.Length - 1)][3]).ToArray();
            _inhEff[c] = keep.Select(k => i[Math.Min(k * sub, i.Length - 1)][3]).ToArray();
        }
        _meanRate = _rate.Select(r => r.Average()).ToArray();
    }

    ConductanceLifRate.ConductanceInput[] InputsAt(int k, double[] w)
    {
        var c = _circuit;
        var list = new List<ConductanceLifRate.ConductanceInput>(2 * w.Length);
        for (int ch = 0; ch < w.Length; ch++)
        {
            double nu = _rate[ch][k];
            if (nu <= 0) continue;
            list.Add(new(c.ExcPerChannel * nu, c.ExcWeights[ch] * _excEff[ch][k], c.TauExc, c.ExcReversal));
            if (w[ch] > 0) list.Add(new(c.InhPerChannel * nu, c.InhScale * w[ch] * _inhEff[ch][k], c.TauInh, c.InhReversal));
        }
        return list.ToArray();
    }

    double[] Check(double[] w)
    {
        Guard.NotNull(w);
        if (w.Length != _rate.Length) throw new ArgumentException($"w.Length = {w.Length} is invalid: it must equal the number of channels {_rate.Length}.", nameof(w));
        foreach (var x in w) Guard.NonNegative(x, nameof(w));
        return w;
    }

    /// <summary>ν_post at every kept sample (Hz) for channel weights <paramref name="w"/>.</summary>
    public double[] ReceiverRates(double[] w)
    {
        Check(w);
        var c = _circuit;
        var post = new double[Samples];
        Parallel.For(0, Samples, k => post[k] = ConductanceLifRate.Rate(c.Membrane, InputsAt(k, w), c.NoiseSigma, c.NoiseTau, 0, c.TimeStep));
        return post;
    }

    /// <summary>Mean receiver rate (Hz) over the samples for channel weights <paramref name="w"/>.</summary>
    public double MeanReceiverRate(double[] w) => ReceiverRates(w).Average();

    /// <summary>dw_c/dt (1/s) of every channel for weights <paramref name="w"/> (see the class summary).</summary>
    public double[] Drift(double[] w)
    {
        var post = ReceiverRates(w);
        var c = _circuit;
        int channels = w.Length;
        var drift = new double[channels];
        // c_I,c at the time-averaged inputs: per channel, total rate N ν̄ and mean jump ⟨ν E⟩/ν̄
        var mean = new List<ConductanceLifRate.ConductanceInput>();
        var inhJump = new double[channels];
        for (int ch = 0; ch < channels; ch++)
        {
            double nu = _meanRate[ch];
            if (nu <= 0) continue;
            double eE = Enumerable.Range(0, Samples).Sum(k => _rate[ch][k] * _excEff[ch][k]) / Samples / nu;
            double eI = Enumerable.Range(0, Samples).Sum(k => _rate[ch][k] * _inhEff[ch][k]) / Samples / nu;
            mean.Add(new(c.ExcPerChannel * nu, c.ExcWeights[ch] * eE, c.TauExc, c.ExcReversal));
            inhJump[ch] = c.InhScale * w[ch] * eI;
            if (w[ch] > 0) mean.Add(new(c.InhPerChannel * nu, inhJump[ch], c.TauInh, c.InhReversal));
        }
        var meanInputs = mean.ToArray();
        for (int ch = 0; ch < channels; ch++)
        {
            double s = 0;
            for (int k = 0; k < Samples; k++) s += _rate[ch][k] * 2 * c.TauStdp * (post[k] - c.TargetRate);
            double corr = c.SpikeCorrelations && w[ch] > 0 && _meanRate[ch] > 0 ? c.CorrelationTerm(meanInputs, inhJump[ch]) : 0;
            drift[ch] = c.Eta * (s / Samples + _meanRate[ch] * corr);
        }
        return drift;
    }

    /// <summary>
    /// The channel weights where every drift vanishes, within the bounds 0 ≤ w_c ≤ w_max (a channel
    /// at a bound with its drift pushing against it stays there: the Karush–Kuhn–Tucker point of the
    /// box), by damped Newton iteration with a finite-difference Jacobian on the channels off their
    /// bounds, started from the common weight that zeroes the mean drift (bisection on [0, w_max]).
    /// Returns the weights, the mean receiver rate there and the residual: the largest |drift| of
    /// the free channels and the largest drift pointing out of the box at a bound (1/s). Throws
    /// InvalidOperationException only when even w_max on every channel leaves the mean drift
    /// positive (the receiver cannot be brought to ρ₀).
    /// </summary>
    public CoTunedFixedPoint FixedPoint(int maxIterations = 30, double tolerance = 1e-9)
    {
        int channels = _rate.Length;
        double wMax = _circuit.WMax;
        double MeanDrift(double x) => Drift(Enumerable.Repeat(x, channels).ToArray()).Average();
        // bracket the common weight; the doubling stops at w_max (issue #14: it used to step past
        // w_max and throw although the fixed point lay between the last power of two and w_max)
        double lo = 0, hi = Math.Min(1, wMax);
        while (MeanDrift(hi) > 0)
        {
            if (hi >= wMax)
                throw new InvalidOperationException($"inhibition up to w_max = {wMax} on every channel leaves the mean drift positive: it cannot bring the receiver to {_circuit.TargetRate} Hz.");
            lo = hi; hi = Math.Min(2 * hi, wMax);
        }
        for (int i = 0; i < 40 && hi - lo > 1e-6 * hi; i++)
        {
            double m = 0.5 * (lo + hi);
            if (MeanDrift(m) > 0) lo = m; else hi = m;
        }
        var w = Enumerable.Repeat(0.5 * (lo + hi), channels).ToArray();
        var d = Drift(w);
        double res = Residual(w, d, wMax);
        for (int it = 0; it < maxIterations && res > tolerance; it++)
        {
            // channels held at a bound by their drift are left out of the Newton step
            var free = Enumerable.Range(0, channels).Where(c => !AtBound(w[c], d[c], wMax)).ToArray();
            if (free.Length == 0) break;
            var jac = new double[free.Length, free.Length];
            for (int q = 0; q < free.Length; q++)
            {
                int j = free[q];
                double h = Math.Max(1e-6, 1e-4 * w[j]);
                if (w[j] + h > wMax) h = -h;
                var wp = (double[])w.Clone(); wp[j] += h;
                var dp = Drift(wp);
                for (int r = 0; r < free.Length; r++) jac[r, q] = (dp[free[r]] - d[free[r]]) / h;
            }
            var step = Solve(jac, free.Select(c => -d[c]).ToArray());
            double lambda = 1;
            double[] next = w, dn = d;
            double resNext = res;
            for (int tries = 0; tries < 12; tries++, lambda /= 2)
            {
                next = (double[])w.Clone();
                for (int q = 0; q < free.Length; q++) next[free[q]] = Math.Clamp(w[free[q]] + lambda * step[q], 0, wMax);
                dn = Drift(next);
                resNext = Residual(next, dn, wMax);
                if (resNext < res) break;
            }
            if (!(resNext < res)) break; // no descent along the Newton direction: stop, report the residual
            w = next; d = dn; res = resNext;
        }
        return new(Stage, w, MeanReceiverRate(w), res);
    }

    /// <summary>A channel at a bound whose drift pushes it further out.</summary>
    static bool AtBound(double w, double drift, double wMax) => (w <= 0 && drift <= 0) || (w >= wMax && drift >= 0);

    /// <summary>Projected (KKT) residual: |drift| of free channels, the outward push at a bound counts 0.</summary>
    static double Residual(double[] w, double[] d, double wMax)
    {
        double r = 0;
        for (int c = 0; c < w.Length; c++)
            if (!AtBound(w[c], d[c], wMax)) r = Math.Max(r, Math.Abs(d[c]));
        return r;
    }

    /// <summary>Gaussian elimination with partial pivoting (small dense systems).</summary>
    static double[] Solve(double[,] a, double[] b)
    {
        int n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (int col = 0; col < n; col++)
        {
            int piv = col;
            for (int r = col + 1; r < n; r++) if (Math.Abs(m[r, col]) > Math.Abs(m[piv, col])) piv = r;
            if (piv != col)
            {
                for (int k = 0; k < n; k++) (m[col, k], m[piv, k]) = (m[piv, k], m[col, k]);
                (x[col], x[piv]) = (x[piv], x[col]);
            }
            if (m[col, col] == 0) continue;
            for (int r = col + 1; r < n; r++)
            {
                double f = m[r, col] / m[col, col];
                for (int k = col; k < n; k++) m[r, k] -= f * m[col, k];
                x[r] -= f * x[col];
            }
        }
        for (int r = n - 1; r >= 0; r--)
        {
            double s = x[r];
            for (int k = r + 1; k < n; k++) s -= m[r, k] * x[k];
            x[r] = m[r, r] == 0 ? 0 : s / m[r, r];
        }
        return x;
    }
}

/// <summary>Fixed point of the per-channel (co-tuned) weights.</summary>
/// <param name="Stage">Developmental stage.</param>
/// <param name="WInh">Mean inhibitory weight of each channel.</param>
/// <param name="Rate">Mean receiver rate there (Hz).</param>
/// <param name="Residual">Largest |dw_c/dt| left among the channels off their bounds 0 and w_max (1/s); a
/// channel held at a bound by its drift counts 0.</param>
public sealed record CoTunedFixedPoint(double Stage, double[] WInh, double Rate, double Residual);
