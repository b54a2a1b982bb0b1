using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Theory.Experiments.Publishing;

/// <summary>Whether a notebook cell is prose or F# code.</summary>
public enum CellKind
{
    /// <summary>Markdown, from a <c>(** … *)</c> block of the script.</summary>
    Markdown,
    /// <summary>F# code, from the text between markdown blocks.</summary>
    Code,
}

/// <summary>One notebook cell: its kind and its text (lines joined by <c>\n</c>, no trailing newline).</summary>
/// <param name="Kind">Markdown or code.</param>
/// <param name="Source">The cell's text.</param>
public sealed record NotebookCell(CellKind Kind, string Source)
{
    /// <summary>A markdown cell.</summary>
    public static NotebookCell Markdown(string source) => new(CellKind.Markdown, source);
    /// <summary>An F# code cell.</summary>
    public static NotebookCell Code(string source) => new(CellKind.Code, source);
}

/// <summary>Whether a committed <c>.ipynb</c> twin matches its literate script.</summary>
public enum TwinState
{
    /// <summary>The twin is byte-identical to what the script generates.</summary>
    Current,
    /// <summary>There is no twin beside the script.</summary>
    Missing,
    /// <summary>The twin differs from what the script generates.</summary>
    Stale,
}

/// <summary>
/// Literate F# script (<c>notebooks/&lt;topic&gt;.fsx</c>) → Polyglot notebook (<c>.ipynb</c>,
/// nbformat 4.4, .NET Interactive F# metadata). Deterministic: the same script always gives
/// the same bytes, so a committed twin can be checked for staleness by regenerating it.
/// </summary>
/// <remarks>
/// <para>Cell rules. A markdown block opens on a line whose first non-blank characters are
/// <c>(**</c> (but not <c>(***</c>) and closes at the first line, possibly the same one, that
/// ends with <c>*)</c>; its text, less leading and trailing blank lines and the indentation
/// common to its lines, is one markdown cell. The text between markdown blocks, less leading
/// and trailing blank lines, is one F# code cell (nothing if blank). An empty block
/// <c>(** *)</c> therefore splits code into two cells without adding a markdown cell.</para>
/// <para>JSON. Keys in sorted order, one-space indentation, <c>\n</c> line endings, a final
/// newline, non-ASCII text unescaped, every code cell with no outputs and a null execution
/// count — the shape Jupyter itself writes.</para>
/// </remarks>
public static class LiterateNotebook
{
    /// <summary>Splits a literate script into cells (see the class remarks for the rules).</summary>
    /// <exception cref="ArgumentException">A markdown block is never closed; the message gives its line.</exception>
    public static NotebookCell[] Parse(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var lines = Normalize(script).Split('\n');
        var cells = new List<NotebookCell>();
        var code = new List<string>();

        void FlushCode()
        {
            var text = TrimBlankLines(code);
            if (text.Count > 0) cells.Add(NotebookCell.Code(string.Join('\n', text)));
            code.Clear();
        }

        for (int i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].TrimStart();
            if (!trimmed.StartsWith("(**", StringComparison.Ordinal) || trimmed.StartsWith("(***", StringComparison.Ordinal))
            {
                code.Add(lines[i]);
                continue;
            }
            FlushCode();
            int open = i;
            var opener = trimmed[3..];
            var body = new List<string>();
            if (EndsBlock(opener))
                opener = BeforeClose(opener);
            else
            {
                i++;
                while (i < lines.Length && !EndsBlock(lines[i])) body.Add(lines[i++]);
                if (i == lines.Length)
                    throw new ArgumentException(
                        $"line {open + 1}: the markdown block opened with (** is never closed; end it with a line ending in *).",
                        nameof(script));
                body.Add(BeforeClose(lines[i]));
            }
            var md = new List<string>();
            if (!string.IsNullOrWhiteSpace(opener)) md.Add(opener.Trim());
            md.AddRange(Dedent(body));
            var text = TrimBlankLines(md);
            if (text.Count > 0) cells.Add(NotebookCell.Markdown(string.Join('\n', text)));
        }
        FlushCode();
        return cells.ToArray();
    }

    /// <summary>
    /// The literate script of <paramref name="cells"/>: the inverse of <see cref="Parse"/> for
    /// cells it can produce (markdown with no line ending in <c>*)</c>, code with no line
    /// starting with <c>(**</c>, neither with leading or trailing blank lines).
    /// </summary>
    public static string ToScript(IEnumerable<NotebookCell> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var sb = new StringBuilder();
        NotebookCell? previous = null;
        foreach (var c in cells)
        {
            if (previous is not null) sb.Append('\n');
            if (c.Kind == CellKind.Markdown)
                sb.Append("(**\n").Append(c.Source).Append("\n*)\n");
            else
            {
                if (previous is { Kind: CellKind.Code }) sb.Append("(** *)\n\n");
                sb.Append(c.Source).Append('\n');
            }
            previous = c;
        }
        return sb.ToString();
    }

    /// <summary>The notebook JSON of a literate script (see the class remarks).</summary>
    public static string ToIpynb(string script) => ToIpynb(Parse(script));

    /// <summary>The notebook JSON of <paramref name="cells"/> (see the class remarks).</summary>
    public static string ToIpynb(IEnumerable<NotebookCell> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var options = new JsonWriterOptions
        {
            Indented = true,
            IndentCharacter = ' ',
            IndentSize = 1,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, options))
        {
            w.WriteStartObject();
            w.WriteStartArray("cells");
            foreach (var c in cells)
            {
                w.WriteStartObject();
                if (c.Kind == CellKind.Markdown)
                {
                    w.WriteString("cell_type", "markdown");
                    w.WriteStartObject("metadata");
                    w.WriteEndObject();
                }
                else
                {
                    w.WriteString("cell_type", "code");
                    w.WriteNull("execution_count");
                    w.WriteStartObject("metadata");
                    w.WriteStartObject("dotnet_interactive");
                    w.WriteString("language", "fsharp");
                    w.WriteEndObject();
                    w.WriteStartObject("polyglot_notebook");
                    w.WriteString("kernelName", "fsharp");
                    w.WriteEndObject();
                    w.WriteEndObject();
                    w.WriteStartArray("outputs");
                    w.WriteEndArray();
                }
                w.WriteStartArray("source");
                var lines = Normalize(c.Source).Split('\n');
                for (int i = 0; i < lines.Length; i++)
                    w.WriteStringValue(i < lines.Length - 1 ? lines[i] + "\n" : lines[i]);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartObject("metadata");
            w.WriteStartObject("kernelspec");
            w.WriteString("display_name", ".NET (F#)");
            w.WriteString("language", "F#");
            w.WriteString("name", ".net-fsharp");
            w.WriteEndObject();
            w.WriteStartObject("language_info");
            w.WriteString("file_extension", ".fs");
            w.WriteString("mimetype", "text/x-fsharp");
            w.WriteString("name", "polyglot-notebook");
            w.WriteString("pygments_lexer", "fsharp");
            w.WriteEndObject();
            w.WriteStartObject("polyglot_notebook");
            w.WriteStartObject("kernelInfo");
            w.WriteString("defaultKernelName", "fsharp");
            w.WriteStartArray("items");
            w.WriteStartObject();
            w.WriteStartArray("aliases");
            w.WriteEndArray();
            w.WriteString("languageName", "fsharp");
            w.WriteString("name", "fsharp");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();

            w.WriteNumber("nbformat", 4);
            w.WriteNumber("nbformat_minor", 4);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>The <c>.ipynb</c> path beside a literate script.</summary>
    public static string TwinPath(string scriptPath) => Path.ChangeExtension(scriptPath, ".ipynb");

    /// <summary>Writes the <c>.ipynb</c> twin beside <paramref name="scriptPath"/> (UTF-8, no BOM) and returns its path.</summary>
    public static string WriteTwin(string scriptPath)
    {
        var twin = TwinPath(scriptPath);
        File.WriteAllText(twin, ToIpynb(ReadScript(scriptPath)), new UTF8Encoding(false));
        return twin;
    }

    /// <summary>Whether the committed twin of <paramref name="scriptPath"/> is byte-identical to what the script generates.</summary>
    public static TwinState CheckTwin(string scriptPath)
    {
        var twin = TwinPath(scriptPath);
        if (!File.Exists(twin)) return TwinState.Missing;
        var expected = Encoding.UTF8.GetBytes(ToIpynb(ReadScript(scriptPath)));
        return File.ReadAllBytes(twin).AsSpan().SequenceEqual(expected) ? TwinState.Current : TwinState.Stale;
    }

    static string ReadScript(string scriptPath)
    {
        if (!File.Exists(scriptPath))
            throw new FileNotFoundException($"literate script '{scriptPath}' does not exist.", scriptPath);
        return File.ReadAllText(scriptPath);
    }

    static string Normalize(string s) =>
        s.Replace("\r\n", "\n").Replace('\r', '\n').TrimStart('\uFEFF');

    static bool EndsBlock(string line) => line.TrimEnd().EndsWith("*)", StringComparison.Ordinal);

    static string BeforeClose(string line)
    {
        var t = line.TrimEnd();
        return t[..^2];
    }

    static List<string> TrimBlankLines(List<string> lines)
    {
        int a = 0, b = lines.Count;
        while (a < b && string.IsNullOrWhiteSpace(lines[a])) a++;
        while (b > a && string.IsNullOrWhiteSpace(lines[b - 1])) b--;
        return lines.GetRange(a, b - a).Select(l => l.TrimEnd()).ToList();
    }

    static List<string> Dedent(List<string> lines)
    {
        int indent = lines.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Length - l.TrimStart(' ').Length).DefaultIfEmpty(0).Min();
        return lines.Select(l => l.Length >= indent ? l[indent..] : "").ToList();
    }
}
