using System.Data.Common;

namespace Vigil.Storage.Sql;

/// <summary>
/// The audit log. Appends are serialised (an in-process lock plus, on PostgreSQL, an advisory transaction lock) so the
/// read of the last hash and the insert of the next entry happen atomically.
/// </summary>
internal sealed class SqlAuditStore(SqlDialect db) : IAuditStore
{
    private readonly SemaphoreSlim _lock = new(1, 1);

    public async Task<AuditEntry> AppendAsync(AuditDraft draft, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return await db.TransactionAsync(async (c, tx) =>
            {
                await db.LockAsync(c, tx, "audit", ct).ConfigureAwait(false);
                var last = await db.QueryAsync(c, tx, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
                    r => (Sequence: r.GetInt64(0), Hash: r.GetString(1)), ct).ConfigureAwait(false);
                var sequence = last.Count == 0 ? 1 : last[0].Sequence + 1;
                var previous = last.Count == 0 ? AuditChain.GenesisHash : last[0].Hash;
                var at = Time.TruncateToMicroseconds(DateTimeOffset.UtcNow);
                var entry = new AuditEntry(sequence, at, draft.Actor, draft.Action, draft.Target, draft.BeforeJson, draft.AfterJson, previous, "");
                entry = entry with { Hash = AuditChain.ComputeHash(entry) };
                await db.ExecuteAsync(c, tx,
                    "INSERT INTO audit_log (seq, logged_at, actor, action, target, before_json, after_json, previous_hash, hash) VALUES ($s, $t, $ac, $a, $tg, $b, $af, $p, $h)", ct,
                    ("s", entry.Sequence), ("t", entry.At), ("ac", entry.Actor), ("a", entry.Action), ("tg", entry.Target), ("b", entry.BeforeJson),
                    ("af", entry.AfterJson), ("p", entry.PreviousHash), ("h", entry.Hash)).ConfigureAwait(false);
                return entry;
            }, ct).ConfigureAwait(false);
        }
        finally { _lock.Release(); }
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAllAsync(CancellationToken ct = default) =>
        await db.QueryAsync("SELECT seq, logged_at, actor, action, target, before_json, after_json, previous_hash, hash FROM audit_log ORDER BY seq", Read, ct).ConfigureAwait(false);

    private static AuditEntry Read(DbDataReader r) =>
        new(r.GetInt64(0), Time.ReadOffset(r, 1), r.GetString(2), r.GetString(3), r.GetString(4), Time.StringOrNull(r, 5), Time.StringOrNull(r, 6),
            r.GetString(7), r.GetString(8));
}

internal sealed class SqlKeyStore(SqlDialect db) : IKeyStore
{
    private const string Columns = "SELECT id, name, scope, secret_sha256, created_at, revoked_at FROM api_keys";

    public Task CreateAsync(ApiKeyRecord key, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return db.ExecuteAsync("INSERT INTO api_keys (id, name, scope, secret_sha256, created_at, revoked_at) VALUES ($i, $n, $s, $h, $c, $r)", ct,
            ("i", key.Id), ("n", key.Name), ("s", ScopeText(key.Scope)), ("h", key.SecretSha256), ("c", key.CreatedAt), ("r", key.RevokedAt));
    }

    public async Task<ApiKeyRecord?> GetAsync(string id, CancellationToken ct = default)
    {
        var list = await db.QueryAsync(Columns + " WHERE id = $i", Read, ct, ("i", id)).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken ct = default) =>
        await db.QueryAsync(Columns + " ORDER BY created_at, id", Read, ct).ConfigureAwait(false);

    public async Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken ct = default) =>
        await db.ExecuteAsync("UPDATE api_keys SET revoked_at = $t WHERE id = $i AND revoked_at IS NULL", ct, ("t", at), ("i", id)).ConfigureAwait(false) > 0;

    public async Task<bool> AnyActiveAsync(CancellationToken ct = default)
    {
        var n = await db.QueryAsync("SELECT count(*) FROM api_keys WHERE revoked_at IS NULL", r => Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
        return n[0] > 0;
    }

    private static string ScopeText(KeyScope s) => s switch
    {
        KeyScope.Read => "read",
        KeyScope.Ingest => "ingest",
        KeyScope.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(s), s, "unknown key scope"),
    };

    private static KeyScope ParseScope(string s) => s switch
    {
        "read" => KeyScope.Read,
        "ingest" => KeyScope.Ingest,
        "admin" => KeyScope.Admin,
        _ => throw new InvalidDataException($"stored key scope '{s}' is not read, ingest or admin"),
    };

    private static ApiKeyRecord Read(DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), ParseScope(r.GetString(2)), r.GetString(3), Time.ReadOffset(r, 4), Time.ReadOffsetOrNull(r, 5));
}

internal sealed class SqlReportStore(SqlDialect db) : IReportStore
{
    private const string Columns = "SELECT id, model, kind, title, created_at FROM reports";

    public async Task<ReportRecord> PutAsync(string? model, string kind, string title, string html, string? json, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(html);
        var record = new ReportRecord(Guid.NewGuid().ToString("N"), model, kind, title, Time.TruncateToMicroseconds(DateTimeOffset.UtcNow));
        await db.ExecuteAsync("INSERT INTO reports (id, model, kind, title, html, json, created_at) VALUES ($i, $m, $k, $t, $h, $j, $c)", ct,
            ("i", record.Id), ("m", model), ("k", kind), ("t", title), ("h", html), ("j", json), ("c", record.CreatedAt)).ConfigureAwait(false);
        return record;
    }

    public async Task<IReadOnlyList<ReportRecord>> ListAsync(string? model = null, CancellationToken ct = default) =>
        model is null
            ? await db.QueryAsync(Columns + " ORDER BY created_at DESC, id", Read, ct).ConfigureAwait(false)
            : await db.QueryAsync(Columns + " WHERE model = $m ORDER BY created_at DESC, id", Read, ct, ("m", model)).ConfigureAwait(false);

    public async Task<(ReportRecord Record, string Html, string? Json)?> GetAsync(string id, CancellationToken ct = default)
    {
        var list = await db.QueryAsync("SELECT id, model, kind, title, created_at, html, json FROM reports WHERE id = $i",
            r => (Read(r), r.GetString(5), Time.StringOrNull(r, 6)), ct, ("i", id)).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    private static ReportRecord Read(DbDataReader r) =>
        new(r.GetString(0), Time.StringOrNull(r, 1), r.GetString(2), r.GetString(3), Time.ReadOffset(r, 4));
}
