using System.Numerics;
using System.Runtime.CompilerServices;

namespace Theory.Spiking;

/// <summary>
/// xoshiro256** pseudo-random generator (Blackman &amp; Vigna 2018), seeded through SplitMix64.
/// Our own implementation so that a seed gives bit-identical streams on every .NET version
/// (System.Random's algorithm is not part of its contract).
/// </summary>
public sealed class Xoshiro256
{
    ulong _s0, _s1, _s2, _s3;
    double _spareNormal;
    bool _hasSpare;

    /// <summary>Creates a generator from a 64-bit seed and an optional stream number; distinct
    /// (seed, stream) pairs give statistically independent streams.</summary>
    public Xoshiro256(ulong seed, ulong stream = 0)
    {
        ulong x = seed ^ (0x9E3779B97F4A7C15UL * (stream + 1));
        _s0 = SplitMix(ref x); _s1 = SplitMix(ref x); _s2 = SplitMix(ref x); _s3 = SplitMix(ref x);
    }

    Xoshiro256(Xoshiro256 other)
    {
        _s0 = other._s0; _s1 = other._s1; _s2 = other._s2; _s3 = other._s3;
        _spareNormal = other._spareNormal; _hasSpare = other._hasSpare;
    }

    /// <summary>A copy in the same state: it produces the same numbers as this one from here on
    /// (used to make two identical passes, e.g. count then fill).</summary>
    public Xoshiro256 Clone() => new(this);

    static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 uniformly distributed bits (the xoshiro256** output function).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, n) without modulo bias (Lemire 2019).</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentException($"n = {n} is invalid: it must be >= 1.", nameof(n));
        ulong m = (ulong)(uint)NextUInt64() * (ulong)n;
        uint low = (uint)m;
        if (low < (uint)n)
        {
            uint threshold = (uint)(-n) % (uint)n;
            while (low < threshold) { m = (ulong)(uint)NextUInt64() * (ulong)n; low = (uint)m; }
        }
        return (int)(m >> 32);
    }

    /// <summary>Fills <paramref name="destination"/> with uniform integers in [0, <paramref name="n"/>):
    /// the same numbers, and the same generator state afterwards, as <c>destination.Length</c> calls of
    /// <see cref="NextInt"/>, with the state held in registers (construction of large networks).</summary>
    public void NextInts(int n, Span<int> destination)
    {
        if (n <= 0) throw new ArgumentException($"n = {n} is invalid: it must be >= 1.", nameof(n));
        ulong s0 = _s0, s1 = _s1, s2 = _s2, s3 = _s3;
        // NextInt redraws while low < 2^32 mod n (it only computes the bound once low < n; the
        // bound is below n, so testing against it directly rejects the same draws)
        uint threshold = (uint)(-n) % (uint)n;
        for (int k = 0; k < destination.Length; k++)
        {
            ulong m;
            do
            {
                ulong result = BitOperations.RotateLeft(s1 * 5, 7) * 9;
                ulong t = s1 << 17;
                s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3;
                s2 ^= t;
                s3 = BitOperations.RotateLeft(s3, 45);
                m = (ulong)(uint)result * (ulong)n;
            } while ((uint)m < threshold);
            destination[k] = (int)(m >> 32);
        }
        _s0 = s0; _s1 = s1; _s2 = s2; _s3 = s3;
    }

    /// <summary>Fills <paramref name="destination"/> with standard normal deviates: the same numbers, and
    /// the same state afterwards (spare included), as <c>destination.Length</c> calls of <see cref="NextNormal"/>,
    /// with the state held in registers. (Most of the time is the logarithm: drawing the polar method's
    /// candidates in batches and taking the logarithms in a second loop measured no faster.)</summary>
    public void NextNormals(Span<double> destination)
    {
        int k = 0;
        if (k < destination.Length && _hasSpare) { _hasSpare = false; destination[k++] = _spareNormal; }
        ulong s0 = _s0, s1 = _s1, s2 = _s2, s3 = _s3;
        const double unit = 1.0 / (1UL << 53);
        while (k < destination.Length)
        {
            double u, v, s;
            do
            {
                ulong r = BitOperations.RotateLeft(s1 * 5, 7) * 9;
                ulong t = s1 << 17;
                s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = BitOperations.RotateLeft(s3, 45);
                u = 2 * ((r >> 11) * unit) - 1;
                r = BitOperations.RotateLeft(s1 * 5, 7) * 9;
                t = s1 << 17;
                s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = BitOperations.RotateLeft(s3, 45);
                v = 2 * ((r >> 11) * unit) - 1;
                s = u * u + v * v;
            } while (s >= 1 || s == 0);
            double f = Math.Sqrt(-2 * Math.Log(s) / s);
            destination[k++] = u * f;
            if (k < destination.Length) destination[k++] = v * f;
            else { _spareNormal = v * f; _hasSpare = true; }
        }
        _s0 = s0; _s1 = s1; _s2 = s2; _s3 = s3;
    }

    /// <summary>Standard normal deviate (Marsaglia polar method).</summary>
    public double NextNormal()
    {
        if (_hasSpare) { _hasSpare = false; return _spareNormal; }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareNormal = v * f; _hasSpare = true;
        return u * f;
    }

    /// <summary>Exponential deviate with mean 1.</summary>
    public double NextExponential() => -Math.Log(1.0 - NextDouble());
}
