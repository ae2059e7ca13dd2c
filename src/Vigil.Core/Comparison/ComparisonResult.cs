namespace Vigil.Core.Comparison;

/// <summary>Where the paired rows came from and how many were used.</summary>
/// <param name="Baseline">Baseline source and score column, e.g. <c>scores.csv:model_a</c>.</param>
/// <param name="Candidate">Candidate source and score column.</param>
/// <param name="Rows">Paired rows before skipping (rows of the single file, or ids matched in both files).</param>
/// <param name="RowsUsed">Rows compared.</param>
/// <param name="SkippedReasons">Rows skipped, by reason.</param>
/// <param name="IdColumn">The join column when two files were joined, else null.</param>
/// <param name="UnmatchedBaseline">Baseline rows whose id has no candidate row (join only).</param>
/// <param name="UnmatchedCandidate">Candidate rows whose id has no baseline row (join only).</param>
public sealed record ComparisonDataSummary(string Baseline, string Candidate, int Rows, int RowsUsed, IReadOnlyDictionary<string, int> SkippedReasons,
    string? IdColumn = null, int UnmatchedBaseline = 0, int UnmatchedCandidate = 0);

/// <summary>The outcome of <see cref="ModelComparer"/>: per-metric comparisons and the gate's verdict.</summary>
public sealed record ComparisonResult
{
    /// <summary>The settings used.</summary>
    public required ComparisonSettings Settings { get; init; }

    /// <summary>Data summary (sources, rows, unmatched ids).</summary>
    public required ComparisonDataSummary Data { get; init; }

    /// <summary>The positive label's text.</summary>
    public required string PositiveLabel { get; init; }

    /// <summary>Threshold turning scores into predictions.</summary>
    public required double Threshold { get; init; }

    /// <summary>Positive rows.</summary>
    public required int Positives { get; init; }

    /// <summary>Per metric, in <see cref="ComparisonSettings.Metrics"/> order.</summary>
    public required IReadOnlyList<MetricComparison> Metrics { get; init; }

    /// <summary>McNemar's discordant counts when accuracy was compared, else null.</summary>
    public McNemarResult? McNemar { get; init; }

    /// <summary>The gate's verdict (passes when there are no conditions).</summary>
    public required GateResult Gate { get; init; }

    /// <summary>Things the user should know.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The comparison of <paramref name="metric"/>, or null.</summary>
    public MetricComparison? Find(string metric) => Metrics.FirstOrDefault(m => m.Metric == metric);
}
