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
/// nbformat 4.4, .NET Interactive F# metadata), optionally with the outputs of a run.
/// Deterministic for given outputs: the same script and outputs always give the same bytes.
/// </summary>
/// <remarks>
/// <para>Cell rules. A markdown block opens on a line whose first non-blank characters are
/// <c>(**</c> (but not <c>(***</c>) and closes at the first line, possibly the same one, that
/// ends with <c>*)</c>; its text, less leading and trailing blank lines and the indentation
/// common to its lines, is one markdown cell. The text between markdown blocks, less leading
/// and trailing blank lines, is one F# code cell (nothing if blank). An empty block
/// <c>(** *)</c> therefore splits code into two cells without adding a markdown cell.</para>
/// <para>JSON. Keys in sorted order, one-space indentation, <c>\n</c> line endings, a final
/// newline, non-ASCII text unescaped — the shape Jupyter itself writes. Without a run every code
/// cell has no outputs and a null execution count; with the outputs of a run
/// (<see cref="LiterateNotebookCapture"/>) code cell k has execution count k + 1 and its printed
/// text and charts. The twin check compares cells and the kinds of outputs, not their bytes.</para>
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
    public static string ToIpynb(IEnumerable<NotebookCell> cells) => ToIpynb(cells, null, "theory-chart");

    /// <summary>
    /// The notebook JSON of <paramref name="cells"/> with the outputs of a run: code cell k (counting
    /// code cells only) gets execution count k + 1 and the outputs <paramref name="outputs"/>[k], a
    /// <c>stream</c> per printed text and a <c>display_data</c> per chart (PNG, interactive HTML
    /// whose div ids are <paramref name="idPrefix"/>-j for the j-th chart, plain text).
    /// With <paramref name="outputs"/> null, every code cell has no outputs and a null count.
    /// </summary>
    /// <param name="cells">The cells of the script.</param>
    /// <param name="outputs">One list per code cell, or null.</param>
    /// <param name="idPrefix">Prefix of the chart div ids (letters, digits, '-', '_').</param>
    /// <exception cref="ArgumentException"><paramref name="outputs"/> does not have one list per code cell.</exception>
    public static string ToIpynb(IEnumerable<NotebookCell> cells, IReadOnlyList<IReadOnlyList<NotebookOutput>>? outputs, string idPrefix)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var cellList = cells.ToList();
        int codeCount = cellList.Count(c => c.Kind == CellKind.Code);
        if (outputs is not null && outputs.Count != codeCount)
            throw new ArgumentException($"outputs has {outputs.Count} lists but the notebook has {codeCount} code cells: give one list per code cell.", nameof(outputs));
        int codeIndex = 0, chartIndex = 0;
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
            foreach (var c in cellList)
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
                    if (outputs is null) w.WriteNull("execution_count");
                    else w.WriteNumber("execution_count", codeIndex + 1);
                    w.WriteStartObject("metadata");
                    w.WriteStartObject("dotnet_interactive");
                    w.WriteString("language", "fsharp");
                    w.WriteEndObject();
                    w.WriteStartObject("polyglot_notebook");
                    w.WriteString("kernelName", "fsharp");
                    w.WriteEndObject();
                    w.WriteEndObject();
                    w.WriteStartArray("outputs");
                    if (outputs is not null)
                        foreach (var o in outputs[codeIndex])
                            WriteOutput(w, o, o is ChartOutput ? $"{idPrefix}-{chartIndex++}" : "");
                    w.WriteEndArray();
                    codeIndex++;
                }
                WriteLines(w, "source", c.Source);
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

    /// <summary>Writes <paramref name="text"/> as an nbformat multi-line string: a list of lines, each but the last ending in <c>\n</c>.</summary>
    static void WriteLines(Utf8JsonWriter w, string name, string text)
    {
        w.WriteStartArray(name);
        var lines = Normalize(text).Split('\n');
        for (int i = 0; i < lines.Length; i++)
            if (i < lines.Length - 1 || lines[i].Length > 0 || lines.Length == 1)
                w.WriteStringValue(i < lines.Length - 1 ? lines[i] + "\n" : lines[i]);
        w.WriteEndArray();
    }

    static void WriteOutput(Utf8JsonWriter w, NotebookOutput output, string divId)
    {
        w.WriteStartObject();
        switch (output)
        {
            case StreamOutput s:
                w.WriteString("name", "stdout");
                w.WriteString("output_type", "stream");
                WriteLines(w, "text", s.Text);
                break;
            case ChartOutput c:
                w.WriteStartObject("data");
                if (c.PngBase64 is not null) w.WriteString("image/png", c.PngBase64);
                WriteLines(w, "text/html", NotebookChartHtml.Fragment(c.FigureJson, divId, c.Width, c.Height));
                WriteLines(w, "text/plain", $"Plotly chart '{c.Name}' ({c.Width} × {c.Height})");
                w.WriteEndObject();
                w.WriteStartObject("metadata");
                w.WriteEndObject();
                w.WriteString("output_type", "display_data");
                break;
            default:
                throw new ArgumentException($"output of type {output.GetType().Name} is not supported.", nameof(output));
        }
        w.WriteEndObject();
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

    /// <summary>
    /// Writes the <c>.ipynb</c> twin of <paramref name="scriptPath"/> with the outputs of a run
    /// (<see cref="LiterateNotebookCapture.Run"/>) and returns its path.
    /// </summary>
    public static string WriteTwin(string scriptPath, IReadOnlyList<IReadOnlyList<NotebookOutput>> outputs)
    {
        var twin = TwinPath(scriptPath);
        var prefix = "theory-" + new string(Path.GetFileNameWithoutExtension(scriptPath).Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-').ToArray());
        File.WriteAllText(twin, ToIpynb(Parse(ReadScript(scriptPath)), outputs, prefix), new UTF8Encoding(false));
        return twin;
    }

    /// <summary>
    /// Whether the committed twin of <paramref name="scriptPath"/> is current: its cells have the
    /// script's kinds and sources and, when <paramref name="outputs"/> (a run's) is given, each code
    /// cell has outputs of the same kinds in the same order (<see cref="NotebookOutput.Kind"/>;
    /// the text and image bytes are not compared: printed numbers and PNGs may vary between runs).
    /// </summary>
    public static TwinState CheckTwin(string scriptPath, IReadOnlyList<IReadOnlyList<NotebookOutput>>? outputs = null) =>
        TwinDifference(scriptPath, outputs) switch { null => TwinState.Current, var d when d.StartsWith("missing", StringComparison.Ordinal) => TwinState.Missing, _ => TwinState.Stale };

    /// <summary>
    /// Null when the twin of <paramref name="scriptPath"/> is current (see <see cref="CheckTwin"/>),
    /// else the first difference, in words ("missing" when there is no twin).
    /// </summary>
    public static string? TwinDifference(string scriptPath, IReadOnlyList<IReadOnlyList<NotebookOutput>>? outputs = null)
    {
        var twin = TwinPath(scriptPath);
        if (!File.Exists(twin)) return "missing";
        var cells = Parse(ReadScript(scriptPath));
        List<(string Type, string Source, List<string> Kinds)> actual;
        try { actual = ReadTwin(File.ReadAllText(twin)); }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        { return $"it is not a readable notebook ({e.Message})"; }
        if (actual.Count != cells.Length) return $"it has {actual.Count} cells, the script {cells.Length}";
        int code = 0;
        for (int i = 0; i < cells.Length; i++)
        {
            var type = cells[i].Kind == CellKind.Code ? "code" : "markdown";
            if (actual[i].Type != type) return $"cell {i + 1} is {actual[i].Type}, the script's is {type}";
            if (actual[i].Source != Normalize(cells[i].Source)) return $"the source of cell {i + 1} differs from the script's";
            if (type != "code") continue;
            if (outputs is not null)
            {
                if (code >= outputs.Count) return $"the run gave outputs for {outputs.Count} code cells only";
                var expected = outputs[code].Select(o => o.Kind).ToList();
                if (!expected.SequenceEqual(actual[i].Kinds))
                    return $"the outputs of cell {i + 1} are [{string.Join("; ", actual[i].Kinds)}], a run gives [{string.Join("; ", expected)}]";
            }
            code++;
        }
        return null;
    }

    /// <summary>The cells of a notebook's JSON: type, source, and the kinds of their outputs.</summary>
    static List<(string Type, string Source, List<string> Kinds)> ReadTwin(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var list = new List<(string, string, List<string>)>();
        foreach (var c in doc.RootElement.GetProperty("cells").EnumerateArray())
        {
            var src = c.GetProperty("source");
            var source = src.ValueKind == JsonValueKind.String ? src.GetString()! : string.Concat(src.EnumerateArray().Select(l => l.GetString()));
            var kinds = new List<string>();
            if (c.TryGetProperty("outputs", out var outs))
                foreach (var o in outs.EnumerateArray())
                {
                    var t = o.GetProperty("output_type").GetString();
                    kinds.Add(t == "stream"
                        ? "stream:" + o.GetProperty("name").GetString()
                        : t + ":" + string.Join(",", o.TryGetProperty("data", out var d) ? d.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal) : []));
                }
            list.Add((c.GetProperty("cell_type").GetString()!, Normalize(source), kinds));
        }
        return list;
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
