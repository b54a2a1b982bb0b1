/// Assertions shared by the test files: relative/absolute closeness with the reference named.
module Theory.Tests.Util

open System
open Expecto

/// |actual - expected| <= tol * |expected| (relative), failing with both numbers and the error.
let closeRel (tol: float) (expected: float) (actual: float) (what: string) =
    let err = abs (actual - expected) / max (abs expected) Double.Epsilon
    if not (err <= tol) then
        failtestf "%s: expected %.17g, got %.17g (relative error %.3g > %.3g)" what expected actual err tol

/// |actual - expected| <= tol (absolute).
let closeAbs (tol: float) (expected: float) (actual: float) (what: string) =
    let err = abs (actual - expected)
    if not (err <= tol) then
        failtestf "%s: expected %.17g, got %.17g (absolute error %.3g > %.3g)" what expected actual err tol

/// Runs f and asserts it throws an ArgumentException whose message names `param`.
let throwsArg (param: string) (f: unit -> unit) =
    try
        f ()
        failtestf "expected ArgumentException naming '%s', nothing was thrown" param
    with
    | :? ArgumentException as e when e.Message.Contains param -> ()
    | :? ArgumentException as e -> failtestf "ArgumentException did not name '%s': %s" param e.Message

/// Root of the repository (the folder holding Theory.sln), found from the test binary.
let repoRoot =
    let rec up (d: IO.DirectoryInfo) =
        if isNull d then failwith "Theory.sln not found above the test binary"
        elif IO.File.Exists(IO.Path.Combine(d.FullName, "Theory.sln")) then d.FullName
        else up d.Parent
    up (IO.DirectoryInfo AppContext.BaseDirectory)

/// Whether this run is the long `crosscheck` target (full-length simulations).
let isCrosscheckRun () = Environment.GetEnvironmentVariable "THEORY_CROSSCHECK" = "1"
