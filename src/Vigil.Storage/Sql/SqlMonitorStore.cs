using System.Data.Common;

namespace Vigil.Storage.Sql;

internal sealed class SqlMonitorStore(SqlDialect db) : IMonitorStore
{
    public Task PutAsync(MonitorRecord monitor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        return db.ExecuteAsync(
            "INSERT INTO monitors (model, config_json, reference_dataset_id, updated_at) VALUES ($m, $c, $r, $t) " +
            "ON CONFLICT (model) DO UPDATE SET config_json = excluded.config_json, reference_dataset_id = excluded.reference_dataset_id, updated_at = excluded.updated_at", ct,
            ("m", monitor.Model), ("c", monitor.ConfigJson), ("r", monitor.ReferenceDatasetId), ("t", monitor.UpdatedAt));
    }

    public async Task<MonitorRecord?> GetAsync(string model, CancellationToken ct = default)
    {
        var list = await db.QueryAsync("SELECT model, config_json, reference_dataset_id, updated_at FROM monitors WHERE model = $m", Read, ct, ("m", model)).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    public async Task<IReadOnlyList<MonitorRecord>> ListAsync(CancellationToken ct = default) =>
        await db.QueryAsync("SELECT model, config_json, reference_dataset_id, updated_at FROM monitors ORDER BY model", Read, ct).ConfigureAwait(false);

    private static MonitorRecord Read(DbDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2), Time.ReadOffset(r, 3));
}

internal sealed class SqlWindowStore(SqlDialect db) : IWindowStore
{
    private const string Columns = "SELECT model, start_ts, end_ts, idx, closed, events, labeled, drift_share, result_json, computed_at FROM windows";

    public Task UpsertAsync(WindowRecord window, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(window);
        return db.ExecuteAsync(
            "INSERT INTO windows (model, start_ts, end_ts, idx, closed, events, labeled, drift_share, result_json, computed_at) " +
            "VALUES ($m, $s, $e, $i, $c, $n, $l, $d, $r, $t) ON CONFLICT (model, start_ts) DO UPDATE SET end_ts = excluded.end_ts, idx = excluded.idx, " +
            "closed = excluded.closed, events = excluded.events, labeled = excluded.labeled, drift_share = excluded.drift_share, " +
            "result_json = excluded.result_json, computed_at = excluded.computed_at", ct,
            ("m", window.Model), ("s", window.Start), ("e", window.End), ("i", window.Index), ("c", window.Closed), ("n", window.Events),
            ("l", window.Labeled), ("d", window.DriftShare), ("r", window.ResultJson), ("t", window.ComputedAt));
    }

    public async Task<IReadOnlyList<WindowRecord>> ListAsync(string model, DateTime from, DateTime to, CancellationToken ct = default) =>
        await db.QueryAsync(Columns + " WHERE model = $m AND start_ts >= $f AND start_ts < $t ORDER BY start_ts", Read, ct,
            ("m", model), ("f", Time.CeilingToMicroseconds(from)), ("t", Time.CeilingToMicroseconds(to))).ConfigureAwait(false);

    public async Task<WindowRecord?> GetAsync(string model, DateTime start, CancellationToken ct = default)
    {
        var list = await db.QueryAsync(Columns + " WHERE model = $m AND start_ts = $s", Read, ct, ("m", model), ("s", start)).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    public async Task<WindowRecord?> LatestAsync(string model, CancellationToken ct = default)
    {
        var list = await db.QueryAsync(Columns + " WHERE model = $m ORDER BY start_ts DESC LIMIT 1", Read, ct, ("m", model)).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    private static WindowRecord Read(DbDataReader r) =>
        new(r.GetString(0), Time.ReadUtc(r, 1), Time.ReadUtc(r, 2), r.GetInt64(3), r.GetBoolean(4), r.GetInt64(5), r.GetInt64(6),
            r.IsDBNull(7) ? null : r.GetDouble(7), r.GetString(8), Time.ReadOffset(r, 9));
}

internal sealed class SqlAlertStore(SqlDialect db) : IAlertStore
{
    private const string Columns = "SELECT id, model, rule, expression, state, window_start, fired_at, resolved_at, evidence_json FROM alerts";

    public async Task<AlertRecord> InsertAsync(AlertRecord alert, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var ids = await db.QueryAsync(
            "INSERT INTO alerts (model, rule, expression, state, window_start, fired_at, resolved_at, evidence_json) VALUES ($m, $r, $x, $s, $w, $f, $z, $e) RETURNING id",
            r => r.GetInt64(0), ct, ("m", alert.Model), ("r", alert.Rule), ("x", alert.Expression), ("s", alert.State), ("w", alert.WindowStart),
            ("f", alert.FiredAt), ("z", alert.ResolvedAt), ("e", alert.EvidenceJson)).ConfigureAwait(false);
        return alert with { Id = ids[0] };
    }

    public Task ResolveAsync(long id, DateTimeOffset at, CancellationToken ct = default) =>
        db.ExecuteAsync("UPDATE alerts SET state = 'resolved', resolved_at = $t WHERE id = $i", ct, ("t", at), ("i", id));

    public async Task<IReadOnlyList<AlertRecord>> ListAsync(string? model = null, string? state = null, int limit = 1000, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var where = new List<string>();
        var ps = new List<(string, object?)> { ("lim", (long)limit) };
        if (model is not null) { where.Add("model = $m"); ps.Add(("m", model)); }
        if (state is not null) { where.Add("state = $s"); ps.Add(("s", state)); }
        var sql = Columns + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") + " ORDER BY fired_at DESC, id DESC LIMIT $lim";
        return await db.QueryAsync(sql, Read, ct, [.. ps]).ConfigureAwait(false);
    }

    private static AlertRecord Read(DbDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), Time.ReadUtc(r, 5), Time.ReadOffset(r, 6),
            Time.ReadOffsetOrNull(r, 7), r.GetString(8));
}

internal sealed class SqlTriggerStore(SqlDialect db) : ITriggerStore
{
    public async Task<TriggerRecord> InsertAsync(TriggerRecord trigger, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        var ids = await db.QueryAsync("INSERT INTO triggers (model, triggered_at, reason, evidence_json) VALUES ($m, $a, $r, $e) RETURNING id",
            r => r.GetInt64(0), ct, ("m", trigger.Model), ("a", trigger.At), ("r", trigger.Reason), ("e", trigger.EvidenceJson)).ConfigureAwait(false);
        return trigger with { Id = ids[0] };
    }

    public async Task<IReadOnlyList<TriggerRecord>> ListAsync(string model, CancellationToken ct = default) =>
        await db.QueryAsync("SELECT id, model, triggered_at, reason, evidence_json FROM triggers WHERE model = $m ORDER BY triggered_at DESC, id DESC",
            r => new TriggerRecord(r.GetInt64(0), r.GetString(1), Time.ReadOffset(r, 2), r.GetString(3), r.GetString(4)), ct, ("m", model)).ConfigureAwait(false);
}
