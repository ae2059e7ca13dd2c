using Microsoft.Playwright;

namespace Vigil.Dashboard.Tests;

/// <summary>
/// A fresh browser context and page on a server, recording console errors, uncaught exceptions and failed
/// requests; <see cref="RunAsync"/> saves a screenshot to TestResults/screenshots when the test body throws.
/// </summary>
public sealed class PageSession : IAsyncDisposable
{
    private readonly IBrowserContext context;
    private readonly List<string> errors = [];
    private readonly Func<string, bool> allowed;

    private PageSession(IBrowserContext context, IPage page, string baseUrl, Func<string, bool>? allowed)
    {
        this.context = context;
        Page = page;
        BaseUrl = baseUrl;
        this.allowed = allowed ?? (_ => false);
    }

    public IPage Page { get; }
    public string BaseUrl { get; }

    /// <summary>Console errors, page errors and failed requests seen so far (minus the allowed ones).</summary>
    public IReadOnlyList<string> Errors { get { lock (errors) return errors.ToList(); } }

    public static async Task<PageSession> OpenAsync(IBrowser browser, string baseUrl, Func<string, bool>? allowed = null, int width = 1280, int height = 900)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        var session = new PageSession(context, page, baseUrl, allowed);
        page.Console += (_, msg) => { if (msg.Type == "error") session.Record("console: " + msg.Text); };
        page.PageError += (_, err) => session.Record("page error: " + err);
        page.RequestFailed += (_, req) => session.Record("request failed: " + req.Url + " " + req.Failure);
        page.Response += (_, res) => { if (res.Status >= 400) session.Record($"HTTP {res.Status}: {res.Url}"); };
        return session;
    }

    private void Record(string text)
    {
        if (allowed(text)) return;
        // A stored report's script refused by the report viewer's sandbox is the viewer working (the sample report has one).
        if (text.StartsWith("console: Blocked script execution in 'blob:", StringComparison.Ordinal) && text.Contains("sandboxed", StringComparison.Ordinal)) return;
        lock (errors) errors.Add(text);
    }

    /// <summary>Opens base URL + "/" + hash and waits until the page signals it has drawn everything.</summary>
    public async Task GotoAsync(string hash)
    {
        await Page.GotoAsync(BaseUrl + "/" + hash);
        await WaitReadyAsync();
    }

    /// <summary>Waits until the page has drawn the route now in the address bar.</summary>
    public Task WaitReadyAsync(float timeoutMs = 20000) =>
        Page.WaitForFunctionAsync(
            "() => document.documentElement.dataset.ready === 'true' && document.documentElement.dataset.readyRoute === location.hash",
            null, new PageWaitForFunctionOptions { Timeout = timeoutMs, PollingInterval = 20 });

    /// <summary>Runs the body; on failure saves a full-page screenshot named after the test, then rethrows.</summary>
    public async Task RunAsync(string name, Func<Task> body)
    {
        try
        {
            await body();
        }
        catch
        {
            await ScreenshotAsync("FAILED-" + name);
            throw;
        }
    }

    /// <summary>Saves a full-page screenshot under TestResults/screenshots and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var file = Path.Combine(BrowserFixture.ScreenshotFolder, Sanitize(name) + ".png");
        try { await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true }); } catch (PlaywrightException) { /* page gone */ }
        return file;
    }

    private static string Sanitize(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
