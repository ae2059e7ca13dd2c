using Vigil.Core.Statistics;

namespace Vigil.Core.Evaluation;

/// <summary>What to evaluate and how: the column roles and the confidence-interval settings.</summary>
public sealed record EvaluationSettings
{
    /// <summary>The label (target) column.</summary>
    public required string Label { get; init; }

    /// <summary>Score columns: one for binary/regression/ranking, one per class for multiclass.</summary>
    public IReadOnlyList<string> Scores { get; init; } = [];

    /// <summary>Hard prediction column (predicted label, or the regression output).</summary>
    public string? Prediction { get; init; }

    /// <summary>The task; inferred from the data when null.</summary>
    public EvaluationTask? Task { get; init; }

    /// <summary>The positive label's text (binary).</summary>
    public string? PositiveLabel { get; init; }

    /// <summary>Score threshold for the positive prediction (binary): positive iff score ≥ threshold.</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>Class label of each score column, in order (multiclass); defaults to the column names.</summary>
    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary>Query id column (ranking).</summary>
    public string? Group { get; init; }

    /// <summary>Cut-offs for ranking metrics.</summary>
    public IReadOnlyList<int> K { get; init; } = [5, 10];

    /// <summary>Bootstrap replicates; 0 disables bootstrap intervals.</summary>
    public int BootstrapReplicates { get; init; } = 1000;

    /// <summary>Bootstrap seed; replicate i uses (seed, i).</summary>
    public long Seed { get; init; }

    /// <summary>How bootstrap replicates become intervals.</summary>
    public BootstrapMethod CiMethod { get; init; } = BootstrapMethod.Percentile;

    /// <summary>Equal-width bins of the calibration section (ECE, MCE, reliability diagram).</summary>
    public int CalibrationBins { get; init; } = 15;

    /// <summary>Confidence level of every interval.</summary>
    public double CiLevel { get; init; } = 0.95;
}
