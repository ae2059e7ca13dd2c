namespace Vigil.Core.Metrics;

/// <summary>
/// The value of a metric, or why it is undefined. An undefined metric has <see cref="Value"/> = NaN and a
/// non-null <see cref="Reason"/> (e.g. "only one class present in labels").
/// </summary>
public readonly record struct MetricValue(double Value, string? Reason)
{
    /// <summary>A defined value.</summary>
    public static MetricValue Of(double value) => new(value, null);

    /// <summary>An undefined value with the reason.</summary>
    public static MetricValue Undefined(string reason) => new(double.NaN, reason);

    /// <summary>True when the value is defined (not NaN).</summary>
    public bool IsDefined => !double.IsNaN(Value);
}
