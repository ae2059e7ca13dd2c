using Vigil.Core.Data;
using Vigil.Core.Evaluation;
using Vigil.Core.Metrics;

namespace Vigil.Core.Comparison;

/// <summary>
/// Labelled rows scored by two models, ready for <see cref="ModelComparer"/>: one file holding the label and both score
/// columns (<see cref="FromFrame"/>), or two files joined on an id column (<see cref="Join"/>). Rows lacking the label or either
/// score are skipped and counted; the positive label is resolved as <c>evaluate</c> does (CONTRACTS.md), and user problems
/// throw <see cref="DataFormatException"/> naming the file and column.
/// </summary>
public sealed record PairedData
{
    /// <summary>The baseline's sample.</summary>
    public required BinarySample Baseline { get; init; }

    /// <summary>The candidate's sample (same labels).</summary>
    public required BinarySample Candidate { get; init; }

    /// <summary>The positive label's text.</summary>
    public required string PositiveLabel { get; init; }

    /// <summary>Sources, rows and unmatched ids.</summary>
    public required ComparisonDataSummary Summary { get; init; }

    private const string BaselineColumn = "\u0001baseline";
    private const string CandidateColumn = "\u0001candidate";

    /// <summary>One frame with the label and both score columns.</summary>
    public static PairedData FromFrame(DataFrame frame, string label, string baselineScore, string candidateScore, string? positiveLabel, double threshold)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var labelColumn = Require(frame, label, "label");
        var b = DataPreparation.NumericOrThrow(frame, Require(frame, baselineScore, "baseline score"), "baseline score");
        var c = DataPreparation.NumericOrThrow(frame, Require(frame, candidateScore, "candidate score"), "candidate score");
        return Build(frame, labelColumn, b.Values, c.Values, frame.RowCount, positiveLabel, threshold,
            $"{frame.Source}:{baselineScore}", $"{frame.Source}:{candidateScore}", null, 0, 0);
    }

    /// <summary>
    /// Joins <paramref name="baseline"/> and <paramref name="candidate"/> on <paramref name="id"/> (text equality). The label is read from
    /// the baseline file when it has the column, else from the candidate file. An id occurring twice in one file is an error;
    /// ids found in only one file are counted, not errors.
    /// </summary>
    public static PairedData Join(DataFrame baseline, DataFrame candidate, string id, string label, string baselineScore, string candidateScore,
        string? positiveLabel, double threshold)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        var baseId = Require(baseline, id, "id");
        var candId = Require(candidate, id, "id");
        var b = DataPreparation.NumericOrThrow(baseline, Require(baseline, baselineScore, "baseline score"), "baseline score");
        var c = DataPreparation.NumericOrThrow(candidate, Require(candidate, candidateScore, "candidate score"), "candidate score");
        var labelFrame = baseline.Contains(label) ? baseline : candidate.Contains(label) ? candidate
            : throw new DataFormatException(baseline.Source, $"no label column '{label}' in either file (baseline columns: {string.Join(", ", baseline.ColumnNames)}; candidate columns: {string.Join(", ", candidate.ColumnNames)})", column: label);

        var candidateRows = new Dictionary<string, int>(candidate.RowCount, StringComparer.Ordinal);
        for (var i = 0; i < candidate.RowCount; i++)
        {
            var key = candId.GetText(i);
            if (key is null) continue;
            if (!candidateRows.TryAdd(key, i))
                throw new DataFormatException(candidate.Source, $"id '{key}' occurs more than once (the join needs unique ids)", candidate.LineOf(i), id);
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pairs = new List<(int B, int C)>(baseline.RowCount);
        var unmatchedBaseline = 0;
        for (var i = 0; i < baseline.RowCount; i++)
        {
            var key = baseId.GetText(i);
            if (key is null) { unmatchedBaseline++; continue; }
            if (!seen.Add(key))
                throw new DataFormatException(baseline.Source, $"id '{key}' occurs more than once (the join needs unique ids)", baseline.LineOf(i), id);
            if (candidateRows.TryGetValue(key, out var j)) pairs.Add((i, j));
            else unmatchedBaseline++;
        }
        var unmatchedCandidate = candidate.RowCount - pairs.Count;
        var n = pairs.Count;
        var baseRows = new int[n];
        var candRows = new int[n];
        var bs = new double[n];
        var cs = new double[n];
        for (var k = 0; k < n; k++)
        {
            (baseRows[k], candRows[k]) = pairs[k];
            bs[k] = b.Values[baseRows[k]];
            cs[k] = c.Values[candRows[k]];
        }
        var labelRows = ReferenceEquals(labelFrame, baseline) ? baseRows : candRows;
        if (ReferenceEquals(labelFrame, baseline) && candidate.Find(label) is { } candidateLabel)
        {
            // both files carry the label: they must agree row by row, or the comparison would silently use one side's truth
            var baseLabel = baseline[label];
            for (var k = 0; k < n; k++)
            {
                var bt = baseLabel.GetText(baseRows[k]);
                var ct = candidateLabel.GetText(candRows[k]);
                if (bt is not null && ct is not null && !string.Equals(bt, ct, StringComparison.Ordinal))
                    throw new DataFormatException(candidate.Source,
                        $"label '{ct}' for id '{baseId.GetText(baseRows[k])}' disagrees with the baseline file's '{bt}' ({baseline.Source} line {baseline.LineOf(baseRows[k])}); both files must carry the same labels",
                        candidate.LineOf(candRows[k]), label);
            }
        }
        var lines = new int[n];
        for (var k = 0; k < n; k++) lines[k] = labelFrame.LineOf(labelRows[k]);
        var joined = new DataFrame([labelFrame[label].Take(labelRows)], labelFrame.Source, lines);
        return Build(joined, joined[label], bs, cs, n, positiveLabel, threshold, $"{baseline.Source}:{baselineScore}", $"{candidate.Source}:{candidateScore}",
            id, unmatchedBaseline, unmatchedCandidate);
    }

    private static PairedData Build(DataFrame frame, Column label, double[] baselineScores, double[] candidateScores, int rows, string? positiveLabel,
        double threshold, string baselineName, string candidateName, string? id, int unmatchedBaseline, int unmatchedCandidate)
    {
        var skipped = new Dictionary<string, int>();
        var keep = new List<int>(frame.RowCount);
        for (var i = 0; i < frame.RowCount; i++)
        {
            if (!double.IsFinite(baselineScores[i])) { Count(skipped, double.IsNaN(baselineScores[i]) ? "missing baseline score" : "infinite baseline score"); continue; }
            if (!double.IsFinite(candidateScores[i])) { Count(skipped, double.IsNaN(candidateScores[i]) ? "missing candidate score" : "infinite candidate score"); continue; }
            keep.Add(i);
        }
        if (keep.Count == 0)
            throw new DataFormatException(frame.Source, rows == 0 ? (id is null ? "no rows" : $"no id in '{id}' occurs in both files") : "no rows left to compare: every row lacks a baseline or candidate score");
        var rowsKept = keep.ToArray();
        var lines = new int[rowsKept.Length];
        var bk = new double[rowsKept.Length];
        var ck = new double[rowsKept.Length];
        for (var k = 0; k < rowsKept.Length; k++)
        {
            lines[k] = frame.LineOf(rowsKept[k]);
            bk[k] = baselineScores[rowsKept[k]];
            ck[k] = candidateScores[rowsKept[k]];
        }
        var sub = new DataFrame([label.Take(rowsKept), new NumericColumn(BaselineColumn, bk), new NumericColumn(CandidateColumn, ck)], frame.Source, lines);
        var settings = new EvaluationSettings { Label = label.Name, Scores = [BaselineColumn], Task = EvaluationTask.Binary, PositiveLabel = positiveLabel, Threshold = threshold, BootstrapReplicates = 0 };
        var preparedBaseline = DataPreparation.Prepare(sub, settings);
        var preparedCandidate = DataPreparation.Prepare(sub, settings with { Scores = [CandidateColumn] });
        foreach (var (reason, count) in preparedBaseline.Data.SkippedReasons) skipped[reason] = skipped.GetValueOrDefault(reason) + count;
        return new PairedData
        {
            Baseline = preparedBaseline.Binary!,
            Candidate = preparedCandidate.Binary!,
            PositiveLabel = preparedBaseline.PositiveLabel!,
            Summary = new ComparisonDataSummary(baselineName, candidateName, rows, preparedBaseline.Binary!.Count, skipped, id, unmatchedBaseline, unmatchedCandidate),
        };
    }

    private static Column Require(DataFrame frame, string name, string role) =>
        frame.Find(name) ?? throw new DataFormatException(frame.Source,
            $"no {role} column '{name}' (columns: {string.Join(", ", frame.ColumnNames)})", column: name);

    private static void Count(Dictionary<string, int> d, string reason) => d[reason] = d.GetValueOrDefault(reason) + 1;
}
