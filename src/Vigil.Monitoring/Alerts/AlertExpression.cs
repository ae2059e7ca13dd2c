using System.Globalization;
using System.Text.RegularExpressions;

namespace Vigil.Monitoring.Alerts;

/// <summary>The comparison of an alert expression.</summary>
public enum AlertComparison
{
    /// <summary><c>&lt;</c></summary>
    Less,
    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,
    /// <summary><c>&gt;</c></summary>
    Greater,
    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,
    /// <summary><c>==</c></summary>
    Equal,
    /// <summary><c>!=</c></summary>
    NotEqual,
}

/// <summary>
/// A parsed alert condition on one window (CONTRACTS.md "Server"). Two shapes:
/// <list type="bullet">
/// <item>a comparison <c>QUANTITY OP NUMBER</c>, OP one of <c>&lt; &lt;= &gt; &gt;= == !=</c>, QUANTITY one of
///   <c>drift_share</c>, <c>drifted_columns</c>, <c>quality.failed</c>, <c>ingest.events</c>, <c>ingest.labeled</c>,
///   <c>estimated.METRIC</c>, <c>realized.METRIC</c> (also spelled <c>realised.</c>);</item>
/// <item>a predicate: <c>drift(feature=NAME)</c> (that feature drifted), <c>prediction_drift</c> (the score or
///   prediction drifted), <c>dataset_drift</c> (drift share ≥ the monitor's drift-share threshold).</item>
/// </list>
/// A quantity the window does not have (no labels yet, estimation off, feature not tested) gives an unknown result
/// (null), which never fires an alert and never resolves one.
/// </summary>
public sealed partial class AlertExpression
{
    private static readonly string[] Quantities = ["drift_share", "drifted_columns", "quality.failed", "ingest.events", "ingest.labeled", "estimated.METRIC", "realized.METRIC"];

    private AlertExpression(string text, string quantity, AlertComparison comparison, double value, string? feature)
    {
        Text = text;
        Quantity = quantity;
        Comparison = comparison;
        Value = value;
        Feature = feature;
    }

    /// <summary>The expression as written (trimmed).</summary>
    public string Text { get; }

    /// <summary>
    /// The observed quantity: <c>drift_share</c>, <c>estimated.roc_auc</c>, … for comparisons;
    /// <c>drift(feature)</c>, <c>prediction_drift</c> or <c>dataset_drift</c> for predicates.
    /// </summary>
    public string Quantity { get; }

    /// <summary>The comparison (predicates: <see cref="AlertComparison.Equal"/> with <see cref="Value"/> 1).</summary>
    public AlertComparison Comparison { get; }

    /// <summary>The number compared with.</summary>
    public double Value { get; }

    /// <summary>The feature of <c>drift(feature=…)</c>, else null.</summary>
    public string? Feature { get; }

    /// <summary>Parses an expression; throws <see cref="ArgumentException"/> saying what was expected.</summary>
    public static AlertExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        var drift = DriftPredicate().Match(t);
        if (drift.Success) return new AlertExpression(t, "drift(feature)", AlertComparison.Equal, 1, drift.Groups["name"].Value.Trim());
        if (t is "prediction_drift" or "dataset_drift") return new AlertExpression(t, t, AlertComparison.Equal, 1, null);
        var m = ComparisonPattern().Match(t);
        if (!m.Success)
            throw new ArgumentException($"expected 'QUANTITY OP NUMBER' (e.g. 'drift_share > 0.3'), 'drift(feature=NAME)', 'prediction_drift' or 'dataset_drift', got '{t}'");
        var quantity = m.Groups["q"].Value;
        if (quantity.StartsWith("realised.", StringComparison.Ordinal)) quantity = "realized." + quantity["realised.".Length..];
        var known = quantity is "drift_share" or "drifted_columns" or "quality.failed" or "ingest.events" or "ingest.labeled"
            || (quantity.StartsWith("estimated.", StringComparison.Ordinal) && quantity.Length > "estimated.".Length)
            || (quantity.StartsWith("realized.", StringComparison.Ordinal) && quantity.Length > "realized.".Length);
        if (!known) throw new ArgumentException($"unknown quantity '{quantity}' (known: {string.Join(", ", Quantities)})");
        if (!double.TryParse(m.Groups["v"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw new ArgumentException($"'{m.Groups["v"].Value}' is not a finite number");
        var op = m.Groups["op"].Value switch
        {
            "<" => AlertComparison.Less,
            "<=" => AlertComparison.LessOrEqual,
            ">" => AlertComparison.Greater,
            ">=" => AlertComparison.GreaterOrEqual,
            "==" or "=" => AlertComparison.Equal,
            _ => AlertComparison.NotEqual,
        };
        return new AlertExpression(t, quantity, op, value, null);
    }

    /// <summary>The observed value in a window: the quantity, or 1/0 for predicates; null when the window lacks it.</summary>
    public double? Observe(WindowObservation window)
    {
        ArgumentNullException.ThrowIfNull(window);
        switch (Quantity)
        {
            case "drift(feature)":
                return window.FeatureDrift.TryGetValue(Feature!, out var d) ? (d ? 1 : 0) : null;
            case "prediction_drift":
                return window.PredictionDrift is { } p ? (p ? 1 : 0) : null;
            case "dataset_drift":
                return window.DatasetDrift is { } dd ? (dd ? 1 : 0) : null;
            case "drift_share": return window.DriftShare;
            case "drifted_columns": return window.DriftedColumns;
            case "quality.failed": return window.QualityFailed;
            case "ingest.events": return window.Events;
            case "ingest.labeled": return window.Labeled;
        }
        if (Quantity.StartsWith("estimated.", StringComparison.Ordinal))
            return window.Estimated.TryGetValue(Quantity["estimated.".Length..], out var e) ? e : null;
        return window.Realized.TryGetValue(Quantity["realized.".Length..], out var r) ? r : null;
    }

    /// <summary>True / false when the expression holds / does not hold on the window; null when unknown.</summary>
    public bool? Holds(WindowObservation window)
    {
        if (Observe(window) is not { } x || double.IsNaN(x)) return null;
        return Comparison switch
        {
            AlertComparison.Less => x < Value,
            AlertComparison.LessOrEqual => x <= Value,
            AlertComparison.Greater => x > Value,
            AlertComparison.GreaterOrEqual => x >= Value,
            AlertComparison.Equal => x == Value,
            _ => x != Value,
        };
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    [GeneratedRegex(@"^drift\s*\(\s*feature\s*=\s*(?<name>[^)]+)\)$")]
    private static partial Regex DriftPredicate();

    [GeneratedRegex(@"^(?<q>[A-Za-z_][A-Za-z0-9_.@]*)\s*(?<op><=|>=|==|!=|<|>|=)\s*(?<v>\S+)$")]
    private static partial Regex ComparisonPattern();
}
