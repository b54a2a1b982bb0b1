using System.Text;

namespace Theory.Experiments.Publishing;

/// <summary>One output of a notebook code cell, captured from a real run of its literate script.</summary>
public abstract record NotebookOutput
{
    /// <summary>
    /// The kind of the output as the twin check compares it: <c>stream:stdout</c>, or
    /// <c>display_data:</c> followed by its mime types in ordinal order, comma-separated.
    /// </summary>
    public abstract string Kind { get; }
}

/// <summary>Text the cell printed on standard output (an nbformat <c>stream</c> output).</summary>
/// <param name="Text">The printed text, <c>\n</c> line endings.</param>
public sealed record StreamOutput(string Text) : NotebookOutput
{
    /// <inheritdoc/>
    public override string Kind => "stream:stdout";
}

/// <summary>
/// A chart the cell kept (<c>keep name chart</c> of <c>notebooks/_Notebook.fsx</c>): an nbformat
/// <c>display_data</c> output with <c>image/png</c> (static, what GitHub shows),
/// <c>text/html</c> (interactive, see <see cref="NotebookChartHtml"/>) and <c>text/plain</c>.
/// </summary>
/// <param name="Name">The name the chart was kept under.</param>
/// <param name="FigureJson">The Plotly figure, <c>{"data": …, "layout": …, "config": …}</c>.</param>
/// <param name="Width">Figure width in CSS pixels (the layout's, else Plotly's default 700).</param>
/// <param name="Height">Figure height in CSS pixels (the layout's, else Plotly's default 450).</param>
/// <param name="PngBase64">The rendered PNG, base64; null when the run did not render images (a check).</param>
public sealed record ChartOutput(string Name, string FigureJson, int Width, int Height, string? PngBase64) : NotebookOutput
{
    /// <summary>The mime types of a chart output, in ordinal order.</summary>
    public static readonly string[] MimeTypes = ["image/png", "text/html", "text/plain"];

    /// <inheritdoc/>
    public override string Kind => "display_data:" + string.Join(",", MimeTypes);
}

/// <summary>
/// The interactive HTML of a chart in a notebook output: a sized <c>div</c> and a script that draws
/// the figure with plotly.js, loading plotly.js once per notebook page from the Plotly CDN.
/// </summary>
/// <remarks>
/// <para>Why the CDN and not plotly.js inline: plotly.js is ≈ 3.6 MB, so inlining it would make
/// every twin several megabytes before any figure, and viewers that do not run scripts (GitHub)
/// gain nothing from it: they show the <c>image/png</c> of the same output. The loader is shared by
/// every chart of a page: the first chart to run it starts one download of plotly.js and queues its
/// drawing; later charts queue theirs until it has arrived (or draw at once if it has). Where a
/// RequireJS is present (classic Jupyter Notebook) plotly.js is loaded through it, because the
/// plotly.js bundle registers itself as an anonymous AMD module there instead of setting
/// <c>window.Plotly</c>; elsewhere (JupyterLab, VS Code, a plain page) by a script element.</para>
/// </remarks>
public static class NotebookChartHtml
{
    /// <summary>The plotly.js version of Plotly.NET 6.0.0, the one the notebooks use.</summary>
    public const string PlotlyJsVersion = "2.28.0";

    /// <summary>The CDN address of plotly.js, without the <c>.js</c> extension (as RequireJS wants it).</summary>
    public const string PlotlyJsCdn = "https://cdn.plot.ly/plotly-" + PlotlyJsVersion + ".min";

    /// <summary>The HTML of one chart: a div with id <paramref name="divId"/> and the drawing script.</summary>
    /// <param name="figureJson">The Plotly figure JSON (<c>{"data": …, "layout": …, "config": …}</c>).</param>
    /// <param name="divId">The element id, unique within the page: letters, digits, '-' and '_' only.</param>
    /// <param name="width">Figure width in CSS pixels, 16–10000, or 0 for the full width of the output.</param>
    /// <param name="height">Figure height in CSS pixels, 16–10000.</param>
    public static string Fragment(string figureJson, string divId, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(figureJson);
        ArgumentNullException.ThrowIfNull(divId);
        if (divId.Length == 0 || !divId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new ArgumentException($"divId = '{divId}' is invalid: use a non-empty id of ASCII letters, digits, '-' and '_'.", nameof(divId));
        if (width != 0 && (width < 16 || width > 10000))
            throw new ArgumentException($"width = {width} is invalid: the valid range is 0 (full width) or [16, 10000] CSS pixels.", nameof(width));
        if (height < 16 || height > 10000)
            throw new ArgumentException($"height = {height} is invalid: the valid range is [16, 10000] CSS pixels.", nameof(height));
        // "</" would end the script element early wherever the JSON holds it (a "</b>" in a title)
        var json = figureJson.Trim().Replace("</", "<\\/");
        var w = width == 0 ? "100%" : $"{width}px";
        return $"<div id=\"{divId}\" class=\"plotly-graph-div theory-chart\" style=\"width:{w};max-width:100%;height:{height}px\"></div>\n"
            + "<script type=\"text/javascript\">\n"
            + "(function () {\n"
            + $"  var fig = {json};\n"
            + $"  var draw = function (P) {{ P.newPlot('{divId}', fig.data, fig.layout, fig.config || {{}}); }};\n"
            + "  if (window.Plotly && window.Plotly.newPlot) { draw(window.Plotly); return; }\n"
            + "  // plotly.js is loaded once per page: the first chart starts the download, the others queue\n"
            + "  var queue = window.__theoryPlotlyQueue = window.__theoryPlotlyQueue || [];\n"
            + "  queue.push(draw);\n"
            + "  if (queue.length > 1) return;\n"
            + "  var flush = function (P) { window.Plotly = P; var f; while ((f = queue.shift())) f(P); };\n"
            + "  if (typeof window.requirejs === 'function' && window.requirejs.config) {\n"
            + $"    window.requirejs.config({{ paths: {{ plotly: '{PlotlyJsCdn}' }} }});\n"
            + "    window.requirejs(['plotly'], flush);\n"
            + "  } else {\n"
            + "    var s = document.createElement('script');\n"
            + $"    s.src = '{PlotlyJsCdn}.js';\n"
            + "    s.onload = function () { flush(window.Plotly); };\n"
            + "    document.head.appendChild(s);\n"
            + "  }\n"
            + "})();\n"
            + "</script>";
    }
}
