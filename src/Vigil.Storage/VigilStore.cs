using Vigil.Storage.Sql;

namespace Vigil.Storage;

/// <summary>Opens a <see cref="IVigilStore"/> on one of the two backends, applying schema migrations.</summary>
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
