using System.Numerics;

namespace Theory.MeanField;

/// <summary>
/// Linear stability of the asynchronous state of Brunel (2000) model A with the finite-PSP (shot-noise) transfer
/// function instead of the diffusion one: each recurrent E spike moves V by +J, each I spike by −gJ
/// (<see cref="ShotNoiseTransfer"/>). A rate perturbation ν₁e^{st} modulates the event rates by λ_E1 = C_E ν₁e^{−sD},
/// λ_I1 = γC_E ν₁e^{−sD}, so the eigenvalues solve
/// <code>  c(s) = 1 − e^{−sD} C_E [H_E(s) + γ H_I(s)] = 0</code>
/// at the finite-PSP stationary rate (<see cref="BrunelFinitePsp.StationaryRate"/>). In the diffusion limit this is
/// <see cref="BrunelStability.Characteristic"/> (H_E → r₀[χ_μ τJ/σ + χ_σ² τJ²/σ²], H_I → r₀[−χ_μ τgJ/σ + χ_σ² τg²J²/σ²]).
/// Unlike the diffusion c(s), this c does not tend to 1 as Re s → ∞ quickly (finite jumps respond instantly), so roots are
/// counted only in bounded rectangles (<see cref="CountEigenvalues"/>).
/// </summary>
public static class BrunelFinitePspStability
{
    /// <summary>c(s) at complex frequency <paramref name="s"/> (1/s) for the state of rate <paramref name="rate"/> (Hz).</summary>
    /// <param name="net">Model A network (J, g, γ, C_E, ν_ext, D, neuron).</param>
    /// <param name="rate">Stationary rate ν₀ (Hz, &gt; 0), normally the finite-PSP one.</param>
    /// <param name="s">Complex frequency, 1/s.</param>
    /// <param name="pointsPerJump">Coarse grid of <see cref="ShotNoiseTransfer.Response"/> (default 8).</param>
    public static Complex Characteristic(BrunelNetwork net, double rate, Complex s, int pointsPerJump = 8)
    {
        Guard.NotNull(net).Validated();
        Guard.Positive(rate);
        var r = ShotNoiseTransfer.Response(net.Neuron, net.CE * (net.NuExt + rate), net.J, net.Gamma * net.CE * rate, net.G * net.J,
                                           s, pointsPerJump);
        return 1 - Complex.Exp(-s * net.Delay) * net.CE * (r.ExcitatoryGain + net.Gamma * r.InhibitoryGain);
    }

    /// <summary>Eigenvalue s (1/s) reached by damped Newton from <paramref name="start"/> (1/s), or null if Newton fails
    /// (leaves Re s &gt; −0.9/τ or does not converge); returned in the upper half plane.</summary>
    public static Complex? Eigenvalue(BrunelNetwork net, double rate, Complex start, int pointsPerJump = 8)
    {
        Guard.NotNull(net).Validated();
        double tau = net.Neuron.TauM;
        var root = CharacteristicRoots.Newton(l => Characteristic(net, rate, l / tau, pointsPerJump), start * tau, 1e4);
        return root is Complex z ? z / tau : null;
    }

    /// <summary>Number of zeros of c(s) in minGrowth &lt; Re s &lt; maxGrowth, |Im s| &lt; 2π·maxFrequency (s in 1/s, Hz)
    /// by the argument principle (<see cref="BrunelStability.CountUnstableEigenvalues"/> for the method).</summary>
    public static int CountEigenvalues(BrunelNetwork net, double rate, double maxFrequency, double maxGrowth, double minGrowth,
                                       int pointsPerJump = 8)
    {
        Guard.NotNull(net).Validated();
        Guard.Positive(maxFrequency);
        Guard.InRange(minGrowth, -0.45 / net.Neuron.TauM, maxGrowth);
        return CharacteristicRoots.Count(s => Characteristic(net, rate, s, pointsPerJump), maxFrequency, maxGrowth, minGrowth);
    }
}
