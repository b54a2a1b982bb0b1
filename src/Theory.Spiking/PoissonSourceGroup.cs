namespace Theory.Spiking;

/// <summary>
/// A population of independent Poisson spike sources with a common time-varying rate r(t) (Hz),
/// each with an absolute refractory period — Brian2's <c>NeuronGroup(threshold='rand() &lt; rates*dt')</c>
/// as the input layer of Chintaluri &amp; Vogels 2023 (<c>nw_va.fetch_poi_onoff_input</c>). Each step
/// draws the number of spikes K ~ Poisson(N r dt) and picks K distinct non-refractory sources.
/// No state variables; no input channels.
/// </summary>
public sealed class PoissonSourceGroup : Population
{
    readonly Func<double, double> _rate;
    readonly Xoshiro256 _rng;
    readonly double _refractory;
    int _refractorySteps;

    /// <param name="rate">r(t) in Hz; must stay finite and ≥ 0 with r·dt ≤ 1.</param>
    /// <param name="rng">Random stream (e.g. <see cref="Network.NewRandom"/>).</param>
    /// <param name="refractory">Refractory period (s), 5 ms in the paper's code.</param>
    public PoissonSourceGroup(string name, int size, Func<double, double> rate, Xoshiro256 rng, double refractory = 0.005)
        : base(name, size)
    {
        _rate = Guard.NotNull(rate);
        _rng = Guard.NotNull(rng);
        _refractory = Guard.NonNegative(refractory);
    }

    public override IReadOnlyList<string> VariableNames { get; } = [];

    public override float[] Variable(string name) =>
        throw new ArgumentException($"name = '{name}' is not a variable of population '{Name}': a Poisson source group has none.", nameof(name));

    protected internal override void Prepare(double dt)
    {
        base.Prepare(dt);
        _refractorySteps = (int)Math.Round(_refractory / dt);
    }

    protected internal override void Integrate(int step)
    {
        double r = _rate(step * Dt);
        if (!(r >= 0) || !double.IsFinite(r) || r * Dt > 1)
            throw new ArgumentException($"rate({step * Dt}) = {r} Hz is invalid: it must be finite, >= 0 and <= 1/dt.", "rate");
        if (r == 0) return;
        double lambda = Size * r * Dt;
        // Poisson(λ) by inversion (λ is a few spikes per step)
        int k = 0;
        double u = _rng.NextDouble(), p = Math.Exp(-lambda), c = p;
        while (u > c && k < Size) { k++; p *= lambda / k; c += p; }
        for (int s = 0, tries = 0; s < k && tries < 20 * k + 20; tries++)
        {
            int i = _rng.NextInt(Size);
            if (RefractoryUntil[i] > step) continue;
            RefractoryUntil[i] = step + _refractorySteps + 1;
            EmitSpike(i);
            s++;
        }
    }

    protected internal override void ApplyInputsAndReset(int step) { }
}
