using MathNet.Numerics.RootFinding;

namespace Theory.MeanField;

/// <summary>
/// Stationary states of Brunel (2000) model A with the single-neuron transfer computed for finite PSPs
/// (<see cref="ShotNoiseLif"/>) instead of the diffusion approximation (Siegert): the input is still Poisson and
/// independent, but each E event moves V by +J and each I event by −gJ:
/// <code>
///   ν = 1/(τ_rp + T(V_r; λ_E = C_E(ν_ext + ν), J_E = J, λ_I = γC_E ν, J_I = gJ)).
/// </code>
/// An option next to <see cref="BrunelNetwork.StationaryStates"/> (the paper's Siegert self-consistency, which stays the
/// default everywhere): each Siegert state is used as a starting point, the finite-PSP equation
/// ln ν_shot(ν) − ln ν = 0 is bracketed on a log grid around it (factors 2^{±k/4}, k ≤ 8) and polished with Brent's method.
/// </summary>
public static class BrunelFinitePsp
{
    /// <summary>Finite-PSP transfer: rate (Hz) of a model-A neuron whose recurrent inputs fire at <paramref name="rate"/> (Hz).</summary>
    public static double Transfer(BrunelNetwork net, double rate, int pointsPerJump = 16)
    {
        Guard.NotNull(net).Validated();
        Guard.NonNegative(rate);
        return ShotNoiseLif.Rate(net.Neuron, net.CE * (net.NuExt + rate), net.J, net.Gamma * net.CE * rate, net.G * net.J,
                                 0.0, pointsPerJump);
    }

    /// <summary>The finite-PSP stationary rate next to the Siegert state <paramref name="siegertRate"/> (Hz); NaN if no sign
    /// change is found within a factor 4 of it.</summary>
    public static double StationaryRate(BrunelNetwork net, double siegertRate, int pointsPerJump = 16)
    {
        Guard.NotNull(net).Validated();
        Guard.Positive(siegertRate);
        double F(double x) => Math.Log(Transfer(net, Math.Exp(x), pointsPerJump)) - x;
        double x0 = Math.Log(siegertRate), f0 = F(x0);
        if (f0 == 0) return siegertRate;
        const double step = 0.25 * 0.6931471805599453;
        for (int k = 1; k <= 8; k++)
            foreach (int sign in new[] { -1, 1 })
            {
                double x1 = x0 + sign * k * step, x2 = x0 + sign * (k - 1) * step;
                double f1 = F(x1), f2 = k == 1 ? f0 : F(x2);
                if (f1 * f2 <= 0)
                    return Math.Exp(Brent.FindRoot(F, Math.Min(x1, x2), Math.Max(x1, x2), 1e-10, 100));
            }
        return double.NaN;
    }

    /// <summary>Finite-PSP counterpart of every Siegert stationary state (same order; NaN where none is found nearby).</summary>
    public static double[] StationaryRates(BrunelNetwork net, int pointsPerJump = 16) =>
        Guard.NotNull(net).StationaryStates().Select(s => s.Rate > 0 ? StationaryRate(net, s.Rate, pointsPerJump) : double.NaN).ToArray();
}
