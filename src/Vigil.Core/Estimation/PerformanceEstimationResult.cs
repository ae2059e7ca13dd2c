using System.Text.Json;

namespace Vigil.Core.Estimation;

/// <summary>One metric on one chunk.</summary>
/// <param name="Estimated">The estimate from the model's (calibrated) confidence; NaN when undefined.</param>
/// <param name="Lower">Estimate − 3 standard errors, clipped to [0, 1].</param>
/// <param name="Upper">Estimate + 3 standard errors, clipped to [0, 1].</param>
/// <param name="Realized">The value computed from labels when they were given for the chunk; NaN otherwise.</param>
/// <param name="Alert">True when the estimate lies outside the metric's reference thresholds.</param>
public sealed record EstimatedMetric(double Estimated, double Lower, double Upper, double Realized, bool Alert);

/// <summary>The estimation for one chunk.</summary>
/// <param name="Key">Chunk key (see <see cref="DataChunk.Key"/>).</param>
/// <param name="Start">Start instant or null.</param>
/// <param name="End">End instant or null.</param>
/// <param name="Rows">Rows in the chunk.</param>
/// <param name="Metrics">Per metric id (<see cref="EstimationMetricNames"/>).</param>
public sealed record EstimatedChunk(string Key, DateTime? Start, DateTime? End, int Rows, IReadOnlyDictionary<string, EstimatedMetric> Metrics);

/// <summary>The alert band of a metric: mean ± 3σ (population σ) of its realised value over the reference chunks, clipped to [0, 1].</summary>
/// <param name="Lower">Lower threshold.</param>
/// <param name="Upper">Upper threshold.</param>
public sealed record MetricThreshold(double Lower, double Upper);

/// <summary>Whether CBPE calibrated the reference scores and why.</summary>
/// <param name="Calibrated">True when isotonic calibration is applied.</param>
/// <param name="EceBefore">Mean held-out ECE (10 equal-width bins) of the raw scores over the folds.</param>
/// <param name="EceAfter">Mean held-out ECE after isotonic calibration fitted on the other folds.</param>
/// <param name="Folds">Number of folds used.</param>
public sealed record CalibrationDecision(bool Calibrated, double EceBefore, double EceAfter, int Folds);

/// <summary>
/// The result of a performance estimation run; <see cref="WriteJson"/> writes the CLI's JSON shape
/// <c>{"method", "calibrated", "reference_thresholds": {METRIC: {"lower", "upper"}}, "chunks": [{"key", "start",
/// "end", "rows", "metrics": {METRIC: {"estimated", "lower", "upper", "realized", "alert"}}}]}</c> (NaN → null).
/// </summary>
/// <param name="Method">"cbpe".</param>
/// <param name="Calibration">The calibration decision.</param>
/// <param name="ReferenceThresholds">Alert thresholds per metric.</param>
/// <param name="Chunks">Analysis chunks in order.</param>
public sealed record PerformanceEstimationResult(
    string Method,
    CalibrationDecision Calibration,
    IReadOnlyDictionary<string, MetricThreshold> ReferenceThresholds,
    IReadOnlyList<EstimatedChunk> Chunks)
{
    /// <summary>Writes the JSON object described on the type.</summary>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumber("schema_version", 1);
        writer.WriteString("method", Method);
        writer.WriteBoolean("calibrated", Calibration.Calibrated);
        writer.WriteStartObject("reference_thresholds");
        foreach (var (name, t) in ReferenceThresholds)
        {
            writer.WriteStartObject(name);
            Number(writer, "lower", t.Lower);
            Number(writer, "upper", t.Upper);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        writer.WriteStartArray("chunks");
        foreach (var c in Chunks)
        {
            writer.WriteStartObject();
            writer.WriteString("key", c.Key);
            if (c.Start is { } s) writer.WriteString("start", s.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)); else writer.WriteNull("start");
            if (c.End is { } e) writer.WriteString("end", e.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)); else writer.WriteNull("end");
            writer.WriteNumber("rows", c.Rows);
            writer.WriteStartObject("metrics");
            foreach (var (name, m) in c.Metrics)
            {
                writer.WriteStartObject(name);
                Number(writer, "estimated", m.Estimated);
                Number(writer, "lower", m.Lower);
                Number(writer, "upper", m.Upper);
                Number(writer, "realized", m.Realized);
                writer.WriteBoolean("alert", m.Alert);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumber(name, value); else writer.WriteNull(name);
    }
}
