namespace Vigil.Core.Comparison;

/// <summary>How to compare a baseline with a candidate.</summary>
public sealed record ComparisonSettings
{
    /// <summary>The metrics compared by default, in output order.</summary>
    public static IReadOnlyList<string> DefaultMetrics { get; } = ["roc_auc", "accuracy", "f1", "average_precision", "log_loss", "brier"];

    /// <summary>Metric ids (binary catalog) to compare, in output order.</summary>
    public IReadOnlyList<string> Metrics { get; init; } = DefaultMetrics;

    /// <summary>Paired bootstrap replicates for metrics without a dedicated test; 0 leaves their interval and p-value undefined.</summary>
    public int BootstrapReplicates { get; init; } = 1000;

    /// <summary>Bootstrap seed; replicate i uses (seed, i).</summary>
    public long Seed { get; init; }

    /// <summary>Confidence level of every interval; the decision's significance level is α = 1 − level (0.05 by default), so
    /// "p &lt; α" and "the interval excludes 0" agree exactly for DeLong and up to quantile interpolation for the bootstrap.</summary>
    public double CiLevel { get; init; } = 0.95;

    /// <summary>α = 1 − <see cref="CiLevel"/>.</summary>
    public double Alpha => 1 - CiLevel;
}
