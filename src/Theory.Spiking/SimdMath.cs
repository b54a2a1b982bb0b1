using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Theory.Spiking;

/// <summary>
/// Vectorized float32 elementary functions for the kernel's state updates. The runtime's
/// <c>Vector.Exp</c> computes float lanes in double precision and cost 4.7 ns per lane here, more
/// than scalar <c>MathF.Exp</c>; the metabolic neuron needs two exponentials per neuron and step.
/// </summary>
public static class SimdMath
{
    const float Log2E = 1.44269504088896341f;
    // ln 2 = Ln2Hi + Ln2Lo, Ln2Hi with 9 significant bits so that n·Ln2Hi is exact for |n| ≤ 2^15
    const float Ln2Hi = 0.693359375f, Ln2Lo = -2.12194440e-4f;
    const float MaxArg = 88.72283f, MinArg = -87.33654f;

    /// <summary>
    /// e^x for float32 lanes: x = n ln 2 + r with n = round(x / ln 2) and |r| ≤ ln 2 / 2
    /// (Cody–Waite reduction with ln 2 split in two; n capped at 127), e^r by its Taylor polynomial
    /// to degree 8 (truncation ≤ 0.347⁹/9! ≈ 2·10⁻¹⁰, ≤ 4·10⁻⁷ at the cap's |r| ≤ ln 2), times 2^n
    /// built in the exponent bits. Relative error
    /// ≤ 3·10⁻⁷ (about 2 ulp) for normal results; e^x = +∞ above 88.72, 0 below −87.34 (no
    /// subnormals), NaN for NaN. Plain multiplies and adds (no FMA), so the result is the same on
    /// every x86-64 and Arm64 machine.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VF Exp(VF x)
    {
        // lanes below MinArg (result 0, set at the end) are computed at 0 instead: at MinArg itself
        // p·2ⁿ can be subnormal, and subnormal arithmetic costs a microcode assist per vector
        var xc = VOps.MinNative(VOps.AndNot(x, VOps.LessThan(x, VOps.Create(MinArg))), VOps.Create(MaxArg));
        // n ≤ 127 keeps 2^n normal; for x ∈ [88.03, 88.72) that leaves |r| ≤ ln 2, still covered by the degree-8 polynomial
        var n = VOps.MinNative(VOps.Floor(xc * VOps.Create(Log2E) + VOps.Create(0.5f)), VOps.Create(127f));
        var r = xc - n * VOps.Create(Ln2Hi) - n * VOps.Create(Ln2Lo);
        var p = VOps.Create(1f / 40320f);
        p = p * r + VOps.Create(1f / 5040f);
        p = p * r + VOps.Create(1f / 720f);
        p = p * r + VOps.Create(1f / 120f);
        p = p * r + VOps.Create(1f / 24f);
        p = p * r + VOps.Create(1f / 6f);
        p = p * r + VOps.Create(0.5f);
        p = p * r + VF.One;
        p = p * r + VF.One;
        // n ∈ [−126, 127]: 2^n in the exponent field
        var scale = ((VOps.ConvertToInt32(n) + VOps.Create(127)) << 23).AsSingle();
        var y = p * scale;
        y = VOps.ConditionalSelect(VOps.GreaterThanOrEqual(x, VOps.Create(MaxArg)), VOps.Create(float.PositiveInfinity), y);
        y = VOps.ConditionalSelect(VOps.LessThan(x, VOps.Create(MinArg)), VF.Zero, y);
        return VOps.ConditionalSelect(VOps.Equals(x, x), y, x);
    }

    /// <summary>
    /// <see cref="Exp(VF)"/> on sixteen lanes (AVX-512, <see cref="Simd.Wide"/>): the same float operations in the same
    /// order on every lane, so each lane's result is bit-identical to the eight-lane version's.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        var xc = Vector512.MinNative(Vector512.AndNot(x, Vector512.LessThan(x, Vector512.Create(MinArg))), Vector512.Create(MaxArg));
        var n = Vector512.MinNative(Vector512.Floor(xc * Vector512.Create(Log2E) + Vector512.Create(0.5f)), Vector512.Create(127f));
        var r = xc - n * Vector512.Create(Ln2Hi) - n * Vector512.Create(Ln2Lo);
        var p = Vector512.Create(1f / 40320f);
        p = p * r + Vector512.Create(1f / 5040f);
        p = p * r + Vector512.Create(1f / 720f);
        p = p * r + Vector512.Create(1f / 120f);
        p = p * r + Vector512.Create(1f / 24f);
        p = p * r + Vector512.Create(1f / 6f);
        p = p * r + Vector512.Create(0.5f);
        p = p * r + Vector512<float>.One;
        p = p * r + Vector512<float>.One;
        var scale = ((Vector512.ConvertToInt32(n) + Vector512.Create(127)) << 23).AsSingle();
        var y = p * scale;
        y = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, Vector512.Create(MaxArg)), Vector512.Create(float.PositiveInfinity), y);
        y = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(MinArg)), Vector512<float>.Zero, y);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), y, x);
    }
}
