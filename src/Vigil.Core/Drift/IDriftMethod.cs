namespace Vigil.Core.Drift;

/// <summary>
/// A two-sample drift method registered under a stable string id (the ids of CONTRACTS.md "Drift tests").
/// Implementations are stateless and thread-safe; the decision is made by <see cref="DriftDecision"/>, never here.
/// </summary>
public interface IDriftMethod
{
    /// <summary>The method's id as written on the command line and in JSON (e.g. <c>ks</c>, <c>wasserstein_norm</c>).</summary>
    string Id { get; }

    /// <summary>Whether the score is a p-value or a distance.</summary>
    DriftScoreKind ScoreKind { get; }

    /// <summary>The default threshold, or null when the user must give one (wasserstein, energy_distance).</summary>
    double? DefaultThreshold { get; }

    /// <summary>The data kinds the method accepts.</summary>
    DriftDataKinds SupportedData { get; }
}

/// <summary>A drift method on numeric columns.</summary>
public interface INumericDriftMethod : IDriftMethod
{
    /// <summary>
    /// Computes the statistic. Both spans must be NaN-free and sorted ascending (the caller sorts each column
    /// once and reuses the copies for every method); empty spans give an undefined (NaN) statistic.
    /// </summary>
    /// <param name="referenceSorted">Reference values, ascending, no NaN.</param>
    /// <param name="currentSorted">Current values, ascending, no NaN.</param>
    DriftStatistic Compute(ReadOnlySpan<double> referenceSorted, ReadOnlySpan<double> currentSorted);
}

/// <summary>A drift method on categorical columns, given category counts.</summary>
public interface ICategoricalDriftMethod : IDriftMethod
{
    /// <summary>Computes the statistic from reference and current counts over the union of categories.</summary>
    DriftStatistic Compute(CategoryCounts counts);
}
