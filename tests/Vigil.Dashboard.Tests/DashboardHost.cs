namespace Vigil.Dashboard.Tests;

/// <summary>A running server with the dashboard, seeded with <see cref="Data"/>.</summary>
public interface IDashboardHost : IAsyncDisposable
{
    string BaseUrl { get; }
    SampleData Data { get; }
}

/// <summary>Starts the server the browser tests run against: the real one (<see cref="RealServerHost"/>).</summary>
public static class DashboardHost
{
    public static async Task<IDashboardHost> StartAsync(SampleData data) => await RealServerHost.StartAsync(data);
}
