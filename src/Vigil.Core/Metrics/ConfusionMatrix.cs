namespace Vigil.Core.Metrics;

/// <summary>
/// A weighted confusion matrix: <c>Counts[actual * K + predicted]</c> is the total weight of rows whose true class
/// is <c>actual</c> and predicted class is <c>predicted</c> (rows = truth, columns = prediction, as scikit-learn
/// <c>confusion_matrix</c>). Binary matrices order the classes (negative, positive). Without weights the cells are
/// row counts. Cost: O(n + K²).
/// </summary>
public sealed class ConfusionMatrix
{
    private ConfusionMatrix(string[] labels, double[] counts)
    {
        Labels = labels;
        Counts = counts;
    }

    /// <summary>Class labels, index c = row and column c.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Number of classes K.</summary>
    public int ClassCount => Labels.Count;

    /// <summary>Row-major K × K weighted counts.</summary>
    public IReadOnlyList<double> Counts { get; }

    /// <summary>Weight of rows with true class <paramref name="actual"/> predicted as <paramref name="predicted"/>.</summary>
    public double this[int actual, int predicted] => Counts[actual * ClassCount + predicted];

    /// <summary>The matrix as rows (for JSON output).</summary>
    public double[][] ToRows()
    {
        var k = ClassCount;
        var rows = new double[k][];
        for (var a = 0; a < k; a++)
        {
            rows[a] = new double[k];
            for (var b = 0; b < k; b++) rows[a][b] = Counts[a * k + b];
        }
        return rows;
    }

    /// <summary>The 2 × 2 matrix of a binary sample, classes labelled <paramref name="negativeLabel"/> and <paramref name="positiveLabel"/>.</summary>
    public static ConfusionMatrix FromBinary(BinarySample sample, ReadOnlySpan<double> weights, string negativeLabel = "0", string positiveLabel = "1")
    {
        ArgumentNullException.ThrowIfNull(sample);
        var c = Binary.BinaryCounts.From(sample, weights);
        return new ConfusionMatrix([negativeLabel, positiveLabel], [c.TrueNegative, c.FalsePositive, c.FalseNegative, c.TruePositive]);
    }

    /// <summary>The K × K matrix of a multiclass sample.</summary>
    public static ConfusionMatrix FromMulticlass(MulticlassSample sample, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return new ConfusionMatrix(sample.Classes, CountMulticlass(sample, weights));
    }

    internal static double[] CountMulticlass(MulticlassSample sample, ReadOnlySpan<double> weights)
    {
        MetricWeights.Check(weights, sample.Count);
        var k = sample.ClassCount;
        var counts = new double[k * k];
        var labels = sample.Labels;
        var predictions = sample.Predictions;
        if (weights.IsEmpty)
        {
            for (var i = 0; i < labels.Length; i++) counts[labels[i] * k + predictions[i]] += 1;
        }
        else
        {
            for (var i = 0; i < labels.Length; i++) counts[labels[i] * k + predictions[i]] += weights[i];
        }
        return counts;
    }
}
