namespace Vigil.Core.Metrics;

/// <summary>
/// Labelled binary predictions: <see cref="Labels"/> (true = positive class), optional <see cref="Scores"/>
/// (the model's score for the positive class) and hard <see cref="Predictions"/>. When predictions are not
/// given they are <c>score ≥ threshold</c>. Inputs must be free of NaN (the loader skips such rows and counts them).
/// </summary>
public sealed class BinarySample
{
    private int[]? _order;

    /// <summary>Creates a sample; arrays are not copied.</summary>
    public BinarySample(bool[] labels, double[]? scores, bool[]? predictions = null, double threshold = 0.5)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (scores is null && predictions is null)
            throw new ArgumentException("Give scores, predictions or both.");
        if (scores is not null && scores.Length != labels.Length)
            throw new ArgumentException("scores and labels differ in length.", nameof(scores));
        if (predictions is not null && predictions.Length != labels.Length)
            throw new ArgumentException("predictions and labels differ in length.", nameof(predictions));
        Labels = labels;
        Scores = scores;
        Threshold = threshold;
        if (predictions is null)
        {
            predictions = new bool[labels.Length];
            for (var i = 0; i < predictions.Length; i++) predictions[i] = scores![i] >= threshold;
        }
        Predictions = predictions;
        ScoresAreProbabilities = scores is not null && AllInUnitInterval(scores);
    }

    /// <summary>True = positive class.</summary>
    public bool[] Labels { get; }

    /// <summary>Score of the positive class per row, or null when only predictions were given.</summary>
    public double[]? Scores { get; }

    /// <summary>Predicted class per row (true = positive).</summary>
    public bool[] Predictions { get; }

    /// <summary>The threshold used to derive predictions from scores.</summary>
    public double Threshold { get; }

    /// <summary>True when every score lies in [0, 1] (needed by log loss, Brier, calibration).</summary>
    public bool ScoresAreProbabilities { get; }

    /// <summary>Number of rows.</summary>
    public int Count => Labels.Length;

    /// <summary>Row indices sorted by score, descending (stable); computed once and shared by every rank metric.</summary>
    public int[] OrderByScoreDescending => _order ??= ComputeOrder();

    private int[] ComputeOrder()
    {
        if (Scores is null) throw new InvalidOperationException("No scores.");
        return ScoreOrder.Descending(Scores);
    }

    private static bool AllInUnitInterval(double[] s)
    {
        foreach (var v in s)
            if (!(v >= 0 && v <= 1)) return false;
        return true;
    }
}
