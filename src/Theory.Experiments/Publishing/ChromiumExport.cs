using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Theory.Experiments.Publishing;

/// <summary>
/// Static PNG and PDF export of a self-contained Plotly HTML page by headless Chromium (the
/// Debian package <c>chromium</c>; Plotly.NET.ImageExport is not available to this project).
/// </summary>
/// <remarks>
/// The page is copied to a temporary folder with a style block that sets the print page to
/// the figure's size, removes the body margin and hides Plotly's mode bar; Chromium then
/// renders it with <c>--virtual-time-budget</c> so that plotly.js has drawn before the
/// screenshot or the print is taken. Chromium runs with a fresh, deleted-afterwards profile
/// and every network feature off: the machines running this have no network, and Chromium
/// otherwise waits on connection attempts.
/// </remarks>
public static class ChromiumExport
{
    /// <summary>Environment variable that may hold the path of the Chromium executable.</summary>
    public const string ChromiumVariable = "THEORY_CHROMIUM";

    static readonly string[] Candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    static readonly string[] BaseFlags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
        "--run-all-compositor-stages-before-draw",
    ];

    /// <summary>
    /// The Chromium executable: <c>$THEORY_CHROMIUM</c> if set, else the first of chromium,
    /// chromium-browser, google-chrome, google-chrome-stable on the PATH.
    /// </summary>
    /// <exception cref="FileNotFoundException">No Chromium was found; the message says how to install one.</exception>
    public static string FindChromium() =>
        FindChromium(Environment.GetEnvironmentVariable(ChromiumVariable), Environment.GetEnvironmentVariable("PATH"));

    /// <summary>
    /// The Chromium executable: <paramref name="configured"/> if given, else the first of
    /// chromium, chromium-browser, google-chrome, google-chrome-stable in the folders of
    /// <paramref name="searchPath"/> (a PATH-style list).
    /// </summary>
    /// <exception cref="FileNotFoundException">No Chromium was found; the message says how to install one.</exception>
    public static string FindChromium(string? configured, string? searchPath)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (File.Exists(configured)) return configured;
            throw new FileNotFoundException(
                $"{ChromiumVariable} = '{configured}' does not name an existing file; point it at a Chromium executable or unset it.",
                configured);
        }
        foreach (var name in Candidates)
            foreach (var dir in (searchPath ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var full = Path.Combine(dir, name);
                if (File.Exists(full)) return full;
            }
        throw new FileNotFoundException(
            "Chromium was not found on the PATH (looked for " + string.Join(", ", Candidates) + "). "
            + "PNG/PDF export of figures needs it: install the Debian package with `apt-get install chromium` "
            + $"(`dotnet fsi build.fsx figures` does this for you), or set {ChromiumVariable} to the executable.");
    }

    /// <summary>
    /// Screenshot of <paramref name="htmlPath"/> as a PNG of (width·scale) × (height·scale) pixels.
    /// </summary>
    /// <param name="htmlPath">A self-contained HTML page (plotly.js embedded).</param>
    /// <param name="pngPath">The PNG to write (overwritten).</param>
    /// <param name="width">Figure width in CSS pixels, 16–10000.</param>
    /// <param name="height">Figure height in CSS pixels, 16–10000.</param>
    /// <param name="scale">Device pixels per CSS pixel, 0.5–8 (2 gives print-quality bitmaps).</param>
    /// <param name="timeoutSeconds">Time after which Chromium is killed and the export fails, &gt; 0.</param>
    /// <param name="chromium">The browser executable; default <see cref="FindChromium()"/>.</param>
    public static void Png(string htmlPath, string pngPath, int width, int height, double scale = 2.0, double timeoutSeconds = 120.0,
        string? chromium = null)
    {
        CheckSize(width, height);
        if (!(scale >= 0.5 && scale <= 8))
            throw new ArgumentException($"scale = {scale} is invalid: the valid range is [0.5, 8].", nameof(scale));
        Render(chromium, htmlPath, pngPath, width, height, timeoutSeconds,
        [
            $"--window-size={width},{height}",
            "--force-device-scale-factor=" + scale.ToString(CultureInfo.InvariantCulture),
            "--screenshot=" + Path.GetFullPath(pngPath),
        ]);
    }

    /// <summary>
    /// One-page vector PDF of <paramref name="htmlPath"/>, the page sized to the figure.
    /// </summary>
    /// <param name="htmlPath">A self-contained HTML page (plotly.js embedded).</param>
    /// <param name="pdfPath">The PDF to write (overwritten).</param>
    /// <param name="width">Figure width in CSS pixels, 16–10000.</param>
    /// <param name="height">Figure height in CSS pixels, 16–10000.</param>
    /// <param name="timeoutSeconds">Time after which Chromium is killed and the export fails, &gt; 0.</param>
    /// <param name="chromium">The browser executable; default <see cref="FindChromium()"/>.</param>
    public static void Pdf(string htmlPath, string pdfPath, int width, int height, double timeoutSeconds = 120.0,
        string? chromium = null)
    {
        CheckSize(width, height);
        Render(chromium, htmlPath, pdfPath, width, height, timeoutSeconds,
        [
            $"--window-size={width},{height}",
            "--no-pdf-header-footer",
            "--print-to-pdf=" + Path.GetFullPath(pdfPath),
        ]);
    }

    static void CheckSize(int width, int height)
    {
        if (width < 16 || width > 10000)
            throw new ArgumentException($"width = {width} is invalid: the valid range is [16, 10000] CSS pixels.", nameof(width));
        if (height < 16 || height > 10000)
            throw new ArgumentException($"height = {height} is invalid: the valid range is [16, 10000] CSS pixels.", nameof(height));
    }

    /// <summary>
    /// <paramref name="html"/> with <c>&lt;meta charset="utf-8"&gt;</c> as the first element of its head, unless a
    /// charset is already declared in its first 1024 bytes. Plotly.NET writes its charset meta after the embedded
    /// plotly.js (≈ 3.5 MB), where browsers no longer look for it (the HTML standard's prescan covers the first 1024
    /// bytes): Chromium then reads the page as windows-1252, and plotly.js's own non-ASCII text — the minus sign
    /// U+2212 of every negative tick label — renders as "âˆ'". Idempotent.
    /// </summary>
    /// <param name="html">A complete HTML page.</param>
    /// <returns>The page with the declaration.</returns>
    public static string WithUtf8Declaration(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var prefix = html.Length > 1024 ? html[..1024] : html;
        if (prefix.Contains("<meta charset", StringComparison.OrdinalIgnoreCase)) return html;
        const string meta = "<meta charset=\"utf-8\">";
        int head = html.IndexOf("<head>", StringComparison.OrdinalIgnoreCase);
        return head >= 0 && head < 1024 ? html.Insert(head + "<head>".Length, meta) : meta + html;
    }

    /// <summary>The page with the export style: page box = figure, no margins, no mode bar; UTF-8 declared first
    /// (<see cref="WithUtf8Declaration"/>).</summary>
    internal static string WithExportStyle(string html, int width, int height)
    {
        html = WithUtf8Declaration(html);
        var style = "<style>"
            + $"@page{{size:{width}px {height}px;margin:0}}"
            + $"html,body{{margin:0;padding:0;width:{width}px;height:{height}px;overflow:hidden;background:#fff}}"
            + ".modebar-container,.modebar{display:none!important}"
            + "</style>";
        int head = html.IndexOf("<head>", StringComparison.OrdinalIgnoreCase);
        return head >= 0 ? html.Insert(head + "<head>".Length, style) : style + html;
    }

    /// <summary>How many times a render that hangs (no exit within the timeout) is started afresh, with a new profile,
    /// before the export fails. Headless Chromium occasionally never exits after its screenshot (seen once in a CI run of
    /// the figures test: the same page then rendered in 7 s); a second start is cheaper than a failed figure.</summary>
    public const int Attempts = 2;

    static void Render(string? chromium, string htmlPath, string outPath, int width, int height, double timeoutSeconds, string[] modeFlags)
    {
        if (!(timeoutSeconds > 0) || !double.IsFinite(timeoutSeconds))
            throw new ArgumentException($"timeoutSeconds = {timeoutSeconds} is invalid: it must be finite and > 0.", nameof(timeoutSeconds));
        if (!File.Exists(htmlPath))
            throw new FileNotFoundException($"cannot export '{htmlPath}': the HTML file does not exist.", htmlPath);
        var outDir = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (outDir is not null) Directory.CreateDirectory(outDir);
        chromium ??= FindChromium();
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                RenderOnce(chromium, htmlPath, outPath, width, height, timeoutSeconds, modeFlags);
                return;
            }
            catch (TimeoutException e) when (attempt < Attempts)
            {
                Console.Error.WriteLine($"ChromiumExport: attempt {attempt} timed out, starting Chromium again ({e.Message.Split('\n')[0]})");
            }
        }
    }

    static void RenderOnce(string chromium, string htmlPath, string outPath, int width, int height, double timeoutSeconds, string[] modeFlags)
    {
        var work = Directory.CreateTempSubdirectory("theory-chromium-");
        try
        {
            var page = Path.Combine(work.FullName, "figure.html");
            File.WriteAllText(page, WithExportStyle(File.ReadAllText(htmlPath), width, height), new UTF8Encoding(false));
            var profile = Directory.CreateDirectory(Path.Combine(work.FullName, "profile"));
            if (File.Exists(outPath)) File.Delete(outPath);

            var psi = new ProcessStartInfo(chromium)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                WorkingDirectory = work.FullName,
            };
            foreach (var f in BaseFlags) psi.ArgumentList.Add(f);
            psi.ArgumentList.Add("--user-data-dir=" + profile.FullName);
            psi.ArgumentList.Add("--virtual-time-budget=10000");
            foreach (var f in modeFlags) psi.ArgumentList.Add(f);
            psi.ArgumentList.Add(new Uri(page).AbsoluteUri);

            var log = new StringBuilder();
            using var p = new Process { StartInfo = psi };
            p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
            p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
            p.Start();
            p.StandardInput.Close();
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            if (!p.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds)))
            {
                try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                p.WaitForExit();
                throw new TimeoutException(
                    $"Chromium ({chromium}) did not finish exporting '{htmlPath}' to '{outPath}' within {timeoutSeconds} s ({Attempts} attempts); "
                    + "raise the timeout, or check that it starts: run it by hand with --headless --screenshot.\n" + Tail(log));
            }
            p.WaitForExit(); // drains the redirected streams
            var produced = new FileInfo(outPath);
            if (p.ExitCode != 0 || !produced.Exists || produced.Length == 0)
                throw new InvalidOperationException(
                    $"Chromium ({chromium}) failed to export '{htmlPath}' to '{outPath}' (exit code {p.ExitCode}"
                    + (produced.Exists ? "" : ", no file written") + "). Its output ends with:\n" + Tail(log));
        }
        finally
        {
            try { work.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    static string Tail(StringBuilder log)
    {
        string s;
        lock (log) s = log.ToString();
        var lines = s.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - 15)));
    }
}
