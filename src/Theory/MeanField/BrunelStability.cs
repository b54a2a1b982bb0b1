using System.Numerics;

namespace Theory.MeanField;

/// <summary>Linear stability of a stationary state.</summary>
/// <param name="Stable">All eigenvalues found have Re λ &lt; 0.</param>
/// <param name="DominantEigenvalue">Eigenvalue with the largest real part found, 1/s (0 if none found).</param>
/// <param name="OscillationFrequency">Im λ / 2π of the dominant eigenvalue, Hz (0 for a real eigenvalue).</param>
/// <param name="Regime">Brunel (2000) Fig. 2 label: "AI", "SR", "SI-fast", "SI-slow", or "saddle" (real eigenvalue &gt; 0).</param>
/// <param name="EigenvalueFound">Whether the reported eigenvalue was located by Newton (for an unstable state: all
/// k unstable roots counted by the argument principle were found; false for a stable state searched with
/// findDampedRoots = false, or when Newton missed roots — see <see cref="BrunelStability.Analyze"/>).</param>
public sealed record StabilityResult(bool Stable, Complex DominantEigenvalue, double OscillationFrequency, string Regime, bool EigenvalueFound);

/// <summary>
/// Linear stability of the asynchronous state of Brunel (2000) model A with delay D
/// (Brunel 2000 §3.2 and Appendix A; Brunel &amp; Hakim 1999). With ν(t) = ν₀ + ν₁e^{λt}, the
/// recurrent input perturbs μ₁ = C_E J τ (1 − gγ) ν₁ e^{−λD} and (σ²)₁ = J² C_E τ (1 + g²γ) ν₁ e^{−λD},
/// so the eigenvalues solve
/// <code>  c(λ) = 1 − e^{−λD} [ C_E J τ (1 − gγ) R_μ(λ) + J² C_E τ (1 + g²γ) R_σ²(λ) ] = 0,</code>
/// with R_μ, R_σ² the LIF transfer functions (<see cref="LifTransferFunction"/>). Real instability:
/// c(0) &lt; 0. Oscillatory eigenvalues: counted with the argument principle, then located by damped Newton
/// from the local minima of |c(iω)| (see <see cref="Analyze"/>).
/// </summary>
public static class BrunelStability
{
    /// <summary>c(s) at complex frequency s (1/s) for state <paramref name="state"/> of <paramref name="net"/>.</summary>
    public static Complex Characteristic(BrunelNetwork net, StationaryState state, Complex s)
    {
        Guard.NotNull(net).Validated();
        Guard.NotNull(state);
        return C(net, state, s * net.Neuron.TauM);
    }

    static Complex C(BrunelNetwork net, StationaryState st, Complex lambda)
    {
        var n = net.Neuron;
        double gm = net.CE * net.J * n.TauM * (1 - net.G * net.Gamma) / st.Sigma;
        double gs = net.J * net.J * net.CE * n.TauM * (1 + net.G * net.G * net.Gamma) / (st.Sigma * st.Sigma);
        var (cm, cs) = LifTransferFunction.Gains((n.Theta - st.Mu) / st.Sigma, (n.VReset - st.Mu) / st.Sigma, n.TauRef / n.TauM, lambda);
        return 1 - st.Rate * Complex.Exp(-lambda * net.Delay / n.TauM) * (cm * gm + cs * gs);
    }

    /// <summary>The default highest frequency searched for unstable roots, Hz: max(1000, 4/D). The delay puts the
    /// fast modes near multiples of 1/D (667 and 1333 Hz for D = 1.5 ms) and the second one can be the last to
    /// stabilise: with 1 kHz, C_E = 1000, J = 0.1 mV, ν_ext/ν_thr = 1 put the SR/AI line at g = 3.195 where a 1334 Hz
    /// mode keeps the state unstable up to g = 3.289, and C_E = 4000, J = 0.2 mV showed g = 3.5–4 (a 1.33–1.39 kHz SR
    /// mode) as AI. Four harmonics of 1/D cover every line of Brunel's Fig. 2 checked (a 4 kHz search changes none).</summary>
    /// <param name="net">The network (its delay D).</param>
    /// <returns>The frequency bound, Hz.</returns>
    public static double DefaultMaxFrequency(BrunelNetwork net) => DefaultMaxFrequency(Guard.NotNull(net).Delay);

    /// <summary>As <see cref="DefaultMaxFrequency(BrunelNetwork)"/> for a delay D (s, ≥ 0): max(1000, 4/D), 1000 Hz for D = 0.</summary>
    /// <param name="delay">The transmission delay D, s.</param>
    /// <returns>The frequency bound, Hz.</returns>
    public static double DefaultMaxFrequency(double delay)
    {
        Guard.NonNegative(delay);
        return delay > 0 ? Math.Max(1000, 4 / delay) : 1000;
    }

    /// <summary>Stability and regime of one stationary state. <paramref name="maxFrequency"/>: highest
    /// oscillation frequency searched, Hz (default <see cref="DefaultMaxFrequency(BrunelNetwork)"/>: max(1000, 4/D));
    /// <paramref name="starts"/>: number of Newton start points; <paramref name="findDampedRoots"/>: also locate the
    /// least-damped eigenvalue of a stable state (false: stable states report no eigenvalue, faster).</summary>
    /// <remarks>
    /// c(0) &lt; 0: a real root (Brent) — "saddle". Otherwise the number k of complex roots with Re s &gt; 0,
    /// Im s ∈ (0, 2π f_max) is the winding number of c around that rectangle (closed at Re s = 5000/s, where
    /// |c − 1| is small), sampled adaptively (<see cref="CharacteristicRoots"/>). k = 0: stable ("AI"). k &gt; 0: damped
    /// Newton from the deepest local minima of |c(iω)| until k distinct unstable roots are found; the one with the
    /// largest real part is reported. The count makes the search complete: a missed root cannot flip a state to
    /// stable (<see cref="StabilityResult.EigenvalueFound"/> is false if Newton found fewer than k roots). With
    /// findDampedRoots (k = 0), a root with Re s &gt; 0 that Newton finds beyond f_max (it may go to 1.5 f_max) also
    /// makes the state unstable.
    /// </remarks>
    public static StabilityResult Analyze(BrunelNetwork net, StationaryState state, double? maxFrequency = null, int starts = 8, bool findDampedRoots = true)
    {
        Guard.NotNull(net).Validated();
        Guard.NotNull(state);
        double fMax = Guard.Positive(maxFrequency ?? DefaultMaxFrequency(net), nameof(maxFrequency));
        Guard.InRange(starts, 1, 10000);
        double tau = net.Neuron.TauM;
        var o = CharacteristicRoots.Analyze(lambda => C(net, state, lambda), 2 * Math.PI * fMax * tau,
                                            CharacteristicRoots.MaxGrowth * tau, starts, findDampedRoots);
        double f = Math.Abs(o.Lambda.Imaginary) / (2 * Math.PI * tau);
        if (o.Saddle) return new StabilityResult(false, o.Lambda / tau, 0, "saddle", true);
        if (o.Stable) return new StabilityResult(true, o.Lambda / tau, f, "AI", o.Found);
        return new StabilityResult(false, o.Lambda / tau, f, OscillatoryRegime(net, f), o.Found);
    }

    /// <summary>Brunel (2000) Fig. 2 naming of an oscillatory instability: SR when excitation dominates
    /// (gγ &lt; 1); otherwise SI-fast if f ≥ 1/(8D) (≈ 83 Hz for D = 1.5 ms; 100 Hz if D = 0), else SI-slow.
    /// The frequency split is this library's choice; the paper separates the branches by eye.</summary>
    public static string OscillatoryRegime(BrunelNetwork net, double frequency)
    {
        if (net.G * net.Gamma < 1) return "SR";
        double split = net.Delay > 0 ? 1.0 / (8 * net.Delay) : 100.0;
        return frequency >= split ? "SI-fast" : "SI-slow";
    }

    /// <summary>
    /// Number of zeros of c(s) (with multiplicity) inside the rectangle <paramref name="minGrowth"/> &lt; Re s &lt; <paramref name="maxGrowth"/>,
    /// |Im s| &lt; 2π·<paramref name="maxFrequency"/> (s in 1/s; default <see cref="DefaultMaxFrequency(BrunelNetwork)"/>), by the argument principle: the winding number of c
    /// along the rectangle's boundary, sampled so that arg c changes by less than π/8 between samples (steps are
    /// halved until it does). c is analytic for Re λ &gt; −1 and c(s̄) = c̄(s), so the count is even unless a real root
    /// lies inside. A root on the contour makes the count ill-defined: the left edge is then moved by 0.01/s (up to 3 times, else throws). minGrowth = 0 counts the
    /// unstable eigenvalues; minGrowth &gt; −1/τ_m (the transfer function's half-plane) bounds the dominant eigenvalue from below.
    /// </summary>
    public static int CountUnstableEigenvalues(BrunelNetwork net, StationaryState state, double? maxFrequency = null, double maxGrowth = 2000, double minGrowth = 0)
    {
        Guard.NotNull(net).Validated();
        Guard.NotNull(state);
        double fMax = Guard.Positive(maxFrequency ?? DefaultMaxFrequency(net), nameof(maxFrequency));
        Guard.InRange(minGrowth, -0.98 / net.Neuron.TauM, maxGrowth);
        double tau = net.Neuron.TauM;
        return CharacteristicRoots.Count(s => C(net, state, s * tau), fMax, maxGrowth, minGrowth);
    }
}
