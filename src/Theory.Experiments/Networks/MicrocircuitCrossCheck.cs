using System.Globalization;
using P = Theory.Experiments.Networks.MicrocircuitParameters;

namespace Theory.Experiments.Networks;

/// <summary>One population of the microcircuit cross-check.</summary>
/// <param name="Population">Population name (L23E … L6I).</param>
/// <param name="RatePublishedHz">Published full-scale rate (NEST's, <see cref="MicrocircuitPublished"/>), Hz.</param>
/// <param name="PublishedSpreadHz">Spread of the published full-scale rates of this population (max − min over the sources), Hz.</param>
/// <param name="RatePredictedHz">Mean-field rate of the simulated (scaled) model, Hz.</param>
/// <param name="RateSimulatedHz">Simulated rate, mean over seeds, Hz.</param>
/// <param name="RateSeHz">Standard error of the simulated rate over time blocks and seeds, Hz.</param>
/// <param name="Cv">Mean ISI CV over seeds.</param>
/// <param name="PredictedToleranceHz">Tolerance of simulated vs predicted, Hz.</param>
/// <param name="PublishedToleranceHz">Tolerance of simulated vs published, Hz.</param>
/// <param name="Verdict">"agree" when within both tolerances; else "disagree-predicted", "disagree-published" or "disagree".</param>
public sealed record MicrocircuitCrossCheckRow(
    string Population, double RatePublishedHz, double PublishedSpreadHz, double RatePredictedHz, double RateSimulatedHz,
    double RateSeHz, double Cv, double PredictedToleranceHz, double PublishedToleranceHz, string Verdict);

/// <summary>
/// Simulated vs predicted vs published rates of the Potjans &amp; Diesmann (2014) microcircuit.
/// <para>Tolerances. Predicted: 3 s.e. + <see cref="ModelError"/> × ν_pred, the statistical error of the
/// simulation plus the bias of the diffusion approximation with the Fourcaud–Brunel shift for this
/// network. Published: 3 s.e. + <see cref="MicrocircuitPublished.RelativeSpread"/> × ν_pub, the
/// scatter between the independent published full-scale simulations. The published comparison applies
/// to the full network only (a scaled network has its own rates): for scale &lt; 1 it is reported but
/// does not enter the verdict.</para>
/// </summary>
public static class MicrocircuitCrossCheck
{
    /// <summary>Relative bias allowed to the shifted-Siegert prediction (0.25). Measured at full scale
    /// (seed 1, 1 s, two realisations; docs/MODELS.md): simulated − predicted = +23.5 % for L2/3E (0.93 vs 0.756 Hz), ≤ 9 %
    /// for the seven others. L2/3E sits lowest below threshold (y_θ = (θ + Δ − μ)/σ = 2.2), where
    /// ln ν ≈ −y_θ² magnifies a small error of μ or σ: δν/ν ≈ 2 y_θ δy_θ, so 23 % is δy_θ ≈ 0.05,
    /// i.e. 0.3 mV of μ (half an inhibitory PSP peak) — the size of the corrections the
    /// diffusion approximation neglects (finite PSPs, input correlations). Not an a-priori bound: the
    /// measured largest deviation, rounded up.</summary>
    public const double ModelError = 0.25;

    /// <summary>Warm-up discarded before the measured <c>duration</c>, s.</summary>
    public const double Warmup = 0.3;

    /// <summary>Runs <paramref name="seeds"/> simulations (seeds 1 … seeds) of <paramref name="duration"/> s
    /// after a warm-up of <paramref name="warmup"/> s (default <see cref="Warmup"/>) on <paramref name="threads"/> threads at
    /// <paramref name="scale"/>, and compares them with the mean field and the published rates, one row per population.</summary>
    /// <exception cref="ArgumentException">duration ≤ 0, warmup &lt; 0, seeds &lt; 1, threads &lt; 1 or scale outside (0, 1].</exception>
    public static IReadOnlyList<MicrocircuitCrossCheckRow> Run(double duration, int seeds, int threads, double scale = 1, double warmup = Warmup)
    {
        Guard.Positive(duration);
        Guard.NonNegative(warmup);
        if (seeds < 1) throw new ArgumentException($"seeds = {seeds} is invalid: it must be >= 1.", nameof(seeds));
        if (threads < 1) throw new ArgumentException($"threads = {threads} is invalid: it must be >= 1.", nameof(threads));
        var results = Enumerable.Range(1, seeds)
            .Select(s => new MicrocircuitSimulation(scale, duration, warmup, (ulong)s, threads, BlockLength: Math.Min(0.1, duration)).Run())
            .ToArray();
        return Compare(results);
    }

    /// <summary>The cross-check rows of finished simulations of one model (the seeds of one scale).</summary>
    public static IReadOnlyList<MicrocircuitCrossCheckRow> Compare(IReadOnlyList<MicrocircuitResult> results)
    {
        Guard.NotNull(results);
        if (results.Count == 0) throw new ArgumentException("results is empty: at least one simulation is required.", nameof(results));
        var model = results[0].Model;
        var predicted = MicrocircuitPrediction.Solve(model).Rates;
        bool full = model.Scale == 1;
        var rows = new MicrocircuitCrossCheckRow[P.Populations];
        for (int a = 0; a < P.Populations; a++)
        {
            var blocks = results.SelectMany(r => r.BlockRates[a]).ToArray();
            double mean = blocks.Average();
            double se = blocks.Length > 1 ? Math.Sqrt(blocks.Sum(x => (x - mean) * (x - mean)) / (blocks.Length - 1) / blocks.Length) : double.NaN;
            double cv = results.Select(r => r.Cv[a]).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average();
            double pub = MicrocircuitPublished.Rate(a), spread = MicrocircuitPublished.Spread(a);
            double tolPred = 3 * se + ModelError * predicted[a];
            double tolPub = 3 * se + MicrocircuitPublished.RelativeSpread * pub;
            bool okPred = Math.Abs(mean - predicted[a]) <= tolPred;
            bool okPub = !full || Math.Abs(mean - pub) <= tolPub;
            string verdict = okPred && okPub ? "agree" : !okPred && !okPub ? "disagree" : okPred ? "disagree-published" : "disagree-predicted";
            rows[a] = new MicrocircuitCrossCheckRow(P.Names[a], pub, spread, predicted[a], mean, se, cv, tolPred, tolPub, verdict);
        }
        return rows;
    }

    /// <summary>One line, invariant culture: <c>population=L23E rate_published_hz=… rate_predicted_hz=…
    /// rate_simulated_hz=… rate_se_hz=… cv=… verdict=agree</c>.</summary>
    public static string FormatLine(MicrocircuitCrossCheckRow row)
    {
        Guard.NotNull(row);
        string F(double x) => x.ToString("0.####", CultureInfo.InvariantCulture);
        return $"population={row.Population} rate_published_hz={F(row.RatePublishedHz)} rate_predicted_hz={F(row.RatePredictedHz)} " +
               $"rate_simulated_hz={F(row.RateSimulatedHz)} rate_se_hz={F(row.RateSeHz)} cv={F(row.Cv)} verdict={row.Verdict}";
    }
}
