namespace Vigil.Core.Estimation.Regression;

/// <summary>The regression metric ids direct loss estimation reports, as they appear in JSON.</summary>
public static class RegressionEstimationMetricNames
{
    /// <summary>Mean absolute error, mean |y − ŷ|.</summary>
    public const string MeanAbsoluteError = "mae";

    /// <summary>Mean squared error, mean (y − ŷ)².</summary>
    public const string MeanSquaredError = "mse";

    /// <summary>Root mean squared error, √mse.</summary>
    public const string RootMeanSquaredError = "rmse";

    /// <summary>Every regression metric, in report order.</summary>
    public static IReadOnlyList<string> All { get; } = [MeanAbsoluteError, MeanSquaredError, RootMeanSquaredError];
}
