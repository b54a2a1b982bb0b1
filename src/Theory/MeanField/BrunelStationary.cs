namespace Theory.MeanField;

/// <summary>
/// Self-consistent stationary rates of Brunel (2000) model A: ν = φ(μ(ν), σ(ν)) (eqs. 4, 5, 21).
/// All roots: the residual ln φ(μ(ν), σ(ν)) − ln ν is scanned on a grid uniform in ln ν from below
/// the rate driven by external input alone (down to e^{−690} Hz if needed; 12 points per e-fold above
/// 1e-3 Hz, one below), up to 1/τ_rp, and each sign
/// change is polished with Brent's method in ln ν.
/// </summary>
public static class BrunelStationary
{
    /// <summary>Grid points per unit of ln ν (default 12: ratio 1.087 between neighbours).</summary>
    public const int PointsPerLogUnit = 12;

    /// <summary>All stationary states with ν &gt; 0, ascending in rate.</summary>
    /// <param name="net">The network (validated).</param>
    public static StationaryState[] Solve(BrunelNetwork net)
    {
        Guard.NotNull(net).Validated();
        // With ν_ext = 0, ν = 0 (σ = 0) is also a fixed point, outside the diffusion formula; only ν > 0 is reported.
        var n = net.Neuron;
        double Residual(double x)
        {
            double nu = Math.Exp(x);
            double s = net.Sigma(nu);
            return Siegert.LogRate(net.Mu(nu), s, n) - x;
        }
        double hi = n.TauRef > 0 ? Math.Log(1.0 / n.TauRef) : Math.Log(1e5);
        double lo = Math.Log(1e-3);
        if (net.NuExt > 0)
        {
            double l0 = Siegert.LogRate(net.Mu(0), net.Sigma(0), n);
            lo = Math.Min(lo, Math.Max(l0 - 1.0, -690.0));
        }
        else lo = -690.0;
        // Fine grid above 1e-3 Hz; one point per e-fold in the deep quiescent range below, where the
        // residual is dominated by the steep Siegert tail and roots are simple.
        double mid = Math.Max(lo, Math.Log(1e-3));
        var xs = new List<double>();
        if (mid > lo)
            xs.AddRange(RootScan.AllRoots(Residual, lo, mid, Math.Max(2, (int)Math.Ceiling(mid - lo) + 1), 1e-15));
        int points = Math.Max(2, (int)Math.Ceiling((hi - mid) * PointsPerLogUnit));
        foreach (var x in RootScan.AllRoots(Residual, mid, hi - 1e-12, points, 1e-15))
            if (xs.Count == 0 || Math.Abs(x - xs[^1]) > 1e-9) xs.Add(x);
        return xs.Select(x => { double nu = Math.Exp(x); return new StationaryState(nu, net.Mu(nu), net.Sigma(nu)); }).ToArray();
    }
}
