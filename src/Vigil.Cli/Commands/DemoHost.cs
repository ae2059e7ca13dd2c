using Vigil.Cli.Infrastructure;
using Vigil.Client;
using Vigil.Demo;
using Vigil.Server;

namespace Vigil.Cli.Commands;

/// <summary>
/// Plays the demo story (<see cref="DemoRunner"/>) against the server <c>vigil serve --demo</c> just started, through the
/// public HTTP API like any application would, and reports its progress on the terminal. A failure is reported, never fatal
/// to the server.
/// </summary>
internal static class DemoHost
{
    /// <summary>The watchable pace, or VIGIL_DEMO_DAY_DELAY_MS milliseconds per simulated day (tests use 0).</summary>
    private static DemoPace Pace() =>
        int.TryParse(Environment.GetEnvironmentVariable("VIGIL_DEMO_DAY_DELAY_MS"), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var ms)
            ? new DemoPace(TimeSpan.FromMilliseconds(ms))
            : DemoPace.Watchable;

    /// <summary>Starts the demo in the background; the task ends when the story is told or the server stops.</summary>
    public static Task Start(CliContext context, string address, ServerOptions options, CancellationToken stopping)
    {
        var output = context.HumanWriter;
        void Log(string line)
        {
            lock (output) { output.WriteLine(line); output.Flush(); }
        }
        var dashboard = address.Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal);
        return Task.Run(async () =>
        {
            try
            {
                Log($"demo: open {dashboard.TrimEnd('/')}/ to watch (database {Path.GetFullPath(options.DatabasePath)})");
                string? key = null;
                if (options.AdminKeyFile is { } file && File.Exists(file)) key = (await File.ReadAllTextAsync(file, stopping).ConfigureAwait(false)).Trim();
                using var client = new VigilClient(dashboard, key);
                var runner = new DemoRunner(client, new DemoScenario(), Log);
                await runner.RunAsync(Pace(), DateTimeOffset.UtcNow, stopping).ConfigureAwait(false);
                Log("demo: the server keeps running; press Ctrl+C to stop");
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested) { }
            catch (Exception e) when (e is VigilApiException or VigilConnectionException or HttpRequestException or InvalidOperationException)
            {
                Log($"demo: stopped: {e.Message}");
            }
        }, CancellationToken.None);
    }
}
