using System.Text;

namespace Vigil.Server.Tests;

/// <summary>Every user mistake is an RFC 9457 problem naming what was wrong, never a stack trace.</summary>
public sealed class ProblemDetailsTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private ServerHost _server = null!;

    public async Task InitializeAsync()
    {
        _db = TestDatabase.DuckDb();
        _server = await ServerHost.StartAsync(_db.Options());
        await (await _server.Client.PostJsonAsync("/api/v1/models", new { name = "credit", task = "binary" })).JsonAsync(201);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task MalformedJsonIs400WithThePath()
    {
        var p = await (await _server.Client.PostRawAsync("/api/v1/models", """{"name": "x", "task": """)).ProblemAsync(400);
        Assert.Contains("$", p.GetProperty("detail").GetString());
        Assert.True(p.TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task UnknownFieldIs400NamingIt()
    {
        var p = await (await _server.Client.PostRawAsync("/api/v1/models", """{"name": "x", "task": "binary", "colour": "red"}""")).ProblemAsync(400);
        Assert.Contains("colour", p.GetProperty("detail").GetString());
        Assert.DoesNotContain("Vigil.Server", p.GetProperty("detail").GetString()); // no .NET type names
    }

    [Fact]
    public async Task MissingRequiredFieldIs400NamingIt()
    {
        var p = await (await _server.Client.PostRawAsync("/api/v1/models", """{"name": "x"}""")).ProblemAsync(400);
        Assert.Contains("task", p.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task WrongTypeIs400WithThePath()
    {
        var p = await (await _server.Client.PostRawAsync("/api/v1/models/credit/versions", """{"version": "v1", "tags": {"a": 3}}""")).ProblemAsync(400);
        Assert.Contains("$.tags.a", p.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("""{"name": "bad name!", "task": "binary"}""", "name")]
    [InlineData("""{"name": "ok", "task": "ranking"}""", "task")]
    [InlineData("""{"name": "ok", "task": "regression", "positive_label": "1"}""", "positive_label")]
    public async Task InvalidValuesAre400NamingTheField(string body, string field)
    {
        var p = await (await _server.Client.PostRawAsync("/api/v1/models", body)).ProblemAsync(400);
        Assert.Contains(field, p.GetProperty("detail").GetString());
        Assert.True(p.GetProperty("errors").TryGetProperty("$." + field, out _));
    }

    [Theory]
    [InlineData("/api/v1/models/nope")]
    [InlineData("/api/v1/models/nope/versions")]
    [InlineData("/api/v1/models/nope/windows")]
    [InlineData("/api/v1/models/nope/triggers")]
    [InlineData("/api/v1/models/credit/monitor")]
    [InlineData("/api/v1/reports/nope")]
    [InlineData("/api/v1/artifacts/0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("/api/v1/no-such-route")]
    public async Task UnknownThingsAre404Problems(string url)
    {
        var p = await (await _server.Client.GetAsync(url)).ProblemAsync(404);
        if (url.Contains("/models/nope")) Assert.Contains("'nope'", p.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task BadQueryParametersAre400()
    {
        await (await _server.Client.GetAsync("/api/v1/models/credit/windows?from=yesterday")).ProblemAsync(400);
        await (await _server.Client.GetAsync("/api/v1/alerts?state=sleeping")).ProblemAsync(400);
        await (await _server.Client.GetAsync("/api/v1/artifacts/xyz")).ProblemAsync(400);
    }

    [Fact]
    public async Task BodiesOverSixteenMegabytesAre413()
    {
        // Expect: 100-continue lets the server refuse before the client sends 17 MB into a closed connection.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/datasets?name=big.csv") { Content = new ByteArrayContent(new byte[17 * 1024 * 1024]) };
        request.Headers.ExpectContinue = true;
        var p = await (await _server.Client.SendAsync(request)).ProblemAsync(413);
        Assert.Contains("16 MB", p.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task UnreadableDatasetIs400()
    {
        var p = await (await _server.Client.PostAsync("/api/v1/datasets?name=x.parquet", new ByteArrayContent(Encoding.UTF8.GetBytes("PAR1 not really")))).ProblemAsync(400);
        Assert.Contains("x.parquet", p.GetProperty("detail").GetString());
        await (await _server.Client.PostAsync("/api/v1/datasets?name=empty.csv", new ByteArrayContent([]))).ProblemAsync(400);
    }

    [Fact]
    public async Task PromotionInputErrorsAre400()
    {
        await (await _server.Client.PostJsonAsync("/api/v1/models/credit/versions", new { version = "v1" })).JsonAsync(201);
        var csv = Convert.ToBase64String(Encoding.UTF8.GetBytes("y,s\n1,0.9\n0,0.1\n"));
        var p = await (await _server.Client.PostJsonAsync("/api/v1/models/credit/promote", new
        {
            version = "v1", evaluation_data = new { format = "csv", content_base64 = csv }, label = "y", candidate_score = "missing",
            gate = new { floors = new Dictionary<string, double> { ["roc_auc"] = 0.5 } },
        })).ProblemAsync(400);
        Assert.Contains("missing", p.GetProperty("detail").GetString());
        p = await (await _server.Client.PostJsonAsync("/api/v1/models/credit/promote", new
        {
            version = "v1", evaluation_data = new { format = "csv", content_base64 = csv }, label = "y", candidate_score = "s",
            gate = new { floors = new Dictionary<string, double> { ["roc_auc_typo"] = 0.5 } },
        })).ProblemAsync(400);
        Assert.Contains("roc_auc_typo", p.GetProperty("detail").GetString());
        await (await _server.Client.PostJsonAsync("/api/v1/models/credit/promote", new
        {
            version = "v1", evaluation_data = new { format = "csv", content_base64 = "!!!" }, label = "y", candidate_score = "s",
        })).ProblemAsync(400);
    }

    [Fact]
    public async Task ReportsRoundTrip()
    {
        var r = await (await _server.Client.PostJsonAsync("/api/v1/reports", new { model = "credit", kind = "drift", title = "Drift", html = "<h1>Drift</h1>", json = new { drift_share = 0.5 } })).JsonAsync(201);
        var id = r.GetProperty("id").GetString();
        var html = await _server.Client.GetAsync($"/api/v1/reports/{id}");
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Equal("<h1>Drift</h1>", await html.Content.ReadAsStringAsync());
        var json = await (await _server.Client.GetAsync($"/api/v1/reports/{id}/json")).JsonAsync(200);
        Assert.Equal(0.5, json.GetProperty("drift_share").GetDouble());
        var list = await (await _server.Client.GetAsync("/api/v1/reports?model=credit")).JsonAsync(200);
        Assert.Equal("Drift", Assert.Single(list.EnumerateArray()).GetProperty("title").GetString());
        await (await _server.Client.PostJsonAsync("/api/v1/reports", new { model = "nope", kind = "drift", title = "x", html = "x" })).ProblemAsync(404);
    }
}
