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

    private int[]? _errorOrder;
    private double[]? _sortedErrors;

    /// <summary>Row indices sorted by |predicted − actual| ascending, and the sorted errors; computed once and shared.</summary>
    internal (int[] Order, double[] Errors) AbsoluteErrorsAscending()
    {
        if (_errorOrder is null || _sortedErrors is null)
        {
            var errors = new double[Count];
            var order = new int[Count];
            for (var i = 0; i < errors.Length; i++) { errors[i] = Math.Abs(Predicted[i] - Actual[i]); order[i] = i; }
            Array.Sort(errors, order);
            _sortedErrors = errors;
            _errorOrder = order;
        }
        return (_errorOrder, _sortedErrors);
    }
}
