namespace Vigil.Core.Drift.Analysis;

/// <summary>
/// An aggregated picture of a column's two samples for reports (never the raw rows, so a report on a million rows
/// stays small): for numeric columns shared equal-width bins over the pooled range; for categorical columns the
/// most frequent categories (the rest summed into <c>(other)</c>).
/// </summary>
/// <param name="Edges">Bin edges (numeric), length = bins + 1; empty for categorical.</param>
/// <param name="Categories">Category labels (categorical); empty for numeric.</param>
/// <param name="ReferenceCounts">Reference count per bin or category.</param>
/// <param name="CurrentCounts">Current count per bin or category.</param>
public sealed record ColumnDistribution(double[] Edges, string[] Categories, double[] ReferenceCounts, double[] CurrentCounts);

/// <summary>The drift of one tested column.</summary>
/// <param name="Column">Column name.</param>
/// <param name="Role">Feature, prediction or target.</param>
/// <param name="Kind">Numeric or categorical.</param>
/// <param name="TypeReason">Why the column has this kind.</param>
/// <param name="MethodReason">Why the method was chosen (policy reason or the override).</param>
/// <param name="Result">The deciding method's result (with the threshold used).</param>
/// <param name="AdjustedPValue">Benjamini–Hochberg adjusted p-value when <c>--fdr</c> is on and the method has a p-value.</param>
/// <param name="Drift">The decision (on the adjusted p-value under <c>--fdr</c>).</param>
/// <param name="Threshold">The threshold the decision used (Q under <c>--fdr</c> for p-value methods).</param>
/// <param name="MissingShareReference">Share of reference rows missing (NaN, ±∞ or empty).</param>
/// <param name="MissingShareCurrent">Share of current rows missing.</param>
/// <param name="Distribution">Aggregated histogram or category counts for reports.</param>
/// <param name="Additional">Results of the extra methods (reported, not deciding).</param>
public sealed record ColumnDrift(
    string Column,
    DriftColumnRole Role,
    DriftColumnKind Kind,
    string TypeReason,
    string MethodReason,
    DriftResult Result,
    double? AdjustedPValue,
    bool Drift,
    double Threshold,
    double MissingShareReference,
    double MissingShareCurrent,
    ColumnDistribution? Distribution,
    IReadOnlyList<DriftResult> Additional)
{
    /// <summary>Drift from profiles: how far the sketches may have moved the statistic (see <c>ProfileDriftResult</c>); null for raw data.</summary>
    public double? ErrorBound { get; init; }

    /// <summary>What <see cref="ErrorBound"/> bounds, in words; null for raw data.</summary>
    public string? ErrorBoundMeaning { get; init; }

    /// <summary>
    /// How far past its threshold the score is, comparable across p-values and distances: threshold / p for
    /// p-value methods (adjusted p under FDR), statistic / threshold for distances; &gt; 1 means drift (ties aside), NaN
    /// when undefined. Used to sort columns by severity.
    /// </summary>
    public double Severity
    {
        get
        {
            if (Result.ScoreKind == DriftScoreKind.PValue)
            {
                var p = AdjustedPValue ?? Result.PValue ?? double.NaN;
                return double.IsNaN(p) ? double.NaN : Threshold / Math.Max(p, 1e-300);
            }
            return double.IsNaN(Result.Statistic) ? double.NaN : Threshold > 0 ? Result.Statistic / Threshold : Result.Statistic > 0 ? double.PositiveInfinity : 0;
        }
    }
}

/// <summary>A column that was not tested and why (only on one side, timestamp, text or id-like, no values on a side…).</summary>
/// <param name="Column">Column name.</param>
/// <param name="Reason">Why it was skipped.</param>
public sealed record SkippedColumn(string Column, string Reason);

/// <summary>The drift of one window (or row chunk) of the current data against the whole reference.</summary>
/// <param name="Key">Window key, e.g. <c>2011-02</c> or <c>[0:999]</c>.</param>
/// <param name="Start">Window start (UTC) or null.</param>
/// <param name="End">Window end (UTC, exclusive for calendar windows) or null.</param>
/// <param name="Rows">Current rows in the window.</param>
/// <param name="Columns">Per-column results (same method and threshold as the whole run).</param>
/// <param name="DriftShareThreshold">The dataset-drift share threshold.</param>
public sealed record DriftWindow(string Key, DateTime? Start, DateTime? End, int Rows, IReadOnlyList<ColumnDrift> Columns, double DriftShareThreshold)
{
    /// <summary>Columns that drifted in this window.</summary>
    public int DriftedColumns => Columns.Count(c => c.Drift);

    /// <summary>Drifted / tested columns (NaN when nothing was tested).</summary>
    public double DriftShare => Columns.Count == 0 ? double.NaN : (double)DriftedColumns / Columns.Count;

    /// <summary>True when the drift share reaches the threshold.</summary>
    public bool DatasetDrift => Columns.Count > 0 && DriftShare >= DriftShareThreshold;
}

/// <summary>The result of <see cref="DatasetDrift.Analyze"/>.</summary>
/// <param name="Columns">Tested columns, in file order.</param>
/// <param name="Skipped">Columns not tested, with reasons.</param>
/// <param name="Windows">Per-window results (empty without <c>--window</c> / <c>--chunk-size</c>).</param>
/// <param name="DriftShareThreshold">The share of drifted columns at which the dataset drifts.</param>
/// <param name="ReferenceRows">Rows of the reference data.</param>
/// <param name="CurrentRows">Rows of the current data.</param>
public sealed record DatasetDriftResult(
    IReadOnlyList<ColumnDrift> Columns,
    IReadOnlyList<SkippedColumn> Skipped,
    IReadOnlyList<DriftWindow> Windows,
    double DriftShareThreshold,
    int ReferenceRows,
    int CurrentRows)
{
    /// <summary>Current rows left out of every window because their timestamp is missing (counted, never dropped silently).</summary>
    public int RowsWithoutTimestamp { get; init; }

    /// <summary>Columns that drifted.</summary>
    public int DriftedColumns => Columns.Count(c => c.Drift);

    /// <summary>Multivariate detector results (<c>--multivariate</c>); empty when none was asked for.</summary>
    public IReadOnlyList<MultivariateDriftResult> Multivariate { get; init; } = [];

    /// <summary>drifted_columns / columns_tested (NaN when nothing was tested).</summary>
    public double DriftShare => Columns.Count == 0 ? double.NaN : (double)DriftedColumns / Columns.Count;

    /// <summary>True when <see cref="DriftShare"/> ≥ <see cref="DriftShareThreshold"/>.</summary>
    public bool DatasetDrift => Columns.Count > 0 && DriftShare >= DriftShareThreshold;

    /// <summary>Tested columns, most severe first (drifted before not drifted, then by <see cref="ColumnDrift.Severity"/>).</summary>
    public IReadOnlyList<ColumnDrift> BySeverity() =>
        [.. Columns.OrderByDescending(c => c.Drift).ThenByDescending(c => double.IsNaN(c.Severity) ? double.NegativeInfinity : c.Severity).ThenBy(c => c.Column, StringComparer.Ordinal)];
}
