using Vigil.Core.Metrics;

namespace Vigil.Core.Evaluation;

/// <summary>
/// Data made ready for evaluation: the task (and why it was chosen), exactly one typed sample for that task,
/// the rows used and skipped, the positive/negative labels (binary) and any warnings for the user.
/// </summary>
public sealed record PreparedData
{
    /// <summary>The task evaluated.</summary>
    public required EvaluationTask Task { get; init; }

    /// <summary>Why the task was chosen ("given by --task" or the inference rule that applied).</summary>
    public required string TaskReason { get; init; }

    /// <summary>Rows read, used and skipped.</summary>
    public required DataSummary Data { get; init; }

    /// <summary>Binary sample, for <see cref="EvaluationTask.Binary"/>.</summary>
    public BinarySample? Binary { get; init; }

    /// <summary>Multiclass sample, for <see cref="EvaluationTask.Multiclass"/>.</summary>
    public MulticlassSample? Multiclass { get; init; }

    /// <summary>Regression sample, for <see cref="EvaluationTask.Regression"/>.</summary>
    public RegressionSample? Regression { get; init; }

    /// <summary>Ranking sample, for <see cref="EvaluationTask.Ranking"/>.</summary>
    public RankingSample? Ranking { get; init; }

    /// <summary>The positive label's text (binary).</summary>
    public string? PositiveLabel { get; init; }

    /// <summary>The negative label's text (binary).</summary>
    public string? NegativeLabel { get; init; }

    /// <summary>Row index in the source frame of each used row (for slicing and reports).</summary>
    public required int[] SourceRows { get; init; }

    /// <summary>Things the user should know (e.g. scores outside [0, 1]).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
