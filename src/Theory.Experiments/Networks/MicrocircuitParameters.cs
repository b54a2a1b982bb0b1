using Theory.Spiking;

namespace Theory.Experiments.Networks;

/// <summary>
/// The published parameter tables of the Potjans &amp; Diesmann (2014) cortical microcircuit
/// (Cereb. Cortex 24:785, Tables 4–5), checked against NEST's PyNEST example
/// <c>pynest/examples/Potjans_2014/network_params.py</c> and <c>helpers.py</c> (nest/nest-simulator,
/// commit 009199371edaf9b6b2127e8c7f8697dc707cb348; Rothe, Bos, van Albada 2016).
/// Populations in the order L2/3E, L2/3I, L4E, L4I, L5E, L5I, L6E, L6I; matrices are [target, source].
/// <para>Agreement with NEST's file: sizes, connection probabilities, K_ext, ν_bg = 8 Hz, g = −4,
/// relative weight s.d. 0.1, L4E→L2/3E doubled, d_e = 1.5 ± 0.75 ms and all neuron parameters are
/// identical. Two differences: (1) NEST gives the weight as a PSP peak of 0.15 mV and converts it
/// (its <c>get_weight</c>) to 87.81 pA; the paper's Table 5 gives w = 87.8 pA, used here (the PSP
/// peak of 87.8 pA is 0.14998 mV, <see cref="PspPeak"/>). (2) NEST's example uses an inhibitory
/// delay of 0.75 ± 0.375 ms; the paper's Table 5 gives d_i = 0.8 ± 0.4 ms, used here.</para>
/// </summary>
public static class MicrocircuitParameters
{
    /// <summary>Population names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["L23E", "L23I", "L4E", "L4I", "L5E", "L5I", "L6E", "L6I"];

    /// <summary>Number of populations (8).</summary>
    public const int Populations = 8;

    /// <summary>Full-scale population sizes N_a (paper Table 5; NEST <c>N_full</c>); total 77 169.</summary>
    public static IReadOnlyList<int> Sizes { get; } = [20683, 5834, 21915, 5479, 4850, 1065, 14395, 2948];

    /// <summary>Connection probabilities C_ab from population b to a (paper Table 5; NEST <c>conn_probs</c>).</summary>
    public static double[,] ConnectionProbabilities => new double[,]
    {
        { 0.1009, 0.1689, 0.0437, 0.0818, 0.0323, 0.0,    0.0076, 0.0    },
        { 0.1346, 0.1371, 0.0316, 0.0515, 0.0755, 0.0,    0.0042, 0.0    },
        { 0.0077, 0.0059, 0.0497, 0.135,  0.0067, 0.0003, 0.0453, 0.0    },
        { 0.0691, 0.0029, 0.0794, 0.1597, 0.0033, 0.0,    0.1057, 0.0    },
        { 0.1004, 0.0622, 0.0505, 0.0057, 0.0831, 0.3726, 0.0204, 0.0    },
        { 0.0548, 0.0269, 0.0257, 0.0022, 0.06,   0.3158, 0.0086, 0.0    },
        { 0.0156, 0.0066, 0.0211, 0.0166, 0.0572, 0.0197, 0.0396, 0.2252 },
        { 0.0364, 0.001,  0.0034, 0.0005, 0.0277, 0.008,  0.0658, 0.1443 },
    };

    /// <summary>External (background) in-degrees K_ext,a (paper Table 5; NEST <c>K_ext</c>).</summary>
    public static IReadOnlyList<int> ExternalInDegrees { get; } = [1600, 1500, 2100, 1900, 2000, 1900, 2900, 2100];

    /// <summary>Background rate per external synapse ν_bg = 8 Hz.</summary>
    public const double BackgroundRate = 8.0;

    /// <summary>Mean excitatory weight w = 87.8 pA (paper Table 5), in A: the kernel's exponential-current
    /// channels add the weight in A to I_syn, as NEST's <c>iaf_psc_exp</c> adds it in pA.</summary>
    public const double Weight = 87.8e-12;

    /// <summary>Relative standard deviation of every weight, δw/w = 0.1 (paper: 87.8 ± 8.8 pA).</summary>
    public const double WeightRelativeSd = 0.1;

    /// <summary>Relative inhibitory strength g = −4 (w_inh = g w).</summary>
    public const double G = -4.0;

    /// <summary>Mean excitatory delay d_e = 1.5 ms (s).</summary>
    public const double DelayExc = 1.5e-3;

    /// <summary>Mean inhibitory delay d_i = 0.8 ms (paper Table 5; NEST's example: 0.75 ms) (s).</summary>
    public const double DelayInh = 0.8e-3;

    /// <summary>Relative delay standard deviation 0.5 (d_e = 1.5 ± 0.75 ms, d_i = 0.8 ± 0.4 ms).</summary>
    public const double DelayRelativeSd = 0.5;

    /// <summary>Exponential synaptic time constant τ_s = 0.5 ms (s), excitatory and inhibitory.</summary>
    public const double TauSyn = 0.5e-3;

    /// <summary>Mean (V) and s.d. (V) of the initial membrane potentials, N(−58, 10) mV (NEST <c>V0_mean</c>, <c>V0_sd</c>, 'original').</summary>
    public const double V0Mean = -58e-3, V0Sd = 10e-3;

    /// <summary>LIF membrane: τ_m = 10 ms, C_m = 250 pF, E_L = −65 mV, V_th = −50 mV, V_reset = −65 mV, τ_ref = 2 ms.</summary>
    public static LifParameters Membrane { get; } = new(0.010, 250e-12, -0.065, -0.050, -0.065, 0.002);

    /// <summary>Whether population b is excitatory (even index).</summary>
    public static bool IsExcitatory(int b) => b % 2 == 0;

    /// <summary>Mean weight w_ab (A) from b to a: w for excitatory sources (2w for L4E→L2/3E), g w for inhibitory ones.</summary>
    public static double MeanWeight(int a, int b) =>
        IsExcitatory(b) ? (a == 0 && b == 2 ? 2 * Weight : Weight) : G * Weight;

    /// <summary>Full-scale number of synapses from b to a, K_ab = ln(1 − C_ab)/ln(1 − 1/(N_a N_b)),
    /// truncated to an integer (paper eq. 1; NEST <c>get_total_number_of_synapses</c>): the number of
    /// pairs drawn with replacement so that a given pair is connected with probability C_ab.</summary>
    public static long SynapseCount(int a, int b)
    {
        double p = ConnectionProbabilities[a, b];
        if (p <= 0) return 0;
        // ln(1 − ε) = −ε − ε²/2 − …, ε = 1/(N_a N_b) ≤ 1e-6: two terms are exact in double. NEST forms
        // ln((prod − 1)/prod) in double, whose rounding (up to ~5e-8 relative) can move K by one synapse.
        double eps = 1.0 / ((double)Sizes[a] * Sizes[b]);
        return (long)(Math.Log(1 - p) / (-eps * (1 + eps / 2)));
    }

    /// <summary>Mean full-scale in-degree K_ab / N_a.</summary>
    public static double InDegree(int a, int b) => (double)SynapseCount(a, b) / Sizes[a];

    /// <summary>Peak of the membrane response (V) to one exponential current of amplitude
    /// <paramref name="current"/> (A) from rest, without threshold:
    /// V(t) = I τ_s τ_m /(C (τ_m − τ_s)) (e^{−t/τ_m} − e^{−t/τ_s}), maximal at
    /// t* = τ_m τ_s ln(τ_m/τ_s)/(τ_m − τ_s).</summary>
    public static double PspPeak(double current)
    {
        double tm = Membrane.Tau, ts = TauSyn, c = Membrane.Capacitance;
        double t = tm * ts * Math.Log(tm / ts) / (tm - ts);
        return current * ts * tm / (c * (tm - ts)) * (Math.Exp(-t / tm) - Math.Exp(-t / ts));
    }
}
