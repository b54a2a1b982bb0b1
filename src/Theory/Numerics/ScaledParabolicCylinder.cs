using System.Numerics;

namespace Theory.Numerics;

/// <summary>A complex number stored as mantissa · e^{LogScale} (values far outside the double range).</summary>
/// <param name="Mantissa">The complex mantissa.</param>
/// <param name="LogScale">Natural logarithm of the scale factor.</param>
public readonly record struct ScaledComplex(Complex Mantissa, double LogScale);

/// <summary>The scaled parabolic-cylinder function and its derivative at one point, sharing one log scale.</summary>
/// <param name="F">F(x) as mantissa · e^scale.</param>
/// <param name="DF">F'(x) in the same scale.</param>
public readonly record struct CylinderValue(ScaledComplex F, ScaledComplex DF);

/// <summary>
/// F(x) = e^{x²/4} U(λ − ½, x) = e^{x²/4} D_{−λ}(x) and F'(x) = −λ e^{x²/4} U(λ + ½, x) for complex λ
/// (Re λ &gt; −1) and real x of any size (DLMF 12.2, 12.8.2), with a common log scale.
/// F solves F'' − xF' − λF = 0 and is the solution that grows only like x^{−λ} as x → +∞.
/// </summary>
/// <remarks>
/// Two pieces, neither of which suffers the cancellation of the Kummer form for x &gt; 0 or large |λ|:
/// <list type="bullet">
/// <item>x ≥ X*(λ) = max(11, |λ|/3.5, √(6|λ|) + 4): the asymptotic series (DLMF 12.9.1)
/// F = x^{−λ} Σ_s (−1)^s (λ)_{2s} / (s! (2x²)^s), F' = −λ x^{−λ−1} Σ_s (−1)^s (λ+1)_{2s} / (s! (2x²)^s), summed to its
/// smallest term (≤ 5e-15 relative for every λ at X*, checked for |λ| ≤ 300 and several arg λ); the largest term
/// is ≈ e^{|λ|²/(2x²)} ≤ e^{6.2}, which bounds the loss.</item>
/// <item>x &lt; X*: Taylor-series steps of the ODE from X* downward, c_{k+2} = (x₀(k+1)c_{k+1} + (k+λ)c_k)/((k+1)(k+2)),
/// with step |h| = 7/(|x₀| + √|λ| + 2) (largest Taylor term ≲ e^7 relative). Downward is the stable direction: the other solution (∝ e^{x²/2} at +∞)
/// shrinks relative to F at every step, so rounding errors do not grow; the log scale is carried separately.</item>
/// </list>
/// Both pieces are in the standard normalization of U (F ~ x^{−λ} as x → ∞), so values from either can be combined;
/// so is the expansion for x ≤ −X*(1 − λ) (<see cref="AsymptoticNegative"/>). For |λ| ≥ 10, unless every x is in
/// an asymptotic range, all points use the Liouville–Green expansion instead (its own normalization, see
/// <see cref="LiouvilleGreen"/>), which is O(1) in cost and accurate to ≈ 1e-10 at |λ| = 10, 1e-13 at |λ| ≥ 15.
/// </remarks>
public static class ScaledParabolicCylinder
{
    /// <summary>|λ| from which the Liouville–Green expansion is used (for every x).</summary>
    public const double LiouvilleGreenThreshold = 10;

    /// <summary>Number of Liouville–Green correction terms g₂ … g_N.</summary>
    const int LgOrder = 20;

    // P_n(u) (g_n = P_n(u)/Q^{2n−1}) and I_n(u) = ∫₀^u P_n(v)(1 − v²)^{n−2} dv as coefficient arrays, n = 1 … LgOrder.
    static readonly double[][] Pn, In;

    static ScaledParabolicCylinder()
    {
        Pn = new double[LgOrder + 1][];
        In = new double[LgOrder + 1][];
        Pn[1] = new[] { 0.5, -0.5 };
        for (int n = 1; n < LgOrder; n++)
        {
            // P_{n+1} = P_n'(u)(1 − u²) − (2n − 1) u P_n + Σ_{i+j=n+1} P_i P_j
            var dP = Derivative(Pn[n]);
            var next = Add(Multiply(dP, new[] { 1.0, 0, -1 }), Multiply(Pn[n], new[] { 0, -(2.0 * n - 1) }));
            for (int i = 1; i <= n; i++) next = Add(next, Multiply(Pn[i], Pn[n + 1 - i]));
            Pn[n + 1] = next;
        }
        for (int n = 2; n <= LgOrder; n++)
        {
            var w = new[] { 1.0 };
            for (int k = 0; k < n - 2; k++) w = Multiply(w, new[] { 1.0, 0, -1 });
            var integrand = Multiply(Pn[n], w);
            var integral = new double[integrand.Length + 1];
            for (int k = 0; k < integrand.Length; k++) integral[k + 1] = integrand[k] / (k + 1);
            In[n] = integral;
        }
        MaxDegree = Math.Max(In.Skip(2).Max(p => p!.Length), Pn.Skip(1).Max(p => p!.Length)) - 1;
    }

    static double[] Derivative(double[] p) => p.Length <= 1 ? new[] { 0.0 } : Enumerable.Range(1, p.Length - 1).Select(k => k * p[k]).ToArray();

    static double[] Add(double[] a, double[] b)
    {
        var r = new double[Math.Max(a.Length, b.Length)];
        for (int k = 0; k < a.Length; k++) r[k] += a[k];
        for (int k = 0; k < b.Length; k++) r[k] += b[k];
        return r;
    }

    static double[] Multiply(double[] a, double[] b)
    {
        var r = new double[a.Length + b.Length - 1];
        for (int i = 0; i < a.Length; i++)
            for (int j = 0; j < b.Length; j++) r[i + j] += a[i] * b[j];
        return r;
    }

    static readonly int MaxDegree;

    static Complex Dot(double[] p, ReadOnlySpan<Complex> powers)
    {
        double re = 0, im = 0;
        for (int k = 0; k < p.Length; k++) { re += p[k] * powers[k].Real; im += p[k] * powers[k].Imaginary; }
        return new Complex(re, im);
    }

    /// <summary>Liouville–Green (WKB) expansion of F = exp S: with Q = √(x² + 4λ), u = x/Q, the log-derivative
    /// g = F'/F = Σ g_n solves g' = xg + λ − g²: g₀ = (x − Q)/2 (the recessive branch), g₁ = −g₀/Q², and
    /// g_n = P_n(u)/Q^{2n−1} with P₁ = (1 − u)/2, P_{n+1} = P_n'(u)(1 − u²) − (2n−1)uP_n + Σ_{i+j=n+1}P_iP_j
    /// (from Q' = u, u' = (1 − u²)/Q). Since Q²(1 − u²) = 4λ, ∫g_n dx = (4λ)^{1−n}∫P_n(u)(1 − u²)^{n−2}du is a
    /// polynomial for n ≥ 2, and S = x²/4 − xQ/4 − λ ln(x + Q) − ½ ln Q + ½ ln(x + Q) + Σ_{n≥2}(4λ)^{1−n} I_n(u)
    /// in closed form. Q and x + Q do not cross the branch cuts for real x when Im λ ≠ 0 or λ &gt; 0, so one
    /// antiderivative serves every x (common normalization; F ∝ x^{−λ} as x → +∞).</summary>
    static CylinderValue LiouvilleGreen(Complex lambda, double x)
    {
        Complex Q = Complex.Sqrt(x * x + 4 * lambda);
        Complex u = x / Q, xq = x + Q;
        Complex S = x * x / 4 - x * Q / 4 - (lambda - 0.5) * Complex.Log(xq) - 0.5 * Complex.Log(Q);
        Complex g = (x - Q) / 2 + (Q - x) / (2 * Q * Q);
        Complex invQ2 = 1 / (Q * Q), qPow = 1 / (Q * Q * Q), lamPow = 1 / (4 * lambda);
        Span<Complex> up = stackalloc Complex[MaxDegree + 1];
        up[0] = 1;
        for (int k = 1; k <= MaxDegree; k++) up[k] = up[k - 1] * u;
        for (int n = 2; n <= LgOrder; n++)
        {
            Complex gs = Dot(Pn[n], up) * qPow, ss = Dot(In[n], up) * lamPow;
            g += gs;
            S += ss;
            if (gs.Magnitude <= 1e-17 * g.Magnitude && ss.Magnitude <= 1e-17 * Math.Max(1, S.Magnitude)) break;
            qPow *= invQ2;
            lamPow /= 4 * lambda;
        }
        Complex phase = Complex.Exp(new Complex(0, S.Imaginary));
        return new(new ScaledComplex(phase, S.Real), new ScaledComplex(g * phase, S.Real));
    }

    /// <summary>x above which the asymptotic series is used directly.</summary>
    public static double AsymptoticThreshold(Complex lambda) =>
        Math.Max(Math.Max(11.0, lambda.Magnitude / 3.5), Math.Sqrt(6 * lambda.Magnitude) + 4);

    /// <summary>(F, F') at each x of <paramref name="xs"/> (any order), sharing one log scale per point.</summary>
    public static CylinderValue[] Evaluate(Complex lambda, params double[] xs)
    {
        if (!(lambda.Real > -1) || !double.IsFinite(lambda.Imaginary))
            throw new ArgumentException($"lambda = {lambda} is invalid: Re must be > -1 and Im finite.", nameof(lambda));
        Guard.AllFinite(xs);
        var result = new CylinderValue[xs.Length];
        double xStar = AsymptoticThreshold(lambda), xNeg = -AsymptoticThreshold(1 - lambda);
        bool allAsymptotic = xs.All(x => x >= xStar || x <= xNeg);
        if (lambda.Magnitude >= LiouvilleGreenThreshold && !allAsymptotic)
        {
            for (int i = 0; i < xs.Length; i++) result[i] = LiouvilleGreen(lambda, xs[i]);
            return result;
        }
        var order = Enumerable.Range(0, xs.Length).Where(i => xs[i] < xStar && xs[i] > xNeg).OrderByDescending(i => xs[i]).ToArray();
        for (int i = 0; i < xs.Length; i++)
            if (xs[i] >= xStar) result[i] = Asymptotic(lambda, xs[i]);
            else if (xs[i] <= xNeg) result[i] = AsymptoticNegative(lambda, -xs[i]);
        if (order.Length == 0) return result;
        var (f, df) = Asymptotic(lambda, xStar);
        Complex F = f.Mantissa, DF = df.Mantissa;
        double scale = f.LogScale, x = xStar;
        double sqrtL = Math.Sqrt(lambda.Magnitude);
        foreach (int i in order)
        {
            double target = xs[i];
            while (x > target)
            {
                double h = -Math.Min(x - target, 7.0 / (Math.Abs(x) + sqrtL + 2.0));
                (F, DF) = TaylorStep(lambda, x, h, F, DF);
                x = x + h == x ? target : x + h;
                if (Math.Abs(x - target) < 1e-14 * Math.Max(1, Math.Abs(target))) x = target;
                double m = Math.Max(F.Magnitude, DF.Magnitude);
                if (m > 1e100 || m < 1e-100) { F /= m; DF /= m; scale += Math.Log(m); }
            }
            result[i] = new(new ScaledComplex(F, scale), new ScaledComplex(DF, scale));
        }
        return result;
    }

    /// <summary>Asymptotic series at x ≥ X*.</summary>
    static CylinderValue Asymptotic(Complex lambda, double x)
    {
        double lx = Math.Log(x), inv = 1.0 / (2 * x * x);
        Complex s0 = Series(lambda, inv), s1 = Series(lambda + 1, inv);
        // x^{−λ} = e^{−Re λ ln x} e^{−i Im λ ln x}
        Complex phase = Complex.Exp(new Complex(0, -lambda.Imaginary * lx));
        double scale = -lambda.Real * lx;
        return new(new ScaledComplex(phase * s0, scale), new ScaledComplex(-lambda * phase * s1 / x, scale));
    }

    /// <summary>At x = −X ≤ −X*(1 − λ), from U(a,−X) = −sin(πa)U(a,X) + π/Γ(½+a)·V(a,X) (DLMF 12.2.15) and the
    /// expansions DLMF 12.9.1–2 (a = λ − ½):
    /// F = √(2π)/Γ(λ)·e^{X²/2}X^{λ−1}Σ(1−λ)_{2s}/(s!(2X²)^s) + cos(πλ)X^{−λ}Σ(−1)^s(λ)_{2s}/(s!(2X²)^s),
    /// F' = −√(2π)/Γ(λ)·e^{X²/2}X^{λ}Σ(−λ)_{2s}/(s!(2X²)^s) + λcos(πλ)X^{−λ−1}Σ(−1)^s(λ+1)_{2s}/(s!(2X²)^s);
    /// Γ(λ) = Γ(λ+1)/λ with <see cref="ComplexGamma.LogGamma"/>.</summary>
    static CylinderValue AsymptoticNegative(Complex lambda, double X)
    {
        double lx = Math.Log(X), w = 1.0 / (2 * X * X);
        Complex logC = 0.5 * Math.Log(2 * Math.PI) - (ComplexGamma.LogGamma(lambda + 1) - Complex.Log(lambda));
        Complex logDom = logC + X * X / 2 + (lambda - 1) * lx;          // log of √(2π)/Γ(λ) e^{X²/2} X^{λ−1}
        double scale = logDom.Real;
        Complex dom = Complex.Exp(new Complex(0, logDom.Imaginary));
        Complex f = dom * Series(1 - lambda, -w), df = -dom * X * Series(-lambda, -w);
        // recessive parts, in the same scale (negligible unless 1/Γ(λ) is tiny)
        Complex rec = Complex.Cos(Math.PI * lambda) * Complex.Exp(-lambda * lx - scale);
        if (double.IsFinite(rec.Real) && double.IsFinite(rec.Imaginary))
        {
            f += rec * Series(lambda, w);
            df += lambda * rec / X * Series(lambda + 1, w);
        }
        return new(new ScaledComplex(f, scale), new ScaledComplex(df, scale));
    }

    /// <summary>Σ_s (−1)^s (ν)_{2s} w^s / s! (w &lt; 0 gives the all-positive series), summed up to the smallest term.</summary>
    static Complex Series(Complex nu, double w)
    {
        Complex term = Complex.One, sum = Complex.One;
        double prev = double.MaxValue;
        for (int s = 0; s < 2000; s++)
        {
            Complex next = -term * (nu + 2 * s) * (nu + 2 * s + 1) * (w / (s + 1));
            double mag = next.Magnitude;
            if (mag > prev && mag < 1e-3 * sum.Magnitude) break;          // divergent tail reached
            sum += next;
            term = next;
            prev = mag;
            if (mag <= 1e-17 * sum.Magnitude && s > 2) break;
        }
        return sum;
    }

    /// <summary>(F, F') at x₀ + h from (F, F') at x₀ by the Taylor series of F'' = xF' + λF.</summary>
    static (Complex F, Complex DF) TaylorStep(Complex lambda, double x0, double h, Complex f0, Complex df0)
    {
        // d_k = c_k h^k: d_{k+2} = (x₀h(k+1)d_{k+1} + h²(k+λ)d_k) / ((k+1)(k+2))
        Complex dPrev = f0, dCur = df0 * h;
        Complex sumF = dPrev + dCur, sumD = dCur;   // sumD = Σ k d_k (F' = sumD / h)
        double xh = x0 * h, h2 = h * h;
        double peak = Math.Max(dPrev.Magnitude, dCur.Magnitude);
        for (int k = 0; k < 400; k++)
        {
            Complex dNext = (xh * (k + 1) * dCur + h2 * (k + lambda) * dPrev) / ((k + 1.0) * (k + 2.0));
            sumF += dNext;
            sumD += (k + 2) * dNext;
            double m = dNext.Magnitude;
            peak = Math.Max(peak, m);
            if (k > 8 && m + dCur.Magnitude <= 1e-17 * Math.Max(sumF.Magnitude, peak * 1e-3)) break;
            dPrev = dCur;
            dCur = dNext;
        }
        return (sumF, sumD / h);
    }
}
