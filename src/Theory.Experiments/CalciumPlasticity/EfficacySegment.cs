using Theory.CalciumPlasticity;
using Theory.Spiking;

namespace Theory.Experiments.CalciumPlasticity;

/// <summary>
/// Exact update of the efficacy over a stretch where the calcium stays on one side of each
/// threshold, for the rule without the cubic term: τ dρ = [γ_p Θ_p (1 − ρ) − γ_d Θ_d ρ] dt
/// + σ √τ √(Θ_d + Θ_p) dW is an Ornstein–Uhlenbeck process with rate k = (γ_p Θ_p + γ_d Θ_d)/τ,
/// target ρ_∞ = γ_p Θ_p/(γ_p Θ_p + γ_d Θ_d) and diffusion D = σ²(Θ_d + Θ_p)/τ, so
/// ρ(t + s) = ρ_∞ + (ρ − ρ_∞) e^{−ks} + √(D (1 − e^{−2ks})/(2k)) N(0, 1) exactly.
/// With the cubic term (bistable sets) a midpoint Euler–Maruyama substep of at most 1 ms is used
/// instead.
/// </summary>
internal static class EfficacySegment
{
    public static double Advance(GraupnerBrunelParameters p, double rho, double s, bool aboveD, bool aboveP, Xoshiro256 rng)
    {
        if (s <= 0) return rho;
        double gp = aboveP ? p.GammaP : 0, gd = aboveD ? p.GammaD : 0;
        double noise = p.Sigma * p.Sigma * ((aboveD ? 1 : 0) + (aboveP ? 1 : 0)) / p.Tau;
        if (!p.Bistable)
        {
            double g = gp + gd;
            if (g == 0) return rho;
            double k = g / p.Tau, target = gp / g, e = Math.Exp(-k * s);
            double r = target + (rho - target) * e;
            if (noise > 0) r += Math.Sqrt(noise * (1 - e * e) / (2 * k)) * rng.NextNormal();
            return r;
        }
        int n = (int)Math.Ceiling(s / 1e-3);
        double h = s / n;
        for (int i = 0; i < n; i++)
        {
            double a = (-rho * (1 - rho) * (p.RhoStar - rho) + gp * (1 - rho) - gd * rho) / p.Tau;
            double mid = rho + 0.5 * h * a;
            double am = (-mid * (1 - mid) * (p.RhoStar - mid) + gp * (1 - mid) - gd * mid) / p.Tau;
            rho += h * am;
            if (noise > 0) rho += Math.Sqrt(noise * h) * rng.NextNormal();
        }
        return rho;
    }

    /// <summary>Advances ρ across a decay from c⁺ over a gap, splitting at the threshold crossings.</summary>
    public static double AcrossDecay(GraupnerBrunelParameters p, double rho, double cPlus, double gap, Xoshiro256 rng)
    {
        double tp = PeriodicCalcium.TimeAbove(cPlus, p.ThetaP, gap, p.TauCa);
        double td = PeriodicCalcium.TimeAbove(cPlus, p.ThetaD, gap, p.TauCa);
        // Segments ordered in time: above both up to min(tp, td), then above the higher-crossing one only.
        double first = Math.Min(tp, td), second = Math.Max(tp, td);
        rho = Advance(p, rho, first, td > 0, tp > 0, rng);
        if (second > first) rho = Advance(p, rho, second - first, td > tp, tp > td, rng);
        return Advance(p, rho, gap - second, false, false, rng);
    }
}
