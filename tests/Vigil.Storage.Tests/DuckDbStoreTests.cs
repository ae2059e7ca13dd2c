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
}
