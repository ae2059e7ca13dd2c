using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Npgsql;
using Vigil.TestSupport;

namespace Vigil.Server.Tests;

/// <summary>Where a test server keeps its data: a temp DuckDB file, or a fresh schema on the test PostgreSQL.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string DefaultPostgres = "Host=127.0.0.1;Username=postgres;Password=postgres;Database=vigil_test";

    private TestDatabase(string folder, string? postgres, string? schema)
    {
        Folder = folder;
        Postgres = postgres;
        Schema = schema;
    }

    public string Folder { get; }
    public string DuckDbPath => Path.Combine(Folder, "vigil.duckdb");
    public string? Postgres { get; }
    public string? Schema { get; }

    public static TestDatabase DuckDb() => new(Paths.TempFolder(), null, null);

    /// <summary>A fresh schema on VIGIL_TEST_POSTGRES (default: the local test database), reached through Search Path.</summary>
    public static async Task<TestDatabase> PostgresAsync()
    {
        var baseConnection = Environment.GetEnvironmentVariable("VIGIL_TEST_POSTGRES") ?? DefaultPostgres;
        var schema = "server_" + Guid.NewGuid().ToString("N")[..12];
        await using (var c = new NpgsqlConnection(baseConnection))
        {
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE SCHEMA {schema}", c);
            await cmd.ExecuteNonQueryAsync();
        }
        var b = new NpgsqlConnectionStringBuilder(baseConnection) { SearchPath = schema };
        return new TestDatabase(Paths.TempFolder(), b.ConnectionString, schema);
    }

    public ServerOptions Options(string urls = "http://127.0.0.1:0", string? adminKeyFile = null) =>
        new(DuckDbPath, Postgres, urls, adminKeyFile);

    public async ValueTask DisposeAsync()
    {
        if (Schema is not null)
        {
            NpgsqlConnection.ClearAllPools();
            var b = new NpgsqlConnectionStringBuilder(Postgres) { SearchPath = null };
            await using var c = new NpgsqlConnection(b.ConnectionString);
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE", c);
            await cmd.ExecuteNonQueryAsync();
        }
        try { Directory.Delete(Folder, true); } catch (IOException) { }
    }
}

/// <summary>A real Kestrel server on 127.0.0.1 with a free port, and an HTTP client pointed at it.</summary>
public sealed class ServerHost : IAsyncDisposable
{
    private ServerHost(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address };
    }

    public WebApplication App { get; }
    public Uri Address { get; }
    public HttpClient Client { get; }

    public static async Task<ServerHost> StartAsync(ServerOptions options)
    {
        var app = await VigilServer.CreateAsync(options, b => b.Logging.SetMinimumLevel(LogLevel.Warning));
        await app.StartAsync();
        var address = app.Urls.First();
        return new ServerHost(app, new Uri(address));
    }

    /// <summary>A client sending <paramref name="key"/> as the bearer token.</summary>
    public HttpClient ClientWith(string key)
    {
        var c = new HttpClient { BaseAddress = Address };
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return c;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

public static class Http
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage r, int expectedStatus)
    {
        var text = await r.Content.ReadAsStringAsync();
        Assert.True((int)r.StatusCode == expectedStatus, $"expected {expectedStatus}, got {(int)r.StatusCode}: {text}");
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    /// <summary>Asserts an RFC 9457 problem with the status, and returns it.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage r, int status)
    {
        var p = await r.JsonAsync(status);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        Assert.Equal(status, p.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(p.GetProperty("title").GetString()));
        var detail = p.GetProperty("detail").GetString()!;
        Assert.DoesNotContain("   at ", detail); // never a stack trace
        Assert.DoesNotContain('\n', detail);
        return p;
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient c, string url, object body) => c.PostAsJsonAsync(url, body);

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient c, string url, string body, string contentType = "application/json") =>
        c.PostAsync(url, new StringContent(body, System.Text.Encoding.UTF8, contentType));
}
