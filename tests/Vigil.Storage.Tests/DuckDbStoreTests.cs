using System.Diagnostics;
using DuckDB.NET.Data;
using Vigil.Storage;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Storage.Tests;

/// <summary>The conformance suite on an embedded DuckDB file in a temp folder, plus DuckDB-only behaviour.</summary>
public sealed class DuckDbStoreTests : StoreConformance
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

    // Prediction tables have no primary key on DuckDB: idempotency comes from the in-memory id-hash set, which must be
    // rebuilt from the table after a restart.
    [Fact]
    public async Task Predictions_IdempotentAcrossReopen()
    {
        var schema = Schema(("a", FeatureKind.Numeric));
        Assert.Equal(10, (await Store.Predictions.AppendAsync("m", Batch(schema, "e", 10))).Inserted);
        await Store.DisposeAsync();
        Store = await OpenAsync();
        var again = await Store.Predictions.AppendAsync("m", Batch(schema, "e", 15));
        Assert.Equal(5, again.Inserted);
        Assert.Equal(Enumerable.Range(0, 10), again.DuplicateIndexes);
        Assert.Equal(15, await Store.Predictions.CountAsync("m"));
        Assert.Equal(0L, Convert.ToInt64(await RawSqlAsync("SELECT count(*) FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY' AND table_name LIKE 'p\\_%' ESCAPE '\\'")));
    }

    // A deleted id's hash stays in the set: it is a candidate, confirmed absent against the table, and written again.
    [Fact]
    public async Task Predictions_IdDeletedThenSentAgain_IsStored()
    {
        var schema = Schema(("a", FeatureKind.Numeric));
        var b = Batch(schema, "e", 6);
        await Store.Predictions.AppendAsync("m", b);
        Assert.Equal(3, await Store.Predictions.DeleteBeforeAsync("m", b.Timestamps[3]));
        var r = await Store.Predictions.AppendAsync("m", Batch(schema, "e", 6));
        Assert.Equal(3, r.Inserted);
        Assert.Equal([3, 4, 5], r.DuplicateIndexes);
        Assert.Equal(6, await Store.Predictions.CountAsync("m"));
    }

    // Files written before the change keep their primary key and the ON CONFLICT path.
    [Fact]
    public async Task Predictions_TableWithPrimaryKey_StaysIdempotent()
    {
        var schema = Schema(("a", FeatureKind.Numeric));
        await Store.Predictions.AppendAsync("m", Batch(schema, "e", 4));
        var table = (string)(await RawSqlAsync("SELECT table_name FROM prediction_tables WHERE model = 'm'"))!;
        await Store.DisposeAsync();
        using (var c = new DuckDBConnection("Data Source=" + DbPath))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"CREATE TABLE old AS SELECT * FROM \"{table}\"; DROP TABLE \"{table}\"; "
                + $"CREATE TABLE \"{table}\" (id TEXT PRIMARY KEY, ts TIMESTAMP NOT NULL, version TEXT, prediction TEXT, score FLOAT8, scores_json TEXT, f_0 FLOAT8); "
                + $"INSERT INTO \"{table}\" SELECT * FROM old; DROP TABLE old;";
            cmd.ExecuteNonQuery();
        }
        Store = await OpenAsync();
        var r = await Store.Predictions.AppendAsync("m", Batch(schema, "e", 6));
        Assert.Equal(2, r.Inserted);
        Assert.Equal([0, 1, 2, 3], r.DuplicateIndexes);
        Assert.Equal(6, await Store.Predictions.CountAsync("m"));
    }
}
