using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.CompilerServices;

namespace Theory.Spiking;

/// <summary>
/// Metabolic state of <see cref="MetabolicLif"/> (Chintaluri &amp; Vogels 2023, <c>nw_va.py</c>,
/// <c>main_loop</c>): an ATP budget K per neuron (V, in the code's voltage units of synaptic
/// "current"), the metabolic drive amplitude A_max (V), the time constants τ_A and τ_A,max (s),
/// the width w of the slow-down window, the steepness of M∞, the decrement of M per spike and
/// the M-dependent refractory period τ_ref = τ₀ − τ₁·M (s).
/// </summary>
public sealed record MetabolicLifParameters
{
    /// <summary>A_max (V): M = 1 depolarizes the membrane's target by A_max (code: 25 mV in the metabolic run).</summary>
    public double DriveAmplitude { get; init; } = 0.025;
    /// <summary>τ_A (s), 300 ms.</summary>
    public double TauA { get; init; } = 0.300;
    /// <summary>τ_A,max (s), 1000 ms: extra slowness near balance (frac = 1).</summary>
    public double TauAMax { get; init; } = 1.000;
    /// <summary>Width w of exp(−(frac − 1)²/w), 0.0098.</summary>
    public double Width { get; init; } = 0.0098;
    /// <summary>Steepness of M∞ = 2/(1 + e^{−s(frac − 1)}) − 1, s = 8.</summary>
    public double Steepness { get; init; } = 8;
    /// <summary>Decrement of M at each spike (the spike's ATP use), 0.1.</summary>
    public double SpikeDecrement { get; init; } = 0.1;
    /// <summary>τ₀ (s) of the refractory period τ₀ − τ₁ M, 5 ms.</summary>
    public double RefractoryBase { get; init; } = 0.005;
    /// <summary>τ₁ (s), 3 ms (0 in the code's A_max = 0 control).</summary>
    public double RefractorySlope { get; init; } = 0.003;

    /// <summary>The network of Chintaluri &amp; Vogels 2023 (Fig. 3; <c>nw_va.single_run</c>: A_max = 25 mV, τ_A = 300 ms).</summary>
    public static MetabolicLifParameters ChintaluriVogels2023 { get; } = new();

    /// <summary>The code's Vogels–Abbott control (A_max = 0, fixed 5 ms refractory period).</summary>
    public static MetabolicLifParameters NoMetabolicDrive { get; } = new() { DriveAmplitude = 0, RefractorySlope = 0 };

    /// <summary>Copy with fields changed (for F#).</summary>
    public MetabolicLifParameters With(double? driveAmplitude = null, double? tauA = null, double? tauAMax = null,
        double? spikeDecrement = null, double? refractorySlope = null) => this with
    {
        DriveAmplitude = driveAmplitude ?? DriveAmplitude, TauA = tauA ?? TauA, TauAMax = tauAMax ?? TauAMax,
        SpikeDecrement = spikeDecrement ?? SpikeDecrement, RefractorySlope = refractorySlope ?? RefractorySlope,
    };

    internal void Validate()
    {
        Guard.Finite(DriveAmplitude); Guard.Positive(TauA); Guard.NonNegative(TauAMax); Guard.Positive(Width);
        Guard.Finite(Steepness); Guard.Finite(SpikeDecrement); Guard.Positive(RefractoryBase); Guard.NonNegative(RefractorySlope);
        if (RefractorySlope >= RefractoryBase)
            throw new ArgumentException($"RefractorySlope = {RefractorySlope} is invalid: it must be < RefractoryBase = {RefractoryBase} so that τ_ref stays positive for M ≤ 1.", nameof(RefractorySlope));
    }
}

/// <summary>
/// Conductance-based LIF neuron with a metabolic drive (Chintaluri &amp; Vogels 2023, <c>nw_va.py</c>),
/// integrated by forward Euler like the code's Brian2 model (<c>method='euler'</c>). With
/// I_e = (g_e/g_L)(E_e − V), I_i = (g_i/g_L)(E_i − V) (V), synaptic load I_Σ = I_e − I_i,
/// frac = 2K/(K + I_Σ), M∞ = 2/(1 + e^{−8(frac − 1)}) − 1, τ_Af = τ_A,max e^{−(frac − 1)²/w} + τ_A:
/// <code>
/// τ_m dV/dt = I_e + I_i − (V − E_L) + A_max M     (not while refractory)
/// dM/dt = (M∞ − M)/τ_Af,   dg_x/dt = −g_x/τ_x
/// spike: V &gt; θ → V = V_r, M ← M − 0.1, refractory for τ₀ − τ₁ M
/// </code>
/// A neuron whose synaptic load is below its budget K (frac &gt; 1) accumulates M &gt; 0 and is
/// depolarized towards firing ("metabolic spikes"); a heavily loaded one is hyperpolarized.
/// Channels "exc", "inh" (S); variables "v", "threshold", "g_exc", "g_inh", "m", "k" (V).
/// </summary>
public sealed class MetabolicLif : ConductanceLifPopulation
{
    readonly float[] _m, _k;
    float _decayE, _decayI;

    /// <summary>The metabolic parameters.</summary>
    public MetabolicLifParameters Metabolic { get; }

    /// <summary>A population of <paramref name="size"/> metabolic LIF neurons, M = 0 and budget K for every neuron.</summary>
    /// <param name="name">Population name, used in messages, monitors and frames.</param>
    /// <param name="size">Number of neurons, 1 … <see cref="KernelLimits.MaxPopulationSize"/> (and within the available memory).</param>
    /// <param name="parameters">Membrane parameters (validated).</param>
    /// <param name="metabolic">Metabolic parameters (validated).</param>
    /// <param name="excReversal">Excitatory reversal potential E_e, V (default 0 V).</param>
    /// <param name="inhReversal">Inhibitory reversal potential E_i, V (default −0.080 V).</param>
    /// <param name="tauExc">Excitatory conductance time constant τ_e, s (&gt; 0; default 5 ms).</param>
    /// <param name="tauInh">Inhibitory conductance time constant τ_i, s (&gt; 0; default 10 ms).</param>
    /// <param name="budget">Metabolic budget K of every neuron, V (&gt; 0; default 0.2; the variable "k").</param>
    /// <exception cref="ArgumentException">A parameter outside its range.</exception>
    public MetabolicLif(string name, int size, LifParameters parameters, MetabolicLifParameters metabolic,
        double excReversal = 0.0, double inhReversal = -0.080, double tauExc = 0.005, double tauInh = 0.010, double budget = 0.2)
        : base(name, size, parameters, excReversal, inhReversal, tauExc, tauInh)
    {
        Guard.NotNull(metabolic);
        metabolic.Validate();
        Metabolic = metabolic;
        Guard.Positive(budget);
        _m = new float[PaddedSize];
        _k = new float[PaddedSize];
        Array.Fill(_k, (float)budget);
    }

    /// <inheritdoc/>
    public override IReadOnlyList<string> VariableNames { get; } = ["v", "threshold", "g_exc", "g_inh", "m", "k"];

    /// <summary>The padded float32 array of state variable <paramref name="name"/> ("v", "threshold", "k" (V), "g_exc", "g_inh" (S), "m" (dimensionless)), in SI units; writable before a run to set initial conditions.</summary>
    /// <param name="name">Variable name: "v", "threshold", "k" (V), "g_exc", "g_inh" (S), "m" (dimensionless).</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a variable of this population.</exception>
    public override float[] Variable(string name) => ConductanceVariable(name) ?? name switch
    {
        "m" => _m,
        "k" => _k,
        _ => throw UnknownVariable(name),
    };

    /// <inheritdoc/>
    protected internal override void Prepare(double dt)
    {
        base.Prepare(dt);
        _decayE = (float)(1 - dt / TauExc);
        _decayI = (float)(1 - dt / TauInh);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void IntegrateBlock(int step, int block, int consumeStep)
    {
        var v = Vec(V);
        var ge = Vec(Ge);
        var gi = Vec(Gi);
        bool consume = consumeStep >= 0;
        var inE = Vec(ExcChannel.Slot(consume ? consumeStep : 0));
        var inI = Vec(InhChannel.Slot(consume ? consumeStep : 0));
        var m = Vec(_m);
        var kb = Vec(_k);
        var theta = Vec(Theta);
        var until = Vec(RefractoryUntil);
        var now = VOps.Create(step);
        var p = Parameters;
        var q = Metabolic;
        var invGl = VOps.Create((float)(1 / p.LeakConductance));
        var dtOverTau = VOps.Create((float)(Dt / p.Tau));
        var eL = VOps.Create((float)p.RestingPotential);
        var eE = VOps.Create((float)ExcReversal);
        var eI = VOps.Create((float)InhReversal);
        var amax = VOps.Create((float)q.DriveAmplitude);
        var one = VF.One;
        var two = VOps.Create(2f);
        var minusSteep = VOps.Create((float)-q.Steepness);
        var minusInvW = VOps.Create((float)(-1 / q.Width));
        var tauA = VOps.Create((float)q.TauA);
        var tauAMax = VOps.Create((float)q.TauAMax);
        var dt = VOps.Create((float)Dt);
        var de = VOps.Create(_decayE);
        var di = VOps.Create(_decayI);
        var bound = VOps.Create((float)DivergenceBound);
        var ok = VI.AllBitsSet;
        int w = Simd.Width;
        var (from, to) = VectorRange(block);
        for (int k = from; k < to; k++)
        {
            var active = VOps.LessThanOrEqual(until[k], now);
            var vk = v[k];
            var mk = m[k];
            var gek = ge[k];
            var gik = gi[k];
            if (consume)
            {
                gek += inE[k]; inE[k] = VF.Zero;
                gik += inI[k]; inI[k] = VF.Zero;
            }
            var ie = gek * invGl * (eE - vk);
            var ii = gik * invGl * (eI - vk);
            var frac = two * kb[k] / (kb[k] + ie - ii);
            var x = frac - one;
            var minf = two / (one + SimdMath.Exp(minusSteep * x)) - one;
            var tauAf = tauAMax * SimdMath.Exp(minusInvW * x * x) + tauA;
            m[k] = mk + dt * (minf - mk) / tauAf;
            var next = vk + dtOverTau * (ie + ii - (vk - eL) + amax * mk);
            vk = Simd.Select(active, next, vk);
            v[k] = vk;
            ge[k] = gek * de;
            gi[k] = gik * di;
            ok &= Simd.Lt(VOps.Abs(vk), bound) & Simd.Lt(VOps.Abs(m[k]), bound * VOps.Create(1000f));
            EmitMasked(active & Simd.Gt(vk, theta[k]), k * w, block);
        }
        if (ok != VI.AllBitsSet)
        {
            ReportDivergence("v", V, step, block);
            ReportDivergence("m", _m, step, block);
        }
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected internal override void ApplyInputsAndReset(int step, int block)
    {
        ConsumeConductances(step, block);
        ResetBlock(step, block);
    }

    /// <summary>V = V_r, M ← M − decrement and the M-dependent refractory period for the block's spikes.</summary>
    protected override void ResetBlock(int step, int block)
    {
        float vr = (float)Parameters.Reset;
        float dec = (float)Metabolic.SpikeDecrement;
        double t0 = Metabolic.RefractoryBase, t1 = Metabolic.RefractorySlope;
        var spikes = BlockSpikes(block);
        for (int s = 0; s < spikes.Length; s++)
        {
            int i = spikes[s];
            V[i] = vr;
            _m[i] -= dec;
            RefractoryUntil[i] = step + (int)Math.Round((t0 - t1 * _m[i]) / Dt);
        }
    }
}
