using Vigil.Monitoring.Alerts;
using Vigil.Monitoring.Configuration;
using Vigil.Monitoring.Retraining;
using Xunit;

namespace Vigil.Monitoring.Tests.Retraining;

public sealed class RetrainingPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static WindowObservation Window(long index, bool drift = false, double? auc = null, double? referenceAuc = null, double? mae = null) => new()
    {
        Start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(index),
        End = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(index + 1),
        Index = index,
        DatasetDrift = drift,
        DriftShare = drift ? 0.6 : 0.1,
        Estimated = auc is null ? new Dictionary<string, double>() : new Dictionary<string, double> { ["roc_auc"] = auc.Value },
        EstimatedReference = referenceAuc is null ? new Dictionary<string, double>() : new Dictionary<string, double> { ["roc_auc"] = referenceAuc.Value },
        Realized = mae is null ? new Dictionary<string, double>() : new Dictionary<string, double> { ["mae"] = mae.Value },
    };

    [Fact]
    public void DriftInConsecutiveWindows()
    {
        var policy = new RetrainingConfig { DriftWindows = 2 };
        Assert.Null(RetrainingPolicy.Evaluate(policy, [Window(0, false), Window(1, true)], Now, null));
        var d = RetrainingPolicy.Evaluate(policy, [Window(1, true), Window(2, true)], Now, null);
        Assert.Equal("dataset drift in 2 consecutive windows", d!.Reason);
        Assert.Contains("\"drift_windows\"", d.EvidenceJson);
        Assert.Null(RetrainingPolicy.Evaluate(policy, [Window(1, true), Window(3, true)], Now, null));
    }

    [Fact]
    public void EstimatedDropAgainstTheReferenceEstimate()
    {
        var policy = new RetrainingConfig { EstimatedDrop = new Dictionary<string, double> { ["roc_auc"] = 0.05 } };
        Assert.Null(RetrainingPolicy.Evaluate(policy, [Window(0, auc: 0.88, referenceAuc: 0.91)], Now, null));
        var d = RetrainingPolicy.Evaluate(policy, [Window(0, auc: 0.80, referenceAuc: 0.91)], Now, null);
        Assert.StartsWith("estimated roc_auc 0.8 is 0.11 worse", d!.Reason);
    }

    [Fact]
    public void RealizedLimitFollowsTheMetricDirection()
    {
        var policy = new RetrainingConfig { Realized = new Dictionary<string, double> { ["mae"] = 10 } };
        Assert.Null(RetrainingPolicy.Evaluate(policy, [Window(0, mae: 8)], Now, null));
        Assert.Equal("realized mae 12 > 10", RetrainingPolicy.Evaluate(policy, [Window(0, mae: 12)], Now, null)!.Reason);
    }

    [Fact]
    public void CooldownSuppressesTriggers()
    {
        var policy = new RetrainingConfig { DriftWindows = 1, Cooldown = TimeSpan.FromDays(7) };
        Assert.Null(RetrainingPolicy.Evaluate(policy, [Window(0, true)], Now, Now.AddDays(-3)));
        Assert.NotNull(RetrainingPolicy.Evaluate(policy, [Window(0, true)], Now, Now.AddDays(-8)));
    }
}
