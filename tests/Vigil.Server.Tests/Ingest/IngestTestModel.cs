using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Storage;

namespace Vigil.Server.Tests.Ingest;

/// <summary>Sets up a model with a feature schema and a monitor record straight in the store, and builds event bodies.</summary>
internal static class IngestTestModel
{
    public static readonly FeatureSchema Schema = ParserTestSchemas.Credit;

    /// <summary>Registers the model over HTTP, then stores its schema and a monitor record (what a monitor PUT leaves behind).</summary>
    public static async Task CreateAsync(ServerHost server, string model, bool withMonitor = true)
    {
        var r = await server.Client.PostAsJsonAsync("/api/v1/models", new { name = model, task = "binary", positive_label = "1" });
        Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
        if (withMonitor) await AddMonitorAsync(server.App.Services.GetRequiredService<IVigilStore>(), model);
    }

    public static async Task AddMonitorAsync(IVigilStore store, string model)
    {
        await store.Predictions.EnsureSchemaAsync(model, Schema);
        // a real, parseable monitor (the server's MonitorService runs on it): reference rows shaped like Event(n)
        var csv = new StringBuilder("age,income,city\n");
        for (int n = 0; n < 300; n++) csv.Append(CultureInfo.InvariantCulture, $"{20 + n % 50},{n * 1.5},c{n % 3}\n");
        var dataset = await store.Datasets.PutAsync("reference.csv", "csv", Encoding.UTF8.GetBytes(csv.ToString()));
        await store.Monitors.PutAsync(new MonitorRecord(model,
            $"{{\"reference\": {{\"dataset_id\": \"{dataset.Id}\"}}, \"window\": 1000}}", dataset.Id, DateTimeOffset.UtcNow));
    }

    /// <summary>An event whose features derive from its number, so stored values can be checked.</summary>
    public static string Event(string id, int n, string? extra = null) => string.Create(CultureInfo.InvariantCulture,
        $"{{\"id\": \"{id}\", \"timestamp\": \"{Time(n):yyyy-MM-dd'T'HH:mm:ss'Z'}\", \"features\": {{\"age\": {20 + n % 50}, \"income\": {n * 1.5}, \"city\": \"c{n % 3}\"}}, \"scores\": {(n % 10) / 10.0}{extra}}}");

    public static DateTime Time(int n) => new DateTime(2026, 11, 27, 0, 0, 0, DateTimeKind.Utc).AddSeconds(n);

    public static string Array(string prefix, int from, int count)
    {
        var sb = new StringBuilder("[");
        for (int i = 0; i < count; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(Event(prefix + (from + i).ToString(CultureInfo.InvariantCulture), from + i));
        }
        return sb.Append(']').ToString();
    }

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
