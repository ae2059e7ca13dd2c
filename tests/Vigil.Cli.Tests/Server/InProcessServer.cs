using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Vigil.Server;
using Vigil.Storage;
using Vigil.TestSupport;

namespace Vigil.Cli.Tests.Server;

/// <summary>A real Vigil server (Kestrel on 127.0.0.1, a free port, temporary DuckDB file) in the test process.</summary>
public sealed class InProcessServer : IAsyncDisposable
{
    private readonly bool _ownsFolder;

    private InProcessServer(WebApplication app, string url, string folder, string database, bool ownsFolder)
    {
        _ownsFolder = ownsFolder;
        App = app;
        Url = url;
        Folder = folder;
        Database = database;
    }

    public WebApplication App { get; }
    public string Url { get; }
    public string Folder { get; }
    public string Database { get; }
    public IVigilStore Store => App.Services.GetRequiredService<IVigilStore>();

    /// <summary>Starts a server; its database lives in <paramref name="folder"/> (kept) or a temporary folder (deleted on dispose).</summary>
    public static async Task<InProcessServer> StartAsync(string? folder = null)
    {
        var owns = folder is null;
        folder ??= Paths.TempFolder();
        var database = Path.Combine(folder, "vigil.duckdb");
        var app = await VigilServer.CreateAsync(new ServerOptions(database, Urls: "http://127.0.0.1:0"), b => b.Logging.SetMinimumLevel(LogLevel.Warning));
        await app.StartAsync();
        return new InProcessServer(app, app.Urls.First().TrimEnd('/'), folder, database, owns);
    }

    /// <summary>Runs the CLI against this server.</summary>
    public CliRun Run(params string[] args) => CliRun.Of([.. args, "--server", Url]);

    /// <summary>
    /// A monitor record and feature schema for <paramref name="model"/> straight in the store (what PUT /monitor does through
    /// Vigil.Monitoring), all given features numeric.
    /// </summary>
    public async Task MonitorAsync(string model, params string[] numericFeatures)
    {
        var dataset = await Store.Datasets.PutAsync("reference.csv", "csv", "x\n1\n"u8.ToArray());
        await Store.Monitors.PutAsync(new MonitorRecord(model, """{"window": "1d"}""", dataset.Id, DateTimeOffset.UtcNow));
        await Store.Predictions.EnsureSchemaAsync(model, new FeatureSchema(numericFeatures.Select(f => new FeatureField(f, FeatureKind.Numeric)).ToList()));
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        if (_ownsFolder) try { Directory.Delete(Folder, true); } catch (IOException) { }
    }
}
