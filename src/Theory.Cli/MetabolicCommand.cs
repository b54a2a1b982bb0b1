using System.Globalization;
using Theory.Metabolic;

namespace Theory.Cli;

/// <summary>
/// `theory metabolic steady|spike-compensation`: the mitochondrial steady state at one ATP demand
/// as key=value lines, and the spike-compensation sweep of Chintaluri &amp; Vogels 2023 (Fig. 1)
/// as CSV.
/// </summary>
public static class MetabolicCommand
{
    public const string Help = """
        theory metabolic steady --demand X [--leak 0]
            Steady state at baseline ATP demand X (k_ANT = X/1000 per s; paper range 1..1000):
            atp adp nad psi (normalized) delta_psi_v ros atp_adp ... as key=value lines.
        theory metabolic spike-compensation [--rate 10] [--quantum 0.1] [--mcu 0.001] [--duration 10]
            [--points 20] [--low 1] [--high 1000] [--ros default|slow|fast|const|const-fast|const-slow]
            CSV: demand, ROS/ATP/psi without spikes and their means under a regular train.
        """;

    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine(Help);
            return args.Length == 0 ? 2 : 0;
        }
        var o = new Options(args[1..]);
        switch (args[0])
        {
            case "steady":
            {
                double demand = o.Double("demand", 53.87);
                double leak = o.Double("leak", 0);
                o.RejectUnknown();
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
                foreach (var (k, v) in kv) Console.WriteLine($"{k}={Options.Num(v)}");
                Console.WriteLine($"stable={(s.Stable ? "true" : "false")}");
                return 0;
            }
            case "spike-compensation":
            {
                double rate = o.Double("rate", 10);
                double q = o.Double("quantum", 0.1);
                double mcu = o.Double("mcu", 1e-3);
                double duration = o.Double("duration", 10);
                int points = o.Int("points", 20);
                double low = o.Double("low", 1), high = o.Double("high", 1000);
                string rosName = o.String("ros", "default");
                o.RejectUnknown();
                var ros = rosName switch
                {
                    "default" => RosParameters.Default,
                    "slow" => RosParameters.Slow,
                    "fast" => RosParameters.Fast,
                    "const" => RosParameters.Constant,
                    "const-fast" => RosParameters.ConstantFast,
                    "const-slow" => RosParameters.ConstantSlow,
                    _ => throw new ArgumentException($"ros = '{rosName}' is invalid: valid values are default, slow, fast, const, const-fast, const-slow.", "ros"),
                };
                if (!(q >= 0)) throw new ArgumentException($"quantum = {q} is invalid: it must be >= 0.", "quantum");
                if (!(rate >= 0 && rate <= 500)) throw new ArgumentException($"rate = {rate} is invalid: valid range is [0, 500] Hz.", "rate");
                if (!(low > 0 && high >= low)) throw new ArgumentException($"low = {low}, high = {high} is invalid: need 0 < low <= high.", "low");
                var cost = SpikeCost.ChintaluriVogels2023.With(quantum: q, mcuFactor: mcu);
                var demands = MitochondrialSteadyStates.GeometricDemands(low, high, points);
                var prog = new Progress("spike-compensation");
                Console.WriteLine("demand,ros_without_spikes,ros_with_spikes,atp_without_spikes,atp_with_spikes,psi_without_spikes,psi_with_spikes");
                var m = Mitochondrion.ChintaluriVogels2023;
                for (int i = 0; i < demands.Length; i++)
                {
                    var r = SpikeCompensation.Run(m, demands[i], rate, cost, duration, ros);
                    Console.WriteLine(string.Join(",", new[] { r.Demand, r.RosWithoutSpikes, r.RosWithSpikes, r.AtpWithoutSpikes,
                        r.MeanAtpWithSpikes, r.PsiWithoutSpikes, r.MeanPsiWithSpikes }.Select(Options.Num)));
                    prog.Report((i + 1.0) / demands.Length);
                }
                return 0;
            }
            default:
                throw new ArgumentException($"metabolic subcommand = '{args[0]}' is invalid: valid are steady, spike-compensation.", "subcommand");
        }
    }
}
