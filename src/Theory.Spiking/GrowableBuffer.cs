namespace Theory.Spiking;

/// <summary>An append-only array that doubles when full: amortised O(1), and no allocation
/// at all in a step once <see cref="Reserve"/> has made room for the run.</summary>
internal sealed class GrowableBuffer<T> where T : unmanaged
{
    T[] _data = new T[64];
    public int Count { get; private set; }

    public void Reserve(long extra)
    {
        long need = Count + extra;
        if (need > Array.MaxLength) need = Array.MaxLength;
        if (need > _data.Length) Array.Resize(ref _data, (int)need);
    }

    public void Add(T value)
    {
        if (Count == _data.Length) Array.Resize(ref _data, (int)Math.Min(Array.MaxLength, 2L * _data.Length));
        _data[Count++] = value;
    }

    public ReadOnlySpan<T> Span => _data.AsSpan(0, Count);

    public T[] ToArray() => Span.ToArray();
}
