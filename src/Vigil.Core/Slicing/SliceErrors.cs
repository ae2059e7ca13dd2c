using Vigil.Core.Metrics;

namespace Vigil.Core.Slicing;

/// <summary>How a regression row's error is measured for slice finding.</summary>
public enum RegressionSliceError
{
    /// <summary>(predicted − actual)², as SliceLine's paper uses for regression.</summary>
    Squared,
    /// <summary>|predicted − actual|.</summary>
    Absolute,
}

/// <summary>Per-row error vectors for <see cref="WeakSliceFinder"/>: 0/1 misclassification at the threshold, or a regression error.</summary>
public static class SliceErrors
{
    /// <summary>1 where the prediction (score ≥ threshold, or the given prediction) differs from the label, else 0.</summary>
    public static double[] Classification(BinarySample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var e = new double[sample.Count];
        for (var i = 0; i < e.Length; i++) e[i] = sample.Predictions[i] != sample.Labels[i] ? 1 : 0;
        return e;
    }

    /// <summary>1 where the predicted class differs from the label, else 0.</summary>
    public static double[] Classification(MulticlassSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var e = new double[sample.Count];
        for (var i = 0; i < e.Length; i++) e[i] = sample.Predictions[i] != sample.Labels[i] ? 1 : 0;
        return e;
    }

    /// <summary>The squared or absolute error of each row.</summary>
    public static double[] Regression(RegressionSample sample, RegressionSliceError kind = RegressionSliceError.Squared)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var e = new double[sample.Count];
        for (var i = 0; i < e.Length; i++)
        {
            var d = sample.Predicted[i] - sample.Actual[i];
            e[i] = kind == RegressionSliceError.Squared ? d * d : Math.Abs(d);
        }
        return e;
    }
}
