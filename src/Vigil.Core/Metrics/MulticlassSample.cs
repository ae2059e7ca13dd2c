namespace Vigil.Core.Metrics;

/// <summary>
/// Labelled multiclass predictions over <see cref="Classes"/>: <see cref="Labels"/> hold class indices,
/// <see cref="Probabilities"/> (optional) is row-major n × K, and <see cref="Predictions"/> are class indices
/// (the arg-max of the probabilities when not given; ties go to the lower index, as numpy's argmax).
/// </summary>
public sealed class MulticlassSample
{
    /// <summary>Creates a sample; arrays are not copied.</summary>
    public MulticlassSample(string[] classes, int[] labels, double[]? probabilities, int[]? predictions = null)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(labels);
        if (probabilities is null && predictions is null)
            throw new ArgumentException("Give probabilities, predictions or both.");
        var k = classes.Length;
        if (probabilities is not null && probabilities.Length != labels.Length * k)
            throw new ArgumentException("probabilities must hold labels.Length × classes.Length values.", nameof(probabilities));
        Classes = classes;
        Labels = labels;
        Probabilities = probabilities;
        if (predictions is null)
        {
            predictions = new int[labels.Length];
            for (var i = 0; i < labels.Length; i++)
            {
                var best = 0;
                for (var c = 1; c < k; c++)
                    if (probabilities![i * k + c] > probabilities[i * k + best]) best = c;
                predictions[i] = best;
            }
        }
        else if (predictions.Length != labels.Length)
            throw new ArgumentException("predictions and labels differ in length.", nameof(predictions));
        Predictions = predictions;
    }

    /// <summary>Class labels; index c is class c.</summary>
    public string[] Classes { get; }

    /// <summary>True class index per row.</summary>
    public int[] Labels { get; }

    /// <summary>Row-major n × K probabilities, or null.</summary>
    public double[]? Probabilities { get; }

    /// <summary>Predicted class index per row.</summary>
    public int[] Predictions { get; }

    /// <summary>Number of classes.</summary>
    public int ClassCount => Classes.Length;

    /// <summary>Number of rows.</summary>
    public int Count => Labels.Length;

    private int[]?[]? _orders;
    private int _unitInterval; // 0 unknown, 1 yes, 2 no

    /// <summary>True when every probability lies in [0, 1] (computed once).</summary>
    internal bool ProbabilitiesAreInUnitInterval
    {
        get
        {
            if (_unitInterval == 0)
            {
                var ok = Probabilities is not null;
                if (ok)
                    foreach (var v in Probabilities!)
                        if (!(v >= 0 && v <= 1)) { ok = false; break; }
                _unitInterval = ok ? 1 : 2;
            }
            return _unitInterval == 1;
        }
    }

    /// <summary>Row indices sorted by the probability of class <paramref name="classIndex"/>, descending; computed once per class and shared.</summary>
    internal int[] OrderByProbabilityDescending(int classIndex)
    {
        if (Probabilities is null) throw new InvalidOperationException("No probabilities.");
        var orders = _orders ??= new int[]?[ClassCount];
        var order = orders[classIndex];
        if (order is not null) return order;
        var k = ClassCount;
        var keys = new double[Count];
        order = new int[Count];
        for (var i = 0; i < keys.Length; i++) { keys[i] = -Probabilities[i * k + classIndex]; order[i] = i; }
        Array.Sort(keys, order);
        orders[classIndex] = order;
        return order;
    }
}
