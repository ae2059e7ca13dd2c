namespace Vigil.Core.Metrics.Multiclass;

/// <summary>
/// Multiclass recall <c>recall_macro | recall_micro | recall_weighted</c> (scikit-learn <c>recall_score(average=…)</c>).
/// Per class k: TPₖ / (TPₖ + FNₖ); a class absent from the labels but predicted has recall 0 in the macro average (scikit-learn's value). Macro: unweighted mean over the classes that occur in the labels or predictions;
/// micro: Σ TP / Σ rows (equal to accuracy for single-label data); weighted: mean weighted by class support.
/// Higher is better. Undefined only when the total weight is 0. Cost: O(n + K).
/// </summary>
public sealed class MulticlassRecall : IMetric<MulticlassSample>
{
    /// <summary>Creates the metric for one averaging.</summary>
    public MulticlassRecall(ClassAveraging averaging)
    {
        Averaging = averaging;
        Name = "recall_" + ClassTotals.Suffix(averaging);
    }

    /// <summary>How the per-class values are combined.</summary>
    public ClassAveraging Averaging { get; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public bool HigherIsBetter => true;

    /// <inheritdoc/>
    public MetricValue Compute(MulticlassSample sample, ReadOnlySpan<double> weights)
    {
        var t = ClassTotals.From(sample, weights);
        return t.Average(Averaging, static (t, c) => t.Recall(c), t.SumTruePositive(), t.Total);
    }
}
