using System.Text.Json;
using FsCheck.Xunit;
using Vigil.Core.Comparison;
using Vigil.Core.Metrics;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Core.Tests.Comparison;

public class McNemarTests
{
    public static IEnumerable<object[]> Cases()
    {
        using var doc = Fixture.Load("comparison/comparison.json");
        foreach (var c in doc.RootElement.GetProperty("mcnemar").EnumerateArray())
            yield return [c.GetProperty("b").GetInt32(), c.GetProperty("c").GetInt32(), c.GetProperty("p_value").GetDouble(), c.GetProperty("test").GetString()!];
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PValueMatchesScipyBinomtestOrChi2Sf(int b, int c, double expected, string test)
    {
        var r = McNemar.FromCounts(b, c, b + c + 100);
        Assert.Equal(test, r.Test);
        Approx.Equal(expected, r.PValue, relative: 1e-9, absolute: 1e-14, what: $"McNemar p (b={b}, c={c})");
    }

    [Fact]
    public void CountsDiscordantPairsFromPredictions()
    {
        bool[] y = [true, true, false, false, true, false];
        bool[] baseline = [true, false, false, true, true, true];   // right on rows 0, 2, 4
        bool[] candidate = [true, true, false, false, false, true]; // right on rows 0, 1, 2, 3
        var r = McNemar.Compare(y, baseline, candidate);
        Assert.Equal(1, r.BaselineOnlyCorrect);  // row 4
        Assert.Equal(2, r.CandidateOnlyCorrect); // rows 1, 3
        Approx.Equal(1.0 / 6, r.Difference);
    }
}

public class ModelComparerTests
{
    private static (bool[] Y, double[] B, double[] C, JsonElement Case) DeLongCase(JsonDocument doc, int i)
    {
        var c = doc.RootElement.GetProperty("delong")[i];
        var y = c.GetProperty("labels").Ints().Select(v => v == 1).ToArray();
        return (y, c.GetProperty("baseline").Doubles(), c.GetProperty("candidate").Doubles(), c);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void RocAucMatchesDirectDeLong1988Definition(int index)
    {
        using var doc = Fixture.Load("comparison/comparison.json");
        var (y, b, c, expected) = DeLongCase(doc, index);
        var r = ModelComparer.Compare(new BinarySample(y, b), new BinarySample(y, c), new ComparisonSettings { Metrics = ["roc_auc"], BootstrapReplicates = 0 });
        var m = r.Find("roc_auc")!;
        Assert.Equal("delong", m.Test);
        Approx.Equal(expected.GetProperty("auc_baseline").GetDouble(), m.Baseline, 1e-12);
        Approx.Equal(expected.GetProperty("auc_candidate").GetDouble(), m.Candidate, 1e-12);
        Approx.Equal(expected.GetProperty("difference").GetDouble(), m.Difference, 1e-9, 1e-14);
        Approx.Equal(expected.GetProperty("p_value").GetDouble(), m.PValue, 1e-8, 1e-15);
        Approx.Equal(expected.GetProperty("ci_low").GetDouble(), m.CiLow, 1e-9, 1e-12);
        Approx.Equal(expected.GetProperty("ci_high").GetDouble(), m.CiHigh, 1e-9, 1e-12);
        var p = expected.GetProperty("p_value").GetDouble();
        var d = expected.GetProperty("difference").GetDouble();
        var decision = p < 0.05 ? (d > 0 ? ComparisonDecision.Better : ComparisonDecision.Worse) : ComparisonDecision.NoSignificantDifference;
        Assert.Equal(decision, m.Decision);
    }

    private static (bool[] Y, double[] S1, double[] S2) Random(int n, int seed)
    {
        var rng = new Random(seed);
        var y = new bool[n];
        var s1 = new double[n];
        var s2 = new double[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = rng.NextDouble() < 0.4;
            s1[i] = Math.Clamp((y[i] ? 0.6 : 0.4) + (rng.NextDouble() - 0.5) * 0.8, 0, 1);
            s2[i] = Math.Clamp((y[i] ? 0.65 : 0.35) + (rng.NextDouble() - 0.5) * 0.8, 0, 1);
        }
        return (y, s1, s2);
    }

    private static readonly ComparisonSettings Bootstrapped = new() { Metrics = ["f1", "log_loss", "brier", "precision"], BootstrapReplicates = 200, Seed = 7 };

    [Property(MaxTest = 15)]
    public bool IdenticalScoresGiveZeroDifferenceAndNoSignificantDifference(int seed)
    {
        var (y, s, _) = Random(120, seed);
        var r = ModelComparer.Compare(new BinarySample(y, s), new BinarySample(y, (double[])s.Clone()),
            Bootstrapped with { Metrics = ["f1", "log_loss", "accuracy", "roc_auc"] });
        return r.Metrics.All(m => m.Difference == 0 && (double.IsNaN(m.CiLow) || (m.CiLow == 0 && m.CiHigh == 0))
            && m.Decision == ComparisonDecision.NoSignificantDifference && (m.PValue == 1 || double.IsNaN(m.PValue)));
    }

    [Property(MaxTest = 15)]
    public bool SwappingBaselineAndCandidateNegatesTheDifferenceAndInterval(int seed)
    {
        var (y, s1, s2) = Random(150, seed);
        var ab = ModelComparer.Compare(new BinarySample(y, s1), new BinarySample(y, s2), Bootstrapped with { Metrics = ["f1", "brier", "accuracy", "roc_auc"] });
        var ba = ModelComparer.Compare(new BinarySample(y, s2), new BinarySample(y, s1), Bootstrapped with { Metrics = ["f1", "brier", "accuracy", "roc_auc"] });
        for (var k = 0; k < ab.Metrics.Count; k++)
        {
            var (x, z) = (ab.Metrics[k], ba.Metrics[k]);
            if (Math.Abs(x.Difference + z.Difference) > 1e-12) return false;
            if (Math.Abs(x.CiLow + z.CiHigh) > 1e-9 || Math.Abs(x.CiHigh + z.CiLow) > 1e-9) return false;
            if (Math.Abs(x.PValue - z.PValue) > 1e-12) return false;
        }
        return true;
    }

    [Fact]
    public void SameSeedReproducesAndAnotherSeedDiffers()
    {
        var (y, s1, s2) = Random(300, 3);
        var a = ModelComparer.Compare(new BinarySample(y, s1), new BinarySample(y, s2), Bootstrapped);
        var b = ModelComparer.Compare(new BinarySample(y, s1), new BinarySample(y, s2), Bootstrapped);
        var c = ModelComparer.Compare(new BinarySample(y, s1), new BinarySample(y, s2), Bootstrapped with { Seed = 8 });
        Assert.Equal(a.Metrics, b.Metrics);
        Assert.NotEqual(a.Find("f1")!.CiLow, c.Find("f1")!.CiLow);
    }

    [Fact]
    public void ClearlyBetterCandidateIsBetterAndLowerIsBetterMetricsFlipTheSign()
    {
        var (y, s1, _) = Random(800, 11);
        var good = y.Select(v => v ? 0.9 : 0.1).ToArray();
        var r = ModelComparer.Compare(new BinarySample(y, s1), new BinarySample(y, good), Bootstrapped with { Metrics = ["roc_auc", "accuracy", "f1", "log_loss"] });
        Assert.All(r.Metrics, m => Assert.Equal(ComparisonDecision.Better, m.Decision));
        Assert.True(r.Find("log_loss")!.Difference < 0);
    }
}

public class PromotionGateTests
{
    private static MetricComparison M(string name, bool higher, double candidate, double low, double high) =>
        new(name, higher, candidate - (low + high) / 2, candidate, (low + high) / 2, low, high, 0.95, "percentile", 0.5, "paired_bootstrap", ComparisonDecision.NoSignificantDifference, null);

    [Fact]
    public void MarginIsJudgedOnTheLowerBoundForGreaterOrEqual()
    {
        var gate = PromotionGate.Parse("roc_auc >= -0.01", null);
        Assert.True(gate.Evaluate([M("roc_auc", true, 0.85, -0.009, 0.02)]).Passed);
        var failed = gate.Evaluate([M("roc_auc", true, 0.85, -0.011, 0.02)]);
        Assert.False(failed.Passed);
        Assert.Equal("ci_low", failed.Checks[0].Condition.Bound);
        Assert.Equal(-0.011, failed.Checks[0].Observed);
    }

    [Fact]
    public void LowerIsBetterMarginIsJudgedOnTheUpperBound()
    {
        var gate = PromotionGate.Parse("log_loss <= 0.02", null);
        Assert.True(gate.Evaluate([M("log_loss", false, 0.4, -0.05, 0.019)]).Passed);
        Assert.False(gate.Evaluate([M("log_loss", false, 0.4, -0.05, 0.021)]).Passed);
    }

    [Fact]
    public void RegistryShapePicksOperatorsFromDirectionAndFloorsUseTheCandidate()
    {
        var gate = PromotionGate.FromRegistry(new Dictionary<string, double> { ["roc_auc"] = -0.01, ["log_loss"] = 0.02 },
            new Dictionary<string, double> { ["roc_auc"] = 0.80 }, m => MetricCatalog.FindBinary(m)!.HigherIsBetter);
        Assert.Equal([">=", "<=", ">="], gate.Conditions.Select(c => c.Operator));
        var ok = gate.Evaluate([M("roc_auc", true, 0.81, -0.005, 0.01), M("log_loss", false, 0.3, -0.1, 0.01)]);
        Assert.True(ok.Passed);
        var floorFails = gate.Evaluate([M("roc_auc", true, 0.79, -0.005, 0.01), M("log_loss", false, 0.3, -0.1, 0.01)]);
        Assert.False(floorFails.Passed);
        Assert.Equal("candidate", floorFails.Checks[2].Condition.Bound);
        Assert.False(floorFails.Checks[2].Passed);
    }

    [Fact]
    public void MissingOrUndefinedMetricFailsWithAReason()
    {
        var gate = PromotionGate.Parse("f1 >= -0.02", null);
        var r = gate.Evaluate([M("f1", true, 0.5, double.NaN, double.NaN)]);
        Assert.False(r.Passed);
        Assert.NotNull(r.Checks[0].Reason);
        Assert.False(gate.Evaluate([]).Passed);
    }
}
