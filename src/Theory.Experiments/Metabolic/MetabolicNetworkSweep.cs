using Theory.Experiments.Sweeps;
using Theory.Metabolic;

namespace Theory.Experiments.Metabolic;

/// <summary>Firing and avalanche summary of one half of a run (<c>avalan_props.process_each_file</c>):
/// mean rate over neurons (Hz), mean ISI over all ISIs (s), mean CV (population SD/mean) of the ISIs over neurons with ≥ 1 ISI (as the code),
/// branching ratio and the paper's duration exponent α_D (NaN if fewer than 2 distinct durations).</summary>
/// <param name="RateHz">Mean rate over neurons, Hz.</param>
/// <param name="MeanIsi">Mean ISI over all ISIs, s.</param>
/// <param name="MeanCv">Mean ISI CV over neurons with at least one ISI.</param>
/// <param name="BranchingRatio">Branching ratio σ.</param>
/// <param name="DurationAlpha">The paper's duration exponent α_D (NaN if fewer than 2 distinct durations).</param>
/// <param name="AvalancheCount">Number of avalanches.</param>
public sealed record FiringSummary(double RateHz, double MeanIsi, double MeanCv, double BranchingRatio, double DurationAlpha, int AvalancheCount)
{
    /// <summary>Summary of the spikes in [from, to) of a population of n neurons, avalanches in 1 ms bins.</summary>
    /// <remarks>The window's spikes are grouped by neuron with a counting sort (stable: each neuron's spikes keep the
    /// order of <paramref name="times"/>), so the sums run in the same order as per-neuron lists would give.</remarks>
    /// <param name="times">Spike times, s.</param>
    /// <param name="indices">Neuron of each spike, in [0, n); as long as <paramref name="times"/>.</param>
    /// <param name="n">Number of neurons, ≥ 1.</param>
    /// <param name="from">Start of the window, s.</param>
    /// <param name="to">End of the window (exclusive), s; &gt; from.</param>
    public static FiringSummary Of(double[] times, int[] indices, int n, double from, double to)
    {
        Guard.NotNull(times); Guard.NotNull(indices);
        Guard.InRange(n, 1, int.MaxValue);
        if (!(to > from)) throw new ArgumentException($"to = {to} is invalid: it must exceed from = {from}.", nameof(to));
        if (indices.Length != times.Length)
            throw new ArgumentException($"indices has {indices.Length} entries, times {times.Length}: they must be equally long.", nameof(indices));
        // counting sort of the window's spikes by neuron: start[i] .. start[i + 1] holds neuron i's spike times
        var start = new int[n + 1];
        int count = 0;
        for (int k = 0; k < times.Length; k++)
            if (times[k] >= from && times[k] < to)
            {
                int i = indices[k];
                if ((uint)i >= (uint)n)
                    throw new ArgumentException($"indices[{k}] = {i} is invalid: neuron indices lie in [0, {n - 1}].", nameof(indices));
                start[i + 1]++; count++;
            }
        for (int i = 0; i < n; i++) start[i + 1] += start[i];
        var fill = start[..n];
        var byNeuron = new double[count];
        var inWindow = new double[count];
        for (int k = 0, j = 0; k < times.Length; k++)
            if (times[k] >= from && times[k] < to) { byNeuron[fill[indices[k]]++] = times[k]; inWindow[j++] = times[k] - from; }
        double isiSum = 0; long isiN = 0; double cvSum = 0; int cvN = 0;
        for (int i = 0; i < n; i++)
        {
            int a = start[i], m = start[i + 1] - a - 1;
            if (m < 1) continue;
            double sum = 0, sum2 = 0;
            for (int j = a + 1; j <= a + m; j++) { double d = byNeuron[j] - byNeuron[j - 1]; sum += d; sum2 += d * d; }
            isiSum += sum; isiN += m;
            double mean = sum / m;
            cvSum += Math.Sqrt(Math.Max(0, sum2 / m - mean * mean)) / mean; cvN++;
        }
        var av = Avalanches.FromSpikes(inWindow, to - from, 1e-3);
        double alpha = double.NaN;
        if (av.Sizes.Length >= 2 && av.DurationBins.Distinct().Count() >= 2)
            alpha = Avalanches.PaperFits(av).Duration.Alpha;
        return new(count / (n * (to - from)), isiN > 0 ? isiSum / isiN : double.NaN, cvN > 0 ? cvSum / cvN : double.NaN,
            av.BranchingRatio, alpha, av.Sizes.Length);
    }
}

/// <summary>One (w_e, w_i) cell of the sweep: the input (first) and input-free (second) halves.</summary>
/// <param name="ExcWeight">w_e, in units of g_L.</param>
/// <param name="InhWeight">w_i, in units of g_L.</param>
/// <param name="WithInput">Summary of the first half (with input).</param>
/// <param name="WithoutInput">Summary of the second half (without input).</param>
public sealed record MetabolicSweepCell(double ExcWeight, double InhWeight, FiringSummary WithInput, FiringSummary WithoutInput);

/// <summary>
/// The (w_e, w_i) sweep of Chintaluri &amp; Vogels 2023 Fig. S4 (<c>nw_va.big_sweep</c>, <c>fig3_nw_supp.py</c>):
/// the network of <see cref="MetabolicNetworkSimulation"/> at every pair of excitatory and inhibitory weights
/// (paper: w_e = 0.1…1, w_i = 1…10 in units of g_L, seed 20), with the metabolic current (A_max = 25 mV)
/// or without it (the Vogels &amp; Abbott 2005 network, A_max = 0 and a fixed 5 ms refractory period).
/// </summary>
/// <param name="Base">The network whose weights are swept.</param>
/// <param name="ExcWeights">Excitatory weights w_e, in units of g_L.</param>
/// <param name="InhWeights">Inhibitory weights w_i, in units of g_L.</param>
public sealed record MetabolicNetworkSweep(MetabolicNetworkSimulation Base, double[] ExcWeights, double[] InhWeights)
{
    /// <summary>Runs the grid (row-major in w_e) and summarizes both halves of every run. The cells run as a
    /// <see cref="Sweep"/> on every core; with <paramref name="folder"/> each finished cell is stored there and a
    /// rerun resumes (the folder is tied to this configuration: another one is refused).</summary>
    public MetabolicSweepCell[] Run(Action<int, int>? progress = null, string? folder = null, SweepOptions? options = null)
    {
        Guard.NotNull(Base); Guard.NotNull(ExcWeights); Guard.NotNull(InhWeights);
        Guard.AllFinite(ExcWeights); Guard.AllFinite(InhWeights);
        var points = Sweep.Grid([new("w_e", ExcWeights), new KeyValuePair<string, double[]>("w_i", InhWeights)]);
        var o = (options ?? new SweepOptions()) with { Progress = progress is null ? null : (_, k, n) => progress(k, n) };
        var result = Sweep.Run(points, p => Row(Summarize(Base with { ExcWeight = p["w_e"], InhWeight = p["w_i"] })), folder, o,
                               "metabolic-network-sweep " + Base);
        return result.Records.Select(r => r switch
        {
            { Row: { } row } => FromRow(r.Point["w_e"], r.Point["w_i"], row),
            _ => throw new InvalidOperationException($"MetabolicNetworkSweep: cell ({r?.Point}) failed: {r?.Error}"),
        }).ToArray();
    }

    /// <summary>One cell: simulates <paramref name="cfg"/> (the network and spikes of <see cref="MetabolicNetworkSimulation.Run"/>,
    /// without its second-half avalanche fits, which the cell does not use) and summarizes both halves. Where M is
    /// inert (A_max = 0, the Vogels–Abbott control) it is not integrated (<see cref="MetabolicLif.IntegrateInertMetabolicState"/>):
    /// the spikes are bit-identical.</summary>
    public static MetabolicSweepCell Summarize(MetabolicNetworkSimulation cfg)
    {
        Guard.NotNull(cfg);
        var (net, pop, _) = cfg.Build();
        // the cell reads spikes only: an inert M (the Vogels–Abbott control) need not be integrated
        pop.IntegrateInertMetabolicState = false;
        var spikes = net.MonitorSpikes(pop);
        net.Run(cfg.Duration);
        double[] times = spikes.Times;
        int[] indices = spikes.Indices;
        double half = cfg.Duration / 2;
        return new(cfg.ExcWeight, cfg.InhWeight, FiringSummary.Of(times, indices, cfg.N, 0, half),
            FiringSummary.Of(times, indices, cfg.N, half, cfg.Duration));
    }

    static readonly string[] Halves = ["input", "no_input"];

    /// <summary>A cell as a sweep row: per half (input_, no_input_) rate_hz, isi_s, cv, branching, alpha_d, avalanches.</summary>
    public static SweepRow Row(MetabolicSweepCell cell)
    {
        Guard.NotNull(cell);
        var row = new SweepRow();
        foreach (var (h, s) in Halves.Zip(new[] { cell.WithInput, cell.WithoutInput }))
            row.Add(h + "_rate_hz", s.RateHz).Add(h + "_isi_s", s.MeanIsi).Add(h + "_cv", s.MeanCv)
               .Add(h + "_branching", s.BranchingRatio).Add(h + "_alpha_d", s.DurationAlpha).Add(h + "_avalanches", s.AvalancheCount);
        return row;
    }

    /// <summary>The cell back from its row (<see cref="Row"/>).</summary>
    public static MetabolicSweepCell FromRow(double excWeight, double inhWeight, SweepRow row)
    {
        Guard.NotNull(row);
        FiringSummary Half(string h) => new(row.Number(h + "_rate_hz"), row.Number(h + "_isi_s"), row.Number(h + "_cv"),
            row.Number(h + "_branching"), row.Number(h + "_alpha_d"), (int)row.Number(h + "_avalanches"));
        return new(excWeight, inhWeight, Half("input"), Half("no_input"));
    }
}
