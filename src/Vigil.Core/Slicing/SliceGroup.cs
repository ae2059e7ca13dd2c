using Vigil.Core.Evaluation;

namespace Vigil.Core.Slicing;

/// <summary>
/// One value (category, quantile bin or <c>(missing)</c>) of one slice column: its rows, the task's metrics on those
/// rows (the primary metric with a bootstrap interval), its error against the rest of the rows, and the test of
/// "this slice is worse than the rest". JSON: <c>{"column", "value", "rows", "metrics", "significantly_worse",
/// "p_value", "test"}</c>.
/// </summary>
public sealed record SliceGroup
{
    /// <summary>The slice column.</summary>
    public required string Column { get; init; }

    /// <summary>The group's value: a category, a bin such as <c>(29, 37]</c>, or <c>(missing)</c>.</summary>
    public required string Value { get; init; }

    /// <summary>Number of evaluated rows in the group.</summary>
    public required int Rows { get; init; }

    /// <summary>The task's metrics computed on the group's rows; only <see cref="PrimaryMetric"/> carries an interval.</summary>
    public required IReadOnlyList<MetricEstimate> Metrics { get; init; }

    /// <summary>The metric given a bootstrap interval.</summary>
    public required string PrimaryMetric { get; init; }

    /// <summary>The compared error in the group: the error rate at the threshold (classification) or the mean absolute error (regression).</summary>
    public required double Error { get; init; }

    /// <summary>The same error on every other evaluated row.</summary>
    public required double RestError { get; init; }

    /// <summary>True when fewer than the minimum rows: the group is reported but not tested.</summary>
    public bool InsufficientData { get; init; }

    /// <summary>The test used (<c>two_proportion_z</c>, <c>fisher_exact</c> or <c>welch_t</c>), null when not tested.</summary>
    public string? Test { get; init; }

    /// <summary>Two-sided p-value of the slice-vs-rest test; NaN when not tested (see <see cref="Reason"/>).</summary>
    public double PValue { get; init; } = double.NaN;

    /// <summary>The Benjamini–Hochberg adjusted p-value across every tested group of the run; NaN when not tested.</summary>
    public double AdjustedPValue { get; init; } = double.NaN;

    /// <summary>
    /// True when the adjusted p-value is below α and the group's error exceeds the rest's; false when tested and not;
    /// null when not tested.
    /// </summary>
    public bool? SignificantlyWorse { get; init; }

    /// <summary>Why the group was not tested (too few rows, no rows outside it, no errors anywhere…), else null.</summary>
    public string? Reason { get; init; }
}
