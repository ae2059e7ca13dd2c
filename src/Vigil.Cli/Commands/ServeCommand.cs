using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Cli.Infrastructure;
using Vigil.Core.Quality.Expectations;
using Vigil.Reports.Json;
using Vigil.Server;
using Vigil.Server.Security;
using Vigil.Storage;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil serve</c>: runs the Vigil server (registry, ingest, monitoring, dashboard) until Ctrl+C / SIGTERM. Exit 2 for
/// what the person starting it can fix: a database file locked by another process, a URL that is not <c>http(s)://host:port</c>
/// or cannot be bound, a non-loopback address with no API key (CONTRACTS.md "Keys"), a bad <c>--retention</c>.
/// </summary>
public static class ServeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var db = new Option<string>("--db") { Description = "Embedded DuckDB database file (created when absent)", DefaultValueFactory = _ => "vigil.duckdb", HelpName = "FILE" };
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string (instead of --db)", HelpName = "CONN" };
        var urls = new Option<string>("--urls") { Description = "Listen URLs, separated by ; (port 0 = any free port)", DefaultValueFactory = _ => Vigil.Client.VigilClient.DefaultServerAddress, HelpName = "URL" };
        var adminKeyFile = new Option<string?>("--admin-key-file") { Description = "Admin key file: read, or created with a new admin key (mode 600); needed to bind beyond loopback on an empty database", HelpName = "FILE" };
        var retention = new Option<string?>("--retention") { Description = "Delete raw events older than this once their windows are computed, e.g. 90d (default: keep everything)", HelpName = "DURATION" };
        var demo = new Option<bool>("--demo") { Description = "Seed a demo on a fresh embedded database: a credit model whose applicants drift from day 30 (60 simulated days, labels 7 days late)" };
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var cmd = new Command("serve", "Run the Vigil server: model registry, prediction ingest, monitoring, alerts and the dashboard");
        foreach (var o in new Option[] { db, postgres, urls, adminKeyFile, retention, demo, json, verbose }) cmd.Options.Add(o);
        cmd.SetAction(p => CommandRunner.Run(context, p.GetValue(verbose), () =>
        {
            var jsonTarget = p.GetValue(json);
            context.HumanToError = jsonTarget == "-";
            var withDemo = p.GetValue(demo);
            var dbPath = p.GetValue(db)!;
            string? demoFolder = null;
            if (withDemo)
            {
                if (p.GetValue(postgres) is not null) throw new UsageException("--demo runs on the embedded database: drop --postgres");
                if (p.GetResult(db) is null or { Implicit: true })
                {
                    // a fresh database every time, so the story starts from the beginning; removed when the server stops
                    demoFolder = Path.Combine(Path.GetTempPath(), $"vigil-demo-{Environment.ProcessId}");
                    Directory.CreateDirectory(demoFolder);
                    dbPath = Path.Combine(demoFolder, "vigil-demo.duckdb");
                }
            }
            var options = Options(dbPath, p.GetValue(postgres), p.GetValue(urls)!, p.GetValue(adminKeyFile), p.GetValue(retention));
            try
            {
                return ServerConnection.Wait(RunAsync(context, options, jsonTarget, withDemo, CancellationToken.None));
            }
            finally
            {
                if (demoFolder is not null) TryDelete(demoFolder);
            }
        }));
        return cmd;
    }

    /// <summary>Validates the options into <see cref="ServerOptions"/>; mistakes are usage errors.</summary>
    internal static ServerOptions Options(string db, string? postgres, string urls, string? adminKeyFile, string? retention)
    {
        var list = urls.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (list.Length == 0) throw new UsageException("--urls: give at least one URL such as http://127.0.0.1:5080");
        foreach (var url in list)
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || uri.AbsolutePath != "/" || url.Contains('?'))
                throw new UsageException($"--urls: '{url}' is not a listen URL such as http://127.0.0.1:5080 (scheme, host and port only)");
        TimeSpan? keep = null;
        if (retention is not null)
        {
            try { keep = ExpectationText.ParseDuration(retention); }
            catch (ArgumentException e) { throw new UsageException($"--retention: {e.Message.Split(" (Parameter")[0]}"); }
        }
        if (postgres is null)
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(db));
            if (dir is not null && !Directory.Exists(dir)) throw new UsageException($"--db: folder {dir} does not exist");
        }
        return new ServerOptions(db, postgres, string.Join(';', list), adminKeyFile, keep);
    }

    private static void TryDelete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static async Task<int> RunAsync(CliContext context, ServerOptions options, string? jsonTarget, bool demo, CancellationToken ct)
    {
        WebApplication app;
        try
        {
            // the demo's own progress lines tell the story; one log line per demo request would bury them
            app = await VigilServer.CreateAsync(options, demo ? b => b.Logging.AddFilter("Vigil.Server.Observability", LogLevel.Warning) : null, ct).ConfigureAwait(false);
        }
        catch (ServerStartupException e) { throw new UsageException(e.Message); }
        catch (StoreLockedException e) { throw new UsageException(e.Message); }
        await using (app.ConfigureAwait(false))
        {
            try
            {
                await app.StartAsync(ct).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new UsageException($"cannot listen on {options.Urls}: {e.Message}");
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or UriFormatException)
            {
                throw new UsageException($"cannot listen on {options.Urls}: {e.Message}");
            }
            var addresses = app.Urls.ToList();
            var store = options.PostgresConnection is null ? Path.GetFullPath(options.DatabasePath) : "PostgreSQL";
            if (jsonTarget is not null)
                context.WriteDocument(jsonTarget, JsonOut.Render(w =>
                {
                    w.WriteStartObject();
                    w.WriteStartArray("urls");
                    foreach (var a in addresses) w.WriteStringValue(a);
                    w.WriteEndArray();
                    w.WriteString("store", options.PostgresConnection is null ? "duckdb" : "postgres");
                    w.StringOrNull("database", options.PostgresConnection is null ? store : null);
                    w.WriteEndObject();
                }));
            foreach (var a in addresses) context.HumanWriter.WriteLine($"Vigil server listening on {a} (dashboard {a.TrimEnd('/')}/, API {a.TrimEnd('/')}/api/v1)");
            context.HumanWriter.WriteLine($"store: {store}{(options.Retention is { } r ? $"; raw events kept {r.TotalDays:0.##} days" : "")}; press Ctrl+C to stop");
            context.HumanWriter.Flush();
            var demoRun = demo ? DemoHost.Start(context, addresses[0], options, app.Lifetime.ApplicationStopping) : Task.CompletedTask;
            await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
            await demoRun.ConfigureAwait(false);
            context.HumanWriter.WriteLine("Vigil server stopped");
            return ExitCodes.Ok;
        }
    }
}
