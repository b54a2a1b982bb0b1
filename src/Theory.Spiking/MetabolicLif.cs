using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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

    /// <summary>Whether M is integrated when it cannot act on the neuron, i.e. with A_max = 0 and τ₁ = 0 (the
    /// Vogels–Abbott control, <see cref="MetabolicLifParameters.NoMetabolicDrive"/>). Default true: M evolves
    /// and can be read or recorded as with any parameters. Set false when only spikes, V or conductances are
    /// needed: the run then skips the two exponentials and divisions of M per neuron and step and leaves M
    /// at its value (no spike decrement either); spikes, V and conductances are bit-identical. Ignored
    /// (M always integrated) when M acts on the neuron.</summary>
    public bool IntegrateInertMetabolicState { get; set; } = true;

    /// <summary>True when this run skips M: it is inert and <see cref="IntegrateInertMetabolicState"/> is false.</summary>
    bool SkipsMetabolicState => !IntegrateInertMetabolicState && Metabolic.DriveAmplitude == 0 && Metabolic.RefractorySlope == 0;

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
        _m = AlignedArray.Create<float>(PaddedSize);
        _k = AlignedArray.Create<float>(PaddedSize);
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

    /// <summary>The forward-Euler pass over one block (the equations of the class summary), per vector of neurons:
    /// read the input slot and clear it (when consuming), I_e, I_i, frac, M∞, τ_Af, M, V where not refractory,
    /// conductance decay, divergence and threshold tests. Sixteen lanes at a time where AVX-512 is available
    /// (<see cref="Simd.Wide"/>), eight for the rest; unchecked loads and stores off the arrays' first elements (the
    /// block's vector range lies inside every padded array and ring slot). Every lane computes the same float
    /// operations in the same order at either width (bit-identical results). A conductance that decays into the
    /// subnormal range (a neuron without input for thousands of steps) is set to 0
    /// (<see cref="Simd.FlushSubnormal(VF)"/>): V, M and every spike stay the same, the step costs no
    /// floating-point assists.</summary>
    protected override void IntegrateBlock(int step, int block, int consumeStep)
    {
        var (from, to) = VectorRange(block);
        bool ok = true;
        int k = from;
        if (SkipsMetabolicState)
        {
            if (Simd.Wide) ok = IntegrateWide<No>(step, block, consumeStep, ref k, to);
            if (k < to) ok &= IntegrateNarrow<No>(step, block, consumeStep, k, to);
        }
        else
        {
            if (Simd.Wide) ok = IntegrateWide<Yes>(step, block, consumeStep, ref k, to);
            if (k < to) ok &= IntegrateNarrow<Yes>(step, block, consumeStep, k, to);
        }
        if (!ok)
        {
            ReportDivergence("v", V, step, block);
            ReportDivergence("m", _m, step, block);
        }
    }

    /// <summary>What one block's pass reads: references to the first element of every state array and of the
    /// block's input slots (the vector loops index them without bounds checks), and the model's constants in float32.
    /// Built once per pass by <see cref="BeginPass"/> for both the 16-lane and the 8-lane loop.</summary>
    ref struct Pass
    {
        public ref float V, Ge, Gi, M, K, Theta, InE, InI;
        public ref int Until;
        public float InvGl, DtOverTau, EL, EE, EI, Amax, MinusSteep, MinusInvW, TauA, TauAMax, Dt, Bound;
    }

    /// <summary>The references and constants of a pass that consumes the input of <paramref name="consumeStep"/>
    /// (slot 0 when negative: not read then).</summary>
    Pass BeginPass(int consumeStep)
    {
        var p = Parameters;
        var q = Metabolic;
        int slot = consumeStep >= 0 ? consumeStep : 0;
        var r = new Pass
        {
            InvGl = (float)(1 / p.LeakConductance), DtOverTau = (float)(Dt / p.Tau), EL = (float)p.RestingPotential,
            EE = (float)ExcReversal, EI = (float)InhReversal, Amax = (float)q.DriveAmplitude, MinusSteep = (float)-q.Steepness,
            MinusInvW = (float)(-1 / q.Width), TauA = (float)q.TauA, TauAMax = (float)q.TauAMax, Dt = (float)Dt, Bound = (float)DivergenceBound,
        };
        r.V = ref MemoryMarshal.GetArrayDataReference(V);
        r.Ge = ref MemoryMarshal.GetArrayDataReference(Ge);
        r.Gi = ref MemoryMarshal.GetArrayDataReference(Gi);
        r.M = ref MemoryMarshal.GetArrayDataReference(_m);
        r.K = ref MemoryMarshal.GetArrayDataReference(_k);
        r.Theta = ref MemoryMarshal.GetArrayDataReference(Theta);
        r.Until = ref MemoryMarshal.GetArrayDataReference(RefractoryUntil);
        r.InE = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(ExcChannel.Buffer), ExcChannel.SlotOffset(slot));
        r.InI = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(InhChannel.Buffer), InhChannel.SlotOffset(slot));
        return r;
    }

    /// <summary>Sixteen lanes at a time over vectors [k, to) of eight, pairs only (k advances past the last pair);
    /// false where |V| or |M| left its bound. A method of its own so that the JIT's inlining budget covers
    /// both exponentials of this loop (and of the eight-lane loop in <see cref="IntegrateNarrow"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    bool IntegrateWide<TM>(int step, int block, int consumeStep, ref int k, int to) where TM : struct, IFlag
    {
        bool consume = consumeStep >= 0;
        var s = BeginPass(consumeStep);
        var (invGl, dtOverTau, eL, eE, eI, amax, minusSteep, minusInvW, tauA, tauAMax, dt, bound) =
            (s.InvGl, s.DtOverTau, s.EL, s.EE, s.EI, s.Amax, s.MinusSteep, s.MinusInvW, s.TauA, s.TauAMax, s.Dt, s.Bound);
        const int w = Simd.Width;
        ref float pv = ref s.V, pge = ref s.Ge, pgi = ref s.Gi, pm = ref s.M, pk = ref s.K, pth = ref s.Theta, inE = ref s.InE, inI = ref s.InI;
        ref int puntil = ref s.Until;
        // two 8-lane vectors at a time as one 16-lane vector: the same lane-wise IEEE operations
        var now = Vector512.Create(step);
        var invGl2 = Vector512.Create(invGl);
        var dtOverTau2 = Vector512.Create(dtOverTau);
        var eL2 = Vector512.Create(eL);
        var eE2 = Vector512.Create(eE);
        var eI2 = Vector512.Create(eI);
        var amax2 = Vector512.Create(amax);
        var one = Vector512<float>.One;
        var two = Vector512.Create(2f);
        var minusSteep2 = Vector512.Create(minusSteep);
        var minusInvW2 = Vector512.Create(minusInvW);
        var tauA2 = Vector512.Create(tauA);
        var tauAMax2 = Vector512.Create(tauAMax);
        var dt2 = Vector512.Create(dt);
        var de = Vector512.Create(_decayE);
        var di = Vector512.Create(_decayI);
        var bound2 = Vector512.Create(bound);
        var boundM = bound2 * Vector512.Create(1000f);
        var ok2 = Vector512<int>.AllBitsSet;
        for (; k + 2 <= to; k += 2)
        {
            nuint o = (nuint)k * w;
            var untilK = Vector512.LoadUnsafe(ref puntil, o);
            var vk = Vector512.LoadUnsafe(ref pv, o);
            var mk = Vector512.LoadUnsafe(ref pm, o);
            var kk = Vector512.LoadUnsafe(ref pk, o);
            var gek = Vector512.LoadUnsafe(ref pge, o);
            var gik = Vector512.LoadUnsafe(ref pgi, o);
            if (consume)
            {
                gek += Vector512.LoadUnsafe(ref inE, o); Vector512.StoreUnsafe(Vector512<float>.Zero, ref inE, o);
                gik += Vector512.LoadUnsafe(ref inI, o); Vector512.StoreUnsafe(Vector512<float>.Zero, ref inI, o);
            }
            var ie = gek * invGl2 * (eE2 - vk);
            var ii = gik * invGl2 * (eI2 - vk);
            var mOk = Vector512<int>.AllBitsSet;
            if (TM.On)
            {
                var frac = two * kk / (kk + ie - ii);
                var x = frac - one;
                var minf = two / (one + SimdMath.Exp(minusSteep2 * x)) - one;
                var tauAf = tauAMax2 * SimdMath.Exp(minusInvW2 * x * x) + tauA2;
                var mNew = mk + dt2 * (minf - mk) / tauAf;
                Vector512.StoreUnsafe(mNew, ref pm, o);
                mOk = Vector512.LessThan(Vector512.Abs(mNew), boundM).AsInt32();
            }
            var next = vk + dtOverTau2 * (ie + ii - (vk - eL2) + amax2 * mk);
            // one comparison of the refractory step per use, so that each stays in a mask register
            vk = Vector512.ConditionalSelect(Vector512.GreaterThan(untilK, now).AsSingle(), vk, next);
            Vector512.StoreUnsafe(vk, ref pv, o);
            Vector512.StoreUnsafe(Simd.FlushSubnormal(gek * de), ref pge, o);
            Vector512.StoreUnsafe(Simd.FlushSubnormal(gik * di), ref pgi, o);
            ok2 &= Vector512.LessThan(Vector512.Abs(vk), bound2).AsInt32() & mOk;
            // the two masks combined as bits (kmov and a scalar and): the JIT keeps them in mask registers
            uint spiking = (uint)Vector512.GreaterThan(vk, Vector512.LoadUnsafe(ref pth, o)).ExtractMostSignificantBits()
                           & (uint)Vector512.LessThanOrEqual(untilK, now).ExtractMostSignificantBits();
            if (spiking != 0) EmitBits(spiking, k * w, block);
        }
        return ok2 == Vector512<int>.AllBitsSet;
    }

    /// <summary>Eight lanes at a time over vectors [k, to); false where |V| or |M| left its bound.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    bool IntegrateNarrow<TM>(int step, int block, int consumeStep, int k, int to) where TM : struct, IFlag
    {
        bool consume = consumeStep >= 0;
        var s = BeginPass(consumeStep);
        var (invGl, dtOverTau, eL, eE, eI, amax, minusSteep, minusInvW, tauA, tauAMax, dt, bound) =
            (s.InvGl, s.DtOverTau, s.EL, s.EE, s.EI, s.Amax, s.MinusSteep, s.MinusInvW, s.TauA, s.TauAMax, s.Dt, s.Bound);
        const int w = Simd.Width;
        ref float pv = ref s.V, pge = ref s.Ge, pgi = ref s.Gi, pm = ref s.M, pk = ref s.K, pth = ref s.Theta, inE = ref s.InE, inI = ref s.InI;
        ref int puntil = ref s.Until;
        var ok = VI.AllBitsSet;
        var now = VOps.Create(step);
        var invGl1 = VOps.Create(invGl);
        var dtOverTau1 = VOps.Create(dtOverTau);
        var eL1 = VOps.Create(eL);
        var eE1 = VOps.Create(eE);
        var eI1 = VOps.Create(eI);
        var amax1 = VOps.Create(amax);
        var one = VF.One;
        var two = VOps.Create(2f);
        var minusSteep1 = VOps.Create(minusSteep);
        var minusInvW1 = VOps.Create(minusInvW);
        var tauA1 = VOps.Create(tauA);
        var tauAMax1 = VOps.Create(tauAMax);
        var dt1 = VOps.Create(dt);
        var de = VOps.Create(_decayE);
        var di = VOps.Create(_decayI);
        var bound1 = VOps.Create(bound);
        var boundM = bound1 * VOps.Create(1000f);
        for (; k < to; k++)
        {
            nuint o = (nuint)k * w;
            var active = VOps.LessThanOrEqual(VOps.LoadUnsafe(ref puntil, o), now);
            var vk = VOps.LoadUnsafe(ref pv, o);
            var mk = VOps.LoadUnsafe(ref pm, o);
            var kk = VOps.LoadUnsafe(ref pk, o);
            var gek = VOps.LoadUnsafe(ref pge, o);
            var gik = VOps.LoadUnsafe(ref pgi, o);
            if (consume)
            {
                gek += VOps.LoadUnsafe(ref inE, o); VOps.StoreUnsafe(VF.Zero, ref inE, o);
                gik += VOps.LoadUnsafe(ref inI, o); VOps.StoreUnsafe(VF.Zero, ref inI, o);
            }
            var ie = gek * invGl1 * (eE1 - vk);
            var ii = gik * invGl1 * (eI1 - vk);
            var mOk = VI.AllBitsSet;
            if (TM.On)
            {
                var frac = two * kk / (kk + ie - ii);
                var x = frac - one;
                var minf = two / (one + SimdMath.Exp(minusSteep1 * x)) - one;
                var tauAf = tauAMax1 * SimdMath.Exp(minusInvW1 * x * x) + tauA1;
                var mNew = mk + dt1 * (minf - mk) / tauAf;
                VOps.StoreUnsafe(mNew, ref pm, o);
                mOk = VOps.LessThan(VOps.Abs(mNew), boundM).AsInt32();
            }
            var next = vk + dtOverTau1 * (ie + ii - (vk - eL1) + amax1 * mk);
            vk = VOps.ConditionalSelect(active.AsSingle(), next, vk);
            VOps.StoreUnsafe(vk, ref pv, o);
            VOps.StoreUnsafe(Simd.FlushSubnormal(gek * de), ref pge, o);
            VOps.StoreUnsafe(Simd.FlushSubnormal(gik * di), ref pgi, o);
            ok &= VOps.LessThan(VOps.Abs(vk), bound1).AsInt32() & mOk;
            var spiking = active & VOps.GreaterThan(vk, VOps.LoadUnsafe(ref pth, o)).AsInt32();
            if (spiking != VI.Zero) EmitBits(spiking.ExtractMostSignificantBits(), k * w, block);
        }
        return ok == VI.AllBitsSet;
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
        bool skip = SkipsMetabolicState;
        for (int s = 0; s < spikes.Length; s++)
        {
            int i = spikes[s];
            V[i] = vr;
            if (!skip) _m[i] -= dec;
            RefractoryUntil[i] = step + (int)Math.Round((t0 - t1 * _m[i]) / Dt);
        }
    }
}
