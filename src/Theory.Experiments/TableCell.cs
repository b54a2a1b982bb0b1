using System.Globalization;

namespace Theory.Experiments;

/// <summary>Cells of the plain-text tables the comparisons print: a value that does not exist for a row (NaN: the
/// standard error of a single run, a line frequency off the instability line) prints as "—", right-aligned like a
/// number, instead of "NaN".</summary>
internal static class TableCell
{
    /// <summary><paramref name="value"/> in <paramref name="format"/> (invariant culture) right-aligned in
    /// <paramref name="width"/> characters; "—" when it is NaN.</summary>
    public static string Num(double value, int width, string format) =>
        (double.IsNaN(value) ? "—" : value.ToString(format, CultureInfo.InvariantCulture)).PadLeft(width);
}
