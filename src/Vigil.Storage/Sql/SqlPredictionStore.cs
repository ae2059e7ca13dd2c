using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Vigil.Storage.Sql;

/// <summary>Per-key in-process async locks (models are few; the semaphores live as long as the store).</summary>
internal sealed class KeyedLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public async Task<IDisposable> AcquireAsync(string key, CancellationToken ct)
    {
        var s = _locks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await s.WaitAsync(ct).ConfigureAwait(false);
        return new Releaser(s);
    }

    private sealed class Releaser(SemaphoreSlim s) : IDisposable
    {
        private int _done;
        public void Dispose() { if (Interlocked.Exchange(ref _done, 1) == 0) s.Release(); }
    }
}

/// <summary>
/// The prediction log: a table <c>p_N</c> per model (name in <c>prediction_tables</c>), features in generated columns
/// <c>f_i</c> (mapping in <c>prediction_columns</c>), NaN scores and numeric features stored as NULL.
/// </summary>
internal sealed class SqlPredictionStore(SqlDialect db) : IPredictionStore
{
    private readonly ConcurrentDictionary<string, PredictionTable> _tables = new(StringComparer.Ordinal);
    private readonly KeyedLocks _schemaLocks = new();

    /// <summary>Locks serialising writes per model (appends, deletes, label upserts) where the backend needs it.</summary>
    internal KeyedLocks WriteLocks { get; } = new();

    internal SqlDialect Database => db;

    public async Task EnsureSchemaAsync(string model, FeatureSchema schema, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentNullException.ThrowIfNull(schema);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < schema.Fields.Count; i++)
        {
            var f = schema.Fields[i] ?? throw new ArgumentException($"schema field {i} is null", nameof(schema));
            if (string.IsNullOrEmpty(f.Name)) throw new ArgumentException($"schema field {i} has an empty name", nameof(schema));
            if (!names.Add(f.Name)) throw new ArgumentException($"schema field '{f.Name}' appears twice", nameof(schema));
        }
        if (_tables.TryGetValue(model, out var cached) && Covers(cached, schema)) return;

        using var schemaLock = await _schemaLocks.AcquireAsync(model, ct).ConfigureAwait(false);
        // DuckDB: DDL on the table must not overlap an append to it; the cache is replaced before appends resume.
        using var writeLock = db.SerializeAppends ? await WriteLocks.AcquireAsync(model, ct).ConfigureAwait(false) : null;
        var table = await db.TransactionAsync(async (c, tx) =>
        {
            await db.LockAsync(c, tx, "predictions:" + model, ct).ConfigureAwait(false);
            var current = await LoadAsync(c, tx, model, ct).ConfigureAwait(false);
            if (current is null)
            {
                var n = await db.QueryAsync(c, tx, "SELECT nextval('prediction_table_seq')", r => Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
                var name = "p_" + n[0].ToString(CultureInfo.InvariantCulture);
                await db.ExecuteAsync(c, tx,
                    $"CREATE TABLE \"{name}\" (id TEXT PRIMARY KEY, ts {{ts}} NOT NULL, version TEXT, prediction TEXT, score FLOAT8, scores_json TEXT)", ct).ConfigureAwait(false);
                if (db.IndexTimestamps) await db.ExecuteAsync(c, tx, $"CREATE INDEX \"{name}_ts\" ON \"{name}\" (ts)", ct).ConfigureAwait(false);
                await db.ExecuteAsync(c, tx, "INSERT INTO prediction_tables (model, table_name, created_at) VALUES ($m, $t, $c)", ct,
                    ("m", model), ("t", name), ("c", DateTime.UtcNow)).ConfigureAwait(false);
                current = new PredictionTable(model, name, []);
            }
            var fields = new List<FeatureField>(current.Fields);
            foreach (var f in schema.Fields)
            {
                if (current.ByName.TryGetValue(f.Name, out var j))
                {
                    if (current.Fields[j].Kind != f.Kind)
                        throw new ArgumentException($"feature '{f.Name}' of model '{model}' is stored as {current.Fields[j].Kind}, not {f.Kind}", nameof(schema));
                    continue;
                }
                var ordinal = fields.Count;
                var column = PredictionTable.Column(ordinal);
                var type = f.Kind == FeatureKind.Numeric ? "FLOAT8" : "TEXT";
                await db.ExecuteAsync(c, tx, $"ALTER TABLE {current.Quoted} ADD COLUMN {column} {type}", ct).ConfigureAwait(false);
                await db.ExecuteAsync(c, tx, "INSERT INTO prediction_columns (model, ordinal, feature, kind, column_name) VALUES ($m, $o, $f, $k, $c)", ct,
                    ("m", model), ("o", ordinal), ("f", f.Name), ("k", KindText(f.Kind)), ("c", column)).ConfigureAwait(false);
                fields.Add(f);
            }
            return new PredictionTable(model, current.TableName, fields);
        }, ct).ConfigureAwait(false);
        _tables[model] = table;
    }

    public async Task<FeatureSchema?> GetSchemaAsync(string model, CancellationToken ct = default) =>
        (await GetTableAsync(model, ct).ConfigureAwait(false))?.Schema;

    public async Task<AppendResult> AppendAsync(string model, PredictionBatch batch, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count < 0 || batch.Count > batch.Ids.Length)
            throw new ArgumentException($"batch count {batch.Count} is outside 0..{batch.Ids.Length}", nameof(batch));
        if (batch.Count == 0) return new AppendResult(0, []);

        var table = await GetTableAsync(model, ct).ConfigureAwait(false);
        if (table is null || !Covers(table, batch.Schema))
        {
            await EnsureSchemaAsync(model, batch.Schema, ct).ConfigureAwait(false);
            table = _tables[model];
        }
        for (int b = 0; b < batch.Schema.Fields.Count; b++)
        {
            var f = batch.Schema.Fields[b];
            if (table.Fields[table.ByName[f.Name]].Kind != f.Kind)
                throw new ArgumentException($"feature '{f.Name}' of model '{model}' is stored as {table.Fields[table.ByName[f.Name]].Kind}, not {f.Kind}", nameof(batch));
        }

        // Ids repeated inside the batch: the first occurrence is written, later ones are duplicates.
        var seen = new HashSet<string>(batch.Count, StringComparer.Ordinal);
        var rows = new int[batch.Count];
        int kept = 0;
        List<int>? repeated = null;
        for (int i = 0; i < batch.Count; i++)
        {
            var id = batch.Ids[i] ?? throw new ArgumentException($"event {i} has no id", nameof(batch));
            if (seen.Add(id)) rows[kept++] = i;
            else (repeated ??= []).Add(i);
        }
        if (kept < rows.Length) Array.Resize(ref rows, kept);

        using var writeLock = db.SerializeAppends ? await WriteLocks.AcquireAsync(model, ct).ConfigureAwait(false) : null;
        // The table may have been widened since it was read above: write every current column.
        if (_tables.TryGetValue(model, out var latest)) table = latest;
        var map = table.MapFrom(batch.Schema);
        var c = await db.RentAsync(ct).ConfigureAwait(false);
        List<int> existing;
        try
        {
            existing = await db.AppendRowsAsync(c, table, batch, rows, map, ct).ConfigureAwait(false);
        }
        finally { await db.ReturnAsync(c).ConfigureAwait(false); }

        var inserted = rows.Length - existing.Count;
        if (repeated is null && existing.Count == 0) return new AppendResult(inserted, []);
        var duplicates = new List<int>(existing.Count + (repeated?.Count ?? 0));
        duplicates.AddRange(existing);
        if (repeated is not null) duplicates.AddRange(repeated);
        duplicates.Sort();
        return new AppendResult(inserted, duplicates);
    }

    public async Task<long> CountAsync(string model, CancellationToken ct = default)
    {
        var table = await GetTableAsync(model, ct).ConfigureAwait(false);
        if (table is null) return 0;
        var n = await db.QueryAsync($"SELECT count(*) FROM {table.Quoted}", r => Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
        return n[0];
    }

    public async Task<PredictionRows> ReadRangeAsync(string model, DateTime from, DateTime to, CancellationToken ct = default)
    {
        var table = await GetTableAsync(model, ct).ConfigureAwait(false);
        if (table is null) return new PredictionRows(new FeatureSchema([]), 0);
        int k = table.Fields.Count;
        var sql = new StringBuilder("SELECT p.id, p.ts, p.version, p.prediction, p.score, p.scores_json");
        for (int j = 0; j < k; j++) sql.Append(", p.").Append(PredictionTable.Column(j));
        sql.Append(", l.label FROM ").Append(table.Quoted).Append(" p LEFT JOIN labels l ON l.model = $m AND l.id = p.id ")
           .Append("WHERE p.ts >= $f AND p.ts < $t ORDER BY p.ts, p.id{binary}");

        var ids = new List<string>(); var times = new List<DateTime>(); var versions = new List<string?>(); var predictions = new List<string?>();
        var scores = new List<double>(); var scoresJson = new List<string?>(); var labels = new List<string?>();
        var numeric = new List<double>?[k]; var categorical = new List<string?>?[k];
        for (int j = 0; j < k; j++)
        {
            if (table.Fields[j].Kind == FeatureKind.Numeric) numeric[j] = []; else categorical[j] = [];
        }
        var c = await db.RentAsync(ct).ConfigureAwait(false);
        try
        {
            await using var cmd = db.Command(c, null, sql.ToString(), ("m", model), ("f", Time.CeilingToMicroseconds(from)), ("t", Time.CeilingToMicroseconds(to)));
            await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                ids.Add(r.GetString(0));
                times.Add(Time.ReadUtc(r, 1));
                versions.Add(Time.StringOrNull(r, 2));
                predictions.Add(Time.StringOrNull(r, 3));
                scores.Add(r.IsDBNull(4) ? double.NaN : r.GetDouble(4));
                scoresJson.Add(Time.StringOrNull(r, 5));
                for (int j = 0; j < k; j++)
                {
                    int o = PredictionTable.FixedColumns + j;
                    if (numeric[j] is { } nl) nl.Add(r.IsDBNull(o) ? double.NaN : r.GetDouble(o));
                    else categorical[j]!.Add(Time.StringOrNull(r, o));
                }
                labels.Add(Time.StringOrNull(r, PredictionTable.FixedColumns + k));
            }
        }
        finally { await db.ReturnAsync(c).ConfigureAwait(false); }

        var rows = new PredictionRows(table.Schema, ids.Count);
        var b = rows.Batch;
        ids.CopyTo(b.Ids); times.CopyTo(b.Timestamps); versions.CopyTo(b.Versions); predictions.CopyTo(b.Predictions);
        scores.CopyTo(b.Scores); scoresJson.CopyTo(b.ScoresJson); labels.CopyTo(rows.Labels);
        for (int j = 0; j < k; j++)
        {
            if (numeric[j] is { } nl) nl.CopyTo(b.Numeric[j]!);
            else categorical[j]!.CopyTo(b.Categorical[j]!);
        }
        return rows;
    }

    public async Task<(DateTime First, DateTime Last)?> TimeSpanAsync(string model, CancellationToken ct = default)
    {
        var table = await GetTableAsync(model, ct).ConfigureAwait(false);
        if (table is null) return null;
        var list = await db.QueryAsync($"SELECT min(ts), max(ts) FROM {table.Quoted}",
            r => r.IsDBNull(0) ? ((DateTime, DateTime)?)null : (Time.ReadUtc(r, 0), Time.ReadUtc(r, 1)), ct).ConfigureAwait(false);
        return list[0];
    }

    public async Task<long> DeleteBeforeAsync(string model, DateTime cutoff, CancellationToken ct = default)
    {
        var table = await GetTableAsync(model, ct).ConfigureAwait(false);
        if (table is null) return 0;
        using var writeLock = db.SerializeAppends ? await WriteLocks.AcquireAsync(model, ct).ConfigureAwait(false) : null;
        return await db.TransactionAsync(async (c, tx) =>
        {
            await db.ExecuteAsync(c, tx, $"DELETE FROM labels WHERE model = $m AND id IN (SELECT id FROM {table.Quoted} WHERE ts < $t)", ct,
                ("m", model), ("t", Time.CeilingToMicroseconds(cutoff))).ConfigureAwait(false);
            return (long)await db.ExecuteAsync(c, tx, $"DELETE FROM {table.Quoted} WHERE ts < $t", ct, ("t", Time.CeilingToMicroseconds(cutoff))).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>The model's table (cached; loaded on first use), or null when it has none.</summary>
    internal async Task<PredictionTable?> GetTableAsync(string model, CancellationToken ct)
    {
        if (_tables.TryGetValue(model, out var t)) return t;
        var c = await db.RentAsync(ct).ConfigureAwait(false);
        try
        {
            t = await LoadAsync(c, null, model, ct).ConfigureAwait(false);
        }
        finally { await db.ReturnAsync(c).ConfigureAwait(false); }
        if (t is not null) t = _tables.AddOrUpdate(model, t, (_, old) => old.Fields.Count >= t.Fields.Count ? old : t);
        return t;
    }

    private async Task<PredictionTable?> LoadAsync(DbConnection c, DbTransaction? tx, string model, CancellationToken ct)
    {
        var names = await db.QueryAsync(c, tx, "SELECT table_name FROM prediction_tables WHERE model = $m", r => r.GetString(0), ct, ("m", model)).ConfigureAwait(false);
        if (names.Count == 0) return null;
        var fields = await db.QueryAsync(c, tx, "SELECT feature, kind FROM prediction_columns WHERE model = $m ORDER BY ordinal",
            r => new FeatureField(r.GetString(0), ParseKind(r.GetString(1))), ct, ("m", model)).ConfigureAwait(false);
        return new PredictionTable(model, names[0], fields);
    }

    private static bool Covers(PredictionTable table, FeatureSchema schema)
    {
        foreach (var f in schema.Fields)
            if (f is null || !table.ByName.TryGetValue(f.Name, out var j) || table.Fields[j].Kind != f.Kind) return false;
        return true;
    }

    private static string KindText(FeatureKind k) => k == FeatureKind.Numeric ? "numeric" : "categorical";

    private static FeatureKind ParseKind(string s) => s switch
    {
        "numeric" => FeatureKind.Numeric,
        "categorical" => FeatureKind.Categorical,
        _ => throw new InvalidDataException($"stored feature kind '{s}' is not numeric or categorical"),
    };
}
