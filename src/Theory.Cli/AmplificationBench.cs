using System.CommandLine;
using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;
using Theory.Numerics;

namespace Theory.Cli;

/// <summary>`theory bench schur [--n 1000] [--reps 3] [--warmup 1] [--seed 1]`: median wall time
/// of <see cref="RealSchur.Decompose"/> on an n×n standard Gaussian matrix, for comparison with
/// bench/schur_scipy.py (LAPACK dgees through scipy.linalg.schur).</summary>
public static class AmplificationBench
{
    /// <summary>Largest matrix of the benchmark (n × n doubles, several copies: 200 MB each at the limit).</summary>
    public const int MaxN = 5000;

    /// <summary>Builds the System.CommandLine command `theory bench schur`, with its options and action.</summary>
    /// <param name="cli">The application: output writers, shared options and error handling.</param>
    public static Command Build(Cli cli)
    {
        var n = Opt.Whole("--n", "matrix size", "", 1, MaxN, 1000);
        var reps = Opt.Whole("--reps", "measured repetitions", "", 1, 1000, 3);
        var warmup = Opt.Whole("--warmup", "unmeasured runs first (on at most a 200 x 200 block)", "", 0, 1000, 1);
        var seed = Opt.Whole("--seed", "seed of the Gaussian matrix", "", 0, int.MaxValue, 1);
        return cli.Command("schur", "real Schur decomposition of an n x n Gaussian matrix: median wall time, backward error",
            pr => Schur(cli, pr.GetValue(n), pr.GetValue(reps), pr.GetValue(warmup), pr.GetValue(seed)), null, n, reps, warmup, seed);
    }

    static int Schur(Cli cli, int n, int reps, int warmup, int seed)
    {
        var rng = new MersenneTwister(seed);
        var a = Matrix<double>.Build.Dense(n, n, (i, j) => MathNet.Numerics.Distributions.Normal.Sample(rng, 0, 1));
        for (int k = 0; k < warmup; k++) RealSchur.Decompose(n > 200 ? a.SubMatrix(0, 200, 0, 200) : a);
        var times = new List<double>();
        SchurForm f = null!;
        for (int k = 0; k < reps; k++)
        {
            var sw = Stopwatch.StartNew();
            f = RealSchur.Decompose(a);
            times.Add(sw.Elapsed.TotalSeconds);
        }
        times.Sort();
        double median = times.Count % 2 == 1 ? times[times.Count / 2] : 0.5 * (times[times.Count / 2 - 1] + times[times.Count / 2]);
        double err = (a - f.Reconstruct()).FrobeniusNorm() / a.FrobeniusNorm();
        double orth = (f.U.TransposeThisAndMultiply(f.U) - Matrix<double>.Build.DenseIdentity(n)).FrobeniusNorm();
        cli.Out.WriteLine("benchmark=schur");
        cli.Out.WriteLine($"n={n}");
        cli.Out.WriteLine($"reps={reps}");
        cli.Out.WriteLine($"median_s={Fmt.Num(median, "median_s")}");
        cli.Out.WriteLine($"min_s={Fmt.Num(times[0], "min_s")}");
        cli.Out.WriteLine($"backward_error_rel_fro={Fmt.Num(err, "backward_error_rel_fro")}");
        cli.Out.WriteLine($"orthogonality_fro={Fmt.Num(orth, "orthogonality_fro")}");
        return 0;
    }

}
