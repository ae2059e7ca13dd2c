namespace Vigil.Core.Drift;

/// <summary>What a drift method's score is: a p-value (small means drift) or a distance (large means drift).</summary>
public enum DriftScoreKind
{
    /// <summary>The score is a p-value in [0, 1]; the column drifts when p &lt; threshold.</summary>
    PValue,
    /// <summary>The score is a non-negative distance; the column drifts when distance ≥ threshold.</summary>
    Distance,
}

/// <summary>The kinds of column data a drift method accepts.</summary>
[Flags]
public enum DriftDataKinds
{
    /// <summary>No data kind (not a valid method).</summary>
    None = 0,
    /// <summary>Numeric values, given as NaN-free ascending-sorted spans.</summary>
    Numeric = 1,
    /// <summary>Category counts of reference and current over the union of categories.</summary>
    Categorical = 2,
}
