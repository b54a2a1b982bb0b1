using Theory.Experiments.Metabolic;
using Theory.Experiments.Networks;
using Theory.MeanField;
using Theory.Spiking;

namespace Theory.Experiments.Sweeps;

/// <summary>
/// The experiments a sweep spec can name. Built in: <c>siegert</c> (analytic LIF rate, microseconds
/// per point), <c>brunel</c> (<see cref="BrunelSimulation"/>), <c>coba</c> (<see cref="CobaSimulation"/>)
/// and <c>metabolic-network</c> (one cell of <see cref="MetabolicNetworkSweep"/>). All values are SI
/// (V, s, Hz) unless the description says otherwise.
/// </summary>
public static class SweepExperiments
{
    static readonly Dictionary<string, SweepExperiment> Registry = new(StringComparer.Ordinal);

    static SweepExperiments()
    {
        foreach (var e in new[] { Siegert(), Brunel(), Coba(), MetabolicNetwork() }) Registry[e.Name] = e;
    }

    /// <summary>Registered experiments, by name.</summary>
    public static IReadOnlyList<SweepExperiment> All { get { lock (Registry) return Registry.Values.OrderBy(e => e.Name).ToArray(); } }

    /// <summary>Adds (or replaces) an experiment, e.g. from an F# script before running a spec that names it.</summary>
    public static void Register(SweepExperiment experiment)
    {
        Guard.NotNull(experiment);
        lock (Registry) Registry[experiment.Name] = experiment;
    }

    /// <summary>The experiment named <paramref name="name"/>; the ArgumentException lists the registered names.</summary>
    public static SweepExperiment Get(string name)
    {
        lock (Registry)
            return name is not null && Registry.TryGetValue(name, out var e) ? e
                : throw new ArgumentException($"experiment = '{name}' is unknown (registered: {string.Join(", ", Registry.Keys.Order())}).", "experiment");
    }

    static SweepParameter Seed(double fallback) => new("seed", fallback, 0, 9007199254740992.0, "random seed (whole number, ≤ 2^53)", true);

    static SweepExperiment Siegert() => new("siegert",
        "Stationary rate of the LIF neuron under white noise (Siegert formula, Brunel 2000 eq. 21). Row: rate_hz.",
        [
            new("mu", 0.015, -1, 1, "mean input μ (V)"),
            new("sigma", 0.005, 1e-9, 1, "noise amplitude σ (V)"),
            new("tau_m", 0.02, 1e-5, 10, "membrane time constant τ (s)"),
            new("theta", 0.02, -1, 1, "threshold θ (V)"),
            new("v_reset", 0.01, -1, 1, "reset V_r (V), below θ"),
            new("tau_ref", 0.002, 0, 1, "refractory period τ_rp (s)"),
        ],
        p =>
        {
            double Get(string n) => p[n];
            double rate = Theory.MeanField.Siegert.Rate(Get("mu"), Get("sigma"), Get("tau_m"), Get("theta"), Get("v_reset"), Get("tau_ref"));
            return new SweepRow().Add("rate_hz", rate);
        });

    static SweepExperiment Brunel() => new("brunel",
        "Brunel (2000) model A on the kernel (BrunelSimulation). Row: rate_hz, cv, peak_hz, rate_var_1ms, spikes, synapses.",
        [
            new("g", 5, 0, 50, "relative inhibitory strength g"),
            new("nu_ext_ratio", 2, 0, 50, "external rate ν_ext/ν_thr"),
            new("t", 1.2, 1e-3, 1e4, "simulated time including the warm-up (s)"),
            new("warmup", 0.2, 0, 1e4, "initial time left out of the statistics (s)"),
            Seed(1),
            new("n_e", 10000, 1, 1e7, "excitatory neurons N_E", true),
            new("n_i", 2500, 1, 1e7, "inhibitory neurons N_I", true),
            new("c_e", 1000, 1, 1e6, "excitatory in-degree C_E (≤ N_E − 1)", true),
            new("c_i", 250, 1, 1e6, "inhibitory in-degree C_I (≤ N_I − 1)", true),
            new("j", 1e-4, 1e-7, 0.02, "synaptic efficacy J (V)"),
            new("delay", 1.5e-3, 1e-4, 0.1, "transmission delay D (s)"),
        ],
        p =>
        {
            double Get(string n) => p[n];
            var cfg = new BrunelSimulation(G: Get("g"), NuExtRatio: Get("nu_ext_ratio"), Duration: Get("t"), Warmup: Get("warmup"),
                Seed: (ulong)Get("seed"), NE: (int)Get("n_e"), NI: (int)Get("n_i"), CE: (int)Get("c_e"), CI: (int)Get("c_i"),
                J: Get("j"), Delay: Get("delay"));
            var r = cfg.Run();
            return new SweepRow().Add("rate_hz", r.RateHz).Add("cv", r.MeanCv).Add("peak_hz", r.PeakHz)
                .Add("rate_var_1ms", r.RateVariance).Add("spikes", r.Spikes).Add("synapses", r.Synapses);
        });

    static SweepExperiment Coba() => new("coba",
        "The COBA benchmark network (Vogels & Abbott 2005; CobaSimulation). Row: rate_hz, cv, spikes, synapses.",
        [
            new("n", 4000, 10, 1e7, "neurons (80 % excitatory)", true),
            new("t", 1, 1e-3, 1e4, "simulated time (s)"),
            Seed(1),
        ],
        p =>
        {
            double Get(string n) => p[n];
            var r = new CobaSimulation(N: (int)Get("n"), Duration: Get("t"), Seed: (ulong)Get("seed")).Run();
            return new SweepRow().Add("rate_hz", r.RateHz).Add("cv", r.MeanCv).Add("spikes", r.Spikes).Add("synapses", r.Synapses);
        });

    static SweepExperiment MetabolicNetwork() => new("metabolic-network",
        "The metabolic network of Chintaluri & Vogels 2023 (one cell of MetabolicNetworkSweep, Fig. S4). Row per half "
        + "(input, no_input): rate_hz, isi_s, cv, branching, alpha_d, avalanches.",
        [
            new("n", 10000, 10, 1e6, "neurons (80 % excitatory)", true),
            new("t", 10, 1e-2, 1e4, "simulated time (s); 3 Hz input during the first half"),
            Seed(20),
            new("connectivity", 0.02, 1e-6, 1, "connection probability p"),
            new("w_e", 0.3, 0, 100, "excitatory weight (units of g_L)"),
            new("w_i", 5, 0, 1000, "inhibitory weight (units of g_L)"),
            new("input_rate", 3, 0, 1e4, "rate of the input during the first half (Hz)"),
            new("metabolic", 1, 0, 1, "1: metabolic current (A_max = 25 mV); 0: Vogels & Abbott 2005 (no drive)", true),
        ],
        p =>
        {
            double Get(string n) => p[n];
            var cfg = new MetabolicNetworkSimulation(N: (int)Get("n"), Duration: Get("t"), Seed: (ulong)Get("seed"),
                Connectivity: Get("connectivity"), ExcWeight: Get("w_e"), InhWeight: Get("w_i"), InputRate: Get("input_rate"),
                Metabolic: Get("metabolic") == 1 ? MetabolicLifParameters.ChintaluriVogels2023 : MetabolicLifParameters.NoMetabolicDrive);
            return MetabolicNetworkSweep.Row(MetabolicNetworkSweep.Summarize(cfg));
        });
}
