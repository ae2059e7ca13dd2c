using System.Text;
using Vigil.Core.Comparison;
using Vigil.Reports.Json;
using static Vigil.Reports.Html.Html;

namespace Vigil.Reports.Html;

/// <summary>The HTML report of <c>vigil compare</c>: gate verdict, per-metric table and a forest plot of the differences.</summary>
public static class ComparisonReport
{
    /// <summary>Renders the page.</summary>
    public static string Render(ComparisonResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var d = r.Data;
        var doc = new ReportDocument("Model comparison", $"{d.Candidate} (candidate) vs {d.Baseline} (baseline) · {Count(d.RowsUsed)} paired rows");
        doc.Section("Verdict");
        if (r.Gate.Checks.Count == 0) doc.Paragraph("No gate was given.", "muted");
        else
        {
            doc.Raw(r.Gate.Passed ? "<p class=\"ok\">Gate passed: the candidate may be promoted.</p>" : "<p class=\"bad\">Gate failed: the candidate must not be promoted.</p>");
            doc.Table(["check", "kind", "judged on", "observed", "result"], r.Gate.Checks.Select(c => (IReadOnlyList<string>)
            [
                c.Condition.ToString(), c.Condition.Kind == GateCheckKind.Margin ? "margin on candidate − baseline" : "floor on candidate",
                c.Condition.Bound, N(c.Observed), c.Passed ? "pass" : "FAIL" + (c.Reason is null ? "" : $" ({c.Reason})"),
            ]));
        }
        doc.Section("Settings");
        var settings = new List<IReadOnlyList<string>>
        {
            new[] { "baseline", d.Baseline },
            new[] { "candidate", d.Candidate },
            new[] { "positive label", r.PositiveLabel },
            new[] { "threshold", N(r.Threshold) },
            new[] { "rows", $"{Count(d.Rows)} paired, {Count(d.RowsUsed)} used, {Count(d.Rows - d.RowsUsed)} skipped" },
            new[] { "tests", $"DeLong (roc_auc), McNemar (accuracy), paired bootstrap {r.Settings.BootstrapReplicates} replicates, seed {r.Settings.Seed} (others); α = {N(r.Settings.Alpha)}" },
        };
        if (d.IdColumn is not null) settings.Add(["join", $"on '{d.IdColumn}': {Count(d.UnmatchedBaseline)} baseline and {Count(d.UnmatchedCandidate)} candidate rows unmatched"]);
        doc.Table(["setting", "value"], settings);
        foreach (var (reason, count) in d.SkippedReasons) doc.Warning($"{Count(count)} rows skipped: {reason}");
        foreach (var w in r.Warnings) doc.Warning(w);

        doc.Section("Metrics");
        doc.Table(["metric", "baseline", "candidate", "difference", "interval", "p-value", "test", "decision"], r.Metrics.Select(m => (IReadOnlyList<string>)
        [
            m.Metric, N(m.Baseline), N(m.Candidate), N(m.Difference),
            double.IsNaN(m.CiLow) ? m.Reason ?? "—" : $"[{N(m.CiLow)}, {N(m.CiHigh)}] ({m.CiMethod})",
            N(m.PValue, "0.####"), m.Test, ComparisonJson.Decision(m.Decision),
        ]), "difference = candidate − baseline; for log_loss and brier lower is better");
        doc.Section("Differences with confidence intervals").Raw(ForestPlot(r));
        return doc.Render();
    }

    /// <summary>An SVG forest plot: one row per metric, the difference as a dot, its interval as a line, a dashed line at 0 and gate margins as ticks.</summary>
    public static string ForestPlot(ComparisonResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        const int left = 140, width = 560, rowHeight = 28, top = 16, right = 20;
        var rows = r.Metrics;
        double lo = 0, hi = 0;
        foreach (var m in rows)
            foreach (var v in new[] { m.CiLow, m.CiHigh, m.Difference })
                if (double.IsFinite(v)) { lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
        foreach (var c in r.Gate.Checks)
            if (c.Condition.Kind == GateCheckKind.Margin) { lo = Math.Min(lo, c.Condition.Threshold); hi = Math.Max(hi, c.Condition.Threshold); }
        var pad = Math.Max(1e-3, (hi - lo) * 0.08);
        lo -= pad;
        hi += pad;
        var height = top + rowHeight * rows.Count + 30;
        double X(double v) => left + (v - lo) / (hi - lo) * (width - left - right);
        var sb = new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"forest plot of differences\">");
        var axisY = top + rowHeight * rows.Count;
        sb.Append($"<line x1=\"{F(X(0))}\" y1=\"{top - 6}\" x2=\"{F(X(0))}\" y2=\"{axisY}\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>");
        sb.Append($"<line class=\"axis\" x1=\"{left}\" y1=\"{axisY}\" x2=\"{width - right}\" y2=\"{axisY}\"/>");
        for (var i = 0; i <= 4; i++)
        {
            var v = lo + (hi - lo) * i / 4;
            sb.Append($"<text x=\"{F(X(v))}\" y=\"{axisY + 14}\" text-anchor=\"middle\">{E(N(v, "0.###"))}</text>");
        }
        sb.Append($"<text x=\"{(left + width - right) / 2}\" y=\"{axisY + 27}\" text-anchor=\"middle\">candidate − baseline</text>");
        for (var k = 0; k < rows.Count; k++)
        {
            var m = rows[k];
            var y = top + rowHeight * k + rowHeight / 2;
            var colour = m.Decision switch { ComparisonDecision.Better => Svg.Palette[2], ComparisonDecision.Worse => Svg.Palette[5], _ => Svg.Palette[0] };
            sb.Append($"<text x=\"{left - 8}\" y=\"{y + 4}\" text-anchor=\"end\">{E(m.Metric)}</text>");
            if (double.IsFinite(m.CiLow) && double.IsFinite(m.CiHigh))
                sb.Append($"<line x1=\"{F(X(m.CiLow))}\" y1=\"{y}\" x2=\"{F(X(m.CiHigh))}\" y2=\"{y}\" stroke=\"{colour}\" stroke-width=\"2\"/>");
            if (double.IsFinite(m.Difference))
                sb.Append($"<circle cx=\"{F(X(m.Difference))}\" cy=\"{y}\" r=\"4.5\" fill=\"{colour}\"><title>{E(m.Metric)}: {E(N(m.Difference))} [{E(N(m.CiLow))}, {E(N(m.CiHigh))}], p = {E(N(m.PValue))}, {E(ComparisonJson.Decision(m.Decision))}</title></circle>");
            foreach (var c in r.Gate.Checks)
                if (c.Condition.Kind == GateCheckKind.Margin && c.Condition.Metric == m.Metric)
                    sb.Append($"<line x1=\"{F(X(c.Condition.Threshold))}\" y1=\"{y - 9}\" x2=\"{F(X(c.Condition.Threshold))}\" y2=\"{y + 9}\" stroke=\"{(c.Passed ? Svg.Palette[2] : Svg.Palette[5])}\" stroke-width=\"2\"><title>margin {E(c.Condition.ToString())}: {(c.Passed ? "pass" : "fail")}</title></line>");
        }
        sb.Append("</svg><div class=\"legend muted\">dot: difference · line: confidence interval · dashed: no difference · tick: gate margin (green pass, red fail)</div>");
        return sb.ToString();
    }
}
