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

/// FsCheck settings for a property test: `maxTest` cases drawn from a fixed seed, so every CI run checks the same
/// cases and a failure is reproducible (the standards: fixed seeds). THEORY_PROPERTY_SEED=random explores fresh
/// cases (FsCheck prints the seed pair of a failure); THEORY_PROPERTY_SEED=a,b replays that pair (b odd).
let propertyConfig (maxTest: int) =
    let replay =
        match Environment.GetEnvironmentVariable "THEORY_PROPERTY_SEED" with
        | null | "" -> Some (20261207UL, 1UL, None)
        | "random" -> None
        | s ->
            match s.Split ',' |> Array.map (fun p -> UInt64.TryParse(p.Trim())) with
            | [| (true, a) |] -> Some (a, 1UL, None)
            | [| (true, a); (true, b) |] when b % 2UL = 1UL -> Some (a, b, None)
            | _ -> failwithf "THEORY_PROPERTY_SEED = '%s' is invalid: use 'random', a seed n, or a pair a,b with b odd (as FsCheck prints it)" s
    { FsCheckConfig.defaultConfig with maxTest = maxTest; replay = replay }

/// A property test with 100 cases from the fixed seed of `propertyConfig`.
let testPropertyFixed name property = testPropertyWithConfig (propertyConfig 100) name property
