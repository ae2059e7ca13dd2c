using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Vigil.Server.Security;

namespace Vigil.Server.Observability;

/// <summary>One structured log line and the request metrics per request (route template, not the raw path, as the tag).</summary>
internal sealed partial class RequestLogMiddleware(RequestDelegate next, ServerMetrics metrics, ILogger<RequestLogMiddleware> log)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(start);
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            if (route.Length > 1 && route.EndsWith('/')) route = route[..^1]; // group prefix + "" pattern
            var status = context.Response.StatusCode;
            var tags = new TagList { { "method", context.Request.Method }, { "route", route }, { "status", status } };
            metrics.Requests.Add(1, tags);
            metrics.Duration.Record(elapsed.TotalSeconds, tags);
            LogRequest(log, context.Request.Method, context.Request.Path, status, elapsed.TotalMilliseconds, context.Actor());
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} -> {Status} in {ElapsedMs:0.0} ms by {Actor}")]
    private static partial void LogRequest(ILogger logger, string method, string path, int status, double elapsedMs, string actor);
}
