using Vigil.Core.Drift;
using Vigil.Core.Drift.Analysis;
using static Vigil.Reports.Html.Html;

namespace Vigil.Reports.Html;

/// <summary>
/// The HTML report of <c>vigil drift</c>: a summary, one table row per tested column sorted by severity, one chart per
/// column (overlaid reference/current histograms over shared bins, or category bars), skipped columns with reasons
/// and, with windows, a heatmap of columns × windows. Charts are drawn from the engine's aggregated
/// <see cref="ColumnDistribution"/> (≤ 30 bins or 20 categories per column), so the page size does not grow with rows.
/// </summary>
public static class DriftReport
{
    /// <summary>Renders the page; <paramref name="referencePath"/> and <paramref name="currentPath"/> are shown in the summary.</summary>
    public static string Render(DatasetDriftResult r, string referencePath, string currentPath)
    {
        ArgumentNullException.ThrowIfNull(r);
        var doc = new ReportDocument($"Drift — {Path.GetFileName(currentPath)} vs {Path.GetFileName(referencePath)}",
            r.DatasetDrift ? "dataset drift detected" : "no dataset drift");
        doc.Section("Summary");
        doc.Table(["", "value"],
        [
            ["reference", $"{referencePath} ({Count(r.ReferenceRows)} rows)"],
            ["current", $"{currentPath} ({Count(r.CurrentRows)} rows)"],
            ["dataset drift", r.DatasetDrift ? "yes" : "no"],
            ["drifted columns", $"{r.DriftedColumns} of {r.Columns.Count} tested ({N(r.DriftShare * 100, "0.#")}%; dataset drift at ≥ {N(r.DriftShareThreshold * 100, "0.#")}%)"],
            ["skipped columns", r.Skipped.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)],
        ]);
        doc.Paragraph("p-value methods drift when p < threshold; distances drift when distance ≥ threshold. Severity = threshold / p or distance / threshold (> 1 means drift).", "muted");

        var sorted = r.BySeverity();
        doc.Section("Columns");
        doc.Table(["column", "type", "method", "score", "threshold", "drift", "severity", "missing ref / cur"], sorted.Select(c => (IReadOnlyList<string>)
        [
            c.Role == DriftColumnRole.Feature ? c.Column : $"{c.Column} ({c.Role.ToString().ToLowerInvariant()})",
            c.Kind == DriftColumnKind.Numeric ? "numeric" : "categorical",
            c.Result.Method,
            Score(c),
            N(c.Threshold),
            c.Drift ? "DRIFT" : "no",
            double.IsNaN(c.Severity) ? "—" : N(c.Severity, "0.##"),
            $"{N(c.MissingShareReference * 100, "0.#")}% / {N(c.MissingShareCurrent * 100, "0.#")}%",
        ]));
        doc.Cards(sorted.Where(c => c.Distribution is not null).Select(c => ($"{c.Column} · {c.Result.Method} {Score(c)}{(c.Drift ? " · drift" : "")}", Chart(c))));

        if (r.Multivariate.Count > 0)
        {
            doc.Section("Multivariate");
            doc.Paragraph("pca: mean reconstruction error, drift outside the reference band; mmd: biased MMD² with a permutation p-value, drift when p < threshold; domain_classifier: cross-validated ROC AUC of telling current from reference rows, drift when AUC > threshold.", "muted");
            doc.Table(["detector", "statistic", "p-value", "threshold / band", "drift", "details"], r.Multivariate.Select(m => (IReadOnlyList<string>)
            [
                m.Method, N(m.Statistic), m.PValue is { } p ? N(p, "0.####E+0") : "—",
                m.Method == "pca" ? $"[{N(m.Lower)}, {N(m.Upper)}] (reference {N(m.ReferenceValue)})" : m.Threshold is { } t ? N(t) : "—",
                m.Drift ? "DRIFT" : "no", m.Reason ?? m.Details,
            ]));
            foreach (var m in r.Multivariate)
                if (m.DomainClassifier is { Drivers.Count: > 0 } dc)
                {
                    doc.Paragraph($"Domain classifier drivers ({dc.ImportanceMethod}, share of importance); AUC {N(dc.Auc)} [{N(dc.AucLower)}, {N(dc.AucUpper)}] ({N(dc.ConfidenceLevel * 100, "0")}% DeLong)", "muted");
                    doc.Raw(Svg.Bars([.. dc.Drivers.Select(d => d.Column)], [("importance", [.. dc.Drivers.Select(d => d.Importance)])], "share"));
                }
        }

        if (r.Skipped.Count > 0)
        {
            doc.Section("Skipped columns");
            doc.Table(["column", "reason"], r.Skipped.Select(s => (IReadOnlyList<string>)[s.Column, s.Reason]));
        }

        if (r.Windows.Count > 0)
        {
            doc.Section("Drift over time");
            var columns = sorted.Select(c => c.Column).ToArray();
            var values = new double[columns.Length][];
            for (var i = 0; i < columns.Length; i++)
            {
                values[i] = new double[r.Windows.Count];
                for (var w = 0; w < r.Windows.Count; w++)
                {
                    var wc = r.Windows[w].Columns.FirstOrDefault(c => c.Column == columns[i]);
                    values[i][w] = wc is null ? double.NaN : Math.Min(wc.Severity, 10);
                }
            }
            var keys = r.Windows.Select(w => w.Key).ToArray();
            doc.Paragraph("Cell colour: severity of each column in each window (capped at 10; > 1 means drift).", "muted");
            doc.Raw(Svg.Heatmap(columns, keys, values, (i, w) => $"{columns[i]} · {keys[w]}: severity {N(values[i][w], "0.##")}"));
            doc.Table(["window", "rows", "drifted", "tested", "drift share", "dataset drift"], r.Windows.Select(w => (IReadOnlyList<string>)
            [
                w.Key, Count(w.Rows), w.DriftedColumns.ToString(System.Globalization.CultureInfo.InvariantCulture),
                w.Columns.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), N(w.DriftShare), w.DatasetDrift ? "yes" : "no",
            ]));
        }
        return doc.Render();
    }

    private static string Score(ColumnDrift c) => c.Result.ScoreKind == DriftScoreKind.PValue
        ? (c.AdjustedPValue is { } a ? $"p_adj={N(a, "0.####E+0")}" : $"p={N(c.Result.PValue ?? double.NaN, "0.####E+0")}")
        : $"d={N(c.Result.Statistic)}";

    private static string Chart(ColumnDrift c)
    {
        var d = c.Distribution!;
        return d.Edges.Length > 0
            ? Svg.Histograms(d.Edges, [("reference", d.ReferenceCounts), ("current", d.CurrentCounts)], c.Column)
            : Svg.Bars(d.Categories, [("reference", Shares(d.ReferenceCounts)), ("current", Shares(d.CurrentCounts))], "share");
    }

    private static double[] Shares(double[] counts)
    {
        var total = counts.Sum();
        return total > 0 ? counts.Select(x => x / total).ToArray() : counts;
    }
}
