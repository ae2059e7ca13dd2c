using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigil.Server.Problems;
using Vigil.Storage;

namespace Vigil.Server.Observability;

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (the store answers a query).</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health");
        health.MapGet("/live", () => TypedResults.Ok(new LiveView("live"))).WithName("Live");
        health.MapGet("/ready", ReadyAsync).WithName("Ready");
        return app;
    }

    private static async Task<Ok<HealthView>> ReadyAsync(IVigilStore store, HttpContext context)
    {
        try
        {
            await store.Keys.AnyActiveAsync(context.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new ApiProblemException(503, "Not ready", $"the {store.Backend} store does not answer: {ProblemMiddleware.OneLine(ex.Message)}");
        }
        return TypedResults.Ok(new HealthView("ready", store.Backend));
    }
}

internal sealed record LiveView(string Status);

internal sealed record HealthView(string Status, string? Backend);
