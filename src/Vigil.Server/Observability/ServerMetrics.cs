using System.Diagnostics.Metrics;

namespace Vigil.Server.Observability;

/// <summary>
/// The server's own instruments on meter <c>Vigil.Server</c> (exported at <c>/metrics</c> with <c>Vigil.Ingest</c> and
/// <c>Vigil.Monitoring</c>): requests by route and status, request duration, authentication failures, promotions by outcome.
/// </summary>
internal sealed class ServerMetrics
{
    public const string MeterName = "Vigil.Server";

    public ServerMetrics(IMeterFactory factory)
    {
        var meter = factory.Create(MeterName);
        Requests = meter.CreateCounter<long>("vigil.server.requests", "{request}", "HTTP requests answered, by method, route and status code");
        Duration = meter.CreateHistogram<double>("vigil.server.request.duration", "s", "Time to answer an HTTP request");
        AuthFailures = meter.CreateCounter<long>("vigil.server.auth.failures", "{request}", "Requests refused for a missing, unknown, revoked or too weak key");
        Promotions = meter.CreateCounter<long>("vigil.server.promotions", "{promotion}", "Promotion attempts, by outcome (promoted or rejected)");
    }

    public Counter<long> Requests { get; }
    public Histogram<double> Duration { get; }
    public Counter<long> AuthFailures { get; }
    public Counter<long> Promotions { get; }
}
