using System.Collections.Concurrent;
using System.Data.Common;
using DuckDB.NET.Data;

namespace Vigil.Storage.Sql;

/// <summary>
/// The embedded DuckDB backend: one database instance per store (a root connection kept open), and a small pool of
/// further connections to the same instance, one per operation (DuckDB connections are not thread-safe individually).
/// Prediction rows go through the Appender inside a transaction; when an id is already stored the transaction is
/// rolled back and the batch goes through a staging temp table and <c>INSERT … ON CONFLICT DO NOTHING RETURNING id</c>.
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
        DbConnection connection, PredictionTable table, PredictionBatch batch, int[] rows, int[] batchFieldOfColumn, CancellationToken ct)
    {
        var c = (DuckDBConnection)connection;
        // Fast path: append straight into the table; the primary key rejects the whole batch if any id is stored.
        using (var tx = c.BeginTransaction())
        {
            bool conflict = false;
            try
            {
                using (var appender = c.CreateAppender(table.TableName)) { Write(appender, batch, rows, batchFieldOfColumn); appender.Close(); }
                tx.Commit();
                return [];
            }
            catch (DuckDBException e) when (IsConstraint(e))
            {
                conflict = true;
            }
            if (conflict) tx.Rollback();
        }
        ct.ThrowIfCancellationRequested();
        return await AppendViaStagingAsync(c, table, batch, rows, batchFieldOfColumn, ct).ConfigureAwait(false);
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
        _root.Dispose();
        return ValueTask.CompletedTask;
    }
}
