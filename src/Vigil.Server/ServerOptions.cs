namespace Vigil.Server;

/// <summary>How <c>vigil serve</c> runs.</summary>
/// <param name="DatabasePath">Embedded DuckDB file (default <c>vigil.duckdb</c>); ignored when <paramref name="PostgresConnection"/> is set.</param>
/// <param name="PostgresConnection">PostgreSQL connection string, or null for DuckDB.</param>
/// <param name="Urls">Listen URLs, default <c>http://127.0.0.1:5080</c>.</param>
/// <param name="AdminKeyFile">File holding the admin key (read, or created with mode 600), or null.</param>
/// <param name="Retention">Delete raw events older than this after their windows are computed; null keeps everything.</param>
public sealed record ServerOptions(
    string DatabasePath = "vigil.duckdb",
    string? PostgresConnection = null,
    string Urls = "http://127.0.0.1:5080",
    string? AdminKeyFile = null,
    TimeSpan? Retention = null);
