using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Cli.Infrastructure;
using Vigil.Core.Data;
using Vigil.Core.Estimation;
using Vigil.Core.Evaluation;
using Vigil.Reports.Html;
using Vigil.Reports.Json;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil estimate</c>: confidence-based performance estimation (CBPE) of a binary classifier on unlabelled
/// analysis data, per chunk, with ± 3 SE bands, alerts and — when labels are available in the analysis file or
/// joined from <c>--analysis-labels</c> on <c>--id</c> — realized values. Assumes no concept shift.
/// </summary>
public static class EstimateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var reference = new Option<string>("--reference") { Description = "Labelled reference data (CSV or Parquet)", Required = true, HelpName = "FILE" };
        var analysis = new Option<string>("--analysis", "--current") { Description = "Analysis data to estimate on (labels optional)", Required = true, HelpName = "FILE" };
        var label = new Option<string>("--label") { Description = "Label column (in reference; in analysis or --analysis-labels when known)", Required = true, HelpName = "COL" };
        var score = new Option<string?>("--score") { Description = "Score column (probability of the positive class; binary)", HelpName = "COL" };
        var task = new Option<string?>("--task") { Description = "binary (CBPE, needs --score) | regression (DLE on --prediction); default: binary with --score, else regression" };
        task.AcceptOnlyFromAmong("binary", "regression");
        var features = new Option<string?>("--features") { Description = "Regression: the model's input columns for DLE (default: every reference column but label, prediction, id and timestamp)", HelpName = "COL,..." };
        var prediction = new Option<string?>("--prediction") { Description = "Predicted label column (default: score ≥ --threshold)", HelpName = "COL" };
        var threshold = new Option<string?>("--threshold") { Description = "Positive iff score ≥ T when --prediction is not given (default 0.5)", HelpName = "T" };
        var positive = new Option<string?>("--positive-label") { Description = "The positive class (default 1 / true / yes)", HelpName = "V" };
        var timestamp = new Option<string?>("--timestamp") { Description = "Timestamp column for calendar windows", HelpName = "COL" };
        var window = new Option<string?>("--window") { Description = "Calendar window: 30s, 15min, 1h, 1d, 1w, 1M", HelpName = "W" };
        var chunkSize = new Option<int?>("--chunk-size") { Description = "Rows per chunk (default: analysis rows / 10)", HelpName = "N" };
        var metrics = new Option<string?>("--metrics") { Description = $"Metrics to estimate (default all: {string.Join(",", EstimationMetricNames.Binary)})", HelpName = "roc_auc,f1,..." };
        var analysisLabels = new Option<string?>("--analysis-labels") { Description = "File with the analysis labels, joined on --id", HelpName = "FILE" };
        var id = new Option<string?>("--id") { Description = "Row id column joining --analysis-labels to the analysis data", HelpName = "COL" };
        var seed = new Option<int>("--seed") { Description = "Seed of the calibration folds", DefaultValueFactory = _ => 42 };
        var json = CommonOptions.Json();
        var output = CommonOptions.Out();
        var delimiter = CommonOptions.Delimiter();
        var verbose = CommonOptions.Verbose();

        var cmd = new Command("estimate", "Estimate a model's performance on unlabelled data: CBPE for binary classifiers, DLE for regression (both assume no concept shift)");
        foreach (var o in new Option[] { reference, analysis, label, score, task, features, prediction, threshold, positive, timestamp, window, chunkSize, metrics, analysisLabels, id, seed, json, output, delimiter, verbose })
            cmd.Options.Add(o);
        cmd.SetAction(p => CommandRunner.Run(context, p.GetValue(verbose), () =>
        {
            var jsonTarget = p.GetValue(json);
            context.HumanToError = jsonTarget == "-";
            var regression = p.GetValue(task) == "regression" || (p.GetValue(task) is null && p.GetValue(score) is null);
            if (regression)
            {
                if (p.GetValue(prediction) is null) throw new UsageException("regression estimation (DLE) needs --prediction COL (the model's output)");
                if (p.GetValue(window) is not null && p.GetValue(timestamp) is null) throw new UsageException("--window needs --timestamp COL");
                if (p.GetValue(window) is not null && p.GetValue(chunkSize) is not null) throw new UsageException("give --window or --chunk-size, not both");
                if (p.GetValue(analysisLabels) is not null && p.GetValue(id) is null) throw new UsageException("--analysis-labels needs --id COL to join on");
                return EstimateRegression.Execute(context, new EstimateRegression.Request
                {
                    Reference = p.GetValue(reference)!, Analysis = p.GetValue(analysis)!, Label = p.GetValue(label)!,
                    Prediction = p.GetValue(prediction)!, Features = p.GetValue(features) is { } f ? CommonOptions.SplitList(f) : null,
                    Timestamp = p.GetValue(timestamp), Window = p.GetValue(window), ChunkSize = p.GetValue(chunkSize),
                    Metrics = p.GetValue(metrics) is { } rm ? CommonOptions.SplitList(rm) : null,
                    AnalysisLabels = p.GetValue(analysisLabels), Id = p.GetValue(id), Seed = p.GetValue(seed),
                }, CommonOptions.ReadOptions(p.GetValue(delimiter)), jsonTarget, p.GetValue(output));
            }
            if (p.GetValue(score) is null) throw new UsageException("binary estimation (CBPE) needs --score COL");
            if (p.GetValue(prediction) is not null && p.GetValue(threshold) is not null)
                throw new UsageException("give --prediction or --threshold, not both (the threshold only makes predictions from scores)");
            var metricList = p.GetValue(metrics) is { } ml ? CommonOptions.SplitList(ml) : EstimationMetricNames.Binary.ToArray();
            foreach (var m in metricList)
                if (!EstimationMetricNames.Binary.Contains(m))
                    throw new UsageException($"--metrics: unknown metric '{m}' (estimable: {string.Join(", ", EstimationMetricNames.Binary)})");
            if (metricList.Length == 0) throw new UsageException("--metrics names no metric");
            if (p.GetValue(window) is not null && p.GetValue(chunkSize) is not null) throw new UsageException("give --window or --chunk-size, not both");
            if (p.GetValue(window) is not null && p.GetValue(timestamp) is null) throw new UsageException("--window needs --timestamp COL");
            if (p.GetValue(chunkSize) is < 1) throw new UsageException("--chunk-size must be at least 1");
            if (p.GetValue(analysisLabels) is not null && p.GetValue(id) is null) throw new UsageException("--analysis-labels needs --id COL to join on");
            var request = new Request
            {
                Reference = p.GetValue(reference)!,
                Analysis = p.GetValue(analysis)!,
                Label = p.GetValue(label)!,
                Score = p.GetValue(score)!,
                Prediction = p.GetValue(prediction),
                Threshold = p.GetValue(threshold) is { } t ? CommonOptions.ParseDouble(t, "--threshold") : 0.5,
                PositiveLabel = p.GetValue(positive),
                Timestamp = p.GetValue(timestamp),
                Window = p.GetValue(window),
                ChunkSize = p.GetValue(chunkSize),
                Metrics = metricList,
                AnalysisLabels = p.GetValue(analysisLabels),
                Id = p.GetValue(id),
                Seed = p.GetValue(seed),
            };
            return Execute(context, request, CommonOptions.ReadOptions(p.GetValue(delimiter)), jsonTarget, p.GetValue(output));
        }));
        return cmd;
    }

    private static int CountOutsideUnitInterval(double[] scores, List<int> rows)
    {
        var count = 0;
        foreach (var i in rows) if (scores[i] < 0 || scores[i] > 1) count++;
        return count;
    }

    /// <summary>The parsed command line.</summary>
    internal sealed record Request
    {
        public required string Reference { get; init; }
        public required string Analysis { get; init; }
        public required string Label { get; init; }
        public required string Score { get; init; }
        public string? Prediction { get; init; }
        public double Threshold { get; init; } = 0.5;
        public string? PositiveLabel { get; init; }
        public string? Timestamp { get; init; }
        public string? Window { get; init; }
        public int? ChunkSize { get; init; }
        public required IReadOnlyList<string> Metrics { get; init; }
        public string? AnalysisLabels { get; init; }
        public string? Id { get; init; }
        public int Seed { get; init; } = 42;
    }

    /// <summary>Loads both files, joins labels, fits CBPE, estimates, writes outputs.</summary>
    internal static int Execute(CliContext context, Request q, Vigil.IO.ReadOptions readOptions, string? jsonTarget, string? htmlTarget)
    {
        var notes = new List<string>();
        var refFrame = Load(q.Reference, readOptions);
        var anaFrame = Load(q.Analysis, readOptions);

        // Reference: label, score, prediction required; rows missing any of them are skipped (counted).
        var refLabel = Require(refFrame, q.Label, "label", "--label");
        var refScore = DataPreparation.NumericOrThrow(refFrame, Require(refFrame, q.Score, "score", "--score"), "score");
        var refPrediction = q.Prediction is null ? null : Require(refFrame, q.Prediction, "prediction", "--prediction");
        var labelValues = Distinct(refLabel);
        var (positive, _) = ResolvePositive(refFrame.Source, q.Label, labelValues, q.PositiveLabel);
        var refRows = new List<int>(refFrame.RowCount);
        for (var i = 0; i < refFrame.RowCount; i++)
            if (!refLabel.IsMissing(i) && double.IsFinite(refScore.Values[i]) && (refPrediction is null || !refPrediction.IsMissing(i))) refRows.Add(i);
        if (refRows.Count < refFrame.RowCount)
            notes.Add($"reference: {refFrame.RowCount - refRows.Count:N0} of {refFrame.RowCount:N0} rows skipped (missing label, score or prediction)");
        if (refRows.Count == 0) throw new DataFormatException(refFrame.Source, "no reference rows with a label, score and prediction");

        // Analysis: score required (the whole point); prediction when given.
        var anaScoreColumn = anaFrame.Find(q.Score) ?? throw new DataFormatException(anaFrame.Source,
            $"the analysis data has no score column '{q.Score}' (columns: {string.Join(", ", anaFrame.ColumnNames)})");
        var anaScore = DataPreparation.NumericOrThrow(anaFrame, anaScoreColumn, "score");
        var anaPrediction = q.Prediction is null ? null : Require(anaFrame, q.Prediction, "prediction", "--prediction");
        var anaRows = new List<int>(anaFrame.RowCount);
        for (var i = 0; i < anaFrame.RowCount; i++)
            if (double.IsFinite(anaScore.Values[i]) && (anaPrediction is null || !anaPrediction.IsMissing(i))) anaRows.Add(i);
        if (anaRows.Count < anaFrame.RowCount)
            notes.Add($"analysis: {anaFrame.RowCount - anaRows.Count:N0} of {anaFrame.RowCount:N0} rows skipped (missing score or prediction)");
        if (anaRows.Count == 0) throw new DataFormatException(anaFrame.Source, "no analysis rows with a score");

        var outside = CountOutsideUnitInterval(refScore.Values, refRows) + CountOutsideUnitInterval(anaScore.Values, anaRows);
        if (outside > 0)
            notes.Add($"{outside:N0} scores in '{q.Score}' fall outside [0, 1]; CBPE reads scores as probabilities, so its estimates " +
                      "hold only after the calibration it fits on the reference (see \"calibrated\" in the result)");

        // Analysis labels: from the analysis file itself, or joined from --analysis-labels on --id.
        var anaLabelText = AnalysisLabels(q, anaFrame, readOptions, notes);

        // Arrays over the rows kept.
        var refY = new bool[refRows.Count];
        var refS = new double[refRows.Count];
        var refP = refPrediction is null ? [] : new bool[refRows.Count];
        for (var k = 0; k < refRows.Count; k++)
        {
            var i = refRows[k];
            refY[k] = Same(refLabel.GetText(i), positive);
            refS[k] = refScore.Values[i];
            if (refPrediction is not null) refP[k] = Same(refPrediction.GetText(i), positive);
        }
        var n = anaRows.Count;
        var anaS = new double[n];
        var anaP = anaPrediction is null ? [] : new bool[n];
        var anaY = anaLabelText is null ? [] : new bool[n];
        var known = anaLabelText is null ? [] : new bool[n];
        var unknownLabels = new SortedSet<string>(StringComparer.Ordinal);
        for (var k = 0; k < n; k++)
        {
            var i = anaRows[k];
            anaS[k] = anaScore.Values[i];
            if (anaPrediction is not null) anaP[k] = Same(anaPrediction.GetText(i), positive);
            if (anaLabelText is not null && anaLabelText[i] is { } text)
            {
                known[k] = true;
                anaY[k] = Same(text, positive);
                if (!anaY[k] && !labelValues.Any(l => Same(l, text)) && unknownLabels.Count < 5) unknownLabels.Add(text);
            }
        }
        if (unknownLabels.Count > 0)
            notes.Add($"analysis labels not seen in the reference (counted as negative): {string.Join(", ", unknownLabels)}");

        // Chunks: the same chunker on both sides (reference chunks give the alert thresholds).
        IChunker chunker;
        string chunking;
        long[] refTicks = [], anaTicks = [];
        if (q.Timestamp is not null)
        {
            refTicks = Ticks(refFrame, q.Timestamp, refRows);
            anaTicks = Ticks(anaFrame, q.Timestamp, anaRows);
        }
        if (q.Window is not null)
        {
            try { chunker = new CalendarChunker(q.Window); }
            catch (ArgumentException) { throw new UsageException($"--window '{q.Window}': use a count and a unit among s, min, h, d, w, M (or mo), e.g. 1M"); }
            chunking = $"calendar windows of {q.Window} on '{q.Timestamp}' (UTC)";
        }
        else
        {
            var size = q.ChunkSize ?? Math.Max(1, (n + 9) / 10);
            chunker = new RowCountChunker(size);
            chunking = q.ChunkSize is null ? $"{size:N0} rows per chunk (default: analysis rows / 10)" : $"{size:N0} rows per chunk";
        }
        var refChunks = chunker.Split(refRows.Count, refTicks);
        var anaChunks = chunker.Split(n, anaTicks);
        if (refChunks.Count < 2) notes.Add($"the reference data makes {refChunks.Count} chunk(s): thresholds need at least 2, so no alerts are raised");

        var options = new CbpeOptions { Metrics = q.Metrics, Threshold = q.Threshold, Seed = q.Seed };
        ConfidenceBasedPerformanceEstimator estimator;
        try
        {
            estimator = ConfidenceBasedPerformanceEstimator.Fit(refY, refS, refP, refChunks, options);
        }
        catch (ArgumentException e) when (e.Message.Contains("both classes", StringComparison.Ordinal))
        {
            throw new DataFormatException(refFrame.Source, $"the reference labels in '{q.Label}' must contain both classes (positive: {positive})", column: q.Label);
        }
        var result = estimator.Estimate(anaS, anaP, anaChunks, anaY, known);

        if (jsonTarget is not null) context.WriteDocument(jsonTarget, JsonOut.Render(result.WriteJson));
        if (htmlTarget is not null)
            CliContext.WriteFile(htmlTarget, EstimationReport.Render(result, new EstimationReportSettings(
                q.Reference, q.Analysis, q.Label, q.Score, q.Prediction, q.Threshold, chunking, notes)));
        PrintSummary(context, result, chunking, notes, htmlTarget, jsonTarget);
        return ExitCodes.Ok;
    }

    internal static DataFrame Load(string path, Vigil.IO.ReadOptions options)
    {
        if (!File.Exists(path)) throw new UsageException($"{path}: file not found");
        return CommonOptions.Load(path, options);
    }

    private static Column Require(DataFrame frame, string name, string role, string option) =>
        frame.Find(name) ?? throw new DataFormatException(frame.Source, $"no {role} column '{name}' ({option}); columns: {string.Join(", ", frame.ColumnNames)}");

    /// <summary>
    /// Label text per analysis row (null = unknown), or null when no labels are available at all. Labels in the
    /// analysis file win; otherwise <c>--analysis-labels</c> is joined on <c>--id</c>, and unmatched ids on either side
    /// are counted in <paramref name="notes"/>, never dropped silently.
    /// </summary>
    internal static string?[]? AnalysisLabels(Request q, DataFrame analysis, Vigil.IO.ReadOptions readOptions, List<string> notes)
    {
        if (analysis.Find(q.Label) is { } inFile)
        {
            if (q.AnalysisLabels is not null) notes.Add($"the analysis file has its own '{q.Label}' column; --analysis-labels is ignored");
            var own = new string?[analysis.RowCount];
            for (var i = 0; i < own.Length; i++) own[i] = inFile.GetText(i);
            return own;
        }
        if (q.AnalysisLabels is null) return null;
        var labels = Load(q.AnalysisLabels, readOptions);
        var idInLabels = labels.Find(q.Id!) ?? throw new DataFormatException(labels.Source, $"no id column '{q.Id}' (--id); columns: {string.Join(", ", labels.ColumnNames)}");
        var labelInLabels = labels.Find(q.Label) ?? throw new DataFormatException(labels.Source, $"no label column '{q.Label}' (--label); columns: {string.Join(", ", labels.ColumnNames)}");
        var idInAnalysis = analysis.Find(q.Id!) ?? throw new DataFormatException(analysis.Source, $"no id column '{q.Id}' (--id); columns: {string.Join(", ", analysis.ColumnNames)}");

        var byId = new Dictionary<string, string?>(labels.RowCount, StringComparer.Ordinal);
        var duplicates = 0;
        for (var i = 0; i < labels.RowCount; i++)
        {
            if (idInLabels.GetText(i) is not { } key) continue;
            if (!byId.TryAdd(Key(key), labelInLabels.GetText(i))) duplicates++;
        }
        if (duplicates > 0) notes.Add($"{q.AnalysisLabels}: {duplicates:N0} duplicate ids (the first label of each id is used)");

        var result = new string?[analysis.RowCount];
        var matchedIds = new HashSet<string>(StringComparer.Ordinal);
        int unmatched = 0, missingLabel = 0;
        for (var i = 0; i < analysis.RowCount; i++)
        {
            var key = idInAnalysis.GetText(i) is { } k ? Key(k) : null;
            if (key is null || !byId.TryGetValue(key, out var text)) { unmatched++; continue; }
            matchedIds.Add(key);
            if (text is null) missingLabel++;
            result[i] = text;
        }
        var unused = byId.Count - matchedIds.Count;
        notes.Add($"analysis labels joined on '{q.Id}': {analysis.RowCount - unmatched:N0} of {analysis.RowCount:N0} analysis rows matched"
            + (unmatched > 0 ? $", {unmatched:N0} analysis rows have no label (id not in {q.AnalysisLabels}; their chunks' realized values use the labelled rows only)" : "")
            + (missingLabel > 0 ? $", {missingLabel:N0} matched rows have an empty label" : "")
            + (unused > 0 ? $"; {unused:N0} ids in {q.AnalysisLabels} match no analysis row" : ""));
        return result;
    }

    /// <summary>Ids compare as numbers when they are numbers ("12" = "12.0"), else as text.</summary>
    private static string Key(string id) =>
        double.TryParse(id, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v.ToString("R", CultureInfo.InvariantCulture) : id;

    internal static long[] Ticks(DataFrame frame, string column, List<int> rows)
    {
        var col = frame.Find(column) ?? throw new DataFormatException(frame.Source, $"no timestamp column '{column}' (--timestamp); columns: {string.Join(", ", frame.ColumnNames)}");
        if (col is not TimestampColumn ts)
            throw new DataFormatException(frame.Source, $"'{column}' is not a timestamp column (ISO-8601, e.g. 2021-06-01 00:00:00 or 2021-06-01T00:00:00Z)", column: column);
        var result = new long[rows.Count];
        for (var k = 0; k < rows.Count; k++)
        {
            result[k] = ts.Ticks[rows[k]];
            if (result[k] == TimestampColumn.Missing) throw new DataFormatException(frame.Source, "missing timestamp", frame.LineOf(rows[k]), column);
        }
        return result;
    }

    private static List<string> Distinct(Column column)
    {
        var seen = new List<string>();
        for (var i = 0; i < column.Length && seen.Count < 3; i++)
            if (column.GetText(i) is { } t && !seen.Any(s => Same(s, t))) seen.Add(t);
        return seen;
    }

    /// <summary>CONTRACTS.md: the given positive label, else 1 / true / yes for {0,1}, {false,true}, {no,yes}; otherwise exit 2 listing the labels.</summary>
    private static (string Positive, string Negative) ResolvePositive(string source, string column, List<string> labels, string? given)
    {
        if (labels.Count > 2)
            throw new DataFormatException(source, $"estimation is for binary classifiers; found more than 2 labels: {string.Join(", ", labels)}…", column: column);
        if (given is not null)
        {
            if (labels.Count == 2 && !labels.Any(l => Same(l, given)))
                throw new DataFormatException(source, $"--positive-label '{given}' is not among the labels found: {string.Join(", ", labels)}", column: column);
            return (given, labels.FirstOrDefault(l => !Same(l, given)) ?? "(other)");
        }
        foreach (var (neg, pos) in new[] { ("0", "1"), ("false", "true"), ("no", "yes") })
            if (labels.All(l => Same(l, neg) || Same(l, pos))) return (pos, neg);
        throw new DataFormatException(source, $"cannot tell which label is positive among: {string.Join(", ", labels)}; give --positive-label", column: column);
    }

    /// <summary>Label equality: numbers by value ("1" = "1.0"), text ignoring case.</summary>
    private static bool Same(string? a, string b)
    {
        if (a is null) return false;
        var an = double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var av);
        var bn = double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var bv);
        return an && bn ? av == bv : string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }

    internal static void PrintSummary(CliContext context, PerformanceEstimationResult r, string chunking, List<string> notes, string? html, string? json)
    {
        var console = context.Human;
        console.MarkupLine(r.Method == "dle"
            ? $"[bold]DLE[/] performance estimation · {Markup.Escape(chunking)}"
            : $"[bold]CBPE[/] performance estimation · {Markup.Escape(chunking)} · calibration: {(r.Calibration.Calibrated ? "isotonic" : "none")}");
        console.MarkupLine("[yellow]assumption:[/] no concept shift (P(label | inputs) unchanged since the reference data)");
        foreach (var note in notes) context.HumanWriter.WriteLine($"note: {note}");
        var metrics = r.ReferenceThresholds.Keys.ToArray();
        var table = new Table().AddColumn("chunk").AddColumn(new TableColumn("rows").RightAligned());
        foreach (var m in metrics) table.AddColumn(new TableColumn(Markup.Escape(m)).RightAligned());
        foreach (var c in r.Chunks)
        {
            var cells = new List<string> { Markup.Escape(c.Key), $"{c.Rows:N0}" };
            foreach (var m in metrics)
            {
                var v = c.Metrics[m];
                var text = F(v.Estimated) + (double.IsNaN(v.Realized) ? "" : $" ({F(v.Realized)})");
                cells.Add(v.Alert ? $"[red]{text} ![/]" : text);
            }
            table.AddRow(cells.ToArray());
        }
        console.Write(table);
        console.MarkupLine("cells: estimated (realized); ! = alert (estimate outside the reference thresholds)");
        foreach (var m in metrics)
        {
            double sum = 0;
            var count = 0;
            foreach (var c in r.Chunks)
                if (c.Metrics[m] is { } v && double.IsFinite(v.Estimated) && double.IsFinite(v.Realized)) { sum += Math.Abs(v.Estimated - v.Realized); count++; }
            if (count > 0) console.MarkupLine($"{Markup.Escape(m)}: mean |estimated − realized| = {sum / count:0.0000} over {count} chunks");
        }
        if (html is not null) console.MarkupLine($"report: {Markup.Escape(html)}");
        if (json is not null && json != "-") console.MarkupLine($"json: {Markup.Escape(json)}");
    }

    private static string F(double v) => double.IsNaN(v) ? "—" : v.ToString("0.000", CultureInfo.InvariantCulture);
}
