using Theory.Metabolic;

namespace Theory.Experiments.Metabolic;

/// <summary>Firing and avalanche summary of one half of a run (<c>avalan_props.process_each_file</c>):
/// mean rate over neurons (Hz), mean ISI over all ISIs (s), mean CV (population SD/mean) of the ISIs over neurons with ≥ 1 ISI (as the code),
/// branching ratio and the paper's duration exponent α_D (NaN if fewer than 2 distinct durations).</summary>
public sealed record FiringSummary(double RateHz, double MeanIsi, double MeanCv, double BranchingRatio, double DurationAlpha, int AvalancheCount)
{
    /// <summary>Summary of the spikes in [from, to) of a population of n neurons, avalanches in 1 ms bins.</summary>
    public static FiringSummary Of(double[] times, int[] indices, int n, double from, double to)
    {
        Guard.NotNull(times); Guard.NotNull(indices);
        Guard.InRange(n, 1, int.MaxValue);
        if (!(to > from)) throw new ArgumentException($"to = {to} is invalid: it must exceed from = {from}.", nameof(to));
        var trains = new List<double>[n];
        for (int i = 0; i < n; i++) trains[i] = new();
        var inWindow = new List<double>();
        for (int k = 0; k < times.Length; k++)
            if (times[k] >= from && times[k] < to) { trains[indices[k]].Add(times[k]); inWindow.Add(times[k] - from); }
        double isiSum = 0; long isiN = 0; double cvSum = 0; int cvN = 0;
        foreach (var tr in trains)
        {
            int m = tr.Count - 1;
            if (m < 1) continue;
            double sum = 0, sum2 = 0;
            for (int j = 1; j < tr.Count; j++) { double d = tr[j] - tr[j - 1]; sum += d; sum2 += d * d; }
            isiSum += sum; isiN += m;
            double mean = sum / m;
            cvSum += Math.Sqrt(Math.Max(0, sum2 / m - mean * mean)) / mean; cvN++;
        }
        var av = Avalanches.FromSpikes(inWindow.ToArray(), to - from, 1e-3);
        double alpha = double.NaN;
        if (av.Sizes.Length >= 2 && av.DurationBins.Distinct().Count() >= 2)
            alpha = Avalanches.PaperFits(av).Duration.Alpha;
        return new(inWindow.Count / (n * (to - from)), isiN > 0 ? isiSum / isiN : double.NaN, cvN > 0 ? cvSum / cvN : double.NaN,
            av.BranchingRatio, alpha, av.Sizes.Length);
    }
}

/// <summary>One (w_e, w_i) cell of the sweep: the input (first) and input-free (second) halves.</summary>
public sealed record MetabolicSweepCell(double ExcWeight, double InhWeight, FiringSummary WithInput, FiringSummary WithoutInput);

/// <summary>
/// The (w_e, w_i) sweep of Chintaluri &amp; Vogels 2023 Fig. S4 (<c>nw_va.big_sweep</c>, <c>fig3_nw_supp.py</c>):
/// the network of <see cref="MetabolicNetworkSimulation"/> at every pair of excitatory and inhibitory weights
/// (paper: w_e = 0.1…1, w_i = 1…10 in units of g_L, seed 20), with the metabolic current (A_max = 25 mV)
/// or without it (the Vogels &amp; Abbott 2005 network, A_max = 0 and a fixed 5 ms refractory period).
/// </summary>
public sealed record MetabolicNetworkSweep(MetabolicNetworkSimulation Base, double[] ExcWeights, double[] InhWeights)
{
    /// <summary>Runs the grid (row-major in w_e) and summarizes both halves of every run.</summary>
    public MetabolicSweepCell[] Run(Action<int, int>? progress = null)
    {
        Guard.NotNull(Base); Guard.NotNull(ExcWeights); Guard.NotNull(InhWeights);
        Guard.AllFinite(ExcWeights); Guard.AllFinite(InhWeights);
        var cells = new List<MetabolicSweepCell>();
        int total = ExcWeights.Length * InhWeights.Length;
        foreach (var we in ExcWeights)
            foreach (var wi in InhWeights)
            {
                var cfg = Base with { ExcWeight = we, InhWeight = wi };
                var r = cfg.Run(fitXMinByKs: false, bootstraps: 0);
                double half = cfg.Duration / 2;
                cells.Add(new(we, wi, FiringSummary.Of(r.SpikeTimes, r.SpikeIndices, cfg.N, 0, half),
                    FiringSummary.Of(r.SpikeTimes, r.SpikeIndices, cfg.N, half, cfg.Duration)));
                progress?.Invoke(cells.Count, total);
            }
        return cells.ToArray();
    }
}
