using Vigil.Core.Evaluation;
using static Vigil.Reports.Html.Html;

namespace Vigil.Reports.Html;

/// <summary>The HTML report of <c>vigil evaluate</c>: settings, metrics with intervals, and charts.</summary>
public static class EvaluationReport
{
    /// <summary>Renders the page.</summary>
    public static string Render(EvaluationResult r)
    {
        var s = r.Settings;
        var doc = new ReportDocument($"Evaluation — {Path.GetFileName(r.Data.Path)}",
            $"{r.Task.ToString().ToLowerInvariant()} model · {Count(r.Data.RowsUsed)} rows evaluated");
        doc.Section("Settings");
        var settings = new List<IReadOnlyList<string>>
        {
            new[] { "data", r.Data.Path },
            new[] { "task", $"{r.Task.ToString().ToLowerInvariant()} ({r.TaskReason})" },
            new[] { "label", s.Label },
        };
        if (s.Scores.Count > 0) settings.Add(["score", string.Join(", ", s.Scores)]);
        if (s.Prediction is not null) settings.Add(["prediction", s.Prediction]);
        if (r.Task == EvaluationTask.Binary) { settings.Add(["positive label", r.PositiveLabel ?? ""]); settings.Add(["threshold", N(s.Threshold)]); }
        if (s.Group is not null) settings.Add(["query column", s.Group]);
        settings.Add(["intervals", s.BootstrapReplicates > 0 ? $"{N(s.CiLevel * 100)}% · {s.BootstrapReplicates} bootstrap replicates ({s.CiMethod.ToString().ToLowerInvariant()}), seed {s.Seed}" : "bootstrap off"]);
        settings.Add(["rows", $"{Count(r.Data.Rows)} read, {Count(r.Data.RowsUsed)} used, {Count(r.Data.RowsSkipped)} skipped"]);
        doc.Table(["setting", "value"], settings);
        foreach (var (reason, count) in r.Data.SkippedReasons) doc.Warning($"{Count(count)} rows skipped: {reason}");
        foreach (var w in r.Warnings) doc.Warning(w);

        doc.Section("Metrics");
        doc.Table(["metric", "value", "interval", "method"], r.Metrics.Select(m => (IReadOnlyList<string>)
        [
            m.Name,
            m.Reason is null ? N(m.Value) : "undefined",
            m.Reason ?? (m.Interval is { } ci && !double.IsNaN(ci.Low) ? $"[{N(ci.Low)}, {N(ci.High)}]" : "—"),
            m.Interval?.Method ?? "",
        ]));

        var cards = new List<(string, string)>();
        if (r.Roc is { } roc)
            cards.Add(("ROC curve", Svg.Lines([new Svg.Series($"ROC (AUC {N(r.Find("roc_auc")?.Value ?? double.NaN)})", roc.FalsePositiveRate, roc.TruePositiveRate)],
                "false positive rate", "true positive rate", diagonal: true)));
        if (r.PrecisionRecall is { } pr)
            cards.Add(("Precision–recall curve", Svg.Lines([new Svg.Series($"PR (AP {N(r.Find("average_precision")?.Value ?? double.NaN)})", pr.Recall, pr.Precision)],
                "recall", "precision")));
        if (r.Confusion is { } cm)
        {
            var rows = cm.ToRows();
            cards.Add(($"Confusion matrix{(r.Task == EvaluationTask.Binary ? $" at threshold {N(s.Threshold)}" : "")}",
                Svg.Heatmap(cm.Labels.Select(l => "true " + l).ToArray(), cm.Labels.Select(l => "pred " + l).ToArray(), rows,
                    (a, b) => $"true {cm.Labels[a]}, predicted {cm.Labels[b]}: {N(rows[a][b])}")));
        }
        if (r.Distributions is { } d)
            cards.Add((d.Title, Svg.Histograms(d.Edges, d.Series.Select(x => (x.Group, x.Counts)).ToArray(), r.Task == EvaluationTask.Regression ? "residual" : "score")));
        if (r.PredictedVsActual.Count > 0)
            cards.Add(("Mean actual vs mean prediction (20 prediction bins)", Svg.Points(r.PredictedVsActual.Select(p => p.Predicted).ToArray(), r.PredictedVsActual.Select(p => p.Actual).ToArray(), "mean prediction", "mean actual")));
        if (r.Calibration is { } cal)
            cards.Add(($"Reliability diagram ({cal.Bins} equal-width bins{(cal.PerClass is null ? "" : ", top label")})", Reliability(cal, r.Recalibrated?.Calibration, r.RecalibrationMethod)));
        if (cards.Count > 0) doc.Section("Charts").Cards(cards);
        if (r.Calibration is { } c)
        {
            doc.Section("Calibration");
            var rows = new List<IReadOnlyList<string>> { Row("before", c.Summary) };
            if (r.Recalibrated?.Calibration is { } after) rows.Add(Row($"after {r.RecalibrationMethod}", after.Summary));
            doc.Table(["scores", "ece", "mce", "adaptive_ece", "brier", "reliability", "resolution", "uncertainty"], rows);
            doc.Paragraph("Bins are equal-width (lower, upper], the first also holds 0. Murphy decomposition: reliability − resolution + uncertainty equals the Brier score exactly when scores within a bin are equal.", "muted");
        }
        if (r.Recalibrated is { } re)
            doc.Section($"After recalibration ({r.RecalibrationMethod})").Table(["metric", "before", "after"],
                r.Metrics.Select(m => (IReadOnlyList<string>)[m.Name, N(m.Value), N(re.Find(m.Name)?.Value ?? double.NaN)]));

        if (r.Slices is { } sl) AddSlices(doc, sl);
        if (r.WeakSlices is { } ws) AddWeakSlices(doc, ws);
        if (r.Fairness is { } f) AddFairness(doc, f);
        if (r.PerClass.Count > 0)
            doc.Section("Per class").Table(["class", "precision", "recall", "f1", "support"],
                r.PerClass.Select(c => (IReadOnlyList<string>)[c.Label, N(c.Precision.Value), N(c.Recall.Value), N(c.F1.Value), Count((long)c.Support)]));
        return doc.Render();
    }

    private static void AddSlices(ReportDocument doc, Vigil.Core.Slicing.SliceReport report)
    {
        doc.Section("Slices");
        doc.Paragraph($"Each slice is compared with the rest of the rows on its error ({string.Join(", ", report.Groups.Select(g => g.Test).Where(t => t is not null).Distinct())}); p-values are Benjamini–Hochberg adjusted across slices, α = {N(report.Settings.Alpha)}. Groups under {report.Settings.MinimumRows} rows are not tested.", "muted");
        foreach (var column in report.Groups.GroupBy(g => g.Column))
        {
            var groups = column.ToList();
            var primary = groups[0].PrimaryMetric;
            doc.Cards([($"{column.Key}: {primary} per slice", Svg.Bars(groups.Select(g => g.Value).ToArray(),
                [(primary, groups.Select(g => g.Metrics.FirstOrDefault(m => m.Name == primary)?.Value ?? double.NaN).ToArray())], primary))]);
            doc.Table(["value", "rows", primary, "interval", "error", "rest error", "adj. p", "verdict"], groups.Select(g =>
            {
                var m = g.Metrics.FirstOrDefault(x => x.Name == primary);
                var verdict = g.InsufficientData ? "insufficient data" : g.SignificantlyWorse == true ? "significantly worse" : "—";
                return (IReadOnlyList<string>)[g.Value, Count(g.Rows), N(m?.Value ?? double.NaN),
                    m?.Interval is { } ci && !double.IsNaN(ci.Low) ? $"[{N(ci.Low)}, {N(ci.High)}]" : "—", N(g.Error), N(g.RestError), N(g.AdjustedPValue), verdict];
            }));
        }
    }

    private static void AddWeakSlices(ReportDocument doc, Vigil.Core.Slicing.WeakSliceReport report)
    {
        doc.Section("Weakest slices (SliceLine)");
        doc.Paragraph($"Conjunctions of up to {report.Settings.MaxLevel} predicates with at least {Count(report.MinimumSupportRows)} rows ({N(report.Settings.MinimumSupport * 100)}%), scored by SliceLine (Sagadeeva & Boehm, SIGMOD 2021) with α = {N(report.Settings.Alpha)}. Overall error rate {N(report.OverallErrorRate)}.", "muted");
        doc.Table(["#", "slice", "rows", "error rate", "interval", "score"], report.Slices.Select((s, i) => (IReadOnlyList<string>)
            [(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), s.ToString(), Count(s.Rows), N(s.ErrorRate), $"[{N(s.CiLow)}, {N(s.CiHigh)}]", N(s.Score)]));
    }

    private static void AddFairness(ReportDocument doc, Vigil.Core.Fairness.FairnessResult f)
    {
        doc.Section("Fairness");
        doc.Paragraph($"Groups by {string.Join(" × ", f.SensitiveColumns)}; definitions as Fairlearn's. Groups under {f.MinimumGroupCount} rows or without positives and negatives are shown but left out of the differences. The four-fifths rule is a screening heuristic, not a verdict of fairness.", "muted");
        var usable = f.Groups.Where(g => !g.InsufficientData).ToArray();
        doc.Cards([("Rates per group", Svg.Bars(usable.Select(g => g.Group).ToArray(),
        [
            ("selection rate", usable.Select(g => g.SelectionRate.Value).ToArray()),
            ("TPR", usable.Select(g => g.TruePositiveRate.Value).ToArray()),
            ("FPR", usable.Select(g => g.FalsePositiveRate.Value).ToArray()),
        ], "rate", 1.0))]);
        doc.Table(["group", "rows", "selection rate", "TPR", "FPR", "precision", "note"], f.Groups.Select(g => (IReadOnlyList<string>)
            [g.Group, Count(g.Count), N(g.SelectionRate.Value), N(g.TruePositiveRate.Value), N(g.FalsePositiveRate.Value), N(g.Precision.Value), g.Reason ?? ""]));
        doc.Table(["measure", "value", "interval"], f.Aggregates.Select(a => (IReadOnlyList<string>)
            [a.Name, a.Value.Reason ?? N(a.Value.Value), double.IsNaN(a.Interval.Low) ? "—" : $"[{N(a.Interval.Low)}, {N(a.Interval.High)}]"]));
        var rule = f.FourFifthsRule;
        if (rule.Passed == false) doc.Warning($"Four-fifths rule fails: selection-rate ratio {N(rule.Ratio)} < {N(rule.Threshold)} (lowest {rule.LowestGroup}, highest {rule.HighestGroup}).");
        else if (rule.Passed == true) doc.Paragraph($"Four-fifths rule passes: selection-rate ratio {N(rule.Ratio)}.");
        else doc.Paragraph($"Four-fifths rule not assessed: {rule.Reason}.");
    }

    private static IReadOnlyList<string> Row(string name, Vigil.Core.Calibration.CalibrationSummary s) =>
        [name, N(s.Ece), N(s.Mce), N(s.AdaptiveEce), N(s.Brier), N(s.BrierReliability), N(s.BrierResolution), N(s.BrierUncertainty)];

    private static string Reliability(CalibrationSection before, CalibrationSection? after, string? method)
    {
        static Svg.Series Line(string name, Vigil.Core.Calibration.CalibrationSummary s, bool dashed)
        {
            var bins = s.Bins.Where(b => b.Count > 0).ToArray();
            return new Svg.Series(name, bins.Select(b => b.MeanConfidence).ToArray(), bins.Select(b => b.ObservedFrequency).ToArray(), dashed);
        }
        var series = new List<Svg.Series> { Line($"model (ECE {N(before.Summary.Ece)})", before.Summary, false) };
        if (after is not null) series.Add(Line($"after {method} (ECE {N(after.Summary.Ece)})", after.Summary, true));
        return Svg.Lines(series, "mean predicted probability", "observed frequency", diagonal: true);
    }
}
