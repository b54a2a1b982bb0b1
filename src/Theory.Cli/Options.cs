using System.Globalization;

namespace Theory.Cli;

/// <summary>
/// `--key value` / `--flag` command-line options. Unknown options and malformed numbers are
/// reported by name; every number is parsed with the invariant culture.
/// </summary>
public sealed class Options
{
    readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);
    readonly HashSet<string> _used = new(StringComparer.Ordinal);

    /// <summary>Positional arguments (those not starting with --), in order.</summary>
    public IReadOnlyList<string> Positional { get; }

    public Options(IEnumerable<string> args)
    {
        var positional = new List<string>();
        var list = args.ToList();
        for (int i = 0; i < list.Count; i++)
        {
            var a = list[i];
            if (a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2)
            {
                var key = a[2..];
                string? value = null;
                int eq = key.IndexOf('=');
                if (eq >= 0) { value = key[(eq + 1)..]; key = key[..eq]; }
                else if (i + 1 < list.Count && !IsOptionName(list[i + 1])) value = list[++i];
                _values[key] = value;
            }
            else positional.Add(a);
        }
        Positional = positional;
    }

    static bool IsOptionName(string s) =>
        s.StartsWith("--", StringComparison.Ordinal) && s.Length > 2 && !char.IsDigit(s[2]) && s[2] != '.';

    public bool Flag(string key) { _used.Add(key); return _values.ContainsKey(key); }

    public string? String(string key) { _used.Add(key); return _values.TryGetValue(key, out var v) ? v : null; }

    public string String(string key, string fallback) => String(key) ?? fallback;

    public double Double(string key, double fallback)
    {
        var s = String(key);
        if (s is null) return fallback;
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            throw new ArgumentException($"--{key} = '{s}' is not a number.", key);
        return v;
    }

    public int Int(string key, int fallback)
    {
        var s = String(key);
        if (s is null) return fallback;
        if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
            throw new ArgumentException($"--{key} = '{s}' is not an integer.", key);
        return v;
    }

    public ulong ULong(string key, ulong fallback)
    {
        var s = String(key);
        if (s is null) return fallback;
        if (!ulong.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
            throw new ArgumentException($"--{key} = '{s}' is not a non-negative integer.", key);
        return v;
    }

    /// <summary>Throws if an option was given that no command asked for (catches typos).</summary>
    public void RejectUnknown()
    {
        var unknown = _values.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"unknown option(s): {string.Join(", ", unknown.Select(k => "--" + k))}.", unknown[0]);
    }

    /// <summary>Formats a double for key=value output: round-trip precision, invariant culture.</summary>
    public static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
