using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Vigil.Core.Data;

namespace Vigil.Models;

/// <summary>Settings of <see cref="QuickClassifier"/>.</summary>
public sealed record QuickClassifierOptions
{
    /// <summary>Feature columns; null = every column of the training data except the label and <see cref="ExcludeColumns"/>.</summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>Columns never used as features (e.g. an id or a split marker).</summary>
    public IReadOnlyList<string> ExcludeColumns { get; init; } = [];

    /// <summary>Tree-model size (default 100 trees, 20 leaves, 20 rows per leaf, learning rate 0.2).</summary>
    public GradientBoostedTreeSettings Trees { get; init; } = new() { Trees = 100 };

    /// <summary>Seed of the model (default 42).</summary>
    public int Seed { get; init; } = 42;
}

/// <summary>
/// A small binary classifier for tests and examples: ML.NET FastTree gradient-boosted trees with ML.NET's Platt
/// calibration (fitted on the training rows), over the <see cref="FeatureEncoder"/> encoding of the training frame.
/// Not a modelling tool: it exists so examples can produce realistic scores from real data without Python.
/// Training rows with a missing label are left out. Cost: one tree-model fit, one scoring pass.
/// </summary>
public static class QuickClassifier
{
    /// <summary>
    /// Trains on <paramref name="train"/> to predict <paramref name="label"/> = <paramref name="positiveLabel"/>
    /// (compared with the label's text, ordinal) and returns P(positive) for every row of <paramref name="score"/>.
    /// </summary>
    public static double[] FitPredict(DataFrame train, string label, string positiveLabel, DataFrame score, QuickClassifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(score);
        return Fit(train, label, positiveLabel, options).Score(score);
    }

    /// <summary>
    /// Trains on <paramref name="train"/> to predict <paramref name="label"/> = <paramref name="positiveLabel"/>
    /// (compared with the label's text, ordinal); the returned model scores other frames and exports to ONNX.
    /// </summary>
    public static TrainedBinaryClassifier Fit(DataFrame train, string label, string positiveLabel, QuickClassifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(positiveLabel);
        options ??= new QuickClassifierOptions();
        options.Trees.Validate();
        var labelColumn = train.Find(label) ?? throw new ArgumentException($"Label column \"{label}\" is not in the training data.", nameof(label));
        var features = options.Features ?? train.Columns
            .Select(c => c.Name)
            .Where(c => c != label && !options.ExcludeColumns.Contains(c))
            .ToArray();
        if (features.Contains(label)) throw new ArgumentException("The label cannot be a feature.", nameof(options));

        var n = train.RowCount;
        var labels = new bool[n];
        var rows = new List<int>(n);
        int positives = 0;
        for (var i = 0; i < n; i++)
        {
            var text = labelColumn.GetText(i);
            if (text is null) continue;
            labels[i] = string.Equals(text, positiveLabel, StringComparison.Ordinal);
            if (labels[i]) positives++;
            rows.Add(i);
        }
        if (positives == 0 || positives == rows.Count)
            throw new ArgumentException($"The training labels must contain both \"{positiveLabel}\" and another value.", nameof(positiveLabel));

        var encoder = FeatureEncoder.Fit([train], features);
        if (encoder.Width == 0) throw new ArgumentException("No usable feature column.", nameof(options));
        var context = new MLContext(options.Seed);
        var trainView = MlData.ToDataView(context, encoder.Encode(train), encoder.Width, rows.ToArray(), labels);
        var model = context.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = MlData.Label,
            FeatureColumnName = MlData.Features,
            NumberOfTrees = options.Trees.Trees,
            NumberOfLeaves = options.Trees.Leaves,
            MinimumExampleCountPerLeaf = options.Trees.MinimumRowsPerLeaf,
            LearningRate = options.Trees.LearningRate,
            Seed = options.Seed,
            NumberOfThreads = 1,
        }).Fit(trainView);
        return new TrainedBinaryClassifier(context, encoder, model);
    }
}
