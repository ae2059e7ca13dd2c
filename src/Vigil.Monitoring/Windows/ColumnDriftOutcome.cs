using Vigil.Core.Drift;

namespace Vigil.Monitoring.Windows;

/// <summary>
/// The drift of one column in one window: the decided result (same engine and decision as <c>vigil drift</c>) and the
/// column's distribution for the dashboard, or the reason it was skipped.
/// </summary>
/// <param name="Column">Column name.</param>
/// <param name="Kind">Numeric or categorical (null when skipped before typing).</param>
/// <param name="Result">The decided result, or null when skipped.</param>
/// <param name="SkipReason">Why the column was not tested, or null.</param>
/// <param name="Distribution">Reference and current shares, or null.</param>
public sealed record ColumnDriftOutcome(string Column, DriftColumnKind? Kind, DriftResult? Result, string? SkipReason, ColumnShares? Distribution);

/// <summary>
/// Reference and current shares of one column for the dashboard heatmap: numeric columns over 10 reference-quantile
/// bins (<see cref="Edges"/>: reference minimum, inner edges, reference maximum; the outer bins are open), categorical
/// columns over the reference's most frequent categories plus "(other)".
/// </summary>
/// <param name="Edges">Numeric: bin edges; categorical: empty.</param>
/// <param name="Categories">Categorical: category labels; numeric: empty.</param>
/// <param name="Reference">Reference share per bin / category.</param>
/// <param name="Current">Current share per bin / category.</param>
public sealed record ColumnShares(IReadOnlyList<double> Edges, IReadOnlyList<string> Categories, IReadOnlyList<double> Reference, IReadOnlyList<double> Current);
