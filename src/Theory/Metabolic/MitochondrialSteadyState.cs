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
/// initial condition followed by Newton's method with a central-difference Jacobian whose steps
/// are shortened to stay in the physical domain (<see cref="MitochondrialSteadyStates.IsPhysical"/>);
/// if Newton fails, the relaxation continues (up to τ = 31 200) and Newton restarts from the
/// trajectory. Where no physical fixed point is found, <see cref="Solve"/> throws
/// InvalidOperationException rather than return an unphysical root.</summary>
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
        double tau = 200;
        var trial = new double[x.Length];
        for (int attempt = 0; attempt < 6; attempt++)
        {
            // Newton on a copy: the relaxation continues from the trajectory, not from a failed Newton iterate
            Array.Copy(x, trial, x.Length);
            if (IsPhysical(x) && Newton(model, trial, kAnt, leakIncrement) && IsPhysical(trial))
                return Build(model, demand, leakIncrement, trial);
            if (attempt == 5) break;
            // segments of 1000, 2000, 4000, 8000, 16000: at demand 10 with leak 0.5 the trajectory needs τ ≈ 1.5e4
            // with a step inside RK4's stability region for the current Jacobian: at high leak the fixed step 0.01
            // settles on a spurious bounded oscillation of the discrete map (demand 10, leak 0.5: residual 437)
            double segment = 1000 * Math.Pow(2, attempt);
            Relax(model, x, kAnt, leakIncrement, segment, StableStep(model, x, kAnt, leakIncrement, 0.01));
            tau += segment;
            int grown = Array.FindIndex(x, 0, 5, v => v > MaxNormalizedConcentration);
            if (grown >= 0)
                throw new InvalidOperationException($"no physical mitochondrial steady state exists at demand = {demand} and leak increment = {leakIncrement} M/(V s): " +
                    $"the relaxation grows without bound (variable {grown} = {x[grown]:G4} times its scale at τ = {tau}; the supply outruns every sink)");
        }
        throw new InvalidOperationException($"no physical mitochondrial steady state was found at demand = {demand} and leak increment = {leakIncrement} M/(V s): " +
            $"Newton's method restricted to the physical domain (concentrations ≥ 0, NAD⁺ and ATP fractions in [0, 1], 0 ≤ ΔΨ ≤ {MaxNormalizedPotential}·ΔΨ_m) " +
            $"did not converge after relaxing the model to τ = {tau}");
    }

    /// <summary>min(h, 2/ρ(J)) with ρ the spectral radius of the Jacobian at x (RK4 is stable for |hλ| ≲ 2.7).</summary>
    static double StableStep(Mitochondrion model, double[] x, double kAnt, double leak, double h)
    {
        var j = Jac(model, x, kAnt, leak);
        if (!j.Enumerate().All(double.IsFinite)) return h;
        double rho = j.Evd().EigenValues.Max(z => z.Magnitude);
        return rho > 0 ? Math.Min(h, 2.0 / rho) : h;
    }

    /// <summary>A relaxation whose intermediates exceed this multiple of their scales has no fixed point to reach
    /// (the largest fixed-point value over demands 1…1000 and leaks up to 1 is ≈ 26, acetyl-CoA at high leak).</summary>
    public const double MaxNormalizedConcentration = 1e3;

    /// <summary>Upper end of the physical domain of the normalized potential ΔΨ/ΔΨ_m (2: 300 mV).</summary>
    public const double MaxNormalizedPotential = 2.0;

    /// <summary>Whether x = [pyr, acc, cit, akg, oaa, nad, atp, Δψ] lies in the physical domain: non-negative
    /// concentrations, NAD⁺ and ATP fractions in [0, 1] and 0 ≤ ΔΨ/ΔΨ_m ≤ <see cref="MaxNormalizedPotential"/>.
    /// The model's equations also have roots outside it (issue #15: at demand 10 with an extra leak of
    /// 0.5 M/(V s) Newton's method from the relaxed state found NAD⁺ = −0.034, αKG = −224), which are no steady states
    /// of a mitochondrion.</summary>
    public static bool IsPhysical(ReadOnlySpan<double> x)
    {
        if (x.Length != MitochondrialState.Dimension) return false;
        for (int i = 0; i < 5; i++) if (!(x[i] >= 0 && double.IsFinite(x[i]))) return false;
        return x[5] >= 0 && x[5] <= 1 && x[6] >= 0 && x[6] <= 1 && x[7] >= 0 && x[7] <= MaxNormalizedPotential;
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
                if (!IsPhysical(trial)) continue;   // the step is shortened until it stays in the physical domain
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
