using System.Text.Json;
using Vigil.TestSupport;

namespace Vigil.Server.Tests;

/// <summary>Monitor PUT/GET through the real MonitorService, and the model status it drives, on german_credit as reference.</summary>
public sealed class MonitorEndpointTests
{
    private static readonly string Reference = Convert.ToBase64String(File.ReadAllBytes(Paths.Data("german_credit", "german_credit_with_header.csv")));

    [Fact]
    public async Task PutMonitorStoresTheNormalisedConfigAndItsSchema()
    {
        await using var db = TestDatabase.DuckDb();
        await using var server = await ServerHost.StartAsync(db.Options());
        var c = server.Client;
        await (await c.PostJsonAsync("/api/v1/models", new { name = "credit", task = "binary", positive_label = "2" })).JsonAsync(201);
        await (await c.GetAsync("/api/v1/models/credit/monitor")).ProblemAsync(404);

        var config = new
        {
            reference = new { format = "csv", content_base64 = Reference },
            features = new[] { "age_years", "credit_amount", "purpose" },
            label = "class",
            window = "1d",
            alerts = new[] { new { name = "drift", expression = "drift_share > 0.3", @for = 2 } },
        };
        var monitor = await (await c.PutAsJsonAsync2("/api/v1/models/credit/monitor", config)).JsonAsync(200);
        Assert.Equal("credit", monitor.GetProperty("model").GetString());
        var schema = monitor.GetProperty("schema").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("kind").GetString());
        Assert.Equal("numeric", schema["age_years"]);
        Assert.Equal("numeric", schema["credit_amount"]);
        Assert.Equal("categorical", schema["purpose"]);
        Assert.Equal(3, schema.Count);

        var again = await (await c.GetAsync("/api/v1/models/credit/monitor")).JsonAsync(200);
        Assert.Equal(monitor.GetRawText(), again.GetRawText());
        var detail = await (await c.GetAsync("/api/v1/models/credit")).JsonAsync(200);
        Assert.Equal("no_traffic", detail.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Object, detail.GetProperty("monitor").ValueKind);
        await (await c.GetAsync("/api/v1/models/credit/windows")).JsonAsync(200);
        Assert.Empty((await (await c.GetAsync("/api/v1/alerts?model=credit&state=firing")).JsonAsync(200)).EnumerateArray());
        Assert.Empty((await (await c.GetAsync("/api/v1/models/credit/triggers")).JsonAsync(200)).EnumerateArray());
        var audit = await (await c.GetAsync("/api/v1/audit")).JsonAsync(200);
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "monitor.put" && e.GetProperty("target").GetString() == "model:credit");
    }

    [Theory]
    [InlineData("window", """{"format": "csv", "content_base64": "REF"}""", "\"window\": \"fortnight\"")]
    [InlineData("label", """{"format": "csv", "content_base64": "REF"}""", "\"window\": \"1d\", \"label\": \"no_such_column\"")]
    [InlineData("reference.dataset_id", """{"dataset_id": "nope"}""", "\"window\": \"1d\"")]
    public async Task ConfigErrorsAre400NamingTheJsonPath(string path, string reference, string rest)
    {
        await using var db = TestDatabase.DuckDb();
        await using var server = await ServerHost.StartAsync(db.Options());
        await (await server.Client.PostJsonAsync("/api/v1/models", new { name = "credit", task = "binary", positive_label = "2" })).JsonAsync(201);
        var body = $$"""{"reference": {{reference.Replace("REF", Reference)}}, {{rest}}}""";
        var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var p = await (await server.Client.PutAsync("/api/v1/models/credit/monitor", content)).ProblemAsync(400);
        Assert.StartsWith(path, p.GetProperty("detail").GetString());
        Assert.True(p.GetProperty("errors").TryGetProperty("$." + path, out _), p.GetRawText());
        await (await server.Client.GetAsync("/api/v1/models/credit/monitor")).ProblemAsync(404);
    }
}
