using System.Diagnostics;
using DuckDB.NET.Data;
using Vigil.Storage;
using Vigil.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace Vigil.Storage.Tests;

/// <summary>The conformance suite on an embedded DuckDB file in a temp folder, plus DuckDB-only behaviour.</summary>
public sealed class DuckDbStoreTests(ITestOutputHelper output) : StoreConformance
{
    private string _dir = "";
    private string DbPath => Path.Combine(_dir, "vigil.duckdb");

    protected override Task CreateAsync()
    {
        _dir = Paths.TempFolder();
        return Task.CompletedTask;
    }

    protected override Task DropAsync()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    protected override async Task<IVigilStore> OpenAsync() => await VigilStore.OpenDuckDbAsync(DbPath);

    protected override Task<object?> RawSqlAsync(string sql)
    {
        using var c = new DuckDBConnection("Data Source=" + DbPath);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Task.FromResult(cmd.ExecuteScalar());
    }

    [Fact]
    public void Backend_IsDuckDb() => Assert.Equal("duckdb", Store.Backend);

    [Fact]
    public async Task FileHeldByAnotherProcess_FailsWithClearMessage()
    {
        await Store.DisposeAsync();
        // Another process takes the same POSIX record lock DuckDB takes (fcntl F_SETLK on the whole file).
        var psi = new ProcessStartInfo("/usr/bin/python3")
        {
            ArgumentList = { "-c", "import fcntl,sys; f=open(sys.argv[1],'r+b'); fcntl.lockf(f, fcntl.LOCK_EX|fcntl.LOCK_NB); print('locked', flush=True); sys.stdin.read()", DbPath },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        using var holder = Process.Start(psi)!;
        try
        {
            Assert.Equal("locked", await holder.StandardOutput.ReadLineAsync());
            var e = await Assert.ThrowsAsync<StoreLockedException>(() => VigilStore.OpenDuckDbAsync(DbPath));
            Assert.Equal($"database file {Path.GetFullPath(DbPath)} is locked by another process (is vigil serve running?)", e.Message);
        }
        finally
        {
            holder.StandardInput.Close();
            await holder.WaitForExitAsync();
        }
        Store = await OpenAsync();
    }

    /// <summary>
    /// Rate of <c>AppendAsync</c> on 1,000-event batches of 25 numeric features against a raw DuckDB appender writing
    /// the same rows (one committed batch each) into an unindexed table of the same columns, interleaved; medians per batch.
    /// </summary>
    [Fact]
    public async Task AppendRate_IsAtLeastHalfTheRawAppender()
    {
        const int batches = 40, size = 1000, features = 25;
        var schema = Schema([.. Enumerable.Range(0, features).Select(f => ("feature_" + f, FeatureKind.Numeric))]);
        await Store.Predictions.EnsureSchemaAsync("bench", schema);
        var data = Enumerable.Range(0, batches).Select(k => Batch(schema, $"b{k}-", size, k * size)).ToArray();
        await Store.DisposeAsync();
        Store = null!;
        var rawPath = Path.Combine(_dir, "raw.duckdb");
        using (var raw = new DuckDBConnection("Data Source=" + rawPath))
        {
            raw.Open();
            using (var cmd = raw.CreateCommand())
            {
                cmd.CommandText = "CREATE TABLE raw (id VARCHAR, ts TIMESTAMP, version VARCHAR, prediction VARCHAR, score DOUBLE, scores_json VARCHAR"
                    + string.Concat(Enumerable.Range(0, features).Select(f => $", f_{f} DOUBLE")) + ")";
                cmd.ExecuteNonQuery();
            }
            Store = await OpenAsync();
            var storeTimes = new double[batches];
            var rawTimes = new double[batches];
            var sw = new Stopwatch();
            for (int k = 0; k < batches; k++)
            {
                sw.Restart();
                var r = await Store.Predictions.AppendAsync("bench", data[k]);
                storeTimes[k] = sw.Elapsed.TotalSeconds;
                Assert.Equal(size, r.Inserted);
                sw.Restart();
                RawAppend(raw, data[k]);
                rawTimes[k] = sw.Elapsed.TotalSeconds;
            }
            // Medians per batch: the machine is shared, so one stalled fsync must not decide the ratio.
            double storeRate = size / Median(storeTimes), rawRate = size / Median(rawTimes);
            output.WriteLine($"DuckDB AppendAsync: {storeRate:F0} events/s; raw appender: {rawRate:F0} events/s; ratio {storeRate / rawRate:F2}");
            Assert.Equal(batches * size, await Store.Predictions.CountAsync("bench"));
            Assert.True(storeRate >= 0.5 * rawRate, $"AppendAsync {storeRate:F0}/s is below half the raw appender {rawRate:F0}/s");
        }
    }

    private static double Median(double[] x)
    {
        var s = x.Order().ToArray();
        return s[s.Length / 2];
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
}
