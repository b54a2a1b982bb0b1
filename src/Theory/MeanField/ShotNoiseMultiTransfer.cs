using System.Numerics;

namespace Theory.MeanField;

/// <summary>One class of Poisson input events of a shot-noise LIF neuron: rate λ (Hz, ≥ 0) and jump J of V (V; &gt; 0
/// excitatory, &lt; 0 inhibitory).</summary>
/// <param name="Rate">Event rate λ, Hz.</param>
/// <param name="Jump">Signed jump J, V.</param>
public readonly record struct ShotNoiseInput(double Rate, double Jump);

/// <summary>Linear response of a shot-noise LIF neuron with several input classes at complex frequency s.</summary>
/// <param name="Rate">Stationary rate r₀, Hz.</param>
/// <param name="Gains">H_k(s) = r₁/λ_k1 for each input class k (in the order given): rate response (Hz) per Hz of
/// modulation of that class's event rate.</param>
/// <param name="IsiTransform">F̃(s), the Laplace transform of the interspike-interval density (as in
/// <see cref="ShotNoiseResponse.IsiTransform"/>).</param>
public sealed record ShotNoiseMultiResponse(double Rate, Complex[] Gains, Complex IsiTransform);

/// <summary>
/// <see cref="ShotNoiseTransfer"/> for any number of input classes (λ_k, J_k): τ dV/dt = μ₀ − V plus jumps J_k at rate λ_k,
/// threshold θ, refractory τ_rp, reset V_r. Same Markov chain and the same linearisation: grid v_i = θ − (n − i)h with
/// h = J_ref/m, J_ref the smallest excitatory jump; a jump of J_k/h = q + f grid steps goes q steps with probability 1 − f
/// and q + 1 with f (exact when J_k is a multiple of h, as for every jump of <c>BalancedScaling.Network</c> on the E
/// population: all j_ab are multiples of j_EE); beyond θ the event is absorbed (fires), below the floor it is reflected.
/// With x_k = (s − A)⁻¹Q_kᵀp₀ and y = (s − A)⁻¹w,
/// <code>
///   H_k(s) = (a·x_k + a_k·p₀) / (1 − e^{−sτ_rp} a·y),
/// </code>
/// a_k,i the fraction of a unit-rate class-k event from point i that leaves the grid across θ (0 for inhibition). With one
/// excitatory and one inhibitory class (in that order) the grid, the generator and every operation are those of
/// <see cref="ShotNoiseTransfer"/>, so the numbers are identical; two classes with the same jump have equal gains, equal
/// to the gain of one class with the summed rate. Needed because the neurons of a balanced network receive three jump sizes
/// (j_aE/√K, j_aI/√K and the external j_aX/√K), which the two-class transfer cannot represent. Richardson extrapolation from
/// m and 2m as in <see cref="ShotNoiseTransfer.Response"/>.
/// </summary>
public static class ShotNoiseMultiTransfer
{
    /// <summary>Stationary rate and gains at <paramref name="s"/> (1/s), Richardson-extrapolated from grids of
    /// <paramref name="pointsPerJump"/> and twice as many points per smallest excitatory jump.</summary>
    /// <param name="neuron">τ, θ, V_r, τ_rp.</param>
    /// <param name="inputs">Input classes (at least one excitatory class with λ &gt; 0; every λ ≥ 0 and J ≠ 0, finite).</param>
    /// <param name="s">Complex frequency, 1/s (Re s ≥ −0.9/τ; finite).</param>
    /// <param name="pointsPerJump">Grid points per smallest excitatory jump on the coarse grid (2 to 1024, default 8).</param>
    /// <param name="mu0">Constant input μ₀, V (default 0; below θ).</param>
    public static ShotNoiseMultiResponse Response(LifNeuron neuron, IReadOnlyList<ShotNoiseInput> inputs, Complex s, int pointsPerJump = 8,
                                                  double mu0 = 0.0)
    {
        Guard.InRange(pointsPerJump, 2, 1024);
        var a = OnGrid(neuron, inputs, s, pointsPerJump, mu0);
        var b = OnGrid(neuron, inputs, s, 2 * pointsPerJump, mu0);
        return new ShotNoiseMultiResponse(2 * b.Rate - a.Rate, b.Gains.Zip(a.Gains, (x, y) => 2 * x - y).ToArray(),
                                          2 * b.IsiTransform - a.IsiTransform);
    }

    /// <summary>Stationary rate (Hz), Richardson-extrapolated (arguments as in <see cref="Response"/>).</summary>
    public static double Rate(LifNeuron neuron, IReadOnlyList<ShotNoiseInput> inputs, int pointsPerJump = 8, double mu0 = 0.0)
    {
        Guard.InRange(pointsPerJump, 2, 1024);
        Validate(neuron, inputs, mu0);
        return 2 * new Chain(neuron, inputs, mu0, 2 * pointsPerJump).Rate - new Chain(neuron, inputs, mu0, pointsPerJump).Rate;
    }

    /// <summary>The same on one grid (h = J_ref/m, no extrapolation; error O(h)).</summary>
    public static ShotNoiseMultiResponse OnGrid(LifNeuron neuron, IReadOnlyList<ShotNoiseInput> inputs, Complex s, int pointsPerJump,
                                                double mu0 = 0.0)
    {
        Validate(neuron, inputs, mu0);
        Guard.InRange(pointsPerJump, 1, 2048);
        if (!double.IsFinite(s.Real) || !double.IsFinite(s.Imaginary))
            throw new ArgumentException($"s = {s} /s is invalid: it must be finite.", nameof(s));
        if (!(s.Real >= -0.9 / neuron.TauM))
            throw new ArgumentException($"s = {s} /s is invalid: Re s must be ≥ −0.9/τ = {-0.9 / neuron.TauM} /s.", nameof(s));
        var chain = new Chain(neuron, inputs, mu0, pointsPerJump);
        double tauS = (s * neuron.TauM).Magnitude;
        if (tauS == 0) return chain.AtZero();
        if (tauS >= 1e-3) return chain.At(s);
        // analytic in s: the mean over a small circle around s avoids the 0/0 of the general formula
        var g = new Complex[inputs.Count];
        Complex isi = 0;
        double r = 1e-3 / neuron.TauM;
        for (int k = 0; k < 8; k++)
        {
            var v = chain.At(s + r * Complex.FromPolarCoordinates(1, 2 * Math.PI * (k + 0.5) / 8));
            for (int c = 0; c < g.Length; c++) g[c] += v.Gains[c] / 8;
            isi += v.IsiTransform / 8;
        }
        return new ShotNoiseMultiResponse(chain.Rate, g, isi);
    }

    static void Validate(LifNeuron neuron, IReadOnlyList<ShotNoiseInput> inputs, double mu0)
    {
        Guard.NotNull(neuron).Validated();
        Guard.NotNull(inputs);
        bool excited = false;
        for (int k = 0; k < inputs.Count; k++)
        {
            var (rate, jump) = inputs[k];
            if (!(rate >= 0) || !double.IsFinite(rate))
                throw new ArgumentException($"inputs[{k}].Rate = {rate} Hz is invalid: it must be finite and >= 0.", nameof(inputs));
            if (jump == 0 || !double.IsFinite(jump))
                throw new ArgumentException($"inputs[{k}].Jump = {jump} V is invalid: it must be finite and nonzero.", nameof(inputs));
            excited |= jump > 0 && rate > 0;
        }
        if (!excited)
            throw new ArgumentException($"inputs ({inputs.Count} classes) is invalid: at least one excitatory class (Jump > 0) with Rate > 0 is needed.", nameof(inputs));
        Guard.Finite(mu0);
        if (!(mu0 < neuron.Theta))
            throw new ArgumentException($"mu0 = {mu0} V is invalid: it must be below θ = {neuron.Theta} V.", nameof(mu0));
    }

    /// <summary>The discretized jump process: forward generator A (banded), loss vectors, re-injection weights, and the
    /// stationary occupation (the construction of <see cref="ShotNoiseTransfer"/>'s chain, with a list of jump classes).</summary>
    sealed class Chain
    {
        readonly int _n, _k;
        readonly double _f, _tauRef;
        readonly int[] _q;           // whole grid steps of each class (signed: down for inhibition)
        readonly double[] _frac;     // fraction going one step further
        readonly bool[] _inhibitory; // class jumps down
        readonly BandedGenerator _a; // A and the loss vector a_i
        readonly double[][] _lossK;  // a_k,i (unit rate)
        readonly double[] _p0;
        public double Rate { get; }

        public Chain(LifNeuron neuron, IReadOnlyList<ShotNoiseInput> inputs, double mu0, int m)
        {
            double tau = neuron.TauM, theta = neuron.Theta;
            double jRef = inputs.Where(x => x.Jump > 0).Min(x => x.Jump), h = jRef / m;
            double drive = 0, var = 0, maxI = 0;
            bool inhibited = false;
            foreach (var x in inputs)
            {
                drive += x.Rate * x.Jump;
                var += x.Rate * x.Jump * x.Jump;
                if (x.Jump < 0 && x.Rate > 0) { inhibited = true; maxI = Math.Max(maxI, -x.Jump); }
            }
            double mean = mu0 + tau * drive;
            double sd = Math.Sqrt(0.5 * tau * var);
            double floor = inhibited
                ? Math.Min(Math.Min(mean, neuron.VReset), theta) - 10 * sd - maxI - 2 * jRef
                : Math.Min(neuron.VReset, mu0) - 2 * jRef;
            _n = (int)Math.Ceiling((theta - floor) / h);
            if (_n > 2_000_000)
                throw new ArgumentException($"pointsPerJump = {m} is invalid here: the grid would need {_n} points (at most 2e6).", "pointsPerJump");
            _tauRef = neuron.TauRef;
            int c = inputs.Count;
            _q = new int[c];
            _frac = new double[c];
            _inhibitory = inputs.Select(x => x.Jump < 0).ToArray();
            int up = 1, down = 1;
            for (int k = 0; k < c; k++)
            {
                double steps = Math.Abs(inputs[k].Jump) / h;
                double whole = Math.Floor(steps);
                // a jump that is a multiple of h up to rounding (e.g. 0.5 mV / 0.0125 mV) goes exactly that many steps
                if (steps - whole > 1 - 1e-9) whole += 1;
                _q[k] = (int)whole;
                _frac[k] = Math.Max(0, steps - whole) < 1e-9 ? 0 : steps - whole;
                int reach = _q[k] + (_frac[k] > 0 ? 1 : 0);
                if (inputs[k].Jump > 0) up = Math.Max(up, reach);
                else down = Math.Max(down, _q[k] + 1);
            }
            _a = new BandedGenerator(_n, up, down);
            _lossK = Enumerable.Range(0, c).Select(_ => new double[_n]).ToArray();
            for (int i = 0; i < _n; i++)
            {
                double v = theta - (_n - i) * h;
                double b = (mu0 - v) / tau;
                if (b < 0 && i > 0) _a.Move(i, i - 1, -b / h);
                else if (b > 0) _a.Move(i, i + 1, b / h);
                for (int k = 0; k < c; k++)
                {
                    double rate = inputs[k].Rate, f = _frac[k];
                    int q = _q[k];
                    if (inputs[k].Jump > 0)
                    {
                        _a.Move(i, i + q, rate * (1 - f));
                        if (f > 0) _a.Move(i, i + q + 1, rate * f);
                        _lossK[k][i] = (i + q >= _n ? 1 - f : 0) + (f > 0 && i + q + 1 >= _n ? f : 0);
                    }
                    else if (rate > 0)
                    {
                        _a.Move(i, Math.Max(0, i - q), rate * (1 - f));
                        if (f > 0) _a.Move(i, Math.Max(0, i - q - 1), rate * f);
                    }
                }
            }
            double xr = (neuron.VReset - (theta - _n * h)) / h;
            _k = Math.Clamp((int)Math.Floor(xr), 0, _n - 2);
            _f = xr - _k;
            var pt = _a.SolveReal(BandedGenerator.Negated(Reinjection()));
            double t = pt.Sum();
            Rate = 1.0 / (_tauRef + t);
            _p0 = pt.Select(p => p * Rate).ToArray();
        }

        double[] Reinjection() => _a.Reinjection(_k, _f);

        /// <summary>Q_kᵀp for each class (unit event rate): mass leaves j and arrives at the target points (dropped beyond θ,
        /// clamped at the floor).</summary>
        double[][] UnitGenerators(double[] p)
        {
            var res = new double[_q.Length][];
            for (int k = 0; k < _q.Length; k++)
            {
                var g = new double[_n];
                int q = _q[k];
                double f = _frac[k];
                for (int j = 0; j < _n; j++)
                {
                    if (_inhibitory[k])
                    {
                        g[j] -= p[j];
                        g[Math.Max(0, j - q)] += p[j] * (1 - f);
                        if (f > 0) g[Math.Max(0, j - q - 1)] += p[j] * f;
                    }
                    else
                    {
                        // arrivals at j from below were added at earlier j; (0 + p[j−q]) − p[j] as in ShotNoiseTransfer
                        g[j] -= p[j];
                        if (j + q < _n) g[j + q] += p[j] * (1 - f);
                        if (f > 0 && j + q + 1 < _n) g[j + q + 1] += p[j] * f;
                    }
                }
                res[k] = g;
            }
            return res;
        }

        public ShotNoiseMultiResponse AtZero()
        {
            var b = UnitGenerators(_p0);
            // (−A) p₁ = b + r₁ w with Σp₁ + τ_rp r₁ = 0 and (−A)⁻¹w = p̃: p₁ = x + r₁p̃, r₁ = −r₀ Σx (+ the direct term)
            var g = new Complex[b.Length];
            for (int k = 0; k < b.Length; k++)
            {
                var x = _a.SolveReal(BandedGenerator.Negated(b[k]));
                g[k] = -Rate * x.Sum();
            }
            return new ShotNoiseMultiResponse(Rate, g, 1);
        }

        public ShotNoiseMultiResponse At(Complex s)
        {
            var b = UnitGenerators(_p0);
            var rhs = b.Append(Reinjection()).ToArray();
            var x = _a.SolveShifted(s, rhs);
            var loss = _a.Loss;
            int c = b.Length;
            var ax = new Complex[c];
            var aep = new double[c];
            Complex ay = 0;
            for (int i = 0; i < _n; i++)
            {
                for (int k = 0; k < c; k++) aep[k] += _lossK[k][i] * _p0[i];
                if (loss[i] == 0) continue;
                for (int k = 0; k < c; k++) ax[k] += loss[i] * x[k][i];
                ay += loss[i] * x[c][i];
            }
            Complex isi = Complex.Exp(-s * _tauRef) * ay;
            Complex den = 1 - isi;
            return new ShotNoiseMultiResponse(Rate, Enumerable.Range(0, c).Select(k => (ax[k] + aep[k]) / den).ToArray(), isi);
        }
    }
}
