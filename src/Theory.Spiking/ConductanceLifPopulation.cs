namespace Theory.Spiking;

/// <summary>
/// What every LIF model with exponential synaptic conductances shares: g_e and g_i (S), their
/// channels "exc" and "inh", reversal potentials and time constants, and the consumption of the
/// step's input into g. Subclasses (<see cref="LifConductance"/>, <see cref="MetabolicLif"/>)
/// supply the membrane update.
/// </summary>
public abstract class ConductanceLifPopulation : LifPopulation
{
    /// <summary>Excitatory and inhibitory conductances (S), padded.</summary>
    protected readonly float[] Ge, Gi;

    /// <summary>The "exc" and "inh" input channels.</summary>
    protected readonly InputChannel ExcChannel, InhChannel;

    /// <summary>Excitatory reversal potential E_e (V).</summary>
    public double ExcReversal { get; }
    /// <summary>Inhibitory reversal potential E_i (V).</summary>
    public double InhReversal { get; }
    /// <summary>Excitatory conductance time constant τ_e (s).</summary>
    public double TauExc { get; }
    /// <summary>Inhibitory conductance time constant τ_i (s).</summary>
    public double TauInh { get; }

    /// <summary>Allocates g_e, g_i and the channels "exc" and "inh".</summary>
    /// <param name="name">Population name, used in messages, monitors and frames.</param>
    /// <param name="size">Number of neurons, 1 … <see cref="KernelLimits.MaxPopulationSize"/> (and within the available memory).</param>
    /// <param name="parameters">Membrane parameters (validated).</param>
    /// <param name="excReversal">Excitatory reversal potential E_e, V (finite).</param>
    /// <param name="inhReversal">Inhibitory reversal potential E_i, V (finite).</param>
    /// <param name="tauExc">Excitatory conductance time constant τ_e, s (&gt; 0).</param>
    /// <param name="tauInh">Inhibitory conductance time constant τ_i, s (&gt; 0).</param>
    /// <exception cref="ArgumentException">A parameter outside its range.</exception>
    protected ConductanceLifPopulation(string name, int size, LifParameters parameters,
        double excReversal, double inhReversal, double tauExc, double tauInh)
        : base(name, size, parameters)
    {
        ExcReversal = Guard.Finite(excReversal);
        InhReversal = Guard.Finite(inhReversal);
        TauExc = Guard.Positive(tauExc);
        TauInh = Guard.Positive(tauInh);
        Ge = AlignedArray.Create<float>(PaddedSize);
        Gi = AlignedArray.Create<float>(PaddedSize);
        AddChannel("exc");
        AddChannel("inh");
        ExcChannel = Channel("exc");
        InhChannel = Channel("inh");
    }

    /// <summary>Variables "v", "threshold", "g_exc", "g_inh"; null for any other name.</summary>
    protected float[]? ConductanceVariable(string name) => LifVariable(name) ?? name switch
    {
        "g_exc" => Ge,
        "g_inh" => Gi,
        _ => null,
    };

    /// <summary>g_x += this step's input on channel x (both channels), slots cleared.</summary>
    protected void ConsumeConductances(int step, int block)
    {
        Consume(Ge, ExcChannel, step, block);
        Consume(Gi, InhChannel, step, block);
    }
}
