namespace Vigil.Core.Drift.Multivariate;

/// <summary>Settings of an <see cref="IDomainClassifier"/> run.</summary>
public sealed record DomainClassifierOptions
{
    /// <summary>Stratified cross-validation folds (default 5, at least 2).</summary>
    public int Folds { get; init; } = 5;

    /// <summary>Seed of the row sampling, the fold assignment and the model (default 42).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Each side larger than this is sampled down to it without replacement, seeded (default 50,000).</summary>
    public int MaxRowsPerSide { get; init; } = 50_000;

    /// <summary>Drift when the out-of-fold ROC AUC is strictly greater than this (default 0.55, as issue 4 asks).</summary>
    public double AucThreshold { get; init; } = 0.55;

    /// <summary>Confidence level of the DeLong interval (default 0.95).</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>How many drivers to report (default 10).</summary>
    public int MaxDrivers { get; init; } = 10;

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid option at once.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (Folds < 2) errors.Add($"Folds must be at least 2 (got {Folds})");
        if (MaxRowsPerSide < 10) errors.Add($"MaxRowsPerSide must be at least 10 (got {MaxRowsPerSide})");
        if (!(AucThreshold >= 0.5 && AucThreshold < 1)) errors.Add($"AucThreshold must be in [0.5, 1) (got {AucThreshold})");
        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1)) errors.Add($"ConfidenceLevel must be in (0, 1) (got {ConfidenceLevel})");
        if (MaxDrivers < 0) errors.Add($"MaxDrivers must be non-negative (got {MaxDrivers})");
        if (errors.Count > 0) throw new ArgumentException("Invalid domain classifier options: " + string.Join("; ", errors) + ".");
    }
}
