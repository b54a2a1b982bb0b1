/// Helpers of the pipeline tests: running an F# script with `dotnet fsi`, and reading the
/// figure artifacts (PNG header and pixels, PDF pages) with no imaging library.
module Theory.Tests.Pipeline.Artifacts

open System
open System.Diagnostics
open System.IO
open System.IO.Compression
open System.Text
open Expecto
open Theory.Tests.Util

/// Result of one `dotnet fsi` run: exit code, combined output, seconds taken.
type FsiRun = { ExitCode: int; Output: string; Seconds: float }

/// Runs `dotnet fsi --quiet <script>` in the repository root with extra environment
/// variables; kills it (and fails) after `timeoutSeconds`.
let runFsi (script: string) (env: (string * string) list) (timeoutSeconds: float) =
    let psi = ProcessStartInfo("dotnet", WorkingDirectory = repoRoot, UseShellExecute = false,
                               RedirectStandardOutput = true, RedirectStandardError = true)
    for a in [ "fsi"; "--quiet"; script ] do psi.ArgumentList.Add a
    psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] <- "1"
    psi.Environment["DOTNET_NOLOGO"] <- "1"
    for k, v in env do psi.Environment[k] <- v
    let out = StringBuilder()
    let sw = Stopwatch.StartNew()
    use p = new Process(StartInfo = psi)
    p.OutputDataReceived.Add(fun e -> if not (isNull e.Data) then lock out (fun () -> out.AppendLine e.Data |> ignore))
    p.ErrorDataReceived.Add(fun e -> if not (isNull e.Data) then lock out (fun () -> out.AppendLine e.Data |> ignore))
    p.Start() |> ignore
    p.BeginOutputReadLine()
    p.BeginErrorReadLine()
    if not (p.WaitForExit(TimeSpan.FromSeconds timeoutSeconds)) then
        p.Kill true
        p.WaitForExit()
        failtestf "dotnet fsi %s did not finish within %.0f s; output so far:\n%s" script timeoutSeconds (string out)
    p.WaitForExit()
    { ExitCode = p.ExitCode; Output = lock out (fun () -> string out); Seconds = sw.Elapsed.TotalSeconds }

/// The last `n` lines of a process output (for failure messages).
let tail (n: int) (s: string) =
    let lines = s.Split('\n', StringSplitOptions.RemoveEmptyEntries)
    String.Join("\n", lines[max 0 (lines.Length - n) ..])

/// The Release assemblies that scripts reference must exist (the test binary is Release in CI).
let requireReleaseBuild () =
    let dll = Path.Combine(repoRoot, "src", "Theory.Experiments", "bin", "Release", "net10.0", "Theory.Experiments.dll")
    if not (File.Exists dll) then
        failtestf "%s is missing: scripts reference the Release build; run `dotnet build Theory.sln -c Release` first" dll

let pngSignature = [| 0x89uy; 0x50uy; 0x4Euy; 0x47uy; 0x0Duy; 0x0Auy; 0x1Auy; 0x0Auy |]

let private be32 (b: byte[]) (i: int) =
    (int b[i] <<< 24) ||| (int b[i + 1] <<< 16) ||| (int b[i + 2] <<< 8) ||| int b[i + 3]

/// (width, height) from the IHDR chunk of a PNG file's bytes.
let pngSize (bytes: byte[]) =
    if bytes.Length < 24 || bytes[0..7] <> pngSignature then failtest "not a PNG (signature missing)"
    if Encoding.ASCII.GetString(bytes, 12, 4) <> "IHDR" then failtest "PNG: first chunk is not IHDR"
    be32 bytes 16, be32 bytes 20

/// Decodes an 8-bit RGB or RGBA, non-interlaced PNG (what Chromium writes) into rows of RGB
/// triples, undoing the per-row filters (PNG spec §9).
let pngPixels (bytes: byte[]) : byte[][] =
    let w, h = pngSize bytes
    let bitDepth, colorType, interlace = bytes[24], bytes[25], bytes[28]
    if bitDepth <> 8uy || (colorType <> 2uy && colorType <> 6uy) || interlace <> 0uy then
        failtestf "PNG: unsupported format (bit depth %d, colour type %d, interlace %d)" bitDepth colorType interlace
    let bpp = if colorType = 2uy then 3 else 4
    use idat = new MemoryStream()
    let mutable i = 8
    while i + 8 <= bytes.Length do
        let len = be32 bytes i
        let kind = Encoding.ASCII.GetString(bytes, i + 4, 4)
        if kind = "IDAT" then idat.Write(bytes, i + 8, len)
        i <- i + 12 + len
    idat.Position <- 0L
    use z = new ZLibStream(idat, CompressionMode.Decompress)
    use raw = new MemoryStream()
    z.CopyTo raw
    let data = raw.ToArray()
    let stride = w * bpp
    if data.Length < h * (stride + 1) then failtestf "PNG: %d bytes of image data, expected %d" data.Length (h * (stride + 1))
    let mutable prev = Array.zeroCreate<byte> stride
    [| for y in 0 .. h - 1 ->
           let f = data[y * (stride + 1)]
           let cur = Array.sub data (y * (stride + 1) + 1) stride
           for x in 0 .. stride - 1 do
               let a = if x >= bpp then int cur[x - bpp] else 0
               let b = int prev[x]
               let c = if x >= bpp then int prev[x - bpp] else 0
               let pred =
                   match f with
                   | 0uy -> 0
                   | 1uy -> a
                   | 2uy -> b
                   | 3uy -> (a + b) / 2
                   | 4uy ->
                       let p = a + b - c
                       let pa, pb, pc = abs (p - a), abs (p - b), abs (p - c)
                       if pa <= pb && pa <= pc then a elif pb <= pc then b else c
                   | _ -> failtestf "PNG: bad filter type %d in row %d" f y
               cur[x] <- byte ((int cur[x] + pred) &&& 0xFF)
           prev <- cur
           Array.init (w * 3) (fun k -> cur[(k / 3) * bpp + k % 3]) |]

/// Number of pages of a PDF (counts `/Type /Page` objects, not `/Pages`).
let pdfPageCount (bytes: byte[]) =
    let text = Encoding.Latin1.GetString bytes
    Text.RegularExpressions.Regex.Matches(text, @"/Type\s*/Page(?![a-zA-Z])").Count

/// A fresh temporary folder, deleted when disposed.
type TempDir() =
    let dir = Directory.CreateTempSubdirectory("theory-test-")
    member _.Path = dir.FullName
    interface IDisposable with
        member _.Dispose() = try dir.Delete true with _ -> ()
