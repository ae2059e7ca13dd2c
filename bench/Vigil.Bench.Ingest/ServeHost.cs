using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Server;
using Vigil.Storage;

namespace Vigil.Bench.Ingest;

/// <summary>
/// <c>serve</c> mode: runs the real Vigil server (<see cref="VigilServer"/>) on a DuckDB file, after making sure the
/// bench model exists with the w1 feature schema (20 numeric, 5 categorical) and a monitor record, so the benchmark
/// needs no monitor PUT. Stand-in for <c>vigil serve</c> until the CLI command exists.
/// <para>The monitor's background loop (window computation, alerts) is not run: this benchmark measures ingest (parse,
/// validate, append, commit), and the placeholder monitor record has no reference data. Ingest still notifies the
/// <c>MonitorService</c> after each commit (it only enqueues), as in the real server.</para>
/// </summary>
internal static class ServeHost
{
    public static async Task<int> RunAsync(string db, string urls, string model, string[] columns)
    {
        await using (var store = await VigilStore.OpenDuckDbAsync(db))
        {
            if (await store.Registry.GetModelAsync(model) is null)
                await store.Registry.CreateModelAsync(new ModelRecord(model, ModelTask.Binary, "ingest benchmark", "1", DateTimeOffset.UtcNow));
            var fields = new List<FeatureField>();
            for (int c = 0; c < columns.Length; c++) fields.Add(new FeatureField(columns[c], c < 20 ? FeatureKind.Numeric : FeatureKind.Categorical));
            await store.Predictions.EnsureSchemaAsync(model, new FeatureSchema(fields));
            if (await store.Monitors.GetAsync(model) is null)
                await store.Monitors.PutAsync(new MonitorRecord(model, "{\"window\": \"1h\"}", "bench", DateTimeOffset.UtcNow));
        }
        await using var app = await VigilServer.CreateAsync(new ServerOptions(db, null, urls), b =>
        {
            b.Logging.SetMinimumLevel(LogLevel.Warning);
            for (int i = b.Services.Count - 1; i >= 0; i--)
                if (b.Services[i].ServiceType == typeof(IHostedService) && b.Services[i].ImplementationType?.Name == "MonitorHost") b.Services.RemoveAt(i);
        });
        await app.StartAsync();
        Console.WriteLine("LISTENING " + string.Join(" ", app.Urls));
        await app.WaitForShutdownAsync();
        return 0;
    }
}
