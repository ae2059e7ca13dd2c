using System.Collections.Concurrent;
using System.Text.Json;
using Vigil.Storage;

namespace Vigil.Server.Security;

/// <summary>A key just created: its record and the full key text, which is shown once and never stored.</summary>
/// <param name="Record">The stored record (hash only).</param>
/// <param name="Key">The full key <c>vgl_ID_SECRET</c>.</param>
public sealed record CreatedKey(ApiKeyRecord Record, string Key);

/// <summary>
/// Creates, lists, revokes and checks API keys on a <see cref="IVigilStore"/>, writing every change to the audit log.
/// The server uses one instance (which caches key records between changes); <c>vigil keys create --db FILE</c> uses it
/// offline on a stopped server's database.
/// </summary>
public sealed class KeyService
{
    private readonly IVigilStore _store;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, ApiKeyRecord?> _cache = new(StringComparer.Ordinal);
    private volatile int _anyActive = -1; // -1 unknown, 0 no, 1 yes

    /// <summary>A service over <paramref name="store"/>; <paramref name="time"/> defaults to the system clock.</summary>
    public KeyService(IVigilStore store, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Creates a key of <paramref name="scope"/> named <paramref name="name"/> and audits it as done by <paramref name="actor"/>.</summary>
    public async Task<CreatedKey> CreateAsync(string name, KeyScope scope, string actor, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var (id, secret, key) = ApiKey.Generate();
        var record = new ApiKeyRecord(id, name, scope, ApiKey.HashSecret(secret), Truncate(_time.GetUtcNow()), null);
        await StoreAsync(record, actor, ct).ConfigureAwait(false);
        return new CreatedKey(record, key);
    }

    /// <summary>
    /// Stores a key whose full text was made elsewhere (the admin key file), unless its id is already stored;
    /// returns false when the id exists. Throws <see cref="ArgumentException"/> when <paramref name="key"/> is not a key.
    /// </summary>
    public async Task<bool> ImportAsync(string key, string name, KeyScope scope, string actor, CancellationToken ct = default)
    {
        if (!ApiKey.TryParse(key, out var id, out var secret)) throw new ArgumentException("not a Vigil key (expected vgl_<16 hex>_<secret>)", nameof(key));
        if (await _store.Keys.GetAsync(id, ct).ConfigureAwait(false) is not null) return false;
        await StoreAsync(new ApiKeyRecord(id, name, scope, ApiKey.HashSecret(secret), Truncate(_time.GetUtcNow()), null), actor, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Every key (revoked ones included), as stored.</summary>
    public Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken ct = default) => _store.Keys.ListAsync(ct);

    /// <summary>Revokes key <paramref name="id"/>; false when unknown or already revoked.</summary>
    public async Task<bool> RevokeAsync(string id, string actor, CancellationToken ct = default)
    {
        var before = await _store.Keys.GetAsync(id, ct).ConfigureAwait(false);
        if (before is null || before.RevokedAt is not null) return false;
        var at = Truncate(_time.GetUtcNow());
        if (!await _store.Keys.RevokeAsync(id, at, ct).ConfigureAwait(false)) return false;
        Invalidate();
        await _store.Audit.AppendAsync(new AuditDraft(actor, "key.revoke", $"key:{id}", Describe(before), Describe(before with { RevokedAt = at })), ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>True when at least one unrevoked key exists (cached until a change made through this service).</summary>
    public async Task<bool> AnyActiveAsync(CancellationToken ct = default)
    {
        var known = _anyActive;
        if (known >= 0) return known == 1;
        var any = await _store.Keys.AnyActiveAsync(ct).ConfigureAwait(false);
        _anyActive = any ? 1 : 0;
        return any;
    }

    /// <summary>
    /// The unrevoked key record <paramref name="key"/> belongs to, or null when the text is not a key, the id is unknown,
    /// the key is revoked or the secret does not match (hashes compared in constant time).
    /// </summary>
    public async Task<ApiKeyRecord?> AuthenticateAsync(string key, CancellationToken ct = default)
    {
        if (!ApiKey.TryParse(key, out var id, out var secret)) return null;
        if (!_cache.TryGetValue(id, out var record))
        {
            record = await _store.Keys.GetAsync(id, ct).ConfigureAwait(false);
            _cache[id] = record;
        }
        if (record is null || record.RevokedAt is not null) return null;
        return ApiKey.Matches(secret, record.SecretSha256) ? record : null;
    }

    private async Task StoreAsync(ApiKeyRecord record, string actor, CancellationToken ct)
    {
        await _store.Keys.CreateAsync(record, ct).ConfigureAwait(false);
        Invalidate();
        await _store.Audit.AppendAsync(new AuditDraft(actor, "key.create", $"key:{record.Id}", null, Describe(record)), ct).ConfigureAwait(false);
    }

    private void Invalidate()
    {
        _cache.Clear();
        _anyActive = -1;
    }

    /// <summary>The audit view of a key: never the hash.</summary>
    private static string Describe(ApiKeyRecord k) => JsonSerializer.Serialize(new
    {
        id = k.Id, name = k.Name, scope = ScopeName(k.Scope), created_at = k.CreatedAt.UtcDateTime, revoked_at = k.RevokedAt?.UtcDateTime,
    });

    /// <summary>"read", "ingest" or "admin".</summary>
    public static string ScopeName(KeyScope scope) => scope switch
    {
        KeyScope.Read => "read",
        KeyScope.Ingest => "ingest",
        _ => "admin",
    };

    /// <summary>Parses "read", "ingest" or "admin" (any case); false otherwise.</summary>
    public static bool TryParseScope(string? text, out KeyScope scope)
    {
        scope = KeyScope.Read;
        switch (text?.ToLowerInvariant())
        {
            case "read": scope = KeyScope.Read; return true;
            case "ingest": scope = KeyScope.Ingest; return true;
            case "admin": scope = KeyScope.Admin; return true;
            default: return false;
        }
    }

    // Stores keep microseconds at best; a whole-millisecond time reads back equal on both backends.
    private static DateTimeOffset Truncate(DateTimeOffset t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
}
