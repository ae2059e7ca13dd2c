using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Vigil.Server.Problems;

/// <summary>Bodiless error statuses (no route, wrong method) as problem details with a detail line.</summary>
internal static class StatusCodeProblems
{
    public static async Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var detail = status switch
        {
            404 => $"no route {http.Request.Method} {http.Request.Path} (see /openapi/v1.json)",
            405 => $"{http.Request.Method} is not allowed on {http.Request.Path}",
            _ => $"the request to {http.Request.Path} failed with status {status}",
        };
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = ReasonPhrase(status), Detail = detail, Instance = http.Request.Path },
        });
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } r ? r : "Error";
}
