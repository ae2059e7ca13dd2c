using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using Vigil.Storage;
using Xunit;
using Xunit.Abstractions;

namespace Vigil.Storage.Tests;

/// <summary>
/// The conformance suite on PostgreSQL, each test in a fresh random schema (via the connection string's Search Path)
/// dropped afterwards. Connection: env <c>VIGIL_TEST_POSTGRES</c>, default the local test database. When the server is
/// not reachable every test fails (CI starts it; ./test.sh starts it locally).
/// </summary>
public sealed class PostgresStoreTests(ITestOutputHelper output) : StoreConformance
{
    private const string DefaultConnection = "Host=127.0.0.1;Username=postgres;Password=postgres;Database=vigil_test";
    private readonly string _schema = "vigil_test_" + Guid.NewGuid().ToString("N")[..12];

    private static string BaseConnection =>
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

    /// <summary>
    /// Rate of <c>AppendAsync</c> (binary COPY into a temp table + INSERT … ON CONFLICT) on 1,000-event batches of 25
    /// numeric features against a raw binary COPY of the same rows into an unindexed table, interleaved; medians per batch.
    /// </summary>
    [Fact]
    public async Task AppendRate_ComparedWithRawBinaryCopy()
    {
        const int batches = 30, size = 1000, features = 25;
        var schema = Schema([.. Enumerable.Range(0, features).Select(f => ("feature_" + f, FeatureKind.Numeric))]);
        await Store.Predictions.EnsureSchemaAsync("bench", schema);
        var data = Enumerable.Range(0, batches).Select(k => Batch(schema, $"b{k}-", size, k * size)).ToArray();
        await using var raw = new NpgsqlConnection(SchemaConnection);
        await raw.OpenAsync();
        await using (var cmd = raw.CreateCommand())
        {
            cmd.CommandText = "CREATE TABLE raw (id TEXT, ts TIMESTAMPTZ, version TEXT, prediction TEXT, score FLOAT8, scores_json TEXT"
                + string.Concat(Enumerable.Range(0, features).Select(f => $", f_{f} FLOAT8")) + ")";
            await cmd.ExecuteNonQueryAsync();
        }
        var storeTimes = new double[batches];
        var rawTimes = new double[batches];
        var sw = new Stopwatch();
        for (int k = 0; k < batches; k++)
        {
            sw.Restart();
            Assert.Equal(size, (await Store.Predictions.AppendAsync("bench", data[k])).Inserted);
            storeTimes[k] = sw.Elapsed.TotalSeconds;
            sw.Restart();
            await RawCopyAsync(raw, data[k]);
            rawTimes[k] = sw.Elapsed.TotalSeconds;
        }
        double storeRate = size / Median(storeTimes), rawRate = size / Median(rawTimes);
        output.WriteLine($"PostgreSQL AppendAsync: {storeRate:F0} events/s; raw binary COPY: {rawRate:F0} events/s; ratio {storeRate / rawRate:F2}");
        Assert.Equal(batches * size, await Store.Predictions.CountAsync("bench"));
        Assert.True(storeRate >= 0.25 * rawRate, $"AppendAsync {storeRate:F0}/s is below a quarter of raw COPY {rawRate:F0}/s");
    }

    private static double Median(double[] x)
    {
        var s = x.Order().ToArray();
        return s[s.Length / 2];
    }

    private static async Task RawCopyAsync(NpgsqlConnection c, PredictionBatch b)
    {
        await using var w = await c.BeginBinaryImportAsync("COPY raw FROM STDIN (FORMAT BINARY)");
        for (int i = 0; i < b.Count; i++)
        {
            await w.StartRowAsync();
            await w.WriteAsync(b.Ids[i], NpgsqlDbType.Text);
            await w.WriteAsync(b.Timestamps[i], NpgsqlDbType.TimestampTz);
            await w.WriteAsync(b.Versions[i]!, NpgsqlDbType.Text);
            await w.WriteAsync(b.Predictions[i]!, NpgsqlDbType.Text);
            await w.WriteAsync(b.Scores[i], NpgsqlDbType.Double);
            await w.WriteNullAsync();
            for (int f = 0; f < b.Numeric.Length; f++) await w.WriteAsync(b.Numeric[f]![i], NpgsqlDbType.Double);
        }
        await w.CompleteAsync();
    }
}
