using Theory.MeanField;

namespace Theory.Experiments.Predict;

/// <summary>
/// Named networks for <c>theory predict|simulate|crosscheck NAME</c>: "brunel-a", "brunel-b", "coba", "three-pop",
/// "microcircuit", "microcircuit-bos2016" (<see cref="Names"/>); the registry is open (<see cref="Register"/>) so that further cases plug in.
/// (<c>theory crosscheck microcircuit</c> keeps its own path, <see cref="Networks.MicrocircuitCrossCheck"/>.)
/// </summary>
public static class BuiltInNetworks
{
    static readonly Dictionary<string, Func<NetworkDescription>> Registry = new()
    {
        ["brunel-a"] = () => BrunelA(),
        ["brunel-b"] = () => BrunelB(),
        ["coba"] = () => Coba(),
        ["three-pop"] = () => ThreePopulations(),
        ["microcircuit"] = () => Microcircuit(),
        ["microcircuit-bos2016"] = () => Microcircuit(bos2016: true),
    };

    /// <summary>The registered names.</summary>
    public static IReadOnlyList<string> Names => Registry.Keys.ToArray();

    /// <summary>Registers (or replaces) a built-in network.</summary>
    public static void Register(string name, Func<NetworkDescription> factory)
    {
        Guard.NotNull(name); Guard.NotNull(factory);
        lock (Registry) Registry[name] = factory;
    }

    /// <summary>Whether <paramref name="name"/> is registered.</summary>
    public static bool Contains(string name) => Registry.ContainsKey(Guard.NotNull(name));

    /// <summary>The network registered as <paramref name="name"/>; ArgumentException listing the names otherwise.</summary>
    public static NetworkDescription Get(string name)
    {
        Guard.NotNull(name);
        return Registry.TryGetValue(name, out var f) ? f()
            : throw new ArgumentException($"name = '{name}' is invalid: built-in networks are {string.Join(", ", Registry.Keys)}.", nameof(name));
    }

    static PopulationDescription Brunel(string name, int size, double tauMs = 20) =>
        new(name, size, MembraneKind.Delta, tauMs, 250, 0, 20, 10, 2, 0, 0, 0, 0, 0, 10, 20);

    /// <summary>
    /// Brunel (2000) model A: N_E excitatory and N_I inhibitory delta-synapse LIF neurons (τ = 20 ms, θ = 20 mV,
    /// V_r = 10 mV, τ_rp = 2 ms), fixed in-degrees C_E (weight J) and C_I (weight −gJ), one delay D, C_E external
    /// Poisson inputs of weight J at ν_ext = ratio·ν_thr, ν_thr = θ/(J C_E τ) — the network of
    /// <see cref="Networks.BrunelSimulation"/> (same construction order, so the same seed gives the same network).
    /// </summary>
    public static NetworkDescription BrunelA(double g = 5, double nuExtRatio = 2, int ne = 10000, int ni = 2500, int ce = 1000, int ci = 250,
                                             double jMv = 0.1, double delayMs = 1.5, double dtMs = 0.1) =>
        BrunelB(g, g, nuExtRatio, 20, ne, ni, ce, ci, jMv, delayMs, dtMs) with { Name = "brunel-a" };

    /// <summary>Brunel (2000) model B: as <see cref="BrunelA"/> with relative inhibition g_E onto E and g_I onto I and
    /// an inhibitory membrane time constant τ_I (ms); ν_thr with the E membrane. Defaults g_E = 8, g_I = 6, τ_I = 15 ms, ν_ext = 2ν_thr: an AI state with distinct E and I rates (≈ 3.9 and 9.1 Hz predicted).</summary>
    public static NetworkDescription BrunelB(double gE = 8, double gI = 6, double nuExtRatio = 2, double tauIMs = 15, int ne = 10000, int ni = 2500,
                                             int ce = 1000, int ci = 250, double jMv = 0.1, double delayMs = 1.5, double dtMs = 0.1)
    {
        double nuThr = 20 / (jMv * ce * 20e-3);
        var pops = new[] { Brunel("E", ne), Brunel("I", ni, tauIMs) };
        var projs = new List<ProjectionDescription>();
        foreach (var (post, g) in new[] { ("E", gE), ("I", gI) })
        {
            projs.Add(new("E", post, ConnectionRule.FixedInDegree, ce, 0, false, SynapseChannel.V, jMv, 0, delayMs, 0));
            projs.Add(new("I", post, ConnectionRule.FixedInDegree, ci, 0, false, SynapseChannel.V, -g * jMv, 0, delayMs, 0));
        }
        var ext = new[] { "E", "I" }.Select(t => new PoissonDescription(t, ce, nuExtRatio * nuThr, jMv, SynapseChannel.V)).ToArray();
        return new NetworkDescription("brunel-b", dtMs, pops, projs.ToArray(), ext);
    }

    /// <summary>
    /// The Vogels &amp; Abbott (2005) / Brette et al. (2007) COBA architecture: 3200 E and 800 I conductance-based LIF
    /// neurons (τ = 20 ms, C = 200 pF, E_L = −60 mV, θ = −50 mV, V_r = −60 mV, τ_rp = 5 ms; τ_e = 5 ms, τ_i = 10 ms,
    /// E_e = 0, E_i = −80 mV), connection probability 2 %, weights 6 nS (E) and 67 nS (I), delay 0.1 ms. The benchmark
    /// is self-sustained from random initial conductances; a description has no initial conductances, so here every
    /// neuron also receives <paramref name="externalCount"/> Poisson inputs at <paramref name="externalRateHz"/> of 6 nS
    /// (a driven COBA network, stated as such).
    /// </summary>
    public static NetworkDescription Coba(int ne = 3200, int ni = 800, double p = 0.02, int externalCount = 100, double externalRateHz = 10, double dtMs = 0.1)
    {
        PopulationDescription Pop(string n, int size) => new(n, size, MembraneKind.Conductance, 20, 200, -60, -50, -60, 5, 5, 10, 0, -80, 0, -60, -50);
        var pops = new[] { Pop("E", ne), Pop("I", ni) };
        var projs = new List<ProjectionDescription>();
        foreach (var post in new[] { "E", "I" })
        {
            projs.Add(new("E", post, ConnectionRule.FixedProbability, 0, p, false, SynapseChannel.Exc, 6, 0, 0.1, 0));
            projs.Add(new("I", post, ConnectionRule.FixedProbability, 0, p, false, SynapseChannel.Inh, 67, 0, 0.1, 0));
        }
        var ext = new[] { "E", "I" }.Select(t => new PoissonDescription(t, externalCount, externalRateHz, 6, SynapseChannel.Exc)).ToArray();
        return new NetworkDescription("coba", dtMs, pops, projs.ToArray(), ext);
    }

    /// <summary>
    /// Three delta-synapse populations with distinct delays: E (N = 4000) and two inhibitory populations, I_fast (500,
    /// delay 0.8 ms) and I_slow (500, delay 3 ms); every neuron receives C_E = 400 E inputs (0.1 mV, 1.5 ms), 50 from each
    /// inhibitory population (−gJ = −0.6 mV) and 400 external Poisson inputs (0.1 mV) at 1.5 ν_thr = 37.5 Hz; Brunel's neuron. Predicted AI (least-damped mode ≈ 80 Hz, Re λ ≈ −11/s).
    /// </summary>
    public static NetworkDescription ThreePopulations(int ne = 4000, int ni = 500, int ce = 400, int ci = 50, double g = 6, double nuExtRatio = 1.5, double dtMs = 0.1)
    {
        double j = 0.1, nuThr = 20 / (j * ce * 20e-3);
        var pops = new[] { Brunel("E", ne), Brunel("I_fast", ni), Brunel("I_slow", ni) };
        var projs = new List<ProjectionDescription>();
        foreach (var post in new[] { "E", "I_fast", "I_slow" })
        {
            projs.Add(new("E", post, ConnectionRule.FixedInDegree, ce, 0, false, SynapseChannel.V, j, 0, 1.5, 0));
            projs.Add(new("I_fast", post, ConnectionRule.FixedInDegree, ci, 0, false, SynapseChannel.V, -g * j, 0, 0.8, 0));
            projs.Add(new("I_slow", post, ConnectionRule.FixedInDegree, ci, 0, false, SynapseChannel.V, -g * j, 0, 3.0, 0));
        }
        var ext = pops.Select(p => new PoissonDescription(p.Name, ce, nuExtRatio * nuThr, j, SynapseChannel.V)).ToArray();
        return new NetworkDescription("three-pop", dtMs, pops, projs.ToArray(), ext);
    }

    /// <summary>
    /// The Potjans &amp; Diesmann (2014) microcircuit at scale <paramref name="scale"/> (0, 1] as a description
    /// (<see cref="Networks.MicrocircuitModel.At"/>: sizes, synapse numbers, weights w/√s, K_ext and the DC compensation of
    /// van Albada et al. 2015): eight exp-current populations (τ_m = 10 ms, C = 250 pF, E_L = V_r = −65 mV, θ = −50 mV,
    /// τ_rp = 2 ms, τ_s = 0.5 ms, bias = the DC of the scaled model), one <see cref="ConnectionRule.FixedTotalNumber"/>
    /// projection per pair with K_ab &gt; 0 (multapses, autapses), weights N(w_ab, (0.1 w_ab)²) of the sign of w_ab, delays
    /// N(d, σ_d²) redrawn below dt (1.5 ± 0.75 ms from excitatory, 0.8 ± 0.4 ms from inhibitory sources), K_ext Poisson inputs at 8 Hz of the
    /// fixed external weight, dt = <paramref name="dtMs"/>. Its prediction (<see cref="NetworkDescription.ToPopulationModel"/>)
    /// has the equations of <see cref="Networks.MicrocircuitPrediction"/>. Differences from
    /// <see cref="Networks.MicrocircuitNetwork"/>, which change the realisation, not the statistics: initial V uniform with
    /// the same mean and s.d. as the microcircuit's N(−58, 10) mV (−58 ± 10√3 mV), and the construction order of the
    /// description (per target: projections, then Poisson inputs), so the same seed gives a different network.
    /// </summary>
    /// <param name="scale">Scale s in (0, 1].</param>
    /// <param name="dtMs">Time step, ms.</param>
    /// <param name="dcBackground">DC instead of Poisson background (<see cref="Networks.MicrocircuitModel.DcBackground"/>):
    /// no Poisson inputs, K_ext ν_bg w τ_s added to the bias current.</param>
    /// <param name="bos2016">Bos, Diesmann &amp; Helias's (2016) variant (<see cref="Networks.MicrocircuitModel.Bos2016"/>:
    /// L4I → L4E in-degree 675, K_ext of L4E 1780, delays 1.5 ± 1.5 and 0.75 ± 0.75 ms); name "microcircuit-bos2016".</param>
    /// <exception cref="ArgumentException">scale outside (0, 1].</exception>
    public static NetworkDescription Microcircuit(double scale = 1, double dtMs = 0.1, bool dcBackground = false, bool bos2016 = false)
    {
        var m = bos2016 ? Networks.MicrocircuitModel.Bos2016(scale) with { DcBackground = dcBackground }
            : Networks.MicrocircuitModel.At(scale, null, dcBackground);
        var P = (Names: Networks.MicrocircuitParameters.Names, Mem: Networks.MicrocircuitParameters.Membrane);
        const int n = Networks.MicrocircuitParameters.Populations;
        double half = Networks.MicrocircuitParameters.V0Sd * Math.Sqrt(3) * 1e3, v0 = Networks.MicrocircuitParameters.V0Mean * 1e3;
        double ts = Networks.MicrocircuitParameters.TauSyn * 1e3;
        var pops = Enumerable.Range(0, n).Select(a => new PopulationDescription(P.Names[a], m.Sizes[a], MembraneKind.ExpCurrent,
            P.Mem.Tau * 1e3, P.Mem.Capacitance * 1e12, P.Mem.RestingPotential * 1e3, P.Mem.Threshold * 1e3, P.Mem.Reset * 1e3,
            P.Mem.RefractoryPeriod * 1e3, ts, ts, 0, 0, m.TotalDc(a) * 1e12, v0 - half, v0 + half)).ToArray();
        var projs = new List<ProjectionDescription>();
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++)
            {
                if (m.Synapses[a, b] == 0) continue;
                bool exc = Networks.MicrocircuitParameters.IsExcitatory(b);
                double w = m.Weights[a, b] * 1e12, d = m.Delay(b) * 1e3;
                projs.Add(new ProjectionDescription(P.Names[b], P.Names[a], ConnectionRule.FixedTotalNumber, 0, 0, true,
                    exc ? SynapseChannel.Exc : SynapseChannel.Inh, w, Math.Abs(w) * Networks.MicrocircuitParameters.WeightRelativeSd,
                    d, m.DelaySd(b) * 1e3) { TotalNumber = m.Synapses[a, b] });
            }
        PoissonDescription[] ext = dcBackground ? [] : Enumerable.Range(0, n).Select(a => new PoissonDescription(P.Names[a], m.ExternalInDegrees[a],
            Networks.MicrocircuitParameters.BackgroundRate, m.ExternalWeight * 1e12, SynapseChannel.Exc)).ToArray();
        string name = (scale == 1 ? "microcircuit" : FormattableString.Invariant($"microcircuit-{scale:0.####}")) + (bos2016 ? "-bos2016" : "")
                      + (dcBackground ? "-dc" : "");
        return new NetworkDescription(name, dtMs, pops, projs.ToArray(), ext).Validated();
    }
}
