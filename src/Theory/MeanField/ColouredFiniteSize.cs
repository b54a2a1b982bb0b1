using System.Numerics;

namespace Theory.MeanField;

/// <summary>
/// Finite-size population-rate spectrum of Brunel (2000) model A with a given single-neuron spike-train spectrum S₀(f) and,
/// optionally, a given mean-input susceptibility R_μ(f) — e.g. the self-consistent coloured-noise ones of
/// Dummer, Wieland &amp; Lindner (2014) — in place of the white-noise LIF ones of <see cref="BrunelFiniteSize"/>.
/// </summary>
/// <remarks>
/// The same linear response as <see cref="BrunelFiniteSize"/> (Brunel &amp; Hakim 1999 §5; Lindner, Doiron &amp; Longtin 2005
/// Phys Rev E 72:061919): each population's activity is its intrinsic noise (spectrum S₀/N_a) plus the response to the common
/// recurrent input, so
/// <code>
///   P_E(f) = S₀(f) [ |1 − c_I|²/N_E + |c_I|²/N_I ] / |1 − c_E − c_I|²,
///   c_E = e^{−sD}[R_μ C_E Jτ + R_σ² C_E J²τ],   c_I = e^{−sD}[−R_μ gγC_E Jτ + R_σ² g²γC_E J²τ],   s = 2πif.
/// </code>
/// R_σ² (Hz/V²) is always the white-noise diffusion gain at (μ, σ) of <see cref="State"/> (<see cref="LifTransferFunction"/>);
/// R_μ (Hz/V) is that gain too unless a susceptibility is given (for Gaussian input of any spectrum the Furutsu–Novikov
/// theorem gives it from a simulation as S_xη/S_ηη). With S₀ = the white LIF spectrum and no susceptibility this is exactly
/// <see cref="BrunelFiniteSize.Spectrum"/>. Binned spectrum: P_Δ(f) = Σ_k P_E(f + k/Δ) sinc²(π(f + k/Δ)Δ) with the floor
/// ν₀/N_E summed in closed form and the rest up to <see cref="BrunelFiniteSize.MaxFrequency"/>, as there. No stability
/// check is made here: the caller must know the state is stable (|1 − c_E − c_I| has no zero in Re s ≥ 0).
/// </remarks>
public sealed class ColouredFiniteSize
{
    readonly BrunelNetwork net;
    readonly Func<double, double> s0;
    readonly Func<double, Complex>? meanGain;

    /// <summary>Stationary state (rate ν₀, μ, σ) at which the gains are evaluated.</summary>
    public StationaryState State { get; }

    /// <summary>Number of excitatory neurons N_E.</summary>
    public int NE { get; }

    /// <summary>Number of inhibitory neurons N_I.</summary>
    public int NI { get; }

    /// <summary>Population spectrum of <paramref name="net"/> at <paramref name="state"/> with single-neuron spectrum
    /// <paramref name="singleNeuron"/> (two-sided, Hz, a function of f in Hz) and, if given, mean-input susceptibility
    /// <paramref name="meanGain"/> (Hz/V, a function of f in Hz; χ(−f) = χ(f)*).</summary>
    public ColouredFiniteSize(BrunelNetwork net, StationaryState state, int nE, int nI, Func<double, double> singleNeuron,
                              Func<double, Complex>? meanGain = null)
    {
        this.net = Guard.NotNull(net).Validated();
        State = Guard.NotNull(state);
        Guard.Positive(state.Rate);
        Guard.Positive(state.Sigma);
        NE = Guard.Positive(nE);
        NI = Guard.Positive(nI);
        s0 = Guard.NotNull(singleNeuron);
        this.meanGain = meanGain;
    }

    /// <summary>Loop weights (c_E, c_I) at frequency <paramref name="frequency"/> (Hz).</summary>
    public PopulationLoopWeights LoopWeightsAt(double frequency)
    {
        Guard.Finite(frequency);
        var s = new Complex(0, 2 * Math.PI * frequency);
        var r = LifTransferFunction.Evaluate(net.Neuron, State.Mu, State.Sigma, s);
        Complex rMu = meanGain is null ? r.MeanGain : meanGain(frequency);
        double tau = net.Neuron.TauM, ce = net.CE, ci = net.Gamma * net.CE, j = net.J;
        Complex d = Complex.Exp(-s * net.Delay);
        return new(d * (rMu * ce * j * tau + r.VarianceGain * ce * j * j * tau),
                   d * (-rMu * net.G * ci * j * tau + r.VarianceGain * net.G * net.G * ci * j * j * tau));
    }

    /// <summary>Two-sided spectrum P_E(f) of the excitatory population rate, Hz, at <paramref name="frequency"/> (Hz).</summary>
    public double Spectrum(double frequency)
    {
        var (ce, ci) = LoopWeightsAt(frequency);
        Complex one = 1 - ce - ci;
        double gain = ((1 - ci).Magnitude * (1 - ci).Magnitude / NE + ci.Magnitude * ci.Magnitude / NI) / (one.Magnitude * one.Magnitude);
        return s0(frequency) * gain;
    }

    /// <summary>ν₀/N_E, Hz.</summary>
    public double Floor => State.Rate / NE;

    /// <summary>Spectrum of the rate binned in <paramref name="binWidth"/> (s) at −1/(2Δ) ≤ f ≤ 1/(2Δ), Hz.</summary>
    public double BinnedSpectrum(double frequency, double binWidth)
    {
        return BrunelFiniteSize.Aliased(Spectrum, Floor, frequency, binWidth);
    }
}
