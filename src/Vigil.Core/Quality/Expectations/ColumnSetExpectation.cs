namespace Vigil.Core.Quality.Expectations;

/// <summary>How <c>column_set</c> compares the data's columns with the expected ones.</summary>
public enum ColumnSetMode
{
    /// <summary>The same set of columns, in any order: none missing, none extra.</summary>
    Exact,
    /// <summary>Every expected column is present; extra columns are allowed.</summary>
    Includes,
}

/// <summary>
/// <c>column_set</c>: the data has exactly (<see cref="ColumnSetMode.Exact"/>) or at least
/// (<see cref="ColumnSetMode.Includes"/>) the expected columns, order ignored, names compared ordinally. Observed: the
/// columns found; the reason lists missing and unexpected names. Cost O(columns).
/// </summary>
public sealed class ColumnSetExpectation : ExpectationBase
{
    /// <summary>Creates the check; the expected list must be non-empty and free of duplicates.</summary>
    public ColumnSetExpectation(IReadOnlyList<string> expected, ColumnSetMode mode = ColumnSetMode.Exact, ExpectationOptions? options = null)
        : base("column_set", expected, options)
    {
        if (expected.Count == 0) throw new ArgumentException("column_set: list at least one column", nameof(expected));
        if (expected.Distinct(StringComparer.Ordinal).Count() != expected.Count) throw new ArgumentException("column_set: a column is listed twice", nameof(expected));
        Mode = mode;
    }

    /// <summary>Exact or includes.</summary>
    public ColumnSetMode Mode { get; }

    /// <inheritdoc />
    public override ExpectationResult Evaluate(ExpectationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var actual = context.Data.ColumnNames.ToList();
        var missing = Columns.Where(c => !context.Data.Contains(c)).ToList();
        var expected = new HashSet<string>(Columns, StringComparer.Ordinal);
        var extra = Mode == ColumnSetMode.Exact ? actual.Where(c => !expected.Contains(c)).ToList() : [];
        var ok = missing.Count == 0 && extra.Count == 0;
        var parts = new List<string>();
        if (missing.Count > 0) parts.Add("missing: " + string.Join(", ", missing));
        if (extra.Count > 0) parts.Add("unexpected: " + string.Join(", ", extra));
        return Result(ok) with { ObservedText = string.Join(", ", actual), Reason = ok ? null : string.Join("; ", parts) };
    }
}
