using MathNet.Numerics.Distributions;
using Theory.MeanField;
using Theory.Spiking;

namespace Theory.Experiments.Predict;

/// <summary>One population of a <see cref="NetworkDescription"/>, in the units of the JSON file (docs/network-schema.md).</summary>
/// <param name="Name">Unique name.</param>
/// <param name="Size">Number of neurons (≥ 1).</param>
/// <param name="Model">Delta (kernel <see cref="LifDelta"/>), ExpCurrent (<see cref="LifExpCurrent"/>) or Conductance
/// (<see cref="LifConductance"/>, Euler integrator).</param>
/// <param name="TauMMs">Membrane time constant τ_m, ms (&gt; 0).</param>
/// <param name="CmPf">Capacitance C, pF (&gt; 0).</param>
/// <param name="ELMv">Leak reversal E_L, mV.</param>
/// <param name="VThMv">Threshold θ, mV.</param>
/// <param name="VResetMv">Reset V_r, mV (&lt; θ).</param>
/// <param name="TRefMs">Refractory period τ_rp, ms (≥ 0).</param>
/// <param name="TauSynExMs">Excitatory synaptic time constant, ms (&gt; 0; not delta).</param>
/// <param name="TauSynInMs">Inhibitory synaptic time constant, ms (&gt; 0; not delta).</param>
/// <param name="EExMv">Excitatory reversal, mV (conductance).</param>
/// <param name="EInMv">Inhibitory reversal, mV (conductance).</param>
/// <param name="IBiasPa">Constant bias current, pA.</param>
/// <param name="VInitLowMv">Initial V drawn uniformly in [low, high], mV.</param>
/// <param name="VInitHighMv">Upper end of the initial V, mV (≥ low).</param>
public sealed record PopulationDescription(string Name, int Size, MembraneKind Model, double TauMMs, double CmPf, double ELMv,
    double VThMv, double VResetMv, double TRefMs, double TauSynExMs, double TauSynInMs, double EExMv, double EInMv,
    double IBiasPa, double VInitLowMv, double VInitHighMv)
{
    /// <summary>Unit of a weight onto this population: "mV" (delta), "pA" (exp-current), "nS" (conductance).</summary>
    public string WeightUnit => Model switch { MembraneKind.Delta => "mV", MembraneKind.ExpCurrent => "pA", _ => "nS" };

    /// <summary>Factor from the weight unit to SI (V, A, S).</summary>
    public double WeightToSi => Model switch { MembraneKind.Delta => 1e-3, MembraneKind.ExpCurrent => 1e-12, _ => 1e-9 };

    /// <summary>The kernel's membrane parameters (SI).</summary>
    public LifParameters Membrane => new(TauMMs * 1e-3, CmPf * 1e-12, ELMv * 1e-3, VThMv * 1e-3, VResetMv * 1e-3, TRefMs * 1e-3);
}

/// <summary>Connection rule of a <see cref="ProjectionDescription"/>.</summary>
public enum ConnectionRule
{
    /// <summary>Every post neuron receives exactly InDegree inputs (<see cref="Connectivity.FixedInDegree"/>).</summary>
    FixedInDegree,
    /// <summary>Each pair connected with probability p (<see cref="Connectivity.FixedProbability"/>).</summary>
    FixedProbability,
    /// <summary>Pre i → post i (<see cref="Connectivity.OneToOne"/>).</summary>
    OneToOne,
    /// <summary>TotalNumber synapses between (pre, post) pairs drawn uniformly with replacement: multapses and autapses
    /// allowed, NEST's <c>fixed_total_number</c> as the Potjans &amp; Diesmann (2014) microcircuit uses it
    /// (<see cref="Networks.MicrocircuitNetwork.FixedTotalNumber"/>); mean in-degree TotalNumber/N_post.</summary>
    FixedTotalNumber,
}

/// <summary>A static projection. Weights in the target's unit (<see cref="PopulationDescription.WeightUnit"/>); with
/// WeightSd &gt; 0 each weight is drawn from N(mean, sd²), redrawn until it has the sign of the mean (as the NEST
/// microcircuit example); with DelaySdMs &gt; 0 each delay from N(mean, sd²), redrawn while below dt, then rounded to
/// whole steps.</summary>
/// <param name="Pre">Presynaptic population name.</param>
/// <param name="Post">Postsynaptic population name.</param>
/// <param name="Rule">Connection rule.</param>
/// <param name="InDegree">In-degree (FixedInDegree).</param>
/// <param name="Probability">Connection probability (FixedProbability).</param>
/// <param name="Autapses">Whether self-connections are allowed when Pre = Post.</param>
/// <param name="Synapse">Target channel: V (delta), Exc or Inh.</param>
/// <param name="WeightMean">Mean weight (mV, pA or nS).</param>
/// <param name="WeightSd">Weight s.d., same unit (≥ 0).</param>
/// <param name="DelayMeanMs">Mean delay, ms (≥ 0).</param>
/// <param name="DelaySdMs">Delay s.d., ms (≥ 0).</param>
public sealed record ProjectionDescription(string Pre, string Post, ConnectionRule Rule, int InDegree, double Probability,
    bool Autapses, SynapseChannel Synapse, double WeightMean, double WeightSd, double DelayMeanMs, double DelaySdMs)
{
    /// <summary>Number of synapses (FixedTotalNumber only; 0 otherwise), in [0, <see cref="KernelLimits.MaxSynapsesPerProjection"/>].</summary>
    public long TotalNumber { get; init; }
}

/// <summary>Independent Poisson drive: each neuron of Target receives Count sources at RateHz, each event adding Weight
/// (target's unit) to channel Synapse.</summary>
/// <param name="Target">Target population name.</param>
/// <param name="Count">Sources per neuron (≥ 1).</param>
/// <param name="RateHz">Rate of each source, Hz (≥ 0).</param>
/// <param name="Weight">Weight per event (mV, pA or nS).</param>
/// <param name="Synapse">Target channel.</param>
public sealed record PoissonDescription(string Target, int Count, double RateHz, double Weight, SynapseChannel Synapse);

/// <summary>
/// A network of LIF populations that both sides read: <see cref="Build"/> makes the kernel <see cref="Network"/>,
/// <see cref="ToPopulationModel"/> the mean-field model (<see cref="NetworkPrediction"/>), <see cref="NetworkJson"/> the
/// file (docs/network-schema.md). Values are stored in the file's units (ms, mV, pF, pA, nS, Hz), so that a JSON round
/// trip is exact; conversion to SI happens in Build and ToPopulationModel.
/// </summary>
/// <param name="Name">Name of the network.</param>
/// <param name="DtMs">Time step, ms (&gt; 0).</param>
/// <param name="Populations">Populations (simulation order).</param>
/// <param name="Projections">Static projections.</param>
/// <param name="PoissonInputs">External Poisson drives.</param>
public sealed record NetworkDescription(string Name, double DtMs, PopulationDescription[] Populations,
    ProjectionDescription[] Projections, PoissonDescription[] PoissonInputs)
{
    /// <summary>Index of the population named <paramref name="name"/>; ArgumentException naming <paramref name="field"/> if none.</summary>
    public int IndexOf(string name, string field = "population")
    {
        for (int a = 0; a < Populations.Length; a++) if (Populations[a].Name == name) return a;
        throw new ArgumentException($"{field} = '{name}' is invalid: no population has that name (known: {string.Join(", ", Populations.Select(p => p.Name))}).", field);
    }

    /// <summary>Throws an ArgumentException naming the first invalid field (paths as in the JSON file).</summary>
    public NetworkDescription Validated()
    {
        Guard.NotNull(Populations); Guard.NotNull(Projections); Guard.NotNull(PoissonInputs);
        static void Check(bool ok, string field, object? value, string range)
        {
            if (!ok) throw new ArgumentException($"{field} = {value} is invalid: {range}.", field);
        }
        Check(DtMs > 0 && DtMs <= 10 && double.IsFinite(DtMs), "dt_ms", DtMs, "it must be in (0, 10] ms");
        Check(Populations.Length > 0, "populations", "[]", "at least one population is required");
        for (int a = 0; a < Populations.Length; a++)
        {
            var p = Populations[a];
            string f = $"populations[{a}]";
            Check(!string.IsNullOrEmpty(p.Name), f + ".name", p.Name, "it must be a non-empty string");
            Check(Populations.Take(a).All(q => q.Name != p.Name), f + ".name", p.Name, "names must be unique");
            Check(p.Size >= 1 && p.Size <= KernelLimits.MaxPopulationSize, f + ".size", p.Size, $"it must be in [1, {KernelLimits.MaxPopulationSize}]");
            Check(p.TauMMs > 0 && double.IsFinite(p.TauMMs), f + ".tau_m_ms", p.TauMMs, "it must be > 0 ms");
            Check(p.CmPf > 0 && double.IsFinite(p.CmPf), f + ".c_m_pF", p.CmPf, "it must be > 0 pF");
            Check(double.IsFinite(p.ELMv), f + ".e_l_mV", p.ELMv, "it must be finite");
            Check(double.IsFinite(p.VThMv), f + ".v_th_mV", p.VThMv, "it must be finite");
            Check(p.VResetMv < p.VThMv && double.IsFinite(p.VResetMv), f + ".v_reset_mV", p.VResetMv, $"it must be below v_th_mV = {p.VThMv}");
            Check(p.TRefMs >= 0 && double.IsFinite(p.TRefMs), f + ".t_ref_ms", p.TRefMs, "it must be >= 0 ms");
            if (p.Model != MembraneKind.Delta)
            {
                Check(p.TauSynExMs > 0 && double.IsFinite(p.TauSynExMs), f + ".tau_syn_ex_ms", p.TauSynExMs, "it must be > 0 ms");
                Check(p.TauSynInMs > 0 && double.IsFinite(p.TauSynInMs), f + ".tau_syn_in_ms", p.TauSynInMs, "it must be > 0 ms");
            }
            Check(double.IsFinite(p.EExMv), f + ".e_ex_mV", p.EExMv, "it must be finite");
            Check(double.IsFinite(p.EInMv), f + ".e_in_mV", p.EInMv, "it must be finite");
            Check(double.IsFinite(p.IBiasPa), f + ".i_bias_pA", p.IBiasPa, "it must be finite");
            Check(double.IsFinite(p.VInitLowMv), f + ".v_init_low_mV", p.VInitLowMv, "it must be finite");
            Check(p.VInitHighMv >= p.VInitLowMv && double.IsFinite(p.VInitHighMv), f + ".v_init_high_mV", p.VInitHighMv, $"it must be finite and >= v_init_low_mV = {p.VInitLowMv}");
        }
        for (int k = 0; k < Projections.Length; k++)
        {
            var j = Projections[k];
            string f = $"projections[{k}]";
            int pre = IndexOf(j.Pre, f + ".pre"), post = IndexOf(j.Post, f + ".post");
            var pp = Populations[post];
            Check(j.Rule != ConnectionRule.FixedInDegree || (j.InDegree >= 0 && (j.InDegree <= Populations[pre].Size - (pre == post && !j.Autapses ? 1 : 0))),
                f + ".indegree", j.InDegree, $"it must be in [0, {Populations[pre].Size - (pre == post && !j.Autapses ? 1 : 0)}] (pre size{(pre == post && !j.Autapses ? " - 1, no autapses" : "")})");
            Check(j.Rule != ConnectionRule.FixedProbability || (j.Probability >= 0 && j.Probability <= 1), f + ".probability", j.Probability, "it must be in [0, 1]");
            Check(j.Rule != ConnectionRule.OneToOne || Populations[pre].Size == pp.Size, f + ".rule", "one_to_one", $"pre size {Populations[pre].Size} must equal post size {pp.Size}");
            Check(j.Rule != ConnectionRule.FixedTotalNumber || (j.TotalNumber >= 0 && j.TotalNumber <= KernelLimits.MaxSynapsesPerProjection),
                f + ".total_number", j.TotalNumber, $"it must be in [0, {KernelLimits.MaxSynapsesPerProjection}]");
            Check(j.Rule == ConnectionRule.FixedTotalNumber || j.TotalNumber == 0, f + ".total_number", j.TotalNumber, "it is used by the rule fixed_total_number only (0 otherwise)");
            Check(j.Rule != ConnectionRule.FixedTotalNumber || pre != post || j.Autapses, f + ".autapses", j.Autapses,
                "fixed_total_number draws pairs with replacement and allows autapses: it must be true when pre = post");
            CheckChannel(pp, j.Synapse, f + ".synapse");
            Check(double.IsFinite(j.WeightMean), f + ".weight_mean", j.WeightMean, "it must be finite");
            Check(j.WeightSd >= 0 && double.IsFinite(j.WeightSd), f + ".weight_sd", j.WeightSd, "it must be >= 0");
            Check(j.WeightSd == 0 || j.WeightMean != 0, f + ".weight_sd", j.WeightSd, "a distributed weight needs weight_mean != 0 (its sign is kept)");
            Check(j.DelayMeanMs >= 0 && j.DelayMeanMs / DtMs <= ushort.MaxValue, f + ".delay_mean_ms", j.DelayMeanMs, $"it must be in [0, {ushort.MaxValue * DtMs}] ms");
            Check(j.DelaySdMs >= 0 && j.DelaySdMs <= j.DelayMeanMs + 1e3, f + ".delay_sd_ms", j.DelaySdMs, "it must be >= 0 ms");
        }
        for (int k = 0; k < PoissonInputs.Length; k++)
        {
            var x = PoissonInputs[k];
            string f = $"poisson_inputs[{k}]";
            int t = IndexOf(x.Target, f + ".target");
            Check(x.Count >= 1, f + ".count", x.Count, "it must be >= 1");
            Check(x.RateHz >= 0 && x.RateHz * DtMs * 1e-3 <= 1, f + ".rate_hz", x.RateHz, $"it must be >= 0 and rate·dt <= 1 (<= {1e3 / DtMs} Hz)");
            Check(double.IsFinite(x.Weight), f + ".weight", x.Weight, "it must be finite");
            CheckChannel(Populations[t], x.Synapse, f + ".synapse");
        }
        return this;
    }

    static void CheckChannel(PopulationDescription p, SynapseChannel c, string field)
    {
        bool ok = p.Model == MembraneKind.Delta ? c == SynapseChannel.V : c != SynapseChannel.V;
        if (!ok) throw new ArgumentException($"{field} = {NetworkJson.Name(c)} is invalid: a {NetworkJson.Name(p.Model)} population takes {(p.Model == MembraneKind.Delta ? "\"v\"" : "\"exc\" or \"inh\"")}.", field);
    }

    /// <summary>
    /// Builds the kernel network: populations in order (initial V uniform in [low, high] from one stream, bias current),
    /// then for each population as target its projections (description order; a weight stream and a delay stream after
    /// each projection whose weights or delays are distributed) and its Poisson inputs. Same description, seed and any
    /// thread count → bit-identical simulation. For Brunel's model A this is the order of <see cref="Networks.BrunelSimulation"/>.
    /// </summary>
    public BuiltNetwork Build(ulong seed = 1, int? threads = null)
    {
        Validated();
        var net = new Network(DtMs * 1e-3, seed, threads);
        var pops = new Population[Populations.Length];
        for (int a = 0; a < pops.Length; a++)
        {
            var d = Populations[a];
            pops[a] = d.Model switch
            {
                MembraneKind.Delta => net.Add(new LifDelta(d.Name, d.Size, d.Membrane)),
                MembraneKind.ExpCurrent => net.Add(new LifExpCurrent(d.Name, d.Size, d.Membrane, d.TauSynExMs * 1e-3, d.TauSynInMs * 1e-3)),
                _ => (Population)net.Add(new LifConductance(d.Name, d.Size, d.Membrane, d.EExMv * 1e-3, d.EInMv * 1e-3, d.TauSynExMs * 1e-3, d.TauSynInMs * 1e-3)),
            };
        }
        var init = net.NewRandom();
        for (int a = 0; a < pops.Length; a++)
        {
            var d = Populations[a];
            pops[a].SetUniform("v", d.VInitLowMv * 1e-3, d.VInitHighMv * 1e-3, init);
            if (d.IBiasPa != 0) Array.Fill(pops[a].Current, (float)(d.IBiasPa * 1e-12), 0, d.Size);
        }
        double dt = DtMs * 1e-3;
        for (int a = 0; a < pops.Length; a++)
        {
            var post = pops[a];
            var pd = Populations[a];
            foreach (var j in Projections.Where(j => j.Post == pd.Name))
            {
                var pre = pops[IndexOf(j.Pre)];
                var rule = j.Rule switch
                {
                    ConnectionRule.FixedInDegree => Connectivity.FixedInDegree(j.InDegree, j.Autapses),
                    ConnectionRule.FixedProbability => Connectivity.FixedProbability(j.Probability, j.Autapses),
                    ConnectionRule.FixedTotalNumber => Connectivity.Rows(Networks.MicrocircuitNetwork.FixedTotalNumber(pre.Size, post.Size, j.TotalNumber, net.NewRandom())),
                    _ => Connectivity.OneToOne(),
                };
                var proj = net.Connect(pre, post, rule, j.WeightMean * pd.WeightToSi, j.DelayMeanMs * 1e-3, NetworkJson.Name(j.Synapse));
                if (j.WeightSd > 0)
                {
                    var rng = net.NewRandom();
                    double m = j.WeightMean * pd.WeightToSi, s = j.WeightSd * pd.WeightToSi;
                    proj.SetWeights((_, _) =>
                    {
                        for (int t = 0; t < 1000; t++) { double w = m + s * rng.NextNormal(); if (Math.Sign(w) == Math.Sign(m)) return w; }
                        return m;
                    });
                }
                if (j.DelaySdMs > 0)
                {
                    var rng = net.NewRandom();
                    double m = j.DelayMeanMs * 1e-3, s = j.DelaySdMs * 1e-3;
                    proj.SetDelays((_, _) =>
                    {
                        for (int t = 0; t < 1000; t++) { double x = m + s * rng.NextNormal(); if (x >= dt) return x; }
                        return Math.Max(m, dt);
                    });
                }
            }
            foreach (var x in PoissonInputs.Where(x => x.Target == pd.Name))
                net.AddPoissonInput(post, x.Count, x.RateHz, x.Weight * pd.WeightToSi, NetworkJson.Name(x.Synapse));
        }
        return new BuiltNetwork(net, pops);
    }

    /// <summary>
    /// The population-level model: per projection the mean in-degree (K, p·N_pre, or 1), the weight moments (for a
    /// distributed weight those of the normal truncated at 0 that <see cref="Build"/> draws: with α = −|m|/s,
    /// λ = φ(α)/(1 − Φ(α)): ⟨|w|⟩ = |m| + sλ, Var w = s²(1 + αλ − λ²)), and the delay distribution of the kernel (whole
    /// steps: a fixed delay rounded as the kernel rounds it; a distributed one as the probabilities of the rounded
    /// normal redrawn below dt, cut where the tail is below 1e-12).
    /// </summary>
    public PopulationModel ToPopulationModel()
    {
        Validated();
        double dt = DtMs * 1e-3;
        var pops = Populations.Select(d => new ModelPopulation(d.Name, d.Size, d.Model, d.TauMMs * 1e-3, d.CmPf * 1e-12, d.ELMv * 1e-3,
            d.VThMv * 1e-3, d.VResetMv * 1e-3, d.TRefMs * 1e-3, d.TauSynExMs * 1e-3, d.TauSynInMs * 1e-3, d.EExMv * 1e-3, d.EInMv * 1e-3,
            d.IBiasPa * 1e-12)).ToArray();
        var inputs = new List<ModelInput>();
        for (int a = 0; a < Populations.Length; a++)
        {
            var pd = Populations[a];
            foreach (var j in Projections.Where(j => j.Post == pd.Name))
            {
                int b = IndexOf(j.Pre);
                bool same = a == b;
                double k = j.Rule switch
                {
                    ConnectionRule.FixedInDegree => j.InDegree,
                    ConnectionRule.FixedProbability => j.Probability * (Populations[b].Size - (same && !j.Autapses ? 1 : 0)),
                    ConnectionRule.FixedTotalNumber => (double)j.TotalNumber / pd.Size,
                    _ => 1,
                };
                var (m1, m2) = WeightMoments(j.WeightMean * pd.WeightToSi, j.WeightSd * pd.WeightToSi);
                var (ds, ps) = DelayDistribution(j.DelayMeanMs * 1e-3, j.DelaySdMs * 1e-3, dt);
                inputs.Add(new ModelInput(a, b, k, m1, m2, j.Synapse, ds, ps));
            }
            foreach (var x in PoissonInputs.Where(x => x.Target == pd.Name))
            {
                double w = x.Weight * pd.WeightToSi;
                inputs.Add(new ModelInput(a, -1, x.Count, w, w * w, x.Synapse, [0.0], [1.0], x.RateHz));
            }
        }
        return new PopulationModel(pops, inputs.ToArray()).Validated();
    }

    /// <summary>(⟨w⟩, ⟨w²⟩) of N(m, s²) truncated to the sign of m (s = 0: (m, m²)).</summary>
    public static WeightMomentPair WeightMoments(double m, double s)
    {
        if (s == 0) return new WeightMomentPair(m, m * m);
        double am = Math.Abs(m), alpha = -am / s;
        double z = Normal.CDF(0, 1, -alpha);   // 1 − Φ(α)
        double lam = Normal.PDF(0, 1, alpha) / z;
        double mean = am + s * lam, var = s * s * (1 + alpha * lam - lam * lam);
        return new WeightMomentPair(Math.Sign(m) * mean, var + mean * mean);
    }

    /// <summary>Delays (s, whole steps of <paramref name="dt"/>) and probabilities of the kernel's delay: a fixed delay
    /// round(d/dt)·dt; with s.d. &gt; 0, round(x/dt)·dt with x ~ N(d, s²) conditioned on x ≥ dt.</summary>
    public static DiscreteDelays DelayDistribution(double mean, double sd, double dt)
    {
        if (sd == 0) return new DiscreteDelays([Math.Round(mean / dt) * dt], [1.0]);
        double z = 1 - Normal.CDF(mean, sd, dt);
        var ds = new List<double>(); var ps = new List<double>();
        int kMax = (int)Math.Ceiling((mean + 12 * sd) / dt) + 1;
        for (int k = 1; k <= kMax; k++)
        {
            double lo = Math.Max(dt, (k - 0.5) * dt), hi = (k + 0.5) * dt;
            if (hi <= lo) continue;
            double q = (Normal.CDF(mean, sd, hi) - Normal.CDF(mean, sd, lo)) / z;
            if (q < 1e-12) continue;
            ds.Add(k * dt); ps.Add(q);
        }
        double sum = ps.Sum();
        return new DiscreteDelays(ds.ToArray(), ps.Select(q => q / sum).ToArray());
    }

    /// <summary>
    /// Describes a built kernel network (before it runs): LifDelta / LifExpCurrent / LifConductance populations (initial
    /// V: the range of the current values; bias: the mean of <see cref="Population.Current"/>), static projections
    /// (rule inferred: one-to-one if every synapse is i → i, fixed in-degree if every post neuron has the same count, else
    /// fixed probability = synapses/(N_pre N_post); weights and delays as mean and s.d. of the synapses) and Poisson inputs.
    /// The description reproduces the network's statistics, not its realisation. ArgumentException for anything else
    /// (plastic projections, current inputs, other population types).
    /// </summary>
    public static NetworkDescription FromNetwork(Network net, string name = "network")
    {
        Guard.NotNull(net);
        double dtMs = net.Dt * 1e3;
        var pops = new List<PopulationDescription>();
        foreach (var p in net.Populations)
        {
            var kind = p switch
            {
                LifDelta => MembraneKind.Delta,
                LifExpCurrent => MembraneKind.ExpCurrent,
                LifConductance => MembraneKind.Conductance,
                _ => throw new ArgumentException($"population '{p.Name}' is a {p.GetType().Name}: only LifDelta, LifExpCurrent and LifConductance can be described.", nameof(net)),
            };
            var m = ((LifPopulation)p).Parameters;
            double te = 0, ti = 0, ee = 0, ei = 0;
            if (p is LifExpCurrent x) { te = x.TauExc; ti = x.TauInh; }
            if (p is LifConductance c) { te = c.TauExc; ti = c.TauInh; ee = c.ExcReversal; ei = c.InhReversal; }
            var v = p.Get("v");
            double bias = p.Current.Take(p.Size).Select(f => (double)f).Average();
            pops.Add(new PopulationDescription(p.Name, p.Size, kind, m.Tau * 1e3, m.Capacitance * 1e12, m.RestingPotential * 1e3,
                m.Threshold * 1e3, m.Reset * 1e3, m.RefractoryPeriod * 1e3, te * 1e3, ti * 1e3, ee * 1e3, ei * 1e3, bias * 1e12,
                v.Min() * 1e3, v.Max() * 1e3));
        }
        var desc0 = new NetworkDescription(name, dtMs, pops.ToArray(), [], []);
        var projs = new List<ProjectionDescription>();
        foreach (var j in net.Projections)
        {
            if (j.GetType() != typeof(Projection))
                throw new ArgumentException($"projection '{j.Name}' is a {j.GetType().Name}: only static projections can be described.", nameof(net));
            var pd = pops[desc0.IndexOf(j.Post.Name)];
            var src = j.Sources; var dst = j.Destinations;
            bool same = ReferenceEquals(j.Pre, j.Post);
            bool autapses = same && src.Zip(dst).Any(t => t.First == t.Second);
            var deg = j.InDegrees();
            ConnectionRule rule; int k = 0; double prob = 0;
            if (j.Pre.Size == j.Post.Size && src.Length == j.Post.Size && src.Zip(dst).All(t => t.First == t.Second) && deg.All(d => d == 1))
                rule = ConnectionRule.OneToOne;
            else if (deg.Length > 0 && deg.All(d => d == deg[0])) { rule = ConnectionRule.FixedInDegree; k = deg[0]; }
            else { rule = ConnectionRule.FixedProbability; prob = (double)src.Length / ((double)j.Pre.Size * (j.Post.Size - (same && !autapses ? 1 : 0))); }
            var w = j.Weights.Select(x => x / pd.WeightToSi).ToArray();
            var d = j.SynapseDelaySteps.Select(s => s * dtMs).ToArray();
            double wm = w.Length > 0 ? w.Average() : 0, dm = d.Length > 0 ? d.Average() : 0;
            double ws = w.Length > 1 && w.Any(x => x != w[0]) ? Math.Sqrt(w.Sum(x => (x - wm) * (x - wm)) / w.Length) : 0;
            double ds = d.Length > 1 && d.Any(x => x != d[0]) ? Math.Sqrt(d.Sum(x => (x - dm) * (x - dm)) / d.Length) : 0;
            var ch = j.Target.Name switch { "v" => SynapseChannel.V, "inh" => SynapseChannel.Inh, _ => SynapseChannel.Exc };
            projs.Add(new ProjectionDescription(j.Pre.Name, j.Post.Name, rule, k, prob, autapses,
                ch, wm, ws, dm, ds));
        }
        var poisson = new List<PoissonDescription>();
        foreach (var i in net.Inputs)
        {
            if (i is not PoissonInput pi)
                throw new ArgumentException($"input of type {i.GetType().Name} onto '{i.Target.Name}' cannot be described: only Poisson inputs (constant currents: Population.Current).", nameof(net));
            var pd = pops[desc0.IndexOf(pi.Target.Name)];
            var ch = pi.ChannelName switch { "v" => SynapseChannel.V, "inh" => SynapseChannel.Inh, _ => SynapseChannel.Exc };
            poisson.Add(new PoissonDescription(pi.Target.Name, pi.Count, pi.Rate, pi.Weight / pd.WeightToSi, ch));
        }
        return (desc0 with { Projections = projs.ToArray(), PoissonInputs = poisson.ToArray() }).Validated();
    }
}
