using Vigil.Core.Quality.Expectations;
using Vigil.Reports.Json;
using static Vigil.Reports.Html.Html;

namespace Vigil.Reports.Html;

/// <summary>The HTML report of <c>vigil validate</c>: verdict and counts, a bar of outcomes, every check's result and the failing-row samples.</summary>
public static class ValidationReport
{
    /// <summary>A result's observation as text for tables.</summary>
    public static string Observed(ExpectationResult x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.ObservedText is not null) return x.ObservedText;
        return x.ObservedValue is { } v ? N(v, "0.####") : "—";
    }

    /// <summary>The label of a check: its name, else type and columns.</summary>
    public static string Label(ExpectationResult x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var cols = x.Check == "column_set" ? "" : string.Join(", ", x.Columns);
        return x.Name ?? (cols.Length == 0 ? x.Check : $"{x.Check} ({cols})");
    }

    /// <summary>Renders the page.</summary>
    public static string Render(ValidationResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var doc = new ReportDocument("Data validation", $"{r.Data} against {r.Suite}{(r.SuiteName is null ? "" : $" ({r.SuiteName})")} · {Count(r.Rows)} rows");
        doc.Section("Verdict");
        doc.Raw(r.Success
            ? "<p class=\"ok\">Passed: no error-severity check failed.</p>"
            : $"<p class=\"bad\">Failed: {r.FailedError} error-severity check{(r.FailedError == 1 ? "" : "s")} failed.</p>");
        doc.Table(["checks", "passed", "failed (error)", "failed (warn)"], [[Count(r.Checks), Count(r.Passed), Count(r.FailedError), Count(r.FailedWarn)]]);
        doc.Raw(Svg.Bars(["passed", "failed (error)", "failed (warn)"], [("checks", new double[] { r.Passed, r.FailedError, r.FailedWarn })], "checks"));

        doc.Section("Checks");
        doc.Table(["#", "check", "severity", "result", "observed", "failing rows", "reason"], r.Results.Select((x, i) => (IReadOnlyList<string>)
        [
            (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Label(x), ValidationJson.Severity(x.Severity),
            x.Success ? "pass" : "FAIL", Observed(x), x.FailingCount is { } fc ? Count(fc) : "—", x.Reason ?? "",
        ]));

        var failed = r.Results.Select((x, i) => (x, i)).Where(p => !p.x.Success && p.x.FailingRows.Count > 0).ToList();
        if (failed.Count > 0)
        {
            doc.Section("Failing rows (samples)");
            foreach (var (x, i) in failed)
                doc.Table(["line", "value"], x.FailingRows.Select(f => (IReadOnlyList<string>)[Count(f.Line), f.Value ?? "(missing)"]),
                    $"#{i + 1} {Label(x)}: first {x.FailingRows.Count} of {Count(x.FailingCount ?? x.FailingRows.Count)} failing rows");
        }
        return doc.Render();
    }
}
