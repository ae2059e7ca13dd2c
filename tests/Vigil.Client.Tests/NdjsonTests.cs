using System.Text;
using System.Text.Json;
using Vigil.Client;
using Xunit;

namespace Vigil.Client.Tests;

/// <summary>The NDJSON the SDK sends: the event shape of docs/API.md "Ingest", read back with System.Text.Json.</summary>
public class NdjsonTests
{
    private static JsonElement[] Lines(byte[] ndjson)
    {
        var text = Encoding.UTF8.GetString(ndjson);
        Assert.EndsWith("\n", text);
        return text.TrimEnd('\n').Split('\n').Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToArray();
    }

    [Fact]
    public void BinaryEventHasTheContractShape()
    {
        var e = new PredictionEvent("a-1", new DateTime(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc),
            new Dictionary<string, object?> { ["age"] = 42, ["income"] = 1234.5, ["city"] = "Oslo", ["missing"] = null, ["nan"] = double.NaN, ["flag"] = true },
            Prediction: "1", Score: 0.73, Version: "v2");
        var line = Lines(Ndjson.SerializePredictions([e])).Single();
        Assert.Equal("a-1", line.GetProperty("id").GetString());
        Assert.Equal("2026-11-27T12:00:00Z", line.GetProperty("timestamp").GetString());
        Assert.Equal("v2", line.GetProperty("version").GetString());
        Assert.Equal("1", line.GetProperty("prediction").GetString());
        Assert.Equal(0.73, line.GetProperty("scores").GetDouble());
        var f = line.GetProperty("features");
        Assert.Equal(42, f.GetProperty("age").GetInt32());
        Assert.Equal(1234.5, f.GetProperty("income").GetDouble());
        Assert.Equal("Oslo", f.GetProperty("city").GetString());
        Assert.Equal(JsonValueKind.Null, f.GetProperty("missing").ValueKind);
        Assert.Equal(JsonValueKind.Null, f.GetProperty("nan").ValueKind);
        Assert.Equal("true", f.GetProperty("flag").GetString());
    }

    [Fact]
    public void MulticlassScoresAreAnObjectAndAbsentFieldsAreLeftOut()
    {
        var e = new PredictionEvent("x", new DateTime(2026, 1, 2, 3, 4, 5, 600, DateTimeKind.Utc), new Dictionary<string, object?>(),
            Scores: new Dictionary<string, double> { ["setosa"] = 0.1, ["virginica"] = 0.9 });
        var line = Lines(Ndjson.SerializePredictions([e])).Single();
        var scores = line.GetProperty("scores");
        Assert.Equal(0.9, scores.GetProperty("virginica").GetDouble());
        Assert.Equal(0.1, scores.GetProperty("setosa").GetDouble());
        Assert.False(line.TryGetProperty("prediction", out _));
        Assert.False(line.TryGetProperty("version", out _));
        Assert.Equal("2026-01-02T03:04:05.6Z", line.GetProperty("timestamp").GetString());
    }

    [Fact]
    public void TimesAreWrittenInUtc()
    {
        var local = new DateTime(2026, 6, 1, 12, 0, 0, DateTimeKind.Local);
        var expected = local.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, Ndjson.FormatTime(local));
        Assert.Equal("2026-06-01T12:00:00Z", Ndjson.FormatTime(new DateTime(2026, 6, 1, 12, 0, 0, DateTimeKind.Unspecified)));
    }

    [Fact]
    public void OneLinePerEventInOrder()
    {
        var events = Enumerable.Range(0, 250).Select(i => new PredictionEvent($"e{i}", DateTime.UnixEpoch.AddHours(i), new Dictionary<string, object?> { ["x"] = i * 0.5 }, Score: i / 250.0));
        var lines = Lines(Ndjson.SerializePredictions(events));
        Assert.Equal(250, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            Assert.Equal($"e{i}", lines[i].GetProperty("id").GetString());
            Assert.Equal(i * 0.5, lines[i].GetProperty("features").GetProperty("x").GetDouble());
        }
    }

    [Theory]
    [InlineData("infinite feature")]
    [InlineData("infinite score")]
    [InlineData("empty id")]
    [InlineData("both scores")]
    [InlineData("unsupported type")]
    public void CallerMistakesThrowArgumentExceptionNamingTheEvent(string mistake)
    {
        var features = new Dictionary<string, object?> { ["x"] = 1.0 };
        var e = mistake switch
        {
            "infinite feature" => new PredictionEvent("bad", DateTime.UnixEpoch, new Dictionary<string, object?> { ["x"] = double.PositiveInfinity }),
            "infinite score" => new PredictionEvent("bad", DateTime.UnixEpoch, features, Score: double.NegativeInfinity),
            "empty id" => new PredictionEvent("", DateTime.UnixEpoch, features),
            "both scores" => new PredictionEvent("bad", DateTime.UnixEpoch, features, Score: 0.5, Scores: new Dictionary<string, double> { ["a"] = 0.5 }),
            _ => new PredictionEvent("bad", DateTime.UnixEpoch, new Dictionary<string, object?> { ["x"] = new object() }),
        };
        var good = new PredictionEvent("good", DateTime.UnixEpoch, features);
        var ex = Assert.ThrowsAny<ArgumentException>(() => Ndjson.SerializePredictions([good, e]));
        Assert.Contains("event 1", ex.Message);
    }

    [Fact]
    public void LabelsCarryIdLabelAndOptionalTime()
    {
        var lines = Lines(Ndjson.SerializeLabels([new LabelRecord("a", "1"), new LabelRecord("b", "0", new DateTime(2026, 2, 3, 0, 0, 0, DateTimeKind.Utc))]));
        Assert.Equal("a", lines[0].GetProperty("id").GetString());
        Assert.Equal("1", lines[0].GetProperty("label").GetString());
        Assert.False(lines[0].TryGetProperty("timestamp", out _));
        Assert.Equal("2026-02-03T00:00:00Z", lines[1].GetProperty("timestamp").GetString());
    }
}
