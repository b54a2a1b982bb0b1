using MathNet.Numerics.LinearAlgebra;

namespace Theory.Metabolic;

/// <summary>
/// A fixed point of <see cref="Mitochondrion"/> at constant ATP demand (translocator factor 1,
/// as in <c>Mito.steadystate_vals</c>, where the code's <c>atp_cost</c> equals ATP), with its
/// fluxes, the membrane potential in V and normalized, the ROS level at equilibrium
/// (<see cref="Ros.Steady"/>) and the linear stability: <see cref="LeadingEigenvalue"/> is the
/// largest real part of the Jacobian's eigenvalues in 1/s (negative: stable).
/// </summary>
/// <param name="Demand">Baseline ATP demand (k_ANT = demand/AtpRange, <see cref="MitochondrialSteadyStates.Solve"/>).</param>
/// <param name="State">The fixed point.</param>
/// <param name="Fluxes">The fluxes at the fixed point, in units of k₁.</param>
/// <param name="DeltaPsiVolts">Membrane potential ΔΨ_m, V.</param>
/// <param name="Psi">Normalized ψ ∈ [0, 1] between ψ_min and ψ_max.</param>
/// <param name="Ros">Equilibrium ROS level (<see cref="Ros.Steady"/>).</param>
/// <param name="LeadingEigenvalue">Largest real part of the Jacobian's eigenvalues, 1/s (negative: stable).</param>
public sealed record MitochondrialSteadyState(
    double Demand, MitochondrialState State, MitochondrialFluxes Fluxes,
    double DeltaPsiVolts, double Psi, double Ros, double LeadingEigenvalue)
{
    /// <summary>Whether every eigenvalue has a negative real part.</summary>
    public bool Stable => LeadingEigenvalue < 0;

    /// <summary>ATP consumption by the translocator, v_ANT·k₁ (M/s).</summary>
    public double AtpConsumption(MitochondriaParameters p) => Fluxes.Ant * p.K1;

    /// <summary>ATP/ADP ratio.</summary>
    public double AtpAdpRatio => State.Atp / State.Adp;
}

/// <summary>Steady states of the mitochondrial model: a short RK4 relaxation from the code's
/// initial condition followed by Newton's method with a central-difference Jacobian.</summary>
public static class MitochondrialSteadyStates
{
    /// <summary>Largest extra leak conductance accepted by <see cref="Solve"/>, M/(V s): 1, about 2300× the
    /// model's own k_L = 0.426e-3. The steady state saturates long before (ATP/ADP, ΔΨ and the fluxes at
    /// 0.03, 0.3 and 1 agree to four digits), while the relaxation grows stiff in proportion to the leak.</summary>
    public const double MaxLeakIncrement = 1.0;

    /// <summary>The steady state at baseline ATP demand <paramref name="demand"/> (k_ANT = demand/AtpRange;
    /// the paper's range is 1…1000; valid [1e-3, 1e5]) and an extra leak conductance
    /// <paramref name="leakIncrement"/> (M/(V s), valid [0, <see cref="MaxLeakIncrement"/>]).</summary>
    public static MitochondrialSteadyState Solve(Mitochondrion model, double demand, double leakIncrement = 0)
    {
        Guard.NotNull(model);
        Guard.InRange(demand, 1e-3, 1e5);
        Guard.InRange(leakIncrement, 0.0, MaxLeakIncrement);
        var p = model.Parameters;
        double kAnt = p.AntRate(demand);
        var x = MitochondrialState.Initial.ToArray();
        Relax(model, x, kAnt, leakIncrement, 200, 0.01);
        for (int attempt = 0; attempt < 5; attempt++)
        {
            if (Newton(model, x, kAnt, leakIncrement)) return Build(model, demand, leakIncrement, x);
            Relax(model, x, kAnt, leakIncrement, 2000, 0.01);
        }
        throw new InvalidOperationException($"the mitochondrial steady state at demand = {demand} did not converge (Newton after relaxation to τ = 10200).");
    }

    /// <summary>Steady states for each demand.</summary>
    public static MitochondrialSteadyState[] Sweep(Mitochondrion model, double[] demands, double leakIncrement = 0)
    {
        Guard.NotNull(demands);
        return demands.Select(d => Solve(model, d, leakIncrement)).ToArray();
    }

    /// <summary>n demands spaced geometrically over [low, high] (as numpy.geomspace).</summary>
    public static double[] GeometricDemands(double low, double high, int n)
    {
        Guard.Positive(low); Guard.Positive(high); Guard.InRange(n, 2, 100000);
        return Enumerable.Range(0, n).Select(i => i == n - 1 ? high : low * Math.Pow(high / low, i / (double)(n - 1))).ToArray();
    }

    /// <summary>Jacobian ∂(dx/dτ)/∂x at x (central differences).</summary>
    public static Matrix<double> Jacobian(Mitochondrion model, double[] x, double demand, double leakIncrement = 0)
    {
        Guard.NotNull(model); Guard.NotNull(x);
        return Jac(model, x, model.Parameters.AntRate(demand), leakIncrement);
    }

    static Matrix<double> Jac(Mitochondrion model, double[] x, double kAnt, double leak)
    {
        int n = MitochondrialState.Dimension;
        var j = Matrix<double>.Build.Dense(n, n);
        var xp = (double[])x.Clone();
        Span<double> fp = stackalloc double[n], fm = stackalloc double[n];
        for (int c = 0; c < n; c++)
        {
            double h = 1e-6 * Math.Max(1, Math.Abs(x[c]));
            xp[c] = x[c] + h; model.DerivativesInto(xp, kAnt, leak, 1, fp);
            xp[c] = x[c] - h; model.DerivativesInto(xp, kAnt, leak, 1, fm);
            xp[c] = x[c];
            for (int r = 0; r < n; r++) j[r, c] = (fp[r] - fm[r]) / (2 * h);
        }
        return j;
    }

    /// <summary>RK4 relaxation to τ = tauEnd; where the step h is unstable (stiff at high demand or
    /// leak: the state leaves the finite range) it restarts from the same state with h/4, down to
    /// h/256, before giving up.</summary>
    static void Relax(Mitochondrion model, double[] x, double kAnt, double leak, double tauEnd, double h)
    {
        var start = (double[])x.Clone();
        for (int refine = 0; ; refine++)
        {
            if (TryRelax(model, x, kAnt, leak, tauEnd, h)) return;
            if (refine == 4)
                throw new InvalidOperationException($"the mitochondrial relaxation diverged even with step {h} (k_ANT = {kAnt}, leak increment = {leak}).");
            Array.Copy(start, x, x.Length);
            h /= 4;
        }
    }

    static bool TryRelax(Mitochondrion model, double[] x, double kAnt, double leak, double tauEnd, double h)
    {
        int n = x.Length;
        Span<double> k1 = stackalloc double[n], k2 = stackalloc double[n], k3 = stackalloc double[n], k4 = stackalloc double[n], y = stackalloc double[n];
        int steps = (int)Math.Round(tauEnd / h);
        for (int s = 0; s < steps; s++)
        {
            model.DerivativesInto(x, kAnt, leak, 1, k1);
            for (int i = 0; i < n; i++) y[i] = x[i] + 0.5 * h * k1[i];
            model.DerivativesInto(y, kAnt, leak, 1, k2);
            for (int i = 0; i < n; i++) y[i] = x[i] + 0.5 * h * k2[i];
            model.DerivativesInto(y, kAnt, leak, 1, k3);
            for (int i = 0; i < n; i++) y[i] = x[i] + h * k3[i];
            model.DerivativesInto(y, kAnt, leak, 1, k4);
            bool finite = true;
            for (int i = 0; i < n; i++)
            {
                x[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
                finite &= double.IsFinite(x[i]);
            }
            if (!finite) return false;
        }
        return true;
    }

    static double Norm(ReadOnlySpan<double> f) { double m = 0; foreach (var v in f) m = Math.Max(m, Math.Abs(v)); return m; }

    static bool Newton(Mitochondrion model, double[] x, double kAnt, double leak)
    {
        int n = x.Length;
        var f = new double[n];
        var trial = new double[n];
        var ft = new double[n];
        model.DerivativesInto(x, kAnt, leak, 1, f);
        for (int it = 0; it < 50; it++)
        {
            double r = Norm(f);
            if (r < 1e-13) return true;
            var dx = Jac(model, x, kAnt, leak).Solve(Vector<double>.Build.Dense(f));
            double lambda = 1;
            bool improved = false;
            for (int ls = 0; ls < 30; ls++, lambda /= 2)
            {
                for (int i = 0; i < n; i++) trial[i] = x[i] - lambda * dx[i];
                model.DerivativesInto(trial, kAnt, leak, 1, ft);
                if (Norm(ft) < r) { improved = true; break; }
            }
            if (!improved) return Norm(f) < 1e-11;
            Array.Copy(trial, x, n);
            Array.Copy(ft, f, n);
        }
        return Norm(f) < 1e-11;
    }

    static MitochondrialSteadyState Build(Mitochondrion model, double demand, double leak, double[] x)
    {
        var p = model.Parameters;
        var s = MitochondrialState.FromArray(x);
        var evd = Jac(model, x, p.AntRate(demand), leak).Evd();
        double lead = evd.EigenValues.Max(z => z.Real) * p.TimeScale;
        double psi = s.Psi(p);
        return new(demand, s, model.Fluxes(s, demand, leak), s.DeltaPsiVolts(p), psi, Ros.SteadyUnchecked(s.Atp, psi), lead);
    }
}
