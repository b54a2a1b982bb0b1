namespace Theory.Spiking;

/// <summary>A simulation stopped because a state variable became NaN/infinite or left its
/// bound, or a population's rate ran away. Says which population, when and where.</summary>
public sealed class SimulationDivergedException : InvalidOperationException
{
    public string Population { get; }
    public double Time { get; }

    public SimulationDivergedException(string population, double time, int neuron, string variable, double value, double bound)
        : base($"simulation diverged: population '{population}' at t = {time:0.####} s, neuron {neuron} has {variable} = {value} " +
               $"(finite values within ±{bound} expected). Reduce dt, or check the parameters and weights.")
    {
        Population = population; Time = time;
    }

    public SimulationDivergedException(string population, double time, double rate, double maxRate)
        : base($"simulation stopped: population '{population}' fired at {rate:0.#} Hz at t = {time:0.####} s, above the guard of {maxRate} Hz " +
               "(runaway excitation). Check the weights, or raise the guard.")
    {
        Population = population; Time = time;
    }
}
