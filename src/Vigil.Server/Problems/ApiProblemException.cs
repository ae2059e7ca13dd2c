namespace Vigil.Server.Problems;

/// <summary>
/// A user-facing error that the server turns into an RFC 9457 problem detail (see <see cref="ProblemMiddleware"/>).
/// Handlers throw it from anywhere below the endpoint; it never reaches the log as an error.
/// </summary>
internal sealed class ApiProblemException(int status, string title, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public IReadOnlyDictionary<string, string[]>? Errors { get; } = errors;

    public static ApiProblemException BadRequest(string detail, string? field = null) =>
        new(400, "Bad request", detail, field is null ? null : new Dictionary<string, string[]> { [field] = [detail] });

    public static ApiProblemException NotFound(string detail) => new(404, "Not found", detail);

    public static ApiProblemException Conflict(string detail) => new(409, "Conflict", detail);
}
