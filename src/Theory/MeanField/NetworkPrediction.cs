using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace Theory.MeanField;

/// <summary>One stationary state of a <see cref="PopulationModel"/> with its linear stability.</summary>
/// <param name="Rates">Rates ν_a, Hz.</param>
/// <param name="Mu">Mean inputs μ_a, V.</param>
/// <param name="Sigma">Noise amplitudes σ_a, V.</param>
/// <param name="Tau">Effective membrane time constants τ_a, s (τ_m except for conductance populations).</param>
/// <param name="Cv">ISI coefficient of variation of each population (LIF first-passage moments,
/// <see cref="LifSpikeTrainSpectrum.CvSquared"/>, of the effective neuron; NaN for a silent population).</param>
/// <param name="Stability">Linear stability with delays and synaptic filters (<see cref="NetworkPrediction.Characteristic"/>).</param>
/// <param name="Warnings">Where an approximation does not apply for this state (empty: none of the stated criteria is met).</param>
public sealed record PredictedState(double[] Rates, double[] Mu, double[] Sigma, double[] Tau, double[] Cv,
    StabilityResult Stability, string[] Warnings);

/// <summary>Which input modulations the linear response of a population includes.</summary>
public enum LinearResponse
{
    /// <summary>Both: a rate modulation of a presynaptic population modulates the mean μ and the variance σ² of the input
    /// (χ_μ and χ_σ² gains). The default.</summary>
    MeanAndVariance,
    /// <summary>The mean only (χ_μ): the effective connectivity of Bos, Diesmann &amp; Helias (2016) and Schuecker et al.
    /// (2015), who neglect the modulation of σ².</summary>
    MeanOnly,
}

/// <summary>
/// Mean-field prediction for any <see cref="PopulationModel"/>: stationary states (Siegert, Brunel 2000 eq. 21; the
/// Fourcaud &amp; Brunel 2002 shift for exponential synapses; the effective membrane of Kuhn, Aertsen &amp; Rotter 2004
/// for conductances), their linear stability with every input's delay distribution and synaptic filter, the regime, the
/// ISI CV and the finite-size population-rate spectrum of the asynchronous state.
/// </summary>
/// <remarks>
/// <para>Stability. With ν_b(t) = ν_b0 + ν_b1 e^{st}, input k (from b onto a) perturbs μ_a by τ_a K_k J_k ν_b1 H_k(s) and
/// σ_a² by τ_a K_k J2_k ν_b1 H_k(s), H_k(s) = Σ_d p_d e^{−sd} / (1 + sτ_s,k) (delay distribution, first-order synaptic
/// low-pass; the shifted white-noise transfer function times this low-pass is the approximation of Schuecker, Diesmann &amp;
/// Helias 2015 Phys Rev E 92:052119 to leading order, used for the microcircuit by Bos, Diesmann &amp; Helias 2016). The
/// eigenvalues solve c(s) = det(I − M(s)) = 0,
/// <code>  M_ab(s) = Σ_{k: b→a} H_k(s) ν_a0 [χ_μ(sτ_a) τ_a K_k J_k/σ_a + χ_σ²(sτ_a) τ_a K_k J2_k/σ_a²],</code>
/// χ the LIF gains (<see cref="LifTransferFunction"/>) at the (shifted) effective neuron. With one delay D, no synaptic
/// filter and homogeneous weights this is <see cref="MultiPopulationStability"/>'s characteristic (Brunel 2000 model B)
/// and, for identical rows, model A's (<see cref="BrunelStability"/>). The root search is theirs (argument principle +
/// damped Newton) in λ = sτ_max.</para>
/// <para>Stationary states. P = 1: every root of ln φ(ν) − ln ν on a grid of 12 points per e-fold (as
/// <see cref="BrunelStationary"/>) polished by Brent. P ≥ 2: damped Newton in ln ν (as <see cref="MultiPopulationNetwork.Solve"/>)
/// from 12 uniform starts (10⁻² Hz … 1/(2τ_rp), geometric) and 24 random ones (fixed seed); distinct converged
/// solutions (|F| ≤ 1e-10, relative distance &gt; 1e-6) are reported. For P ≥ 2 completeness is not guaranteed.</para>
/// </remarks>
public static class NetworkPrediction
{
    /// <summary>PSP criterion: a warning when max |J| &gt; this fraction of θ − V_r (diffusion approximation).</summary>
    public const double MaxPspFraction = 0.1;
    /// <summary>A warning when max |J|/σ exceeds this (shot noise, not diffusion).</summary>
    public const double MaxPspOverSigma = 1.0;
    /// <summary>A warning when τ_s/τ exceeds this (Fourcaud–Brunel shift derived for τ_s ≪ τ_m).</summary>
    public const double MaxTauSynRatio = 0.1;

    /// <summary>Every stationary state found (ascending in the first population's rate), each with stability, CV and
    /// warnings. <paramref name="maxFrequency"/>: highest oscillation frequency searched, Hz.</summary>
    public static PredictedState[] Predict(PopulationModel model, double maxFrequency = 1000)
    {
        Guard.NotNull(model).Validated();
        Guard.Positive(maxFrequency);
        return StationaryRates(model).Select(r => Analyze(model, r, maxFrequency)).ToArray();
    }

    /// <summary>Stability, CV and warnings of the stationary state <paramref name="rates"/> (Hz).</summary>
    public static PredictedState Analyze(PopulationModel model, double[] rates, double maxFrequency = 1000,
                                         LinearResponse response = LinearResponse.MeanAndVariance)
    {
        var k = Kernel.Create(model, rates, response);
        int p = model.Count;
        double tau = k.TauMax;
        var o = CharacteristicRoots.Analyze(k.Det, 2 * Math.PI * maxFrequency * tau, CharacteristicRoots.MaxGrowth * tau, 8, true);
        double f = Math.Abs(o.Lambda.Imaginary) / (2 * Math.PI * tau);
        StabilityResult stab = o.Saddle ? new StabilityResult(false, o.Lambda / tau, 0, "saddle", true)
            : o.Stable ? new StabilityResult(true, o.Lambda / tau, f, "AI", o.Found)
            : new StabilityResult(false, o.Lambda / tau, f, OscillatoryRegime(model, k, f), o.Found);
        var cv = new double[p];
        for (int a = 0; a < p; a++)
        {
            cv[a] = double.NaN;
            if (k.States[a].Sigma > 0 && rates[a] > 1e-300)
            {
                try { cv[a] = Math.Sqrt(LifSpikeTrainSpectrum.CvSquared(k.Neurons[a], k.States[a].Mu, k.States[a].Sigma)); }
                catch (ArgumentException) { }
                catch (ArithmeticException) { }
            }
        }
        return new PredictedState((double[])rates.Clone(), k.States.Select(s => s.Mu).ToArray(), k.States.Select(s => s.Sigma).ToArray(),
            k.States.Select(s => s.Tau).ToArray(), cv, stab, Warnings(model, k, stab));
    }

    /// <summary>c(s) = det(I − M(s)) at complex frequency <paramref name="s"/> (1/s, Re sτ_max &gt; −1) for the stationary
    /// rates <paramref name="rates"/> (Hz).</summary>
    public static Complex Characteristic(PopulationModel model, double[] rates, Complex s)
    {
        var k = Kernel.Create(Guard.NotNull(model).Validated(), rates);
        CheckS(k, s);
        return k.Det(s * k.TauMax);
    }

    /// <summary>The coupling matrix M(s) (row a = receiving population) at <paramref name="s"/> (1/s).</summary>
    public static Complex[,] Coupling(PopulationModel model, double[] rates, Complex s,
                                      LinearResponse response = LinearResponse.MeanAndVariance)
    {
        var k = Kernel.Create(Guard.NotNull(model).Validated(), rates, response);
        CheckS(k, s);
        return k.Matrix(s * k.TauMax);
    }

    /// <summary>
    /// Finite-size spectrum of each population's rate (two-sided, Hz, i.e. Hz²/Hz) at frequency <paramref name="frequency"/>
    /// (Hz) in the asynchronous state <paramref name="rates"/>: the rates respond linearly to the intrinsic spike-train
    /// noise of N_b renewal neurons per population, r = ξ + M r (Brunel &amp; Hakim 1999; Lindner, Doiron &amp; Longtin 2005;
    /// Bos et al. 2016 eq. for C(ω)),
    /// <code>  S_a(f) = Σ_b |[(I − M(2πif))⁻¹]_ab|² S0_b(f)/N_b,</code>
    /// S0_b the LIF spike-train spectrum (<see cref="LifSpikeTrainSpectrum.Power"/>) of the effective neuron. Defined only
    /// where the state is stable; the caller checks (<see cref="PredictedState.Stability"/>). <paramref name="response"/>:
    /// which input modulations M includes (default both; <see cref="LinearResponse.MeanOnly"/> is Bos et al.'s).
    /// </summary>
    public static double[] RateSpectrum(PopulationModel model, double[] rates, double frequency,
                                        LinearResponse response = LinearResponse.MeanAndVariance)
    {
        var k = Kernel.Create(Guard.NotNull(model).Validated(), rates, response);
        Guard.Finite(frequency);
        int p = model.Count;
        var m = k.Matrix(new Complex(0, 2 * Math.PI * frequency * k.TauMax));
        var a = Matrix<Complex>.Build.Dense(p, p, (i, j) => (i == j ? 1 : 0) - m[i, j]);
        var x = a.Inverse();
        var s0 = new double[p];
        for (int b = 0; b < p; b++)
            s0[b] = k.States[b].Sigma > 0 && rates[b] > 0
                ? LifSpikeTrainSpectrum.Power(k.Neurons[b], k.States[b].Mu, k.States[b].Sigma, frequency) / model.Populations[b].Size
                : 0;
        var s = new double[p];
        for (int i = 0; i < p; i++)
            for (int b = 0; b < p; b++)
                s[i] += x[i, b].Magnitude * x[i, b].Magnitude * s0[b];
        return s;
    }

    /// <summary>The stationary rate vectors found (see the class remarks), ascending in the first population's rate.</summary>
    public static double[][] StationaryRates(PopulationModel model)
    {
        Guard.NotNull(model).Validated();
        int p = model.Count;
        double hi = model.Populations.Min(q => q.TauRef > 0 ? Math.Log(1 / q.TauRef) : Math.Log(1e5));
        if (p == 1)
        {
            double F(double x) => model.LogTransfer(0, new[] { Math.Exp(x) }) - x;
            double lo = Math.Max(Math.Min(Math.Log(1e-3), model.LogTransfer(0, new[] { 1e-300 }) - 1), -690);
            double mid = Math.Max(lo, Math.Log(1e-3));
            var xs = new List<double>();
            if (mid > lo) xs.AddRange(RootScan.AllRoots(F, lo, mid, Math.Max(2, (int)Math.Ceiling(mid - lo) + 1), 1e-15));
            foreach (var x in RootScan.AllRoots(F, mid, hi - 1e-12, Math.Max(2, (int)Math.Ceiling((hi - mid) * 12)), 1e-15))
                if (xs.Count == 0 || Math.Abs(x - xs[^1]) > 1e-9) xs.Add(x);
            return xs.Select(x => new[] { Math.Exp(x) }).ToArray();
        }
        var starts = new List<double[]>();
        double top = hi - Math.Log(2);
        for (int i = 0; i < 12; i++)
        {
            double x = Math.Log(1e-2) + (top - Math.Log(1e-2)) * i / 11;
            starts.Add(Enumerable.Repeat(x, p).ToArray());
        }
        var rng = new Random(20260101);
        for (int i = 0; i < 24; i++)
            starts.Add(Enumerable.Range(0, p).Select(_ => Math.Log(1e-2) + (top - Math.Log(1e-2)) * rng.NextDouble()).ToArray());
        var found = new List<double[]>();
        foreach (var x0 in starts)
        {
            var x = Newton(model, x0);
            if (x is null) continue;
            var nu = x.Select(Math.Exp).ToArray();
            if (!found.Any(f => f.Zip(nu, (u, v) => Math.Abs(u - v) <= 1e-6 * Math.Max(u, v)).All(b => b))) found.Add(nu);
        }
        return found.OrderBy(r => r[0]).ToArray();
    }

    static double[] Residual(PopulationModel model, double[] x)
    {
        var nu = x.Select(Math.Exp).ToArray();
        var r = new double[x.Length];
        for (int a = 0; a < r.Length; a++) r[a] = model.LogTransfer(a, nu) - x[a];
        return r;
    }

    /// <summary>Damped Newton in x = ln ν (central-difference Jacobian, MathNet LU, backtracking), as
    /// <see cref="MultiPopulationNetwork.Solve"/>; null unless |F| ≤ 1e-10.</summary>
    static double[]? Newton(PopulationModel model, double[] x0)
    {
        int p = x0.Length;
        var x = (double[])x0.Clone();
        var f = Residual(model, x);
        static double Norm(double[] v) => Math.Sqrt(v.Sum(e => e * e));
        for (int it = 0; it < 100 && Norm(f) > 1e-13; it++)
        {
            var jac = Matrix<double>.Build.Dense(p, p);
            for (int b = 0; b < p; b++)
            {
                const double h = 1e-6;
                var xp = (double[])x.Clone(); xp[b] += h;
                var xm = (double[])x.Clone(); xm[b] -= h;
                var fp = Residual(model, xp); var fm = Residual(model, xm);
                for (int a = 0; a < p; a++) jac[a, b] = (fp[a] - fm[a]) / (2 * h);
            }
            var step = jac.Solve(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(f)).ToArray();
            double len = Norm(step);
            if (!double.IsFinite(len)) return null;
            if (len > 2) for (int a = 0; a < p; a++) step[a] *= 2 / len;
            double t = 1;
            double[] xn = x, fn = f;
            bool improved = false;
            for (int back = 0; back < 30; back++, t *= 0.5)
            {
                xn = x.Select((v, a) => v - t * step[a]).ToArray();
                fn = Residual(model, xn);
                if (Norm(fn) < (1 - 1e-4 * t) * Norm(f)) { improved = true; break; }
            }
            if (!improved) break;
            x = xn; f = fn;
        }
        return Norm(f) <= 1e-10 && x.All(v => v > -690) ? x : null;
    }

    static void CheckS(Kernel k, Complex s)
    {
        if (!(s.Real * k.TauMax > -1) || !double.IsFinite(s.Imaginary))
            throw new ArgumentException($"s = {s} is invalid: Re(s) must be > -1/τ_max = {-1 / k.TauMax} /s and Im(s) finite.", nameof(s));
    }

    /// <summary>"SR" when the recurrent mean input onto the excitatory population (the first whose own outgoing
    /// inputs all have ⟨w⟩ ≥ 0, else population 0) is excitatory, Σ_k K_k J_k &gt; 0; otherwise "SI-fast" if
    /// f ≥ 1/(8D) (D: the smallest mean recurrent delay; 100 Hz if 0), else "SI-slow" — the convention of
    /// <see cref="MultiPopulationStability.OscillatoryRegime"/>.</summary>
    static string OscillatoryRegime(PopulationModel model, Kernel k, double frequency)
    {
        int e = 0;
        for (int b = 0; b < model.Count; b++)
            if (model.Inputs.Where(i => i.Source == b).All(i => i.WeightMean >= 0 && i.Channel != SynapseChannel.Inh)) { e = b; break; }
        double sum = 0, abs = 0;
        for (int q = 0; q < model.Inputs.Length; q++)
        {
            var i = model.Inputs[q];
            if (i.Target != e || i.Source < 0) continue;
            sum += i.InDegree * k.States[e].J[q];
            abs += i.InDegree * Math.Abs(k.States[e].J[q]);
        }
        if (sum > 1e-12 * abs) return "SR";
        var rec = model.Inputs.Where(i => i.Source >= 0).Select(i => i.MeanDelay).DefaultIfEmpty(0).Min();
        double split = rec > 0 ? 1.0 / (8 * rec) : 100.0;
        return frequency >= split ? "SI-fast" : "SI-slow";
    }

    static string[] Warnings(PopulationModel model, Kernel k, StabilityResult stab)
    {
        var w = new List<string>();
        if (!stab.Stable)
            w.Add($"state linearly unstable (regime {stab.Regime}, eigenvalue {stab.DominantEigenvalue.Real:G4}{(stab.DominantEigenvalue.Imaginary >= 0 ? "+" : "-")}{Math.Abs(stab.DominantEigenvalue.Imaginary):G4}i /s): "
                  + "the simulated network will not sit at these rates; time-averaged rates can differ");
        for (int a = 0; a < model.Count; a++)
        {
            var p = model.Populations[a];
            var s = k.States[a];
            double jmax = 0;
            for (int q = 0; q < model.Inputs.Length; q++)
                if (model.Inputs[q].Target == a && model.Inputs[q].InDegree > 0) jmax = Math.Max(jmax, Math.Sqrt(s.J2[q]));
            if (jmax > MaxPspFraction * (p.Theta - p.VReset))
                w.Add($"population {p.Name}: PSP rms |J| = {jmax * 1e3:G4} mV > {MaxPspFraction}(θ − V_r) = {MaxPspFraction * (p.Theta - p.VReset) * 1e3:G4} mV: diffusion approximation unreliable");
            if (s.Sigma > 0 && jmax > MaxPspOverSigma * s.Sigma)
                w.Add($"population {p.Name}: |J|/σ = {jmax / s.Sigma:G4} > {MaxPspOverSigma}: input is shot noise, not diffusion");
            if (s.Sigma == 0)
                w.Add($"population {p.Name}: no input noise (σ = 0): deterministic rate, no diffusion theory for stability or CV");
            if (p.Kind != MembraneKind.Delta && s.TauS / s.Tau > MaxTauSynRatio)
                w.Add($"population {p.Name}: τ_s/τ = {s.TauS / s.Tau:G4} > {MaxTauSynRatio}: Fourcaud–Brunel shift derived for τ_s ≪ τ_m");
            if (p.Kind == MembraneKind.Conductance)
                w.Add($"population {p.Name}: conductance synapses by the effective-membrane approximation (Kuhn, Aertsen & Rotter 2004; τ_eff = {s.Tau * 1e3:G4} ms); "
                      + "the stability analysis ignores the modulation of τ_eff and of the driving force");
        }
        return w.ToArray();
    }

    /// <summary>Everything c(λ) needs at one stationary state.</summary>
    sealed class Kernel
    {
        public required double TauMax;
        public required PopulationModel Model;
        public required double[] Rates;
        public required PopulationState[] States;
        public required LifNeuron[] Neurons;
        public required double[] YTheta, YReset, Rho;
        public LinearResponse Response;

        public static Kernel Create(PopulationModel model, double[] rates, LinearResponse response = LinearResponse.MeanAndVariance)
        {
            if (!Enum.IsDefined(response))
                throw new ArgumentException($"response = {response} is invalid: it must be MeanAndVariance or MeanOnly.", nameof(response));
            Guard.NotNull(rates);
            int p = model.Count;
            if (rates.Length != p)
                throw new ArgumentException($"rates has {rates.Length} entries: it must have {p} (one per population).", nameof(rates));
            for (int a = 0; a < p; a++)
                if (!double.IsFinite(rates[a]) || rates[a] < 0)
                    throw new ArgumentException($"rates[{a}] = {rates[a]} is invalid: it must be finite and >= 0 (Hz).", nameof(rates));
            var states = Enumerable.Range(0, p).Select(a => model.State(a, rates)).ToArray();
            var neurons = Enumerable.Range(0, p).Select(a => model.EffectiveNeuron(a, states[a])).ToArray();
            var k = new Kernel
            {
                TauMax = states.Max(s => s.Tau), Model = model, Rates = (double[])rates.Clone(), States = states, Neurons = neurons,
                YTheta = new double[p], YReset = new double[p], Rho = new double[p], Response = response,
            };
            for (int a = 0; a < p; a++)
            {
                double sg = states[a].Sigma;
                if (!(sg > 0)) continue;
                k.YTheta[a] = (neurons[a].Theta - states[a].Mu) / sg;
                k.YReset[a] = (neurons[a].VReset - states[a].Mu) / sg;
                k.Rho[a] = neurons[a].TauRef / states[a].Tau;
            }
            return k;
        }

        /// <summary>M at λ = s τ_max.</summary>
        public Complex[,] Matrix(Complex lambda)
        {
            int p = Model.Count;
            var m = new Complex[p, p];
            var cm = new Complex[p];
            var cs = new Complex[p];
            for (int a = 0; a < p; a++)
                if (Rates[a] > 0 && States[a].Sigma > 0)
                    (cm[a], cs[a]) = LifTransferFunction.Gains(YTheta[a], YReset[a], Rho[a], lambda * (States[a].Tau / TauMax));
            Complex s = lambda / TauMax;
            for (int q = 0; q < Model.Inputs.Length; q++)
            {
                var i = Model.Inputs[q];
                int a = i.Target, b = i.Source;
                if (b < 0 || Rates[a] == 0 || !(States[a].Sigma > 0) || i.InDegree == 0) continue;
                var st = States[a];
                Complex h = 0;
                for (int d = 0; d < i.Delays.Length; d++) h += i.DelayProbabilities[d] * Complex.Exp(-s * i.Delays[d]);
                double ts = Model.Populations[a].TauSyn(i.Channel);
                if (ts > 0) h /= 1 + s * ts;
                double gm = Rates[a] * st.Tau * i.InDegree * st.J[q] / st.Sigma;
                double gs = Rates[a] * st.Tau * i.InDegree * st.J2[q] / (st.Sigma * st.Sigma);
                m[a, b] += Response == LinearResponse.MeanOnly ? h * (cm[a] * gm) : h * (cm[a] * gm + cs[a] * gs);
            }
            return m;
        }

        /// <summary>det(I − M(λ)) by Gaussian elimination with partial pivoting (explicit for P ≤ 2).</summary>
        public Complex Det(Complex lambda)
        {
            var m = Matrix(lambda);
            int p = Model.Count;
            if (p == 1) return 1 - m[0, 0];
            if (p == 2) return (1 - m[0, 0]) * (1 - m[1, 1]) - m[0, 1] * m[1, 0];
            var a = new Complex[p, p];
            for (int i = 0; i < p; i++)
                for (int j = 0; j < p; j++)
                    a[i, j] = (i == j ? 1 : 0) - m[i, j];
            Complex det = 1;
            for (int col = 0; col < p; col++)
            {
                int piv = col;
                for (int r = col + 1; r < p; r++) if (a[r, col].Magnitude > a[piv, col].Magnitude) piv = r;
                if (a[piv, col] == Complex.Zero) return Complex.Zero;
                if (piv != col)
                {
                    for (int j = 0; j < p; j++) (a[col, j], a[piv, j]) = (a[piv, j], a[col, j]);
                    det = -det;
                }
                det *= a[col, col];
                for (int r = col + 1; r < p; r++)
                {
                    Complex f = a[r, col] / a[col, col];
                    for (int j = col; j < p; j++) a[r, j] -= f * a[col, j];
                }
            }
            return det;
        }
    }
}
