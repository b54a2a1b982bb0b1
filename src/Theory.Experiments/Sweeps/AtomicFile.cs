using System.Diagnostics;

namespace Theory.Experiments.Sweeps;

/// <summary>
/// Whole-file writes that never leave a half-written file in place: the text goes to a temporary
/// file beside the target, which is then renamed over it (a rename within a folder is atomic on
/// POSIX file systems). Targets that are not regular files (folders, devices, FIFOs) are refused
/// before anything is written.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> through <paramref name="path"/> + <paramref name="tmpSuffix"/>.</summary>
    public static void WriteText(string path, string text, string tmpSuffix = ".tmp", string option = "path")
    {
        CheckTarget(path, option);
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        string tmp = path + tmpSuffix;
        File.WriteAllText(tmp, text);
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>Throws an ArgumentException naming <paramref name="option"/> when <paramref name="path"/> exists and is not a
    /// regular file (a folder, a device such as /dev/null, a FIFO or a socket): renaming over it would replace it.</summary>
    public static void CheckTarget(string path, string option = "path")
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException($"{option} is empty: give a file path.", option);
        if (Directory.Exists(path)) throw new ArgumentException($"{option} = '{path}' is a folder: give a file path.", option);
        if (File.Exists(path) && !IsRegularFile(path))
            throw new ArgumentException($"{option} = '{path}' is not a regular file (a device, FIFO or socket): give a file path.", option);
    }

    /// <summary>Whether an existing path is a regular file (following links). .NET reports devices and FIFOs as
    /// normal files, so on Unix this asks POSIX <c>test -f</c>.</summary>
    public static bool IsRegularFile(string path)
    {
        if (OperatingSystem.IsWindows()) return File.Exists(path);
        var psi = new ProcessStartInfo("test") { UseShellExecute = false };
        psi.ArgumentList.Add("-f");
        psi.ArgumentList.Add(path);
        using var p = Process.Start(psi)!;
        p.WaitForExit();
        return p.ExitCode == 0;
    }
}
