using System.Data.Common;

namespace Vigil.Storage.Sql;

/// <summary>
/// What differs between the two backends (connections, types, parameter syntax, locks, bulk rows), plus the small
/// ADO.NET helpers every store uses. SQL is written once with <c>$name</c> parameters and <c>{ts}</c> / <c>{blob}</c>
/// type tokens; <see cref="Prepare"/> turns it into the backend's form.
/// </summary>
internal abstract class SqlDialect : IAsyncDisposable
{
    /// <summary>"duckdb" or "postgres".</summary>
    public abstract string Backend { get; }

    /// <summary>Column type holding a UTC instant.</summary>
    protected abstract string TimestampType { get; }

    /// <summary>True when the prediction tables get an index on ts (PostgreSQL; DuckDB uses zone maps).</summary>
    public abstract bool IndexTimestamps { get; }

    /// <summary>True when appends to one model must be serialised inside this process (DuckDB's optimistic writes conflict).</summary>
    public abstract bool SerializeAppends { get; }

    /// <summary>A connection for one operation (return it with <see cref="ReturnAsync"/>).</summary>
    public abstract ValueTask<DbConnection> RentAsync(CancellationToken ct);

    /// <summary>Gives the connection back (pool or dispose).</summary>
    public abstract ValueTask ReturnAsync(DbConnection connection);

    /// <summary>Reads a BLOB / bytea column.</summary>
    public abstract byte[] ReadBytes(DbDataReader reader, int ordinal);

    /// <summary>Takes a lock named <paramref name="key"/> until the transaction ends, across processes where the backend allows several.</summary>
    public abstract Task LockAsync(DbConnection connection, DbTransaction tx, string key, CancellationToken ct);

    /// <summary>
    /// Writes the batch rows listed in <paramref name="rows"/> (ids unique among them) into the prediction table in one
    /// committed transaction, skipping ids already stored; returns the batch indexes that were skipped.
    /// </summary>
    public abstract Task<List<int>> AppendRowsAsync(
        DbConnection connection, PredictionTable table, PredictionBatch batch, int[] rows, int[] batchFieldOfColumn, CancellationToken ct);

    /// <summary>Releases the database.</summary>
    public abstract ValueTask DisposeAsync();

    /// <summary>Backend form of the SQL text (type tokens, parameter markers).</summary>
    public virtual string Prepare(string sql) =>
        sql.Replace("{ts}", TimestampType, StringComparison.Ordinal).Replace("{blob}", "BYTEA", StringComparison.Ordinal)
           .Replace("{binary}", BinaryCollation, StringComparison.Ordinal);

    /// <summary>Collation clause giving byte order for text (so both backends order ids alike).</summary>
    protected abstract string BinaryCollation { get; }

    /// <summary>A command with parameters; DateTime values are sent as UTC, DateTimeOffset as its UTC instant, null as DBNull.</summary>
    public DbCommand Command(DbConnection connection, DbTransaction? tx, string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = Prepare(sql);
        foreach (var (name, value) in parameters) AddParameter(cmd, name, value);
        return cmd;
    }

    /// <summary>Adds one parameter (normalised as in <see cref="Command"/>).</summary>
    public static void AddParameter(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value switch
        {
            null => DBNull.Value,
            DateTime d => Time.ToUtc(d),
            DateTimeOffset o => o.UtcDateTime,
            _ => value,
        };
        cmd.Parameters.Add(p);
    }

    /// <summary>Runs a statement on a rented connection.</summary>
    public async Task<int> ExecuteAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        var c = await RentAsync(ct).ConfigureAwait(false);
        try
        {
            await using var cmd = Command(c, null, sql, parameters);
            return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        finally { await ReturnAsync(c).ConfigureAwait(false); }
    }

    /// <summary>Runs a query on a rented connection and maps every row.</summary>
    public async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        var c = await RentAsync(ct).ConfigureAwait(false);
        try
        {
            return await QueryAsync(c, null, sql, map, ct, parameters).ConfigureAwait(false);
        }
        finally { await ReturnAsync(c).ConfigureAwait(false); }
    }

    /// <summary>Runs a query on the given connection and transaction and maps every row.</summary>
    public async Task<List<T>> QueryAsync<T>(DbConnection c, DbTransaction? tx, string sql, Func<DbDataReader, T> map, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var cmd = Command(c, tx, sql, parameters);
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var list = new List<T>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false)) list.Add(map(reader));
        return list;
    }

    /// <summary>Runs a statement on the given connection and transaction.</summary>
    public async Task<int> ExecuteAsync(DbConnection c, DbTransaction? tx, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var cmd = Command(c, tx, sql, parameters);
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="body"/> in a transaction on a rented connection and commits it.</summary>
    public async Task<T> TransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> body, CancellationToken ct)
    {
        var c = await RentAsync(ct).ConfigureAwait(false);
        try
        {
            await using var tx = await c.BeginTransactionAsync(ct).ConfigureAwait(false);
            var result = await body(c, tx).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
            return result;
        }
        finally { await ReturnAsync(c).ConfigureAwait(false); }
    }
}

/// <summary>UTC conversions shared by the stores.</summary>
internal static class Time
{
    /// <summary>The instant as a UTC DateTime (Unspecified is taken as UTC).</summary>
    public static DateTime ToUtc(DateTime d) => d.Kind switch
    {
        DateTimeKind.Utc => d,
        DateTimeKind.Local => d.ToUniversalTime(),
        _ => DateTime.SpecifyKind(d, DateTimeKind.Utc),
    };

    /// <summary>Reads a stored instant as a UTC DateTime.</summary>
    public static DateTime ReadUtc(DbDataReader r, int i) => DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc);

    /// <summary>Reads a stored instant as a DateTimeOffset at offset zero.</summary>
    public static DateTimeOffset ReadOffset(DbDataReader r, int i) => new(ReadUtc(r, i));

    /// <summary>Reads a nullable instant.</summary>
    public static DateTimeOffset? ReadOffsetOrNull(DbDataReader r, int i) => r.IsDBNull(i) ? null : ReadOffset(r, i);

    /// <summary>
    /// The smallest whole microsecond at or after <paramref name="d"/> (UTC). Range bounds go through this: stored times
    /// are whole microseconds, so <c>ts &lt; to</c> and <c>ts &gt;= from</c> keep their meaning for a bound such as
    /// <c>last.AddTicks(1)</c>, which the drivers would otherwise truncate to <c>last</c>.
    /// </summary>
    public static DateTime CeilingToMicroseconds(DateTime d)
    {
        d = ToUtc(d);
        var rest = d.Ticks % 10;
        return rest == 0 || d.Ticks > DateTime.MaxValue.Ticks - 10 ? d : new DateTime(d.Ticks - rest + 10, DateTimeKind.Utc);
    }

    /// <summary>Truncates to whole microseconds (what both backends store).</summary>
    public static DateTimeOffset TruncateToMicroseconds(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % 10, TimeSpan.Zero);

    /// <summary>Reads a nullable text column.</summary>
    public static string? StringOrNull(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
