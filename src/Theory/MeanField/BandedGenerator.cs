using System.Numerics;

namespace Theory.MeanField;

/// <summary>
/// The forward generator A of a jump process on a grid of n voltage points (the discretized shot-noise LIF of
/// <see cref="ShotNoiseTransfer"/> and <see cref="ShotNoiseMultiTransfer"/>), in band storage: A[j, i] is the rate of
/// the transition i → j, each row of the storage holding the columns i − <see cref="Lower"/> … i + <see cref="Upper"/>
/// (row-major, width lower + upper + 1), the diagonal the negated total outflow. Transitions beyond the top of the grid
/// (threshold crossings) leave it and are summed in the loss vector a_i.
/// </summary>
internal sealed class BandedGenerator
{
    readonly double[] _band;

    /// <summary>An empty generator of <paramref name="n"/> points with the given band widths (≥ 1).</summary>
    public BandedGenerator(int n, int lower, int upper)
    {
        N = n; Lower = lower; Upper = upper;
        _band = new double[n * Width];
        Loss = new double[n];
    }

    /// <summary>Number of grid points.</summary>
    public int N { get; }

    /// <summary>Band widths below and above the diagonal.</summary>
    public int Lower { get; }

    /// <summary>Band width above the diagonal.</summary>
    public int Upper { get; }

    /// <summary>Loss rates a_i out of the grid (threshold crossings).</summary>
    public double[] Loss { get; }

    int Width => Lower + Upper + 1;

    /// <summary>Transition i → j at rate r: A[j, i] += r (if j inside), A[i, i] −= r; leaving the grid adds to a_i.</summary>
    public void Move(int i, int j, double r)
    {
        if (j == i || r == 0) return;
        int w = Width;
        _band[i * w + Lower] -= r;
        if (j < N) _band[j * w + (i - j + Lower)] += r;
        else Loss[i] += r;
    }

    /// <summary>Solves A x = rhs (real, banded elimination without pivoting).</summary>
    public double[] SolveReal(double[] rhs)
    {
        var a = (double[])_band.Clone();
        var b = (double[])rhs.Clone();
        int w = Width, n = N, lower = Lower, upper = Upper;
        for (int k = 0; k < n; k++)
        {
            double pivot = a[k * w + lower];
            if (!(Math.Abs(pivot) > 0)) throw new ArithmeticException($"zero pivot at row {k} of the shot-noise forward generator.");
            int iMax = Math.Min(n - 1, k + lower), jMax = Math.Min(n - 1, k + upper);
            for (int i = k + 1; i <= iMax; i++)
            {
                double l = a[i * w + (k - i + lower)];
                if (l == 0) continue;
                l /= pivot;
                int rowI = i * w - i + lower, rowK = k * w - k + lower;
                for (int j = k + 1; j <= jMax; j++) a[rowI + j] -= l * a[rowK + j];
                b[i] -= l * b[k];
            }
        }
        var x = new double[n];
        for (int k = n - 1; k >= 0; k--)
        {
            double sum = b[k];
            int jMax = Math.Min(n - 1, k + upper), rowK = k * w - k + lower;
            for (int j = k + 1; j <= jMax; j++) sum -= a[rowK + j] * x[j];
            x[k] = sum / a[rowK + k];
        }
        return x;
    }

    /// <summary>Solves (s − A) x = rhs for every right-hand side at once (complex banded elimination, no pivoting; each
    /// right-hand side sees the same operations in the same order as if solved alone).</summary>
    public Complex[][] SolveShifted(Complex s, double[][] rhs)
    {
        int w = Width, c = rhs.Length, n = N, lower = Lower, upper = Upper;
        var a = new Complex[_band.Length];
        for (int i = 0; i < _band.Length; i++) a[i] = -_band[i];
        for (int i = 0; i < n; i++) a[i * w + lower] += s;
        var b = rhs.Select(r => r.Select(v => (Complex)v).ToArray()).ToArray();
        for (int k = 0; k < n; k++)
        {
            Complex pivot = a[k * w + lower];
            if (pivot == Complex.Zero) throw new ArithmeticException($"zero pivot at row {k} of s − A (s = {s}).");
            int iMax = Math.Min(n - 1, k + lower), jMax = Math.Min(n - 1, k + upper);
            for (int i = k + 1; i <= iMax; i++)
            {
                Complex l = a[i * w + (k - i + lower)];
                if (l == Complex.Zero) continue;
                l /= pivot;
                int rowI = i * w - i + lower, rowK = k * w - k + lower;
                for (int j = k + 1; j <= jMax; j++) a[rowI + j] -= l * a[rowK + j];
                for (int r = 0; r < c; r++) b[r][i] -= l * b[r][k];
            }
        }
        var x = Enumerable.Range(0, c).Select(_ => new Complex[n]).ToArray();
        var sum = new Complex[c];
        for (int k = n - 1; k >= 0; k--)
        {
            for (int r = 0; r < c; r++) sum[r] = b[r][k];
            int jMax = Math.Min(n - 1, k + upper), rowK = k * w - k + lower;
            for (int j = k + 1; j <= jMax; j++)
            {
                Complex cf = a[rowK + j];
                if (cf == Complex.Zero) continue;
                for (int r = 0; r < c; r++) sum[r] -= cf * x[r][j];
            }
            Complex d = a[rowK + k];
            for (int r = 0; r < c; r++) x[r][k] = sum[r] / d;
        }
        return x;
    }

    /// <summary>Re-injection weights after a spike: 1 − f at point k, f at k + 1.</summary>
    public double[] Reinjection(int k, double f)
    {
        var w = new double[N];
        w[k] = 1 - f; w[k + 1] = f;
        return w;
    }

    /// <summary>−v.</summary>
    public static double[] Negated(double[] v) => v.Select(x => -x).ToArray();
}
