using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Storage;
using static Vigil.Server.Tests.Ingest.IngestTestModel;

namespace Vigil.Server.Tests.Ingest;

/// <summary>Ingest end to end: a real Kestrel server on a temp DuckDB file, requests over loopback HTTP.</summary>
public sealed class IngestHttpTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private ServerHost _server = null!;
    private IVigilStore Store => _server.App.Services.GetRequiredService<IVigilStore>();

    public async Task InitializeAsync()
    {
        _db = TestDatabase.DuckDb();
        _server = await ServerHost.StartAsync(_db.Options());
        await CreateAsync(_server, "credit");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _db.DisposeAsync();
    }

    private Task<HttpResponseMessage> PostAsync(string body, string what = "predictions", string model = "credit", string contentType = "application/json") =>
        _server.Client.PostAsync($"/api/v1/models/{model}/{what}", new StringContent(body, Encoding.UTF8, contentType));

    [Fact]
    public async Task AcceptedEventsAreStoredWithTheirValuesAndResendingIsDuplicates()
    {
        var first = await (await PostAsync(Array("e", 0, 50))).JsonAsync(200);
        Assert.Equal(50, first.GetProperty("accepted").GetInt32());
        Assert.Equal(0, first.GetProperty("duplicates").GetInt32());
        Assert.Equal(0, first.GetProperty("rejected").GetArrayLength());

        var again = await (await PostAsync(Array("e", 40, 20))).JsonAsync(200); // e40..e49 already stored
        Assert.Equal(10, again.GetProperty("accepted").GetInt32());
        Assert.Equal(10, again.GetProperty("duplicates").GetInt32());
        Assert.Equal(60, await Store.Predictions.CountAsync("credit"));

        var rows = await Store.Predictions.ReadRangeAsync("credit", Time(0), Time(1000));
        Assert.Equal(60, rows.Count);
        var b = rows.Batch;
        int age = 0, income = 1, city = 2;
        for (int i = 0; i < rows.Count; i++)
        {
            int n = int.Parse(b.Ids[i].AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(Time(n), b.Timestamps[i]);
            Assert.Equal(20 + n % 50, b.Numeric[age]![i]);
            Assert.Equal(n * 1.5, b.Numeric[income]![i]);
            Assert.Equal("c" + (n % 3), b.Categorical[city]![i]);
            Assert.Equal((n % 10) / 10.0, b.Scores[i]);
        }
    }

    [Fact]
    public async Task NdjsonIsAcceptedLikeAnArray()
    {
        string nd = Event("n1", 1) + "\n" + Event("n2", 2) + "\n";
        var r = await (await PostAsync(nd, contentType: "application/x-ndjson")).JsonAsync(200);
        Assert.Equal(2, r.GetProperty("accepted").GetInt32());
        Assert.Equal(2, await Store.Predictions.CountAsync("credit"));
    }

    [Fact]
    public async Task PartialRejectsStoreTheRest()
    {
        string body = "[" + Event("p0", 0) + "," + Event("p1", 1, ", \"features\": {\"agee\": 3}") + ","
            + "{\"timestamp\": \"2026-11-27T00:00:00Z\"}," + Event("p3", 3, ", \"scores\": 2") + "," + Event("p4", 4) + "]";
        var r = await (await PostAsync(body)).JsonAsync(200);
        Assert.Equal(2, r.GetProperty("accepted").GetInt32());
        var rejected = r.GetProperty("rejected");
        Assert.Equal(3, rejected.GetArrayLength());
        Assert.Equal(1, rejected[0].GetProperty("index").GetInt32());
        Assert.Equal("p1", rejected[0].GetProperty("id").GetString());
        Assert.Equal("unknown feature 'agee'", rejected[0].GetProperty("reason").GetString());
        Assert.Equal("missing id", rejected[1].GetProperty("reason").GetString());
        Assert.StartsWith("score 2 outside", rejected[2].GetProperty("reason").GetString());
        Assert.Equal(2, await Store.Predictions.CountAsync("credit"));
    }

    [Fact]
    public async Task WholeRequestProblemsWriteNothing()
    {
        // valid events before the malformed spot must not be written
        var malformed = await (await PostAsync(Array("m", 0, 5)[..^1] + ", {\"id\": }]")).ProblemAsync(400);
        Assert.Contains("byte offset", malformed.GetProperty("detail").GetString());
        await (await PostAsync("id,timestamp\nx,2026-01-01")).ProblemAsync(400);
        await (await PostAsync(Array("big", 0, 10_001))).ProblemAsync(413);
        var huge = new StringBuilder("[");
        huge.Append(Event("h0", 0, ", \"pad\": \"" + new string('x', 17 * 1024 * 1024) + "\"")).Append(']');
        // Expect: 100-continue lets the server answer 413 from Content-Length before the 17 MB are sent
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/models/credit/predictions") { Content = Json(huge.ToString()) })
        {
            request.Headers.ExpectContinue = true;
            var tooLarge = await (await _server.Client.SendAsync(request)).ProblemAsync(413);
            Assert.Contains("16 MB", tooLarge.GetProperty("detail").GetString());
        }
        Assert.Equal(0, await Store.Predictions.CountAsync("credit"));

        var unknown = await (await PostAsync(Array("u", 0, 1), model: "nosuch")).ProblemAsync(404);
        Assert.Contains("nosuch", unknown.GetProperty("detail").GetString());
        await CreateAsync(_server, "bare", withMonitor: false);
        var noMonitor = await (await PostAsync(Array("u", 0, 1), model: "bare")).ProblemAsync(409);
        Assert.Contains("monitor", noMonitor.GetProperty("detail").GetString());
        // once the monitor exists (and the cache is told), the same request goes through
        await AddMonitorAsync(Store, "bare");
        _server.App.Services.GetService<Vigil.Server.Ingest.IngestSchemaCache>()?.Invalidate("bare");
        var ok = await (await PostAsync(Array("u", 0, 1), model: "bare")).JsonAsync(200);
        Assert.Equal(1, ok.GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task LabelsBeforeAndAfterTheirPredictionsAreJoined()
    {
        var early = await (await PostAsync("[{\"id\": \"l1\", \"label\": 1}, {\"id\": \"l2\", \"label\": \"0\"}, {\"label\": 1}]", "labels")).JsonAsync(200);
        Assert.Equal(2, early.GetProperty("stored").GetInt32());
        Assert.Equal(0, early.GetProperty("matched").GetInt32());
        Assert.Equal(2, early.GetProperty("pending").GetInt32());
        Assert.Equal("missing id", early.GetProperty("rejected")[0].GetProperty("reason").GetString());

        await (await PostAsync(Array("l", 1, 3))).JsonAsync(200); // l1, l2, l3
        var late = await (await PostAsync("{\"id\": \"l3\", \"label\": true}\n", "labels", contentType: "application/x-ndjson")).JsonAsync(200);
        Assert.Equal(1, late.GetProperty("matched").GetInt32());
        Assert.Equal(0, late.GetProperty("pending").GetInt32());

        var rows = await Store.Predictions.ReadRangeAsync("credit", Time(0), Time(100));
        var labels = new Dictionary<string, string?>();
        for (int i = 0; i < rows.Count; i++) labels[rows.Batch.Ids[i]] = rows.Labels[i];
        Assert.Equal("1", labels["l1"]);
        Assert.Equal("0", labels["l2"]);
        Assert.Equal("true", labels["l3"]);
        await (await PostAsync("[{\"id\": \"x\", \"label\": 1}]", "labels", model: "nosuch")).ProblemAsync(404);
    }

    [Fact]
    public async Task IngestMetricsReachPrometheus()
    {
        await (await PostAsync("[" + Event("m1", 1) + ", {\"id\": \"bad\"}]")).JsonAsync(200);
        string text = "";
        for (int attempt = 0; attempt < 20 && !text.Contains("vigil_events_rejected"); attempt++)
        {
            text = await _server.Client.GetStringAsync("/metrics");
            if (!text.Contains("vigil_events_rejected")) await Task.Delay(100);
        }
        Assert.Matches("(?m)^vigil_events_ingested_total\\{[^}]*model=\"credit\"[^}]*\\} 1$", text);
        Assert.Matches("(?m)^vigil_events_rejected_total\\{[^}]*model=\"credit\"[^}]*\\} 1$", text);
        Assert.Matches("(?m)^vigil_ingest_duration_seconds_bucket\\{[^}]*model=\"credit\"[^}]*le=\"0.005\"\\} \\d+$", text); // seconds buckets
    }
}
