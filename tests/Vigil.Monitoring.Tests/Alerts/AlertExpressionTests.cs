using Vigil.Monitoring.Alerts;
using Vigil.Monitoring.Configuration;
using Xunit;

namespace Vigil.Monitoring.Tests.Alerts;

public sealed class AlertExpressionTests
{
    private static WindowObservation Window(long index, double? share = null, bool? age = null, double? auc = null, double? f1 = null, double? failed = null, long events = 500) => new()
    {
        Start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(index),
        End = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(index + 1),
        Index = index,
        Events = events,
        DriftShare = share,
        FeatureDrift = age is null ? new Dictionary<string, bool>() : new Dictionary<string, bool> { ["age"] = age.Value },
        Estimated = auc is null ? new Dictionary<string, double>() : new Dictionary<string, double> { ["roc_auc"] = auc.Value },
        Realized = f1 is null ? new Dictionary<string, double>() : new Dictionary<string, double> { ["f1"] = f1.Value },
        QualityFailed = failed,
    };

    [Theory]
    [InlineData("drift_share > 0.3", "drift_share", AlertComparison.Greater, 0.3)]
    [InlineData("estimated.roc_auc < 0.8", "estimated.roc_auc", AlertComparison.Less, 0.8)]
    [InlineData("realized.f1 < 0.7", "realized.f1", AlertComparison.Less, 0.7)]
    [InlineData("realised.f1<=0.7", "realized.f1", AlertComparison.LessOrEqual, 0.7)]
    [InlineData("quality.failed > 0", "quality.failed", AlertComparison.Greater, 0)]
    [InlineData("ingest.events < 100", "ingest.events", AlertComparison.Less, 100)]
    public void ParsesComparisons(string text, string quantity, AlertComparison op, double value)
    {
        var e = AlertExpression.Parse(text);
        Assert.Equal(quantity, e.Quantity);
        Assert.Equal(op, e.Comparison);
        Assert.Equal(value, e.Value);
    }

    [Fact]
    public void FeatureDriftPredicate()
    {
        var e = AlertExpression.Parse("drift(feature=age)");
        Assert.Equal("age", e.Feature);
        Assert.True(e.Holds(Window(0, age: true)));
        Assert.False(e.Holds(Window(0, age: false)));
        Assert.Null(e.Holds(Window(0)));
    }

    [Theory]
    [InlineData("drift_share >")]
    [InlineData("share > 0.3")]
    [InlineData("estimated. < 0.3")]
    [InlineData("drift_share > abc")]
    [InlineData("drift(age)")]
    public void RejectsMalformedExpressions(string text) => Assert.Throws<ArgumentException>(() => AlertExpression.Parse(text));

    [Fact]
    public void UnknownValuesNeitherHoldNorFail()
    {
        Assert.Null(AlertExpression.Parse("realized.f1 < 0.7").Holds(Window(0)));
        Assert.True(AlertExpression.Parse("ingest.events < 100").Holds(Window(0, events: 0)));
        Assert.True(AlertExpression.Parse("quality.failed > 0").Holds(Window(0, failed: 2)));
    }

    private static AlertRuleConfig Rule(string expression, int forWindows) => new("r", AlertExpression.Parse(expression), forWindows);

    [Fact]
    public void FiresAfterForConsecutiveWindowsOnceAndResolvesWhenItStops()
    {
        var rule = Rule("drift_share > 0.3", 2);
        var w = new[] { Window(0, 0.1), Window(1, 0.5), Window(2, 0.6), Window(3, 0.7), Window(4, 0.2) };
        Assert.Equal(AlertAction.None, AlertEvaluator.Evaluate(rule, w[..2], firing: false, latest: true).Action);
        var fire = AlertEvaluator.Evaluate(rule, w[..3], firing: false, latest: true);
        Assert.Equal(AlertAction.Fire, fire.Action);
        Assert.Contains("\"observed\":0.6", fire.EvidenceJson);
        Assert.Contains("\"observed\":0.5", fire.EvidenceJson);
        Assert.Equal(AlertAction.None, AlertEvaluator.Evaluate(rule, w[..4], firing: true, latest: true).Action);
        Assert.Equal(AlertAction.Resolve, AlertEvaluator.Evaluate(rule, w, firing: true, latest: true).Action);
        // a recomputed past window never resolves
        Assert.Equal(AlertAction.None, AlertEvaluator.Evaluate(rule, w, firing: true, latest: false).Action);
    }

    [Fact]
    public void UnknownValuesDoNotResolveAndGapsDoNotCount()
    {
        var rule = Rule("realized.f1 < 0.7", 2);
        Assert.Equal(AlertAction.None, AlertEvaluator.Evaluate(rule, [Window(0, f1: 0.5), Window(1)], firing: true, latest: true).Action);
        Assert.Equal(AlertAction.None, AlertEvaluator.Evaluate(rule, [Window(0, f1: 0.5), Window(2, f1: 0.5)], firing: false, latest: true).Action);
        Assert.Equal(AlertAction.Fire, AlertEvaluator.Evaluate(rule, [Window(1, f1: 0.5), Window(2, f1: 0.6)], firing: false, latest: true).Action);
    }
}
