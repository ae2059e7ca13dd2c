using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Vigil.Server;
using Vigil.Storage;
using Vigil.TestSupport;

namespace Vigil.Client.Tests;

/// <summary>A real Vigil server (Kestrel on 127.0.0.1, a free port) over a temporary DuckDB file.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private TestServer(WebApplication app, Uri address, string folder)
    {
        App = app;
        Address = address;
        Folder = folder;
    }

    public WebApplication App { get; }
    public Uri Address { get; }
    public string Folder { get; }

    /// <summary>The server's store (for setting up what no client call reaches yet, and for checking what was written).</summary>
    public IVigilStore Store => App.Services.GetRequiredService<IVigilStore>();

    public static async Task<TestServer> StartAsync(string? adminKeyFile = null)
    {
        var folder = Paths.TempFolder();
        var app = await VigilServer.CreateAsync(new ServerOptions(Path.Combine(folder, "vigil.duckdb"), Urls: "http://127.0.0.1:0", AdminKeyFile: adminKeyFile),
            b => b.Logging.SetMinimumLevel(LogLevel.Warning));
        await app.StartAsync();
        return new TestServer(app, new Uri(app.Urls.First()), folder);
    }

    public VigilClient Client(string? key = null) => new(Address, key);

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        try { Directory.Delete(Folder, true); } catch (IOException) { }
    }
}
