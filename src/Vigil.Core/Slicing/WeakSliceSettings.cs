namespace Vigil.Core.Slicing;

/// <summary>Settings of <see cref="WeakSliceFinder"/> (<c>--find-slices</c>, <c>--min-support</c>, <c>--top</c>).</summary>
public sealed record WeakSliceSettings
{
    /// <summary>SliceLine's α ∈ (0, 1]: weight of the error gap against the size term (default 0.95).</summary>
    public double Alpha { get; init; } = 0.95;

    /// <summary>Minimum support as a fraction of the rows (<c>--min-support</c>, default 0.01); σ = ⌈fraction·n⌉, at least 1.</summary>
    public double MinimumSupport { get; init; } = 0.01;

    /// <summary>Number of slices returned (<c>--top</c>, default 10).</summary>
    public int Top { get; init; } = 10;

    /// <summary>Largest number of predicates in a slice, 1 to 3 (default 3).</summary>
    public int MaxLevel { get; init; } = 3;

    /// <summary>Quantile bins per numeric column (default 5, as <c>--slice-bins</c>).</summary>
    public int Bins { get; init; } = 5;

    /// <summary>Confidence level of the interval on each slice's error rate.</summary>
    public double CiLevel { get; init; } = 0.95;

    /// <summary>Bootstrap replicates for the interval when errors are not 0/1 (regression).</summary>
    public int BootstrapReplicates { get; init; } = 500;

    /// <summary>Bootstrap seed; replicate i uses (seed, i).</summary>
    public long Seed { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid setting at once.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (!(Alpha > 0 && Alpha <= 1)) problems.Add($"Alpha must lie in (0, 1] (got {Alpha})");
        if (!(MinimumSupport > 0 && MinimumSupport <= 1)) problems.Add($"MinimumSupport must lie in (0, 1] (got {MinimumSupport})");
        if (Top < 1) problems.Add($"Top must be ≥ 1 (got {Top})");
        if (MaxLevel is < 1 or > 3) problems.Add($"MaxLevel must be 1, 2 or 3 (got {MaxLevel})");
        if (Bins < 1) problems.Add($"Bins must be ≥ 1 (got {Bins})");
        if (!(CiLevel > 0 && CiLevel < 1)) problems.Add($"CiLevel must lie in (0, 1) (got {CiLevel})");
        if (BootstrapReplicates < 0) problems.Add($"BootstrapReplicates must be ≥ 0 (got {BootstrapReplicates})");
        if (problems.Count > 0) throw new ArgumentException("invalid slice-finding settings: " + string.Join("; ", problems));
    }
}
