using System.Numerics;

namespace Theory.MeanField;

/// <summary>Linear response of a shot-noise LIF neuron at complex frequency s.</summary>
/// <param name="Rate">Stationary rate r₀, Hz.</param>
/// <param name="ExcitatoryGain">H_E(s) = r₁/λ_E1: rate response (Hz) per Hz of modulation of the excitatory event rate,
/// λ_E(t) = λ_E + λ_E1 e^{st}.</param>
/// <param name="InhibitoryGain">H_I(s) = r₁/λ_I1, the same for the inhibitory event rate.</param>
/// <param name="IsiTransform">F̃(s) = ∫e^{−st}F(t)dt, the Laplace transform of the interspike-interval density at constant
/// input rates (F̃(0) = 1): the spike train is a renewal process, so its spectrum is
/// S₀(f) = r₀(1 − |F̃|²)/|1 − F̃|² at s = 2πif (<see cref="ShotNoiseTransfer.SpikeTrainSpectrum"/>).</param>
public sealed record ShotNoiseResponse(double Rate, Complex ExcitatoryGain, Complex InhibitoryGain, Complex IsiTransform);

/// <summary>
/// Rate response of the LIF neuron with finite PSPs (<see cref="ShotNoiseLif"/>: τ dV/dt = μ₀ − V, jumps +J_E at rate
/// λ_E and −J_I at rate λ_I, threshold θ, refractory τ_rp, reset V_r) to a modulation of its input rates at complex
/// frequency s — the finite-PSP counterpart of the diffusion transfer function <see cref="LifTransferFunction"/>.
/// <para>Method (this library's): the same Markov chain as <see cref="ShotNoiseLif.MeanFirstPassage"/> (grid
/// v_i = θ − (n − i)h, h = J_E/m, upwind drift, I jumps split between the two grid points around v − J_I, reflecting
/// floor), written as the forward (master) equation for the occupation p and the firing flux r = a·p (a_i = rate of
/// leaving the grid across θ from point i), with re-injection at V_r after τ_rp (the two grid points around V_r, the
/// weights w the MFPT interpolation uses):
/// <code>
///   dp/dt = A p + r(t − τ_rp) w,   A = generator transposed (loss a on the diagonal),   r(t) = a·p(t).
/// </code>
/// Stationary: A p̃ = −w, r₀ = 1/(τ_rp + Σp̃) (Σp̃ = T(V_r), so r₀ equals the MFPT rate of the same grid), p₀ = r₀p̃.
/// Linearized in λ_E1 e^{st} (the unit E-jump generator Q_E: (Q_Eᵀp)_j = p_{j−m} − p_j, absorbed beyond θ; likewise
/// Q_I): (s − A)p₁ = λ_E1 Q_Eᵀp₀ + λ_I1 Q_Iᵀp₀ + e^{−sτ_rp} r₁ w and r₁ = a·p₁ + λ_E1 a_E·p₀ (a_E = indicator of
/// E jumps leaving the grid), so with x = (s − A)⁻¹Q_Eᵀp₀ and y = (s − A)⁻¹w
/// <code>
///   H_E(s) = (a·x + a_E·p₀) / (1 − e^{−sτ_rp} a·y),   H_I(s) = a·x_I / (1 − e^{−sτ_rp} a·y).
/// </code>
/// The same solve gives the interspike-interval density: started at V_r after τ_rp without re-injection, p(t) = e^{At}w and
/// the first-passage flux a·p(t), so F̃(s) = e^{−sτ_rp} a·y — the denominator above is 1 − F̃ (the renewal equation of the
/// modulated rate) — and, since the input events are Poisson and the reset is deterministic, the output is a renewal process
/// with spectrum S₀(f) = r₀(1 − |F̃|²)/|1 − F̃|² (Cox &amp; Lewis 1966; the finite-PSP counterpart of
/// <see cref="LifSpikeTrainSpectrum"/>).
/// At s = 0 numerator and denominator vanish together (mass conservation); there the normalization
/// Σp₁ + τ_rp r₁ = 0 gives H(0) = −r₀ Σ(−A)⁻¹(b) + a_E·p₀-term, and for 0 &lt; |sτ| &lt; 10⁻³ the mean over 8 points on the
/// circle |sτ| = 10⁻³ is used (H is analytic). s − A is column diagonally dominant for Re s ≥ 0, so banded elimination
/// without pivoting is stable there (and in practice slightly to the left). Two grids (m, 2m) are combined by Richardson
/// extrapolation (error O(h) → O(h²)).
/// For J → 0 (λJ, λJ² fixed) H_E → r₀[χ_μ τJ_E/σ + χ_σ² τJ_E²/σ²] of the diffusion theory (Brunel &amp; Hakim 1999;
/// Lindner &amp; Schimansky-Geier 2001); with finite jumps the response stays finite as |s| → ∞ (a jump across θ fires
/// at once; Richardson &amp; Swarbrick 2010, PRL 105:178102).
/// </para>
/// </summary>
public static class ShotNoiseTransfer
{
    /// <summary>Stationary rate and rate response at complex frequency <paramref name="s"/> (1/s), Richardson-extrapolated
    /// from grids of <paramref name="pointsPerJump"/> and twice as many points per excitatory jump.</summary>
    /// <param name="neuron">τ, θ, V_r, τ_rp.</param>
    /// <param name="rateE">λ_E, Hz (&gt; 0).</param>
    /// <param name="jumpE">J_E, V (&gt; 0).</param>
    /// <param name="rateI">λ_I, Hz (≥ 0).</param>
    /// <param name="jumpI">J_I, V (≥ 0; applied as −J_I).</param>
    /// <param name="s">Complex frequency, 1/s (Re s ≥ −0.9/τ, the half plane the root searches use; finite).</param>
    /// <param name="pointsPerJump">Grid points per J_E on the coarse grid (2 to 1024, default 8).</param>
    /// <param name="mu0">Constant input μ₀, V (default 0; must be below θ).</param>
    public static ShotNoiseResponse Response(LifNeuron neuron, double rateE, double jumpE, double rateI, double jumpI, Complex s,
                                             int pointsPerJump = 8, double mu0 = 0.0)
    {
        Guard.InRange(pointsPerJump, 2, 1024);
        var a = OnGrid(neuron, rateE, jumpE, rateI, jumpI, s, pointsPerJump, mu0);
        var b = OnGrid(neuron, rateE, jumpE, rateI, jumpI, s, 2 * pointsPerJump, mu0);
        return new ShotNoiseResponse(2 * b.Rate - a.Rate, 2 * b.ExcitatoryGain - a.ExcitatoryGain, 2 * b.InhibitoryGain - a.InhibitoryGain,
                                     2 * b.IsiTransform - a.IsiTransform);
    }

    /// <summary>Spike-train spectrum S₀(f) (two-sided, Hz) of the shot-noise LIF at constant input rates, from the renewal
    /// formula S₀ = r₀(1 − |F̃|²)/|1 − F̃|² = r₀ Re[(1 + F̃)/(1 − F̃)] with the ISI transform F̃(2πif) of
    /// <see cref="Response"/> (Richardson-extrapolated). S₀ → r₀ as f → ∞; S₀(0) = r₀CV². Arguments as in
    /// <see cref="Response"/>; |f| below 0.01 Hz is evaluated at 0.01 Hz (the formula is 0/0 at f = 0).</summary>
    /// <param name="neuron">τ, θ, V_r, τ_rp.</param>
    /// <param name="rateE">λ_E, Hz (&gt; 0).</param>
    /// <param name="jumpE">J_E, V (&gt; 0).</param>
    /// <param name="rateI">λ_I, Hz (≥ 0).</param>
    /// <param name="jumpI">J_I, V (≥ 0; applied as −J_I).</param>
    /// <param name="frequency">f, Hz (finite).</param>
    /// <param name="pointsPerJump">Grid points per J_E on the coarse grid (2 to 1024, default 8).</param>
    /// <param name="mu0">Constant input μ₀, V (default 0; must be below θ).</param>
    public static double SpikeTrainSpectrum(LifNeuron neuron, double rateE, double jumpE, double rateI, double jumpI, double frequency,
                                            int pointsPerJump = 8, double mu0 = 0.0)
    {
        double f = Math.Max(Math.Abs(Guard.Finite(frequency)), 0.01);
        var r = Response(neuron, rateE, jumpE, rateI, jumpI, new Complex(0, 2 * Math.PI * f), pointsPerJump, mu0);
        return RenewalSpectrum(r.Rate, r.IsiTransform);
    }

    /// <summary>Renewal spectrum r₀ Re[(1 + F̃)/(1 − F̃)] (Hz) of rate <paramref name="rate"/> (Hz) and ISI transform
    /// <paramref name="isiTransform"/> at one frequency.</summary>
    public static double RenewalSpectrum(double rate, Complex isiTransform) => rate * ((1 + isiTransform) / (1 - isiTransform)).Real;

    /// <summary>The same on one grid (h = J_E/m, no extrapolation; error O(h)).</summary>
    public static ShotNoiseResponse OnGrid(LifNeuron neuron, double rateE, double jumpE, double rateI, double jumpI, Complex s,
                                           int pointsPerJump, double mu0 = 0.0)
    {
        Guard.NotNull(neuron).Validated();
        Guard.Positive(rateE);
        Guard.Positive(jumpE);
        Guard.NonNegative(rateI);
        Guard.NonNegative(jumpI);
        Guard.Finite(mu0);
        Guard.InRange(pointsPerJump, 1, 2048);
        if (!double.IsFinite(s.Real) || !double.IsFinite(s.Imaginary))
            throw new ArgumentException($"s = {s} /s is invalid: it must be finite.", nameof(s));
        if (!(s.Real >= -0.9 / neuron.TauM))
            throw new ArgumentException($"s = {s} /s is invalid: Re s must be ≥ −0.9/τ = {-0.9 / neuron.TauM} /s.", nameof(s));
        if (!(mu0 < neuron.Theta))
            throw new ArgumentException($"mu0 = {mu0} V is invalid: it must be below θ = {neuron.Theta} V.", nameof(mu0));
        var chain = new Chain(neuron, rateE, jumpE, rateI, jumpI, mu0, pointsPerJump);
        double tauS = (s * neuron.TauM).Magnitude;
        if (tauS == 0) return chain.AtZero();
        if (tauS >= 1e-3) return chain.At(s);
        // analytic in s: the mean over a small circle around s avoids the 0/0 of the general formula
        Complex he = 0, hi = 0, isi = 0;
        double r = 1e-3 / neuron.TauM;
        for (int k = 0; k < 8; k++)
        {
            var v = chain.At(s + r * Complex.FromPolarCoordinates(1, 2 * Math.PI * (k + 0.5) / 8));
            he += v.ExcitatoryGain / 8; hi += v.InhibitoryGain / 8; isi += v.IsiTransform / 8;
        }
        return new ShotNoiseResponse(chain.Rate, he, hi, isi);
    }

    /// <summary>The discretized jump process: forward generator A (banded), loss vector, re-injection weights, and
    /// the stationary occupation.</summary>
    sealed class Chain
    {
        readonly int _n, _m, _ki;
        readonly double _fi, _rateE, _tauRef;
        readonly BandedGenerator _a; // A and the loss vector a_i
        readonly double[] _lossE;    // a_E,i (unit rate)
        readonly int _k;             // re-injection at k (1 − f) and k + 1 (f)
        readonly double _f;
        readonly double[] _p0;
        public double Rate { get; }

        public Chain(LifNeuron neuron, double rateE, double jumpE, double rateI, double jumpI, double mu0, int m)
        {
            double tau = neuron.TauM, theta = neuron.Theta, h = jumpE / m;
            double mean = mu0 + tau * (rateE * jumpE - rateI * jumpI);
            double sd = Math.Sqrt(0.5 * tau * (rateE * jumpE * jumpE + rateI * jumpI * jumpI));
            double floor = rateI > 0 && jumpI > 0
                ? Math.Min(Math.Min(mean, neuron.VReset), theta) - 10 * sd - jumpI - 2 * jumpE
                : Math.Min(neuron.VReset, mu0) - 2 * jumpE;
            _n = (int)Math.Ceiling((theta - floor) / h);
            if (_n > 2_000_000)
                throw new ArgumentException($"pointsPerJump = {m} is invalid here: the grid would need {_n} points (at most 2e6).", "pointsPerJump");
            _m = m; _rateE = rateE; _tauRef = neuron.TauRef;
            double kiExact = jumpI / h;
            _ki = (int)Math.Floor(kiExact);
            _fi = kiExact - _ki;
            _a = new BandedGenerator(_n, Math.Max(1, m), Math.Max(1, _ki + 1));
            _lossE = new double[_n];
            for (int i = 0; i < _n; i++)
            {
                double v = theta - (_n - i) * h;
                double b = (mu0 - v) / tau;
                if (b < 0 && i > 0) _a.Move(i, i - 1, -b / h);
                else if (b > 0) _a.Move(i, i + 1, b / h);
                _a.Move(i, i + m, rateE);
                if (i + m >= _n) _lossE[i] = 1;
                if (rateI > 0 && jumpI > 0)
                {
                    _a.Move(i, Math.Max(0, i - _ki), rateI * (1 - _fi));
                    if (_fi > 0) _a.Move(i, Math.Max(0, i - _ki - 1), rateI * _fi);
                }
            }
            double x = (neuron.VReset - (theta - _n * h)) / h;
            _k = Math.Clamp((int)Math.Floor(x), 0, _n - 2);
            _f = x - _k;
            var pt = _a.SolveReal(BandedGenerator.Negated(Reinjection()));
            double t = pt.Sum();
            Rate = 1.0 / (_tauRef + t);
            _p0 = pt.Select(p => p * Rate).ToArray();
        }

        double[] Reinjection() => _a.Reinjection(_k, _f);

        /// <summary>(Q_Eᵀ p)_j = p_{j−m} − p_j and (Q_Iᵀ p)_j = Σ_i p_i w_ij − p_j (unit event rates).</summary>
        (double[] E, double[] I) UnitGenerators(double[] p)
        {
            var e = new double[_n];
            var inh = new double[_n];
            for (int j = 0; j < _n; j++)
            {
                e[j] = (j >= _m ? p[j - _m] : 0) - p[j];
                inh[j] -= p[j];
                inh[Math.Max(0, j - _ki)] += p[j] * (1 - _fi);
                if (_fi > 0) inh[Math.Max(0, j - _ki - 1)] += p[j] * _fi;
            }
            return (e, inh);
        }

        public ShotNoiseResponse AtZero()
        {
            var (be, bi) = UnitGenerators(_p0);
            // (−A) p₁ = b + r₁ w with Σp₁ + τ_rp r₁ = 0 and (−A)⁻¹w = p̃: p₁ = x + r₁p̃, r₁ = −r₀ Σx
            var xe = _a.SolveReal(BandedGenerator.Negated(be));
            var xi = _a.SolveReal(BandedGenerator.Negated(bi));
            // sign: A p̃ = −w, so (−A)⁻¹ b = −A⁻¹ b = SolveReal(−b)
            return new ShotNoiseResponse(Rate, -Rate * xe.Sum(), -Rate * xi.Sum(), 1);
        }

        public ShotNoiseResponse At(Complex s)
        {
            var (be, bi) = UnitGenerators(_p0);
            var x = _a.SolveShifted(s, [be, bi, Reinjection()]);
            Complex[] xe = x[0], xi = x[1], y = x[2];
            var loss = _a.Loss;
            Complex ax = 0, axi = 0, ay = 0;
            double aep = 0;
            for (int i = 0; i < _n; i++)
            {
                if (loss[i] == 0) continue;
                ax += loss[i] * xe[i]; axi += loss[i] * xi[i]; ay += loss[i] * y[i];
                aep += _lossE[i] * _p0[i];
            }
            Complex isi = Complex.Exp(-s * _tauRef) * ay;
            Complex den = 1 - isi;
            return new ShotNoiseResponse(Rate, (ax + aep) / den, axi / den, isi);
        }
    }
}
