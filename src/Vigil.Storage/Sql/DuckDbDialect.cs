using System.Collections.Concurrent;
using System.Data.Common;
using DuckDB.NET.Data;

namespace Vigil.Storage.Sql;

/// <summary>
/// The embedded DuckDB backend: one database instance per store (a root connection kept open), and a small pool of
/// further connections to the same instance, one per operation (DuckDB connections are not thread-safe individually).
/// Prediction rows go through the Appender inside a transaction (batches waiting for the same model are grouped into
/// one transaction: one commit, one fsync).
/// <para>Idempotency on (model, id): prediction tables have no primary key (its ART index cost about a third of the
/// append time); instead each table has an in-memory set of 64-bit hashes of its stored ids
/// (<see cref="StoredIdHashes"/>), loaded from the table on first use, so it survives restarts. Appends to a model are
/// serialised by the store, so the set is only touched under the model's write lock. An id whose hash is in the set is a
/// candidate duplicate and is confirmed against the table (exact match) before it is skipped; the set gains hashes only
/// after the commit. Cost: about 20 bytes of memory per stored event.</para>
/// <para>Tables made before this change (with a primary key) keep the old path: append, and on a key conflict roll back
/// and go through a staging temp table and <c>INSERT … ON CONFLICT DO NOTHING RETURNING id</c>.</para>
/// </summary>
internal sealed class DuckDbDialect : SqlDialect
{
    private const int MaxPooled = 8;
    private readonly DuckDBConnection _root;
    private readonly ConcurrentBag<DuckDBConnection> _pool = new();
    private int _disposed;

    private DuckDbDialect(DuckDBConnection root, string path)
    {
        _root = root;
        Path = path;
    }

    /// <summary>Full path of the database file.</summary>
    public string Path { get; }

    public override string Backend => "duckdb";
    protected override string TimestampType => "TIMESTAMP";
    protected override string BinaryCollation => "";
    public override bool IndexTimestamps => false;
    public override bool SerializeAppends => true;
    public override string PredictionIdConstraint => "NOT NULL";

    // Per prediction table: the hashes of its stored ids, or null for a table with a primary key (older files).
    private readonly ConcurrentDictionary<string, StoredIdHashes?> _idHashes = new(StringComparer.Ordinal);

    /// <summary>Opens the file, turning DuckDB's lock error into <see cref="StoreLockedException"/>.</summary>
    public static DuckDbDialect Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var dir = System.IO.Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var builder = new DbConnectionStringBuilder { ["Data Source"] = full };
        var root = new DuckDBConnection(builder.ConnectionString);
        try
        {
            root.Open();
            // Bound DuckDB's buffer pool (its default is 80% of RAM, which made a long ingest soak grow without bound);
            // VIGIL_DUCKDB_MEMORY_LIMIT overrides, in DuckDB's syntax (e.g. "4GB").
            using var limit = root.CreateCommand();
            limit.CommandText = $"SET memory_limit = '{MemoryLimit()}'";
            limit.ExecuteNonQuery();
        }
        catch (DuckDBException e) when (e.Message.Contains("Could not set lock", StringComparison.OrdinalIgnoreCase))
        {
            root.Dispose();
            throw new StoreLockedException(full, e);
        }
        catch
        {
            root.Dispose();
            throw;
        }
        return new DuckDbDialect(root, full);
    }

    /// <summary>The buffer-pool limit: VIGIL_DUCKDB_MEMORY_LIMIT when it is a size like "512MB" or "4GB", else 1GB.</summary>
    internal static string MemoryLimit()
    {
        var value = Environment.GetEnvironmentVariable("VIGIL_DUCKDB_MEMORY_LIMIT")?.Trim();
        return value is not null && System.Text.RegularExpressions.Regex.IsMatch(value, "^[0-9]{1,6}(\\.[0-9]+)?\\s*(KB|MB|GB|TB)$",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase) ? value : "1GB";
    }

    public override ValueTask<DbConnection> RentAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_pool.TryTake(out var c)) return ValueTask.FromResult<DbConnection>(c);
        // DuckDB.NET shares one database instance between connections of the same file in a process (the root keeps it open).
        var fresh = new DuckDBConnection(_root.ConnectionString);
        fresh.Open();
        return ValueTask.FromResult<DbConnection>(fresh);
    }

    public override ValueTask ReturnAsync(DbConnection connection)
    {
        if (Volatile.Read(ref _disposed) == 0 && _pool.Count < MaxPooled) _pool.Add((DuckDBConnection)connection);
        else connection.Dispose();
        return ValueTask.CompletedTask;
    }

    public override byte[] ReadBytes(DbDataReader reader, int ordinal)
    {
        using var s = reader.GetStream(ordinal);
        var bytes = new byte[s.Length];
        s.ReadExactly(bytes);
        return bytes;
    }

    // One process owns a DuckDB file, so the store's in-process locks are enough.
    public override Task LockAsync(DbConnection connection, DbTransaction tx, string key, CancellationToken ct) => Task.CompletedTask;

    public override async Task<List<int>> AppendRowsAsync(
        DbConnection connection, PredictionTable table, PredictionBatch batch, int[] rows, int[] batchFieldOfColumn, CancellationToken ct) =>
        (await AppendGroupAsync(connection, table, [new AppendSegment(batch, rows, batchFieldOfColumn)], ct).ConfigureAwait(false))[0];

    public override async Task<List<int>[]> AppendGroupAsync(DbConnection connection, PredictionTable table, IReadOnlyList<AppendSegment> segments, CancellationToken ct)
    {
        var c = (DuckDBConnection)connection;
        var hashes = await IdHashesAsync(c, table, ct).ConfigureAwait(false);
        if (hashes is not null) return await AppendDedupedAsync(c, table, hashes, segments, ct).ConfigureAwait(false);
        var results = new List<int>[segments.Count];
        // Fast path: append straight into the table; the primary key rejects the whole transaction if any id is stored
        // (or repeated across segments).
        using (var tx = c.BeginTransaction())
        {
            bool conflict = false;
            try
            {
                using (var appender = c.CreateAppender(table.TableName))
                {
                    foreach (var s in segments) Write(appender, s.Batch, s.Rows, s.Map);
                    appender.Close();
                }
                tx.Commit();
                for (int i = 0; i < results.Length; i++) results[i] = [];
                return results;
            }
            catch (DuckDBException e) when (IsConstraint(e))
            {
                conflict = true;
            }
            if (conflict) tx.Rollback();
        }
        // Slow path, one segment after another so ids shared between segments go to the first.
        for (int i = 0; i < segments.Count; i++)
            results[i] = await AppendViaStagingAsync(c, table, segments[i].Batch, segments[i].Rows, segments[i].Map, CancellationToken.None).ConfigureAwait(false);
        return results;
    }

    /// <summary>The table's id-hash set (loaded on first use), or null when the table has a primary key.</summary>
    private async Task<StoredIdHashes?> IdHashesAsync(DuckDBConnection c, PredictionTable table, CancellationToken ct)
    {
        if (_idHashes.TryGetValue(table.TableName, out var known)) return known;
        var keys = await QueryAsync(c, null,
            "SELECT count(*) FROM duckdb_constraints() WHERE table_name = $t AND constraint_type = 'PRIMARY KEY'",
            r => Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), ct, ("t", table.TableName)).ConfigureAwait(false);
        StoredIdHashes? set = null;
        if (keys[0] == 0)
        {
            set = new StoredIdHashes();
            await using var cmd = Command(c, null, $"SELECT id FROM {table.Quoted}");
            await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await r.ReadAsync(ct).ConfigureAwait(false)) set.Add(StoredIdHashes.Hash(r.GetString(0)));
        }
        _idHashes[table.TableName] = set;
        return set;
    }

    /// <summary>
    /// The append for tables without a primary key (caller holds the model's write lock): ids repeated across segments go
    /// to the first; ids whose hash is stored are looked up in the table and skipped when present; the rest are written
    /// in one transaction, and their hashes join the set after the commit.
    /// </summary>
    private async Task<List<int>[]> AppendDedupedAsync(DuckDBConnection c, PredictionTable table, StoredIdHashes hashes, IReadOnlyList<AppendSegment> segments, CancellationToken ct)
    {
        int total = 0;
        foreach (var s in segments) total += s.Rows.Length;
        var results = new List<int>[segments.Count];
        var written = new int[segments.Count][];
        var rowHashes = new ulong[total];
        var inGroup = segments.Count > 1 ? new HashSet<string>(total, StringComparer.Ordinal) : null;
        List<(int Segment, int Position)>? candidates = null;
        var skip = new bool[total];
        for (int s = 0, k = 0; s < segments.Count; s++)
        {
            var batch = segments[s].Batch;
            foreach (var i in segments[s].Rows)
            {
                var id = batch.Ids[i];
                if (inGroup is not null && !inGroup.Add(id)) skip[k] = true;
                else
                {
                    var h = StoredIdHashes.Hash(id);
                    rowHashes[k] = h;
                    if (hashes.Contains(h)) (candidates ??= []).Add((s, k));
                }
                k++;
            }
        }
        if (candidates is not null)
        {
            // Confirm candidate duplicates against the stored ids (a hash collision must not drop an event).
            var offsets = new int[segments.Count];
            for (int s = 1; s < segments.Count; s++) offsets[s] = offsets[s - 1] + segments[s - 1].Rows.Length;
            var ids = new List<string>(candidates.Count);
            foreach (var (s, k) in candidates) ids.Add(segments[s].Batch.Ids[segments[s].Rows[k - offsets[s]]]);
            var stored = await StoredAmongAsync(c, table, ids, ct).ConfigureAwait(false);
            for (int j = 0; j < candidates.Count; j++) if (stored.Contains(ids[j])) skip[candidates[j].Position] = true;
        }
        for (int s = 0, k = 0; s < segments.Count; s++)
        {
            var rows = segments[s].Rows;
            var keep = new List<int>(rows.Length);
            var duplicates = new List<int>();
            foreach (var i in rows)
            {
                if (skip[k++]) duplicates.Add(i); else keep.Add(i);
            }
            results[s] = duplicates;
            written[s] = duplicates.Count == 0 ? rows : keep.ToArray();
        }
        using (var tx = c.BeginTransaction())
        {
            using (var appender = c.CreateAppender(table.TableName))
            {
                for (int s = 0; s < segments.Count; s++) Write(appender, segments[s].Batch, written[s], segments[s].Map);
                appender.Close();
            }
            tx.Commit();
        }
        for (int k = 0; k < total; k++) if (!skip[k]) hashes.Add(rowHashes[k]);
        return results;
    }

    private async Task<HashSet<string>> StoredAmongAsync(DuckDBConnection c, PredictionTable table, List<string> ids, CancellationToken ct)
    {
        const int chunk = 256;
        var stored = new HashSet<string>(StringComparer.Ordinal);
        for (int start = 0; start < ids.Count; start += chunk)
        {
            int n = Math.Min(chunk, ids.Count - start);
            var sql = new System.Text.StringBuilder($"SELECT id FROM {table.Quoted} WHERE id IN (");
            var parameters = new (string Name, object? Value)[n];
            for (int j = 0; j < n; j++)
            {
                if (j > 0) sql.Append(", ");
                sql.Append("$i").Append(j.ToString(System.Globalization.CultureInfo.InvariantCulture));
                parameters[j] = ("i" + j.ToString(System.Globalization.CultureInfo.InvariantCulture), ids[start + j]);
            }
            sql.Append(')');
            foreach (var id in await QueryAsync(c, null, sql.ToString(), r => r.GetString(0), ct, parameters).ConfigureAwait(false)) stored.Add(id);
        }
        return stored;
    }

    private async Task<List<int>> AppendViaStagingAsync(
        DuckDBConnection c, PredictionTable table, PredictionBatch batch, int[] rows, int[] batchFieldOfColumn, CancellationToken ct)
    {
        const string stage = "vigil_stage";
        await ExecuteAsync(c, null, $"CREATE OR REPLACE TEMP TABLE {stage} AS SELECT * FROM main.{table.Quoted} LIMIT 0", ct).ConfigureAwait(false);
        try
        {
            var inserted = new HashSet<string>(StringComparer.Ordinal);
            using (var tx = c.BeginTransaction())
            {
                using (var appender = c.CreateAppender("temp", "main", stage)) { Write(appender, batch, rows, batchFieldOfColumn); appender.Close(); }
                var ids = await QueryAsync(c, tx, $"INSERT INTO main.{table.Quoted} ({table.ColumnList()}) SELECT {table.ColumnList()} FROM {stage} ON CONFLICT DO NOTHING RETURNING id",
                    r => r.GetString(0), ct).ConfigureAwait(false);
                foreach (var id in ids) inserted.Add(id);
                tx.Commit();
            }
            var duplicates = new List<int>();
            foreach (var i in rows) if (!inserted.Contains(batch.Ids[i])) duplicates.Add(i);
            return duplicates;
        }
        finally
        {
            await ExecuteAsync(c, null, $"DROP TABLE IF EXISTS temp.main.{stage}", CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static bool IsConstraint(DuckDBException e) =>
        e.Message.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase) ||
        e.Message.Contains("constraint", StringComparison.OrdinalIgnoreCase);

    private static void Write(DuckDBAppender appender, PredictionBatch batch, int[] rows, int[] batchFieldOfColumn)
    {
        var features = batchFieldOfColumn.Length;
        foreach (var i in rows)
        {
            var row = appender.CreateRow();
            row.AppendValue(batch.Ids[i]);
            row.AppendValue((DateTime?)Time.ToUtc(batch.Timestamps[i]));
            row.AppendValue(batch.Versions[i]);
            row.AppendValue(batch.Predictions[i]);
            var score = batch.Scores[i];
            if (double.IsNaN(score)) row.AppendNullValue(); else row.AppendValue((double?)score);
            row.AppendValue(batch.ScoresJson[i]);
            for (int j = 0; j < features; j++)
            {
                var b = batchFieldOfColumn[j];
                if (b < 0) { row.AppendNullValue(); continue; }
                var numeric = batch.Numeric[b];
                if (numeric is not null)
                {
                    var v = numeric[i];
                    if (double.IsNaN(v)) row.AppendNullValue(); else row.AppendValue((double?)v);
                }
                else
                {
                    row.AppendValue(batch.Categorical[b]![i]);
                }
            }
            row.EndRow();
        }
    }

    public override ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return ValueTask.CompletedTask;
        while (_pool.TryTake(out var c)) c.Dispose();
        _idHashes.Clear();
        _root.Dispose();
        return ValueTask.CompletedTask;
    }
}
