namespace Vigil.Models;

/// <summary>
/// Size of the ML.NET FastTree (gradient-boosted regression trees, Friedman 2001 "Greedy function approximation")
/// models Vigil trains. Small by default: these models answer a monitoring question, not a leaderboard one.
/// </summary>
public sealed record GradientBoostedTreeSettings
{
    /// <summary>Number of boosting rounds (trees), default 50.</summary>
    public int Trees { get; init; } = 50;

    /// <summary>Maximum leaves per tree, default 20.</summary>
    public int Leaves { get; init; } = 20;

    /// <summary>Minimum rows in a leaf, default 20.</summary>
    public int MinimumRowsPerLeaf { get; init; } = 20;

    /// <summary>Shrinkage per tree, default 0.2 (ML.NET's default).</summary>
    public double LearningRate { get; init; } = 0.2;

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid setting.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (Trees < 1) errors.Add($"Trees must be at least 1 (got {Trees})");
        if (Leaves < 2) errors.Add($"Leaves must be at least 2 (got {Leaves})");
        if (MinimumRowsPerLeaf < 1) errors.Add($"MinimumRowsPerLeaf must be at least 1 (got {MinimumRowsPerLeaf})");
        if (!(LearningRate > 0 && LearningRate <= 1)) errors.Add($"LearningRate must be in (0, 1] (got {LearningRate})");
        if (errors.Count > 0) throw new ArgumentException("Invalid tree settings: " + string.Join("; ", errors) + ".");
    }
}
