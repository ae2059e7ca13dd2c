using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Vigil.Core.Data;
using Vigil.Monitoring.Configuration;

namespace Vigil.Server.Problems;

/// <summary>
/// The one place errors become RFC 9457 problem details: <see cref="ApiProblemException"/> as given, bad request bodies
/// (malformed JSON, unknown or missing fields, too large) as 400/413 naming the JSON path, data-file problems as 400,
/// and anything else as a one-line 500 (the exception is logged with its stack trace; the client never sees it).
/// </summary>
internal sealed partial class ProblemMiddleware(RequestDelegate next, IProblemDetailsService problems, ILogger<ProblemMiddleware> log)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: nothing to answer.
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            var (status, title, detail, errors) = Describe(ex, context);
            context.Response.Clear();
            context.Response.StatusCode = status;
            var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Instance = context.Request.Path };
            if (errors is not null) problem.Extensions["errors"] = errors;
            await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
        }
    }

    private (int Status, string Title, string Detail, IReadOnlyDictionary<string, string[]>? Errors) Describe(Exception ex, HttpContext context)
    {
        switch (ex)
        {
            case ApiProblemException p:
                return (p.Status, p.Title, p.Message, p.Errors);
            case BadHttpRequestException b when Find<JsonException>(b) is { } json:
                return JsonProblem(json);
            case JsonException json:
                return JsonProblem(json);
            case BadHttpRequestException b when b.StatusCode == StatusCodes.Status413PayloadTooLarge:
                return (413, "Payload too large", $"the request body exceeds the limit of {VigilServer.MaxRequestBodyBytes / (1024 * 1024)} MB", null);
            case BadHttpRequestException b:
                return (b.StatusCode, "Bad request", OneLine(b.Message), null);
            case MonitorConfigException m:
                var field = string.IsNullOrEmpty(m.Path) ? "$" : "$." + m.Path;
                return (400, "Invalid monitor configuration", OneLine(m.Message), new Dictionary<string, string[]> { [field] = [m.Problem] });
            case DataFormatException d:
                return (400, "Bad data", OneLine(d.Message), null);
            case InvalidDataException d:
                return (400, "Bad request", OneLine(d.Message), null);
            default:
                LogUnhandled(log, ex, context.Request.Method, context.Request.Path, context.TraceIdentifier);
                return (500, "Internal error", $"{ex.GetType().Name}: {OneLine(ex.Message)} (trace {context.TraceIdentifier}; see the server log)", null);
        }
    }

    private static (int, string, string, IReadOnlyDictionary<string, string[]>?) JsonProblem(JsonException json)
    {
        var path = string.IsNullOrEmpty(json.Path) ? "$" : json.Path!;
        var message = OneLine(TypeName().Replace(json.Message, ""));
        var detail = $"invalid request body at {path}: {message}";
        return (400, "Invalid JSON body", detail, new Dictionary<string, string[]> { [path] = [message] });
    }

    private static T? Find<T>(Exception ex) where T : Exception
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
            if (e is T t) return t;
        return null;
    }

    /// <summary>The first line of a message (exception messages may carry .NET detail after a line break).</summary>
    internal static string OneLine(string message)
    {
        var i = message.IndexOfAny(['\r', '\n']);
        return (i < 0 ? message : message[..i]).Trim();
    }

    // System.Text.Json names .NET types and positions in its messages; the client cares about the JSON path only.
    [GeneratedRegex(@"( contained in| for)? type '[^']*'|\. Path: .*$| LineNumber: .*$")]
    private static partial Regex TypeName();

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path} (trace {TraceId})")]
    private static partial void LogUnhandled(ILogger logger, Exception ex, string method, string path, string traceId);
}
