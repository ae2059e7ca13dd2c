using Vigil.Core.Estimation;
using static Vigil.Reports.Html.Html;

namespace Vigil.Reports.Html;

/// <summary>What <c>vigil estimate</c> was asked to do, for the report's settings table.</summary>
/// <param name="Reference">Reference file.</param>
/// <param name="Analysis">Analysis file.</param>
/// <param name="Label">Label column.</param>
/// <param name="Score">Score column.</param>
/// <param name="Prediction">Prediction column, or null when predictions are score ≥ threshold.</param>
/// <param name="Threshold">Decision threshold used without a prediction column.</param>
/// <param name="Chunking">How rows were chunked, e.g. "calendar windows of 1M on 'timestamp'".</param>
/// <param name="Notes">Data notes (rows skipped, label joins, unmatched ids), shown as warnings.</param>
public sealed record EstimationReportSettings(string Reference, string Analysis, string Label, string Score, string? Prediction,
    double Threshold, string Chunking, IReadOnlyList<string> Notes);

/// <summary>
/// The HTML report of <c>vigil estimate</c>: the no-concept-shift assumption, settings, per metric an
/// estimated-vs-realized chart over chunks with the ± 3 standard-error band, thresholds and alert markers, and a
/// table of chunks.
/// </summary>
public static class EstimationReport
{
    /// <summary>The assumption every estimate rests on, stated in the report.</summary>
    public const string Assumption =
        "Assumption: no concept shift. CBPE estimates performance from the model's own (calibrated) confidence, which is valid only " +
        "while P(label | inputs) stays as it was on the reference data; only the input distribution may change. Under concept shift " +
        "the estimates are wrong and cannot tell — compare with realized values as labels arrive.";

    /// <summary>Renders the page.</summary>
    public static string Render(PerformanceEstimationResult result, EstimationReportSettings settings)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(settings);
        var metrics = result.ReferenceThresholds.Keys.ToArray();
        var alerts = result.Chunks.Count(c => c.Metrics.Values.Any(m => m.Alert));
        var doc = new ReportDocument($"Performance estimation — {Path.GetFileName(settings.Analysis)}",
            $"{result.Method.ToUpperInvariant()} · {result.Chunks.Count} chunks · {alerts} with alerts");
        doc.Section("Assumption").Warning(Assumption);

        doc.Section("Settings");
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "reference", settings.Reference },
            new[] { "analysis", settings.Analysis },
            new[] { "label", settings.Label },
            new[] { "score", settings.Score },
            new[] { "prediction", settings.Prediction ?? $"score ≥ {N(settings.Threshold)}" },
            new[] { "chunks", settings.Chunking },
            new[] { "calibration", result.Calibration.Calibrated
                ? $"isotonic (held-out ECE {N(result.Calibration.EceBefore)} → {N(result.Calibration.EceAfter)}, {result.Calibration.Folds} folds)"
                : $"none (held-out ECE {N(result.Calibration.EceBefore)}, isotonic would give {N(result.Calibration.EceAfter)})" },
        };
        foreach (var m in metrics)
        {
            var t = result.ReferenceThresholds[m];
            rows.Add([$"{m} thresholds", double.IsNaN(t.Lower) ? "none (fewer than 2 reference chunks)" : $"[{N(t.Lower)}, {N(t.Upper)}]"]);
        }
        doc.Table(["setting", "value"], rows);
        foreach (var note in settings.Notes) doc.Warning(note);

        var cards = new List<(string, string)>();
        foreach (var m in metrics)
        {
            var points = result.Chunks.Select(c => c.Metrics.TryGetValue(m, out var v)
                ? new SvgBands.Point(c.Key, v.Estimated, v.Lower, v.Upper, v.Realized, v.Alert)
                : new SvgBands.Point(c.Key, double.NaN, double.NaN, double.NaN, double.NaN, false)).ToArray();
            var t = result.ReferenceThresholds[m];
            var title = m;
            var pairs = points.Where(p => double.IsFinite(p.Estimated) && double.IsFinite(p.Realized)).ToArray();
            if (pairs.Length > 0) title += $" — mean |estimated − realized| {N(pairs.Average(p => Math.Abs(p.Estimated - p.Realized)))}";
            cards.Add((title, SvgBands.Render(points, m, t.Lower, t.Upper)));
        }
        doc.Section("Estimated vs realized").Cards(cards);

        doc.Section("Chunks");
        var header = new List<string> { "chunk", "start", "end", "rows" };
        foreach (var m in metrics) { header.Add($"{m} estimated"); header.Add($"{m} band"); header.Add($"{m} realized"); }
        doc.Table(header, result.Chunks.Select(c =>
        {
            var cells = new List<string> { c.Key, c.Start?.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "",
                c.End?.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "", Count(c.Rows) };
            foreach (var m in metrics)
            {
                var v = c.Metrics[m];
                cells.Add(N(v.Estimated) + (v.Alert ? " ⚠" : ""));
                cells.Add(double.IsNaN(v.Lower) ? "—" : $"[{N(v.Lower)}, {N(v.Upper)}]");
                cells.Add(N(v.Realized));
            }
            return (IReadOnlyList<string>)cells;
        }), caption: "⚠ = estimate outside the reference thresholds (mean ± 3σ of the reference chunks' realized metric)");
        return doc.Render();
    }
}
