using System.Numerics;

namespace Theory.MeanField;

/// <summary>
/// Linear stability of a stationary state ν₀ of a P-population network (<see cref="MultiPopulationNetwork"/>; Brunel 2000
/// model B for P = 2) with one transmission delay D on every recurrent projection (Brunel 2000 §3 and Appendix A
/// generalised; Brunel &amp; Hakim 1999). With ν_b(t) = ν_b0 + ν_b1 e^{st}, the recurrent input perturbs
/// <code>  μ_a1 = τ_a Σ_b C_ab J_ab ν_b1 e^{−sD},   (σ_a²)₁ = τ_a Σ_b C_ab J_ab² ν_b1 e^{−sD},</code>
/// and the rate of a responds with ν_a1 = R^μ_a(s) μ_a1 + R^σ²_a(s) (σ_a²)₁ (<see cref="LifTransferFunction"/>, in
/// λ_a = sτ_a: R^μ_a = ν_a0 χ_μ(λ_a)/σ_a, R^σ²_a = ν_a0 χ_σ²(λ_a)/σ_a²). The eigenvalues solve
/// <code>  c(s) = det(I − M(s)) = 0,   M_ab(s) = e^{−sD} [R^μ_a(s) τ_a C_ab J_ab + R^σ²_a(s) τ_a C_ab J_ab²].</code>
/// For P = 1, or for two populations with identical rows (model B with equal E and I parameters), c is model A's
/// characteristic function (<see cref="BrunelStability"/>). The root search (real root from the sign of c(0), argument
/// principle over the upper half of the rectangle 0 &lt; Re s &lt; 5000/s, |Im s| &lt; 2π f_max, damped Newton) is model A's
/// (<see cref="CharacteristicRoots"/>), run in λ = s τ_max with τ_max the largest membrane time constant (so that every
/// population's transfer function is evaluated inside its half-plane Re λ_a &gt; −1).
/// </summary>
public static class MultiPopulationStability
{
    /// <summary>c(s) = det(I − M(s)) at complex frequency <paramref name="s"/> (1/s) for the stationary rates
    /// <paramref name="rates"/> (Hz, one per population) and delay <paramref name="delay"/> (s) of <paramref name="net"/>;
    /// Re s &gt; −1/τ_max.</summary>
    public static Complex Characteristic(MultiPopulationNetwork net, double[] rates, double delay, Complex s)
    {
        var k = Kernel.Create(net, rates, delay);
        if (!(s.Real * k.TauMax > -1) || !double.IsFinite(s.Imaginary))
            throw new ArgumentException($"s = {s} is invalid: Re(s) must be > -1/τ_max = {-1 / k.TauMax} /s and Im(s) finite.", nameof(s));
        return k.Det(s * k.TauMax);
    }

    /// <summary>The coupling matrix M(s) (dimensionless, P × P, row a = receiving population) at complex frequency
    /// <paramref name="s"/> (1/s); at s = 0 (where the delay drops out) M_ab(0) = ∂φ_a/∂ν_b of the self-consistency
    /// ν = φ(μ(ν), σ(ν)).</summary>
    public static Complex[,] Coupling(MultiPopulationNetwork net, double[] rates, double delay, Complex s)
    {
        var k = Kernel.Create(net, rates, delay);
        if (!(s.Real * k.TauMax > -1) || !double.IsFinite(s.Imaginary))
            throw new ArgumentException($"s = {s} is invalid: Re(s) must be > -1/τ_max = {-1 / k.TauMax} /s and Im(s) finite.", nameof(s));
        return k.Matrix(s * k.TauMax);
    }

    /// <summary>Number of zeros of c(s) (with multiplicity) inside <paramref name="minGrowth"/> &lt; Re s &lt;
    /// <paramref name="maxGrowth"/>, |Im s| &lt; 2π·<paramref name="maxFrequency"/> (s in 1/s) by the argument principle
    /// (adaptive sampling, arg c changing by &lt; π/8 between samples; a root on the left edge moves it by 0.01/s, up to 3
    /// times). minGrowth = 0 counts the unstable eigenvalues (real ones included); minGrowth ∈ (−0.98/τ_max, maxGrowth).</summary>
    public static int CountUnstableEigenvalues(MultiPopulationNetwork net, double[] rates, double delay, double? maxFrequency = null,
                                               double maxGrowth = 2000, double minGrowth = 0)
    {
        var k = Kernel.Create(net, rates, delay);
        double fMax = Guard.Positive(maxFrequency ?? BrunelStability.DefaultMaxFrequency(delay), nameof(maxFrequency));
        Guard.Positive(maxGrowth);
        Guard.InRange(minGrowth, -0.98 / k.TauMax, maxGrowth);
        return CharacteristicRoots.Count(s => k.Det(s * k.TauMax), fMax, maxGrowth, minGrowth);
    }

    /// <summary>Stability and regime of the stationary state <paramref name="rates"/> (Hz) of <paramref name="net"/>
    /// with delay <paramref name="delay"/> (s, ≥ 0). <paramref name="maxFrequency"/>: highest oscillation frequency
    /// searched, Hz (default max(1000, 4/D), <see cref="BrunelStability.DefaultMaxFrequency(double)"/>: the fast modes sit
    /// near multiples of 1/D); <paramref name="starts"/>: Newton start points; <paramref name="findDampedRoots"/>: also locate the
    /// least-damped eigenvalue of a stable state; <paramref name="excitatoryPopulation"/>: the population whose recurrent
    /// balance names an oscillatory instability (see <see cref="OscillatoryRegime"/>; 0 = E in
    /// <see cref="MultiPopulationNetwork.BrunelModelB"/>).</summary>
    /// <remarks>
    /// c(0) = det(I − M(0)) &lt; 0: a real positive root (c → 1 as s → +∞), found by Brent — "saddle". Otherwise the
    /// count k of complex roots with Re s &gt; 0, 0 &lt; Im s &lt; 2π f_max decides: k = 0 "AI" (stable); k &gt; 0 the root with the
    /// largest real part found by Newton, labelled by <see cref="OscillatoryRegime"/>. As for model A, a pair of real
    /// positive roots with c(0) &gt; 0 is not looked for here; <see cref="CountUnstableEigenvalues"/> (whole rectangle,
    /// real axis included) counts them.
    /// </remarks>
    public static StabilityResult Analyze(MultiPopulationNetwork net, double[] rates, double delay, double? maxFrequency = null,
                                          int starts = 8, bool findDampedRoots = true, int excitatoryPopulation = 0)
    {
        var k = Kernel.Create(net, rates, delay);
        return Analyze(k, net, maxFrequency ?? BrunelStability.DefaultMaxFrequency(delay), starts, findDampedRoots, excitatoryPopulation);
    }

    static StabilityResult Analyze(Kernel k, MultiPopulationNetwork net, double maxFrequency, int starts, bool findDampedRoots, int excitatoryPopulation)
    {
        Guard.Positive(maxFrequency);
        Guard.InRange(starts, 1, 10000);
        Guard.InRange(excitatoryPopulation, 0, net.Populations - 1);
        double tau = k.TauMax, delay = k.Delay;
        var o = CharacteristicRoots.Analyze(k.Det, 2 * Math.PI * maxFrequency * tau, CharacteristicRoots.MaxGrowth * tau, starts, findDampedRoots);
        double f = Math.Abs(o.Lambda.Imaginary) / (2 * Math.PI * tau);
        if (o.Saddle) return new StabilityResult(false, o.Lambda / tau, 0, "saddle", true);
        if (o.Stable) return new StabilityResult(true, o.Lambda / tau, f, "AI", o.Found);
        return new StabilityResult(false, o.Lambda / tau, f, OscillatoryRegime(net, delay, f, excitatoryPopulation), o.Found);
    }

    /// <summary>As <see cref="Analyze(MultiPopulationNetwork, double[], double, double?, int, bool, int)"/> with a distribution
    /// of delays: every recurrent projection is split into equal parts with the delays <paramref name="delays"/> (s), so
    /// e^{−sD} in M(s) becomes (1/G) Σ_g e^{−sD_g} (the delay groups of <c>BalancedSimulation</c>). The regime split at
    /// 1/(8D) uses the mean delay. The default window stays 1 kHz here (averaging over the groups damps the harmonics of
    /// 1/D; pass a larger one to check).</summary>
    public static StabilityResult Analyze(MultiPopulationNetwork net, double[] rates, IReadOnlyList<double> delays, double maxFrequency = 1000,
                                          int starts = 8, bool findDampedRoots = true, int excitatoryPopulation = 0)
    {
        var k = Kernel.Create(net, rates, delays);
        return Analyze(k, net, maxFrequency, starts, findDampedRoots, excitatoryPopulation);
    }

    /// <summary>As <see cref="CountUnstableEigenvalues(MultiPopulationNetwork, double[], double, double?, double, double)"/> with
    /// equally weighted delay groups <paramref name="delays"/> (s).</summary>
    public static int CountUnstableEigenvalues(MultiPopulationNetwork net, double[] rates, IReadOnlyList<double> delays, double maxFrequency = 1000,
                                               double maxGrowth = 2000, double minGrowth = 0)
    {
        var k = Kernel.Create(net, rates, delays);
        Guard.Positive(maxFrequency);
        Guard.Positive(maxGrowth);
        Guard.InRange(minGrowth, -0.98 / k.TauMax, maxGrowth);
        return CharacteristicRoots.Count(s => k.Det(s * k.TauMax), maxFrequency, maxGrowth, minGrowth);
    }

    /// <summary>c(s) with equally weighted delay groups <paramref name="delays"/> (s).</summary>
    public static Complex Characteristic(MultiPopulationNetwork net, double[] rates, IReadOnlyList<double> delays, Complex s)
    {
        var k = Kernel.Create(net, rates, delays);
        if (!(s.Real * k.TauMax > -1) || !double.IsFinite(s.Imaginary))
            throw new ArgumentException($"s = {s} is invalid: Re(s) must be > -1/τ_max = {-1 / k.TauMax} /s and Im(s) finite.", nameof(s));
        return k.Det(s * k.TauMax);
    }

    /// <summary>Label of an oscillatory instability at frequency <paramref name="frequency"/> (Hz), generalising Brunel (2000)
    /// Fig. 2 / <see cref="BrunelStability.OscillatoryRegime"/>: "SR" when the recurrent mean input onto the excitatory
    /// population e is excitatory, Σ_b C_eb J_eb &gt; 0 (model B: g_E γ &lt; 1; model A: gγ &lt; 1; a sum within 1e-12 of
    /// Σ_b C_eb |J_eb| counts as 0, i.e. balanced → not SR); otherwise "SI-fast" if f ≥ 1/(8D) (100 Hz if D = 0), else
    /// "SI-slow".</summary>
    public static string OscillatoryRegime(MultiPopulationNetwork net, double delay, double frequency, int excitatoryPopulation = 0)
    {
        Guard.NotNull(net).Validated();
        Guard.NonNegative(delay);
        Guard.NonNegative(frequency);
        Guard.InRange(excitatoryPopulation, 0, net.Populations - 1);
        double sum = 0, abs = 0;
        for (int b = 0; b < net.Populations; b++)
        {
            sum += net.C[excitatoryPopulation, b] * net.J[excitatoryPopulation, b];
            abs += net.C[excitatoryPopulation, b] * Math.Abs(net.J[excitatoryPopulation, b]);
        }
        if (sum > 1e-12 * abs) return "SR";
        double split = delay > 0 ? 1.0 / (8 * delay) : 100.0;
        return frequency >= split ? "SI-fast" : "SI-slow";
    }

    /// <summary>The validated network and state, with everything c(λ) needs precomputed.</summary>
    sealed record Kernel
    {
        public required double TauMax { get; init; }
        public required double Delay { get; init; }
        /// <summary>Delays of equally weighted delay groups (null: the single <see cref="Delay"/>).</summary>
        public double[]? Delays { get; init; }
        public required int P { get; init; }
        public required double[] Rate, Tau, YTheta, YReset, Rho;
        /// <summary>A_ab = ν_a τ_a C_ab J_ab/σ_a and B_ab = ν_a τ_a C_ab J_ab²/σ_a² (M_ab = e^{−sD}(χ_μ,a A_ab + χ_σ²,a B_ab)).</summary>
        public required double[,] A, B;

        public static Kernel Create(MultiPopulationNetwork net, double[] rates, IReadOnlyList<double> delays)
        {
            Guard.NotNull(delays);
            if (delays.Count == 0) throw new ArgumentException("delays is empty: at least one delay is needed.", nameof(delays));
            foreach (var d in delays)
                if (!(d >= 0) || !double.IsFinite(d))
                    throw new ArgumentException($"delays contains {d}: every delay must be finite and >= 0 (s).", nameof(delays));
            var k = Create(net, rates, delays.Average());
            return delays.Count == 1 ? k with { Delay = delays[0] } : k with { Delays = delays.ToArray() };
        }

        public static Kernel Create(MultiPopulationNetwork net, double[] rates, double delay)
        {
            Guard.NotNull(net).Validated();
            Guard.NotNull(rates);
            Guard.NonNegative(delay);
            int p = net.Populations;
            if (rates.Length != p)
                throw new ArgumentException($"rates has {rates.Length} entries: it must have {p} (one per population).", nameof(rates));
            for (int a = 0; a < p; a++)
                if (!double.IsFinite(rates[a]) || rates[a] < 0)
                    throw new ArgumentException($"rates[{a}] = {rates[a]} is invalid: it must be finite and >= 0 (Hz).", nameof(rates));
            var inp = net.Inputs(rates);
            var k = new Kernel
            {
                TauMax = net.Neurons.Max(n => n.TauM), Delay = delay, P = p, Rate = (double[])rates.Clone(),
                Tau = new double[p], YTheta = new double[p], YReset = new double[p], Rho = new double[p],
                A = new double[p, p], B = new double[p, p],
            };
            for (int a = 0; a < p; a++)
            {
                var n = net.Neurons[a];
                double mu = inp.Mu[a], sg = inp.Sigma[a];
                if (!(sg > 0))
                    throw new ArgumentException($"rates = [{string.Join(", ", rates)}] give sigma = {sg} V for population {a}: the diffusion transfer function needs sigma > 0 (some input).", nameof(rates));
                // the transfer function is the linearisation of ν = φ(μ, σ) at a stationary state: require one
                double phi = Siegert.Rate(mu, sg, n);
                if (!(Math.Abs(phi - rates[a]) <= 1e-6 * Math.Max(phi, rates[a]) + 1e-300))
                    throw new ArgumentException($"rates[{a}] = {rates[a]} Hz is not stationary: phi = {phi} Hz at (mu, sigma) = ({mu}, {sg}) V (relative tolerance 1e-6).", nameof(rates));
                k.Tau[a] = n.TauM;
                k.YTheta[a] = (n.Theta - mu) / sg;
                k.YReset[a] = (n.VReset - mu) / sg;
                k.Rho[a] = n.TauRef / n.TauM;
                for (int b = 0; b < p; b++)
                {
                    k.A[a, b] = rates[a] * n.TauM * net.C[a, b] * net.J[a, b] / sg;
                    k.B[a, b] = rates[a] * n.TauM * net.C[a, b] * net.J[a, b] * net.J[a, b] / (sg * sg);
                }
            }
            return k;
        }

        /// <summary>M at λ = s τ_max.</summary>
        public Complex[,] Matrix(Complex lambda)
        {
            var m = new Complex[P, P];
            Complex delayFactor;
            if (Delays is null) delayFactor = Complex.Exp(-lambda * Delay / TauMax);
            else
            {
                delayFactor = Complex.Zero;
                foreach (var d in Delays) delayFactor += Complex.Exp(-lambda * d / TauMax);
                delayFactor /= Delays.Length;
            }
            for (int a = 0; a < P; a++)
            {
                if (Rate[a] == 0) continue; // a silent population does not respond (ν_a0 χ = 0)
                var (cm, cs) = LifTransferFunction.Gains(YTheta[a], YReset[a], Rho[a], lambda * (Tau[a] / TauMax));
                for (int b = 0; b < P; b++)
                    m[a, b] = delayFactor * (cm * A[a, b] + cs * B[a, b]);
            }
            return m;
        }

        /// <summary>det(I − M(λ)) by Gaussian elimination with partial pivoting (explicit for P ≤ 2).</summary>
        public Complex Det(Complex lambda)
        {
            var m = Matrix(lambda);
            if (P == 1) return 1 - m[0, 0];
            if (P == 2) return (1 - m[0, 0]) * (1 - m[1, 1]) - m[0, 1] * m[1, 0];
            var a = new Complex[P, P];
            for (int i = 0; i < P; i++)
                for (int j = 0; j < P; j++)
                    a[i, j] = (i == j ? 1 : 0) - m[i, j];
            Complex det = 1;
            for (int col = 0; col < P; col++)
            {
                int piv = col;
                for (int r = col + 1; r < P; r++) if (a[r, col].Magnitude > a[piv, col].Magnitude) piv = r;
                if (a[piv, col] == Complex.Zero) return Complex.Zero;
                if (piv != col)
                {
                    for (int j = 0; j < P; j++) (a[col, j], a[piv, j]) = (a[piv, j], a[col, j]);
                    det = -det;
                }
                det *= a[col, col];
                for (int r = col + 1; r < P; r++)
                {
                    Complex f = a[r, col] / a[col, col];
                    for (int j = col; j < P; j++) a[r, j] -= f * a[col, j];
                }
            }
            return det;
        }
    }
}
