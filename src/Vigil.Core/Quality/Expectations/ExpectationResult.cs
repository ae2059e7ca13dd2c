namespace Vigil.Core.Quality.Expectations;

/// <summary>One failing row shown as an example: the 1-based source line (<see cref="Data.DataFrame.LineOf"/>) and the value (null = missing).</summary>
/// <param name="Line">1-based line in the data file (row number for sources without lines).</param>
/// <param name="Value">The offending value as text, or null when it is missing.</param>
public sealed record FailingRow(int Line, string? Value);

/// <summary>
/// The outcome of one check on one dataset. A failed check is a result, never an exception; a check that could not
/// run (missing column, wrong column type, undefined statistic) fails with a <see cref="Reason"/>.
/// </summary>
/// <param name="Check">The check type as written in the suite (e.g. <c>between</c>).</param>
/// <param name="Name">The user's name for the check, or null.</param>
/// <param name="Columns">The columns the check looks at (empty for table checks such as <c>row_count_between</c>).</param>
/// <param name="Severity">The check's severity.</param>
/// <param name="Success">True when the data met the expectation.</param>
public sealed record ExpectationResult(string Check, string? Name, IReadOnlyList<string> Columns, ExpectationSeverity Severity, bool Success)
{
    /// <summary>The observed number (share, mean, count, p-value…), or null when the observation is not a number.</summary>
    public double? ObservedValue { get; init; }

    /// <summary>The observation as text when it is not (only) a number, e.g. the column list or the latest timestamp.</summary>
    public string? ObservedText { get; init; }

    /// <summary>Rows violating a row-level check (null for aggregate checks such as <c>mean_between</c>).</summary>
    public long? FailingCount { get; init; }

    /// <summary>Up to <see cref="FailureSample.MaxRows"/> failing rows, in data order.</summary>
    public IReadOnlyList<FailingRow> FailingRows { get; init; } = [];

    /// <summary>Why the check failed (or could not run); null on success.</summary>
    public string? Reason { get; init; }
}
