using FsCheck.Xunit;
using Vigil.Core.Metrics;
using Vigil.Core.Metrics.Binary;
using Vigil.TestSupport;

namespace Vigil.Core.Tests.Metrics;

/// <summary>Properties every metric must have so that bootstrap resampling by integer weights is exact.</summary>
public class MetricPropertyTests
{
    private static BinarySample RandomBinary(Random rng, int n)
    {
        var labels = new bool[n];
        var scores = new double[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = rng.NextDouble() < 0.45;
            scores[i] = Math.Round(Math.Clamp(rng.NextDouble() * 0.7 + (labels[i] ? 0.25 : 0.0), 0, 1), 1); // heavy ties
        }
        if (n >= 2) { labels[0] = true; labels[1] = false; }
        return new BinarySample(labels, scores);
    }

    private static double[] IntegerWeights(Random rng, int n)
    {
        var w = new double[n];
        for (var i = 0; i < n; i++) w[i] = rng.Next(0, 4);
        w[0] = 1;
        if (n > 1) w[1] = 1;
        return w;
    }

    private static void Same(MetricValue expected, MetricValue actual, string what)
    {
        if (!expected.IsDefined) { Xunit.Assert.False(actual.IsDefined, what); return; }
        Approx.Equal(expected.Value, actual.Value, 1e-9, 1e-12, what);
    }

    [Property(MaxTest = 60)]
    public void BinaryIntegerWeightsEqualDuplicatedRows(int seed)
    {
        var rng = new Random(seed);
        var n = rng.Next(2, 60);
        var sample = RandomBinary(rng, n);
        var w = IntegerWeights(rng, n);
        var labels = new List<bool>();
        var scores = new List<double>();
        for (var i = 0; i < n; i++)
            for (var r = 0; r < (int)w[i]; r++) { labels.Add(sample.Labels[i]); scores.Add(sample.Scores![i]); }
        var expanded = new BinarySample(labels.ToArray(), scores.ToArray());
        foreach (var m in MetricCatalog.Binary) Same(m.Compute(expanded, default), m.Compute(sample, w), m.Name);
    }

    [Property(MaxTest = 60)]
    public void BinaryRowOrderInvariantAndAllTwoWeightsEqualUnweighted(int seed)
    {
        var rng = new Random(seed);
        var n = rng.Next(2, 60);
        var sample = RandomBinary(rng, n);
        var permutation = Enumerable.Range(0, n).OrderBy(_ => rng.Next()).ToArray();
        var shuffled = new BinarySample(permutation.Select(i => sample.Labels[i]).ToArray(), permutation.Select(i => sample.Scores![i]).ToArray());
        var twos = Enumerable.Repeat(2.0, n).ToArray();
        foreach (var m in MetricCatalog.Binary)
        {
            var plain = m.Compute(sample, default);
            Same(plain, m.Compute(shuffled, default), m.Name + " shuffled");
            Same(plain, m.Compute(sample, twos), m.Name + " all-2 weights");
        }
    }

    [Property(MaxTest = 60)]
    public void AucOfNegatedScoresIsOneMinusAuc(int seed)
    {
        var rng = new Random(seed);
        var sample = RandomBinary(rng, rng.Next(2, 80));
        var negated = new BinarySample(sample.Labels, sample.Scores!.Select(s => -s).ToArray());
        var w = IntegerWeights(rng, sample.Count);
        Approx.Equal(1 - new RocAuc().Compute(sample, w).Value, new RocAuc().Compute(negated, w).Value, 1e-12, 1e-12);
    }

    [Property(MaxTest = 40)]
    public void MulticlassIntegerWeightsEqualDuplicatedRows(int seed)
    {
        var rng = new Random(seed);
        var n = rng.Next(3, 50);
        const int k = 3;
        var labels = new int[n];
        var p = new double[n * k];
        for (var i = 0; i < n; i++)
        {
            labels[i] = i < k ? i : rng.Next(k);
            double sum = 0;
            for (var c = 0; c < k; c++) { p[i * k + c] = rng.Next(1, 5); sum += p[i * k + c]; }
            for (var c = 0; c < k; c++) p[i * k + c] /= sum;
        }
        var sample = new MulticlassSample(["a", "b", "c"], labels, p);
        var w = new double[n];
        for (var i = 0; i < n; i++) w[i] = i < k ? 1 : rng.Next(0, 4);
        var l2 = new List<int>();
        var p2 = new List<double>();
        for (var i = 0; i < n; i++)
            for (var r = 0; r < (int)w[i]; r++) { l2.Add(labels[i]); for (var c = 0; c < k; c++) p2.Add(p[i * k + c]); }
        var expanded = new MulticlassSample(["a", "b", "c"], l2.ToArray(), p2.ToArray());
        var twos = Enumerable.Repeat(2.0, n).ToArray();
        foreach (var m in MetricCatalog.Multiclass)
        {
            Same(m.Compute(expanded, default), m.Compute(sample, w), m.Name);
            Same(m.Compute(sample, default), m.Compute(sample, twos), m.Name + " all-2 weights");
        }
    }

    [Property(MaxTest = 60)]
    public void RegressionIntegerWeightsEqualDuplicatedRows(int seed)
    {
        var rng = new Random(seed);
        var n = rng.Next(2, 50);
        var y = new double[n];
        var yhat = new double[n];
        for (var i = 0; i < n; i++) { y[i] = Math.Round(rng.NextDouble() * 4 - 1, 1); yhat[i] = Math.Round(y[i] + rng.NextDouble() - 0.5, 1); }
        var sample = new RegressionSample(y, yhat);
        var w = IntegerWeights(rng, n);
        var y2 = new List<double>();
        var p2 = new List<double>();
        for (var i = 0; i < n; i++)
            for (var r = 0; r < (int)w[i]; r++) { y2.Add(y[i]); p2.Add(yhat[i]); }
        var expanded = new RegressionSample(y2.ToArray(), p2.ToArray());
        var twos = Enumerable.Repeat(2.0, n).ToArray();
        foreach (var m in MetricCatalog.Regression)
        {
            Same(m.Compute(expanded, default), m.Compute(sample, w), m.Name);
            Same(m.Compute(sample, default), m.Compute(sample, twos), m.Name + " all-2 weights");
        }
    }

    [Property(MaxTest = 40)]
    public void RankingQueryWeightsEqualDuplicatedQueriesAndRowOrderWithinQueryDoesNotMatter(int seed)
    {
        var rng = new Random(seed);
        var queries = rng.Next(1, 12);
        var starts = new List<int> { 0 };
        var rel = new List<double>();
        var sc = new List<double>();
        for (var q = 0; q < queries; q++)
        {
            var m = rng.Next(1, 9);
            for (var i = 0; i < m; i++) { rel.Add(rng.Next(0, 3)); sc.Add(Math.Round(rng.NextDouble(), 1)); }
            starts.Add(starts[^1] + m);
        }
        var sample = new RankingSample(starts.ToArray(), rel.ToArray(), sc.ToArray());
        var w = new double[queries];
        for (var q = 0; q < queries; q++) w[q] = q == 0 ? 1 : rng.Next(0, 4);
        var s2 = new List<int> { 0 };
        var r2 = new List<double>();
        var c2 = new List<double>();
        var r3 = new List<double>();
        var c3 = new List<double>();
        for (var q = 0; q < queries; q++)
        {
            var (a, b) = (starts[q], starts[q + 1]);
            for (var r = 0; r < (int)w[q]; r++)
            {
                for (var i = a; i < b; i++) { r2.Add(rel[i]); c2.Add(sc[i]); }
                s2.Add(s2[^1] + b - a);
            }
            for (var i = b - 1; i >= a; i--) { r3.Add(rel[i]); c3.Add(sc[i]); } // reversed rows within each query
        }
        var expanded = new RankingSample(s2.ToArray(), r2.ToArray(), c2.ToArray());
        var reversed = new RankingSample(starts.ToArray(), r3.ToArray(), c3.ToArray());
        foreach (var m in MetricCatalog.Ranking([1, 3, 5]))
        {
            Same(m.Compute(expanded, default), m.Compute(sample, w), m.Name);
            Same(m.Compute(sample, default), m.Compute(reversed, default), m.Name + " reversed");
        }
    }
}
