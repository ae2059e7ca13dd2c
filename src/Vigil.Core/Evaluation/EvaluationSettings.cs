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

    /// <summary>Columns to slice by (<c>--slice</c>): metrics per value or quantile bin, tested against the rest.</summary>
    public IReadOnlyList<string> SliceColumns { get; init; } = [];

    /// <summary>Quantile bins for numeric slice columns.</summary>
    public int SliceBins { get; init; } = 5;

    /// <summary>Search for the weakest slices with SliceLine (<c>--find-slices</c>).</summary>
    public bool FindSlices { get; init; }

    /// <summary>Minimum share of rows in a discovered slice.</summary>
    public double MinSupport { get; init; } = 0.01;

    /// <summary>Number of weak slices to report.</summary>
    public int TopSlices { get; init; } = 10;

    /// <summary>Sensitive columns for the fairness section (<c>--sensitive</c>); several give intersectional groups.</summary>
    public IReadOnlyList<string> SensitiveColumns { get; init; } = [];

    /// <summary>Groups (slices, fairness) with fewer rows are reported as insufficient data, not tested.</summary>
    public int MinGroupRows { get; init; } = 30;

    /// <summary>Confidence level of every interval.</summary>
    public double CiLevel { get; init; } = 0.95;
}
