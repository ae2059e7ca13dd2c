using System.Globalization;
using System.Text.Json;
using Vigil.Storage;

namespace Vigil.Monitoring.Configuration;

/// <summary>
/// Writes the normalised monitor JSON the API returns and the store keeps: <c>{"model", "reference_dataset_id",
/// "schema", ...config}</c> with the reference given by dataset id (never inline bytes), every default made explicit
/// and durations as text. <see cref="MonitorConfigParser"/> reads it back to the same configuration.
/// </summary>
public static class MonitorConfigJson
{
    /// <summary>The normalised JSON of a monitor.</summary>
    public static string Write(string model, string referenceDatasetId, FeatureSchema schema, MonitorConfig config)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(config);
        return JsonText.Render(w =>
        {
            w.WriteStartObject();
            w.WriteString("model", model);
            w.WriteString("reference_dataset_id", referenceDatasetId);
            w.WriteStartArray("schema");
            foreach (var f in schema.Fields)
            {
                w.WriteStartObject();
                w.WriteString("name", f.Name);
                w.WriteString("kind", f.Kind == FeatureKind.Numeric ? "numeric" : "categorical");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("reference");
            w.WriteString("dataset_id", referenceDatasetId);
            w.WriteEndObject();
            if (config.Features is { } features)
            {
                w.WriteStartArray("features");
                foreach (var f in features) w.WriteStringValue(f);
                w.WriteEndArray();
            }
            WriteOptional(w, "label", config.Label);
            WriteOptional(w, "score", config.Score);
            WriteOptional(w, "prediction", config.Prediction);
            WriteOptional(w, "id", config.Id);
            WriteOptional(w, "timestamp", config.Timestamp);
            WriteOptional(w, "positive_label", config.PositiveLabel);
            w.WriteNumber("threshold", config.Threshold);
            if (config.Window.EventCount is { } n) w.WriteNumber("window", n);
            else w.WriteString("window", config.Window.Duration);
            w.WriteString("grace", Duration(config.Grace));
            w.WriteStartObject("drift");
            w.WriteString("method", config.Drift.Method ?? "auto");
            if (config.Drift.Threshold is { } t) w.WriteNumber("threshold", t); else w.WriteNull("threshold");
            w.WriteStartObject("overrides");
            foreach (var (column, o) in config.Drift.Overrides)
            {
                w.WriteStartObject(column);
                if (o.Method is not null) w.WriteString("method", o.Method);
                if (o.Threshold is { } ot) w.WriteNumber("threshold", ot);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteNumber("drift_share", config.Drift.DriftShare);
            w.WriteEndObject();
            w.WriteStartArray("metrics");
            foreach (var m in config.Metrics) w.WriteStringValue(m);
            w.WriteEndArray();
            w.WriteBoolean("estimation", config.Estimation);
            w.WriteBoolean("profile", config.Profile);
            w.WriteStartArray("alerts");
            foreach (var a in config.Alerts)
            {
                w.WriteStartObject();
                w.WriteString("name", a.Name);
                w.WriteString("expression", a.Expression.Text);
                w.WriteNumber("for", a.For);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (config.Retraining is { } r)
            {
                w.WriteStartObject("retraining");
                if (r.DriftWindows is { } dw) w.WriteNumber("drift_windows", dw);
                w.WriteStartObject("realized");
                foreach (var (k, v) in r.Realized) w.WriteNumber(k, v);
                w.WriteEndObject();
                w.WriteStartObject("estimated_drop");
                foreach (var (k, v) in r.EstimatedDrop) w.WriteNumber(k, v);
                w.WriteEndObject();
                w.WriteString("cooldown", Duration(r.Cooldown));
                w.WriteEndObject();
            }
            else w.WriteNull("retraining");
            w.WriteStartArray("webhooks");
            foreach (var h in config.Webhooks)
            {
                w.WriteStartObject();
                w.WriteString("url", h.Url.ToString());
                WriteOptional(w, "secret", h.Secret);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>A duration as the largest whole unit (<c>2h</c>, <c>90min</c>, <c>45s</c>; <c>0s</c> for zero).</summary>
    public static string Duration(TimeSpan d)
    {
        var ticks = d.Ticks;
        if (ticks <= 0) return "0s";
        (long Ticks, string Unit)[] units = [(TimeSpan.TicksPerDay * 7, "w"), (TimeSpan.TicksPerDay, "d"), (TimeSpan.TicksPerHour, "h"), (TimeSpan.TicksPerMinute, "min"), (TimeSpan.TicksPerSecond, "s")];
        foreach (var (t, u) in units)
            if (ticks % t == 0) return (ticks / t).ToString(CultureInfo.InvariantCulture) + u;
        return Math.Max(1, (long)Math.Ceiling(d.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s";
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name); else w.WriteString(name, value);
    }
}
