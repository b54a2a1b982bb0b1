using MathNet.Numerics.RootFinding;

namespace Theory.MeanField;

/// <summary>Mean inputs μ_a and noise amplitudes σ_a, V.</summary>
/// <param name="Mu">Mean input μ_a of each population, V.</param>
/// <param name="Sigma">Noise amplitude σ_a of each population, V.</param>
public sealed record PopulationInputs(double[] Mu, double[] Sigma);

/// <summary>
/// P populations of LIF neurons with in-degrees C_ab, efficacies J_ab (from b to a) and external
/// Poisson drive (C^X_a inputs of efficacy J^X_a at ν^X_a each). Diffusion approximation
/// (Brunel 2000 eqs. 4–5 generalised; Amit &amp; Brunel 1997):
/// <code>
///   μ_a = τ_a (Σ_b C_ab J_ab ν_b + C^X_a J^X_a ν^X_a),   σ_a² = τ_a (Σ_b C_ab J_ab² ν_b + C^X_a (J^X_a)² ν^X_a),
///   ν_a = φ_a(μ_a, σ_a)   (Siegert, Brunel 2000 eq. 21).
/// </code>
/// Brunel's model B is the two-population case with separate E and I parameters
/// (<see cref="BrunelModelB"/>).
/// </summary>
/// <param name="C">In-degree matrix C[a, b] (inputs to a from b, ≥ 0).</param>
/// <param name="J">Efficacy matrix J[a, b], V (sign = excitatory/inhibitory).</param>
/// <param name="CExt">External in-degrees C^X_a (≥ 0).</param>
/// <param name="JExt">External efficacies J^X_a, V.</param>
/// <param name="NuExt">External rates ν^X_a, Hz (≥ 0).</param>
/// <param name="Neurons">LIF parameters per population.</param>
public sealed record MultiPopulationNetwork(double[,] C, double[,] J, double[] CExt, double[] JExt, double[] NuExt, LifNeuron[] Neurons)
{
    /// <summary>Number of populations P.</summary>
    public int Populations => Neurons.Length;

    /// <summary>Brunel (2000) model B: E and I populations with their own relative inhibition g_E, g_I and
    /// neuron parameters; C_E excitatory, γC_E inhibitory and C_E external (rate ν_ext, efficacy J) inputs.
    /// J_EE = J_IE = J, J_EI = −g_E J, J_II = −g_I J (Brunel 2000 §2, model B).</summary>
    public static MultiPopulationNetwork BrunelModelB(double ce, double gamma, double j, double gE, double gI, double nuExt,
                                                      LifNeuron excitatory, LifNeuron inhibitory)
    {
        Guard.Positive(ce); Guard.Positive(gamma); Guard.Positive(j); Guard.NonNegative(gE); Guard.NonNegative(gI); Guard.NonNegative(nuExt);
        double ci = gamma * ce;
        return new MultiPopulationNetwork(
            new[,] { { ce, ci }, { ce, ci } },
            new[,] { { j, -gE * j }, { j, -gI * j } },
            new[] { ce, ce }, new[] { j, j }, new[] { nuExt, nuExt },
            new[] { Guard.NotNull(excitatory), Guard.NotNull(inhibitory) });
    }

    /// <summary>Throws an ArgumentException naming the first invalid field.</summary>
    public MultiPopulationNetwork Validated()
    {
        Guard.NotNull(C); Guard.NotNull(J); Guard.NotNull(CExt); Guard.NotNull(JExt); Guard.NotNull(NuExt); Guard.NotNull(Neurons);
        int p = Neurons.Length;
        if (p == 0) throw new ArgumentException("Neurons is empty: at least one population is required.", nameof(Neurons));
        if (C.GetLength(0) != p || C.GetLength(1) != p) throw new ArgumentException($"C is {C.GetLength(0)}x{C.GetLength(1)}: it must be {p}x{p}.", nameof(C));
        if (J.GetLength(0) != p || J.GetLength(1) != p) throw new ArgumentException($"J is {J.GetLength(0)}x{J.GetLength(1)}: it must be {p}x{p}.", nameof(J));
        if (CExt.Length != p) throw new ArgumentException($"CExt has {CExt.Length} entries: it must have {p}.", nameof(CExt));
        if (JExt.Length != p) throw new ArgumentException($"JExt has {JExt.Length} entries: it must have {p}.", nameof(JExt));
        if (NuExt.Length != p) throw new ArgumentException($"NuExt has {NuExt.Length} entries: it must have {p}.", nameof(NuExt));
        foreach (var n in Neurons) Guard.NotNull(n).Validated();
        foreach (var c in C) Guard.NonNegative(c);
        foreach (var x in J) Guard.Finite(x);
        foreach (var c in CExt) Guard.NonNegative(c);
        foreach (var x in JExt) Guard.Finite(x);
        foreach (var x in NuExt) Guard.NonNegative(x);
        return this;
    }

    /// <summary>(μ_a, σ_a) in V at population rates ν (Hz).</summary>
    public PopulationInputs Inputs(double[] nu)
    {
        int p = Populations;
        var mu = new double[p];
        var sg = new double[p];
        for (int a = 0; a < p; a++)
        {
            double m = CExt[a] * JExt[a] * NuExt[a], v = CExt[a] * JExt[a] * JExt[a] * NuExt[a];
            for (int b = 0; b < p; b++) { m += C[a, b] * J[a, b] * nu[b]; v += C[a, b] * J[a, b] * J[a, b] * nu[b]; }
            mu[a] = Neurons[a].TauM * m;
            sg[a] = Math.Sqrt(Neurons[a].TauM * v);
        }
        return new PopulationInputs(mu, sg);
    }

    /// <summary>ln φ_a(μ(ν), σ(ν)) − ln ν_a at x = ln ν.</summary>
    double[] Residual(double[] x)
    {
        var nu = x.Select(v => Math.Exp(v)).ToArray();
        var inp = Inputs(nu);
        var mu = inp.Mu; var sg = inp.Sigma;
        var r = new double[x.Length];
        for (int a = 0; a < r.Length; a++)
            r[a] = (sg[a] > 0 ? Siegert.LogRate(mu[a], sg[a], Neurons[a]) : (mu[a] > Neurons[a].Theta ? 0 : -745)) - x[a];
        return r;
    }

    /// <summary>Self-consistent rates (Hz) from an initial guess (Hz, &gt; 0): damped Newton iteration on
    /// x = ln ν with a central-difference Jacobian solved by MathNet.Numerics LU and backtracking on |F|;
    /// MathNet's Broyden method as fallback. Throws (ArithmeticException) if neither converges.</summary>
    public double[] Solve(double[] initialRates, double accuracy = 1e-12, int maxIterations = 200)
    {
        Validated();
        Guard.NotNull(initialRates);
        if (initialRates.Length != Populations)
            throw new ArgumentException($"initialRates has {initialRates.Length} entries: it must have {Populations}.", nameof(initialRates));
        foreach (var r in initialRates) Guard.Positive(r);
        int p = Populations;
        var x = initialRates.Select(v => Math.Log(v)).ToArray();
        var f = Residual(x);
        double Norm(double[] v) => Math.Sqrt(v.Sum(e => e * e));
        for (int it = 0; it < maxIterations && Norm(f) > accuracy; it++)
        {
            var jac = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(p, p);
            for (int b = 0; b < p; b++)
            {
                const double h = 1e-6;
                var xp = (double[])x.Clone(); xp[b] += h;
                var xm = (double[])x.Clone(); xm[b] -= h;
                var fp = Residual(xp); var fm = Residual(xm);
                for (int a = 0; a < p; a++) jac[a, b] = (fp[a] - fm[a]) / (2 * h);
            }
            var step = jac.Solve(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(f)).ToArray();
            double len = Norm(step);
            if (!double.IsFinite(len)) break;
            if (len > 2) for (int a = 0; a < p; a++) step[a] *= 2 / len;
            double t = 1;
            double[] xn = x, fn = f;
            for (int back = 0; back < 30; back++, t *= 0.5)
            {
                xn = x.Select((v, a) => v - t * step[a]).ToArray();
                fn = Residual(xn);
                if (Norm(fn) < (1 - 1e-4 * t) * Norm(f)) break;
            }
            x = xn; f = fn;
        }
        if (Norm(f) <= accuracy * 10) return x.Select(v => Math.Exp(v)).ToArray();
        try { return Broyden.FindRoot(Residual, x, accuracy, 1000).Select(v => Math.Exp(v)).ToArray(); }
        catch (Exception e) when (e is MathNet.Numerics.NonConvergenceException or ArgumentException)
        {
            throw new ArithmeticException($"MultiPopulationNetwork.Solve: no convergence from the given initial rates (|F| = {Norm(f)}).");
        }
    }

    /// <summary>Rates along a one-parameter family (natural continuation): the solution at each
    /// parameter value starts the solver at the next. Result[i] = rates (Hz) at parameters[i].</summary>
    public static double[][] Continue(Func<double, MultiPopulationNetwork> family, double[] parameters, double[] initialRates)
    {
        Guard.NotNull(family);
        Guard.AllFinite(parameters);
        var result = new double[parameters.Length][];
        var guess = initialRates;
        for (int i = 0; i < parameters.Length; i++)
        {
            result[i] = family(parameters[i]).Solve(guess);
            guess = result[i];
        }
        return result;
    }
}
