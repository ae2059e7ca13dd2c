using System.Data.Common;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;

namespace Vigil.Storage.Sql;

/// <summary>
/// The PostgreSQL backend: an <see cref="NpgsqlDataSource"/> (Npgsql pools connections), <c>timestamptz</c> times,
/// advisory transaction locks for cross-process critical sections, and binary COPY into a temp table followed by
/// <c>INSERT … ON CONFLICT DO NOTHING RETURNING id</c> for prediction rows. Tables live in the first schema of the
/// connection string's <c>Search Path</c>, which is created when missing.
/// </summary>
internal sealed partial class PostgresDialect : SqlDialect
{
    private readonly NpgsqlDataSource _source;
    private readonly string _lockPrefix;

    private PostgresDialect(NpgsqlDataSource source, string lockPrefix)
    {
        _source = source;
        _lockPrefix = lockPrefix;
    }

    public override string Backend => "postgres";
    protected override string TimestampType => "TIMESTAMPTZ";
    protected override string BinaryCollation => " COLLATE \"C\"";
    public override bool IndexTimestamps => true;
    public override bool SerializeAppends => false;

    /// <summary>Connects (failing with the server's message when unreachable) and creates the search-path schema.</summary>
    public static async Task<PostgresDialect> OpenAsync(string connectionString, CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var schema = FirstSchema(builder.SearchPath);
        var source = NpgsqlDataSource.Create(builder);
        try
        {
            await using var c = await source.OpenConnectionAsync(ct).ConfigureAwait(false);
            if (schema is not null)
            {
                await using var cmd = c.CreateCommand();
                cmd.CommandText = "CREATE SCHEMA IF NOT EXISTS " + QuoteIdentifier(schema);
                try { await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false); }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation) { /* created concurrently */ }
            }
        }
        catch
        {
            await source.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new PostgresDialect(source, (builder.Database ?? "") + "/" + (schema ?? "public") + "/");
    }

    private static string? FirstSchema(string? searchPath)
    {
        if (string.IsNullOrWhiteSpace(searchPath)) return null;
        var first = searchPath.Split(',')[0].Trim();
        if (first.Length >= 2 && first[0] == '"' && first[^1] == '"') first = first[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
        return first.Length == 0 || first == "$user" ? null : first;
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public override string Prepare(string sql) => DollarParameter().Replace(base.Prepare(sql), "@$1");

    [GeneratedRegex(@"\$([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex DollarParameter();

    public override async ValueTask<DbConnection> RentAsync(CancellationToken ct) =>
        await _source.OpenConnectionAsync(ct).ConfigureAwait(false);

    public override ValueTask ReturnAsync(DbConnection connection) => connection.DisposeAsync();

    public override byte[] ReadBytes(DbDataReader reader, int ordinal) => reader.GetFieldValue<byte[]>(ordinal);

    public override async Task LockAsync(DbConnection connection, DbTransaction tx, string key, CancellationToken ct)
    {
        await using var cmd = Command(connection, tx, "SELECT pg_advisory_xact_lock(hashtext($k))", ("k", _lockPrefix + key));
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public override async Task<List<int>> AppendRowsAsync(
        DbConnection connection, PredictionTable table, PredictionBatch batch, int[] rows, int[] batchFieldOfColumn, CancellationToken ct)
    {
        var c = (NpgsqlConnection)connection;
        await using var tx = await c.BeginTransactionAsync(ct).ConfigureAwait(false);
        await ExecuteAsync(c, tx, $"CREATE TEMP TABLE vigil_stage (LIKE {table.Quoted}) ON COMMIT DROP", ct).ConfigureAwait(false);
        var copy = new StringBuilder("COPY vigil_stage (").Append(table.ColumnList()).Append(") FROM STDIN (FORMAT BINARY)");
        await using (var writer = await c.BeginBinaryImportAsync(copy.ToString(), ct).ConfigureAwait(false))
        {
            var features = batchFieldOfColumn.Length;
            foreach (var i in rows)
            {
                await writer.StartRowAsync(ct).ConfigureAwait(false);
                await writer.WriteAsync(batch.Ids[i], NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await writer.WriteAsync(Time.ToUtc(batch.Timestamps[i]), NpgsqlDbType.TimestampTz, ct).ConfigureAwait(false);
                await WriteTextAsync(writer, batch.Versions[i], ct).ConfigureAwait(false);
                await WriteTextAsync(writer, batch.Predictions[i], ct).ConfigureAwait(false);
                await WriteDoubleAsync(writer, batch.Scores[i], ct).ConfigureAwait(false);
                await WriteTextAsync(writer, batch.ScoresJson[i], ct).ConfigureAwait(false);
                for (int j = 0; j < features; j++)
                {
                    var b = batchFieldOfColumn[j];
                    if (b < 0) { await writer.WriteNullAsync(ct).ConfigureAwait(false); continue; }
                    var numeric = batch.Numeric[b];
                    if (numeric is not null) await WriteDoubleAsync(writer, numeric[i], ct).ConfigureAwait(false);
                    else await WriteTextAsync(writer, batch.Categorical[b]![i], ct).ConfigureAwait(false);
                }
            }
            await writer.CompleteAsync(ct).ConfigureAwait(false);
        }
        var ids = await QueryAsync(c, tx, $"INSERT INTO {table.Quoted} ({table.ColumnList()}) SELECT {table.ColumnList()} FROM vigil_stage ON CONFLICT (id) DO NOTHING RETURNING id",
            r => r.GetString(0), ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        var duplicates = new List<int>();
        if (ids.Count == rows.Length) return duplicates;
        var inserted = new HashSet<string>(ids, StringComparer.Ordinal);
        foreach (var i in rows) if (!inserted.Contains(batch.Ids[i])) duplicates.Add(i);
        return duplicates;
    }

    private static Task WriteTextAsync(NpgsqlBinaryImporter w, string? value, CancellationToken ct) =>
        value is null ? w.WriteNullAsync(ct) : w.WriteAsync(value, NpgsqlDbType.Text, ct);

    private static Task WriteDoubleAsync(NpgsqlBinaryImporter w, double value, CancellationToken ct) =>
        double.IsNaN(value) ? w.WriteNullAsync(ct) : w.WriteAsync(value, NpgsqlDbType.Double, ct);

    public override ValueTask DisposeAsync() => _source.DisposeAsync();
}
