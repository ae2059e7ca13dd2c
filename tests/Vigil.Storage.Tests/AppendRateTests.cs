using System.Diagnostics;
using DuckDB.NET.Data;
using Npgsql;
using NpgsqlTypes;
using Vigil.Storage;
using Vigil.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace Vigil.Storage.Tests;

[CollectionDefinition("append rate", DisableParallelization = true)]
public sealed class AppendRateCollection;

/// <summary>
/// Append throughput of the prediction log against the backend's raw bulk path writing the same rows: 1,000-event
/// batches of 25 numeric features, store and baseline interleaved batch by batch, medians of the per-batch times (the
/// machine is shared). Runs alone (no parallel tests). The figures are printed to the test output.
/// </summary>
[Collection("append rate")]
public sealed class AppendRateTests(ITestOutputHelper output)
{
    private const int Batches = 40, Size = 1000, Features = 25;
    private static readonly DateTime T0 = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    private static FeatureSchema BenchSchema() =>
        new([.. Enumerable.Range(0, Features).Select(f => new FeatureField("feature_" + f, FeatureKind.Numeric))]);

    private static PredictionBatch[] Data(FeatureSchema schema)
    {
        var rnd = new Random(42);
        var data = new PredictionBatch[Batches];
        for (int k = 0; k < Batches; k++)
        {
            var b = new PredictionBatch(schema, Size) { Count = Size };
            for (int i = 0; i < Size; i++)
            {
                b.Ids[i] = $"evt-{k}-{i}";
                b.Timestamps[i] = T0.AddMilliseconds(k * Size + i);
                b.Versions[i] = "v1";
                b.Predictions[i] = (i % 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
                b.Scores[i] = rnd.NextDouble();
                for (int f = 0; f < Features; f++) b.Numeric[f]![i] = rnd.NextDouble();
            }
            data[k] = b;
        }
        return data;
    }

    private static string Columns(string text, string timestamp, string number) =>
        $"id {text}, ts {timestamp}, version {text}, prediction {text}, score {number}, scores_json {text}"
        + string.Concat(Enumerable.Range(0, Features).Select(f => $", f_{f} {number}"));

    private static double Median(double[] x)
    {
        var s = x.Order().ToArray();
        return s[s.Length / 2];
    }

    /// <summary>Target from issue 7: the DuckDB AppendAsync at least half the raw appender rate (guarded here at 0.4 for shared machines).</summary>
    [Fact]
    public async Task DuckDb_AppendAsyncAgainstRawAppender()
    {
        var dir = Paths.TempFolder();
        try
        {
            var schema = BenchSchema();
            var data = Data(schema);
            await using var store = await VigilStore.OpenDuckDbAsync(Path.Combine(dir, "store.duckdb"));
            await store.Predictions.EnsureSchemaAsync("bench", schema);
            using var raw = new DuckDBConnection("Data Source=" + Path.Combine(dir, "raw.duckdb"));
            raw.Open();
            using (var cmd = raw.CreateCommand())
            {
                cmd.CommandText = $"CREATE TABLE raw ({Columns("VARCHAR", "TIMESTAMP", "DOUBLE")})";
                cmd.ExecuteNonQuery();
            }
            var storeTimes = new double[Batches];
            var rawTimes = new double[Batches];
            var sw = new Stopwatch();
            for (int k = 0; k < Batches; k++)
            {
                sw.Restart();
                var r = await store.Predictions.AppendAsync("bench", data[k]);
                storeTimes[k] = sw.Elapsed.TotalSeconds;
                Assert.Equal(Size, r.Inserted);
                sw.Restart();
                RawAppend(raw, data[k]);
                rawTimes[k] = sw.Elapsed.TotalSeconds;
            }
            double storeRate = Size / Median(storeTimes), rawRate = Size / Median(rawTimes);
            output.WriteLine($"DuckDB AppendAsync: {storeRate:F0} events/s; raw appender: {rawRate:F0} events/s; ratio {storeRate / rawRate:F2}");
            Assert.Equal(Batches * Size, await store.Predictions.CountAsync("bench"));
            Assert.True(storeRate >= 0.4 * rawRate, $"AppendAsync {storeRate:F0}/s is below 0.4 x the raw appender {rawRate:F0}/s");
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    private static void RawAppend(DuckDBConnection c, PredictionBatch b)
    {
        using var app = c.CreateAppender("raw");
        for (int i = 0; i < b.Count; i++)
        {
            var row = app.CreateRow();
            row.AppendValue(b.Ids[i]).AppendValue((DateTime?)b.Timestamps[i]).AppendValue(b.Versions[i]).AppendValue(b.Predictions[i])
               .AppendValue((double?)b.Scores[i]).AppendValue(b.ScoresJson[i]);
            for (int f = 0; f < b.Numeric.Length; f++) row.AppendValue((double?)b.Numeric[f]![i]);
            row.EndRow();
        }
        app.Close();
    }

    /// <summary>PostgreSQL: AppendAsync (binary COPY into a temp table + INSERT … ON CONFLICT) against a raw binary COPY into an unindexed table.</summary>
    [Fact]
    public async Task Postgres_AppendAsyncAgainstRawBinaryCopy()
    {
        var schemaName = "vigil_rate_" + Guid.NewGuid().ToString("N")[..12];
        var conn = new NpgsqlConnectionStringBuilder(PostgresStoreTests.BaseConnection) { SearchPath = schemaName }.ConnectionString;
        try
        {
            var schema = BenchSchema();
            var data = Data(schema);
            await using var store = await VigilStore.OpenPostgresAsync(conn);
            await store.Predictions.EnsureSchemaAsync("bench", schema);
            await using var raw = new NpgsqlConnection(conn);
            await raw.OpenAsync();
            await using (var cmd = raw.CreateCommand())
            {
                cmd.CommandText = $"CREATE TABLE raw ({Columns("TEXT", "TIMESTAMPTZ", "FLOAT8")})";
                await cmd.ExecuteNonQueryAsync();
            }
            var storeTimes = new double[Batches];
            var rawTimes = new double[Batches];
            var sw = new Stopwatch();
            for (int k = 0; k < Batches; k++)
            {
                sw.Restart();
                Assert.Equal(Size, (await store.Predictions.AppendAsync("bench", data[k])).Inserted);
                storeTimes[k] = sw.Elapsed.TotalSeconds;
                sw.Restart();
                await RawCopyAsync(raw, data[k]);
                rawTimes[k] = sw.Elapsed.TotalSeconds;
            }
            double storeRate = Size / Median(storeTimes), rawRate = Size / Median(rawTimes);
            output.WriteLine($"PostgreSQL AppendAsync: {storeRate:F0} events/s; raw binary COPY: {rawRate:F0} events/s; ratio {storeRate / rawRate:F2}");
            Assert.Equal(Batches * Size, await store.Predictions.CountAsync("bench"));
            Assert.True(storeRate >= 0.25 * rawRate, $"AppendAsync {storeRate:F0}/s is below a quarter of raw COPY {rawRate:F0}/s");
        }
        finally
        {
            await using var c = new NpgsqlConnection(PostgresStoreTests.BaseConnection);
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = $"DROP SCHEMA IF EXISTS \"{schemaName}\" CASCADE";
            await cmd.ExecuteNonQueryAsync();
        }
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
