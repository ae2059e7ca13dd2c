namespace Vigil.Storage;

/// <summary>Opens a <see cref="IVigilStore"/> on one of the two backends, applying schema migrations.</summary>
public static class VigilStore
{
    /// <summary>Opens (creating when absent) an embedded DuckDB database file and migrates it.</summary>
    public static Task<IVigilStore> OpenDuckDbAsync(string path, CancellationToken ct = default) =>
        throw new NotImplementedException("DuckDB store: being built (issue 7).");

    /// <summary>Opens a PostgreSQL database by connection string and migrates it.</summary>
    public static Task<IVigilStore> OpenPostgresAsync(string connectionString, CancellationToken ct = default) =>
        throw new NotImplementedException("PostgreSQL store: being built (issue 7).");
}
