using System.Text.Json;
using Vigil.TestSupport;

namespace Vigil.Cli.Tests;

/// <summary>Runs the CLI in-process and captures its output.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static CliRun Of(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = VigilApp.Run(args, o, e);
        return new CliRun(code, o.ToString(), e.ToString());
    }

    public JsonDocument Json() => JsonDocument.Parse(Stdout);

    /// <summary>Writes text to a new temporary file and returns its path.</summary>
    public static string TempFile(string content, string name = "data.csv")
    {
        var path = Path.Combine(Paths.TempFolder(), name);
        File.WriteAllText(path, content);
        return path;
    }
}
