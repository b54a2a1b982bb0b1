using System.Globalization;
using System.Text;

namespace Theory.Experiments.Sweeps;

/// <summary>
/// A sequence of numbers as one text cell of a <see cref="SweepRow"/>, so a point whose result is a
/// time course, a histogram or a spike train can be stored in its record and read back unchanged:
/// the numbers in round-trip form ("R", invariant culture: the shortest text that parses to the same
/// double, bit for bit, including −0, subnormals, NaN and ±∞), separated by single spaces; the empty
/// sequence is the empty text.
/// </summary>
public static class SweepSeries
{
    /// <summary>The text form of <paramref name="values"/>.</summary>
    public static string Encode(IEnumerable<double> values)
    {
        var sb = new StringBuilder();
        foreach (var v in Guard.NotNull(values))
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(v.ToString("R", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>The numbers of <paramref name="text"/> (<see cref="Encode"/>'s form); an ArgumentException names
    /// <paramref name="name"/> (the column) and the first token that is not a number.</summary>
    public static double[] Decode(string text, string name = "text")
    {
        Guard.NotNull(text, name);
        if (text.Length == 0) return [];
        var tokens = text.Split(' ');
        var values = new double[tokens.Length];
        for (int i = 0; i < tokens.Length; i++)
            if (!double.TryParse(tokens[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
                throw new ArgumentException($"{name}: item {i} = '{tokens[i]}' is invalid: a series holds numbers separated by single spaces.", name);
        return values;
    }
}
