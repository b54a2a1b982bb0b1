/// The notebook pipeline on the real notebooks: every notebooks/*.fsx runs whole with
/// `dotnet fsi` (quick mode), and every committed .ipynb twin is what the converter generates.
module Theory.Tests.Pipeline.NotebookTests

open System.IO
open Expecto
open Theory.Experiments.Publishing
open Theory.Tests.Util
open Theory.Tests.Pipeline.Artifacts

let notebookScripts () =
    let dir = Path.Combine(repoRoot, "notebooks")
    Directory.GetFiles(dir, "*.fsx")
    |> Array.filter (fun f -> not (Path.GetFileName(f).StartsWith "_"))
    |> Array.sort

[<Tests>]
let tests =
    testList "Pipeline.Notebooks" [
        testCase "there is at least one notebook script" <| fun () ->
            Expect.isNonEmpty (notebookScripts ()) "notebooks/*.fsx"

        testCase "every committed .ipynb twin is up to date with its script" <| fun () ->
            let problems =
                [ for s in notebookScripts () do
                      let rel = Path.GetRelativePath(repoRoot, s)
                      let twin = Path.ChangeExtension(rel, "ipynb")
                      match LiterateNotebook.CheckTwin s with
                      | TwinState.Current -> ()
                      | TwinState.Missing -> yield $"{twin} is missing"
                      | _ -> yield $"{twin} is out of date with {rel}" ]
            if not problems.IsEmpty then
                failtestf "%s\nregenerate with `dotnet fsi build.fsx notebooks` and commit the .ipynb files" (String.concat "\n" problems)

        testCase "every .ipynb in notebooks/ has a literate script" <| fun () ->
            for nb in Directory.GetFiles(Path.Combine(repoRoot, "notebooks"), "*.ipynb") do
                Expect.isTrue (File.Exists(Path.ChangeExtension(nb, ".fsx")))
                    $"{Path.GetFileName nb} has no {Path.GetFileNameWithoutExtension nb}.fsx: notebooks are generated from scripts"

        testCase "every notebook script runs whole with dotnet fsi (quick mode)" <| fun () ->
            requireReleaseBuild ()
            use tmp = new TempDir()
            for s in notebookScripts () do
                let rel = Path.GetRelativePath(repoRoot, s)
                let run = runFsi rel [ "THEORY_QUICK", "1"; "THEORY_NOTEBOOK_OUT", tmp.Path ] 300.0
                if run.ExitCode <> 0 then
                    failtestf "dotnet fsi %s exited with %d:\n%s" rel run.ExitCode (tail 30 run.Output)
                printfn "Pipeline.Notebooks: %s ran in %.1f s" rel run.Seconds
    ]
