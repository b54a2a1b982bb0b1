namespace Theory.Spiking;

/// <summary>A simulation stopped because a state variable became NaN/infinite or left its
/// bound, or a population's rate ran away. Says which population, when and where.</summary>
public sealed class SimulationDivergedException : InvalidOperationException
{
    /// <summary>Name of the population that diverged.</summary>
    public string Population { get; }
    /// <summary>Simulated time at which the divergence was detected, s.</summary>
    public double Time { get; }

    /// <summary>A state variable of one neuron became NaN/infinite or left ±<paramref name="bound"/>.</summary>
    /// <param name="population">Name of the population.</param>
    /// <param name="time">Simulated time, s.</param>
    /// <param name="neuron">Index of the neuron.</param>
    /// <param name="variable">Name of the state variable.</param>
    /// <param name="value">Its value.</param>
    /// <param name="bound">The bound |value| must stay within (model units; <see cref="Population.DivergenceBound"/>).</param>
    public SimulationDivergedException(string population, double time, int neuron, string variable, double value, double bound)
        : base($"simulation diverged: population '{population}' at t = {time:0.####} s, neuron {neuron} has {variable} = {value} " +
               $"(finite values within ±{bound} expected). Reduce dt, or check the parameters and weights.")
    {
        Population = population; Time = time;
    }

    /// <summary>The population's rate exceeded the runaway guard.</summary>
    /// <param name="population">Name of the population.</param>
    /// <param name="time">Simulated time, s.</param>
    /// <param name="rate">The measured population rate, Hz.</param>
    /// <param name="maxRate">The guard, Hz.</param>
    public SimulationDivergedException(string population, double time, double rate, double maxRate)
        : base($"simulation stopped: population '{population}' fired at {rate:0.#} Hz at t = {time:0.####} s, above the guard of {maxRate} Hz " +
               "(runaway excitation). Check the weights, or raise the guard.")
    {
        Population = population; Time = time;
    }
}
