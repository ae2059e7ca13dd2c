using Vigil.Storage.Sql;

namespace Vigil.Storage;

/// <summary>Opens a <see cref="IVigilStore"/> on one of the two backends, applying schema migrations.</summary>
/// <remarks>
/// <para>Thread safety: a store is safe to call from many requests at once; every operation uses its own connection
/// (a small pool on DuckDB, Npgsql's pool on PostgreSQL). Open one store per database file and share it: DuckDB
/// allows one process per file, and appends to one model are serialised inside the store (DuckDB's writes to one table
/// conflict otherwise). PostgreSQL appends run concurrently and rely on <c>ON CONFLICT DO NOTHING</c>.</para>
/// <para>Times: stored in UTC to the microsecond (ticks below a microsecond are dropped); DateTime values come back
/// with <see cref="DateTimeKind.Utc"/>, DateTimeOffset values at offset zero. Unspecified DateTime input is taken as UTC.</para>
/// <para>Prediction log: <see cref="IPredictionStore.AppendAsync"/> creates or widens the model's table from the
/// batch schema when needed; reads for a model with no table return empty results (count 0, null schema/span).
/// NaN scores and NaN numeric features are stored as SQL NULL and read back as NaN.</para>
/// <para>Errors: <see cref="StoreLockedException"/> (an <see cref="IOException"/>) when a DuckDB file is held by another
/// process; <see cref="ArgumentException"/> for caller mistakes (a feature whose kind differs from the stored one, a
/// missing event id, a null label); driver exceptions (DuckDBException, NpgsqlException) otherwise.</para>
/// </remarks>
public static class VigilStore
{
    /// <summary>
    /// Opens (creating when absent) an embedded DuckDB database file and migrates it.
    /// Throws <see cref="StoreLockedException"/> when another process holds the file.
    /// </summary>
    public static async Task<IVigilStore> OpenDuckDbAsync(string path, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var dialect = DuckDbDialect.Open(path);
        return await SqlVigilStore.OpenAsync(dialect, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens a PostgreSQL database by connection string and migrates it. The first schema of the connection
    /// string's <c>Search Path</c> (when given) is created if missing and holds every table.
    /// </summary>
    public static async Task<IVigilStore> OpenPostgresAsync(string connectionString, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var dialect = await PostgresDialect.OpenAsync(connectionString, ct).ConfigureAwait(false);
        return await SqlVigilStore.OpenAsync(dialect, ct).ConfigureAwait(false);
    }
}
