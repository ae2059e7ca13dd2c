namespace Vigil.Core.Provenance;

/// <summary>What a lineage record stands for.</summary>
public enum LineageKind
{
    /// <summary>A dataset, identified by its fingerprint.</summary>
    Dataset,
    /// <summary>A model version.</summary>
    Model,
    /// <summary>A report or result document a command wrote.</summary>
    Report,
    /// <summary>One execution of a command (training, evaluation) linking its inputs and outputs.</summary>
    Run,
}

/// <summary>
/// One node of the lineage graph: an immutable record appended to the lineage store. Edges point from a record to
/// the records it was made from (<see cref="Inputs"/>): dataset → model version → report.
/// </summary>
/// <param name="Id">Unique id, e.g. <c>dataset:3f2a…</c>, <c>model:churn@3</c>, <c>report:…</c>.</param>
/// <param name="Kind">What the record stands for.</param>
/// <param name="Attributes">Free key/value facts (path, row count, hashes, command).</param>
/// <param name="Inputs">Ids of the records this one was derived from.</param>
/// <param name="Created">When the record was written (UTC).</param>
public sealed record LineageRecord(string Id, LineageKind Kind, IReadOnlyDictionary<string, string> Attributes, IReadOnlyList<string> Inputs, DateTimeOffset Created)
{
    /// <summary>The kind's id in files: <c>dataset</c>, <c>model</c>, <c>report</c>, <c>run</c>.</summary>
    public static string KindName(LineageKind kind) => kind switch
    {
        LineageKind.Dataset => "dataset",
        LineageKind.Model => "model",
        LineageKind.Report => "report",
        _ => "run",
    };

    /// <summary>Parses a kind id; throws <see cref="FormatException"/> for an unknown one.</summary>
    public static LineageKind ParseKind(string text) => text switch
    {
        "dataset" => LineageKind.Dataset,
        "model" => LineageKind.Model,
        "report" => LineageKind.Report,
        "run" => LineageKind.Run,
        _ => throw new FormatException($"unknown lineage kind '{text}' (expected dataset, model, report or run)"),
    };
}
