namespace Vigil.Core.Estimation;

/// <summary>The metric ids CBPE estimates for binary classification, as they appear in JSON.</summary>
public static class EstimationMetricNames
{
    /// <summary>(TP + TN) / n.</summary>
    public const string Accuracy = "accuracy";

    /// <summary>TP / (TP + FP).</summary>
    public const string Precision = "precision";

    /// <summary>TP / (TP + FN).</summary>
    public const string Recall = "recall";

    /// <summary>TN / (TN + FP).</summary>
    public const string Specificity = "specificity";

    /// <summary>2TP / (2TP + FP + FN).</summary>
    public const string F1 = "f1";

    /// <summary>Area under the ROC curve.</summary>
    public const string RocAuc = "roc_auc";

    /// <summary>Average precision (scikit-learn's step-wise definition).</summary>
    public const string AveragePrecision = "average_precision";

    /// <summary>Every binary metric, in report order.</summary>
    public static IReadOnlyList<string> Binary { get; } = [Accuracy, Precision, Recall, Specificity, F1, RocAuc, AveragePrecision];
}
