using Xunit;
using System.Text;
using Vigil.Server.Ingest;

namespace Vigil.Server.Tests.Ingest;

public sealed class LabelEventParserTests
{
    private static (LabelEventParser Parser, IngestRequestError? Error) Parse(string body)
    {
        var p = new LabelEventParser();
        return (p, p.Parse(Encoding.UTF8.GetBytes(body), out _));
    }

    [Fact]
    public void LabelsMayBeStringsNumbersOrBooleans()
    {
        var (p, error) = Parse("[{\"id\": \"a\", \"label\": \"yes\"}, {\"id\": \"b\", \"label\": 1}, {\"id\": \"c\", \"label\": 2.5},"
            + " {\"id\": \"d\", \"label\": true, \"timestamp\": \"2026-11-27 10:00:00+01:00\"}]");
        Assert.Null(error);
        Assert.Empty(p.Rejects);
        Assert.Equal(new[] { "yes", "1", "2.5", "true" }, p.Labels.Select(l => l.Label));
        Assert.Null(p.Labels[0].Timestamp);
        Assert.Equal(new DateTime(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc), p.Labels[3].Timestamp);
    }

    [Fact]
    public void NdjsonLabels()
    {
        var (p, error) = Parse("{\"id\": \"a\", \"label\": 0}\n{\"id\": \"b\", \"label\": 1}\n");
        Assert.Null(error);
        Assert.Equal(new[] { "a", "b" }, p.Labels.Select(l => l.Id));
    }

    [Theory]
    [InlineData("{\"label\": 1}", "missing id")]
    [InlineData("{\"id\": \"\", \"label\": 1}", "missing id")]
    [InlineData("{\"id\": \"a\"}", "missing label")]
    [InlineData("{\"id\": \"a\", \"label\": null}", "missing label")]
    [InlineData("{\"id\": \"a\", \"label\": [1]}", "wrong type for 'label'")]
    [InlineData("{\"id\": \"a\", \"label\": 1e999}", "NaN/Inf for 'label'")]
    [InlineData("{\"id\": \"a\", \"label\": 1, \"timestamp\": \"soon\"}", "bad timestamp 'soon'")]
    [InlineData("7", "label is not a JSON object")]
    public void RejectReasons(string bad, string reason)
    {
        var (p, error) = Parse("[{\"id\": \"ok1\", \"label\": 0}, " + bad + ", {\"id\": \"ok2\", \"label\": 1}]");
        Assert.Null(error);
        Assert.Equal(new[] { "ok1", "ok2" }, p.Labels.Select(l => l.Id));
        var r = Assert.Single(p.Rejects);
        Assert.Equal(1, r.Index);
        Assert.StartsWith(reason, r.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedIs400()
    {
        var (_, error) = Parse("[{\"id\": \"a\", \"label\": }]");
        Assert.NotNull(error);
        Assert.Equal(400, error.Status);
    }
}
