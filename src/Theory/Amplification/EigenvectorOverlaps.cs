using Complex = System.Numerics.Complex;
using MathNet.Numerics.LinearAlgebra;
using Theory.Numerics;

namespace Theory.Amplification;

/// <summary>Eigenvalues of a matrix and its unit eigenvectors (<see cref="EigenvectorOverlaps.UnitEigenvectors"/>).</summary>
/// <param name="Values">Eigenvalues λᵢ.</param>
/// <param name="Vectors">Unit eigenvectors; Vectors[i] belongs to Values[i].</param>
public sealed record EigenSystem(Complex[] Values, Complex[][] Vectors);

/// <summary>
/// Angles between the eigenvectors of W, the non-orthogonality measure of Christodoulou, Vogels
/// &amp; Agnes (PLoS Comput Biol 18:e1010365, 2022, Fig. 3; code eigvecs_overlaps.m): for every
/// pair i &lt; j of unit eigenvectors (complex, both members of each conjugate pair included),
/// φ_ij = arccos(Re⟨vᵢ, vⱼ⟩) in degrees, ⟨a, b⟩ = Σ āₖbₖ, folded to 180° − φ when φ &gt; 90°, so
/// φ ∈ [0°, 90°]. A normal W has all φ = 90°; strongly non-normal ones many φ ≤ 45°.
/// Re⟨vᵢ, vⱼ⟩ depends on the phases of complex eigenvectors: they follow LAPACK's xGEEV
/// (MATLAB's eig, numpy.linalg.eig): unit Euclidean norm and the largest-modulus component real
/// (its sign, which only flips φ ↔ 180° − φ, is immaterial after folding).
/// </summary>
public static class EigenvectorOverlaps
{
    /// <summary>Eigenvalues of W and unit eigenvectors with xGEEV's phase (largest-modulus
    /// component real and positive).</summary>
    public static EigenSystem UnitEigenvectors(Matrix<double> w)
    {
        RealSchur.CheckSquareFinite(w, nameof(w));
        int n = w.RowCount;
        // eigenvectors are invariant under W → W/2^e; keeps MathNet's EVD clear of overflow and subnormals
        double amax = w.Enumerate().Max(Math.Abs);
        var ws = amax > 0 ? w * Math.ScaleB(1.0, -Math.ILogB(amax)) : w;
        var evd = ws.Evd();
        var vals = new Complex[n];
        var vecs = new Complex[n][];
        var ev = evd.EigenValues;
        var vr = evd.EigenVectors;
        double scale = amax > 0 ? Math.ScaleB(1.0, Math.ILogB(amax)) : 1.0;
        for (int j = 0; j < n;)
        {
            if (ev[j].Imaginary != 0 && j + 1 < n)
            {
                // columns j, j+1 hold Re v and Im v of one member of the pair: pick the sign of Im
                // that satisfies W v = λ_j v (smaller residual), then the conjugate for λ_{j+1}
                var p = new Complex[n];
                var m = new Complex[n];
                for (int i = 0; i < n; i++) { p[i] = new Complex(vr[i, j], vr[i, j + 1]); m[i] = Complex.Conjugate(p[i]); }
                var v = Residual(ws, ev[j], p) <= Residual(ws, ev[j], m) ? p : m;
                vals[j] = ev[j] * scale;
                vecs[j] = Normalise(v);
                vals[j + 1] = Complex.Conjugate(vals[j]);
                vecs[j + 1] = Normalise(v.Select(Complex.Conjugate).ToArray());
                j += 2;
            }
            else
            {
                vals[j] = new Complex(ev[j].Real * scale, 0);
                vecs[j] = Normalise(Enumerable.Range(0, n).Select(i => new Complex(vr[i, j], 0)).ToArray());
                j += 1;
            }
        }
        return new(vals, vecs);
    }

    static double Residual(Matrix<double> w, Complex lambda, Complex[] v)
    {
        int n = v.Length;
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            Complex r = -lambda * v[i];
            for (int k = 0; k < n; k++) r += w[i, k] * v[k];
            s += r.Magnitude * r.Magnitude;
        }
        return s;
    }

    /// <summary>v/‖v‖ rotated so that its largest-modulus component is real and positive.</summary>
    static Complex[] Normalise(Complex[] v)
    {
        double norm = Math.Sqrt(v.Sum(z => z.Real * z.Real + z.Imaginary * z.Imaginary));
        int k = 0;
        for (int i = 1; i < v.Length; i++)
            if (v[i].Magnitude > v[k].Magnitude) k = i;
        if (!(norm > 0)) return v;
        var phase = Complex.Conjugate(v[k]) / v[k].Magnitude;
        return v.Select(z => z * phase / norm).ToArray();
    }

    /// <summary>All n(n − 1)/2 folded angles φ_ij (degrees, in [0, 90]) for i &lt; j, in the order
    /// (0,1), (0,2), …, (1,2), … of the eigenvalues as returned by <see cref="UnitEigenvectors"/>.</summary>
    public static double[] Angles(Matrix<double> w)
    {
        var (_, v) = UnitEigenvectors(w);
        int n = v.Length;
        var angles = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                double re = 0;
                for (int m = 0; m < n; m++) re += v[i][m].Real * v[j][m].Real + v[i][m].Imaginary * v[j][m].Imaginary;
                double phi = Math.Acos(Math.Clamp(re, -1.0, 1.0)) * 180.0 / Math.PI;
                angles[k++] = phi > 90 ? 180 - phi : phi;
            }
        return angles;
    }

    /// <summary>Percentage (0–100) of eigenvector pairs with folded angle φ ≤ <paramref name="degrees"/>
    /// (the paper's "% of overlap angles &lt; 45°"; its code counts φ ≤ 45).</summary>
    /// <param name="w">Square finite connectivity with n ≥ 2.</param>
    /// <param name="degrees">Angle threshold in degrees, 0–90 (default 45).</param>
    public static double PercentBelow(Matrix<double> w, double degrees = 45)
    {
        Guard.InRange(degrees, 0.0, 90.0, nameof(degrees));
        RealSchur.CheckSquareFinite(w, nameof(w));
        if (w.RowCount < 2) throw new ArgumentException($"w is {w.RowCount}×{w.RowCount}: at least 2×2 is needed for a pair of eigenvectors.", nameof(w));
        var a = Angles(w);
        return 100.0 * a.Count(x => x <= degrees) / a.Length;
    }
}
