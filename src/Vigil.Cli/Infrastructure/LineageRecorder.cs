using Vigil.Core.Data;
using Vigil.Core.Provenance;
using Vigil.IO.Lineage;

namespace Vigil.Cli.Infrastructure;

/// <summary>
/// Records what a report command read and wrote in a lineage store (<c>--lineage FILE</c>, issue 6 item 6), the same
/// way for every command (<c>check</c>, <c>evaluate</c>, <c>drift</c>): one dataset record per input frame (id from its
/// ordered fingerprint, so recording the same data twice is a no-op) and one report record whose inputs are those
/// datasets and whose attributes hold the command's summary plus the full paths of the JSON (unless stdout) and HTML
/// outputs. I/O problems with the store are usage errors (exit 2).
/// </summary>
internal static class LineageRecorder
{
    /// <summary>Appends the datasets and the report; returns the dataset ids and the report id.</summary>
    /// <param name="lineagePath">The store (JSON lines).</param>
    /// <param name="command">The command name, e.g. <c>drift</c>.</param>
    /// <param name="datasets">The input frames with the paths they were read from.</param>
    /// <param name="jsonTarget">The <c>--json</c> target (<c>-</c> = stdout, not recorded) or null.</param>
    /// <param name="htmlTarget">The <c>--out</c> target or null.</param>
    /// <param name="attributes">The command's own summary attributes.</param>
    public static (IReadOnlyList<string> DatasetIds, string ReportId) Record(string lineagePath, string command,
        IReadOnlyList<(DataFrame Frame, string Path)> datasets, string? jsonTarget, string? htmlTarget, IReadOnlyDictionary<string, string>? attributes = null)
    {
        var now = DateTimeOffset.UtcNow;
        var records = datasets.Select(d => LineageRecords.Dataset(Fingerprinter.Compute(d.Frame), d.Path, now)).ToList();
        var all = new Dictionary<string, string>(attributes ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (jsonTarget is not null && jsonTarget != "-") all["json"] = Path.GetFullPath(jsonTarget);
        if (htmlTarget is not null) all["html"] = Path.GetFullPath(htmlTarget);
        var ids = records.Select(d => d.Id).Distinct(StringComparer.Ordinal).ToList();
        var report = LineageRecords.Report(command, ids, now, all);
        Append(lineagePath, [.. records, report]);
        return (ids, report.Id);
    }

    /// <summary>Appends records to a lineage store, turning I/O problems into usage errors.</summary>
    public static void Append(string lineagePath, LineageRecord[] records)
    {
        try { new LineageStore(lineagePath).Append(records); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UsageException($"cannot write lineage store {lineagePath}: {e.Message}"); }
    }
}
