using Npgsql;
using Vigil.Storage;
using Xunit;

namespace Vigil.Storage.Tests;

/// <summary>
/// The conformance suite on PostgreSQL, each test in a fresh random schema (via the connection string's Search Path)
/// dropped afterwards. Connection: env <c>VIGIL_TEST_POSTGRES</c>, default the local test database. When the server is
/// not reachable every test fails (CI starts it; ./test.sh starts it locally).
/// </summary>
public sealed class PostgresStoreTests : StoreConformance
{
    private const string DefaultConnection = "Host=127.0.0.1;Username=postgres;Password=postgres;Database=vigil_test";
    private readonly string _schema = "vigil_test_" + Guid.NewGuid().ToString("N")[..12];

    internal static string BaseConnection =>
        Environment.GetEnvironmentVariable("VIGIL_TEST_POSTGRES") is { Length: > 0 } s ? s : DefaultConnection;

    private string SchemaConnection => new NpgsqlConnectionStringBuilder(BaseConnection) { SearchPath = _schema }.ConnectionString;

    protected override async Task CreateAsync()
    {
        try
        {
            await using var c = new NpgsqlConnection(BaseConnection);
            await c.OpenAsync();
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            var shown = new NpgsqlConnectionStringBuilder(BaseConnection) { Password = null };
            throw new InvalidOperationException(
                $"PostgreSQL is not reachable at '{shown}': {e.Message}. Start it (pg_ctlcluster 15 main start; ./test.sh does this) " +
                "or point VIGIL_TEST_POSTGRES at a server.", e);
        }
    }

    protected override async Task DropAsync()
    {
        await using var c = new NpgsqlConnection(BaseConnection);
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE";
        await cmd.ExecuteNonQueryAsync();
    }

    protected override async Task<IVigilStore> OpenAsync() => await VigilStore.OpenPostgresAsync(SchemaConnection);

    protected override async Task<object?> RawSqlAsync(string sql)
    {
        await using var c = new NpgsqlConnection(SchemaConnection);
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync();
    }

    [Fact]
    public void Backend_IsPostgres() => Assert.Equal("postgres", Store.Backend);

    [Fact]
    public async Task TablesLiveInTheSearchPathSchema()
    {
        await Store.Predictions.EnsureSchemaAsync("m", Schema(("a", FeatureKind.Numeric)));
        await using var c = new NpgsqlConnection(BaseConnection);
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM information_schema.tables WHERE table_schema = @s AND table_name IN ('models', 'audit_log', 'schema_migrations', 'p_1')";
        cmd.Parameters.AddWithValue("s", _schema);
        Assert.Equal(4L, await cmd.ExecuteScalarAsync());
    }
}
