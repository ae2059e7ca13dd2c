using Microsoft.Playwright;

namespace Vigil.Dashboard.Tests;

/// <summary>On a server that requires keys the page asks for one after the API's 401, keeps it for the tab, and retries.</summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyPromptTests(BrowserFixture browser, KeyedServerFixture server) : IClassFixture<KeyedServerFixture>
{
    private (IDashboardHost Host, string Key) StartWithKey() => (server.Host, server.Key);

    private static bool Expected401(string text) => text.Contains("401", StringComparison.Ordinal);

    [Fact]
    public async Task KeyPromptAppearsOn401AndTheEnteredKeyIsUsedAndKeptForTheTab()
    {
        var (host, key) = StartWithKey();
        await using var s = await PageSession.OpenAsync(browser.Browser, host.BaseUrl, Expected401);
        await s.RunAsync(nameof(KeyPromptAppearsOn401AndTheEnteredKeyIsUsedAndKeptForTheTab), async () =>
        {
            await s.Page.GotoAsync(host.BaseUrl + "/#/");
            var dialog = s.Page.Locator("#key-dialog");
            await dialog.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
            Assert.Equal(0, await s.Page.Locator("tr[data-model]").CountAsync());

            await s.Page.FillAsync("#key-input", "vgl_wrong_key");
            await s.Page.Keyboard.PressAsync("Enter");
            await s.Page.Locator("#key-error").Filter(new() { HasText = "not accepted" }).WaitForAsync();
            Assert.True(await dialog.IsVisibleAsync());

            await s.Page.FillAsync("#key-input", key);
            await s.Page.ClickAsync("#key-form button[type=submit]");
            await s.WaitReadyAsync();
            Assert.False(await dialog.IsVisibleAsync());
            Assert.Equal(2, await s.Page.Locator("tr[data-model]").CountAsync());
            Assert.Equal(key, await s.Page.EvaluateAsync<string>("() => sessionStorage.getItem('vigil.apiKey')"));

            // The key is kept for the tab: a reload and another page need no prompt.
            await s.Page.ReloadAsync();
            await s.WaitReadyAsync();
            await s.GotoAsync("#/models/credit");
            Assert.False(await dialog.IsVisibleAsync());
            Assert.Equal(1, await s.Page.Locator("svg.heatmap").CountAsync());

            // A stored report opens with the key (fetched with the bearer token, shown from a blob: URL).
            await s.Page.Locator("#model-reports button.report-open").First.ClickAsync();
            await DashboardPageTests.ReportViewerShowsAsync(s.Page, "Drift report");
            Assert.Empty(s.Errors);
        });
    }

    [Fact]
    public async Task CancellingThePromptShowsWhyThePageIsEmpty()
    {
        var (host, _) = StartWithKey();
        await using var s = await PageSession.OpenAsync(browser.Browser, host.BaseUrl, Expected401);
        await s.RunAsync(nameof(CancellingThePromptShowsWhyThePageIsEmpty), async () =>
        {
            await s.Page.GotoAsync(host.BaseUrl + "/#/alerts");
            await s.Page.Locator("#key-dialog").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
            await s.Page.ClickAsync("#key-cancel");
            await s.WaitReadyAsync();
            Assert.Contains("requires an API key", await s.Page.Locator("main [role=alert]").TextContentAsync());
            Assert.Empty(s.Errors);
        });
    }
}

/// <summary>One server that requires keys (a read key created through the admin API), shared by the key prompt tests.</summary>
public sealed class KeyedServerFixture : IAsyncLifetime
{
    public IDashboardHost Host { get; private set; } = null!;
    public string Key { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var host = await RealServerHost.StartAsync(SampleData.Create());
        Host = host;
        Key = await host.CreateKeyAsync("read");
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
