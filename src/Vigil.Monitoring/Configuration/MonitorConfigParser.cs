using System.Globalization;
using System.Text.Json;
using Vigil.Core.Drift;
using Vigil.Core.Quality.Expectations;
using Vigil.Monitoring.Alerts;

namespace Vigil.Monitoring.Configuration;

/// <summary>
/// Reads a monitor configuration from the JSON of <c>PUT /api/v1/models/{model}/monitor</c> (docs/API.md "Monitor").
/// Every problem throws <see cref="MonitorConfigException"/> with the JSON path and what was expected; unknown fields
/// are rejected (listing the known ones) so a typo never silently falls back to a default. The fields the server adds
/// when normalising (<c>model</c>, <c>reference_dataset_id</c>, <c>schema</c>) are accepted and ignored, so a stored
/// configuration parses again. Cost: one pass over the document.
/// </summary>
public static class MonitorConfigParser
{
    private static readonly string[] TopLevel =
    [
        "reference", "features", "label", "score", "prediction", "id", "timestamp", "positive_label", "threshold", "window", "grace",
        "drift", "metrics", "estimation", "profile", "alerts", "retraining", "webhooks",
    ];

    private static readonly string[] Normalised = ["model", "reference_dataset_id", "schema"];

    /// <summary>Parses and validates <paramref name="json"/> (an object).</summary>
    public static MonitorConfig Parse(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object) throw new MonitorConfigException("", "expected a JSON object");
        foreach (var p in json.EnumerateObject())
            if (Array.IndexOf(TopLevel, p.Name) < 0 && Array.IndexOf(Normalised, p.Name) < 0)
                throw new MonitorConfigException(p.Name, $"unknown field (known: {string.Join(", ", TopLevel)})");
        if (!json.TryGetProperty("reference", out var reference)) throw new MonitorConfigException("reference", "required: {\"dataset_id\": …} or {\"format\": \"csv\", \"content_base64\": …}");
        if (!json.TryGetProperty("window", out var window)) throw new MonitorConfigException("window", "required: expected '1h', '1d' or a positive event count");
        var parsedWindow = Window(window);
        var grace = json.TryGetProperty("grace", out var g) && g.ValueKind != JsonValueKind.Null
            ? Duration(g, "grace", allowZero: true)
            : parsedWindow.IsCalendar ? DefaultGrace(parsedWindow) : TimeSpan.Zero;
        var alerts = Alerts(json);
        return new MonitorConfig
        {
            Reference = Reference(reference),
            Features = json.TryGetProperty("features", out var f) && f.ValueKind != JsonValueKind.Null ? StringList(f, "features", nonEmpty: true) : null,
            Label = OptionalString(json, "label"),
            Score = OptionalString(json, "score"),
            Prediction = OptionalString(json, "prediction"),
            Id = OptionalString(json, "id"),
            Timestamp = OptionalString(json, "timestamp"),
            PositiveLabel = OptionalScalarText(json, "positive_label"),
            Threshold = OptionalNumber(json, "threshold", 0, 1) ?? 0.5,
            Window = parsedWindow,
            Grace = grace,
            Drift = json.TryGetProperty("drift", out var d) && d.ValueKind != JsonValueKind.Null ? Drift(d) : new DriftConfig(),
            Metrics = json.TryGetProperty("metrics", out var m) && m.ValueKind != JsonValueKind.Null ? StringList(m, "metrics", nonEmpty: false) : [],
            Estimation = OptionalBool(json, "estimation") ?? true,
            Profile = OptionalBool(json, "profile") ?? true,
            Alerts = alerts,
            Retraining = json.TryGetProperty("retraining", out var r) && r.ValueKind != JsonValueKind.Null ? Retraining(r) : null,
            Webhooks = json.TryGetProperty("webhooks", out var w) && w.ValueKind != JsonValueKind.Null ? Webhooks(w) : [],
        };
    }

    /// <summary>Parses a JSON text (a convenience over <see cref="Parse(JsonElement)"/>); malformed JSON is a <see cref="MonitorConfigException"/>.</summary>
    public static MonitorConfig Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json);
            return Parse(doc.RootElement);
        }
        catch (JsonException e) { throw new MonitorConfigException("", $"not valid JSON: {e.Message}"); }
    }

    /// <summary>10% of the calendar window's length (measured on a 30-day month for <c>M</c> windows).</summary>
    public static TimeSpan DefaultGrace(MonitorWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var (start, end) = window.Bounds(new DateTime(2025, 4, 15, 0, 0, 0, DateTimeKind.Utc));
        return TimeSpan.FromTicks((end - start).Ticks / 10);
    }

    private static ReferenceSource Reference(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new MonitorConfigException("reference", "expected {\"dataset_id\": …} or {\"format\": \"csv\", \"content_base64\": …}");
        foreach (var p in e.EnumerateObject())
            if (p.Name is not ("dataset_id" or "format" or "content_base64"))
                throw new MonitorConfigException($"reference.{p.Name}", "unknown field (known: dataset_id, format, content_base64)");
        var id = OptionalString(e, "dataset_id", "reference.");
        var content = OptionalString(e, "content_base64", "reference.");
        if (id is not null && content is not null) throw new MonitorConfigException("reference", "give either dataset_id or content_base64, not both");
        if (id is not null) return new ReferenceSource(id, null, null);
        if (content is null) throw new MonitorConfigException("reference", "expected {\"dataset_id\": …} or {\"format\": \"csv\", \"content_base64\": …}");
        var format = OptionalString(e, "format", "reference.") ?? "csv";
        if (format is not ("csv" or "parquet")) throw new MonitorConfigException("reference.format", $"expected 'csv' or 'parquet', got '{format}'");
        byte[] bytes;
        try { bytes = Convert.FromBase64String(content); }
        catch (FormatException) { throw new MonitorConfigException("reference.content_base64", "not valid base64"); }
        if (bytes.Length == 0) throw new MonitorConfigException("reference.content_base64", "the reference data is empty");
        return new ReferenceSource(null, format, bytes);
    }

    private static MonitorWindow Window(JsonElement e)
    {
        const string expected = "expected '1h', '1d' or a positive event count";
        if (e.ValueKind == JsonValueKind.Number)
        {
            if (!e.TryGetInt32(out var n) || n < 1) throw new MonitorConfigException("window", expected);
            return MonitorWindow.Events(n);
        }
        if (e.ValueKind != JsonValueKind.String) throw new MonitorConfigException("window", expected);
        var text = e.GetString()!.Trim();
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1) return MonitorWindow.Events(count);
        try { return MonitorWindow.Calendar(text); }
        catch (ArgumentException ex)
        {
            var why = ex.Message.Split(" (Parameter")[0];
            throw new MonitorConfigException("window", $"{expected} (a calendar window from 30s to 1M: s, min, h, d, w, M); {why}");
        }
    }

    private static TimeSpan Duration(JsonElement e, string path, bool allowZero)
    {
        if (e.ValueKind != JsonValueKind.String) throw new MonitorConfigException(path, "expected a duration such as '30s', '15min', '2h', '1d', '1w'");
        var text = e.GetString()!.Trim();
        if (allowZero && text is "0" or "0s") return TimeSpan.Zero;
        try { return ExpectationText.ParseDuration(text); }
        catch (ArgumentException ex) { throw new MonitorConfigException(path, ex.Message.Split(" (Parameter")[0]); }
    }

    private static DriftConfig Drift(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new MonitorConfigException("drift", "expected an object {\"method\", \"threshold\", \"overrides\", \"drift_share\"}");
        foreach (var p in e.EnumerateObject())
            if (p.Name is not ("method" or "threshold" or "overrides" or "drift_share"))
                throw new MonitorConfigException($"drift.{p.Name}", "unknown field (known: method, threshold, overrides, drift_share)");
        var catalog = DriftMethodCatalog.Default;
        var method = OptionalString(e, "method", "drift.");
        if (method == "auto") method = null;
        var threshold = OptionalNumber(e, "threshold", 0, double.MaxValue, "drift.");
        if (method is not null) CheckMethod(catalog, method, threshold, "drift.method");
        var overrides = new Dictionary<string, DriftOverride>(StringComparer.Ordinal);
        if (e.TryGetProperty("overrides", out var o) && o.ValueKind != JsonValueKind.Null)
        {
            if (o.ValueKind != JsonValueKind.Object) throw new MonitorConfigException("drift.overrides", "expected an object {column: {\"method\", \"threshold\"}}");
            foreach (var c in o.EnumerateObject())
            {
                var path = $"drift.overrides.{c.Name}";
                if (c.Value.ValueKind != JsonValueKind.Object) throw new MonitorConfigException(path, "expected {\"method\", \"threshold\"}");
                foreach (var p in c.Value.EnumerateObject())
                    if (p.Name is not ("method" or "threshold")) throw new MonitorConfigException($"{path}.{p.Name}", "unknown field (known: method, threshold)");
                var m = OptionalString(c.Value, "method", path + ".");
                if (m == "auto") m = null;
                var t = OptionalNumber(c.Value, "threshold", 0, double.MaxValue, path + ".");
                if (m is not null) CheckMethod(catalog, m, t ?? threshold, path + ".method");
                overrides[c.Name] = new DriftOverride(m, t);
            }
        }
        var share = OptionalNumber(e, "drift_share", double.Epsilon, 1, "drift.") ?? 0.5;
        return new DriftConfig { Method = method, Threshold = threshold, Overrides = overrides, DriftShare = share };
    }

    private static void CheckMethod(DriftMethodCatalog catalog, string id, double? threshold, string path)
    {
        if (!catalog.TryGet(id, out var m)) throw new MonitorConfigException(path, $"unknown drift method '{id}' (known: auto, {string.Join(", ", catalog.Ids)})");
        try { DriftDecision.ResolveThreshold(m!, threshold); }
        catch (ArgumentException ex) { throw new MonitorConfigException(path, ex.Message.Split(" (Parameter")[0].Replace("--threshold", "\"threshold\"", StringComparison.Ordinal)); }
    }

    private static List<AlertRuleConfig> Alerts(JsonElement json)
    {
        var rules = new List<AlertRuleConfig>();
        if (!json.TryGetProperty("alerts", out var a) || a.ValueKind == JsonValueKind.Null) return rules;
        if (a.ValueKind != JsonValueKind.Array) throw new MonitorConfigException("alerts", "expected an array of {\"name\", \"expression\", \"for\"}");
        var names = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var r in a.EnumerateArray())
        {
            var path = $"alerts[{i}]";
            if (r.ValueKind != JsonValueKind.Object) throw new MonitorConfigException(path, "expected {\"name\", \"expression\", \"for\"}");
            foreach (var p in r.EnumerateObject())
                if (p.Name is not ("name" or "expression" or "for")) throw new MonitorConfigException($"{path}.{p.Name}", "unknown field (known: name, expression, for)");
            var expressionText = OptionalString(r, "expression", path + ".") ?? throw new MonitorConfigException($"{path}.expression", "required, e.g. \"drift_share > 0.3\"");
            AlertExpression expression;
            try { expression = AlertExpression.Parse(expressionText); }
            catch (ArgumentException ex) { throw new MonitorConfigException($"{path}.expression", ex.Message); }
            var name = OptionalString(r, "name", path + ".") ?? expression.Text;
            if (!names.Add(name)) throw new MonitorConfigException($"{path}.name", $"duplicate rule name '{name}'");
            var forWindows = 1;
            if (r.TryGetProperty("for", out var f) && f.ValueKind != JsonValueKind.Null)
                if (f.ValueKind != JsonValueKind.Number || !f.TryGetInt32(out forWindows) || forWindows < 1 || forWindows > 1000)
                    throw new MonitorConfigException($"{path}.for", "expected a number of consecutive windows from 1 to 1000");
            rules.Add(new AlertRuleConfig(name, expression, forWindows));
            i++;
        }
        return rules;
    }

    private static RetrainingConfig Retraining(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new MonitorConfigException("retraining", "expected an object {\"drift_windows\", \"realized\", \"estimated_drop\", \"cooldown\"}");
        foreach (var p in e.EnumerateObject())
            if (p.Name is not ("drift_windows" or "realized" or "realised" or "estimated_drop" or "cooldown"))
                throw new MonitorConfigException($"retraining.{p.Name}", "unknown field (known: drift_windows, realized, estimated_drop, cooldown)");
        int? driftWindows = null;
        if (e.TryGetProperty("drift_windows", out var dw) && dw.ValueKind != JsonValueKind.Null)
        {
            if (dw.ValueKind != JsonValueKind.Number || !dw.TryGetInt32(out var n) || n < 1 || n > 1000)
                throw new MonitorConfigException("retraining.drift_windows", "expected a number of consecutive windows from 1 to 1000");
            driftWindows = n;
        }
        var realized = MetricNumbers(e, e.TryGetProperty("realised", out _) ? "realised" : "realized");
        var drop = MetricNumbers(e, "estimated_drop");
        var cooldown = e.TryGetProperty("cooldown", out var c) && c.ValueKind != JsonValueKind.Null ? Duration(c, "retraining.cooldown", allowZero: true) : TimeSpan.FromDays(7);
        if (driftWindows is null && realized.Count == 0 && drop.Count == 0)
            throw new MonitorConfigException("retraining", "give at least one of drift_windows, realized, estimated_drop");
        return new RetrainingConfig { DriftWindows = driftWindows, Realized = realized, EstimatedDrop = drop, Cooldown = cooldown };
    }

    private static Dictionary<string, double> MetricNumbers(JsonElement e, string name)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (!e.TryGetProperty(name, out var o) || o.ValueKind == JsonValueKind.Null) return result;
        if (o.ValueKind != JsonValueKind.Object) throw new MonitorConfigException($"retraining.{name}", "expected an object {metric: number}");
        foreach (var p in o.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.Number || !double.IsFinite(p.Value.GetDouble()))
                throw new MonitorConfigException($"retraining.{name}.{p.Name}", "expected a finite number");
            result[p.Name] = p.Value.GetDouble();
        }
        return result;
    }

    private static List<WebhookConfig> Webhooks(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Array) throw new MonitorConfigException("webhooks", "expected an array of {\"url\", \"secret\"}");
        var list = new List<WebhookConfig>();
        var i = 0;
        foreach (var w in e.EnumerateArray())
        {
            var path = $"webhooks[{i}]";
            if (w.ValueKind != JsonValueKind.Object) throw new MonitorConfigException(path, "expected {\"url\", \"secret\"}");
            foreach (var p in w.EnumerateObject())
                if (p.Name is not ("url" or "secret")) throw new MonitorConfigException($"{path}.{p.Name}", "unknown field (known: url, secret)");
            var url = OptionalString(w, "url", path + ".") ?? throw new MonitorConfigException($"{path}.url", "required");
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                throw new MonitorConfigException($"{path}.url", $"expected an absolute http(s) URL, got '{url}'");
            list.Add(new WebhookConfig(uri, OptionalString(w, "secret", path + ".")));
            i++;
        }
        return list;
    }

    private static string? OptionalString(JsonElement e, string name, string prefix = "")
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.String) throw new MonitorConfigException(prefix + name, "expected a string");
        var s = v.GetString()!;
        if (s.Length == 0) throw new MonitorConfigException(prefix + name, "must not be empty");
        return s;
    }

    private static string? OptionalScalarText(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => throw new MonitorConfigException(name, "expected a string, number or boolean"),
        };
    }

    private static double? OptionalNumber(JsonElement e, string name, double min, double max, string prefix = "")
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Number) throw new MonitorConfigException(prefix + name, "expected a number");
        var x = v.GetDouble();
        if (!double.IsFinite(x) || x < min || x > max)
            throw new MonitorConfigException(prefix + name, max == double.MaxValue
                ? string.Create(CultureInfo.InvariantCulture, $"expected a finite number ≥ {min}, got {x}")
                : string.Create(CultureInfo.InvariantCulture, $"expected a number in [{min}, {max}], got {x}"));
        return x;
    }

    private static bool? OptionalBool(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new MonitorConfigException(name, "expected true or false"),
        };
    }

    private static List<string> StringList(JsonElement e, string path, bool nonEmpty)
    {
        if (e.ValueKind != JsonValueKind.Array) throw new MonitorConfigException(path, "expected an array of strings");
        var list = new List<string>();
        var i = 0;
        foreach (var item in e.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(item.GetString()))
                throw new MonitorConfigException($"{path}[{i}]", "expected a non-empty string");
            list.Add(item.GetString()!);
            i++;
        }
        if (nonEmpty && list.Count == 0) throw new MonitorConfigException(path, "must list at least one column");
        return list;
    }
}
