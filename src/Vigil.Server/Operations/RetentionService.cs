using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Storage;

namespace Vigil.Server.Operations;

/// <summary>
/// <c>--retention</c> (CONTRACTS.md "Retention"): deletes raw prediction events (and their labels) older than the retention
/// period, but never an event whose window is not computed and closed yet — the cutoff is the earlier of
/// <c>now − retention</c> and the end of the model's latest closed window. Windows, alerts, triggers and the audit log are
/// kept. Runs a minute after start, then hourly; does nothing when no retention is set.
/// </summary>
internal sealed class RetentionService(IVigilStore store, ServerOptions options, TimeProvider time, ILogger<RetentionService> logger) : BackgroundService
{
    /// <summary>One pass over every monitored model; returns the number of events deleted.</summary>
    public async Task<long> RunOnceAsync(CancellationToken ct)
    {
        if (options.Retention is not { } keep) return 0;
        var now = time.GetUtcNow().UtcDateTime;
        long deleted = 0;
        foreach (var monitor in await store.Monitors.ListAsync(ct).ConfigureAwait(false))
        {
            var latest = await store.Windows.LatestAsync(monitor.Model, ct).ConfigureAwait(false);
            if (latest is null) continue;
            var closedUpTo = latest.Closed ? latest.End : latest.Start;
            var cutoff = now - keep < closedUpTo ? now - keep : closedUpTo;
            var n = await store.Predictions.DeleteBeforeAsync(monitor.Model, cutoff, ct).ConfigureAwait(false);
            if (n > 0) logger.LogInformation("retention: deleted {Events} events of {Model} older than {Cutoff:O}", n, monitor.Model, cutoff);
            deleted += n;
        }
        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Retention is null) return;
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(1), time, stoppingToken).ConfigureAwait(false);
            while (!stoppingToken.IsCancellationRequested)
            {
                try { await RunOnceAsync(stoppingToken).ConfigureAwait(false); }
                catch (Exception e) when (e is not OperationCanceledException) { logger.LogError(e, "retention pass failed"); }
                await Task.Delay(TimeSpan.FromHours(1), time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
