namespace Theory.Metabolic;

/// <summary>
/// Parameters of the reduced TCA-cycle / oxidative-phosphorylation model of Nazaret, Heiske,
/// Thurley &amp; Mazat (J. Theor. Biol. 258:455, 2009) as used by Chintaluri &amp; Vogels
/// (PNAS 120:e2306525120, 2023; code ccluri/metabolic_spiking, <c>mitochondria.py</c>, module
/// constants). Concentrations in M, first-order rates in 1/s, second-order in 1/(M s),
/// potentials in V. The model is integrated in normalized variables (each concentration over
/// its scale, ΔΨ over <see cref="ReferencePotential"/>) and normalized time τ.
/// </summary>
/// <remarks>
/// Time: the paper's code advances τ by (k₁/[pyr]ₛ)·dt with dt in milliseconds although the
/// rate constants are per second; the mitochondrion therefore runs 1000× faster than the
/// rates read literally. <see cref="TimeUnit"/> (1 ms) keeps that convention explicit:
/// dτ/dt = k₁/([pyr]ₛ·TimeUnit) with t in s.
/// </remarks>
public sealed record MitochondriaParameters
{
    /// <summary>k₁, pyruvate supply (M/s).</summary>
    public double K1 { get; init; } = 38e-6;
    /// <summary>k₂, pyruvate dehydrogenase (1/(M s)).</summary>
    public double K2 { get; init; } = 152;
    /// <summary>k₃, citrate synthase (1/(M s)).</summary>
    public double K3 { get; init; } = 57142;
    /// <summary>k₄, isocitrate dehydrogenase lump (1/(M s)).</summary>
    public double K4 { get; init; } = 53;
    /// <summary>k₅, α-ketoglutarate dehydrogenase / succinyl-CoA synthetase lump (1/(M² s)).</summary>
    public double K5 { get; init; } = 82361;
    /// <summary>k₆, aspartate aminotransferase (1/s).</summary>
    public double K6 { get; init; } = 3.2e-3;
    /// <summary>k₇, pyruvate carboxylase (1/(M s)).</summary>
    public double K7 { get; init; } = 40;
    /// <summary>k₈, oxaloacetate efflux (1/s).</summary>
    public double K8 { get; init; } = 3.6;
    /// <summary>k_L, proton leak (M/(V s)).</summary>
    public double KLeak { get; init; } = 0.426e-3;
    /// <summary>k_r, respiratory chain (M/s).</summary>
    public double KResp { get; init; } = 0.0024905;
    /// <summary>k_ATP, ATP synthase (M/s).</summary>
    public double KAtp { get; init; } = 0.1318967;

    /// <summary>Total adenine nucleotide A_t = [ATP] + [ADP] (M).</summary>
    public double TotalAdenine { get; init; } = 4.16e-3;
    /// <summary>Total NAD N_t = [NAD⁺] + [NADH] (M).</summary>
    public double TotalNad { get; init; } = 1.07e-3;
    /// <summary>Aspartate (M).</summary>
    public double Aspartate { get; init; } = 1.6e-3;
    /// <summary>Glutamate (M).</summary>
    public double Glutamate { get; init; } = 5.3e-3;
    /// <summary>K_NAD of the respiratory chain (M).</summary>
    public double KNad { get; init; } = 0.002;
    /// <summary>Inorganic phosphate [Pᵢ] (M).</summary>
    public double Phosphate { get; init; } = 2.4e-3;
    /// <summary>Mitochondrial capacitance C_mito (M/V; "mM/V" in the code's comment).</summary>
    public double Capacitance { get; init; } = 6.75e-3;
    /// <summary>Steepness a of the respiratory-chain ΔΨ dependence (1/V).</summary>
    public double RespSteepness { get; init; } = 100;
    /// <summary>Steepness b of the ATP-synthase sigmoid (1/M).</summary>
    public double SynthaseSteepness { get; init; } = 4;
    /// <summary>Standard free energy of ATP synthesis ΔG₀ (J/mol).</summary>
    public double DeltaG0 { get; init; } = 30540;
    /// <summary>Protons per ATP times 3 in the ΔΨ term of the synthase (1.2·3).</summary>
    public double ProtonFactor { get; init; } = 3.6;
    /// <summary>Temperature (K).</summary>
    public double Temperature { get; init; } = 298;
    /// <summary>Gas constant (J/(mol K)).</summary>
    public double GasConstant { get; init; } = 8.314;
    /// <summary>Faraday constant as in the code (96465 C/mol; the CODATA value is 96485).</summary>
    public double Faraday { get; init; } = 96465;

    /// <summary>Scale (steady state of Nazaret et al.) of pyruvate (M).</summary>
    public double PyrScale { get; init; } = 0.14e-3;
    /// <summary>Scale of acetyl-CoA (M).</summary>
    public double AccScale { get; init; } = 0.07e-3;
    /// <summary>Scale of citrate (M).</summary>
    public double CitScale { get; init; } = 0.4e-3;
    /// <summary>Scale of α-ketoglutarate (M).</summary>
    public double AkgScale { get; init; } = 0.25e-3;
    /// <summary>Scale of oxaloacetate (M).</summary>
    public double OaaScale { get; init; } = 0.005e-3;
    /// <summary>Reference (steady-state) membrane potential ΔΨ_m that normalizes ΔΨ (V).</summary>
    public double ReferencePotential { get; init; } = 0.150;

    /// <summary>Lower end ψ_min of the normalized potential ψ = (ΔΨ − ψ_min)/(ψ_max − ψ_min) (V).</summary>
    public double PsiMin { get; init; } = 0.125;
    /// <summary>Upper end ψ_max (V).</summary>
    public double PsiMax { get; init; } = 0.190;

    /// <summary>ATP operating range: k_ANT = demand / range (code: <c>atp_range</c>, 1000).</summary>
    public double AtpRange { get; init; } = 1000;

    /// <summary>Unit of the code's time axis (s): 1 ms, see remarks.</summary>
    public double TimeUnit { get; init; } = 1e-3;

    /// <summary>The parameters of <c>mitochondria.py</c> (Chintaluri &amp; Vogels 2023, after
    /// Nazaret et al. 2009).</summary>
    public static MitochondriaParameters ChintaluriVogels2023 { get; } = new();

    /// <summary>Copy with some fields changed (for F#).</summary>
    public MitochondriaParameters With(double? kLeak = null, double? kResp = null, double? kAtp = null,
        double? atpRange = null, double? timeUnit = null) => this with
    {
        KLeak = kLeak ?? KLeak, KResp = kResp ?? KResp, KAtp = kAtp ?? KAtp,
        AtpRange = atpRange ?? AtpRange, TimeUnit = timeUnit ?? TimeUnit,
    };

    /// <summary>Throws ArgumentException if a parameter is not positive and finite.</summary>
    public void Validate()
    {
        Guard.Positive(K1); Guard.Positive(K2); Guard.Positive(K3); Guard.Positive(K4);
        Guard.Positive(K5); Guard.Positive(K6); Guard.Positive(K7); Guard.Positive(K8);
        Guard.Positive(KLeak); Guard.Positive(KResp); Guard.Positive(KAtp);
        Guard.Positive(TotalAdenine); Guard.Positive(TotalNad); Guard.Positive(Aspartate);
        Guard.Positive(Glutamate); Guard.Positive(KNad); Guard.Positive(Phosphate);
        Guard.Positive(Capacitance); Guard.Positive(Temperature); Guard.Positive(AtpRange);
        Guard.Positive(PyrScale); Guard.Positive(AccScale); Guard.Positive(CitScale);
        Guard.Positive(AkgScale); Guard.Positive(OaaScale); Guard.Positive(ReferencePotential);
        Guard.Positive(TimeUnit);
        if (!(PsiMax > PsiMin))
            throw new ArgumentException($"PsiMax = {PsiMax} is invalid: it must exceed PsiMin = {PsiMin}.", nameof(PsiMax));
    }

    /// <summary>dτ/dt = k₁ / ([pyr]ₛ · TimeUnit) (1/s).</summary>
    public double TimeScale => K1 / (PyrScale * TimeUnit);

    /// <summary>k_ANT = demand / AtpRange (1/s) for a baseline ATP demand (code: <c>baseline_atp</c>).</summary>
    public double AntRate(double demand) => Guard.Positive(demand) / AtpRange;

    /// <summary>Normalized ψ = (ΔΨ − ψ_min)/(ψ_max − ψ_min) of a membrane potential ΔΨ in V
    /// (code: <c>to_psi</c>).</summary>
    public double NormalizedPsi(double deltaPsi) => (deltaPsi - PsiMin) / (PsiMax - PsiMin);
}
