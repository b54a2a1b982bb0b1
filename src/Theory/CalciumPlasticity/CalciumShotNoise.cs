namespace Theory.CalciumPlasticity;

/// <summary>
/// Poisson pre/post activity at a synapse: rates (Hz) and a correlation made of shared events.
/// A common Poisson process of rate ν_c = Correlation·√(ν_pre ν_post) emits a presynaptic spike at
/// t and a postsynaptic spike at t + Lag; the rest of each train is independent Poisson, so the
/// trains keep rates ν_pre and ν_post and the count correlation coefficient (long windows) is
/// Correlation (the "shared component" model; Graupner et al. 2016 irregular pairs).
/// </summary>
/// <param name="PreRate">ν_pre (Hz).</param>
/// <param name="PostRate">ν_post (Hz).</param>
/// <param name="Correlation">c ∈ [0, 1] with ν_c = c √(ν_pre ν_post) ≤ min(ν_pre, ν_post).</param>
/// <param name="Lag">Time of the shared post spike after the shared pre spike (s); the pre-evoked
/// calcium arrives D later, so the calcium offset is Lag − D.</param>
public sealed record PoissonActivity(double PreRate, double PostRate, double Correlation = 0.0, double Lag = 0.0)
{
    /// <summary>ν_c = c √(ν_pre ν_post) (Hz).</summary>
    public double SharedRate => Correlation * Math.Sqrt(PreRate * PostRate);

    /// <summary>Throws an ArgumentException naming the invalid field.</summary>
    public PoissonActivity Validate()
    {
        Guard.InRange(PreRate, 0.0, 1e5);
        Guard.InRange(PostRate, 0.0, 1e5);
        Guard.Probability(Correlation);
        Guard.InRange(Lag, -10.0, 10.0);
        double nc = SharedRate;
        if (nc > Math.Min(PreRate, PostRate) * (1 + 1e-12))
            throw new ArgumentException(
                $"Correlation = {Correlation} is invalid: the shared rate c√(ν_pre ν_post) = {nc} Hz must not exceed min(ν_pre, ν_post) = {Math.Min(PreRate, PostRate)} Hz, i.e. c ≤ {Math.Sqrt(Math.Min(PreRate, PostRate) / Math.Max(Math.Max(PreRate, PostRate), 1e-300))}.",
                nameof(Correlation));
        return this;
    }
}

/// <summary>
/// Stationary statistics of the calcium driven by Poisson pre/post trains — a shot-noise
/// process with exponential kernel (Graupner et al. 2016; Wang &amp; Aljadeff's shot-noise view).
/// <para>Linear calcium (η = 0). Independent spikes are jumps A_i at rate r_i; a shared event
/// is a jump A₁ followed |δ| later (δ = Lag − D) by A₂, whose kernel equals jumps A₁ at rate ν_c,
/// A₁e^{−|δ|/τ} + A₂ at rate ν_c and A₁e^{−|δ|/τ} at rate −ν_c (a signed jump measure). Campbell's
/// theorem then gives the cumulants κ_n = (τ_Ca/n) Σ_i r_i A_i^n and the Laplace transform
/// ln E e^{−sc} = −τ_Ca Σ_i r_i Ein(s A_i), which is equivalent to the stationary flux balance
/// x p(x) = τ_Ca Σ_i r_i [F(x) − F(x − A_i)] for the distribution function F (the rate of
/// downward crossings of x by the decay equals that of upward crossings by jumps). With
/// a = τ_Ca Σ_i r_i, F(x) = K x^a below the smallest jump, and G = F x^{−a} obeys
/// G′(x) = −τ_Ca x^{−a−1} Σ_i r_i F(x − A_i), integrated here by the method of steps
/// (trapezoid rule, step h ≤ A_min/20 000; the error near the kinks x = A_i is O(h^{1+a})) and normalised at x_max = κ₁ + 14√κ₂ + max A_i.</para>
/// <para>Nonlinear calcium (η &gt; 0): the exact mean
/// E c = τ_Ca[ν_pre C_pre + ν_post C_post + η τ_Ca ν_pre ν_post C_pre + η ν_c C_pre e^{−δ/τ_Ca} 1(δ ≥ 0)]
/// (Palm: at a post spike the other pre spikes are still Poisson) and the exact variance from the
/// generator of the Markov process (c_pre, c) (uncorrelated trains or δ = 0). Its distribution
/// (F, density, time fractions) comes from the stationary law of that Markov process,
/// <see cref="NonlinearCalciumDistribution"/> (uncorrelated trains or δ = 0; for shared spikes
/// with δ ≠ 0 an ArgumentException names Lag).</para>
/// </summary>
public sealed class CalciumShotNoise
{
    readonly double[] _amp, _rate;
    readonly double _tau;
    double[]? _cdf;
    double _h;
    NonlinearCalciumDistribution? _nonlinear;

    /// <summary>Model parameters.</summary>
    public GraupnerBrunelParameters Parameters { get; }

    /// <summary>Pre/post activity.</summary>
    public PoissonActivity Activity { get; }

    /// <summary>Calcium offset of a shared event δ = Lag − D (s).</summary>
    public double Offset { get; }

    /// <summary>Largest calcium time constant τ_Ca accepted, s (and 1e-6 s the smallest).</summary>
    public const double MaxTauCa = 1e3;
    /// <summary>Largest jump amplitude C_pre, C_post and nonlinearity η accepted (dimensionless).</summary>
    public const double MaxAmplitude = 1e3;

    /// <param name="parameters">Valid (<see cref="GraupnerBrunelParameters.Validate"/>) and within the
    /// domain of this theory: τ_Ca ∈ [1e-6, 1e3] s, C_pre, C_post, η ∈ [0, 1e3], θ_d, θ_p ∈ [1e-6, 1e6].
    /// Beyond it the cumulants overflow (C² τ ν) or the distribution grid cannot resolve the thresholds;
    /// such parameters are refused with an ArgumentException naming the field.</param>
    /// <param name="activity">Rates in [0, 1e5] Hz, correlation in [0, 1], lag in [−10, 10] s.</param>
    public CalciumShotNoise(GraupnerBrunelParameters parameters, PoissonActivity activity)
    {
        Parameters = Guard.NotNull(parameters).Validate();
        Activity = Guard.NotNull(activity).Validate();
        Guard.InRange(parameters.TauCa, 1e-6, MaxTauCa, "TauCa");
        Guard.InRange(parameters.CPre, 0.0, MaxAmplitude, "CPre");
        Guard.InRange(parameters.CPost, 0.0, MaxAmplitude, "CPost");
        Guard.InRange(parameters.Eta, 0.0, MaxAmplitude, "Eta");
        Guard.InRange(parameters.ThetaD, 1e-6, 1e6, "ThetaD");
        Guard.InRange(parameters.ThetaP, 1e-6, 1e6, "ThetaP");
        _tau = parameters.TauCa;
        Offset = activity.Lag - parameters.Delay;
        double nc = activity.SharedRate, p = parameters.CPre, q = parameters.CPost;
        var amp = new List<double>(); var rate = new List<double>();
        void Add(double a, double r) { if (a > 0 && r != 0) { amp.Add(a); rate.Add(r); } }
        Add(p, activity.PreRate - nc);
        Add(q, activity.PostRate - nc);
        if (nc > 0)
        {
            double d = Math.Abs(Offset), e = Math.Exp(-d / _tau);
            double a1 = Offset >= 0 ? p : q, a2 = Offset >= 0 ? q : p;
            Add(a1, nc);
            if (d == 0) { amp[^1] = a1 + a2; }
            else { Add(a1 * e + a2, nc); Add(a1 * e, -nc); }
        }
        _amp = amp.ToArray(); _rate = rate.ToArray();
    }

    /// <summary>Jump amplitudes of the (signed) jump measure.</summary>
    public double[] JumpAmplitudes => (double[])_amp.Clone();

    /// <summary>Signed rates of the jump measure (Hz).</summary>
    public double[] JumpRates => (double[])_rate.Clone();

    /// <summary>Exact mean E c (linear or nonlinear calcium).</summary>
    public double Mean
    {
        get
        {
            var p = Parameters; var a = Activity;
            double lin = Cumulant(1, allowNonlinear: true);
            if (p.Eta == 0) return lin;
            double own = Offset >= 0 ? a.SharedRate * p.CPre * Math.Exp(-Offset / _tau) : 0;
            return lin + p.Eta * _tau * (_tau * a.PreRate * a.PostRate * p.CPre + own);
        }
    }

    /// <summary>Exact variance: κ₂ = (τ_Ca/2) Σ r_i A_i² for linear calcium; for nonlinear calcium
    /// (uncorrelated trains, or shared spikes whose pre calcium arrives with the post spike, δ = 0)
    /// from the stationary generator equations E[𝓛f] = 0 for f = a, c, a², ac, c² of the Markov
    /// process (a = c_pre, c), which close because every jump is affine in the state.</summary>
    /// <para>Shared spikes with δ ≠ 0 (not Markov): the Poisson U-statistic form of
    /// <see cref="NonlinearCalciumVariance"/>.</para>
    public double Variance => Parameters.Eta == 0 ? Cumulant(2)
        : HasNonlinearVariance ? NonlinearSecondMoments().Variance : NonlinearCalciumVariance.Of(Parameters, Activity);

    /// <summary>Whether nonlinear calcium is Markov in (c_pre, c), so that the generator equations and
    /// the distribution of <see cref="NonlinearCalciumDistribution"/> apply (no shared spikes, or δ = 0);
    /// the variance is exact for any δ.</summary>
    public bool HasNonlinearVariance => Activity.SharedRate == 0 || Math.Abs(Offset) < 1e-15;

    (double MeanA, double MeanC, double Variance) NonlinearSecondMoments()
    {
        if (!HasNonlinearVariance)
            throw new ArgumentException(
                $"Eta = {Parameters.Eta} is invalid here: with shared spikes the nonlinear calcium is Markov only when the pre calcium arrives with the post spike (Lag = D = {Parameters.Delay} s), but Lag − D = {Offset} s.",
                "Eta");
        var p = Parameters; var act = Activity;
        double t = _tau, C = p.CPre, K = p.CPost, eta = p.Eta, nc = act.SharedRate;
        double np = act.PreRate - nc, nq = act.PostRate - nc, J = C + K + eta * C;
        // f = a, c
        double ma = t * act.PreRate * C;
        double mc = t * (np * C + nq * (K + eta * ma) + nc * (J + eta * ma));
        // f = a²: −2E[a²]/τ + ν_pre(2C m_a + C²) = 0
        double aa = t / 2 * act.PreRate * (2 * C * ma + C * C);
        // f = ac: pre (a+C)(c+C) − ac; post a(K + ηa); shared (a+C)(c+J+ηa) − ac
        double ac = t / 2 * (np * (C * mc + C * ma + C * C) + nq * (K * ma + eta * aa)
                             + nc * (J * ma + eta * aa + C * mc + C * J + C * eta * ma));
        // f = c²: pre 2Cc + C²; post 2c(K+ηa) + (K+ηa)²; shared 2c(J+ηa) + (J+ηa)²
        double cc = t / 2 * (np * (2 * C * mc + C * C)
                             + nq * (2 * K * mc + 2 * eta * ac + K * K + 2 * K * eta * ma + eta * eta * aa)
                             + nc * (2 * J * mc + 2 * eta * ac + J * J + 2 * J * eta * ma + eta * eta * aa));
        return (ma, mc, cc - mc * mc);
    }

    /// <summary>Exact n-th cumulant κ_n = (τ_Ca/n) Σ r_i A_i^n (linear calcium).</summary>
    public double Cumulant(int n) => Cumulant(n, false);

    double Cumulant(int n, bool allowNonlinear)
    {
        Guard.InRange(n, 1, 64);
        if (!allowNonlinear) RequireLinear();
        double s = 0;
        for (int i = 0; i < _amp.Length; i++) s += _rate[i] * Math.Pow(_amp[i], n);
        return _tau / n * s;
    }

    /// <summary>The numerical stationary law of nonlinear calcium (η &gt; 0); null for linear calcium.</summary>
    public NonlinearCalciumDistribution? Nonlinear =>
        Parameters.Eta == 0 ? null : _nonlinear ??= new NonlinearCalciumDistribution(Parameters, Activity);

    void RequireLinear()
    {
        if (Parameters.Eta != 0)
            throw new ArgumentException(
                $"Eta = {Parameters.Eta} is invalid here: the cumulants beyond the variance are given for linear calcium only (Eta = 0); use Mean, Variance or the distribution.",
                "Eta");
    }

    /// <summary>P(c = 0) mass: 1 when there is no input at all, else 0 (F(x) ~ x^a).</summary>
    public bool Silent => _amp.Length == 0;

    /// <summary>Distribution function F(x) = P(c ≤ x).</summary>
    public double Cdf(double x)
    {
        Guard.Finite(x);
        if (Nonlinear is { } nl) return nl.Cdf(x);
        if (Silent) return x >= 0 ? 1 : 0;
        if (x <= 0) return 0;
        Solve();
        return Interpolate(x);
    }

    /// <summary>Density p(x) = τ_Ca Σ r_i [F(x) − F(x − A_i)]/x (x &gt; 0), exact given F
    /// (nonlinear calcium: <see cref="NonlinearCalciumDistribution.Density"/>).</summary>
    public double Density(double x)
    {
        Guard.Finite(x);
        if (Nonlinear is { } nl) return nl.Density(x);
        if (Silent || x <= 0) return 0;
        Solve();
        double s = 0, f = Interpolate(x);
        for (int i = 0; i < _amp.Length; i++) s += _rate[i] * (f - Interpolate(x - _amp[i]));
        return Math.Max(0, _tau * s / x);
    }

    /// <summary>Fraction of time with c &gt; θ: 1 − F(θ).</summary>
    public double FractionAbove(double theta)
    {
        Guard.Positive(theta);
        return Math.Clamp(1 - Cdf(theta), 0, 1);
    }

    /// <summary>α_d = P(c &gt; θ_d), α_p = P(c &gt; θ_p).</summary>
    public TimeFractions Fractions() =>
        new(FractionAbove(Parameters.ThetaD), FractionAbove(Parameters.ThetaP));

    /// <summary>Mean of c recomputed from the numerical distribution, ∫ (1 − F) dx — a check
    /// of the solver against the exact <see cref="Mean"/>.</summary>
    public double MeanFromDistribution()
    {
        if (Nonlinear is { } nl) return nl.Mean;
        if (Silent) return 0;
        Solve();
        double s = 0;
        for (int k = 0; k + 1 < _cdf!.Length; k++) s += _h * (1 - 0.5 * (_cdf[k] + _cdf[k + 1]));
        return s;
    }

    double Interpolate(double x)
    {
        if (x <= 0) return 0;
        var cdf = _cdf!;
        double u = x / _h;
        int k = (int)u;
        if (k >= cdf.Length - 1) return 1;
        double a = _tau * _rate.Sum();
        // F = x^a G with G smooth below the first jump: interpolate G there.
        if (x < _amp.Min())
        {
            double g0 = k == 0 ? cdf[1] / Math.Pow(_h, a) : cdf[k] / Math.Pow(k * _h, a);
            double g1 = cdf[k + 1] / Math.Pow((k + 1) * _h, a);
            return Math.Pow(x, a) * (g0 + (u - k) * (g1 - g0));
        }
        return cdf[k] + (u - k) * (cdf[k + 1] - cdf[k]);
    }

    void Solve()
    {
        if (_cdf is not null) return;
        double aMin = _amp.Min(), aMax = _amp.Max();
        double a = _tau * _rate.Sum();
        double xMax = Cumulant(1) + 14 * Math.Sqrt(Cumulant(2)) + aMax;
        _h = Math.Min(aMin / 20_000, xMax / 400_000);
        // F(x) ~ x^a near 0 and the integrand carries x^(−a−1): both must stay inside double on the
        // grid [h, x_max], i.e. a·ln x_max and (a + 1)·ln(1/h) below ~700 (a = τ_Ca Σ r_i ≲ 60 at the
        // presets' amplitudes). Beyond, the rates are refused here instead of returning NaN after minutes.
        if (a * Math.Log(Math.Max(xMax, 1.0)) > 700 || (a + 1) * Math.Log(Math.Max(1.0 / _h, 1.0)) > 700)
            throw new ArgumentException(
                $"PreRate = {Activity.PreRate} Hz and PostRate = {Activity.PostRate} Hz are invalid for the calcium distribution: " +
                $"τ_Ca·Σ rates = {a:G4} is too large for the solver (it needs a·ln x_max and (a + 1)·ln(1/h) ≤ 700; here " +
                $"{a * Math.Log(Math.Max(xMax, 1.0)):G4} and {(a + 1) * Math.Log(Math.Max(1.0 / _h, 1.0)):G4}). Lower the rates or τ_Ca; " +
                "Mean and Variance (exact cumulants) remain available.", "PreRate");
        double cells = Math.Ceiling(xMax / _h) + 1;
        if (!(cells <= 2e7))
            throw new ArgumentException(
                $"CPre = {Parameters.CPre} and CPost = {Parameters.CPost} are invalid for the calcium distribution: the smallest jump ({aMin:G4}) " +
                $"is too small next to the calcium range ({xMax:G4}) for the grid (it would need {cells:G3} cells, at most 2e7).", "CPre");
        int n = (int)cells;
        var F = new double[n];
        var G = new double[n];
        int m = _amp.Length;
        // Unnormalised: G = 1 below the smallest jump.
        double S(double u)
        {
            double s = 0;
            for (int i = 0; i < m; i++)
            {
                double y = u - _amp[i];
                if (y <= 0) continue;
                double v = y / _h; int k = (int)v;
                double fy;
                if (y < aMin)
                {
                    fy = Math.Pow(y, a); // G = 1 there
                }
                else fy = F[k] + (v - k) * (F[k + 1] - F[k]);
                s += _rate[i] * fy;
            }
            return s;
        }
        double prevIntegrand = 0;
        for (int k = 0; k < n; k++)
        {
            double x = k * _h;
            if (x <= aMin)
            {
                G[k] = 1; F[k] = Math.Pow(x, a);
                prevIntegrand = x > 0 ? Math.Pow(x, -a - 1) * S(x) : 0;
                continue;
            }
            double integrand = Math.Pow(x, -a - 1) * S(x);
            G[k] = G[k - 1] - _tau * 0.5 * _h * (prevIntegrand + integrand);
            F[k] = Math.Pow(x, a) * G[k];
            prevIntegrand = integrand;
        }
        double norm = F[n - 1];
        if (!(norm > 0) || !double.IsFinite(norm))
            throw new InvalidOperationException($"calcium distribution solver failed (normalisation {norm}).");
        for (int k = 0; k < n; k++) F[k] = Math.Clamp(F[k] / norm, 0, 1);
        _cdf = F;
    }
}
