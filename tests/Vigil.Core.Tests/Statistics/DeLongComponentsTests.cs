using Vigil.Core.Metrics;
using Vigil.Core.Statistics;
using Xunit;

namespace Vigil.Core.Tests.Statistics;

/// <summary>
/// DeLong's structural components checked against their definition in DeLong, DeLong &amp; Clarke-Pearson (1988), eq. (3)–(4):
/// V10(Xᵢ) = (1/n)·Σⱼ ψ(Xᵢ, Yⱼ), V01(Yⱼ) = (1/m)·Σᵢ ψ(Xᵢ, Yⱼ), ψ = 1 if X &gt; Y, ½ if X = Y, 0 otherwise; AUC = mean V10;
/// Var = S10/m + S01/n with (k − 1) sample variances. The O(m·n) definition is computed here directly, independently of
/// the midrank walk, on scores with many ties; both entry points (own sort, and the sample's shared order) must agree.
/// </summary>
public sealed class DeLongComponentsTests
{
    [Theory]
    [InlineData(1, 400, 10)]
    [InlineData(2, 257, 3)]
    [InlineData(3, 1000, 1000)]
    [InlineData(4, 50, 1)]
    public void VarianceAndAucMatchTheDefinition(int seed, int rows, int distinctScores)
    {
        var rng = new Random(seed);
        var labels = new bool[rows];
        var scores = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            labels[i] = rng.NextDouble() < 0.3;
            var raw = rng.NextDouble() + (labels[i] ? 0.3 : 0);
            scores[i] = Math.Round(raw * distinctScores) / distinctScores;
        }
        var (auc, variance) = Definition(labels, scores);

        var own = DeLong.Auc(labels, scores);
        var shared = DeLong.Auc(new BinarySample(labels, scores));

        foreach (var d in new[] { own, shared })
        {
            Assert.Null(d.Reason);
            Assert.Equal(auc, d.Auc, 12);
            Assert.Equal(variance, d.Variance, 14);
        }
    }

    [Fact]
    public void PairedComparisonUsesTheSameComponents()
    {
        var rng = new Random(9);
        const int rows = 300;
        var labels = new bool[rows];
        var a = new double[rows];
        var b = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            labels[i] = rng.NextDouble() < 0.4;
            a[i] = Math.Round(rng.NextDouble() + (labels[i] ? 0.4 : 0), 1);
            b[i] = Math.Round(rng.NextDouble() + (labels[i] ? 0.2 : 0), 2);
        }
        var c = DeLong.Compare(labels, a, b);
        Assert.Equal(Definition(labels, a).Auc, c.AucA, 12);
        Assert.Equal(Definition(labels, b).Auc, c.AucB, 12);
    }

    private static (double Auc, double Variance) Definition(bool[] labels, double[] scores)
    {
        var x = new List<double>();
        var y = new List<double>();
        for (var i = 0; i < labels.Length; i++) (labels[i] ? x : y).Add(scores[i]);
        int m = x.Count, n = y.Count;
        var v10 = new double[m];
        var v01 = new double[n];
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
            {
                var psi = x[i] > y[j] ? 1.0 : x[i] == y[j] ? 0.5 : 0.0;
                v10[i] += psi / n;
                v01[j] += psi / m;
            }
        var auc = v10.Average();
        return (auc, SampleVariance(v10) / m + SampleVariance(v01) / n);
    }

    private static double SampleVariance(double[] v)
    {
        var mean = v.Average();
        return v.Sum(t => (t - mean) * (t - mean)) / (v.Length - 1);
    }
}
