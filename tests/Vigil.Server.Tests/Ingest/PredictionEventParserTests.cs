using Xunit;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Vigil.Server.Ingest;
using Vigil.Storage;
using static Vigil.Server.Tests.Ingest.ParserTestSchemas;

namespace Vigil.Server.Tests.Ingest;

public sealed class PredictionEventParserTests
{
    [Fact]
    public void ArrayFillsTheBatchInSchemaOrder()
    {
        var (p, error, n) = Parse("[" +
            Event("\"a\"", "\"city\": \"Lyon\", \"income\": 10.5, \"age\": 30", extra: ", \"prediction\": \"1\", \"scores\": 0.75, \"version\": \"v2\"") + "," +
            Event("\"b\"", "\"age\": 50, \"income\": null") + "]");
        Assert.Null(error);
        Assert.Equal(2, n);
        var b = p.Batch;
        Assert.Equal(2, b.Count);
        Assert.Empty(p.Rejects);
        Assert.Equal(new[] { "a", "b" }, b.Ids[..2]);
        Assert.Equal(30, b.Numeric[0]![0]);
        Assert.Equal(10.5, b.Numeric[1]![0]);
        Assert.Equal("Lyon", b.Categorical[2]![0]);
        Assert.Null(b.Numeric[2]);
        Assert.Null(b.Categorical[0]);
        Assert.Equal("1", b.Predictions[0]);
        Assert.Equal(0.75, b.Scores[0]);
        Assert.Equal("v2", b.Versions[0]);
        Assert.Equal(new DateTime(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc), b.Timestamps[0]);
        // event b: income null and city left out are missing values; no prediction or score
        Assert.Equal(50, b.Numeric[0]![1]);
        Assert.True(double.IsNaN(b.Numeric[1]![1]));
        Assert.Null(b.Categorical[2]![1]);
        Assert.Null(b.Predictions[1]);
        Assert.True(double.IsNaN(b.Scores[1]));
        Assert.Null(b.Versions[1]);
    }

    [Fact]
    public void NdjsonGivesTheSameBatchAsTheArray()
    {
        string[] events =
        {
            Event("\"x1\"", extra: ", \"scores\": 0.1"),
            Event("\"x2\"", "\"age\": -3.5e2, \"city\": \"Paris\""),
            Event("\"x3\"", "\"income\": 1e-3", timestamp: "\"2026-01-02 03:04:05\""),
        };
        var (array, e1, _) = Parse("[" + string.Join(",\n", events) + "]");
        var (nd, e2, n) = Parse(string.Join("\n", events) + "\n");
        var (ndCrlf, e3, _) = Parse(string.Join("\r\n", events));
        Assert.Null(e1); Assert.Null(e2); Assert.Null(e3);
        Assert.Equal(3, n);
        foreach (var other in new[] { nd, ndCrlf })
        {
            Assert.Equal(array.Batch.Count, other.Batch.Count);
            for (int i = 0; i < 3; i++)
            {
                Assert.Equal(array.Batch.Ids[i], other.Batch.Ids[i]);
                Assert.Equal(array.Batch.Timestamps[i], other.Batch.Timestamps[i]);
                Assert.Equal(array.Batch.Numeric[0]![i], other.Batch.Numeric[0]![i]);
                Assert.Equal(array.Batch.Numeric[1]![i], other.Batch.Numeric[1]![i]);
                Assert.Equal(array.Batch.Categorical[2]![i], other.Batch.Categorical[2]![i]);
                Assert.Equal(array.Batch.Scores[i], other.Batch.Scores[i]);
            }
        }
        Assert.Equal(-350, nd.Batch.Numeric[0]![1]);
        Assert.Equal(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), nd.Batch.Timestamps[2]);
    }

    public static TheoryData<string, string> RejectCases() => new()
    {
        { "{\"timestamp\": \"2026-11-27T12:00:00Z\", \"features\": {\"age\": 1}}", "missing id" },
        { Event("\"\""), "missing id" },
        { Event("null"), "missing id" },
        { Event("{\"a\":1}"), "wrong type for 'id'" },
        { "{\"id\": \"e\", \"features\": {\"age\": 1}}", "bad timestamp: missing" },
        { Event("\"e\"", timestamp: "\"27/11/2026\""), "bad timestamp '27/11/2026'" },
        { Event("\"e\"", timestamp: "1764244800"), "bad timestamp" },
        { Event("\"e\"", timestamp: "\"2026-02-30T00:00:00Z\""), "bad timestamp" },
        { Event("\"e\"", "\"age\": 1, \"agee\": 2"), "unknown feature 'agee'" },
        { Event("\"e\"", "\"age\": \"forty\""), "wrong type for feature 'age': expected a number or null, got a string" },
        { Event("\"e\"", "\"age\": true"), "wrong type for feature 'age'" },
        { Event("\"e\"", "\"age\": [1]"), "wrong type for feature 'age'" },
        { Event("\"e\"", "\"city\": {\"name\": \"Lyon\"}"), "wrong type for feature 'city': expected a string or null, got an object" },
        { Event("\"e\"", "\"age\": 1e400"), "NaN/Inf for feature 'age'" },
        { Event("\"e\"", "\"income\": -1e309"), "NaN/Inf for feature 'income'" },
        { Event("\"e\"", extra: ", \"scores\": 1.5"), "score 1.5 outside [0, 1]" },
        { Event("\"e\"", extra: ", \"scores\": -0.01"), "score -0.01 outside [0, 1]" },
        { Event("\"e\"", extra: ", \"scores\": {\"0\": 0.2, \"1\": 1.2}"), "score 1.2 outside [0, 1]" },
        { Event("\"e\"", extra: ", \"scores\": 1e999"), "NaN/Inf in 'scores'" },
        { Event("\"e\"", extra: ", \"scores\": \"0.5\""), "wrong type for 'scores'" },
        { Event("\"e\"", extra: ", \"scores\": {\"1\": \"high\"}"), "wrong type for 'scores'" },
        { Event("\"e\"", extra: ", \"prediction\": {\"x\": 1}"), "wrong type for 'prediction'" },
        { Event("\"e\"", extra: ", \"features\": [1, 2]"), "wrong type for 'features'" },
        { "42", "event is not a JSON object" },
    };

    [Theory]
    [MemberData(nameof(RejectCases))]
    public void EveryRejectReasonSkipsOnlyThatEvent(string bad, string reason)
    {
        string body = "[" + Event("\"good1\"") + "," + bad + "," + Event("\"good2\"") + "]";
        var (p, error, n) = Parse(body);
        Assert.Null(error);
        Assert.Equal(3, n);
        Assert.Equal(2, p.Batch.Count);
        Assert.Equal(new[] { "good1", "good2" }, p.Batch.Ids[..2]);
        var reject = Assert.Single(p.Rejects);
        Assert.Equal(1, reject.Index);
        Assert.StartsWith(reason, reject.Reason, StringComparison.Ordinal);
        // the event after the reject is not polluted by the rejected event's values
        Assert.Equal(41, p.Batch.Numeric[0]![1]);
        Assert.Equal("Lyon", p.Batch.Categorical[2]![1]);
        Assert.True(double.IsNaN(p.Batch.Scores[1]));
    }

    [Fact]
    public void RejectCarriesTheIdWhenItWasRead()
    {
        var (p, _, _) = Parse("[" + Event("\"bad-one\"", "\"nope\": 1") + "]");
        var r = Assert.Single(p.Rejects);
        Assert.Equal("bad-one", r.Id);
        Assert.Equal(0, r.Index);
        Assert.Equal(0, p.Batch.Count);
    }

    [Fact]
    public void MissingFeaturesAreMissingValuesNotRejects()
    {
        var (p, error, _) = Parse("[" + Event("\"e\"", "") + "," + "{\"id\": \"f\", \"timestamp\": \"2026-11-27T00:00:00Z\"}]");
        Assert.Null(error);
        Assert.Empty(p.Rejects);
        Assert.Equal(2, p.Batch.Count);
        for (int i = 0; i < 2; i++)
        {
            Assert.True(double.IsNaN(p.Batch.Numeric[0]![i]));
            Assert.True(double.IsNaN(p.Batch.Numeric[1]![i]));
            Assert.Null(p.Batch.Categorical[2]![i]);
        }
    }

    [Fact]
    public void CategoricalFeaturesTakeNumbersAndBooleansAsTextAndInternRepeats()
    {
        var (p, _, _) = Parse("[" + Event("\"a\"", "\"city\": 75001") + "," + Event("\"b\"", "\"city\": true") + ","
            + Event("\"c\"", "\"city\": \"L\\u00e9on\"") + "," + Event("\"d\"", "\"city\": \"Lyon\"") + "," + Event("\"e\"", "\"city\": \"Lyon\"") + "]");
        var city = p.Batch.Categorical[2]!;
        Assert.Equal(new[] { "75001", "true", "Léon", "Lyon", "Lyon" }, city[..5]);
        Assert.Same(city[3], city[4]);
    }

    [Fact]
    public void NumberIdsAndEscapedNamesAreRead()
    {
        var (p, _, _) = Parse("[{\"id\": 12345, \"timestamp\": \"2026-11-27T12:00:00\\u005A\", \"features\": {\"\\u0061ge\": 7}}]");
        Assert.Empty(p.Rejects);
        Assert.Equal("12345", p.Batch.Ids[0]);
        Assert.Equal(7, p.Batch.Numeric[0]![0]);
        Assert.Equal(DateTimeKind.Utc, p.Batch.Timestamps[0].Kind);
    }

    [Fact]
    public void BinaryScoresObjectGivesThePositiveLabelScore()
    {
        var (p, _, _) = Parse("[" + Event("\"a\"", extra: ", \"scores\": {\"0\": 0.3, \"1\": 0.7}") + "]", Binary("1"));
        Assert.Equal(0.7, p.Batch.Scores[0]);
        Assert.Null(p.Batch.ScoresJson[0]);
    }

    [Fact]
    public void MulticlassKeepsTheScoresObjectAsJsonAndNeedsAnObject()
    {
        string scores = "{\"setosa\": 0.1, \"versicolor\": 0.6, \"virginica\": 0.3}";
        var (p, _, _) = Parse("[" + Event("\"a\"", extra: ", \"prediction\": \"versicolor\", \"scores\": " + scores) + ","
            + Event("\"b\"", extra: ", \"scores\": 0.5") + "]", Multiclass());
        Assert.Equal(1, p.Batch.Count);
        Assert.True(double.IsNaN(p.Batch.Scores[0]));
        using var doc = JsonDocument.Parse(p.Batch.ScoresJson[0]!);
        Assert.Equal(0.6, doc.RootElement.GetProperty("versicolor").GetDouble());
        Assert.StartsWith("wrong type for 'scores'", Assert.Single(p.Rejects).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RegressionPredictionsAreNormalisedNumbers()
    {
        var (p, _, _) = Parse("[" + Event("\"a\"", extra: ", \"prediction\": 1.50e2") + "]", Regression());
        Assert.Equal("150", p.Batch.Predictions[0]);
    }

    [Fact]
    public void UnknownTopLevelFieldsAreIgnored()
    {
        var (p, _, _) = Parse("[" + Event("\"a\"", extra: ", \"meta\": {\"x\": [1, {\"y\": 2}]}, \"trace\": \"t\"") + "]");
        Assert.Empty(p.Rejects);
        Assert.Equal(1, p.Batch.Count);
    }

    [Theory]
    [InlineData("", 400, "empty")]
    [InlineData("   \n ", 400, "empty")]
    [InlineData("id,timestamp\n1,2", 400, "starts with 'i'")]
    [InlineData("\"just a string\"", 400, "starts with")]
    public void NotJsonIsAWholeRequest400(string body, int status, string detail)
    {
        var (p, error, _) = Parse(body);
        Assert.NotNull(error);
        Assert.Equal(status, error.Status);
        Assert.Contains(detail, error.Detail, StringComparison.Ordinal);
        Assert.Equal(0, p.Batch.Count);
    }

    [Fact]
    public void MalformedArrayNamesTheByteOffset()
    {
        string good = Event("\"a\"");
        string body = "[" + good + ", {\"id\": \"b\" \"timestamp\": 1}]";
        var (_, error, _) = Parse(body);
        Assert.NotNull(error);
        Assert.Equal(400, error.Status);
        int expectedOffset = body.IndexOf("\"timestamp\": 1", StringComparison.Ordinal);
        Assert.Contains($"byte offset {expectedOffset}", error.Detail, StringComparison.Ordinal);
        Assert.Contains("line 1", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedNdjsonNamesTheLine()
    {
        string body = Event("\"a\"") + "\n" + Event("\"b\"") + "\n{\"id\": \"c\", \"timestamp\": }\n" + Event("\"d\"");
        var (_, error, _) = Parse(body);
        Assert.NotNull(error);
        Assert.Equal(400, error.Status);
        Assert.Contains("line 3", error.Detail, StringComparison.Ordinal);
        Assert.Contains("NDJSON value 3", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[" + "{\"id\": \"a\"}" + "] trailing")]
    [InlineData("[{\"id\": \"a\"}")]
    [InlineData("[{\"id\": \"a\", \"features\": {\"age\": NaN}}]")]
    [InlineData("[{\"id\": 'a'}]")]
    public void TruncatedOrInvalidJsonIs400(string body)
    {
        var (_, error, _) = Parse(body);
        Assert.NotNull(error);
        Assert.Equal(400, error.Status);
        Assert.Equal("Malformed JSON", error.Title);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void MoreThanTenThousandEventsIs413(bool ndjson)
    {
        string one = Event("\"e\"");
        var sb = new StringBuilder();
        if (!ndjson) sb.Append('[');
        for (int i = 0; i <= IngestLimits.MaxEvents; i++)
        {
            if (i > 0) sb.Append(ndjson ? "\n" : ",");
            sb.Append(one);
        }
        if (!ndjson) sb.Append(']');
        var (_, error, _) = Parse(sb.ToString());
        Assert.NotNull(error);
        Assert.Equal(413, error.Status);
    }

    [Fact]
    public void BigBatchOfTenThousandIsParsedExactly()
    {
        var rng = new Random(7);
        var sb = new StringBuilder("[");
        var ages = new double[IngestLimits.MaxEvents];
        var cities = new[] { "Lyon", "Paris", "Nice", "Lille" };
        var start = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        for (int i = 0; i < IngestLimits.MaxEvents; i++)
        {
            ages[i] = Math.Round(rng.NextDouble() * 100, 6);
            if (i > 0) sb.Append(',');
            string ts = start.AddSeconds(i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $"{{\"id\": \"ev-{i}\", \"timestamp\": \"{ts}\", \"features\": {{\"age\": {ages[i].ToString("R", CultureInfo.InvariantCulture)}, \"city\": \"{cities[i % 4]}\"}}, \"scores\": {(i % 100) / 100.0}}}");
        }
        sb.Append(']');
        var (p, error, n) = Parse(sb.ToString());
        Assert.Null(error);
        Assert.Equal(IngestLimits.MaxEvents, n);
        Assert.Equal(IngestLimits.MaxEvents, p.Batch.Count);
        for (int i = 0; i < IngestLimits.MaxEvents; i++)
        {
            Assert.Equal("ev-" + i.ToString(CultureInfo.InvariantCulture), p.Batch.Ids[i]);
            Assert.Equal(ages[i], p.Batch.Numeric[0]![i]);
            Assert.Equal(cities[i % 4], p.Batch.Categorical[2]![i]);
            Assert.Equal(start.AddSeconds(i), p.Batch.Timestamps[i]);
            Assert.Equal((i % 100) / 100.0, p.Batch.Scores[i]);
        }
        Assert.Equal(start, p.MinTimestamp);
        Assert.Equal(start.AddSeconds(IngestLimits.MaxEvents - 1), p.MaxTimestamp);
    }

    [Fact]
    public void ResetLetsTheParserServeAnotherRequest()
    {
        var p = Parser();
        Assert.Null(p.Parse(Encoding.UTF8.GetBytes("[" + Event("\"a\"") + "," + Event("\"b\"", "\"bad\": 1") + "]"), out _));
        p.Reset();
        Assert.Equal(0, p.Batch.Count);
        Assert.Empty(p.Rejects);
        Assert.Null(p.Parse(Encoding.UTF8.GetBytes(Event("\"c\"", "\"age\": 9")), out _));
        Assert.Equal(1, p.Batch.Count);
        Assert.Equal("c", p.Batch.Ids[0]);
        Assert.True(double.IsNaN(p.Batch.Numeric[1]![0]));
    }

    [FsCheck.Xunit.Property(MaxTest = 100)]
    public bool AnyFiniteDoubleSurvivesTheRoundTrip(double value)
    {
        if (!double.IsFinite(value)) return true;
        var (p, error, _) = Parse("[" + Event("\"a\"", "\"income\": " + value.ToString("R", CultureInfo.InvariantCulture)) + "]");
        return error is null && p.Batch.Count == 1 && p.Batch.Numeric[1]![0] == value;
    }
}
