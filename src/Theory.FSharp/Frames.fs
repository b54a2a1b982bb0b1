namespace Theory.FSharp

open Deedle

/// <summary>Deedle frames of the surface's result records: one row per record, one column per field
/// (named as the field; units of measure are erased at run time, and each column's unit is the
/// field's documented unit).</summary>
module Frame =
    /// <summary>A frame with one row per record (rows keyed 0, 1, …; columns are the record's fields).</summary>
    let ofResults (rows: seq<'T>) : Frame<int, string> = Frame.ofRecords (Seq.toArray rows)
