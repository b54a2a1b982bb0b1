namespace Theory.ShortTermPlasticity;

/// <summary>
/// The feed-forward circuit of Jia, Vogels &amp; Costa (2022) (djia/dev-stp, dev_stp.py): one
/// conductance-based LIF receiver (C = 200 pF, g_L = 10 nS, E_L = −60 mV, θ = −50 mV,
/// reset to E_L, τ_ref = 4 ms during which V keeps integrating and only the threshold is blocked; E_exc = 0 mV, τ_exc = 5 ms; E_inh = −80 mV, τ_inh = 10 ms;
/// white-noise current σ = 45 pA with τ_n = 15 ms) receiving 8 input channels, each of
/// 100 excitatory Poisson neurons (weight w_c, developing STP) and 25 inhibitory ones (STP fixed
/// at the depressing fit, weight 0.35 nS × w_isp with w_isp learned by the Vogels et al. 2011
/// rule, η = 10⁻³, τ_STDP = 20 ms, target ρ₀ = 5 Hz). All inputs of a channel fire at that
/// channel's rate. Immutable; copy with <see cref="With"/>.
/// </summary>
public sealed record DevelopmentalCircuit
{
    /// <summary>Receiver membrane.</summary>
    /// <remarks>As in the paper's Brian2 code (no <c>(unless refractory)</c> on dV/dt), V integrates
    /// through the 4 ms refractory period, only the threshold is blocked
    /// (<see cref="ConductanceLifRate.Membrane.IntegratesThroughRefractory"/>); copy with it false for
    /// the clamped variant.</remarks>
    public ConductanceLifRate.Membrane Membrane { get; init; } = new(200e-12, 10e-9, -0.060, -0.050, -0.060, 0.004) { IntegratesThroughRefractory = true };
    /// <summary>Excitatory reversal (V) and conductance time constant (s).</summary>
    public double ExcReversal { get; init; } = 0.0;
    /// <summary>Excitatory conductance decay time constant τ_exc, s (default 5 ms).</summary>
    public double TauExc { get; init; } = 0.005;
    /// <summary>Inhibitory reversal (V) and conductance time constant (s).</summary>
    public double InhReversal { get; init; } = -0.080;
    /// <summary>Inhibitory conductance decay time constant τ_inh, s (default 10 ms).</summary>
    public double TauInh { get; init; } = 0.010;
    /// <summary>White-noise current amplitude σ (A) and time scale τ_n (s): I = σ √τ_n ξ(t).</summary>
    public double NoiseSigma { get; init; } = 45e-12;
    /// <summary>Time scale τ_n of the white-noise current, s (default 15 ms).</summary>
    public double NoiseTau { get; init; } = 0.015;
    /// <summary>Excitatory weight of each channel at efficacy 1 (S); the paper's receptive field
    /// (djia/dev-stp, receptive_field_weights/weights.mat), in nS: 0.0224, 0.0248, 0.0276, 0.0596,
    /// 0.0943, 0.0560, 0.0275, 0.0211.</summary>
    public double[] ExcWeights { get; init; } =
        [0.022406e-9, 0.024790e-9, 0.027633e-9, 0.059571e-9, 0.094332e-9, 0.055963e-9, 0.027530e-9, 0.021107e-9];
    /// <summary>Excitatory and inhibitory input neurons per channel.</summary>
    public int ExcPerChannel { get; init; } = 100;
    /// <summary>Inhibitory input neurons per channel (default 25).</summary>
    public int InhPerChannel { get; init; } = 25;
    /// <summary>Inhibitory conductance per unit of w_isp at efficacy 1 (S).</summary>
    public double InhScale { get; init; } = 0.35e-9;
    /// <summary>The STP schedule of the excitatory synapses.</summary>
    public DevelopmentalSchedule Schedule { get; init; } = DevelopmentalSchedule.JiaVogelsCosta2022;
    /// <summary>STP of the inhibitory synapses (fixed).</summary>
    public TsodyksMarkramParameters InhibitorySynapse { get; init; } = TsodyksMarkramParameters.JiaVogelsCosta2022Depressing;
    /// <summary>iSTDP learning rate η (per spike, unit of w_isp), τ_STDP (s), target rate ρ₀ (Hz), w_max.</summary>
    public double Eta { get; init; } = 1e-3;
    /// <summary>iSTDP trace time constant τ_STDP, s (default 20 ms).</summary>
    public double TauStdp { get; init; } = 0.020;
    /// <summary>iSTDP target rate ρ₀ of the receiver, Hz (default 5 Hz).</summary>
    public double TargetRate { get; init; } = 5.0;
    /// <summary>Upper bound of w_isp (default 10⁸, in effect unbounded).</summary>
    public double WMax { get; init; } = 1e8;
    /// <summary>Euler step (s) of the simulation the rate model describes (Brian2's default clock
    /// and the kernel's: 0.1 ms); the threshold is raised by the discrete-monitoring correction
    /// (<see cref="ConductanceLifRate.ThresholdShift"/>). 0: continuous time.</summary>
    public double TimeStep { get; init; } = 1e-4;
    /// <summary>Include the pre–post spike correlation each inhibitory synapse causes in the iSTDP
    /// drift (<see cref="WeightDrift"/>); false: independent pre and post trains.</summary>
    public bool SpikeCorrelations { get; init; } = true;
    /// <summary>Include the spread of the individual weights against the w ≥ 0 bound in the fixed
    /// point (<see cref="FixedPoint"/>); false: the mean-field drift alone.</summary>
    public bool WeightDiffusion { get; init; } = true;

    /// <summary>The paper's circuit.</summary>
    public static DevelopmentalCircuit JiaVogelsCosta2022 { get; } = new();

    /// <summary>A copy with the given fields changed.</summary>
    public DevelopmentalCircuit With(double? noiseSigma = null, double? eta = null, double? targetRate = null,
        double[]? excWeights = null, double? inhScale = null, DevelopmentalSchedule? schedule = null,
        ConductanceLifRate.Membrane? membrane = null, double? timeStep = null, bool? spikeCorrelations = null, bool? weightDiffusion = null, double? wMax = null) =>
        this with
        {
            WMax = wMax is { } m ? (m > 0 && !double.IsNaN(m) ? m : throw new ArgumentException($"wMax = {m} is invalid: it must be > 0.", nameof(wMax))) : WMax,
            WeightDiffusion = weightDiffusion ?? WeightDiffusion,
            TimeStep = timeStep ?? TimeStep, SpikeCorrelations = spikeCorrelations ?? SpikeCorrelations,
            Membrane = membrane ?? Membrane,
            NoiseSigma = noiseSigma ?? NoiseSigma, Eta = eta ?? Eta, TargetRate = targetRate ?? TargetRate,
            ExcWeights = excWeights ?? ExcWeights, InhScale = inhScale ?? InhScale, Schedule = schedule ?? Schedule,
        };

    int Channels => ExcWeights.Length;

    double[] Rates(double[] channelRates)
    {
        Guard.AllFinite(channelRates);
        if (channelRates.Length != Channels)
            throw new ArgumentException($"channelRates.Length = {channelRates.Length} is invalid: it must equal the number of channels {Channels}.", nameof(channelRates));
        foreach (var r in channelRates) Guard.NonNegative(r, nameof(channelRates));
        return channelRates;
    }

    /// <summary>The same rate (Hz) for every channel.</summary>
    public double[] Uniform(double rate) => Enumerable.Repeat(Guard.NonNegative(rate), Channels).ToArray();

    /// <summary>Conductance inputs of the receiver at a stage, channel rates (Hz) and w_isp: per
    /// channel, excitatory events at N_E ν_c of mean jump w_c A⟨r⟩(ν_c) and inhibitory events at
    /// N_I ν_c of mean jump 0.35 nS · w_isp · A_I⟨r_I⟩(ν_c) (exact Poisson STP means).</summary>
    public ConductanceLifRate.ConductanceInput[] Inputs(double stage, double[] channelRates, double wInh)
    {
        Rates(channelRates); Guard.NonNegative(wInh);
        var exc = Schedule.At(stage);
        var list = new List<ConductanceLifRate.ConductanceInput>();
        for (int c = 0; c < Channels; c++)
        {
            double nu = channelRates[c];
            if (nu <= 0) continue;
            double eE = Efficacy(exc, nu);
            double eI = Efficacy(InhibitorySynapse, nu);
            list.Add(new(ExcPerChannel * nu, ExcWeights[c] * eE, TauExc, ExcReversal));
            if (wInh > 0) list.Add(new(InhPerChannel * nu, InhScale * wInh * eI, TauInh, InhReversal));
        }
        return list.ToArray();
    }

    static readonly System.Collections.Concurrent.ConcurrentDictionary<(TsodyksMarkramParameters, double), double> EfficacyCache = new();

    /// <summary>Exact Poisson mean efficacy per spike, memoised (the fixed-point search asks for the
    /// same few (synapse, rate) pairs many times).</summary>
    static double Efficacy(TsodyksMarkramParameters p, double rate)
    {
        if (EfficacyCache.Count > 100_000) EfficacyCache.Clear();
        return EfficacyCache.GetOrAdd((p, rate), k => TsodyksMarkram.PoissonExact(k.Item1, k.Item2).Efficacy);
    }

    /// <summary>Mean excitatory conductance ḡ_E = Σ_c N_E ν_c w_c A⟨r⟩ τ_E (S).</summary>
    public double MeanExcConductance(double stage, double[] channelRates) =>
        Inputs(stage, channelRates, 0).Sum(i => i.Rate * i.Jump * i.Tau);

    /// <summary>Receiver rate (Hz) at a stage, channel rates and inhibitory weight w_isp
    /// (<see cref="ConductanceLifRate.Rate"/>).</summary>
    public double ReceiverRate(double stage, double[] channelRates, double wInh) =>
        ConductanceLifRate.Rate(Membrane, Inputs(stage, channelRates, wInh), NoiseSigma, NoiseTau, 0, TimeStep);

    /// <summary>
    /// Drift of an inhibitory weight under iSTDP (Vogels et al. 2011), per second. A presynaptic
    /// spike adds η(x_post − α), a postsynaptic one η x_pre; with post rate ν_post(t + s) = ν_post +
    /// δν(s) after a presynaptic spike at t (and none before it),
    /// dw/dt = η ν_I [2τ ν_post − α + ∫₀^∞ δν(s) e^{−s/τ} ds] = η ν_I [2τ(ν_post − ρ₀) + c_I].
    /// The correlation term c_I (with <see cref="SpikeCorrelations"/>; 0 otherwise) takes the
    /// rate to follow the synapse's own PSP quasi-statically, δν(s) = (∂ν/∂μ) PSP(s), with the PSP
    /// of a conductance jump J = 0.35 nS w A⟨r_I⟩ at the mean potential,
    /// PSP(s) = a τ_I τ_eff (e^{−s/τ_I} − e^{−s/τ_eff})/(τ_I − τ_eff), a = J(E_I − μ)/C, so
    /// c_I = (∂ν/∂μ) a τ_I τ_eff τ² / ((τ_I + τ)(τ_eff + τ)) &lt; 0: each synapse delays the post
    /// spikes that follow it, and the rule settles with ν_post slightly above ρ₀.
    /// ν_I is the channel's rate (the mean over channels when channel = −1).
    /// </summary>
    public double WeightDrift(double stage, double[] channelRates, double wInh, int channel = -1)
    {
        Rates(channelRates);
        if (channel >= 0) Guard.InRange(channel, 0, Channels - 1);
        double post = ReceiverRate(stage, channelRates, wInh);
        double Drift(int c) => Eta * channelRates[c] * (2 * TauStdp * (post - TargetRate) + Correlation(stage, channelRates, wInh, c));
        return channel >= 0 ? Drift(channel) : Enumerable.Range(0, Channels).Average(Drift);
    }

    /// <summary>The correlation term c_I of <see cref="WeightDrift"/> for one synapse of a channel
    /// (dimensionless; 0 without <see cref="SpikeCorrelations"/>).</summary>
    public double Correlation(double stage, double[] channelRates, double wInh, int channel)
    {
        if (!SpikeCorrelations || wInh <= 0 || channelRates[channel] <= 0) return 0;
        double jump = InhScale * wInh * Efficacy(InhibitorySynapse, channelRates[channel]);
        return CorrelationTerm(Inputs(stage, channelRates, wInh), jump);
    }

    /// <summary>c_I for an inhibitory synapse of conductance jump <paramref name="jump"/> (S) on the
    /// membrane driven by <paramref name="inputs"/> (see <see cref="WeightDrift"/>).</summary>
    internal double CorrelationTerm(ConductanceLifRate.ConductanceInput[] inputs, double jump)
    {
        var mm = ConductanceLifRate.Moments(Membrane, inputs, NoiseSigma, NoiseTau);
        double theta = Membrane.Threshold + ConductanceLifRate.ThresholdShift(Membrane, NoiseSigma, NoiseTau, TimeStep);
        double sigma = Math.Sqrt(2) * mm.Sd, h = 1e-5;
        double gain = (ConductanceLifRate.FirstPassageRate(Membrane, mm.TauEff, theta, mm.Mean + h, sigma)
            - ConductanceLifRate.FirstPassageRate(Membrane, mm.TauEff, theta, mm.Mean - h, sigma)) / (2 * h);
        double a = jump * (InhReversal - mm.Mean) / Membrane.Capacitance;
        double t = TauStdp, te = mm.TauEff;
        return gain * a * TauInh * te * t * t / ((TauInh + t) * (te + t));
    }

    /// <summary>
    /// Diffusion coefficient D (1/s) of one inhibitory weight under iSTDP with Poisson pre (ν_I) and
    /// post (ν_post) trains: D = ½η²[ν_I ⟨(x_post − α)²⟩ + ν_post ⟨x_pre²⟩], with a Poisson trace
    /// x of rate ν having mean ντ and variance ντ/2, so ⟨(x_post − α)²⟩ = ν_postτ/2 + (ν_postτ − α)²
    /// and ⟨x_pre²⟩ = ν_Iτ/2 + (ν_Iτ)². Mean over channels.
    /// </summary>
    public double WeightDiffusionCoefficient(double stage, double[] channelRates, double wInh)
    {
        Rates(channelRates);
        double post = ReceiverRate(stage, channelRates, wInh), t = TauStdp, alpha = 2 * TargetRate * t;
        return channelRates.Average(nu => 0.5 * Eta * Eta * (nu * (post * t / 2 + (post * t - alpha) * (post * t - alpha)) + post * (nu * t / 2 + nu * t * nu * t)));
    }

    /// <summary>
    /// Drift of the mean weight that <see cref="FixedPoint"/> sets to zero: the mean-field drift v(w̄)
    /// (<see cref="WeightDrift"/>) and, with <see cref="WeightDiffusion"/>, the push of the w ≥ 0
    /// bound. Each synapse's weight performs a random walk with the common drift v and its own
    /// diffusion D (<see cref="WeightDiffusionCoefficient"/>); only the mean is restored (through
    /// ν_post), so the individual weights spread until the bound reflects them. The stationary
    /// distribution on [0, ∞) is exponential with mean w̄ = D/|v| (v &lt; 0), i.e. the mean weight
    /// satisfies v(w̄) + D(w̄)/w̄ = 0: above the mean-field w* and with ν_post below ρ₀. The shift
    /// scales as η (D ∝ η², v ∝ η) and matters where w* is small (early stages).
    /// </summary>
    public double EffectiveDrift(double stage, double[] channelRates, double wInh)
    {
        double v = WeightDrift(stage, channelRates, wInh);
        return WeightDiffusion ? v + WeightDiffusionCoefficient(stage, channelRates, wInh) / wInh : v;
    }

    /// <summary>
    /// Fixed point of the rate model with iSTDP at a stage: the mean w_isp where
    /// <see cref="EffectiveDrift"/> vanishes (ν_post = ρ₀ with neither spike correlations nor
    /// weight diffusion), found by bisection. Without <see cref="WeightDiffusion"/>, when the drift
    /// is negative already at w = 0 the fixed point is the bound w = 0. Stability: the linearised
    /// mean-weight dynamics d(δw)/dt = λ δw with λ = ∂(drift)/∂w (1/s), negative when stable.
    /// </summary>
    public CircuitFixedPoint FixedPoint(double stage, double[] channelRates)
    {
        Guard.Probability(stage); Rates(channelRates);
        double free = ReceiverRate(stage, channelRates, 0);
        double Drift(double x) => EffectiveDrift(stage, channelRates, x);
        double w;
        if (!WeightDiffusion && free <= TargetRate) w = 0;
        else
        {
            // the doubling stops at w_max (issue #14: it stepped past w_max and threw although
            // the fixed point lay between the last power of two and w_max)
            double lo = 0, hi = Math.Min(1, WMax);
            while (Drift(hi) > 0)
            {
                if (hi >= WMax) throw new ArgumentException($"channelRates: inhibition up to w_max = {WMax} cannot bring the receiver to {TargetRate} Hz.", nameof(channelRates));
                lo = hi; hi = Math.Min(2 * hi, WMax);
            }
            for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++)
            {
                double m = 0.5 * (lo + hi);
                if (Drift(m) > 0) lo = m; else hi = m;
            }
            w = 0.5 * (lo + hi);
        }
        double h = Math.Max(1e-6, 1e-4 * w);
        double lambda = (Drift(w + h) - Drift(Math.Max(h, w - h))) / (w + h - Math.Max(h, w - h));
        double rate = ReceiverRate(stage, channelRates, w);
        return new(stage, w, rate, free, MeanExcConductance(stage, channelRates),
            Inputs(stage, channelRates, w).Where(i => i.Reversal == InhReversal).Sum(i => i.Rate * i.Jump * i.Tau), lambda);
    }

    /// <summary>
    /// Response of the receiver to a step of every channel's rate from ν₀ to ν₁ at t = 0, with
    /// w_isp fixed: the excitatory and inhibitory efficacies follow the mean-field STP time course
    /// (<see cref="TsodyksMarkram.MeanFieldTimeCourse"/>, starting from the ν₀ steady state) and the
    /// rate follows them quasi-statically, ν_post(t) = Φ(ḡ_E(t), ḡ_I(t)). Rows: t (s), excitatory
    /// efficacy per spike, receiver rate (Hz). Depressing synapses give a phasic response (onset
    /// peak, lower plateau); facilitating ones phasic-and-tonic.
    /// </summary>
    public double[][] StepResponse(double stage, double rateBefore, double rateAfter, double wInh, double duration, double dt = 0.005)
    {
        Guard.Probability(stage); Guard.NonNegative(rateBefore); Guard.Positive(rateAfter); Guard.NonNegative(wInh);
        var exc = Schedule.At(stage);
        TsodyksMarkramState Start(TsodyksMarkramParameters p)
        {
            if (rateBefore <= 0) return TsodyksMarkramState.Rested(p);
            var tc = TsodyksMarkram.MeanFieldTimeCourse(p, _ => rateBefore, 20 * Math.Max(p.TauD, p.TauF), 1e-3);
            return new(tc[^1][1], tc[^1][2]);
        }
        var e = TsodyksMarkram.MeanFieldTimeCourse(exc, _ => rateAfter, duration, dt, Start(exc));
        var i = TsodyksMarkram.MeanFieldTimeCourse(InhibitorySynapse, _ => rateAfter, duration, dt, Start(InhibitorySynapse));
        var rows = new double[e.Length][];
        for (int k = 0; k < e.Length; k++)
        {
            var inputs = new List<ConductanceLifRate.ConductanceInput>();
            for (int c = 0; c < Channels; c++)
            {
                inputs.Add(new(ExcPerChannel * rateAfter, ExcWeights[c] * e[k][3], TauExc, ExcReversal));
                if (wInh > 0) inputs.Add(new(InhPerChannel * rateAfter, InhScale * wInh * i[k][3], TauInh, InhReversal));
            }
            rows[k] = [e[k][0], e[k][3], ConductanceLifRate.Rate(Membrane, inputs.ToArray(), NoiseSigma, NoiseTau, 0, TimeStep)];
        }
        return rows;
    }

    /// <summary>Time course of w_isp (Euler, step dt s) from w0 at a fixed stage:
    /// dw/dt = <see cref="WeightDrift"/> (mean over channels), clipped to [0, w_max]. Returns (t, w, ν_post) rows.</summary>
    public double[][] WeightTimeCourse(double stage, double[] channelRates, double w0, double duration, double dt = 0.1)
    {
        Guard.Probability(stage); Rates(channelRates); Guard.InRange(w0, 0, WMax); Guard.Positive(duration); Guard.Positive(dt);
        int n = (int)Math.Ceiling(duration / dt);
        var rows = new double[n + 1][];
        double w = w0;
        for (int k = 0; k <= n; k++)
        {
            double post = ReceiverRate(stage, channelRates, w);
            rows[k] = [k * dt, w, post];
            w = Math.Clamp(w + dt * WeightDrift(stage, channelRates, w), 0, WMax);
        }
        return rows;
    }
}

/// <summary>Fixed point of the circuit's rate model at a stage.</summary>
/// <param name="Stage">Developmental stage s ∈ [0, 1].</param>
/// <param name="WInh">Inhibitory weight w_isp at the fixed point (dimensionless).</param>
/// <param name="Rate">Receiver rate there (Hz): ρ₀ (slightly above with spike correlations) unless w = 0.</param>
/// <param name="RateWithoutInhibition">Receiver rate at w_isp = 0 (Hz).</param>
/// <param name="ExcConductance">Mean excitatory conductance (S).</param>
/// <param name="InhConductance">Mean inhibitory conductance at the fixed point (S).</param>
/// <param name="Eigenvalue">λ of the linearised weight dynamics (1/s); &lt; 0 stable.</param>
public sealed record CircuitFixedPoint(double Stage, double WInh, double Rate, double RateWithoutInhibition,
    double ExcConductance, double InhConductance, double Eigenvalue)
{
    /// <summary>λ &lt; 0 (or the w = 0 bound with the rate below target).</summary>
    public bool Stable => Eigenvalue < 0 || WInh == 0;
}
