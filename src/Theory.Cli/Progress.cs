using System.Diagnostics;

namespace Theory.Cli;

/// <summary>A progress bar on stderr, shown only for runs that last more than a few seconds
/// and only when stderr is the console's and a terminal, or THEORY_PROGRESS=1.</summary>
public sealed class Progress
{
    readonly Stopwatch _clock = Stopwatch.StartNew();
    readonly string _label;
    readonly TextWriter _err;
    readonly bool _enabled;
    bool _shown;

    /// <summary>A progress bar labelled <paramref name="label"/>, written to <paramref name="err"/> (enabled only when that is the console's stderr, see the class remarks).</summary>
    /// <param name="label">Text shown before the bar.</param>
    /// <param name="err">The error writer of the command.</param>
    public Progress(string label, TextWriter err)
    {
        _label = label;
        _err = err;
        _enabled = ReferenceEquals(err, Console.Error)
                   && (!Console.IsErrorRedirected || Environment.GetEnvironmentVariable("THEORY_PROGRESS") == "1");
    }

    /// <summary>Redraws the bar with the elapsed time and the estimated time left (nothing during the first 2 s or when disabled).</summary>
    /// <param name="fraction">Fraction of the work done, clamped to [0, 1].</param>
    public void Report(double fraction)
    {
        if (!_enabled) return;
        double elapsed = _clock.Elapsed.TotalSeconds;
        if (elapsed < 2 && !_shown) return;
        _shown = true;
        int width = 30, filled = (int)Math.Round(Math.Clamp(fraction, 0, 1) * width);
        double eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0;
        _err.Write($"\r{_label} [{new string('#', filled)}{new string('.', width - filled)}] {fraction * 100,5:0.0}%  eta {eta,5:0.0} s ");
        if (fraction >= 1) _err.WriteLine();
    }
}
