using Theory.Experiments.Predict;
using Theory.MeanField;
using P = Theory.Experiments.Networks.MicrocircuitParameters;

namespace Theory.Experiments.Networks;

/// <summary>
/// The microcircuit as a generic <see cref="PopulationModel"/> (for <see cref="NetworkPrediction"/>: stability, rate
/// spectra): eight <see cref="MembraneKind.ExpCurrent"/> populations (τ_m = 10 ms, C = 250 pF, θ − E_L = 15 mV,
/// V_r = E_L, τ_rp = 2 ms, τ_s = 0.5 ms, bias = the DC of the scaled model), per pair (a, b) with K_ab &gt; 0 one input
/// of mean in-degree K_ab/N_a whose weight moments are those of the normal N(w_ab, (0.1 w_ab)²) redrawn until it has the
/// sign of w_ab (<see cref="NetworkDescription.WeightMoments"/>: ⟨w²⟩ = w²(1 + 0.1²) up to a relative 1e-22) and whose
/// delays are the whole-step distribution the kernel realises (<see cref="NetworkDescription.DelayDistribution"/>:
/// N(d, σ_d²) redrawn below dt, rounded to steps; the model's d ± σ_d: 1.5 ± 0.75 ms from excitatory, 0.8 ± 0.4 ms from
/// inhibitory sources, or Bos et al.'s 1.5 ± 1.5 and 0.75 ± 0.75 ms), and
/// K_ext,a external Poisson inputs at ν_bg = 8 Hz of the fixed external weight on the excitatory channel (with
/// <see cref="MicrocircuitModel.DcBackground"/> none; their mean current K_ext ν_bg w τ_s is added to the bias).
/// <para>The stationary equations of this model are those of <see cref="MicrocircuitPrediction"/> (same μ, σ, the
/// Fourcaud–Brunel shift with τ_s,eff = τ_s), so both give the same rates.</para>
/// </summary>
public static class MicrocircuitPopulationModel
{
    /// <summary>The population model of <paramref name="model"/> for a simulation with time step <paramref name="dt"/> s
    /// (default 0.1 ms; it sets the delay grid).</summary>
    /// <exception cref="ArgumentException">dt ≤ 0.</exception>
    public static PopulationModel From(MicrocircuitModel model, double dt = 1e-4)
    {
        Guard.NotNull(model);
        Guard.Positive(dt);
        int n = P.Populations;
        var m = P.Membrane;
        var pops = new ModelPopulation[n];
        for (int a = 0; a < n; a++)
            pops[a] = new ModelPopulation(P.Names[a], model.Sizes[a], MembraneKind.ExpCurrent, m.Tau, m.Capacitance, m.RestingPotential,
                m.Threshold, m.Reset, m.RefractoryPeriod, P.TauSyn, P.TauSyn, 0, 0, model.TotalDc(a));
        var exc = NetworkDescription.DelayDistribution(model.DelayExc, model.DelayExcSd, dt);
        var inh = NetworkDescription.DelayDistribution(model.DelayInh, model.DelayInhSd, dt);
        var inputs = new List<ModelInput>();
        for (int a = 0; a < n; a++)
        {
            for (int b = 0; b < n; b++)
            {
                if (model.Synapses[a, b] == 0) continue;
                double w = model.Weights[a, b];
                var (m1, m2) = NetworkDescription.WeightMoments(w, Math.Abs(w) * P.WeightRelativeSd);
                var d = P.IsExcitatory(b) ? exc : inh;
                inputs.Add(new ModelInput(a, b, model.InDegree(a, b), m1, m2, P.IsExcitatory(b) ? SynapseChannel.Exc : SynapseChannel.Inh,
                    d.Delays, d.Probabilities));
            }
            double x = model.ExternalWeight;
            if (!model.DcBackground) inputs.Add(new ModelInput(a, -1, model.ExternalInDegrees[a], x, x * x, SynapseChannel.Exc, [0.0], [1.0], P.BackgroundRate));
        }
        return new PopulationModel(pops, inputs.ToArray()).Validated();
    }
}
