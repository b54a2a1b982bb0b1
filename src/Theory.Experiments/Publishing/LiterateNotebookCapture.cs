using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Theory.Experiments.Publishing;

/// <summary>How <see cref="LiterateNotebookCapture.Run"/> executes a literate script.</summary>
/// <param name="Quick">Run with <c>THEORY_QUICK=1</c> (shortened simulations).</param>
/// <param name="RenderPng">Render each chart to a PNG with headless Chromium (<see cref="ChromiumExport"/>); false for a check, which compares only the kinds of the outputs.</param>
/// <param name="PngScale">Device pixels per CSS pixel of the PNGs, 0.5–8.</param>
/// <param name="TimeoutSeconds">Time after which the script is killed and the capture fails, &gt; 0.</param>
public sealed record CaptureOptions(bool Quick = false, bool RenderPng = true, double PngScale = 1.0, double TimeoutSeconds = 1800)
{
    /// <summary>A check's run: quick, no images.</summary>
    public static readonly CaptureOptions Check = new(Quick: true, RenderPng: false);
}

/// <summary>
/// Runs a literate notebook script once with <c>dotnet fsi</c> and records, per code cell, what
/// it printed and the charts it kept: the outputs of the script's <c>.ipynb</c> twin.
/// </summary>
/// <remarks>
/// <para>Mechanism. The script is copied beside itself as <c>_capture-&lt;topic&gt;-&lt;id&gt;.fsx</c>
/// (so that its relative <c>#load</c> and <c>#r</c> paths still resolve; deleted afterwards) with
/// its markdown dropped and, before code cell k, a statement printing the marker
/// <c>RS CELL k RS</c> (RS = U+001E) on standard output. It runs with
/// <see cref="CaptureVariable"/> set to a temporary folder; under it <c>keep</c> of
/// <c>notebooks/_Notebook.fsx</c> writes chart j as <c>chart-j.json</c> (figure JSON) and
/// <c>chart-j.html</c> (self-contained page) there and prints <c>RS CHART j width height name RS</c>.
/// Standard output is then cut at the markers: text between them is a <c>stream</c> output of
/// the current cell, each chart marker a <c>display_data</c> output, in the order they occurred.
/// Standard error is not captured (it is shown when the script fails).</para>
/// </remarks>
public static class LiterateNotebookCapture
{
    /// <summary>Environment variable naming the folder where <c>keep</c> records charts during a capture.</summary>
    public const string CaptureVariable = "THEORY_NOTEBOOK_CAPTURE";

    /// <summary>The marker delimiter, U+001E (record separator).</summary>
    public const char Separator = '\u001e';

    /// <summary>
    /// The instrumented script: the code cells of <paramref name="script"/>, each preceded by a
    /// statement printing its cell marker (markdown cells dropped).
    /// </summary>
    public static string Instrument(string script)
    {
        var sb = new StringBuilder();
        int k = 0;
        foreach (var cell in LiterateNotebook.Parse(script))
        {
            if (cell.Kind != CellKind.Code) continue;
            sb.Append("System.Console.Out.Write \"\\u001eCELL ").Append(k++).Append("\\u001e\"\n");
            sb.Append(cell.Source).Append("\n\n");
        }
        return sb.ToString();
    }

    /// <summary>
    /// Cuts the standard output of an instrumented run into per-cell outputs.
    /// </summary>
    /// <param name="stdout">The run's standard output.</param>
    /// <param name="codeCells">The number of code cells of the script.</param>
    /// <param name="chart">Reads chart j given its index, width, height and name.</param>
    /// <exception cref="InvalidOperationException">A marker is malformed, out of order, or a cell's marker is missing.</exception>
    public static List<NotebookOutput>[] Split(string stdout, int codeCells, Func<int, int, int, string, ChartOutput> chart)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(chart);
        var outputs = Enumerable.Range(0, codeCells).Select(_ => new List<NotebookOutput>()).ToArray();
        var parts = stdout.Replace("\r\n", "\n").Split(Separator);
        if (parts.Length % 2 == 0)
            throw new InvalidOperationException("the captured output has an unterminated marker (an odd number of U+001E characters).");
        int cell = -1;
        for (int i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 0)
            {
                if (parts[i].Length == 0) continue;
                if (cell < 0)
                {
                    if (string.IsNullOrWhiteSpace(parts[i])) continue;
                    throw new InvalidOperationException($"the script printed before its first cell: '{Shorten(parts[i])}'.");
                }
                outputs[cell].Add(new StreamOutput(parts[i]));
                continue;
            }
            var fields = parts[i].Split(' ', 5);
            if (fields[0] == "CELL" && fields.Length == 2 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var k))
            {
                if (k != cell + 1 || k >= codeCells)
                    throw new InvalidOperationException($"cell marker {k} after cell {cell} (the script has {codeCells} code cells).");
                cell = k;
            }
            else if (fields[0] == "CHART" && fields.Length == 5 && cell >= 0
                     && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var j)
                     && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var w)
                     && int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var h))
                outputs[cell].Add(chart(j, w, h, fields[4]));
            else
                throw new InvalidOperationException($"malformed capture marker '{Shorten(parts[i])}'.");
        }
        if (cell != codeCells - 1)
            throw new InvalidOperationException($"the run reached cell {cell + 1} of {codeCells}: it stopped early.");
        return outputs;
    }

    /// <summary>
    /// Runs <paramref name="scriptPath"/> with <c>dotnet fsi</c> (see the class remarks) and returns
    /// the outputs of each of its code cells.
    /// </summary>
    /// <exception cref="InvalidOperationException">The script failed; the message ends with its output.</exception>
    /// <exception cref="TimeoutException">The script ran longer than <see cref="CaptureOptions.TimeoutSeconds"/>.</exception>
    public static List<NotebookOutput>[] Run(string scriptPath, CaptureOptions? options = null)
    {
        options ??= new CaptureOptions();
        if (!(options.TimeoutSeconds > 0) || !double.IsFinite(options.TimeoutSeconds))
            throw new ArgumentException($"TimeoutSeconds = {options.TimeoutSeconds} is invalid: it must be finite and > 0.", nameof(options));
        if (!File.Exists(scriptPath))
            throw new FileNotFoundException($"literate script '{scriptPath}' does not exist.", scriptPath);
        var script = File.ReadAllText(scriptPath);
        int codeCells = LiterateNotebook.Parse(script).Count(c => c.Kind == CellKind.Code);
        var full = Path.GetFullPath(scriptPath);
        var topic = Path.GetFileNameWithoutExtension(full);
        var copy = Path.Combine(Path.GetDirectoryName(full)!, $"_capture-{topic}-{Guid.NewGuid().ToString("N")[..8]}.fsx");
        var work = Directory.CreateTempSubdirectory("theory-capture-");
        try
        {
            File.WriteAllText(copy, Instrument(script), new UTF8Encoding(false));
            var psi = new ProcessStartInfo("dotnet")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                WorkingDirectory = Path.GetDirectoryName(full)!,
                StandardOutputEncoding = new UTF8Encoding(false),
            };
            foreach (var a in new[] { "fsi", "--quiet", copy }) psi.ArgumentList.Add(a);
            psi.Environment[CaptureVariable] = work.FullName;
            psi.Environment["THEORY_NOTEBOOK_OUT"] = Path.Combine(work.FullName, "out");
            if (options.Quick) psi.Environment["THEORY_QUICK"] = "1";
            psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            psi.Environment["DOTNET_NOLOGO"] = "1";
            var stdout = new StringBuilder();
            var stderr = new StringBuilder();
            using var p = new Process { StartInfo = psi };
            p.Start();
            p.StandardInput.Close();
            var errTask = p.StandardError.ReadToEndAsync();
            var outTask = p.StandardOutput.ReadToEndAsync();
            if (!p.WaitForExit(TimeSpan.FromSeconds(options.TimeoutSeconds)))
            {
                try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                p.WaitForExit();
                throw new TimeoutException($"dotnet fsi {scriptPath} did not finish within {options.TimeoutSeconds} s.");
            }
            p.WaitForExit();
            var output = outTask.Result;
            if (p.ExitCode != 0)
                throw new InvalidOperationException(
                    $"dotnet fsi {scriptPath} (instrumented copy {Path.GetFileName(copy)}) exited with {p.ExitCode}:\n"
                    + Tail(output.Replace(Separator, '|') + "\n" + errTask.Result, 30));
            return Split(output, codeCells, (j, w, h, name) => ReadChart(work.FullName, topic, j, w, h, name, options));
        }
        finally
        {
            try { File.Delete(copy); } catch (IOException) { }
            try { work.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    static ChartOutput ReadChart(string dir, string topic, int j, int width, int height, string name, CaptureOptions options)
    {
        var json = Path.Combine(dir, $"chart-{j}.json");
        if (!File.Exists(json))
            throw new InvalidOperationException($"chart {j} ('{name}') was announced but {json} was not written.");
        var figure = File.ReadAllText(json);
        using (JsonDocument.Parse(figure)) { } // fails loudly on a truncated figure
        string? png = null;
        if (options.RenderPng)
        {
            var pngPath = Path.Combine(dir, $"chart-{j}.png");
            ChromiumExport.Png(Path.Combine(dir, $"chart-{j}.html"), pngPath, width, height, options.PngScale);
            png = Convert.ToBase64String(File.ReadAllBytes(pngPath));
        }
        return new ChartOutput(name, figure, width, height, png);
    }

    static string Shorten(string s) => s.Length <= 60 ? s : s[..60] + "…";

    static string Tail(string s, int n)
    {
        var lines = s.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - n)));
    }
}
