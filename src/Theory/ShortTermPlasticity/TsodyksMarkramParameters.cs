namespace Theory.ShortTermPlasticity;

/// <summary>
/// Where the facilitation variable u rests and whether a spike releases with u before or after
/// its facilitation increment. The steady states differ between conventions, so every formula
/// of <see cref="TsodyksMarkram"/> follows the one carried by the parameters.
/// </summary>
public enum TsodyksMarkramConvention
{
    /// <summary>The convention of Jia, Vogels &amp; Costa (2022)'s code (djia/dev-stp, Brian2;
    /// also Markram, Wang &amp; Tsodyks 1998, PNAS 95:5323 with a separate increment f):
    /// du/dt = (U − u)/τ_F, dx/dt = (1 − x)/τ_D; at a spike r = u⁻x⁻, x⁺ = x⁻ − r,
    /// u⁺ = u⁻ + f(1 − u⁻). A rested synapse releases U. The default.</summary>
    ReleaseThenFacilitate,
    /// <summary>Tsodyks, Pawelzik &amp; Markram (1998), Neural Comput. 10:821:
    /// du/dt = −u/τ_F; at a spike u⁺ = u⁻ + f(1 − u⁻) (f = U), r = u⁺x⁻, x⁺ = x⁻ − r.
    /// A rested synapse releases f.</summary>
    TsodyksPawelzikMarkram1998,
    /// <summary>u rests at U and is incremented before release (Brian2's documented
    /// Tsodyks–Markram example): du/dt = (U − u)/τ_F; at a spike u⁺ = u⁻ + f(1 − u⁻),
    /// r = u⁺x⁻. A rested synapse releases U + f(1 − U).</summary>
    FacilitateThenReleaseRestingAtU,
}

/// <summary>
/// Parameters of a Tsodyks–Markram synapse (Tsodyks &amp; Markram 1997, PNAS 94:719;
/// Tsodyks, Pawelzik &amp; Markram 1998). Immutable; copy with a change through
/// <see cref="With"/>.
/// </summary>
public sealed record TsodyksMarkramParameters
{
    /// <summary>Baseline release probability U (dimensionless, (0, 1]): the value u rests at
    /// (conventions resting at U) and the default facilitation increment.</summary>
    public double U { get; }
    /// <summary>Recovery (depression) time constant τ_D of the resources x (s).</summary>
    public double TauD { get; }
    /// <summary>Facilitation time constant τ_F of u (s).</summary>
    public double TauF { get; }
    /// <summary>Facilitation increment f ([0, 1]): u ← u + f(1 − u) at a spike.</summary>
    public double F { get; }
    /// <summary>Amplitude A multiplying the released fraction (dimensionless); the paper's code
    /// uses A = 1/U so that a rested synapse has efficacy 1.</summary>
    public double Amplitude { get; }
    /// <summary>The update convention (see <see cref="TsodyksMarkramConvention"/>).</summary>
    public TsodyksMarkramConvention Convention { get; }

    /// <param name="u">Baseline release probability U, (0, 1].</param>
    /// <param name="tauD">Depression time constant τ_D (s), &gt; 0.</param>
    /// <param name="tauF">Facilitation time constant τ_F (s), &gt; 0.</param>
    /// <param name="f">Facilitation increment f in [0, 1]; null means f = U.</param>
    /// <param name="amplitude">Amplitude A &gt; 0 (default 1).</param>
    /// <param name="convention">Update convention (default: the paper's code).</param>
    public TsodyksMarkramParameters(double u, double tauD, double tauF, double? f = null, double amplitude = 1.0,
        TsodyksMarkramConvention convention = TsodyksMarkramConvention.ReleaseThenFacilitate)
    {
        if (!(u > 0 && u <= 1))
            throw new ArgumentException($"U = {u} is invalid: the valid range is (0, 1].", "U");
        Guard.Positive(tauD, "tauD");
        Guard.Positive(tauF, "tauF");
        double fv = f ?? u;
        Guard.Probability(fv, "f");
        Guard.Positive(amplitude, "amplitude");
        if (!Enum.IsDefined(convention))
            throw new ArgumentException($"convention = {convention} is invalid: use one of {string.Join(", ", Enum.GetNames<TsodyksMarkramConvention>())}.", nameof(convention));
        U = u; TauD = tauD; TauF = tauF; F = fv; Amplitude = amplitude; Convention = convention;
    }

    /// <summary>A copy with the given fields changed.</summary>
    public TsodyksMarkramParameters With(double? u = null, double? tauD = null, double? tauF = null, double? f = null,
        double? amplitude = null, TsodyksMarkramConvention? convention = null) =>
        new(u ?? U, tauD ?? TauD, tauF ?? TauF, f ?? F, amplitude ?? Amplitude, convention ?? Convention);

    /// <summary>u between spikes relaxes to this value: U, or 0 for TPM98.</summary>
    public double RestingU => Convention == TsodyksMarkramConvention.TsodyksPawelzikMarkram1998 ? 0.0 : U;

    /// <summary>True when a spike increments u before it releases.</summary>
    public bool FacilitatesBeforeRelease => Convention != TsodyksMarkramConvention.ReleaseThenFacilitate;

    /// <summary>Released fraction of a fully rested synapse (u = resting value, x = 1):
    /// E(0⁺) per spike before the amplitude.</summary>
    public double RestedRelease => FacilitatesBeforeRelease ? RestingU + F * (1 - RestingU) : RestingU;

    /// <summary>Early (depressing) excitatory synapse of Jia, Vogels &amp; Costa (2022), from the
    /// fits used in their code (djia/dev-stp, run.py): U = 0.3917, τ_D = 313.4 ms,
    /// τ_F = 79.8 ms, f = 0.0625, A = 1/U. Also their inhibitory synapse at every stage.</summary>
    public static TsodyksMarkramParameters JiaVogelsCosta2022Depressing { get; } =
        new(0.3917, 0.3134, 0.0798, 0.0625, 1.0 / 0.3917);

    /// <summary>Late (facilitating) excitatory synapse of Jia, Vogels &amp; Costa (2022)
    /// (djia/dev-stp, run.py): U = 0.1973, τ_D = 84.5 ms, τ_F = 295.9 ms, f = 0.1168, A = 1/U.</summary>
    public static TsodyksMarkramParameters JiaVogelsCosta2022Facilitating { get; } =
        new(0.1973, 0.0845, 0.2959, 0.1168, 1.0 / 0.1973);

    /// <summary>The facilitating example of the spec's check values in the TPM98 convention
    /// (U = 0.2, τ_D = 0.3 s, τ_F = 0.5 s).</summary>
    public static TsodyksMarkramParameters TsodyksPawelzikMarkram1998Facilitating { get; } =
        new(0.2, 0.3, 0.5, convention: TsodyksMarkramConvention.TsodyksPawelzikMarkram1998);
}
