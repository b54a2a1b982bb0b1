using System.CommandLine;
using System.Text;
using MathNet.Numerics.LinearAlgebra;
using Theory.Amplification;
using Theory.Numerics;

namespace Theory.Cli;

/// <summary>`theory amplification --matrix W.csv [--tau 0.02]`: transient-amplification measures
/// of τ dx/dt = −x + W x as key=value lines (rates in 1/s, times in s). For an unstable W
/// (stable=false) max_amplification prints <c>inf</c>, max_amplification_time <c>n/a</c>, and
/// max_evoked_energy is left out.</summary>
public static class AmplificationCommand
{
    /// <summary>Largest matrix accepted (n × n).</summary>
    public const int MaxN = 1000;

    /// <summary>Largest magnitude of an entry of W: beyond it the rates (W − I)/τ and their norms overflow.</summary>
    public const double MaxEntry = 1e100;

    /// <summary>Builds the System.CommandLine command `theory amplification`, with its options and action.</summary>
    /// <param name="cli">The application: output writers, shared options and error handling.</param>
    public static Command Build(Cli cli)
    {
        var matrix = Opt.Text("--matrix", $"CSV file of a square matrix W, one row per line (at most {MaxN} x {MaxN}, entries within ±1e100, 64 MiB)", required: true);
        var tau = Opt.Real("--tau", "time constant of tau dx/dt = -x + W x", "s", 1e-6, 1e3, 0.02);
        return cli.Command("amplification", "transient amplification of tau dx/dt = -x + W x: abscissas, peak amplification, evoked energy, effective ranks",
            pr => Run(cli, pr.GetValue(matrix)!, pr.GetValue(tau)), "scale W down (entries near the overflow range), or check that it is well conditioned.", matrix, tau);
    }

    static int Run(Cli cli, string path, double tau)
    {
        var w = MatrixCsv.Read(path, "--matrix", MaxN, MaxEntry);
        cli.Maps(("tau", "--tau"), ("w", "--matrix"));
        double alpha = TransientAmplification.SpectralAbscissa(w, tau);
        double omega = TransientAmplification.NumericalAbscissa(w, tau);
        bool stable = alpha < 0;
        var sb = new StringBuilder();
        sb.Append($"n={w.RowCount}\n");
        sb.Append($"tau={Fmt.Num(tau, "tau")}\n");
        sb.Append($"stable={(stable ? "true" : "false")}\n");
        sb.Append($"spectral_abscissa={Fmt.Num(alpha, "spectral_abscissa")}\n");
        sb.Append($"numerical_abscissa={Fmt.Num(omega, "numerical_abscissa")}\n");
        if (stable)
        {
            var peak = TransientAmplification.MaxAmplification(w, tau);
            sb.Append($"max_amplification={Fmt.Num(peak.Value, "max_amplification")}\n");
            sb.Append($"max_amplification_time={Fmt.Num(peak.Time, "max_amplification_time")}\n");
            var oic = TransientAmplification.OptimalInitialConditions(w, tau);
            sb.Append($"max_evoked_energy={Fmt.Num(oic.Energies[0], "max_evoked_energy")}\n");
        }
        else
        {
            sb.Append("max_amplification=inf\n");
            sb.Append("max_amplification_time=n/a\n");
        }
        sb.Append($"eigenvector_effective_rank={Fmt.Num(TransientAmplification.EigenvectorEffectiveRank(w), "eigenvector_effective_rank")}\n");
        bool zero = w.FrobeniusNorm() == 0;
        sb.Append($"weight_effective_rank={Fmt.Num(zero ? 0.0 : EffectiveRank.Of(w), "weight_effective_rank")}\n");
        cli.Out.Write(sb.ToString());
        return 0;
    }
}
