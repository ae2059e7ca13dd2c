namespace Vigil.Core.Metrics;

/// <summary>Targets and predictions of a regression model, NaN-free and of equal length.</summary>
public sealed class RegressionSample
{
    /// <summary>Creates a sample; arrays are not copied.</summary>
    public RegressionSample(double[] actual, double[] predicted)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        if (actual.Length != predicted.Length) throw new ArgumentException("actual and predicted differ in length.");
        Actual = actual;
        Predicted = predicted;
    }

    /// <summary>True targets.</summary>
    public double[] Actual { get; }

    /// <summary>Model outputs.</summary>
    public double[] Predicted { get; }

    /// <summary>Number of rows.</summary>
    public int Count => Actual.Length;
}
