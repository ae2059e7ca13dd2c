namespace Vigil.Core.Quality.Expectations;

/// <summary>
/// Base of the checks that compute one statistic of a numeric column's non-missing values and require it to lie in an
/// inclusive <see cref="ValueRange"/> (<c>mean_between</c>, <c>stdev_between</c>, <c>quantile_between</c>). A column
/// that is not numeric or a statistic that is undefined (too few values) fails with the reason.
/// </summary>
public abstract class NumericStatisticExpectation : ExpectationBase
{
    /// <summary>Creates the check.</summary>
    protected NumericStatisticExpectation(string check, string column, double? min, double? max, ExpectationOptions? options)
        : base(check, [column], options)
    {
        Range = new ValueRange(min, max, check);
    }

    /// <summary>The accepted range of the statistic.</summary>
    public ValueRange Range { get; }

    /// <summary>A short name of the statistic for messages (e.g. <c>mean</c>).</summary>
    protected abstract string StatisticName { get; }

    /// <summary>Computes the statistic of the non-missing values (may reorder them); NaN when undefined.</summary>
    protected abstract double Compute(double[] values);

    /// <inheritdoc />
    public override ExpectationResult Evaluate(ExpectationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var frame = context.Data;
        if (frame.Find(Columns[0]) is not { } column) return MissingColumn(Columns[0], frame);
        if (ExpectationText.PresentValues(column) is not { } values) return WrongType(column, "a numeric column");
        var stat = Compute(values);
        if (double.IsNaN(stat)) return Fail($"{StatisticName} is undefined with {values.Length} non-missing values");
        var ok = Range.Contains(stat);
        return Result(ok) with { ObservedValue = stat, Reason = ok ? null : $"{StatisticName} {ExpectationText.Number(stat)} outside {Range}" };
    }
}
