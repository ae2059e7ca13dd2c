namespace Vigil.Core.Drift.Multivariate;

/// <summary>One input column's share of the domain classifier's importance.</summary>
/// <param name="Column">The source column (one-hot indicators of a categorical column are summed back to it).</param>
/// <param name="Importance">Its share of the total importance, in [0, 1]; the shares of all columns sum to 1.</param>
public sealed record DomainClassifierDriver(string Column, double Importance);

/// <summary>A column the domain classifier did not use, and why.</summary>
/// <param name="Column">Column name.</param>
/// <param name="Reason">Why it was skipped, e.g. "text column".</param>
public sealed record DomainClassifierSkippedColumn(string Column, string Reason);

/// <summary>
/// The result of a domain-classifier drift run: the out-of-fold ROC AUC of the classifier predicting "row is from the
/// current data" with its DeLong confidence interval, the decision <c>Drift = Auc &gt; Threshold</c> (the comparison
/// direction lives only here, in the implementation that fills it), and the columns that drive the separation.
/// </summary>
/// <param name="Method">"domain_classifier".</param>
/// <param name="Auc">Out-of-fold ROC AUC (every row scored by the model of the fold that did not see it); NaN when undefined.</param>
/// <param name="AucLower">Lower bound of the DeLong interval of <paramref name="Auc"/>.</param>
/// <param name="AucUpper">Upper bound of the DeLong interval.</param>
/// <param name="ConfidenceLevel">Level of that interval.</param>
/// <param name="Threshold">The AUC threshold used.</param>
/// <param name="Drift">True when <paramref name="Auc"/> &gt; <paramref name="Threshold"/>.</param>
/// <param name="ReferenceRows">Reference rows used (after sampling).</param>
/// <param name="CurrentRows">Current rows used (after sampling).</param>
/// <param name="Folds">Cross-validation folds.</param>
/// <param name="ImportanceMethod">How <paramref name="Drivers"/> were measured, e.g. "fasttree_gain".</param>
/// <param name="Drivers">Columns by decreasing importance (at most the configured number).</param>
/// <param name="SkippedColumns">Columns not used, with reasons.</param>
/// <param name="Reason">Why <paramref name="Auc"/> is NaN, or null.</param>
public sealed record DomainClassifierResult(
    string Method,
    double Auc,
    double AucLower,
    double AucUpper,
    double ConfidenceLevel,
    double Threshold,
    bool Drift,
    int ReferenceRows,
    int CurrentRows,
    int Folds,
    string ImportanceMethod,
    IReadOnlyList<DomainClassifierDriver> Drivers,
    IReadOnlyList<DomainClassifierSkippedColumn> SkippedColumns,
    string? Reason);
