using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace Theory.Spiking;

/// <summary>
/// Leaky integrate-and-fire neuron with exponentially decaying synaptic currents:
/// τ dV/dt = −(V − E_L) + R (I_e + I_i + I),  dI_x/dt = −I_x/τ_x; a spike adds w (A) to I_x.
/// The linear system is integrated exactly (Rotter &amp; Diesmann 1999):
/// V(t+dt) = V∞ + (V − V∞) e^{−dt/τ} + Σ_x P_x I_x,
/// P_x = R τ_x/(τ_x − τ) (e^{−dt/τ_x} − e^{−dt/τ}) (R dt/τ e^{−dt/τ} when τ_x = τ).
/// A synaptic current that decays into the subnormal range is set to 0 (<see cref="Simd.FlushSubnormal(VF)"/>;
/// V and the spikes are unchanged). Channels: "exc", "inh". Variables: "v", "threshold", "i_exc", "i_inh".
/// </summary>
public sealed class LifExpCurrent : LifPopulation
{
    readonly float[] _ie, _ii;
    readonly InputChannel _exc, _inh;
    float _decay, _decayE, _decayI, _pe, _pi;

    /// <summary>Excitatory synaptic time constant τ_e (s).</summary>
    public double TauExc { get; }

    /// <summary>Inhibitory synaptic time constant τ_i (s).</summary>
    public double TauInh { get; }

    /// <summary>A population of <paramref name="size"/> LIF neurons with exponential current synapses.</summary>
    /// <param name="name">Population name, used in messages, monitors and frames.</param>
    /// <param name="size">Number of neurons, 1 … <see cref="KernelLimits.MaxPopulationSize"/> (and within the available memory).</param>
    /// <param name="parameters">Membrane parameters (validated).</param>
    /// <param name="tauExc">Excitatory synaptic time constant τ_e, s (&gt; 0).</param>
    /// <param name="tauInh">Inhibitory synaptic time constant τ_i, s (&gt; 0).</param>
    /// <exception cref="ArgumentException">A parameter outside its range.</exception>
    public LifExpCurrent(string name, int size, LifParameters parameters, double tauExc, double tauInh)
        : base(name, size, parameters)
    {
        TauExc = Guard.Positive(tauExc);
        TauInh = Guard.Positive(tauInh);
        _ie = AlignedArray.Create<float>(PaddedSize);
        _ii = AlignedArray.Create<float>(PaddedSize);
        AddChannel("exc");
        AddChannel("inh");
        _exc = Channel("exc");
        _inh = Channel("inh");
    }

    /// <inheritdoc/>
    public override IReadOnlyList<string> VariableNames { get; } = ["v", "threshold", "i_exc", "i_inh"];

    /// <summary>The padded float32 array of state variable <paramref name="name"/> ("v", "threshold" (V), "i_exc", "i_inh" (A)), in SI units; writable before a run to set initial conditions.</summary>
    /// <param name="name">Variable name: "v", "threshold" (V), "i_exc", "i_inh" (A).</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a variable of this population.</exception>
    public override float[] Variable(string name) => LifVariable(name) ?? name switch
    {
        "i_exc" => _ie,
        "i_inh" => _ii,
        _ => throw UnknownVariable(name),
    };

    static double Propagator(double dt, double tau, double tauSyn, double r) =>
        Math.Abs(tauSyn - tau) < 1e-12 * tau
            ? r * dt / tau * Math.Exp(-dt / tau)
            : r * tauSyn / (tauSyn - tau) * (Math.Exp(-dt / tauSyn) - Math.Exp(-dt / tau));

    /// <inheritdoc/>
    protected internal override void Prepare(double dt)
    {
        base.Prepare(dt);
        double tau = Parameters.Tau, r = Parameters.Resistance;
        _decay = (float)Math.Exp(-dt / tau);
        _decayE = (float)Math.Exp(-dt / TauExc);
        _decayI = (float)Math.Exp(-dt / TauInh);
        _pe = (float)Propagator(dt, tau, TauExc, r);
        _pi = (float)Propagator(dt, tau, TauInh, r);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void IntegrateBlock(int step, int block, int consumeStep)
    {
        bool consume = consumeStep >= 0;
        var inE = Vec(_exc.Slot(consume ? consumeStep : 0));
        var inI = Vec(_inh.Slot(consume ? consumeStep : 0));
        var v = Vec(V);
        var ie = Vec(_ie);
        var ii = Vec(_ii);
        var theta = Vec(Theta);
        var current = Vec(Current);
        var until = Vec(RefractoryUntil);
        var now = VOps.Create(step);
        var decay = VOps.Create(_decay);
        var gain = VOps.Create((1 - _decay) * (float)Parameters.Resistance);
        var rest = VOps.Create((1 - _decay) * (float)Parameters.RestingPotential);
        var de = VOps.Create(_decayE);
        var di = VOps.Create(_decayI);
        var pe = VOps.Create(_pe);
        var pi = VOps.Create(_pi);
        var bound = VOps.Create((float)DivergenceBound);
        var ok = VI.AllBitsSet;
        int w = Simd.Width;
        var (from, to) = VectorRange(block);
        for (int k = from; k < to; k++)
        {
            var active = VOps.LessThanOrEqual(until[k], now);
            var vk = v[k];
            var iek = ie[k];
            var iik = ii[k];
            if (consume)
            {
                iek += inE[k]; inE[k] = VF.Zero;
                iik += inI[k]; inI[k] = VF.Zero;
            }
            var next = vk * decay + rest + gain * current[k] + pe * iek + pi * iik;
            vk = Simd.Select(active, next, vk);
            v[k] = vk;
            ie[k] = Simd.FlushSubnormal(iek * de);
            ii[k] = Simd.FlushSubnormal(iik * di);
            ok &= Simd.Lt(VOps.Abs(vk), bound);
            EmitMasked(active & Simd.Gt(vk, theta[k]), k * w, block);
        }
        if (ok != VI.AllBitsSet) ReportDivergence("v", V, step, block);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected internal override void ApplyInputsAndReset(int step, int block)
    {
        Consume(_ie, _exc, step, block);
        Consume(_ii, _inh, step, block);
        ResetSpiked(step, block);
    }
}
