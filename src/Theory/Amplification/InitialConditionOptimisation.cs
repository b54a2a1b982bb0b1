using Complex = System.Numerics.Complex;
using MathNet.Numerics.LinearAlgebra;
using Theory.Numerics;

namespace Theory.Amplification;

/// <summary>What the optimal initial conditions maximise (the <c>flag</c> of the paper code's
/// MaximiseIC.m, Christodoulou, Vogels &amp; Agnes 2022).</summary>
public enum InitialConditionObjective
{
    /// <summary>flag = true: the evoked energy ∫₀^∞ ‖x(t)‖² dt, i.e. the observability Gramian of
    /// C = I: (W − I)ᵀQ + Q(W − I) = −2I (Hennequin, Vogels &amp; Gerstner 2014).</summary>
    Energy,

    /// <summary>flag = false: the energy read out through the plane of the most oscillatory
    /// eigenmode: C = [Re v; Im v] (2 × N), v the unit eigenvector of the eigenvalue with the
    /// largest |Im λ|, so (W − I)ᵀQ + Q(W − I) = −2CᵀC with CᵀC = Re(v vᴴ) = Re v Re vᵀ + Im v Im vᵀ
    /// (independent of v's phase and of which member of the conjugate pair is taken).</summary>
    OscillatoryMode,
}

/// <summary>The Gramian of <see cref="InitialConditionOptimisation.Maximise"/>: Q, the read-out
/// CᵀC it was built from, its eigenvectors (columns, sorted by |eigenvalue| descending, the
/// largest-magnitude entry of each made positive) and the |eigenvalues|.</summary>
/// <param name="Objective">Which read-out the Gramian was built for (energy or oscillatory mode).</param>
/// <param name="Gramian">The Gramian Q (N × N, symmetric).</param>
/// <param name="ReadOut">The read-out CᵀC (N × N).</param>
/// <param name="Directions">Eigenvectors of Q as columns, sorted by |eigenvalue| descending, largest-magnitude entry positive.</param>
/// <param name="AbsEigenvalues">|eigenvalues| of Q, descending.</param>
public sealed record MaximisedInitialConditions(
    InitialConditionObjective Objective, Matrix<double> Gramian, Matrix<double> ReadOut,
    Matrix<double> Directions, double[] AbsEigenvalues);

/// <summary>
/// Initial conditions that maximise the evoked energy of the linear dynamics τ dx/dt = −x + Wx
/// read out through C: E(x₀) = 2∫₀^∞ ‖C e^{(W−I)s} x₀‖² ds (s = t/τ) = x₀ᵀQx₀ with
/// (W − I)ᵀQ + Q(W − I) = −2CᵀC (Christodoulou, Vogels &amp; Agnes, PLoS Comput Biol
/// 18:e1010365, 2022, code MaximiseIC.m, which solves lyap((W − I)ᵀ, 2CᵀC); Hennequin, Vogels
/// &amp; Gerstner, Neuron 82:1394, 2014). Q does not depend on τ. The eigenvectors of Q are the
/// optimal initial conditions, their eigenvalues the energies.
/// </summary>
public static class InitialConditionOptimisation
{
    /// <summary>Q and its eigen-decomposition for the chosen objective (both modes of MaximiseIC.m).</summary>
    /// <param name="w">Connectivity with spectral abscissa max Re λ(W) &lt; 1 (stable dynamics).</param>
    /// <param name="objective"><see cref="InitialConditionObjective.Energy"/> (flag = true) or
    /// <see cref="InitialConditionObjective.OscillatoryMode"/> (flag = false).</param>
    /// <remarks>In the oscillatory mode, eigenvalues whose |Im λ| ties with the largest are
    /// separated by the larger Re λ (MATLAB takes the last in its eig order; this matters only
    /// for ties, e.g. a real spectrum).</remarks>
    public static MaximisedInitialConditions Maximise(Matrix<double> w, InitialConditionObjective objective = InitialConditionObjective.Energy)
    {
        RealSchur.CheckSquareFinite(w, nameof(w));
        int n = w.RowCount;
        var a = w - Matrix<double>.Build.DenseIdentity(n);
        var schur = RealSchur.Decompose(a);
        double alpha = schur.Eigenvalues.Max(z => z.Real);
        if (!(alpha < 0))
            throw new ArgumentException($"w has max Re λ(W) − 1 = {alpha}: it must be < 0 (stable dynamics) for a finite Gramian.", nameof(w));
        var c = objective switch
        {
            InitialConditionObjective.Energy => Matrix<double>.Build.DenseIdentity(n),
            InitialConditionObjective.OscillatoryMode => OscillatoryReadOut(w),
            _ => throw new ArgumentException($"objective = {objective} is invalid: use Energy or OscillatoryMode.", nameof(objective)),
        };
        var q = Lyapunov.Solve(schur, 2.0 * c);
        // symmetrise the rounding so that the symmetric eigensolver sees an exactly symmetric matrix
        q = 0.5 * (q + q.Transpose());
        var evd = q.Evd(Symmetricity.Symmetric);
        var abs = Enumerable.Range(0, n).Select(i => Math.Abs(evd.EigenValues[i].Real)).ToArray();
        var order = Enumerable.Range(0, n).OrderByDescending(i => abs[i]).ThenBy(i => i).ToArray();
        var dirs = Matrix<double>.Build.Dense(n, n);
        for (int k = 0; k < n; k++)
        {
            var v = evd.EigenVectors.Column(order[k]);
            int im = v.AbsoluteMaximumIndex();
            dirs.SetColumn(k, v[im] < 0 ? -v : v);
        }
        return new MaximisedInitialConditions(objective, q, c, dirs, order.Select(i => abs[i]).ToArray());
    }

    /// <summary>CᵀC = Re(v vᴴ) for the unit eigenvector v of W whose eigenvalue has the largest
    /// |Im λ| (ties: larger Re λ).</summary>
    public static Matrix<double> OscillatoryReadOut(Matrix<double> w)
    {
        var (values, vectors) = EigenvectorOverlaps.UnitEigenvectors(w);
        int best = 0;
        for (int k = 1; k < values.Length; k++)
        {
            double ik = Math.Abs(values[k].Imaginary), ib = Math.Abs(values[best].Imaginary);
            if (ik > ib || (ik == ib && values[k].Real > values[best].Real)) best = k;
        }
        int n = w.RowCount;
        var v = vectors[best];
        var m = Matrix<double>.Build.Dense(n, n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                m[i, j] = v[i].Real * v[j].Real + v[i].Imaginary * v[j].Imaginary;
        return m;
    }
}
