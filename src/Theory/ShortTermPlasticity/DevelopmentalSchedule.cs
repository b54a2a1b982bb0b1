namespace Theory.ShortTermPlasticity;

/// <summary>
/// The developmental depression-to-facilitation shift of Jia, Vogels &amp; Costa (2022),
/// Commun. Biol. 5:873, as a parameter family over stage s ∈ [0, 1]. Their code
/// (djia/dev-stp, run.py) moves U, τ_D, τ_F and f from the early (depressing) to the late
/// (facilitating) fit in 3600 logarithmically spaced steps, i.e. geometric interpolation
/// p(s) = p_early^{1−s} p_late^{s} for each of them, with A(s) = 1/U(s) so that a rested
/// synapse always has efficacy 1. (In the paper the next step is taken only while the
/// receiving neuron fires below the target rate; the schedule here is the parameter path,
/// the pace is the experiment's.)
/// </summary>
public sealed record DevelopmentalSchedule
{
    /// <summary>Parameters at stage 0 (early, depressing).</summary>
    public TsodyksMarkramParameters Early { get; }
    /// <summary>Parameters at stage 1 (late, facilitating).</summary>
    public TsodyksMarkramParameters Late { get; }
    /// <summary>Number of discrete steps of the schedule in the paper's code (3600); stage k/(Steps − 1).</summary>
    public int Steps { get; }
    /// <summary>When true (paper), the amplitude is 1/U(s); otherwise it is interpolated too.</summary>
    public bool NormaliseAmplitude { get; }

    /// <summary>The schedule from <paramref name="early"/> (stage 0) to <paramref name="late"/> (stage 1).</summary>
    /// <param name="early">Parameters at stage 0 (early, depressing).</param>
    /// <param name="late">Parameters at stage 1 (late, facilitating); same convention as <paramref name="early"/>.</param>
    /// <param name="steps">Number of discrete steps, ≥ 2 (default 3600, the paper's code).</param>
    /// <param name="normaliseAmplitude">True (paper): amplitude A(s) = 1/U(s); false: A interpolated geometrically too.</param>
    /// <exception cref="ArgumentException">Different conventions, <paramref name="steps"/> &lt; 2, or other invalid input.</exception>
    public DevelopmentalSchedule(TsodyksMarkramParameters early, TsodyksMarkramParameters late, int steps = 3600, bool normaliseAmplitude = true)
    {
        Early = Guard.NotNull(early);
        Late = Guard.NotNull(late);
        if (early.Convention != late.Convention)
            throw new ArgumentException($"late.Convention = {late.Convention} is invalid: it must equal early.Convention = {early.Convention}.", nameof(late));
        if (steps < 2) throw new ArgumentException($"steps = {steps} is invalid: it must be >= 2.", nameof(steps));
        if ((early.F == 0) != (late.F == 0))
            throw new ArgumentException("f is invalid: geometric interpolation needs f > 0 at both ends (or 0 at both).", "f");
        Steps = steps;
        NormaliseAmplitude = normaliseAmplitude;
    }

    /// <summary>The schedule of the paper (djia/dev-stp): early
    /// <see cref="TsodyksMarkramParameters.JiaVogelsCosta2022Depressing"/> to late
    /// <see cref="TsodyksMarkramParameters.JiaVogelsCosta2022Facilitating"/>, 3600 steps.</summary>
    public static DevelopmentalSchedule JiaVogelsCosta2022 { get; } =
        new(TsodyksMarkramParameters.JiaVogelsCosta2022Depressing, TsodyksMarkramParameters.JiaVogelsCosta2022Facilitating);

    static double Geo(double a, double b, double s) => a == b ? a : Math.Exp((1 - s) * Math.Log(a) + s * Math.Log(b));

    /// <summary>The synapse at stage s ∈ [0, 1]: p(s) = p_early^{1−s} p_late^{s}.</summary>
    public TsodyksMarkramParameters At(double stage)
    {
        Guard.Probability(stage);
        double u = Geo(Early.U, Late.U, stage);
        double f = Early.F == 0 ? 0 : Geo(Early.F, Late.F, stage);
        double a = NormaliseAmplitude ? 1 / u : Geo(Early.Amplitude, Late.Amplitude, stage);
        return new(Math.Min(u, 1), Geo(Early.TauD, Late.TauD, stage), Geo(Early.TauF, Late.TauF, stage),
            Math.Min(f, 1), a, Early.Convention);
    }

    /// <summary>The synapse at discrete step k ∈ [0, Steps − 1] (the paper's index).</summary>
    public TsodyksMarkramParameters AtStep(int step)
    {
        Guard.InRange(step, 0, Steps - 1);
        return At((double)step / (Steps - 1));
    }

    /// <summary>
    /// The developmental stage at which a synapse driven at <paramref name="rate"/> (Hz) turns
    /// from net depressing to net facilitating: E(ν; s) = E(0⁺; s). 0 when already net
    /// facilitating at stage 0, +∞ when still depressing at stage 1. Bisection on s (E/E(0⁺)
    /// rises monotonically along the paper's schedule).
    /// </summary>
    public double CrossoverStage(double rate, SpikeTrain train = SpikeTrain.Regular)
    {
        Guard.Positive(rate);
        double g(double s) => TsodyksMarkram.RelativeEfficacy(At(s), rate, train) - 1;
        if (g(0) >= 0) return 0;
        if (g(1) < 0) return double.PositiveInfinity;
        double a = 0, b = 1;
        for (int i = 0; i < 60; i++)
        {
            double m = 0.5 * (a + b);
            if (g(m) < 0) a = m; else b = m;
        }
        return 0.5 * (a + b);
    }
}
