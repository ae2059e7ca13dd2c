using System.Globalization;
using System.Text;

namespace Vigil.Storage.Sql;

/// <summary>
/// Labels keyed by (model, id), upserted in one transaction; a label for an id not yet predicted is kept and joined by
/// <see cref="IPredictionStore.ReadRangeAsync"/> once the event arrives. Ids repeated within a call count once (the
/// last label wins), so <c>Stored = Matched + Pending</c> = distinct ids.
/// </summary>
internal sealed class SqlLabelStore(SqlDialect db, SqlPredictionStore predictions) : ILabelStore
{
    private const int UpsertChunk = 200;
    private const int LookupChunk = 500;

    public async Task<LabelAppendResult> AppendAsync(string model, IReadOnlyList<LabelEvent> labels, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentNullException.ThrowIfNull(labels);
        var last = new Dictionary<string, int>(labels.Count, StringComparer.Ordinal);
        var order = new List<string>(labels.Count);
        for (int i = 0; i < labels.Count; i++)
        {
            var l = labels[i] ?? throw new ArgumentException($"label {i} is null", nameof(labels));
            if (l.Id is null) throw new ArgumentException($"label {i} has no id", nameof(labels));
            if (l.Label is null) throw new ArgumentException($"label {i} (id '{l.Id}') has no label", nameof(labels));
            if (!last.ContainsKey(l.Id)) order.Add(l.Id);
            last[l.Id] = i;
        }
        if (order.Count == 0) return new LabelAppendResult(0, 0, 0, []);

        var table = await predictions.GetTableAsync(model, ct).ConfigureAwait(false);
        var now = DateTime.UtcNow;
        using var writeLock = db.SerializeAppends ? await predictions.WriteLocks.AcquireAsync("labels:" + model, ct).ConfigureAwait(false) : null;
        return await db.TransactionAsync(async (c, tx) =>
        {
            for (int start = 0; start < order.Count; start += UpsertChunk)
            {
                int n = Math.Min(UpsertChunk, order.Count - start);
                var sql = new StringBuilder("INSERT INTO labels (model, id, label, ts, received_at) VALUES ");
                var ps = new List<(string, object?)>(3 * n + 2) { ("m", model), ("r", now) };
                for (int i = 0; i < n; i++)
                {
                    var l = labels[last[order[start + i]]];
                    var s = i.ToString(CultureInfo.InvariantCulture);
                    if (i > 0) sql.Append(", ");
                    sql.Append("($m, $i").Append(s).Append(", $l").Append(s).Append(", CAST($t").Append(s).Append(" AS {ts}), $r)");
                    ps.Add(("i" + s, l.Id)); ps.Add(("l" + s, l.Label)); ps.Add(("t" + s, l.Timestamp));
                }
                sql.Append(" ON CONFLICT (model, id) DO UPDATE SET label = excluded.label, ts = excluded.ts, received_at = excluded.received_at");
                await db.ExecuteAsync(c, tx, sql.ToString(), ct, [.. ps]).ConfigureAwait(false);
            }

            var times = new List<DateTime>();
            if (table is not null)
            {
                for (int start = 0; start < order.Count; start += LookupChunk)
                {
                    int n = Math.Min(LookupChunk, order.Count - start);
                    var sql = new StringBuilder("SELECT ts FROM ").Append(table.Quoted).Append(" WHERE id IN (");
                    var ps = new (string, object?)[n];
                    for (int i = 0; i < n; i++)
                    {
                        var s = i.ToString(CultureInfo.InvariantCulture);
                        if (i > 0) sql.Append(", ");
                        sql.Append("$i").Append(s);
                        ps[i] = ("i" + s, order[start + i]);
                    }
                    sql.Append(") ORDER BY ts");
                    times.AddRange(await db.QueryAsync(c, tx, sql.ToString(), r => Time.ReadUtc(r, 0), ct, ps).ConfigureAwait(false));
                }
            }
            return new LabelAppendResult(order.Count, times.Count, order.Count - times.Count, times);
        }, ct).ConfigureAwait(false);
    }

    public async Task<long> CountAsync(string model, CancellationToken ct = default)
    {
        var n = await db.QueryAsync("SELECT count(*) FROM labels WHERE model = $m", r => Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), ct, ("m", model)).ConfigureAwait(false);
        return n[0];
    }
}
