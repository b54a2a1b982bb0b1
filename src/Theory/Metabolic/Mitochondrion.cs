using MathNet.Numerics;

namespace Theory.Metabolic;

/// <summary>
/// The reduced mitochondrial model of Chintaluri &amp; Vogels 2023 (<c>mitochondria.py</c>,
/// class <c>Mito</c>, methods <c>reaction_rates</c> and <c>derivatives</c>), after Nazaret et al.
/// (J. Theor. Biol. 2009). In normalized time τ (dτ/dt = <see cref="MitochondriaParameters.TimeScale"/>):
/// <code>
/// dPYR/dτ = v₁ − v₂ − v₇
/// dACC/dτ = (v₂ − v₃) ε₁            ε₁ = [pyr]ₛ/[acc]ₛ
/// dCIT/dτ = (v₃ − v₄) ε₂            ε₂ = [pyr]ₛ/[cit]ₛ
/// dAKG/dτ = (v₄ + v₆ − v₅) ε₃       ε₃ = [pyr]ₛ/[akg]ₛ
/// dOAA/dτ = (v₅ + v₇ − v₃ − v₈ − v₆) ε₄
/// dNAD/dτ = (v_r − v₂ − v₄ − 2v₅) ε₅        ε₅ = [pyr]ₛ/N_t
/// dATP/dτ = (v_ATP − v_ANT + v₅ − v₇) ε₆    ε₆ = [pyr]ₛ/A_t
/// dΔΨ/dτ = (10 v_r − v_L − 3 v_ATP − v_ANT) ε₇   ε₇ = [pyr]ₛ/(ΔΨ_m C_mito)
/// </code>
/// with the fluxes of <see cref="MitochondrialFluxes"/> and the dimensionless groups
/// β₂ = k₂N_t[pyr]ₛ/k₁, β₃ = k₃[acc]ₛ[oaa]ₛ/k₁, β₄ = k₄[cit]ₛN_t/k₁, β₅ = k₅[akg]ₛN_tA_t/k₁,
/// β₆ = k₆[oaa]ₛ/k₁, β₇ = k₇[pyr]ₛA_t/k₁, β₈ = k₈[oaa]ₛ/k₁, β_r = k_r/k₁,
/// β_ANT = k_ANT A_t/k₁, β_L = (k_L + Δk_L)ΔΨ_m/k₁, β_ATP = k_ATP/k₁, δ₆ = [akg]ₛ/([oaa]ₛK_eq),
/// K_eq = 0.12 [glu]/[asp], δ_r1 = K_NAD/N_t, δ_r2 = aΔΨ_m, δ_c = 3.6 F ΔΨ_m/(RT), δ_ATP = bA_t.
/// The demand enters through k_ANT = demand/AtpRange; a spike's extra ATP use multiplies v_ANT
/// by f (see <see cref="MitochondrionSimulation"/>) and its calcium load adds Δk_L to the leak.
/// </summary>
public sealed class Mitochondrion
{
    readonly double _b2, _b3, _b4, _b5, _b6, _b7, _b8, _br, _batp, _d6, _dr1, _dr2, _dc, _dg0, _datp, _pi;
    readonly double _e1, _e2, _e3, _e4, _e5, _e6, _e7;

    /// <summary>The parameters.</summary>
    public MitochondriaParameters Parameters { get; }

    /// <summary>Precomputes the dimensionless constants β, δ and ε from the parameters.</summary>
    /// <param name="parameters">The parameters (validated).</param>
    /// <exception cref="ArgumentException">Invalid parameters.</exception>
    public Mitochondrion(MitochondriaParameters parameters)
    {
        Guard.NotNull(parameters);
        parameters.Validate();
        var p = Parameters = parameters;
        double k1 = p.K1, nt = p.TotalNad, at = p.TotalAdenine;
        _b2 = p.K2 / k1 * nt * p.PyrScale;
        _b3 = p.K3 / k1 * p.AccScale * p.OaaScale;
        _b4 = p.K4 / k1 * p.CitScale * nt;
        _b5 = p.K5 / k1 * p.AkgScale * nt * at;
        _b6 = p.K6 / k1 * p.OaaScale;
        _b7 = p.K7 / k1 * p.PyrScale * at;
        _b8 = p.K8 / k1 * p.OaaScale;
        _br = p.KResp / k1;
        _batp = p.KAtp / k1;
        double keq = 0.12 * p.Glutamate / p.Aspartate;
        _d6 = p.AkgScale / (p.OaaScale * keq);
        _dr1 = p.KNad / nt;
        _dr2 = p.ReferencePotential * p.RespSteepness;
        double rt = p.GasConstant * p.Temperature;
        _dc = p.ProtonFactor * p.Faraday / rt * p.ReferencePotential;
        _dg0 = p.DeltaG0 / rt;
        _datp = p.SynthaseSteepness * at;
        _pi = p.Phosphate;
        double ps = p.PyrScale;
        _e1 = ps / p.AccScale; _e2 = ps / p.CitScale; _e3 = ps / p.AkgScale; _e4 = ps / p.OaaScale;
        _e5 = ps / nt; _e6 = ps / at; _e7 = ps / p.ReferencePotential / p.Capacitance;
    }

    /// <summary>The model with the paper's parameters.</summary>
    public static Mitochondrion ChintaluriVogels2023 { get; } = new(MitochondriaParameters.ChintaluriVogels2023);

    /// <summary>The fluxes (units of k₁) at state s for a baseline ATP demand (k_ANT = demand/AtpRange,
    /// so demand is in units of AtpRange⁻¹ s⁻¹; the paper sweeps 1…1000), an extra proton-leak
    /// conductance leakIncrement (M/(V s), added to k_L) and a translocator factor antFactor.</summary>
    public MitochondrialFluxes Fluxes(MitochondrialState s, double demand, double leakIncrement = 0, double antFactor = 1)
    {
        Guard.NotNull(s);
        Span<double> v = stackalloc double[12];
        FluxesInto(s.ToArray(), Parameters.AntRate(demand), Guard.NonNegative(leakIncrement), Guard.Finite(antFactor), v);
        return new(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11]);
    }

    /// <summary>dx/dτ for x = [pyr, acc, cit, akg, oaa, nad, atp, Δψ] (normalized time; multiply
    /// by <see cref="MitochondriaParameters.TimeScale"/> for d/dt in 1/s).</summary>
    public double[] Derivatives(double[] x, double demand, double leakIncrement = 0, double antFactor = 1)
    {
        Guard.NotNull(x);
        if (x.Length != MitochondrialState.Dimension)
            throw new ArgumentException($"x.Length = {x.Length} is invalid: the state has {MitochondrialState.Dimension} variables.", nameof(x));
        var d = new double[MitochondrialState.Dimension];
        DerivativesInto(x, Parameters.AntRate(demand), Guard.NonNegative(leakIncrement), Guard.Finite(antFactor), d);
        return d;
    }

    internal void FluxesInto(ReadOnlySpan<double> x, double kAnt, double leakIncrement, double antFactor, Span<double> v)
    {
        var p = Parameters;
        double pyr = x[0], acc = x[1], cit = x[2], akg = x[3], oaa = x[4], nad = x[5], atp = x[6], dpsi = x[7];
        v[0] = 1;
        v[1] = _b2 * nad * pyr;
        v[2] = _b3 * acc * oaa;
        v[3] = _b4 * cit * nad;
        v[4] = _b5 * akg * (1 - atp) * nad;
        v[5] = _b6 * (oaa - _d6 * akg);
        v[6] = _b7 * pyr * atp;
        v[7] = _b8 * oaa;
        v[8] = (p.KLeak + leakIncrement) / p.K1 * p.ReferencePotential * dpsi;
        v[9] = antFactor * kAnt / p.K1 * p.TotalAdenine * atp;
        v[10] = _br * (1 - nad) / (_dr1 + 1 - nad) / (1 + Math.Exp(_dr2 * (dpsi - 1)));
        double acrit = _pi / (_pi + Math.Exp(_dg0 - _dc * dpsi));
        v[11] = _batp * (2 / (1 + Math.Exp(_datp * (atp - acrit))) - 1);
    }

    internal void DerivativesInto(ReadOnlySpan<double> x, double kAnt, double leakIncrement, double antFactor, Span<double> d)
    {
        Span<double> v = stackalloc double[12];
        FluxesInto(x, kAnt, leakIncrement, antFactor, v);
        double v1 = v[0], v2 = v[1], v3 = v[2], v4 = v[3], v5 = v[4], v6 = v[5], v7 = v[6], v8 = v[7];
        double vl = v[8], vant = v[9], vr = v[10], vatp = v[11];
        d[0] = v1 - v2 - v7;
        d[1] = (v2 - v3) * _e1;
        d[2] = (v3 - v4) * _e2;
        d[3] = (v4 + v6 - v5) * _e3;
        d[4] = (v5 + v7 - v3 - v8 - v6) * _e4;
        d[5] = (-v2 - v4 - 2 * v5 + vr) * _e5;
        d[6] = (vatp - vant + v5 - v7) * _e6;
        d[7] = (10 * vr - vl - 3 * vatp - vant) * _e7;
    }

    /// <summary>Translocator factor for a spike's ATP use (<c>Mito.derivatives</c>, <c>dFkantdt</c>):
    /// f = 1 + 10·erf(10·(ATP − ATP_c)) where ATP_c = ATP₀ − q·ΣQ is the code's <c>atp_cost</c>.</summary>
    public static double AntFactor(double atp, double atpCost) => 1 + 10 * SpecialFunctions.Erf(10 * (atp - atpCost));
}
