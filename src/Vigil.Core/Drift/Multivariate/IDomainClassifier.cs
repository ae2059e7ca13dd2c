using Vigil.Core.Data;

namespace Vigil.Core.Drift.Multivariate;

/// <summary>
/// Multivariate drift by a domain classifier: a model is trained to tell current rows from reference rows using the
/// given columns; if it can (cross-validated ROC AUC of "is current" above a threshold), the joint distribution of the
/// columns has changed, even when every column taken alone looks the same. AUC 0.5 = indistinguishable, 1 = separable.
/// Core defines the contract; the trained implementation lives in Vigil.Models (gradient-boosted trees via ML.NET).
/// </summary>
public interface IDomainClassifier
{
    /// <summary>
    /// Runs the classifier on <paramref name="columns"/> of both frames (same names in both). Columns that cannot be
    /// used (text, timestamps, absent in one frame, no values) are listed in <see cref="DomainClassifierResult.SkippedColumns"/>.
    /// Caller bugs (no usable column, an empty frame, invalid options) throw <see cref="ArgumentException"/>.
    /// </summary>
    DomainClassifierResult Run(DataFrame reference, DataFrame current, IReadOnlyList<string> columns, DomainClassifierOptions? options = null);
}
