using Vigil.Core.Calibration;
using Vigil.Core.Fairness;
using Vigil.Core.Slicing;
using Vigil.Core.Metrics;
using Vigil.Core.Metrics.Curves;
using Vigil.Core.Metrics.Multiclass;
using Vigil.Core.Statistics;

namespace Vigil.Core.Evaluation;

/// <summary>One metric's value with its interval; <see cref="Reason"/> says why the value is undefined.</summary>
public sealed record MetricEstimate(string Name, double Value, string? Reason, ConfidenceInterval? Interval, bool HigherIsBetter);

/// <summary>A histogram of values: <c>Edges</c> has one more entry than <c>Counts</c>.</summary>
public sealed record Histogram(double[] Edges, double[] Counts);

/// <summary>Score (or residual) histograms per group, sharing one set of edges, for report charts.</summary>
public sealed record Distributions(string Title, double[] Edges, IReadOnlyList<(string Group, double[] Counts)> Series);

/// <summary>Everything <c>vigil evaluate</c> computed, ready to render as JSON or HTML.</summary>
public sealed record EvaluationResult
{
    /// <summary>The task evaluated and why.</summary>
    public required EvaluationTask Task { get; init; }

    /// <summary>Why this task.</summary>
    public required string TaskReason { get; init; }

    /// <summary>The settings used.</summary>
    public required EvaluationSettings Settings { get; init; }

    /// <summary>Rows read, used, skipped by reason.</summary>
    public required DataSummary Data { get; init; }

    /// <summary>Positive label (binary).</summary>
    public string? PositiveLabel { get; init; }

    /// <summary>Metrics in catalog order.</summary>
    public required IReadOnlyList<MetricEstimate> Metrics { get; init; }

    /// <summary>Per-class report (multiclass; binary reports both classes).</summary>
    public IReadOnlyList<PerClassReport> PerClass { get; init; } = [];

    /// <summary>Confusion matrix at the threshold (classification).</summary>
    public ConfusionMatrix? Confusion { get; init; }

    /// <summary>ROC curve (binary with scores), ≤ 1,000 points.</summary>
    public RocCurve? Roc { get; init; }

    /// <summary>Precision–recall curve (binary with scores), ≤ 1,000 points.</summary>
    public PrecisionRecallCurve? PrecisionRecall { get; init; }

    /// <summary>Score distributions per class, or residuals for regression.</summary>
    public Distributions? Distributions { get; init; }

    /// <summary>Binned predicted-vs-actual points (regression): mean prediction and mean actual per prediction decile.</summary>
    public IReadOnlyList<(double Predicted, double Actual, int Count)> PredictedVsActual { get; init; } = [];

    /// <summary>Calibration of the scores (classification with probabilities), or null.</summary>
    public CalibrationSection? Calibration { get; init; }

    /// <summary>The same evaluation after applying a recalibrator (<c>--calibrator</c>), or null.</summary>
    public EvaluationResult? Recalibrated { get; init; }

    /// <summary>The recalibration method applied for <see cref="Recalibrated"/>.</summary>
    public string? RecalibrationMethod { get; init; }

    /// <summary>Metrics per slice (<c>--slice</c>), or null.</summary>
    public SliceReport? Slices { get; init; }

    /// <summary>The weakest slices found by SliceLine (<c>--find-slices</c>), or null.</summary>
    public WeakSliceReport? WeakSlices { get; init; }

    /// <summary>Group fairness (<c>--sensitive</c>), or null.</summary>
    public FairnessResult? Fairness { get; init; }

    /// <summary>Warnings for the user.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>A metric by id, or null.</summary>
    public MetricEstimate? Find(string name) => Metrics.FirstOrDefault(m => m.Name == name);
}

/// <summary>
/// Calibration of a classifier's probabilities: for binary the score against the label; for multiclass the
/// top-label confidence (with per-class one-vs-rest summaries and the class-wise ECE and multiclass Brier).
/// Bins are equal-width, each (lower, upper] with the first also holding 0 (as scikit-learn's calibration_curve).
/// </summary>
/// <param name="Bins">Number of equal-width bins.</param>
/// <param name="Summary">Binary, or multiclass top-label, calibration.</param>
/// <param name="PerClass">Multiclass only: one-vs-rest summaries keyed by class label.</param>
/// <param name="ClasswiseEce">Multiclass only: the mean of the per-class ECEs.</param>
/// <param name="MulticlassBrier">Multiclass only: Σ_c (p_c − 1[y = c])² averaged over rows.</param>
public sealed record CalibrationSection(int Bins, CalibrationSummary Summary, IReadOnlyDictionary<string, CalibrationSummary>? PerClass = null,
    double? ClasswiseEce = null, double? MulticlassBrier = null);
