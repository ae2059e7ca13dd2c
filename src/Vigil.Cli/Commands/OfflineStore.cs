using Vigil.Cli.Infrastructure;
using Vigil.Client;
using Vigil.Server.Security;
using Vigil.Storage;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>--db FILE</c> for <c>vigil keys</c> and <c>vigil audit verify</c>: the same operations on a stopped server's DuckDB
/// file, through the server's own <see cref="KeyService"/> and the store's <see cref="AuditChain"/>, audited as actor
/// <c>cli</c>. DuckDB admits one process per file, so a running server makes this a usage error that says so.
/// </summary>
internal static class OfflineStore
{
    /// <summary>The actor recorded in the audit log for offline changes.</summary>
    public const string Actor = "cli";

    /// <summary>Opens the file; <paramref name="mustExist"/> refuses to create a new database (reading commands).</summary>
    public static async Task<IVigilStore> OpenAsync(string path, bool mustExist)
    {
        if (mustExist && !File.Exists(path)) throw new UsageException($"--db: no database file {path}");
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null && !Directory.Exists(dir)) throw new UsageException($"--db: folder {dir} does not exist");
        try
        {
            return await VigilStore.OpenDuckDbAsync(path).ConfigureAwait(false);
        }
        catch (StoreLockedException e)
        {
            throw new UsageException($"{e.Message}; stop it first, or use --server URL --key ADMIN_KEY while it runs");
        }
    }

    public static async Task<CreatedApiKey> CreateKeyAsync(string path, string name, ApiKeyScope scope)
    {
        await using var store = await OpenAsync(path, mustExist: false).ConfigureAwait(false);
        var created = await new KeyService(store).CreateAsync(name, ToStore(scope), Actor).ConfigureAwait(false);
        var r = created.Record;
        return new CreatedApiKey(r.Id, r.Name, scope, created.Key, r.CreatedAt);
    }

    public static async Task<IReadOnlyList<ApiKeyInfo>> ListKeysAsync(string path)
    {
        await using var store = await OpenAsync(path, mustExist: true).ConfigureAwait(false);
        var keys = await new KeyService(store).ListAsync().ConfigureAwait(false);
        return keys.Select(k => new ApiKeyInfo(k.Id, k.Name, FromStore(k.Scope), k.CreatedAt, k.RevokedAt)).ToList();
    }

    public static async Task RevokeKeyAsync(string path, string id)
    {
        await using var store = await OpenAsync(path, mustExist: true).ConfigureAwait(false);
        if (!await new KeyService(store).RevokeAsync(id, Actor).ConfigureAwait(false))
            throw new UsageException($"no active key '{id}' in {path} (vigil keys list --db {path})");
    }

    public static async Task<Vigil.Client.AuditVerification> VerifyAuditAsync(string path)
    {
        await using var store = await OpenAsync(path, mustExist: true).ConfigureAwait(false);
        var entries = await store.Audit.ReadAllAsync().ConfigureAwait(false);
        var result = AuditChain.Verify(entries);
        return new Vigil.Client.AuditVerification(result.Valid, result.Entries, result.FirstBadSequence, result.Reason);
    }

    private static KeyScope ToStore(ApiKeyScope scope) => scope switch
    {
        ApiKeyScope.Read => KeyScope.Read,
        ApiKeyScope.Ingest => KeyScope.Ingest,
        _ => KeyScope.Admin,
    };

    private static ApiKeyScope FromStore(KeyScope scope) => scope switch
    {
        KeyScope.Read => ApiKeyScope.Read,
        KeyScope.Ingest => ApiKeyScope.Ingest,
        _ => ApiKeyScope.Admin,
    };
}
