using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Theory.Cli;

/// <summary>
/// Typed options whose parsers validate as they read: a number is parsed with the invariant culture
/// and must be finite and inside the documented range; a missing value (the option last, or followed
/// by another option) is reported as "--x needs a value". Every help line carries the unit, the
/// default and the valid range.
/// </summary>
internal static class Opt
{
    /// <summary>What each option accepts, for <see cref="Cli.Catalogue"/>.</summary>
    internal static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Option, OptionInfo> Meta = new();

    static T Register<T>(T o, string kind, double min = double.NaN, double max = double.NaN, string[]? choices = null) where T : Option
    {
        Meta.AddOrUpdate(o, new OptionInfo(o.Name, kind, min, max, choices ?? [], o.Required));
        return o;
    }

    /// <summary>A real number in [min, max] (or with open ends).</summary>
    public static Option<double> Real(string name, string description, string unit, double min, double max,
        double? @default = null, bool minOpen = false, bool maxOpen = false, bool required = false)
    {
        string range = $"{(minOpen ? "(" : "[")}{Num(min)}, {Num(max)}{(maxOpen ? ")" : "]")}";
        var o = new Option<double>(name) { Description = Describe(description, unit, range), Required = required, HelpName = "x" };
        if (@default is { } d) o.DefaultValueFactory = _ => d;
        o.CustomParser = r =>
        {
            if (r.Tokens.Count == 0) return @default ?? double.NaN;
            var s = r.Tokens[0].Value;
            if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                r.AddError(LooksLikeOption(s) ? NeedsValue(name, s) : $"{name} = '{s}' is not a number: the valid range is {range}{UnitSuffix(unit)}.");
                return 0;
            }
            bool ok = double.IsFinite(v) && (minOpen ? v > min : v >= min) && (maxOpen ? v < max : v <= max);
            if (!ok) r.AddError($"{name} = {s} is invalid: the valid range is {range}{UnitSuffix(unit)}.");
            return v;
        };
        return Register(o, "real", min, max);
    }

    /// <summary>A whole number in [min, max] (written as 4000, or 4e3 when exact).</summary>
    public static Option<int> Whole(string name, string description, string unit, int min, int max, int? @default = null, bool required = false)
    {
        string range = $"[{min}, {max}]";
        var o = new Option<int>(name) { Description = Describe(description, unit, range), Required = required, HelpName = "n" };
        if (@default is { } d) o.DefaultValueFactory = _ => d;
        o.CustomParser = r =>
        {
            if (r.Tokens.Count == 0) return @default ?? 0;
            var s = r.Tokens[0].Value;
            if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                r.AddError(LooksLikeOption(s) ? NeedsValue(name, s) : $"{name} = '{s}' is not a whole number: the valid range is {range}{UnitSuffix(unit)}.");
                return 0;
            }
            if (!double.IsFinite(v) || v != Math.Floor(v) || v < min || v > max)
            {
                r.AddError($"{name} = {s} is invalid: it must be a whole number in {range}{UnitSuffix(unit)}.");
                return 0;
            }
            return (int)v;
        };
        return Register(o, "whole", min, max);
    }

    /// <summary>A random seed: a whole number in [0, 2⁶⁴ − 1].</summary>
    public static Option<ulong> Seed(string name = "--seed", ulong @default = 1)
    {
        var o = new Option<ulong>(name) { Description = $"random seed; the same seed gives bit-identical results (range [0, {ulong.MaxValue}])", HelpName = "n" };
        o.DefaultValueFactory = _ => @default;
        o.CustomParser = r =>
        {
            if (r.Tokens.Count == 0) return @default;
            var s = r.Tokens[0].Value;
            if (ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v)) return v;
            r.AddError(LooksLikeOption(s) ? NeedsValue(name, s) : $"{name} = '{s}' is invalid: it must be a whole number in [0, {ulong.MaxValue}].");
            return 0;
        };
        return Register(o, "seed", 0, ulong.MaxValue);
    }

    /// <summary>One of a fixed set of words.</summary>
    public static Option<string> Choice(string name, string description, string? @default, params string[] values)
    {
        string list = values.Length == 2 ? $"{values[0]} or {values[1]}" : string.Join(", ", values[..^1]) + " or " + values[^1];
        var o = new Option<string>(name) { Description = $"{description} ({string.Join("|", values)})", HelpName = "name", Required = @default is null };
        if (@default is not null) o.DefaultValueFactory = _ => @default;
        o.CustomParser = r =>
        {
            if (r.Tokens.Count == 0) return @default!;
            var s = r.Tokens[0].Value;
            if (values.Contains(s, StringComparer.Ordinal)) return s;
            r.AddError(LooksLikeOption(s) && !values.Contains(s) ? NeedsValue(name, s) : $"{name} = '{s}' is invalid: use {list}.");
            return @default!;
        };
        return Register(o, "choice", choices: values);
    }

    /// <summary>A path (input file, output file or folder) or another free word.</summary>
    public static Option<string> Text(string name, string description, bool required = false, string helpName = "path")
    {
        var o = new Option<string>(name) { Description = description, Required = required, HelpName = helpName };
        o.CustomParser = r =>
        {
            if (r.Tokens.Count == 0) return null!;
            var s = r.Tokens[0].Value;
            if (s.Length == 0) r.AddError($"{name} is empty: give a {helpName}.");
            else if (LooksLikeOption(s) && s != "-") r.AddError(NeedsValue(name, s));
            else if (s.Length > 1 && s[0] == '-') r.AddError($"{name} = '{s}' is invalid: a {helpName} starting with '-' reads as an option or a number (write ./{s}).");
            return s;
        };
        return Register(o, "text");
    }

    /// <summary>A switch without a value.</summary>
    public static Option<bool> Flag(string name, string description)
    {
        var o = new Option<bool>(name) { Description = description, Arity = ArgumentArity.Zero };
        return Register(o, "flag");
    }

    /// <summary>The kernel's thread count (the result is the same on any number).</summary>
    public static Option<int> Threads(string name = "--threads", int? @default = null) =>
        Whole(name, "threads of the kernel (default THEORY_THREADS, else every core); the result is the same on any number",
            "", 1, Theory.Spiking.KernelThreads.MaxThreads, @default);

    static string Describe(string description, string unit, string range) => $"{description}; range {range}{UnitSuffix(unit)}";

    static string UnitSuffix(string unit) => unit.Length == 0 ? "" : " " + unit;

    static string NeedsValue(string name, string next) =>
        $"{name} needs a value (the next word, '{next}', is an option).";

    /// <summary>A word the user meant as an option: starts with '-' and is not a number.</summary>
    internal static bool LooksLikeOption(string s) =>
        s.Length > 1 && s[0] == '-' && !double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    /// <summary>Round-trip, invariant-culture text of a number (help texts and ranges).</summary>
    internal static string Num(double v) =>
        v != 0 && (Math.Abs(v) >= 1e5 || Math.Abs(v) < 1e-3) && Math.Abs(v) < 1e300
            ? v.ToString("0.###e0", CultureInfo.InvariantCulture)
            : v.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>One option of the command line: its kind (real, whole, seed, choice, text, flag), range and choices.</summary>
/// <param name="Name">The option's name with its dashes, e.g. "--seed".</param>
/// <param name="Kind">"real", "whole", "seed", "choice", "text" or "flag".</param>
/// <param name="Min">Smallest valid value of a real, whole or seed option (0 for seeds); NaN for the other kinds.</param>
/// <param name="Max">Largest valid value of a real, whole or seed option (2⁶⁴ − 1 for seeds); NaN for the other kinds.</param>
/// <param name="Choices">The valid values of a choice option (empty otherwise).</param>
/// <param name="Required">True when the command cannot run without it.</param>
public sealed record OptionInfo(string Name, string Kind, double Min, double Max, IReadOnlyList<string> Choices, bool Required);

/// <summary>One runnable command: its words after `theory`, its options and its positional argument (if any).</summary>
/// <param name="Path">The words after `theory`, e.g. ["meanfield", "siegert"].</param>
/// <param name="Options">Its options.</param>
/// <param name="Argument">Name of its positional argument, or null when it takes none.</param>
public sealed record CommandInfo(IReadOnlyList<string> Path, IReadOnlyList<OptionInfo> Options, string? Argument);

/// <summary>Reading a parse result: whether an option was given on the command line.</summary>
internal static class ParseResultExtensions
{
    public static bool Given(this ParseResult pr, Option o) => pr.GetResult(o) is { Implicit: false };
}

/// <summary>A result that is NaN or infinite where the command promised a number: exit code 3.</summary>
public sealed class NonFiniteResultException(string quantity, double value)
    : ArithmeticException($"the result {quantity} is {(double.IsNaN(value) ? "not a number" : "infinite")}")
{
    /// <summary>Name of the quantity that was not finite.</summary>
    public string Quantity { get; } = quantity;
}

/// <summary>Number formatting for key=value lines and CSV: round-trip precision, invariant culture, and never
/// NaN or Infinity (a quantity that does not exist prints as documented, e.g. <c>n/a</c>).</summary>
public static class Fmt
{
    /// <summary>A finite number; a NaN or infinite value is a numerical failure naming <paramref name="quantity"/>.</summary>
    public static string Num(double v, string quantity) =>
        double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : throw new NonFiniteResultException(quantity, v);

    /// <summary>A number that may not exist: NaN prints as <c>n/a</c>; +∞ as <c>inf</c> where <paramref name="infinity"/> allows it.</summary>
    public static string NumOrNa(double v, string quantity, bool infinity = false) =>
        double.IsNaN(v) ? "n/a"
        : infinity && double.IsPositiveInfinity(v) ? "inf"
        : Num(v, quantity);

    /// <summary>One line of key=value pairs; doubles must be finite (see <see cref="Num"/>), strings are kept.</summary>
    public static string Line(params (string Key, object Value)[] pairs) =>
        string.Join(' ', pairs.Select(p => p.Key + "=" + Value(p.Key, p.Value)));

    static string Value(string key, object v) => v switch
    {
        double d => Num(d, key),
        float f => Num(f, key),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    /// <summary>One CSV row of finite numbers (the column names name a failure).</summary>
    public static string Row(string[] columns, params double[] values) =>
        string.Join(',', values.Select((v, i) => Num(v, i < columns.Length ? columns[i] : $"column {i + 1}")));
}
