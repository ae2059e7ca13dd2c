using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Vigil.Core.Data;
using Vigil.Core.Estimation.Regression;

namespace Vigil.Models;

/// <summary>
/// <see cref="ILossModelTrainer"/> for direct loss estimation with ML.NET FastTree regression (least squares on the
/// loss, so the model estimates the conditional mean loss E[loss | x]). Features are encoded by
/// <see cref="FeatureEncoder"/> fitted on the training frame. Defaults: 100 trees, 20 leaves, at least 50 rows per
/// leaf, learning rate 0.1 — smoother than the classifier's settings because per-row losses are noisy targets.
/// Cost: one tree-model fit on the labelled rows.
/// </summary>
public sealed class FastTreeLossModelTrainer : ILossModelTrainer
{
    /// <summary>Creates the trainer with the given tree size.</summary>
    public FastTreeLossModelTrainer(GradientBoostedTreeSettings? trees = null)
    {
        Trees = trees ?? new GradientBoostedTreeSettings { Trees = 100, Leaves = 20, MinimumRowsPerLeaf = 50, LearningRate = 0.1 };
        Trees.Validate();
    }

    /// <summary>The tree-model size.</summary>
    public GradientBoostedTreeSettings Trees { get; }

    /// <inheritdoc />
    public ILossModel Fit(DataFrame data, IReadOnlyList<string> features, ReadOnlySpan<double> losses, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(features);
        if (losses.Length != data.RowCount) throw new ArgumentException("losses must have one entry per row.", nameof(losses));
        var encoder = FeatureEncoder.Fit([data], features);
        if (encoder.Width == 0) throw new ArgumentException("No usable feature column for the loss model.", nameof(features));
        var rows = new List<int>(losses.Length);
        for (var i = 0; i < losses.Length; i++) if (double.IsFinite(losses[i])) rows.Add(i);
        if (rows.Count < 2) throw new ArgumentException("The loss model needs at least two rows with a finite loss.", nameof(losses));
        var context = new MLContext(seed);
        var matrix = encoder.Encode(data);
        var train = MlData.ToDataView(context, matrix, encoder.Width, rows.ToArray(), targets: losses.ToArray());
        var trainer = context.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
        {
            LabelColumnName = MlData.Target,
            FeatureColumnName = MlData.Features,
            NumberOfTrees = Trees.Trees,
            NumberOfLeaves = Trees.Leaves,
            MinimumExampleCountPerLeaf = Math.Min(Trees.MinimumRowsPerLeaf, Math.Max(1, rows.Count / 4)),
            LearningRate = Trees.LearningRate,
            Seed = seed,
            NumberOfThreads = 1,
        });
        return new LossModel(context, encoder, trainer.Fit(train), features.ToArray());
    }

    private sealed class LossModel(MLContext context, FeatureEncoder encoder, ITransformer model, string[] features) : ILossModel
    {
        public IReadOnlyList<string> Features => features;

        public double[] Predict(DataFrame data)
        {
            ArgumentNullException.ThrowIfNull(data);
            var view = MlData.ToDataView(context, encoder.Encode(data), encoder.Width, MlData.AllRows(data.RowCount));
            return MlData.ReadColumn(model.Transform(view), "Score");
        }
    }
}
