using System.Collections;
using System.Globalization;

namespace Theory.Experiments.Sweeps;

/// <summary>
/// One point of a sweep: its id (its position in the sweep's table, stable across runs, so that a
/// resumed run or a SLURM array task finds the same point under the same id) and its parameter
/// values in the table's column order.
/// </summary>
public sealed class SweepPoint
{
    readonly KeyValuePair<string, double>[] _values;

    /// <summary>A point with id <paramref name="id"/> (≥ 0) and ordered parameter values (names unique, values finite).</summary>
    public SweepPoint(int id, IEnumerable<KeyValuePair<string, double>> values)
    {
        Guard.NonNegative(id);
        _values = Guard.NotNull(values).ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, v) in _values)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("values: a parameter name is empty.", nameof(values));
            if (!seen.Add(name)) throw new ArgumentException($"values: parameter '{name}' appears twice.", nameof(values));
            if (!double.IsFinite(v)) throw new ArgumentException($"{name} = {v} is invalid: it must be finite.", nameof(values));
        }
        Id = id;
    }

    /// <summary>F#-friendly constructor: <c>SweepPoint(3, ["g", 5.0; "seed", 1.0])</c>.</summary>
    public SweepPoint(int id, IEnumerable<Tuple<string, double>> values)
        : this(id, Guard.NotNull(values).Select(t => new KeyValuePair<string, double>(t.Item1, t.Item2))) { }

    /// <summary>Position of the point in its sweep's table (0-based).</summary>
    public int Id { get; }

    /// <summary>Parameter names, in table order.</summary>
    public IReadOnlyList<string> Names => _values.Select(v => v.Key).ToArray();

    /// <summary>(name, value) pairs, in table order.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Values => _values;

    /// <summary>Whether the point sets <paramref name="name"/>.</summary>
    public bool Has(string name) => _values.Any(v => v.Key == name);

    /// <summary>The value of <paramref name="name"/>; an ArgumentException names the missing parameter.</summary>
    public double this[string name]
    {
        get
        {
            foreach (var (k, v) in _values) if (k == name) return v;
            throw new ArgumentException($"point {Id} has no parameter '{name}' (it has {string.Join(", ", Names)}).", nameof(name));
        }
    }

    /// <summary>The value of <paramref name="name"/>, or <paramref name="fallback"/> when the point does not set it.</summary>
    public double Get(string name, double fallback)
    {
        foreach (var (k, v) in _values) if (k == name) return v;
        return fallback;
    }

    /// <summary>"g=5 seed=1" (round-trip numbers), for logs and error messages.</summary>
    public override string ToString() =>
        string.Join(' ', _values.Select(v => v.Key + "=" + v.Value.ToString("R", CultureInfo.InvariantCulture)));
}

/// <summary>
/// The result of one point: ordered (name → number or text) measurements. Names are unique;
/// numbers may be NaN or infinite (a silent network has no CV).
/// </summary>
public sealed class SweepRow : IEnumerable<KeyValuePair<string, object>>
{
    readonly List<KeyValuePair<string, object>> _cells = new();

    /// <summary>Appends a number; returns this row (chainable).</summary>
    public SweepRow Add(string name, double value) => Put(name, value);

    /// <summary>Appends a text value; returns this row (chainable).</summary>
    public SweepRow Add(string name, string value) => Put(name, Guard.NotNull(value));

    /// <summary>Appends a sequence of numbers as one text cell (<see cref="SweepSeries"/>: round-trip exact); read it back
    /// with <see cref="Series"/>. Returns this row (chainable).</summary>
    public SweepRow AddSeries(string name, IEnumerable<double> values) => Put(name, SweepSeries.Encode(Guard.NotNull(values)));

    /// <summary>A row from (name, value) pairs; each value must be a double (or a number convertible to one) or a string.</summary>
    public static SweepRow Of(IEnumerable<KeyValuePair<string, object>> cells)
    {
        var row = new SweepRow();
        foreach (var (k, v) in Guard.NotNull(cells))
            row.Put(k, v switch
            {
                double d => d,
                string s => s,
                float or int or long or uint or ulong or short or byte => Convert.ToDouble(v, CultureInfo.InvariantCulture),
                _ => throw new ArgumentException($"cell '{k}' = {v} is invalid: a value must be a number or a string.", nameof(cells)),
            });
        return row;
    }

    /// <summary>F#-friendly: <c>SweepRow.Of ["rate_hz", box 3.2; "regime", box "AI"]</c>.</summary>
    public static SweepRow Of(IEnumerable<Tuple<string, object>> cells) =>
        Of(Guard.NotNull(cells).Select(t => new KeyValuePair<string, object>(t.Item1, t.Item2)));

    SweepRow Put(string name, object value)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("name is empty: a result column needs a name.", nameof(name));
        if (name is "id" or "error") throw new ArgumentException($"name = '{name}' is reserved for the sweep's own column.", nameof(name));
        if (_cells.Any(c => c.Key == name)) throw new ArgumentException($"name = '{name}' is already in this row.", nameof(name));
        _cells.Add(new(name, value));
        return this;
    }

    /// <summary>Column names, in order.</summary>
    public IReadOnlyList<string> Names => _cells.Select(c => c.Key).ToArray();

    /// <summary>Number of cells.</summary>
    public int Count => _cells.Count;

    /// <summary>The value of column <paramref name="name"/> (double or string).</summary>
    public object this[string name] =>
        _cells.FirstOrDefault(c => c.Key == name).Value
        ?? throw new ArgumentException($"name = '{name}' is not in this row (it has {string.Join(", ", Names)}).", nameof(name));

    /// <summary>The number in column <paramref name="name"/>.</summary>
    public double Number(string name) => this[name] is double d ? d
        : throw new ArgumentException($"name = '{name}' holds text, not a number.", nameof(name));

    /// <summary>The numbers stored in column <paramref name="name"/> by <see cref="AddSeries"/>, bit for bit.</summary>
    public double[] Series(string name) => this[name] is string s ? SweepSeries.Decode(s, name)
        : throw new ArgumentException($"name = '{name}' holds a number, not a series.", nameof(name));

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _cells.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
