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
    public static int Schur(Options o)
    {
        int n = o.Int("n", 1000);
        int reps = o.Int("reps", 3);
        int warmup = o.Int("warmup", 1);
        int seed = o.Int("seed", 1);
        o.RejectUnknown();
        Check(n, 1, 20000, "n");
        Check(reps, 1, 1000, "reps");
        Check(warmup, 0, 1000, "warmup");
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
        Console.WriteLine($"benchmark=schur");
        Console.WriteLine($"n={n}");
        Console.WriteLine($"reps={reps}");
        Console.WriteLine($"median_s={Options.Num(median)}");
        Console.WriteLine($"min_s={Options.Num(times[0])}");
        Console.WriteLine($"backward_error_rel_fro={Options.Num(err)}");
        Console.WriteLine($"orthogonality_fro={Options.Num(orth)}");
        return 0;
    }

    static void Check(int v, int min, int max, string name)
    {
        if (v < min || v > max)
            throw new ArgumentException($"--{name} = {v} is invalid: the valid range is [{min}, {max}].", name);
    }
}
