using Spectre.Console;

namespace Vigil.Cli.Infrastructure;

/// <summary>
/// Where a command writes: <see cref="Out"/> for machine output (JSON to stdout), <see cref="Human"/> for tables,
/// progress and messages (stderr when JSON goes to stdout, so pipes stay clean).
/// </summary>
public sealed class CliContext
{
    /// <summary>Creates a context over the process's or a test's writers.</summary>
    public CliContext(TextWriter stdout, TextWriter stderr)
    {
        Out = stdout;
        Error = stderr;
    }

    /// <summary>Standard output.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; }

    /// <summary>True when human output must go to stderr (because <c>--json -</c> uses stdout).</summary>
    public bool HumanToError { get; set; }

    /// <summary>The writer for people.</summary>
    public TextWriter HumanWriter => HumanToError ? Error : Out;

    /// <summary>A Spectre console over <see cref="HumanWriter"/> (plain text when redirected).</summary>
    public IAnsiConsole Human
    {
        get
        {
            var terminal = (ReferenceEquals(HumanWriter, Console.Out) && !Console.IsOutputRedirected)
                           || (ReferenceEquals(HumanWriter, Console.Error) && !Console.IsErrorRedirected);
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(HumanWriter),
                Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
                ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
            });
            // Redirected output (logs, CI) has no width; do not wrap tables at 80 columns there.
            if (!terminal) console.Profile.Width = 160;
            return console;
        }
    }

    /// <summary>The last machine document written with <see cref="WriteDocument"/> (what <c>--server</c> uploads as the report JSON).</summary>
    public string? LastDocument { get; private set; }

    /// <summary>Writes a machine document to <paramref name="target"/> (<c>-</c> = stdout) or a file.</summary>
    public void WriteDocument(string target, string content)
    {
        LastDocument = content;
        if (target == "-") { Out.WriteLine(content); return; }
        WriteFile(target, content);
    }

    /// <summary>Writes a file, creating its folder; an unwritable path is a usage error.</summary>
    public static void WriteFile(string path, string content)
    {
        try
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            File.WriteAllText(path, content);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write {path}: {e.Message}");
        }
    }
}
