using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Theory.Experiments.Sweeps;

/// <summary>
/// The results folder of a sweep:
/// <code>
///   sweep.json                 which sweep this is (experiment or tag, hash of the point table, point count)
///   points/point-000123.json   one record per finished point: id, parameters, row or error, seconds
///   slurm/                     the SLURM job script, spec copy, job id and task logs (SlurmJob)
/// </code>
/// Each record is written to <c>point-000123.json.tmp</c> and renamed, so a record that exists is
/// complete; a run killed mid-write leaves at most a .tmp, which the next run removes.
/// </summary>
public sealed class SweepStore
{
    /// <summary>A store in <paramref name="folder"/> (created on first write).</summary>
    public SweepStore(string folder)
    {
        if (string.IsNullOrWhiteSpace(folder)) throw new ArgumentException("results is empty: give a results folder.", "results");
        Folder = Path.GetFullPath(folder);
        if (File.Exists(Folder)) throw new ArgumentException($"results = '{folder}' is a file: the results of a sweep go in a folder.", "results");
    }

    /// <summary>Absolute path of the folder.</summary>
    public string Folder { get; }

    /// <summary>Folder of the point records.</summary>
    public string PointsFolder => Path.Combine(Folder, "points");

    /// <summary>Path of the record of point <paramref name="id"/>.</summary>
    public string PointPath(int id) => Path.Combine(PointsFolder, $"point-{id:D6}.json");

    /// <summary>Path of the manifest.</summary>
    public string ManifestPath => Path.Combine(Folder, "sweep.json");

    /// <summary>Makes the folder this sweep's: writes the manifest, or checks the one there names the same
    /// <paramref name="hash"/> (else an ArgumentException: the folder holds another sweep's results).</summary>
    public void Claim(string name, string hash, int points)
    {
        var existing = ManifestHash();
        if (existing is not null && existing != hash)
            throw new ArgumentException($"results = '{Folder}' holds another sweep (hash {existing}, this one {hash}): choose another results folder or delete it.", "results");
        Directory.CreateDirectory(PointsFolder);
        if (existing is null)
        {
            var text = $"{{\"sweep\": {JsonSerializer.Serialize(name)}, \"hash\": \"{hash}\", \"points\": {points}}}\n";
            AtomicFile.WriteText(ManifestPath, text, $".{Environment.ProcessId}.{Guid.NewGuid():N}.tmp", "results");
        }
    }

    /// <summary>The hash in the manifest, or null when there is none.</summary>
    public string? ManifestHash()
    {
        if (!File.Exists(ManifestPath)) return null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(ManifestPath));
            return doc.RootElement.GetProperty("hash").GetString();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ArgumentException($"results = '{Folder}': sweep.json is unreadable ({e.Message}); delete the folder to start over.", "results");
        }
    }

    /// <summary>Deletes leftover temporary records of the given points (from a run killed mid-write).</summary>
    public void RemoveTemporaries(IEnumerable<SweepPoint> points)
    {
        foreach (var p in points)
        {
            var tmp = PointPath(p.Id) + ".tmp";
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    /// <summary>The record of <paramref name="point"/> if one exists, parses and belongs to this point; else null.</summary>
    public SweepRecord? TryLoad(SweepPoint point)
    {
        var path = PointPath(Guard.NotNull(point).Id);
        if (!File.Exists(path)) return null;
        try
        {
            var r = Read(File.ReadAllText(path), point);
            return r;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Writes a record atomically.</summary>
    public void Save(SweepRecord record)
    {
        Guard.NotNull(record);
        Directory.CreateDirectory(PointsFolder);
        AtomicFile.WriteText(PointPath(record.Id), Write(record), ".tmp", "results");
    }

    /// <summary>The record as one line of JSON. Finite numbers are JSON numbers (round trip); NaN and ±∞ are
    /// written as <c>{"double": "NaN"}</c>; text as strings.</summary>
    public static string Write(SweepRecord record)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteNumber("id", record.Id);
            w.WriteStartObject("point");
            foreach (var (k, v) in record.Point.Values) w.WriteNumber(k, v);
            w.WriteEndObject();
            if (record.Row is null) w.WriteNull("row");
            else
            {
                w.WriteStartObject("row");
                foreach (var (k, v) in record.Row)
                {
                    w.WritePropertyName(k);
                    switch (v)
                    {
                        case double d when double.IsFinite(d): w.WriteNumberValue(d); break;
                        case double d:
                            w.WriteStartObject(); w.WriteString("double", d.ToString("R", CultureInfo.InvariantCulture)); w.WriteEndObject(); break;
                        default: w.WriteStringValue((string)v); break;
                    }
                }
                w.WriteEndObject();
            }
            if (record.Error is null) w.WriteNull("error"); else w.WriteString("error", record.Error);
            w.WriteNumber("seconds", record.Seconds);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }

    /// <summary>Parses a record; throws when it is malformed or belongs to another point.</summary>
    public static SweepRecord Read(string json, SweepPoint point)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        int id = root.GetProperty("id").GetInt32();
        var values = root.GetProperty("point").EnumerateObject().Select(p => new KeyValuePair<string, double>(p.Name, p.Value.GetDouble())).ToArray();
        var stored = new SweepPoint(id, values);
        if (id != point.Id || stored.ToString() != point.ToString())
            throw new InvalidOperationException($"record {id} ({stored}) is not point {point.Id} ({point}).");
        SweepRow? row = null;
        var re = root.GetProperty("row");
        if (re.ValueKind == JsonValueKind.Object)
        {
            row = new SweepRow();
            foreach (var c in re.EnumerateObject())
            {
                switch (c.Value.ValueKind)
                {
                    case JsonValueKind.Number: row.Add(c.Name, c.Value.GetDouble()); break;
                    case JsonValueKind.String: row.Add(c.Name, c.Value.GetString()!); break;
                    case JsonValueKind.Object:
                        row.Add(c.Name, double.Parse(c.Value.GetProperty("double").GetString()!, CultureInfo.InvariantCulture)); break;
                    default: throw new FormatException($"record {id}: cell '{c.Name}' is {c.Value.ValueKind}.");
                }
            }
        }
        var ee = root.GetProperty("error");
        string? error = ee.ValueKind == JsonValueKind.String ? ee.GetString() : null;
        if (row is null && error is null) throw new FormatException($"record {id} has neither a row nor an error.");
        return new SweepRecord(point, row, error, root.GetProperty("seconds").GetDouble());
    }
}
