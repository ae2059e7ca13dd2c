namespace Vigil.Core.Comparison;

/// <summary>
/// The verdict on one metric. <see cref="Better"/> / <see cref="Worse"/> mean the <em>candidate</em> is significantly better /
/// worse than the baseline in the metric's own direction (lower log loss is better): p &lt; α with the difference on that side.
/// </summary>
public enum ComparisonDecision
{
    /// <summary>p ≥ α, or the test is undefined.</summary>
    NoSignificantDifference,

    /// <summary>The candidate is significantly better.</summary>
    Better,

    /// <summary>The candidate is significantly worse.</summary>
    Worse,
}
