using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Vigil.Client;
using Vigil.Demo;
using Vigil.Monitoring;
using Vigil.Server;
using Vigil.TestSupport;
using Xunit.Abstractions;

namespace Vigil.Dashboard.Tests;

/// <summary>
/// The real demo (<see cref="DemoRunner"/>, public API only, through <see cref="VigilClient"/>) played as fast as possible into
/// a real server on a temporary DuckDB file; ready once the server's own monitor has computed every day's window.
/// </summary>
public sealed class DemoServerFixture : IAsyncLifetime
{
    /// <summary>A shorter day than the default (400 events) keeps the test quick; the story is the same.</summary>
    public static readonly DemoScenario Scenario = new() { EventsPerDay = 200 };

    private WebApplication? app;
    private string? folder;

    public string BaseUrl { get; private set; } = "";
    public DateTime FirstDay { get; private set; }
    public List<string> Log { get; } = [];
    public TimeSpan DemoTime { get; private set; }

    public async Task InitializeAsync()
    {
        folder = Paths.TempFolder();
        var options = new ServerOptions(DatabasePath: Path.Combine(folder, "vigil.duckdb"), Urls: "http://127.0.0.1:0");
        app = await VigilServer.CreateAsync(options, b => b.Logging.ClearProviders());
        await app.StartAsync();
        BaseUrl = app.Urls.First(u => u.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)).TrimEnd('/');
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var client = new VigilClient(new Uri(BaseUrl));
        var now = DateTimeOffset.UtcNow;
        var runner = new DemoRunner(client, Scenario, line => { lock (Log) Log.Add(line); });
        FirstDay = runner.FirstDay(now);
        Assert.True(await runner.RunAsync(DemoPace.AsFastAsPossible, now));
        // Every day's window computed: the monitor has handled all ingest notices, and the windows list has all days.
        var monitor = app.Services.GetRequiredService<MonitorService>();
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (true)
        {
            await monitor.WaitIdleAsync(cts.Token);
            var windows = JsonNode.Parse(await http.GetStringAsync($"/api/v1/models/{DemoRunner.ModelName}/windows?fields=summary", cts.Token))!.AsArray();
            if (windows.Count >= Scenario.Days && windows.Take(Scenario.Days).All(w => (long)w!["events"]! > 0)) break;
            await Task.Delay(200, cts.Token);
        }
        DemoTime = clock.Elapsed;
    }

    public async Task DisposeAsync()
    {
        if (app is not null) { await app.StopAsync(); await app.DisposeAsync(); }
        if (folder is not null) try { Directory.Delete(folder, true); } catch (IOException) { }
    }
}

/// <summary>
/// The demo's story, seen in a real chromium: drift in income and debt_ratio from day 30 (and not before) on the heatmap,
/// the CBPE estimate falling while realised labels lag (none for the last 7 days), an alert that opens its window, a
/// retraining trigger with evidence, and the challenger's promotion with the gate's evidence.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DemoStoryTests(BrowserFixture browser, DemoServerFixture demo, ITestOutputHelper output) : IClassFixture<DemoServerFixture>
{
    private static readonly string Hash = "#/models/" + DemoRunner.ModelName;

    private async Task<JsonArray> WindowsAsync()
    {
        using var http = new HttpClient();
        return JsonNode.Parse(await http.GetStringAsync(demo.BaseUrl + $"/api/v1/models/{DemoRunner.ModelName}/windows?fields=summary"))!.AsArray();
    }

    private static int Day(JsonNode window, DateTime first) =>
        (int)Math.Round((DateTime.Parse((string)window["start"]!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal) - first).TotalDays);

    [Fact]
    public async Task HeatmapShowsDriftInIncomeAndDebtRatioFromDay30AndNotBefore()
    {
        output.WriteLine($"demo played and monitored in {demo.DemoTime.TotalSeconds:F1} s");
        await using var s = await PageSession.OpenAsync(browser.Browser, demo.BaseUrl, width: 1440, height: 900);
        await s.RunAsync(nameof(HeatmapShowsDriftInIncomeAndDebtRatioFromDay30AndNotBefore), async () =>
        {
            await s.GotoAsync(Hash);
            await s.ScreenshotAsync("demo-model");
            var windows = await WindowsAsync();
            var rows = (await s.Page.Locator(".heatmap .row-label").AllTextContentsAsync()).ToArray();
            int cols = await s.Page.Locator("svg.heatmap").EvaluateAsync<int>("svg => +svg.dataset.cols");
            Assert.Equal(windows.Count, cols);
            var fills = await DashboardPageTests.HeatmapFillsAsync(s.Page);
            var drifting = new[] { "income", "debt_ratio" };
            int rampEnd = DemoServerFixture.Scenario.DriftStartDay + DemoServerFixture.Scenario.DriftRampDays;
            foreach (var f in DemoScenario.Features)
            {
                int r = Array.IndexOf(rows, f);
                Assert.True(r >= 0, $"no heatmap row for {f}: {string.Join(", ", rows)}");
                var drawn = new List<string>();
                for (int c = 0; c < cols; c++)
                {
                    int day = Day(windows[c]!, demo.FirstDay);
                    if (day >= DemoServerFixture.Scenario.Days) continue; // trailing silent windows
                    string fill = fills[r * cols + c];
                    Assert.True(fill.StartsWith('#'), $"nothing drawn at {f} × day {day}: {fill}");
                    bool drawnDrift = Convert.ToInt32(fill.Substring(3, 2), 16) >= 150; // drifted cells: green–yellow half of viridis
                    drawn.Add(drawnDrift ? "D" : ".");
                    if (day < DemoServerFixture.Scenario.DriftStartDay)
                        Assert.False(drawnDrift && drifting.Contains(f), $"{f} drawn as drifted on day {day}, before the drift starts");
                    else if (day >= rampEnd && drifting.Contains(f))
                        Assert.True(drawnDrift, $"{f} not drawn as drifted on day {day}, after the ramp");
                }
                output.WriteLine($"{f,-14} {string.Concat(drawn)}");
                if (!drifting.Contains(f))
                {
                    // Features that do not move: at most the false-positive rate of a test at its threshold (a few days in 60).
                    Assert.True(drawn.Count(d => d == "D") <= 6, $"{f} drawn as drifted on {drawn.Count(d => d == "D")} days");
                }
            }
            Assert.Empty(s.Errors);
        });
    }

    [Fact]
    public async Task EstimateFallsBeforeTheRealisedMetricWhichIsMissingForTheLastSevenDays()
    {
        var windows = await WindowsAsync();
        int days = DemoServerFixture.Scenario.Days, delay = DemoServerFixture.Scenario.LabelDelayDays, drift = DemoServerFixture.Scenario.DriftStartDay;
        var byDay = windows.Where(w => Day(w!, demo.FirstDay) < days).ToDictionary(w => Day(w!, demo.FirstDay), w => w!);
        double? Realised(int d) => byDay[d]["realized"]?["roc_auc"]?.GetValue<double?>();
        double? Estimated(int d) => byDay[d]["estimated"]?["roc_auc"]?["value"]?.GetValue<double?>();
        for (int d = 0; d < days; d++)
            output.WriteLine($"day {d,2}: estimated {Estimated(d):F3} realised {Realised(d):F3} labeled {byDay[d]["labeled"]} drift: " +
                string.Join(" ", byDay[d]["drift"]!["columns"]!.AsArray().Select(c => $"{c!["column"]}:{c["method"]}:{(double)c["statistic"]!:G3}:p={c["p_value"]}:{c["drift"]}")));
        for (int d = days - delay; d < days; d++) Assert.Null(Realised(d));
        for (int d = 0; d < days - delay; d++) Assert.NotNull(Realised(d));
        double before = Enumerable.Range(drift - 10, 10).Average(d => Estimated(d)!.Value);
        double after = Enumerable.Range(days - delay, delay).Average(d => Estimated(d)!.Value);
        Assert.True(after < before - 0.03, $"estimated ROC AUC before the drift {before:F3}, in the unlabelled last days {after:F3}");

        await using var s = await PageSession.OpenAsync(browser.Browser, demo.BaseUrl, width: 1440, height: 900);
        await s.RunAsync(nameof(EstimateFallsBeforeTheRealisedMetricWhichIsMissingForTheLastSevenDays), async () =>
        {
            await s.GotoAsync(Hash);
            // The chart draws both series; the estimate reaches further right than the realised line (no labels yet).
            var perf = s.Page.Locator("#performance svg.chart");
            Assert.Equal(1, await perf.CountAsync());
            var extents = await perf.EvaluateAsync<double[]>(@"svg => {
                const lines = [...svg.querySelectorAll('path, polyline')].filter(p => p.getAttribute('stroke') && p.getAttribute('fill') === 'none');
                return lines.map(p => { const b = p.getBBox(); return b.x + b.width; }); }");
            output.WriteLine("line right ends: " + string.Join(", ", extents.Select(x => x.ToString("F0", CultureInfo.InvariantCulture))));
            Assert.True(extents.Length >= 2, "the performance chart draws a realised and an estimated line");
            Assert.True(extents.Max() - extents.Min() > 20, "the estimate reaches days the realised metric does not");
            Assert.Empty(s.Errors);
        });
    }

    [Fact]
    public async Task AnAlertIsListedAndClickingItOpensItsWindow()
    {
        await using var s = await PageSession.OpenAsync(browser.Browser, demo.BaseUrl, width: 1440, height: 900);
        await s.RunAsync(nameof(AnAlertIsListedAndClickingItOpensItsWindow), async () =>
        {
            await s.GotoAsync(Hash);
            var rows = s.Page.Locator("#alerts tbody tr");
            int n = await rows.CountAsync();
            output.WriteLine(string.Join("\n", await rows.AllTextContentsAsync()));
            Assert.True(n > 0, "the demo fires alerts");
            var rules = await s.Page.Locator("#alerts tbody tr td:first-child").AllTextContentsAsync();
            Assert.Contains("income drift", rules);
            var link = s.Page.Locator("#alerts tbody tr").Filter(new() { HasText = "income drift" }).First.Locator("a.alert-window");
            string href = (await link.GetAttributeAsync("href"))!;
            await link.ClickAsync();
            await s.Page.WaitForURLAsync("**/" + href);
            await s.WaitReadyAsync();
            var start = Uri.UnescapeDataString(href[(href.IndexOf("/windows/", StringComparison.Ordinal) + 9)..]);
            int day = (int)Math.Round((DateTime.Parse(start, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal) - demo.FirstDay).TotalDays);
            Assert.True(day >= DemoServerFixture.Scenario.DriftStartDay, $"income drift alert on day {day}");
            Assert.True(await s.Page.Locator("#window-detail").IsVisibleAsync());
            Assert.Contains("income drift", await s.Page.Locator("#window-detail").TextContentAsync());
            await s.ScreenshotAsync("demo-alert-window");
            Assert.Empty(s.Errors);
        });
    }

    [Fact]
    public async Task RetrainingTriggerAndPromotionShowTheirEvidence()
    {
        await using var s = await PageSession.OpenAsync(browser.Browser, demo.BaseUrl, width: 1440, height: 900);
        await s.RunAsync(nameof(RetrainingTriggerAndPromotionShowTheirEvidence), async () =>
        {
            await s.GotoAsync(Hash);
            var triggers = s.Page.Locator("#triggers tbody tr");
            Assert.True(await triggers.CountAsync() > 0, "the demo requests retraining");
            var first = triggers.First;
            await first.Locator("details summary").ClickAsync();
            var evidence = await first.Locator("details pre").TextContentAsync();
            output.WriteLine("trigger: " + await first.TextContentAsync());
            Assert.False(string.IsNullOrWhiteSpace(evidence));
            Assert.NotNull(JsonNode.Parse(evidence!));

            var history = s.Page.Locator("#registry table").Filter(new() { HasText = "Gate evidence" }).Locator("tbody tr");
            var promotions = history.Filter(new() { HasText = "champion" });
            output.WriteLine(string.Join("\n", await history.AllTextContentsAsync()));
            var gated = promotions.Filter(new() { Has = s.Page.Locator("details") });
            Assert.True(await gated.CountAsync() > 0, "the challenger's promotion to champion shows the gate's evidence");
            await gated.First.Locator("details summary").ClickAsync();
            var gate = await gated.First.Locator("details pre").TextContentAsync();
            Assert.Contains("roc_auc", gate);
            await s.ScreenshotAsync("demo-registry");
            Assert.Empty(s.Errors);
        });
    }
}
