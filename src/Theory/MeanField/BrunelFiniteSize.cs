using System.Numerics;
using MathNet.Numerics;

namespace Theory.MeanField;

/// <summary>Single-neuron spike-train spectrum S₀ used as the intrinsic noise of the finite network.</summary>
public enum SingleNeuronSpectrum
{
    /// <summary>S₀ = ν₀ (Poisson spike trains).</summary>
    Poisson,
    /// <summary>The white-noise LIF renewal spectrum at the stationary input (<see cref="LifSpikeTrainSpectrum"/>).</summary>
    WhiteNoiseLif,
}

/// <summary>
/// Finite-size fluctuations of the population rate in the asynchronous state of Brunel (2000) model A: linear
/// response around the stationary state driven by the intrinsic spike-train noise of N_E excitatory and N_I
/// inhibitory neurons (Brunel &amp; Hakim 1999 Neural Comput 11:1621 §5; Brunel 2000 J Comput Neurosci 8:183 §5
/// "finite size effects"; Lindner, Doiron &amp; Longtin 2005 Phys Rev E 72:061919 for the linear-response
/// treatment of the spike-train noise).
/// </summary>
/// <remarks>
/// Each population's activity is its intrinsic noise plus the linear response to the common recurrent input,
/// A_a = ξ_a + u, u = c_E A_E + c_I A_I (E and I neurons of model A are identical, so u is the same for both), with
/// the per-spike loop weights (R_μ, R_σ² the LIF transfer functions in Hz/V, Hz/V², <see cref="LifTransferFunction"/>)
/// <code>
///   c_E(s) = e^{−sD} [ R_μ C_E J τ + R_σ² C_E J² τ ],   c_I(s) = e^{−sD} [ −R_μ g C_I J τ + R_σ² g² C_I J² τ ],
/// </code>
/// C_I = γC_E, so that 1 − c_E − c_I is the characteristic function c(s) of <see cref="BrunelStability"/>. Solving,
/// u = (c_E ξ_E + c_I ξ_I)/(1 − L), L = c_E + c_I, and A_E = ξ_E(1 − c_I)/(1 − L) + ξ_I c_I/(1 − L). The noises are
/// independent with spectra S₀/N_E and S₀/N_I, hence the two-sided spectrum of the excitatory population rate (Hz)
/// <code>
///   P_E(f) = S₀(f) [ |1 − c_I|²/N_E + |c_I|²/N_I ] / |1 − c_E − c_I|²,   s = 2πif,
/// </code>
/// P_E = S₀/N_E without coupling. At high f, S₀ → ν₀ but the loop does not open: R_μ ∝ (iω)^{−1/2} → 0 while the
/// variance gain tends to χ_σ² → 1 (instantaneous response to the noise intensity), so c_I → ν₀g²γC_EJ²τ/σ²·e^{−sD}
/// (0.80 at g = 5, ν_ext = 2ν_thr) and P_E keeps peaks at multiples of 1/D (no ν₀/N_E floor in the diffusion model;
/// for finite PSPs an inhibitory spike cannot raise the rate instantaneously, so this part is not physical).
/// It exists only if the stationary state is linearly stable
/// (every zero of 1 − L in Re s &lt; 0); near a Hopf line |1 − L| → 0 at the line frequency and the spectrum and the
/// variance diverge. A population rate binned in Δ samples P_E filtered by sinc²(πfΔ) and aliased:
/// P_Δ(f) = Σ_k P_E(f + k/Δ) sinc²(π(f + k/Δ)Δ), Var(A_Δ) = ∫P_E(f) sinc²(πfΔ) df, and the synchrony measure of the
/// simulations is χ²_lin = Var(A_Δ)·Δ/ν₀ (= 1/N_E for Poisson neurons without coupling). Numerics: the white
/// floor ν₀/N_E is integrated in closed form (Σ_k sinc²(π(x + k)) = 1, ∫sinc²(πfΔ)df = 1/Δ); the rest,
/// P_E − ν₀/N_E, by adaptive Gauss–Kronrod on 10 Hz panels up to <see cref="MaxFrequency"/> (for Δ = 1 ms the part
/// from 1.5 to 20 kHz is 0.2–0.7 % of the variance at the AI points of Fig. 2; much finer bins would weigh the
/// unphysical high-frequency peaks above).
/// </remarks>
public sealed class BrunelFiniteSize : IPopulationRateSpectrum
{
    /// <summary>Highest frequency at which P_E − ν₀/N_E is integrated or aliased, Hz (λ = 2πfτ ≈ 190 for τ = 20 ms,
    /// inside the validated range of <see cref="LifTransferFunction"/>).</summary>
    public const double MaxFrequency = 1500;

    const double Panel = 10;

    readonly double yTh, yR, rho, tau, meanIsi, gm, gs, gmI, gsI, delay;

    /// <summary>The network.</summary>
    public BrunelNetwork Network { get; }

    /// <summary>The (linearly stable) stationary state.</summary>
    public StationaryState State { get; }

    /// <summary>Its rate ν₀, Hz.</summary>
    public double Rate => State.Rate;

    /// <summary>Number of excitatory neurons N_E.</summary>
    public int NE { get; }

    /// <summary>Number of inhibitory neurons N_I.</summary>
    public int NI { get; }

    /// <summary>Single-neuron spectrum S₀ used.</summary>
    public SingleNeuronSpectrum Noise { get; }

    BrunelFiniteSize(BrunelNetwork net, StationaryState st, int nE, int nI, SingleNeuronSpectrum noise)
    {
        Network = net; State = st; NE = nE; NI = nI; Noise = noise;
        var n = net.Neuron;
        tau = n.TauM;
        yTh = (n.Theta - st.Mu) / st.Sigma;
        yR = (n.VReset - st.Mu) / st.Sigma;
        rho = n.TauRef / tau;
        meanIsi = 1 / (st.Rate * tau);
        delay = net.Delay;
        // dimensionless gains → loop weights: R_μ = ν₀χ_μ/σ, R_σ² = ν₀χ_σ²/σ²
        gm = st.Rate * net.CE * net.J * tau / st.Sigma;
        gs = st.Rate * net.CE * net.J * net.J * tau / (st.Sigma * st.Sigma);
        gmI = -net.G * net.Gamma * gm;
        gsI = net.G * net.G * net.Gamma * gs;
    }

    /// <summary>The finite-size model of <paramref name="state"/> of <paramref name="net"/> with <paramref name="nE"/>
    /// excitatory and <paramref name="nI"/> inhibitory neurons. Throws an ArgumentException if the state is not linearly
    /// stable (<see cref="BrunelStability.Analyze"/>): the asynchronous state, and hence its fluctuation spectrum, does
    /// not exist there.</summary>
    public static BrunelFiniteSize Create(BrunelNetwork net, StationaryState state, int nE, int nI,
                                         SingleNeuronSpectrum noise = SingleNeuronSpectrum.WhiteNoiseLif)
    {
        var reason = Unstable(net, state, nE, nI);
        if (reason is not null) throw new ArgumentException(reason, nameof(state));
        return new BrunelFiniteSize(net, state, nE, nI, noise);
    }

    /// <summary>Null if the prediction exists, else why not.</summary>
    static string? Unstable(BrunelNetwork net, StationaryState state, int nE, int nI)
    {
        Guard.NotNull(net).Validated();
        Guard.NotNull(state);
        Guard.Positive(nE);
        Guard.Positive(nI);
        if (!(state.Rate > 0) || !(state.Sigma > 0))
            return $"state = {state} is invalid: the finite-size spectrum needs a firing state (rate > 0, sigma > 0).";
        var stab = BrunelStability.Analyze(net, state, findDampedRoots: false);
        return stab.Stable ? null
            : $"state = {state} is not linearly stable (regime {stab.Regime}, eigenvalue {stab.DominantEigenvalue} /s): " +
              "the finite-size spectrum of the asynchronous state is defined only where that state is stable.";
    }

    /// <summary>Per-spike loop weights (c_E, c_I) at complex frequency <paramref name="s"/> (1/s) for any stationary
    /// state (no stability check); 1 − c_E − c_I = <see cref="BrunelStability.Characteristic"/>.</summary>
    public static PopulationLoopWeights LoopWeights(BrunelNetwork net, StationaryState state, Complex s)
    {
        Guard.NotNull(net).Validated();
        Guard.NotNull(state);
        Guard.Positive(state.Sigma);
        return new BrunelFiniteSize(net, state, 1, 1, SingleNeuronSpectrum.Poisson).Weights(s * net.Neuron.TauM);
    }

    PopulationLoopWeights Weights(Complex lambda)
    {
        var (cm, cs) = LifTransferFunction.Gains(yTh, yR, rho, lambda);
        Complex d = Complex.Exp(-lambda * delay / tau);
        return new(d * (cm * gm + cs * gs), d * (cm * gmI + cs * gsI));
    }

    /// <summary>Loop weights (c_E, c_I) at frequency <paramref name="frequency"/> (Hz), s = 2πif.</summary>
    public PopulationLoopWeights LoopWeightsAt(double frequency) => Weights(new Complex(0, 2 * Math.PI * Guard.Finite(frequency) * tau));

    /// <summary>Single-neuron spectrum S₀(f), Hz.</summary>
    public double SingleNeuron(double frequency) => Noise == SingleNeuronSpectrum.Poisson
        ? State.Rate
        : State.Rate * LifSpikeTrainSpectrum.NormalizedPower(yTh, yR, rho, meanIsi, 2 * Math.PI * Math.Abs(Guard.Finite(frequency)) * tau);

    /// <summary>Two-sided spectrum P_E(f) of the excitatory population rate (Hz²/Hz = Hz) at <paramref name="frequency"/> (Hz).</summary>
    public double Spectrum(double frequency)
    {
        var (ce, ci) = LoopWeightsAt(frequency);
        Complex oneMinusL = 1 - ce - ci;
        double gain = ((1 - ci).Magnitude * (1 - ci).Magnitude / NE + ci.Magnitude * ci.Magnitude / NI)
                      / (oneMinusL.Magnitude * oneMinusL.Magnitude);
        return SingleNeuron(frequency) * gain;
    }

    /// <summary>White part ν₀/N_E of the spectrum (the uncoupled Poisson level), Hz.</summary>
    public double Floor => State.Rate / NE;

    /// <summary>Spectrum of the rate binned in <paramref name="binWidth"/> (s), −1/(2Δ) ≤ f ≤ 1/(2Δ):
    /// Σ_k P_E(f + k/Δ) sinc²(π(f + k/Δ)Δ) (aliasing up to <see cref="MaxFrequency"/>), Hz.</summary>
    public double BinnedSpectrum(double frequency, double binWidth)
    {
        Guard.Positive(binWidth);
        double fs = 1 / binWidth, sum = Floor;
        int kMax = (int)Math.Ceiling(MaxFrequency / fs) + 1;
        for (int k = -kMax; k <= kMax; k++)
        {
            double fk = frequency + k * fs;
            if (Math.Abs(fk) <= MaxFrequency) sum += (Spectrum(fk) - Floor) * Sinc2(fk * binWidth);
        }
        return sum;
    }

    static double Sinc2(double x) => x == 0 ? 1 : Math.Pow(Math.Sin(Math.PI * x) / (Math.PI * x), 2);

    /// <summary>The binned spectrum of the coloured-noise and finite-PSP variants: floor + Σ_k (S(f + k/Δ) − floor)
    /// sinc²(π(f + k/Δ)Δ) over |f + k/Δ| ≤ <see cref="MaxFrequency"/>, Hz (their shared aliasing sum).</summary>
    internal static double Aliased(Func<double, double> spectrum, double floor, double frequency, double binWidth)
    {
        Guard.Positive(binWidth);
        Guard.Finite(frequency);
        double fs = 1 / binWidth, sum = floor;
        int kMax = (int)Math.Ceiling(MaxFrequency / fs) + 1;
        for (int k = -kMax; k <= kMax; k++)
        {
            double fk = frequency + k * fs;
            if (Math.Abs(fk) > MaxFrequency) continue;
            double x = Math.PI * fk * binWidth, sinc2 = x == 0 ? 1 : Math.Pow(Math.Sin(x) / x, 2);
            sum += (spectrum(fk) - floor) * sinc2;
        }
        return sum;
    }

    /// <summary>Var(A_Δ) = ∫P_E(f) sinc²(πfΔ) df, Hz², for bins of width <paramref name="binWidth"/> (s).</summary>
    public double Variance(double binWidth)
    {
        Guard.Positive(binWidth);
        return Floor / binWidth + 2 * Integrate(f => (Spectrum(f) - Floor) * Sinc2(f * binWidth), 0, MaxFrequency);
    }

    /// <summary>χ²_lin = Var(A_Δ)·Δ/ν₀, the synchrony measure of the asynchronous state (1/N_E without coupling).</summary>
    public double Synchrony(double binWidth = 1e-3) => Variance(binWidth) * binWidth / State.Rate;

    /// <summary>Effective bandwidth B = (∫P_Δ df)²/∫P_Δ² df (two-sided, Hz) of the binned rate: a Gaussian rate
    /// observed for T seconds gives its variance with relative standard error √(2/(T·B)) (1/Δ for white noise, i.e.
    /// √(2/n) for n = T/Δ bins).</summary>
    public double Bandwidth(double binWidth = 1e-3)
    {
        Guard.Positive(binWidth);
        double nyq = 0.5 / binWidth;
        double p1 = 2 * Integrate(f => BinnedSpectrum(f, binWidth), 0, nyq);
        double p2 = 2 * Integrate(f => { double p = BinnedSpectrum(f, binWidth); return p * p; }, 0, nyq);
        return p1 * p1 / p2;
    }

    /// <summary>Largest value of the binned spectrum P_Δ for <paramref name="minFrequency"/> &lt; f ≤ 1/(2Δ):
    /// (frequency in Hz, power in Hz) — a 0.5 Hz grid refined by golden-section search.</summary>
    public SpectrumPeak Peak(double binWidth = 1e-3, double minFrequency = 5)
    {
        Guard.Positive(binWidth);
        double nyq = 0.5 / binWidth;
        Guard.InRange(minFrequency, 0, nyq);
        double best = minFrequency, bestP = double.NegativeInfinity, step = 0.5;
        for (double f = minFrequency; f <= nyq; f += step)
        {
            double p = BinnedSpectrum(f, binWidth);
            if (p > bestP) { bestP = p; best = f; }
        }
        double a = Math.Max(minFrequency, best - step), b = Math.Min(nyq, best + step);
        double r = (Math.Sqrt(5) - 1) / 2;
        double x1 = b - r * (b - a), x2 = a + r * (b - a), p1 = BinnedSpectrum(x1, binWidth), p2 = BinnedSpectrum(x2, binWidth);
        for (int it = 0; it < 40; it++)
        {
            if (p1 > p2) { b = x2; x2 = x1; p2 = p1; x1 = b - r * (b - a); p1 = BinnedSpectrum(x1, binWidth); }
            else { a = x1; x1 = x2; p1 = p2; x2 = a + r * (b - a); p2 = BinnedSpectrum(x2, binWidth); }
        }
        double fm = 0.5 * (a + b), pm = BinnedSpectrum(fm, binWidth);
        return pm >= bestP ? new(fm, pm) : new(best, bestP);
    }

    static double Integrate(Func<double, double> f, double a, double b)
    {
        double sum = 0;
        int panels = (int)Math.Ceiling((b - a) / Panel);
        for (int i = 0; i < panels; i++)
        {
            double lo = a + i * (b - a) / panels, hi = a + (i + 1) * (b - a) / panels;
            sum += Integrate_(f, lo, hi);
        }
        return sum;
    }

    static double Integrate_(Func<double, double> f, double lo, double hi) =>
        MathNet.Numerics.Integrate.GaussKronrod(f, lo, hi, out _, out _, 1e-9, 12, 15);

    /// <summary>Prediction for the simulated synchrony measure (never throws for an unstable state: then
    /// <see cref="FiniteSizePrediction.Stable"/> is false, the numbers are NaN and <see cref="FiniteSizePrediction.Reason"/> says why).</summary>
    public static FiniteSizePrediction Predict(BrunelNetwork net, StationaryState state, int nE, int nI, double binWidth = 1e-3,
                                               SingleNeuronSpectrum noise = SingleNeuronSpectrum.WhiteNoiseLif)
    {
        Guard.Positive(binWidth);
        var reason = Unstable(net, state, nE, nI);
        if (reason is not null)
            return new FiniteSizePrediction(false, reason, binWidth, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        var m = new BrunelFiniteSize(net, state, nE, nI, noise);
        double v = m.Variance(binWidth);
        var (pf, pp) = m.Peak(binWidth);
        return new FiniteSizePrediction(true, "", binWidth, v * binWidth / state.Rate, v, pf, pp, m.Bandwidth(binWidth));
    }
}

/// <summary>Per-spike loop weights of the two populations at one complex frequency (<see cref="BrunelFiniteSize.LoopWeights"/>).</summary>
/// <param name="E">c_E, the excitatory loop weight.</param>
/// <param name="I">c_I, the inhibitory loop weight.</param>
public readonly record struct PopulationLoopWeights(Complex E, Complex I);

/// <summary>Largest value of a binned spectrum (<see cref="BrunelFiniteSize.Peak"/>).</summary>
/// <param name="Frequency">Frequency of the peak, Hz.</param>
/// <param name="Power">The binned spectrum there, Hz (two-sided).</param>
public readonly record struct SpectrumPeak(double Frequency, double Power);

/// <summary>Finite-size prediction for the binned excitatory population rate of an asynchronous state
/// (<see cref="BrunelFiniteSize.Predict"/>).</summary>
/// <param name="Stable">Whether the stationary state is linearly stable (otherwise every number is NaN).</param>
/// <param name="Reason">Why there is no prediction ("" if there is one).</param>
/// <param name="BinWidth">Bin width Δ, s.</param>
/// <param name="Synchrony">χ²_lin = Var(A_Δ)·Δ/ν₀.</param>
/// <param name="Variance">Var(A_Δ), Hz².</param>
/// <param name="PeakFrequency">Frequency of the largest value of the binned spectrum above 5 Hz, Hz.</param>
/// <param name="PeakPower">That value, Hz (two-sided).</param>
/// <param name="Bandwidth">Effective bandwidth (∫P_Δ)²/∫P_Δ², Hz (<see cref="BrunelFiniteSize.Bandwidth"/>).</param>
public sealed record FiniteSizePrediction(bool Stable, string Reason, double BinWidth, double Synchrony, double Variance,
                                          double PeakFrequency, double PeakPower, double Bandwidth)
{
    /// <summary>Relative standard error √(2/(T·B)) of χ² measured over <paramref name="duration"/> seconds (NaN if unstable).</summary>
    public double SynchronyRelativeError(double duration) => Math.Sqrt(2 / (Guard.Positive(duration) * Bandwidth));
}
