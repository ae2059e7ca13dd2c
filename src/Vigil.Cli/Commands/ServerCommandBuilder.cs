using System.CommandLine;
using Vigil.Cli.Infrastructure;
using Vigil.Client;

namespace Vigil.Cli.Commands;

/// <summary>The options every server command shares: <c>--server</c>, <c>--key</c>, <c>--json</c>, <c>--verbose</c>.</summary>
internal sealed class ServerCommandOptions
{
    public Option<string?> Server { get; } = ServerConnection.Server();
    public Option<string?> Key { get; } = ServerConnection.Key();
    public Option<string?> Json { get; } = CommonOptions.Json();
    public Option<bool> Verbose { get; } = CommonOptions.Verbose();

    public IEnumerable<Option> All => [Server, Key, Json, Verbose];
}

/// <summary>Builds commands that call the server through <see cref="VigilClient"/>, with the shared options and exit codes.</summary>
internal static class ServerCommandBuilder
{
    /// <summary>
    /// A command whose body gets the parse result, the <c>--json</c> target and a connected client; human output goes to
    /// stderr when <c>--json -</c>. Errors map to exit codes in <see cref="CommandRunner"/>.
    /// </summary>
    public static Command Build(CliContext context, string name, string description, IEnumerable<Option> options,
        Func<ParseResult, string?, VigilClient, int> body)
    {
        var shared = new ServerCommandOptions();
        var cmd = new Command(name, description);
        foreach (var o in options.Concat(shared.All)) cmd.Options.Add(o);
        cmd.SetAction(p => CommandRunner.Run(context, p.GetValue(shared.Verbose), () =>
        {
            var json = p.GetValue(shared.Json);
            context.HumanToError = json == "-";
            using var client = ServerConnection.Connect(p, shared.Server, shared.Key);
            return body(p, json, client);
        }));
        return cmd;
    }

    /// <summary>Writes <paramref name="value"/> as API JSON to the <c>--json</c> target when one was given.</summary>
    public static void WriteJson<T>(CliContext context, string? target, T value)
    {
        if (target is not null) context.WriteDocument(target, ServerConnection.ToJson(value));
    }

    /// <summary>A required option's value (the parser already enforces it; this keeps nullable analysis honest).</summary>
    public static string Required(ParseResult p, Option<string?> option) =>
        p.GetValue(option) is { Length: > 0 } v ? v : throw new UsageException($"{option.Name} is required");

    /// <summary>A time for tables: UTC, seconds.</summary>
    public static string Time(DateTimeOffset? t) => t is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) : "—";

    /// <summary>A time for tables: UTC, seconds.</summary>
    public static string Time(DateTime t) => Time(new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)));
}
