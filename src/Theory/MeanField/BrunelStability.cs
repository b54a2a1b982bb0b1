using System.Numerics;
using MathNet.Numerics.RootFinding;

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

    /// <summary>Stability and regime of one stationary state. <paramref name="maxFrequency"/>: highest
    /// oscillation frequency searched, Hz (default 1000: the SR modes sit near twice the firing rate, ≤ 2/τ_rp);
    /// <paramref name="starts"/>: number of Newton start points; <paramref name="findDampedRoots"/>: also locate the
    /// least-damped eigenvalue of a stable state (false: stable states report no eigenvalue, faster).</summary>
    /// <remarks>
    /// c(0) &lt; 0: a real root (Brent) — "saddle". Otherwise the number k of complex roots with Re s &gt; 0,
    /// Im s ∈ (0, 2π f_max) is the winding number of c around that rectangle (closed at Re s = 2000/s, where
    /// |c − 1| is small), sampled adaptively (<see cref="UpperWinding"/>). k = 0: stable ("AI"). k &gt; 0: damped
    /// Newton from the deepest local minima of |c(iω)| until k distinct unstable roots are found; the one with the
    /// largest real part is reported. The count makes the search complete: a missed root cannot flip a state to
    /// stable (<see cref="StabilityResult.EigenvalueFound"/> is false if Newton found fewer than k roots). With
    /// findDampedRoots (k = 0), a root with Re s &gt; 0 that Newton finds beyond f_max (it may go to 1.5 f_max) also
    /// makes the state unstable.
    /// </remarks>
    public static StabilityResult Analyze(BrunelNetwork net, StationaryState state, double maxFrequency = 1000, int starts = 8, bool findDampedRoots = true)
    {
        Guard.NotNull(net).Validated();
        Guard.NotNull(state);
        Guard.Positive(maxFrequency);
        Guard.InRange(starts, 1, 10000);
        double tau = net.Neuron.TauM;
        double c0 = C(net, state, 0).Real;
        if (c0 < 0)
        {
            // c → 1 as λ → +∞ along the real axis: bracket the real root by doubling (λ ≤ 64)
            double lo = 0, hi = 0.05;
            while (hi < 64 && C(net, state, hi).Real is double ch && double.IsFinite(ch) && ch < 0) { lo = hi; hi *= 2; }
            double lam = double.IsFinite(C(net, state, hi).Real) && C(net, state, hi).Real > 0
                ? Brent.FindRoot(x => C(net, state, x).Real, lo, hi, 1e-12, 200)
                : lo;
            return new StabilityResult(false, lam / tau, 0, "saddle", true);
        }
        double wMax = 2 * Math.PI * maxFrequency * tau;
        var axis = new List<(double W, Complex C)>();
        int k = UpperWinding(net, state, wMax, MaxGrowth * tau, c0, axis);
        if (k == 0 && !findDampedRoots) return new StabilityResult(true, Complex.Zero, 0, "AI", false);
        // seeds: local minima of |c(iω)| along the sampled imaginary axis, deepest first
        axis.Sort((x, y) => x.W.CompareTo(y.W));
        var seeds = new List<(double Mag, double W)>();
        for (int i = 0; i < axis.Count; i++)
        {
            double m = axis[i].C.Magnitude;
            if ((i == 0 || m <= axis[i - 1].C.Magnitude) && (i == axis.Count - 1 || m <= axis[i + 1].C.Magnitude))
                seeds.Add((m, Math.Max(axis[i].W, 0.05 * wMax / 48)));
        }
        var roots = new List<Complex>();
        foreach (var (_, w) in seeds.OrderBy(x => x.Mag).Take(Math.Max(starts, 2 * k)))
        {
            if (Secant(net, state, new Complex(0.02, w), wMax * 1.5) is Complex root && !roots.Any(r => (r - root).Magnitude < 1e-6 * Math.Max(1, root.Magnitude)))
                roots.Add(root);
            if (k > 0 && roots.Count(r => r.Real > 0) >= k) break;
        }
        bool found = roots.Count > 0;
        Complex best = found ? roots.MaxBy(r => r.Real) : Complex.Zero;
        // k = 0 but Newton (which may leave the rectangle, up to 1.5 f_max) found an unstable root: trust the root
        if (k == 0 && !(found && best.Real > 0))
            return new StabilityResult(true, best / tau, found ? Math.Abs(best.Imaginary) / (2 * Math.PI * tau) : 0, "AI", found);
        if (!found || best.Real <= 0)
        {
            // unstable by the count but no root located: report the deepest minimum of |c(iω)|
            double wSeed = seeds.Count > 0 ? seeds.MinBy(x => x.Mag).W : 0;
            double fs = wSeed / (2 * Math.PI * tau);
            return new StabilityResult(false, new Complex(0, wSeed / tau), fs, OscillatoryRegime(net, fs), false);
        }
        double f = Math.Abs(best.Imaginary) / (2 * Math.PI * tau);
        return new StabilityResult(false, best / tau, f, OscillatoryRegime(net, f), roots.Count(r => r.Real > 0) >= Math.Max(k, 1));
    }

    /// <summary>Right edge of the counting rectangle, 1/s.</summary>
    const double MaxGrowth = 2000;

    /// <summary>
    /// Winding number of c around the rectangle 0 ≤ Re λ ≤ <paramref name="maxRe"/>, δ ≤ Im λ ≤ <paramref name="wMax"/>
    /// (δ = 1e-7, just above the real axis, where c(iδ) = c(0) to rounding; real roots are found separately from the sign
    /// of c(0)) = the number of
    /// complex zeros with Re λ &gt; 0 in the upper half plane (c is analytic there, Re λ &gt; −1). Each edge is
    /// sampled on a coarse grid and intervals whose arg c changes by more than π/6 are halved (to 2⁻¹⁶ of the edge).
    /// The imaginary-axis samples are returned in <paramref name="axis"/> (they seed the Newton search).
    /// </summary>
    static int UpperWinding(BrunelNetwork net, StationaryState st, double wMax, double maxRe, double c0, List<(double W, Complex C)> axis)
    {
        const double delta = 1e-7;
        Complex[] corners = { new(0, delta), new(maxRe, delta), new(maxRe, wMax), new(0, wMax), new(0, delta) };
        int[] pieces = { 4, 4, 6, 36 };
        double total = 0;
        for (int e = 0; e < 4; e++)
        {
            Complex a = corners[e], b = corners[e + 1];
            Complex prevS = a, prevC = a.Real == 0 && a.Imaginary == delta ? c0 : C(net, st, a);
            if (e == 3) axis.Add((a.Imaginary, prevC));
            for (int j = 1; j <= pieces[e]; j++)
            {
                Complex s = a + (b - a) * ((double)j / pieces[e]);
                Complex c = s.Real == 0 && s.Imaginary == delta ? c0 : C(net, st, s);
                if (e == 3) axis.Add((s.Imaginary, c));
                total += Refine(net, st, prevS, s, prevC, c, 0, e == 3 ? axis : null);
                prevS = s; prevC = c;
            }
        }
        return (int)Math.Round(total / (2 * Math.PI));
    }

    static double Refine(BrunelNetwork net, StationaryState st, Complex sa, Complex sb, Complex ca, Complex cb, int depth, List<(double W, Complex C)>? axis)
    {
        if (!double.IsFinite(ca.Magnitude) || !double.IsFinite(cb.Magnitude) || ca == Complex.Zero || cb == Complex.Zero)
            throw new ArithmeticException($"c is zero or not finite on the contour near λ = {sa}.");
        double d = (cb / ca).Phase;
        if (Math.Abs(d) < Math.PI / 6 || depth >= 16) return d;
        Complex sm = (sa + sb) / 2, cm = C(net, st, sm);
        axis?.Add((sm.Imaginary, cm));
        return Refine(net, st, sa, sm, ca, cm, depth + 1, axis) + Refine(net, st, sm, sb, cm, cb, depth + 1, axis);
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
    /// |Im s| &lt; 2π·<paramref name="maxFrequency"/> (s in 1/s), by the argument principle: the winding number of c
    /// along the rectangle's boundary, sampled so that arg c changes by less than π/8 between samples (steps are
    /// halved until it does). c is analytic for Re λ &gt; −1 and c(s̄) = c̄(s), so the count is even unless a real root
    /// lies inside. A root on the contour makes the count ill-defined: the left edge is then moved by 0.01/s (up to 3 times, else throws). minGrowth = 0 counts the
    /// unstable eigenvalues; minGrowth &gt; −1/τ_m (the transfer function's half-plane) bounds the dominant eigenvalue from below.
    /// </summary>
    public static int CountUnstableEigenvalues(BrunelNetwork net, StationaryState state, double maxFrequency = 1000, double maxGrowth = 2000, double minGrowth = 0)
    {
        Guard.NotNull(net).Validated();
        Guard.NotNull(state);
        Guard.Positive(maxFrequency);
        Guard.InRange(minGrowth, -0.98 / net.Neuron.TauM, maxGrowth);
        // A root on (or within rounding of) the left edge makes the winding number undefined: move the edge
        // right by 0.01/s and retry (at most 3 times).
        for (int attempt = 0; ; attempt++)
        {
            try { return Winding(net, state, maxFrequency, maxGrowth, minGrowth + 0.01 * attempt); }
            catch (ArithmeticException) when (attempt < 3) { }
        }
    }

    static int Winding(BrunelNetwork net, StationaryState state, double maxFrequency, double maxGrowth, double minGrowth)
    {
        double w = 2 * Math.PI * maxFrequency;
        Complex[] corners = { new(minGrowth, -w), new(maxGrowth, -w), new(maxGrowth, w), new(minGrowth, w), new(minGrowth, -w) };
        double total = 0;
        for (int e = 0; e < 4; e++)
        {
            Complex a = corners[e], b = corners[e + 1];
            int n = 64;
            Complex prev = Characteristic(net, state, a);
            for (int k = 1; k <= n; k++)
            {
                Complex next = Characteristic(net, state, a + (b - a) * k / n);
                total += PhaseChange(net, state, a + (b - a) * (k - 1) / n, a + (b - a) * k / n, prev, next, 0);
                prev = next;
            }
        }
        return (int)Math.Round(total / (2 * Math.PI));
    }

    static double PhaseChange(BrunelNetwork net, StationaryState st, Complex sa, Complex sb, Complex ca, Complex cb, int depth)
    {
        if (ca == Complex.Zero || cb == Complex.Zero || !double.IsFinite(ca.Magnitude) || !double.IsFinite(cb.Magnitude))
            throw new ArithmeticException($"c(s) vanishes or is not finite on the contour near s = {sa}.");
        double d = (cb / ca).Phase;
        if (Math.Abs(d) < Math.PI / 8) return d;
        if (depth > 40) throw new ArithmeticException($"argument principle: a root lies on the contour near s = {sa}.");
        Complex sm = (sa + sb) / 2, cm = Characteristic(net, st, sm);
        return PhaseChange(net, st, sa, sm, ca, cm, depth + 1) + PhaseChange(net, st, sm, sb, cm, cb, depth + 1);
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
