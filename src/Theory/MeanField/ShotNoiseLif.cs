namespace Theory.MeanField;

/// <summary>
/// Stationary rate of an LIF neuron driven by Poisson shot noise with finite jumps (delta synapses), without the
/// diffusion approximation:
/// <code>
///   τ dV/dt = μ₀ − V + τ J_E Σ_k δ(t − t_k^E) − τ J_I Σ_k δ(t − t_k^I),   E events at rate λ_E, I events at rate λ_I,
/// </code>
/// spike when V ≥ θ (reached by a jump, or by the drift if μ₀ &gt; θ), then refractory for τ_rp with input discarded,
/// then V = V_r. The interspike interval is τ_rp + T(V_r), with T(v) the mean first-passage time from v to θ, which solves
/// the backward (Kolmogorov) equation of the jump process (cf. the direct solution of the membrane-potential Markov process
/// in Helias et al. 2010, Front. Comput. Neurosci. 3:29, and the finite-jump threshold problem of Richardson &amp;
/// Swarbrick 2010, PRL 105:178102):
/// <code>
///   ((μ₀ − v)/τ) T'(v) + λ_E [T(v + J_E) − T(v)] + λ_I [T(v − J_I) − T(v)] = −1   (v &lt; θ),   T(v ≥ θ) = 0,
///   ν = 1/(τ_rp + T(V_r)).
/// </code>
/// Numerics (this library's): T on the grid v_i = θ − (n − i)h with h = J_E/m (E jumps land on grid points), drift as an
/// upwind jump to the neighbour at rate |b|/h (a Markov chain that converges to the process as h → 0, error O(h)),
/// I jumps split linearly between the two grid points around v − J_I, reflecting floor 10 standard deviations below the
/// free mean (at min(V_r, μ₀) without inhibition); the banded M-matrix system is solved by Gaussian elimination without pivoting (stable for diagonally
/// dominant M-matrices), and two resolutions m and 2m are combined by Richardson extrapolation (error O(h²)).
/// In the diffusion limit (J → 0 with λJ and λJ² fixed) the rate tends to <see cref="Siegert"/> with
/// μ = μ₀ + τ(λ_E J_E − λ_I J_I), σ² = τ(λ_E J_E² + λ_I J_I²).
/// </summary>
public static class ShotNoiseLif
{
    /// <summary>Stationary rate (Hz), Richardson-extrapolated from grids of <paramref name="pointsPerJump"/> and twice as
    /// many points per excitatory jump.</summary>
    /// <param name="neuron">τ, θ, V_r, τ_rp.</param>
    /// <param name="rateE">Total rate λ_E of excitatory events, Hz (≥ 0).</param>
    /// <param name="jumpE">Excitatory jump J_E, V (&gt; 0).</param>
    /// <param name="rateI">Total rate λ_I of inhibitory events, Hz (≥ 0).</param>
    /// <param name="jumpI">Inhibitory jump size J_I, V (≥ 0; applied as −J_I).</param>
    /// <param name="mu0">Constant input μ₀ (V) towards which V relaxes between events (default 0).</param>
    /// <param name="pointsPerJump">Grid points per J_E on the coarse grid (2 to 4096, default 16).</param>
    public static double Rate(LifNeuron neuron, double rateE, double jumpE, double rateI, double jumpI, double mu0 = 0.0,
                              int pointsPerJump = 16)
    {
        Guard.InRange(pointsPerJump, 2, 4096);
        double t1 = MeanFirstPassage(neuron, rateE, jumpE, rateI, jumpI, mu0, pointsPerJump);
        double t2 = MeanFirstPassage(neuron, rateE, jumpE, rateI, jumpI, mu0, 2 * pointsPerJump);
        double t = 2 * t2 - t1;
        return 1.0 / (neuron.TauRef + t);
    }

    /// <summary>Mean first-passage time T(V_r) (s) from reset to threshold on the grid with h = J_E/m (no extrapolation).</summary>
    public static double MeanFirstPassage(LifNeuron neuron, double rateE, double jumpE, double rateI, double jumpI, double mu0,
                                          int pointsPerJump)
    {
        Guard.NotNull(neuron).Validated();
        Guard.NonNegative(rateE);
        Guard.Positive(jumpE);
        Guard.NonNegative(rateI);
        Guard.NonNegative(jumpI);
        Guard.Finite(mu0);
        Guard.InRange(pointsPerJump, 1, 8192);
        if (!(rateE > 0) && !(mu0 > neuron.Theta))
            throw new ArgumentException($"rateE = {rateE} Hz is invalid: without excitatory events (and μ₀ = {mu0} V ≤ θ) the neuron never fires.", nameof(rateE));
        double tau = neuron.TauM, theta = neuron.Theta;
        double h = jumpE / pointsPerJump;
        // Free membrane statistics (Campbell): mean μ, variance τ(λ_E J_E² + λ_I J_I²)/2.
        double mean = mu0 + tau * (rateE * jumpE - rateI * jumpI);
        double sd = Math.Sqrt(0.5 * tau * (rateE * jumpE * jumpE + rateI * jumpI * jumpI));
        // Without inhibition V never goes below min(V_r, μ₀); otherwise 10 s.d. below the free mean.
        double floor = rateI > 0 && jumpI > 0
            ? Math.Min(Math.Min(mean, neuron.VReset), theta) - 10 * sd - jumpI - 2 * jumpE
            : Math.Min(neuron.VReset, mu0) - 2 * jumpE;
        int n = (int)Math.Ceiling((theta - floor) / h);
        if (n > 5_000_000)
            throw new ArgumentException($"pointsPerJump = {pointsPerJump} is invalid here: the grid would need {n} points (at most 5e6).", nameof(pointsPerJump));
        int m = pointsPerJump;
        double kiExact = jumpI / h;
        int ki = (int)Math.Floor(kiExact);
        double fi = kiExact - ki; // weight of the point one step further down
        int lower = Math.Max(1, ki + 1), upper = Math.Max(1, m);
        var band = new BandMatrix(n, lower, upper);
        var rhs = new double[n];
        for (int i = 0; i < n; i++)
        {
            rhs[i] = -1.0;
            double v = theta - (n - i) * h;
            double b = (mu0 - v) / tau;
            if (b < 0 && i > 0) Add(band, i, i - 1, -b / h, n);
            else if (b > 0) Add(band, i, i + 1, b / h, n);
            if (rateE > 0) Add(band, i, i + m, rateE, n);
            if (rateI > 0 && jumpI > 0)
            {
                Add(band, i, Math.Max(0, i - ki), rateI * (1 - fi), n);
                if (fi > 0) Add(band, i, Math.Max(0, i - ki - 1), rateI * fi, n);
            }
        }
        var t = band.Solve(rhs);
        double x = (neuron.VReset - (theta - n * h)) / h;
        int k = Math.Clamp((int)Math.Floor(x), 0, n - 2);
        double f = x - k;
        return (1 - f) * t[k] + f * t[k + 1];
    }

    /// <summary>Adds the transition i → j at rate r to the generator (absorbed if j ≥ n; ignored if j = i).</summary>
    static void Add(BandMatrix a, int i, int j, double r, int n)
    {
        if (j == i || r == 0) return;
        a[i, i] -= r;
        if (j < n) a[i, j] += r;
    }

    /// <summary>Banded matrix with Gaussian elimination without pivoting (for diagonally dominant systems).</summary>
    sealed class BandMatrix(int n, int lower, int upper)
    {
        readonly double[] _a = new double[n * (lower + upper + 1)];
        readonly int _w = lower + upper + 1;

        public double this[int i, int j]
        {
            get => _a[i * _w + (j - i + lower)];
            set => _a[i * _w + (j - i + lower)] = value;
        }

        public double[] Solve(double[] rhs)
        {
            var b = (double[])rhs.Clone();
            for (int k = 0; k < n; k++)
            {
                double pivot = this[k, k];
                if (!(Math.Abs(pivot) > 0)) throw new ArithmeticException($"zero pivot at row {k} of the shot-noise generator.");
                int iMax = Math.Min(n - 1, k + lower), jMax = Math.Min(n - 1, k + upper);
                for (int i = k + 1; i <= iMax; i++)
                {
                    double l = this[i, k];
                    if (l == 0) continue;
                    l /= pivot;
                    int rowI = i * _w - i + lower, rowK = k * _w - k + lower;
                    for (int j = k + 1; j <= jMax; j++) _a[rowI + j] -= l * _a[rowK + j];
                    b[i] -= l * b[k];
                }
            }
            var x = new double[n];
            for (int k = n - 1; k >= 0; k--)
            {
                double s = b[k];
                int jMax = Math.Min(n - 1, k + upper), rowK = k * _w - k + lower;
                for (int j = k + 1; j <= jMax; j++) s -= _a[rowK + j] * x[j];
                x[k] = s / _a[rowK + k];
            }
            return x;
        }
    }
}
