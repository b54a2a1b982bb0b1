using System.Text;

namespace Theory.Cli;

/// <summary>An input or output the command line could not use: exit code 4, one line naming the path and the reason.</summary>
public sealed class CliIoException(string message, Exception? inner = null) : IOException(message, inner);

/// <summary>What a path is, asked of the file system without opening it (opening a FIFO would block).</summary>
public enum PathKind
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

/// <summary>
/// File outputs that appear complete or not at all, and inputs that cannot hang or exhaust memory.
/// Every output is written to a temporary name in the target's own folder and renamed into place
/// (a rename within a folder is atomic on POSIX), so a killed run leaves the previous good file
/// untouched. A multi-file output folder is written as a temporary sibling folder and swapped in
/// whole. Targets that exist and are not regular files (devices such as /dev/null, FIFOs, sockets,
/// or a folder where a file is meant) are refused before any work is written, never replaced.
/// </summary>
public static class AtomicOutput
{
    /// <summary>Largest input file read by any command (bytes): 64 MiB.</summary>
    public const long MaxInputBytes = 64L << 20;

    /// <summary>The kind and size of <paramref name="path"/> (following symbolic links), without opening it
    /// (see <see cref="Theory.Experiments.Sweeps.AtomicFile.Stat"/>: stat(2) through the runtime's native shim).</summary>
    public static (PathKind Kind, long Size) Stat(string path)
    {
        var (kind, size) = Theory.Experiments.Sweeps.AtomicFile.Stat(path);
        return ((PathKind)(int)kind, size);
    }

    /// <summary>What <paramref name="path"/> is (see <see cref="Stat"/>).</summary>
    public static PathKind Kind(string path) => Stat(path).Kind;

    /// <summary>Checks that an input is an existing regular file of at most <paramref name="maxBytes"/>:
    /// a missing file is bad usage (exit 2); a folder, device or FIFO, or an oversized file, is refused
    /// (exit 4) without being opened.</summary>
    public static void CheckInput(string path, string option, long maxBytes = MaxInputBytes)
    {
        var (kind, size) = Stat(path);
        switch (kind)
        {
            case PathKind.Missing:
                throw new ArgumentException($"{option} = '{path}': file not found.", option);
            case PathKind.Directory:
                throw new CliIoException($"{option} = '{path}' is a folder, not a file.");
            case PathKind.Other:
                throw new CliIoException($"{option} = '{path}' is not a regular file (a device, FIFO or socket): give a file.");
        }
        if (size > maxBytes)
            throw new CliIoException($"{option} = '{path}' is {size} bytes: the limit for an input file is {maxBytes} bytes ({maxBytes >> 20} MiB).");
    }

    /// <summary>Reads a checked input file as text (at most <paramref name="maxBytes"/> bytes).</summary>
    public static string ReadInput(string path, string option, long maxBytes = MaxInputBytes)
    {
        CheckInput(path, option, maxBytes);
        try
        {
            using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var buf = new byte[Math.Min(maxBytes + 1, Math.Max(s.Length, 0) + 1)];
            int total = 0, n;
            while (total < buf.Length && (n = s.Read(buf, total, buf.Length - total)) > 0) total += n;
            if (total > maxBytes)
                throw new CliIoException($"{option} = '{path}' is larger than the limit of {maxBytes} bytes for an input file.");
            return Encoding.UTF8.GetString(buf, 0, total);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not CliIoException)
        {
            throw new CliIoException($"{option} = '{path}' cannot be read: {e.Message}", e);
        }
    }

    /// <summary>Refuses a file target that exists and is not a regular file, or whose folder does not exist (exit 4).</summary>
    public static string CheckFileTarget(string path, string option)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException($"{option} is empty: give a file path.", option);
        var full = Path.GetFullPath(path);
        switch (Stat(full).Kind)
        {
            case PathKind.Directory:
                throw new CliIoException($"{option} = '{path}' is a folder: give a file path.");
            case PathKind.Other:
                throw new CliIoException($"{option} = '{path}' is not a regular file (a device, FIFO or socket): it is left alone; give a file path.");
        }
        CheckParent(full, path, option);
        return full;
    }

    /// <summary>Refuses a folder target that exists and is not a folder, or whose parent does not exist (exit 4).</summary>
    public static string CheckDirectoryTarget(string path, string option)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException($"{option} is empty: give a folder path.", option);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        var kind = Stat(full).Kind;
        if (kind is PathKind.Regular or PathKind.Other)
            throw new CliIoException($"{option} = '{path}' exists and is not a folder: give a folder path.");
        CheckParent(full, path, option);
        return full;
    }

    static void CheckParent(string full, string given, string option)
    {
        var parent = Path.GetDirectoryName(full);
        if (parent is null) throw new CliIoException($"{option} = '{given}': cannot write at the file-system root.");
        if (Stat(parent).Kind != PathKind.Directory)
            throw new CliIoException($"{option} = '{given}': the folder '{parent}' does not exist.");
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> atomically (temporary sibling, then rename).</summary>
    public static void WriteFile(string path, string text, string option)
    {
        var full = CheckFileTarget(path, option);
        var tmp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(tmp, text);
            File.Move(tmp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not CliIoException)
        {
            TryDelete(tmp);
            throw new CliIoException($"{option} = '{path}' cannot be written: {Reason(e)}", e);
        }
    }

    /// <summary>Writes a set of files as one folder that appears complete or not at all: the files go into a
    /// temporary sibling folder, which then replaces <paramref name="dir"/> (the previous folder, if any, is
    /// moved aside first and deleted after). Files already in an existing <paramref name="dir"/> that are not
    /// part of the set are carried over, so the folder may hold other material.</summary>
    public static void WriteDirectory(string dir, IReadOnlyList<(string Name, string Text)> files, string option)
    {
        var full = CheckDirectoryTarget(dir, option);
        var parent = Path.GetDirectoryName(full)!;
        var stamp = $"{Environment.ProcessId}.{Guid.NewGuid():N}";
        var tmp = Path.Combine(parent, $".{Path.GetFileName(full)}.{stamp}.tmp");
        var old = Path.Combine(parent, $".{Path.GetFileName(full)}.{stamp}.old");
        try
        {
            Directory.CreateDirectory(tmp);
            foreach (var (name, text) in files) File.WriteAllText(Path.Combine(tmp, name), text);
            bool existed = Directory.Exists(full);
            if (existed)
            {
                var names = files.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
                foreach (var entry in Directory.EnumerateFileSystemEntries(full))
                {
                    var name = Path.GetFileName(entry);
                    if (names.Contains(name)) continue;
                    if (Directory.Exists(entry)) CopyDirectory(entry, Path.Combine(tmp, name));
                    else File.Copy(entry, Path.Combine(tmp, name));
                }
                Directory.Move(full, old);
            }
            Directory.Move(tmp, full);
            if (existed) Directory.Delete(old, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not CliIoException)
        {
            if (!Directory.Exists(full) && Directory.Exists(old)) { try { Directory.Move(old, full); } catch (IOException) { } }
            TryDeleteDirectory(tmp);
            throw new CliIoException($"{option} = '{dir}' cannot be written: {Reason(e)}", e);
        }
    }

    static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.EnumerateFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        foreach (var d in Directory.EnumerateDirectories(from)) CopyDirectory(d, Path.Combine(to, Path.GetFileName(d)));
    }

    static string Reason(Exception e) => e is UnauthorizedAccessException ? "permission denied" : e.Message;

    static void TryDelete(string path) { try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { } }

    static void TryDeleteDirectory(string path)
    {
        try { if (Directory.Exists(path)) Directory.Delete(path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
