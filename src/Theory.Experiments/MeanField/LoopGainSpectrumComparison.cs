using Theory.Experiments.Networks;
using Theory.MeanField;

namespace Theory.Experiments.MeanField;

/// <summary>One frequency band of the kernel's population-rate spectrum against the diffusion-gain and finite-PSP-gain theories.</summary>
/// <param name="Low">Lower band edge, Hz.</param>
/// <param name="High">Upper band edge, Hz.</param>
/// <param name="Simulated">Kernel Welch estimate, Hz (two-sided).</param>
/// <param name="SimulatedSe">Its standard error (segment scatter), Hz.</param>
/// <param name="Diffusion">Diffusion gains and white-noise LIF S₀ at the Siegert state (<see cref="BrunelFiniteSize"/>), Hz.</param>
/// <param name="FinitePsp">Finite-PSP gains and shot-noise S₀ at the continuous-time finite-PSP state (<see cref="FinitePspFiniteSize"/>), Hz.</param>
/// <param name="FinitePspDt">The same with the kernel's time step modelled (threshold θe^{dt/τ}), Hz.</param>
public sealed record LoopGainBand(double Low, double High, double Simulated, double SimulatedSe, double Diffusion, double FinitePsp,
                                  double FinitePspDt)
{
    /// <summary>z-score (simulated − predicted)/s.e. for the prediction <paramref name="predicted"/>.</summary>
    public double Z(double predicted) => (Simulated - predicted) / SimulatedSe;
}

/// <summary>The band comparison at one AI point of model A.</summary>
/// <param name="Theory">The analytic (Siegert) point.</param>
/// <param name="FinitePspRate">Finite-PSP stationary rate in continuous time, Hz.</param>
/// <param name="FinitePspRateDt">The same at the kernel's time step, Hz.</param>
/// <param name="TimeStep">The modelled kernel time step, s.</param>
/// <param name="KernelRate">The kernel network's mean rate, Hz.</param>
/// <param name="KernelCv">The kernel network's mean ISI CV.</param>
/// <param name="ShotNoiseCv">CV of the shot-noise LIF at the finite-PSP state at the time step, √(S₀(0)/ν₀).</param>
/// <param name="Bands">Band comparison (1 ms bins, Welch, 0.25 s Hann segments, 20 Hz bands).</param>
public sealed record LoopGainComparison(BrunelTheoryPoint Theory, double FinitePspRate, double FinitePspRateDt, double TimeStep,
                                        double KernelRate, double KernelCv, double ShotNoiseCv, LoopGainBand[] Bands);

/// <summary>Σz² of a <see cref="LoopGainComparison"/> over its bands, per theory.</summary>
/// <param name="Diffusion">Diffusion gains, white-noise LIF S₀.</param>
/// <param name="FinitePsp">Finite-PSP gains and S₀, continuous time.</param>
/// <param name="FinitePspDt">Finite-PSP gains and S₀ at the kernel's time step.</param>
public sealed record LoopGainChiSquare(double Diffusion, double FinitePsp, double FinitePspDt);

/// <summary>
/// Kernel population-rate spectrum of Brunel's model A in an AI state (the run of <see cref="FiniteSizeSpectrumComparison"/>:
/// N_E = 10 000, dt = 0.1 ms, 1 ms bins, Welch, 0.25 s Hann segments, 20 Hz bands) against the finite-size theory with
/// (i) diffusion loop gains and the white-noise LIF S₀ (<see cref="BrunelFiniteSize"/>) and (ii) finite-PSP loop gains
/// M(s) = e^{−sD}C_E[H_E(s) + γH_I(s)] with the shot-noise renewal S₀ (<see cref="FinitePspFiniteSize"/>), in continuous
/// time and (iii) with the kernel's time step.
/// </summary>
public static class LoopGainSpectrumComparison
{
    /// <summary>Simulates (g, ν_ext/ν_thr) (N_E = 10 000, seed <paramref name="seed"/>, <paramref name="duration"/> s after
    /// 0.2 s, J = <paramref name="j"/> V) and compares. Throws if the analytic state is not AI.</summary>
    public static LoopGainComparison Run(double g, double ratio, ulong seed, double duration, double j = 1e-4)
    {
        Guard.Positive(duration);
        var theory = BrunelTheory.At(g, ratio, j);
        if (theory.Regime != "AI")
            throw new ArgumentException($"(g, ratio) = ({g}, {ratio}) is invalid: the analytic regime is {theory.Regime}, the finite-size spectrum needs AI.", nameof(g));
        var sim = new BrunelSimulation(G: g, NuExtRatio: ratio, Duration: duration + 0.2, Warmup: 0.2, Seed: seed, J: j);
        var run = sim.Run();
        return Compare(theory, BrunelTheory.Network(g, ratio, j), sim.NE, sim.NI, run.PopulationRate, run.RateHz, run.MeanCv, sim.Dt);
    }

    /// <summary>The band comparison of a kernel population rate (1 ms bins, Hz) of a network with <paramref name="nE"/>,
    /// <paramref name="nI"/> neurons simulated with time step <paramref name="timeStep"/> (s); the shot-noise responses on
    /// grids of <paramref name="pointsPerJump"/> and twice as many points per J (default 4: 4/8 against 8/16 moves the
    /// band values by less than 0.1 %, docs/MODELS.md).</summary>
    public static LoopGainComparison Compare(BrunelTheoryPoint theory, BrunelNetwork net, int nE, int nI, double[] populationRate,
                                             double kernelRate, double kernelCv, double timeStep, int pointsPerJump = 4)
    {
        Guard.NotNull(theory);
        Guard.NotNull(net);
        Guard.NotNull(populationRate);
        Guard.Positive(timeStep);
        const double bin = 1e-3;
        const int segment = 250;
        var siegert = new StationaryState(theory.Rate, theory.Mu, theory.Sigma);
        var diffusion = BrunelFiniteSize.Create(net, siegert, nE, nI);
        var psp = FinitePspFiniteSize.AtFinitePspState(net, theory.Rate, nE, nI, 0.0, pointsPerJump);
        var pspDt = FinitePspFiniteSize.AtFinitePspState(net, theory.Rate, nE, nI, timeStep, pointsPerJump);
        double df = 1 / (segment * bin);
        var needed = Enumerable.Range(0, segment / 2 + 1).SelectMany(k => FinitePspFiniteSize.AliasFrequencies(k * df, bin)).Append(0.01).ToArray();
        psp.Precompute(needed);
        pspDt.Precompute(needed);
        var wd = FiniteSizeSpectrumComparison.Bands(populationRate, bin, segment, 20, f => diffusion.BinnedSpectrum(f, bin));
        var wp = FiniteSizeSpectrumComparison.Bands(populationRate, bin, segment, 20, f => psp.BinnedSpectrum(f, bin));
        var wt = FiniteSizeSpectrumComparison.Bands(populationRate, bin, segment, 20, f => pspDt.BinnedSpectrum(f, bin));
        var bands = wd.Bands.Select((b, i) => new LoopGainBand(b.Low, b.High, b.Simulated, b.SimulatedSe, b.Predicted,
                                                               wp.Bands[i].Predicted, wt.Bands[i].Predicted)).ToArray();
        return new LoopGainComparison(theory, psp.Rate, pspDt.Rate, timeStep, kernelRate, kernelCv,
                                      Math.Sqrt(pspDt.SingleNeuron(0.01) / pspDt.Rate), bands);
    }

    /// <summary>Σz² over the bands for each theory.</summary>
    public static LoopGainChiSquare SumZ2(LoopGainComparison c) =>
        new(Guard.NotNull(c).Bands.Sum(b => b.Z(b.Diffusion) * b.Z(b.Diffusion)), c.Bands.Sum(b => b.Z(b.FinitePsp) * b.Z(b.FinitePsp)),
            c.Bands.Sum(b => b.Z(b.FinitePspDt) * b.Z(b.FinitePspDt)));

    /// <summary>Summary line and one line per band (kernel/theory ratio r and z), for logs and reports.</summary>
    public static string Table(LoopGainComparison c)
    {
        Guard.NotNull(c);
        var sb = new System.Text.StringBuilder();
        var t = c.Theory;
        sb.AppendLine(System.FormattableString.Invariant(
            $"({t.G:0.##}, {t.NuExtRatio:0.##}): Siegert {t.Rate:0.00} Hz, finite PSP {c.FinitePspRate:0.00} Hz (dt = {1e3 * c.TimeStep:0.###} ms: {c.FinitePspRateDt:0.00} Hz, CV {c.ShotNoiseCv:0.00}); kernel {c.KernelRate:0.00} Hz, CV {c.KernelCv:0.00}"));
        foreach (var b in c.Bands)
            sb.AppendLine(System.FormattableString.Invariant(
                $"  {b.Low,4:0}-{b.High,4:0} Hz: sim {b.Simulated,8:0.0000} ± {b.SimulatedSe,7:0.0000} | diffusion {b.Diffusion,8:0.0000} r {b.Simulated / b.Diffusion,5:0.00} z {b.Z(b.Diffusion),6:0.0} | finite PSP {b.FinitePsp,8:0.0000} r {b.Simulated / b.FinitePsp,5:0.00} z {b.Z(b.FinitePsp),6:0.0} | at dt {b.FinitePspDt,8:0.0000} r {b.Simulated / b.FinitePspDt,5:0.00} z {b.Z(b.FinitePspDt),6:0.0}"));
        var z2 = SumZ2(c);
        sb.AppendLine(System.FormattableString.Invariant($"  sum z^2 over {c.Bands.Length} bands: diffusion {z2.Diffusion:0}, finite PSP {z2.FinitePsp:0}, finite PSP at dt {z2.FinitePspDt:0}"));
        return sb.ToString();
    }
}
