using System.Numerics;
using MathNet.Numerics.RootFinding;

namespace Theory.MeanField;

/// <summary>
/// Root search shared by the stability analyses (<see cref="BrunelStability"/>, <see cref="MultiPopulationStability"/>):
/// zeros of a characteristic function c(λ) that is analytic for Re λ &gt; −1, real on the real axis (c(λ̄) = c̄(λ)) and
/// tends to 1 as Re λ → +∞. λ is dimensionless (λ = sτ for the caller's time scale τ).
/// </summary>
internal static class CharacteristicRoots
{
    /// <summary>Outcome in dimensionless λ: <paramref name="Saddle"/> for a real root λ &gt; 0 (c(0) &lt; 0).</summary>
    internal readonly record struct Outcome(bool Stable, bool Saddle, Complex Lambda, bool Found);

    /// <summary>Right edge of the counting rectangle, 1/s.</summary>
    internal const double MaxGrowth = 5000;

    /// <summary>
    /// c(0) &lt; 0: a real root (Brent) — saddle. Otherwise the number k of complex roots with Re λ &gt; 0,
    /// Im λ ∈ (0, <paramref name="wMax"/>) is the winding number of c around that rectangle (closed at Re λ =
    /// <paramref name="maxRe"/>), sampled adaptively (<see cref="UpperWinding"/>). k = 0: stable. k &gt; 0: damped
    /// Newton from the deepest local minima of |c(iω)| until k distinct unstable roots are found; the one with the
    /// largest real part is reported (see <see cref="BrunelStability.Analyze"/> for the guarantees).
    /// </summary>
    internal static Outcome Analyze(Func<Complex, Complex> c, double wMax, double maxRe, int starts, bool findDampedRoots)
    {
        double c0 = c(0).Real;
        if (c0 < 0)
        {
            // c → 1 as λ → +∞ along the real axis: bracket the real root by doubling (λ ≤ 64)
            double lo = 0, hi = 0.05;
            while (hi < 64 && c(hi).Real is double ch && double.IsFinite(ch) && ch < 0) { lo = hi; hi *= 2; }
            double lam = double.IsFinite(c(hi).Real) && c(hi).Real > 0
                ? Brent.FindRoot(x => c(x).Real, lo, hi, 1e-12, 200)
                : lo;
            return new Outcome(false, true, lam, true);
        }
        var axis = new List<(double W, Complex C)>();
        int k = UpperWinding(c, wMax, maxRe, c0, axis);
        if (k == 0 && !findDampedRoots) return new Outcome(true, false, Complex.Zero, false);
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
        // the deepest max(starts, 2k) minima first; while the count says unstable roots remain unlocated, every further
        // minimum (|c| can be orders of magnitude smaller near one mode than near another, e.g. a high-frequency mode of a
        // many-population network, so the deepest minima need not be the ones next to the unstable root)
        var ordered = seeds.OrderBy(x => x.Mag).ToList();
        int limit = Math.Max(starts, 2 * k);
        for (int i = 0; i < ordered.Count; i++)
        {
            if (i >= limit && !(k > 0 && Counted(roots) < k)) break;
            double w = ordered[i].W;
            if (Newton(c, new Complex(0.02, w), wMax * 1.5) is Complex root && !roots.Any(r => (r - root).Magnitude < 1e-6 * Math.Max(1, root.Magnitude)))
                roots.Add(root);
            if (k > 0 && Counted(roots) >= k) break;
        }
        if (k > 0 && Counted(roots) < k)
        {
            // the axis minima did not lead Newton to every counted root: locate them by bisecting the counting rectangle
            // with the argument principle, then polish each isolated root by Newton from its box
            foreach (var root in Bisect(c, 0, maxRe, 1e-7, wMax, 0))
                if (!roots.Any(r => (r - root).Magnitude < 1e-6 * Math.Max(1, root.Magnitude)))
                    roots.Add(root);
        }
        bool found = roots.Count > 0;
        Complex best = found ? roots.MaxBy(r => r.Real) : Complex.Zero;
        // k = 0 but Newton (which may leave the rectangle, up to 1.5 f_max) found an unstable root: trust the root
        if (k == 0 && !(found && best.Real > 0))
            return new Outcome(true, false, best, found);
        if (!found || best.Real <= 0)
        {
            // unstable by the count but no root located: report the deepest minimum of |c(iω)|
            double wSeed = seeds.Count > 0 ? seeds.MinBy(x => x.Mag).W : 0;
            return new Outcome(false, false, new Complex(0, wSeed), false);
        }
        return new Outcome(false, false, best, Counted(roots) >= Math.Max(k, 1) || (k == 0 && best.Real > 0));

        // unstable roots inside the counting rectangle (Newton may converge outside it, up to 1.5 wMax): only these
        // account for the k counted ones
        int Counted(List<Complex> rs) => rs.Count(r => r.Real > 0 && r.Real <= maxRe && r.Imaginary <= wMax);
    }

    /// <summary>
    /// Winding number of c around the rectangle 0 ≤ Re λ ≤ <paramref name="maxRe"/>, δ ≤ Im λ ≤ <paramref name="wMax"/>
    /// (δ = 1e-7, just above the real axis, where c(iδ) = c(0) to rounding; real roots are found separately from the sign
    /// of c(0)) = the number of complex zeros with Re λ &gt; 0 in the upper half plane (c is analytic there, Re λ &gt; −1).
    /// Each edge is sampled on a coarse grid and intervals whose arg c changes by more than π/6 are halved (to 2⁻¹⁶ of
    /// the edge). The imaginary-axis samples are returned in <paramref name="axis"/> (they seed the Newton search).
    /// </summary>
    static int UpperWinding(Func<Complex, Complex> c, double wMax, double maxRe, double c0, List<(double W, Complex C)> axis)
    {
        const double delta = 1e-7;
        Complex[] corners = { new(0, delta), new(maxRe, delta), new(maxRe, wMax), new(0, wMax), new(0, delta) };
        int[] pieces = { 4, 4, 6, 36 };
        double total = 0;
        for (int e = 0; e < 4; e++)
        {
            Complex a = corners[e], b = corners[e + 1];
            Complex prevS = a, prevC = a.Real == 0 && a.Imaginary == delta ? c0 : c(a);
            if (e == 3) axis.Add((a.Imaginary, prevC));
            for (int j = 1; j <= pieces[e]; j++)
            {
                Complex s = a + (b - a) * ((double)j / pieces[e]);
                Complex cs = s.Real == 0 && s.Imaginary == delta ? c0 : c(s);
                if (e == 3) axis.Add((s.Imaginary, cs));
                total += Refine(c, prevS, s, prevC, cs, 0, e == 3 ? axis : null);
                prevS = s; prevC = cs;
            }
        }
        return (int)Math.Round(total / (2 * Math.PI));
    }

    static double Refine(Func<Complex, Complex> c, Complex sa, Complex sb, Complex ca, Complex cb, int depth, List<(double W, Complex C)>? axis)
    {
        if (!double.IsFinite(ca.Magnitude) || !double.IsFinite(cb.Magnitude) || ca == Complex.Zero || cb == Complex.Zero)
            throw new ArithmeticException($"c is zero or not finite on the contour near λ = {sa}.");
        double d = (cb / ca).Phase;
        if (Math.Abs(d) < Math.PI / 6 || depth >= 16) return d;
        Complex sm = (sa + sb) / 2, cm = c(sm);
        axis?.Add((sm.Imaginary, cm));
        return Refine(c, sa, sm, ca, cm, depth + 1, axis) + Refine(c, sm, sb, cm, cb, depth + 1, axis);
    }

    /// <summary>
    /// Number of zeros of c(s) (s in 1/s, with multiplicity) inside minGrowth &lt; Re s &lt; maxGrowth,
    /// |Im s| &lt; 2π·maxFrequency by the argument principle (arg c changes by less than π/8 between samples; steps
    /// halved until it does). A root on (or within rounding of) the left edge makes the winding number undefined: the
    /// edge is moved right by 0.01/s and the count retried (at most 3 times, else ArithmeticException).
    /// </summary>
    internal static int Count(Func<Complex, Complex> c, double maxFrequency, double maxGrowth, double minGrowth)
    {
        for (int attempt = 0; ; attempt++)
        {
            try { return Winding(c, maxFrequency, maxGrowth, minGrowth + 0.01 * attempt); }
            catch (ArithmeticException) when (attempt < 3) { }
        }
    }

    static int Winding(Func<Complex, Complex> c, double maxFrequency, double maxGrowth, double minGrowth)
    {
        double w = 2 * Math.PI * maxFrequency;
        Complex[] corners = { new(minGrowth, -w), new(maxGrowth, -w), new(maxGrowth, w), new(minGrowth, w), new(minGrowth, -w) };
        double total = 0;
        for (int e = 0; e < 4; e++)
        {
            Complex a = corners[e], b = corners[e + 1];
            int n = 64;
            Complex prev = c(a);
            for (int k = 1; k <= n; k++)
            {
                Complex next = c(a + (b - a) * k / n);
                total += PhaseChange(c, a + (b - a) * (k - 1) / n, a + (b - a) * k / n, prev, next, 0);
                prev = next;
            }
        }
        return (int)Math.Round(total / (2 * Math.PI));
    }

    static double PhaseChange(Func<Complex, Complex> c, Complex sa, Complex sb, Complex ca, Complex cb, int depth)
    {
        if (ca == Complex.Zero || cb == Complex.Zero || !double.IsFinite(ca.Magnitude) || !double.IsFinite(cb.Magnitude))
            throw new ArithmeticException($"c(s) vanishes or is not finite on the contour near s = {sa}.");
        double d = (cb / ca).Phase;
        if (Math.Abs(d) < Math.PI / 8) return d;
        if (depth > 40) throw new ArithmeticException($"argument principle: a root lies on the contour near s = {sa}.");
        Complex sm = (sa + sb) / 2, cm = c(sm);
        return PhaseChange(c, sa, sm, ca, cm, depth + 1) + PhaseChange(c, sm, sb, cm, cb, depth + 1);
    }

    /// <summary>
    /// The zeros of c in the rectangle re0 ≤ Re λ ≤ re1, w0 ≤ Im λ ≤ w1: the winding number of c around it (argument
    /// principle, edges refined as in <see cref="UpperWinding"/>) is computed and the rectangle halved along its longer
    /// side (at 0.4937 of it, so that a split does not fall on a symmetric root) until each part holding zeros is smaller
    /// than 0.05 in both directions or Newton from its centre converges inside it. At most 40 levels.
    /// </summary>
    static List<Complex> Bisect(Func<Complex, Complex> c, double re0, double re1, double w0, double w1, int depth)
    {
        var found = new List<Complex>();
        int n;
        try { n = (int)Math.Round(Winding(c, re0, re1, w0, w1) / (2 * Math.PI)); }
        catch (ArithmeticException) { return found; }
        if (n <= 0) return found;
        double dr = re1 - re0, dw = w1 - w0;
        if (n == 1 || depth >= 40 || (dr < 0.05 && dw < 0.05))
        {
            var centre = new Complex(re0 + dr / 2, w0 + dw / 2);
            if (Newton(c, centre, w1 + dw) is Complex root && root.Real >= re0 - 1e-9 && root.Real <= re1 + 1e-9
                && root.Imaginary >= w0 - 1e-9 && root.Imaginary <= w1 + 1e-9)
            {
                found.Add(root);
                return found;
            }
            if (depth >= 40 || (dr < 0.05 && dw < 0.05)) return found;
        }
        const double split = 0.4937;
        if (dw * 0.3 >= dr)
        {
            double wm = w0 + split * dw;
            found.AddRange(Bisect(c, re0, re1, w0, wm, depth + 1));
            found.AddRange(Bisect(c, re0, re1, wm, w1, depth + 1));
        }
        else
        {
            double rm = re0 + split * dr;
            found.AddRange(Bisect(c, re0, rm, w0, w1, depth + 1));
            found.AddRange(Bisect(c, rm, re1, w0, w1, depth + 1));
        }
        return found;
    }

    /// <summary>Total change of arg c around the rectangle re0 ≤ Re λ ≤ re1, w0 ≤ Im λ ≤ w1 (counter-clockwise), radians.</summary>
    static double Winding(Func<Complex, Complex> c, double re0, double re1, double w0, double w1)
    {
        Complex[] corners = { new(re0, w0), new(re1, w0), new(re1, w1), new(re0, w1), new(re0, w0) };
        double total = 0;
        for (int e = 0; e < 4; e++)
        {
            Complex a = corners[e], b = corners[e + 1];
            Complex prevS = a, prevC = c(a);
            // samples every 0.2 in λ at least (8 per edge): arg c can turn by more than π between coarse samples of a
            // many-population characteristic, which the halving would not notice
            int pieces = Math.Max(8, (int)Math.Ceiling((b - a).Magnitude / 0.2));
            for (int j = 1; j <= pieces; j++)
            {
                Complex sj = a + (b - a) * ((double)j / pieces);
                Complex cs = c(sj);
                total += Refine(c, prevS, sj, prevC, cs, 0, null);
                prevS = sj; prevC = cs;
            }
        }
        return total;
    }

    /// <summary>Damped Newton iteration with a central-difference derivative (c is analytic in λ); a root with
    /// Im λ &gt; 1e-6 is returned in the upper half plane, null if the iteration leaves Re λ &gt; −0.9, |Im λ| ≤
    /// <paramref name="wLimit"/> or does not converge in 40 steps.</summary>
    internal static Complex? Newton(Func<Complex, Complex> c, Complex x, double wLimit)
    {
        Complex f = c(x);
        for (int it = 0; it < 40; it++)
        {
            double h = 1e-5 * Math.Max(1, x.Magnitude);
            Complex d = (c(x + h) - c(x - h)) / (2 * h);
            if (d == Complex.Zero) return null;
            Complex step = f / d;
            if (step.Magnitude > 2) step *= 2 / step.Magnitude;
            Complex xn = x - step;
            if (!(xn.Real > -0.9) || Math.Abs(xn.Imaginary) > wLimit) return null;
            Complex fn = c(xn);
            for (int back = 0; back < 6 && fn.Magnitude > f.Magnitude; back++) { step *= 0.5; xn = x - step; fn = c(xn); }
            x = xn; f = fn;
            if (!(x.Real > -0.9) || Math.Abs(x.Imaginary) > wLimit || !double.IsFinite(x.Real) || !double.IsFinite(x.Imaginary)) return null;
            if (step.Magnitude < 1e-10 * Math.Max(1, x.Magnitude))
                return f.Magnitude < 1e-7 && Math.Abs(x.Imaginary) > 1e-6 ? new Complex(x.Real, Math.Abs(x.Imaginary)) : null;
        }
        return null;
    }
}
