namespace Theory.Metabolic;

/// <summary>
/// State of the reduced mitochondrial model in normalized variables (each concentration over
/// its scale in <see cref="MitochondriaParameters"/>): pyruvate, acetyl-CoA, citrate,
/// α-ketoglutarate, oxaloacetate; NAD⁺ as a fraction of N_t; ATP as a fraction of A_t; ΔΨ over
/// the reference potential (Chintaluri &amp; Vogels 2023, <c>mitochondria.py</c>, class <c>Mito</c>).
/// ADP = 1 − ATP and NADH = 1 − NAD⁺ are implied: total adenine nucleotide and total NAD are
/// conserved by construction.
/// </summary>
/// <param name="Pyr">Pyruvate (normalized).</param>
/// <param name="Acc">Acetyl-CoA (normalized).</param>
/// <param name="Cit">Citrate (normalized).</param>
/// <param name="Akg">α-ketoglutarate (normalized).</param>
/// <param name="Oaa">Oxaloacetate (normalized).</param>
/// <param name="Nad">NAD⁺ as a fraction of N_t, in [0, 1].</param>
/// <param name="Atp">ATP as a fraction of A_t, in [0, 1].</param>
/// <param name="DeltaPsi">Membrane potential ΔΨ over the reference potential.</param>
public sealed record MitochondrialState(
    double Pyr, double Acc, double Cit, double Akg, double Oaa, double Nad, double Atp, double DeltaPsi)
{
    /// <summary>Number of state variables.</summary>
    public const int Dimension = 8;

    /// <summary>ADP fraction 1 − ATP (conservation of A_t).</summary>
    public double Adp => 1 - Atp;

    /// <summary>NADH fraction 1 − NAD⁺ (conservation of N_t).</summary>
    public double Nadh => 1 - Nad;

    /// <summary>The initial condition of the relaxation: intermediates at their scales, NAD⁺ = 0.94/1.07,
    /// ATP = 0.8·3.23/4.16 (as the code's <c>Mito.__init__</c>) and normalised ΔΨ = 1, i.e. ΔΨ = ΔΨ_m = 150 mV.
    /// The code's default is <c>dpsi = psim</c> = 0.150 in normalised units (22.5 mV, a unit slip: its
    /// comment says "delta psi at steady state"); the steady states do not depend on the start, only the
    /// first part of the relaxation does.</summary>
    public static MitochondrialState Initial { get; } = new(1, 1, 1, 1, 1, 0.94 / 1.07, 0.8 * 3.23 / 4.16, 1);

    /// <summary>[pyr, acc, cit, akg, oaa, nad, atp, Δψ].</summary>
    public double[] ToArray() => [Pyr, Acc, Cit, Akg, Oaa, Nad, Atp, DeltaPsi];

    /// <summary>State from [pyr, acc, cit, akg, oaa, nad, atp, Δψ].</summary>
    public static MitochondrialState FromArray(double[] x)
    {
        Guard.NotNull(x);
        if (x.Length != Dimension)
            throw new ArgumentException($"x.Length = {x.Length} is invalid: the state has {Dimension} variables.", nameof(x));
        Guard.AllFinite(x);
        return new(x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7]);
    }

    /// <summary>ΔΨ in V.</summary>
    public double DeltaPsiVolts(MitochondriaParameters p) => DeltaPsi * p.ReferencePotential;

    /// <summary>Normalized ψ ∈ [0, 1] between ψ_min and ψ_max (code: <c>to_psi</c>).</summary>
    public double Psi(MitochondriaParameters p) => p.NormalizedPsi(DeltaPsiVolts(p));

    /// <summary>[ATP] in M.</summary>
    public double AtpConcentration(MitochondriaParameters p) => Atp * p.TotalAdenine;

    /// <summary>[ADP] in M.</summary>
    public double AdpConcentration(MitochondriaParameters p) => Adp * p.TotalAdenine;

    /// <summary>[NAD⁺] in M.</summary>
    public double NadConcentration(MitochondriaParameters p) => Nad * p.TotalNad;

    /// <summary>[NADH] in M.</summary>
    public double NadhConcentration(MitochondriaParameters p) => Nadh * p.TotalNad;
}

/// <summary>
/// Reaction fluxes of the reduced model in units of k₁ (multiply by k₁ for M/s):
/// v₁ = 1, v₂ = β₂·NAD·PYR, v₃ = β₃·ACC·OAA, v₄ = β₄·CIT·NAD, v₅ = β₅·AKG·(1 − ATP)·NAD,
/// v₆ = β₆(OAA − δ₆·AKG), v₇ = β₇·PYR·ATP, v₈ = β₈·OAA; proton leak v_L = β_L·ΔΨ;
/// translocator v_ANT = f·β_ANT·ATP; respiration v_r = β_r (1 − NAD)/(δ_r1 + 1 − NAD)/(1 + e^{δ_r2(ΔΨ−1)});
/// synthase v_ATP = β_ATP (2/(1 + e^{δ_ATP(ATP − a_c)}) − 1), a_c = Pᵢ/(Pᵢ + e^{ΔG₀/RT − δ_c ΔΨ})
/// (<c>mitochondria.py</c>, <c>Mito.reaction_rates</c>; Nazaret et al. 2009).
/// </summary>
/// <param name="V1">v₁ = 1 (the unit of the fluxes).</param>
/// <param name="V2">v₂ = β₂·NAD·PYR.</param>
/// <param name="V3">v₃ = β₃·ACC·OAA.</param>
/// <param name="V4">v₄ = β₄·CIT·NAD.</param>
/// <param name="V5">v₅ = β₅·AKG·(1 − ATP)·NAD.</param>
/// <param name="V6">v₆ = β₆(OAA − δ₆·AKG).</param>
/// <param name="V7">v₇ = β₇·PYR·ATP.</param>
/// <param name="V8">v₈ = β₈·OAA.</param>
/// <param name="Leak">Proton leak v_L = β_L·ΔΨ.</param>
/// <param name="Ant">Adenine nucleotide translocator v_ANT = f·β_ANT·ATP.</param>
/// <param name="Resp">Respiration v_r.</param>
/// <param name="Synthase">ATP synthase v_ATP.</param>
public sealed record MitochondrialFluxes(
    double V1, double V2, double V3, double V4, double V5, double V6, double V7, double V8,
    double Leak, double Ant, double Resp, double Synthase);
