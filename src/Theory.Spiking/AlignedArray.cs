using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Theory.Spiking;

/// <summary>
/// Zeroed arrays whose first element lies on a 64-byte (cache-line) boundary, for the state and input
/// arrays that the step loop streams in whole vectors. A .NET array's elements start 16 bytes past its
/// object header, which the GC places on an 8-byte boundary only, so a 64-byte (16-lane) access of an
/// ordinary array straddles two cache lines almost every time; on an AVX-512 core that costs each
/// load and store a second cache access (a fused C loop of the COBA benchmark ran 28 % slower with its
/// arrays 8 bytes off the boundary: docs/BENCHMARKS.md, third session).
/// The arrays are allocated on the pinned object heap, which never moves them, so an alignment found
/// once holds for the array's life. The pinned heap hands out fresh space in address order; a padding
/// array of the right length placed first moves the next array's elements onto the boundary. Where that
/// does not work within a few attempts (another thread allocated in between, an allocation from a freed
/// block), the array is returned unaligned: alignment changes the speed only, never a result — every
/// access stays an unaligned load or store, and the arithmetic is the same.
/// </summary>
internal static class AlignedArray
{
    /// <summary>The boundary, in bytes (one cache line; one 16-lane float32 vector).</summary>
    public const int Alignment = 64;

    const int Attempts = 8;

    /// <summary>A zeroed array of <paramref name="length"/> elements, aligned to <see cref="Alignment"/> bytes
    /// when the allocator allows (see the class remarks); always a valid ordinary array.</summary>
    public static T[] Create<T>(int length) where T : unmanaged
    {
        if (length == 0) return [];
        // a small probe shows where the pinned heap allocates now; a pad fills the gap to the position
        // whose array elements start on the boundary. An array takes an object header, a method-table
        // pointer and its length (8 bytes each) before its elements, and sizes are whole 8-byte words.
        var probe = GC.AllocateUninitializedArray<byte>(8, pinned: true);
        Pad(Address(probe) - ElementOffset + AllocationSize(8));
        var a = GC.AllocateArray<T>(length, pinned: true);
        // In a process that has run collections the pinned heap also allocates from freed blocks, and a
        // large array may not go where the small probe went. The misplaced array then shows where the next
        // one of its size goes; it is kept until the end, so that a retry cannot take its place again.
        List<T[]>? misplaced = null;
        for (int attempt = 0; attempt < Attempts && !IsAligned(a); attempt++)
        {
            (misplaced ??= new()).Add(a);
            Pad(Address(a) - ElementOffset + AllocationSize(length * Unsafe.SizeOf<T>()));
            a = GC.AllocateArray<T>(length, pinned: true);
        }
        GC.KeepAlive(misplaced);
        return a;
    }

    // places a pinned byte[] at `next` (the expected start of the next allocation) that ends where an
    // array's elements start on the boundary (nothing when `next` already gives that)
    static void Pad(nint next)
    {
        int gap = (int)(((-(next + ElementOffset)) % Alignment + Alignment) % Alignment);
        if (gap != 0 && gap < AllocationSize(0)) gap += Alignment;
        if (gap != 0) GC.KeepAlive(GC.AllocateUninitializedArray<byte>(gap - ElementOffset, pinned: true));
    }

    /// <summary>Whether the first element of <paramref name="array"/> lies on the boundary.</summary>
    public static bool IsAligned<T>(T[] array) where T : unmanaged =>
        array.Length == 0 || Address(array) % Alignment == 0;

    static unsafe nint Address<T>(T[] array) where T : unmanaged =>
        (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));

    // bytes from the start of an array's allocation (object header) to its first element
    const int ElementOffset = 24;

    // bytes an array of that many element bytes takes: header, method table, length, elements, in whole 8-byte words
    static nint AllocationSize(long byteLength) => (nint)((ElementOffset + byteLength + 7) / 8 * 8);
}
