namespace Vigil.Storage;

/// <summary>
/// Thrown by <see cref="VigilStore.OpenDuckDbAsync"/> when another process holds the database file
/// (DuckDB allows one writing process per file).
/// </summary>
public sealed class StoreLockedException : IOException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public StoreLockedException(string path, Exception? inner = null)
        : base($"database file {path} is locked by another process (is vigil serve running?)", inner)
    {
        Path = path;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }
}
