using Vigil.Core.Data;

namespace Vigil.Core.Quality.Expectations;

/// <summary>
/// <c>freshness</c>: the latest timestamp of the column is at most <see cref="MaxAge"/> before now (the injected
/// <see cref="TimeProvider"/>'s UTC time). A latest time in the future counts as fresh. Observed: the age in seconds,
/// with the latest timestamp as text. A column that is not a timestamp column or holds no timestamp fails with the
/// reason. Cost O(n).
/// </summary>
public sealed class FreshnessExpectation : ExpectationBase
{
    /// <summary>Creates the check; the age must be positive.</summary>
    public FreshnessExpectation(string column, TimeSpan maxAge, ExpectationOptions? options = null) : base("freshness", [column], options)
    {
        if (maxAge <= TimeSpan.Zero) throw new ArgumentException("freshness: max_age must be positive", nameof(maxAge));
        MaxAge = maxAge;
    }

    /// <summary>The largest accepted age of the latest row.</summary>
    public TimeSpan MaxAge { get; }

    /// <inheritdoc />
    public override ExpectationResult Evaluate(ExpectationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var frame = context.Data;
        if (frame.Find(Columns[0]) is not { } column) return MissingColumn(Columns[0], frame);
        if (column is not TimestampColumn t) return WrongType(column, "a timestamp column");
        var latest = TimestampColumn.Missing;
        foreach (var x in t.Ticks) if (x != TimestampColumn.Missing && x > latest) latest = x;
        if (latest == TimestampColumn.Missing) return Fail($"column '{column.Name}' holds no timestamp");
        var now = context.Clock.GetUtcNow().UtcDateTime;
        var age = now - new DateTime(latest, DateTimeKind.Utc);
        var latestText = new DateTime(latest, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var ok = age <= MaxAge;
        return Result(ok) with
        {
            ObservedValue = age.TotalSeconds,
            ObservedText = $"latest {latestText}, age {ExpectationText.Duration(age)}",
            Reason = ok ? null : $"latest timestamp {latestText} is {ExpectationText.Duration(age)} old, more than {ExpectationText.Duration(MaxAge)}",
        };
    }
}
