using System.Globalization;
using System.Text.Json;
using Vigil.Core.Metrics;
using Vigil.Monitoring.Alerts;
using Vigil.Monitoring.Configuration;

namespace Vigil.Monitoring.Retraining;

/// <summary>A <c>retrain_requested</c> decision: why, and the evidence as JSON.</summary>
/// <param name="Reason">The conditions that held, joined by "; ".</param>
/// <param name="EvidenceJson">Conditions, thresholds, observed values and windows.</param>
public sealed record RetrainingDecision(string Reason, string EvidenceJson);

/// <summary>
/// The retraining policy of a monitor, evaluated after each closed window on the stored windows:
/// <list type="bullet">
/// <item><c>drift_windows: N</c> — dataset drift (drift share ≥ the monitor's threshold) in each of the last N consecutive windows;</item>
/// <item><c>realized: {m: X}</c> — the window's realised metric is worse than X (below X when higher is better, e.g.
///   <c>roc_auc</c>; above X when lower is better, e.g. <c>mae</c>);</item>
/// <item><c>estimated_drop: {m: Y}</c> — the window's estimate is worse than the estimator's value on the reference by
///   more than Y;</item>
/// <item><c>cooldown</c> — no trigger within this wall-clock time of the previous one (the condition is re-checked on the
///   next window after the cooldown).</item>
/// </list>
/// Any condition triggers; all that hold are named in the reason.
/// </summary>
public static class RetrainingPolicy
{
    /// <summary>
    /// The decision for the last of <paramref name="windows"/> (consecutive closed windows, oldest first), or null
    /// when no condition holds or the cooldown since <paramref name="lastTrigger"/> has not passed at <paramref name="now"/>.
    /// </summary>
    public static RetrainingDecision? Evaluate(RetrainingConfig policy, IReadOnlyList<WindowObservation> windows, DateTimeOffset now, DateTimeOffset? lastTrigger)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(windows);
        if (windows.Count == 0) return null;
        if (lastTrigger is { } t && now - t < policy.Cooldown) return null;
        var current = windows[^1];
        var reasons = new List<string>();
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteStartArray("conditions");
            if (policy.DriftWindows is { } n && windows.Count >= n)
            {
                var span = windows.Skip(windows.Count - n).ToList();
                var consecutive = true;
                for (var i = 1; i < span.Count; i++) if (span[i].Index != span[i - 1].Index + 1) consecutive = false;
                if (consecutive && span.All(x => x.DatasetDrift == true))
                {
                    reasons.Add(string.Create(CultureInfo.InvariantCulture, $"dataset drift in {n} consecutive windows"));
                    w.WriteStartObject();
                    w.WriteString("condition", "drift_windows");
                    w.WriteNumber("required", n);
                    w.WriteStartArray("windows");
                    foreach (var x in span)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("index", x.Index);
                        w.WriteString("start", x.Start.ToString("O", CultureInfo.InvariantCulture));
                        if (x.DriftShare is { } s) w.WriteNumber("drift_share", s); else w.WriteNull("drift_share");
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
            }
            foreach (var (metric, limit) in policy.Realized)
            {
                if (!current.Realized.TryGetValue(metric, out var value) || double.IsNaN(value)) continue;
                var higher = HigherIsBetter(metric);
                if (higher ? value < limit : value > limit)
                {
                    reasons.Add(string.Create(CultureInfo.InvariantCulture, $"realized {metric} {value:G4} {(higher ? "<" : ">")} {limit:G4}"));
                    w.WriteStartObject();
                    w.WriteString("condition", "realized");
                    w.WriteString("metric", metric);
                    w.WriteNumber("limit", limit);
                    w.WriteNumber("observed", value);
                    w.WriteEndObject();
                }
            }
            foreach (var (metric, drop) in policy.EstimatedDrop)
            {
                if (!current.Estimated.TryGetValue(metric, out var value) || !current.EstimatedReference.TryGetValue(metric, out var reference)) continue;
                var worse = HigherIsBetter(metric) ? reference - value : value - reference;
                if (worse > drop)
                {
                    reasons.Add(string.Create(CultureInfo.InvariantCulture, $"estimated {metric} {value:G4} is {worse:G4} worse than on the reference ({reference:G4}), more than {drop:G4}"));
                    w.WriteStartObject();
                    w.WriteString("condition", "estimated_drop");
                    w.WriteString("metric", metric);
                    w.WriteNumber("limit", drop);
                    w.WriteNumber("observed", value);
                    w.WriteNumber("reference", reference);
                    w.WriteNumber("drop", worse);
                    w.WriteEndObject();
                }
            }
            w.WriteEndArray();
            w.WriteStartObject("window");
            w.WriteNumber("index", current.Index);
            w.WriteString("start", current.Start.ToString("O", CultureInfo.InvariantCulture));
            w.WriteString("end", current.End.ToString("O", CultureInfo.InvariantCulture));
            w.WriteEndObject();
            if (lastTrigger is { } lt) w.WriteString("previous_trigger", lt.ToString("O", CultureInfo.InvariantCulture)); else w.WriteNull("previous_trigger");
            w.WriteString("cooldown", MonitorConfigJson.Duration(policy.Cooldown));
            w.WriteEndObject();
        }
        return reasons.Count == 0 ? null : new RetrainingDecision(string.Join("; ", reasons), System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>True when a larger value of the metric is better (error metrics: false).</summary>
    public static bool HigherIsBetter(string metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (MetricCatalog.FindBinary(metric) is { } b) return b.HigherIsBetter;
        if (MetricCatalog.FindRegression(metric) is { } r) return r.HigherIsBetter;
        if (MetricCatalog.FindMulticlass(metric) is { } m) return m.HigherIsBetter;
        return true;
    }
}
