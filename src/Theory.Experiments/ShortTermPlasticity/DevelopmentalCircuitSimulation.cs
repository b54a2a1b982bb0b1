using Theory.ShortTermPlasticity;
using Theory.Spiking;

namespace Theory.Experiments.ShortTermPlasticity;

/// <summary>
/// The circuit of Jia, Vogels &amp; Costa (2022) on the kernel (see <see cref="DevelopmentalCircuit"/>
/// for the model and its source): one conductance LIF receiver (forward Euler, as Brian2 runs the
/// paper's equations; V integrates through τ_ref when the circuit's membrane says so, as in the
/// paper, <see cref="RefractoryVoltage.Integrate"/>), 8 channels of 100 excitatory Poisson inputs through Tsodyks–Markram
/// synapses at the developmental stage and 25 inhibitory Poisson inputs through depressing
/// synapses with Vogels 2011 iSTDP, white-noise current. Runs in chunks of
/// <see cref="Chunk"/> seconds recording the receiver rate and the mean w_isp. With
/// <see cref="FollowSchedule"/> the stage advances as in the paper's code: every chunk, a
/// counter n rises by round(ν/ν_thr) when the chunk's rate ν ≥ ν_thr = 5 Hz and falls by one
/// otherwise; when it is 0 the stage advances by <see cref="StageStep"/> (the paper: 1/3599
/// per 0.5 s; larger steps shorten the run).
/// </summary>
/// <param name="Stage">Developmental stage of the excitatory synapses (start stage when following the schedule).</param>
/// <param name="ChannelRate">Rate of every input neuron (Hz) when <see cref="RateOfTime"/> is null.</param>
/// <param name="Duration">Simulated time (s).</param>
/// <param name="InitialWInh">Initial w_isp (the paper: 1e-10).</param>
/// <param name="Eta">iSTDP learning rate (null: the circuit's, 1e-3).</param>
/// <param name="FollowSchedule">Advance the stage under the paper's balance gate.</param>
/// <param name="StageStep">Stage increment per open gate (the paper: 1/3599).</param>
/// <param name="Chunk">Recording and gate interval (s; the paper: 0.5 s).</param>
/// <param name="Seed">Seed of all randomness.</param>
/// <param name="Dt">Time step (s).</param>
public sealed record DevelopmentalCircuitSimulation(double Stage = 0, double ChannelRate = 20, double Duration = 20,
    double InitialWInh = 1e-10, double? Eta = null, bool FollowSchedule = false, double StageStep = 1.0 / 3599,
    double Chunk = 0.5, ulong Seed = 1, double Dt = 1e-4)
{
    /// <summary>The circuit (paper's defaults).</summary>
    public DevelopmentalCircuit Circuit { get; init; } = DevelopmentalCircuit.JiaVogelsCosta2022;

    /// <summary>Optional time-varying rate ν(t) (Hz) of every input (replaces ChannelRate).</summary>
    public Func<double, double>? RateOfTime { get; init; }

    /// <summary>Optional rate ν_c(t) (Hz) per channel, shared by the channel's excitatory and
    /// inhibitory inputs as in the paper's code (replaces ChannelRate and RateOfTime); e.g.
    /// <see cref="SyntheticInputRates.Channels"/>, the paper-protocol inputs.</summary>
    public Func<double, double>[]? ChannelRatesOfTime { get; init; }

    /// <summary>Rate threshold of the schedule's gate (Hz; the paper's 5 Hz).</summary>
    public double GateRate { get; init; } = 5.0;

    /// <summary>Sampling interval (s) of the receiver's membrane potential; null: not recorded.</summary>
    public double? VoltageInterval { get; init; }

    /// <summary>Builds and runs the network.</summary>
    public DevelopmentalCircuitResult Run(Action<double>? progress = null)
    {
        Guard.Probability(Stage); Guard.NonNegative(ChannelRate); Guard.Positive(Duration); Guard.NonNegative(InitialWInh);
        Guard.Positive(Chunk); Guard.Probability(StageStep); Guard.Positive(GateRate);
        if (Eta is { } eta) Guard.NonNegative(eta, nameof(Eta));
        var c = Circuit;
        var net = new Network(Dt, Seed);
        var m = c.Membrane;
        var lif = LifParameters.VogelsAbbott2005.With(tau: m.Capacitance / m.LeakConductance, capacitance: m.Capacitance,
            restingPotential: m.RestingPotential, threshold: m.Threshold, reset: m.Reset, refractoryPeriod: m.Refractory);
        var receiver = net.Add(new LifConductance("receiver", 1, lif, c.ExcReversal, c.InhReversal, c.TauExc, c.TauInh)
        {
            RefractoryVoltage = m.IntegratesThroughRefractory ? RefractoryVoltage.Integrate : RefractoryVoltage.Clamp,
        });
        receiver.Set("v", _ => m.RestingPotential);
        double stage = Stage;
        var exc = c.Schedule.At(stage);
        var inh = c.InhibitorySynapse;
        var tms = new List<TsodyksMarkramProjection>();
        var istdps = new List<InhibitoryStdpProjection>();
        if (ChannelRatesOfTime is { } crt && crt.Length != c.ExcWeights.Length)
            throw new ArgumentException($"ChannelRatesOfTime.Length = {crt.Length} is invalid: it must equal the number of channels {c.ExcWeights.Length}.", nameof(ChannelRatesOfTime));
        for (int ch = 0; ch < c.ExcWeights.Length; ch++)
        {
            var rateOfTime = ChannelRatesOfTime?[ch] ?? RateOfTime;
            SpikeSource Source(string name, int size) => rateOfTime is null
                ? SpikeSource.Poisson(name, size, ChannelRate, net.NewRandom())
                : SpikeSource.Poisson(name, size, rateOfTime, net.NewRandom());
            var e = net.Add(Source($"E{ch + 1}", c.ExcPerChannel));
            var i = net.Add(Source($"I{ch + 1}", c.InhPerChannel));
            tms.Add(net.Add(new TsodyksMarkramProjection(net, e, receiver, Connectivity.FixedProbability(1.0), c.ExcWeights[ch],
                exc.U, exc.TauD, exc.TauF, exc.F, exc.Amplitude, exc.RestingU, exc.FacilitatesBeforeRelease, target: "exc")));
            istdps.Add(net.Add(new InhibitoryStdpProjection(net, i, receiver, Connectivity.FixedProbability(1.0), InitialWInh,
                Eta ?? c.Eta, c.TargetRate, c.WMax, c.TauStdp, 0, c.InhScale,
                new TsodyksMarkramSettings(inh.U, inh.TauD, inh.TauF, inh.F, inh.Amplitude, inh.RestingU, inh.FacilitatesBeforeRelease), target: "inh")));
        }
        var noise = net.NewRandom();
        double noiseScale = c.NoiseSigma * Math.Sqrt(c.NoiseTau / Dt);
        if (c.NoiseSigma > 0) net.AddCurrent(receiver, _ => noiseScale * noise.NextNormal());
        var spikes = net.MonitorSpikes(receiver);
        var vmon = VoltageInterval is { } vi ? net.MonitorState(receiver, "v", [0], vi) : null;
        int chunks = (int)Math.Ceiling(Duration / Chunk - 1e-9);
        var times = new double[chunks];
        var rates = new double[chunks];
        var weights = new double[chunks];
        var stages = new double[chunks];
        var channelWeights = new double[chunks][];
        int counter = 0, seen = 0;
        for (int k = 0; k < chunks; k++)
        {
            net.Run(Chunk);
            int count = spikes.Count - seen; seen = spikes.Count;
            times[k] = net.Time; rates[k] = count / Chunk;
            channelWeights[k] = istdps.Select(p => p.MeanWeight).ToArray();
            weights[k] = channelWeights[k].Average();
            stages[k] = stage;
            if (FollowSchedule)
            {
                if (rates[k] < GateRate) { if (counter > 0) counter--; }
                else counter += (int)Math.Round(rates[k] / GateRate);
                if (counter == 0 && stage < 1)
                {
                    stage = Math.Min(1, stage + StageStep);
                    var p = c.Schedule.At(stage);
                    foreach (var tm in tms)
                        tm.Plasticity.SetParameters(p.U, p.TauD, p.TauF, p.F, p.Amplitude, p.RestingU, p.FacilitatesBeforeRelease);
                }
            }
            progress?.Invoke((k + 1.0) / chunks);
        }
        return new DevelopmentalCircuitResult(times, rates, weights, stages, spikes.Times)
        {
            VoltageTimes = vmon?.Times ?? [], Voltage = vmon?.Values[0] ?? [], ChannelWInh = channelWeights,
        };
    }
}

/// <summary>Per chunk: end time (s), receiver rate (Hz), mean w_isp, stage; and the receiver's spike times (s).</summary>
/// <param name="Times">End time of each chunk, s.</param>
/// <param name="Rates">Receiver rate in each chunk, Hz.</param>
/// <param name="WInh">Mean inhibitory weight w_isp at the end of each chunk.</param>
/// <param name="Stages">Developmental stage s ∈ [0, 1] in each chunk.</param>
/// <param name="SpikeTimes">The receiver's spike times, s.</param>
public sealed record DevelopmentalCircuitResult(double[] Times, double[] Rates, double[] WInh, double[] Stages, double[] SpikeTimes)
{
    /// <summary>Sample times (s) and values (V) of the receiver's membrane potential (empty unless
    /// <see cref="DevelopmentalCircuitSimulation.VoltageInterval"/> is set).</summary>
    public double[] VoltageTimes { get; init; } = [];
    /// <summary>The receiver's membrane potential (V) at <see cref="VoltageTimes"/>.</summary>
    public double[] Voltage { get; init; } = [];

    /// <summary>Per chunk, the mean w_isp of each channel's inhibitory synapses ([chunk][channel]).</summary>
    public double[][] ChannelWInh { get; init; } = [];

    /// <summary>Mean w_isp of each channel over the chunks ending after <paramref name="from"/> s.</summary>
    public double[] MeanChannelWInh(double from)
    {
        var rows = ChannelWInh.Where((_, k) => Times[k] > from + 1e-12).ToArray();
        if (rows.Length == 0) throw new ArgumentException($"from = {from} s is invalid: it must be before the end {Times[^1]} s.", nameof(from));
        return Enumerable.Range(0, rows[0].Length).Select(c => rows.Average(r => r[c])).ToArray();
    }

    /// <summary>Mean receiver rate (Hz) over the chunks ending after <paramref name="from"/> s.</summary>
    public double MeanRate(double from) => Window(Rates, from).Average();

    /// <summary>Mean w_isp over the chunks ending after <paramref name="from"/> s.</summary>
    public double MeanWInh(double from) => Window(WInh, from).Average();

    /// <summary>Standard error of the mean rate after <paramref name="from"/> s from batch means of
    /// 10 consecutive chunk groups.</summary>
    public double RateStandardError(double from)
    {
        var r = Window(Rates, from);
        int b = Math.Min(10, r.Length);
        if (b < 2) return double.PositiveInfinity;
        int per = r.Length / b;
        var means = Enumerable.Range(0, b).Select(i => r.Skip(i * per).Take(per).Average()).ToArray();
        double mu = means.Average();
        return Math.Sqrt(means.Sum(x => (x - mu) * (x - mu)) / (b - 1) / b);
    }

    double[] Window(double[] a, double from)
    {
        var w = a.Where((_, k) => Times[k] > from + 1e-12).ToArray();
        if (w.Length == 0) throw new ArgumentException($"from = {from} s is invalid: it must be before the end {Times[^1]} s.", nameof(from));
        return w;
    }
}
