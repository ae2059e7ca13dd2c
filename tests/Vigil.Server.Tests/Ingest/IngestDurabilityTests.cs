using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Vigil.Storage;
using Vigil.TestSupport;
using static Vigil.Server.Tests.Ingest.IngestTestModel;

namespace Vigil.Server.Tests.Ingest;

/// <summary>
/// Acknowledged means durable: a real server process is killed with SIGKILL while clients stream batches; after a
/// restart on the same DuckDB file every event id the server answered 200 for is stored.
/// </summary>
public sealed class IngestDurabilityTests
{
    [Fact]
    public async Task EveryAcknowledgedEventSurvivesKillMinus9()
    {
        await using var db = TestDatabase.DuckDb();
        await using (var store = await VigilStore.OpenDuckDbAsync(db.DuckDbPath))
        {
            Assert.True(await store.Registry.CreateModelAsync(new ModelRecord("credit", ModelTask.Binary, null, "1", DateTimeOffset.UtcNow)));
            await AddMonitorAsync(store, "credit");
        }

        var acknowledged = new ConcurrentBag<string>();
        using (var server = StartServer(db.DuckDbPath, out var url))
        {
            using var client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
            using var stop = new CancellationTokenSource();
            var clients = Enumerable.Range(0, 3).Select(c => Task.Run(async () =>
            {
                for (int batch = 0; !stop.IsCancellationRequested; batch++)
                {
                    int from = (c * 1_000_000) + batch * 200;
                    try
                    {
                        var r = await client.PostAsync("/api/v1/models/credit/predictions", Json(Array("k", from, 200)));
                        if (!r.IsSuccessStatusCode) continue;
                        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
                        Assert.Equal(200, doc.RootElement.GetProperty("accepted").GetInt32());
                        for (int i = 0; i < 200; i++) acknowledged.Add("k" + (from + i));
                    }
                    catch (HttpRequestException) { return; } // the server is gone
                    catch (TaskCanceledException) { return; }
                }
            })).ToArray();
            var until = Stopwatch.StartNew();
            while (acknowledged.Count < 3_000 && until.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(20);
            server.Kill(); // SIGKILL: no shutdown hooks, no checkpoint
            server.WaitForExit();
            stop.Cancel();
            await Task.WhenAll(clients);
        }
        Assert.True(acknowledged.Count >= 3_000, $"only {acknowledged.Count} events were acknowledged before the kill");

        // restart on the same file: it must open (WAL replay) and serve
        using (var again = StartServer(db.DuckDbPath, out var url2))
        {
            using var client = new HttpClient { BaseAddress = url2 };
            var model = await (await client.GetAsync("/api/v1/models/credit")).JsonAsync(200);
            Assert.True(model.GetProperty("events_ingested").GetInt64() >= acknowledged.Count);
            again.Kill();
            again.WaitForExit();
        }
        await using (var store = await VigilStore.OpenDuckDbAsync(db.DuckDbPath))
        {
            var rows = await store.Predictions.ReadRangeAsync("credit", DateTime.MinValue, DateTime.MaxValue);
            var stored = new HashSet<string>(rows.Batch.Ids[..rows.Count], StringComparer.Ordinal);
            var missing = acknowledged.Where(id => !stored.Contains(id)).Take(5).ToList();
            Assert.True(missing.Count == 0, $"acknowledged but not stored after kill -9: {string.Join(", ", missing)} (of {acknowledged.Count})");
        }
    }

    private static Process StartServer(string dbPath, out Uri url)
    {
        string assembly = typeof(IngestDurabilityTests).Assembly.Location;
        string dir = Path.GetDirectoryName(assembly)!;
        string name = Path.GetFileNameWithoutExtension(assembly);
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "exec", "--runtimeconfig", Path.Combine(dir, name + ".runtimeconfig.json"), "--depsfile", Path.Combine(dir, name + ".deps.json"), assembly })
            psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_STARTUP_HOOKS"] = assembly;
        psi.Environment["VIGIL_INGEST_HOST_DB"] = dbPath;
        var process = Process.Start(psi)!;
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (errors) errors.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        var line = process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();
        if (line is null || !line.StartsWith("LISTENING ", StringComparison.Ordinal))
        {
            try { process.Kill(); } catch (InvalidOperationException) { }
            lock (errors) throw new InvalidOperationException($"server process did not start: {line}\n{errors}");
        }
        url = new Uri(line["LISTENING ".Length..]);
        return process;
    }
}
