using Vigil.Core.Statistics;
using Vigil.Core.Tests.Metrics;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Core.Tests.Statistics;

public class DeLongTests
{
    [Fact]
    public void ConsistentWithHandWorkedDeLongDefinition()
    {
        // Positives {0.9, 0.8, 0.4}, negatives {0.7, 0.3}. Placement values (DeLong 1988, ψ = 1 / ½ / 0):
        // V10 = [1, 1, ½], V01 = [2/3, 1]; AUC = 5/6; S10 = var([1,1,½]) = 1/12; S01 = var([2/3,1]) = 1/18;
        // Var = S10/3 + S01/2 = 1/36 + 1/36 = 1/18.
        var r = DeLong.Auc([true, true, true, false, false], [0.9, 0.8, 0.4, 0.7, 0.3]);
        Approx.Equal(5.0 / 6, r.Auc, 1e-14);
        Approx.Equal(1.0 / 18, r.Variance, 1e-14);
        Assert.Equal(1.0, r.Upper); // 5/6 + 1.96·0.236 > 1, clipped
        Assert.Null(r.Reason);
    }

    [Fact]
    public void AucConsistentWithHanleyMcNeil1982RatingExample()
    {
        // Hanley & McNeil (1982), Radiology 143:29–36, Table 1: 109 CT images rated 1–5;
        // normal 33/6/6/11/2, abnormal 3/2/2/11/33; published area (Wilcoxon) 0.893.
        var labels = new List<bool>();
        var scores = new List<double>();
        int[] normal = [33, 6, 6, 11, 2], abnormal = [3, 2, 2, 11, 33];
        for (var rating = 1; rating <= 5; rating++)
        {
            for (var i = 0; i < normal[rating - 1]; i++) { labels.Add(false); scores.Add(rating); }
            for (var i = 0; i < abnormal[rating - 1]; i++) { labels.Add(true); scores.Add(rating); }
        }
        var r = DeLong.Auc(labels.ToArray(), scores.ToArray());
        Assert.Equal(0.893, Math.Round(r.Auc, 3));
        Assert.Equal(51, r.Positives);
        Assert.Equal(58, r.Negatives);
        // DeLong's SE is of the same size as Hanley & McNeil's published exponential-approximation SE 0.032
        Assert.InRange(r.StandardError, 0.025, 0.04);
    }

    [Fact]
    public void ConsistentWithQuadraticDeLongDefinitionOnFixture()
    {
        using var doc = MetricFixtures.Load("binary_probabilities.json");
        var root = doc.RootElement;
        var labels = Array.ConvertAll(root.GetProperty("labels").Ints(), v => v == 1);
        var a = root.GetProperty("scores").Doubles();
        var b = root.GetProperty("second_scores").Doubles();
        var e = root.GetProperty("delong");
        var auc = DeLong.Auc(labels, a);
        Approx.Equal(e.GetProperty("auc_a").GetDouble(), auc.Auc, 1e-12);
        Approx.Equal(e.GetProperty("var_a").GetDouble(), auc.Variance, 1e-9);
        var ci = e.GetProperty("ci_a").Doubles();
        Approx.Equal(ci[0], auc.Lower, 1e-9);
        Approx.Equal(ci[1], auc.Upper, 1e-9);
        var c = DeLong.Compare(labels, a, b);
        Approx.Equal(e.GetProperty("auc_b").GetDouble(), c.AucB, 1e-12);
        Approx.Equal(e.GetProperty("var_b").GetDouble(), c.VarianceB, 1e-9);
        Approx.Equal(e.GetProperty("cov").GetDouble(), c.Covariance, 1e-9);
        Approx.Equal(e.GetProperty("se_diff").GetDouble(), c.StandardError, 1e-9);
        Approx.Equal(e.GetProperty("z").GetDouble(), c.Z, 1e-9);
        Approx.Equal(e.GetProperty("p").GetDouble(), c.PValue, 1e-8);
    }

    [Fact]
    public void IdenticalScoresGiveUndefinedTestWithReason()
    {
        bool[] labels = [true, false, true, false, true];
        double[] s = [0.9, 0.2, 0.7, 0.4, 0.3];
        var c = DeLong.Compare(labels, s, s);
        Assert.Equal(0.0, c.Difference);
        Assert.True(double.IsNaN(c.PValue));
        Assert.NotNull(c.Reason);
        Assert.NotNull(DeLong.Auc([true, false], [0.9, 0.1]).Reason);
    }
}
