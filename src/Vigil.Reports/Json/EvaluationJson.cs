using System.Text.Json;
using Vigil.Core.Calibration;
using Vigil.Core.Evaluation;

namespace Vigil.Reports.Json;

/// <summary>Writes an <see cref="EvaluationResult"/> as the evaluate JSON contract (schema_version 1, CONTRACTS.md).</summary>
public static class EvaluationJson
{
    /// <summary>The JSON text.</summary>
    public static string Render(EvaluationResult r) => JsonOut.Render(w => Write(w, r));

    /// <summary>Writes the document.</summary>
    public static void Write(Utf8JsonWriter w, EvaluationResult r)
    {
        var s = r.Settings;
        w.WriteStartObject();
        w.WriteNumber("schema_version", 1);
        w.WriteString("task", r.Task.ToString().ToLowerInvariant());
        w.WriteString("task_reason", r.TaskReason);
        w.WriteStartObject("data");
        w.WriteString("path", r.Data.Path);
        w.WriteNumber("rows", r.Data.Rows);
        w.WriteNumber("rows_used", r.Data.RowsUsed);
        w.WriteNumber("rows_skipped", r.Data.RowsSkipped);
        w.WriteStartObject("skipped_reasons");
        foreach (var (reason, count) in r.Data.SkippedReasons.OrderBy(kv => kv.Key, StringComparer.Ordinal)) w.WriteNumber(reason, count);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteString("label", s.Label);
        w.Strings("score", s.Scores);
        w.StringOrNull("prediction", s.Prediction);
        if (r.Task == EvaluationTask.Binary)
        {
            w.StringOrNull("positive_label", r.PositiveLabel);
            w.WriteNumber("threshold", s.Threshold);
        }
        if (r.Task == EvaluationTask.Ranking)
        {
            w.StringOrNull("group", s.Group);
            w.WriteStartArray("k");
            foreach (var k in s.K) w.WriteNumberValue(k);
            w.WriteEndArray();
        }
        w.WriteStartObject("bootstrap");
        w.WriteNumber("replicates", s.BootstrapReplicates);
        w.WriteNumber("seed", s.Seed);
        w.WriteEndObject();
        WriteMetrics(w, r);
        if (r.Calibration is { } cal) WriteCalibration(w, cal);
        if (r.Recalibrated is { } after)
        {
            w.WriteStartObject("recalibrated");
            w.StringOrNull("method", r.RecalibrationMethod);
            WriteMetrics(w, after);
            if (after.Calibration is { } c2) WriteCalibration(w, c2);
            w.WriteEndObject();
        }
        if (r.PerClass.Count > 0)
        {
            w.WriteStartObject("per_class");
            foreach (var c in r.PerClass)
            {
                w.WriteStartObject(c.Label);
                w.Number("precision", c.Precision.Value);
                w.Number("recall", c.Recall.Value);
                w.Number("f1", c.F1.Value);
                w.WriteNumber("support", c.Support);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        if (r.Confusion is { } cm)
        {
            w.WriteStartObject("confusion_matrix");
            w.Strings("labels", cm.Labels);
            w.WriteStartArray("matrix");
            foreach (var row in cm.ToRows()) { w.WriteStartArray(); foreach (var v in row) w.WriteNumberValue(v); w.WriteEndArray(); }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        if (r.Roc is not null || r.PrecisionRecall is not null)
        {
            w.WriteStartObject("curves");
            if (r.Roc is { } roc)
            {
                w.WriteStartObject("roc");
                w.Numbers("fpr", roc.FalsePositiveRate);
                w.Numbers("tpr", roc.TruePositiveRate);
                w.Numbers("thresholds", roc.Thresholds);
                w.WriteEndObject();
            }
            if (r.PrecisionRecall is { } pr)
            {
                w.WriteStartObject("pr");
                w.Numbers("precision", pr.Precision);
                w.Numbers("recall", pr.Recall);
                w.Numbers("thresholds", pr.Thresholds);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.Strings("warnings", r.Warnings);
        w.WriteEndObject();
    }

    private static void WriteMetrics(Utf8JsonWriter w, EvaluationResult r)
    {
        w.WriteStartObject("metrics");
        foreach (var m in r.Metrics)
        {
            w.WriteStartObject(m.Name);
            w.Number("value", m.Value);
            w.Number("ci_low", m.Interval?.Low);
            w.Number("ci_high", m.Interval?.High);
            w.StringOrNull("ci_method", m.Interval?.Method);
            w.Number("ci_level", m.Interval?.Level);
            if (m.Reason is not null) w.WriteString("reason", m.Reason);
            else if (m.Interval?.Reason is not null) w.WriteString("ci_reason", m.Interval.Reason);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WriteCalibration(Utf8JsonWriter w, CalibrationSection c)
    {
        w.WriteStartObject("calibration");
        w.WriteNumber("bin_count", c.Bins);
        w.WriteString("bin_rule", "equal-width bins (lower, upper], the first also holds 0");
        if (c.PerClass is null) WriteSummary(w, c.Summary);
        else
        {
            w.WriteStartObject("top_label");
            WriteSummary(w, c.Summary);
            w.WriteEndObject();
            w.Number("classwise_ece", c.ClasswiseEce);
            w.Number("multiclass_brier", c.MulticlassBrier);
            w.WriteStartObject("per_class");
            foreach (var (label, s) in c.PerClass)
            {
                w.WriteStartObject(label);
                WriteSummary(w, s);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WriteSummary(Utf8JsonWriter w, CalibrationSummary s)
    {
        w.Number("ece", s.Ece);
        w.Number("mce", s.Mce);
        w.Number("adaptive_ece", s.AdaptiveEce);
        w.Number("brier", s.Brier);
        w.Number("brier_reliability", s.BrierReliability);
        w.Number("brier_resolution", s.BrierResolution);
        w.Number("brier_uncertainty", s.BrierUncertainty);
        w.WriteStartArray("bins");
        foreach (var b in s.Bins)
        {
            w.WriteStartObject();
            w.Number("lower", b.Lower);
            w.Number("upper", b.Upper);
            w.WriteNumber("count", b.Count);
            w.Number("mean_confidence", b.MeanConfidence);
            w.Number("observed_frequency", b.ObservedFrequency);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
