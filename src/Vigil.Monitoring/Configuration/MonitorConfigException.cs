namespace Vigil.Monitoring.Configuration;

/// <summary>
/// A problem in a monitor configuration: <see cref="Path"/> is the JSON path of the offending field (e.g.
/// <c>window</c>, <c>alerts[1].expression</c>, <c>drift.overrides.age.method</c>) and the message says what was
/// expected, e.g. <c>window: expected '1h', '1d' or a positive event count</c>. The server turns it into a 400
/// problem detail naming the field.
/// </summary>
public sealed class MonitorConfigException : ArgumentException
{
    /// <summary>Creates the exception; the message is prefixed with the path.</summary>
    public MonitorConfigException(string path, string problem)
        : base(string.IsNullOrEmpty(path) ? problem : $"{path}: {problem}")
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The JSON path of the field (empty for the whole document).</summary>
    public string Path { get; }

    /// <summary>What was wrong, without the path.</summary>
    public string Problem { get; }
}
