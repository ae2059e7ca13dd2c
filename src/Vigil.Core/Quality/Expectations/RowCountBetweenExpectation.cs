namespace Vigil.Core.Quality.Expectations;

/// <summary><c>row_count_between</c>: the number of rows lies in the inclusive range. Observed: the row count. Cost O(1).</summary>
public sealed class RowCountBetweenExpectation : ExpectationBase
{
    /// <summary>Creates the check.</summary>
    public RowCountBetweenExpectation(double? min, double? max, ExpectationOptions? options = null) : base("row_count_between", [], options)
    {
        Range = new ValueRange(min, max, "row_count_between");
    }

    /// <summary>The accepted row counts.</summary>
    public ValueRange Range { get; }

    /// <inheritdoc />
    public override ExpectationResult Evaluate(ExpectationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var n = context.Data.RowCount;
        var ok = Range.Contains(n);
        return Result(ok) with { ObservedValue = n, Reason = ok ? null : $"{n} rows, expected {Range}" };
    }
}
