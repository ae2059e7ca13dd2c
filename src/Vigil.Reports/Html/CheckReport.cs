using System.Globalization;
using Vigil.Core.Quality.Checks;
using static Vigil.Reports.Html.Html;

namespace Vigil.Reports.Html;

/// <summary>The HTML report of <c>vigil check</c>: a severity summary, every finding with its numbers, the label's class shares and sample rows.</summary>
public static class CheckReport
{
    /// <summary>Renders the page.</summary>
    public static string Render(DataCheckResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var subtitle = $"{r.Source} · {Count(r.Rows)} rows × {r.Columns} columns" + (r.Label is null ? "" : $" · label '{r.Label}'") + (r.TestSource is null ? "" : $" · test {r.TestSource} ({Count(r.TestRows)} rows)");
        var doc = new ReportDocument("Data check", subtitle);
        doc.Section("Summary");
        var errors = r.Count(CheckSeverity.Error);
        var warns = r.Count(CheckSeverity.Warn);
        doc.Raw(errors > 0 ? $"<p class=\"bad\">{errors} error-severity finding(s): results on this data are not trustworthy until they are resolved.</p>"
            : warns > 0 ? $"<p class=\"muted\">No errors; {warns} warning(s).</p>" : "<p class=\"ok\">No errors or warnings.</p>");
        doc.Table(["severity", "findings"], [["error", Count(errors)], ["warn", Count(warns)], ["info", Count(r.Count(CheckSeverity.Info))]]);
        doc.Table(["check", "status"], r.ChecksRun.Select(c => (IReadOnlyList<string>)[c, $"ran, {r.Findings.Count(f => f.CheckId == c)} finding(s)"])
            .Concat(r.Skipped.Select(s => (IReadOnlyList<string>)[s.CheckId, "skipped: " + s.Reason])));

        doc.Section("Findings");
        if (r.Findings.Count == 0) doc.Paragraph("Nothing found.", "muted");
        else
            doc.Table(["severity", "check", "columns", "finding", "numbers"], r.Findings.Select(f => (IReadOnlyList<string>)
            [
                CheckFinding.SeverityName(f.Severity), f.CheckId, string.Join(", ", f.Columns), f.Message,
                string.Join("; ", f.Numbers.Select(n => $"{n.Name} {(double.IsNaN(n.Value) ? "—" : N(n.Value, "0.####"))}")),
            ]));

        if (r.Findings.FirstOrDefault(f => f.CheckId == "class_imbalance") is { } imbalance)
        {
            var shares = imbalance.Numbers.Where(n => n.Name.StartsWith("share[", StringComparison.Ordinal)).ToList();
            if (shares.Count is > 0 and <= 40)
                doc.Section("Class shares").Raw(Svg.Bars([.. shares.Select(s => s.Name[6..^1])], [("share", [.. shares.Select(s => s.Value)])], "share of labelled rows", 1));
        }

        var withSamples = r.Findings.Where(f => f.Samples.Count > 0).ToList();
        if (withSamples.Count > 0)
        {
            doc.Section("Sample rows");
            foreach (var f in withSamples)
                doc.Table(["line", "source", "detail"], f.Samples.Select(s => (IReadOnlyList<string>)[s.Line.ToString(CultureInfo.InvariantCulture), s.Source, s.Detail]),
                    $"{f.CheckId}{(f.Columns.Count > 0 ? " · " + string.Join(", ", f.Columns) : "")} — line = 1-based line in the source file");
        }
        doc.Section("Method");
        doc.Paragraph("Rows are compared by a 64-bit hash of their canonical cells (numbers by value, text as read, missing as one token), confirmed cell by cell. " +
            "Leakage: single-feature ROC AUC ≥ 0.95 (max of both directions; categories scored by their out-of-fold positive rate) or normalised mutual information ≥ 0.5 and ≥ 5× the median column. " +
            "Outliers: Tukey fences at 1.5×IQR and modified z-score |0.6745·(x − median)/MAD| > 3.5 (Iglewicz & Hoaglin).", "muted");
        return doc.Render();
    }
}
