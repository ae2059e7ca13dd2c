using System.Text.Json;
using Vigil.Core.Comparison;

namespace Vigil.Reports.Json;

/// <summary>
/// Writes a <see cref="ComparisonResult"/> as the compare JSON: <c>{"schema_version", "baseline", "candidate", "rows", "data",
/// "positive_label", "threshold", "metrics": [{metric, baseline, candidate, difference, ci_low, ci_high, ci_level, ci_method,
/// p_value, test, decision}], "mcnemar", "gate": {"passed", "checks": [{kind, metric, operator, threshold, bound, observed, passed}]}}</c>.
/// </summary>
public static class ComparisonJson
{
    /// <summary>The JSON text.</summary>
    public static string Render(ComparisonResult r) => JsonOut.Render(w => Write(w, r));

    /// <summary>The decision's JSON id.</summary>
    public static string Decision(ComparisonDecision d) => d switch
    {
        ComparisonDecision.Better => "better",
        ComparisonDecision.Worse => "worse",
        _ => "no_significant_difference",
    };

    /// <summary>Writes the document.</summary>
    public static void Write(Utf8JsonWriter w, ComparisonResult r)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(r);
        var d = r.Data;
        w.WriteStartObject();
        w.WriteNumber("schema_version", 1);
        w.WriteString("baseline", d.Baseline);
        w.WriteString("candidate", d.Candidate);
        w.WriteNumber("rows", d.RowsUsed);
        w.WriteStartObject("data");
        w.WriteNumber("rows", d.Rows);
        w.WriteNumber("rows_used", d.RowsUsed);
        w.WriteNumber("rows_skipped", d.Rows - d.RowsUsed);
        w.WriteStartObject("skipped_reasons");
        foreach (var (reason, count) in d.SkippedReasons.OrderBy(kv => kv.Key, StringComparer.Ordinal)) w.WriteNumber(reason, count);
        w.WriteEndObject();
        w.StringOrNull("id", d.IdColumn);
        if (d.IdColumn is not null)
        {
            w.WriteNumber("unmatched_baseline", d.UnmatchedBaseline);
            w.WriteNumber("unmatched_candidate", d.UnmatchedCandidate);
        }
        w.WriteEndObject();
        w.WriteString("positive_label", r.PositiveLabel);
        w.WriteNumber("positives", r.Positives);
        w.WriteNumber("threshold", r.Threshold);
        w.WriteStartObject("bootstrap");
        w.WriteNumber("replicates", r.Settings.BootstrapReplicates);
        w.WriteNumber("seed", r.Settings.Seed);
        w.WriteEndObject();
        w.WriteNumber("alpha", r.Settings.Alpha);
        w.WriteStartArray("metrics");
        foreach (var m in r.Metrics)
        {
            w.WriteStartObject();
            w.WriteString("metric", m.Metric);
            w.WriteBoolean("higher_is_better", m.HigherIsBetter);
            w.Number("baseline", m.Baseline);
            w.Number("candidate", m.Candidate);
            w.Number("difference", m.Difference);
            w.Number("ci_low", m.CiLow);
            w.Number("ci_high", m.CiHigh);
            w.WriteNumber("ci_level", m.CiLevel);
            w.WriteString("ci_method", m.CiMethod);
            w.Number("p_value", m.PValue);
            w.WriteString("test", m.Test);
            w.WriteString("decision", Decision(m.Decision));
            if (m.Reason is not null) w.WriteString("reason", m.Reason);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (r.McNemar is { } mc)
        {
            w.WriteStartObject("mcnemar");
            w.WriteNumber("baseline_only_correct", mc.BaselineOnlyCorrect);
            w.WriteNumber("candidate_only_correct", mc.CandidateOnlyCorrect);
            w.WriteString("test", mc.Test);
            w.Number("statistic", mc.Statistic);
            w.Number("p_value", mc.PValue);
            w.WriteEndObject();
        }
        w.WriteStartObject("gate");
        w.WriteBoolean("passed", r.Gate.Passed);
        w.WriteStartArray("checks");
        foreach (var c in r.Gate.Checks)
        {
            w.WriteStartObject();
            w.WriteString("kind", c.Condition.Kind == GateCheckKind.Margin ? "margin" : "floor");
            w.WriteString("metric", c.Condition.Metric);
            w.WriteString("operator", c.Condition.Operator);
            w.WriteNumber("threshold", c.Condition.Threshold);
            w.WriteString("bound", c.Condition.Bound);
            w.Number("observed", c.Observed);
            w.WriteBoolean("passed", c.Passed);
            if (c.Reason is not null) w.WriteString("reason", c.Reason);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.Strings("warnings", r.Warnings);
        w.WriteEndObject();
    }
}
