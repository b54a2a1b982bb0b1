using System.Numerics;
using MathNet.Numerics.RootFinding;

namespace Theory.MeanField;

/// <summary>Linear stability of a stationary state.</summary>
/// <param name="Stable">All eigenvalues found have Re λ &lt; 0.</param>
/// <param name="DominantEigenvalue">Eigenvalue with the largest real part found, 1/s (0 if none found).</param>
/// <param name="OscillationFrequency">Im λ / 2π of the dominant eigenvalue, Hz (0 for a real eigenvalue).</param>
/// <param name="Regime">Brunel (2000) Fig. 2 label: "AI", "SR", "SI-fast", "SI-slow", or "saddle" (real eigenvalue &gt; 0).</param>
/// <param name="EigenvalueFound">Whether an eigenvalue was located (false: none in the search region, or the
/// state is outside the validated domain — see <see cref="BrunelStability.Analyze"/>).</param>
public sealed record StabilityResult(bool Stable, Complex DominantEigenvalue, double OscillationFrequency, string Regime, bool EigenvalueFound);

/// <summary>
/// Linear stability of the asynchronous state of Brunel (2000) model A with delay D
/// (Brunel 2000 §3.2 and Appendix A; Brunel &amp; Hakim 1999). With ν(t) = ν₀ + ν₁e^{λt}, the
/// recurrent input perturbs μ₁ = C_E J τ (1 − gγ) ν₁ e^{−λD} and (σ²)₁ = J² C_E τ (1 + g²γ) ν₁ e^{−λD},
/// so the eigenvalues solve
/// <code>  c(λ) = 1 − e^{−λD} [ C_E J τ (1 − gγ) R_μ(λ) + J² C_E τ (1 + g²γ) R_σ²(λ) ] = 0,</code>
/// with R_μ, R_σ² the LIF transfer functions (<see cref="LifTransferFunction"/>). Real instability:
/// c(0) &lt; 0. Oscillatory eigenvalues: complex secant iterations started at the local minima of
/// |c(iω)| on a uniform grid of 10·<c>starts</c> frequencies up to <c>maxFrequency</c> (the <c>starts</c>
/// deepest minima are used). Roots far from the imaginary axis may be missed; they do not decide
/// stability near the instability lines.
/// </summary>
public static class BrunelStability
{
    /// <summary>Lower limit of y_r = (V_r − μ)/σ for which the eigenvalue computation is validated (−5).
    /// Below it (μ more than 5σ above reset: regular firing near saturation) <see cref="Analyze"/> locates no
    /// eigenvalue and labels the state by Brunel's (2000, §4) reading: SR if gγ &lt; 1 (unstable), else AI.</summary>
    public const double ValidatedResetDepth = -5.0;

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

    /// <summary>Stability and regime of one stationary state. <paramref name="maxFrequency"/>: highest
    /// oscillation frequency searched, Hz (default 500, the validated range of the transfer function at τ = 20 ms); <paramref name="starts"/>: number of start points.</summary>
    public static StabilityResult Analyze(BrunelNetwork net, StationaryState state, double maxFrequency = 500, int starts = 8)
    {
        Guard.NotNull(net).Validated();
        Guard.NotNull(state);
        Guard.Positive(maxFrequency);
        Guard.InRange(starts, 1, 10000);
        double tau = net.Neuron.TauM;
        if ((net.Neuron.VReset - state.Mu) / state.Sigma < ValidatedResetDepth)
        {
            // Strongly suprathreshold (regular firing): the even/odd Kummer basis cancels catastrophically.
            // Brunel (2000) §4: in the excitation-dominated regime this high-rate state is synchronous regular.
            bool sr = net.G * net.Gamma < 1;
            return new StabilityResult(!sr, Complex.Zero, 0, sr ? "SR" : "AI", false);
        }
        double c0 = C(net, state, 1e-9).Real;
        if (c0 < 0)
        {
            // c → 1 as λ → +∞ along the real axis: bracket the real root by doubling (λ ≤ 64)
            double lo = 1e-9, hi = 0.05;
            while (hi < 64 && C(net, state, hi).Real is double ch && double.IsFinite(ch) && ch < 0) { lo = hi; hi *= 2; }
            double lam = double.IsFinite(C(net, state, hi).Real) && C(net, state, hi).Real > 0
                ? Brent.FindRoot(x => C(net, state, x).Real, lo, hi, 1e-12, 200)
                : lo;
            return new StabilityResult(false, lam / tau, 0, "saddle", true);
        }
        Complex best = Complex.Zero;
        bool found = false;
        double wMax = 2 * Math.PI * maxFrequency * tau;
        // |c(iω)| on a uniform grid; every local minimum seeds a secant iteration (the eigenvalues
        // that decide stability lie near the imaginary axis, where |c| dips).
        int grid = Math.Max(8, starts * 10);
        var mag = new double[grid + 1];
        for (int k = 0; k <= grid; k++) mag[k] = C(net, state, new Complex(0, wMax * Math.Max(k, 0.05) / grid)).Magnitude;
        var seeds = new List<(double Mag, double W)>();
        for (int k = 0; k <= grid; k++)
            if ((k == 0 || mag[k] <= mag[k - 1]) && (k == grid || mag[k] <= mag[k + 1]))
                seeds.Add((mag[k], wMax * Math.Max(k, 0.05) / grid));
        foreach (var (_, w) in seeds.OrderBy(x => x.Mag).Take(starts))
        {
            if (Secant(net, state, new Complex(0.02, w), wMax * 1.5) is Complex root && (!found || root.Real > best.Real))
            {
                best = root;
                found = true;
            }
        }
        if (!found || best.Real < 0)
            return new StabilityResult(true, found ? best / tau : Complex.Zero, found ? Math.Abs(best.Imaginary) / (2 * Math.PI * tau) : 0, "AI", found);
        double f = Math.Abs(best.Imaginary) / (2 * Math.PI * tau);
        return new StabilityResult(false, best / tau, f, OscillatoryRegime(net, f), true);
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

    /// <summary>Damped Newton iteration with a central-difference derivative (c is analytic in λ).</summary>
    static Complex? Secant(BrunelNetwork net, StationaryState st, Complex x, double wLimit)
    {
        Complex f = C(net, st, x);
        for (int it = 0; it < 40; it++)
        {
            double h = 1e-5 * Math.Max(1, x.Magnitude);
            Complex d = (C(net, st, x + h) - C(net, st, x - h)) / (2 * h);
            if (d == Complex.Zero) return null;
            Complex step = f / d;
            if (step.Magnitude > 2) step *= 2 / step.Magnitude;
            Complex xn = x - step;
            if (!(xn.Real > -0.9) || Math.Abs(xn.Imaginary) > wLimit) return null;
            Complex fn = C(net, st, xn);
            for (int back = 0; back < 6 && fn.Magnitude > f.Magnitude; back++) { step *= 0.5; xn = x - step; fn = C(net, st, xn); }
            x = xn; f = fn;
            if (!(x.Real > -0.9) || Math.Abs(x.Imaginary) > wLimit || !double.IsFinite(x.Real) || !double.IsFinite(x.Imaginary)) return null;
            if (step.Magnitude < 1e-10 * Math.Max(1, x.Magnitude))
                return f.Magnitude < 1e-7 && Math.Abs(x.Imaginary) > 1e-6 ? new Complex(x.Real, Math.Abs(x.Imaginary)) : null;
        }
        return null;
    }
}
