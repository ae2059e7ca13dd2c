using System.Text.Json;
using Vigil.Monitoring.Configuration;

namespace Vigil.Monitoring.Alerts;

/// <summary>
/// Decides whether an alert rule fires or resolves after a window, from the stored windows alone (no hidden state, so
/// it survives restarts): a rule with <c>for: N</c> fires when its expression holds on each of the last N consecutive
/// closed windows and no alert of it is firing (so it fires once); a firing alert resolves when the expression is
/// known not to hold on the latest window. An unknown value (no labels yet, estimation off) neither fires nor
/// resolves. When a past window is recomputed (late labels or events) the rule may fire from it but never resolves
/// from it — only the latest window can say a condition stopped.
/// </summary>
public static class AlertEvaluator
{
    /// <summary>
    /// Evaluates <paramref name="rule"/> on <paramref name="windows"/>: consecutive closed windows ending with the
    /// window just computed (oldest first; at least the last <c>For</c> of them).
    /// </summary>
    /// <param name="rule">The rule.</param>
    /// <param name="windows">Consecutive closed windows, oldest first, ending with the evaluated one.</param>
    /// <param name="firing">True when an alert of this rule is firing now.</param>
    /// <param name="latest">True when the evaluated window is the model's latest closed window.</param>
    public static AlertDecision Evaluate(AlertRuleConfig rule, IReadOnlyList<WindowObservation> windows, bool firing, bool latest)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(windows);
        if (windows.Count == 0) return AlertDecision.None;
        var last = windows[^1];
        var now = rule.Expression.Holds(last);
        if (firing)
            return latest && now == false ? new AlertDecision(AlertAction.Resolve, Evidence(rule, [last], "resolved")) : AlertDecision.None;
        if (windows.Count < rule.For) return AlertDecision.None;
        var span = windows.Skip(windows.Count - rule.For).ToList();
        for (var i = 0; i < span.Count; i++)
        {
            if (rule.Expression.Holds(span[i]) != true) return AlertDecision.None;
            if (i > 0 && span[i].Index != span[i - 1].Index + 1) return AlertDecision.None;
        }
        return new AlertDecision(AlertAction.Fire, Evidence(rule, span, "fired"));
    }

    /// <summary>The evidence JSON: rule, expression, <c>for</c>, state and per window its bounds and observed value.</summary>
    public static string Evidence(AlertRuleConfig rule, IReadOnlyList<WindowObservation> windows, string state)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(windows);
        return JsonText.Render(w =>
        {
            w.WriteStartObject();
            w.WriteString("rule", rule.Name);
            w.WriteString("expression", rule.Expression.Text);
            w.WriteNumber("for", rule.For);
            w.WriteString("state", state);
            w.WriteStartArray("windows");
            foreach (var x in windows)
            {
                w.WriteStartObject();
                w.WriteNumber("index", x.Index);
                w.WriteString("start", x.Start.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                w.WriteString("end", x.End.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                w.WriteNumber("events", x.Events);
                if (rule.Expression.Observe(x) is { } v && double.IsFinite(v)) w.WriteNumber("observed", v); else w.WriteNull("observed");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }
}
