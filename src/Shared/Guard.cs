using System.Runtime.CompilerServices;

namespace Theory;

/// <summary>
/// Argument checks shared (as linked source) by the analytic library and the kernel. Every
/// failure is an <see cref="ArgumentException"/> whose message names the parameter, its value
/// and the valid range, so a user sees at once what to change.
/// </summary>
internal static class Guard
{
    public static double Finite(double value, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (!double.IsFinite(value))
            throw new ArgumentException($"{name} = {value} is invalid: it must be a finite number.", name);
        return value;
    }

    public static double Positive(double value, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (!(value > 0) || !double.IsFinite(value))
            throw new ArgumentException($"{name} = {value} is invalid: it must be finite and > 0.", name);
        return value;
    }

    public static double NonNegative(double value, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (!(value >= 0) || !double.IsFinite(value))
            throw new ArgumentException($"{name} = {value} is invalid: it must be finite and >= 0.", name);
        return value;
    }

    public static double InRange(double value, double min, double max, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (!(value >= min && value <= max))
            throw new ArgumentException($"{name} = {value} is invalid: the valid range is [{min}, {max}].", name);
        return value;
    }

    public static double Probability(double value, [CallerArgumentExpression(nameof(value))] string name = "")
        => InRange(value, 0.0, 1.0, name);

    public static int Positive(int value, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (value <= 0)
            throw new ArgumentException($"{name} = {value} is invalid: it must be >= 1.", name);
        return value;
    }

    public static int NonNegative(int value, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (value < 0)
            throw new ArgumentException($"{name} = {value} is invalid: it must be >= 0.", name);
        return value;
    }

    public static int InRange(int value, int min, int max, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (value < min || value > max)
            throw new ArgumentException($"{name} = {value} is invalid: the valid range is [{min}, {max}].", name);
        return value;
    }

    public static T NotNull<T>(T? value, [CallerArgumentExpression(nameof(value))] string name = "") where T : class
        => value ?? throw new ArgumentException($"{name} is null: a value is required.", name);

    /// <summary>Every element finite; names the first offending index.</summary>
    public static double[] AllFinite(double[] values, [CallerArgumentExpression(nameof(values))] string name = "")
    {
        NotNull(values, name);
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"{name}[{i}] = {values[i]} is invalid: every element must be finite.", name);
        return values;
    }
}
