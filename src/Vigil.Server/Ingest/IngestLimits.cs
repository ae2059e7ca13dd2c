namespace Vigil.Server.Ingest;

/// <summary>Per-request limits of the ingest endpoints (docs/API.md, "Ingest").</summary>
public static class IngestLimits
{
    /// <summary>Most events (or labels) one request may carry; more is a 413.</summary>
    public const int MaxEvents = 10_000;

    /// <summary>Largest request body in bytes (16 MB); more is a 413.</summary>
    public const int MaxBodyBytes = 16 * 1024 * 1024;

    /// <summary>Longest accepted event id, in UTF-16 characters.</summary>
    public const int MaxIdLength = 1024;
}
