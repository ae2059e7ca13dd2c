using System.Globalization;

namespace Vigil.Core.Evaluation;

/// <summary>
/// An absolute condition on a metric, written <c>NAME OP NUMBER</c> with OP one of <c>&lt; &lt;= &gt; &gt;=</c>
/// (e.g. <c>roc_auc &lt; 0.8</c>); several are separated by <c>;</c>. Used by <c>--fail-if</c>: the command exits 1
/// when any condition holds. A condition on an undefined metric does not hold and is reported as such.
/// </summary>
public sealed record MetricCondition(string Metric, string Operator, double Value)
{
    /// <summary>Parses one or more conditions; throws <see cref="FormatException"/> with the offending text.</summary>
    public static IReadOnlyList<MetricCondition> ParseAll(string text)
    {
        var list = new List<MetricCondition>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            list.Add(Parse(part));
        if (list.Count == 0) throw new FormatException($"no condition in '{text}' (expected e.g. \"roc_auc < 0.8\")");
        return list;
    }

    /// <summary>Parses one condition.</summary>
    public static MetricCondition Parse(string text)
    {
        foreach (var op in new[] { "<=", ">=", "<", ">" })
        {
            var i = text.IndexOf(op, StringComparison.Ordinal);
            if (i <= 0) continue;
            var name = text[..i].Trim();
            var number = text[(i + op.Length)..].Trim();
            if (name.Length == 0 || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                break;
            return new MetricCondition(name, op, v);
        }
        throw new FormatException($"cannot read condition '{text}' (expected METRIC < NUMBER, with <, <=, > or >=)");
    }

    /// <summary>True when <paramref name="actual"/> satisfies the condition (false for NaN).</summary>
    public bool Holds(double actual) => !double.IsNaN(actual) && Operator switch
    {
        "<" => actual < Value,
        "<=" => actual <= Value,
        ">" => actual > Value,
        _ => actual >= Value,
    };

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Metric} {Operator} {Value}");
}
