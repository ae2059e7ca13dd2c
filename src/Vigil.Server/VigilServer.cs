using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Vigil.Monitoring;
using Vigil.Server.Audit;
using Vigil.Server.Dashboard;
using Vigil.Server.Ingest;
using Vigil.Server.Observability;
using Vigil.Server.Operations;
using Vigil.Server.Problems;
using Vigil.Server.Registry;
using Vigil.Server.Security;
using Vigil.Storage;

namespace Vigil.Server;

/// <summary>
/// Builds the Vigil server (<c>vigil serve</c>): the store, API-key security, the <c>/api/v1</c> routes of docs/API.md,
/// health, Prometheus metrics, the OpenAPI document and the dashboard, on ASP.NET Core minimal APIs and Kestrel.
/// </summary>
public static class VigilServer
{
    /// <summary>The largest request body accepted (16 MB); larger requests get 413.</summary>
    public const long MaxRequestBodyBytes = 16L * 1024 * 1024;

    private static readonly double[] SecondsBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    /// <summary>
    /// Opens the store of <paramref name="options"/> (DuckDB file, or PostgreSQL when a connection string is given), applies
    /// the start-up key rules (a non-loopback bind with no key refuses to start with <see cref="ServerStartupException"/>
    /// unless an admin key file is given) and returns the configured, not yet started application.
    /// <paramref name="configure"/> runs last on the builder (tests and the CLI adjust logging or services there).
    /// The application owns the store: disposing it closes the database.
    /// </summary>
    public static async Task<WebApplication> CreateAsync(ServerOptions options, Action<WebApplicationBuilder>? configure = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var loopbackOnly = BindAddress.IsLoopbackOnly(options.Urls);
        var store = options.PostgresConnection is { } pg
            ? await VigilStore.OpenPostgresAsync(pg, ct).ConfigureAwait(false)
            : await VigilStore.OpenDuckDbAsync(options.DatabasePath, ct).ConfigureAwait(false);
        try
        {
            var keys = new KeyService(store, TimeProvider.System);
            await AdminKeyFile.EnsureAsync(keys, options.AdminKeyFile, loopbackOnly, options.Urls, ct).ConfigureAwait(false);
            return Build(options, store, keys, loopbackOnly, configure);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static WebApplication Build(ServerOptions options, IVigilStore store, KeyService keys, bool loopbackOnly, Action<WebApplicationBuilder>? configure)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(VigilServer).Assembly.GetName().Name,
            EnvironmentName = Environments.Production,
        });
        builder.WebHost.UseUrls(BindAddress.Split(options.Urls));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            k.AddServerHeader = false;
        });
        builder.Services.Configure<FormOptions>(f => f.MultipartBodyLengthLimit = MaxRequestBodyBytes);
        builder.Services.Configure<RouteHandlerOptions>(r => r.ThrowOnBadRequest = true);

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(c =>
        {
            c.SingleLine = true;
            c.UseUtcTimestamp = true;
            c.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        builder.Services.AddSingleton(_ => store); // created by a factory, so the container disposes it with the app
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(keys);
        builder.Services.AddSingleton(new ServerState(loopbackOnly));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<ServerMetrics>();
        builder.Services.AddSingleton<PromotionService>();
        // Resolved lazily so a TimeProvider registered by `configure` (tests: a fake clock) reaches the monitor too.
        builder.Services.AddSingleton(sp => new MonitorService(sp.GetRequiredService<IVigilStore>(), sp.GetRequiredService<TimeProvider>(), null,
            sp.GetService<ILogger<MonitorService>>()));
        builder.Services.AddHostedService<MonitorHost>();
        builder.Services.AddSingleton<RetentionService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RetentionService>());
        builder.Services.AddVigilIngest();

        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(j => ServerJson.Configure(j.SerializerOptions));
        builder.Services.AddOpenApi("v1", o =>
        {
            o.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info.Title = "Vigil server API";
                doc.Info.Version = "v1";
                doc.Info.Description = "Model registry, prediction ingest and monitoring (docs/API.md).";
                doc.Servers?.Clear(); // the served address varies; the committed document must not
                return Task.CompletedTask;
            });
        });
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("vigil"))
            .WithMetrics(m => m
                .AddMeter(ServerMetrics.MeterName, "Vigil.Ingest", "Vigil.Monitoring")
                // OpenTelemetry's default histogram buckets are milliseconds; durations here are seconds.
                .AddView(i => i.Unit == "s" ? new ExplicitBucketHistogramConfiguration { Boundaries = SecondsBuckets } : null)
                .AddPrometheusExporter());

        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseMiddleware<RequestLogMiddleware>(); // outermost: it sees the final status, problems included
        app.UseMiddleware<ProblemMiddleware>();
        app.UseStatusCodePages(StatusCodeProblems.WriteAsync);
        app.UseRouting();
        app.UseMiddleware<ApiKeyMiddleware>();

        app.MapHealthEndpoints();
        var metrics = app.MapPrometheusScrapingEndpoint("/metrics");
        if (!loopbackOnly) metrics.RequireScope(KeyScope.Read);
        app.MapOpenApi("/openapi/{documentName}.json");

        var api = app.MapGroup("/api/v1");
        api.ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        api.MapKeyEndpoints();
        api.MapRegistryEndpoints();
        api.MapDatasetEndpoints();
        api.MapReportEndpoints();
        api.MapMonitorEndpoints();
        api.MapAuditEndpoints();
        api.MapIngestEndpoints();
        app.MapDashboard();
        return app;
    }
}
