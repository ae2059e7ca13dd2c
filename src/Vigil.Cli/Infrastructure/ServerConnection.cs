using System.CommandLine;
using System.Text.Json;
using Vigil.Client;

namespace Vigil.Cli.Infrastructure;

/// <summary>
/// The shared <c>--server URL</c> and <c>--key KEY</c> options of every command that talks to a Vigil server, and the
/// client they build. <c>--server</c> defaults to <c>VIGIL_SERVER</c> or <c>http://127.0.0.1:5080</c>; <c>--key</c> to
/// <c>VIGIL_KEY</c> (so keys stay out of shell history and process lists).
/// </summary>
public static class ServerConnection
{
    /// <summary>Environment variable holding the default API key.</summary>
    public const string KeyVariable = "VIGIL_KEY";

    /// <summary>Environment variable holding the default server URL.</summary>
    public const string ServerVariable = "VIGIL_SERVER";

    /// <summary><c>--server URL</c>; <paramref name="hasDefault"/> false leaves it null unless given (report upload is opt-in).</summary>
    public static Option<string?> Server(bool hasDefault = true)
    {
        var option = new Option<string?>("--server")
        {
            Description = hasDefault
                ? $"Vigil server URL (default: ${ServerVariable} or {VigilClient.DefaultServerAddress})"
                : "Also upload the report to this Vigil server (POST /api/v1/reports)",
            HelpName = "URL",
        };
        if (hasDefault) option.DefaultValueFactory = _ => DefaultServer();
        return option;
    }

    /// <summary><c>--key KEY</c> (default <c>$VIGIL_KEY</c>).</summary>
    public static Option<string?> Key() => new("--key") { Description = $"API key vgl_… (default: ${KeyVariable})", HelpName = "KEY" };

    /// <summary>The server URL used when <c>--server</c> is not given.</summary>
    public static string DefaultServer() =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } s ? s : VigilClient.DefaultServerAddress;

    /// <summary>A client for <paramref name="server"/> with <paramref name="key"/> or <c>$VIGIL_KEY</c>; a bad URL is a usage error.</summary>
    public static VigilClient Connect(string? server, string? key)
    {
        Uri address;
        try { address = VigilClient.ParseAddress(server ?? DefaultServer()); }
        catch (ArgumentException e) { throw new UsageException($"--server: {e.Message.Split(" (Parameter")[0]}"); }
        return new VigilClient(address, key ?? Environment.GetEnvironmentVariable(KeyVariable));
    }

    /// <summary>The client for a parsed command with the two options.</summary>
    public static VigilClient Connect(ParseResult parse, Option<string?> server, Option<string?> key) => Connect(parse.GetValue(server), parse.GetValue(key));

    /// <summary>Serialises an API result the way the server writes it (snake_case), indented, for <c>--json</c>.</summary>
    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Indented);

    private static readonly JsonSerializerOptions Indented = new(VigilJson.Options) { WriteIndented = true };

    /// <summary>Runs an async command body synchronously (the CLI has no synchronization context).</summary>
    public static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();

    /// <summary>Runs an async command body synchronously.</summary>
    public static void Wait(Task task) => task.GetAwaiter().GetResult();
}
