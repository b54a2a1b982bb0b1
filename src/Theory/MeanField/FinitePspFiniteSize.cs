using System.Collections.Concurrent;
using System.Numerics;

namespace Theory.MeanField;

/// <summary>Which single-neuron rate response closes the loop of the finite-size population-rate spectrum.</summary>
public enum LoopGain
{
    /// <summary>Diffusion (white-noise) gains R_μ, R_σ² of <see cref="LifTransferFunction"/> at the Siegert state
    /// (<see cref="BrunelFiniteSize"/>, the paper's theory).</summary>
    Diffusion,
    /// <summary>Finite-PSP (shot-noise) gains H_E, H_I of <see cref="ShotNoiseTransfer"/> at the finite-PSP stationary rate
    /// (<see cref="FinitePspFiniteSize"/>).</summary>
    FinitePsp,
}

/// <summary>Finite-size population-rate spectrum of the asynchronous state of Brunel's model A, whichever loop gain closes it
/// (<see cref="BrunelFiniteSize"/>, <see cref="FinitePspFiniteSize"/>; <see cref="PopulationRateSpectrum.Create"/>).</summary>
public interface IPopulationRateSpectrum
{
    /// <summary>Stationary rate ν₀ at which the spectrum is computed, Hz.</summary>
    double Rate { get; }

    /// <summary>Loop weights (c_E, c_I) at frequency <paramref name="frequency"/> (Hz), s = 2πif.</summary>
    PopulationLoopWeights LoopWeightsAt(double frequency);

    /// <summary>Single-neuron spike-train spectrum S₀(f), Hz (two-sided).</summary>
    double SingleNeuron(double frequency);

    /// <summary>Two-sided spectrum P_E(f) of the excitatory population rate, Hz, at <paramref name="frequency"/> (Hz).</summary>
    double Spectrum(double frequency);

    /// <summary>The spectrum of the rate binned in <paramref name="binWidth"/> (s), aliasing included, Hz.</summary>
    double BinnedSpectrum(double frequency, double binWidth);
}

/// <summary>The finite-size spectrum with a named choice of loop gain.</summary>
public static class PopulationRateSpectrum
{
    /// <summary>The spectrum of model A <paramref name="net"/> around its Siegert state <paramref name="siegert"/> with
    /// N_E = <paramref name="nE"/>, N_I = <paramref name="nI"/>: <see cref="LoopGain.Diffusion"/> — <see cref="BrunelFiniteSize"/>
    /// (white-noise LIF S₀; throws if the state is unstable); <see cref="LoopGain.FinitePsp"/> — <see cref="FinitePspFiniteSize"/>
    /// at the finite-PSP stationary rate next to it (shot-noise S₀; time step <paramref name="timeStep"/> s modelled by the
    /// threshold θe^{dt/τ}, 0 = continuous time; no stability check).</summary>
    public static IPopulationRateSpectrum Create(BrunelNetwork net, StationaryState siegert, int nE, int nI, LoopGain loopGain,
                                                 double timeStep = 0.0)
    {
        Guard.NotNull(siegert);
        return loopGain switch
        {
            LoopGain.Diffusion => BrunelFiniteSize.Create(net, siegert, nE, nI),
            LoopGain.FinitePsp => FinitePspFiniteSize.AtFinitePspState(net, siegert.Rate, nE, nI, timeStep),
            _ => throw new ArgumentException($"loopGain = {loopGain} is invalid: use Diffusion or FinitePsp.", nameof(loopGain)),
        };
    }
}

/// <summary>
/// Finite-size population-rate spectrum of Brunel (2000) model A with the finite-PSP loop gain: the linear response of
/// <see cref="BrunelFiniteSize"/> (Brunel &amp; Hakim 1999 §5; Lindner, Doiron &amp; Longtin 2005) with the diffusion gains
/// replaced by the rate response of the shot-noise LIF to a modulation of its input event rates (<see cref="ShotNoiseTransfer"/>;
/// Richardson &amp; Swarbrick 2010, PRL 105:178102: with finite jumps the response to input-rate modulation does not decay at
/// high frequency).
/// </summary>
/// <remarks>
/// A modulation a_E of the excitatory population rate modulates every neuron's E event rate by C_E a_E, a modulation a_I its
/// I event rate by γC_E a_I, after the delay D, so the per-spike loop weights are
/// <code>
///   c_E(s) = e^{−sD} C_E H_E(s),   c_I(s) = e^{−sD} γC_E H_I(s),   M(s) = c_E + c_I = e^{−sD} C_E [H_E(s) + γH_I(s)],
///   P_E(f) = S₀(f) [ |1 − c_I|²/N_E + |c_I|²/N_I ] / |1 − M|²,   s = 2πif,
/// </code>
/// with H at the event rates λ_E = C_E(ν_ext + ν₀), λ_I = γC_E ν₀, jumps +J and −gJ (1 − M is
/// <see cref="BrunelFinitePspStability.Characteristic"/>). S₀ is by default the renewal spectrum of the same shot-noise LIF
/// (<see cref="ShotNoiseTransfer.SpikeTrainSpectrum"/>, from the same master equation), or any given S₀(f). In the diffusion
/// limit (J → 0 at fixed μ, σ) c_E, c_I and S₀ tend to those of <see cref="BrunelFiniteSize"/>.
/// <para>Time step: with <c>timeStep</c> = dt &gt; 0 the neuron's threshold is θe^{dt/τ}, the clock-driven kernel's effective
/// threshold (<see cref="BrunelFinitePsp"/>), for the gains, S₀ and the rate.</para>
/// Binned spectrum as in <see cref="BrunelFiniteSize"/> (aliasing up to
/// <see cref="BrunelFiniteSize.MaxFrequency"/>). H is evaluated on demand and cached per |f| (H(−f) = H(f)*); the variance (χ²_lin) is not
/// offered here: it needs H at ≈ 1500 frequencies (0.5–1.5 s each). No stability
/// check is made here: the caller must know the state is stable (<see cref="BrunelFinitePspStability.CountEigenvalues"/>).
/// </remarks>
public sealed class FinitePspFiniteSize : IPopulationRateSpectrum
{
    readonly LifNeuron neuron;
    readonly Func<double, double>? singleNeuron;
    readonly ConcurrentDictionary<double, ShotNoiseResponse> cache = new();

    /// <summary>The network.</summary>
    public BrunelNetwork Network { get; }

    /// <summary>Stationary rate ν₀ of the recurrent inputs, Hz (normally the finite-PSP one).</summary>
    public double Rate { get; }

    /// <summary>Number of excitatory neurons N_E.</summary>
    public int NE { get; }

    /// <summary>Number of inhibitory neurons N_I.</summary>
    public int NI { get; }

    /// <summary>Modelled simulation time step, s (0 = continuous time).</summary>
    public double TimeStep { get; }

    /// <summary>Coarse grid of <see cref="ShotNoiseTransfer.Response"/> (points per J).</summary>
    public int PointsPerJump { get; }

    /// <summary>The spectrum of <paramref name="net"/> with recurrent rate <paramref name="rate"/> (Hz).</summary>
    /// <param name="net">Model A network.</param>
    /// <param name="rate">ν₀, Hz (&gt; 0); <see cref="AtFinitePspState"/> finds the self-consistent one.</param>
    /// <param name="nE">N_E (≥ 1).</param>
    /// <param name="nI">N_I (≥ 1).</param>
    /// <param name="timeStep">Modelled time step dt, s (0 to τ; 0 = continuous time).</param>
    /// <param name="pointsPerJump">Coarse grid of <see cref="ShotNoiseTransfer.Response"/> (2 to 1024, default 8).</param>
    /// <param name="singleNeuron">S₀(f) (two-sided, Hz, f in Hz); null = the shot-noise renewal spectrum at ν₀.</param>
    public FinitePspFiniteSize(BrunelNetwork net, double rate, int nE, int nI, double timeStep = 0.0, int pointsPerJump = 8,
                               Func<double, double>? singleNeuron = null)
    {
        Network = Guard.NotNull(net).Validated();
        Rate = Guard.Positive(rate);
        NE = Guard.Positive(nE);
        NI = Guard.Positive(nI);
        TimeStep = Guard.InRange(timeStep, 0.0, net.Neuron.TauM);
        PointsPerJump = Guard.InRange(pointsPerJump, 2, 1024);
        neuron = timeStep > 0 ? net.Neuron.With(theta: net.Neuron.Theta * Math.Exp(timeStep / net.Neuron.TauM)) : net.Neuron;
        this.singleNeuron = singleNeuron;
    }

    /// <summary>The spectrum at the finite-PSP stationary rate next to the Siegert rate <paramref name="siegertRate"/> (Hz)
    /// (<see cref="BrunelFinitePsp.StationaryRate"/> at the same time step). Throws if no finite-PSP state is found nearby.</summary>
    public static FinitePspFiniteSize AtFinitePspState(BrunelNetwork net, double siegertRate, int nE, int nI, double timeStep = 0.0,
                                                       int pointsPerJump = 8)
    {
        double rate = BrunelFinitePsp.StationaryRate(net, siegertRate, 16, timeStep);
        if (!(rate > 0))
            throw new ArgumentException($"siegertRate = {siegertRate} Hz: no finite-PSP stationary state within a factor 4 of it.", nameof(siegertRate));
        return new FinitePspFiniteSize(net, rate, nE, nI, timeStep, pointsPerJump);
    }

    /// <summary>Shot-noise response (H_E, H_I, F̃) at frequency |<paramref name="frequency"/>| (Hz), cached.</summary>
    public ShotNoiseResponse ResponseAt(double frequency)
    {
        double f = Math.Abs(Guard.Finite(frequency));
        return cache.GetOrAdd(f, x => ShotNoiseTransfer.Response(neuron, Network.CE * (Network.NuExt + Rate), Network.J,
                                                                 Network.Gamma * Network.CE * Rate, Network.G * Network.J,
                                                                 new Complex(0, 2 * Math.PI * Math.Max(x, 0.01)), PointsPerJump));
    }

    /// <summary>Evaluates (and caches) the response at all <paramref name="frequencies"/> (Hz), in parallel; the values do
    /// not depend on the order or the thread count.</summary>
    public void Precompute(IEnumerable<double> frequencies)
    {
        var fs = Guard.NotNull(frequencies).Select(Math.Abs).Distinct().Where(f => !cache.ContainsKey(f)).ToArray();
        Parallel.ForEach(fs, f => ResponseAt(f));
    }

    /// <summary>Loop weights (c_E, c_I) at frequency <paramref name="frequency"/> (Hz), s = 2πif.</summary>
    public PopulationLoopWeights LoopWeightsAt(double frequency)
    {
        var r = ResponseAt(frequency);
        Complex he = r.ExcitatoryGain, hi = r.InhibitoryGain;
        if (frequency < 0) { he = Complex.Conjugate(he); hi = Complex.Conjugate(hi); }
        Complex d = Complex.Exp(new Complex(0, -2 * Math.PI * frequency * Network.Delay));
        return new(d * Network.CE * he, d * Network.Gamma * Network.CE * hi);
    }

    /// <summary>Single-neuron spectrum S₀(f), Hz (two-sided).</summary>
    public double SingleNeuron(double frequency)
    {
        if (singleNeuron is not null) return singleNeuron(frequency);
        var r = ResponseAt(frequency);
        return ShotNoiseTransfer.RenewalSpectrum(Rate, r.IsiTransform);
    }

    /// <summary>Two-sided spectrum P_E(f) of the excitatory population rate (Hz) at <paramref name="frequency"/> (Hz).</summary>
    public double Spectrum(double frequency)
    {
        var (ce, ci) = LoopWeightsAt(frequency);
        Complex one = 1 - ce - ci;
        double gain = ((1 - ci).Magnitude * (1 - ci).Magnitude / NE + ci.Magnitude * ci.Magnitude / NI) / (one.Magnitude * one.Magnitude);
        return SingleNeuron(frequency) * gain;
    }

    /// <summary>ν₀/N_E, Hz.</summary>
    public double Floor => Rate / NE;

    /// <summary>Frequencies (Hz, ≥ 0) at which <see cref="BinnedSpectrum"/> evaluates the response for bins of
    /// <paramref name="binWidth"/> s at <paramref name="frequency"/> (for <see cref="Precompute"/>).</summary>
    public static IEnumerable<double> AliasFrequencies(double frequency, double binWidth)
    {
        Guard.Positive(binWidth);
        double fs = 1 / binWidth;
        int kMax = (int)Math.Ceiling(BrunelFiniteSize.MaxFrequency / fs) + 1;
        for (int k = -kMax; k <= kMax; k++)
        {
            double fk = frequency + k * fs;
            if (Math.Abs(fk) <= BrunelFiniteSize.MaxFrequency) yield return Math.Abs(fk);
        }
    }

    /// <summary>Spectrum of the rate binned in <paramref name="binWidth"/> (s) at −1/(2Δ) ≤ f ≤ 1/(2Δ):
    /// Σ_k P_E(f + k/Δ) sinc²(π(f + k/Δ)Δ) (aliasing up to <see cref="BrunelFiniteSize.MaxFrequency"/>), Hz.</summary>
    public double BinnedSpectrum(double frequency, double binWidth)
    {
        return BrunelFiniteSize.Aliased(Spectrum, Floor, frequency, binWidth);
    }
}
