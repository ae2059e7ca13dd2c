using Vigil.Storage;

namespace Vigil.Server.Registry;

/// <summary>
/// A model's one-word health for lists and the dashboard: <c>no_monitor</c> (no monitor configured), <c>no_traffic</c>
/// (no window with events yet), <c>degraded</c> (a firing alert on <c>estimated.</c>, <c>realized.</c> or <c>quality.</c>),
/// <c>drifting</c> (another firing alert, or the latest window's drift share above <see cref="DriftShareLimit"/>), else <c>ok</c>.
/// </summary>
internal static class ModelStatus
{
    /// <summary>Drift share above which the latest window alone marks a model drifting (the API's example alert threshold).</summary>
    public const double DriftShareLimit = 0.3;

    public static async Task<(string Status, WindowRecord? Latest)> ComputeAsync(IVigilStore store, string model, CancellationToken ct)
    {
        var latest = await store.Windows.LatestAsync(model, ct).ConfigureAwait(false);
        if (await store.Monitors.GetAsync(model, ct).ConfigureAwait(false) is null) return ("no_monitor", latest);
        if (latest is null || latest.Events == 0) return ("no_traffic", latest);
        var firing = await store.Alerts.ListAsync(model, "firing", 1000, ct).ConfigureAwait(false);
        var drifting = latest.DriftShare > DriftShareLimit;
        foreach (var a in firing)
        {
            var e = a.Expression.TrimStart();
            if (e.StartsWith("estimated.", StringComparison.Ordinal) || e.StartsWith("realized.", StringComparison.Ordinal) || e.StartsWith("quality.", StringComparison.Ordinal))
                return ("degraded", latest);
            drifting = true;
        }
        return (drifting ? "drifting" : "ok", latest);
    }
}
