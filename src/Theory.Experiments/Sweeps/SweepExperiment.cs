using System.Globalization;

namespace Theory.Experiments.Sweeps;

/// <summary>A parameter an experiment accepts in a sweep spec: its default and valid range
/// [<see cref="Min"/>, <see cref="Max"/>]; <see cref="Integer"/> parameters take whole numbers only.</summary>
/// <param name="Name">Parameter name as written in the spec.</param>
/// <param name="Default">Value used when the spec does not set it.</param>
/// <param name="Min">Smallest valid value.</param>
/// <param name="Max">Largest valid value.</param>
/// <param name="Description">One line of help shown by `theory sweep experiments`.</param>
/// <param name="Integer">True when only whole numbers are valid (default false).</param>
public sealed record SweepParameter(string Name, double Default, double Min, double Max, string Description, bool Integer = false)
{
    /// <summary>Checks <paramref name="value"/>; the ArgumentException names <paramref name="where"/> (e.g. "grid.g"),
    /// the value and the valid range.</summary>
    public double Validate(double value, string where)
    {
        string range = $"[{Num(Min)}, {Num(Max)}]";
        if (!double.IsFinite(value) || value < Min || value > Max)
            throw new ArgumentException($"{where} = {Num(value)} is invalid: the valid range of {Name} is {range}{(Integer ? " (whole numbers)" : "")}.", where);
        if (Integer && Math.Floor(value) != value)
            throw new ArgumentException($"{where} = {Num(value)} is invalid: {Name} must be a whole number in {range}.", where);
        return value;
    }

    static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>
/// An experiment a sweep spec can name: its parameters (name, default, valid range) and the
/// evaluation of one point (it receives every declared parameter: the point's value or the default) into a result row.
/// Register new ones with <see cref="SweepExperiments.Register"/>.
/// </summary>
public sealed class SweepExperiment
{
    readonly Func<SweepPoint, SweepRow> _evaluate;

    /// <summary>An experiment named <paramref name="name"/> (lower case, e.g. "brunel").</summary>
    public SweepExperiment(string name, string description, IReadOnlyList<SweepParameter> parameters, Func<SweepPoint, SweepRow> evaluate)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("name is empty: an experiment needs a name.", nameof(name));
        Name = name;
        Description = Guard.NotNull(description);
        Parameters = Guard.NotNull(parameters).ToArray();
        if (Parameters.Select(p => p.Name).Distinct().Count() != Parameters.Count)
            throw new ArgumentException($"parameters: experiment '{name}' declares a parameter twice.", nameof(parameters));
        _evaluate = Guard.NotNull(evaluate);
    }

    /// <summary>Name used in specs and on the command line.</summary>
    public string Name { get; }

    /// <summary>One line: what a point runs and what its row holds.</summary>
    public string Description { get; }

    /// <summary>Declared parameters, in documentation order.</summary>
    public IReadOnlyList<SweepParameter> Parameters { get; }

    /// <summary>The declared parameter <paramref name="name"/>; an ArgumentException (naming <paramref name="where"/>)
    /// lists the valid names when it is unknown.</summary>
    public SweepParameter Parameter(string name, string where) =>
        Parameters.FirstOrDefault(p => p.Name == name)
        ?? throw new ArgumentException($"{where}: '{name}' is not a parameter of experiment '{Name}' (valid: {string.Join(", ", Parameters.Select(p => p.Name))}).", where);

    /// <summary>The point's value of <paramref name="name"/>, or the declared default.</summary>
    public double Value(SweepPoint point, string name) => Guard.NotNull(point).Get(name, Parameter(name, "parameter").Default);

    /// <summary>The point with every declared parameter set (the point's value, else the default), in
    /// declaration order; each value is checked against its range.</summary>
    public SweepPoint Resolve(SweepPoint point)
    {
        Guard.NotNull(point);
        foreach (var (k, v) in point.Values) Parameter(k, $"point {point.Id}").Validate(v, k);
        return new SweepPoint(point.Id, Parameters.Select(p => new KeyValuePair<string, double>(p.Name, point.Get(p.Name, p.Default))));
    }

    /// <summary>Runs one point: the evaluation function sees <see cref="Resolve"/>d values (every parameter set).</summary>
    public SweepRow Evaluate(SweepPoint point) => _evaluate(Resolve(point));
}
