using System.Text.Json;
using Vigil.Core.Quality.Checks;

namespace Vigil.Reports.Json;

/// <summary>
/// Writes a <see cref="DataCheckResult"/> as the check JSON (schema_version 1):
/// <c>{"schema_version", "data": {"path", "rows", "columns"}, "test": {"path", "rows"} | null, "label",
/// "checks_run": [ids], "skipped": [{"check", "reason"}], "summary": {"error", "warn", "info"},
/// "findings": [{"check", "severity", "message", "columns", "numbers": {NAME: value|null}, "samples": [{"line", "source", "detail"}]}],
/// "lineage": {"datasets": [ids], "report": id} (only with --lineage)}</c>.
/// </summary>
public static class CheckJson
{
    /// <summary>The JSON text; <paramref name="lineage"/> adds the recorded ids.</summary>
    public static string Render(DataCheckResult r, (IReadOnlyList<string> Datasets, string Report)? lineage = null) => JsonOut.Render(w => Write(w, r, lineage));

    /// <summary>Writes the document.</summary>
    public static void Write(Utf8JsonWriter w, DataCheckResult r, (IReadOnlyList<string> Datasets, string Report)? lineage = null)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(r);
        w.WriteStartObject();
        w.WriteNumber("schema_version", 1);
        w.WriteStartObject("data");
        w.WriteString("path", r.Source);
        w.WriteNumber("rows", r.Rows);
        w.WriteNumber("columns", r.Columns);
        w.WriteEndObject();
        if (r.TestSource is null) w.WriteNull("test");
        else
        {
            w.WriteStartObject("test");
            w.WriteString("path", r.TestSource);
            w.WriteNumber("rows", r.TestRows);
            w.WriteEndObject();
        }
        w.StringOrNull("label", r.Label);
        w.Strings("checks_run", r.ChecksRun);
        w.WriteStartArray("skipped");
        foreach (var s in r.Skipped)
        {
            w.WriteStartObject();
            w.WriteString("check", s.CheckId);
            w.WriteString("reason", s.Reason);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("summary");
        w.WriteNumber("error", r.Count(CheckSeverity.Error));
        w.WriteNumber("warn", r.Count(CheckSeverity.Warn));
        w.WriteNumber("info", r.Count(CheckSeverity.Info));
        w.WriteEndObject();
        w.WriteStartArray("findings");
        foreach (var f in r.Findings)
        {
            w.WriteStartObject();
            w.WriteString("check", f.CheckId);
            w.WriteString("severity", CheckFinding.SeverityName(f.Severity));
            w.WriteString("message", f.Message);
            w.Strings("columns", f.Columns);
            w.WriteStartObject("numbers");
            foreach (var n in f.Numbers) w.Number(n.Name, n.Value);
            w.WriteEndObject();
            w.WriteStartArray("samples");
            foreach (var s in f.Samples)
            {
                w.WriteStartObject();
                w.WriteNumber("line", s.Line);
                w.WriteString("source", s.Source);
                w.WriteString("detail", s.Detail);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (lineage is { } l)
        {
            w.WriteStartObject("lineage");
            w.Strings("datasets", l.Datasets);
            w.WriteString("report", l.Report);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }
}
