namespace Vigil.Core.Statistics;

/// <summary>How a bootstrap distribution becomes an interval.</summary>
public enum BootstrapMethod
{
    /// <summary>The α/2 and 1−α/2 quantiles of the replicates (numpy's linear interpolation).</summary>
    Percentile,
    /// <summary>Bias-corrected and accelerated (Efron 1987), acceleration from a jackknife.</summary>
    Bca,
}
