using System.Net;
using System.Text.RegularExpressions;
using Vigil.Server.Dashboard;

namespace Vigil.Dashboard.Tests;

/// <summary>HTTP-level checks of how the page shell and its assets are served, and of the sources' safety rules.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ShellTests(SampleServerFixture server) : IDisposable
{
    private readonly IDashboardHost host = server.Host;
    private readonly HttpClient http = new();

    public void Dispose() => http.Dispose();

    [Fact]
    public async Task ShellIsHtmlWithAStrictPolicyAndRevalidatedCaching()
    {
        using var res = await http.GetAsync(host.BaseUrl + "/");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal("text/html", res.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", res.Content.Headers.ContentType.CharSet);
        Assert.Contains("no-cache", res.Headers.CacheControl!.ToString());
        var csp = string.Join(";", res.Headers.GetValues("Content-Security-Policy"));
        // Scripts strictly from this origin; the one opening is inline styles (for stored reports shown from blob: URLs,
        // which inherit this policy) and frames from blob: only.
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("script-src 'self'", directives);
        Assert.Contains("default-src 'none'", directives);
        Assert.Contains("frame-src blob:", directives);
        Assert.Single(directives, d => d.Contains("unsafe-inline", StringComparison.Ordinal) && d.StartsWith("style-src ", StringComparison.Ordinal));
        Assert.Single(directives, d => d.Contains("unsafe-inline", StringComparison.Ordinal));
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", res.Headers.GetValues("X-Content-Type-Options").Single());
        var html = await res.Content.ReadAsStringAsync();
        Assert.Contains("/dashboard/" + DashboardEndpoints.BuildHash + "/js/main.js", html);
        Assert.DoesNotContain("{{BASE}}", html);
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotContain(" style=", html);

        using var again = new HttpRequestMessage(HttpMethod.Get, host.BaseUrl + "/");
        again.Headers.TryAddWithoutValidation("If-None-Match", res.Headers.ETag!.ToString());
        using var notModified = await http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Theory]
    [InlineData("js/main.js", "text/javascript")]
    [InlineData("js/charts.js", "text/javascript")]
    [InlineData("js/pages/model.js", "text/javascript")]
    [InlineData("app.css", "text/css")]
    [InlineData("icon.svg", "image/svg+xml")]
    public async Task AssetsHaveTheirContentTypeAndAreImmutableUnderTheBuildHash(string path, string mediaType)
    {
        using var res = await http.GetAsync($"{host.BaseUrl}/dashboard/{DashboardEndpoints.BuildHash}/{path}");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal(mediaType, res.Content.Headers.ContentType!.MediaType);
        Assert.Contains("immutable", res.Headers.CacheControl!.ToString());
        Assert.True(res.Headers.Contains("Content-Security-Policy"));

        using var stale = await http.GetAsync($"{host.BaseUrl}/dashboard/0123456789ab/{path}");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.DoesNotContain("immutable", stale.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task UnknownAssetIsA404ProblemDocument()
    {
        using var res = await http.GetAsync($"{host.BaseUrl}/dashboard/{DashboardEndpoints.BuildHash}/js/nope.js");
        Assert.Equal(HttpStatusCode.NotFound, res.StatusCode);
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public void ScriptsNeverWriteHtmlFromStrings()
    {
        var root = Path.Combine(Vigil.TestSupport.Paths.RepositoryRoot, "src", "Vigil.Server", "Dashboard", "wwwroot");
        var files = Directory.GetFiles(root, "*.js", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (var sink in new[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "setAttribute('style'" })
                Assert.False(text.Contains(sink, StringComparison.Ordinal), $"{Path.GetFileName(file)} uses {sink}");
        }
    }

    [GeneratedRegex("<script(?![^>]*\\ssrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
