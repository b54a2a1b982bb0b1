namespace Theory.Numerics;

/// <summary>
/// Per-thread reusable work arrays for dense kernels that run many times at one size (the Padé
/// exponential inside an amplification search, the propagated grid of
/// <see cref="Theory.Amplification.TransientAmplification.MaxAmplification(MathNet.Numerics.LinearAlgebra.Matrix{double}, double)"/>).
/// An n×n double array of n ≥ 103 exceeds 85 000 bytes and lives on the large-object heap, where every
/// allocation is zeroed and reclaimed only by full collections: an N = 200 search allocated 2.2 GB in
/// 320 kB pieces and ran 92 gen-2 collections, which took about as long as the arithmetic. Renting and
/// returning changes no result (a rented array is cleared wherever a fresh one would have been zero).
/// </summary>
internal static class ScratchArrays
{
    const int KeepPerLength = 16;

    [ThreadStatic] static Dictionary<int, Stack<double[]>>? _free;

    /// <summary>An array of exactly <paramref name="length"/> elements: zeroed when <paramref name="clear"/>,
    /// otherwise with arbitrary content (every element is to be written before it is read).</summary>
    public static double[] Rent(int length, bool clear)
    {
        if (_free != null && _free.TryGetValue(length, out var stack) && stack.Count > 0)
        {
            var a = stack.Pop();
            if (clear) Array.Clear(a);
            return a;
        }
        return clear ? new double[length] : GC.AllocateUninitializedArray<double>(length);
    }

    /// <summary>Gives <paramref name="array"/> back for reuse by this thread; the caller must not use it again.</summary>
    public static void Return(double[] array)
    {
        _free ??= new Dictionary<int, Stack<double[]>>();
        if (!_free.TryGetValue(array.Length, out var stack)) _free[array.Length] = stack = new Stack<double[]>();
        if (stack.Count < KeepPerLength) stack.Push(array);
    }
}
