namespace Vigil.Dashboard.Tests;

/// <summary>A running server with the dashboard, seeded with <see cref="Data"/>.</summary>
public interface IDashboardHost : IAsyncDisposable
{
    string BaseUrl { get; }
    SampleData Data { get; }
}

/// <summary>
/// Starts the server the browser tests run against: the real server when it is in the tree (VIGIL_REAL_SERVER, set by
/// the project file), else the test-only sample API host.
/// </summary>
public static class DashboardHost
{
#if VIGIL_REAL_SERVER
    public const bool IsRealServer = true;
    public static async Task<IDashboardHost> StartAsync(SampleData data) => await RealServerHost.StartAsync(data);
#else
    public const bool IsRealServer = false;
    public static async Task<IDashboardHost> StartAsync(SampleData data) => await SampleApiHost.StartAsync(data);
#endif
}
