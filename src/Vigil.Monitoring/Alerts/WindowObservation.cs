using System.Text.Json;

namespace Vigil.Monitoring.Alerts;

/// <summary>
/// The values of one stored window that alert rules and the retraining policy look at, read back from the window
/// result JSON (so rules see exactly what the API shows, and work on windows computed before a restart).
/// </summary>
public sealed record WindowObservation
{
    /// <summary>Window start (UTC).</summary>
    public required DateTime Start { get; init; }

    /// <summary>Window end (UTC, exclusive).</summary>
    public required DateTime End { get; init; }

    /// <summary>Window number.</summary>
    public long Index { get; init; }

    /// <summary>Prediction events in the window.</summary>
    public long Events { get; init; }

    /// <summary>Events with a joined label.</summary>
    public long Labeled { get; init; }

    /// <summary>Drifted / tested features, or null when nothing was tested.</summary>
    public double? DriftShare { get; init; }

    /// <summary>Number of drifted features, or null when nothing was tested.</summary>
    public double? DriftedColumns { get; init; }

    /// <summary>Whether the drift share reached the monitor's drift-share threshold, or null when nothing was tested.</summary>
    public bool? DatasetDrift { get; init; }

    /// <summary>Per tested feature: drifted or not.</summary>
    public IReadOnlyDictionary<string, bool> FeatureDrift { get; init; } = new Dictionary<string, bool>(StringComparer.Ordinal);

    /// <summary>Whether the score / prediction drifted, or null when not tested.</summary>
    public bool? PredictionDrift { get; init; }

    /// <summary>Failed data-quality checks (error severity), or null when not validated.</summary>
    public double? QualityFailed { get; init; }

    /// <summary>Estimated metric values (defined ones only).</summary>
    public IReadOnlyDictionary<string, double> Estimated { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Reference estimates of the same metrics (CBPE / DLE on the reference), defined ones only.</summary>
    public IReadOnlyDictionary<string, double> EstimatedReference { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Realised metric values (defined ones only).</summary>
    public IReadOnlyDictionary<string, double> Realized { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Reads the observation from a window result JSON (docs/API.md "window").</summary>
    public static WindowObservation FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var featureDrift = new Dictionary<string, bool>(StringComparer.Ordinal);
        double? share = null, drifted = null;
        bool? datasetDrift = null;
        if (root.TryGetProperty("drift", out var drift) && drift.ValueKind == JsonValueKind.Object)
        {
            share = Number(drift, "drift_share");
            drifted = Number(drift, "drifted_columns");
            if (drift.TryGetProperty("dataset_drift", out var dd) && dd.ValueKind is JsonValueKind.True or JsonValueKind.False) datasetDrift = dd.GetBoolean();
            if (drift.TryGetProperty("columns", out var cols) && cols.ValueKind == JsonValueKind.Array)
                foreach (var c in cols.EnumerateArray())
                    if (c.TryGetProperty("column", out var name) && c.TryGetProperty("drift", out var d) && d.ValueKind is JsonValueKind.True or JsonValueKind.False)
                        featureDrift[name.GetString()!] = d.GetBoolean();
        }
        bool? predictionDrift = null;
        if (root.TryGetProperty("prediction_drift", out var pd) && pd.ValueKind == JsonValueKind.Object && pd.TryGetProperty("drift", out var pdd)
            && pdd.ValueKind is JsonValueKind.True or JsonValueKind.False)
            predictionDrift = pdd.GetBoolean();
        double? quality = root.TryGetProperty("quality", out var q) && q.ValueKind == JsonValueKind.Object ? Number(q, "failed") : null;
        var estimated = new Dictionary<string, double>(StringComparer.Ordinal);
        var estimatedReference = new Dictionary<string, double>(StringComparer.Ordinal);
        if (root.TryGetProperty("estimated", out var est) && est.ValueKind == JsonValueKind.Object)
            foreach (var p in est.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.Object) continue;
                if (Number(p.Value, "value") is { } v) estimated[p.Name] = v;
                if (Number(p.Value, "reference") is { } r) estimatedReference[p.Name] = r;
            }
        var realized = new Dictionary<string, double>(StringComparer.Ordinal);
        if (root.TryGetProperty("realized", out var rea) && rea.ValueKind == JsonValueKind.Object)
            foreach (var p in rea.EnumerateObject())
                if (p.Value.ValueKind == JsonValueKind.Number) realized[p.Name] = p.Value.GetDouble();
        return new WindowObservation
        {
            Start = root.GetProperty("start").GetDateTime().ToUniversalTime(),
            End = root.GetProperty("end").GetDateTime().ToUniversalTime(),
            Index = root.TryGetProperty("index", out var i) && i.ValueKind == JsonValueKind.Number ? i.GetInt64() : 0,
            Events = root.TryGetProperty("events", out var e) && e.ValueKind == JsonValueKind.Number ? e.GetInt64() : 0,
            Labeled = root.TryGetProperty("labeled", out var l) && l.ValueKind == JsonValueKind.Number ? l.GetInt64() : 0,
            DriftShare = share,
            DriftedColumns = drifted,
            DatasetDrift = datasetDrift,
            FeatureDrift = featureDrift,
            PredictionDrift = predictionDrift,
            QualityFailed = quality,
            Estimated = estimated,
            EstimatedReference = estimatedReference,
            Realized = realized,
        };
    }

    private static double? Number(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
