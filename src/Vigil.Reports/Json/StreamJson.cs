using System.Text.Json;
using Vigil.Core.Drift.Streaming;

namespace Vigil.Reports.Json;

/// <summary>One detector's outcome in <c>vigil stream</c>: its run and, when true change points were given, its scoring.</summary>
/// <param name="Run">What the detector reported over the stream.</param>
/// <param name="Evaluation">Detections scored against the true change points, or null when none were given.</param>
public sealed record StreamDetectorOutcome(DetectionRun Run, DetectionEvaluationResult? Evaluation);

/// <summary>A catalogued detector that <c>vigil stream --detector all</c> did not run, and why.</summary>
/// <param name="Detector">The detector's catalog name.</param>
/// <param name="Reason">Why it was not run (e.g. a binary detector on a stream that is not 0/1).</param>
public sealed record SkippedDetector(string Detector, string Reason);

/// <summary>
/// The JSON of <c>vigil stream</c>. One detector: <c>{"detector", "params": {...}, "updates", "drifts": [0-based
/// indices], "warnings": [indices in the warning zone]}</c>, plus <c>"evaluation"</c> with true change points.
/// <c>--detector all</c>: <c>{"detectors": [those objects], "skipped": [{"detector", "reason"}]}</c>, plus
/// <c>"true_change_points"</c> when given. The evaluation object is <c>{"true_change_points", "change_points":
/// [{"change_point", "detected_at", "delay"}] (null when missed), "detected", "misses", "false_alarms" (count),
/// "false_alarm_indices", "mean_delay"}</c> (null when nothing was detected).
/// </summary>
public static class StreamJson
{
    /// <summary>Renders one detector's outcome.</summary>
    public static string Render(StreamDetectorOutcome outcome, IReadOnlyList<int>? trueChangePoints)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return JsonOut.Render(w => WriteDetector(w, outcome, trueChangePoints, document: true));
    }

    /// <summary>Renders the outcome of <c>--detector all</c>.</summary>
    public static string RenderAll(IReadOnlyList<StreamDetectorOutcome> outcomes, IReadOnlyList<SkippedDetector> skipped, IReadOnlyList<int>? trueChangePoints)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(skipped);
        return JsonOut.Render(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("schema_version", 1);
            if (trueChangePoints is not null) Ints(w, "true_change_points", trueChangePoints);
            w.WriteStartArray("detectors");
            foreach (var o in outcomes) WriteDetector(w, o, trueChangePoints);
            w.WriteEndArray();
            w.WriteStartArray("skipped");
            foreach (var s in skipped)
            {
                w.WriteStartObject();
                w.WriteString("detector", s.Detector);
                w.WriteString("reason", s.Reason);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void WriteDetector(Utf8JsonWriter w, StreamDetectorOutcome o, IReadOnlyList<int>? trueChangePoints, bool document = false)
    {
        var run = o.Run;
        w.WriteStartObject();
        if (document) w.WriteNumber("schema_version", 1);
        w.WriteString("detector", run.Detector);
        w.WriteStartObject("params");
        foreach (var (key, value) in run.Parameters) w.WriteString(key, value);
        w.WriteEndObject();
        w.WriteNumber("updates", run.Updates);
        Ints(w, "drifts", run.Drifts);
        Ints(w, "warnings", run.Warnings);
        if (o.Evaluation is { } e)
        {
            w.WriteStartObject("evaluation");
            if (trueChangePoints is not null) Ints(w, "true_change_points", trueChangePoints);
            w.WriteStartArray("change_points");
            foreach (var c in e.ChangePoints)
            {
                w.WriteStartObject();
                w.WriteNumber("change_point", c.ChangePoint);
                if (c.DetectedAt is { } at) w.WriteNumber("detected_at", at); else w.WriteNull("detected_at");
                if (c.Delay is { } d) w.WriteNumber("delay", d); else w.WriteNull("delay");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("detected", e.Detected);
            w.WriteNumber("misses", e.Misses);
            w.WriteNumber("false_alarms", e.FalseAlarms.Count);
            Ints(w, "false_alarm_indices", e.FalseAlarms);
            w.Number("mean_delay", e.MeanDelay);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void Ints(Utf8JsonWriter w, string name, IReadOnlyList<int> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteNumberValue(v);
        w.WriteEndArray();
    }
}
