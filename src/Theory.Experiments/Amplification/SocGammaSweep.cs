using MathNet.Numerics.LinearAlgebra;
using Theory.Amplification;

namespace Theory.Experiments.Amplification;

/// <summary>One SOC circuit of the γ sweep.</summary>
/// <param name="Gamma">Inhibitory dominance γ (mean |I| weight / mean E weight).</param>
/// <param name="W">The optimised circuit rescaled to ‖W‖_F = <see cref="SocGammaSweep.FrobeniusNorm"/>.</param>
/// <param name="Iterations">Optimisation steps taken.</param>
/// <param name="Converged">Whether the SOC reached the target abscissa before the step limit.</param>
/// <param name="Abscissa">max Re λ(W) after the rescaling (the dynamics are stable iff &lt; 1).</param>
/// <param name="Directions">Fig. 7E: peaks of ‖e^{At}vₖ‖ over t ≤ 5τ per Gramian direction (null if unstable).</param>
/// <param name="Parts">Fig. 7F: the spectrum / feedforward split of the real Schur form.</param>
/// <param name="Linear">Fig. 7G, linear branch (null if unstable or not requested).</param>
/// <param name="Nonlinear">Fig. 7G, tanh branch (null if unstable or not requested).</param>
public sealed record SocGammaPoint(double Gamma, Matrix<double> W, int Iterations, bool Converged, double Abscissa,
    DirectionAmplificationResult? Directions, SchurParts Parts, AmplifiedSubspace? Linear, NonlinearSubspace? Nonlinear);

/// <summary>
/// Christodoulou, Vogels &amp; Agnes (2022) Fig. 7E–G (code figure7_E_and_F.m, figure7_G.m): for
/// γ ∈ {3, 5, 10, 20, 30, 40} a random E/I network (initialnet_gamma: N/2 E and N/2 I, p = 0.1,
/// R = 10, <see cref="DaleNetwork.Build"/>) is stability-optimised keeping the inhibition γ times
/// the excitation (create_inh_soc_gamma, rate 5, target abscissa 0.5,
/// <see cref="StabilityOptimisedCircuit.Optimise"/>), rescaled to ‖W‖_F = 100 (N = 200; scaled
/// by √(N(N − 1)/(200·199)) for other N) and analysed: E the peak norm per optimal initial
/// condition (t ≤ 5τ, <see cref="DirectionAmplification"/>), F the Frobenius norms of the
/// spectrum and of the feedforward part of the Schur form (<see cref="SchurParts"/>), G the
/// fraction of amplified conditions (peak &gt; 2) and the effective rank of their principal
/// components, linear and tanh (<see cref="TransientAmplification.AmplifiedDimensionality"/>,
/// <see cref="NonlinearDimensionality"/>).
/// </summary>
public static class SocGammaSweep
{
    /// <summary>The paper's γ values.</summary>
    public static IReadOnlyList<double> PaperGammas { get; } = new[] { 3.0, 5, 10, 20, 30, 40 };

    /// <summary>‖W‖_F after the rescaling: 100·√(N(N − 1)/(200·199)).</summary>
    public static double FrobeniusNorm(int n) => 100 * Math.Sqrt(n * (n - 1) / (200.0 * 199.0));

    /// <param name="n">Network size (even, ≥ 4; paper 200).</param>
    /// <param name="gamma">γ &gt; 0.</param>
    /// <param name="seed">Seed of the random starting network.</param>
    /// <param name="maxIterations">SOC step limit.</param>
    /// <param name="dimensionality">Whether to run the Fig. 7G analyses (the expensive part).</param>
    /// <param name="samples">Samples per trajectory for the PCA of Fig. 7G.</param>
    public static SocGammaPoint Run(int n, double gamma, ulong seed, int maxIterations = 1000, bool dimensionality = true, int samples = 500)
    {
        var spec = new DaleNetworkSpec(n, 0.1, 10, gamma, seed);
        var w0 = DaleNetwork.Build(spec);
        var soc = StabilityOptimisedCircuit.Optimise(w0, spec.NE, targetAbscissa: 0.5, rate: 5, gamma: gamma, inhibitoryDensity: 0.4, maxIterations: maxIterations);
        var w = DaleNetwork.NormaliseFrobenius(soc.W, FrobeniusNorm(n));
        double alpha = TransientAmplification.Eigenvalues(w).Max(z => z.Real);
        var parts = SchurParts.Of(w);
        bool stable = alpha < 1;
        var dirs = stable ? DirectionAmplification.Compute(w) : null;
        AmplifiedSubspace? lin = null;
        NonlinearSubspace? nl = null;
        if (stable && dimensionality)
        {
            // τ = 1: both analyses are in units of τ
            lin = TransientAmplification.AmplifiedDimensionality(w, 1.0, 2.0, 50, samples);
            nl = NonlinearDimensionality.Analyse(w, RateNonlinearity.Christodoulou2022, 2.0, 50, samples);
        }
        return new SocGammaPoint(gamma, w, soc.AbscissaHistory.Length - 1, soc.Converged, alpha, dirs, parts, lin, nl);
    }
}
