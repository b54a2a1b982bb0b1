using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using Theory.Spiking;

namespace Theory.Cli;

/// <summary>
/// The `theory` command line (System.CommandLine). <see cref="Run(string[], TextWriter, TextWriter)"/>
/// parses, validates and runs one command line and returns its exit code:
/// 0 success; 2 bad usage or input (also a stale twin under `notebook ipynb --check`, and a sweep with
/// pending points under `sweep collect` without `--partial`); 3 a numerical failure; 4 an I/O failure.
/// Every failure is one line on stderr naming the cause (a stack trace only with THEORY_DEBUG=1).
/// </summary>
public sealed class Cli
{
    /// <summary>Exit codes.</summary>
    public const int Ok = 0, Usage = 2, Numerical = 3, Io = 4;

    /// <summary>Where the command writes its results and its messages.</summary>
    public TextWriter Out { get; }

    /// <summary>Progress and diagnostics.</summary>
    public TextWriter Err { get; }

    readonly Dictionary<Command, string> _hints = new();
    readonly Dictionary<string, string> _parameterOptions = new(StringComparer.Ordinal);

    Cli(TextWriter stdout, TextWriter stderr) { Out = stdout; Err = stderr; }

    /// <summary>Runs `theory args` on the process's console.</summary>
    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs `theory args`, writing results to <paramref name="stdout"/> and messages to <paramref name="stderr"/>.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => new Cli(stdout, stderr).Execute(args);

    /// <summary>A command with its options, its action and, for numerical failures, what to try.</summary>
    internal Command Command(string name, string description, Func<ParseResult, int>? action, string? hint, params Symbol[] children)
    {
        var c = new System.CommandLine.Command(name, description);
        foreach (var s in children)
            switch (s)
            {
                case Option o: c.Add(o); break;
                case Argument a: c.Add(a); break;
                case System.CommandLine.Command sub: c.Add(sub); break;
            }
        if (action is not null) c.SetAction(action);
        if (hint is not null) _hints[c] = hint;
        return c;
    }

    /// <summary>Names the command-line option behind a library parameter, so a library ArgumentException
    /// about <paramref name="parameter"/> is reported with <paramref name="option"/>.</summary>
    internal void Maps(params (string Parameter, string Option)[] pairs)
    {
        foreach (var (p, o) in pairs) _parameterOptions[p] = o;
    }

    /// <summary>The command tree. A plain command named `theory` rather than a RootCommand: the name must not
    /// depend on the host process (tests run it in-process), and there are no directives.</summary>
    System.CommandLine.Command Root()
    {
        var root = new System.CommandLine.Command("theory", "Theory: analytic predictions and spiking simulations of theoretical neuroscience.");
        root.Add(new HelpOption());
        root.Add(Version);
        foreach (var c in new[]
                 {
                     SimulateCommand.Build(this), BenchCommand.Build(this), MeanFieldCommand.Build(this),
                     AmplificationCommand.Build(this), SchurCommand.Build(this), StpCommand.Build(this),
                     CalciumCommand.Build(this), MetabolicCommand.Build(this), SweepCommand.Build(this),
                     NotebookCommand.Build(this), PredictCommand.BuildPredict(this), PredictCommand.BuildCrossCheck(this),
                 })
            root.Add(c);
        return root;
    }

    /// <summary>Every runnable command with its options (what `--help` lists), for tests and documentation.</summary>
    public static IReadOnlyList<CommandInfo> Catalogue()
    {
        var list = new List<CommandInfo>();
        void Walk(System.CommandLine.Command c, List<string> path)
        {
            if (c.Subcommands.Count == 0)
                list.Add(new CommandInfo(path.ToArray(),
                    c.Options.Select(o => Opt.Meta.TryGetValue(o, out var m) ? m : null).OfType<OptionInfo>().ToArray(),
                    c.Arguments.FirstOrDefault()?.Name));
            foreach (var s in c.Subcommands) Walk(s, [.. path, s.Name]);
        }
        Walk(new Cli(TextWriter.Null, TextWriter.Null).Root(), []);
        return list;
    }

    readonly Option<bool> Version = Opt.Flag("--version", "Show version information");

    int Execute(string[] args)
    {
        ParseResult? pr = null;
        try
        {
            var root = Root();
            pr = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
            var invocation = new InvocationConfiguration
            {
                Output = Out, Error = Err, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null,
            };
            if (pr.Action is HelpAction) return pr.Invoke(invocation);
            if (args is ["--version"])
            {
                Out.WriteLine(typeof(Cli).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
                    .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "unknown");
                return Ok;
            }
            if (UsageError(args, pr) is { } usage)
                return Fail(Cli.Usage, usage);
            return pr.Invoke(invocation);
        }
        catch (Exception e)
        {
            if (Environment.GetEnvironmentVariable("THEORY_DEBUG") == "1") Err.WriteLine(e.ToString());
            return Report(e, pr, args);
        }
    }

    /// <summary>The first problem of the command line as one sentence, or null if it is well formed.</summary>
    string? UsageError(string[] args, ParseResult pr)
    {
        string where = CommandPath(pr.CommandResult.Command);
        if (args.Contains("--"))
            return $"a bare '--' is not accepted: {where} takes options only (see {where} --help).";
        var repeated = pr.Tokens.Where(t => t.Type == TokenType.Option).GroupBy(t => t.Value).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            return $"{repeated.Key} is given more than once: give each option once.";
        if (pr.Errors.Count == 0) return null;
        var messages = pr.Errors.Select(e => e.Message).ToList();
        // our own parsers' messages start with the option's name
        var own = messages.FirstOrDefault(m => m.StartsWith("--", StringComparison.Ordinal));
        if (own is not null) return own;
        foreach (var m in messages)
            if (Between(m, "Required argument missing for option: '", "'") is { } opt)
                return $"{opt} needs a value.";
        var subcommands = pr.CommandResult.Command.Subcommands.Select(c => c.Name).ToList();
        foreach (var t in pr.UnmatchedTokens)
            return t.StartsWith('-') && t.Length > 1 ? $"unknown option '{t}' for {where} (see {where} --help)."
                : subcommands.Count > 0 ? $"unknown subcommand '{t}' for {where}: use {string.Join(", ", subcommands)} (see {where} --help)."
                : $"unexpected word '{t}': {where} takes no such argument (see {where} --help).";
        foreach (var m in messages)
            if (Between(m, "Option '", "' is required.") is { } opt)
            {
                var o = pr.CommandResult.Command.Options.FirstOrDefault(x => x.Name == opt);
                return $"{opt} is required{(o?.Description is { } d ? $": {d}" : "")}.";
            }
        var subs = pr.CommandResult.Command.Subcommands.Select(c => c.Name).ToList();
        if (subs.Count > 0)
            return $"{where} needs a subcommand: {string.Join(", ", subs)} (see {where} --help).";
        var arg = pr.CommandResult.Command.Arguments.FirstOrDefault();
        if (arg is not null && messages.Any(m => m.StartsWith("Required argument missing", StringComparison.Ordinal)))
            return $"{where} needs {arg.HelpName ?? arg.Name}: {arg.Description}";
        return $"{where}: {messages[0]}";
    }

    static string? Between(string s, string start, string end)
    {
        int i = s.IndexOf(start, StringComparison.Ordinal);
        if (i < 0) return null;
        int j = s.IndexOf(end, i + start.Length, StringComparison.Ordinal);
        return j < 0 ? null : s[(i + start.Length)..j];
    }

    static string CommandPath(System.CommandLine.Command c)
    {
        var names = new List<string>();
        for (Symbol? s = c; s is not null; s = s.Parents.FirstOrDefault())
            names.Add(s.Name);
        names.Reverse();
        return string.Join(' ', names);
    }

    int Report(Exception e, ParseResult? pr, string[] args)
    {
        while (e is AggregateException { InnerExceptions.Count: 1 } a) e = a.InnerExceptions[0];
        var command = pr?.CommandResult.Command;
        string where = command is null ? "theory" : CommandPath(command);
        string subject = where.StartsWith("theory ", StringComparison.Ordinal) ? where["theory ".Length..] : where;
        switch (e)
        {
            case CliIoException:
                return Fail(Io, e.Message);
            case ArgumentException ae:
                return Fail(Cli.Usage, Translate(ae));
            case IOException or UnauthorizedAccessException:
                return Fail(Io, $"{subject}: {(e is UnauthorizedAccessException ? "permission denied: " : "")}{e.Message}");
            case OutOfMemoryException:
                return Fail(Numerical, $"{subject} ran out of memory with {string.Join(' ', args.Skip(Depth(command)))}: reduce the sizes or durations.");
            case ArithmeticException or InvalidOperationException or MathNet.Numerics.NonConvergenceException:
            {
                string given = string.Join(' ', args.Skip(Depth(command)));
                string hint = command is not null && _hints.TryGetValue(command, out var h) ? " Try: " + h : "";
                string what = e is SimulationDivergedException ? "" : "numerical failure: ";
                return Fail(Numerical, $"{subject}{(given.Length > 0 ? " " + given : "")}: {what}{e.Message.TrimEnd('.')}.{hint}");
            }
            default:
                return Fail(Numerical, $"{subject}: internal error ({e.GetType().Name}: {e.Message}); rerun with THEORY_DEBUG=1 for the stack trace and report it.");
        }
    }

    static int Depth(System.CommandLine.Command? c)
    {
        int d = 0;
        for (Symbol? s = c; s is not null; s = s.Parents.FirstOrDefault()) d++;
        d--;   // the root, `theory`, is not among the arguments
        return d;
    }

    /// <summary>A library's diagnostic may quote a NaN or infinite value it computed; say it in words
    /// (results never hold one, and only a value the user typed is echoed as typed).</summary>
    static string InWords(string line)
    {
        line = System.Text.RegularExpressions.Regex.Replace(line, @"-?\bInfinity\b|-?∞", m => m.Value.StartsWith('-') ? "-inf" : "inf");
        return System.Text.RegularExpressions.Regex.Replace(line, @"\bNaN\b", "not-a-number");
    }

    /// <summary>A library ArgumentException in the words of the command line: the option, not the parameter.</summary>
    string Translate(ArgumentException e)
    {
        string msg = e.ParamName is { } own && (own.StartsWith("--", StringComparison.Ordinal) || own is "SPEC" or "SCRIPT")
            ? e.Message : InWords(e.Message);
        if (e.ParamName is { } p)
        {
            msg = msg.Replace($" (Parameter '{p}')", "");
            if (_parameterOptions.TryGetValue(p, out var opt) && !msg.Contains(opt, StringComparison.Ordinal))
            {
                if (msg.StartsWith(p + " ", StringComparison.Ordinal)) msg = opt + msg[p.Length..];
                else msg = $"{opt}: {msg}";
            }
        }
        return msg;
    }

    int Fail(int code, string message)
    {
        var line = message.Replace("\r", "").Replace('\n', ' ').Trim();
        if (code == Numerical) line = InWords(line);
        Err.WriteLine($"theory: {line}");
        return code;
    }

    /// <summary>Writes a table to the file <paramref name="path"/> atomically, or to stdout when it is "-".
    /// Returns whether it went to a file.</summary>
    internal bool WriteTable(string? path, string text, string option)
    {
        if (path is null or "-") { Out.Write(text); return false; }
        AtomicOutput.WriteFile(path, text, option);
        return true;
    }
}
