namespace Vigil.Server.Ingest;

/// <summary>One event (or label) of a request that was not stored, and why.</summary>
/// <param name="Index">0-based position of the event in the request (array index or NDJSON value number).</param>
/// <param name="Id">The event id when it could be read, else null.</param>
/// <param name="Reason">What was wrong, naming the field (e.g. <c>unknown feature 'agee'</c>).</param>
public readonly record struct IngestReject(int Index, string? Id, string Reason);

/// <summary>
/// A problem with a whole ingest request (nothing is written): the HTTP status and the problem-details text.
/// </summary>
/// <param name="Status">400 (not JSON, malformed), 413 (too many events, too large), 404, 409.</param>
/// <param name="Title">Short problem title.</param>
/// <param name="Detail">What exactly was wrong, with the byte offset / line for malformed JSON.</param>
public sealed record IngestRequestError(int Status, string Title, string Detail)
{
    internal static IngestRequestError TooManyEvents() => new(413, "Too many events",
        $"A request carries at most {IngestLimits.MaxEvents:N0} events; split the batch.");

    internal static IngestRequestError TooLarge(long bytes) => new(413, "Request body too large",
        $"The body has {(bytes < 0 ? "more than " + IngestLimits.MaxBodyBytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : bytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture))} bytes; at most {IngestLimits.MaxBodyBytes:N0} (16 MB) are accepted.");

    internal static IngestRequestError NotJson(string detail) => new(400, "Body is not JSON", detail);

    internal static IngestRequestError Malformed(string detail) => new(400, "Malformed JSON", detail);
}
