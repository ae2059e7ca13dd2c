namespace Vigil.Core.Quality.Expectations;

/// <summary>
/// An inclusive range [Min, Max] with optional ends, used by the aggregate checks (<c>mean_between</c>,
/// <c>row_count_between</c>…). A NaN observation is never inside.
/// </summary>
public sealed record ValueRange
{
    /// <summary>Creates a range; at least one end is required and min ≤ max (ArgumentException naming <paramref name="check"/>).</summary>
    public ValueRange(double? min, double? max, string check)
    {
        if (min is null && max is null) throw new ArgumentException($"{check}: give min, max or both", nameof(min));
        if (min is { } a && double.IsNaN(a) || max is { } b && double.IsNaN(b)) throw new ArgumentException($"{check}: bounds must be numbers", nameof(min));
        if (min is { } lo && max is { } hi && lo > hi) throw new ArgumentException($"{check}: min {lo} is greater than max {hi}", nameof(min));
        Min = min;
        Max = max;
    }

    /// <summary>The lower end, or null.</summary>
    public double? Min { get; }

    /// <summary>The upper end, or null.</summary>
    public double? Max { get; }

    /// <summary>True when <paramref name="x"/> lies in the range.</summary>
    public bool Contains(double x) => !double.IsNaN(x) && (Min is not { } a || x >= a) && (Max is not { } b || x <= b);

    /// <inheritdoc />
    public override string ToString() => $"[{(Min is { } a ? ExpectationText.Number(a) : "-inf")}, {(Max is { } b ? ExpectationText.Number(b) : "inf")}]";
}
