/// Test entry point. Every `[<Tests>]` value in this assembly is discovered. Tests whose
/// top-level list name starts with "crosscheck" are the long validations: excluded from the
/// default run, and the only ones run with `--crosscheck`. Ends by printing one line
/// `N passed, N failed` (errored tests count as failed).
module Theory.Tests.Main

open System
open Expecto

[<EntryPoint>]
let main argv =
    let crosscheck = argv |> Array.contains "--crosscheck"
    if crosscheck then Environment.SetEnvironmentVariable("THEORY_CROSSCHECK", "1")
    let rest = argv |> Array.filter (fun a -> a <> "--crosscheck")
    let all =
        match Impl.testFromThisAssembly () with
        | Some t -> t
        | None -> TestList([], Normal)
    let isLong (path: string list) =
        path |> List.exists (fun p -> p.StartsWith("crosscheck", StringComparison.Ordinal))
    let tests = all |> Test.filter "/" (fun path -> if crosscheck then isLong path else not (isLong path))
    let mutable passed, failed = 0, 0
    let cfg =
        { defaultConfig with
            printer =
                { defaultConfig.printer with
                    summary =
                        fun c s ->
                            passed <- s.passed.Length
                            failed <- s.failed.Length + s.errored.Length
                            defaultConfig.printer.summary c s } }
    let rc = runTestsWithCLIArgs [ CLIArguments.Printer cfg.printer; CLIArguments.No_Spinner ] rest tests
    // on a line of its own, after Expecto's colour codes
    printfn "\n%d passed, %d failed" passed failed
    rc
