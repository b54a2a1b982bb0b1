using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Theory.Experiments.Sweeps;

/// <summary>
/// A sweep described as data: a registered experiment, its points and where their results go.
/// The same object runs locally (<see cref="Sweep.Local"/>) or becomes a SLURM job array
/// (<see cref="SlurmJob.Write"/>, <see cref="SlurmJob.Submit"/>). JSON form (docs: README, "Sweeps"):
/// <code>
/// {
///   "experiment": "brunel",                        // a name from SweepExperiments
///   "grid":   { "g": [4, 5, 6], "nu_ext_ratio": { "from": 1, "to": 2, "step": 0.5 } },   // Cartesian product, first key slowest
///   "points": [ { "g": 3, "nu_ext_ratio": 2 } ],    // or an explicit list (instead of grid)
///   "fixed":  { "t": 0.3, "n_e": 2000 },            // the same in every point
///   "seeds":  [1, 2],                               // optional: innermost loop, adds the parameter "seed"
///   "chunks": 2,                                    // SLURM array tasks (point k goes to chunk k mod chunks)
///   "results": "sweep-out/brunel"                   // folder, relative to the spec file's folder
/// }
/// </code>
/// A range object is <c>{"from": a, "to": b, "step": s}</c> (a, a+s, … ≤ b) or <c>{"from": a, "to": b, "count": n}</c>
/// (n evenly spaced values). Point ids follow the table order, so they are the same on every run and machine.
/// </summary>
public sealed class SweepSpec
{
    /// <summary>Largest number of points a spec may expand to (guards a mistyped step).</summary>
    public const int MaxPoints = 1_000_000;

    /// <summary>Builds and validates a spec: every name must be a parameter of <paramref name="experiment"/>, every
    /// value in its range, no list empty. <paramref name="results"/> is made absolute against the current folder.</summary>
    /// <param name="experiment">Registered experiment name (<see cref="SweepExperiments"/>).</param>
    /// <param name="grid">Swept parameters and their values (Cartesian product, first slowest); may be empty if <paramref name="points"/> is given.</param>
    /// <param name="fixedValues">Parameters set to one value in every point.</param>
    /// <param name="seeds">Seeds (innermost loop); empty for none.</param>
    /// <param name="chunks">Number of SLURM array tasks, 1 ≤ chunks ≤ number of points.</param>
    /// <param name="results">Results folder.</param>
    /// <param name="points">Explicit points instead of a grid (null for none).</param>
    public SweepSpec(string experiment, IEnumerable<KeyValuePair<string, double[]>> grid, IEnumerable<KeyValuePair<string, double>>? fixedValues,
                     IEnumerable<ulong>? seeds, int chunks, string results, IEnumerable<IEnumerable<KeyValuePair<string, double>>>? points = null)
    {
        Exp = SweepExperiments.Get(experiment);
        Experiment = experiment;
        Grid = Guard.NotNull(grid).Select(kv => new KeyValuePair<string, double[]>(kv.Key, Guard.NotNull(kv.Value, $"grid.{kv.Key}").ToArray())).ToArray();
        Fixed = (fixedValues ?? []).ToArray();
        Seeds = (seeds ?? []).ToArray();
        ExplicitPoints = points?.Select(p => (IReadOnlyList<KeyValuePair<string, double>>)p.ToArray()).ToArray();
        if (string.IsNullOrWhiteSpace(results)) throw new ArgumentException("results is empty: a sweep needs a results folder.", nameof(results));
        Results = Path.GetFullPath(results);
        Points = Expand();
        if (chunks < 1 || chunks > Points.Count)
            throw new ArgumentException($"chunks = {chunks} is invalid: the valid range is [1, {Points.Count}] (the sweep has {Points.Count} points).", nameof(chunks));
        Chunks = chunks;
        Hash = HashOf(Experiment, Points);
    }

    /// <summary>F#-friendly constructor: <c>SweepSpec("siegert", ["mu", [|0.01; 0.02|]], ["sigma", 0.005], [], 1, "out/siegert")</c>.</summary>
    public SweepSpec(string experiment, IEnumerable<Tuple<string, double[]>> grid, IEnumerable<Tuple<string, double>> fixedValues,
                     IEnumerable<ulong> seeds, int chunks, string results)
        : this(experiment, Guard.NotNull(grid).Select(t => new KeyValuePair<string, double[]>(t.Item1, t.Item2)),
               Guard.NotNull(fixedValues).Select(t => new KeyValuePair<string, double>(t.Item1, t.Item2)), seeds, chunks, results) { }

    readonly SweepExperiment Exp;

    /// <summary>The experiment's name.</summary>
    public string Experiment { get; }

    /// <summary>The registered experiment.</summary>
    public SweepExperiment ExperimentDefinition => Exp;

    /// <summary>Swept parameters and their values, in spec order.</summary>
    public IReadOnlyList<KeyValuePair<string, double[]>> Grid { get; }

    /// <summary>Explicit points (instead of the grid), or null.</summary>
    public IReadOnlyList<IReadOnlyList<KeyValuePair<string, double>>>? ExplicitPoints { get; }

    /// <summary>Parameters with one value in every point.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Fixed { get; }

    /// <summary>Seeds (innermost loop); empty when the spec has none.</summary>
    public IReadOnlyList<ulong> Seeds { get; }

    /// <summary>Number of chunks (SLURM array tasks).</summary>
    public int Chunks { get; }

    /// <summary>Absolute path of the results folder.</summary>
    public string Results { get; }

    /// <summary>The file the spec was loaded from (absolute), or null for a spec built in code.</summary>
    public string? SourcePath { get; private init; }

    /// <summary>The table of points, ids 0, 1, … in order.</summary>
    public IReadOnlyList<SweepPoint> Points { get; }

    /// <summary>12 hex digits identifying the experiment and the point table (not chunks or results): a results
    /// folder holding another hash belongs to another sweep and is refused.</summary>
    public string Hash { get; }

    /// <summary>The points of chunk <paramref name="task"/> (0 ≤ task &lt; <see cref="Chunks"/>): ids task, task + chunks, …</summary>
    public IReadOnlyList<SweepPoint> Chunk(int task)
    {
        if (task < 0 || task >= Chunks)
            throw new ArgumentException($"task = {task} is invalid: the valid range is [0, {Chunks - 1}] (chunks = {Chunks}).", nameof(task));
        return Points.Where(p => p.Id % Chunks == task).ToArray();
    }

    SweepPoint[] Expand()
    {
        var names = new List<string>();
        void Declare(string name, string where)
        {
            Exp.Parameter(name, where);
            if (names.Contains(name)) throw new ArgumentException($"{where}: parameter '{name}' is set twice (in grid/points, fixed or seeds).", where);
            names.Add(name);
        }
        if (ExplicitPoints is null && Grid.Count == 0)
            throw new ArgumentException("grid is empty: give at least one swept parameter in grid, or a points list.", "grid");
        if (ExplicitPoints is not null && Grid.Count > 0)
            throw new ArgumentException("points: give either grid or points, not both.", "points");
        if (ExplicitPoints is not null && ExplicitPoints.Count == 0)
            throw new ArgumentException("points is empty: give at least one point.", "points");
        List<KeyValuePair<string, double>[]> rows;
        if (ExplicitPoints is not null)
        {
            var keys = ExplicitPoints[0].Select(kv => kv.Key).ToArray();
            foreach (var k in keys) Declare(k, $"points[0].{k}");
            rows = new();
            for (int i = 0; i < ExplicitPoints.Count; i++)
            {
                var p = ExplicitPoints[i];
                var pk = p.Select(kv => kv.Key).ToArray();
                if (!pk.SequenceEqual(keys))
                    throw new ArgumentException($"points[{i}] sets {{{string.Join(", ", pk)}}}: every point must set the same parameters as points[0] ({string.Join(", ", keys)}), in the same order.", $"points[{i}]");
                rows.Add(p.Select(kv => new KeyValuePair<string, double>(kv.Key, Exp.Parameter(kv.Key, $"points[{i}]").Validate(kv.Value, $"points[{i}].{kv.Key}"))).ToArray());
            }
        }
        else
        {
            long count = 1;
            foreach (var (k, values) in Grid)
            {
                Declare(k, $"grid.{k}");
                if (values.Length == 0) throw new ArgumentException($"grid.{k} is empty: give at least one value.", $"grid.{k}");
                foreach (var v in values) Exp.Parameter(k, $"grid.{k}").Validate(v, $"grid.{k}");
                count *= values.Length;
                if (count > MaxPoints) throw new ArgumentException($"grid has more than {MaxPoints} points: the valid range is [1, {MaxPoints}].", "grid");
            }
            rows = new() { Array.Empty<KeyValuePair<string, double>>() };
            foreach (var (k, values) in Grid)
                rows = rows.SelectMany(r => values.Select(v => r.Append(new KeyValuePair<string, double>(k, v)).ToArray())).ToList();
        }
        foreach (var (k, v) in Fixed)
        {
            Declare(k, $"fixed.{k}");
            Exp.Parameter(k, $"fixed.{k}").Validate(v, $"fixed.{k}");
        }
        rows = rows.Select(r => r.Concat(Fixed).ToArray()).ToList();
        if (Seeds.Count > 0)
        {
            Declare("seed", "seeds");
            var sp = Exp.Parameter("seed", "seeds");
            for (int i = 0; i < Seeds.Count; i++) sp.Validate(Seeds[i], $"seeds[{i}]");
            if ((long)rows.Count * Seeds.Count > MaxPoints) throw new ArgumentException($"seeds: the sweep would have more than {MaxPoints} points.", "seeds");
            rows = rows.SelectMany(r => Seeds.Select(s => r.Append(new KeyValuePair<string, double>("seed", s)).ToArray())).ToList();
        }
        return rows.Select((r, id) => new SweepPoint(id, r)).ToArray();
    }

    /// <summary>12 hex digits of SHA-256 over the experiment name and the point table (round-trip numbers).</summary>
    public static string HashOf(string experiment, IEnumerable<SweepPoint> points)
    {
        var sb = new StringBuilder(experiment).Append('\n');
        foreach (var p in Guard.NotNull(points)) sb.Append(p.Id).Append(' ').Append(p).Append('\n');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..12].ToLowerInvariant();
    }

    /// <summary>Reads a spec file; relative results folders are taken relative to the file's folder.</summary>
    public static SweepSpec Load(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("spec is empty: give the path of a sweep spec (JSON).", "spec");
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new ArgumentException($"spec = '{path}' is a folder, not a sweep spec file.", "spec");
        if (!File.Exists(full)) throw new ArgumentException($"spec = '{path}' does not exist.", "spec");
        return Parse(File.ReadAllText(full), Path.GetDirectoryName(full)!, full);
    }

    /// <summary>Parses the JSON form (see the type's summary); <paramref name="baseFolder"/> anchors a relative results folder.</summary>
    public static SweepSpec Parse(string json, string baseFolder, string? sourcePath = null)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(Guard.NotNull(json), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }); }
        catch (JsonException e) { throw new ArgumentException($"spec{(sourcePath is null ? "" : " '" + sourcePath + "'")} is not valid JSON: {e.Message}", "spec"); }
        using var _ = doc;
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new ArgumentException("spec: the top level must be a JSON object.", "spec");
        string[] known = ["experiment", "grid", "points", "fixed", "seeds", "chunks", "results"];
        foreach (var prop in root.EnumerateObject())
            if (!known.Contains(prop.Name))
                throw new ArgumentException($"spec: '{prop.Name}' is not a spec field (valid: {string.Join(", ", known)}).", prop.Name);
        if (!root.TryGetProperty("experiment", out var ex) || ex.ValueKind != JsonValueKind.String)
            throw new ArgumentException("experiment is missing: the spec must name an experiment (a string).", "experiment");
        string experiment = ex.GetString()!;
        SweepExperiments.Get(experiment);

        var grid = new List<KeyValuePair<string, double[]>>();
        if (root.TryGetProperty("grid", out var g))
        {
            if (g.ValueKind != JsonValueKind.Object) throw new ArgumentException("grid must be an object of parameter: values.", "grid");
            foreach (var prop in g.EnumerateObject()) grid.Add(new(prop.Name, Values(prop.Value, $"grid.{prop.Name}")));
        }
        List<KeyValuePair<string, double>[]>? points = null;
        if (root.TryGetProperty("points", out var ps))
        {
            if (ps.ValueKind != JsonValueKind.Array) throw new ArgumentException("points must be an array of objects.", "points");
            points = new();
            int i = 0;
            foreach (var p in ps.EnumerateArray())
            {
                if (p.ValueKind != JsonValueKind.Object) throw new ArgumentException($"points[{i}] must be an object of parameter: value.", $"points[{i}]");
                points.Add(p.EnumerateObject().Select(q => new KeyValuePair<string, double>(q.Name, Number(q.Value, $"points[{i}].{q.Name}"))).ToArray());
                i++;
            }
        }
        var fixedValues = new List<KeyValuePair<string, double>>();
        if (root.TryGetProperty("fixed", out var f))
        {
            if (f.ValueKind != JsonValueKind.Object) throw new ArgumentException("fixed must be an object of parameter: value.", "fixed");
            foreach (var prop in f.EnumerateObject()) fixedValues.Add(new(prop.Name, Number(prop.Value, $"fixed.{prop.Name}")));
        }
        var seeds = new List<ulong>();
        if (root.TryGetProperty("seeds", out var s))
        {
            var values = Values(s, "seeds");
            for (int i = 0; i < values.Length; i++)
            {
                if (values[i] < 0 || Math.Floor(values[i]) != values[i] || values[i] > 9007199254740992.0)
                    throw new ArgumentException($"seeds[{i}] = {values[i].ToString("R", CultureInfo.InvariantCulture)} is invalid: a seed is a whole number in [0, 2^53].", $"seeds[{i}]");
                seeds.Add((ulong)values[i]);
            }
            if (values.Length == 0) throw new ArgumentException("seeds is empty: give at least one seed, or leave seeds out.", "seeds");
        }
        int chunks = 1;
        if (root.TryGetProperty("chunks", out var c))
        {
            if (c.ValueKind != JsonValueKind.Number || !c.TryGetInt32(out chunks))
                throw new ArgumentException($"chunks = {c.GetRawText()} is invalid: it must be a whole number ≥ 1.", "chunks");
        }
        string results;
        if (root.TryGetProperty("results", out var r))
        {
            if (r.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(r.GetString()))
                throw new ArgumentException($"results = {r.GetRawText()} is invalid: it must be a folder path (a non-empty string).", "results");
            results = r.GetString()!;
        }
        else results = Path.Combine("sweep-out", experiment);
        return new SweepSpec(experiment, grid, fixedValues, seeds, chunks, Path.Combine(baseFolder, results), points) { SourcePath = sourcePath };
    }

    static double Number(JsonElement e, string where)
    {
        if (e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var v) && double.IsFinite(v)) return v;
        throw new ArgumentException($"{where} = {e.GetRawText()} is invalid: it must be a finite number.", where);
    }

    static double[] Values(JsonElement e, string where)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Number: return [Number(e, where)];
            case JsonValueKind.Array: return e.EnumerateArray().Select((x, i) => Number(x, $"{where}[{i}]")).ToArray();
            case JsonValueKind.Object:
            {
                var props = e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
                foreach (var k in props.Keys)
                    if (k is not ("from" or "to" or "step" or "count"))
                        throw new ArgumentException($"{where}.{k} is not a range field (valid: from, to, step or count).", where);
                if (!props.ContainsKey("from") || !props.ContainsKey("to") || props.ContainsKey("step") == props.ContainsKey("count"))
                    throw new ArgumentException($"{where} = {e.GetRawText()} is invalid: a range is {{\"from\", \"to\", \"step\"}} or {{\"from\", \"to\", \"count\"}}.", where);
                double from = Number(props["from"], where + ".from"), to = Number(props["to"], where + ".to");
                if (props.TryGetValue("count", out var ce))
                {
                    double n = Number(ce, where + ".count");
                    if (n < 1 || n > MaxPoints || Math.Floor(n) != n)
                        throw new ArgumentException($"{where}.count = {ce.GetRawText()} is invalid: the range is empty unless count is a whole number in [1, {MaxPoints}].", where);
                    if (n == 1) return [from];
                    return Enumerable.Range(0, (int)n).Select(i => i == n - 1 ? to : from + (to - from) * i / (n - 1)).ToArray();
                }
                double step = Number(props["step"], where + ".step");
                if (!(step > 0)) throw new ArgumentException($"{where}.step = {props["step"].GetRawText()} is invalid: it must be > 0.", where);
                if (to < from) throw new ArgumentException($"{where} is empty: from = {from.ToString("R", CultureInfo.InvariantCulture)} > to = {to.ToString("R", CultureInfo.InvariantCulture)}.", where);
                double count = Math.Floor((to - from) / step * (1 + 1e-12) + 1e-9) + 1;
                if (count > MaxPoints) throw new ArgumentException($"{where} has {count} values: the valid range is [1, {MaxPoints}].", where);
                return Enumerable.Range(0, (int)count).Select(i => from + i * step).ToArray();
            }
            default:
                throw new ArgumentException($"{where} = {e.GetRawText()} is invalid: give a number, a list of numbers or a range object.", where);
        }
    }

    /// <summary>The spec as JSON (explicit values, absolute results folder), so a copy runs anywhere on the same file system.</summary>
    public string ToJson()
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("experiment", Experiment);
            if (ExplicitPoints is not null)
            {
                w.WriteStartArray("points");
                foreach (var p in ExplicitPoints)
                {
                    w.WriteStartObject();
                    foreach (var (k, v) in p) w.WriteNumber(k, v);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            else
            {
                w.WriteStartObject("grid");
                foreach (var (k, values) in Grid)
                {
                    w.WriteStartArray(k);
                    foreach (var v in values) w.WriteNumberValue(v);
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }
            if (Fixed.Count > 0)
            {
                w.WriteStartObject("fixed");
                foreach (var (k, v) in Fixed) w.WriteNumber(k, v);
                w.WriteEndObject();
            }
            if (Seeds.Count > 0)
            {
                w.WriteStartArray("seeds");
                foreach (var s in Seeds) w.WriteNumberValue(s);
                w.WriteEndArray();
            }
            w.WriteNumber("chunks", Chunks);
            w.WriteString("results", Results);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }
}
