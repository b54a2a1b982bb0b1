using MathNet.Numerics.LinearAlgebra;
using Theory.Amplification;
using Theory.Numerics;

namespace Theory.Cli;

/// <summary>`theory amplification --matrix W.csv [--tau 0.02]`: transient-amplification measures
/// of τ dx/dt = −x + W x as key=value lines (rates in 1/s, times in s).</summary>
public static class AmplificationCommand
{
    public static int Run(string[] args)
    {
        var o = new Options(args);
        var path = o.String("matrix") ?? throw new ArgumentException("--matrix is required (a CSV file of a square matrix).", "matrix");
        double tau = o.Double("tau", 0.02);
        o.RejectUnknown();
        var w = MatrixCsv.Read(path, "matrix");
        double alpha = TransientAmplification.SpectralAbscissa(w, tau);
        double omega = TransientAmplification.NumericalAbscissa(w, tau);
        var peak = TransientAmplification.MaxAmplification(w, tau);
        Console.WriteLine($"n={w.RowCount}");
        Console.WriteLine($"tau={Options.Num(tau)}");
        Console.WriteLine($"stable={(alpha < 0 ? "true" : "false")}");
        Console.WriteLine($"spectral_abscissa={Options.Num(alpha)}");
        Console.WriteLine($"numerical_abscissa={Options.Num(omega)}");
        Console.WriteLine($"max_amplification={Options.Num(peak.Value)}");
        Console.WriteLine($"max_amplification_time={Options.Num(peak.Time)}");
        if (alpha < 0)
        {
            var oic = TransientAmplification.OptimalInitialConditions(w, tau);
            Console.WriteLine($"max_evoked_energy={Options.Num(oic.Energies[0])}");
        }
        Console.WriteLine($"eigenvector_effective_rank={Options.Num(TransientAmplification.EigenvectorEffectiveRank(w))}");
        bool zero = w.FrobeniusNorm() == 0;
        Console.WriteLine($"weight_effective_rank={Options.Num(zero ? 0.0 : EffectiveRank.Of(w))}");
        return 0;
    }
}
