namespace Theory.Spiking;

/// <summary>
/// A population of independent Poisson spike sources: each unit spikes in a step with
/// probability ν dt (Bernoulli per step, the discrete-time Poisson process), drawn with one
/// uniform number per unit per step from its own random stream. Used to drive plastic synapses
/// with given pre/post rates.
/// </summary>
public sealed class PoissonSpikeSource : Population
{
    readonly Xoshiro256 _rng;

    /// <summary>Rate ν (Hz) of every unit.</summary>
    public double Rate { get; }

    public PoissonSpikeSource(string name, int size, double rate, Xoshiro256 rng) : base(name, size)
    {
        Rate = Guard.NonNegative(rate);
        _rng = Guard.NotNull(rng);
        AddChannel("in");
    }

    public override IReadOnlyList<string> VariableNames { get; } = [];

    public override float[] Variable(string name) =>
        throw new ArgumentException($"name = '{name}' is invalid: a Poisson source has no state variables.", nameof(name));

    protected internal override void Prepare(double dt)
    {
        base.Prepare(dt);
        if (Rate * dt > 1)
            throw new ArgumentException($"Rate = {Rate} Hz is invalid for dt = {dt} s: it must be at most 1/dt.", nameof(Rate));
    }

    protected internal override void Integrate(int step)
    {
        double p = Rate * Dt;
        if (p <= 0) return;
        for (int i = 0; i < Size; i++)
            if (_rng.NextDouble() < p) SpikeBuffer[SpikeCount++] = i;
    }

    protected internal override void ApplyInputsAndReset(int step) => Channel("in").Slot(step).Clear();
}
