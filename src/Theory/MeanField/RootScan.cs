using MathNet.Numerics.RootFinding;

namespace Theory.MeanField;

/// <summary>
/// All roots of a scalar function on an interval: sign changes on a uniform grid, each polished
/// with Brent's method (MathNet.Numerics). Roots closer than the grid spacing (double roots at a
/// tangency) can be missed; the grid is the caller's resolution choice.
/// </summary>
public static class RootScan
{
    /// <summary>Roots of <paramref name="f"/> on [lo, hi] from <paramref name="points"/> grid points (≥ 2).</summary>
    public static double[] AllRoots(Func<double, double> f, double lo, double hi, int points, double tolerance = 1e-14)
    {
        Guard.NotNull(f);
        Guard.Finite(lo);
        Guard.Finite(hi);
        if (!(hi > lo)) throw new ArgumentException($"hi = {hi} is invalid: it must be > lo = {lo}.", nameof(hi));
        Guard.InRange(points, 2, 100_000_000);
        var roots = new List<double>();
        double x0 = lo, f0 = f(lo);
        for (int i = 1; i < points; i++)
        {
            double x1 = lo + (hi - lo) * i / (points - 1), f1 = f(x1);
            if (f0 == 0) roots.Add(x0);
            else if (f0 * f1 < 0)
                roots.Add(Brent.FindRoot(f, x0, x1, tolerance * Math.Max(1, Math.Abs(x1)), 200));
            x0 = x1; f0 = f1;
        }
        if (f0 == 0) roots.Add(x0);
        return roots.ToArray();
    }
}
