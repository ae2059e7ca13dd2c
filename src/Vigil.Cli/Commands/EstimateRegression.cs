using Vigil.Cli.Infrastructure;
using Vigil.Core.Data;
using Vigil.Core.Estimation;
using Vigil.Core.Estimation.Regression;
using Vigil.Models;
using Vigil.Reports.Html;
using Vigil.Reports.Json;

namespace Vigil.Cli.Commands;

/// <summary>
/// The regression path of <c>vigil estimate</c>: direct loss estimation (DLE). Gradient-boosted loss models
/// (Vigil.Models, FastTree) learn |error| and error² from the reference features and prediction; their mean
/// prediction per analysis chunk estimates mae, mse and rmse before labels arrive.
/// </summary>
internal static class EstimateRegression
{
    /// <summary>The parsed command line.</summary>
    internal sealed record Request
    {
        public required string Reference { get; init; }
        public required string Analysis { get; init; }
        public required string Label { get; init; }
        public required string Prediction { get; init; }
        public IReadOnlyList<string>? Features { get; init; }
        public string? Timestamp { get; init; }
        public string? Window { get; init; }
        public int? ChunkSize { get; init; }
        public IReadOnlyList<string>? Metrics { get; init; }
        public string? AnalysisLabels { get; init; }
        public string? Id { get; init; }
        public int Seed { get; init; } = 42;
    }

    /// <summary>Loads both files, fits DLE on the reference, estimates per analysis chunk, writes outputs.</summary>
    internal static int Execute(CliContext context, Request q, Vigil.IO.ReadOptions readOptions, string? jsonTarget, string? htmlTarget)
    {
        var notes = new List<string>();
        var metrics = q.Metrics ?? RegressionEstimationMetricNames.All;
        foreach (var m in metrics)
            if (!RegressionEstimationMetricNames.All.Contains(m))
                throw new UsageException($"--metrics: unknown metric '{m}' (estimable for regression: {string.Join(", ", RegressionEstimationMetricNames.All)})");
        var reference = EstimateCommand.Load(q.Reference, readOptions);
        var analysis = EstimateCommand.Load(q.Analysis, readOptions);
        foreach (var (frame, column, role) in new[] { (reference, q.Label, "label"), (reference, q.Prediction, "prediction"), (analysis, q.Prediction, "prediction") })
            if (!frame.Contains(column))
                throw new DataFormatException(frame.Source, $"no {role} column '{column}' (columns: {string.Join(", ", frame.ColumnNames)})", column: column);
        var excluded = new HashSet<string>(StringComparer.Ordinal) { q.Label, q.Prediction };
        if (q.Id is not null) excluded.Add(q.Id);
        if (q.Timestamp is not null) excluded.Add(q.Timestamp);
        var features = q.Features ?? [.. reference.Columns.Where(c => !excluded.Contains(c.Name) && c.Type != ColumnType.Timestamp && c.Type != ColumnType.Text).Select(c => c.Name)];
        foreach (var f in features)
            if (!reference.Contains(f) || !analysis.Contains(f))
                throw new UsageException($"--features: '{f}' is not in both files");
        analysis = WithLabels(q, analysis, readOptions, notes);

        var chunker = Chunker(q, analysis.RowCount, out var chunking);
        var referenceChunks = chunker.Split(reference.RowCount, q.Timestamp is null ? [] : EstimateCommand.Ticks(reference, q.Timestamp, [.. Enumerable.Range(0, reference.RowCount)]));
        var analysisChunks = chunker.Split(analysis.RowCount, q.Timestamp is null ? [] : EstimateCommand.Ticks(analysis, q.Timestamp, [.. Enumerable.Range(0, analysis.RowCount)]));
        if (referenceChunks.Count < 2) notes.Add($"the reference data makes {referenceChunks.Count} chunk(s): thresholds need at least 2, so no alerts are raised");
        notes.Add($"loss models trained on: {string.Join(", ", features)} + {q.Prediction}");

        DirectLossEstimator estimator;
        try
        {
            estimator = DirectLossEstimator.Fit(reference, q.Label, q.Prediction, features, referenceChunks, new FastTreeLossModelTrainer(),
                new DleOptions { Metrics = metrics, Seed = q.Seed });
        }
        catch (ArgumentException e)
        {
            throw new DataFormatException(reference.Source, e.Message);
        }
        var result = estimator.Estimate(analysis, analysisChunks, analysis.Contains(q.Label) ? q.Label : null);
        if (jsonTarget is not null) context.WriteDocument(jsonTarget, JsonOut.Render(result.WriteJson));
        if (htmlTarget is not null)
            CliContext.WriteFile(htmlTarget, EstimationReport.Render(result, new EstimationReportSettings(
                q.Reference, q.Analysis, q.Label, q.Prediction, q.Prediction, double.NaN, chunking, notes)));
        EstimateCommand.PrintSummary(context, result, chunking, notes, htmlTarget, jsonTarget);
        return ExitCodes.Ok;
    }

    private static IChunker Chunker(Request q, int analysisRows, out string chunking)
    {
        if (q.Window is not null)
        {
            chunking = $"calendar windows of {q.Window} on '{q.Timestamp}' (UTC)";
            try { return new CalendarChunker(q.Window); }
            catch (ArgumentException) { throw new UsageException($"--window '{q.Window}': use a count and a unit among s, min, h, d, w, M (or mo), e.g. 1M"); }
        }
        var size = q.ChunkSize ?? Math.Max(1, (analysisRows + 9) / 10);
        chunking = q.ChunkSize is null ? $"{size:N0} rows per chunk (default: analysis rows / 10)" : $"{size:N0} rows per chunk";
        return new RowCountChunker(size);
    }

    /// <summary>The analysis frame with a numeric label column joined from <c>--analysis-labels</c> when it has none.</summary>
    private static DataFrame WithLabels(Request q, DataFrame analysis, Vigil.IO.ReadOptions readOptions, List<string> notes)
    {
        if (analysis.Contains(q.Label) || q.AnalysisLabels is null) return analysis;
        var binaryRequest = new EstimateCommand.Request
        {
            Reference = q.Reference, Analysis = q.Analysis, Label = q.Label, Score = q.Prediction, Metrics = [],
            AnalysisLabels = q.AnalysisLabels, Id = q.Id,
        };
        var text = EstimateCommand.AnalysisLabels(binaryRequest, analysis, readOptions, notes)!;
        var values = new double[text.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (text[i] is null) { values[i] = double.NaN; continue; }
            if (!double.TryParse(text[i], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out values[i]))
                throw new DataFormatException(q.AnalysisLabels, $"expected a number (regression label), found '{text[i]}'", column: q.Label);
        }
        return new DataFrame([.. analysis.Columns, new NumericColumn(q.Label, values)], analysis.Source, analysis.SourceLines);
    }
}
