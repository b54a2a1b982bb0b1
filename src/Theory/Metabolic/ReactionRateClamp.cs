namespace Theory.Metabolic;

/// <summary>Maps over an (ATP, ψ) grid, indexed [i, j] = (atp[i], psi[j]): dATP/dt and dΔψ/dt (normalised units per s),
/// and the translocator, synthase and respiration fluxes v_ANT, v_ATP, v_resp (M/s).</summary>
/// <param name="Demand">Baseline demand b.</param>
/// <param name="Nad">The steady-state NAD⁺ used for the whole map.</param>
/// <param name="AtpGrid">ATP values (index i).</param>
/// <param name="PsiGrid">Normalised ψ values (index j).</param>
/// <param name="DAtpDt">dATP/dt at (atp[i], psi[j]), normalised units per s.</param>
/// <param name="DPsiDt">dΔψ/dt at (atp[i], psi[j]), normalised units per s.</param>
/// <param name="VAnt">Translocator flux v_ANT, M/s.</param>
/// <param name="VAtp">Synthase flux v_ATP, M/s.</param>
/// <param name="VResp">Respiration flux v_resp, M/s.</param>
public sealed record ReactionRateMap(double Demand, double Nad, double[] AtpGrid, double[] PsiGrid,
    double[,] DAtpDt, double[,] DPsiDt, double[,] VAnt, double[,] VAtp, double[,] VResp);

/// <summary>
/// The reaction-rate clamp of Chintaluri &amp; Vogels 2023 (Fig. S1 nullclines; code <c>steady_state.compute_clamp_vals</c>):
/// ATP and ψ clamped on a grid (code: 0…1 in steps of 0.05), ΔΨ/ΔΨ_m = (ψ(ψ_max − ψ_min) + ψ_min)/ΔΨ_m, NAD⁺ at its steady
/// state for the demand, the other substrates at their reference scale (normalised 1, as the code's <c>Mito()</c>
/// defaults) and no spike load; the rates are those of <see cref="Mitochondrion"/>:
/// dATP/dt = TimeScale·(v_ATP − v_ANT + v₅ − v₇)ε₆, dΔψ/dt = TimeScale·(10 v_r − v_L − 3 v_ATP − v_ANT)ε₇, and the fluxes
/// in M/s are k₁ times the normalised ones (the code prints µM/s). The zero contours are the ATP and ψ nullclines.
/// </summary>
public static class ReactionRateClamp
{
    /// <summary>The paper's grid 0, 0.05, …, 1.</summary>
    public static double[] PaperGrid() => Enumerable.Range(0, 21).Select(k => 0.05 * k).ToArray();

    /// <summary>The maps at demand b over the grids, with NAD⁺ fixed (default: its steady state at b).</summary>
    public static ReactionRateMap Map(double demand, double[]? atpGrid = null, double[]? psiGrid = null, double? nad = null, Mitochondrion? model = null)
    {
        var m = model ?? Mitochondrion.ChintaluriVogels2023;
        var p = m.Parameters;
        Guard.InRange(demand, 1e-3, 1e5);
        var ag = atpGrid ?? PaperGrid(); var pg = psiGrid ?? PaperGrid();
        Guard.AllFinite(ag); Guard.AllFinite(pg);
        foreach (var a in ag) Guard.InRange(a, 0.0, 1.0, nameof(atpGrid));
        double n0 = nad ?? MitochondrialSteadyStates.Solve(m, demand).State.Nad;
        Guard.InRange(n0, 0.0, 1.0, nameof(nad));
        int na = ag.Length, np = pg.Length;
        var datp = new double[na, np]; var dpsi = new double[na, np];
        var vant = new double[na, np]; var vatp = new double[na, np]; var vresp = new double[na, np];
        double ts = p.TimeScale;
        for (int i = 0; i < na; i++)
            for (int j = 0; j < np; j++)
            {
                double dp = (pg[j] * (p.PsiMax - p.PsiMin) + p.PsiMin) / p.ReferencePotential;
                var s = new MitochondrialState(1, 1, 1, 1, 1, n0, ag[i], dp);
                var d = m.Derivatives(s.ToArray(), demand);
                var f = m.Fluxes(s, demand);
                datp[i, j] = ts * d[6]; dpsi[i, j] = ts * d[7];
                vant[i, j] = f.Ant * p.K1; vatp[i, j] = f.Synthase * p.K1; vresp[i, j] = f.Resp * p.K1;
            }
        return new(demand, n0, ag, pg, datp, dpsi, vant, vatp, vresp);
    }
}
