namespace Theory.Cli;

/// <summary>Entry point of the `theory` command-line tool.</summary>
public static class Program
{
    /// <summary>Parses and runs the command line.</summary>
    /// <param name="args">The command-line arguments after the program name.</param>
    /// <returns>The exit code: 0 success, 2 bad usage or input, 3 a numerical failure, 4 an I/O failure (see <see cref="Cli"/>).</returns>
    public static int Main(string[] args) => Cli.Run(args);
}
