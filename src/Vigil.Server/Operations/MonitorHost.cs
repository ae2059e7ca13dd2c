using Microsoft.Extensions.Hosting;
using Vigil.Monitoring;

namespace Vigil.Server.Operations;

/// <summary>Runs <see cref="MonitorService.RunAsync"/> (window closing, alerts, triggers, webhooks) for the server's lifetime.</summary>
internal sealed class MonitorHost(MonitorService monitors) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => monitors.RunAsync(stoppingToken);
}
