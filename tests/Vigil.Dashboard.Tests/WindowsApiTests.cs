using System.Net;
using System.Text.Json.Nodes;

namespace Vigil.Dashboard.Tests;

/// <summary>
/// The two window reads the model page uses, against the documents seeded into the real server's store: the summary
/// list (no distributions, no profile, everything else as stored) and one full window by its start.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WindowsApiTests(SampleServerFixture server)
{
    private static readonly string[] Large = ["distributions", "profile"];

    private async Task<(HttpStatusCode Status, JsonNode? Body)> GetAsync(string path)
    {
        using var http = new HttpClient();
        using var res = await http.GetAsync(server.Host.BaseUrl + path);
        var text = await res.Content.ReadAsStringAsync();
        return (res.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private IReadOnlyList<JsonObject> Seeded => server.Host.Data.Windows[SampleData.CreditModel];

    private JsonObject SeededAt(string start) =>
        Seeded.Single(w => DateTime.Parse((string)w["start"]!).ToUniversalTime() == DateTime.Parse(start).ToUniversalTime());

    [Fact]
    public async Task SummaryIsTheStoredWindowWithoutDistributionsAndProfile()
    {
        var (status, body) = await GetAsync($"/api/v1/models/{SampleData.CreditModel}/windows?fields=summary");
        Assert.Equal(HttpStatusCode.OK, status);
        var list = body!.AsArray();
        Assert.True(list.Count >= Seeded.Count);
        int matched = 0;
        foreach (var w in list)
        {
            var o = w!.AsObject();
            Assert.DoesNotContain(Large, o.ContainsKey);
            if (!Seeded.Any(x => DateTime.Parse((string)x["start"]!).ToUniversalTime() == DateTime.Parse((string)o["start"]!).ToUniversalTime())) continue; // silent windows the monitor added
            var seeded = SeededAt((string)o["start"]!);
            foreach (var (key, value) in seeded)
            {
                if (Large.Contains(key) || key is "start" or "end" or "computed_at") continue; // times: same instant, maybe another spelling
                Assert.True(JsonNode.DeepEquals(value, o[key]), $"window {o["start"]}: '{key}' is {o[key]?.ToJsonString()}, stored {value?.ToJsonString()}");
            }
            matched++;
        }
        Assert.Equal(Seeded.Count, matched);
    }

    [Fact]
    public async Task OneWindowByItsStartIsTheFullStoredWindow()
    {
        var seeded = Seeded[SampleData.DriftStart + 2];
        var (status, body) = await GetAsync($"/api/v1/models/{SampleData.CreditModel}/windows/{Uri.EscapeDataString((string)seeded["start"]!)}");
        Assert.Equal(HttpStatusCode.OK, status);
        var o = body!.AsObject();
        Assert.True(JsonNode.DeepEquals(seeded["distributions"], o["distributions"]));
        Assert.True(JsonNode.DeepEquals(seeded["profile"], o["profile"]));
        Assert.True(JsonNode.DeepEquals(seeded["drift"], o["drift"]));
        Assert.Equal(DateTime.Parse((string)seeded["start"]!).ToUniversalTime(), DateTime.Parse((string)o["start"]!).ToUniversalTime());

        // The full list carries the same document.
        var (_, all) = await GetAsync($"/api/v1/models/{SampleData.CreditModel}/windows?fields=all");
        var same = all!.AsArray().Single(w => (string)w!["start"]! == (string)o["start"]!);
        Assert.True(JsonNode.DeepEquals(o, same));
    }

    [Theory]
    [InlineData("/windows?fields=everything", HttpStatusCode.BadRequest, "fields")]
    [InlineData("/windows/not-a-time", HttpStatusCode.BadRequest, "start")]
    [InlineData("/windows/1999-01-01T00:00:00Z", HttpStatusCode.NotFound, "no window")]
    public async Task MistakesAreProblemDetails(string path, HttpStatusCode expected, string mentioned)
    {
        var (status, body) = await GetAsync($"/api/v1/models/{SampleData.CreditModel}" + path);
        Assert.Equal(expected, status);
        Assert.Contains(mentioned, body!["detail"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownModelIs404()
    {
        var (status, _) = await GetAsync("/api/v1/models/no-such-model/windows/2026-10-01T00:00:00Z");
        Assert.Equal(HttpStatusCode.NotFound, status);
    }
}
