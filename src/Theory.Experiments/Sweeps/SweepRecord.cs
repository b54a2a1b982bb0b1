namespace Theory.Experiments.Sweeps;

/// <summary>A finished point: its result row, or the error it raised (exception type and message), and the
/// wall time it took (s; not part of the merged frame, which must not depend on the machine).</summary>
/// <param name="Point">The point.</param>
/// <param name="Row">Its result row (null when it failed).</param>
/// <param name="Error">Exception type and message (null when it succeeded).</param>
/// <param name="Seconds">Wall time it took, s.</param>
public sealed record SweepRecord(SweepPoint Point, SweepRow? Row, string? Error, double Seconds)
{
    /// <summary>The point's id.</summary>
    public int Id => Point.Id;

    /// <summary>Whether the point finished without error.</summary>
    public bool Ok => Error is null;
}
