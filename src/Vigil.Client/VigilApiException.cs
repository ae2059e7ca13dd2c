using System.Net;

namespace Vigil.Client;

/// <summary>
/// The server answered with an error status. Carries the HTTP status and the RFC 9457 problem details the server
/// sent (<see cref="Title"/>, <see cref="Detail"/>, <see cref="Errors"/>); when the body was not a problem document,
/// <see cref="Title"/> is the reason phrase and <see cref="Detail"/> the start of the body.
/// </summary>
public sealed class VigilApiException : Exception
{
    /// <summary>Creates the exception for one failed call.</summary>
    /// <param name="statusCode">HTTP status of the response.</param>
    /// <param name="method">HTTP method of the request.</param>
    /// <param name="path">Request path (no host).</param>
    /// <param name="title">Problem title (short, stable for a kind of problem).</param>
    /// <param name="detail">Problem detail (this occurrence), or null.</param>
    /// <param name="type">Problem type URI, or null.</param>
    /// <param name="errors">Field errors (<c>errors</c> member) when the server sent them, else empty.</param>
    public VigilApiException(HttpStatusCode statusCode, string method, string path, string title, string? detail, string? type,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? errors = null)
        : base(Compose(statusCode, method, path, title, detail))
    {
        StatusCode = statusCode;
        Method = method;
        Path = path;
        Title = title;
        Detail = detail;
        Type = type;
        Errors = errors ?? new Dictionary<string, IReadOnlyList<string>>();
    }

    /// <summary>HTTP status of the response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>HTTP method of the failed request.</summary>
    public string Method { get; }

    /// <summary>Path of the failed request.</summary>
    public string Path { get; }

    /// <summary>Problem title.</summary>
    public string Title { get; }

    /// <summary>Problem detail, or null.</summary>
    public string? Detail { get; }

    /// <summary>Problem type URI, or null.</summary>
    public string? Type { get; }

    /// <summary>Field errors from the problem's <c>errors</c> member (field → messages); empty when none.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors { get; }

    private static string Compose(HttpStatusCode status, string method, string path, string title, string? detail) =>
        $"{(int)status} {title}{(string.IsNullOrEmpty(detail) ? "" : ": " + detail)} ({method} {path})";
}

/// <summary>
/// No HTTP response at all: the server could not be reached (connection refused, unknown host, TLS failure) or the
/// request timed out. <see cref="ServerAddress"/> names where the client looked.
/// </summary>
public sealed class VigilConnectionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="serverAddress">The server base address the client used.</param>
    /// <param name="reason">What went wrong, in a few words.</param>
    /// <param name="inner">The underlying transport exception.</param>
    public VigilConnectionException(Uri serverAddress, string reason, Exception? inner)
        : base($"no Vigil server at {serverAddress} ({reason})", inner)
    {
        ServerAddress = serverAddress;
        Reason = reason;
    }

    /// <summary>The server base address the client used.</summary>
    public Uri ServerAddress { get; }

    /// <summary>What went wrong (e.g. "Connection refused").</summary>
    public string Reason { get; }
}
