using System.Globalization;

namespace Vigil.TestSupport;

/// <summary>Assertions for numbers compared with a reference implementation.</summary>
public static class Approx
{
    /// <summary>Passes when both are NaN, or |actual − expected| ≤ max(absolute, relative·|expected|).</summary>
    public static void Equal(double expected, double actual, double relative = 1e-9, double absolute = 1e-12, string? what = null)
    {
        if (double.IsNaN(expected) && double.IsNaN(actual)) return;
        if (double.IsInfinity(expected) && expected == actual) return;
        var tolerance = Math.Max(absolute, relative * Math.Abs(expected));
        if (!(Math.Abs(actual - expected) <= tolerance))
            throw new Xunit.Sdk.XunitException(string.Create(CultureInfo.InvariantCulture,
                $"{what ?? "value"}: expected {expected:R}, got {actual:R} (|diff| {Math.Abs(actual - expected):E3} > {tolerance:E3})"));
    }
}
