namespace Theory.MeanField;

/// <summary>
/// Every stationary state of a two-population network (<see cref="MultiPopulationNetwork"/> with P = 2, e.g. Brunel's
/// model B, <see cref="MultiPopulationNetwork.BrunelModelB"/>): the 2-D self-consistency ν_a = φ_a(μ_a(ν), σ_a(ν)) is
/// reduced to 1-D. For each ν_E on a grid uniform in ln ν_E (12 points per e-fold from 10⁻³ Hz to 1/τ_rp, one per e-fold
/// below 10⁻³ Hz down to one e-fold below the externally driven rate, at most to e^{−690} Hz, as for model A), all roots ν_I of the second equation are found by
/// <see cref="RootScan"/> (same grid in ln ν_I); along each branch ν_I(ν_E) (branches matched by order where
/// neighbouring grid points have the same number of I roots) a sign change of ln φ_E − ln ν_E brackets a state, which is
/// polished with the damped Newton solver of <see cref="MultiPopulationNetwork.Solve"/> from the linearly interpolated
/// point. Like the model-A scan, states closer than the grid spacing (tangencies) can be missed.
/// </summary>
public static class TwoPopulationStationary
{
    /// <summary>Grid points per unit of ln ν (12, as for model A).</summary>
    public const int PointsPerLogUnit = 12;

    /// <summary>Stationary rates (ν_E, ν_I) in Hz, ascending in ν_E (ν_I for ties).</summary>
    public static double[][] Solve(MultiPopulationNetwork net)
    {
        Guard.NotNull(net).Validated();
        if (net.Populations != 2)
            throw new ArgumentException($"net has {net.Populations} populations: TwoPopulationStationary needs exactly 2.", nameof(net));
        double LogPhi(int a, double xe, double xi)
        {
            var inp = net.Inputs(new[] { Math.Exp(xe), Math.Exp(xi) });
            var n = net.Neurons[a];
            return inp.Sigma[a] > 0 ? Siegert.LogRate(inp.Mu[a], inp.Sigma[a], n) : (inp.Mu[a] > n.Theta ? Math.Log(1 / Math.Max(n.TauRef, 1e-5)) : -745);
        }
        (double Lo, double Hi) Range(int a)
        {
            var n = net.Neurons[a];
            double hi = n.TauRef > 0 ? Math.Log(1.0 / n.TauRef) - 1e-9 : Math.Log(1e5);
            double l0 = LogPhi(a, -745, -745);
            double lo = Math.Min(Math.Log(1e-3), Math.Max(l0 - 1.0, -690.0));
            return (lo, hi);
        }
        var (loE, hiE) = Range(0);
        var (loI, hiI) = Range(1);
        double mid = Math.Log(1e-3);
        int pe = Math.Max(2, (int)Math.Ceiling((hiE - mid) * PointsPerLogUnit));
        int pi = Math.Max(2, (int)Math.Ceiling((hiI - mid) * PointsPerLogUnit));
        var grid = new List<double>();
        int coarse = (int)Math.Ceiling(mid - loE);
        for (int k = 0; k < coarse; k++) grid.Add(loE + (mid - loE) * k / coarse);
        for (int k = 0; k < pe; k++) grid.Add(mid + (hiE - mid) * k / (pe - 1));
        var xe = grid.ToArray();
        var branches = new double[xe.Length][];
        for (int k = 0; k < xe.Length; k++)
        {
            double x = xe[k];
            double F(double xi) => LogPhi(1, x, xi) - xi;
            var roots = new List<double>();
            if (mid > loI) roots.AddRange(RootScan.AllRoots(F, loI, mid, Math.Max(2, (int)Math.Ceiling(mid - loI) + 1), 1e-13));
            foreach (var r in RootScan.AllRoots(F, mid, hiI, pi, 1e-13))
                if (roots.Count == 0 || Math.Abs(r - roots[^1]) > 1e-9) roots.Add(r);
            branches[k] = roots.ToArray();
        }
        pe = xe.Length;
        var found = new List<double[]>();
        for (int k = 1; k < pe; k++)
        {
            if (branches[k].Length != branches[k - 1].Length) continue;
            for (int b = 0; b < branches[k].Length; b++)
            {
                double r0 = LogPhi(0, xe[k - 1], branches[k - 1][b]) - xe[k - 1];
                double r1 = LogPhi(0, xe[k], branches[k][b]) - xe[k];
                if (!(r0 * r1 <= 0) || (r0 == 0 && r1 == 0)) continue;
                double t = r0 == r1 ? 0.5 : r0 / (r0 - r1);
                var guess = new[] { Math.Exp(xe[k - 1] + t * (xe[k] - xe[k - 1])),
                                    Math.Exp(branches[k - 1][b] + t * (branches[k][b] - branches[k - 1][b])) };
                double[] sol;
                try { sol = net.Solve(guess); }
                catch (ArithmeticException) { continue; }
                if (!found.Any(f => Math.Abs(Math.Log(f[0] / sol[0])) < 1e-6 && Math.Abs(Math.Log(f[1] / sol[1])) < 1e-6))
                    found.Add(sol);
            }
        }
        return found.OrderBy(s => s[0]).ThenBy(s => s[1]).ToArray();
    }
}
