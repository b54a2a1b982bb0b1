using System.CommandLine;
using System.Text;
using Theory.Metabolic;

namespace Theory.Cli;

/// <summary>
/// `theory metabolic steady|spike-compensation`: the mitochondrial steady state at one ATP demand
/// as key=value lines, and the spike-compensation sweep of Chintaluri &amp; Vogels 2023 (Fig. 1)
/// as CSV.
/// </summary>
public static class MetabolicCommand
{
    /// <summary>Longest simulated train per demand (s) and most demands of the sweep.</summary>
    public const double MaxDuration = 100;

    /// <summary>Most demands of the spike-compensation sweep.</summary>
    public const int MaxPoints = 200;

    /// <summary>Builds the System.CommandLine command `theory metabolic` (steady, spike-compensation), with its options and action.</summary>
    /// <param name="cli">The application: output writers, shared options and error handling.</param>
    public static Command Build(Cli cli)
    {
        var demand = Opt.Real("--demand", "baseline ATP demand X (k_ANT = X/1000 per s; the paper's range is 1..1000)", "", 0, 1e4, 53.87, minOpen: true);
        var leak = Opt.Real("--leak", "extra proton leak conductance (beyond 0.3 the membrane potential collapses: no steady state)", "M/(V s)", 0, 0.3, 0);
        var steady = cli.Command("steady", "steady state at one ATP demand: atp adp nad psi delta_psi_v ros atp_adp ... stable, one key=value per line",
            pr => Steady(cli, pr.GetValue(demand), pr.GetValue(leak)), "another --demand or a smaller --leak (no physical steady state was found).", demand, leak);

        var rate = Opt.Real("--rate", "regular spike rate", "Hz", 0, 500, 10);
        var quantum = Opt.Real("--quantum", "ATP cost of one spike", "", 0, 100, 0.1);
        var mcu = Opt.Real("--mcu", "mitochondrial calcium uniporter factor", "", 0, 1e3, 1e-3);
        var duration = Opt.Real("--duration", "simulated spike train per demand", "s", 0.01, MaxDuration, 10);
        var points = Opt.Whole("--points", "demands, geometric from --low to --high", "", 2, MaxPoints, 20);
        var low = Opt.Real("--low", "lowest demand", "", 0, 1e4, 1, minOpen: true);
        var high = Opt.Real("--high", "highest demand, at least --low", "", 0, 1e4, 1000, minOpen: true);
        var ros = Opt.Choice("--ros", "ROS model", "default", "default", "slow", "fast", "const", "const-fast", "const-slow");
        var comp = cli.Command("spike-compensation",
            "CSV: demand, ROS/ATP/psi without spikes and their means under a regular train (Chintaluri & Vogels 2023 Fig. 1)",
            pr => SpikeCompensationSweep(cli, pr, rate, quantum, mcu, duration, points, low, high, ros),
            "a smaller --rate or --quantum, or another demand range.", rate, quantum, mcu, duration, points, low, high, ros);
        return cli.Command("metabolic", "mitochondrial ATP/ADP/ROS model (Chintaluri & Vogels 2023)", null, null, steady, comp);
    }

    static int Steady(Cli cli, double demand, double leak)
    {
        cli.Maps(("demand", "--demand"), ("leakIncrement", "--leak"));
        var m = Mitochondrion.ChintaluriVogels2023;
        var s = MitochondrialSteadyStates.Solve(m, demand, leak);
        var p = m.Parameters;
        var st = s.State;
        (string, double)[] kv =
        [
            ("demand", demand), ("k_ant_per_s", p.AntRate(demand)), ("atp", st.Atp), ("adp", st.Adp),
            ("nad", st.Nad), ("nadh", st.Nadh), ("psi", s.Psi), ("delta_psi_v", s.DeltaPsiVolts),
            ("ros", s.Ros), ("atp_adp", s.AtpAdpRatio), ("pyr", st.Pyr), ("acc", st.Acc), ("cit", st.Cit),
            ("akg", st.Akg), ("oaa", st.Oaa), ("atp_m", st.AtpConcentration(p)), ("nad_m", st.NadConcentration(p)),
            ("v_ant_m_per_s", s.AtpConsumption(p)), ("v_resp_m_per_s", s.Fluxes.Resp * p.K1),
            ("v_atp_m_per_s", s.Fluxes.Synthase * p.K1), ("leading_eigenvalue_per_s", s.LeadingEigenvalue),
        ];
        var sb = new StringBuilder();
        foreach (var (k, v) in kv) sb.Append(k).Append('=').Append(Fmt.Num(v, k)).Append('\n');
        sb.Append($"stable={(s.Stable ? "true" : "false")}\n");
        cli.Out.Write(sb.ToString());
        if (!s.Stable)
            cli.Err.WriteLine($"note: this physical steady state is unstable (leading eigenvalue {Fmt.Num(s.LeadingEigenvalue, "leading_eigenvalue_per_s")} /s > 0): trajectories leave it and the mitochondrion does not settle there.");
        return 0;
    }

    static int SpikeCompensationSweep(Cli cli, ParseResult pr, Option<double> rateOpt, Option<double> quantumOpt, Option<double> mcuOpt,
        Option<double> durationOpt, Option<int> pointsOpt, Option<double> lowOpt, Option<double> highOpt, Option<string> rosOpt)
    {
        double rate = pr.GetValue(rateOpt), q = pr.GetValue(quantumOpt), mcu = pr.GetValue(mcuOpt), duration = pr.GetValue(durationOpt);
        double low = pr.GetValue(lowOpt), high = pr.GetValue(highOpt);
        if (high < low) throw new ArgumentException($"--high = {Opt.Num(high)} is invalid: it must be at least --low = {Opt.Num(low)}.", "--high");
        var ros = pr.GetValue(rosOpt) switch
        {
            "slow" => RosParameters.Slow,
            "fast" => RosParameters.Fast,
            "const" => RosParameters.Constant,
            "const-fast" => RosParameters.ConstantFast,
            "const-slow" => RosParameters.ConstantSlow,
            _ => RosParameters.Default,
        };
        cli.Maps(("rate", "--rate"), ("duration", "--duration"), ("Quantum", "--quantum"), ("McuFactor", "--mcu"), ("demand", "--low/--high"));
        var cost = SpikeCost.ChintaluriVogels2023.With(quantum: q, mcuFactor: mcu);
        var demands = MitochondrialSteadyStates.GeometricDemands(low, high, pr.GetValue(pointsOpt));
        var prog = new Progress("spike-compensation", cli.Err);
        string[] cols = ["demand", "ros_without_spikes", "ros_with_spikes", "atp_without_spikes", "atp_with_spikes", "psi_without_spikes", "psi_with_spikes"];
        var sb = new StringBuilder(string.Join(",", cols)).Append('\n');
        var m = Mitochondrion.ChintaluriVogels2023;
        for (int i = 0; i < demands.Length; i++)
        {
            var r = SpikeCompensation.Run(m, demands[i], rate, cost, duration, ros);
            sb.Append(Fmt.Row(cols, r.Demand, r.RosWithoutSpikes, r.RosWithSpikes, r.AtpWithoutSpikes,
                r.MeanAtpWithSpikes, r.PsiWithoutSpikes, r.MeanPsiWithSpikes)).Append('\n');
            prog.Report((i + 1.0) / demands.Length);
        }
        cli.Out.Write(sb.ToString());
        return 0;
    }
}
