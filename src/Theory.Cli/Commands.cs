namespace Theory.Cli;

/// <summary>The process entry point's dispatcher (kept for callers of the earlier API).</summary>
public static class Commands
{
    /// <summary>Runs `theory args` on the console; returns the exit code.</summary>
    public static int Run(string[] args) => Cli.Run(args);
}
