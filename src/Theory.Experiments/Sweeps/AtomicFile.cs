using System.Diagnostics;
using System.Runtime.InteropServices;

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

    /// <summary>Whether an existing path is a regular file (following links); false for a missing path.</summary>
    public static bool IsRegularFile(string path) => Stat(path).Kind == FileKind.Regular;

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", CharSet = CharSet.Ansi)]
    static extern int SystemNativeStat(string path, byte[] status);

    /// <summary>The kind and size of <paramref name="path"/> (following symbolic links), asked of the file system
    /// without opening it (opening a FIFO would block). .NET reports devices and FIFOs as ordinary files, so on
    /// Unix this asks stat(2) through the runtime's own native shim (System.Native), falling back to POSIX
    /// <c>test -f</c> where the shim is missing.</summary>
    public static FileStat Stat(string path)
    {
        if (Directory.Exists(path)) return new(FileKind.Directory, 0);
        if (!File.Exists(path)) return new(FileKind.Missing, 0);
        if (OperatingSystem.IsWindows()) return new(FileKind.Regular, new FileInfo(path).Length);
        try
        {
            // struct FileStatus of System.Native: int Flags; int Mode; uint Uid; uint Gid; long Size; ...
            var buf = new byte[256];
            if (SystemNativeStat(path, buf) != 0) return new(FileKind.Missing, 0);
            int mode = BitConverter.ToInt32(buf, 4) & 0xF000;
            long size = BitConverter.ToInt64(buf, 16);
            return new(mode == 0x8000 ? FileKind.Regular : mode == 0x4000 ? FileKind.Directory : FileKind.Other, size);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            var psi = new ProcessStartInfo("test") { UseShellExecute = false };
            psi.ArgumentList.Add("-f");
            psi.ArgumentList.Add(path);
            using var p = Process.Start(psi)!;
            p.WaitForExit();
            return p.ExitCode == 0 ? new FileStat(FileKind.Regular, new FileInfo(path).Length) : new FileStat(FileKind.Other, 0);
        }
    }
}

/// <summary>What <see cref="AtomicFile.Stat"/> found at a path.</summary>
/// <param name="Kind">Missing, regular file, folder or other.</param>
/// <param name="Size">Size in bytes (0 unless a regular file).</param>
public readonly record struct FileStat(FileKind Kind, long Size);

/// <summary>What a path is: missing, a regular file, a folder, or something else (device, FIFO, socket).</summary>
public enum FileKind
{
    /// <summary>Nothing exists at the path.</summary>
    Missing,
    /// <summary>A regular file.</summary>
    Regular,
    /// <summary>A folder.</summary>
    Directory,
    /// <summary>Something else: a device, FIFO or socket.</summary>
    Other,
}
