global using VF = System.Runtime.Intrinsics.Vector256<float>;
global using VI = System.Runtime.Intrinsics.Vector256<int>;
global using VOps = System.Runtime.Intrinsics.Vector256;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Theory.Spiking;

/// <summary>
/// The kernel's SIMD vector: 8 float32 lanes (<see cref="Vector256{T}"/>), fixed rather than
/// <c>System.Numerics.Vector&lt;T&gt;</c>, whose width the runtime chooses per machine (.NET 10 picked
/// 128 bits on the AVX-512 benchmark machine, half of what AVX2 offers). Every lane computes the
/// same IEEE-754 operations whatever the width, so results do not depend on it. Where 256-bit
/// vectors are not hardware-accelerated (e.g. Arm64), the runtime executes each as two 128-bit halves.
/// </summary>
internal static class Simd
{
    /// <summary>Lanes per vector (8).</summary>
    public const int Width = 8;

    /// <summary>True where 512-bit vectors are hardware-accelerated (AVX-512): hot loops may then take
    /// two 8-lane vectors at a time as one 16-lane vector. Lane-wise IEEE-754 operations give the
    /// same bits either way; <c>DOTNET_EnableAVX512F=0</c> turns it off.</summary>
    public static readonly bool Wide = Vector512.IsHardwareAccelerated;

    /// <summary>Lane-wise <paramref name="mask"/> ? <paramref name="a"/> : <paramref name="b"/> (mask lanes all-ones or zero).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VF Select(VI mask, VF a, VF b) => VOps.ConditionalSelect(mask.AsSingle(), a, b);

    /// <summary>Lane-wise a &lt; b as an integer mask.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VI Lt(VF a, VF b) => VOps.LessThan(a, b).AsInt32();

    /// <summary>Lane-wise a &gt; b as an integer mask.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VI Gt(VF a, VF b) => VOps.GreaterThan(a, b).AsInt32();

    /// <summary>The int32 bit pattern b such that |x| (bits, sign cleared) ≥ b exactly when
    /// !(|x| &lt; <paramref name="bound"/>): the bound's own bits, or <see cref="int.MinValue"/> (always)
    /// for a NaN bound. Lets a loop track max(|x| bits) with one integer max per vector.</summary>
    public static int BoundBits(float bound) => float.IsNaN(bound) ? int.MinValue : BitConverter.SingleToInt32Bits(bound);

    /// <summary>Lane-wise x, or +0 where x is subnormal (|x| &lt; 2⁻¹²⁶ ≈ 1.2·10⁻³⁸; zero stays zero), by the
    /// exponent bits alone (integer operations: no floating-point assist). A decaying synaptic variable
    /// of a silent neuron falls into the subnormal range after some thousand steps, and arithmetic
    /// on subnormal operands runs 10–100× slower on x86 cores; flushing them leaves every
    /// membrane potential unchanged (their contribution is far below half an ulp of V).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VF FlushSubnormal(VF x) =>
        VOps.AndNot(x, VOps.Equals(x.AsInt32() & VOps.Create(0x7F800000), VI.Zero).AsSingle());

    /// <summary><see cref="FlushSubnormal(VF)"/> on sixteen lanes.</summary>
    /// <remarks>Written as a select on the comparison (not an and-not with it) so that the JIT keeps the
    /// comparison in a mask register and blends with it: three instructions instead of five.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> FlushSubnormal(Vector512<float> x) =>
        Vector512.ConditionalSelect(Vector512.Equals(x.AsInt32() & Vector512.Create(0x7F800000), Vector512<int>.Zero).AsSingle(), Vector512<float>.Zero, x);

    /// <summary>Bit l set where lane l of <paramref name="mask"/> is set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Bits(VI mask) => mask.ExtractMostSignificantBits();
}

/// <summary>A compile-time flag for specialising generic hot loops: the JIT compiles one body per
/// struct argument and removes the branches on <see cref="On"/>.</summary>
internal interface IFlag
{
    /// <summary>The flag's value.</summary>
    static abstract bool On { get; }
}

/// <summary>The flag set.</summary>
internal struct Yes : IFlag
{
    /// <inheritdoc/>
    public static bool On => true;
}

/// <summary>The flag clear.</summary>
internal struct No : IFlag
{
    /// <inheritdoc/>
    public static bool On => false;
}
