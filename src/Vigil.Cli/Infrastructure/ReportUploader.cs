using System.CommandLine;
using System.CommandLine.Invocation;
using Vigil.Client;

namespace Vigil.Cli.Infrastructure;

/// <summary>
/// <c>--server URL --key KEY [--model M] [--report-title T]</c> on every report command (evaluate, drift, validate, …),
/// added once here rather than per command: after the command has written its report, the HTML (<c>--out</c>) and the
/// JSON document are stored on the server with <c>POST /api/v1/reports</c> (kind = the command name). Without
/// <c>--out</c> the HTML goes to a temporary file that is deleted after the upload. The command's own exit code is kept
/// (0, or 1 when its condition held); a failed upload is exit 2 (no server, refused) or 3 (server error).
/// </summary>
public static class ReportUploader
{
    private sealed record Attached(Option<string?> Server, Option<string?> Key, Option<string?> Model, Option<string?> Title, Option<string?> Out, Option<bool>? Verbose);

    private static readonly string[] DataOptionNames = ["--reference", "--current", "--data", "--baseline", "--candidate", "--input"];

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Command, Attached> Commands = new();

    /// <summary>Adds the upload options to <paramref name="command"/> (which must have <c>--out</c>) and wraps its action.</summary>
    public static void Attach(CliContext context, Command command)
    {
        var output = command.Options.OfType<Option<string>>().FirstOrDefault(o => o.Name == "--out")
            ?? throw new ArgumentException($"'{command.Name}' has no --out option to upload", nameof(command));
        var verbose = command.Options.OfType<Option<bool>>().FirstOrDefault(o => o.Name == "--verbose");
        var attached = new Attached(
            ServerConnection.Server(hasDefault: false),
            ServerConnection.Key(),
            new Option<string?>("--model") { Description = "With --server: the model the uploaded report belongs to", HelpName = "M" },
            new Option<string?>("--report-title") { Description = "With --server: the report's title (default: command and input files)", HelpName = "TEXT" },
            output!, verbose);
        foreach (var o in new Option[] { attached.Server, attached.Key, attached.Model, attached.Title }) command.Options.Add(o);
        var inner = command.Action as SynchronousCommandLineAction
            ?? throw new ArgumentException($"'{command.Name}' has no synchronous action", nameof(command));
        command.SetAction(p =>
        {
            var code = inner.Invoke(p);
            if (p.GetValue(attached.Server) is not { } server || code is not (ExitCodes.Ok or ExitCodes.ConditionHeld)) return code;
            var uploaded = CommandRunner.Run(context, verbose is not null && p.GetValue(verbose), () => Upload(context, command, p, attached, server));
            return uploaded == ExitCodes.Ok ? code : uploaded;
        });
        Commands.Add(command, attached);
    }

    /// <summary>
    /// When the parsed command uploads (<c>--server</c> given) but has no <c>--out</c>, returns the arguments with a
    /// temporary <c>--out</c> added and the temporary folder to delete afterwards; otherwise the arguments unchanged.
    /// </summary>
    public static (string[] Args, string? TemporaryFolder) WithReportTarget(ParseResult parse, string[] args)
    {
        var command = parse.CommandResult.Command;
        if (!Commands.TryGetValue(command, out var attached)) return (args, null);
        if (parse.GetResult(attached.Server) is null || parse.GetResult(attached.Out) is not null) return (args, null);
        var folder = Path.Combine(Path.GetTempPath(), "vigil-upload-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        return ([.. args, "--out", Path.Combine(folder, command.Name + ".html")], folder);
    }

    private static int Upload(CliContext context, Command command, ParseResult p, Attached attached, string server)
    {
        var htmlPath = p.GetValue(attached.Out);
        if (htmlPath is null || !File.Exists(htmlPath)) throw new UsageException($"--server: {command.Name} wrote no HTML report to upload");
        var html = File.ReadAllText(htmlPath);
        var title = p.GetValue(attached.Title) ?? DefaultTitle(command, p);
        using var client = ServerConnection.Connect(server, p.GetValue(attached.Key));
        var stored = ServerConnection.Wait(client.UploadReportAsync(new ReportUpload(command.Name, title, html, context.LastDocument, p.GetValue(attached.Model))));
        context.HumanWriter.WriteLine($"uploaded: report {stored.Id} ({stored.Kind}) to {client.ServerAddress.ToString().TrimEnd('/')}");
        return ExitCodes.Ok;
    }

    private static string DefaultTitle(Command command, ParseResult p)
    {
        var files = new List<string>();
        foreach (var name in DataOptionNames)
            if (command.Options.OfType<Option<string>>().FirstOrDefault(o => o.Name == name) is { } o && p.GetValue(o) is { Length: > 0 } v)
                files.Add(Path.GetFileName(v));
        return files.Count == 0 ? command.Name : $"{command.Name}: {string.Join(" vs ", files)}";
    }
}
