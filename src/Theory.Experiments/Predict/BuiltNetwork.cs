using Theory.Spiking;

namespace Theory.Experiments.Predict;

/// <summary>A kernel network built from a <see cref="NetworkDescription"/> (<see cref="NetworkDescription.Build"/>).</summary>
/// <param name="Net">The kernel network, ready to run.</param>
/// <param name="Populations">Its populations, in the order of <see cref="NetworkDescription.Populations"/>.</param>
public sealed record BuiltNetwork(Network Net, Population[] Populations);

/// <summary>First and second moments of a synaptic weight (<see cref="NetworkDescription.WeightMoments"/>).</summary>
/// <param name="Mean">⟨w⟩, in the weight's unit.</param>
/// <param name="MeanSquare">⟨w²⟩, in the weight's unit squared.</param>
public readonly record struct WeightMomentPair(double Mean, double MeanSquare);

/// <summary>A delay distribution on whole time steps (<see cref="NetworkDescription.DelayDistribution"/>).</summary>
/// <param name="Delays">Delays, s (whole multiples of the time step).</param>
/// <param name="Probabilities">Their probabilities (sum 1).</param>
public sealed record DiscreteDelays(double[] Delays, double[] Probabilities);
