using System.Text.Json;
using Vigil.Monitoring.Configuration;
using Vigil.Storage;
using Xunit;

namespace Vigil.Monitoring.Tests.Configuration;

public sealed class MonitorConfigParserTests
{
    private const string ApiExample = """
        {"reference": {"dataset_id": "abc"},
         "features": ["age", "income"], "label": "default", "score": "score", "prediction": "prediction",
         "window": "1d", "grace": "2h",
         "drift": {"method": "auto", "threshold": null, "overrides": {"age": {"method": "psi", "threshold": 0.2}}},
         "metrics": ["roc_auc", "f1"], "estimation": true,
         "alerts": [{"name": "drift", "expression": "drift_share > 0.3", "for": 2}],
         "retraining": {"drift_windows": 2, "realized": {"roc_auc": 0.75}, "estimated_drop": {"roc_auc": 0.05}, "cooldown": "7d"},
         "webhooks": [{"url": "http://127.0.0.1:9000/hook", "secret": "s3cret"}]}
        """;

    private static MonitorConfigException Fails(string json) => Assert.Throws<MonitorConfigException>(() => MonitorConfigParser.Parse(json));

    [Fact]
    public void ParsesTheApiExample()
    {
        var c = MonitorConfigParser.Parse(ApiExample);
        Assert.Equal("abc", c.Reference.DatasetId);
        Assert.Equal(["age", "income"], c.Features!);
        Assert.Equal("1d", c.Window.Duration);
        Assert.Equal(TimeSpan.FromHours(2), c.Grace);
        Assert.Null(c.Drift.Method);
        Assert.Equal(new DriftOverride("psi", 0.2), c.Drift.Overrides["age"]);
        Assert.Equal("drift_share > 0.3", Assert.Single(c.Alerts).Expression.Text);
        Assert.Equal(2, c.Alerts[0].For);
        Assert.Equal(2, c.Retraining!.DriftWindows);
        Assert.Equal(0.75, c.Retraining.Realized["roc_auc"]);
        Assert.Equal(TimeSpan.FromDays(7), c.Retraining.Cooldown);
        Assert.Equal("s3cret", c.Webhooks[0].Secret);
    }

    [Theory]
    [InlineData("\"1h\"", 6 * 60)]
    [InlineData("\"1d\"", 144 * 60)]
    [InlineData("\"30s\"", 3)]
    public void GraceDefaultsToTenPercentOfTheWindow(string window, int seconds)
    {
        var c = MonitorConfigParser.Parse($$"""{"reference": {"dataset_id": "x"}, "window": {{window}}}""");
        Assert.Equal(TimeSpan.FromSeconds(seconds), c.Grace);
    }

    [Fact]
    public void DefaultsAreThoseOfVigilDrift()
    {
        var c = MonitorConfigParser.Parse("""{"reference": {"dataset_id": "x"}, "window": 1000}""");
        Assert.Equal(1000, c.Window.EventCount);
        Assert.Equal(TimeSpan.Zero, c.Grace);
        Assert.Null(c.Drift.Method);
        Assert.Null(c.Drift.Threshold);
        Assert.Equal(0.5, c.Drift.DriftShare);
        Assert.True(c.Estimation);
        Assert.Empty(c.Alerts);
    }

    [Theory]
    [InlineData("\"banana\"")]
    [InlineData("\"10s\"")]
    [InlineData("\"2M\"")]
    [InlineData("\"5w\"")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("true")]
    public void RejectsBadWindowsNamingTheField(string window)
    {
        var e = Fails($$"""{"reference": {"dataset_id": "x"}, "window": {{window}}}""");
        Assert.Equal("window", e.Path);
        Assert.StartsWith("window: expected '1h', '1d' or a positive event count", e.Message);
    }

    [Theory]
    [InlineData("\"1M\"")]
    [InlineData("\"31d\"")]
    [InlineData("\"4w\"")]
    [InlineData("\"30s\"")]
    [InlineData("\"15min\"")]
    public void AcceptsCalendarWindowsFrom30sTo1M(string window) =>
        Assert.True(MonitorConfigParser.Parse($$"""{"reference": {"dataset_id": "x"}, "window": {{window}}}""").Window.IsCalendar);

    [Theory]
    [InlineData("""{"reference": {"dataset_id": "x"}, "window": "1d", "drift": {"method": "kss"}}""", "drift.method", "unknown drift method 'kss'")]
    [InlineData("""{"reference": {"dataset_id": "x"}, "window": "1d", "drift": {"method": "wasserstein"}}""", "drift.method", "no default threshold")]
    [InlineData("""{"reference": {"dataset_id": "x"}, "window": "1d", "drift": {"overrides": {"age": {"method": "nope"}}}}""", "drift.overrides.age.method", "unknown drift method")]
    [InlineData("""{"reference": {"dataset_id": "x"}, "window": "1d", "alerts": [{"expression": "drift_share > 0.3"}, {"expression": "drift_shar > 1"}]}""", "alerts[1].expression", "unknown quantity 'drift_shar'")]
    [InlineData("""{"reference": {"dataset_id": "x"}, "window": "1d", "alerts": [{"expression": "drift_share > 0.3", "for": 0}]}""", "alerts[0].for", "1 to 1000")]
    [InlineData("""{"reference": {"dataset_id": "x"}, "window": "1d", "webhooks": [{"url": "ftp://x"}]}""", "webhooks[0].url", "http(s)")]
    [InlineData("""{"reference": {"dataset_id": "x"}, "window": "1d", "retraining": {}}""", "retraining", "at least one")]
    [InlineData("""{"reference": {"dataset_id": "x"}, "window": "1d", "grace": "1M"}""", "grace", "calendar months")]
    [InlineData("""{"reference": {"dataset_id": "x"}, "window": "1d", "windw": "1d"}""", "windw", "unknown field")]
    [InlineData("""{"reference": {"format": "xls", "content_base64": "AA=="}, "window": "1d"}""", "reference.format", "csv")]
    [InlineData("""{"reference": {"content_base64": "%%%"}, "window": "1d"}""", "reference.content_base64", "base64")]
    [InlineData("""{"window": "1d"}""", "reference", "required")]
    [InlineData("""{"reference": {"dataset_id": "x"}, "window": "1d", "threshold": 2}""", "threshold", "[0, 1]")]
    public void ErrorsNameTheJsonPath(string json, string path, string fragment)
    {
        var e = Fails(json);
        Assert.Equal(path, e.Path);
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NormalisedJsonParsesBackToTheSameConfiguration()
    {
        var c = MonitorConfigParser.Parse(ApiExample);
        var schema = new FeatureSchema([new FeatureField("age", FeatureKind.Numeric), new FeatureField("income", FeatureKind.Numeric)]);
        var json = MonitorConfigJson.Write("credit", "abc", schema, c);
        var again = MonitorConfigParser.Parse(json);
        Assert.Equal(c.Window.Duration, again.Window.Duration);
        Assert.Equal(c.Grace, again.Grace);
        Assert.Equal(c.Drift.Overrides["age"], again.Drift.Overrides["age"]);
        Assert.Equal(c.Alerts[0].Expression.Text, again.Alerts[0].Expression.Text);
        Assert.Equal(c.Retraining!.EstimatedDrop["roc_auc"], again.Retraining!.EstimatedDrop["roc_auc"]);
        Assert.Equal(c.Webhooks[0].Url, again.Webhooks[0].Url);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("numeric", doc.RootElement.GetProperty("schema")[0].GetProperty("kind").GetString());
        Assert.Equal("abc", doc.RootElement.GetProperty("reference_dataset_id").GetString());
    }

    [Fact]
    public void CalendarWindowBoundsAreUtcAligned()
    {
        var day = MonitorWindow.Calendar("1d");
        var (s, e) = day.Bounds(new DateTime(2026, 11, 27, 13, 5, 0, DateTimeKind.Utc));
        Assert.Equal(new DateTime(2026, 11, 27, 0, 0, 0, DateTimeKind.Utc), s);
        Assert.Equal(new DateTime(2026, 11, 28, 0, 0, 0, DateTimeKind.Utc), e);
        var month = MonitorWindow.Calendar("1M");
        Assert.Equal(new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc), month.Step(new DateTime(2025, 11, 1, 0, 0, 0, DateTimeKind.Utc), 3));
        Assert.Equal(3, month.WindowsBetween(new DateTime(2025, 11, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 2, 14, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(new DateTime(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc), day.Step(s, -1));
    }
}
