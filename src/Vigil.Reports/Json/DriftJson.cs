using System.Text.Json;
using Vigil.Core.Drift;
using Vigil.Core.Drift.Analysis;

namespace Vigil.Reports.Json;

/// <summary>
/// The drift JSON of CONTRACTS.md: <c>{"dataset_drift", "drift_share", "drift_share_threshold", "drifted_columns",
/// "columns_tested", "columns": [...], "skipped_columns": [{column, reason}], "multivariate": [], "windows": [...]}</c>.
/// <c>columns</c> holds tested columns only, in file order; undefined numbers are null with a <c>reason</c>.
/// Each column also states its <c>role</c> (feature / prediction / target) and, when <c>--extra-methods</c> is given,
/// the <c>additional</c> results. Drift from profiles adds <c>error_bound</c> (and its meaning) per column.
/// <c>multivariate</c>: <c>[{"method", "statistic", "p_value", "threshold", "drift", "reason", "details": {...}}]</c>,
/// details holding the PCA band, the MMD bandwidth and sample, or the domain classifier's AUC interval and drivers.
/// </summary>
public static class DriftJson
{
    /// <summary>Renders the document.</summary>
    public static string Render(DatasetDriftResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return JsonOut.Render(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("schema_version", 1);
            WriteSummary(w, result.DatasetDrift, result.DriftShare, result.DriftShareThreshold, result.DriftedColumns, result.Columns.Count);
            w.WriteStartArray("columns");
            foreach (var c in result.Columns) WriteColumn(w, c, full: true);
            w.WriteEndArray();
            w.WriteStartArray("skipped_columns");
            foreach (var s in result.Skipped)
            {
                w.WriteStartObject();
                w.WriteString("column", s.Column);
                w.WriteString("reason", s.Reason);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("multivariate");
            foreach (var m in result.Multivariate) WriteMultivariate(w, m);
            w.WriteEndArray();
            w.WriteNumber("rows_without_timestamp", result.RowsWithoutTimestamp);
            w.WriteStartArray("windows");
            foreach (var win in result.Windows)
            {
                w.WriteStartObject();
                w.WriteString("window", win.Key);
                w.StringOrNull("start", win.Start?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
                w.StringOrNull("end", win.End?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
                w.WriteNumber("rows", win.Rows);
                WriteSummary(w, win.DatasetDrift, win.DriftShare, win.DriftShareThreshold, win.DriftedColumns, win.Columns.Count);
                w.WriteStartArray("columns");
                foreach (var c in win.Columns) WriteColumn(w, c, full: false);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void WriteMultivariate(Utf8JsonWriter w, MultivariateDriftResult m)
    {
        w.WriteStartObject();
        w.WriteString("method", m.Method);
        w.Number("statistic", m.Statistic);
        w.Number("p_value", m.PValue);
        w.Number("threshold", m.Threshold);
        w.WriteBoolean("drift", m.Drift);
        w.StringOrNull("reason", m.Reason);
        w.WriteStartObject("details");
        w.WriteString("description", m.Details);
        if (m.Method == "pca")
        {
            w.Number("reference_value", m.ReferenceValue);
            w.Number("lower", m.Lower);
            w.Number("upper", m.Upper);
        }
        if (m.MaximumMeanDiscrepancy is { } mmd)
        {
            w.WriteString("statistic_kind", "biased MMD²");
            w.Number("bandwidth", mmd.Bandwidth);
            w.WriteNumber("permutations", mmd.Permutations);
            w.WriteNumber("seed", mmd.Seed);
            w.WriteNumber("reference_rows", mmd.ReferenceRows);
            w.WriteNumber("current_rows", mmd.CurrentRows);
            w.Strings("columns", mmd.Columns);
        }
        if (m.DomainClassifier is { } dc)
        {
            w.Number("auc", dc.Auc);
            w.Number("auc_ci_low", dc.AucLower);
            w.Number("auc_ci_high", dc.AucUpper);
            w.WriteString("ci_method", "delong");
            w.WriteNumber("ci_level", dc.ConfidenceLevel);
            w.WriteNumber("folds", dc.Folds);
            w.WriteNumber("reference_rows", dc.ReferenceRows);
            w.WriteNumber("current_rows", dc.CurrentRows);
            w.WriteString("importance_method", dc.ImportanceMethod);
            w.WriteStartArray("drivers");
            foreach (var d in dc.Drivers)
            {
                w.WriteStartObject();
                w.WriteString("column", d.Column);
                w.Number("importance", d.Importance);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("skipped_columns");
            foreach (var s in dc.SkippedColumns)
            {
                w.WriteStartObject();
                w.WriteString("column", s.Column);
                w.WriteString("reason", s.Reason);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteSummary(Utf8JsonWriter w, bool drift, double share, double threshold, int drifted, int tested)
    {
        w.WriteBoolean("dataset_drift", drift);
        w.Number("drift_share", share);
        w.WriteNumber("drift_share_threshold", threshold);
        w.WriteNumber("drifted_columns", drifted);
        w.WriteNumber("columns_tested", tested);
    }

    private static string Kind(DriftScoreKind k) => k == DriftScoreKind.PValue ? "p_value" : "distance";

    private static void WriteColumn(Utf8JsonWriter w, ColumnDrift c, bool full)
    {
        var r = c.Result;
        w.WriteStartObject();
        w.WriteString("column", c.Column);
        w.WriteString("type", c.Kind == DriftColumnKind.Numeric ? "numeric" : "categorical");
        if (full) w.WriteString("role", c.Role.ToString().ToLowerInvariant());
        w.WriteString("method", r.Method);
        if (full) w.WriteString("method_reason", c.MethodReason);
        w.Number("statistic", r.Statistic);
        w.Number("p_value", r.PValue);
        w.Number("adjusted_p_value", c.AdjustedPValue);
        w.WriteString("score_kind", Kind(r.ScoreKind));
        w.WriteNumber("threshold", c.Threshold);
        w.WriteBoolean("drift", c.Drift);
        w.StringOrNull("reason", r.Reason);
        w.WriteNumber("reference_rows", r.ReferenceCount);
        w.WriteNumber("current_rows", r.CurrentCount);
        w.Number("missing_share_reference", c.MissingShareReference);
        w.Number("missing_share_current", c.MissingShareCurrent);
        if (c.ErrorBound is { } eb)
        {
            w.Number("error_bound", eb);
            w.StringOrNull("error_bound_meaning", c.ErrorBoundMeaning);
        }
        w.StringOrNull("binning", r.Binning is null ? null : r.EmptyBinRule is null ? r.Binning : $"{r.Binning}; {r.EmptyBinRule}");
        if (full && r.UnseenCategories.Count > 0) w.Strings("unseen_categories", r.UnseenCategories);
        if (full && c.Additional.Count > 0)
        {
            w.WriteStartArray("additional");
            foreach (var a in c.Additional)
            {
                w.WriteStartObject();
                w.WriteString("method", a.Method);
                w.Number("statistic", a.Statistic);
                w.Number("p_value", a.PValue);
                w.WriteString("score_kind", Kind(a.ScoreKind));
                w.WriteNumber("threshold", a.Threshold);
                w.WriteBoolean("drift", a.Drift);
                w.StringOrNull("reason", a.Reason);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }
}
