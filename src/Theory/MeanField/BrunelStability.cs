using System.Numerics;
using MathNet.Numerics.RootFinding;

namespace Theory.MeanField;

/// <summary>Linear stability of a stationary state.</summary>
/// <param name="Stable">All eigenvalues found have Re λ &lt; 0.</param>
/// <param name="DominantEigenvalue">Eigenvalue with the largest real part found, 1/s (0 if none found).</param>
/// <param name="OscillationFrequency">Im λ / 2π of the dominant eigenvalue, Hz (0 for a real eigenvalue).</param>
/// <param name="Regime">Brunel (2000) Fig. 2 label: "AI", "SR", "SI-fast", "SI-slow", or "saddle" (real eigenvalue &gt; 0).</param>
public sealed record StabilityResult(bool Stable, Complex DominantEigenvalue, double OscillationFrequency, string Regime);

/// <summary>
/// Linear stability of the asynchronous state of Brunel (2000) model A with delay D
/// (Brunel 2000 §3.2 and Appendix A; Brunel &amp; Hakim 1999). With ν(t) = ν₀ + ν₁e^{λt}, the
/// recurrent input perturbs μ₁ = C_E J τ (1 − gγ) ν₁ e^{−λD} and (σ²)₁ = J² C_E τ (1 + g²γ) ν₁ e^{−λD},
/// so the eigenvalues solve
/// <code>  c(λ) = 1 − e^{−λD} [ C_E J τ (1 − gγ) R_μ(λ) + J² C_E τ (1 + g²γ) R_σ²(λ) ] = 0,</code>
/// with R_μ, R_σ² the LIF transfer functions (<see cref="LifTransferFunction"/>). Real instability:
/// c(0) &lt; 0. Oscillatory eigenvalues: complex secant iterations started on a log-spaced set of
/// frequencies along the imaginary axis up to <c>maxFrequency</c>.
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
        var (cm, cs) = LifTransferFunction.Dimensionless((n.Theta - st.Mu) / st.Sigma, (n.VReset - st.Mu) / st.Sigma, n.TauRef / n.TauM, lambda);
        return 1 - st.Rate * Complex.Exp(-lambda * net.Delay / n.TauM) * (cm * gm + cs * gs);
    }

    /// <summary>Stability and regime of one stationary state. <paramref name="maxFrequency"/>: highest
    /// oscillation frequency searched, Hz (default 1000); <paramref name="starts"/>: number of start points.</summary>
    public static StabilityResult Analyze(BrunelNetwork net, StationaryState state, double maxFrequency = 1000, int starts = 16)
    {
        Guard.NotNull(net).Validated();
        Guard.NotNull(state);
        Guard.Positive(maxFrequency);
        Guard.InRange(starts, 1, 10000);
        double tau = net.Neuron.TauM;
        double c0 = C(net, state, 1e-9).Real;
        if (c0 < 0)
        {
            double lam = Brent.FindRoot(x => C(net, state, x).Real, 1e-9, 200, 1e-12, 200);
            return new StabilityResult(false, lam / tau, 0, "saddle");
        }
        Complex best = Complex.Zero;
        bool found = false;
        double wMax = 2 * Math.PI * maxFrequency * tau, wMin = 2 * Math.PI * 2.0 * tau;
        for (int k = 0; k < starts; k++)
        {
            double w = starts == 1 ? wMax : wMin * Math.Pow(wMax / wMin, k / (double)(starts - 1));
            if (Secant(net, state, new Complex(0.02, w), wMax * 1.5) is Complex root && (!found || root.Real > best.Real))
            {
                best = root;
                found = true;
            }
        }
        if (!found || best.Real < 0)
            return new StabilityResult(true, found ? best / tau : Complex.Zero, found ? Math.Abs(best.Imaginary) / (2 * Math.PI * tau) : 0, "AI");
        double f = Math.Abs(best.Imaginary) / (2 * Math.PI * tau);
        return new StabilityResult(false, best / tau, f, OscillatoryRegime(net, f));
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

    static Complex? Secant(BrunelNetwork net, StationaryState st, Complex x0, double wLimit)
    {
        Complex x1 = x0 + new Complex(0.01, 0.01 * Math.Max(1, x0.Imaginary));
        Complex f0 = C(net, st, x0), f1 = C(net, st, x1);
        for (int it = 0; it < 60; it++)
        {
            Complex den = f1 - f0;
            if (den == Complex.Zero) return null;
            Complex x2 = x1 - f1 * (x1 - x0) / den;
            if (!(x2.Real > -0.9) || Math.Abs(x2.Imaginary) > wLimit || !double.IsFinite(x2.Real) || !double.IsFinite(x2.Imaginary)) return null;
            x0 = x1; f0 = f1; x1 = x2; f1 = C(net, st, x1);
            if ((x1 - x0).Magnitude < 1e-11 * Math.Max(1, x1.Magnitude))
                return f1.Magnitude < 1e-6 && Math.Abs(x1.Imaginary) > 1e-6 ? new Complex(x1.Real, Math.Abs(x1.Imaginary)) : null;
        }
        return null;
    }
}
