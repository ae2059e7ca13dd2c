namespace Vigil.Core.Quality.Checks;

/// <summary>Thresholds of the data checks; the defaults are the ones the CLI documents.</summary>
public sealed record DataCheckSettings
{
    /// <summary>Class imbalance: warn when the smallest class holds less than this share of labelled rows.</summary>
    public double MinorityShare { get; init; } = 0.10;

    /// <summary>Target leakage: a single feature whose ROC AUC (max(AUC, 1 − AUC)) reaches this is a candidate.</summary>
    public double LeakageAuc { get; init; } = 0.95;

    /// <summary>Target leakage: a normalised mutual information at least this high …</summary>
    public double LeakageMutualInformation { get; init; } = 0.5;

    /// <summary>… and at least this many times the median over all feature columns is an outlier.</summary>
    public double LeakageMutualInformationFactor { get; init; } = 5;

    /// <summary>Quantile bins of numeric columns for mutual information.</summary>
    public int MutualInformationBins { get; init; } = 10;

    /// <summary>Largest categories kept for mutual information (the rest pool into one "other" bucket).</summary>
    public int MutualInformationMaxCategories { get; init; } = 63;

    /// <summary>Folds of the out-of-fold category positive rate used as a categorical column's score.</summary>
    public int TargetEncodingFolds { get; init; } = 5;

    /// <summary>Almost-constant: the most frequent value holds at least this share of non-missing values.</summary>
    public double AlmostConstantShare { get; init; } = 0.99;

    /// <summary>Mixed types: more than this share of a text column's values parse as numbers, and some do not.</summary>
    public double MixedNumericShare { get; init; } = 0.5;

    /// <summary>Outliers: Tukey's fences at Q1 − k·IQR and Q3 + k·IQR.</summary>
    public double IqrFactor { get; init; } = 1.5;

    /// <summary>Outliers: |modified z| = |0.6745·(x − median)/MAD| above this (Iglewicz &amp; Hoaglin 1993).</summary>
    public double RobustZ { get; init; } = 3.5;

    /// <summary>Train/test overlap: error (not warn) when at least this share of test rows appear in the training data.</summary>
    public double OverlapErrorShare { get; init; } = 0.05;

    /// <summary>Sample rows per finding.</summary>
    public int MaxSamples { get; init; } = 20;

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid setting.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (MinorityShare is <= 0 or >= 1) problems.Add("MinorityShare must lie in (0, 1)");
        if (LeakageAuc is <= 0.5 or > 1) problems.Add("LeakageAuc must lie in (0.5, 1]");
        if (AlmostConstantShare is <= 0 or > 1) problems.Add("AlmostConstantShare must lie in (0, 1]");
        if (MixedNumericShare is < 0 or >= 1) problems.Add("MixedNumericShare must lie in [0, 1)");
        if (!(IqrFactor > 0)) problems.Add("IqrFactor must be positive");
        if (!(RobustZ > 0)) problems.Add("RobustZ must be positive");
        if (MutualInformationBins < 2) problems.Add("MutualInformationBins must be at least 2");
        if (MutualInformationMaxCategories < 1) problems.Add("MutualInformationMaxCategories must be at least 1");
        if (TargetEncodingFolds < 2) problems.Add("TargetEncodingFolds must be at least 2");
        if (MaxSamples < 0) problems.Add("MaxSamples must be 0 or more");
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems));
    }
}
