namespace Theory.Spiking;

/// <summary>An append-only array that doubles when full: amortised O(1), and no allocation
/// in a step once <see cref="Reserve"/> has made room for the run (up to the cap below).
/// Reservations are capped at <see cref="MaxReserve"/> elements: a long run (2000 s) must not claim
/// gigabytes up front for spikes it may never record; past the cap the buffer doubles as it fills
/// (a handful of allocations over a whole run), up to <see cref="Array.MaxLength"/> elements.</summary>
internal sealed class GrowableBuffer<T> where T : unmanaged
{
    /// <summary>Largest up-front reservation, elements (2²² = 4 194 304: 16 MB of ints).</summary>
    public const int MaxReserve = 1 << 22;

    T[] _data = new T[64];
    readonly string _what;
    public int Count { get; private set; }

    public GrowableBuffer(string what = "a recording buffer") { _what = what; }

    public void Reserve(long extra)
    {
        long need = Count + Math.Min(extra, MaxReserve);
        if (need > Array.MaxLength) need = Array.MaxLength;
        if (need > _data.Length) Array.Resize(ref _data, (int)need);
    }

    public void Add(T value)
    {
        if (Count == _data.Length)
        {
            if (_data.Length >= Array.MaxLength)
                throw new InvalidOperationException(
                    $"{_what} is full: {Array.MaxLength} entries, the largest array .NET allows. Record a shorter run, fewer neurons or from a later time.");
            Array.Resize(ref _data, (int)Math.Min(Array.MaxLength, 2L * _data.Length));
        }
        _data[Count++] = value;
    }

    public ReadOnlySpan<T> Span => _data.AsSpan(0, Count);

    public T[] ToArray() => Span.ToArray();
}
