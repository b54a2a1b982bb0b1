using System.Globalization;
using System.Text;
using Deedle;

namespace Theory.Experiments.Sweeps;

/// <summary>
/// The records of a sweep's points, ordered by id, and their merge into one table: columns
/// <c>id</c>, the point's parameters, the result columns (in order of first appearance) and
/// <c>error</c> (empty when the point succeeded). The table depends only on the points and their
/// results — not on workers, threads, chunks or machines — so a SLURM run and a local run of one
/// spec give the same CSV, byte for byte.
/// </summary>
public sealed class SweepResult
{
    readonly SweepRecord?[] _records;

    /// <summary>A result over <paramref name="points"/> with the records found (null = point not finished).</summary>
    public SweepResult(IReadOnlyList<SweepPoint> points, IReadOnlyList<SweepRecord?> records, int computed = 0, int skipped = 0)
    {
        Points = Guard.NotNull(points);
        if (Guard.NotNull(records).Count != points.Count)
            throw new ArgumentException($"records.Count = {records.Count} is invalid: it must equal points.Count = {points.Count}.", nameof(records));
        _records = records.ToArray();
        Computed = computed;
        Skipped = skipped;
    }

    /// <summary>The points, in id order.</summary>
    public IReadOnlyList<SweepPoint> Points { get; }

    /// <summary>The record of each point (null where the point has not finished).</summary>
    public IReadOnlyList<SweepRecord?> Records => _records;

    /// <summary>Points this run evaluated.</summary>
    public int Computed { get; }

    /// <summary>Points this run found already finished in the results folder (resume).</summary>
    public int Skipped { get; }

    /// <summary>Finished points without error.</summary>
    public int Done => _records.Count(r => r is { Ok: true });

    /// <summary>Finished points that raised an error.</summary>
    public int Failed => _records.Count(r => r is { Ok: false });

    /// <summary>Points without a record.</summary>
    public int Pending => _records.Count(r => r is null);

    /// <summary>The result row of point <paramref name="id"/>; an ArgumentException if it failed or is pending.</summary>
    public SweepRow Row(int id)
    {
        if (id < 0 || id >= _records.Length) throw new ArgumentException($"id = {id} is invalid: the valid range is [0, {_records.Length - 1}].", nameof(id));
        return _records[id] switch
        {
            { Row: { } row } => row,
            { Error: { } e } => throw new ArgumentException($"id = {id}: the point failed ({e}).", nameof(id)),
            _ => throw new ArgumentException($"id = {id}: the point has not finished.", nameof(id)),
        };
    }

    /// <summary>Finished records in id order.</summary>
    IEnumerable<SweepRecord> Finished => _records.Where(r => r is not null)!;

    /// <summary>(name, is text) of every column after <c>id</c>: parameters, results, error.</summary>
    IReadOnlyList<(string Name, bool Text)> Columns()
    {
        var cols = new List<(string, bool)>();
        var names = new HashSet<string>(StringComparer.Ordinal) { "id", "error" };
        foreach (var p in Points)
            foreach (var n in p.Names)
                if (names.Add(n)) cols.Add((n, false));
        var text = new Dictionary<string, bool>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var r in Finished)
            if (r.Row is not null)
                foreach (var (k, v) in r.Row)
                {
                    if (!text.ContainsKey(k)) { text[k] = false; order.Add(k); }
                    if (v is string) text[k] = true;
                }
        foreach (var k in order)
            if (names.Add(k)) cols.Add((k, text[k]));
        cols.Add(("error", true));
        return cols;
    }

    object? Cell(SweepRecord r, string name)
    {
        if (name == "error") return r.Error ?? "";
        if (r.Point.Has(name)) return r.Point[name];
        if (r.Row is not null && r.Row.Names.Contains(name)) return r.Row[name];
        return null;
    }

    /// <summary>The finished points as a Deedle frame keyed by point id (numbers as double columns, missing where a
    /// point has no value; text columns as strings).</summary>
    public Frame<int, string> Frame
    {
        get
        {
            var recs = Finished.ToArray();
            var keys = recs.Select(r => r.Id).ToArray();
            var b = new FrameBuilder.Columns<int, string>();
            foreach (var (name, isText) in Columns())
            {
                if (isText)
                    b.Add(name, new Series<int, string>(keys, recs.Select(r => Cell(r, name) switch
                    {
                        null => null!,
                        double d => d.ToString("R", CultureInfo.InvariantCulture),
                        var v => (string)v,
                    }).ToArray()));
                else
                    b.Add(name, new Series<int, double>(keys, recs.Select(r => Cell(r, name) is double d ? d : double.NaN).ToArray()));
            }
            return b.Frame;
        }
    }

    /// <summary>The finished points as CSV (invariant culture, round-trip numbers, NaN as <c>NaN</c>, missing as an
    /// empty field, header first).</summary>
    public string ToCsv()
    {
        var cols = Columns();
        var sb = new StringBuilder("id");
        foreach (var (n, _) in cols) sb.Append(',').Append(Quote(n));
        sb.Append('\n');
        foreach (var r in Finished)
        {
            sb.Append(r.Id.ToString(CultureInfo.InvariantCulture));
            foreach (var (n, _) in cols)
            {
                sb.Append(',');
                sb.Append(Cell(r, n) switch
                {
                    null => "",
                    double d => d.ToString("R", CultureInfo.InvariantCulture),
                    var v => Quote((string)v),
                });
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Writes <see cref="ToCsv"/> to <paramref name="path"/> atomically (refusing a folder, device or FIFO).</summary>
    public void WriteCsv(string path) => AtomicFile.WriteText(path, ToCsv(), $".{Environment.ProcessId}.{Guid.NewGuid():N}.tmp", "out");

    static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";
}
