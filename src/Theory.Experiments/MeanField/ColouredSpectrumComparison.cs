using System.Numerics;
using Theory.Experiments.Networks;
using Theory.MeanField;

namespace Theory.Experiments.MeanField;

/// <summary>One frequency band of the kernel's population-rate spectrum against three theories.</summary>
/// <param name="Low">Lower band edge, Hz.</param>
/// <param name="High">Upper band edge, Hz.</param>
/// <param name="Simulated">Kernel Welch estimate, Hz (two-sided).</param>
/// <param name="SimulatedSe">Its standard error (segment scatter), Hz.</param>
/// <param name="White">White-noise theory (<see cref="BrunelFiniteSize"/>, LIF S₀), Hz.</param>
/// <param name="Coloured">Self-consistent coloured S₀ with the white-noise loop gains at the Siegert state, Hz.</param>
/// <param name="ColouredChi">Self-consistent coloured S₀ and measured coloured R_μ, white R_σ², at the self-consistent state, Hz.</param>
public sealed record ColouredBand(double Low, double High, double Simulated, double SimulatedSe, double White, double Coloured,
                                  double ColouredChi)
{
    /// <summary>z-score (simulated − predicted)/s.e. for the prediction <paramref name="predicted"/>.</summary>
    public double Z(double predicted) => (Simulated - predicted) / SimulatedSe;
}

/// <summary>The self-consistent iteration at one AI point and the band comparison with the kernel.</summary>
/// <param name="Theory">The analytic (white-noise) point.</param>
/// <param name="Generations">The iteration (<see cref="SelfConsistentSpectrum.Iterate"/>).</param>
/// <param name="SelfConsistentState">The last generation's input rate with μ(ν) and the white-equivalent σ(ν).</param>
/// <param name="KernelRate">The kernel network's mean rate, Hz.</param>
/// <param name="KernelCv">The kernel network's mean ISI CV.</param>
/// <param name="Bands">Band comparison (1 ms bins, Welch).</param>
public sealed record ColouredComparison(BrunelTheoryPoint Theory, SpectrumGeneration[] Generations, StationaryState SelfConsistentState,
                                        double KernelRate, double KernelCv, ColouredBand[] Bands);

/// <summary>
/// Kernel population-rate spectrum of Brunel's model A in an AI state (the run of <see cref="FiniteSizeSpectrumComparison"/>:
/// N_E = 10 000, dt = 0.1 ms, 1 ms bins, Welch, 0.25 s Hann segments, 20 Hz bands) against (i) the white-noise finite-size theory,
/// (ii) the same linear response with the self-consistent coloured-noise spike-train spectrum S₀ (<see cref="SelfConsistentSpectrum"/>)
/// and (iii) additionally the measured coloured-noise mean susceptibility R_μ (<see cref="ColouredFiniteSize"/>).
/// </summary>
public static class ColouredSpectrumComparison
{
    /// <summary>Runs the iteration (<paramref name="generations"/> generations, seed <paramref name="seed"/>) and the kernel
    /// (seed <paramref name="seed"/>, <paramref name="duration"/> s after 0.2 s) at (g, ν_ext/ν_thr) with J = <paramref name="j"/> V.</summary>
    public static ColouredComparison Run(double g, double ratio, ulong seed, double duration, int generations = 6, double j = 1e-4,
                                         ColouredNoiseSampling? sampling = null)
    {
        Guard.Positive(duration);
        var theory = BrunelTheory.At(g, ratio, j);
        if (theory.Regime != "AI")
            throw new ArgumentException($"(g, ratio) = ({g}, {ratio}) is invalid: the analytic regime is {theory.Regime}, the finite-size spectrum needs AI.", nameof(g));
        var net = BrunelTheory.Network(g, ratio, j);
        var drive = SparseNetworkDrive.ForBrunel(net);
        var gens = SelfConsistentSpectrum.Iterate(net.Neuron, drive, theory.Rate, generations, seed, sampling);
        var sim = new BrunelSimulation(G: g, NuExtRatio: ratio, Duration: duration + 0.2, Warmup: 0.2, Seed: seed, J: j);
        var run = sim.Run();
        return Compare(theory, net, gens, sim.NE, sim.NI, run.PopulationRate, run.RateHz, run.MeanCv);
    }

    /// <summary>The band comparison of a kernel population rate (1 ms bins, Hz) with the three theories.</summary>
    public static ColouredComparison Compare(BrunelTheoryPoint theory, BrunelNetwork net, SpectrumGeneration[] generations, int nE, int nI,
                                             double[] populationRate, double kernelRate, double kernelCv)
    {
        Guard.NotNull(theory);
        Guard.NotNull(net);
        Guard.NotNull(generations);
        if (generations.Length == 0) throw new ArgumentException("generations is empty: at least one generation is needed.", nameof(generations));
        var last = generations[^1];
        var white = BrunelFiniteSize.Create(net, new StationaryState(theory.Rate, theory.Mu, theory.Sigma), nE, nI);
        var siegert = new StationaryState(theory.Rate, theory.Mu, theory.Sigma);
        // S₀ scaled to the white-noise rate for (ii), so that only its shape differs from (i)
        var s0 = last.Output;
        var coloured = new ColouredFiniteSize(net, siegert, nE, nI, f => s0.PowerAt(f) * theory.Rate / s0.Rate);
        var drive = SparseNetworkDrive.ForBrunel(net);
        var scState = new StationaryState(s0.Rate, drive.Mean(last.InputRate), drive.WhiteSigma(last.InputRate, net.Neuron.TauM));
        var chi = new ColouredFiniteSize(net, scState, nE, nI, s0.PowerAt,
                                         f => s0.SusceptibilityAt(f, x => LifTransferFunction.Evaluate(net.Neuron, scState.Mu, scState.Sigma, new Complex(0, 2 * Math.PI * x)).MeanGain));
        const double bin = 1e-3;
        var w = FiniteSizeSpectrumComparison.Bands(populationRate, bin, 250, 20, f => white.BinnedSpectrum(f, bin));
        var wc = FiniteSizeSpectrumComparison.Bands(populationRate, bin, 250, 20, f => coloured.BinnedSpectrum(f, bin));
        var wx = FiniteSizeSpectrumComparison.Bands(populationRate, bin, 250, 20, f => chi.BinnedSpectrum(f, bin));
        var bands = w.Bands.Select((b, i) => new ColouredBand(b.Low, b.High, b.Simulated, b.SimulatedSe, b.Predicted,
                                                              wc.Bands[i].Predicted, wx.Bands[i].Predicted)).ToArray();
        return new ColouredComparison(theory, generations, scState, kernelRate, kernelCv, bands);
    }

    /// <summary>The iteration (one line per generation) and one line per band, for logs and reports.</summary>
    public static string Table(ColouredComparison c)
    {
        var sb = new System.Text.StringBuilder();
        var t = c.Theory;
        sb.AppendLine(System.FormattableString.Invariant(
            $"({t.G:0.##}, {t.NuExtRatio:0.##}): white-noise rate {t.Rate:0.00} Hz; kernel rate {c.KernelRate:0.00} Hz, CV {c.KernelCv:0.00}"));
        foreach (var g in c.Generations)
            sb.AppendLine(System.FormattableString.Invariant(
                $"  generation {g.Index}: input rate {g.InputRate:0.000} Hz, mu {1e3 * g.Mu:0.000} mV -> rate {g.Output.Rate:0.000} ± {g.Output.RateSe:0.000} Hz, CV {g.Output.Cv:0.000}, S0(5 Hz)/nu {g.Output.PowerAt(5) / g.Output.Rate:0.000}"));
        double z2w = 0, z2c = 0, z2x = 0;
        foreach (var b in c.Bands)
        {
            z2w += b.Z(b.White) * b.Z(b.White); z2c += b.Z(b.Coloured) * b.Z(b.Coloured); z2x += b.Z(b.ColouredChi) * b.Z(b.ColouredChi);
            sb.AppendLine(System.FormattableString.Invariant(
                $"  {b.Low,4:0}-{b.High,4:0} Hz: sim {b.Simulated,8:0.0000} ± {b.SimulatedSe,7:0.0000} | white {b.White,8:0.0000} r {b.Simulated / b.White,5:0.00} z {b.Z(b.White),6:0.0} | col {b.Coloured,8:0.0000} r {b.Simulated / b.Coloured,5:0.00} z {b.Z(b.Coloured),6:0.0} | col+chi {b.ColouredChi,8:0.0000} r {b.Simulated / b.ColouredChi,5:0.00} z {b.Z(b.ColouredChi),6:0.0}"));
        }
        sb.AppendLine(System.FormattableString.Invariant($"  sum z^2 over {c.Bands.Length} bands: white {z2w:0}, coloured S0 {z2c:0}, coloured S0 + chi {z2x:0}"));
        return sb.ToString();
    }
}
