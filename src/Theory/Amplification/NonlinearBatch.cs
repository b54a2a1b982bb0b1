using System.Numerics;

namespace Theory.Amplification;

/// <summary>
/// Classical RK4 for τ dx/dt = −x + f(Wx) from m initial conditions at once (the kernel of
/// <see cref="NonlinearResponse"/> and <see cref="NonlinearDimensionality"/>). The m states are the
/// columns of an n × m row-major block X, so that (WX)_ic = Σ_j W_ij X_jc is an axpy over c for every
/// (i, j) (SIMD across the conditions; zero weights are skipped, which changes no nonzero number).
/// Every condition sees exactly the floating-point operations of the one-condition loop, in the same
/// order (u = 0; u += W_ij x_j for j = 0 … n − 1, then −x_i + f(u); the same RK4 combinations), so the
/// result of each condition is bit-identical to a run on its own and does not depend on m or on how
/// the conditions are grouped into blocks.
/// </summary>
internal static class NonlinearBatch
{
    /// <summary>Runs the m columns of <paramref name="x0"/> (n × m, row-major) for <paramref name="total"/>
    /// steps of Δ = 1/spt (in units of τ) and returns one <see cref="RateResponse"/> per column.</summary>
    public static RateResponse[] Run(double[] wr, int n, double[] x0, int m, RateNonlinearity f, double tau, int total, int spt, int samples)
    {
        double h = 1.0 / spt;
        int stride = Math.Max(1, total / samples);
        int stored = total / stride + 1;
        int len = n * m;
        var x = (double[])x0.Clone();
        var k1 = new double[len]; var k2 = new double[len]; var k3 = new double[len]; var k4 = new double[len]; var y = new double[len];
        var u = new double[m]; var fu = new double[m];
        var fx = new double[len];
        var sum = new double[m];
        var sampleTimes = new double[stored];
        var stepTimes = new double[total + 1];
        var norms = new double[m][];
        var s = new MathNet.Numerics.LinearAlgebra.Matrix<double>[m];
        for (int c = 0; c < m; c++) { norms[c] = new double[total + 1]; s[c] = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(stored, n); }
        var kind = f.Resolve();
        void Rhs(double[] state, double[] dst)
        {
            for (int i = 0; i < n; i++)
            {
                MultiplyRow(wr, i * n, n, state, m, u);
                f.Apply(kind, u, fu);
                int o = i * m;
                for (int c = 0; c < m; c++) dst[o + c] = -state[o + c] + fu[c];
            }
        }
        void Record(int k)
        {
            f.Apply(kind, x, fx);
            Array.Clear(sum);
            for (int i = 0; i < n; i++)
            {
                int o = i * m;
                for (int c = 0; c < m; c++) { double r = fx[o + c]; sum[c] += r * r; }
            }
            stepTimes[k] = k * h * tau;
            for (int c = 0; c < m; c++) norms[c][k] = Math.Sqrt(sum[c]);
            if (k % stride == 0 && k / stride < stored)
            {
                int row = k / stride;
                sampleTimes[row] = k * h * tau;
                for (int i = 0; i < n; i++)
                    for (int c = 0; c < m; c++) s[c][row, i] = fx[i * m + c];
            }
        }
        Record(0);
        for (int k = 1; k <= total; k++)
        {
            Rhs(x, k1);
            for (int i = 0; i < len; i++) y[i] = x[i] + 0.5 * h * k1[i];
            Rhs(y, k2);
            for (int i = 0; i < len; i++) y[i] = x[i] + 0.5 * h * k2[i];
            Rhs(y, k3);
            for (int i = 0; i < len; i++) y[i] = x[i] + h * k3[i];
            Rhs(y, k4);
            for (int i = 0; i < len; i++)
            {
                x[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
                if (!double.IsFinite(x[i]))
                    throw new ArithmeticException($"rate dynamics diverged at t = {k * h * tau} s (unit {i / m}): reduce stepsPerTau's step (increase stepsPerTau) or check that W is stable.");
            }
            Record(k);
        }
        var result = new RateResponse[m];
        for (int c = 0; c < m; c++)
            result[c] = new RateResponse(c == 0 ? stepTimes : (double[])stepTimes.Clone(), norms[c], c == 0 ? sampleTimes : (double[])sampleTimes.Clone(), s[c]);
        return result;
    }

    /// <summary>u[c] = Σ_j w[row + j]·x[j·m + c] for c = 0 … m − 1, each sum formed as u = 0; u += w_j x_j for
    /// j = 0 … n − 1 (zero weights skipped) — the order of the one-condition loop — with the conditions in SIMD
    /// lanes: four vectors of accumulators stay in registers over the whole j loop.</summary>
    internal static void MultiplyRow(double[] w, int row, int n, double[] x, int m, double[] u)
    {
        int vw = Vector<double>.Count;
        bool simd = Vector.IsHardwareAccelerated;
        int c = 0;
        if (simd)
        {
            for (; c + 4 * vw <= m; c += 4 * vw)
            {
                Vector<double> a0 = Vector<double>.Zero, a1 = Vector<double>.Zero, a2 = Vector<double>.Zero, a3 = Vector<double>.Zero;
                for (int j = 0; j < n; j++)
                {
                    double wj = w[row + j];
                    if (wj == 0) continue;
                    var wv = new Vector<double>(wj);
                    int o = j * m + c;
                    a0 += wv * new Vector<double>(x, o);
                    a1 += wv * new Vector<double>(x, o + vw);
                    a2 += wv * new Vector<double>(x, o + 2 * vw);
                    a3 += wv * new Vector<double>(x, o + 3 * vw);
                }
                a0.CopyTo(u, c); a1.CopyTo(u, c + vw); a2.CopyTo(u, c + 2 * vw); a3.CopyTo(u, c + 3 * vw);
            }
            for (; c + vw <= m; c += vw)
            {
                Vector<double> a0 = Vector<double>.Zero;
                for (int j = 0; j < n; j++)
                {
                    double wj = w[row + j];
                    if (wj != 0) a0 += new Vector<double>(wj) * new Vector<double>(x, j * m + c);
                }
                a0.CopyTo(u, c);
            }
        }
        for (; c < m; c++)
        {
            double a = 0;
            for (int j = 0; j < n; j++)
            {
                double wj = w[row + j];
                if (wj != 0) a += wj * x[j * m + c];
            }
            u[c] = a;
        }
    }
}
