using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Vigil.Core.Data;
using Vigil.Core.Drift.Multivariate;
using Vigil.Core.Statistics;

namespace Vigil.Models;

/// <summary>
/// <see cref="IDomainClassifier"/> with ML.NET FastTree gradient-boosted trees (binary, Platt-calibrated; by default
/// 50 trees of at most 20 leaves). Steps:
/// <list type="number">
/// <item>each side above <see cref="DomainClassifierOptions.MaxRowsPerSide"/> rows is sampled down without replacement
/// (seeded shuffle);</item>
/// <item>columns are encoded by <see cref="FeatureEncoder"/> fitted on both sides (numeric as is, NaN kept; categorical
/// one-hot of the 30 most frequent categories + "(other)"; text and timestamps skipped);</item>
/// <item>label 1 = current row; rows go to K stratified folds (seeded shuffle per class, fold = position mod K); each
/// fold's rows are scored by a model trained on the other folds (out-of-fold probabilities);</item>
/// <item>ROC AUC of the pooled out-of-fold probabilities with a DeLong interval (<see cref="DeLong.Auc(bool[], double[], double)"/>);
/// drift when AUC &gt; threshold;</item>
/// <item>drivers: FastTree's gain-based feature importance (<c>GetFeatureWeights</c>: the split gains summed per
/// feature) of each fold's model, normalised to sum 1 per fold, averaged over folds, one-hot indicators summed back to
/// their column ("fasttree_gain").</item>
/// </list>
/// AUC is NaN (no drift) with a reason when a side has fewer than 2 rows per fold. Cost: K tree-model fits on
/// ≈ (K−1)/K of at most 2·MaxRowsPerSide rows; memory one float matrix of rows × features.
/// </summary>
public sealed class GradientBoostedDomainClassifier : IDomainClassifier
{
    /// <summary>The method id in results.</summary>
    public const string MethodName = "domain_classifier";

    /// <summary>The importance method id in results.</summary>
    public const string ImportanceMethodName = "fasttree_gain";

    /// <summary>Creates the classifier with the given tree size (default 50 trees, 20 leaves).</summary>
    public GradientBoostedDomainClassifier(GradientBoostedTreeSettings? trees = null)
    {
        Trees = trees ?? new GradientBoostedTreeSettings();
        Trees.Validate();
    }

    /// <summary>The tree-model size.</summary>
    public GradientBoostedTreeSettings Trees { get; }

    /// <inheritdoc />
    public DomainClassifierResult Run(DataFrame reference, DataFrame current, IReadOnlyList<string> columns, DomainClassifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(columns);
        options ??= new DomainClassifierOptions();
        options.Validate();
        if (reference.RowCount == 0 || current.RowCount == 0) throw new ArgumentException("Both data sets need rows.", reference.RowCount == 0 ? nameof(reference) : nameof(current));

        var referenceSample = Sample(reference, options.MaxRowsPerSide, options.Seed);
        var currentSample = Sample(current, options.MaxRowsPerSide, options.Seed + 1);
        var encoder = FeatureEncoder.Fit([referenceSample, currentSample], columns);
        var skipped = encoder.SkippedColumns.Select(s => new DomainClassifierSkippedColumn(s.Column, s.Reason)).ToArray();
        if (encoder.Width == 0) throw new ArgumentException("No usable column for the domain classifier: " + string.Join(", ", skipped.Select(s => $"{s.Column} ({s.Reason})")) + ".", nameof(columns));

        var m = referenceSample.RowCount;
        var n = m + currentSample.RowCount;
        var width = encoder.Width;
        var matrix = new float[(long)n * width];
        encoder.Encode(referenceSample).CopyTo(matrix, 0);
        encoder.Encode(currentSample).CopyTo(matrix, (long)m * width);
        var labels = new bool[n];
        for (var i = m; i < n; i++) labels[i] = true;

        var k = options.Folds;
        if (m < 2 * k || n - m < 2 * k)
            return new DomainClassifierResult(MethodName, double.NaN, double.NaN, double.NaN, options.ConfidenceLevel, options.AucThreshold, false,
                m, n - m, k, ImportanceMethodName, [], skipped, $"each side needs at least {2 * k} rows for {k} folds");

        var fold = StratifiedFolds(labels, k, options.Seed);
        var context = new MLContext(options.Seed);
        var oof = new double[n];
        var importance = new double[width];
        for (var f = 0; f < k; f++)
        {
            var trainRows = new List<int>(n);
            var testRows = new List<int>(n / k + 1);
            for (var i = 0; i < n; i++) (fold[i] == f ? testRows : trainRows).Add(i);
            var train = MlData.ToDataView(context, matrix, width, trainRows.ToArray(), labels);
            var trainer = context.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                LabelColumnName = MlData.Label,
                FeatureColumnName = MlData.Features,
                NumberOfTrees = Trees.Trees,
                NumberOfLeaves = Trees.Leaves,
                MinimumExampleCountPerLeaf = Trees.MinimumRowsPerLeaf,
                LearningRate = Trees.LearningRate,
                Seed = options.Seed,
                NumberOfThreads = 1,
            });
            var model = trainer.Fit(train);
            var test = MlData.ToDataView(context, matrix, width, testRows.ToArray(), labels);
            var probabilities = MlData.ReadColumn(model.Transform(test), "Probability");
            for (var i = 0; i < testRows.Count; i++) oof[testRows[i]] = probabilities[i];

            var weights = default(VBuffer<float>);
            model.Model.SubModel.GetFeatureWeights(ref weights);
            var dense = weights.DenseValues().ToArray();
            double total = 0;
            foreach (var w in dense) total += w;
            if (total > 0)
                for (var j = 0; j < width && j < dense.Length; j++) importance[j] += dense[j] / total / k;
        }

        var auc = DeLong.Auc(labels, oof, options.ConfidenceLevel);
        var byColumn = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var j = 0; j < width; j++) byColumn[encoder.SourceColumns[j]] = byColumn.GetValueOrDefault(encoder.SourceColumns[j]) + importance[j];
        var drivers = byColumn
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(options.MaxDrivers)
            .Select(kv => new DomainClassifierDriver(kv.Key, kv.Value))
            .ToArray();
        var drift = auc.Auc > options.AucThreshold;
        return new DomainClassifierResult(MethodName, auc.Auc, auc.Lower, auc.Upper, options.ConfidenceLevel, options.AucThreshold, drift,
            m, n - m, k, ImportanceMethodName, drivers, skipped, double.IsNaN(auc.Auc) ? auc.Reason : null);
    }

    private static DataFrame Sample(DataFrame frame, int maxRows, int seed)
    {
        if (frame.RowCount <= maxRows) return frame;
        var rows = MlData.AllRows(frame.RowCount);
        new Random(seed).Shuffle(rows);
        var kept = rows.AsSpan(0, maxRows);
        kept.Sort();
        return frame.Take(kept);
    }

    /// <summary>Fold of each row: per class, a seeded shuffle of its rows, then position mod k.</summary>
    internal static int[] StratifiedFolds(bool[] labels, int k, int seed)
    {
        var fold = new int[labels.Length];
        var random = new Random(seed);
        foreach (var cls in (ReadOnlySpan<bool>)[false, true])
        {
            var members = new List<int>();
            for (var i = 0; i < labels.Length; i++) if (labels[i] == cls) members.Add(i);
            var shuffled = members.ToArray();
            random.Shuffle(shuffled);
            for (var p = 0; p < shuffled.Length; p++) fold[shuffled[p]] = p % k;
        }
        return fold;
    }
}
