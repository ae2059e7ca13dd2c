using Microsoft.AspNetCore.Routing;

namespace Vigil.Server.Ingest;

/// <summary>Prediction and label ingest routes (placeholder until the ingest work lands).</summary>
internal static class IngestEndpoints
{
    /// <summary>Maps <c>POST /models/{model}/predictions</c> and <c>/labels</c> on the <c>/api/v1</c> group.</summary>
    public static RouteGroupBuilder MapIngestEndpoints(this RouteGroupBuilder api) => api;
}
