using System.Text.Json;
using Vigil.Core.Calibration;
using Vigil.Core.Evaluation;
using Vigil.Core.Fairness;
using Vigil.Core.Slicing;
using Vigil.Core.Statistics;

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
        if (r.Slices is { } sl) WriteSlices(w, sl);
        if (r.WeakSlices is { } ws) WriteWeakSlices(w, ws);
        if (r.Fairness is { } f) WriteFairness(w, f);
        w.Strings("warnings", r.Warnings);
        w.WriteEndObject();
    }

    private static void WriteSlices(Utf8JsonWriter w, SliceReport report)
    {
        w.WriteStartObject("slice_settings");
        w.WriteNumber("bins", report.Settings.Bins);
        w.WriteNumber("min_rows", report.Settings.MinimumRows);
        w.WriteNumber("alpha", report.Settings.Alpha);
        w.WriteString("correction", report.Correction);
        w.WriteEndObject();
        w.WriteStartArray("slices");
        foreach (var g in report.Groups)
        {
            w.WriteStartObject();
            w.WriteString("column", g.Column);
            w.WriteString("value", g.Value);
            w.WriteNumber("rows", g.Rows);
            w.WriteString("primary_metric", g.PrimaryMetric);
            w.WriteStartObject("metrics");
            foreach (var m in g.Metrics) WriteEstimate(w, m.Name, m.Value, m.Reason, m.Interval);
            w.WriteEndObject();
            w.Number("error", g.Error);
            w.Number("rest_error", g.RestError);
            if (g.SignificantlyWorse is { } worse) w.WriteBoolean("significantly_worse", worse);
            else w.WriteNull("significantly_worse");
            w.Number("p_value", g.AdjustedPValue);
            w.Number("raw_p_value", g.PValue);
            w.StringOrNull("test", g.Test);
            w.WriteBoolean("insufficient_data", g.InsufficientData);
            if (g.Reason is not null) w.WriteString("reason", g.Reason);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteWeakSlices(Utf8JsonWriter w, WeakSliceReport report)
    {
        w.WriteStartObject("weak_slice_settings");
        w.WriteNumber("min_support", report.Settings.MinimumSupport);
        w.WriteNumber("min_support_rows", report.MinimumSupportRows);
        w.WriteNumber("top", report.Settings.Top);
        w.WriteNumber("max_predicates", report.Settings.MaxLevel);
        w.WriteNumber("alpha", report.Settings.Alpha);
        w.Strings("columns", report.Columns);
        w.WriteStartArray("skipped_columns");
        foreach (var (column, reason) in report.SkippedColumns)
        {
            w.WriteStartObject();
            w.WriteString("column", column);
            w.WriteString("reason", reason);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartArray("weak_slices");
        foreach (var s in report.Slices)
        {
            w.WriteStartObject();
            w.WriteStartArray("predicates");
            foreach (var p in s.Predicates)
            {
                w.WriteStartObject();
                w.WriteString("column", p.Column);
                w.WriteString("operator", p.Operator);
                w.StringOrNull("value", p.Value);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString("description", s.ToString());
            w.WriteNumber("rows", s.Rows);
            w.Number("error_rate", s.ErrorRate);
            w.Number("overall_error_rate", s.OverallErrorRate);
            w.Number("score", s.Score);
            w.Number("ci_low", s.CiLow);
            w.Number("ci_high", s.CiHigh);
            w.WriteString("ci_method", s.CiMethod);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteFairness(Utf8JsonWriter w, FairnessResult f)
    {
        w.WriteStartObject("fairness");
        w.Strings("sensitive_columns", f.SensitiveColumns);
        w.WriteNumber("min_group_count", f.MinimumGroupCount);
        w.WriteNumber("rows_without_group", f.RowsWithoutGroup);
        w.Strings("excluded_groups", f.ExcludedGroups);
        w.WriteStartArray("groups");
        foreach (var g in f.Groups)
        {
            w.WriteStartObject();
            w.WriteString("group", g.Group);
            w.WriteNumber("count", g.Count);
            w.WriteNumber("positives", g.Positives);
            w.WriteNumber("negatives", g.Negatives);
            w.Number("selection_rate", g.SelectionRate.Value);
            w.Number("tpr", g.TruePositiveRate.Value);
            w.Number("fpr", g.FalsePositiveRate.Value);
            w.Number("precision", g.Precision.Value);
            w.WriteBoolean("insufficient_data", g.InsufficientData);
            if (g.Reason is not null) w.WriteString("reason", g.Reason);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        foreach (var a in f.Aggregates) WriteEstimate(w, a.Name, a.Value.Value, a.Value.Reason, a.Interval);
        w.WriteStartObject("four_fifths_rule");
        if (f.FourFifthsRule.Passed is { } passed) w.WriteBoolean("passed", passed);
        else w.WriteNull("passed");
        w.Number("ratio", f.FourFifthsRule.Ratio);
        w.WriteNumber("threshold", f.FourFifthsRule.Threshold);
        w.StringOrNull("lowest_group", f.FourFifthsRule.LowestGroup);
        w.StringOrNull("highest_group", f.FourFifthsRule.HighestGroup);
        if (f.FourFifthsRule.Reason is not null) w.WriteString("reason", f.FourFifthsRule.Reason);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteMetrics(Utf8JsonWriter w, EvaluationResult r)
    {
        w.WriteStartObject("metrics");
        foreach (var m in r.Metrics) WriteEstimate(w, m.Name, m.Value, m.Reason, m.Interval);
        w.WriteEndObject();
    }

    /// <summary>One estimate: <c>{"value", "ci_low", "ci_high", "ci_method", "ci_level", "reason"|"ci_reason"}</c>.</summary>
    private static void WriteEstimate(Utf8JsonWriter w, string name, double value, string? reason, ConfidenceInterval? interval)
    {
        w.WriteStartObject(name);
        w.Number("value", value);
        w.Number("ci_low", interval?.Low);
        w.Number("ci_high", interval?.High);
        w.StringOrNull("ci_method", interval?.Method);
        w.Number("ci_level", interval?.Level);
        if (reason is not null) w.WriteString("reason", reason);
        else if (interval?.Reason is not null) w.WriteString("ci_reason", interval.Reason);
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
