using System.Globalization;
using System.Security.Cryptography;

namespace Vigil.Core.Provenance;

/// <summary>
/// Builds the standard lineage records so every command writes the same shapes:
/// a dataset is identified by its fingerprint (<c>dataset:</c> + 16 hex digits of the ordered content hash, so
/// recording the same data twice is a no-op); a model version by name and version (<c>model:NAME@VERSION</c>);
/// a report or run by a fresh random id (<c>report:</c>/<c>run:</c> + 16 hex digits).
/// </summary>
public static class LineageRecords
{
    /// <summary>A dataset record from its ordered fingerprint.</summary>
    public static LineageRecord Dataset(DatasetFingerprint fingerprint, string path, DateTimeOffset created, string? rowOrderInsensitiveHash = null)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        if (fingerprint.RowOrderInsensitive) throw new ArgumentException("Dataset ids come from the ordered content hash.", nameof(fingerprint));
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["path"] = path,
            ["content_sha256"] = fingerprint.ContentHash,
            ["schema_sha256"] = fingerprint.SchemaHash,
            ["rows"] = fingerprint.RowCount.ToString(CultureInfo.InvariantCulture),
            ["columns"] = fingerprint.Columns.Count.ToString(CultureInfo.InvariantCulture),
        };
        if (rowOrderInsensitiveHash is not null) attributes["content_sha256_row_order_insensitive"] = rowOrderInsensitiveHash;
        return new LineageRecord(fingerprint.LineageId, LineageKind.Dataset, attributes, [], created);
    }

    /// <summary>A model version trained on (or derived from) <paramref name="inputs"/>.</summary>
    public static LineageRecord Model(string name, string version, IReadOnlyList<string> inputs, DateTimeOffset created, IReadOnlyDictionary<string, string>? attributes = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(version);
        var a = new Dictionary<string, string>(attributes ?? new Dictionary<string, string>(), StringComparer.Ordinal) { ["name"] = name, ["version"] = version };
        return new LineageRecord($"model:{name}@{version}", LineageKind.Model, a, inputs, created);
    }

    /// <summary>A report written by <paramref name="command"/> from <paramref name="inputs"/> (datasets, models).</summary>
    public static LineageRecord Report(string command, IReadOnlyList<string> inputs, DateTimeOffset created, IReadOnlyDictionary<string, string>? attributes = null) =>
        new(NewId("report"), LineageKind.Report, WithCommand(command, attributes), inputs, created);

    /// <summary>A run of <paramref name="command"/> over <paramref name="inputs"/>.</summary>
    public static LineageRecord Run(string command, IReadOnlyList<string> inputs, DateTimeOffset created, IReadOnlyDictionary<string, string>? attributes = null) =>
        new(NewId("run"), LineageKind.Run, WithCommand(command, attributes), inputs, created);

    private static Dictionary<string, string> WithCommand(string command, IReadOnlyDictionary<string, string>? attributes)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        return new Dictionary<string, string>(attributes ?? new Dictionary<string, string>(), StringComparer.Ordinal) { ["command"] = command };
    }

    private static string NewId(string prefix) => prefix + ":" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
