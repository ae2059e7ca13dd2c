using System.Globalization;
using Microsoft.Playwright;

namespace Vigil.Dashboard.Tests;

/// <summary>The sample content seeded into a real server (temporary DuckDB, 127.0.0.1 port 0), one for the whole browser collection.</summary>
public sealed class SampleServerFixture : IAsyncLifetime
{
    public IDashboardHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await DashboardHost.StartAsync(SampleData.Create());

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>
/// The dashboard's pages in a real chromium against the real server: every page loads without console
/// errors, the seeded drift shows on the heatmap, clicks on a model, a heatmap cell and an alert navigate, and
/// data text never becomes markup.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardPageTests(BrowserFixture browser, SampleServerFixture server)
{
    private string BaseUrl => server.Host.BaseUrl;
    private SampleData Data => server.Host.Data;

    private async Task<System.Text.Json.Nodes.JsonNode> ApiAsync(string path)
    {
        using var http = new HttpClient();
        return System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync(BaseUrl + path))!;
    }

    private string WindowStart(int index) => (string)Data.Windows[SampleData.CreditModel][index]["start"]!;

    public static TheoryData<string, string> Pages => new()
    {
        { "models", "#/" },
        { "model", "#/models/credit" },
        { "model-window", "#/models/credit/windows/2026-10-10T00:00:00Z" },
        { "model-window-feature", "#/models/credit/windows/2026-10-10T00:00:00Z/features/income" },
        { "model-idle", "#/models/churn" },
        { "alerts", "#/alerts" },
        { "reports", "#/reports" },
        { "audit", "#/audit" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task EveryPageLoadsWithNoConsoleErrors(string name, string hash)
    {
        await using var s = await PageSession.OpenAsync(browser.Browser, BaseUrl);
        await s.RunAsync("page-" + name, async () =>
        {
            await s.GotoAsync(hash);
            var h1 = await s.Page.Locator("main h1").First.TextContentAsync();
            Assert.False(string.IsNullOrWhiteSpace(h1));
            Assert.False(await s.Page.Locator("#key-dialog").IsVisibleAsync(), "no key prompt on a server without keys");
            Assert.Equal(0, await s.Page.Locator("main [role=alert]").CountAsync());
            await s.ScreenshotAsync("page-" + name);
            Assert.Empty(s.Errors);
        });
    }

    [Fact]
    public async Task ModelsListShowsStatusAndLastWindowPerModel()
    {
        await using var s = await PageSession.OpenAsync(browser.Browser, BaseUrl);
        await s.RunAsync(nameof(ModelsListShowsStatusAndLastWindowPerModel), async () =>
        {
            await s.GotoAsync("#/");
            // Each row shows the status the API computed for that model.
            var models = (await ApiAsync("/api/v1/models")).AsArray();
            Assert.Equal(models.Count, await s.Page.Locator("tr[data-model]").CountAsync());
            foreach (var m in models)
            {
                var status = ((string)m!["status"]!).Replace('_', ' ');
                Assert.Equal(status, (await s.Page.Locator($"tr[data-model={(string)m["name"]!}] .badge").TextContentAsync())!.Trim());
            }
            var credit = s.Page.Locator("tr[data-model=credit]");
            Assert.Equal("drifting", (await credit.Locator(".badge").TextContentAsync())!.Trim());
            var lastStart = DateTime.Parse(WindowStart(SampleData.CreditWindows - 1), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
            Assert.Contains(lastStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), await credit.TextContentAsync());
            Assert.Empty(s.Errors);
        });
    }

    [Fact]
    public async Task ClickingAModelOpensItsPage()
    {
        await using var s = await PageSession.OpenAsync(browser.Browser, BaseUrl);
        await s.RunAsync(nameof(ClickingAModelOpensItsPage), async () =>
        {
            await s.GotoAsync("#/");
            await s.Page.GetByRole(AriaRole.Link, new() { Name = "credit", Exact = true }).ClickAsync();
            await s.Page.WaitForURLAsync("**/#/models/credit");
            await s.WaitReadyAsync();
            Assert.StartsWith("credit", (await s.Page.Locator("main h1").TextContentAsync())!.Trim());
            Assert.Equal(1, await s.Page.Locator("#feature-drift svg.heatmap").CountAsync());
            Assert.Empty(s.Errors);
        });
    }

    [Fact]
    public async Task HeatmapShowsTheSeededDriftWhereItIsAndNowhereElse()
    {
        await using var s = await PageSession.OpenAsync(browser.Browser, BaseUrl);
        await s.RunAsync(nameof(HeatmapShowsTheSeededDriftWhereItIsAndNowhereElse), async () =>
        {
            await s.GotoAsync("#/models/credit");
            var fills = await HeatmapFillsAsync(s.Page);
            var features = SampleData.CreditFeatures.Select(f => f.Name).ToArray();
            Assert.Equal(features.Length * SampleData.CreditWindows, fills.Length);
            var rowNames = await s.Page.Locator(".heatmap .row-label").AllTextContentsAsync();
            Assert.Equal(features, rowNames);
            for (int r = 0; r < features.Length; r++)
            {
                for (int c = 0; c < SampleData.CreditWindows; c++)
                {
                    // The seeded drift records: drifting features from window DriftStart on.
                    var record = Data.Windows[SampleData.CreditModel][c]["drift"]!["columns"]!.AsArray().First(x => (string?)x!["column"] == features[r])!;
                    bool expected = (bool)record["drift"]!;
                    Assert.Equal(c >= SampleData.DriftStart && SampleData.DriftingFeatures.Contains(features[r]), expected);
                    // What is drawn at that cell: drifted cells sit in the green–yellow half of viridis, the rest in the purple–teal half.
                    string fill = fills[r * SampleData.CreditWindows + c];
                    Assert.True(fill.StartsWith('#'), $"nothing drawn at {features[r]} × window {c}: {fill}");
                    int green = Convert.ToInt32(fill.Substring(3, 2), 16);
                    Assert.True(expected ? green >= 150 : green < 150, $"cell {features[r]} × window {c} (drift {expected}) is drawn {fill}");
                }
            }
            Assert.Empty(s.Errors);
        });
    }

    /// <summary>The fill drawn at the centre of every heatmap cell (row-major), found with elementFromPoint.</summary>
    internal static async Task<string[]> HeatmapFillsAsync(IPage page) =>
        await page.Locator("svg.heatmap").EvaluateAsync<string[]>(@"svg => {
            svg.scrollIntoView({ block: 'center' });
            const b = svg.getBoundingClientRect(), scale = b.width / svg.viewBox.baseVal.width, d = svg.dataset;
            const out = [];
            for (let r = 0; r < +d.rows; r++) for (let c = 0; c < +d.cols; c++) {
                const x = b.left + (+d.left + (c + 0.5) * +d.cw) * scale, y = b.top + (+d.top + (r + 0.5) * +d.ch - 0.5) * scale;
                const el = document.elementFromPoint(x, y);
                out.push(el && el.classList.contains('cell') ? el.getAttribute('fill') : 'none:' + (el ? el.tagName : 'null'));
            }
            return out; }");

    /// <summary>Clicks the centre of a heatmap cell (position relative to the svg, so scrolling cannot move the target).</summary>
    internal static async Task ClickHeatmapCellAsync(IPage page, int r, int c)
    {
        var heat = page.Locator("svg.heatmap");
        var xy = await heat.EvaluateAsync<float[]>(@"(svg, rc) => {
            const b = svg.getBoundingClientRect(), scale = b.width / svg.viewBox.baseVal.width, d = svg.dataset;
            return [(+d.left + (rc[1] + 0.5) * +d.cw) * scale, (+d.top + (rc[0] + 0.5) * +d.ch - 0.5) * scale]; }", new[] { r, c });
        await heat.ClickAsync(new LocatorClickOptions { Position = new Position { X = xy[0], Y = xy[1] } });
    }

    [Fact]
    public async Task ClickingAHeatmapCellShowsThatWindowsTwoDistributions()
    {
        await using var s = await PageSession.OpenAsync(browser.Browser, BaseUrl);
        await s.RunAsync(nameof(ClickingAHeatmapCellShowsThatWindowsTwoDistributions), async () =>
        {
            await s.GotoAsync("#/models/credit");
            int row = Array.FindIndex(SampleData.CreditFeatures, f => f.Name == "income"), col = 40;
            await ClickHeatmapCellAsync(s.Page, row, col);
            await s.Page.WaitForURLAsync($"**/#/models/credit/windows/{Uri.EscapeDataString(WindowStart(col))}/features/income");
            await s.WaitReadyAsync();
            var section = s.Page.Locator("#feature-distribution");
            Assert.Contains("income", await section.Locator("h3").TextContentAsync());
            // Two series (reference, current) × 10 bins, as stored in the window's distributions.
            var dist = Data.Windows[SampleData.CreditModel][col]["distributions"]!["income"]!;
            int bins = dist["reference"]!.AsArray().Count;
            Assert.Equal(2 * bins, await section.Locator("svg.chart g rect").CountAsync());
            Assert.Contains(WindowStart(col)[..10], await s.Page.Locator("#window-detail-title").TextContentAsync());
            Assert.Empty(s.Errors);
        });
    }

    [Fact]
    public async Task HeatmapCellsAreReachableByKeyboardAndEnterOpensOne()
    {
        await using var s = await PageSession.OpenAsync(browser.Browser, BaseUrl);
        await s.RunAsync(nameof(HeatmapCellsAreReachableByKeyboardAndEnterOpensOne), async () =>
        {
            await s.GotoAsync("#/models/credit");
            await s.Page.Locator(".heatmap .cursor").FocusAsync();
            Assert.Equal("0,0", await s.Page.EvaluateAsync<string>("() => document.activeElement.getAttribute('data-rc')"));
            await s.Page.Keyboard.PressAsync("ArrowDown");
            await s.Page.Keyboard.PressAsync("ArrowRight");
            await s.Page.Keyboard.PressAsync("ArrowRight");
            var focused = await s.Page.EvaluateAsync<string>("() => document.activeElement.getAttribute('data-rc')");
            Assert.Equal("1,2", focused);
            Assert.Contains("income", await s.Page.EvaluateAsync<string>("() => document.activeElement.getAttribute('aria-label')"));
            await s.Page.Keyboard.PressAsync("Enter");
            await s.Page.WaitForURLAsync($"**/#/models/credit/windows/{Uri.EscapeDataString(WindowStart(2))}/features/income");
            await s.WaitReadyAsync();
            Assert.Equal(1, await s.Page.Locator("#feature-distribution").CountAsync());
            Assert.Empty(s.Errors);
        });
    }

    [Fact]
    public async Task ClickingAnAlertOpensTheWindowThatFiredIt()
    {
        await using var s = await PageSession.OpenAsync(browser.Browser, BaseUrl);
        await s.RunAsync(nameof(ClickingAnAlertOpensTheWindowThatFiredIt), async () =>
        {
            await s.GotoAsync("#/alerts");
            var alert = Data.Alerts.First(a => (string?)a["state"] == "firing");
            var start = (string)alert["window_start"]!;
            await s.Page.Locator($"tr[data-alert='{alert["id"]!.ToJsonString()}'] a.alert-window").ClickAsync();
            await s.Page.WaitForURLAsync($"**/#/models/credit/windows/{Uri.EscapeDataString(start)}");
            await s.WaitReadyAsync();
            Assert.Contains(start[..10], await s.Page.Locator("#window-detail-title").TextContentAsync());
            Assert.True(await s.Page.Locator("#window-detail-title").EvaluateAsync<bool>("e => document.activeElement === e"), "the window heading takes focus");
            Assert.Contains("drift_share > 0.2", await s.Page.Locator("#window-detail").TextContentAsync());
            Assert.Empty(s.Errors);
        });
    }

    [Fact]
    public async Task TextFromTheApiIsNeverInterpretedAsMarkup()
    {
        await using var s = await PageSession.OpenAsync(browser.Browser, BaseUrl);
        await s.RunAsync(nameof(TextFromTheApiIsNeverInterpretedAsMarkup), async () =>
        {
            await s.GotoAsync("#/models/credit/windows/2026-10-10T00:00:00Z/features/region");
            Assert.Contains("<b>risk</b>", await s.Page.Locator("main").TextContentAsync());
            Assert.Equal(0, await s.Page.Locator("main b, main i, main script").CountAsync());
            var firing = s.Page.Locator($"#alerts tr[data-alert='{Data.Alerts.First(a => (string?)a["state"] == "firing")["id"]!.ToJsonString()}']");
            await firing.Locator("details summary").ClickAsync();
            Assert.Contains("<script>alert(1)</script>", await firing.Locator("details pre").TextContentAsync());
            Assert.Contains("<i>other</i>", await s.Page.Locator("#feature-distribution svg.chart").TextContentAsync());
            Assert.Empty(s.Errors);
        });
    }

    [Fact]
    public async Task ModelPageShowsVersionsAliasesAndPromotionHistoryWithEvidence()
    {
        await using var s = await PageSession.OpenAsync(browser.Browser, BaseUrl);
        await s.RunAsync(nameof(ModelPageShowsVersionsAliasesAndPromotionHistoryWithEvidence), async () =>
        {
            await s.GotoAsync("#/models/credit");
            var registry = s.Page.Locator("#registry");
            var text = await registry.TextContentAsync();
            Assert.Contains("champion", text);
            Assert.Contains("rollback", text);
            Assert.Contains("promote", text);
            await registry.GetByText("Gate passed").ClickAsync();
            Assert.Contains("roc_auc", await registry.Locator("details[open] pre").TextContentAsync());
            Assert.Contains("drift in 2 consecutive windows", await s.Page.Locator("#triggers").TextContentAsync());
            Assert.Empty(s.Errors);
        });
    }

    [Fact]
    public async Task AuditPageShowsVerificationAndEntries()
    {
        await using var s = await PageSession.OpenAsync(browser.Browser, BaseUrl);
        await s.RunAsync(nameof(AuditPageShowsVerificationAndEntries), async () =>
        {
            await s.GotoAsync("#/audit");
            Assert.Equal("Chain verified", (await s.Page.Locator("#audit-verify h2").TextContentAsync())!.Trim());
            var entries = (await ApiAsync("/api/v1/audit")).AsArray();
            Assert.NotEmpty(entries);
            Assert.Equal(entries.Count, await s.Page.Locator("main table tbody tr").CountAsync());
            Assert.Empty(s.Errors);
        });
    }

    [Fact]
    public async Task ReportsOpenInsideTheDashboardInASandboxedFrame()
    {
        await using var s = await PageSession.OpenAsync(browser.Browser, BaseUrl);
        await s.RunAsync(nameof(ReportsOpenInsideTheDashboardInASandboxedFrame), async () =>
        {
            await s.GotoAsync("#/reports");
            Assert.Equal(Data.Reports.Count, await s.Page.Locator("button.report-open").CountAsync());
            await s.Page.Locator("tr", new() { HasText = "Drift September vs reference" }).Locator("button.report-open").ClickAsync();
            await ReportViewerShowsAsync(s.Page, "Drift report");
            Assert.Empty(s.Errors);
        });
    }

    [Fact]
    public async Task ModelPageListsItsOwnReports()
    {
        await using var s = await PageSession.OpenAsync(browser.Browser, BaseUrl);
        await s.RunAsync(nameof(ModelPageListsItsOwnReports), async () =>
        {
            await s.GotoAsync("#/models/credit");
            var own = Data.Reports.Where(r => (string?)r["model"] == SampleData.CreditModel).Select(r => (string)r["title"]!).ToArray();
            Assert.NotEmpty(own);
            var rows = await s.Page.Locator("#model-reports tbody tr").AllTextContentsAsync();
            Assert.Equal(own.Length, rows.Count);
            foreach (var t in own) Assert.Contains(rows, r => r.Contains(t, StringComparison.Ordinal));
            await s.Page.Locator("#model-reports button.report-open").First.ClickAsync();
            await ReportViewerShowsAsync(s.Page, "Drift report");
            await s.ScreenshotAsync("model-report-open");
            Assert.Empty(s.Errors);
        });
    }

    /// <summary>
    /// The report is in the viewer's frame from a blob: URL, its inline style applied and its script not run (the frame is
    /// sandboxed without allow-scripts).
    /// </summary>
    internal static async Task ReportViewerShowsAsync(IPage page, string heading)
    {
        var frameEl = page.Locator("#report-viewer iframe.report-frame");
        await frameEl.WaitForAsync();
        Assert.StartsWith("blob:", await frameEl.GetAttributeAsync("src"));
        Assert.Equal("", await frameEl.GetAttributeAsync("sandbox"));
        var frame = page.FrameLocator("#report-viewer iframe.report-frame");
        var h1 = frame.Locator("h1");
        await h1.WaitForAsync();
        Assert.Equal(heading, await h1.TextContentAsync());
        Assert.Equal("rgb(1, 2, 3)", await h1.EvaluateAsync<string>("e => getComputedStyle(e).color"));
        Assert.NotEqual("script ran", await frame.Locator("title").TextContentAsync());
    }
}
