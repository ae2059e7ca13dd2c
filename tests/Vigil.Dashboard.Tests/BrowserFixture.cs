using Microsoft.Playwright;
using Vigil.TestSupport;

namespace Vigil.Dashboard.Tests;

/// <summary>
/// One headless Debian chromium (/usr/bin/chromium, no Playwright browser download) shared by the tests.
/// When chromium is missing the fixture fails every test with a message saying how to install it.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? playwright;
    private IBrowser? browser;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser did not start.");

    public static string ScreenshotFolder
    {
        get
        {
            var dir = Path.Combine(Paths.RepositoryRoot, "TestResults", "screenshots");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"Browser tests need Debian's chromium at {ChromiumPath}, which is missing. Install it with " +
                "'apt-get install -y chromium fonts-dejavu-core' (no Playwright browser download is used).");
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
        });
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>, ICollectionFixture<SampleServerFixture>
{
    public const string Name = "browser";
}
