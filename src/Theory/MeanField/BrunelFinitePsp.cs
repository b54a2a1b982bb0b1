using MathNet.Numerics.RootFinding;

namespace Theory.MeanField;

/// <summary>
/// Stationary states of Brunel (2000) model A with the single-neuron transfer computed for finite PSPs
/// (<see cref="ShotNoiseLif"/>) instead of the diffusion approximation (Siegert): the input is still Poisson and
/// independent, but each E event moves V by +J and each I event by −gJ:
/// <code>
///   ν = 1/(τ_rp + T(V_r; λ_E = C_E(ν_ext + ν), J_E = J, λ_I = γC_E ν, J_I = gJ)).
/// </code>
/// <para>Time step (optional <c>timeStep</c> = dt &gt; 0): in a clock-driven simulation with the step order decay → threshold
/// → add input → reset (this kernel's <c>LifDelta</c>, Brian2), input arriving in a step is tested against θ only after one
/// more decay, so a jump to V spikes iff V e^{−dt/τ} &gt; θ: the continuous-time jump process with threshold
/// θ e^{dt/τ} (rest 0) — θ + 0.1 mV at dt = 0.1 ms. Neglected: summation of the events arriving in the same step
/// (small while λ_I dt ≪ 1, i.e. at low rates) and the one-step spike latency.</para>
/// An option next to <see cref="BrunelNetwork.StationaryStates"/> (the paper's Siegert self-consistency, which stays the
/// default everywhere): each Siegert state is used as a starting point, the finite-PSP equation
/// ln ν_shot(ν) − ln ν = 0 is bracketed on a log grid around it (factors 2^{±k/4}, k ≤ 8) and polished with Brent's method.
/// </summary>
public static class BrunelFinitePsp
{
    /// <summary>Finite-PSP transfer: rate (Hz) of a model-A neuron whose recurrent inputs fire at <paramref name="rate"/> (Hz).</summary>
    /// <param name="net">Model A network.</param>
    /// <param name="rate">Recurrent rate ν, Hz.</param>
    /// <param name="pointsPerJump">Grid resolution of <see cref="ShotNoiseLif.Rate"/>.</param>
    /// <param name="timeStep">Simulation time step dt (s) to model (0 = continuous time): threshold θ e^{dt/τ}.</param>
    public static double Transfer(BrunelNetwork net, double rate, int pointsPerJump = 16, double timeStep = 0.0)
    {
        Guard.NotNull(net).Validated();
        Guard.NonNegative(rate);
        Guard.NonNegative(timeStep);
        var neuron = timeStep > 0 ? net.Neuron.With(theta: net.Neuron.Theta * Math.Exp(timeStep / net.Neuron.TauM)) : net.Neuron;
        return ShotNoiseLif.Rate(neuron, net.CE * (net.NuExt + rate), net.J, net.Gamma * net.CE * rate, net.G * net.J,
                                 0.0, pointsPerJump);
    }

    /// <summary>The finite-PSP stationary rate next to the Siegert state <paramref name="siegertRate"/> (Hz); NaN if no sign
    /// change is found within a factor 4 of it.</summary>
    public static double StationaryRate(BrunelNetwork net, double siegertRate, int pointsPerJump = 16, double timeStep = 0.0)
    {
        Guard.NotNull(net).Validated();
        Guard.Positive(siegertRate);
        double F(double x) => Math.Log(Transfer(net, Math.Exp(x), pointsPerJump, timeStep)) - x;
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
    public static double[] StationaryRates(BrunelNetwork net, int pointsPerJump = 16, double timeStep = 0.0) =>
        Guard.NotNull(net).StationaryStates().Select(s => s.Rate > 0 ? StationaryRate(net, s.Rate, pointsPerJump, timeStep) : double.NaN).ToArray();
}
