using Theory.MeanField;

namespace Theory.Experiments.MeanField;

/// <summary>Input of a neuron in a sparse network in the Gaussian approximation: mean μ(ν) = <paramref name="ExternalMean"/> +
/// <paramref name="RecurrentMean"/>·ν and noise spectrum S_η(f) = <paramref name="ExternalNoise"/> +
/// <paramref name="RecurrentNoise"/>·S_x(f), ν and S_x the rate and spike-train spectrum of the presynaptic neurons.</summary>
/// <param name="ExternalMean">Mean input from outside, V.</param>
/// <param name="ExternalNoise">Two-sided spectrum of the (white, Poisson) external input, V²·s.</param>
/// <param name="RecurrentMean">Mean input per unit presynaptic rate, V·s.</param>
/// <param name="RecurrentNoise">Input spectrum per unit presynaptic spike-train spectrum, V²·s² (≥ 0).</param>
public sealed record SparseNetworkDrive(double ExternalMean, double ExternalNoise, double RecurrentMean, double RecurrentNoise)
{
    /// <summary>Brunel (2000) model A: C_E excitatory (J) and C_I = γC_E inhibitory (−gJ) inputs from independent presynaptic
    /// neurons of one kind, C_E Poisson external inputs of rate ν_ext: μ = C_E Jτ[ν_ext + (1 − gγ)ν],
    /// S_η = J²τ²C_E[ν_ext + (1 + g²γ)S_x(f)] (for S_x = ν this is the white noise σ²τ of the diffusion model).</summary>
    public static SparseNetworkDrive ForBrunel(BrunelNetwork net)
    {
        Guard.NotNull(net).Validated();
        double tau = net.Neuron.TauM, jt = net.J * tau;
        return new SparseNetworkDrive(net.CE * jt * net.NuExt, jt * jt * net.CE * net.NuExt,
                                      net.CE * jt * (1 - net.G * net.Gamma), jt * jt * net.CE * (1 + net.G * net.G * net.Gamma));
    }

    /// <summary>μ(ν), V.</summary>
    public double Mean(double rate) => ExternalMean + RecurrentMean * rate;

    /// <summary>σ(ν) of the white-noise (diffusion) input with the same high-frequency level, √((S_ext + S_rec·ν)/τ), V.</summary>
    public double WhiteSigma(double rate, double tauM) => Math.Sqrt((ExternalNoise + RecurrentNoise * rate) / tauM);
}

/// <summary>One generation of the iteration: the input (rate and spectrum of the presynaptic trains) and the output.</summary>
/// <param name="Index">Generation number (0 = Poisson input, the white-noise diffusion approximation).</param>
/// <param name="InputRate">Presynaptic rate ν_n used for the input, Hz.</param>
/// <param name="Mu">Mean input μ(ν_n), V.</param>
/// <param name="Output">The simulated neuron's statistics.</param>
public sealed record SpectrumGeneration(int Index, double InputRate, double Mu, ColouredSpikeTrain Output);

/// <summary>
/// Self-consistent spike-train spectrum of a neuron in a sparse network (Dummer, Wieland &amp; Lindner 2014 Front Comput Neurosci
/// 8:104, Gaussian approximation; the damped rate update in the spirit of the averaging of Pena, Vellmer, Bernardi, Roque &amp;
/// Lindner 2018 Front Comput Neurosci 12:9): generation n simulates single LIF neurons (<see cref="ColouredNoiseLif"/>) driven by
/// Gaussian noise whose spectrum is the network's own output spectrum of generation n − 1,
/// <code>
///   S_η⁽ⁿ⁾(f) = S_ext + S_rec · S_x⁽ⁿ⁻¹⁾(f) · ν_n/ν̂_{n−1},     μ_n = μ_ext + μ_rec ν_n,
///   ν_{n+1} = ν_n + (ν̂_n − ν_n)/(1 − Φ′(ν_n)),
/// </code>
/// S_x⁽⁻¹⁾ = ν₀ (Poisson trains; generation 0 is the white-noise diffusion LIF), ν̂_n the rate measured in generation n,
/// Φ(ν) = Siegert(μ(ν), σ(ν)) the white-noise rate map whose slope makes the rate update a Newton step (with strong inhibition
/// Φ′ ≈ −2 and the plain update ν_{n+1} = ν̂_n diverges). The fixed point is a "theory" obtained by a stochastic iterative
/// scheme, not a closed form: the LIF spike-train spectrum under coloured input has none. It assumes uncorrelated presynaptic
/// trains (the sparse limit); finite-size common input is added afterwards by linear response
/// (<see cref="ColouredFiniteSize"/>).
/// </summary>
public static class SelfConsistentSpectrum
{
    /// <summary>Runs <paramref name="generations"/> generations (≥ 1) from the rate <paramref name="initialRate"/> (Hz, &gt; 0;
    /// e.g. the Siegert fixed point) for <paramref name="neuron"/> with input <paramref name="drive"/>; generation n uses seed
    /// <paramref name="seed"/> + n.</summary>
    public static SpectrumGeneration[] Iterate(LifNeuron neuron, SparseNetworkDrive drive, double initialRate, int generations,
                                               ulong seed, ColouredNoiseSampling? sampling = null)
    {
        Guard.NotNull(neuron).Validated();
        Guard.NotNull(drive);
        Guard.Positive(initialRate);
        Guard.InRange(generations, 1, 1000);
        Guard.NonNegative(drive.ExternalNoise);
        Guard.NonNegative(drive.RecurrentNoise);
        var result = new List<SpectrumGeneration>();
        double rate = initialRate;
        ColouredSpikeTrain? previous = null;
        for (int g = 0; g < generations; g++)
        {
            double nu = rate;
            var prev = previous;
            Func<double, double> input = prev is null
                ? (_ => drive.ExternalNoise + drive.RecurrentNoise * nu)
                : (f => drive.ExternalNoise + drive.RecurrentNoise * Math.Max(prev.PowerAt(f), 0) * nu / prev.Rate);
            double mu = drive.Mean(nu);
            var output = ColouredNoiseLif.Sample(neuron, mu, input, seed + (ulong)g, sampling);
            result.Add(new SpectrumGeneration(g, nu, mu, output));
            if (!(output.Rate > 0))
                throw new ArgumentException($"initialRate = {initialRate} Hz: generation {g} fired no spike (mu = {mu} V); the iteration needs a firing state.", nameof(initialRate));
            double slope = Slope(neuron, drive, nu);
            rate = Math.Max(nu + (output.Rate - nu) / (1 - Math.Min(slope, 0.5)), 0.1 * nu);
            previous = output;
        }
        return result.ToArray();
    }

    /// <summary>Φ′(ν) of the white-noise rate map Φ(ν) = Siegert(μ(ν), σ(ν)) (central difference, h = 10⁻³ν).</summary>
    static double Slope(LifNeuron neuron, SparseNetworkDrive d, double nu)
    {
        double h = 1e-3 * nu;
        double Phi(double x) => Siegert.Rate(d.Mean(x), d.WhiteSigma(x, neuron.TauM), neuron);
        return (Phi(nu + h) - Phi(nu - h)) / (2 * h);
    }
}
