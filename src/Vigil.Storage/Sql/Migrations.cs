namespace Vigil.Storage.Sql;

/// <summary>
/// The numbered schema migrations, applied in order on open; each runs in its own transaction together with its row
/// in <c>schema_migrations</c>, so re-opening a migrated database is a no-op. Append new migrations; never edit one
/// that has shipped. SQL uses the <c>{ts}</c> and <c>{blob}</c> type tokens of <see cref="SqlDialect"/>.
/// </summary>
internal static class Migrations
{
    /// <summary>(version, name, statements), versions 1, 2, … without gaps.</summary>
    public static readonly IReadOnlyList<(int Version, string Name, string[] Statements)> All =
    [
        (1, "initial", [
            "CREATE TABLE models (name TEXT PRIMARY KEY, task TEXT NOT NULL, description TEXT, positive_label TEXT, created_at {ts} NOT NULL)",
            "CREATE SEQUENCE model_version_seq",
            "CREATE TABLE model_versions (model TEXT NOT NULL, version TEXT NOT NULL, seq BIGINT NOT NULL DEFAULT nextval('model_version_seq'), framework TEXT, artifact_sha256 TEXT, training_fingerprint TEXT, evaluation_json TEXT, tags_json TEXT NOT NULL, created_at {ts} NOT NULL, PRIMARY KEY (model, version))",
            "CREATE TABLE aliases (model TEXT NOT NULL, alias TEXT NOT NULL, version TEXT NOT NULL, updated_at {ts} NOT NULL, PRIMARY KEY (model, alias))",
            "CREATE SEQUENCE alias_history_seq",
            "CREATE TABLE alias_history (seq BIGINT PRIMARY KEY DEFAULT nextval('alias_history_seq'), model TEXT NOT NULL, alias TEXT NOT NULL, from_version TEXT, to_version TEXT NOT NULL, kind TEXT NOT NULL, evidence_json TEXT, actor TEXT NOT NULL, changed_at {ts} NOT NULL)",
            "CREATE TABLE blobs (sha256 TEXT PRIMARY KEY, size_bytes BIGINT NOT NULL, content {blob} NOT NULL, created_at {ts} NOT NULL)",
            "CREATE TABLE datasets (id TEXT PRIMARY KEY, name TEXT NOT NULL, format TEXT NOT NULL, size_bytes BIGINT NOT NULL, created_at {ts} NOT NULL)",
            "CREATE SEQUENCE prediction_table_seq",
            "CREATE TABLE prediction_tables (model TEXT PRIMARY KEY, table_name TEXT NOT NULL UNIQUE, created_at {ts} NOT NULL)",
            "CREATE TABLE prediction_columns (model TEXT NOT NULL, ordinal INTEGER NOT NULL, feature TEXT NOT NULL, kind TEXT NOT NULL, column_name TEXT NOT NULL, PRIMARY KEY (model, ordinal), UNIQUE (model, feature))",
            "CREATE TABLE labels (model TEXT NOT NULL, id TEXT NOT NULL, label TEXT NOT NULL, ts {ts}, received_at {ts} NOT NULL, PRIMARY KEY (model, id))",
            "CREATE TABLE monitors (model TEXT PRIMARY KEY, config_json TEXT NOT NULL, reference_dataset_id TEXT NOT NULL, updated_at {ts} NOT NULL)",
            "CREATE TABLE windows (model TEXT NOT NULL, start_ts {ts} NOT NULL, end_ts {ts} NOT NULL, idx BIGINT NOT NULL, closed BOOLEAN NOT NULL, events BIGINT NOT NULL, labeled BIGINT NOT NULL, drift_share FLOAT8, result_json TEXT NOT NULL, computed_at {ts} NOT NULL, PRIMARY KEY (model, start_ts))",
            "CREATE SEQUENCE alert_seq",
            "CREATE TABLE alerts (id BIGINT PRIMARY KEY DEFAULT nextval('alert_seq'), model TEXT NOT NULL, rule TEXT NOT NULL, expression TEXT NOT NULL, state TEXT NOT NULL, window_start {ts} NOT NULL, fired_at {ts} NOT NULL, resolved_at {ts}, evidence_json TEXT NOT NULL)",
            "CREATE SEQUENCE trigger_seq",
            "CREATE TABLE triggers (id BIGINT PRIMARY KEY DEFAULT nextval('trigger_seq'), model TEXT NOT NULL, triggered_at {ts} NOT NULL, reason TEXT NOT NULL, evidence_json TEXT NOT NULL)",
            "CREATE TABLE audit_log (seq BIGINT PRIMARY KEY, logged_at {ts} NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL, before_json TEXT, after_json TEXT, previous_hash TEXT NOT NULL, hash TEXT NOT NULL)",
            "CREATE TABLE api_keys (id TEXT PRIMARY KEY, name TEXT NOT NULL, scope TEXT NOT NULL, secret_sha256 TEXT NOT NULL, created_at {ts} NOT NULL, revoked_at {ts})",
            "CREATE TABLE reports (id TEXT PRIMARY KEY, model TEXT, kind TEXT NOT NULL, title TEXT NOT NULL, html TEXT NOT NULL, json TEXT, created_at {ts} NOT NULL)",
        ]),
    ];

    /// <summary>The version a fully migrated database has.</summary>
    public static int Latest => All[^1].Version;

    /// <summary>Applies the pending migrations and returns the schema version.</summary>
    public static async Task<int> ApplyAsync(SqlDialect db, CancellationToken ct)
    {
        int current = 0;
        foreach (var (version, name, statements) in All)
        {
            var applied = await db.TransactionAsync(async (c, tx) =>
            {
                await db.LockAsync(c, tx, "migrations", ct).ConfigureAwait(false);
                await db.ExecuteAsync(c, tx,
                    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at {ts} NOT NULL)", ct).ConfigureAwait(false);
                var done = await db.QueryAsync(c, tx, "SELECT count(*) FROM schema_migrations WHERE version = $v",
                    r => Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), ct, ("v", version)).ConfigureAwait(false);
                if (done[0] > 0) return version;
                foreach (var sql in statements) await db.ExecuteAsync(c, tx, sql, ct).ConfigureAwait(false);
                await db.ExecuteAsync(c, tx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($v, $n, $t)", ct,
                    ("v", version), ("n", name), ("t", DateTime.UtcNow)).ConfigureAwait(false);
                return version;
            }, ct).ConfigureAwait(false);
            current = applied;
        }
        return current;
    }
}
