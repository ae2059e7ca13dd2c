using System.Text.Json;
using Vigil.Core.Quality.Expectations;

namespace Vigil.Reports.Json;

/// <summary>
/// Writes a <see cref="ValidationResult"/> as the validate JSON: <c>{"data", "suite", "suite_name", "rows", "success",
/// "statistics": {"checks", "passed", "failed_error", "failed_warn"}, "results": [{"check", "name", "columns", "severity",
/// "success", "observed", "observed_text"?, "failing_count", "failing_rows": [{"line", "value"}], "reason"}]}</c>.
/// <c>observed</c> is a number when the check observed one, else text (or null); <c>failing_count</c> is null for
/// aggregate checks; <c>line</c> is the 1-based line in the data file.
/// </summary>
public static class ValidationJson
{
    /// <summary>The JSON text.</summary>
    public static string Render(ValidationResult r) => JsonOut.Render(w => Write(w, r));

    /// <summary>The severity's JSON id.</summary>
    public static string Severity(ExpectationSeverity s) => s == ExpectationSeverity.Warn ? "warn" : "error";

    /// <summary>Writes the document.</summary>
    public static void Write(Utf8JsonWriter w, ValidationResult r)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(r);
        w.WriteStartObject();
        w.WriteNumber("schema_version", 1);
        w.WriteString("data", r.Data);
        w.WriteString("suite", r.Suite);
        w.StringOrNull("suite_name", r.SuiteName);
        w.WriteNumber("rows", r.Rows);
        w.WriteBoolean("success", r.Success);
        w.WriteStartObject("statistics");
        w.WriteNumber("checks", r.Checks);
        w.WriteNumber("passed", r.Passed);
        w.WriteNumber("failed_error", r.FailedError);
        w.WriteNumber("failed_warn", r.FailedWarn);
        w.WriteEndObject();
        w.WriteStartArray("results");
        foreach (var x in r.Results)
        {
            w.WriteStartObject();
            w.WriteString("check", x.Check);
            w.StringOrNull("name", x.Name);
            w.Strings("columns", x.Columns);
            w.WriteString("severity", Severity(x.Severity));
            w.WriteBoolean("success", x.Success);
            if (x.ObservedValue is { } v && double.IsFinite(v))
            {
                w.WriteNumber("observed", v);
                if (x.ObservedText is not null) w.WriteString("observed_text", x.ObservedText);
            }
            else w.StringOrNull("observed", x.ObservedText);
            if (x.FailingCount is { } fc) w.WriteNumber("failing_count", fc);
            else w.WriteNull("failing_count");
            w.WriteStartArray("failing_rows");
            foreach (var row in x.FailingRows)
            {
                w.WriteStartObject();
                w.WriteNumber("line", row.Line);
                w.StringOrNull("value", row.Value);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.StringOrNull("reason", x.Reason);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
