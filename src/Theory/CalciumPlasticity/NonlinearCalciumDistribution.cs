namespace Theory.CalciumPlasticity;

/// <summary>Time fractions Richardson-extrapolated from two grids (<see cref="NonlinearCalciumDistribution.Extrapolated"/>).</summary>
/// <param name="Extrapolated">α = (4α(h/2) − α(h))/3, clamped to [0, 1].</param>
/// <param name="Coarse">The fractions on the grid of step h.</param>
/// <param name="Fine">The fractions on the grid of step h/2.</param>
public sealed record ExtrapolatedFractions(TimeFractions Extrapolated, TimeFractions Coarse, TimeFractions Fine);

/// <summary>
/// Stationary distribution of nonlinear (coincidence-boosted) calcium under Poisson pre/post
/// activity (Graupner, Wallisch &amp; Ostojic 2016: a postsynaptic spike adds C_post + η c_pre(t⁻)),
/// computed from the Markov process (a = c_pre, b = c − a) without Monte Carlo.
/// <para>Events form a Poisson process of total rate Λ = (ν_pre − ν_c) + (ν_post − ν_c) + ν_c:
/// an independent presynaptic arrival makes a += C_pre; an independent postsynaptic spike makes
/// b += C_post + η a; a shared event (δ = Lag − D = 0) does both, pre first (the post spike sees
/// the new a). For independent Poisson trains the delay D does not change the stationary law.
/// Between events both parts decay with τ_Ca, so the fraction φ = a/c is constant and ℓ = ln c
/// decreases at rate 1/τ_Ca.</para>
/// <para>Method (embedded chain at event times). Let π be the law of the state just after an
/// event and p the law just before one; by PASTA p is also the time-stationary law. The time
/// since the last event is Exp(Λ) and independent of the post-event state, so
/// p = S π with S: ℓ → ℓ − s, s ~ Exp(k), k = Λτ_Ca, at fixed φ; and π = J p with J the jump
/// map. The fixed point π = J S π is found by power iteration (a contraction: every event
/// multiplies the memory of the initial state by E e^{−T/τ} = k/(1 + k)). Time-stationary
/// quantities follow exactly from π: F(x) = P(c ≤ x) = E_π[min(1, (x/c⁺)^k)],
/// E cⁿ = E_π[(c⁺)ⁿ] k/(k + n).</para>
/// <para>Discretisation: π on nodes of a uniform grid in (ℓ, φ), ℓ from ln(10⁻⁶ A_min) (below
/// it c is set to 0: the error of a jump from there is ≤ (1 + η)10⁻⁶ A_min) to
/// ln(κ₁ + 20√κ₂ + (1 + η)max jump); the exponential shift S is applied exactly onto piecewise-
/// linear (hat) functions in ℓ (geometric weights, one recursion per φ row); the deterministic
/// image of a node under J is deposited on its four neighbours, linearly in c and in φ (mass
/// and the jump's effect on E c are conserved). The error is O(h²) in both steps
/// (<see cref="Extrapolated"/> combines two grids by Richardson extrapolation).</para>
/// <para>Shared spikes with δ ≠ 0 make the pair (a, b) non-Markov (a pending spike); this case
/// is rejected with an ArgumentException naming Lag.</para>
/// </summary>
public sealed class NonlinearCalciumDistribution
{
    readonly double _tau, _k;
    readonly int _nl, _nf;
    readonly double _l0, _hl, _hf;
    readonly double[] _pi;     // post-event node masses, index i * _nf + j (ℓ_i, φ_j)
    double _piOrigin;          // post-event mass at c = 0 (only with no events at all)
    double[]? _rows;           // post-event mass per ℓ node (summed over φ)
    double[] _prob = [0, 0, 0]; // probabilities of an independent pre, independent post, shared event

    /// <summary>Model parameters.</summary>
    public GraupnerBrunelParameters Parameters { get; }

    /// <summary>Activity.</summary>
    public PoissonActivity Activity { get; }

    /// <summary>Number of ℓ = ln c nodes.</summary>
    public int LogNodes => _nl;

    /// <summary>Number of φ = c_pre/c nodes.</summary>
    public int FractionNodes => _nf;

    /// <summary>Power iterations used.</summary>
    public int Iterations { get; }

    /// <summary>Mass that jumped above the grid's top and was kept at the top node (should be ~0).</summary>
    public double MassClamped { get; }

    /// <summary>Total event rate Λ (Hz).</summary>
    public double EventRate { get; }

    /// <param name="parameters">Model (any η ≥ 0; η = 0 gives linear calcium).</param>
    /// <param name="activity">Rates and correlation; with Correlation &gt; 0 the shared post spike
    /// must coincide with the pre calcium arrival (Lag = D).</param>
    /// <param name="logStep">Grid step in ln c (default 0.01).</param>
    /// <param name="fractionNodes">Nodes in φ ∈ [0, 1] (default 81).</param>
    public NonlinearCalciumDistribution(GraupnerBrunelParameters parameters, PoissonActivity activity,
        double logStep = 0.01, int fractionNodes = 81)
    {
        Parameters = Guard.NotNull(parameters).Validate();
        Activity = Guard.NotNull(activity).Validate();
        Guard.InRange(logStep, 1e-4, 0.5);
        Guard.InRange(fractionNodes, 3, 100_000);
        var p = Parameters; var act = Activity;
        double nc = act.SharedRate;
        double offset = act.Lag - p.Delay;
        if (nc > 0 && Math.Abs(offset) > 1e-12)
            throw new ArgumentException(
                $"Lag = {act.Lag} s is invalid for the nonlinear calcium distribution with shared spikes (Correlation = {act.Correlation}): the pair (c_pre, c) is Markov only when the shared post spike coincides with the pre calcium arrival, Lag = D = {p.Delay} s (Lag − D = {offset} s).",
                nameof(PoissonActivity.Lag));
        _tau = p.TauCa;
        double rPre = Math.Max(0, act.PreRate - nc), rPost = Math.Max(0, act.PostRate - nc);
        EventRate = rPre + rPost + nc;
        _k = EventRate * _tau;
        _nf = fractionNodes;
        _hf = 1.0 / (_nf - 1);
        _hl = logStep;
        double C = p.CPre, K = p.CPost, eta = p.Eta;
        var jumps = new List<double>();
        if (rPre > 0) jumps.Add(C);
        if (rPost > 0) jumps.Add(K);
        if (nc > 0) jumps.Add(C + K + eta * C);
        jumps.RemoveAll(x => !(x > 0));
        if (EventRate == 0 || jumps.Count == 0)
        {
            _nl = 1; _l0 = 0; _pi = new double[_nf]; _piOrigin = 1; Iterations = 0;
            return;
        }
        var moments = new CalciumShotNoise(p, act);
        double mean = moments.Mean, sd = Math.Sqrt(Math.Max(0, moments.Variance));
        double aMax = act.PreRate * _tau * C + 20 * Math.Sqrt(act.PreRate * _tau / 2 * C * C) + C;
        double cMax = mean + 20 * sd + K + C + eta * aMax;
        _l0 = Math.Log(1e-6 * jumps.Min());
        _nl = (int)Math.Ceiling((Math.Log(cMax) - _l0) / _hl) + 1;
        int n = _nl * _nf;

        _prob = [rPre / EventRate, rPost / EventRate, nc / EventRate];
        var (target, weight, clamped) = BuildJumps();
        var prob = _prob;
        double clampedWeight = 0;

        // Exact exponential shift onto hats: see ShiftDown.
        var (A0, A1, r) = ShiftWeights();

        var pi = new double[n];
        var pre = new double[n];
        var next = new double[n];
        double piOrigin = 1, preOrigin;
        int it;
        for (it = 1; it <= 20_000; it++)
        {
            // p = S π
            preOrigin = piOrigin;
            preOrigin += ShiftDown(pi, pre, A0, A1, r);
            // π' = J p
            Array.Clear(next);
            double nextOrigin = 0;
            clampedWeight = 0;
            for (int node = 0; node <= n; node++)
            {
                double m = node == n ? preOrigin : pre[node];
                if (m == 0) continue;
                for (int e = 0; e < 3; e++)
                {
                    if (prob[e] == 0) continue;
                    int s = 3 * node + e, t = target[s];
                    double mm = m * prob[e];
                    if (clamped[s]) clampedWeight += mm;
                    next[t] += mm * weight[4 * s];
                    next[t + 1] += mm * weight[4 * s + 1];
                    next[t + _nf] += mm * weight[4 * s + 2];
                    next[t + _nf + 1] += mm * weight[4 * s + 3];
                }
            }
            double diff = Math.Abs(nextOrigin - piOrigin);
            for (int q = 0; q < n; q++) diff += Math.Abs(next[q] - pi[q]);
            (pi, next) = (next, pi);
            piOrigin = nextOrigin;
            if (diff < 1e-13) break;
        }
        _pi = pi; _piOrigin = piOrigin;
        Iterations = it;
        MassClamped = clampedWeight;
    }

    /// <summary>Jump map J from each pre-event node (index n = the origin c = 0) to its
    /// post-event state for the three event types: the lower-left target node and the four
    /// bilinear weights (linear in c and in φ); <c>clamped</c> marks images above the grid.</summary>
    (int[] Target, double[] Weight, bool[] Clamped) BuildJumps()
    {
        var p = Parameters;
        double C = p.CPre, K = p.CPost, eta = p.Eta;
        int n = _nl * _nf;
        var target = new int[3 * (n + 1)];
        var weight = new double[3 * (n + 1) * 4];
        var clamped = new bool[3 * (n + 1)];
        for (int node = 0; node <= n; node++)
        {
            double a, b;
            if (node == n) { a = 0; b = 0; }
            else
            {
                int i = node / _nf, j = node % _nf;
                double c = Math.Exp(_l0 + i * _hl), f = j * _hf;
                a = f * c; b = c - a;
            }
            for (int e = 0; e < 3; e++)
            {
                double a2 = a, b2 = b;
                if (e == 0) a2 += C;
                else if (e == 1) b2 += K + eta * a;
                else { a2 += C; b2 += K + eta * a2; }
                double c2 = a2 + b2, f2 = c2 > 0 ? a2 / c2 : 1;
                double li = (Math.Log(c2) - _l0) / _hl;
                int i0 = (int)Math.Floor(li);
                double wl;
                if (i0 >= _nl - 1) { i0 = _nl - 2; wl = 0; clamped[3 * node + e] = true; }
                else
                {
                    double cLo = Math.Exp(_l0 + i0 * _hl), cHi = Math.Exp(_l0 + (i0 + 1) * _hl);
                    wl = (cHi - c2) / (cHi - cLo); // linear in c
                }
                double fj = f2 / _hf;
                int j0 = Math.Min((int)Math.Floor(fj), _nf - 2);
                double wf = Math.Clamp(j0 + 1 - fj, 0, 1);
                int s = 3 * node + e;
                target[s] = i0 * _nf + j0;
                weight[4 * s] = wl * wf; weight[4 * s + 1] = wl * (1 - wf);
                weight[4 * s + 2] = (1 - wl) * wf; weight[4 * s + 3] = (1 - wl) * (1 - wf);
            }
        }
        return (target, weight, clamped);
    }

    (double A0, double A1, double R) ShiftWeights()
    {
        double x = _k * _hl, r = Math.Exp(-x);
        double a1 = x > 0 ? (-double.ExpM1(-x) - x * r) / x : 0;
        return (-double.ExpM1(-x) - a1, a1, r);
    }

    /// <summary>
    /// S_xy = ∫₀^∞ Cov(Θ[c(0) − θ_x], Θ[c(t) − θ_y]) dt (s): the integrated cross-covariance of the
    /// threshold indicators, which sets the diffusion of ρ caused by the calcium fluctuations
    /// (<see cref="EfficacyDrift.CalciumDiffusion"/>). With U_y(z) = ∫₀^∞ (E_z Θ_y(c_t) − α_y) dt
    /// (the solution of the Poisson equation −𝓛U = Θ_y − α_y), S_xy = E[(Θ_x − α_x) U_y] under the
    /// time-stationary law. From any state the first event comes after T ~ Exp(Λ), so
    /// U_y = r_y + Sᵀ Jᵀ U_y with r_y(c) = ([1 − min(1, (θ_y/c)^k)] − α_y)/Λ (the integral up to T in
    /// closed form); this backward equation is iterated on the grid (the adjoint of the forward
    /// operators). The expectation uses the pre-event node masses, with the indicator integrated
    /// exactly over each node's hat in ln c.
    /// </summary>
    public double IntegratedCovariance(double thetaX, double thetaY) =>
        IntegratedCovariances([thetaX], [thetaY])[0, 0];

    /// <summary>S_xy of <see cref="IntegratedCovariance"/> for every θ_x in <paramref name="thetaX"/>
    /// (rows) and θ_y in <paramref name="thetaY"/> (columns): one backward solve per θ_y.</summary>
    public double[,] IntegratedCovariances(double[] thetaX, double[] thetaY)
    {
        Guard.NotNull(thetaX); Guard.NotNull(thetaY);
        foreach (var t in thetaX) Guard.Positive(t);
        foreach (var t in thetaY) Guard.Positive(t);
        var result = new double[thetaX.Length, thetaY.Length];
        if (_k == 0) return result;
        int n = _nl * _nf;
        var (target, weight, _) = BuildJumps();
        var (A0, A1, r) = ShiftWeights();
        double Wt = A1 + r * A0, lam = EventRate;
        // pre-event (= time-stationary) law p = S π: node masses and origin
        var pre = new double[n];
        double preOrigin = _piOrigin + ShiftDown(_pi, pre, A0, A1, r);
        var rowPre = new double[_nl];
        for (int i = 0; i < _nl; i++)
            for (int j = 0; j < _nf; j++) rowPre[i] += pre[i * _nf + j];
        for (int cy = 0; cy < thetaY.Length; cy++)
        {
            double thetaYv = thetaY[cy];
            double alphaY = FractionAbove(thetaYv);
            var rr = new double[n];
            for (int i = 0; i < _nl; i++)
            {
                double c = NodeC(i), v = (1 - (c > thetaYv ? Math.Pow(thetaYv / c, _k) : 1) - alphaY) / lam;
                for (int j = 0; j < _nf; j++) rr[i * _nf + j] = v;
            }
            double rOrigin = -alphaY / lam;
            var U = (double[])rr.Clone();
            double uOrigin = rOrigin;
            var W = new double[n];
            var next = new double[n];
            for (int it = 0; it < 20_000; it++)
            {
                // W = Jᵀ U on the pre-event nodes and the origin
                double wOrigin = 0;
                for (int node = 0; node <= n; node++)
                {
                    double w = 0;
                    for (int e = 0; e < 3; e++)
                    {
                        if (_prob[e] == 0) continue;
                        int sIdx = 3 * node + e, t = target[sIdx];
                        w += _prob[e] * (weight[4 * sIdx] * U[t] + weight[4 * sIdx + 1] * U[t + 1]
                            + weight[4 * sIdx + 2] * U[t + _nf] + weight[4 * sIdx + 3] * U[t + _nf + 1]);
                    }
                    if (node == n) wOrigin = w; else W[node] = w;
                }
                // U' = r + Sᵀ W (the transpose of ShiftDown)
                double diff = 0, scale = 0;
                for (int j = 0; j < _nf; j++)
                {
                    double g = 0, ri1 = 1; // g = Σ_{1 ≤ m < i} r^{i−1−m} W(m); ri1 = r^{i−1}
                    for (int i = 0; i < _nl; i++)
                    {
                        int q = i * _nf + j;
                        double st = i == 0
                            ? A0 * W[q] + (1 - A0) * wOrigin
                            : A0 * W[q] + Wt * g + A1 * ri1 * W[j] + ri1 * r * wOrigin;
                        if (i >= 1) { g = r * g + W[q]; ri1 *= r; }
                        double u = rr[q] + st;
                        diff = Math.Max(diff, Math.Abs(u - U[q])); scale = Math.Max(scale, Math.Abs(u));
                        next[q] = u;
                    }
                }
                double uo = rOrigin + wOrigin;
                diff = Math.Max(diff, Math.Abs(uo - uOrigin));
                (U, next) = (next, U); uOrigin = uo;
                if (diff <= 1e-11 * Math.Max(scale, 1e-300)) break;
            }
            for (int cx = 0; cx < thetaX.Length; cx++)
            {
                // indicator Θ_x integrated exactly over each node's hat in ln c
                double lx = Math.Log(thetaX[cx]);
                var ax = new double[_nl];
                double alphaX = 0;
                for (int i = 0; i < _nl; i++)
                {
                    double l = _l0 + i * _hl;
                    ax[i] = lx <= l - _hl ? 1 : lx >= l + _hl ? 0
                        : lx >= l ? 0.5 * Math.Pow((l + _hl - lx) / _hl, 2) : 1 - 0.5 * Math.Pow((lx - l + _hl) / _hl, 2);
                    alphaX += rowPre[i] * ax[i];
                }
                double sxy = preOrigin * (0 - alphaX) * uOrigin;
                for (int i = 0; i < _nl; i++)
                    for (int j = 0; j < _nf; j++)
                    {
                        int q = i * _nf + j;
                        sxy += pre[q] * (ax[i] - alphaX) * U[q];
                    }
                result[cx, cy] = sxy;
            }
        }
        return result;
    }

    /// <summary>
    /// out = S in on one φ row at a time: a mass at ℓ_i moves to ℓ_i − s, s ~ Exp(k), and is
    /// split onto the hats of its two neighbouring nodes; below ℓ₀ it goes to c = 0. With
    /// x = k h, r = e^{−x}: weight A₀ = ∫₀¹(1 − t) x e^{−xt} dt to node i, A₁ + rA₀ times r^{m−1} to
    /// node i − m (1 ≤ m &lt; i), A₁ r^{i−1} to node 0 and r^i below (A₁ = ∫₀¹ t x e^{−xt} dt).
    /// Returns the mass sent to the origin.
    /// </summary>
    double ShiftDown(double[] src, double[] dst, double A0, double A1, double r)
    {
        double W = A1 + r * A0;
        for (int j = 0; j < _nf; j++)
        {
            double tail = 0; // Σ_{i>m} src[i] r^{i−m−1}
            for (int i = _nl - 1; i >= 0; i--)
            {
                double s = src[i * _nf + j];
                dst[i * _nf + j] = A0 * s + (i == 0 ? A1 : W) * tail;
                tail = s + r * tail;
            }
        }
        // The rest, Σ_i src[i] r^i, falls below ℓ₀ (c = 0): computed as total − kept, which
        // keeps the total mass exactly.
        double total = 0, kept = 0;
        for (int q = 0; q < src.Length; q++) { total += src[q]; kept += dst[q]; }
        return Math.Max(0, total - kept);
    }

    /// <summary>Post-event node c value.</summary>
    double NodeC(int i) => Math.Exp(_l0 + i * _hl);

    /// <summary>Post-event mass per ℓ node.</summary>
    double[] Rows()
    {
        if (_rows is not null) return _rows;
        var rows = new double[_nl];
        for (int i = 0; i < _nl; i++)
            for (int j = 0; j < _nf; j++) rows[i] += _pi[i * _nf + j];
        return _rows = rows;
    }

    /// <summary>F(x) = P(c ≤ x) of the time-stationary calcium, E_π[min(1, (x/c⁺)^k)].</summary>
    public double Cdf(double x)
    {
        Guard.Finite(x);
        if (x < 0) return 0;
        double s = _piOrigin;
        if (_k == 0) return s + (x >= 0 ? 1 - s : 0);
        var rows = Rows();
        for (int i = 0; i < _nl; i++)
        {
            double c = NodeC(i), m = rows[i];
            if (m == 0) continue;
            s += m * (x >= c ? 1 : Math.Pow(x / c, _k));
        }
        return Math.Clamp(s, 0, 1);
    }

    /// <summary>Density by a central difference of F over ±2 grid steps in ln c.</summary>
    public double Density(double x)
    {
        Guard.Finite(x);
        if (x <= 0) return 0;
        double e = 2 * _hl;
        return Math.Max(0, (Cdf(x * Math.Exp(e)) - Cdf(x * Math.Exp(-e))) / (x * (Math.Exp(e) - Math.Exp(-e))));
    }

    /// <summary>P(c &gt; θ).</summary>
    public double FractionAbove(double theta) { Guard.Positive(theta); return Math.Clamp(1 - Cdf(theta), 0, 1); }

    /// <summary>α_d = P(c &gt; θ_d), α_p = P(c &gt; θ_p).</summary>
    public TimeFractions Fractions() => new(FractionAbove(Parameters.ThetaD), FractionAbove(Parameters.ThetaP));

    /// <summary>E cⁿ of the time-stationary calcium, E_π[(c⁺)ⁿ] k/(k + n).</summary>
    public double RawMoment(int order)
    {
        Guard.InRange(order, 1, 8);
        if (_k == 0) return 0;
        double s = 0;
        var rows = Rows();
        for (int i = 0; i < _nl; i++) s += rows[i] * Math.Pow(NodeC(i), order);
        return s * _k / (_k + order);
    }

    /// <summary>Mean from the numerical distribution (to check against the exact mean).</summary>
    public double Mean => RawMoment(1);

    /// <summary>Variance from the numerical distribution.</summary>
    public double Variance => RawMoment(2) - Mean * Mean;

    /// <summary>Time fractions Richardson-extrapolated from grids (h, h/2) assuming O(h²):
    /// α = (4α(h/2) − α(h))/3, with the two grid values for an error estimate.</summary>
    public static ExtrapolatedFractions Extrapolated(
        GraupnerBrunelParameters parameters, PoissonActivity activity, double logStep = 0.02, int fractionNodes = 81)
    {
        var a = new NonlinearCalciumDistribution(parameters, activity, logStep, fractionNodes).Fractions();
        var b = new NonlinearCalciumDistribution(parameters, activity, logStep / 2, 2 * fractionNodes - 1).Fractions();
        double R(double x, double y) => Math.Clamp((4 * y - x) / 3, 0, 1);
        return new(new TimeFractions(R(a.AlphaD, b.AlphaD), R(a.AlphaP, b.AlphaP)), a, b);
    }
}
