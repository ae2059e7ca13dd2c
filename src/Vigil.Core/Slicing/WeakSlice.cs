namespace Vigil.Core.Slicing;

/// <summary>
/// One predicate of a slice: <c>column == value</c> (a category), <c>column in (29, 37]</c> (a numeric quantile bin)
/// or <c>column is_missing</c> (value null).
/// </summary>
/// <param name="Column">The feature column.</param>
/// <param name="Operator"><c>==</c>, <c>in</c> or <c>is_missing</c>.</param>
/// <param name="Value">The category or the bin's interval text; null for <c>is_missing</c>.</param>
public sealed record SlicePredicate(string Column, string Operator, string? Value)
{
    /// <summary>The predicate as text, e.g. <c>age in (29, 37]</c>.</summary>
    public override string ToString() => Value is null ? $"{Column} {Operator}" : $"{Column} {Operator} {Value}";
}

/// <summary>
/// A weak slice found by <see cref="WeakSliceFinder"/>: a conjunction of predicates, its size, its mean error
/// against the overall mean, its SliceLine score and an interval on its error rate. JSON:
/// <c>{"predicates": [...], "rows", "error_rate", "overall_error_rate", "score", "ci_low", "ci_high"}</c>.
/// </summary>
public sealed record WeakSlice
{
    /// <summary>The predicates, all of which a row must satisfy.</summary>
    public required IReadOnlyList<SlicePredicate> Predicates { get; init; }

    /// <summary>Rows in the slice.</summary>
    public required int Rows { get; init; }

    /// <summary>Mean error in the slice (the error rate for 0/1 errors).</summary>
    public required double ErrorRate { get; init; }

    /// <summary>Mean error over every row.</summary>
    public required double OverallErrorRate { get; init; }

    /// <summary>SliceLine score α·(ē_S/ē − 1) − (1−α)·(n/|S| − 1); larger is worse for the model.</summary>
    public required double Score { get; init; }

    /// <summary>Lower bound of the interval on <see cref="ErrorRate"/> (NaN when unavailable).</summary>
    public required double CiLow { get; init; }

    /// <summary>Upper bound of the interval on <see cref="ErrorRate"/> (NaN when unavailable).</summary>
    public required double CiHigh { get; init; }

    /// <summary><c>wilson</c> for 0/1 errors, <c>percentile</c> (bootstrap) otherwise.</summary>
    public required string CiMethod { get; init; }

    /// <summary>The slice as text: predicates joined by <c>AND</c>.</summary>
    public override string ToString() => string.Join(" AND ", Predicates);
}

/// <summary>The result of <see cref="WeakSliceFinder"/>.</summary>
/// <param name="Slices">Up to <see cref="WeakSliceSettings.Top"/> slices with positive score, best (weakest) first.</param>
/// <param name="OverallErrorRate">Mean error over every row.</param>
/// <param name="Rows">Rows searched.</param>
/// <param name="MinimumSupportRows">σ, the minimum slice size in rows.</param>
/// <param name="Columns">Feature columns searched.</param>
/// <param name="SkippedColumns">Columns not searched, with the reason.</param>
/// <param name="CandidatesEvaluated">Candidates evaluated per level (index 0 = level 1), after pruning.</param>
/// <param name="Settings">The settings used.</param>
public sealed record WeakSliceReport(IReadOnlyList<WeakSlice> Slices, double OverallErrorRate, int Rows, int MinimumSupportRows,
    IReadOnlyList<string> Columns, IReadOnlyList<(string Column, string Reason)> SkippedColumns, IReadOnlyList<int> CandidatesEvaluated,
    WeakSliceSettings Settings);
