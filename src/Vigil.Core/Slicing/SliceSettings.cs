namespace Vigil.Core.Slicing;

/// <summary>Settings of <see cref="SliceAnalysis"/> (<c>--slice</c>, <c>--slice-bins</c>).</summary>
public sealed record SliceSettings
{
    /// <summary>Quantile bins per numeric column (<c>--slice-bins</c>, default 5).</summary>
    public int Bins { get; init; } = 5;

    /// <summary>Groups with fewer rows are reported with <c>insufficient_data</c> and not tested (default 30).</summary>
    public int MinimumRows { get; init; } = 30;

    /// <summary>False discovery rate for <c>significantly_worse</c> after Benjamini–Hochberg (default 0.05).</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>The metric given a bootstrap interval per group; null picks the task's default (see <see cref="SliceAnalysis"/>).</summary>
    public string? PrimaryMetric { get; init; }

    /// <summary>Bootstrap replicates for the primary metric's interval per group; 0 disables the intervals.</summary>
    public int BootstrapReplicates { get; init; } = 200;

    /// <summary>Bootstrap seed; replicate i of every group uses (seed, i).</summary>
    public long Seed { get; init; }

    /// <summary>Confidence level of the intervals.</summary>
    public double CiLevel { get; init; } = 0.95;

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid setting at once.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (Bins < 1) problems.Add($"Bins must be ≥ 1 (got {Bins})");
        if (MinimumRows < 2) problems.Add($"MinimumRows must be ≥ 2 (got {MinimumRows})");
        if (!(Alpha > 0 && Alpha < 1)) problems.Add($"Alpha must lie in (0, 1) (got {Alpha})");
        if (BootstrapReplicates < 0) problems.Add($"BootstrapReplicates must be ≥ 0 (got {BootstrapReplicates})");
        if (!(CiLevel > 0 && CiLevel < 1)) problems.Add($"CiLevel must lie in (0, 1) (got {CiLevel})");
        if (problems.Count > 0) throw new ArgumentException("invalid slice settings: " + string.Join("; ", problems));
    }
}
