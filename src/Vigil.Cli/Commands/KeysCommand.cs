using System.CommandLine;
using Spectre.Console;
using Vigil.Cli.Infrastructure;
using Vigil.Client;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil keys create|list|revoke</c>: API keys through a running server's admin API (<c>--server URL --key ADMIN_KEY</c>).
/// The full key is printed once, on creation (to stdout, alone on its line, so <c>KEY=$(vigil keys create …)</c> works).
/// With <c>--db FILE</c> the same operations run on a stopped server's database (e.g. the first admin key before the
/// first start on a public address).
/// </summary>
public static class KeysCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliContext context)
    {
        var cmd = new Command("keys", "Create, list and revoke API keys (scopes: read ⊂ ingest ⊂ admin)");
        cmd.Subcommands.Add(CreateKey(context));
        cmd.Subcommands.Add(List(context));
        cmd.Subcommands.Add(Revoke(context));
        return cmd;
    }

    internal static ApiKeyScope ParseScope(string text) => text.ToLowerInvariant() switch
    {
        "read" => ApiKeyScope.Read,
        "ingest" => ApiKeyScope.Ingest,
        "admin" => ApiKeyScope.Admin,
        _ => throw new UsageException($"--scope must be read, ingest or admin, got '{text}'"),
    };

    private static Option<string?> Db() => new("--db") { Description = "Work on a stopped server's DuckDB file instead of --server", HelpName = "FILE" };

    private static Command CreateKey(CliContext context)
    {
        var name = new Option<string?>("--name") { Description = "Label of the key (who or what uses it)", Required = true, HelpName = "NAME" };
        var scope = new Option<string>("--scope") { Description = "read | ingest | admin", DefaultValueFactory = _ => "read", HelpName = "SCOPE" };
        var db = Db();
        return ServerCommandBuilder.Build(context, "create", "Create an API key; prints the key once", [name, scope, db], (p, json, client) =>
        {
            var keyName = ServerCommandBuilder.Required(p, name);
            var keyScope = ParseScope(p.GetValue(scope)!);
            var created = p.GetValue(db) is { } path
                ? ServerConnection.Wait(OfflineStore.CreateKeyAsync(path, keyName, keyScope))
                : ServerConnection.Wait(client.CreateKeyAsync(keyName, keyScope));
            ServerCommandBuilder.WriteJson(context, json, created);
            PrintCreated(context, created.Id, created.Name, created.Scope.ToString().ToLowerInvariant(), created.Key, json);
            return ExitCodes.Ok;
        });
    }

    /// <summary>The key alone on stdout (unless <c>--json -</c> owns stdout), the note on stderr.</summary>
    internal static void PrintCreated(CliContext context, string id, string name, string scope, string key, string? json)
    {
        if (json != "-") context.Out.WriteLine(key);
        context.Error.WriteLine($"created {scope} key {id} ({name}); store it now: it is not shown again");
    }

    private static Command List(CliContext context)
    {
        var db = Db();
        return ServerCommandBuilder.Build(context, "list", "List API keys (never their secrets)", [db], (p, json, client) =>
        {
            var keys = p.GetValue(db) is { } path ? ServerConnection.Wait(OfflineStore.ListKeysAsync(path)) : ServerConnection.Wait(client.ListKeysAsync());
            ServerCommandBuilder.WriteJson(context, json, keys);
            PrintKeys(context, keys.Select(k => (k.Id, k.Name, k.Scope.ToString().ToLowerInvariant(), k.CreatedAt, k.RevokedAt)));
            return ExitCodes.Ok;
        });
    }

    internal static void PrintKeys(CliContext context, IEnumerable<(string Id, string Name, string Scope, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)> keys)
    {
        var table = new Table().AddColumn("id").AddColumn("name").AddColumn("scope").AddColumn("created").AddColumn("revoked");
        var any = false;
        foreach (var k in keys)
        {
            any = true;
            table.AddRow(Markup.Escape(k.Id), Markup.Escape(k.Name), k.Scope, ServerCommandBuilder.Time(k.CreatedAt),
                k.RevokedAt is null ? "—" : $"[red]{ServerCommandBuilder.Time(k.RevokedAt)}[/]");
        }
        if (any) context.Human.Write(table);
        else context.HumanWriter.WriteLine("no keys (the server is open on loopback only)");
    }

    private static Command Revoke(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "Key id (the part after vgl_, or the whole key)" };
        var db = Db();
        var cmd = ServerCommandBuilder.Build(context, "revoke", "Revoke an API key", [db], (p, json, client) =>
        {
            var keyId = KeyId(p.GetValue(id)!);
            if (p.GetValue(db) is { } path) ServerConnection.Wait(OfflineStore.RevokeKeyAsync(path, keyId));
            else ServerConnection.Wait(client.RevokeKeyAsync(keyId));
            ServerCommandBuilder.WriteJson(context, json, new { id = keyId, revoked = true });
            context.HumanWriter.WriteLine($"revoked key {keyId}");
            return ExitCodes.Ok;
        });
        cmd.Arguments.Add(id);
        return cmd;
    }

    /// <summary>The id of <c>vgl_ID_SECRET</c>, or the text itself when it is already an id.</summary>
    internal static string KeyId(string text)
    {
        text = text.Trim();
        if (text.StartsWith("vgl_", StringComparison.Ordinal))
        {
            var parts = text.Split('_');
            if (parts.Length >= 2 && parts[1].Length > 0) return parts[1];
        }
        return text;
    }
}
