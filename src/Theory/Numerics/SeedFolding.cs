namespace Theory.Numerics;

/// <summary>
/// Every public seed of the library is a <see cref="ulong"/> (as in the spiking kernel); the generators that take a
/// 32-bit seed (MathNet's <c>MersenneTwister(int)</c>, <c>System.Random(int)</c>) get it through
/// <see cref="ToInt32"/>: seeds 0 … 2³¹ − 1 pass unchanged, so every result computed with an <c>int</c> seed before
/// the seeds became <c>ulong</c> is bit-identical; larger seeds are mixed by SplitMix64 (Steele, Lea &amp; Flood,
/// OOPSLA 2014) into [0, 2³¹) — different large seeds then give different streams with probability 1 − 2⁻³¹.
/// </summary>
internal static class SeedFolding
{
    /// <summary>The 32-bit seed of a generator that takes an <c>int</c>: <paramref name="seed"/> itself when
    /// ≤ <see cref="int.MaxValue"/>, else the top 31 bits of SplitMix64(<paramref name="seed"/>).</summary>
    public static int ToInt32(ulong seed)
    {
        if (seed <= int.MaxValue) return (int)seed;
        ulong z = unchecked(seed + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z >> 33);
    }
}
