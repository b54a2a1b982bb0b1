using Theory.Experiments.Sweeps;
using Theory.Metabolic;

namespace Theory.Experiments.Metabolic;

/// <summary>One cell of a firing-mode map: the mode (the code's number: RET 0 Bursting, 1 Silent, 2 Regular,
/// 3 Continuous; FET 2 Regular, 3 Silent, 4 Adapting), the intra-burst ISI and inter-burst interval (s; for FET the
/// minimum and maximum ISI), spikes per burst (0 for FET), CV of the ISIs, rate (Hz), mean ROS after 200 ms and the
/// spike count of the run.</summary>
/// <param name="Demand">Baseline ATP demand b.</param>
/// <param name="Quantum">Per-spike ATP cost q.</param>
/// <param name="Mode">The firing mode (the code's number, see the summary).</param>
/// <param name="Isi">Intra-burst ISI (RET) or minimum ISI (FET), s.</param>
/// <param name="Ibi">Inter-burst interval (RET) or maximum ISI (FET), s.</param>
/// <param name="SpikesPerBurst">Spikes per burst (0 for FET).</param>
/// <param name="Cv">CV of the ISIs (NaN when silent).</param>
/// <param name="RateHz">Firing rate, Hz.</param>
/// <param name="MeanRos">Mean ROS after 200 ms.</param>
/// <param name="Spikes">Spike count of the run.</param>
public sealed record FiringMapCell(double Demand, double Quantum, int Mode, double Isi, double Ibi, int SpikesPerBurst,
    double Cv, double RateHz, double MeanRos, int Spikes);

/// <summary>
/// The firing-mode maps of Chintaluri &amp; Vogels 2023, Fig. 2 (bottom) and Fig. S2 (code
/// <c>ret_intrinsic_summary.mega_run</c>, <c>fet_intrinsic_summary.mega_run_fet</c>): the metabolic cell
/// (<see cref="MetabolicCell"/>) over baseline demand × per-spike cost, each run 2.5 s from the fixed point and classified
/// by <see cref="FiringModes"/> (RET: spikes after 500 ms, τ_ref of the base; FET: spikes after 100 ms), with the mean ROS
/// after 200 ms. Paper grids: q = 10^{−2.5…−0.6} (10 log-spaced), RET b = 15…40, FET b = 60…160 (10 each); RET maps for
/// τ_ref ∈ {2, 6, 10} ms × τ_rise ∈ {3, 5, 7} ms.
/// </summary>
/// <param name="Base">The cell parameters shared by every cell of the map.</param>
/// <param name="Demands">Baseline demands b (rows of the map).</param>
/// <param name="Quanta">Per-spike costs q (columns of the map).</param>
/// <param name="Duration">Run length of each cell, s (the paper: 2.5).</param>
/// <param name="Dt">Euler time step, s (the paper: 1e-5).</param>
public sealed record MetabolicFiringMap(MetabolicCellParameters Base, double[] Demands, double[] Quanta, double Duration = 2.5, double Dt = 1e-5)
{
    /// <summary>q = logspace(−2.5, −0.6, 10).</summary>
    public static double[] PaperQuanta() => Enumerable.Range(0, 10).Select(k => Math.Pow(10, -2.5 + 1.9 * k / 9)).ToArray();
    /// <summary>RET demands linspace(15, 40, 10).</summary>
    public static double[] PaperRetDemands() => Enumerable.Range(0, 10).Select(k => 15 + 25.0 * k / 9).ToArray();
    /// <summary>FET demands linspace(60, 160, 10).</summary>
    public static double[] PaperFetDemands() => Enumerable.Range(0, 10).Select(k => 60 + 100.0 * k / 9).ToArray();

    /// <summary>Runs the grid (row-major in q, as the code's [q, b] arrays) as a <see cref="Sweep"/> on every core; with
    /// <paramref name="folder"/> each cell is stored and a rerun resumes.</summary>
    public FiringMapCell[] Run(string? folder = null, SweepOptions? options = null)
    {
        Guard.NotNull(Base).Validate(); Guard.NotNull(Demands); Guard.NotNull(Quanta);
        Guard.AllFinite(Demands); Guard.AllFinite(Quanta);
        var points = Sweep.Grid([new("q", Quanta), new KeyValuePair<string, double[]>("b", Demands)]);
        var result = Sweep.Run(points, pt => Row(Evaluate(Base, pt["b"], pt["q"], Duration, Dt)), folder, options,
            $"metabolic-firing-map {Base} T={Duration} dt={Dt}");
        return result.Records.Select(r => r switch
        {
            { Row: { } row } => FromRow(r.Point["b"], r.Point["q"], row),
            _ => throw new InvalidOperationException($"MetabolicFiringMap: cell ({r?.Point}) failed: {r?.Error}"),
        }).ToArray();
    }

    /// <summary>One cell: simulate at (b, q) and classify.</summary>
    public static FiringMapCell Evaluate(MetabolicCellParameters p, double demand, double quantum, double duration = 2.5, double dt = 1e-5)
    {
        Guard.NotNull(p);
        var q = p.With(quantum: quantum);
        var run = MetabolicCell.Simulate(q, demand, duration, dt);
        if (p.Trigger == MetabolicTrigger.Ret)
        {
            var c = FiringModes.ClassifyRet(run.SpikeTimes, p.Refractory, duration);
            return new(demand, quantum, (int)c.Mode, c.IsiDuration, c.IbiDuration, c.SpikesPerBurst, c.Cv, c.RateHz, run.MeanRos, run.SpikeTimes.Length);
        }
        var f = FiringModes.ClassifyFet(run.SpikeTimes);
        return new(demand, quantum, (int)f.Mode, f.IsiMin, f.IsiMax, 0, f.Cv, f.RateHz, run.MeanRos, run.SpikeTimes.Length);
    }

    /// <summary>A cell as a sweep row.</summary>
    public static SweepRow Row(FiringMapCell c)
    {
        Guard.NotNull(c);
        return new SweepRow().Add("mode", c.Mode).Add("isi_s", c.Isi).Add("ibi_s", c.Ibi).Add("per_burst", c.SpikesPerBurst)
            .Add("cv", c.Cv).Add("rate_hz", c.RateHz).Add("mean_ros", c.MeanRos).Add("spikes", c.Spikes);
    }

    /// <summary>The cell back from its row (<see cref="Row"/>).</summary>
    public static FiringMapCell FromRow(double demand, double quantum, SweepRow row)
    {
        Guard.NotNull(row);
        return new(demand, quantum, (int)row.Number("mode"), row.Number("isi_s"), row.Number("ibi_s"), (int)row.Number("per_burst"),
            row.Number("cv"), row.Number("rate_hz"), row.Number("mean_ros"), (int)row.Number("spikes"));
    }
}
